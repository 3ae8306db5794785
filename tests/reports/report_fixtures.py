"""A fictional sample report in the exact shape the service layer builds.

Synthetic person only (DESIGN rule 9): fictional names, 555-01xx phones, example.com
emails, .example hosts. Every call returns a fresh deep copy, so tests may mutate it.

Write the sample as HTML for a look in a browser:

    PYTHONPATH=. python tests/reports/report_fixtures.py /tmp/report-sample.html
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import sys
from typing import Any, Iterable, Iterator, Mapping

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
    "summary": {"findings": 7, "possible_matches": 0,
                "by_severity": {"critical": 2, "high": 3, "medium": 2, "low": 0, "info": 0},
                "sites_total": 7, "sites_searched": 6, "sites_checked": 4, "sites_listed": 2, "sites_unchecked": 2,
                "sites_skipped": 1},
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
        {"site": "phonebookly", "site_name": "Phonebookly", "status": "SKIPPED",
         "reason": "needs a phone number, and your profile has none for searching",
         "search_url": "https://phonebookly.example/reverse",
         "optout_url": "https://phonebookly.example/remove"},
    ],
}

# --- tasks: made by the real planner (scanner.plan.planner + scanner.plan.letters) ------------------

TODAY = dt.date(2026, 11, 23)
# A status for each task, in the planner's order (cycled): the report must word each one.
STATUS_CYCLE = (("todo", "", ""), ("filed", "2026-11-20", "2026-12-20"), ("todo", "", "2026-12-07"),
                ("reappeared", "2026-11-23", ""), ("awaiting", "2026-11-02", "2026-12-02"),
                ("removed", "2026-10-30", ""), ("wont_do", "2026-11-01", ""), ("not_me", "2026-11-01", ""))


def _catalog_entry(sid: str, name: str, parent: str = "", covers: tuple[str, ...] = (), methods=("web_form",),
                   email: str = "", enabled: bool = True):
    from spiders.catalog import parse_site

    doc = {"id": sid, "name": name, "domain": f"{sid}.example", "base_url": f"https://{sid}.example",
           "category": "people_search", "priority": "high",
           "detection": {"results": ["css:.r"], "no_results": ["css:.n"]}, "extraction": {"card": ".r"},
           "optout": {"url": f"https://{sid}.example/optout", "methods": list(methods), "parent": parent,
                      "covers": list(covers), "processing_days": 7, "recheck_days": 30,
                      "requires": ["the link to your listing", "an email address"]}}
    if enabled:
        doc["search"] = [{"input": "name_location", "path": "/n/{first}-{last}/{city}", "needs": ["name", "city"]}]
    else:
        doc.update(enabled=False, disabled_reason="Its search is a form.", manual_url=f"https://{sid}.example/search")
    if email:
        doc["optout"]["email"] = email
    return parse_site(doc, f"{sid}.toml", sid)


def sample_catalog() -> tuple:
    """Catalog entries for the sample's sites: Lookup Holdings runs FastFindr and TrueRecords and takes
    requests by email too (so its letter has a mailto: link)."""
    return (
        _catalog_entry("lookupholdings", "Lookup Holdings LLC", parent="Lookup Holdings LLC",
                       covers=("fastfindr.example", "truerecords.example"), methods=("web_form", "email"),
                       email="privacy@lookupholdings.example"),
        _catalog_entry("fastfindr", "FastFindr", parent="Lookup Holdings LLC"),
        _catalog_entry("truerecords", "TrueRecords", parent="Lookup Holdings LLC"),
        _catalog_entry("peoplecove", "PeopleCove"),
        _catalog_entry("quietlookup", "QuietLookup"),
        _catalog_entry("recordrover", "RecordRover", parent="Rover Data Co."),
        _catalog_entry("datadune", "DataDune", parent="Dune Media"),
        _catalog_entry("phonebookly", "Phonebookly", enabled=False),
    )


def sample_profile():
    from scanner.profile import parse_profile

    return parse_profile({
        "schema": 1,
        "person": {"name": "Avery J. Quinlan", "birth_date": "1982-03-17", "phones": ["(503) 555-0142"],
                   "emails": ["avery.quinlan@example.com"]},
        "addresses": [{"kind": "home", "street": "4821 SE Larkspur Ct", "city": "Portland", "state": "OR",
                       "postal_code": "97206"}],
        "family": [{"name": "Jordan Quinlan", "relation": "spouse"}],
    })


def task_dicts(tasks: Iterable, finding_ids: Mapping[str, int], statuses=STATUS_CYCLE) -> list[dict[str, Any]]:
    """scanner.plan.model.Task objects -> the report's ``tasks`` entries (the shape scanner/history/tasks.py
    report_tasks() gives), numbered from 1, with statuses from ``statuses`` (cycled)."""
    out = []
    for n, task in enumerate(tasks, start=1):
        status, status_date, due_date = statuses[(n - 1) % len(statuses)]
        if task.kind in ("setting", "hardening") and status in ("removed", "reappeared", "awaiting"):
            status = "todo"   # only a request is removed, comes back or waits for an answer
        letter = task.letter
        out.append({
            "id": n, "key": task.key, "kind": task.kind, "title": task.title, "why": task.why,
            "severity": task.severity, "impact": task.impact, "status": status, "status_date": status_date,
            "due_date": due_date, "note": "", "company": task.company, "site_names": list(task.site_names),
            "covers": list(task.covers),
            "links": [{"label": link.label, "url": link.url} for link in task.links]
                     + [{"label": "Your listing", "url": url} for url in task.listing_urls],
            "methods": list(task.methods), "steps": list(task.steps), "asks_for": list(task.asks_for),
            "dont_give": list(task.dont_give), "processing_days": task.processing_days,
            "recheck_days": task.recheck_days,
            "finding_ids": sorted(finding_ids[fp] for fp in task.fingerprints if fp in finding_ids),
            "letter": None if letter is None else {
                "subject": letter.subject, "body": letter.body, "to_email": letter.to_email or "",
                "mailto_url": letter.mailto_url or "", "law": letter.law, "notes": list(letter.notes)},
            "tier": task.tier, "when": "this_month" if status in ("todo", "reappeared") else "done",
            "sites": list(task.sites),
            "checklist": [{"name": i.name, "why": i.why, "url": i.url, "optout_url": i.optout_url}
                          for i in task.checklist],
        })
    return out


def _sample_tasks(report: dict[str, Any]) -> list[dict[str, Any]]:
    from scanner.engine.matcher import Finding
    from scanner.plan.planner import plan_tasks
    from scanner.history.store import SiteResult

    ids, findings = {}, []
    for raw in report["findings"]:
        f = Finding(kind=raw["kind"], subject=raw["subject"], value=raw["value"], confidence=raw["confidence"],
                    severity=raw["severity"], evidence=raw["evidence"], source_url=raw["source_url"], site=raw["site"])
        ids[f.fingerprint] = raw["id"]
        findings.append(f)
    results = [SiteResult(s["id"], s["status"], s["detail"], s["search_url"]) for s in report["sites"]]
    tasks = plan_tasks(findings, results, sample_profile(), sample_catalog(), today=TODAY)
    return task_dicts(tasks, ids)


SAMPLE_REPORT["tasks"] = _sample_tasks(SAMPLE_REPORT)

# --- helpers shared by the report tests ----------------------------------------------------------

# Keys whose values are closed vocabularies, not free text.
ENUM_KEYS = {("scan", "state"), ("scan", "mode"), ("sites", "status"),
             ("findings", "severity"), ("manual_checks", "status"), ("optout_families", "methods"),
             ("tasks", "kind"), ("tasks", "severity"), ("tasks", "status"), ("tasks", "methods"),
             ("tasks", "status_date"), ("tasks", "due_date"), ("tasks", "when"),
             ("changes", "severity"), ("changes", "reason"), ("changes", "before"), ("changes", "after"),
             ("changes", "outcome"), ("changes", "state")}
# Links (and the letter's address, which its mailto: link must match): shown as links when safe.
URL_KEYS = {"search_url", "optout_url", "source_url", "fix_url", "url", "mailto_url", "to_email"}


def sample_report() -> dict[str, Any]:
    """A fresh copy of the complete, live sample report."""
    return copy.deepcopy(SAMPLE_REPORT)


def soup_of(report: dict):
    from bs4 import BeautifulSoup

    from reports import render_html

    return BeautifulSoup(render_html(report), "lxml")


def string_leaves(obj: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(path, value) for every string in the report; path items are keys or indexes."""
    if isinstance(obj, dict):
        for key, value in obj.items():
            yield from string_leaves(value, path + (key,))
    elif isinstance(obj, list):
        for i, value in enumerate(obj):
            yield from string_leaves(value, path + (i,))
    elif isinstance(obj, str):
        yield path, obj


