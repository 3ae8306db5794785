"""For a California resident the report's first step is DROP: first of "the five things to do first" (a
`lead` tier of rules.toml), then the removals; its steps say what it covers and what it does not."""

from __future__ import annotations

import dataclasses

from scanner.engine.matcher import Finding
from scanner.history.store import SiteResult
from scanner.plan.planner import plan_tasks

from .report_fixtures import TODAY, sample_catalog, sample_profile, sample_report, soup_of, task_dicts

DROP_TITLE = "File one California deletion request through DROP"


def report_for(state: str) -> dict:
    """The sample report, its plan made for the same person living in ``state``, every task to do."""
    report = sample_report()
    home = dataclasses.replace(sample_profile().addresses[0], state=state)
    profile = dataclasses.replace(sample_profile(), addresses=(home,))
    ids, findings = {}, []
    for raw in report["findings"]:
        f = Finding(kind=raw["kind"], subject=raw["subject"], value=raw["value"], confidence=raw["confidence"],
                    severity=raw["severity"], evidence=raw["evidence"], source_url=raw["source_url"], site=raw["site"])
        ids[f.fingerprint] = raw["id"]
        findings.append(f)
    results = [SiteResult(s["id"], s["status"], s["detail"], s["search_url"]) for s in report["sites"]]
    tasks = plan_tasks(findings, results, profile, sample_catalog(), today=TODAY)
    report["tasks"] = task_dicts(tasks, ids, statuses=(("todo", "", ""),))
    return report


def top_titles(soup) -> list[str]:
    return [li.a.get_text() for li in soup.select("#first ol.top-tasks > li")]


def test_drop_heads_the_five_things_first_then_the_removals():
    report = report_for("CA")
    soup = soup_of(report)
    top = top_titles(soup)
    removals = [t["title"] for t in report["tasks"] if t["kind"] in ("optout", "setting") and t["finding_ids"]]
    assert top[0] == DROP_TITLE and top[1:] == removals[:4]
    assert "These remove the most serious exposures we found." in soup.select_one("#first .section-intro").get_text()
    drop = next(t for t in report["tasks"] if t["title"] == DROP_TITLE)
    card = soup.find(id=f"task-{drop['id']}")
    steps = [li.get_text(" ", strip=True) for li in card.select("ol.steps > li")]
    assert any(s.startswith("What this covers: every data broker registered in California") for s in steps)
    assert any(s.startswith("What this does not cover: people-search sites that are not registered") for s in steps)
    assert any("since August 1, 2026" in s for s in steps)


def test_once_filed_drop_leaves_the_five_things_first():
    report = report_for("CA")
    drop = next(t for t in report["tasks"] if t["title"] == DROP_TITLE)
    drop.update(status="filed", status_date="2026-12-01", due_date="2027-01-15", when="done")
    assert DROP_TITLE not in top_titles(soup_of(report))


def test_other_states_five_things_first_are_unchanged():
    report = report_for("OR")
    assert DROP_TITLE not in {t["title"] for t in report["tasks"]}
    removals = [t["title"] for t in report["tasks"] if t["kind"] in ("optout", "setting") and t["finding_ids"]]
    assert top_titles(soup_of(report)) == removals[:5]
