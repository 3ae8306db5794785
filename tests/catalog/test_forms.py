"""Catalog searches made by filling in a site's form: the [search.form] table, the queries it gives, the
sandbox's form pages, and the offline self-test without a browser."""

from __future__ import annotations

import datetime as dt
import urllib.parse
import urllib.request

import pytest
from parsel import Selector

from scanner.profile import load_profile, parse_profile
from scanner.sandbox.server import DEMO_PROFILE, SandboxServer, Scenario
from scanner.sources.queries import missing_details, plan_site
from spiders import selftest
from spiders.catalog import CatalogError, default_catalog, load_site
from tests.catalog.test_selftest import ABSENT

SITES = default_catalog()
FORM_SITES = [s for s in SITES if s.form_search]
TODAY = dt.date(2026, 11, 23)
ENTRY = """
id = "examplesite"
name = "Example"
domain = "example.com"
base_url = "https://www.example.com"
category = "people_search"
[[search]]
input = "name_state"
path = "/find"
needs = ["name", "state"]
[search.form]
submit = "form#find button[type=submit]"
[search.form.fields]
"form#find input[name=fname]" = "{first}"
"form#find input[name=lname]" = "{last|upper}"
"form#find select[name=state]" = "{state}"
[detection]
results = ["css:.card"]
no_results = ["text:No results"]
[extraction]
card = ".card"
[optout]
url = "https://www.example.com/optout"
methods = ["web_form"]
"""


def load(tmp_path, text: str):
    path = tmp_path / "examplesite.toml"
    path.write_text(text)
    return load_site(path)


def test_a_form_search_loads(tmp_path):
    site = load(tmp_path, ENTRY)
    form = site.searches[0].form
    assert site.form_search and not site.fetch.browser   # the form itself sends the search to the browser
    assert form.submit == "form#find button[type=submit]"
    assert form.fields[1] == ("form#find input[name=lname]", "{last|upper}")


@pytest.mark.parametrize("old, new, message", [
    ('submit = "form#find button[type=submit]"', 'submit = "form#find button"\nbutton = "x"', "search[0].form.button: unknown key"),
    ('submit = "form#find button[type=submit]"\n', "", "search[0].form.submit: is required"),
    ('submit = "form#find button[type=submit]"', 'submit = ""', "search[0].form.submit: must be a CSS selector"),
    ('submit = "form#find button[type=submit]"', 'submit = "button[type="', "search[0].form.submit: \"button[type=\" is not a valid CSS selector"),
    ('"form#find input[name=fname]" = "{first}"', '"input[name=" = "{first}"', 'search[0].form.fields."input[name=": "input[name=" is not a valid'),
    ('"form#find input[name=fname]" = "{first}"', '"form#find input[name=fname]" = 7', "must be text to type"),
    ('"form#find input[name=fname]" = "{first}"', '"form#find input[name=fname]" = "{nick}"', 'unknown placeholder "{nick}"'),
    ('"form#find input[name=fname]" = "{first}"', '"form#find input[name=zip]" = "{zip}"', 'search[0].needs: uses {zip} but does not declare "zip"'),
    ('"{last|upper}"', '"{last|shout}"', 'unknown modifier "|shout"'),
    ('path = "/find"', 'path = "/find/{last}"', "search[0].path: is the page with the form: no {placeholders}"),
])
def test_the_form_table_is_validated_strictly(tmp_path, old, new, message):
    assert old in ENTRY
    with pytest.raises(CatalogError) as err:
        load(tmp_path, ENTRY.replace(old, new, 1))
    said = str(err.value)
    assert said.startswith("examplesite.toml.search[0].") and message in said and "\n" not in said


def test_a_form_needs_fields_that_type_a_detail_of_the_person(tmp_path):
    start, end = ENTRY.index("[search.form.fields]"), ENTRY.index("[detection]")
    with pytest.raises(CatalogError, match=r"search\[0\]\.form\.fields: needs at least one field"):
        load(tmp_path, ENTRY[:start] + "[search.form.fields]\n" + ENTRY[end:])
    with pytest.raises(CatalogError, match=r"form\.fields: types none of the person's details"):
        load(tmp_path, ENTRY[:start] + '[search.form.fields]\n"input[name=agree]" = "yes"\n' + ENTRY[end:])
    with pytest.raises(CatalogError, match=r"search\[0\]\.form\.fields: has the wrong type \(str\)"):
        load(tmp_path, ENTRY[:start] + 'fields = "input"\n' + ENTRY[end:])


