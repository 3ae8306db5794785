"""`unlisted init`: write the profile, from flags or by asking one question at a time."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

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
    from scanner.profile import build_profile_doc, write_profile_file

    config = cli_config(ctx)
    path = Path(profile_path) if profile_path else config.home / "profile.toml"
    if path.exists() and not force:
        fail(f"{path}: already exists (use --force to replace it)")
    if not fields["name"]:
        if not sys.stdin.isatty():
            fail("--name is required when not answering questions interactively")
        fields = prompt_profile_fields()
    try:
        profile = build_profile_doc(fields, source=path.name)
    except ValueError as exc:
        for line in str(exc).splitlines():
            click.echo(line, err=True)
        sys.exit(int(Exit.USAGE))
    write_profile_file(path, profile)
    click.echo(f"Profile written to {path} (readable only by you).")
    click.echo(f"Next: unlisted scan --profile {path}")


def prompt_profile_fields() -> dict[str, Any]:
    """Ask for the profile, one question at a time; empty answers skip optional fields."""
    click.echo("Your details stay on this computer. Press Enter to skip anything optional.\n")
    ask = lambda text, **kw: click.prompt(text, default="", show_default=False, **kw).strip()  # noqa: E731
    fields: dict[str, Any] = {"name": click.prompt("Your full name (as sites would list it)").strip()}
    fields["alias"] = [a.strip() for a in ask("Other names you have used (comma-separated)").split(",") if a.strip()]
    fields["birth_date"] = ask("Birth date (YYYY-MM-DD)")
    fields["phone"] = [p.strip() for p in ask("Personal phone numbers (comma-separated)").split(",") if p.strip()]
    fields["email"] = [e.strip() for e in ask("Personal email addresses (comma-separated)").split(",") if e.strip()]
    fields["street"] = ask("Home street address (e.g. 4821 SE Larkspur Ct)")
    fields["unit"] = ask("Apartment or unit")
    fields["city"] = ask("Home city")
    fields["state"] = ask("Home state (two letters, e.g. OR)")
    fields["postal_code"] = ask("Home ZIP code")
    family = []
    while True:
        name = ask("A family member's full name (Enter when done)")
        if not name:
            break
        relation = click.prompt("  Relation", type=click.Choice(["spouse", "partner", "child", "parent", "sibling", "other"]))
        family.append(f"{name}:{relation}")
    fields["family"] = family
    fields["practice_domain"] = ask("Your practice website's domain (e.g. quinlancounseling.com)")
    fields["npi"] = ask("Your NPI number")
    return fields
