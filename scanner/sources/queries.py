"""The query plan: which URL each site is asked, built from only the fields it declares."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from urllib.parse import quote

from scanner.profile import US_STATES, Profile
from spiders.catalog import PLACEHOLDER, PLACEHOLDERS, SearchTemplate, Site

MAX_QUERIES_PER_SITE = 8
AGE_RANGES = ((18, 30), (31, 40), (41, 50), (51, 60), (61, 70), (71, 80))


@dataclass(frozen=True)
class Query:
    site: str
    input: str
    subject: str   # "self" or the family member's name
    url: str       # a form search: the page with the form
    form: tuple[tuple[str, str], ...] = ()   # a form search: (CSS selector, text typed into it), in order
    submit: str = ""                         # ... and the button that sends it


def split_name(name: str) -> dict[str, str]:
    parts = [p.strip(".,") for p in name.split() if p.strip(".,")]
    if len(parts) < 2:
        return {"first": parts[0] if parts else "", "middle": "", "last": ""}
    return {"first": parts[0], "middle": " ".join(parts[1:-1]), "last": parts[-1]}


def _age_range(age: int) -> str:
    for low, high in AGE_RANGES:
        if low <= age <= high:
            return f"{low}-{high}"
    return "81+"


def _phone_digits(phone: str) -> str:
    digits = re.sub(r"\D", "", phone.split("x")[0].split("ext")[0])
    return digits[-10:] if len(digits) >= 10 else digits


def transform(value: str, modifiers: str) -> str:
    for mod in filter(None, modifiers.split("|")):
        name, _, arg = mod.partition(":")
        if name == "lower":
            value = value.lower()
        elif name == "upper":
            value = value.upper()
        elif name == "title":
            value = " ".join(w[:1].upper() + w[1:].lower() for w in value.split())
        elif name == "hyphen":
            value = re.sub(r"\s+", "-", value.strip())
        elif name == "underscore":
            value = re.sub(r"\s+", "_", value.strip())
        elif name == "plus":
            value = re.sub(r"\s+", "+", value.strip())
        elif name == "default" and not value:
            value = arg
    return value


def render(template: SearchTemplate, fields: dict[str, str]) -> str | None:
    """Fill a path template; None when a field it uses is missing."""
    return _fill(template.path, template, fields, lambda value: quote(value, safe="-_.~+,@"))


def fill_form(template: SearchTemplate, fields: dict[str, str]) -> tuple[tuple[str, str], ...] | None:
    """A form search's (selector, text to type) pairs, typed as is; None when a detail it uses is missing."""
    filled = []
    for selector, text in template.form.fields if template.form else ():
        value = _fill(text, template, fields, lambda value: value)
        if value is None:
            return None
        filled.append((selector, value))
    return tuple(filled)


def _fill(text: str, template: SearchTemplate, fields: dict[str, str], encode) -> str | None:
    missing = False

    def fill(match: re.Match) -> str:
        nonlocal missing
        name, mods = match.group(1), match.group(2)
        if PLACEHOLDERS[name] not in template.needs:  # the loader rejects this; belt and braces
            raise ValueError(f"{name} not declared")
        value = transform(fields.get(name, ""), mods)
        if not value and "|default" not in mods:  # a |default:... placeholder may stay empty
            missing = True
        return encode(value)

    filled = PLACEHOLDER.sub(fill, text)
    return None if missing else filled


def _name_fields(name: str) -> dict[str, str]:
    return split_name(name)


def _location_fields(city: str, state: str) -> dict[str, str]:
    return {"city": city, "state": state, "state_full": US_STATES.get(state, "")}


def _age_fields(birth_year: int | None, today: _dt.date) -> dict[str, str]:
    if not birth_year:
        return {}
    age = today.year - birth_year
    return {"age": str(age), "age_range": _age_range(age)}


