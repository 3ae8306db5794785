"""The report's data: one plain dict built from the store and the catalog (reports/ renders it).

The same contract serves a scan (build_report_data, with report_changes for "what changed" and the
trend) and `unlisted analyze --format html` (analyze_report_data: each input plays the part of a site:
analysed inputs are checked, failed ones are listed to look at by hand, with the reason).
"""

from __future__ import annotations

from collections import Counter
from typing import Mapping, NamedTuple

from scanner import __version__
from scanner.history.changes import (
    SCORE_RULE,
    TREND_POINTS,
    baseline_for,
    diff,
    diff_dict,
    load_history,
    problems_since,
)
from scanner.history.store import Store
from scanner.history.tasks import open_task_count, report_tasks
from scanner.profile import Profile
from scanner.sources.coverage import coverage_of

POSSIBLE = "possible_match"   # a listing of the name in the town, which the profile cannot confirm (engine/matcher.py)


class SiteStatus(NamedTuple):
    status: str
    detail: str

SEVERITIES = ("critical", "high", "medium", "low", "info")
MANUAL = ("BLOCKED", "ERROR", "SKIPPED")   # every site we did not search becomes a check by hand


def build_report_data(store: Store, scan_id: int, generated_at: str) -> dict:
    from scanner.sources.families import known_source_names
    from scanner.sources.professional_data import fix_for
    from scanner.sources.social import social_fix
    from spiders.catalog import default_catalog

    scan = store.scan(scan_id)
    if scan is None:
        raise LookupError(f"there is no scan number {scan_id} (see `unlisted history`)")
    catalog = {s.id: s for s in default_catalog()}
    names = known_source_names()
    results = {r.site: r for r in store.site_results(scan_id)}
    findings = store.findings(scan_id)
    exposures = [f for f in findings if f.kind != POSSIBLE]
    per_site = Counter(f.site for f in exposures)
    order = [sid for sid in catalog if sid in results] + sorted(set(results) - set(catalog))

    sites = []
    for sid in order:
        r, entry = results[sid], catalog.get(sid)
        sites.append({
            "id": sid,
            "name": entry.name if entry else names.get(sid, sid),
            "status": r.status,
            "detail": r.detail,
            "search_url": r.search_url,
            "fetched_with": r.fetched_with,
            "optout_url": entry.optout.url if entry else "",
            "parent": entry.optout.parent if entry else "",
            "findings": per_site.get(sid, 0),
        })
    by_severity = Counter(f.severity for f in exposures)
    unanswered = max(0, scan.sites_total - len(sites))  # a scan that stopped before recording every site
    coverage = coverage_of([SiteStatus(s["status"], s["detail"]) for s in sites] + [SiteStatus("ERROR", "")] * unanswered)
    return {
        "tool_version": __version__,
        "generated_at": generated_at,
        "subject_name": scan.subject_name,
        "scan": {"id": scan.id, "started_at": scan.started_at, "finished_at": scan.finished_at,
                 "state": scan.state, "mode": scan.mode},
        "summary": {
            "findings": len(exposures),
            "possible_matches": len(findings) - len(exposures),
            "by_severity": {s: by_severity.get(s, 0) for s in SEVERITIES},
            "sites_total": scan.sites_total,
            "sites_searched": coverage.searched,
            "sites_checked": coverage.checked,
            "sites_listed": sum(1 for s in sites if s["findings"]),
            "sites_unchecked": coverage.unchecked,
            "sites_skipped": coverage.skipped,
        },
        "coverage": coverage.to_dict(),
        "sites": sites,
        "findings": [
            {"id": f.id, "fingerprint": f.fingerprint, "kind": f.kind, "subject": f.subject, "value": f.value,
             "confidence": round(f.confidence, 2), "severity": f.severity, "evidence": f.evidence,
             "source_url": f.source_url, "site": f.site,
             "site_name": catalog[f.site].name if f.site in catalog else names.get(f.site, f.site),
             "reasons": list(f.reasons),
             **dict(zip(("fix", "fix_url"), social_fix(f) or fix_for(f.site)))}
            for f in findings
        ],
        "manual_checks": [
            {"site": s["id"], "site_name": s["name"], "status": s["status"], "reason": s["detail"],
             "search_url": s["search_url"], "optout_url": s["optout_url"]}
            for s in sorted(sites, key=lambda s: MANUAL.index(s["status"]) if s["status"] in MANUAL else 0)
            if s["status"] in MANUAL
        ],
        "optout_families": optout_families(catalog, [s["id"] for s in sites if s["findings"]]),
        "tasks": report_tasks(store, scan_id),
    }


def optout_families(catalog: dict, listed: list[str]) -> list[dict]:
    """The opt-outs to file, one per company: storefronts of one parent share one request (the parent's
    own page, i.e. the entry that names the sites it covers); a site without a parent stands alone."""
    families: dict[str, list] = {}
    for sid in listed:
        entry = catalog.get(sid)
        if entry is not None:
            families.setdefault(entry.optout.parent or f"site:{sid}", []).append(entry)
    out = []
    for key, members in families.items():
        parent = "" if key.startswith("site:") else key
        kin = [e for e in catalog.values() if parent and e.optout.parent == parent]
        head = next((e for e in kin if e.optout.covers), members[0])
        o = head.optout
        out.append({
            "parent": parent, "head": head.id, "head_name": head.name, "optout_url": o.url,
            "methods": list(o.methods), "requires": list(o.requires), "email": o.email,
            "processing_days": o.processing_days, "recheck_days": o.recheck_days, "notes": o.notes,
            "covers": list(o.covers),
            "sites": [{"id": e.id, "name": e.name, "optout_url": e.optout.url} for e in members],
        })
    out.sort(key=lambda f: (-len(f["sites"]), f["parent"] or f["sites"][0]["name"]))
    return out


