"""The report's data: one plain dict built from the store and the catalog (reports/ renders it)."""

from __future__ import annotations

from collections import Counter

from scanner import __version__
from scanner.store import Store

SEVERITIES = ("critical", "high", "medium", "low", "info")
UNCHECKED = ("BLOCKED", "ERROR")


def build_report_data(store: Store, scan_id: int, generated_at: str) -> dict:
    from spiders.catalog import default_catalog

    scan = store.scan(scan_id)
    if scan is None:
        raise LookupError(f"there is no scan number {scan_id} (see `unlisted history`)")
    catalog = {s.id: s for s in default_catalog()}
    results = {r.site: r for r in store.site_results(scan_id)}
    findings = store.findings(scan_id)
    per_site = Counter(f.site for f in findings)
    order = [sid for sid in catalog if sid in results] + sorted(set(results) - set(catalog))

    sites = []
    for sid in order:
        r, entry = results[sid], catalog.get(sid)
        sites.append({
            "id": sid,
            "name": entry.name if entry else sid,
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
             "site_name": catalog[f.site].name if f.site in catalog else f.site, "reasons": list(f.reasons)}
            for f in findings
        ],
        "manual_checks": [
            {"site": s["id"], "site_name": s["name"], "status": s["status"], "reason": s["detail"],
             "search_url": s["search_url"], "optout_url": s["optout_url"]}
            for s in sites if s["status"] in UNCHECKED
        ],
    }
