"""`unlisted rescan`: the unattended monthly scan. Due logic, one at a time, nothing silent.

A scheduler starts `unlisted rescan --if-due` every day (or hour). It scans only when the last
complete scan is older than the cadence, so a laptop that was asleep on the day catches up the
next time the trigger runs. Every attempt is recorded in the store's `runs` table: one that
crashed, failed or could not check any site is shown in the next notification and the next
report. The clock, the scan function and the notifier come in as parameters.
"""

from __future__ import annotations

import datetime as _dt
import logging
import os
import re
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from scanner.config import Config, ensure_private_dir
from scanner.exitcodes import Exit
from scanner.history.changes import PROBLEM_OUTCOMES, parse_stamp, snapshot
from scanner.history.store import RunRow, Store
from scanner.lock import AlreadyRunning, ScanLock
from scanner.reportdata import report_changes
from scanner.schedule.notify import News
from scanner.schedule.settings import Settings
from scanner.sources.coverage import coverage_of

log = logging.getLogger("unlisted")
RETRY_AFTER = _dt.timedelta(hours=12)   # after a failed attempt, wait this long before trying again
STALE_TEMP_AGE = 24 * 3600
_TEMP_NAME = re.compile(r"^\..+\.(\d+)\.tmp$")


@dataclass(frozen=True)
class Due:
    due: bool
    reason: str
    next_due: _dt.datetime | None = None


@dataclass(frozen=True)
class RescanResult:
    outcome: str            # not_due | complete | incomplete | nothing_checked | failed | interrupted | busy
    exit_code: Exit
    message: str            # plain words for the terminal (no personal data)
    report_path: Path | None = None
    problems: tuple[str, ...] = ()   # e.g. a notification that could not be sent


