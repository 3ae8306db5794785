"""`unlisted scan`, `demo`, `report` and `verdict`: run a scan, show its result, write its report."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import click

from scanner.cli.common import (
    assist_option,
    browser_option,
    cli_config,
    fail,
    fetch_options,
    load_profile_or_fail,
    nothing_yet,
    open_store_or_fail,
    quick_profile_or_fail,
    sandbox_server,
)
from scanner.cli.progress import META_KEY as PROGRESS_EVENTS, JsonEvents
from scanner.exitcodes import Exit
from scanner.words import plural


def _progress_printer(assist: bool = False):
    """The progress bar (on a terminal); in an assisted scan also, on any output, a line for each site
    that waits for the user to pass a human check in the browser window."""
    from scanner.sources.families import known_source_names

    names = known_source_names() if assist else {}
    if not sys.stderr.isatty() and not assist:
        return None

    def show(p) -> None:
        if p.waiting:
            minutes = max(1, round(p.waiting_seconds / 60))
            click.echo(f"\n{names.get(p.waiting, p.waiting)} asks for a human check: finish it in the browser "
                       f"window; {minutes} min left. The scan goes on with the other sites meanwhile.", err=True)
            return
        if not sys.stderr.isatty():
            return
        width = 24
        filled = int(width * p.sites_done / p.sites_total) if p.sites_total else width
        bar = "#" * filled + "-" * (width - filled)
        click.echo(f"\r[{bar}] {p.sites_done}/{p.sites_total} sites done, {plural(p.findings, 'exposure')} found ",
                   err=True, nl=False)

    return show


def _scan_and_print(config, profile, site_ids=(), open_report=False, hint: str = "", events=None) -> None:
    """Run the scan; print its summary, or with `events` (scan --progress json) only its JSON lines."""
    from scanner.history.store import StoreError
    from scanner.lock import AlreadyRunning
    from scanner.cli.summary import print_summary
    from scanner.service import run_scan
    from scanner.sources.families import known_source_names
    from spiders.catalog import CatalogError

    on_progress = events.callback(known_source_names()) if events else _progress_printer(config.assist)
    try:
        summary = run_scan(config, profile, tuple(site_ids), on_progress=on_progress)
    except AlreadyRunning as exc:
        fail(str(exc), Exit.BUSY)
    except CatalogError as exc:
        fail(str(exc))
    except StoreError as exc:
        fail(str(exc), Exit.FAILED)
    except KeyboardInterrupt:
        stopped = "Scan stopped. Earlier scans are untouched; this one is kept as interrupted."
        fail(stopped, Exit.INTERRUPTED, shown="\n" + stopped)
    code = (Exit.INTERRUPTED if summary.state == "interrupted"
            else Exit.LOW_COVERAGE if summary.coverage.low else Exit.OK)
    if events:
        events.done(summary, code)
    else:
        if sys.stderr.isatty():
            click.echo("", err=True)
        place = ", ".join(filter(None, (profile.search_locations() or [("", "")])[0]))
        print_summary(summary, known_source_names(), profile.person.name, place)
        if hint:
            click.echo(hint)
        click.echo(f"Report: {summary.report_path}")
    if open_report:
        click.launch(str(summary.report_path))
    if code:
        sys.exit(int(code))


@click.command()
@click.option("--profile", "profile_path", type=click.Path(dir_okay=False), help="Your profile file (see `unlisted init`).")
@click.option("--name", help="Quick mode without a profile: your full name.")
@click.option("--city", help="Quick mode: your city.")
@click.option("--state", help="Quick mode: your state, two letters.")
@click.option("--site", "site_ids", multiple=True, help="Only this catalog site (repeatable). Default: all.")
@click.option("--sandbox", is_flag=True, help="Scan the built-in simulated web instead of the real sites.")
@click.option("--open", "open_report", is_flag=True, help="Open the report in your browser.")
@click.option("--progress", type=click.Choice(["bar", "json"]), default="bar", show_default=True,
              help="bar: a progress bar and the summary, for people. "
                   "json: one JSON object per line on standard output, for programs.")
@browser_option
@assist_option
@click.pass_context
def scan(ctx, profile_path, name, city, state, site_ids, sandbox, open_report, progress, browser, assist) -> None:
    """Search the catalog's sites for you and your family, and write a report."""
    events = None
    if progress == "json":     # from here on a failure is an error event too (common.fail finds it)
        events = ctx.meta[PROGRESS_EVENTS] = JsonEvents()
    home = cli_config(ctx).home
    run = fetch_options(home, browser, assist)
    if name:
        profile = quick_profile_or_fail(name, city, state)
    else:
        profile = load_profile_or_fail(profile_path, home)
    if sandbox:
        with sandbox_server() as server:
            _scan_and_print(cli_config(ctx, server.url, **run), profile, site_ids, open_report, events=events)
    else:
        _scan_and_print(cli_config(ctx, **run), profile, site_ids, open_report, events=events)


