"""A fictional sample report in the exact shape the service layer builds.

Synthetic person only (DESIGN rule 9): fictional names, 555-01xx phones, example.com
emails, .example hosts. Every call returns a fresh deep copy, so tests may mutate it.

Write the sample as HTML for a look in a browser:

    PYTHONPATH=. python tests/unit/report_fixtures.py /tmp/report-sample.html
"""

from __future__ import annotations

import copy
import sys
from typing import Any

_SITES = [
    {"id": "peoplecove", "name": "PeopleCove", "status": "RESULTS",
     "detail": "the search returned 4 listings; 1 matches you",
     "search_url": "https://peoplecove.example/search?name=Avery+Quinlan&state=OR",
     "optout_url": "https://peoplecove.example/optout", "parent": "PeopleCove Inc.", "findings": 4},
    {"id": "fastfindr", "name": "FastFindr", "status": "RESULTS",
     "detail": "the search returned 2 listings; 1 matches you",
     "search_url": "https://fastfindr.example/people/avery-quinlan/portland-or",
     "optout_url": "https://fastfindr.example/remove-my-info", "parent": "Lookup Holdings LLC",
     "findings": 3},
    {"id": "truerecords", "name": "TrueRecords", "status": "BLOCKED",
     "detail": "the site showed a bot challenge",
     "search_url": "https://truerecords.example/find?first=Avery&last=Quinlan",
     "optout_url": "https://truerecords.example/privacy/optout", "parent": "Lookup Holdings LLC",
     "findings": 0},
    {"id": "quietlookup", "name": "QuietLookup", "status": "NO_RESULTS",
     "detail": "the site said it found no one by that name",
     "search_url": "https://quietlookup.example/s/Avery-Quinlan",
     "optout_url": "https://quietlookup.example/opt-out", "parent": "QuietLookup", "findings": 0},
    {"id": "recordrover", "name": "RecordRover", "status": "RESULTS",
     "detail": "the search returned 3 listings; none match you",
     "search_url": "https://recordrover.example/name/avery-quinlan",
     "optout_url": "https://recordrover.example/suppress", "parent": "Rover Data Co.", "findings": 0},
    {"id": "datadune", "name": "DataDune", "status": "ERROR",
     "detail": "the site did not answer in time",
     "search_url": "https://datadune.example/search?q=Avery%20Quinlan",
     "optout_url": "https://datadune.example/optout", "parent": "Dune Media", "findings": 0},
    {"id": "phonebookly", "name": "Phonebookly", "status": "SKIPPED",
     "detail": "needs a phone number, and your profile has none for searching",
     "search_url": "https://phonebookly.example/reverse",
     "optout_url": "https://phonebookly.example/remove", "parent": "Phonebookly", "findings": 0},
]

_EVIDENCE = (
    "Avery J Quinlan, age 44\nCurrent address: 4821 SE Larkspur Ct, Portland, OR 97206\n"
    "Phone: (503) 555-0142 · Relatives: Jordan Quinlan, M. Quinlan"
)


def _finding(fid: int, site: str, site_name: str, kind: str, value: str, severity: str,
             confidence: float, reasons: list[str], subject: str = "self") -> dict[str, Any]:
    return {
        "id": fid, "fingerprint": f"{fid:02d}ab12cd34ef56", "kind": kind, "subject": subject,
        "value": value, "confidence": confidence, "severity": severity, "evidence": _EVIDENCE,
        "source_url": f"https://{site}.example/person/avery-j-quinlan-{fid}",
        "site": site, "site_name": site_name, "reasons": reasons,
    }


