"""Every entry's sandbox pages: they classify as the entry says, and the matcher reads exactly the
findings the fixture generator put on them (fixtures/SITE/expected.toml, written by construction)."""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest
from parsel import Selector

from scanner.engine.matcher import analyze_html
from scanner.profile import load_profile
from scanner.sandbox.server import DEMO_PROFILE, render_fixture
from spiders.catalog import FIXTURE_PAGES, default_catalog
from spiders.detection import classify

SITES = default_catalog()
TODAY = dt.date(2026, 11, 23)
PROFILE = load_profile(DEMO_PROFILE)
NAMESAKE_MARKS = ("Tulsa", "TULSA", "Tamarind", "TAMARIND", "918", "Boise", "Cobblestone", "208", "Dolores", "Renata", "Martin")


def page(site, name: str) -> str:
    return render_fixture(site.fixture(name).read_text("utf-8"), f"http://127.0.0.1:1/s/{site.id}", TODAY)


def expected_findings(site) -> dict[str, set[str]]:
    doc = tomllib.loads(site.fixture("expected.toml").read_text("utf-8"))
    assert set(doc) == {"findings"}, f"{site.id}/expected.toml: only a [findings] table"
    return {subject: set(kinds) for subject, kinds in doc["findings"].items()}


def test_catalog_is_large_and_covers_badbool_priorities():
    assert len(SITES) >= 100
    assert sum(s.enabled for s in SITES) >= 60
    ids = {s.id for s in SITES}
    # BADBOOL's crucial and high-priority sites (2026-07), as in the reference list.
    for must in ("smartbackgroundchecks", "intelius", "beenverified", "spokeo", "whitepages", "radaris", "nuwber",
                 "thatsthem", "mylife", "checkpeople", "clustal_org", "menstoppingviolence_org", "fastpeoplesearch",
                 "advancedbackgroundchecks", "usphonebook", "familytreenow", "acxiom", "ancestry"):
        assert must in ids, must
    assert {s.priority for s in SITES if s.id in ("spokeo", "radaris", "nuwber")} == {"crucial"}


@pytest.mark.parametrize("site", SITES, ids=lambda s: s.id)
def test_pages_classify_and_expose_exactly_the_expected_findings(site):
    for name in FIXTURE_PAGES:
        assert site.fixture(name).is_file(), f"{site.id} lacks fixtures/{site.id}/{name}"
    assert classify(200, page(site, "results.html"), site.detection).status == "RESULTS"
    assert classify(200, page(site, "no_results.html"), site.detection).status == "NO_RESULTS"
    assert classify(403, page(site, "blocked.html"), site.detection).status == "BLOCKED"
    assert classify(200, page(site, "blocked.html"), site.detection).status == "BLOCKED"
    assert classify(200, "<html><body><p>Welcome!</p></body></html>", site.detection).status == "ERROR"

    results = page(site, "results.html")
    assert "quinlan" in results.lower() and ("tulsa" in results.lower() or "boise" in results.lower()), "therapist plus a namesake"
    found: dict[str, set[str]] = {}
    findings = analyze_html(results, "http://127.0.0.1:1/r", PROFILE, site.extraction.card, TODAY)
    if site.extraction.detail_link:
        links = Selector(text=results).css(site.extraction.detail_link).getall()
        assert links and links[0].endswith("/__detail/"), "the therapist's detail link comes first"
        for href in links[: site.extraction.max_detail_pages]:
            slug = href.split("/__detail/", 1)[1]
            name = f"detail-{slug}.html" if slug else "detail.html"
            if site.fixture(name).is_file():
                findings += analyze_html(page(site, name), href, PROFILE, site.extraction.detail_card, TODAY)
    for f in findings:
        found.setdefault(f.subject, set()).add(f.kind)
        assert not any(mark in f.value for mark in NAMESAKE_MARKS), (site.id, f)
    assert found == expected_findings(site)
