"""The `unlisted` command. Each command parses options, calls one service function, prints.

Heavy imports (Scrapy, Jinja2, the detection engine) happen inside commands so that
`unlisted --help` stays fast.
"""

from __future__ import annotations

import os

import click

from scanner import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
    from scanner.cli.history import diff, history, rescan, schedule
    from scanner.cli.init import init
    from scanner.cli.photos import photos
    from scanner.cli.scan import demo, report, scan, verdict
    from scanner.cli.sites import sites
    from scanner.cli.tasks import export, tasks

    for command in (init, scan, demo, report, verdict, analyze, sites, history, diff, rescan, schedule, photos,
                    tasks, export):
        main.add_command(command)


_register_commands()


if __name__ == "__main__":  # pragma: no cover
    main()
