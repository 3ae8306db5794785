"""`unlisted init`: a profile from flags or questions, validated, written 0600."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from scanner.config import write_private
from scanner.profile import SCHEMA, Profile, ProfileError, parse_profile, profile_to_doc


def _listify(values) -> list[str]:
    return [v for v in (values or ()) if v]


def build_profile_doc(fields: dict[str, Any], source: str) -> Profile:
    """Validate flag values as a profile; raises ValueError with one problem per line."""
    person: dict[str, Any] = {"name": fields.get("name") or ""}
    for flag, key in (("alias", "aliases"), ("phone", "phones"), ("email", "emails"), ("username", "usernames")):
        if _listify(fields.get(flag)):
            person[key] = _listify(fields.get(flag))
    if fields.get("birth_date"):
        person["birth_date"] = fields["birth_date"]
    if fields.get("birth_year"):
        person["birth_year"] = fields["birth_year"]
    doc: dict[str, Any] = {"schema": SCHEMA, "person": person}
    if fields.get("city") or fields.get("state") or fields.get("street"):
        home = {"kind": "home"}
        for flag, key in (("street", "street"), ("unit", "unit"), ("city", "city"), ("state", "state"), ("postal_code", "postal_code")):
            if fields.get(flag):
                home[key] = fields[flag]
        doc["addresses"] = [home]
    family = []
    for i, item in enumerate(_listify(fields.get("family"))):
        name, sep, relation = item.rpartition(":")
        if not sep:
            raise ValueError(f'--family "{item}": write it as NAME:RELATION, e.g. "Jordan Quinlan:spouse"')
        family.append({"name": name.strip(), "relation": relation.strip().lower()})
    if family:
        doc["family"] = family
    practice = {k: fields[f] for f, k in (("practice_name", "name"), ("practice_domain", "domain"), ("npi", "npi"),
                                         ("license_state", "license_state"), ("license_number", "license_number"),
                                         ("profession", "profession"))
                if fields.get(f)}
    if practice:
        doc["practice"] = practice
    try:
        return parse_profile(doc, source=source)
    except ProfileError as exc:
        raise ValueError("\n".join(exc.problems)) from None


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


def write_profile_file(path: Path, profile: Profile) -> Path:
    import tomli_w

    text = "# unlisted profile - see README.md for every field. Keep this file private.\n"
    text += tomli_w.dumps(profile_to_doc(profile))
    return write_private(path, text)