def plan_site(site: Site, profile: Profile, base_url: str, today: _dt.date) -> list[Query]:
    """Every query this site gets, capped; each carries only the fields its template declares.

    The user's name and aliases, then each family member's name (their listings carry the shared
    home address), in the home and previous towns; then reverse searches by phone, email and home
    address where the site supports them. A disabled site gets none (it ends SKIPPED).
    """
    if not site.enabled:
        return []
    person = profile.person
    locations = profile.search_locations()[:2]
    home = profile.home_addresses[0] if profile.home_addresses else None
    candidates: list[tuple[SearchTemplate, str, dict[str, str]]] = []

    for template in site.searches:
        if template.input in ("name_location", "name_state", "name"):
            names = [("self", n, profile.birth_year) for n in (person.name, *person.aliases)]
            names += [(m.name, m.name, m.birth_year) for m in profile.family]
            for subject, name, birth_year in names:
                member = next((m for m in profile.family if m.name == subject), None)
                places = locations
                if member and member.city:
                    places = [(member.city, locations[0][1] if locations else "")] + locations
                if template.input == "name":
                    places = [("", "")]
                elif template.input == "name_state" or template.form:
                    places = places[:1]   # a form search costs a browser page: the home town only
                for city, state in places:
                    fields = {**_name_fields(name), **_location_fields(city, state), **_age_fields(birth_year, today)}
                    if template.input == "name_state":
                        fields.pop("city")
                    candidates.append((template, subject, fields))
        elif template.input == "phone":
            for phone in person.phones:
                digits = _phone_digits(phone)
                dashed = f"{digits[:3]}-{digits[3:6]}-{digits[6:]}" if len(digits) == 10 else ""
                candidates.append((template, "self", {"phone10": digits, "phone_dashed": dashed}))
        elif template.input == "email":
            for email in person.emails:
                candidates.append((template, "self", {"email": email}))
        elif template.input == "address" and home and home.street:
            fields = {"street": home.street, "zip": home.postal_code[:5], **_location_fields(home.city, home.state)}
            candidates.append((template, "self", fields))

    queries: list[Query] = []
    seen: set[tuple] = set()
    for template, subject, fields in candidates:
        allowed = {k: v for k, v in fields.items() if PLACEHOLDERS.get(k) in template.needs}
        path, form = render(template, allowed), fill_form(template, allowed)
        if path is None or form is None:
            continue
        url = base_url.rstrip("/") + path
        if (url, form) not in seen:
            seen.add((url, form))
            queries.append(Query(site=site.id, input=template.input, subject=subject, url=url, form=form,
                                 submit=template.form.submit if template.form else ""))
    return queries[:MAX_QUERIES_PER_SITE]


# The profile detail each kind of placeholder needs, in the words a user knows (and the profile key).
DETAIL_WORDS = {
    "name": "name", "city": "home city", "state": "home state", "zip": "home ZIP code",
    "birth_year": "birth year", "phone": "phone number", "email": "email address", "street": "home street address",
}


def missing_details(site: Site, profile: Profile, today: _dt.date) -> tuple[str, ...]:
    """When ``plan_site`` gives a site no query: the fewest profile details that would let it be searched
    (e.g. ("birth year",)), in DETAIL_WORDS' words. Empty when the site can be searched or is disabled."""
    if not site.enabled or plan_site(site, profile, "", today):
        return ()
    person = profile.person
    city, state = (profile.search_locations() or [("", "")])[0]
    home = profile.home_addresses[0] if profile.home_addresses else None
    phone = _phone_digits(person.phones[0]) if person.phones else ""
    have = {**_name_fields(person.name), **_location_fields(city, state), **_age_fields(profile.birth_year, today),
            "phone10": phone, "phone_dashed": phone, "email": person.emails[0] if person.emails else "",
            "street": home.street if home else "", "zip": home.postal_code if home else ""}
    options = []
    for template in site.searches:
        texts = [template.path, *(text for _, text in (template.form.fields if template.form else ()))]
        needed = {PLACEHOLDERS[m.group(1)] for text in texts for m in PLACEHOLDER.finditer(text)
                  if "|default" not in m.group(2) and not have.get(m.group(1))}
        if template.input == "name_state":
            needed.discard("city")
        if needed:
            options.append(tuple(DETAIL_WORDS[k] for k in sorted(needed)))
    return min(options, key=len, default=())
