"""`unlisted history`, `diff`, `rescan` and `schedule ...`: scans over time, unattended.

Thin commands: each parses options, calls scanner.history.changes / rescan / schedule / notify, prints.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from scanner.cli.common import (
    STATUS_WORDS,
    browser_option,
    catalog_names,
    chosen_browser,
    cli_config,
    fail,
    load_profile_or_fail,
    load_settings_or_fail,
    nothing_yet,
    open_store_or_fail,
    sandbox_server,
)
from scanner.exitcodes import Exit
from scanner.words import plural

BUCKET_WORDS = {
    "new": "New", "reappeared": "Back again (had been removed)", "removed": "Removed",
    "unknown": "Unknown this month", "still_present": "Still there",
}
REASON_WORDS = {"not_checked": "the site could not be checked", "not_seen": "the site answered, but this was not seen"}
STATE_WORDS = {"complete": "complete", "interrupted": "interrupted", "failed": "failed",
               "running": "running (or stopped abruptly)"}


@click.command()
@click.pass_context
def history(ctx) -> None:
    """List every scan: date, complete or not, sites checked, exposures and score."""
    from scanner.history.changes import SCORE_RULE, history_rows

    store = open_store_or_fail(ctx)
    try:
        rows = history_rows(store)
    finally:
        store.close()
    if not rows:
        click.echo(nothing_yet(ctx, "history", "No scans"))
        return
    click.echo(f"{'scan':>4}  {'started (UTC)':<16}  {'state':<12}  {'mode':<7}  {'sites checked':>13}  "
               f"{'exposures':>9}  {'score':>5}")
    for r in rows:
        click.echo(f"{r['id']:>4}  {r['started_at'][:16]:<16}  {STATE_WORDS.get(r['state'], r['state'])[:12]:<12}  "
                   f"{r['mode']:<7}  {str(r['sites_checked']) + '/' + str(r['sites_total']):>13}  "
                   f"{r['findings']:>9}  {r['score']:>5}")
    click.echo(f"Score: {SCORE_RULE}. Compare two scans with `unlisted diff A B`.")


@click.command()
@click.argument("scans", nargs=-1, type=int)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def diff(ctx, scans, fmt) -> None:
    """What changed between two scans (default: the latest and the complete one before it)."""
    from scanner.history.changes import BUCKETS, default_pair, diff_dict, load_history
    from scanner.history.changes import diff as compare

    if len(scans) not in (0, 2):
        fail("give two scan numbers (older first), or none for the latest two")
    store = open_store_or_fail(ctx)
    try:
        pair = tuple(scans) if scans else default_pair(store)
        if pair is None:
            click.echo("Nothing to compare yet: this needs a complete scan and a later one (see `unlisted history`).")
            return
        a, b = pair
        try:
            if a >= b:
                raise ValueError("the first scan must be older than the second")
            result = compare(load_history(store, b), a, b)
        except (LookupError, ValueError) as exc:
            fail(str(exc).strip("'\""))
    finally:
        store.close()
    data = diff_dict(result, catalog_names())
    if fmt == "json":
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    click.echo(f"Scan {a} ({result.before.started_at[:10]}) -> scan {b} ({result.after.started_at[:10]}):")
    click.echo("  " + ", ".join(f"{data['counts'][k]} {BUCKET_WORDS[k].split(' (')[0].lower()}" for k in BUCKETS))
    for bucket in BUCKETS:
        items = data["changes"][bucket]
        if not items:
            continue
        click.echo(f"\n{BUCKET_WORDS[bucket]}:")
        for c in items:
            who = "" if c["subject"] == "self" else f" ({c['subject']})"
            why = f"  [{REASON_WORDS[c['reason']]}]" if c["reason"] else ""
            click.echo(f"  {c['severity']:<8} {c['site_name']}: {c['kind'].replace('_', ' ')}{who}: {c['value']}{why}")
    if data["site_changes"]:
        click.echo("\nSites whose answer changed:")
        for s in data["site_changes"]:
            click.echo(f"  {s['site_name']}: {_status(s['before'])} -> {_status(s['after'])}")


def _status(status: str) -> str:
    return STATUS_WORDS.get(status, status) if status else "not checked in that scan"


def _notifier(settings, env, platform):
    """The notify callable for rescan: sends what is configured, returns one line per failure."""
    from scanner.schedule.notify import NotifyError, compose, send_desktop, send_email
    from scanner.service import utc_now

    def notify(news) -> list[str]:
        message, errors = compose(news), []
        if settings.email is not None:
            try:
                send_email(settings.email, message, utc_now(), env)
            except NotifyError as exc:
                errors.append(str(exc))
        if settings.desktop:
            try:
                send_desktop(message, platform, env, uid=os.getuid() if hasattr(os, "getuid") else None)
            except NotifyError as exc:
                errors.append(str(exc))
        return errors

    return notify


@click.command()
@click.option("--if-due", is_flag=True, help="Only scan if the last complete scan is older than the cadence (for schedulers).")
@click.option("--site", "site_ids", multiple=True, help="Only this catalog site (repeatable). Default: all.")
@click.option("--sandbox", is_flag=True, help="Scan the built-in simulated web (to try it out; the tests use it).")
@browser_option
@click.pass_context
def rescan(ctx, if_due, site_ids, sandbox, browser) -> None:
    """Scan again without questions, notify, and write the report (what schedulers run)."""
    from scanner.history.store import StoreError
    from scanner.lock import AlreadyRunning
    from scanner.profile import load_profile
    from scanner.schedule.rescan import rescan as run_rescan
    from scanner.service import run_scan, utc_now

    home = cli_config(ctx).home
    settings = load_settings_or_fail(home)
    run = {"browser": chosen_browser(browser, settings.browser), "assist": False, "attended": False}  # nobody watches

    def scan(config, profile, today):
        return run_scan(config, profile, tuple(site_ids), today=today)

    def go(config):
        try:
            return run_rescan(config, settings, now=utc_now, if_due=if_due, load_profile=load_profile,
                              run_scan=scan, notify=_notifier(settings, dict(os.environ), sys.platform),
                              site_names=catalog_names())
        except AlreadyRunning:
            fail("another unlisted rescan is already running; this one did not start", Exit.BUSY)
        except StoreError as exc:
            fail(str(exc), Exit.FAILED)

    if sandbox:
        with sandbox_server() as server:
            result = go(cli_config(ctx, server.url, **run))
    else:
        result = go(cli_config(ctx, **run))
    stream_err = result.exit_code not in (Exit.OK,)
    click.echo(result.message, err=stream_err)
    for problem in result.problems:
        click.echo(f"Notification not sent: {problem}", err=True)
    sys.exit(int(result.exit_code))


@click.group()
def schedule() -> None:
    """Monthly rescans that run by themselves (install, status, remove)."""


def _scheduler(ctx):
    from scanner.schedule.triggers import scheduler_for, system_runner

    home = cli_config(ctx).home
    tabfile = os.environ.get("UNLISTED_CRONTAB_FILE", "").strip()
    agents = os.environ.get("UNLISTED_LAUNCH_AGENTS_DIR", "").strip()
    return scheduler_for(sys.platform, home=home, user_home=Path.home(),
                         uid=os.getuid() if hasattr(os, "getuid") else 0,
                         tabfile=Path(tabfile) if tabfile else None,
                         launch_agents=Path(agents) if agents else None,
                         run=system_runner if sys.platform in ("darwin", "win32") else None)


def _unlisted_command() -> list[str]:
    python = Path(sys.executable)
    script = python.with_name("unlisted.exe" if os.name == "nt" else "unlisted")
    return [str(script)] if script.exists() else [str(python), "-m", "scanner.cli.main"]


@schedule.command("install")
@click.option("--cadence", default=None, metavar="30d", help="How often to rescan: days (30d) or weeks (4w). Default: 30d.")
@click.option("--profile", "profile_path", type=click.Path(dir_okay=False), help="The profile to scan. Default: profile.toml in the data folder.")
@click.option("--desktop-notify/--no-desktop-notify", default=None, help="Show a desktop notification after each rescan.")
@click.option("--print", "print_only", is_flag=True, help="Show what would be installed; change nothing.")
@click.pass_context
def schedule_install(ctx, cadence, profile_path, desktop_notify, print_only) -> None:
    """Install the daily check that rescans when due (cron, LaunchAgent or Task Scheduler)."""
    from scanner.config import write_private
    from scanner.schedule.settings import parse_cadence, render_settings, with_schedule
    from scanner.schedule.triggers import ScheduleError, trigger_argv

    home = cli_config(ctx).home
    try:
        days = parse_cadence(cadence) if cadence is not None else None
    except ValueError as exc:
        fail(f"--cadence: {exc}")
    settings = load_settings_or_fail(home)
    profile = str(Path(profile_path).resolve()) if profile_path else None
    settings = with_schedule(settings, profile, days, desktop_notify)
    load_profile_or_fail(str(settings.profile_path(home)))  # fails now, with the field named, not next month
    scheduler, argv = _scheduler(ctx), trigger_argv(_unlisted_command(), home.resolve())
    if print_only:
        click.echo(scheduler.preview(argv))
        click.echo(f"\nWould write {home / 'settings.toml'}:\n{render_settings(settings)}")
        return
    write_private(home / "settings.toml", render_settings(settings))
    try:
        message = scheduler.install(argv)
    except ScheduleError as exc:
        fail(str(exc), Exit.FAILED)
    click.echo(message)
    click.echo(f"A rescan is due every {plural(settings.cadence_days, 'day')}; settings (and email setup) in "
               f"{home / 'settings.toml'}.")


@schedule.command("status")
@click.pass_context
def schedule_status(ctx) -> None:
    """Show whether the rescan trigger is installed, when the next rescan is due, how you are told."""
    from scanner.schedule.rescan import due_check, last_usable_scan
    from scanner.schedule.triggers import ScheduleError
    from scanner.service import utc_now

    home = cli_config(ctx).home
    settings = load_settings_or_fail(home)
    try:
        status = _scheduler(ctx).status()
    except ScheduleError as exc:
        fail(str(exc), Exit.FAILED)
    click.echo(f"Trigger: {'installed in ' + status.where if status.installed else 'not installed'}")
    if status.entry:
        click.echo(status.entry.rstrip())
    store = open_store_or_fail(ctx)
    try:
        due = due_check(last_usable_scan(store, "live"), store.runs(), utc_now(), settings.cadence_days)
    finally:
        store.close()
    click.echo(f"Cadence: every {plural(settings.cadence_days, 'day')}. {'Due now' if due.due else 'Not due'}: {due.reason}.")
    channels = [c for c, on in (("email", settings.email is not None), ("desktop", settings.desktop)) if on]
    click.echo(f"Notifications: {', '.join(channels) if channels else 'none (see settings.toml)'}")


@schedule.command("remove")
@click.pass_context
def schedule_remove(ctx) -> None:
    """Remove the rescan trigger (your scans, reports and settings are kept)."""
    from scanner.schedule.triggers import ScheduleError

    try:
        removed = _scheduler(ctx).remove()
    except ScheduleError as exc:
        fail(str(exc), Exit.FAILED)
    click.echo("Removed: no more automatic rescans." if removed else "There was no rescan trigger to remove.")


@schedule.command("notify-test")
@click.pass_context
def schedule_notify_test(ctx) -> None:
    """Send a test notification with your settings (email and/or desktop)."""
    from scanner.schedule.notify import News

    home = cli_config(ctx).home
    settings = load_settings_or_fail(home)
    if settings.email is None and not settings.desktop:
        fail("no notifications are set up: see the [email] and [notify] parts of settings.toml")
    errors = _notifier(settings, dict(os.environ), sys.platform)(News(outcome="complete", report_path="(test)"))
    for error in errors:
        click.echo(f"Not sent: {error}", err=True)
    if errors:
        sys.exit(int(Exit.FAILED))
    click.echo("Test notification sent.")
