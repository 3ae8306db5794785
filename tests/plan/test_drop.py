"""California residents: the plan's first step is DROP, the state's one-stop deletion request, with what it
covers and what it does not; its order comes from rules.toml (a `lead` tier and a [[rank]] naming the
measure), so other profiles keep their plan exactly as before."""

from __future__ import annotations

import datetime as dt

import pytest

from scanner.plan.planner import plan_tasks
from scanner.plan.ruleset import RulesError, load_rules
from scanner.profile import parse_profile

from .test_rank import copy_rules
from .test_remediation import CATALOG, INFO, RESULTS, VARIED, finding, plan, profile
from .test_rules import edit

TODAY = dt.date(2026, 12, 7)
DROP = "hardening:ca-drop"
# the DROP tier and rank, as written in rules.toml, and the rules without them (the plan before DROP led it)
TIER = 'id = "first"                      # the plan\'s first step: a state\'s one-stop deletion request\n' \
       'always = true\nthis_month = true\nlead = true\n[[tier]]\n'
RANK = '[[rank]]\nid = "one-stop-deletion"          # one request that reaches every registered data broker ' \
       '(California\'s DROP)\ntier = "first"\ntasks = ["hardening"]\nmeasures = ["ca-drop"]\n\n'


def sacramento():
    """A fictional therapist living in Sacramento."""
    return parse_profile({
        "schema": 1,
        "person": {"name": "Marisol T. Vantongeren", "phones": ["(916) 555-0162"], "emails": ["m.vantongeren@example.com"]},
        "addresses": [{"kind": "home", "street": "2250 Capitol Oak Ln", "city": "Sacramento", "state": "CA",
                       "postal_code": "95816"}],
        "family": [{"name": "Teodor Vantongeren", "relation": "spouse"}],
    })


def ca_plan(findings=VARIED, today=TODAY, **kw):
    return plan_tasks(findings, RESULTS, sacramento(), CATALOG, INFO, today=today, **kw)


def without_drop_rank(tmp_path):
    d = copy_rules(tmp_path)
    edit(d, "rules.toml", TIER, "")
    edit(d, "rules.toml", RANK, "")
    return load_rules(d)


def test_a_california_plan_starts_with_drop_before_even_the_urgent_opt_outs():
    tasks = ca_plan()
    first = tasks[0]
    assert first.key == DROP and first.tier == "first" and first.kind == "hardening"
    assert tasks[1].tier == "urgent"                         # a crucial site showing the home address comes next
    assert [t.key for t in tasks].count(DROP) == 1
    assert "https://consumer.drop.privacy.ca.gov" in first.urls


def test_the_drop_task_says_what_it_covers_and_what_it_does_not():
    steps = ca_plan()[0].steps
    [covers] = [s for s in steps if s.startswith("What this covers: ")]
    assert "every data broker registered in California" in covers and "personal information" in covers
    assert "every 45 days" in covers
    [not_covered] = [s for s in steps if s.startswith("What this does not cover: ")]
    for words in ("people-search sites that are not registered as data brokers", "your own social media accounts",
                  "county property records", "voter files", "court records", "licensing boards and the NPI registry",
                  "directories where you listed yourself", "search engines"):
        assert words in not_covered, words
    assert steps.index(covers) < steps.index(not_covered)


@pytest.mark.parametrize("today, says, never", [
    (dt.date(2025, 11, 1), "DROP opens on January 1, 2026", "have had to process"),
    (dt.date(2026, 1, 1), "must start processing DROP requests on August 1, 2026", "have had to process"),
    (dt.date(2026, 7, 31), "must start processing DROP requests on August 1, 2026", "have had to process"),
    (dt.date(2026, 8, 1), "have had to process DROP requests since August 1, 2026", "must start processing"),
    (TODAY, "have had to process DROP requests since August 1, 2026", "must start processing"),
])
def test_the_drop_dates_follow_the_plans_date(today, says, never):
    text = " ".join(ca_plan(today=today)[0].steps)
    assert says in text and never not in text


def test_the_drop_dates_come_from_state_laws_toml(tmp_path):
    d = copy_rules(tmp_path)
    edit(d, "state_laws.toml", "brokers_from = 2026-08-01\ncycle_days = 45", "brokers_from = 2027-02-01\ncycle_days = 30")
    drop = plan_tasks(VARIED, RESULTS, sacramento(), CATALOG, INFO, today=TODAY, rules=load_rules(d))[0]
    text = " ".join(drop.steps)
    assert drop.key == DROP and "must start processing DROP requests on February 1, 2027" in text
    assert "every 30 days" in text and "45 days" not in text


