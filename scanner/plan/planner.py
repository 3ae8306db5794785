"""From findings to a plan: opt-out requests, settings to change, hardening and manual checks.

``plan_tasks`` is pure and deterministic: the same findings, site results, profile, catalog and
date give the same tasks in the same order. What to plan comes from ``scanner/plan/rules/*.toml``.

Scraped text never reaches a task's title, steps or explanation: those are built from our own
fields only (catalog names, platform names, finding kinds, the profile's relation words). The one
scraped-origin field a task carries is ``listing_urls``: each a plain http(s) link on the site it
came from (``letters.safe_listing_url``), for the report's link filter and the letters.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from typing import Iterable, Mapping

from scanner.plan.checklist import checklist_task, keeps_own_task
from scanner.plan.letters import home_state, letter_for
from scanner.plan.model import (
    PEOPLE_SEARCH,
    Bucket,
    FindingLike,
    SourceInfo,
    Task,
    family_of,
    is_known,
    safe_id,
    slug,
    subject_key,
)
from scanner.plan.rank import order_key, site_priority, tier_for
from scanner.plan.ruleset import Rules, default_rules
from scanner.profile import Profile

TASK_KINDS = ("optout", "manual_check", "setting", "hardening")
UNCHECKED = ("BLOCKED", "ERROR")
NOT_PLANNED = ("possible_match",)   # a namesake is as likely: the profile must confirm it before anything is filed


def source_info_from_plans(plans: Iterable) -> dict[str, SourceInfo]:
    """SourceInfo per source id from scanner.sources.plan.SourcePlan objects (duck-typed: no import)."""
    return {sid: SourceInfo(family=plan.family, name=name) for plan in plans for sid, name in plan.sources}


def guess_source_info(names: Mapping[str, str], catalog: Iterable = (), rules: Rules | None = None) -> dict[str, SourceInfo]:
    """SourceInfo from display names (e.g. scanner.sources.families.known_source_names()) when no plans are at
    hand: catalog sites are people-search sites, the others get a family from rules.toml
    [source_families]; ids no entry fits are left out (they count as "other")."""
    rules = rules or default_rules()
    in_catalog = {s.id for s in catalog}
    out: dict[str, SourceInfo] = {}
    for sid, name in names.items():
        family = PEOPLE_SEARCH if sid in in_catalog else rules.family_for_source(sid)
        if family:
            out[sid] = SourceInfo(family=family, name=name)
    return out


def plan_tasks(findings: Iterable[FindingLike], site_results: Iterable, profile: Profile, catalog: Iterable,
               source_info: Mapping[str, SourceInfo] | None = None, today: _dt.date | None = None,
               rules: Rules | None = None, with_letters: bool = True) -> list[Task]:
    """Every task the findings and unchecked sites call for, most urgent first (scanner/plan/rank.py).

    Sites that could not be checked get a task each when they are crucial or high priority; the others
    are one checklist (scanner/plan/checklist.py).

    ``site_results``: objects with ``site`` and ``status`` (and ``search_url``), e.g. store.SiteResult.
    ``catalog``: spiders.catalog Site objects. ``source_info``: family and name per source id; catalog
    sites not in it count as people-search sites. ``today`` is needed for letters (state-law dates);
    without it, steps that depend on the date (California's DROP) are left out.
    """
    from scanner.plan.build import Context, build_task

    rules = rules or default_rules()
    sites = {s.id: s for s in catalog}
    info = dict(source_info or {})
    ctx = Context(rules=rules, sites=sites, info=info, profile=profile, state=home_state(profile), today=today)
    unique: dict[str, FindingLike] = {}
    for f in findings:
        if f.kind not in NOT_PLANNED:
            unique.setdefault(f.fingerprint, f)
    buckets: dict[str, Bucket] = {}
    for fp in sorted(unique):
        finding = unique[fp]
        refs = _refs_for(finding, ctx)
        for key, kind, ref in refs:
            buckets.setdefault(key, Bucket(key, kind, ref)).findings[fp] = finding
    for result in sorted(site_results, key=lambda r: r.site):
        if result.status in UNCHECKED or (result.status == "SKIPPED" and _disabled_catalog_site(sites.get(result.site))):
            key = f"manual:{safe_id(result.site)}"
            buckets.setdefault(key, Bucket(key, "manual_check", ("manual", result.site, result.status,
                                                                   getattr(result, "search_url", ""))))
    tasks, folded = [], []
    for bucket in buckets.values():
        task = build_task(bucket, ctx)
        if task is None:
            continue
        manual_site = bucket.ref[1] if bucket.ref[0] == "manual" else ""
        if manual_site and not keeps_own_task(site_priority(manual_site, ctx)):
            folded.append(task)     # a site that is not crucial or high priority: one line of the checklist
            continue
        tasks.append(dataclasses.replace(
            task, tier=tier_for(task.kind, bucket.findings.values(), ctx, manual_site, bucket.key)))
    checklist = checklist_task(folded, ctx)
    if checklist is not None:
        tasks.append(dataclasses.replace(checklist, tier=tier_for("checklist", (), ctx)))
    if with_letters:
        if today is None:
            raise ValueError("plan_tasks needs today's date to write letters (or with_letters=False)")
        tasks = [dataclasses.replace(t, letter=letter_for(t, profile, today, rules))
                 if t.kind in ("optout", "manual_check") and not t.checklist else t for t in tasks]
    return sorted(tasks, key=lambda t: order_key(t.tier, t.severity, t.impact, len(t.sites), t.kind, t.key, rules))


def tasks_for_finding(tasks: Iterable[Task], fingerprint: str) -> list[Task]:
    return [t for t in tasks if fingerprint in t.fingerprints]


def _refs_for(finding: FindingLike, ctx) -> list[tuple[str, str, tuple[str, ...]]]:
    """(bucket key, task kind, builder ref) for every task a finding calls for."""
    rules: Rules = ctx.rules
    site = finding.site if isinstance(finding.site, str) else ""
    family = family_of(site, ctx)
    subj, _ = subject_key(finding.subject, ctx.profile)
    rank = _severity_rank(finding.severity)
    out: list[tuple[str, str, tuple[str, ...]]] = []
    for rule in rules.rules:
        if "*" not in rule.kinds and finding.kind not in rule.kinds:
            continue
        if "*" not in rule.families and family not in rule.families:
            continue
        if rule.sites and site not in rule.sites:
            continue
        if rule.subjects == "self" and subj != "self" or rule.subjects == "family" and subj == "self":
            continue
        if rank > _severity_rank(rule.min_severity):
            continue
        for ref in rule.tasks:
            resolved = _resolve(ref, rule.fallback, site, subj, ctx)
            if resolved and resolved not in out:
                out.append(resolved)
    if not any(kind != "hardening" for _, kind, _ in out):
        out.append(_contact(site, ctx))   # every finding gets a task about the listing itself
    return out


def _resolve(ref: str, fallback: str, site: str, subj: str, ctx) -> tuple[str, str, tuple[str, ...]] | None:
    rules: Rules = ctx.rules
    head, _, name = ref.partition(":")
    if ref == "optout":
        entry = ctx.sites.get(site)
        if entry is None:
            return _contact(site, ctx)
        group = slug(entry.optout.parent) or entry.id
        return f"optout:{group}", "optout", ("optout", group)
    if ref == "setting:@source":
        platform = rules.platform_for_source(site) if site else None
        if platform:
            subj = "self" if platform.owner == "self" else subj
            return f"setting:{platform.id}:{subj}", "setting", ("setting", platform.id, subj)
        if fallback == "contact" or not is_known(site, ctx):
            return _contact(site, ctx)
        return f"setting:{safe_id(site)}:{subj}", "setting", ("account", site, subj)
    if head == "setting":
        subj = "self" if rules.platforms[name].owner == "self" else subj
        return f"setting:{name}:{subj}", "setting", ("setting", name, subj)
    measure = rules.measures[name]
    if measure.states and ctx.state not in measure.states:
        return None
    return f"hardening:{name}", "hardening", ("hardening", name)


def _contact(site: str, ctx) -> tuple[str, str, tuple[str, ...]]:
    """Ask the source itself to remove the details (a site outside the catalog, or an unknown page)."""
    if is_known(site, ctx):
        if site in ctx.sites:
            entry = ctx.sites[site]
            group = slug(entry.optout.parent) or entry.id
            return f"optout:{group}", "optout", ("optout", group)
        return f"optout:{safe_id(site)}", "optout", ("contact", site)
    return "optout:other-pages", "optout", ("contact", "")


def _disabled_catalog_site(entry) -> bool:
    return entry is not None and not entry.enabled and bool(entry.manual_url)


def _severity_rank(severity: str) -> int:
    order = ("critical", "high", "medium", "low", "info")
    return order.index(severity) if severity in order else len(order)
