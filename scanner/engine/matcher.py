"""Listing x profile -> findings (what is exposed, about whom, how sure, why)."""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from scanner.engine.addresses import parse_address
from scanner.engine.extract import Listing, page_drafts, read_listing
from scanner.engine.identity import (
    Identity,
    ProfileIndex,
    address_reason,
    identify,
    index_profile,
    read_facts,
)
from scanner.engine.names import name_key
from scanner.engine.normalize import collapse, email_key, parse_date, phone_key
from scanner.engine.prefilter import may_concern
from scanner.profile import Profile

REPORT_THRESHOLD = 0.5
SEVERITY = {
    "home_address": "critical", "previous_address": "medium", "phone": "high", "email": "medium",
    "relative": "high", "birth_date": "medium", "geolocation": "medium", "possible_match": "info",
}
STRENGTH_FULL_ADDRESS = 0.9      # street + city/ZIP agree: the address is exposed whoever the listing names
STRENGTH_STREET_ONLY = 0.45      # street without a city: needs other evidence to reach the threshold
STRENGTH_PHONE = STRENGTH_EMAIL = 0.9


@dataclass(frozen=True)
class Finding:
    kind: str
    subject: str
    value: str
    confidence: float
    severity: str
    evidence: str
    source_url: str
    reasons: tuple[str, ...] = ()
    site: str = ""

    @property
    def fingerprint(self) -> str:
        """Stable across scans: kind, subject, normalised value, and site (or host of the URL)."""
        where = self.site or _host(self.source_url)
        raw = "\x1f".join((self.kind, self.subject.casefold(), normalised_value(self.kind, self.value), where))
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]

    def to_dict(self) -> dict:
        return {
            "kind": self.kind, "subject": self.subject, "value": self.value, "confidence": self.confidence,
            "severity": self.severity, "evidence": self.evidence, "source_url": self.source_url,
            "reasons": list(self.reasons), "site": self.site, "fingerprint": self.fingerprint,
        }


def _host(url: str) -> str:
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        host = ""
    host = host.lower().removeprefix("www.")
    return host or url


def normalised_value(kind: str, value: str) -> str:
    if kind in ("home_address", "previous_address", "practice_address"):
        key = parse_address(value)
        return key.fingerprint_key() if key else collapse(value).lower()
    if kind == "phone":
        return phone_key(value) or re.sub(r"\D", "", value)
    if kind == "email":
        return email_key(value) or collapse(value).lower()
    if kind in ("relative", "name"):
        key = name_key(value)
        return f"{key.first} {key.last}" if key else collapse(value).lower()
    if kind == "birth_date":
        d = parse_date(value)
        if d and d.month:
            return f"{d.year:04d}-{d.month:02d}" + (f"-{d.day:02d}" if d.day else "")
        return "year-or-age"  # "Age 42" becomes "Age 43" next year: the same exposure
    if kind == "geolocation":
        try:
            lat, lon = (float(x) for x in value.split(","))
            return f"{lat:.4f},{lon:.4f}"
        except ValueError:
            return value
    return collapse(value).lower()


