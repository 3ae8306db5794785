"""The plan's order and its cut (scanner/plan/rank.py, rules.toml [plan] [[tier]] [[rank]]), and the one
checklist of minor sites to check by hand (scanner/plan/checklist.py)."""

from __future__ import annotations

import dataclasses

import pytest

from scanner.history.store import SiteResult
from scanner.plan.checklist import CHECKLIST_KEY
from scanner.plan.rank import LATER, THIS_MONTH, DONE, split
from scanner.plan.ruleset import RulesError, default_rules, load_rules
from scanner.plan.ruleset import RULES_DIR

from .test_remediation import CATALOG, finding, plan
from .test_rules import edit


def copy_rules(tmp_path):
    import shutil

    from scanner.plan.ruleset import FILES

    tmp_path.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        shutil.copy(RULES_DIR / name, tmp_path / name)
    return tmp_path


def test_a_minor_directory_never_comes_before_a_people_search_site_showing_the_home_address():
    found = [finding(kind, "healthgrades", "high") for kind in ("phone", "email", "relative", "workplace")]
    found += [finding("home_address", "mailer", "critical"), finding("birth_date", "mailer", "medium")]
    tasks = plan(found, [])
    directory = next(t for t in tasks if t.key == "optout:healthgrades")
    broker = next(t for t in tasks if t.key == "optout:mailer")
    assert directory.impact > 10 and broker.tier == "brokers" and directory.tier == "exposed"
    assert tasks.index(broker) < tasks.index(directory)
    # removals of what was found come before checks by hand and general protections
    kinds = [t.kind for t in tasks]
    assert max(i for i, k in enumerate(kinds) if k in ("optout", "setting")) < kinds.index("hardening")


def test_registries_showing_the_home_address_are_urgent():
    tasks = {t.key: t for t in plan([finding("home_address", "npi", "critical"), finding("phone", "mailer")], [])}
    assert tasks["setting:nppes:self"].tier == "urgent" and tasks["optout:mailer"].tier == "brokers"


def split_rules(max_: int = 3):
    return dataclasses.replace(default_rules(), this_month_max=max_)


def test_the_cut_keeps_urgent_tasks_fills_up_to_the_maximum_and_leaves_the_checklist_for_later():
    items = [("u1", "urgent", True), ("u2", "urgent", True), ("u3", "urgent", True), ("u4", "urgent", True),
             ("b1", "brokers", True), ("x", "brokers", False), ("c", "check", True), ("l", "list", True)]
    assert split(items, split_rules(3)) == {"u1": THIS_MONTH, "u2": THIS_MONTH, "u3": THIS_MONTH, "u4": THIS_MONTH,
                                            "b1": LATER, "x": DONE, "c": LATER, "l": LATER}
    when = split(items, split_rules(6))
    assert [k for k, v in when.items() if v == THIS_MONTH] == ["u1", "u2", "u3", "u4", "b1", "c"]
    assert when["l"] == LATER and when["x"] == DONE          # the list is never this month; done is neither part


def test_nothing_found_is_a_short_plan_with_one_checklist():
    results = [SiteResult(s.id, "BLOCKED", search_url=f"https://www.{s.domain}/n/a-q") for s in CATALOG]
    results += [SiteResult(f"extra{i}", "ERROR") for i in range(30)]
    tasks = plan([], results)
    assert len(tasks) <= 10
    assert [t.key for t in tasks] == ["manual:pages", CHECKLIST_KEY]           # the crucial site keeps its own task
    listed = tasks[1]
    assert len(listed.checklist) == len(results) - 1 and listed.title == f"Check these {len(results) - 1} sites by hand"
    # the checklist's key does not depend on which sites it lists this time
    fewer = plan([], results[:3])
    assert CHECKLIST_KEY in {t.key for t in fewer}
    one = plan([], [SiteResult("mailer", "ERROR")])
    assert [t.title for t in one] == ["Check this site by hand: Mailer"] and one[0].key == CHECKLIST_KEY


def test_ranking_rules_are_validated(tmp_path):
    d = copy_rules(tmp_path)
    edit(d, "rules.toml", 'tier = "brokers"\ntasks = ["optout"]', 'tier = "soon"\ntasks = ["optout"]')
    with pytest.raises(RulesError, match=r'rules.toml: rank\[2\].tier: "soon" is not one of'):
        load_rules(d)
    d = copy_rules(tmp_path / "b")
    edit(d, "rules.toml", 'id = "everything-else"            # medium and low exposures\ntier = "minor"\ntasks = ["*"]',
         'id = "everything-else"\ntier = "minor"\ntasks = ["optout"]')
    with pytest.raises(RulesError, match=r"the last \[\[rank\]\] must match every task"):
        load_rules(d)
    d = copy_rules(tmp_path / "c")
    edit(d, "rules.toml", 'site_priority = ["crucial", "high"]', 'site_priority = ["vip"]')
    with pytest.raises(RulesError, match=r'rank\[0\].site_priority\[0\]: "vip"'):
        load_rules(d)
    assert load_rules(RULES_DIR).this_month_max == 20
