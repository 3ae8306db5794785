"""The simulated web's opt-out forms (scanner/sandbox/optouts.py), walked over plain HTTP the way the
browser runner walks them: every site with steps reaches its success page with the person's check
passed, and no form receives more than its steps declare."""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from dataclasses import replace
from urllib.parse import urlsplit

import pytest

from scanner.sandbox.server import SandboxServer, load_scenario
from spiders.catalog import default_catalog
from spiders.catalog.steps import FIELD_OF, all_steps, steps_named
from tests.sandbox.optout_walk import VALUES, Mismatch, walk

STEPS = all_steps()
SITES = [s for s in default_catalog() if s.optout.steps]
# one site per steps file: the flows are the same for every site sharing a file
ONE_PER_FILE = list({s.optout.steps: s for s in SITES}.values())
# what the demo profile holds that no opt-out form of ours may receive
NEVER = ["555-0147", "5550147", "1984", "03-17", "Larkspur", "4821", "avery.q@example.com"]


@pytest.fixture(scope="module")
def sandbox():
    with SandboxServer() as server:
        yield server


def start_url(server: SandboxServer, site) -> str:
    return f"{server.url}/o/{site.id}{urlsplit(site.optout.url).path or '/'}"


def listing(server: SandboxServer, site) -> str:
    return f"{server.url}/s/{site.id}/people/avery-quinlan"


def sent_to(server: SandboxServer, site_id: str, since: int) -> list[str]:
    return [what for sid, what in server.asked[since:] if sid == site_id]


def test_every_steps_file_has_a_site_and_its_pages():
    used = {s.optout.steps for s in SITES}
    assert used == set(STEPS), f"steps files no site uses: {sorted(set(STEPS) - used)}"


@pytest.mark.parametrize("site", ONE_PER_FILE, ids=lambda s: s.optout.steps)
def test_the_steps_walk_the_flow_to_its_success_page(sandbox, site):
    steps = steps_named(site.optout.steps)
    since, mail_before = len(sandbox.asked), len(sandbox.mailbox)
    done = walk(steps, start_url(sandbox, site), listing(sandbox, site))
    assert done.status == 200 and done.url.endswith("/submit")
    asked = "\n".join(sent_to(sandbox, site.id, since))
    # the form received what the steps declare, and nothing else of the person
    declared = {v for k, v in VALUES.items() if FIELD_OF.get(k) in steps.needs}
    for value in VALUES.values():
        if value in asked and value not in declared and value != VALUES["optout_email"]:
            pytest.fail(f"{site.id} received {value!r}, which its steps do not declare")
    assert VALUES["optout_email"] in asked
    for secret in NEVER:
        assert secret not in asked, f"{site.id} received {secret!r}"
    if "listing" in steps.needs:
        assert listing(sandbox, site) in asked
    mail = sandbox.mailbox[mail_before:]
    if steps.email_confirmation:
        assert [(to, sid) for to, sid, _ in mail] == [(VALUES["optout_email"], site.id)]
        assert mail[0][2].startswith(f"{sandbox.url}/o/{site.id}/confirm/")
    else:
        assert mail == []


@pytest.mark.parametrize("site", [s for s in ONE_PER_FILE if steps_named(s.optout.steps).human.check],
                         ids=lambda s: s.optout.steps)
def test_a_submission_without_the_human_check_is_refused(sandbox, site):
    steps = steps_named(site.optout.steps)
    since, mail_before = len(sandbox.asked), len(sandbox.mailbox)
    with pytest.raises(Mismatch, match="expect"):
        walk(steps, start_url(sandbox, site), listing(sandbox, site), tick=False)
    assert len(sandbox.mailbox) == mail_before
    assert sent_to(sandbox, site.id, since)[-1].startswith(f"/o/{site.id}/submit?")   # it was sent, and refused
    # the form comes back with the reason, and the check still to pass
    page = urllib.request.urlopen(f"{sandbox.url}/o/{site.id}/submit", b"email=x%40example.com").read().decode()
    assert 'class="form-error"' in page and "not a robot" in page and steps.success.text not in page
    assert "data-human-check" in page


def test_the_confirmation_link_works_once(sandbox):
    site = next(s for s in SITES if s.id == "vericora")
    mail_before = len(sandbox.mailbox)
    walk(steps_named("vericora"), start_url(sandbox, site), listing(sandbox, site))
    [(to, site_id, link)] = sandbox.mailbox[mail_before:]
    first = urllib.request.urlopen(link).read().decode()
    assert "Your information control request has been confirmed." in first
    with pytest.raises(urllib.error.HTTPError) as again:
        urllib.request.urlopen(link)
    assert again.value.code == 410
    with pytest.raises(urllib.error.HTTPError) as other_site:   # a token only confirms its own site
        urllib.request.urlopen(link.replace("/o/vericora/", "/o/virtory/"))
    assert other_site.value.code == 404


def test_pages_are_the_sites_own_with_a_third_party_tag(sandbox):
    site = next(s for s in SITES if s.id == "veriforia")
    page = urllib.request.urlopen(start_url(sandbox, site)).read().decode()
    assert "<title>Information Control | Veriforia</title>" in page
    assert f'action="{sandbox.url}/o/veriforia/submit"' in page
    assert sandbox.httpd.third_party_url + "/tag.js" in page
    assert not any(token in page for token in ("__BASE__", "__SITE_NAME__", "__THIRD_PARTY__", "__RECORD"))


def scenario_with(**o):
    scenario = load_scenario()
    return replace(scenario, routes={**scenario.routes, "o": {"changed": [], "hostile": [], **o}})


def test_a_changed_site_no_longer_matches_its_steps():
    sites = ONE_PER_FILE
    with SandboxServer(scenario_with(changed=[s.id for s in sites])) as server:
        for site in sites:
            with pytest.raises(Mismatch):
                walk(steps_named(site.optout.steps), start_url(server, site), listing(server, site))
        page = urllib.request.urlopen(start_url(server, sites[0])).read().decode()
        assert 'class="v2-' in page


def test_a_hostile_site_asks_for_an_ssn_at_the_declared_field():
    import lxml.html

    site = next(s for s in SITES if s.id == "vericora")
    steps = steps_named("vericora")
    with SandboxServer(scenario_with(hostile=["vericora"])) as server:
        root = lxml.html.fromstring(urllib.request.urlopen(start_url(server, site)).read())
        first_field = steps.steps[1].fields[0][0]
        [ssn] = root.cssselect(first_field)
        assert ssn.get("name") == "ssn" and "Social Security Number" in ssn.getparent().text_content()
        [form] = ssn.iterancestors("form")
        assert form.get("action").startswith(server.httpd.third_party_url)
        hrefs = [a.get("href") for a in root.cssselect("a")] + [f.get("action") for f in root.cssselect("form")]
        assert any(h.startswith("https://records-verify.example.net") for h in hrefs)
        assert len(root.cssselect(steps.human.check)) == 1 and len(root.cssselect(steps.human.submit)) == 1
        done = urllib.request.urlopen(f"{server.url}/o/vericora/submit", b"human_check=passed").read().decode()
        assert "Your removal request has been received <script>alert(1)</script>" in done
        assert "onerror=" in done and 'href="javascript:' in done
        other = next(s for s in SITES if s.id == "virtory")   # the other sites stay as they are
        assert walk(steps, start_url(server, other), listing(server, other)).status == 200

