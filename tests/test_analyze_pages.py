"""One engine, one answer: `analyze` reads a catalog site's page as the scan does (issue #18).

It knows the site from the page's own address (canonical link, og:url) or the address it was fetched
from, classifies it with that entry, reads it with the entry's card selectors and the generic
extractor; what the site merely echoes of the search is never a finding; ages are true on the day
the page was saved (`--as-of`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from scanner.analyze import analyze_inputs, read_page
from scanner.engine.items import findings_for_page
from scanner.engine.matcher import normalised_value
from scanner.profile import load_profile
from scanner.sandbox.server import DEMO_PROFILE, render_fixture
from spiders.catalog import default_catalog
from spiders.catalog.lookup import site_for_url

TODAY = dt.date(2026, 11, 23)
PROFILE = load_profile(DEMO_PROFILE)
SITES = default_catalog()


def page(site, name: str) -> str:
    return render_fixture(site.fixture(name).read_text("utf-8"), f"{site.base_url}/x", TODAY)


def keys(findings) -> set[tuple[str, str, str]]:
    return {(f.kind, f.subject, normalised_value(f.kind, f.value)) for f in findings}


def scan_path(site, name: str, html: str, url: str) -> list:
    """What the scan reads from the same page: the results card, or the detail card, plus the generic extractor."""
    card = site.extraction.card if name.startswith("results") else site.extraction.detail_card
    return findings_for_page(html, url, PROFILE, card, TODAY)


CASES = [(s, n) for s in SITES for n in ("results.html", "detail.html") if s.fixture(n).is_file()]


@pytest.mark.parametrize("site, name", CASES, ids=[f"{s.id}/{n}" for s, n in CASES])
def test_analyze_finds_at_least_what_the_scan_finds_on_every_fixture(site, name):
    url = f"{site.base_url}/search/avery-quinlan"
    html = page(site, name)
    scanned = keys(scan_path(site, name, html, url))
    analysed, blocked = read_page(html.encode("utf-8"), url, PROFILE, TODAY)
    assert not blocked
    assert scanned <= keys(analysed), f"analyze missed {sorted(scanned - keys(analysed))}"
    assert {f.site for f in analysed} <= {site.id}


def test_the_site_is_known_from_the_pages_own_address_when_it_is_a_saved_file(tmp_path):
    site = next(s for s in SITES if s.id == "fastpeoplesearch")
    saved = tmp_path / "saved.html"
    saved.write_text(page(site, "blocked.html").replace(
        "<head>", '<head><link rel="canonical" href="https://www.fastpeoplesearch.com/name/avery-quinlan_portland-or">', 1))
    result = analyze_inputs([str(saved)], PROFILE, today=TODAY)
    (item,) = result["incomplete"]
    assert item["kind"] == "blocked" and "bot check of FastPeopleSearch" in item["reason"] and not result["findings"]
    assert site_for_url("https://fastpeoplesearch.com/x").id == "fastpeoplesearch"
    assert site_for_url("https://notfastpeoplesearch.com/x") is None


ECHO = """<html><head><title>Search results</title></head><body>
<h1>We searched public records for avery.q@example.com and (503) 555-0147</h1>
<div class="sponsored"><p>Sponsored: run a full report on avery.q@example.com, 503-555-0147, 4821 SE Larkspur Ct</p></div>
</body></html>"""


def test_what_was_searched_for_echoed_back_is_no_finding():
    url = "https://people.example/search?email=avery.q%40example.com&phone=503-555-0147&street=4821+SE+Larkspur+Ct"
    assert not analyze_inputs([url], PROFILE, fetch=lambda u: ECHO.encode(), today=TODAY)["findings"]
    # the same values on a page that searched for something else are exposures
    other = analyze_inputs(["https://people.example/search?name=someone"], PROFILE, fetch=lambda u: ECHO.encode(), today=TODAY)
    assert {"email", "phone"} <= {f["kind"] for f in other["findings"]}
    # and a listing that names the person shows her email whatever was searched
    listing = ECHO.replace("<h1>", "<h1>Avery J Quinlan, Portland OR: ")
    named = analyze_inputs([url], PROFILE, fetch=lambda u: listing.encode(), today=TODAY)
    assert "email" in {f["kind"] for f in named["findings"]}


def test_a_no_results_page_of_a_known_site_with_the_search_echoed_finds_nothing():
    site = next(s for s in SITES if s.id == "fastpeoplesearch")
    html = page(site, "no_results.html").replace(
        "</body>", '<h2>Found 0 results for avery.q@example.com</h2><div class="people-list"><div class="card">'
        "Sponsored: avery.q@example.com &middot; (503) 555-0147</div></div></body>")
    url = "https://www.fastpeoplesearch.com/email/avery.q@example.com"
    found, blocked = read_page(html.encode(), url, PROFILE, TODAY)
    assert found == [] and not blocked


AGED = """<html><body><div class="person"><h2>Avery J Quinlan</h2><p>Age 36</p><p>Portland, OR</p>
<p>Relatives: Jordan Quinlan</p></div></body></html>"""


def test_ages_are_read_as_of_the_day_the_page_was_saved(run_cli, tmp_path):
    saved = tmp_path / "saved-2020.html"
    saved.write_text(AGED)
    kinds = {}
    for as_of in ("2020-06-01", None):
        args = ["analyze", "--profile", str(DEMO_PROFILE), "--format", "json", str(saved)]
        result = run_cli(*args, *(["--as-of", as_of] if as_of else []))
        assert result.returncode == 0, result.stderr
        kinds[as_of] = {f["kind"] for f in json.loads(result.stdout)["findings"]}
    assert "birth_date" in kinds["2020-06-01"] and "birth_date" not in kinds[None]
    bad = run_cli("analyze", "--profile", str(DEMO_PROFILE), "--as-of", "31/05/2020", str(saved))
    assert bad.returncode == 2 and bad.stderr.strip() == ("unlisted: --as-of '31/05/2020': not a date; "
                                                         "write it as YYYY-MM-DD, e.g. 2024-05-31")


def test_the_scan_reads_ages_as_of_the_day_it_fetched_the_page():
    from scanner.engine.items import findings_for_item
    from spiders.items import PageItem

    item = PageItem(site="x", url="https://people.example/p", subject="self", page_kind="results", html=AGED,
                    card_selector="", fetched="2020-06-01")
    assert "birth_date" in {f.kind for f in findings_for_item(item, PROFILE)}
    assert "birth_date" not in {f.kind for f in findings_for_item(dataclasses.replace(item, fetched="2026-06-01"), PROFILE)}


def test_what_a_form_search_typed_echoed_back_is_no_finding_either():
    from scanner.engine.items import findings_for_item
    from spiders.items import PageItem

    item = PageItem(site="x", url="https://people.example/results", subject="self", page_kind="results", html=ECHO,
                    card_selector="", fetched="2026-11-23")
    assert {"email", "phone"} <= {f.kind for f in findings_for_item(item, PROFILE)}
    typed = dataclasses.replace(item, searched="avery.q@example.com 503-555-0147 4821 SE Larkspur Ct")
    assert not findings_for_item(typed, PROFILE)


def test_the_html_report_says_a_bot_check_page_was_not_read(tmp_path):
    from bs4 import BeautifulSoup

    from scanner.analyze import write_analyze_report

    site = next(s for s in SITES if s.id == "fastpeoplesearch")
    saved = tmp_path / "wall.html"
    saved.write_text(page(site, "blocked.html"))
    url = "https://www.fastpeoplesearch.com/name/avery-quinlan_portland-or"
    result = analyze_inputs([url], PROFILE, fetch=lambda u: saved.read_bytes(), today=TODAY)
    text = BeautifulSoup(write_analyze_report(result, PROFILE, [url], tmp_path / "r.html").read_text(), "html.parser").get_text(" ")
    assert "bot check of FastPeopleSearch" in text and "in the part that was read" not in text
