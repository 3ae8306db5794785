"""The fictional therapist of the written-forms tests, and small helpers to build pages and read findings.

Everything is invented: names, 555-01xx phones, example.com emails, addresses.
"""

from __future__ import annotations

import datetime as dt

from scanner.engine.matcher import REPORT_THRESHOLD, analyze_html
from scanner.profile import parse_profile

TODAY = dt.date(2025, 5, 1)
URL = "https://pages.example/p"
PROFILE = parse_profile({
    "schema": 1,
    "person": {"name": "Marisol T. Park", "aliases": ["Marisol Vance"], "birth_date": "1984-03-17",
               "phones": ["(503) 555-0133"], "emails": ["marisol.park@example.com"]},
    "addresses": [
        {"kind": "home", "street": "812 SE Alder St", "city": "Portland", "state": "OR", "postal_code": "97214"},
        {"kind": "previous", "street": "310 Elm Ave NE", "city": "Salem", "state": "OR", "postal_code": "97301"},
        {"kind": "practice", "street": "1500 SW 1st Ave", "unit": "Suite 400", "city": "Portland", "state": "OR", "postal_code": "97201"},
    ],
    "family": [
        {"name": "Rowan Park", "relation": "spouse", "birth_year": 1982, "city": "Portland"},
        {"name": "Theo Park", "relation": "child", "birth_year": 2013},
        {"name": "Lena Vance", "relation": "parent", "birth_year": 1956, "city": "Eugene"},
        {"name": "Caleb Vance", "relation": "sibling", "birth_year": 1987},
    ],
})


def page(body: str, title: str = "") -> str:
    return f"<html><head><title>{title}</title></head><body>{body}</body></html>"


def findings(html: str, url: str = URL) -> list:
    found = analyze_html(html, url, PROFILE, today=TODAY)
    assert all(f.confidence >= REPORT_THRESHOLD or f.kind == "possible_match" for f in found)
    return found


def got(html: str, url: str = URL) -> set[tuple[str, str, str]]:
    """(kind, subject, value) of every finding at or above the reporting threshold."""
    return {(f.kind, f.subject, f.value) for f in findings(html, url) if f.confidence >= REPORT_THRESHOLD}


def of_kind(html: str, kind: str, url: str = URL) -> list:
    return [f for f in findings(html, url) if f.kind == kind and f.confidence >= REPORT_THRESHOLD]
