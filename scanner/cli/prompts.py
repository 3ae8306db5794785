"""`unlisted init`'s questions: one at a time, each answer checked as it is typed.

A wrong answer gets one line saying what is wrong and the same question again; the answers before it
are kept. Enter skips every optional question. The checks are the profile loader's own rules
(scanner.cli.profile_form.check_answer), never a second copy of them.
"""

from __future__ import annotations

import re
from typing import Any, Callable

import click

from scanner.cli.profile_form import check_answer
from scanner.profile import PROFESSIONS, RELATIONS, state_code


def _site_counts() -> dict[str, int]:
    """How many catalog sites search by each field, and how many username sites there are ({} if unreadable)."""
    from spiders.catalog import CatalogError, default_catalog
    from spiders.usernames import UsernameDataError, load_sites

    try:
        catalog = default_catalog()
        counts = {field: sum(1 for s in catalog if any(field in t.needs for t in s.searches))
                  for field in ("birth_year", "phone", "email")}
        return {**counts, "sites": len(catalog), "usernames": len(load_sites())}
    except (CatalogError, UsernameDataError, OSError, ValueError):
        return {}


def _why(counts: dict[str, int]) -> dict[str, str]:
    """A few words on why each optional answer helps (real numbers from the catalog when it can be read)."""
    def n(key: str, text: str, fallback: str) -> str:
        return text.format(counts[key], counts["sites"]) if counts.get(key) else fallback

    return {
        "alias": "sites list people under earlier names too",
        "birth_date": n("birth_year", "{} of the {} sites in the catalog search by age", "many sites search by age"),
        "birth_year": "enough for the sites that search by age",
        "phone": n("phone", "{} sites look people up by phone; it also confirms listings are yours",
                   "it confirms listings are yours"),
        "email": n("email", "{} sites look people up by email; it also confirms listings are yours",
                   "it confirms listings are yours"),
        "username": n("usernames", "checked on {} sites, Facebook and Instagram among them, for accounts under these names",
                      "checked on many sites for accounts under these names"),
        "city": "people-search sites search by name and town; Enter skips your home address",
        "street": "lets the report recognise your home address in listings",
        "family": "sites list relatives, and their listings often show your address",
        "practice_name": "kept with your profile",
        "practice_domain": "your site and its domain records (WHOIS) are checked for your home address",
        "npi": "the public NPI Registry lists an address under it, and many sites copy it",
        "license_state": "the state whose board licensed you: its public lookup is checked",
        "license_number": "finds your entry in the licensing board's lookup",
        "profession": "picks the right licensing board",
    }


def ask(question: str, key: str = "", why: str = "", required: bool = False, default: str = "",
        convert: Callable[[str], Any] = str, hint: Callable[[str], str] = lambda answer: "") -> Any:
    """One question until the answer passes the profile's rules; "" when an optional one is skipped.

    ``why`` (a few words on why the answer helps) is shown once above the question; ``default`` is what Enter gives (the question says so); ``convert`` turns the typed text into the
    value checked and returned; ``hint`` may add a few words to the problem line."""
    if why:
        click.echo(click.style(f"  ({why})", dim=True))
    while True:
        answer = click.prompt(question, default=default, show_default=False).strip()
        if not answer:
            if not required:
                return ""
            click.echo("  This one is needed.")
            continue
        value = convert(answer)
        problem = check_answer(key, value) if key else ""
        if not problem:
            return value
        click.echo(f"  {problem}{hint(answer)}; please try again.")


def _items(text: str) -> list[str]:
    return [t.strip() for t in text.split(",") if t.strip()]


def _listed(question: str, key: str, why: str) -> list[str]:
    return ask(question, key, why, convert=_items) or []


def _year(text: str) -> Any:
    return int(text) if text.isdigit() else text


def _state(text: str) -> str:
    return state_code(text) or text


def prompt_profile_fields() -> dict[str, Any]:
    """Ask for the profile, one question at a time; Enter skips every optional question."""
    why = _why(_site_counts())
    click.echo("Your details stay on this computer. Press Enter to skip anything optional.\n")
    fields: dict[str, Any] = {"name": ask("Your full name (as sites would list it)", "name", required=True)}
    fields["alias"] = _listed("Other names you have used (comma-separated)", "alias", why["alias"])
    fields["birth_date"] = ask("Birth date, YYYY-MM-DD", "birth_date", why["birth_date"], hint=lambda a: (
        f" (only the year? press Enter here and give {a} at the next question)" if re.fullmatch(r"\d{4}", a) else ""))
    if not fields["birth_date"]:
        fields["birth_year"] = ask("Birth year (if you'd rather not give the full date)", "birth_year",
                                   why["birth_year"], convert=_year) or None
    fields["phone"] = _listed("Personal phone numbers (comma-separated)", "phone", why["phone"])
    fields["email"] = _listed("Personal email addresses (comma-separated)", "email", why["email"])
    fields["username"] = _listed("Social media usernames (comma-separated)", "username", why["username"])
    fields["city"] = ask("Home city", "city", why["city"])
    if fields["city"]:
        fields["state"] = ask("Home state (e.g. OR)", "state", required=True, convert=_state)
        fields["street"] = ask("Home street address (e.g. 4821 SE Larkspur Ct)", "street", why["street"])
        fields["unit"] = ask("Apartment or unit", "unit")
        fields["postal_code"] = ask("Home ZIP code", "postal_code")
    fields["family"] = _family(why["family"])
    click.echo("\nYour practice (Enter skips each):")
    fields["practice_name"] = ask("Practice name", "practice_name", why["practice_name"])
    fields["practice_domain"] = ask("Practice website domain (e.g. quinlancounseling.com)", "practice_domain",
                                    why["practice_domain"], convert=str.lower)
    fields["npi"] = ask("NPI number (10 digits)", "npi", why["npi"])
    fields["license_state"] = ask("Licence state (two letters)", "license_state", why["license_state"], convert=_state)
    fields["license_number"] = ask("Licence number", "license_number", why["license_number"])
    fields["profession"] = ask(f"Profession ({', '.join(PROFESSIONS)})", "profession", why["profession"],
                               convert=str.lower)
    return fields


def _family(why: str) -> list[str]:
    """Family members as NAME:RELATION; Enter at the name ends the list, Enter at the relation means "other"."""
    family: list[str] = []
    while True:
        name = ask("A family member's full name (Enter when done)", "family", why, convert=lambda n: [f"{n}:other"])
        if not name:
            return family
        person = name[0].rpartition(":")[0]
        member = ask(f"  {person}'s relation to you ({', '.join(RELATIONS)}; Enter for other)", "family",
                     default="other", convert=lambda r: [f"{person}:{r.lower()}"])
        family.append(member[0])
        why = ""
