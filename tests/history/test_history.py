"""Diff semantics across scans, the score, the trend, and the rescan's due logic (injected clock)."""

import datetime as _dt
from pathlib import Path

import pytest

from tests.fakes import F

from scanner.config import Config
from scanner.exitcodes import Exit
from scanner.history.changes import baseline_for, default_pair, diff, history_rows, load_history, score
from scanner.reportdata import report_changes
from scanner.schedule.rescan import due_check, rescan, sweep_temp_files
from scanner.service import ScanSummary
from scanner.schedule.settings import Settings
from scanner.history.store import RunRow, SiteResult, Store




def add_scan(store, statuses: dict, findings, state="complete", mode="sandbox", when="2025-01-01 10:00:00 UTC",
             subject="Avery Quinlan") -> int:
    scan = store.begin_scan(when, mode, len(statuses), subject)
    store.record_results(scan, [SiteResult(site, status) for site, status in statuses.items()], findings)
    store.finish_scan(scan, state, when)
    return scan


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "u.db")
    yield s
    s.close()


def buckets(d):
    return {name: sorted(c.fingerprint for c in d.bucket(name)) for name in d.counts if d.bucket(name)}


def three_months(store):
    a1, a2 = F("a1", "alpha"), F("a2", "alpha", kind="phone", severity="high", value="(503) 555-0147")
    b1, c1 = F("b1", "beta", severity="medium"), F("c1", "gamma", kind="relative", severity="low")
    s1 = add_scan(store, {"alpha": "RESULTS", "beta": "RESULTS", "gamma": "BLOCKED"}, [a1, a2, b1],
                  when="2025-01-01 10:00:00 UTC")
    s2 = add_scan(store, {"alpha": "NO_RESULTS", "beta": "BLOCKED", "gamma": "RESULTS"}, [c1],
                  when="2025-02-01 10:00:00 UTC")
    s3 = add_scan(store, {"alpha": "RESULTS", "beta": "RESULTS", "gamma": "NO_RESULTS"}, [a1, b1],
                  when="2025-03-01 10:00:00 UTC")
    return s1, s2, s3


def test_removed_only_on_no_results_and_blocked_is_unknown(store):
    s1, s2, _ = three_months(store)
    d = diff(load_history(store, s2), s1, s2)
    assert buckets(d) == {"new": ["c1"], "removed": ["a1", "a2"], "unknown": ["b1"]}
    assert d.bucket("unknown")[0].reason == "not_checked"
    assert {(s.site, s.before, s.after) for s in d.site_changes} == {
        ("alpha", "RESULTS", "NO_RESULTS"), ("beta", "RESULTS", "BLOCKED"), ("gamma", "BLOCKED", "RESULTS")}


def test_reappeared_and_still_present_through_an_unknown_month(store):
    s1, s2, s3 = three_months(store)
    d = diff(load_history(store, s3), s2, s3)
    # a1 was removed in February and is back; b1 could not be checked in February, so it is still there;
    # a2 stays removed (not listed again); c1's site now answers no results.
    assert buckets(d) == {"reappeared": ["a1"], "still_present": ["b1"], "removed": ["c1"]}


def test_endpoints_only_when_comparing_across_months(store):
    s1, _, s3 = three_months(store)
    d = diff(load_history(store, s3), s1, s3)
    # January -> March: a1 and b1 present in both; a2's site answered, without a2: not proof of removal.
    assert buckets(d) == {"still_present": ["a1", "b1"], "unknown": ["a2"]}
    assert d.bucket("unknown")[0].reason == "not_seen"


def test_site_missing_from_the_later_scan_is_unknown(store):
    s1 = add_scan(store, {"alpha": "RESULTS"}, [F("a1", "alpha")])
    s2 = add_scan(store, {}, [], state="interrupted")
    d = diff(load_history(store, s2), s1, s2)
    assert buckets(d) == {"unknown": ["a1"]} and d.bucket("unknown")[0].reason == "not_checked"
    assert [(s.before, s.after) for s in d.site_changes] == [("RESULTS", "")]