def test_a_form_query_types_only_the_declared_details_and_keeps_them_out_of_the_link(tmp_path):
    site = load(tmp_path, ENTRY)
    queries = plan_site(site, load_profile(DEMO_PROFILE), "https://www.example.com", TODAY)
    assert [q.subject for q in queries] == ["self", "Jordan Quinlan"]    # home state only: one page per name
    first = queries[0]
    assert first.url == "https://www.example.com/find" and first.submit == "form#find button[type=submit]"
    assert first.form == (("form#find input[name=fname]", "Avery"), ("form#find input[name=lname]", "QUINLAN"),
                          ("form#find select[name=state]", "OR"))
    address = load(tmp_path, ENTRY.replace('input = "name_state"', 'input = "address"').replace(
        'needs = ["name", "state"]', 'needs = ["street", "state"]').replace('"{first}"', '"{street}"').replace(
        '"form#find input[name=lname]" = "{last|upper}"\n', ""))
    nowhere = parse_profile({"schema": 1, "person": {"name": "Rowan Example"},
                             "addresses": [{"kind": "home", "city": "Salem", "state": "OR"}]}, source="test")
    assert plan_site(address, nowhere, "https://www.example.com", TODAY) == []
    assert missing_details(address, nowhere, TODAY) == ("home street address",)


@pytest.mark.parametrize("site", FORM_SITES, ids=lambda s: s.id)
def test_each_form_sites_sandbox_page_has_its_fields_and_button(site):
    page = Selector(text=site.fixture("form.html").read_text("utf-8"))
    for search in site.searches:
        for selector, _ in search.form.fields if search.form else ():
            assert page.css(selector), f"{site.id}: no {selector} on its form page"
        if search.form:
            assert page.css(search.form.submit), f"{site.id}: no {search.form.submit} on its form page"
    assert page.css("form[method]") and "__THIRD_PARTY__" in page.get()


def _get(url: str, data: dict | None = None) -> tuple[int, str]:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=body), timeout=10) as reply:  # noqa: S310 - loopback
            return reply.status, reply.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def test_the_sandbox_serves_the_form_and_answers_it_sent_by_get_or_post():
    site = next(s for s in FORM_SITES if s.id == "menstoppingviolence_org")
    with SandboxServer(Scenario(hit_terms=("quinlan",), blocked=frozenset({"clustal_org"})), TODAY) as server:
        base = server.site_base(site.id)
        status, page = _get(base + "/people/")
        assert status == 200 and "<form" in page and server.httpd.third_party_url + "/pixel.gif" in page
        results, miss = _get(base + "/people/", {"firstName": "Avery", "lastName": "Quinlan"}), \
            _get(base + "/people/", {"firstName": "Rowan", "lastName": "Example"})
        assert "menstoppingviolence-org-result" in results[1] and "no-results-found" in miss[1]
        got = _get(base + "/people/?" + urllib.parse.urlencode({"firstName": "Avery", "lastName": "Quinlan"}))
        assert "menstoppingviolence-org-result" in got[1]
        assert _get(server.site_base("clustal_org") + "/")[0] == 403     # a walled form site: the wall, no form
        assert (site.id, "/s/menstoppingviolence_org/people/?firstName=Rowan&lastName=Example") in server.asked


def test_without_a_browser_the_self_test_checks_a_form_sites_pages_and_says_so():
    site = next(s for s in FORM_SITES if s.id == "clustal_org")
    hit = Scenario(hit_terms=("quinlan", "5035550147", "averyqexamplecom", "4821selarkspur"))
    with SandboxServer(hit, TODAY) as ok, SandboxServer(Scenario(blocked=frozenset({site.id})), TODAY) as wall:
        result = selftest.check_offline(site, ok.site_base(site.id), wall.site_base(site.id), selftest.fetch_url,
                                        load_profile(DEMO_PROFILE), ABSENT, TODAY)
    assert result.ok and result.detail == f"its pages parse; {selftest.FORM_UNCHECKED}"


def test_at_most_twenty_sites_are_skipped_and_none_for_its_form():
    skipped = [s for s in SITES if not s.enabled]
    assert len(skipped) <= 20 and len(FORM_SITES) >= 30
    assert not any("form" in s.disabled_reason for s in skipped)
    important = {s.id for s in skipped if s.priority in ("crucial", "high")}
    assert important == {"acxiom", "ancestry", "checkpeople"}   # no search, an account, a written request
