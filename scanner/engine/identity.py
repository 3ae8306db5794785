"""Who is a listing about? A deterministic, explainable score per subject (self or a family member).

Points (added, then clamped to 0..1); every point is a reason in plain words:

  name: exact 0.40, short form 0.35, initial 0.25, only in the page text 0.30
  city of a profile address +0.25 (home) / +0.20 (other), state only +0.05, only other states -0.40
  age or birth year within one year +0.20, full birth date +0.30, conflicting age/date -0.50
  family member listed as a relative +0.15 each, +0.25 when the text gives the full name and says how
  ("married to Rowan Park") (max 0.30);
  the user named on a relative's listing +0.25
  phone / email of the user +0.45, home address +0.50 (street only +0.30), previous address +0.35
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from functools import lru_cache

from scanner.engine import prose, textfields
from scanner.engine.addresses import (
    AddressKey,
    AddressMatch,
    address_key,
    addresses_at_number,
    parse_address,
    same_address,
)
from scanner.engine.locality import HEADER_REASON, street_mentions, text_place, with_place
from scanner.engine.mentions import near_mentions
from scanner.engine.names import NameKey, find_name, name_key, names_match, one_name
from scanner.engine.normalize import (
    age_on,
    email_key,
    find_emails,
    find_phones,
    parse_date,
    phone_e164,
)
from scanner.engine.textnorm import city_key
from scanner.profile import US_STATES, Address, Profile

W_NAME = {"exact": 0.40, "nickname": 0.35, "initial": 0.25}
W_NAME_TEXT = 0.30
W_CITY_HOME, W_CITY_OTHER, W_STATE, W_OTHER_STATES = 0.25, 0.20, 0.05, -0.40
W_AGE, W_BIRTH_DATE, W_AGE_CONFLICT = 0.20, 0.30, -0.50
W_RELATIVE, W_RELATIVE_MAX, W_USER_AS_RELATIVE = 0.15, 0.30, 0.25
W_RELATIVE_TOLD = 0.25   # the page gives the full name and says how ("married to Rowan Park"), and it fits the profile
W_PHONE, W_EMAIL = 0.45, 0.45
W_ADDRESS = {("home", "full"): 0.50, ("home", "street"): 0.30, ("previous", "full"): 0.35, ("previous", "street"): 0.20,
             ("mailing", "full"): 0.30, ("practice", "full"): 0.15}


@dataclass(frozen=True)
class Subject:
    label: str                     # "self" or the family member's name as in the profile
    names: tuple[NameKey, ...]     # first = the main name
    relation: str = ""             # "" for self
    birth_date: _dt.date | None = None
    birth_year: int | None = None
    city: str = ""                 # family member's city key (profile family.city)


@dataclass(frozen=True)
class ProfileIndex:
    profile: Profile
    subjects: tuple[Subject, ...]
    addresses: tuple[tuple[Address, AddressKey], ...]
    phones: frozenset[str]
    emails: frozenset[str]
    places: tuple[tuple[str, str, str], ...]    # (city key, state, kind)
    states: frozenset[str]


@lru_cache(maxsize=32)
def index_profile(profile: Profile) -> ProfileIndex:
    p = profile.person
    me = tuple(k for k in (name_key(n) for n in (p.name, *p.aliases)) if k)
    if me:  # "Odalys F Kestrelle", "Odalys Fenwright Kestrelle": an earlier surname kept as a middle name
        me += tuple(NameKey(me[0].first, me[0].last, (k.last,), f"{me[0].first} {k.last} {me[0].last}".title())
                    for k in me[1:] if k.first == me[0].first and k.last != me[0].last)
    subjects = [Subject("self", me, "", p.birth_date, profile.birth_year)]
    for f in profile.family:
        key = name_key(f.name)
        if key:
            subjects.append(Subject(f.name, (key,), f.relation, None, f.birth_year, city_key(f.city)))
    addresses = tuple((a, k) for a in profile.addresses if (k := address_key(a)))
    places = tuple((city_key(a.city), a.state, a.kind) for a in profile.addresses if a.city)
    return ProfileIndex(
        profile=profile,
        subjects=tuple(subjects),
        addresses=addresses,
        phones=frozenset(e for ph in p.phones if (e := phone_e164(ph))),
        emails=frozenset(e.lower() for e in p.emails),
        places=places,
        states=frozenset(a.state for a in profile.addresses if a.state),
    )


@dataclass(frozen=True)
class Facts:
    """What a listing shows, read once and compared with every subject."""

    address_hits: tuple[tuple[Address, AddressKey, AddressMatch], ...]   # profile address, page key, match
    phone_hits: tuple[tuple[str, str], ...]     # (as written, E.164) of the user's phones
    email_hits: tuple[tuple[str, str], ...]     # (as written, normalised) of the user's emails
    places: tuple[tuple[str, str], ...]         # (city key, state) on the listing
    ages: tuple[int, ...]
    birth_dates: tuple[str, ...]
    relatives: tuple[NameKey, ...]


def read_facts(listing, index: ProfileIndex) -> Facts:
    text = listing.text
    keys: list[AddressKey] = [k for a in listing.addresses if (k := parse_address(a))]
    for number in {k.number for _, k in index.addresses}:
        if number in text:
            keys.extend(addresses_at_number(text, number))
    for _, mine in index.addresses:
        if mine.number in text and not any(k.number == mine.number and k.street == mine.street for k in keys):
            keys.extend(street_mentions(text, mine))  # "812 SE Alder" in prose, without its type or city
    keys, from_header = _placed(keys, listing)
    hits = []
    for addr, mine in index.addresses:
        best = None
        for k in keys:
            m = same_address(k, mine)
            if m and id(k) in from_header:
                m = AddressMatch(m.level, tuple(f"{HEADER_REASON} matches" if r == "city matches" else r for r in m.reasons))
            if m and (best is None or (m.level == "full" and best[1].level != "full")):
                best = (k, m)
        if best:
            hits.append((addr, best[0], best[1]))
    phones = [(p, e) for p in listing.phones if (e := phone_e164(p)) in index.phones]
    if any(e[-4:] in text for e in index.phones):  # cheap guard: the matcher is the slow part
        phones += [(h.raw, h.e164) for h in find_phones(text) if h.e164 in index.phones]
    emails = [(h.raw, h.email) for h in find_emails(text) if h.email in index.emails]  # as written first
    emails += [(e, k) for e in listing.emails if (k := email_key(e)) in index.emails]
    places = [(k.city, k.state) for k in keys if k.city and k.state]
    places += textfields.places(text)
    ages = ([listing.age] if listing.age else []) + textfields.ages(text[:4000])
    return Facts(
        address_hits=tuple(hits),
        phone_hits=tuple({e: (raw, e) for raw, e in reversed(phones)}.values())[::-1],
        email_hits=tuple({k: (raw, k) for raw, k in reversed(emails)}.values())[::-1],
        places=tuple(dict.fromkeys(places)),
        ages=tuple(dict.fromkeys(ages)),
        birth_dates=tuple(listing.birth_dates),
        relatives=tuple(k for r in listing.relatives if not prose.masked(r) and (k := name_key(r))),
    )


def _placed(keys: list[AddressKey], listing) -> tuple[list[AddressKey], set[int]]:
    """Streets without a locality take the page's city (its masthead or header); the ids of those keys."""
    out, from_header = [], set()
    place = None
    for k in keys:
        if k.state or k.zip5:
            out.append(k)
            continue
        if place is None:
            place = getattr(listing, "place", "") or text_place(listing.text)
        placed = with_place(k, place)
        if placed is not None and placed.state:
            from_header.add(id(placed))
        out.append(placed or k)
    return out, from_header


