"""`unlisted analyze --format html`: the analysis as the same self-contained report as a scan.

Each input plays the part of a "site": analysed inputs are checked, failed ones are listed to look
at by hand, with the reason.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from scanner import __version__
from scanner.config import write_private
from scanner.profile import Profile
from scanner.reportdata import SEVERITIES


def analyze_report_data(result: dict, profile: Profile, inputs: list[str], generated_at: str) -> dict:
    errors = {e["input"]: e["error"] for e in result["errors"]}
    per_input = Counter(f["input"] for f in result["findings"])
    ids = {item: f"input{i + 1}" for i, item in enumerate(inputs)}
    link = lambda item: item if item.startswith(("http://", "https://")) else ""  # noqa: E731
    sites = [
        {"id": ids[item], "name": item, "status": "ERROR" if item in errors else "RESULTS",
         "detail": errors.get(item, "analysed"), "search_url": link(item), "optout_url": "", "parent": "",
         "findings": per_input.get(item, 0)}
        for item in inputs
    ]
    by_severity = Counter(f["severity"] for f in result["findings"])
    return {
        "tool_version": __version__,
        "generated_at": generated_at,
        "subject_name": profile.person.name,
        "scan": {"id": 0, "started_at": generated_at, "finished_at": generated_at, "state": "complete", "mode": "live"},
        "summary": {
            "findings": len(result["findings"]),
            "by_severity": {s: by_severity.get(s, 0) for s in SEVERITIES},
            "sites_total": len(inputs), "sites_checked": len(inputs) - len(errors),
            "sites_listed": sum(1 for n in per_input.values() if n), "sites_unchecked": len(errors),
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
            {"site": ids[item], "site_name": item, "status": "ERROR", "reason": errors[item],
             "search_url": link(item), "optout_url": ""}
            for item in inputs if item in errors
        ],
        "optout_families": [],
        "tasks": [],
    }


def write_analyze_report(result: dict, profile: Profile, inputs: list[str], output: Path) -> Path:
    from reports.render import render_html
    from scanner.service import stamp, utc_now

    return write_private(output, render_html(analyze_report_data(result, profile, inputs, stamp(utc_now()))))