def stamp(moment: _dt.datetime) -> str:
    return moment.astimezone(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")


def due_check(last_complete: str | None, runs: Sequence[RunRow], now: _dt.datetime, cadence_days: int,
              retry_after: _dt.timedelta = RETRY_AFTER) -> Due:
    """Is a rescan due? ``last_complete``: start stamp of the latest usable complete scan, if any."""
    last = parse_stamp(last_complete or "")
    if last is not None:
        next_due = last + _dt.timedelta(days=cadence_days)
        if now < next_due:
            return Due(False, f"the last complete scan was on {last:%Y-%m-%d}; the next one is due on "
                              f"{next_due:%Y-%m-%d}", next_due)
    failures = [t for r in runs if r.outcome in PROBLEM_OUTCOMES and (t := parse_stamp(r.started_at))]
    if failures and now < max(failures) + retry_after:
        retry = max(failures) + retry_after
        return Due(False, f"the last attempt ({max(failures):%Y-%m-%d %H:%M} UTC) did not finish; "
                          f"trying again after {retry:%Y-%m-%d %H:%M} UTC", retry)
    if last is None:
        return Due(True, "there is no complete scan yet")
    return Due(True, f"the last complete scan was on {last:%Y-%m-%d}, more than {cadence_days} days ago")


def last_usable_scan(store: Store, mode: str) -> str | None:
    """Start stamp of the latest complete scan (of this mode) that checked at least one site."""
    for scan in reversed(store.scans()):
        if scan.mode == mode and scan.state == "complete" and snapshot(store, scan).usable:
            return scan.started_at
    return None


def sweep_temp_files(folder: Path, now: float) -> int:
    """Remove report temp files left by a killed process (they may hold personal data)."""
    removed = 0
    if not folder.is_dir():
        return 0
    for path in folder.iterdir():
        match = _TEMP_NAME.match(path.name)
        if not match or not path.is_file():
            continue
        stale = now - path.stat().st_mtime > STALE_TEMP_AGE or (os.name != "nt" and not _alive(int(match.group(1))))
        if stale:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def rescan_lock_path(config: Config) -> Path:
    return config.home / "rescan.lock"


def rescan(config: Config, settings: Settings, *, now: Callable[[], _dt.datetime], if_due: bool,
           load_profile: Callable, run_scan: Callable, notify: Callable[[News], list[str]],
           site_names: dict[str, str] | None = None) -> RescanResult:
    """One rescan attempt. Raises AlreadyRunning if another rescan holds the lock."""
    from scanner.service import open_store

    ensure_private_dir(config.home)
    with ScanLock(rescan_lock_path(config)):
        store = open_store(config)
        try:
            return _locked(config, settings, store, now=now, if_due=if_due, load_profile=load_profile,
                           run_scan=run_scan, notify=notify, site_names=site_names or {})
        finally:
            store.close()


def _locked(config: Config, settings: Settings, store: Store, *, now, if_due, load_profile, run_scan, notify,
            site_names) -> RescanResult:
    sweep_temp_files(config.reports_dir, time.time())
    stuck = store.recover_runs(stamp(now()))
    for run in stuck:
        log.warning("rescan run %s was stopped before it finished; marked interrupted", run.id)
    repaired = _finish_orphan(config, settings, store, now, notify, site_names)
    try:
        with ScanLock(config.lock_path):           # mark scans killed mid-way, unless a scan is running now
            store.recover_interrupted(stamp(now()))
    except AlreadyRunning:
        pass
    mode = "sandbox" if config.sandbox else "live"
    due = due_check(last_usable_scan(store, mode), store.runs(), now(), settings.cadence_days)
    if if_due and repaired is not None:
        return repaired
    if if_due and not due.due:
        log.info("rescan not due: %s", due.reason)
        return RescanResult("not_due", Exit.OK, f"Not due yet: {due.reason}.")
    run_id = store.begin_run(stamp(now()))
    log.info("rescan run %s started (%s)", run_id, due.reason)
    profile_path = settings.profile_path(config.home)
    try:
        profile = load_profile(profile_path)
    except ValueError as exc:  # ProfileError: each line names the file and the field
        store.finish_run(run_id, "failed", stamp(now()), detail="the profile could not be read")
        log.error("rescan run %s: the profile could not be read", run_id)
        sent = _notify(notify, News(outcome="failed", problems=()), store, run_id)
        return RescanResult("failed", Exit.USAGE, str(exc), problems=sent)
    try:
        summary = run_scan(config, profile, today=now().date())
    except AlreadyRunning:
        store.finish_run(run_id, "busy", stamp(now()), detail="")
        return RescanResult("busy", Exit.BUSY, "another unlisted scan is running; this rescan did not start")
    except KeyboardInterrupt:
        store.finish_run(run_id, "interrupted", stamp(now()))
        return RescanResult("interrupted", Exit.INTERRUPTED, "The rescan was stopped; it will try again.")
    except Exception as exc:  # noqa: BLE001 - recorded and reported, never silent
        store.finish_run(run_id, "failed", stamp(now()), detail=f"error: {type(exc).__name__}")
        where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
        log.error("rescan run %s failed: %s at %s:%s", run_id, type(exc).__name__,  # code location, no data
                  Path(where.filename).name if where else "?", where.lineno if where else "?")
        sent = _notify(notify, News(outcome="failed"), store, run_id)
        return RescanResult("failed", Exit.FAILED, f"The rescan failed ({type(exc).__name__}); see the log in "
                                                  f"{config.logs_dir}.", problems=sent)
    return _conclude(store, settings, now, notify, site_names, run_id, summary.scan_id, summary.state,
                     Path(summary.report_path))


def _conclude(store: Store, settings: Settings, now, notify, site_names, run_id: int, scan_id: int, state: str,
              report_path: Path, note: str = "") -> RescanResult:
    """Record the run's outcome, work out what changed, notify, and say it in plain words."""
    results = store.site_results(scan_id)
    coverage = coverage_of(results)
    checked = coverage.checked
    if state == "interrupted":
        outcome, code = "interrupted", Exit.INTERRUPTED
    elif checked == 0:
        outcome, code = "nothing_checked", Exit.LOW_COVERAGE
    else:  # a rescan that checked too little is still a complete run; its exit code and report say so
        outcome, code = "complete", Exit.LOW_COVERAGE if coverage.low else Exit.OK
    store.finish_run(run_id, outcome, stamp(now()), scan_id=scan_id, detail=note)
    changes = report_changes(store, scan_id, site_names)
    counts = changes["diff"]["counts"] if changes["diff"] else {}
    log.info("rescan run %s %s: scan %s, %s sites checked, changes %s", run_id, outcome, scan_id, checked,
             " ".join(f"{k}={v}" for k, v in counts.items()) or "none (first scan)")
    news = News(
        outcome=outcome,
        report_path=str(report_path),
        baseline_date=(changes["baseline"] or {}).get("started_at", "")[:10],
        counts=counts,
        lines=[(bucket, c["kind"], c["site_name"]) for bucket in ("new", "reappeared", "removed")
               for c in (changes["diff"]["changes"][bucket] if changes["diff"] else [])],
        sites_unchecked=coverage.unchecked,
        sites_need_assist=coverage.need_assist,
        problems=[(p["started_at"], p["outcome"]) for p in changes["problems"]
                  if p["outcome"] in PROBLEM_OUTCOMES and p["run_id"] != run_id],
        next_due=f"{now() + _dt.timedelta(days=settings.cadence_days):%Y-%m-%d}" if outcome == "complete" else "",
    )
    sent = _notify(notify, news, store, run_id)
    words = {"complete": "Rescan complete", "nothing_checked": "The rescan could not check any site",
             "interrupted": "The rescan was stopped before it finished"}[outcome]
    summary_line = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items()) if counts else "first scan"
    warning = f"\n{coverage.warning()}" if outcome == "complete" and coverage.low else ""
    if coverage.need_assist:
        warning += (f"\n{coverage.need_assist} site(s) asked for a human check: run `unlisted scan --assist` to pass "
                    "it yourself in a browser window.")
    return RescanResult(outcome, code, f"{words} ({summary_line}).{warning}\nReport: {report_path}",
                        report_path=report_path, problems=sent)


