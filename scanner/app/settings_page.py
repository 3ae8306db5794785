"""The Settings page: monthly rescans (on, off, when the next is due), notifications (which are set up,
and a test) and the web browser for sites that need one.

The rescans and the test notification run the real `unlisted schedule ...` in its own process (the app's
own `unlisted`, jobs.unlisted_command()) with a time limit: one implementation (scanner/cli/history.py),
and a failure of it stays out of the app's process. The browser goes to settings.toml through the settings
module's own model and writer, after the check a scan makes of it (spiders/browser/locate.py).
"""

from __future__ import annotations

import subprocess
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from scanner.app.actions import _back, _form, _refused
from scanner.app.pages import context, render

COMMAND_SECONDS = 30
MAX_LINES = 60
MAX_ERROR = 600
STATUS_KEYS = ("Trigger", "Cadence", "Notifications")      # the lines of `schedule status` the page reads


@dataclass(frozen=True)
class CommandResult:
    """What one `unlisted schedule ...` said: its output lines and, when it failed, its error in one line."""

    ok: bool
    lines: tuple[str, ...] = ()
    error: str = ""
    section: str = ""      # where the page shows it: "rescans" or "notify"
    said: str = ""         # the notice key of the answer that shows it (a later visit does not)


def run_schedule(home: Path, *command: str) -> CommandResult:
    """`unlisted --home HOME schedule COMMAND` in its own process, for at most COMMAND_SECONDS."""
    from scanner.app.jobs import unlisted_command

    args = unlisted_command() + ["--home", str(home), "schedule", *command]
    try:
        done = subprocess.run(args, stdin=subprocess.DEVNULL, capture_output=True, text=True, encoding="utf-8",
                              errors="replace", timeout=COMMAND_SECONDS)
    except subprocess.TimeoutExpired:
        return CommandResult(ok=False, error=f"it did not answer within {COMMAND_SECONDS} seconds and was stopped")
    except OSError as exc:
        return CommandResult(ok=False, error=f"unlisted could not be started ({exc.strerror or exc})")
    lines = tuple(line.rstrip()[:2000] for line in done.stdout.splitlines() if line.strip())[:MAX_LINES]
    if done.returncode == 0:
        return CommandResult(ok=True, lines=lines)
    problems = [line.strip().removeprefix("unlisted: ") for line in done.stderr.splitlines() if line.strip()]
    error = "; ".join(problems)[:MAX_ERROR] or f"it stopped (code {done.returncode}) without saying why"
    return CommandResult(ok=False, lines=lines, error=error)


def status_facts(result: CommandResult) -> dict:
    """The plain facts of `schedule status`: installed (True, False, None: could not tell) and its lines."""
    facts = {}
    for line in result.lines:
        key, sep, value = line.partition(": ")
        if sep and key in STATUS_KEYS and key not in facts:
            facts[key] = value.strip()
    trigger = facts.get("Trigger", "")
    installed = True if trigger.startswith("installed") else False if trigger == "not installed" else None
    cadence = facts.get("Cadence", "")
    return {"installed": installed if result.ok else None, "where": trigger.removeprefix("installed in ").strip(),
            "when": cadence[:1].upper() + cadence[1:]}


def settings_path(request: Request) -> Path:
    return context(request).config.home / "settings.toml"


def read_settings(path: Path):
    """(the settings, "") or (None, the problem in one line): a file that cannot be used never breaks the page."""
    from scanner.schedule.settings import SettingsError, load_settings

    try:
        return load_settings(path), ""
    except SettingsError as exc:
        return None, "; ".join(exc.problems)
    except (OSError, ValueError) as exc:          # e.g. the data folder itself cannot be read
        return None, f"{path.name}: cannot be read ({exc})"


def found_browser() -> str:
    """The browser a scan finds by itself, in words ("" when none)."""
    from spiders.browser.locate import find_browser

    found = find_browser()
    return f"{found.name} ({found.path})" if found else ""