def address_reason(kind: str, match: AddressMatch) -> str:
    also = [r.removesuffix(" matches") for r in match.reasons[1:]]
    tail = f", and so {'does' if len(also) == 1 else 'do'} the {' and '.join(also)}" if also else " (the page shows no city)"
    return f"street number and name match your {kind} address{tail}"


@dataclass(frozen=True)
class Identity:
    subject: Subject
    score: float
    reasons: tuple[str, ...]
    name_level: str                 # "exact" | "nickname" | "initial" | "text" | ""
    age_ok: bool = False
    birth_value: str = ""           # the birth date / age as written, when it matched
    relatives_found: tuple[tuple[Subject, str], ...] = field(default=())


def _name_points(listing, subject: Subject) -> tuple[float, str, str]:
    best: tuple[float, str, str] = (0.0, "", "")
    for i, written in enumerate(listing.names):
        page = name_key(written)
        if page is None:
            continue
        for j, mine in enumerate(subject.names):
            m = names_match(page, mine)
            if m and W_NAME[m.level] > best[0]:
                what = "your name" if subject.label == "self" and j == 0 else (
                    "your other name" if subject.label == "self" else f"the name of your {subject.relation or 'family member'}")
                best = (W_NAME[m.level], m.level, f"name {written} matches {what}" + ("" if m.level == "exact" else f" ({m.level})"))
    listed_as_relative = any(names_match(k, mine) for r in listing.relatives if (k := name_key(r)) for mine in subject.names)
    if best[0] == 0.0 and not listed_as_relative:  # a relative of the listed person is not the listed person
        hits = [h for mine in subject.names if (h := find_name(listing.text, mine))]
        if hits:
            hit = min(hits, key=lambda h: h.start())
            return W_NAME_TEXT - hit.start() / 1e7, "text", f"the page mentions {hit.group(0)}"
    return best


