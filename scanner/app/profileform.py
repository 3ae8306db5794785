"""The first-run profile form of the local web app: its fields, the values it shows, reading what it sends.

Pure logic, no web code and no disk. SECTIONS describes the form for a template; values_from_profile
fills it in; read_form builds the same document `unlisted init` writes, checks it by the profile
loader's own rules (scanner.profile.parse_profile) and turns each problem's place in the file
(`addresses[0].state`) back into the form field it came from (`address-0-state`).

Field names: the person's by their profile key (`name`, `aliases`, ...), then `address-N-KEY`,
`family-N-KEY`, `practice-KEY`. Address rows carry lat/lon too (used to spot photos taken at home), so
editing a profile here keeps them. left_out() says what a profile too big for the form's rows would lose.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from scanner.profile import ADDRESS_KINDS, PROFESSIONS, RELATIONS, SCHEMA, US_STATES, Profile, ProfileError, parse_profile

SOURCE = "form"
ADDRESS_ROWS = 3
FAMILY_ROWS = 4
MAX_VALUE = 500          # characters in one submitted value; longer is an error on that field
KINDS = ("text", "textarea", "select", "date")

PERSON_KEYS = ("name", "aliases", "birth_date", "birth_year", "phones", "emails", "usernames")
ADDRESS_KEYS = ("kind", "street", "unit", "city", "state", "postal_code", "lat", "lon")
FAMILY_KEYS = ("name", "relation", "city", "usernames", "birth_year")
PRACTICE_KEYS = ("name", "domain", "npi", "license_state", "license_number", "profession")


@dataclass(frozen=True)
class Field:
    name: str                                     # the HTML form field name
    label: str
    kind: str                                     # text | textarea (one value per line) | select | date
    hint: str = ""
    options: tuple[tuple[str, str], ...] = ()     # a select's (value, label) pairs; value "" = not chosen
    required: bool = False


@dataclass(frozen=True)
class Section:
    title: str
    hint: str
    groups: tuple[tuple[str, tuple[Field, ...]], ...]   # (sub-heading or "", its fields): one per row

    @property
    def fields(self) -> tuple[Field, ...]:
        return tuple(field for _, fields in self.groups for field in fields)


def _choices(values: tuple[str, ...], words: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    return (("", "(choose)"),) + tuple((v, words.get(v) or v.replace("_", " ").capitalize()) for v in values)


_STATES = (("", "(choose)"),) + tuple((code, f"{name} ({code})") for code, name in sorted(US_STATES.items(), key=lambda kv: kv[1]))
_KIND_CHOICES = _choices(ADDRESS_KINDS, {"home": "Home (where you live now)", "previous": "A previous home",
                                         "practice": "Your practice or office", "mailing": "Mailing address (such as a PO box)"})
_PROFESSION_CHOICES = _choices(PROFESSIONS, {"counseling": "Counselor (LPC/LMHC)", "mft": "Marriage and family therapist",
                                             "social_work": "Clinical social worker", "psychology": "Psychologist", "other": "Other"})


def _address_row(i: int) -> tuple[Field, ...]:
    p = f"address-{i}-"
    return (
        Field(p + "kind", "What this address is", "select", options=_KIND_CHOICES),
        Field(p + "street", "Street and number", "text", "e.g. 4821 SE Larkspur Ct"),
        Field(p + "unit", "Apartment or suite", "text", "e.g. Apt 3 (leave empty if none)"),
        Field(p + "city", "City", "text"),
        Field(p + "state", "State", "select", options=_STATES),
        Field(p + "postal_code", "ZIP code", "text", "e.g. 97206"),
        Field(p + "lat", "Latitude (optional)", "text",
              "Only used to spot your photos taken at this address, e.g. 45.4871. Leave empty if you don't know it."),
        Field(p + "lon", "Longitude (optional)", "text", "Goes with the latitude, e.g. -122.6012."),
    )


def _family_row(i: int) -> tuple[Field, ...]:
    p = f"family-{i}-"
    return (
        Field(p + "name", "Full name", "text", "First and last name"),
        Field(p + "relation", "Who they are to you", "select", options=_choices(RELATIONS, {})),
        Field(p + "city", "City they live in", "text", "Optional"),
        Field(p + "usernames", "Their usernames on social media (one per line)", "textarea", "Optional, without the @"),
        Field(p + "birth_year", "Year of birth", "text", "Optional, e.g. 1982"),
    )


SECTIONS: tuple[Section, ...] = (
    Section("You", "Only what you give here is searched for; it stays on this computer.", (("", (
        Field("name", "Your full name", "text", "First and last name, as clients and websites know you", required=True),
        Field("aliases", "Other names you have used (one per line)", "textarea", "Maiden name, nicknames, a name with a middle initial"),
        Field("birth_date", "Date of birth", "date", "Optional. To give only the year, leave this empty and fill in the year of birth."),
        Field("birth_year", "Year of birth", "text", "Optional, e.g. 1984. Sites show ages: this tells you apart from namesakes."),
        Field("phones", "Your phone numbers (one per line)", "textarea", "e.g. (503) 555-0147"),
        Field("emails", "Your email addresses (one per line)", "textarea", "e.g. avery@example.com"),
        Field("usernames", "Your usernames on social media and other sites (one per line)", "textarea", "Without the @"),
    )),)),
    Section("Your addresses", "Your home first; add a previous home, your office or a mailing address if you like. "
            "Leave a row empty to skip it.", tuple((f"Address {i + 1}", _address_row(i)) for i in range(ADDRESS_ROWS))),
    Section("Family", "The people close to you whose listings can lead to you. Leave a row empty to skip it.",
            tuple((f"Family member {i + 1}", _family_row(i)) for i in range(FAMILY_ROWS))),
    Section("Your practice", "All optional: it lets the scan check provider directories and your own website.", (("", (
        Field("practice-name", "Name of your practice", "text", "e.g. Quinlan Counseling"),
        Field("practice-domain", "Your practice's website", "text", "Just the name, e.g. quinlancounseling.com (no https://)"),
        Field("practice-npi", "NPI number", "text", "10 digits; leave empty if you don't have one"),
        Field("practice-license_state", "State of your license", "select", options=_STATES),
        Field("practice-license_number", "License number", "text"),
        Field("practice-profession", "Your profession", "select", options=_PROFESSION_CHOICES),
    )),)),
)
FIELD_NAMES: tuple[str, ...] = tuple(f.name for s in SECTIONS for f in s.fields)

_REQUIRED = MappingProxyType({
    "name": "Please enter the full name, first and last.",
    "kind": "Please choose what this address is.", "relation": "Please choose who this person is to you.",
    "city": "Please enter the city: an address needs a city and a state.",
    "state": "Please choose the state: an address needs a city and a state.",
})
_PLACE = re.compile(r"(person|practice)\.(\w+)|(addresses|family)\[(\d+)\]\.(\w+)")
_YEAR = re.compile(r"[0-9]{1,9}")
_DECIMAL = re.compile(r"[-+]?[0-9]{1,3}(\.[0-9]{1,15})?")


def _shown(value: Any) -> str:
    """One profile value as the form shows it: a list one item per line, a float exactly."""
    if isinstance(value, tuple):
        return "\n".join(value)
    if isinstance(value, float):
        return repr(value)
    return "" if value is None else value.isoformat() if hasattr(value, "isoformat") else str(value)


def values_from_profile(profile: Profile | None) -> dict[str, str]:
    """Every field name -> the value the form shows (lists one per line); None gives the empty form."""
    values = dict.fromkeys(FIELD_NAMES, "")
    values["address-0-kind"] = "home"
    if profile is None:
        return values
    values.update({key: _shown(getattr(profile.person, key)) for key in PERSON_KEYS})
    for i, address in enumerate(profile.addresses[:ADDRESS_ROWS]):
        values.update({f"address-{i}-{key}": _shown(getattr(address, key)) for key in ADDRESS_KEYS})
    for i, member in enumerate(profile.family[:FAMILY_ROWS]):
        values.update({f"family-{i}-{key}": _shown(getattr(member, key)) for key in FAMILY_KEYS})
    if profile.practice:
        values.update({f"practice-{key}": _shown(getattr(profile.practice, key)) for key in PRACTICE_KEYS})
    return values


def left_out(profile: Profile) -> list[str]:
    """Plain sentences on what of this profile the form has no room for (saving the form would drop it)."""
    out = []
    for count, rows, what in ((len(profile.addresses), ADDRESS_ROWS, "addresses"), (len(profile.family), FAMILY_ROWS, "family members")):
        if count > rows:
            out.append(f"Your profile has {count} {what}; this form has room for {rows}. "
                       f"Saving it would remove the others: edit profile.toml by hand instead.")
    return out


def _value(key: str, text: str) -> Any:
    """A trimmed form value as the profile file holds it; a number that does not parse stays text."""
    if key in ("aliases", "phones", "emails", "usernames"):        # textareas: one value per line
        return [line.strip() for line in text.splitlines() if line.strip()]
    if key == "birth_year" and _YEAR.fullmatch(text):
        return int(text)
    return float(text) if key in ("lat", "lon") and _DECIMAL.fullmatch(text) else text


def _table(values: Mapping[str, str], prefix: str, keys: tuple[str, ...]) -> dict[str, Any]:
    return {key: _value(key, values[prefix + key]) for key in keys if values[prefix + key]}


def _document(values: Mapping[str, str]) -> tuple[dict[str, Any], list[int], list[int]]:
    """The profile document, and the form row of each [[addresses]] and [[family]] table in it."""
    doc: dict[str, Any] = {"schema": SCHEMA, "person": {"name": values["name"], **_table(values, "", PERSON_KEYS[1:])}}
    address_rows = [i for i in range(ADDRESS_ROWS) if set(_table(values, f"address-{i}-", ADDRESS_KEYS)) - {"kind"}]
    family_rows = [i for i in range(FAMILY_ROWS) if _table(values, f"family-{i}-", FAMILY_KEYS)]
    if address_rows:
        doc["addresses"] = [_table(values, f"address-{i}-", ADDRESS_KEYS) for i in address_rows]
    if family_rows:
        doc["family"] = [_table(values, f"family-{i}-", FAMILY_KEYS) for i in family_rows]
    if practice := _table(values, "practice-", PRACTICE_KEYS):
        doc["practice"] = practice
    return doc, address_rows, family_rows


def _field_of(place: str, address_rows: list[int], family_rows: list[int]) -> str:
    """The form field a problem's place in the file comes from ("" when none)."""
    m = _PLACE.match(place)
    if not m:
        return ""
    if m[1]:
        name = m[2] if m[1] == "person" else f"practice-{m[2]}"
    else:
        rows, prefix = (address_rows, "address") if m[3] == "addresses" else (family_rows, "family")
        index = int(m[4])
        name = f"{prefix}-{rows[index]}-{m[5]}" if index < len(rows) else ""
    return name if name in FIELD_NAMES else ""


