"""What every command needs: the one-line failure, the data folder's config, the profile, the store,
the settings and the simulated web. Each helper ends the command with a clear message and the right
exit code instead of raising."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from scanner.cli.progress import META_KEY as PROGRESS_EVENTS
from scanner.exitcodes import Exit

STATUS_WORDS = {
    "RESULTS": "searched: results found", "NO_RESULTS": "searched: not listed", "BLOCKED": "could not check (blocked)",
    "ERROR": "could not check (error)", "SKIPPED": "skipped",
}


def fail(message: str, code: Exit = Exit.USAGE, shown: str | None = None) -> None:
    """End the command: `shown` (default "unlisted: MESSAGE") on stderr, then the exit code. Under
    `scan --progress json` the message is also an error event on stdout (scanner/cli/progress.py)."""
    click.echo(f"unlisted: {message}" if shown is None else shown, err=True)
    ctx = click.get_current_context(silent=True)
    if ctx is not None and (events := ctx.meta.get(PROGRESS_EVENTS)) is not None:
        events.error(message, code)
    sys.exit(int(code))


def sandbox_server():
    """The simulated web; UNLISTED_SANDBOX_SCENARIO may name another scenario file (tests use it)."""
    from scanner.sandbox.server import SandboxServer, load_scenario

    scenario_file = os.environ.get("UNLISTED_SANDBOX_SCENARIO")
    if not scenario_file:
        return SandboxServer()
    try:
        return SandboxServer(load_scenario(Path(scenario_file)))
    except (OSError, ValueError) as exc:
        fail(f"UNLISTED_SANDBOX_SCENARIO: {exc}")


def cli_config(ctx: click.Context, sandbox_url: str = "", **run):
    """The run's Config; `run`: how it fetches (browser, assist, attended), see scanner.config.Config."""
    from scanner.config import make_config

    return make_config(ctx.obj.get("home"), sandbox_url=sandbox_url, **run)


BROWSER_HELP = ("The web browser to use for sites that need one (Chrome, Chromium, Edge or Brave). "
                "Default: `browser` in settings.toml, else the one found on this computer.")
ASSIST_HELP = "Open a browser window: when a site asks for a human check, you pass it there; the scan goes on meanwhile."


def browser_option(command):
    return click.option("--browser", metavar="PATH", default=None, help=BROWSER_HELP)(command)


def assist_option(command):
    return click.option("--assist", is_flag=True, help=ASSIST_HELP)(command)


def chosen_browser(given: str | None, settings_browser: str = "") -> str:
    """--browser, else settings.toml's `browser`, else "" (the scan looks for one). The path is passed on
    as given: a browser that is missing makes its sites "could not check" with the reason, not a failure."""
    if given is None:
        return settings_browser
    if not given.strip():
        fail("--browser needs the path of your web browser, like --browser /usr/bin/chromium")
    return given.strip()


def fetch_options(home: Path, browser: str | None, assist: bool) -> dict:
    """How an attended run (scan, demo) fetches: the browser (see chosen_browser) and --assist, which
    needs a screen. A settings.toml that does not parse is ignored here: `rescan` reports it."""
    from spiders.browser.locate import assist_problem

    if assist and (problem := assist_problem(sys.platform, os.environ)):
        fail(problem)
    return {"browser": chosen_browser(browser, "" if browser is not None else _settings_browser(home)),
            "assist": assist, "attended": True}


def _settings_browser(home: Path) -> str:
    from scanner.schedule.settings import SettingsError, load_settings

    try:
        return load_settings(home / "settings.toml").browser
    except SettingsError:
        return ""


def load_profile_or_fail(path: str | None, home: Path | None = None):
    from scanner.profile import ProfileError, load_profile

    if path is None:
        candidate = (home or Path(".")) / "profile.toml"
        if not candidate.exists():
            fail("no profile given: use --profile FILE, or --name/--city/--state, or create one with `unlisted init`")
        path = str(candidate)
    try:
        return load_profile(Path(path))
    except ProfileError as exc:
        fail("; ".join(exc.problems), shown="\n".join(exc.problems))


def quick_profile_or_fail(name: str, city: str | None, state: str | None):
    """Quick mode's profile from --name/--city/--state; a bad value is one line naming the flag."""
    from scanner.cli.profile_form import build_profile
    from scanner.profile import ProfileError

    try:
        return build_profile({"name": name, "city": city, "state": state})
    except ProfileError as exc:
        fail("; ".join(exc.problems))


def open_store_or_fail(ctx: click.Context):
    from scanner.history.store import StoreError
    from scanner.service import open_store

    try:
        return open_store(cli_config(ctx))
    except StoreError as exc:
        fail(str(exc), Exit.FAILED)


def nothing_yet(ctx: click.Context, command: str, what: str = "no scans") -> str:
    """What to say when the history has no scan: how to make one, or, after `unlisted demo`, where the
    demo's results are (it keeps them apart, in HOME/demo) and the exact command that shows them."""
    import shlex

    home = cli_config(ctx).home
    demo_home = home / "demo"
    if (demo_home / "unlisted.db").is_file():
        return (f"{what} of your own yet. The demo's results are kept apart; to see them: "
                f"`unlisted --home {shlex.quote(str(demo_home.absolute()))} {command}`. "
                "To scan yourself: `unlisted init`, then `unlisted scan`.")
    return f"{what} yet: run `unlisted scan` (or `unlisted demo`) first."


def load_settings_or_fail(home: Path):
    from scanner.config import data_folder_message
    from scanner.schedule.settings import SettingsError, load_settings

    try:
        (home / "settings.toml").stat()
    except FileNotFoundError:
        pass                       # no settings yet: the defaults
    except OSError as exc:         # the data folder itself cannot be used: say so, not "bad settings"
        fail(data_folder_message(home, exc), Exit.FAILED)
    try:
        return load_settings(home / "settings.toml")
    except SettingsError as exc:
        for problem in exc.problems:
            click.echo(problem, err=True)
        sys.exit(int(Exit.USAGE))


def catalog_names() -> dict[str, str]:
    from spiders.catalog import default_catalog

    return {s.id: s.name for s in default_catalog()}