def set_path(obj: Any, path: tuple, value: Any) -> None:
    for key in path[:-1]:
        obj = obj[key]
    obj[path[-1]] = value


def is_enum(path: tuple) -> bool:
    keys = [k for k in path if isinstance(k, str)]
    return (keys[0], keys[-1]) in ENUM_KEYS


def is_url(path: tuple) -> bool:
    return path[-1] in URL_KEYS


def structure(soup) -> list[tuple[str, tuple[str, ...]]]:
    return [(el.name, tuple(sorted(el.attrs))) for el in soup.find_all(True)]


def data_urls(report: dict) -> set[str]:
    return {value for path, value in string_leaves(report) if is_url(path)}


def assert_inert(soup, allowed_urls: set[str]) -> None:
    """No scripts, no external loads, no handlers; links only to the data's own safe http(s) URLs,
    the letters' validated mailto: links, or anchors in the page."""
    from reports.render import safe_mailto, safe_url

    assert soup.find("script") is None
    assert soup.find_all(["iframe", "object", "embed", "img", "base", "form", "link", "input", "textarea",
                          "button", "select", "frame", "math", "video", "audio", "source", "meta"]) \
        == soup.head.find_all("meta")
    assert len(soup.find_all("svg")) <= 1  # the trend chart, ours
    assert len(soup.find_all("style")) == 1
    ids = {el["id"] for el in soup.find_all(id=True)}
    for el in soup.find_all(True):
        for attr in el.attrs:
            assert not attr.lower().startswith("on"), (el.name, attr)
            assert attr not in ("style", "src", "srcset", "action", "formaction", "background", "xlink:href",
                                "href") or el.name == "a", (el.name, attr)
    for a in soup.find_all("a"):
        href = a["href"]
        if href.startswith("#"):
            assert href[1:] in ids, href
            continue
        if href.startswith("mailto:"):  # a letter's own link, validated
            assert safe_mailto(href) == href and href in allowed_urls, href
            assert a.get("class") == ["mailto"] and not a.get("target")
            continue
        assert re.match(r"https?://", href) and safe_url(href) == href, href
        assert href in allowed_urls, href
        assert a.get("rel") == ["noopener", "noreferrer", "nofollow"]
        assert a.get("target") == "_blank"


if __name__ == "__main__":  # pragma: no cover - a helper for looking at the report
    from reports import render_html

    out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/report-sample.html"
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(render_html(sample_report()))
    print(out)