def _plain(field: str, message: str, values: Mapping[str, str]) -> str:
    """The loader's message in words for the person looking at that field."""
    key = field.rpartition("-")[2]
    if message in ("is required", "must not be empty"):
        return _REQUIRED.get(key, "Please fill this in.")
    if message == "is required when the other coordinate is given":
        return "Please give both the latitude and the longitude, or neither."
    if message.startswith(("is ", "must ", "contains ")):
        message = "This " + message
    if field == "birth_date" and re.fullmatch(r"\d{4}", values["birth_date"]):
        message += " (for the year alone, use Year of birth)"
    return message


def read_form(form: Mapping[str, str]) -> tuple[Profile | None, dict[str, str]]:
    """(the profile, {}) or (None, {field name, or "" for the form's top: one plain message}).

    Only the form's own fields are read (a CSRF token or any other key is ignored); nothing is written.
    """
    values: dict[str, str] = {}
    errors: dict[str, str] = {}
    for name in FIELD_NAMES:
        raw = form.get(name)
        text = "" if raw is None else raw if isinstance(raw, str) else str(raw)
        if len(text) > MAX_VALUE:
            errors[name] = f"This is too long ({len(text)} characters, at most {MAX_VALUE})."
            text = ""
        values[name] = text.strip()
    too_long = set(errors)
    doc, address_rows, family_rows = _document(values)
    try:
        profile = parse_profile(doc, source=SOURCE)
    except ProfileError as exc:
        for line in exc.problems:
            place, _, message = line.removeprefix(f"{SOURCE}: ").partition(": ")
            field = _field_of(place, address_rows, family_rows)
            if field in too_long:
                continue
            text = _plain(field, message, values) if field else f"{place}: {message}"
            if field not in errors:
                errors[field] = text
            elif text not in errors[field]:
                errors[field] += f" {text}" if errors[field].endswith(".") else f"; {text}"
        return None, errors
    return (None, errors) if errors else (profile, {})