def test_not_me_verdicts_are_left_out_everywhere(store):
    s1, s2, _ = three_months(store)
    store.set_verdict("a1", "not-me", "t")
    d = diff(load_history(store, s2), s1, s2)
    assert "a1" not in {c.fingerprint for c in d.changes}
    assert history_rows(store)[0]["findings"] == 2


def test_score_is_weighted_by_severity(store):
    s1, s2, s3 = three_months(store)
    assert score([F("x", "s", severity=s) for s in ("critical", "high", "medium", "low", "info")]) == 18
    assert [r["score"] for r in history_rows(store)] == [10 + 5 + 2, 1, 10 + 2]


def test_baseline_skips_incomplete_nothing_checked_and_other_modes(store):
    s1 = add_scan(store, {"alpha": "RESULTS"}, [F("a1", "alpha")])
    add_scan(store, {"alpha": "RESULTS"}, [F("a1", "alpha")], state="interrupted")
    add_scan(store, {"alpha": "BLOCKED"}, [])                                 # complete, nothing checked
    add_scan(store, {"alpha": "NO_RESULTS"}, [], mode="live")                 # another mode: not history
    add_scan(store, {"alpha": "NO_RESULTS"}, [], subject="Rowan Example")     # another person
    last = add_scan(store, {"alpha": "NO_RESULTS"}, [])
    assert baseline_for(load_history(store, last), last).scan.id == s1
    assert default_pair(store) == (s1, last)
    assert buckets(diff(load_history(store, last), s1, last)) == {"removed": ["a1"]}


def test_diff_needs_two_scans_in_order(store):
    s1, s2, _ = three_months(store)
    with pytest.raises(ValueError):
        diff(load_history(store, s2), s2, s1)
    with pytest.raises(LookupError):
        diff(load_history(store, s2), 99, s2)
    with pytest.raises(LookupError):
        load_history(store, 99)


def test_report_changes_trend_and_problems(store):
    s1, s2, s3 = three_months(store)
    run = store.begin_run("2025-02-15 10:00:00 UTC")
    store.finish_run(run, "nothing_checked", "2025-02-15 10:01:00 UTC")
    old = store.begin_run("2024-12-01 10:00:00 UTC")  # before the baseline: not shown
    store.finish_run(old, "failed", "2024-12-01 10:00:01 UTC", detail="error: OSError")
    data = report_changes(store, s3, {"alpha": "Alpha People"})
    assert data["baseline"] == {"id": s2, "started_at": "2025-02-01 10:00:00 UTC"}
    assert data["diff"]["counts"] == {"new": 0, "reappeared": 1, "removed": 1, "unknown": 0, "still_present": 1}
    assert data["diff"]["changes"]["reappeared"][0]["site_name"] == "Alpha People"
    assert [p["outcome"] for p in data["problems"]] == ["nothing_checked"]
    assert [(t["scan_id"], t["score"], t["open_tasks"]) for t in data["trend"]] == [(s1, 17, None), (s2, 1, None),
                                                                                   (s3, 12, None)]
    first = report_changes(store, s1)
    assert first["baseline"] is None and first["diff"] is None and len(first["trend"]) == 1


# --- due logic ---------------------------------------------------------------------------------

T0 = "2025-01-01 10:00:00 UTC"
JAN1 = _dt.datetime(2025, 1, 1, 10, tzinfo=_dt.timezone.utc)


def run_row(outcome, started):
    return RunRow(1, started, started, outcome, None, "")


@pytest.mark.parametrize("now, due", [
    (JAN1 + _dt.timedelta(days=29, hours=23), False),
    (JAN1 + _dt.timedelta(days=30), True),
    (JAN1 + _dt.timedelta(days=95), True),   # the laptop was off for months: catch up at once
])
def test_due_after_the_cadence(now, due):
    assert due_check(T0, [], now, 30).due is due


def test_due_without_any_scan_and_backoff_after_a_failure():
    assert due_check(None, [], JAN1, 30).due
    fail = [run_row("nothing_checked", "2025-01-01 08:00:00 UTC")]
    held = due_check(None, fail, JAN1, 30)
    assert not held.due and "trying again after 2025-01-01 20:00 UTC" in held.reason
    assert due_check(None, fail, JAN1 + _dt.timedelta(hours=10), 30).due
    assert due_check(None, [run_row("complete", "2025-01-01 08:00:00 UTC")], JAN1, 30).due
    reason = due_check(T0, [], JAN1 + _dt.timedelta(days=3), 30).reason
    assert "last complete scan was on 2025-01-01" in reason and "due on 2025-01-31" in reason