def test_without_a_date_the_drop_task_leaves_out_the_dated_step_but_keeps_its_scope():
    drop = plan_tasks(VARIED, RESULTS, sacramento(), CATALOG, INFO, with_letters=False)[0]
    assert drop.key == DROP
    assert not any("August 1, 2026" in s or "opens on" in s for s in drop.steps)
    assert any(s.startswith("What this does not cover: ") for s in drop.steps)


def test_a_california_profile_with_no_people_search_listing_gets_no_drop_task():
    # DROP reaches registered brokers: it is planned with broker listings only (rules.toml broker-optout)
    found = [finding("home_address", "npi", "critical"), finding("email", "healthgrades", "medium"),
             finding("account", "instagram", "info")]
    tasks = ca_plan(found)
    assert tasks and DROP not in {t.key for t in tasks}
    assert all(t.tier != "first" for t in tasks)
    # one listing on a people-search site is enough
    assert ca_plan(found + [finding("phone", "mailer", "medium")])[0].key == DROP


def test_other_states_get_no_drop_and_keep_their_order(tmp_path):
    before = without_drop_rank(tmp_path)
    for state in ("OR", "NY", "GU"):
        now = plan(prof=profile(state))
        assert DROP not in {t.key for t in now} and all(t.tier != "first" for t in now)
        old = plan(prof=profile(state), rules=before)
        assert [(t.key, t.tier) for t in now] == [(t.key, t.tier) for t in old], state
    # California without the rank: DROP was a general protection, after the removals
    ca_old = [t.key for t in ca_plan(rules=before)]
    assert ca_old[0] != DROP and ca_old.index(DROP) > 3
    assert [k for k in ca_old if k != DROP] == [t.key for t in ca_plan()][1:]


def test_another_states_one_stop_request_can_be_added_as_data(tmp_path):
    d = copy_rules(tmp_path)
    edit(d, "hardening.toml", "[[measure]]\nid = \"mailbox\"",
         '[[measure]]\nid = "or-onestop"\ntitle = "File one Oregon deletion request"\n'
         'summary = "An invented one-stop request, for this test."\nimpact = 0.5\nstates = ["OR"]\n'
         'steps = ["Open the platform."]\nnot_covered = ["public records"]\n\n[[measure]]\nid = "mailbox"')
    edit(d, "rules.toml", '"hardening:ca-drop"]', '"hardening:ca-drop", "hardening:or-onestop"]')
    edit(d, "rules.toml", 'measures = ["ca-drop"]', 'measures = ["ca-drop", "or-onestop"]')
    tasks = plan(prof=profile("OR"), rules=load_rules(d))
    assert tasks[0].key == "hardening:or-onestop" and tasks[0].tier == "first"
    assert tasks[0].steps[-1] == "What this does not cover: public records."


@pytest.mark.parametrize("old, new, error", [
    ('measures = ["ca-drop"]', 'measures = ["ca-dropp"]', r'rank\[5\].measures\[0\]: "ca-dropp" is not one of'),
    ('tasks = ["hardening"]\nmeasures', 'tasks = ["optout"]\nmeasures', r'rank\[5\].measures: needs tasks = \["hardening"\]'),
    ("lead = true", 'lead = "yes"', r"tier\[0\].lead"),
    ("lead = true", "lead = true\nfirst = true", r"tier\[0\].first: unknown field"),
])
def test_the_ranking_of_measures_is_validated(tmp_path, old, new, error):
    d = copy_rules(tmp_path)
    edit(d, "rules.toml", old, new)
    with pytest.raises(RulesError, match=f"rules.toml: {error}"):
        load_rules(d)


@pytest.mark.parametrize("old, new, error", [
    ("since_brokers = ", "since_brokerz = ", r"timeline.since_brokerz: unknown field"),
    ("has {cycle_days} days to delete", "has {days} days to delete", r'timeline.since_brokers: unknown placeholder "\{days\}"'),
    ('not_covered = [\n', 'not_covered = [\n    "",\n', r"not_covered\[0\]: must not be empty"),
    ("every {cycle_days} days.", "every {brokers_from} days.", r'covers: unknown placeholder "\{brokers_from\}"'),
])
def test_the_scope_and_timeline_of_a_measure_are_validated(tmp_path, old, new, error):
    d = copy_rules(tmp_path)
    edit(d, "hardening.toml", old, new)
    with pytest.raises(RulesError, match=f"hardening.toml: measure\\[\\d+\\].{error}"):
        load_rules(d)
