"""Sites searched by filling in their own form, in real crawls of the sandbox with Debian's chromium.

Each crawl runs in a process of its own (tests/spiders/browser_crawl.py). The sandbox serves each form
site's form page at its search path and answers the sent form (GET query or POST body) with its results
page when a value names the fictional therapist, else its no-results page; it records what every
request carried, so the tests see where each detail of the person went.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

from spiders.catalog import default_catalog
from tests.conftest import GUARD_SITE, ROOT
from tests.spiders.test_browser_crawl import SCRIPT, _profiles, _result, chromium, short_tmp  # noqa: F401 - fixtures

SITES = {s.id: s for s in default_catalog()}
NAME_ONLY_GET, NAME_ONLY_POST = "clustal_org", "menstoppingviolence_org"   # crucial; forms sent with GET and POST
LISTED = "privatereports"     # DuckDuckGo's form selectors: a state list to choose from
ADDRESS = "hudwayglass"       # searched by home address, sent with POST
PLAIN = "fastbackgroundcheck"
ABSENT = """schema = 1
[person]
name = "Rowan Example"
[[addresses]]
kind = "home"
street = "12 Nowhere Rd"
city = "Salem"
state = "OR"
postal_code = "97301"
"""


def _crawl(tmp_path: Path, sites: str, browser: str, profile: str = "", blocked: str = "") -> dict:
    temp = (tmp_path / "tmp").resolve()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join((str(GUARD_SITE), str(ROOT))), "TMPDIR": str(temp)}
    proc = subprocess.Popen([sys.executable, str(SCRIPT), str(tmp_path / "home"), sites, browser, "attended", profile, blocked],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path)
    return _result(proc)


def _expected(site_id: str) -> set[str]:
    return set(tomllib.loads(SITES[site_id].fixture("expected.toml").read_text("utf-8"))["findings"]["self"])


def test_the_entries_under_test_are_form_searches_of_each_kind():
    for site_id in (NAME_ONLY_GET, NAME_ONLY_POST, LISTED, ADDRESS):
        assert SITES[site_id].enabled and SITES[site_id].form_search and not SITES[site_id].fetch.browser
    assert SITES[NAME_ONLY_GET].searches[0].needs == ("name",) and SITES[ADDRESS].searches[0].input == "address"
    assert any(sel.startswith("#email-form-2 select") for sel, _ in SITES[LISTED].searches[0].form.fields)
    assert 'method="get"' in SITES[NAME_ONLY_GET].fixture("form.html").read_text()
    assert 'method="post"' in SITES[NAME_ONLY_POST].fixture("form.html").read_text()


def test_form_sites_are_searched_in_the_browser_and_show_the_therapist(tmp_path, chromium):
    forms = (NAME_ONLY_GET, NAME_ONLY_POST, LISTED, ADDRESS)
    result = _crawl(tmp_path, ",".join((*forms, PLAIN)), chromium)
    out = result["outcomes"]
    for site in forms:
        assert (out[site]["status"], out[site]["fetched_with"]) == ("RESULTS", "browser"), (site, out[site])
        assert _expected(site) <= set(result["found"][site]), site      # her findings, read off the results
    assert (out[PLAIN]["status"], out[PLAIN]["fetched_with"]) == ("RESULTS", "http")
    # the form page asks for an ad network's pixel and script: never loaded, also not in a page a site's
    # next search used again (the guard goes back in front of scrapy-playwright's own route)
    assert result["pages_reused"] > 0 and result["third_party_hits"] == []
    asked = [(site, text.lower()) for site, text in result["asked"]]
    for site in forms:   # the form was sent (its values came back to the site) ...
        typed = "larkspur" if site == ADDRESS else "quinlan"
        assert any(s == site and typed in text and "?" in text for s, text in asked), site
    # ... and each form got only the details its entry declares: the name-only forms never the town
    assert not any(s in (NAME_ONLY_GET, NAME_ONLY_POST) and "portland" in text for s, text in asked)
    # the home street went only to the sites that search by address
    by_street = {s for s, text in asked if "larkspur" in text}
    assert ADDRESS in by_street and by_street <= {s.id for s in SITES.values() if any(t.input == "address" for t in s.searches)}
    # the manual link is the form page, which carries no detail of hers
    assert result["search_urls"][NAME_ONLY_POST].endswith(f"/s/{NAME_ONLY_POST}/people/")
    assert _profiles(tmp_path) == []


def test_a_person_who_is_not_there_and_a_walled_form(tmp_path, chromium):
    profile = tmp_path / "absent.toml"
    profile.write_text(ABSENT)
    result = _crawl(tmp_path, f"{NAME_ONLY_GET},{LISTED},{NAME_ONLY_POST}", chromium, str(profile), NAME_ONLY_POST)
    out = result["outcomes"]
    for site in (NAME_ONLY_GET, LISTED):
        assert (out[site]["status"], out[site]["fetched_with"]) == ("NO_RESULTS", "browser"), (site, out[site])
        assert any(s == site and "rowan" in text.lower() for s, text in result["asked"])
    # a bot wall where the form should be: a human check for `scan --assist`, never "not listed"
    assert out[NAME_ONLY_POST]["status"] == "BLOCKED" and "unlisted scan --assist" in out[NAME_ONLY_POST]["detail"]
    assert not any("rowan" in text.lower() for s, text in result["asked"] if s == NAME_ONLY_POST)
    assert result["items"] == []


def test_without_a_browser_a_form_site_could_not_be_checked_and_keeps_its_link(tmp_path):
    result = _crawl(tmp_path, f"{NAME_ONLY_GET},{PLAIN}", "/nonexistent")
    out = result["outcomes"]
    assert out[NAME_ONLY_GET]["status"] == "ERROR" and out[NAME_ONLY_GET]["detail"].startswith("needs Chrome or Chromium")
    assert result["search_urls"][NAME_ONLY_GET].endswith(f"/s/{NAME_ONLY_GET}/")
    assert not any(s == NAME_ONLY_GET for s, _ in result["asked"])   # nothing was sent to it
    assert out[PLAIN]["status"] == "RESULTS"