def excerpt(text: str, needle: str, width: int = 200) -> str:
    """A short window of ``text`` around ``needle`` (case-insensitive), at most ``width`` characters."""
    text = collapse(text)
    i = text.lower().find(collapse(needle).lower()) if needle else -1
    if i < 0:
        return text[:width - 1] + "…" if len(text) > width else text
    pad = max(0, (width - len(needle)) // 2)
    start, end = max(0, i - pad), min(len(text), i + len(needle) + pad)
    out = text[start:end]
    if start > 0:
        out = "…" + out[1:]
    if end < len(text):
        out = out[:-1] + "…"
    return out[:width]


def _finding(kind: str, who: Identity, value: str, confidence: float, listing: Listing, extra: tuple[str, ...] = ()) -> Finding:
    return Finding(
        kind=kind,
        subject=who.subject.label,
        value=value,
        confidence=round(min(1.0, confidence), 3),
        severity=SEVERITY[kind],
        evidence=_evidence(listing.text, value),
        source_url=listing.url,
        reasons=tuple(dict.fromkeys((*extra, *who.reasons))),
    )


def _evidence(text: str, value: str) -> str:
    """The text around the value; a value the engine completed ("812 SE Alder, Portland, OR" from the page's header,
    "Rowan Park" from "her husband, Rowan") around the part of it the page writes."""
    low = text.lower()
    for needle in (value, value.split(",")[0], value.split()[0] if value.split() else ""):
        if len(needle) >= 3 and needle.lower() in low:
            return excerpt(text, needle)
    return excerpt(f"{value} — {text}", value)


def searched_for(url: str) -> str:
    """What a page's address says was searched for (letters and digits only): a value the site merely
    echoes back ("0 results for averyq@example.com") is no evidence that it lists it."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    return _squash(unquote(unquote(parts.path + "?" + parts.query))) if parts.scheme in ("http", "https") else ""


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.casefold())


def _echoed(written: str, who: Identity, searched: str) -> bool:
    """A value of the search, on a listing that does not name the person: the site's echo, not a record."""
    value = _squash(written.split(",")[0])
    return bool(searched) and len(value) >= 6 and value in searched and who.name_level not in ("exact", "nickname", "initial")


def match_listing(listing: Listing, profile: Profile, today: _dt.date | None = None, searched: str = "") -> list[Finding]:
    """Findings (confidence >= REPORT_THRESHOLD) for one listing, each with every identity point as a reason.
    `searched`: what the page's search was for (`searched_for`); echoes of it are not findings."""
    today = today or _dt.date.today()
    index = index_profile(profile)
    facts = read_facts(listing, index)
    who = identify(listing, index, facts, today)
    out: list[Finding] = []
    for addr, key, match in facts.address_hits:
        kind = {"home": "home_address", "previous": "previous_address"}.get(addr.kind)
        if kind is None or _echoed(key.raw, who, searched):
            continue  # a practice or mailing address is meant to be public; an echo of the search is no record
        strength = STRENGTH_FULL_ADDRESS if match.level == "full" else STRENGTH_STREET_ONLY
        out.append(_finding(kind, who, key.raw, max(strength, who.score), listing, (address_reason(addr.kind, match),)))
    for written, _ in facts.phone_hits:
        if _echoed(written, who, searched):
            continue
        out.append(_finding("phone", who, written, max(STRENGTH_PHONE, who.score), listing, (f"phone {written} is yours",)))
    for written, _ in facts.email_hits:
        if _echoed(written, who, searched):
            continue
        out.append(_finding("email", who, written, max(STRENGTH_EMAIL, who.score), listing, (f"email {written} is yours",)))
    if who.name_level:
        for other, written in who.relatives_found:
            out.append(_finding("relative", who, written, who.score, listing))
        if who.age_ok and who.birth_value:
            out.append(_finding("birth_date", who, who.birth_value, who.score, listing))
    found = [f for f in _dedupe(out) if f.confidence >= REPORT_THRESHOLD]
    if not found and not can_confirm(index):
        return _possible_match(listing, index, facts, who)
    return found


def can_confirm(index: ProfileIndex) -> bool:
    """Does the profile hold anything beyond a name and a town (a street, phone, email, birth year, family)
    that can tell the user's listing from a namesake's?"""
    p = index.profile
    return bool(index.phones or index.emails or p.family or p.birth_year or any(a.street for a in p.addresses))


def _possible_match(listing: Listing, index: ProfileIndex, facts, who: Identity) -> list[Finding]:
    """With only a name and a town to go on, a listing of that name in that town cannot be confirmed, nor
    ignored: it is a possible match (severity info, below the reporting threshold), saying what it shows."""
    if who.subject.label != "self" or who.name_level not in ("exact", "nickname"):
        return []
    place = next((f"{city.title()}, {state}" for city, state in facts.places for mine, my_state, _ in index.places
                  if (city == mine or city.endswith(" " + mine)) and (not my_state or state == my_state)), "")
    if not place or not listing.names:
        return []
    shows = [what for what, n in (("an address", len(listing.addresses)), ("a phone number", len(listing.phones)),
                                 ("an email address", len(listing.emails)), ("relatives' names", len(listing.relatives)))
             if n] + (["an age or birth date"] if listing.age or listing.birth_dates else [])
    name = listing.names[0]
    return [Finding(
        kind="possible_match", subject="self", value=f"{name} ({place})",
        confidence=round(min(who.score, REPORT_THRESHOLD - 0.01), 3), severity=SEVERITY["possible_match"],
        evidence=excerpt(listing.text, name), source_url=listing.url,
        reasons=(who.reasons[0], f"listed in {place}, your town",
                 f"the listing shows {', '.join(shows)}" if shows else "the listing shows the name and the town",
                 "your profile has nothing else to tell you from a namesake: add your street address, phone, "
                 "email or birth year (`unlisted init`) and scan again to confirm it"),
    )]


def _dedupe(findings: list[Finding]) -> list[Finding]:
    best: dict[str, Finding] = {}
    for f in findings:
        fp = f.fingerprint
        if fp not in best or f.confidence > best[fp].confidence:
            best[fp] = f
    return list(best.values())


def analyze_html(html: str | bytes, url: str, profile: Profile, card_selector: str | None = None, today: _dt.date | None = None,
                 page_url: str = "", typed: str = "") -> list[Finding]:
    """extract_listings + match_listing for every listing; one finding per exposure (highest confidence).
    What was searched for is in the page's address (`page_url` when `url` is not it: a saved file) and
    in `typed`, what a form search typed into the site's form."""
    today = today or _dt.date.today()
    searched = searched_for(page_url or url) + " " + _squash(typed)
    findings: list[Finding] = []
    index = index_profile(profile)
    for draft in page_drafts(html, url, card_selector):
        if may_concern(draft, index):  # the others give no finding: not read any further
            findings.extend(match_listing(read_listing(draft), profile, today, searched))
    return sorted(_dedupe(findings), key=lambda f: (-f.confidence, f.kind, f.value))
