"""This month and later in the store: each sync cuts the plan (scanner/plan/rank.py) and keeps the cut in
the task until the next sync, so that "N of M done" moves forward as the user works."""

from __future__ import annotations

import dataclasses
import json

from scanner.history.tasks import current_tasks, progress, report_tasks

from .test_tasks import F, act, day, plan, scan, store  # noqa: F401 (store is a fixture)


def tiered(findings, statuses):
    """The stand-in plan, with tiers: alpha and beta are urgent, the others minor."""
    return [dataclasses.replace(t, tier="urgent" if t.key in ("optout:alpha", "optout:beta") else "minor")
            for t in plan(findings, statuses)]


def test_this_month_is_cut_at_the_scan_and_kept_until_the_next(store, monkeypatch):
    import scanner.plan.rank as rank
    from scanner.plan.ruleset import default_rules

    monkeypatch.setattr("tests.history.test_tasks.plan", tiered)
    small = dataclasses.replace(default_rules(), this_month_max=3)
    monkeypatch.setattr("scanner.plan.ruleset.default_rules", lambda: small)
    sites = ("alpha", "beta", "gamma", "delta", "omega")
    found = [F(f"{s}1", s) for s in sites]
    first = scan(store, day(0), {s: "RESULTS" for s in sites}, found)
    tasks = current_tasks(store)
    when = {t["key"]: t["when"] for t in tasks}
    assert when == {"optout:alpha": "this_month", "optout:beta": "this_month", "optout:delta": "this_month",
                    "optout:gamma": "later", "optout:omega": "later"}
    assert progress(tasks) == (0, 3) and [t["when"] for t in report_tasks(store, first)][:3] == ["this_month"] * 3
    # filing one does not pull a later task up: this month is now 1 of 3 done
    act(store, "optout:alpha", "filed", day(1))
    tasks = current_tasks(store)
    assert progress(tasks) == (1, 3) and sum(t["when"] == "later" for t in tasks) == 2
    assert json.loads(next(r for r in store.tasks("sandbox", "Avery Quinlan") if r.key == "optout:gamma").content)["when"] == "later"
    # the next scan cuts again: the filed one is done (neither part), later tasks move up
    scan(store, day(3), {s: "RESULTS" for s in sites}, found)
    when = {t["key"]: t["when"] for t in current_tasks(store)}
    assert when["optout:alpha"] == "done" and list(when.values()).count("this_month") == 3
    assert when["optout:gamma"] == "this_month" and rank.THIS_MONTH == "this_month"
    # a task the user reopens belongs to this month
    act(store, "optout:alpha", "reopen", day(4))
    assert {t["key"]: t["when"] for t in current_tasks(store)}["optout:alpha"] == "this_month"


def test_older_checks_of_one_site_close_when_the_checklist_lists_their_site(store, monkeypatch):
    from scanner.plan.model import CheckItem

    scan(store, day(0), {"alpha": "BLOCKED", "beta": "BLOCKED"}, [])
    assert {t["key"]: t["status"] for t in current_tasks(store)} == {"manual:alpha": "todo", "manual:beta": "todo"}

    def with_checklist(findings, statuses):
        tasks = plan(findings, statuses)
        one = next(t for t in tasks if t.key == "manual:alpha")
        listed = dataclasses.replace(one, key="checklist:by-hand", title="Check this site by hand: Alpha",
                                     checklist=(CheckItem("Alpha", "Alpha showed a robot check.", "https://alpha.example"),))
        return [t for t in tasks if t.key != "manual:alpha"] + [listed]

    monkeypatch.setattr("tests.history.test_tasks.plan", with_checklist)
    scan(store, day(30), {"alpha": "BLOCKED", "beta": "BLOCKED"}, [])
    by_key = {t["key"]: t for t in current_tasks(store)}
    assert by_key["manual:alpha"]["status"] == "removed" and "list of sites" in by_key["manual:alpha"]["note"]
    assert by_key["manual:beta"]["status"] == "todo" and by_key["checklist:by-hand"]["status"] == "todo"