_FINDINGS = [
    _finding(12, "peoplecove", "PeopleCove", "home_address", "4821 SE Larkspur Ct, Portland, OR 97206",
             "critical", 0.93, ["street number and name match your home address",
                                "lives in Portland, OR", "age 44 matches your birth year"]),
    _finding(14, "fastfindr", "FastFindr", "home_address", "4821 SE Larkspur Ct, Portland, OR 97206",
             "critical", 0.88, ["street number and name match your home address"]),
    _finding(13, "peoplecove", "PeopleCove", "phone", "(503) 555-0142", "high", 0.91,
             ["phone number matches your personal phone", "listed next to your name"]),
    _finding(15, "peoplecove", "PeopleCove", "relative", "Jordan Quinlan", "high", 0.84,
             ["name matches a family member in your profile", "same surname and city"],
             subject="Jordan Quinlan"),
    _finding(16, "fastfindr", "FastFindr", "email", "avery.quinlan@example.com", "high", 0.79,
             ["email matches your personal email"]),
    _finding(17, "peoplecove", "PeopleCove", "previous_address", "1207 NE Alder St, Apt 3, Portland, OR 97232",
             "medium", 0.72, ["matches a previous address in your profile"]),
    _finding(18, "fastfindr", "FastFindr", "birth_date", "Age 44 (born 1982)", "medium", 0.66,
             ["age matches your birth year"]),
]

SAMPLE_REPORT: dict[str, Any] = {
    "tool_version": "0.1.0",
    "generated_at": "2026-11-23 11:40 UTC",
    "subject_name": "Avery J. Quinlan",
    "scan": {"id": 3, "started_at": "2026-11-23 11:38 UTC", "finished_at": "2026-11-23 11:40 UTC",
             "state": "complete", "mode": "live"},
    "summary": {"findings": 7,
                "by_severity": {"critical": 2, "high": 3, "medium": 2, "low": 0, "info": 0},
                "sites_total": 7, "sites_checked": 4, "sites_listed": 2, "sites_unchecked": 2},
    "sites": _SITES,
    "findings": _FINDINGS,
    "manual_checks": [
        {"site": "truerecords", "site_name": "TrueRecords", "status": "BLOCKED",
         "reason": "the site showed a bot challenge",
         "search_url": "https://truerecords.example/find?first=Avery&last=Quinlan",
         "optout_url": "https://truerecords.example/privacy/optout"},
        {"site": "datadune", "site_name": "DataDune", "status": "ERROR",
         "reason": "the site did not answer in time",
         "search_url": "https://datadune.example/search?q=Avery%20Quinlan",
         "optout_url": "https://datadune.example/optout"},
    ],
    "optout_families": [
        {"parent": "Lookup Holdings LLC", "head": "lookupholdings", "head_name": "LookupHoldings",
         "optout_url": "https://lookupholdings.example/optout", "methods": ["web_form", "email"],
         "requires": ["the link to your listing"], "email": "privacy@lookupholdings.example",
         "processing_days": 3, "recheck_days": 30, "notes": "", "covers": ["fastfindr.example", "truerecords.example"],
         "sites": [{"id": "fastfindr", "name": "FastFindr", "optout_url": "https://fastfindr.example/remove-my-info"}]},
        {"parent": "", "head": "peoplecove", "head_name": "PeopleCove", "optout_url": "https://peoplecove.example/optout",
         "methods": ["web_form"], "requires": [], "email": "", "processing_days": 0, "recheck_days": 30,
         "notes": "", "covers": [],
         "sites": [{"id": "peoplecove", "name": "PeopleCove", "optout_url": "https://peoplecove.example/optout"}]},
    ],
}

# Keys whose values are closed vocabularies, not free text.
ENUM_KEYS = {("scan", "state"), ("scan", "mode"), ("sites", "status"),
             ("findings", "severity"), ("manual_checks", "status"), ("optout_families", "methods")}
URL_KEYS = {"search_url", "optout_url", "source_url"}


def sample_report() -> dict[str, Any]:
    """A fresh copy of the complete, live sample report."""
    return copy.deepcopy(SAMPLE_REPORT)


if __name__ == "__main__":  # pragma: no cover - a helper for looking at the report
    from reports import render_html

    out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/report-sample.html"
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(render_html(sample_report()))
    print(out)
