"""The report's plan: opt-outs by parent company, task statuses, the five things first, letters, settings
and checks by hand, and what each finding says to do (the rest of the report: test_report.py)."""

from __future__ import annotations

import re

import pytest

from reports import ReportSchemaError, render_html

from .report_fixtures import sample_report, soup_of


# --- opt-outs by parent company ------------------------------------------------------


def test_optouts_grouped_by_parent_company_one_request_each():
    report = sample_report()
    soup = soup_of(report)
    section = soup.find("section", id="optouts")
    assert section.h2.get_text() == "Opt-outs to file, one per company"
    companies = section.select("section.company")
    assert [c.h3.get_text(strip=True) for c in companies] == ["PeopleCove", "Lookup Holdings LLC"]  # impact order
    lookup = companies[1]
    [task] = lookup.select("article.task")
    raw = next(t for t in report["tasks"] if t["key"] == "optout:lookup-holdings-llc")
    assert task["id"] == f"task-{raw['id']}" and task.h4.get_text() == raw["title"]
    text = task.get_text(" ", strip=True)
    assert "an online form or an email" in text
    assert [li.get_text() for li in task.select("ol.steps li")] == raw["steps"]
    asks = [li.get_text() for li in task.select("ul.asks li")]
    assert asks == raw["asks_for"] and sum("link to" in a for a in asks) == 1   # each thing asked for once
    assert raw["dont_give"] and [li.get_text() for li in task.select("ul.dont-give li")] == raw["dont_give"]
    assert task.find("a", href="https://lookupholdings.example/optout") is not None
    assert "TrueRecords" in task.select_one("dl.facts").get_text()  # covers: the sibling not listed this time


def test_task_status_in_words():
    report = sample_report()
    lookup = next(t for t in report["tasks"] if t["key"] == "optout:lookup-holdings-llc")
    lookup.update(status="filed", status_date="2026-11-23", due_date="2026-12-07", processing_days=7)
    expected = {
        ("todo", "", ""): "To do",
        ("filed", "2026-11-23", "2026-12-07"):
            "Filed on 2026-11-23 — the site usually takes 7 days; we will check again after 2026-12-07",
        ("removed", "2026-12-08", ""): "Confirmed removed on 2026-12-08",
        ("reappeared", "2027-01-08", ""): "Back again (seen again on 2027-01-08): the listing had gone and is back. "
                                          "File the request again.",
        ("not_me", "", ""): "Not you",
        ("wont_do", "", ""): "Won't do",
        ("awaiting", "2026-11-23", "2026-12-07"): "Filed on 2026-11-23 — the site usually takes 7 days; still listed, "
                                                 "the site has time until 2026-12-07",
    }
    for (status, date, due), words in expected.items():
        lookup.update(status=status, status_date=date, due_date=due)
        node = soup_of(report).find(id=f"task-{lookup['id']}").select_one(".task-status")
        assert node.get_text(" ", strip=True).endswith("Status: " + words), status
    hardening = next(t for t in report["tasks"] if t["kind"] == "hardening")
    hardening.update(status="awaiting", status_date="2026-11-23", due_date="2027-11-23", note="done by you")
    node = soup_of(report).find(id=f"task-{hardening['id']}")
    assert node.select_one(".task-status").get_text(" ", strip=True).endswith(
        "Status: Done on 2026-11-23; we will check again after 2027-11-23")
    assert node.select_one(".task-note").get_text(" ", strip=True) == "Note: done by you"


def test_five_things_first_are_the_open_removals_of_found_exposures_linking_to_their_entries():
    report = sample_report()
    for i, t in enumerate(report["tasks"]):
        t["status"] = "todo" if i % 4 else "filed"
    soup = soup_of(report)
    section = soup.find("section", id="first")
    items = section.select("ol.top-tasks > li")
    # in the service's order (most urgent first); never a check by hand or a protection while a removal is open
    opened = [t for t in report["tasks"] if t["status"] == "todo" and t["kind"] in ("optout", "setting")
              and t["finding_ids"]][:5]
    assert 0 < len(opened) and any(t["status"] == "todo" and t["kind"] in ("hardening", "manual_check")
                                   for t in report["tasks"])
    assert section.h2.get_text() == ("The five things to do first" if len(opened) == 5 else "What to do first")
    assert [li.a.get_text() for li in items] == [t["title"] for t in opened]
    for li, t in zip(items, opened):
        assert li.a["href"] == f"#task-{t['id']}"
        assert soup.find(id=f"task-{t['id']}") is not None
    ids = [sec.get("id") for sec in soup.main.find_all("section", recursive=False)]
    assert ids == ["summary", "first", "optouts", "settings", "manual-checks", "findings", "sites"]


def test_every_task_is_shown_once_in_full_and_every_finding_names_its_task():
    report = sample_report()
    soup = soup_of(report)
    for t in report["tasks"]:
        [node] = soup.select(f"#task-{t['id']}")
        assert t["title"] in node.get_text()
        for step in t["steps"]:
            assert step in node.get_text()
    for f in report["findings"]:
        article = next(a for a in soup.select("article.finding") if f"Reference {f['id']}." in a.get_text())
        refs = [a["href"] for a in article.select("dd.handled-by a")]
        owners = [f"#task-{t['id']}" for t in report["tasks"] if f["id"] in t["finding_ids"]]
        assert refs == owners and refs, f["id"]


