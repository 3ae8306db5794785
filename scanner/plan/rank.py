"""The plan's order and its cut into "This month" and "Later", from rules.toml [plan], [[tier]], [[rank]].

* ``read_ranking``: those tables, strictly read (scanner/plan/ruleset.py calls it);
* ``tier_for``: a task's tier, from the first [[rank]] its kind (or hardening measure) and findings match;
* ``order_key``: tier, then severity, then impact: the one order of every list of tasks;
* ``split``: which open tasks go in "This month" (every task of an `always` tier, then the next ones
  up to this_month_max) and which wait for "Later". Pure functions: no clock, no store.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from scanner.plan.model import family_of

SEVERITIES = ("critical", "high", "medium", "low", "info")
KINDS = ("optout", "manual_check", "setting", "hardening")
RANK_TASKS = KINDS + ("checklist", "*")
PRIORITIES = ("crucial", "high", "normal")
THIS_MONTH, LATER, DONE = "this_month", "later", "done"   # DONE: already waiting or finished at the cut


@dataclass(frozen=True)
class Tier:
    id: str
    this_month: bool
    always: bool = False
    lead: bool = False         # its open tasks head "the five things to do first" (reports/tasks.py)


@dataclass(frozen=True)
class Rank:
    """Which tier a task falls in; empty conditions match anything."""

    id: str
    tier: str
    tasks: tuple[str, ...]
    kinds: tuple[str, ...] = ()
    families: tuple[str, ...] = ()
    site_priority: tuple[str, ...] = ()
    min_severity: str = ""
    measures: tuple[str, ...] = ()    # only these hardening measures (hardening.toml ids)

    @property
    def about_findings(self) -> bool:
        return bool(self.kinds or self.families or self.min_severity)


def read_ranking(doc: dict, r, kinds: Mapping, families: Mapping,
                 measures: Mapping) -> tuple[tuple[Tier, ...], tuple[Rank, ...], int]:
    """[plan], [[tier]] and [[rank]] of rules.toml (``r``: a ruleschema.Reader; ``measures``: hardening.toml's)."""
    plan = r.table(doc.get("plan", {}), "plan", {"this_month_max"}, {"this_month_max"})
    this_month_max = int(r.number(plan, "this_month_max", "plan", 1, 500, integer=True))
    tiers: list[Tier] = []
    for path, raw in r.tables(doc, "tier"):
        t = r.table(raw, path, {"id", "this_month", "always", "lead"}, {"id", "this_month"})
        tier = Tier(id=r.slug(t, "id", path), this_month=r.flag(t, "this_month", path),
                    always=r.flag(t, "always", path) if "always" in t else False,
                    lead=r.flag(t, "lead", path) if "lead" in t else False)
        if tier.id in {x.id for x in tiers}:
            raise r.fail(f"{path}.id", f'"{tier.id}" is used twice')
        tiers.append(tier)
    if not tiers:
        raise r.fail("tier", "at least one [[tier]] is required")
    ranks: list[Rank] = []
    for path, raw in r.tables(doc, "rank"):
        t = r.table(raw, path, {"id", "tier", "tasks", "kinds", "families", "site_priority", "min_severity",
                                "measures"}, {"id", "tier", "tasks"})
        rank = Rank(id=r.slug(t, "id", path), tier=r.choice(t, "tier", path, tuple(x.id for x in tiers)),
                    tasks=r.texts(t, "tasks", path, required=True), kinds=r.texts(t, "kinds", path),
                    families=r.texts(t, "families", path), site_priority=r.texts(t, "site_priority", path),
                    min_severity=r.choice(t, "min_severity", path, SEVERITIES) if "min_severity" in t else "",
                    measures=r.texts(t, "measures", path))
        if rank.measures and rank.tasks != ("hardening",):
            raise r.fail(f"{path}.measures", 'needs tasks = ["hardening"]: measures are hardening tasks')
        for field, known in (("tasks", RANK_TASKS), ("kinds", tuple(kinds) + ("*",)),
                             ("families", tuple(families) + ("*",)), ("site_priority", PRIORITIES),
                             ("measures", tuple(measures))):
            for i, value in enumerate(getattr(rank, field)):
                if value not in known:
                    raise r.fail(f"{path}.{field}[{i}]", f'"{value}" is not one of {", ".join(known)}')
        ranks.append(rank)
    last = ranks[-1] if ranks else None
    if last is None or last.tasks != ("*",) or last.about_findings or last.site_priority or last.measures:
        raise r.fail("rank", 'the last [[rank]] must match every task (tasks = ["*"] and nothing else)')
    return tuple(tiers), tuple(ranks), this_month_max


def site_priority(site: str, ctx) -> str:
    entry = ctx.sites.get(site) if isinstance(site, str) else None
    return entry.priority if entry is not None else "normal"


def _severity(severity: str) -> int:
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


def _matches(rank: Rank, findings: Iterable, manual_site: str, ctx, measure: str = "") -> bool:
    if rank.measures and measure not in rank.measures:
        return False
    findings = list(findings)
    if not findings:
        return not rank.about_findings and (not rank.site_priority
                                            or site_priority(manual_site, ctx) in rank.site_priority)
    for f in findings:
        site = f.site if isinstance(f.site, str) else ""
        if rank.kinds and "*" not in rank.kinds and f.kind not in rank.kinds:
            continue
        if rank.families and "*" not in rank.families and family_of(site, ctx) not in rank.families:
            continue
        if rank.site_priority and site_priority(site, ctx) not in rank.site_priority:
            continue
        if rank.min_severity and _severity(f.severity) > _severity(rank.min_severity):
            continue
        return True
    return False


def tier_for(kind: str, findings: Iterable, ctx, manual_site: str = "", key: str = "") -> str:
    """The tier of a task of ``kind`` (or "checklist") about ``findings`` (or the unchecked ``manual_site``);
    ``key``: the task's key, for [[rank]]s that name hardening measures ("hardening:ca-drop")."""
    findings = list(findings)
    measure = key.partition(":")[2] if kind == "hardening" else ""
    for rank in ctx.rules.ranks:
        if ("*" in rank.tasks or kind in rank.tasks) and _matches(rank, findings, manual_site, ctx, measure):
            return rank.tier
    return _fallback(ctx.rules).id


def _fallback(rules) -> Tier:
    """The tier of a task planned without one (an older row): the tier of the last [[rank]], which matches all."""
    tiers = {t.id: t for t in rules.tiers}
    return tiers.get(rules.ranks[-1].tier, rules.tiers[-1]) if rules.ranks else rules.tiers[-1]


def order_key(tier: str, severity: str, impact: float, sites: int, kind: str, key: str, rules) -> tuple:
    """Most urgent first: tier, severity, impact, then more sites, kind and key (stable)."""
    tiers = [t.id for t in rules.tiers]
    tier = tier if tier in tiers else _fallback(rules).id
    return (tiers.index(tier), _severity(severity), -float(impact), -sites,
            KINDS.index(kind) if kind in KINDS else len(KINDS), key)


def split(tasks: Iterable[tuple[str, str, bool]], rules) -> dict[str, str]:
    """key -> THIS_MONTH | LATER | DONE for ``(key, tier, to_do)`` triples given in plan order (order_key).

    Open tasks (``to_do``) of an `always` tier all go in "This month"; then the next open tasks of the
    tiers marked this_month, in order, while "This month" holds fewer than this_month_max. Tasks not
    to do at the cut (waiting for a site, or finished) are DONE: they belong to neither part."""
    tiers = {t.id: t for t in rules.tiers}
    fallback = _fallback(rules)
    items = list(tasks)
    when = {key: (LATER if to_do else DONE) for key, _, to_do in items}
    month = [key for key, tier, to_do in items if to_do and tiers.get(tier, fallback).always]
    for key, tier, to_do in items:
        if len(month) >= rules.this_month_max:
            break
        spec = tiers.get(tier, fallback)
        if to_do and spec.this_month and not spec.always:
            month.append(key)
    when.update({key: THIS_MONTH for key in month})
    return when