def _finish_orphan(config: Config, settings: Settings, store: Store, now, notify,
                   site_names) -> RescanResult | None:
    """The latest scan completed but its report was never recorded (the process was killed while writing
    it): write the report now and, if a rescan run made that scan, finish that run's job (notify)."""
    from scanner.service import write_report

    latest = store.latest_scan()
    if latest is None or latest.state != "complete" or latest.report_path:
        return None
    try:
        with ScanLock(config.lock_path):
            path = write_report(config, store, latest.id)
    except AlreadyRunning:
        return None
    log.info("the report of scan %s was written late (its run had been stopped)", latest.id)
    runs = [r for r in store.runs() if r.started_at <= latest.started_at and r.outcome == "interrupted"
            and r.scan_id in (None, latest.id)]
    if not runs:
        return None
    return _conclude(store, settings, now, notify, site_names, runs[-1].id, latest.id, latest.state, path,
                     note="stopped while writing the report; the report was written by the next run")


def _notify(notify: Callable[[News], list[str]], news: News, store: Store, run_id: int) -> tuple[str, ...]:
    """Send the notifications; a failure is logged, kept with the run (the next report shows it), returned."""
    errors = tuple(notify(news))
    if errors:
        for error in errors:
            log.warning("rescan run %s: notification failed: %s", run_id, error.split(":")[0])
        run = next((r for r in store.runs() if r.id == run_id), None)
        if run is not None:
            detail = "; ".join(x for x in (run.detail, "a notification could not be sent") if x)
            store.finish_run(run_id, run.outcome, run.finished_at, detail=detail)
    return errors
