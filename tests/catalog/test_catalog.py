"""Every catalog entry loads, validates strictly and carries its sandbox self-test pages."""

import datetime as dt
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse

from scanner.sandbox.server import render_fixture
from spiders.catalog import FIXTURE_PAGES, CatalogError, default_catalog, load_site
from spiders.catalog.lookup import select_sites
from spiders.detection import classify

SITES = default_catalog()


def test_catalog_loads_with_unique_ids():
    assert len(SITES) >= 4
    assert len({s.id for s in SITES}) == len(SITES)


@pytest.mark.parametrize("site", SITES, ids=lambda s: s.id)
def test_fixture_pages_classify_as_expected(site):
    for page in FIXTURE_PAGES:
        assert site.fixture(page).is_file(), f"{site.id} lacks fixtures/{site.id}/{page}"
    html = lambda page: render_fixture(site.fixture(page).read_text(), "http://127.0.0.1:1/s/" + site.id, dt.date(2026, 11, 23))
    assert classify(200, html("results.html"), site.detection).status == "RESULTS"
    assert classify(200, html("no_results.html"), site.detection).status == "NO_RESULTS"
    assert classify(403, html("blocked.html"), site.detection).status == "BLOCKED"
    assert classify(200, html("blocked.html"), site.detection).status == "BLOCKED"
    # a changed layout is an error, never "not listed"
    assert classify(200, "<html><body><p>Welcome!</p></body></html>", site.detection).status == "ERROR"


@pytest.mark.parametrize("site", SITES, ids=lambda s: s.id)
def test_detail_link_selector_finds_the_detail_page(site):
    if not site.extraction.detail_link:
        pytest.skip("no detail pages")
    body = render_fixture(site.fixture("results.html").read_text(), f"http://127.0.0.1:1/s/{site.id}", dt.date(2026, 11, 23))
    response = HtmlResponse(url=f"http://127.0.0.1:1/s/{site.id}/x", body=body, encoding="utf-8")
    assert f"http://127.0.0.1:1/s/{site.id}/__detail/" in response.css(site.extraction.detail_link).getall()


def write_entry(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "examplesite.toml"
    path.write_text(text)
    return path


ENTRY = """
id = "examplesite"
name = "Example"
domain = "example.com"
base_url = "https://www.example.com"
category = "people_search"
[[search]]
input = "name_location"
path = "/name/{first}-{last}/{city|hyphen}-{state}"
needs = ["name", "city", "state"]
[detection]
results = ["css:.card"]
no_results = ["text:No results"]
[extraction]
card = ".card"
[optout]
url = "https://www.example.com/optout"
methods = ["web_form"]
"""


def test_minimal_entry_loads(tmp_path):
    site = load_site(write_entry(tmp_path, ENTRY))
    assert site.searches[0].needs == ("name", "city", "state")


@pytest.mark.parametrize(
    "old, new, message",
    [
        ('card = ".card"', 'card = ".card"\ncards = ".x"', "examplesite.toml.extraction.cards: unknown key"),
        ('needs = ["name", "city", "state"]', 'needs = ["name", "state"]', 'uses {city} but does not declare "city"'),
        ('path = "/name/{first}-{last}/{city|hyphen}-{state}"', 'path = "/name/{first}-{surname}"', 'unknown placeholder "{surname}"'),
        ('{city|hyphen}', '{city|shout}', 'unknown modifier "|shout"'),
        ('no_results = ["text:No results"]', 'no_results = []', "needs both a results and a no_results signature"),
        ('results = ["css:.card"]', 'results = ["card"]', 'must start with css:, text:, regex: or status:'),
        ('methods = ["web_form"]', 'methods = ["carrier_pigeon"]', '"carrier_pigeon" is not one of'),
        ('base_url = "https://www.example.com"', 'base_url = "http://www.example.com/x"', "must be https://host with no path"),
        ('id = "examplesite"', 'id = "other"', "must equal the file name"),
        ('input = "name_location"', 'input = "ssn"', '"ssn" is not one of'),
        ('category = "people_search"', 'category = "people_search"\nenabled = false', "disabled_reason: is required when enabled = false"),
        ('category = "people_search"', 'category = "people_search"\nenabled = false\ndisabled_reason = "form"',
         "manual_url: is required when enabled = false"),
        ('category = "people_search"', 'category = "people_search"\ndisabled_reason = "x"', "only makes sense with enabled = false"),
        ('category = "people_search"', 'category = "people_search"\nmanual_url = "http://www.example.com/"', "manual_url: must be an https:// link"),
        ('methods = ["web_form"]', 'methods = ["web_form", "email"]', 'optout.email: is required when "email" is a method'),
        ('methods = ["web_form"]', 'methods = ["email"]\nemail = "not-an-address"', "is not an email address"),
        ('methods = ["web_form"]', 'methods = ["web_form"]\nurls = ["javascript:alert(1)"]', "optout.urls[0]: must be an https:// link"),
        ('methods = ["web_form"]', 'methods = []', "needs at least one method"),
        ('card = ".card"', 'card = ".card"\ndetail_link = "a.more"', "detail_link: must end with ::attr(href)"),
        ('category = "people_search"', 'category = "people_search"\nmax_pages = 500', "max_pages: must be between 1 and 50"),
        ('category = "people_search"', 'category = "gossip"', '"gossip" is not one of'),
        ('[detection]', '[fetch]\nmode = "robot"\n\n[detection]', 'fetch.mode: "robot" is not one of http, browser'),
        ('[detection]', '[fetch]\nasset_hosts = ["https://cdn.example.com/x"]\n\n[detection]',
         'fetch.asset_hosts[0]: "https://cdn.example.com/x" is not a host name'),
        ('[detection]', '[fetch]\nwait = 3\n\n[detection]', "fetch.wait: unknown key"),
    ],
)
def test_strict_validation_names_file_and_field(tmp_path, old, new, message):
    assert old in ENTRY
    with pytest.raises(CatalogError) as info:
        load_site(write_entry(tmp_path, ENTRY.replace(old, new, 1)))
    assert info.value.args[0].startswith("examplesite.toml")
    assert message in str(info.value)


def test_fetch_is_plain_http_unless_the_entry_says_browser(tmp_path):
    assert load_site(write_entry(tmp_path, ENTRY)).fetch.mode == "http"
    site = load_site(write_entry(tmp_path, ENTRY.replace(
        "[detection]", '[fetch]\nmode = "browser"\nasset_hosts = ["cdn.example.net"]\n\n[detection]', 1)))
    assert site.fetch.browser and site.fetch.asset_hosts == ("cdn.example.net",)
    declared = {s.id for s in default_catalog() if s.fetch.browser}
    assert {"whitepages", "nuwber", "fastpeoplesearch", "truepeoplesearch"} <= declared


def test_disabled_entry_needs_no_search(tmp_path):
    text = ENTRY.split("[[search]]")[0] + 'enabled = false\ndisabled_reason = "its search is a form"\n' \
        'manual_url = "https://www.example.com/search"\n' + "[detection]" + ENTRY.split("[detection]")[1]
    site = load_site(write_entry(tmp_path, text))
    assert not site.enabled and site.searches == () and site.manual_url.endswith("/search")


def test_select_sites_rejects_unknown_names():
    assert select_sites(SITES, ["thatsthem"])[0].id == "thatsthem"
    assert select_sites(SITES) == SITES   # disabled sites too: each ends SKIPPED, with a manual check
    with pytest.raises(CatalogError, match="unknown site 'nosuchsite'"):
        select_sites(SITES, ["nosuchsite"])