def report_changes(store: Store, scan_id: int, site_names: Mapping[str, str] | None = None) -> dict:
    """The report's "what changed" and trend data, as plain dicts (key ``changes`` of the report).

    ``open_tasks`` in each trend point: the tasks not finished right after that scan (scanner.history.tasks.open_task_count),
    None for a scan made before tasks were tracked.
    """
    names = dict(site_names or {})
    history = load_history(store, scan_id)
    current = history[-1]
    base = baseline_for(history, scan_id)
    trend_snaps = [s for s in history if s.usable or s.scan.id == scan_id][-TREND_POINTS:]
    runs = store.runs()
    return {
        "score": current.score,
        "score_rule": SCORE_RULE,
        "baseline": None if base is None else {"id": base.scan.id, "started_at": base.scan.started_at},
        "diff": None if base is None else diff_dict(diff(history, base.scan.id, scan_id), names),
        "trend": [{"scan_id": s.scan.id, "date": s.scan.started_at[:10], "state": s.scan.state,
                   "score": s.score, "findings": len(s.findings), "open_tasks": open_task_count(store, s.scan.id)}
                  for s in trend_snaps],
        "problems": [{"run_id": r.id, "started_at": r.started_at, "outcome": r.outcome, "detail": r.detail}
                     for r in problems_since(runs, base.scan.started_at if base else "",
                                             current.scan.finished_at if current.scan.state != "running" else "")],
    }


def analyze_report_data(result: dict, profile: Profile, inputs: list[str], generated_at: str) -> dict:
    errors = {e["input"]: e["error"] for e in result["errors"]}
    # An input only partly read (cut at the size cap, an image not read fully) is not "checked": it is
    # listed to look at by hand, its findings still shown, and said to be incomplete above everything.
    partly = {i["input"]: i["reason"] for i in result.get("incomplete", [])}
    walls = {i["input"] for i in result.get("incomplete", []) if i["kind"] == "blocked"}   # a site's bot check: not read at all
    unchecked = {**partly, **errors}
    per_input = Counter(f["input"] for f in result["findings"] if f["kind"] != POSSIBLE)
    ids = {item: f"input{i + 1}" for i, item in enumerate(inputs)}
    link = lambda item: item if item.startswith(("http://", "https://")) else ""  # noqa: E731

    def detail(item: str) -> str:
        if item in errors:
            return errors[item]
        if item in walls:
            return partly[item]
        if item in partly:
            found = "details were found" if per_input.get(item) else "nothing found"
            return f"{partly[item]}; {found} in the part that was read"
        return "analysed"

    sites = [
        {"id": ids[item], "name": item, "status": "BLOCKED" if item in walls else "ERROR" if item in unchecked else "RESULTS",
         "detail": detail(item), "search_url": link(item), "optout_url": "", "parent": "",
         "findings": per_input.get(item, 0), "fetched_with": "http" if link(item) and item not in errors else ""}
        for item in inputs
    ]
    by_severity = Counter(f["severity"] for f in result["findings"] if f["kind"] != POSSIBLE)
    possible = sum(1 for f in result["findings"] if f["kind"] == POSSIBLE)
    return {
        "tool_version": __version__,
        "generated_at": generated_at,
        "subject_name": profile.person.name,
        "scan": {"id": 0, "started_at": generated_at, "finished_at": generated_at, "state": "complete", "mode": "live"},
        "summary": {
            "findings": len(result["findings"]) - possible,
            "possible_matches": possible,
            "by_severity": {s: by_severity.get(s, 0) for s in SEVERITIES},
            "sites_total": len(inputs), "sites_searched": len(inputs), "sites_checked": len(inputs) - len(unchecked),
            "sites_listed": sum(1 for n in per_input.values() if n), "sites_unchecked": len(unchecked),
            "sites_skipped": 0,
        },
        "sites": sites,
        "findings": [
            {"id": n + 1, "fingerprint": f["fingerprint"], "kind": f["kind"], "subject": f["subject"],
             "value": f["value"], "confidence": round(f["confidence"], 2), "severity": f["severity"],
             "evidence": f["evidence"], "source_url": link(f["input"]), "site": ids[f["input"]],
             "site_name": f["input"], "reasons": f.get("reasons", [])}
            for n, f in enumerate(result["findings"])
        ],
        "manual_checks": [
            {"site": ids[item], "site_name": item, "status": "BLOCKED" if item in walls else "ERROR", "reason": detail(item),
             "search_url": link(item), "optout_url": ""}
            for item in inputs if item in unchecked
        ],
        "optout_families": [],
        "tasks": [],
        "not_read_fully": [i["reason"] if i["kind"] == "cut" else f"{i['input']}: {i['reason']}"
                           for i in result.get("incomplete", [])],
    }
