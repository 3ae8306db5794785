"""`unlisted tasks ...` (the to-do list the scans make) and `unlisted export` (findings and tasks as files).

Thin commands: each parses options, calls scanner.history.tasks / scanner.history.exports, prints. What the
statuses mean and how scans change them: scanner/history/tasks.py.
"""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path

import click

from scanner.cli.common import cli_config, fail, nothing_yet, open_store_or_fail

KIND_WORDS = {"optout": "opt-out request", "manual_check": "check by hand", "setting": "setting to change",
              "hardening": "protective step"}
# control characters (but newline) and bidirectional overrides never reach the terminal
_UNPRINTABLE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _plain(text: object) -> str:
    return _UNPRINTABLE.sub("", str(text))


def _today() -> _dt.date:
    return _dt.date.today()


@click.group(invoke_without_command=True)
@click.option("--later", "show_later", is_flag=True, help="List the tasks kept for later, after this month's.")
@click.option("--all", "show_all", is_flag=True, help="List every task: this month's, later, and finished ones.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True)
@click.pass_context
def tasks(ctx, show_later, show_all, fmt) -> None:
    """Your to-do list from the latest scan: this month's tasks first (see `tasks show ID`, `tasks --later`)."""
    if ctx.invoked_subcommand is not None:
        return
    from scanner.history.exports import json_text, tasks_csv
    from scanner.history.tasks import CLOSED, TO_DO, current_tasks, progress

    store = open_store_or_fail(ctx)
    try:
        items = current_tasks(store)
    finally:
        store.close()
    if fmt in ("json", "csv"):
        shown = items if show_all else [t for t in items if t["status"] not in CLOSED]
        click.echo(json_text({"tasks": shown}) if fmt == "json" else tasks_csv(shown), nl=False)
        return
    if not items:
        click.echo(nothing_yet(ctx, "tasks", "No tasks"))
        return
    done, total = progress(items)
    month = [t for t in items if t["when"] == "this_month"]
    later = [t for t in items if t["when"] == "later" and t["status"] in TO_DO]
    rest = [t for t in items if t["when"] != "this_month" and t not in later]
    click.echo(f"This month: {done} of {total} done (a task counts as done once you have filed or done it; "
               "the next scans confirm it).")
    _list(month, "This month, most important first:")
    if show_later or show_all:
        _list(later, "Later:")
    if show_all:
        _list(rest, "Waiting for a site, or finished:")
    elif rest:
        click.echo(f"\n{len(rest)} more waiting for a site or finished: `unlisted tasks --all` lists "
                   f"{'it' if len(rest) == 1 else 'them'}.")
    if later and not (show_later or show_all):
        click.echo(f"\n{len(later)} more for later: `unlisted tasks --later` lists {'it' if len(later) == 1 else 'them'}.")
    click.echo("\nSee the steps and the letter with `unlisted tasks show ID`; then `unlisted tasks filed ID` "
               "(or `done`, `skip`).")


def _list(items: list[dict], heading: str) -> None:
    from scanner.history.tasks import status_words

    if not items:
        return
    click.echo(f"\n{heading}")
    for t in items:
        names = t["site_names"]
        sites = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        click.echo(f"\n{t['id']:>4}  {_plain(t['title'])}")
        click.echo(f"      {KIND_WORDS.get(t['kind'], t['kind'])}; {_plain(status_words(t))}"
                   + (f"; {_plain(sites)}" if sites else ""))


def _find(store, ref: str):
    record = store.task(int(ref)) if ref.isdigit() else None
    if record is None:
        fail(f"there is no task {ref!r} (the numbers are in `unlisted tasks`)")
    return record


@tasks.command("show")
@click.argument("task_id")
@click.pass_context
def tasks_show(ctx, task_id) -> None:
    """Everything about one task: why, the steps, the links, what to give and not give, the letter."""
    from scanner.history.tasks import status_words, task_dict

    store = open_store_or_fail(ctx)
    try:
        t = task_dict(_find(store, task_id))
    finally:
        store.close()
    out = [f"Task {t['id']}: {t['title']}", f"Status: {status_words(t)}"] + _filing_lines(t) + [""]
    if t["why"]:
        out += [t["why"], ""]
    if t["steps"]:
        out += ["Steps:"] + [f"  {i}. {step}" for i, step in enumerate(t["steps"], 1)] + [""]
    if t["checklist"]:
        out += ["Sites to check:"]
        for item in t["checklist"]:
            out += [f"  - {item['name']}: {item['why']}"]
            out += [f"      Search: {item['url']}"] if item["url"] else []
            out += [f"      Opt-out page: {item['optout_url']}"] if item["optout_url"] else []
        out += [""]
    elif t["links"]:
        out += ["Links:"] + [f"  {link['label']}: {link['url']}" for link in t["links"]] + [""]
    if t["asks_for"]:
        out += ["They may ask for:"] + [f"  - {item}" for item in t["asks_for"]] + [""]
    if t["dont_give"]:
        out += ["Do not give:"] + [f"  - {item}" for item in t["dont_give"]]
    letter = t["letter"]
    if letter:
        out += ["", "Letter" + (f" (to {letter['to_email']})" if letter["to_email"] else "") + ":",
                f"Subject: {letter['subject']}", "", letter["body"], ""]
        if letter["mailto_url"]:
            out += ["Open it in your email program: " + letter["mailto_url"], ""]
        out += [f"Note: {note}" for note in letter["notes"]]
    click.echo("\n".join(_plain(line) for line in out).rstrip())


VIA_WORDS = {"web_form": "its web form (with `unlisted optout`)", "email": "email (with `unlisted optout`)"}


def _filing_lines(t: dict) -> list[str]:
    """How `unlisted optout` filed it: the way, the evidence kept, the Message-ID, the confirmation link."""
    if not t["filed_via"]:
        return []
    out = [f"Filed through {VIA_WORDS[t['filed_via']]}; evidence: {t['evidence']}"]
    if t["message_id"]:
        out.append(f"Message-ID: {t['message_id']}")
    if t["confirmed"]:
        out.append(f"Confirmation link opened on {t['confirmed']}")
    elif t["confirmation_expected"]:
        out.append(f"Waiting for you to open the site's confirmation link: `unlisted optout confirm {t['id']} LINK`")
    return out


def _set(ctx, task_id: str, action: str, on: str | None = None) -> None:
    from scanner.history.tasks import status_words
    from scanner.service import task_action

    today = _today()
    day = None
    if on is not None:
        try:
            day = _dt.date.fromisoformat(on)
        except ValueError:
            fail(f"--on: {on!r} is not a date like {today.isoformat()}")
        if day > today:
            fail(f"--on: {on} is in the future")
    store = open_store_or_fail(ctx)
    try:
        _find(store, task_id)
        t = task_action(store, task_id, action, today, day)
    finally:
        store.close()
    click.echo(f"Task {t['id']} ({_plain(t['title'])}): {status_words(t)}.")
    if t["status"] in ("filed", "awaiting") and t["due_date"]:
        click.echo(f"If it is still there after {t['due_date']}, a later scan puts it back on your list; "
                   "when a scan finds it gone, the task is marked removed.")


@tasks.command("done")
@click.argument("task_id")
@click.pass_context
def tasks_done(ctx, task_id) -> None:
    """Mark a task done. An opt-out counts as filed today; anything else waits for the next scans to confirm."""
    _set(ctx, task_id, "done")


@tasks.command("filed")
@click.argument("task_id")
@click.option("--on", "on", metavar="YYYY-MM-DD", help="The day you filed it (default: today).")
@click.pass_context
def tasks_filed(ctx, task_id, on) -> None:
    """Record that you sent the opt-out request (today, or --on the day you did)."""
    _set(ctx, task_id, "filed", on)


@tasks.command("skip")
@click.argument("task_id")
@click.pass_context
def tasks_skip(ctx, task_id) -> None:
    """You will not do this task: it stays closed, whatever later scans find."""
    _set(ctx, task_id, "skip")


@tasks.command("reopen")
@click.argument("task_id")
@click.pass_context
def tasks_reopen(ctx, task_id) -> None:
    """Put a task back on the to-do list."""
    _set(ctx, task_id, "reopen")


@click.command("export")
@click.argument("scan_id", required=False, type=int)
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True)
@click.option("--output", type=click.Path(file_okay=False),
              help="Folder to write into. Default: exports/ in the data folder.")
@click.pass_context
def export(ctx, scan_id, fmt, output) -> None:
    """Write a scan's findings and tasks as CSV (for a spreadsheet) or JSON files (default: the latest scan)."""
    from scanner.history.exports import export_scan

    store = open_store_or_fail(ctx)
    try:
        latest = store.latest_scan()
        if latest is None:
            fail(nothing_yet(ctx, "export"))
        out_dir = Path(output) if output else cli_config(ctx).home / "exports"
        try:
            paths = export_scan(store, scan_id or latest.id, fmt, out_dir)
        except LookupError as exc:
            fail(str(exc).strip("'\""))
        except OSError as exc:
            fail(f"{out_dir}: cannot write there ({exc.strerror or exc})")
    finally:
        store.close()
    for path in paths:
        click.echo(f"Written: {path}")
    click.echo("These files hold your personal details: they are readable only by you; keep them private.")
