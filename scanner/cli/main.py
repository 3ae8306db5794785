"""The `unlisted` command. Each command parses options, calls one service function, prints.

Heavy imports (Scrapy, Jinja2, the detection engine) happen inside commands so that
`unlisted --help` stays fast.
"""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

import click

from scanner import __version__
from scanner.exitcodes import Exit


class UnlistedGroup(click.Group):
    """The last line of defence: no Python traceback reaches the terminal. A file or folder that cannot
    be written ends the command with one line naming it (exit 5 for the data folder, 2 for a path the
    user gave); anything else unexpected with one line too (UNLISTED_DEBUG=1 shows the traceback)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort, EOFError):
            raise
        except OSError as exc:
            if exc.errno == errno.EPIPE or os.environ.get("UNLISTED_DEBUG") == "1":
                raise
            _end(*_os_error_words(ctx, exc))
        except Exception as exc:  # noqa: BLE001 - the point of this class
            from scanner.history.store import StoreError

            if os.environ.get("UNLISTED_DEBUG") == "1":
                raise
            if isinstance(exc, StoreError):     # the history cannot be opened: its message says why
                _end(str(exc), Exit.FAILED)
            _end(f"unexpected error ({type(exc).__name__}: {' '.join(str(exc).split())[:200]}). This is a bug in "
                 "unlisted: please report it; UNLISTED_DEBUG=1 shows the details", Exit.FAILED)


def _os_error_words(ctx: click.Context, exc: OSError) -> tuple[str, Exit]:
    from scanner.config import data_folder_message, folder_problem, make_config

    home = make_config((ctx.obj or {}).get("home")).home.absolute()
    if not isinstance(exc.filename, (str, os.PathLike)):   # e.g. the network: no file involved
        return f"could not finish: {folder_problem(exc)}", Exit.FAILED
    where = Path(exc.filename).absolute()
    if where == home or home in where.parents:
        return data_folder_message(home, exc), Exit.FAILED
    shown = where.with_name(re.sub(r"^\.(.+)\.\d+\.tmp$", r"\1", where.name))   # write_private's temp file
    return f"cannot write to {shown}: {folder_problem(exc)}", Exit.USAGE


def _end(message: str, code: Exit) -> None:
    from scanner.cli.common import fail     # one line on stderr (and the error event of `scan --progress json`)

    fail(message, code)


@click.group(cls=UnlistedGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="unlisted")
@click.option("--home", type=click.Path(file_okay=False), envvar="UNLISTED_HOME",
              help="Private data folder (history, reports, logs). Default: your platform's data folder.")
@click.pass_context
def main(ctx: click.Context, home: str | None) -> None:
    """Find where your home address and personal details are exposed online, and remove them.

    Everything runs and stays on this computer. Start with `unlisted demo`, then `unlisted init`.
    """
    os.umask(0o077)  # every file we create is private to the user
    ctx.ensure_object(dict)
    ctx.obj["home"] = home


def _register_commands() -> None:
    from scanner.cli.analyze import analyze
    from scanner.cli.app import app
    from scanner.cli.history import diff, history, rescan, schedule
    from scanner.cli.init import init
    from scanner.cli.optout import optout
    from scanner.cli.photos import photos
    from scanner.cli.scan import demo, report, scan, verdict
    from scanner.cli.sites import sites
    from scanner.cli.tasks import export, tasks

    for command in (init, scan, demo, report, verdict, analyze, sites, history, diff, rescan, schedule, photos,
                    tasks, optout, export, app):
        main.add_command(command)


_register_commands()


if __name__ == "__main__":  # pragma: no cover
    main()
