"""`unlisted scan --progress json` through the real CLI against the sandbox: standard output is JSON lines
only (start, progress, done, or one error), and the exit code is the one the last event names."""

import json
from pathlib import Path

import pytest

from scanner.exitcodes import Exit
from scanner.lock import ScanLock
from scanner.sandbox.server import DEMO_PROFILE

# two catalog sites: That's Them lists the demo therapist, Kwold answers with an error in the demo scenario
SITES = ("--site", "thatsthem", "--site", "kwold")


def events_of(stdout: str) -> list[dict]:
    lines = stdout.splitlines()
    assert lines and all(line.strip() for line in lines)
    events = [json.loads(line) for line in lines]      # every line is one JSON object
    assert all(isinstance(e, dict) and "event" in e for e in events)
    return events


def report_json(run_cli, scan_id: int) -> dict:
    out = run_cli.home.parent / "r.json"
    result = run_cli("report", str(scan_id), "--format", "json", "--output", str(out))
    assert result.returncode == 0, result.stderr
    return json.loads(out.read_text())


def test_sandbox_scan_prints_only_json_lines_ending_with_done(run_cli):
    result = run_cli("scan", "--sandbox", "--profile", str(DEMO_PROFILE), *SITES, "--progress", "json")
    assert "Traceback" not in result.stderr
    events = events_of(result.stdout)
    assert events[0] == {"event": "start", "sites_total": 2}
    assert [e["event"] for e in events[1:-1]] and {e["event"] for e in events[1:-1]} == {"progress"}
    done_counts = [e["sites_done"] for e in events[1:-1]]
    assert done_counts == sorted(done_counts) and all(e["sites_done"] <= e["sites_total"] == 2 for e in events[1:-1])
    assert {(e["site"], e["site_name"], e["status"]) for e in events[1:-1]} >= {("thatsthem", "That's Them", "RESULTS"),
                                                                               ("kwold", "Kwold", "ERROR")}
    done = events[-1]
    assert set(done) == {"event", "scan_id", "state", "exposures", "possible_matches", "sites_searched", "sites_total",
                         "could_not_check", "report", "exit"}
    assert done["event"] == "done" and done["state"] == "complete" and isinstance(done["scan_id"], int)
    assert result.returncode == done["exit"] == Exit.OK, result.stderr
    assert Path(done["report"]).is_file()
    assert done["exposures"] > 0 and events[-2]["exposures"] == done["exposures"]

    data = report_json(run_cli, done["scan_id"])
    assert done["exposures"] == data["summary"]["findings"]
    assert done["possible_matches"] == data["summary"]["possible_matches"]
    assert (done["sites_searched"], done["sites_total"], done["could_not_check"]) == \
        (data["coverage"]["searched"], data["coverage"]["total"], data["coverage"]["unchecked"]) == (2, 2, 1)


@pytest.mark.parametrize("site, searched", [("kwold", 1), ("ancestry", 0)])   # an error; skipped: no callback at all
def test_low_coverage_exit_is_the_one_in_the_done_event(run_cli, site, searched):
    result = run_cli("scan", "--sandbox", "--profile", str(DEMO_PROFILE), "--site", site, "--progress", "json")
    events = events_of(result.stdout)
    assert events[0] == {"event": "start", "sites_total": 1} and events[-1]["event"] == "done"
    assert result.returncode == events[-1]["exit"] == Exit.LOW_COVERAGE
    assert (events[-1]["sites_searched"], events[-1]["could_not_check"]) == (searched, searched)
    assert "WARNING" not in result.stdout and "Traceback" not in result.stderr


@pytest.mark.parametrize("person, field", [
    ('name = "Avery Quinlan"\nnickname = "Ave"\n', "person.nickname"),
    ('name = "Avery Quinlan"\n[[addresses]]\nkind = "home"\ncity = "Portland"\nstate = "Oregon"\n', "addresses[0].state"),
])
def test_bad_profile_is_one_error_event(run_cli, tmp_path, person, field):
    bad = tmp_path / "me.toml"
    bad.write_text(f"schema = 1\n[person]\n{person}")
    result = run_cli("scan", "--sandbox", "--profile", str(bad), "--progress", "json")
    assert result.returncode == Exit.USAGE
    [event] = events_of(result.stdout)
    assert event["event"] == "error" and event["exit"] == Exit.USAGE
    assert event["message"].startswith(f"me.toml: {field}: ")
    assert result.stderr.strip() == event["message"]      # stderr keeps today's line
    assert "Traceback" not in result.stderr + result.stdout


def test_a_scan_already_running_is_an_error_event(run_cli):
    run_cli.home.mkdir(parents=True)
    with ScanLock(run_cli.home / "scan.lock"):
        result = run_cli("scan", "--sandbox", "--name", "Avery Quinlan", "--city", "Portland", "--state", "OR",
                         "--progress", "json")
    assert result.returncode == Exit.BUSY
    [event] = events_of(result.stdout)
    assert event == {"event": "error", "message": event["message"], "exit": Exit.BUSY}
    assert "another unlisted scan is running" in event["message"]


@pytest.mark.parametrize("progress", [(), ("--progress", "bar")])
def test_bar_is_the_default_and_prints_the_human_summary(run_cli, progress):
    result = run_cli("scan", "--sandbox", "--profile", str(DEMO_PROFILE), *SITES, *progress)
    assert result.returncode == Exit.OK, result.stderr
    lines = result.stdout.splitlines()
    assert "Searched 2 of 2 sites: 1 list you, 0 do not, 1 could not be checked " \
           "(the report lists how to check them yourself)." in lines
    assert lines[-1].startswith("Report: ") and Path(lines[-1].removeprefix("Report: ")).is_file()
    assert not any(line.lstrip().startswith("{") for line in lines)


def test_waiting_is_an_event_and_an_unchanged_progress_is_not():
    """The emitter alone (an assisted scan's human check needs a screen): a wait is its own event, an
    unchanged progress is not repeated, non-ASCII text is written as it is."""
    import io

    from scanner.cli.progress import JsonEvents
    from scanner.service import Progress

    out = io.StringIO()
    events = JsonEvents(out)
    on_progress = events.callback({"truepeoplesearch": "TruePeopleSearch"})
    p = Progress(sites_total=3, sites_done=1, findings=2, last_site="thatsthem", last_status="RESULTS")
    on_progress(p)
    on_progress(p)
    p.waiting, p.waiting_seconds = "truepeoplesearch", 299.6
    on_progress(p)
    assert events_of(out.getvalue()) == [
        {"event": "start", "sites_total": 3},
        {"event": "progress", "sites_done": 1, "sites_total": 3, "exposures": 2, "site": "thatsthem",
         "site_name": "thatsthem", "status": "RESULTS"},
        {"event": "waiting", "site": "truepeoplesearch", "site_name": "TruePeopleSearch", "seconds_left": 300},
    ]
    quiet = io.StringIO()
    JsonEvents(quiet).error("ünïcode stays as it is", Exit.USAGE)
    assert quiet.getvalue() == '{"event":"error","message":"ünïcode stays as it is","exit":2}\n'