def expected_ages(subject: Subject, today: _dt.date) -> tuple[int, int] | None:
    """Range of ages the subject can be listed with (one year of tolerance either way)."""
    if subject.birth_date:
        age = age_on(subject.birth_date, today)
        return age - 1, age + 1
    if subject.birth_year:
        return today.year - subject.birth_year - 2, today.year - subject.birth_year + 1
    return None


def _birth_points(facts: Facts, subject: Subject, today: _dt.date) -> tuple[float, list[str], str]:
    rng = expected_ages(subject, today)
    year = subject.birth_date.year if subject.birth_date else subject.birth_year
    if rng is None or year is None:
        return 0.0, [], ""
    points, reasons, value = 0.0, [], ""
    for written in facts.birth_dates:
        d = parse_date(written)
        if d is None:
            continue
        if abs(d.year - year) > 1 or (subject.birth_date and d.month and d.year == year and d.month != subject.birth_date.month):
            return W_AGE_CONFLICT, [f"birth date {written} does not fit {'your' if subject.label == 'self' else 'their'} birth year {year}"], ""
        full = subject.birth_date and d.month == subject.birth_date.month and d.day == subject.birth_date.day and d.year == year
        p = W_BIRTH_DATE if full else W_AGE
        if p > points:
            points, value = p, written
            reasons = [f"birth date {written} matches {'your' if subject.label == 'self' else 'their'} birth {'date' if full else 'year'}"]
    for age in facts.ages[:3]:
        if rng[0] <= age <= rng[1]:
            if points < W_AGE:
                points, value = W_AGE, f"Age {age}"
                reasons = [f"age {age} matches {'your' if subject.label == 'self' else 'their'} birth year {year}"]
            break
        if points == 0.0:
            return W_AGE_CONFLICT, [f"age {age} does not fit {'your' if subject.label == 'self' else 'their'} birth year {year}"], ""
    return points, reasons, value


def _place_points(facts: Facts, index: ProfileIndex, subject: Subject) -> tuple[float, list[str]]:
    if not facts.places:
        return 0.0, []
    best, reason = 0.0, ""
    mine = list(index.places)
    if subject.city:
        mine = [(subject.city, "", "family")] + mine
    for city, state in facts.places:
        for pcity, pstate, kind in mine:
            if (city == pcity or city.endswith(" " + pcity)) and (not pstate or state == pstate):
                w = W_CITY_HOME if kind in ("home", "family") else W_CITY_OTHER
                where = {"home": "your home city", "family": "their city", "practice": "where your practice is"}.get(kind, f"your {kind} address")
                if w > best:
                    best, reason = w, f"lives or lived in {city.title()}, {state} ({where})"
    if best:
        return best, [reason]
    states = {s for _, s in facts.places}
    if states & index.states:
        st = sorted(states & index.states)[0]
        return W_STATE, [f"listed in {US_STATES.get(st, st)}, your state (other city)"]
    if subject.city and not index.states:
        return 0.0, []
    shown = ", ".join(f"{c.title()}, {s}" for c, s in facts.places[:3])
    return W_OTHER_STATES, [f"listed only in other states ({shown})"]


