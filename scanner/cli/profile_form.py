"""A profile from command-line flags or typed answers, checked by the profile loader's own rules.

FIELDS is the one table from a flag to its place in the profile file: it builds the document that
scanner.profile.parse_profile checks, and it turns each problem's place back into the flag the user
typed (`--state: "Oregon" is not a two-letter US state code`, not `addresses[0].state: ...`).
Used by `unlisted init` (flags and questions) and by `unlisted scan`'s quick mode.
"""

from __future__ import annotations

import re
from typing import Any

from scanner.profile import SCHEMA, Profile, ProfileError, parse_profile

# click parameter -> (the flag the user types, its place in the profile file)
FIELDS: dict[str, tuple[str, str]] = {
    "name": ("--name", "person.name"),
    "alias": ("--alias", "person.aliases"),
    "birth_date": ("--birth-date", "person.birth_date"),
    "birth_year": ("--birth-year", "person.birth_year"),
    "phone": ("--phone", "person.phones"),
    "email": ("--email", "person.emails"),
    "username": ("--username", "person.usernames"),
    "street": ("--street", "addresses[0].street"),
    "unit": ("--unit", "addresses[0].unit"),
    "city": ("--city", "addresses[0].city"),
    "state": ("--state", "addresses[0].state"),
    "postal_code": ("--zip", "addresses[0].postal_code"),
    "family": ("--family", "family"),
    "practice_name": ("--practice-name", "practice.name"),
    "practice_domain": ("--practice-domain", "practice.domain"),
    "npi": ("--npi", "practice.npi"),
    "license_state": ("--license-state", "practice.license_state"),
    "license_number": ("--license-number", "practice.license_number"),
    "profession": ("--profession", "practice.profession"),
}
FAMILY_FORMAT = 'write it as NAME:RELATION, e.g. "Jordan Quinlan:spouse"'


def _given(value: Any) -> Any:
    """The value without empty entries; None when nothing is left."""
    if isinstance(value, (list, tuple)):
        items = [v.strip() for v in value if v and v.strip()]
        return items or None
    if isinstance(value, str):
        return value.strip() or None
    return value


def _document(fields: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The profile document for the given fields, and the problems found before checking it."""
    doc: dict[str, Any] = {"schema": SCHEMA, "person": {"name": _given(fields.get("name")) or ""}}
    early: list[tuple[str, str]] = []
    for key, (flag, place) in FIELDS.items():
        value = _given(fields.get(key))
        if value is None or key in ("name", "family"):
            continue
        table, _, field = place.rpartition(".")
        target = doc.setdefault("addresses", [{"kind": "home"}])[0] if table == "addresses[0]" else doc.setdefault(table, {})
        target[field] = value
    family = []
    for item in _given(fields.get("family")) or ():
        name, sep, relation = item.rpartition(":")
        if not sep:
            early.append(("--family", f'"{item}": {FAMILY_FORMAT}'))
            continue
        family.append({"name": name.strip(), "relation": relation.strip().lower()})
    if family:
        doc["family"] = family
    return doc, early


def _flag_of(place: str) -> str:
    for flag, where in FIELDS.values():
        if place == where or place.startswith((where + "[", where + ".")):
            return flag
    return ""


def problems_by_flag(fields: dict[str, Any], source: str = "command line") -> tuple[Profile | None, list[tuple[str, str]]]:
    """(the profile or None, [(flag, what is wrong)]) for the given flag values."""
    doc, problems = _document(fields)
    try:
        profile = parse_profile(doc, source=source)
    except ProfileError as exc:
        for line in exc.problems:
            place, _, message = line.removeprefix(f"{source}: ").partition(": ")
            flag = _flag_of(place)
            if flag and message == "is required" and place.startswith("addresses[0]."):
                message = "is required too: a home address needs --city and --state"
            problems.append((flag, message) if flag else ("", line))
        return None, problems
    return (None, problems) if problems else (profile, [])


def say(flag: str, message: str) -> str:
    """One problem as one line that starts with the flag."""
    if not flag:
        return message
    return f"{flag} {message}" if message.startswith(("is required", "must not be empty")) else f"{flag}: {message}"


def build_profile(fields: dict[str, Any], source: str = "command line") -> Profile:
    """The profile from flag values; raises ProfileError whose every line names the flag and the value."""
    profile, problems = problems_by_flag(fields, source)
    if profile is None:
        lines = []
        for flag, message in problems:
            year = str(fields.get("birth_date") or "").strip()
            if flag == "--birth-date" and re.fullmatch(r"\d{4}", year):
                message += f" (for the year alone use --birth-year {year})"
            lines.append(say(flag, message))
        raise ProfileError(lines)
    return profile


def check_answer(key: str, value: Any) -> str:
    """What is wrong with one answer by the profile's own rules ("" when nothing is)."""
    fields = {"name": "Answer Check", key: value}
    if key in ("city", "state", "street", "unit", "postal_code"):
        fields = {"city": "Answer City", "state": "OR", **fields}
    flag = FIELDS[key][0]
    _, problems = problems_by_flag(fields, "answer")
    return next((message for f, message in problems if f == flag), "")
