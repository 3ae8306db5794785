"""The opt-out runner (spiders/browser/optout.py) on the simulated web's opt-out forms, in headless Chromium:
a changed page stops it, a form asking for an SSN is never filled, the listing picked is hers and not her
namesake's, the person's part is left to her (and a "yes" from her is the only other way to "filed"), and a
hostile success page is kept as text, its third-party host never asked."""

from __future__ import annotations

import datetime as _dt

import pytest

from scanner.optout.web import WebForm, form_fields, own_hosts, profile_details, start_url
from scanner.profile import load_profile
from scanner.sandbox.server import DEMO_PROFILE, SandboxServer, Scenario
from spiders.browser.optout import CHANGED, FILED, REFUSED, TIMEOUT, FormJob, file_form, open_link
from spiders.browser.run import BrowserRun
from spiders.browser.single import BrowserFetcher
from spiders.catalog import default_catalog
from spiders.catalog.steps import parse_steps, steps_named
from tests.browser.chromium import chromium_path

SITES = {s.id: s for s in default_catalog()}
PROFILE = load_profile(DEMO_PROFILE)
LISTING = "http://127.0.0.1:9/s/verecor/__detail/avery-j-quinlan"


@pytest.fixture
def chromium():
    return chromium_path()


def _run(server, site_id, *, steps=None, auto=True, ask=None, human_seconds=10.0, said=None):
    site = SITES[site_id]
    form = WebForm(site, steps or steps_named(site.optout.steps))
    fields = form_fields(form, profile_details(PROFILE, _dt.date(2026, 12, 7)), LISTING, "opt@example.com")
    job = FormJob(site_name=site.name, start_url=start_url(site, server.url), own=own_hosts(site, True),
                  steps=form.steps, fields=fields, person=PROFILE.person.name, place="Portland")
    with BrowserFetcher(BrowserRun(executable=chromium_path(), window=False), sandbox=True) as browser:
        return file_form(browser, job, auto=auto, say=(said if said is not None else []).append, ask=ask,
                         human_seconds=human_seconds, step_seconds=2.0)


def _asked(server, site_id):
    return [path for site, path in server.asked if site == site_id]


def test_auto_files_the_form_and_the_site_shows_it(chromium):
    with SandboxServer() as server:
        outcome = _run(server, "verecor")
        asked = _asked(server, "verecor")
    assert outcome.outcome == FILED, outcome.message
    assert "Your removal request has been received" in outcome.text and outcome.screenshot.startswith(b"\x89PNG")
    [sent] = [a for a in asked if a.startswith("/o/verecor/submit")]
    assert "opt@example.com" in sent and "Avery Quinlan" in sent and LISTING in sent
    for never in ("Larkspur", "555-0147", "1984", "97206", "avery.q@example.com"):
        assert never not in " ".join(asked)
    assert server.third_party_hits == []


def test_the_listing_picked_is_hers_not_her_namesakes(chromium):
    site_id = next(s.id for s in SITES.values() if s.optout.steps == "search_pick")
    with SandboxServer() as server:
        outcome = _run(server, site_id)
        asked = _asked(server, site_id)
    assert outcome.outcome == FILED, outcome.message
    assert any(a.startswith(f"/o/{site_id}/record/1") for a in asked)
    assert not any(a.startswith(f"/o/{site_id}/record/2") for a in asked)


def test_a_changed_page_stops_at_the_step_that_misses(chromium):
    with SandboxServer(Scenario(routes={"o": {"changed": ["verecor"]}})) as server:
        outcome = _run(server, "verecor")
        asked = _asked(server, "verecor")
    assert outcome.outcome == CHANGED
    assert outcome.message == "step 2 (fill): the field #user_name is not on the page"
    assert not any("/submit" in a for a in asked)


def test_a_form_asking_for_an_ssn_is_never_filled(chromium):
    with SandboxServer(Scenario(routes={"o": {"hostile": ["verecor"]}})) as server:
        outcome = _run(server, "verecor")
        asked = _asked(server, "verecor")
        third = server.third_party_hits
    assert outcome.outcome == REFUSED
    assert "a Social Security number" in outcome.message and "never gives it" in outcome.message
    assert not any("/submit" in a for a in asked) and third == []


def test_a_hostile_form_sends_nothing_to_another_host(chromium):
    steps = parse_steps({"source": "test", "needs": [], "step": [
        {"action": "open"}, {"action": "human", "say": "press Continue", "check": ".g-recaptcha", "submit": ".btn-sbmt"},
        {"action": "expect", "text": "Your removal request has been received"}]}, "optout/t.toml", "t")
    with SandboxServer(Scenario(routes={"o": {"hostile": ["verecor"]}})) as server:
        outcome = _run(server, "verecor", steps=steps, human_seconds=2.0)
        third = server.third_party_hits
    assert outcome.outcome == TIMEOUT and third == []     # its form goes to another host: refused by the guard


def test_a_hostile_page_behind_a_link_is_kept_as_text(chromium):
    with SandboxServer(Scenario(routes={"o": {"hostile": ["verecor"]}})) as server:
        with BrowserFetcher(BrowserRun(executable=chromium_path(), window=False), sandbox=True) as browser:
            outcome = open_link(browser, f"{server.url}/o/verecor/submit", ("127.0.0.1",), "Verecor")
        third = server.third_party_hits
    assert outcome.outcome == FILED, outcome.message
    assert "Your removal request has been received" in outcome.text
    assert "<script" not in outcome.text and "onerror" not in outcome.text and "<img" not in outcome.text
    assert third == []


def test_without_auto_the_check_is_hers_and_only_her_yes_files_it(chromium):
    said, asked_her = [], []
    with SandboxServer() as server:
        outcome = _run(server, "verecor", auto=False, human_seconds=1.0, said=said,
                       ask=lambda why: asked_her.append(why) or False)
        again = _run(server, "verecor", auto=False, human_seconds=1.0, ask=lambda why: True)
        asked = _asked(server, "verecor")
    assert said == ["Verecor: tick \"I'm not a robot\", then press Submit in the browser window (1 min left)."]
    assert outcome.outcome == TIMEOUT and asked_her == [
        "step 3 (human): the page did not show that the request was received"]
    assert not any("/submit" in a for a in asked)        # nobody pressed Submit
    assert again.outcome == FILED and again.message == "you said you filed it in the window"
