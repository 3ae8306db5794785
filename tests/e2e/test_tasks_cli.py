"""`unlisted tasks` and `unlisted export` through the real CLI on the simulated web: statuses survive
rescans and change when listings disappear (removed), come back (reappeared), cannot be checked
(unchanged) or stay past their processing time (back to do)."""

from __future__ import annotations

import csv
import io
import json
import stat
from pathlib import Path

from scanner.sandbox.server import DEMO_PROFILE

SITES = ("--site", "fastpeoplesearch", "--site", "thatsthem")


def scenario(tmp_path: Path, name: str, text: str) -> dict:
    path = tmp_path / f"{name}.toml"
    path.write_text(text)
    return {"UNLISTED_SANDBOX_SCENARIO": str(path)}


def tasks_by_key(run_cli, *extra: str) -> dict[str, dict]:
    result = run_cli(*extra, "tasks", "--all", "--format", "json")
    assert result.returncode == 0, result.stderr
    return {t["key"]: t for t in json.loads(result.stdout)["tasks"]}


def test_the_demo_gives_every_finding_a_task_with_steps_and_letters(run_cli, tmp_path):
    demo = run_cli("demo")
    assert demo.returncode == 0, demo.stderr
    home = ("--home", str(run_cli.home / "demo"))
    out = tmp_path / "report.json"
    assert run_cli(*home, "report", "--format", "json", "--output", str(out)).returncode == 0
    report = json.loads(out.read_text())
    tasks = report["tasks"]
    assert tasks and all(t["status"] == "todo" and t["steps"] for t in tasks)
    covered = {i for t in tasks for i in t["finding_ids"]}
    assert {f["id"] for f in report["findings"]} <= covered            # every finding leads to a task
    assert all(t["letter"] and t["letter"]["body"] for t in tasks if t["kind"] == "optout")
    assert report["changes"]["trend"][-1]["open_tasks"] == len(tasks)
    # a plan a person can finish: this month first (at most 20), the rest for later, one list of minor sites.
    # (The demo therapist is on every site the scan searches, 106 of them since form sites are searched too.)
    month = [t for t in tasks if t["when"] == "this_month"]
    later = [t for t in tasks if t["when"] == "later"]
    assert len(tasks) <= 85 and 0 < len(month) <= 20 and len(month) + len(later) == len(tasks)
    assert tasks[:len(month)] == month
    assert [t["kind"] for t in tasks].count("manual_check") <= 10
    [checklist] = [t for t in tasks if t["checklist"]]
    assert checklist["key"] == "checklist:by-hand" and checklist["when"] == "later"
    assert checklist["title"] == f"Check these {len(checklist['checklist'])} sites by hand" and len(checklist["checklist"]) >= 10
    assert all(item["url"].startswith("http") and item["why"] for item in checklist["checklist"])

    listing = run_cli(*home, "tasks")
    assert listing.returncode == 0, listing.stderr
    lines = listing.stdout.splitlines()
    assert lines[0].startswith(f"This month: 0 of {len(month)} done")
    first = next(i for i, line in enumerate(lines) if line.strip().startswith(f"{month[0]['id']}  "))
    assert lines[first + 1].strip().startswith("opt-out request; To do")   # opt-outs first
    assert f"{len(later)} more for later: `unlisted tasks --later` lists them." in listing.stdout
    assert checklist["title"] not in listing.stdout and month[-1]["title"] in listing.stdout
    assert checklist["title"] in run_cli(*home, "tasks", "--later").stdout

    shown = run_cli(*home, "tasks", "show", str(tasks[0]["id"]))
    assert shown.returncode == 0, shown.stderr
    for part in ("Steps:", "Links:", "Do not give:", "Letter", "Subject: ", tasks[0]["title"]):
        assert part in shown.stdout
    # warnings one per line, each thing asked for once, and the title and the why name the same sites
    assert ".;" not in shown.stdout and "\n  - Never give a Social Security number" in shown.stdout
    for t in tasks:
        assert len({a.split(",")[0].split(" for ")[0] for a in t["asks_for"]}) == len(t["asks_for"]), t["asks_for"]
    big = next(t for t in tasks if t["kind"] == "optout" and " other sites" in t["title"])
    assert big["title"].split(": ", 1)[1] in big["why"]

    exported = run_cli(*home, "export", "--output", str(tmp_path / "out"))
    assert exported.returncode == 0, exported.stderr
    findings_csv = tmp_path / "out" / "unlisted-scan-1-findings.csv"
    tasks_csv = tmp_path / "out" / "unlisted-scan-1-tasks.csv"
    assert stat.S_IMODE(findings_csv.stat().st_mode) == 0o600
    rows = list(csv.DictReader(io.StringIO(tasks_csv.read_text("utf-8"))))
    assert len(rows) == len(tasks) and rows[0]["status_words"] == "To do"
    assert len(list(csv.DictReader(io.StringIO(findings_csv.read_text("utf-8"))))) == len(report["findings"])
    as_json = run_cli(*home, "export", "1", "--format", "json", "--output", str(tmp_path / "out"))
    assert as_json.returncode == 0, as_json.stderr
    assert len(json.loads((tmp_path / "out" / "unlisted-scan-1-tasks.json").read_text())["tasks"]) == len(tasks)