# --- the rescan use case with fakes ----------------------------------------------------------


class Clock:
    def __init__(self, start):
        self.now = start

    def __call__(self):
        self.now += _dt.timedelta(seconds=1)
        return self.now


def fake_scan(statuses, findings):
    def run_scan(config, profile, today):
        s = Store(config.db_path)
        try:
            scan = add_scan(s, statuses, findings, when="2025-01-05 10:00:00 UTC")
        finally:
            s.close()
        return ScanSummary(scan, "complete", tuple(SiteResult(k, v) for k, v in statuses.items()), len(findings),
                           Path(config.home) / "r.html")
    return run_scan


def go(tmp_path, run_scan, if_due=False, load_profile=lambda p: object(), clock=None):
    sent = []
    result = rescan(Config(home=tmp_path / "home", sandbox_url="http://127.0.0.1:9"), Settings(),
                    now=clock or Clock(JAN1), if_due=if_due, load_profile=load_profile, run_scan=run_scan,
                    notify=lambda news: sent.append(news) or [])
    return result, sent


def test_rescan_nothing_checked_is_surfaced_and_retried_later(tmp_path):
    result, sent = go(tmp_path, fake_scan({"alpha": "BLOCKED", "beta": "ERROR"}, []))
    assert result.exit_code == Exit.LOW_COVERAGE and sent[0].outcome == "nothing_checked"
    assert go(tmp_path, fake_scan({}, []), if_due=True)[0].outcome == "not_due"   # back-off
    later = Clock(JAN1 + _dt.timedelta(hours=13))
    result, sent = go(tmp_path, fake_scan({"alpha": "RESULTS"}, [F("a1", "alpha")]), if_due=True, clock=later)
    assert result.exit_code == Exit.OK and sent[0].outcome == "complete"
    assert [p[1] for p in sent[0].problems] == ["nothing_checked"]


def test_rescan_crash_is_recorded_and_notified(tmp_path):
    def boom(config, profile, today):
        raise RuntimeError("something with Avery Quinlan's address in it")

    result, sent = go(tmp_path, boom)
    assert result.exit_code == Exit.FAILED and sent[0].outcome == "failed"
    assert "Quinlan" not in result.message
    s = Store(tmp_path / "home" / "unlisted.db")
    [run] = s.runs()
    s.close()
    assert run.outcome == "failed" and run.detail == "error: RuntimeError"


def test_rescan_with_a_broken_profile_fails_with_usage(tmp_path):
    def bad(path):
        raise ValueError("profile.toml: person.name: is required")

    result, sent = go(tmp_path, fake_scan({}, []), load_profile=bad)
    assert result.exit_code == Exit.USAGE and "person.name" in result.message and sent[0].outcome == "failed"


def test_a_run_left_running_by_a_kill_is_marked_interrupted_and_reported(tmp_path):
    s = Store(tmp_path / "home" / "unlisted.db")
    s.begin_run("2024-12-31 10:00:00 UTC")
    s.close()
    result, sent = go(tmp_path, fake_scan({"alpha": "RESULTS"}, []))
    assert result.outcome == "complete"
    assert sent[0].problems == [("2024-12-31 10:00:00 UTC", "interrupted")]
    s = Store(tmp_path / "home" / "unlisted.db")
    assert [r.outcome for r in s.runs()] == ["interrupted", "complete"]
    s.close()


def test_stale_report_temp_files_are_swept(tmp_path):
    dead = tmp_path / ".unlisted-scan-3.html.999999999.tmp"
    live = tmp_path / f".unlisted-scan-4.html.{__import__('os').getpid()}.tmp"
    keep = tmp_path / "unlisted-scan-2.html"
    for p in (dead, live, keep):
        p.write_text("x")
    assert sweep_temp_files(tmp_path, __import__("time").time()) == 1
    assert not dead.exists() and live.exists() and keep.exists()