def _relative_points(listing, facts: Facts, index: ProfileIndex, subject: Subject) -> tuple[float, list[str], list[tuple[Subject, str]]]:
    found: list[tuple[Subject, str]] = []
    phrases: dict[str, str] = {}
    told_in_full: dict[str, bool] = {}
    listed: dict[str, bool] = {}   # in the listing's relatives, not only somewhere in its text
    for other in index.subjects:
        if other.label == subject.label:
            continue
        written = ""
        for rel in facts.relatives:
            if any(names_match(rel, n) for n in other.names):
                written = rel.raw
                break
        in_text = not written
        if not written:
            for n in other.names:
                if hit := find_name(listing.text, n):
                    written = one_name(hit.group(0))
                    break
        said, full = "", bool(written)
        if in_text and (told := prose.relation_in_text(listing.text, listing.names, subject, other)):
            written, said = written or told[0], told[1]  # "her husband, Rowan", "married to Rowan Park"
        if written:
            found.append((other, written))
            phrases[other.label] = said
            told_in_full[other.label] = bool(said) and full
            listed[other.label] = not in_text
    points, reasons = 0.0, []
    for other, written in found:
        said = f" (the page says \u201c{phrases[other.label]}\u201d)" if phrases.get(other.label) else ""
        if other.label == "self":
            points += W_USER_AS_RELATIVE
            reasons.append(f"your name ({written}) is {'named' if said else 'listed'} with them{said}")
        else:
            points += W_RELATIVE_TOLD if told_in_full[other.label] else W_RELATIVE
            reasons.append(f"{written} ({'your ' + other.relation if other.relation else 'family'}) is "
                           + (f"named in the text{said}" if said else "listed as a relative" if listed[other.label]
                              else "named on the same page"))
    return min(points, W_RELATIVE_MAX + W_USER_AS_RELATIVE), reasons, found


_TOGETHER = 45 / 1e7   # a text mention's points fall by 1e-7 per character: 45 characters, as in _name_points
def identify(listing, index: ProfileIndex, facts: Facts, today: _dt.date) -> Identity:
    """Score every subject; the listing is about the best-named one (or the user if nobody is named)."""
    scored = []
    for subject in index.subjects:
        pts, level, reason = _name_points(listing, subject)
        scored.append((pts, -len(scored), subject, level, reason))  # text mentions: the earliest wins
    # a page that only mentions people (a newsletter, an obituary) is about the first one it names ...
    # ... and the user goes first when named together with the first one named ("Rafferty and Jessamyn Ardcastle")
    scored.sort(reverse=True, key=lambda t: (t[0] + (_TOGETHER if t[3] == "text" and t[2].label == "self" else 0.0), t[1]))
    _, _, subject, level, name_reason = scored[0]
    if not level:
        subject = index.subjects[0]
    if level == "text":
        facts = near_mentions(listing.text, listing.place, subject, index, facts)
    score = W_NAME.get(level, W_NAME_TEXT if level == "text" else 0.0)  # exact weight (no position tie-break)
    reasons = [name_reason] if name_reason else []
    p, r = _place_points(facts, index, subject)
    score += p
    reasons += r
    b, r, birth_value = _birth_points(facts, subject, today)
    score += b
    reasons += r
    rel, r, found = _relative_points(listing, facts, index, subject)
    score += rel
    reasons += r
    for addr, key, match in facts.address_hits:
        w = W_ADDRESS.get((addr.kind, match.level), 0.0)
        if w:
            score += w
            reasons.append(address_reason(addr.kind, match))
    if facts.phone_hits:
        score += W_PHONE
        reasons.append(f"phone {facts.phone_hits[0][0]} is yours")
    if facts.email_hits:
        score += W_EMAIL
        reasons.append(f"email {facts.email_hits[0][0]} is yours")
    return Identity(subject, round(max(0.0, min(1.0, score)), 3), tuple(reasons), level, b > 0, birth_value, tuple(found))
