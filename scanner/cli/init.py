"""`unlisted init`: write the profile, from flags or by asking one question at a time."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from scanner.cli.common import cli_config, fail
from scanner.exitcodes import Exit


@click.command()
@click.option("--profile", "profile_path", type=click.Path(dir_okay=False), help="Where to write it. Default: profile.toml in the data folder.")
@click.option("--name", help="Your full name, e.g. \"Avery J. Quinlan\".")
@click.option("--alias", multiple=True, help="Another name you have used (repeatable).")
@click.option("--birth-date", help="YYYY-MM-DD.")
@click.option("--birth-year", type=int)
@click.option("--phone", multiple=True, help="A personal phone number (repeatable).")
@click.option("--email", multiple=True, help="A personal email address (repeatable).")
@click.option("--username", multiple=True, help="A social media username (repeatable).")
@click.option("--street", help="Home street address, e.g. \"4821 SE Larkspur Ct\".")
@click.option("--unit", help="Apartment or unit.")
@click.option("--city", help="Home city.")
@click.option("--state", help="Home state, two letters.")
@click.option("--zip", "postal_code", help="Home ZIP code.")
@click.option("--family", multiple=True, metavar="NAME:RELATION", help="A family member, e.g. \"Jordan Quinlan:spouse\" (repeatable).")
@click.option("--practice-name")
@click.option("--practice-domain", help="Your practice website's domain, e.g. quinlancounseling.com.")
@click.option("--npi", help="Your 10-digit NPI number.")
@click.option("--license-state")
@click.option("--license-number")
@click.option("--profession", type=click.Choice(["counseling", "mft", "social_work", "psychology", "other"]),
              help="Your licence's profession: picks the right licensing board.")
@click.option("--force", is_flag=True, help="Overwrite an existing profile.")
@click.pass_context
def init(ctx, profile_path, force, **fields) -> None:
    """Write your profile (asks questions, or takes everything from flags)."""
    from scanner.cli.profile_form import FIELDS, build_profile
    from scanner.profile import ProfileError, write_profile_file

    config = cli_config(ctx)
    path = Path(profile_path) if profile_path else config.home / "profile.toml"
    try:
        exists, problem = path.exists(), _unwritable(path)
    except OSError as exc:  # e.g. a name too long for the file system
        exists, problem = False, exc.strerror or str(exc)
    if exists and not force:
        fail(f"{path}: already exists (use --force to replace it)")
    if problem:
        _cannot_write(path, problem, config.home if profile_path is None else None)
    if not fields["name"]:
        given = [FIELDS[key][0] for key, value in fields.items() if value not in (None, "", ())]
        if given:
            fail(f"--name is required with {', '.join(given)} (or run `unlisted init` alone to answer questions)")
        if not sys.stdin.isatty():
            fail("--name is required when not answering questions interactively")
        from scanner.cli.prompts import prompt_profile_fields

        fields = prompt_profile_fields()
    try:
        profile = build_profile(fields, source=path.name)
    except ProfileError as exc:
        for line in exc.problems:
            click.echo(f"unlisted: {line}", err=True)
        sys.exit(int(Exit.USAGE))
    try:
        write_profile_file(path, profile)
    except OSError as exc:
        _cannot_write(path, exc.strerror or str(exc), config.home if profile_path is None else None)
    click.echo(f"Profile written to {path} (readable only by you).")
    click.echo(f"Next: unlisted scan --profile {path}")


def _cannot_write(path: Path, problem: str, data_folder: Path | None) -> None:
    """A path the user gave is a usage problem (exit 2); the default one is the data folder's (exit 5)."""
    from scanner.config import HOME_CHOICE

    if data_folder is None:
        fail(f"cannot write to {path}: {problem}", Exit.USAGE)
    fail(f"cannot write to the data folder {data_folder}: {problem} ({HOME_CHOICE})", Exit.FAILED)


def _unwritable(path: Path) -> str:
    """Why the profile could not be written there ("" if it can), checked before any question is asked."""
    folder = path.absolute().parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        return f"{folder} is a file, not a folder"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"the folder {folder} is read-only"
    return ""
