"""`unlisted app`: the same work in a window of your own browser, served on this computer only."""

from __future__ import annotations

import click

from scanner.cli.common import cli_config, fail
from scanner.exitcodes import Exit


@click.command()
@click.option("--no-open", "no_open", is_flag=True, help="Do not open the browser: print the address only.")
@click.option("--port", type=click.IntRange(0, 65535), default=0, show_default=True,
              help="The port on 127.0.0.1 to serve on (0: any free one).")
@click.option("--sandbox", is_flag=True, help="Scans from the app search the built-in simulated web.")
@click.option("--auto", is_flag=True, help="With --sandbox only: \"Do it for me\" plays your part on the simulated web.")
@click.pass_context
def app(ctx, no_open, port, sandbox, auto) -> None:
    """Open unlisted in your web browser: profile, scan, plan and findings, on this computer only.

    The first line printed is the address to open; it signs you in once. Ctrl-C stops the app.
    """
    from scanner.app.server import serve
    from scanner.config import ensure_private_dir

    if auto and not sandbox:
        fail("--auto plays your part only on the simulated web: use it with --sandbox")
    config = cli_config(ctx)
    try:
        ensure_private_dir(config.home)
    except OSError as exc:
        from scanner.config import data_folder_message

        fail(data_folder_message(config.home, exc), Exit.FAILED)
    try:
        serve(config, port, open_browser=not no_open, sandbox=sandbox, say=lambda text: click.echo(text),
              auto=auto)
    except OSError as exc:
        fail(f"--port {port}: cannot serve there ({exc.strerror or exc})")
    except KeyboardInterrupt:
        pass
    click.echo("The app has stopped.")
