"""The user's profile: a strictly validated TOML file (schema 1).

Every problem is reported as ``FILE: field.path: what is wrong``; loading never
touches the network, the clock or the home folder.
"""

from __future__ import annotations

import datetime as _dt
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scanner.strict import Checker, describe

SCHEMA = 1

US_STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon",
    "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia",
    "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
    "PR": "Puerto Rico", "GU": "Guam", "VI": "U.S. Virgin Islands", "AS": "American Samoa",
    "MP": "Northern Mariana Islands",
}
ADDRESS_KINDS = ("home", "previous", "practice", "mailing")
RELATIONS = ("spouse", "partner", "child", "parent", "sibling", "other")
PROFESSIONS = ("counseling", "mft", "social_work", "psychology", "other")


def state_code(text: str) -> str:
    """The two-letter code for a state written as its code or its full name, any case; "" if neither."""
    text = " ".join(text.split())
    if text.upper() in US_STATES:
        return text.upper()
    return next((code for code, name in US_STATES.items() if name.lower() == text.lower()), "")


class ProfileError(ValueError):
    """One or more problems in a profile; ``problems`` holds one line each."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Address:
    kind: str
    street: str
    city: str
    state: str
    postal_code: str = ""
    unit: str = ""
    lat: float | None = None
    lon: float | None = None

    def one_line(self) -> str:
        street = f"{self.street} {self.unit}".strip()
        tail = f"{self.state} {self.postal_code}".strip()
        return ", ".join(p for p in (street, self.city, tail) if p)


@dataclass(frozen=True)
class Person:
    name: str
    aliases: tuple[str, ...] = ()
    birth_date: _dt.date | None = None
    birth_year: int | None = None
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    usernames: tuple[str, ...] = ()


@dataclass(frozen=True)
class FamilyMember:
    name: str
    relation: str
    birth_year: int | None = None
    usernames: tuple[str, ...] = ()
    city: str = ""


@dataclass(frozen=True)
class Practice:
    name: str = ""
    domain: str = ""
    npi: str = ""
    license_state: str = ""
    license_number: str = ""
    profession: str = ""        # counseling | mft | social_work | psychology | other: picks the licensing board


@dataclass(frozen=True)
class Profile:
    person: Person
    addresses: tuple[Address, ...] = ()
    family: tuple[FamilyMember, ...] = ()
    practice: Practice | None = None
    source: str = "<profile>"

    @property
    def home_addresses(self) -> tuple[Address, ...]:
        return tuple(a for a in self.addresses if a.kind == "home")

    @property
    def birth_year(self) -> int | None:
        if self.person.birth_date:
            return self.person.birth_date.year
        return self.person.birth_year

    def search_locations(self) -> list[tuple[str, str]]:
        """(city, state) pairs to search by: home first, then the other addresses."""
        seen: list[tuple[str, str]] = []
        for kind in ("home", "previous", "mailing", "practice"):
            for a in self.addresses:
                pair = (a.city, a.state)
                if a.kind == kind and a.city and pair not in seen:
                    seen.append(pair)
        return seen


class _Checker(Checker):
    """The shared strict reader plus the profile's own value types."""

    def year(self, table: dict, key: str, path: str) -> int | None:
        if key not in table:
            return None
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2100:
            self.fail(f"{path}.{key}" if path else key, f"{describe(value)} is not a year like 1984")
            return None
        return value

    def state(self, table: dict, key: str, path: str, required: bool) -> str:
        value = self.text(table, key, path, required=required)
        if value and value.upper() not in US_STATES:
            code = state_code(value)
            hint = f" (for {US_STATES[code]} write {code})" if code else ""
            self.fail(f"{path}.{key}", f'"{value}" is not a two-letter US state code{hint}')
            return ""
        return value.upper()

    def coordinate(self, table: dict, key: str, path: str, limit: float) -> float | None:
        if key not in table:
            return None
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not -limit <= value <= limit:
            self.fail(f"{path}.{key}", f"{describe(value)} is not a number between -{limit:g} and {limit:g}")
            return None
        return float(value)