def browser_problem(value: str) -> str:
    """Why `value` cannot be the browser ("" when it can, or when empty: unlisted then looks for one)."""
    from spiders.browser.locate import BrowserNotUsable, find_browser

    if not value:
        return ""
    if len(value) > 500 or any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
        return "This is not a path to a program: give the full path of your web browser, on one line."
    try:
        find_browser(value, origin="browser")
    except BrowserNotUsable as exc:
        problem = str(exc).rpartition(": ")[2]
        return (f"{problem[:1].upper()}{problem[1:]}: give the full path of your web browser's program "
                "(like /usr/bin/chromium), or leave this empty.")
    return ""


def page_values(request: Request, browser: str | None = None, browser_error: str = "") -> dict:
    """Everything the page shows (runs `schedule status`: call it in a thread)."""
    ctx = context(request)
    path = settings_path(request)
    settings, problem = read_settings(path)
    status = run_schedule(ctx.config.home, "status")
    profile = settings.profile_path(ctx.config.home) if settings else ctx.config.home / "profile.toml"
    last = ctx.last_settings
    if last is None or request.query_params.get("said", "") != last.said:
        last = None
    return {
        "problem": problem, "settings": settings, "settings_file": str(path), "schedule": status,
        "facts": status_facts(status), "last": last, "found_browser": found_browser(),
        "browser_value": (settings.browser if settings else "") if browser is None else browser,
        "browser_error": browser_error, "has_profile": profile.exists(),
    }


def settings_page(request: Request) -> Response:
    return render(request, "settings.html.j2", **page_values(request))


async def _command(request: Request, section: str, command: str, ok_key: str, failed_key: str) -> Response:
    form = await _form(request)
    if form is None:
        return _refused()
    ctx = context(request)
    result = await run_in_threadpool(run_schedule, ctx.config.home, command)
    said = ok_key if result.ok else failed_key
    ctx.last_settings = replace(result, section=section, said=said)
    return _back("/settings", said)


async def rescans_on(request: Request) -> Response:
    if context(request).sandbox:     # a rescan searches the real sites: not for the simulated web's people
        return _back("/settings", "schedule-sandbox")
    return await _command(request, "rescans", "install", "schedule-on", "schedule-failed")


async def rescans_off(request: Request) -> Response:
    return await _command(request, "rescans", "remove", "schedule-off", "schedule-failed")


async def notify_test(request: Request) -> Response:
    return await _command(request, "notify", "notify-test", "notify-sent", "notify-failed")


def _save_browser(path: Path, value: str) -> str:
    """Write `value` as settings.toml's browser through the settings module's model and writer; the problem
    when it cannot be ("" when saved). Nothing is written unless the whole new file reads back."""
    from scanner.config import folder_problem, write_private
    from scanner.schedule.settings import SettingsError, parse_settings, render_settings

    settings, _ = read_settings(path)
    if settings is None:
        return "Nothing was saved: your settings file has a problem (named at the top of this page); correct it first."
    if refused := browser_problem(value):
        return refused
    text = render_settings(replace(settings, browser=value))
    try:
        parse_settings(tomllib.loads(text), source=path.name)
    except (SettingsError, tomllib.TOMLDecodeError) as exc:
        return f"This cannot be saved: {exc}"
    try:
        write_private(path, text)
    except OSError as exc:
        return f"It could not be saved: {folder_problem(exc)}."
    return ""


async def save_browser(request: Request) -> Response:
    form = await _form(request)
    if form is None:
        return _refused()
    value = str(form.get("browser") or "").strip()
    error = await run_in_threadpool(_save_browser, settings_path(request), value)
    if error:
        values = await run_in_threadpool(page_values, request, value, error)
        return render(request, "settings.html.j2", status=400, **values)
    return _back("/settings", "browser-saved" if value else "browser-cleared")