@click.command()
@click.option("--open", "open_report", is_flag=True, help="Open the report in your browser.")
@browser_option
@assist_option
@click.pass_context
def demo(ctx, open_report, browser, assist) -> None:
    """Scan a fictional therapist on the built-in simulated web, offline, and write the report."""
    from scanner.config import make_config
    from scanner.profile import load_profile
    from scanner.sandbox.server import DEMO_PROFILE

    base = cli_config(ctx)
    run = fetch_options(base.home, browser, assist)     # your browser settings, from your own data folder
    profile = load_profile(DEMO_PROFILE)
    click.echo(f"Demo: scanning the fictional therapist {profile.person.name} on a simulated web (nothing leaves this computer).")
    with sandbox_server() as server:
        config = make_config(base.home / "demo", sandbox_url=server.url, **run)
        _keep_demo_profile(config.home)
        home = shlex.quote(str(config.home.absolute()))
        hint = ("To see unlisted file the demo's opt-out requests, playing the person's part on the simulated web: "
                f"`unlisted --home {home} optout --all --sandbox --auto`\n"
                f"To see the demo in a window of your browser: `unlisted --home {home} app --sandbox --auto`")
        _scan_and_print(config, profile, (), open_report, hint)


def _keep_demo_profile(home: Path) -> None:
    """The demo's folder holds its profile too, so that `app` (and `scan`) there need no questions."""
    from scanner.config import ensure_private_dir, write_private
    from scanner.sandbox.server import DEMO_PROFILE

    ensure_private_dir(home)
    if not (home / "profile.toml").exists():
        write_private(home / "profile.toml", DEMO_PROFILE.read_text(encoding="utf-8"))


@click.command()
@click.argument("scan_id", required=False, type=int)
@click.option("--format", "fmt", type=click.Choice(["html", "json"]), default="html", show_default=True)
@click.option("--output", type=click.Path(dir_okay=False), help="Write here instead of the data folder.")
@click.option("--open", "open_report", is_flag=True, help="Open the report in your browser.")
@click.pass_context
def report(ctx, scan_id, fmt, output, open_report) -> None:
    """Write the report of a scan again (default: the latest), as HTML or JSON."""
    from scanner.service import write_report

    store = open_store_or_fail(ctx)
    try:
        latest = store.latest_scan()
        if latest is None:
            fail(nothing_yet(ctx, "report"))
        try:
            path = write_report(cli_config(ctx), store, scan_id or latest.id, fmt, Path(output) if output else None)
        except LookupError as exc:
            fail(str(exc).strip("'\""))
    finally:
        store.close()
    click.echo(f"Report: {path}")
    if open_report:
        click.launch(str(path))


@click.command()
@click.argument("finding")
@click.argument("decision", type=click.Choice(["not-me", "me"]))
@click.pass_context
def verdict(ctx, finding, decision) -> None:
    """Mark a finding as not about you (hidden from now on), or undo that with `me`.

    FINDING is the number shown in the report next to each finding.
    """
    from scanner.service import record_verdict

    store = open_store_or_fail(ctx)
    try:
        try:
            stored = record_verdict(store, finding, decision)
        except LookupError as exc:
            fail(str(exc).strip("'\""))
    finally:
        store.close()
    what = "will be left out of reports from now on" if decision == "not-me" else "counts as yours again"
    click.echo(f"Finding {stored.id} ({stored.kind} on {stored.site}) {what}.")
