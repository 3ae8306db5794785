"""Use cases behind the CLI. Plain functions: no printing, no Scrapy import (crawl.py has it)."""

from __future__ import annotations

import datetime as _dt
import logging
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from scanner.config import Config, data_folder_message, ensure_private_dir, write_private
from scanner.history.store import SiteResult, Store, StoreError
from scanner.lock import ScanLock
from scanner.profile import Profile

log = logging.getLogger("unlisted")


def utc_now() -> _dt.datetime:
    return _dt.datetime.now(_dt.timezone.utc)


def stamp(moment: _dt.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S UTC")


@dataclass
class Progress:
    """What a scan has done so far; the CLI draws it."""

    sites_total: int = 0
    sites_done: int = 0
    findings: int = 0
    last_site: str = ""
    last_status: str = ""
    waiting: str = ""       # a site waiting for the user to pass a human check in the browser window (its id)
    waiting_seconds: float = 0.0


@dataclass(frozen=True)
class ScanSummary:
    scan_id: int
    state: str
    sites: tuple[SiteResult, ...]
    findings: int
    report_path: Path
    possible_matches: int = 0
    per_site: dict[str, int] = field(default_factory=dict)           # exposures per site
    possible_per_site: dict[str, int] = field(default_factory=dict)  # possible matches per site

    @property
    def coverage(self):
        from scanner.sources.coverage import coverage_of

        return coverage_of(self.sites)


def open_store(config: Config) -> Store:
    """The history store of this data folder (made private, with our log). A folder that cannot be
    written (permissions, a file in the way, a read-only disk) raises StoreError with one plain line."""
    try:
        ensure_private_dir(config.home)
        _setup_log(config)
        return Store(config.db_path)
    except OSError as exc:
        raise StoreError(data_folder_message(config.home, exc)) from None


def _setup_log(config: Config) -> None:
    """Our own log: site ids, statuses and counts only; never names, addresses or URLs."""
    if any(getattr(h, "unlisted", False) for h in log.handlers):
        return
    ensure_private_dir(config.logs_dir)
    path = config.logs_dir / "unlisted.log"
    if not path.exists():
        write_private(path, "")
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.unlisted = True
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False


def run_scan(config: Config, profile: Profile, site_ids: tuple[str, ...] = (),
             on_progress: Callable[[Progress], None] | None = None,
             today: _dt.date | None = None, deadline_seconds: int = 900) -> ScanSummary:
    from scanner.crawl import browser_for, run_crawl
    from scanner.engine.workers import ItemReader
    from scanner.sources.families import plan_scan

    today = today or _dt.date.today()
    plans = plan_scan(profile, config, today, site_ids)
    source_ids = [sid for plan in plans for sid, _ in plan.sources]
    store = open_store(config)
    try:
        with ScanLock(config.lock_path):
            store.recover_interrupted(stamp(utc_now()))
            scan_id = store.begin_scan(stamp(utc_now()), "sandbox" if config.sandbox else "live", len(source_ids),
                                       profile.person.name)
            log.info("scan %s started: %s sources", scan_id, len(source_ids))
            skipped = {sid: why for plan in plans for sid, why in plan.skipped}
            # sites skipped before the crawl count as done at once: the bar reaches the end
            progress = Progress(sites_total=len(source_ids), sites_done=len(skipped))
            rejected = store.rejected_fingerprints()
            found: dict[str, object] = {}
            outcomes: dict[str, object] = {}
            counted: set[str] = set()
            counting = threading.Lock()

            def on_read(findings) -> None:      # from the reader's thread, as each item is read
                with counting:
                    counted.update(f.fingerprint for f in findings
                                   if f.fingerprint not in rejected and f.kind != "possible_match")
                    progress.findings = len(counted)
                if on_progress:
                    on_progress(progress)

            reader = ItemReader(profile, on_read)

            def on_site_done(outcome) -> None:
                if outcome.site in outcomes or outcome.site in skipped:
                    return
                outcomes[outcome.site] = outcome
                progress.sites_done += 1
                progress.last_site, progress.last_status = outcome.site, outcome.status
                log.info("scan %s: %s -> %s (%s pages)", scan_id, outcome.site, outcome.status, outcome.pages)
                if on_progress:
                    on_progress(progress)

            def on_waiting(site_id: str, seconds_left: float) -> None:
                progress.waiting, progress.waiting_seconds = site_id, seconds_left
                if on_progress:
                    on_progress(progress)
                progress.waiting = ""

            state = "failed"
            try:
                jobs = [plan.job for plan in plans if plan.job is not None]
                crawl = run_crawl(jobs, sandbox=config.sandbox, deadline_seconds=deadline_seconds,
                                  on_item=reader.submit, on_site_done=on_site_done, browser=browser_for(config),
                                  on_waiting=on_waiting)
                for outcome in crawl.outcomes.values():
                    on_site_done(outcome)
                state = "interrupted" if crawl.close_reason == "shutdown" else "complete"
            except KeyboardInterrupt:
                state = "interrupted"
                raise
            finally:
                for findings in reader.results(finished_only=state != "complete"):
                    for finding in findings:
                        found.setdefault(finding.fingerprint, finding)
                reader.close(cancel=state != "complete")
                results = _site_results(source_ids, outcomes, skipped, state)
                store.record_results(scan_id, results, found.values())
                store.finish_scan(scan_id, state, stamp(utc_now()))
                log.info("scan %s %s: %s findings", scan_id, state, len(found))
                update_tasks(store, scan_id, profile, plans, today)
                report_path = write_report(config, store, scan_id)
            stored = store.findings(scan_id)
            per_site = Counter(f.site for f in stored if f.kind != "possible_match")
            possible = Counter(f.site for f in stored if f.kind == "possible_match")
            return ScanSummary(scan_id=scan_id, state=state, sites=tuple(results), findings=per_site.total(),
                               report_path=report_path, possible_matches=possible.total(),
                               per_site=dict(per_site), possible_per_site=dict(possible))
    finally:
        store.close()


def _site_results(source_ids: list[str], outcomes: dict, skipped: dict[str, str], state: str) -> list[SiteResult]:
    """One result per source, in plan order: what it answered, why it was skipped, or (a scan that stopped
    or failed early) that it never answered, which counts as "could not check", never as "not listed"."""
    never = {"interrupted": "the scan was stopped before this site answered"}.get(
        state, "the scan ended before this site answered")
    results = []
    for sid in source_ids:
        if sid in skipped:
            results.append(SiteResult(site=sid, status="SKIPPED", detail=skipped[sid]))
        elif (o := outcomes.get(sid)) is not None:
            results.append(SiteResult(site=o.site, status=o.status, detail=o.detail, search_url=o.search_url,
                                      pages=o.pages, fetched_with=o.fetched_with))
        else:
            results.append(SiteResult(site=sid, status="ERROR", detail=never))
    return results


def update_tasks(store: Store, scan_id: int, profile: Profile, plans, today: _dt.date) -> None:
    """Plan the scan's tasks and merge them into the task list (scanner/history/tasks.py: only a complete scan
    changes statuses). A failure here is logged, not raised: the scan and its report come first."""
    from scanner.history.tasks import plan_and_sync
    from scanner.plan.planner import source_info_from_plans

    try:
        plan_and_sync(store, scan_id, profile, source_info_from_plans(plans), today)
    except Exception as exc:  # noqa: BLE001 - see the docstring
        log.error("scan %s: tasks not updated (%s)", scan_id, type(exc).__name__)


def report_data(store: Store, scan_id: int) -> dict:
    from scanner.reportdata import build_report_data, report_changes

    data = build_report_data(store, scan_id, generated_at=stamp(utc_now()))
    data["changes"] = report_changes(store, scan_id, {s["id"]: s["name"] for s in data["sites"]})
    return data


def write_report(config: Config, store: Store, scan_id: int, fmt: str = "html", output: Path | None = None) -> Path:
    from reports.render import render_html, render_json

    data = report_data(store, scan_id)
    text = render_html(data) if fmt == "html" else render_json(data)
    path = write_private(output or config.reports_dir / f"unlisted-scan-{scan_id}.{fmt}", text)
    if output is None and fmt == "html":
        store.set_report_path(scan_id, str(path))
    return path


def record_verdict(store: Store, finding_ref: str, decision: str):
    """Record the user's verdict on a finding (by its number, or a fingerprint prefix)."""
    stored = store.finding(int(finding_ref)) if finding_ref.isdigit() else store.finding_by_fingerprint(finding_ref)
    if stored is None:
        raise LookupError(f"there is no finding {finding_ref!r} (the number is shown next to each finding in the report)")
    store.set_verdict(stored.fingerprint, decision, stamp(utc_now()))
    log.info("verdict %s on finding %s", decision, stored.id)
    return stored


def task_action(store: Store, task_ref: str, action: str, today: _dt.date, on: _dt.date | None = None) -> dict:
    """`unlisted tasks done|filed|skip|reopen` and the app's buttons: the task as it stands after it."""
    from scanner.history.tasks import task_dict, user_action

    record = store.task(int(task_ref)) if str(task_ref).isdigit() else None
    if record is None:
        raise LookupError(f"there is no task {task_ref!r} (the numbers are in `unlisted tasks`)")
    state = user_action(record, action, today, on)
    store.set_task_status(record.id, state.status, state.status_date, state.due_date, state.note)
    log.info("task %s: %s", record.id, action)
    return task_dict(store.task(record.id))