def test_statuses_follow_the_listings_across_rescans(run_cli, tmp_path):
    hits = scenario(tmp_path, "hits", 'hit_terms = ["quinlan"]\n')
    gone = scenario(tmp_path, "gone", 'hit_terms = []\nblocked = ["thatsthem"]\n')
    scan = ("scan", "--sandbox", "--profile", str(DEMO_PROFILE), *SITES)

    assert run_cli(*scan, env=hits).returncode == 0
    tasks = tasks_by_key(run_cli)
    fps, tt = tasks["optout:peoplefinders"], tasks["optout:thatsthem"]
    assert (fps["status"], tt["status"]) == ("todo", "todo")
    for t in (fps, tt):
        filed = run_cli("tasks", "filed", str(t["id"]))
        assert filed.returncode == 0 and "Filed on" in filed.stdout, filed.stderr

    # a month later: FastPeopleSearch answers "no results", That's Them shows a bot wall
    assert run_cli(*scan, env=gone).returncode == 0
    tasks = tasks_by_key(run_cli)
    assert tasks["optout:peoplefinders"]["status"] == "removed"
    assert tasks["optout:thatsthem"]["status"] == "filed"                  # could not check: unchanged
    assert tasks["manual:thatsthem"]["status"] == "todo"
    assert "optout:peoplefinders" not in {t["key"] for t in json.loads(
        run_cli("tasks", "--format", "json").stdout)["tasks"]}          # finished: only with --all

    # the next month both list the therapist again
    assert run_cli(*scan, env=hits).returncode == 0
    tasks = tasks_by_key(run_cli)
    assert tasks["optout:peoplefinders"]["status"] == "reappeared"
    assert tasks["optout:thatsthem"]["status"] == "awaiting"               # still within its processing time
    assert tasks["manual:thatsthem"]["status"] == "removed"                # searched automatically again

    # filed long ago and still listed: back on the list, with a note
    assert run_cli("tasks", "filed", str(tt["id"]), "--on", "2020-01-01").returncode == 0
    assert run_cli(*scan, env=hits).returncode == 0
    again = tasks_by_key(run_cli)["optout:thatsthem"]
    assert again["status"] == "todo" and "still listed after the usual processing time" in again["note"]

    assert run_cli("tasks", "skip", str(tt["id"])).returncode == 0
    assert run_cli(*scan, env=gone).returncode == 0
    assert tasks_by_key(run_cli)["optout:thatsthem"]["status"] == "wont_do"
    assert run_cli("tasks", "reopen", str(tt["id"])).returncode == 0
    assert tasks_by_key(run_cli)["optout:thatsthem"]["status"] == "todo"

    trend = json.loads(run_cli("report", "--format", "json", "--output", str(tmp_path / "r.json")).returncode == 0
                       and (tmp_path / "r.json").read_text())["changes"]["trend"]
    assert all(isinstance(point["open_tasks"], int) for point in trend)


def test_bad_task_numbers_and_dates_are_one_line_errors(run_cli, tmp_path):
    assert run_cli("scan", "--sandbox", "--profile", str(DEMO_PROFILE), "--site", "thatsthem",
                   env=scenario(tmp_path, "hits", 'hit_terms = ["quinlan"]\n')).returncode == 0
    for args, named in ((("tasks", "done", "999"), "999"), (("tasks", "show", "x1"), "x1"),
                        (("tasks", "filed", "1", "--on", "2026-02-30"), "2026-02-30"),
                        (("tasks", "filed", "1", "--on", "2999-01-01"), "2999-01-01"),
                        (("export", "42"), "42")):
        result = run_cli(*args)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1 and named in result.stderr
