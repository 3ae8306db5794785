"""`unlisted sites check`: the self-test passes on the catalog and catches a broken entry."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from scanner.profile import load_profile, parse_profile
from scanner.sandbox.server import DEMO_PROFILE, SandboxServer, Scenario
from spiders import selftest
from spiders.catalog import Detection, default_catalog

SITES = {s.id: s for s in default_catalog()}
TODAY = dt.date(2026, 11, 23)
ABSENT = parse_profile({"schema": 1, "person": {"name": "Rowan Example", "birth_year": 1990, "phones": ["(503) 555-0199"],
                                                "emails": ["rowan@example.com"]},
                        "addresses": [{"kind": "home", "street": "12 Nowhere Rd", "city": "Salem", "state": "OR",
                                       "postal_code": "97301"}]}, source="test")


def run(site):
    hit = Scenario(hit_terms=("quinlan", "5035550147", "averyqexamplecom", "4821selarkspur"))
    with SandboxServer(hit, TODAY) as ok, SandboxServer(Scenario(blocked=frozenset({site.id})), TODAY) as wall:
        return selftest.check_offline(site, ok.site_base(site.id), wall.site_base(site.id), selftest.fetch_url,
                                      load_profile(DEMO_PROFILE), ABSENT, TODAY)


def test_a_working_entry_passes():
    assert run(SITES["truepeoplesearch"]).ok


def test_a_changed_results_layout_fails_and_names_the_page():
    site = SITES["nuwber"]
    broken = dataclasses.replace(site, detection=Detection(("css:.no-such-card",), site.detection.no_results, site.detection.blocked))
    result = run(broken)
    assert not result.ok and result.detail.startswith("results page: ERROR")


def test_selectors_that_miss_the_therapist_fail():
    site = SITES["radaris"]
    broken = dataclasses.replace(site, extraction=dataclasses.replace(site.extraction, card="p.nothing", detail_link=""))
    result = run(broken)
    assert not result.ok and "not read off the page" in result.detail


def test_cli_sites_check_offline_all_ok_and_unknown_site(run_cli):
    from tests.browser.chromium import CHROMIUM

    result = run_cli("sites", "check")
    assert result.returncode == 0, result.stdout[-2000:]
    assert f"{len(SITES)} of {len(SITES)} entries OK" in result.stdout
    # the sites searched by a form: filled in a headless browser (hit, miss and blocked), else said so
    forms = [s for s in SITES.values() if s.form_search]
    assert len(forms) >= 30
    if CHROMIUM:
        assert all(re.search(rf"^{s.id} +OK +\d search\(es\) hit, miss and blocked \(filled in its search form\)$",
                             result.stdout, re.M) for s in forms)
    else:
        assert f"{len(forms)} sites searched by a form could be checked only in part" in result.stderr
    bad = run_cli("sites", "check", "nosuchsite")
    assert bad.returncode == 2 and "unknown site 'nosuchsite'" in bad.stderr


def test_cli_sites_list_filters(run_cli):
    result = run_cli("sites", "list", "--parent", "PeopleConnect")
    assert result.returncode == 0
    rows = result.stdout.strip().splitlines()
    assert rows[-1] == f"{len(rows) - 2} sites" and any(r.startswith("intelius ") for r in rows)
    skipped = run_cli("sites", "list", "--skipped")
    assert "ancestry" in skipped.stdout and "fastpeoplesearch" not in skipped.stdout
    assert "why it is not searched" in skipped.stdout.splitlines()[0]   # each says why, as its entry does
    for site in (s for s in SITES.values() if not s.enabled):
        assert re.search(rf"^{site.id} .*{re.escape(site.disabled_reason)}$", skipped.stdout, re.M), site.id
    assert skipped.stdout.strip().splitlines()[-1] == f"{sum(not s.enabled for s in SITES.values())} sites"
    phone = run_cli("sites", "list", "--search-by", "phone")
    assert "spydialer" in phone.stdout and "radaris " not in phone.stdout