def test_letter_is_plain_text_to_copy_with_a_validated_mailto_link():
    report = sample_report()
    soup = soup_of(report)
    lookup = next(t for t in report["tasks"] if t["letter"] and t["letter"]["mailto_url"])
    node = soup.find(id=f"task-{lookup['id']}")
    letter = node.select_one("details.letter")
    assert letter.select_one("pre.letter-body").get_text() == lookup["letter"]["body"]
    assert lookup["letter"]["subject"] in letter.get_text()
    [mailto] = letter.select("a.mailto")
    assert mailto["href"] == lookup["letter"]["mailto_url"]
    assert soup.find_all(["textarea", "input", "button", "form", "script"]) == []
    # a mailto: link that is not exactly ours is dropped; the letter stays
    for bad in ("mailto:privacy@lookupholdings.example?subject=x&body=y&cc=spy@evil.example",
                "mailto:spy@evil.example?subject=x&body=y", "javascript:alert(1)",
                "mailto:privacy@lookupholdings.example?subject=a%0D%0ABcc:%20spy@evil.example&body=y"):
        lookup["letter"]["mailto_url"] = bad
        node = soup_of(report).find(id=f"task-{lookup['id']}")
        assert node.select("a.mailto") == [] and node.select_one("pre.letter-body") is not None
    no_letter = next(t for t in report["tasks"] if t["letter"] is None)
    assert soup.find(id=f"task-{no_letter['id']}").select("details.letter") == []


def test_settings_and_manual_tasks_have_their_own_sections():
    report = sample_report()
    soup = soup_of(report)
    settings = soup.find("section", id="settings")
    shown = [a["id"] for a in settings.select("article.task")]
    assert shown and all(t["kind"] in ("setting", "hardening") for t in report["tasks"] if f"task-{t['id']}" in shown)
    checks = soup.find("section", id="manual-checks")
    manual = [t for t in report["tasks"] if t["kind"] == "manual_check"]
    for t in manual:
        item = checks.find(id=f"task-{t['id']}")
        assert item is not None and item.name == "li"
        assert item.select_one("details.task-more summary") is not None
    # the task's open search link is not repeated when the site's own check already shows it
    blocked = checks.find("li", id=re.compile("task-")).find_all("a", href=re.compile("^http"))
    assert len({a["href"] for a in blocked}) == len(blocked)


def test_report_without_tasks_still_renders_calmly():
    report = sample_report()
    del report["tasks"]
    soup = soup_of(report)
    assert soup.find("section", id="first") is None and soup.find("section", id="settings") is None
    assert "no action plan" in soup.find("section", id="optouts").get_text()
    assert soup.select("dd.handled-by") == []


def test_findings_are_folded_per_site_after_the_plan():
    soup = soup_of(sample_report())
    groups = soup.select("section.site-group")
    for group in groups:
        assert group.h3 is not None and group.select_one("details.site-findings > summary") is not None
        assert group.select("details.site-findings article.finding")


def test_score_uses_the_history_weights():
    from scanner.history.changes import SCORE_RULE, SCORE_WEIGHTS
    from reports.labels import SCORE_RULE as RULE, SCORE_WEIGHTS as WEIGHTS

    assert WEIGHTS == SCORE_WEIGHTS and RULE == SCORE_RULE
    summary = soup_of(sample_report()).find("section", id="summary")
    assert summary.select_one(".stat-score .stat-number").get_text() == str(2 * 10 + 3 * 5 + 2 * 2)


def test_skipped_site_in_manual_checks_says_not_searched():
    checks = soup_of(sample_report()).find("section", id="manual-checks").select("li.check")
    skipped = next(c for c in checks if "Phonebookly" in c.h3.get_text())
    assert "Not searched:" in skipped.get_text() and "Could not check" not in skipped.get_text()
    assert skipped.find("a", href="https://phonebookly.example/reverse") is not None


def test_reportdata_families_use_the_parents_page_and_keep_lone_sites_apart():
    from scanner.reportdata import optout_families
    from spiders.catalog import default_catalog

    catalog = {s.id: s for s in default_catalog()}
    families = optout_families(catalog, ["truepeoplesearch", "fastpeoplesearch", "usphonebook", "radaris", "intelius"])
    by_parent = {f["parent"]: f for f in families}
    pf = by_parent["PeopleFinders"]
    assert pf["head"] == "peoplefinders" and pf["optout_url"] == catalog["peoplefinders"].optout.url
    assert [s["id"] for s in pf["sites"]] == ["truepeoplesearch", "fastpeoplesearch", "usphonebook"]
    assert "truepeoplesearch.com" in pf["covers"]
    assert by_parent["PeopleConnect"]["optout_url"].startswith("https://suppression.peopleconnect.us")
    assert families[0]["parent"] == "PeopleFinders"  # the family with most listings first
    assert [f["sites"][0]["id"] for f in families if f["parent"] == "Radaris"] == ["radaris"]


def test_finding_fix_is_optional_shown_escaped_and_linked_safely():
    report = sample_report()
    assert "fix" not in report["findings"][0]  # optional: older reports still render
    report["findings"][0]["fix"] = "Change the NPPES mailing address <b>now</b>"
    report["findings"][0]["fix_url"] = "https://nppes.cms.hhs.gov/"
    report["findings"][1]["fix"] = "Edit the profile"
    report["findings"][1]["fix_url"] = "javascript:alert(1)"
    soup = soup_of(report)
    fixes = soup.select("dd.fix")
    assert len(fixes) == 2
    assert "<b>now</b>" in fixes[0].get_text() and fixes[0].find("b") is None
    assert fixes[0].find("a", href="https://nppes.cms.hhs.gov/") is not None
    assert not soup.find("a", href="javascript:alert(1)")


def test_finding_fix_of_the_wrong_type_is_a_schema_error():
    report = sample_report()
    report["findings"][0]["fix"] = ["not", "text"]
    with pytest.raises(ReportSchemaError, match=r"findings\[0\]\.fix"):
        render_html(report)
