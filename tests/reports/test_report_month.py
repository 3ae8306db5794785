"""The report's plan cut in two: this month's tasks in full, "Later" folded with its count, "N of M done",
the list of sites to check by hand, the five things first, and what print shows (test_report_plan.py:
the rest of the plan)."""

from __future__ import annotations

import copy

from .report_fixtures import sample_report, soup_of


def checklist_task(report: dict, n: int = 3) -> dict:
    base = next(t for t in report["tasks"] if t["kind"] == "manual_check")
    task = copy.deepcopy(base)
    sites = [f"minor{i}" for i in range(n)]
    task.update(id=99, key="checklist:by-hand", title=f"Check these {n} sites by hand", status="todo", when="later",
                why="We could not search these sites automatically.", sites=sites, site_names=[s.title() for s in sites],
                links=[{"label": f"Search {s.title()}", "url": f"https://{s}.example/search"} for s in sites],
                checklist=[{"name": s.title(), "why": f"{s.title()} showed a robot check.",
                            "url": f"https://{s}.example/search", "optout_url": f"https://{s}.example/optout"}
                           for s in sites], letter=None, finding_ids=[])
    for s in sites:   # the sites are also in the report's list of unchecked sites
        report["manual_checks"].append({"site": s, "site_name": s.title(), "status": "BLOCKED", "reason": "bot wall",
                                        "search_url": f"https://{s}.example/search", "optout_url": ""})
    report["tasks"].append(task)
    return task


def test_later_tasks_are_folded_with_their_count_and_this_month_shows_progress():
    report = sample_report()
    todo = [t for t in report["tasks"] if t["status"] in ("todo", "reappeared")]
    later = [t for t in todo if t["kind"] == "hardening"][1:]
    for t in later:
        t["when"] = "later"
    month = [t for t in report["tasks"] if t["when"] == "this_month"]
    soup = soup_of(report)
    progress = soup.select_one("#first .plan-progress").get_text(" ", strip=True)
    done = sum(t["status"] not in ("todo", "reappeared") for t in month)
    assert progress.startswith(f"This month: {done} of {len(month)} done")
    assert f"{len(later)} more are kept for later" in progress
    folded = soup.select("#settings details.later")
    assert len(folded) == 1
    assert folded[0].summary.get_text(" ", strip=True).startswith(f"Later: {len(later)} more settings and protections")
    for t in later:
        assert soup.find(id=f"task-{t['id']}").find_parent("details", class_="later") is folded[0]
    for t in month:
        assert soup.find(id=f"task-{t['id']}").find_parent("details", class_="later") is None
    note = folded[0].find_next_sibling("p", class_="print-note").get_text(" ", strip=True)
    assert "unlisted report --format json" in note and "unlisted tasks show N" in note


def test_the_checklist_lists_each_site_with_its_link_and_why_once():
    report = sample_report()
    task = checklist_task(report)
    soup = soup_of(report)
    section = soup.find("section", id="manual-checks")
    item = section.find(id="task-99")
    assert item.find_parent("details", class_="later") is not None and item.h3.get_text() == "Check these 3 sites by hand"
    rows = item.select("ul.checklist li")
    assert [r.select_one(".site-name").get_text() for r in rows] == task["site_names"]
    for row, entry in zip(rows, task["checklist"]):
        assert row.find("a", href=entry["url"]) and row.find("a", href=entry["optout_url"])
        assert entry["why"] in row.get_text()
    # its sites are not repeated one by one
    titles = [h.get_text() for h in section.select("li.check > h3")]
    assert not {"Minor0", "Minor1", "Minor2"} & set(titles)
    assert "(one of them a list of 3 sites)" in section.select_one("details.later > summary").get_text()


def test_five_things_first_never_a_check_or_protection_while_a_removal_is_open():
    report = sample_report()
    for t in report["tasks"]:
        t["status"], t["when"] = "todo", "this_month"
    # the service's order puts a check by hand and a protection first: the removals still come first
    report["tasks"].sort(key=lambda t: t["kind"] in ("optout", "setting"))
    top = [li.a.get_text() for li in soup_of(report).select("#first ol.top-tasks > li")]
    removals = [t["title"] for t in report["tasks"] if t["kind"] in ("optout", "setting") and t["finding_ids"]]
    assert top == removals[:5] and top
    # nothing to remove: this month's first tasks
    report["tasks"] = [t for t in report["tasks"] if t["kind"] not in ("optout", "setting")]
    soup = soup_of(report)
    assert [li.a.get_text() for li in soup.select("#first ol.top-tasks > li")] == [t["title"] for t in report["tasks"]][:5]
    assert "We found nothing to remove" in soup.select_one("#first .section-intro").get_text()
