"""The report's data: one plain dict built from the store and the catalog (reports/ renders it)."""

from __future__ import annotations

from collections import Counter

from scanner import __version__
from scanner.history.store import Store
from scanner.history.tasks import report_tasks

SEVERITIES = ("critical", "high", "medium", "low", "info")
UNCHECKED = ("BLOCKED", "ERROR")
MANUAL = UNCHECKED + ("SKIPPED",)   # every site we did not search becomes a check by hand


def build_report_data(store: Store, scan_id: int, generated_at: str) -> dict:
    from scanner.sources.social import social_fix
    from scanner.sources.professional_data import fix_for
    from scanner.sources.families import known_source_names
    from spiders.catalog import default_catalog

    scan = store.scan(scan_id)
    if scan is None:
        raise LookupError(f"there is no scan number {scan_id} (see `unlisted history`)")
    catalog = {s.id: s for s in default_catalog()}
    names = known_source_names()
    results = {r.site: r for r in store.site_results(scan_id)}
    findings = store.findings(scan_id)
    per_site = Counter(f.site for f in findings)
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
            "optout_url": entry.optout.url if entry else "",
            "parent": entry.optout.parent if entry else "",
            "findings": per_site.get(sid, 0),
        })
    by_severity = Counter(f.severity for f in findings)
    return {
        "tool_version": __version__,
        "generated_at": generated_at,
        "subject_name": scan.subject_name,
        "scan": {"id": scan.id, "started_at": scan.started_at, "finished_at": scan.finished_at,
                 "state": scan.state, "mode": scan.mode},
        "summary": {
            "findings": len(findings),
            "by_severity": {s: by_severity.get(s, 0) for s in SEVERITIES},
            "sites_total": scan.sites_total,
            "sites_checked": sum(1 for s in sites if s["status"] in ("RESULTS", "NO_RESULTS")),
            "sites_listed": sum(1 for s in sites if s["findings"]),
            "sites_unchecked": sum(1 for s in sites if s["status"] in UNCHECKED)
                               + max(0, scan.sites_total - len(sites)),
        },
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