_PHONE_CHARS = re.compile(r"^[0-9+().\-\s/extEXT#]+$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_USERNAME = re.compile(r"^[A-Za-z0-9._\-]{1,64}$")
_ZIP = re.compile(r"^\d{5}(-\d{4})?$")
_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$")


def _person(c: _Checker, raw: Any) -> Person:
    t = c.table(raw, "person", {"name", "aliases", "birth_date", "birth_year", "phones", "emails", "usernames"}, {"name"})
    name = c.text(t, "name", "person", required=True)
    if name and len(name.split()) < 2:
        c.fail("person.name", f'"{name}" needs a first and a last name')
    birth_date = None
    if "birth_date" in t:
        value = t["birth_date"]
        if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
            birth_date = value
        elif isinstance(value, str):
            try:
                birth_date = _dt.date.fromisoformat(value)
            except ValueError:
                c.fail("person.birth_date", f'"{value}" is not a date like 1984-03-17')
        else:
            c.fail("person.birth_date", f"{describe(value)} is not a date like 1984-03-17")
    birth_year = c.year(t, "birth_year", "person")
    if birth_date and birth_year and birth_date.year != birth_year:
        c.fail("person.birth_year", f"{birth_year} disagrees with birth_date {birth_date.isoformat()}")
    phones = c.texts(t, "phones", "person")
    for i, phone in enumerate(phones):
        digits = re.sub(r"\D", "", phone.split("x")[0])
        if not _PHONE_CHARS.match(phone) or not 10 <= len(digits) <= 15:
            c.fail(f"person.phones[{i}]", f'"{phone}" is not a phone number like (503) 555-0147')
    emails = c.texts(t, "emails", "person")
    for i, email in enumerate(emails):
        if not _EMAIL.match(email):
            c.fail(f"person.emails[{i}]", f'"{email}" is not an email address')
    usernames = c.texts(t, "usernames", "person")
    for i, user in enumerate(usernames):
        if not _USERNAME.match(user.lstrip("@")):
            c.fail(f"person.usernames[{i}]", f'"{user}" is not a username (letters, digits, . _ -)')
    return Person(
        name=name,
        aliases=c.texts(t, "aliases", "person"),
        birth_date=birth_date,
        birth_year=birth_year,
        phones=phones,
        emails=tuple(e.lower() for e in emails),
        usernames=tuple(u.lstrip("@") for u in usernames),
    )


def _address(c: _Checker, raw: Any, path: str) -> Address | None:
    t = c.table(raw, path, {"kind", "street", "unit", "city", "state", "postal_code", "lat", "lon"}, {"kind", "city", "state"})
    kind = c.text(t, "kind", path)
    if kind and kind not in ADDRESS_KINDS:
        c.fail(f"{path}.kind", f'"{kind}" is not one of {", ".join(ADDRESS_KINDS)}')
    postal = c.text(t, "postal_code", path)
    if postal and not _ZIP.match(postal):
        c.fail(f"{path}.postal_code", f'"{postal}" is not a ZIP code like 97232 or 97232-1234')
    lat = c.coordinate(t, "lat", path, 90)
    lon = c.coordinate(t, "lon", path, 180)
    if ("lat" in t) != ("lon" in t):
        c.fail(f"{path}.{'lon' if 'lat' in t else 'lat'}", "is required when the other coordinate is given")
    return Address(
        kind=kind,
        street=c.text(t, "street", path),
        unit=c.text(t, "unit", path),
        city=c.text(t, "city", path, required=True),
        state=c.state(t, "state", path, required=True),
        postal_code=postal,
        lat=lat,
        lon=lon,
    )


def _family(c: _Checker, raw: Any, path: str) -> FamilyMember:
    t = c.table(raw, path, {"name", "relation", "birth_year", "usernames", "city"}, {"name", "relation"})
    relation = c.text(t, "relation", path)
    if relation and relation not in RELATIONS:
        c.fail(f"{path}.relation", f'"{relation}" is not one of {", ".join(RELATIONS)}')
    name = c.text(t, "name", path, required=True)
    if name and len(name.split()) < 2:
        c.fail(f"{path}.name", f'"{name}" needs a first and a last name')
    return FamilyMember(
        name=name,
        relation=relation,
        birth_year=c.year(t, "birth_year", path),
        usernames=c.texts(t, "usernames", path),
        city=c.text(t, "city", path),
    )


def _practice(c: _Checker, raw: Any) -> Practice:
    t = c.table(raw, "practice", {"name", "domain", "npi", "license_state", "license_number", "profession"})
    domain = c.text(t, "domain", "practice").lower()
    if domain and not _DOMAIN.match(domain):
        c.fail("practice.domain", f'"{domain}" is not a domain name like quinlancounseling.com (no https://, no path)')
    profession = c.text(t, "profession", "practice")
    if profession and profession not in PROFESSIONS:
        c.fail("practice.profession", f'"{profession}" is not one of {", ".join(PROFESSIONS)}')
    npi = c.text(t, "npi", "practice")
    if npi and not (npi.isdigit() and len(npi) == 10):
        c.fail("practice.npi", f'"{npi}" is not a 10-digit NPI number')
    return Practice(
        name=c.text(t, "name", "practice"),
        domain=domain,
        npi=npi,
        license_state=c.state(t, "license_state", "practice", required=False),
        license_number=c.text(t, "license_number", "practice"),
        profession=profession,
    )


def _list_of_tables(c: _Checker, doc: dict, key: str) -> list:
    value = doc.get(key, [])
    if not isinstance(value, list):
        c.fail(key, f"must be written as [[{key}]] tables, not {describe(value)}")
        return []
    return value


def parse_profile(doc: dict, source: str = "<profile>") -> Profile:
    """Validate an already-parsed TOML document. Raises ProfileError with every problem."""
    c = _Checker(source)
    c.table(doc, "", {"schema", "person", "addresses", "family", "practice"}, {"schema", "person"})
    if "schema" in doc and doc["schema"] != SCHEMA:
        c.fail("schema", f"{describe(doc['schema'])} is not supported (this version reads schema = {SCHEMA})")
    person = _person(c, doc.get("person", {}))
    addresses = tuple(
        a for i, raw in enumerate(_list_of_tables(c, doc, "addresses")) if (a := _address(c, raw, f"addresses[{i}]"))
    )
    family = tuple(_family(c, raw, f"family[{i}]") for i, raw in enumerate(_list_of_tables(c, doc, "family")))
    practice = _practice(c, doc["practice"]) if "practice" in doc else None
    if c.problems:
        raise ProfileError(c.problems)
    return Profile(person=person, addresses=addresses, family=family, practice=practice, source=source)


def load_profile(path: Path) -> Profile:
    name = path.name
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ProfileError([f"{path}: file not found (create one with `unlisted init`)"]) from None
    except OSError as exc:
        raise ProfileError([f"{path}: cannot be read ({exc.strerror})"]) from None
    try:
        doc = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ProfileError([f"{name}: is not UTF-8 text"]) from None
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError([f"{name}: not valid TOML: {exc}"]) from None
    return parse_profile(doc, source=name)


def quick_profile(name: str, city: str = "", state: str = "") -> Profile:
    """A profile from command-line flags (``unlisted scan --name ... --city ... --state ...``)."""
    doc: dict[str, Any] = {"schema": SCHEMA, "person": {"name": name}}
    if city or state:
        doc["addresses"] = [{"kind": "home", "city": city, "state": state}]
    return parse_profile(doc, source="command line")


def profile_to_doc(profile: Profile) -> dict[str, Any]:
    """The TOML document for a profile (used by ``unlisted init``)."""
    p = profile.person
    person: dict[str, Any] = {"name": p.name}
    for key in ("aliases", "phones", "emails", "usernames"):
        if getattr(p, key):
            person[key] = list(getattr(p, key))
    if p.birth_date:
        person["birth_date"] = p.birth_date.isoformat()
    elif p.birth_year:
        person["birth_year"] = p.birth_year
    doc: dict[str, Any] = {"schema": SCHEMA, "person": person}
    if profile.addresses:
        doc["addresses"] = [
            {k: v for k, v in vars(a).items() if v not in ("", None)} for a in profile.addresses
        ]
    if profile.family:
        doc["family"] = [
            {k: (list(v) if isinstance(v, tuple) else v) for k, v in vars(f).items() if v not in ("", None, ())}
            for f in profile.family
        ]
    if profile.practice:
        doc["practice"] = {k: v for k, v in vars(profile.practice).items() if v}
    return doc


# --- writing a profile (`unlisted init`; the flags and questions are in scanner/cli/profile_form.py) ---


def write_profile_file(path: Path, profile: Profile) -> Path:
    import tomli_w

    from scanner.config import write_private

    text = "# unlisted profile - see README.md for every field. Keep this file private.\n"
    text += tomli_w.dumps(profile_to_doc(profile))
    return write_private(path, text)
