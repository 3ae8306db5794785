"""Normalisation of the identifiers we compare: phones, emails, dates, places.

Pure functions, no I/O, no clock. Addresses live in :mod:`scanner.engine.addresses`, names in
:mod:`scanner.engine.names`; both are re-exported here so callers can use one import.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers

from scanner.engine.textnorm import STATE_BY_NAME, city_key, collapse, fold, state_code  # noqa: F401


# ----------------------------------------------------------------------------------- phones
@dataclass(frozen=True)
class PhoneHit:
    raw: str       # as written
    e164: str      # +15035550147
    extension: str  # "" or "12"
    start: int
    end: int


@lru_cache(maxsize=4096)
def phone_e164(text: str, region: str = "US") -> str:
    """E.164 form of one phone number (extension dropped), or ``""`` when it is not one."""
    try:
        num = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_possible_number(num):
        return ""
    return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)


def phone_key(text: str) -> str:
    """Comparison/fingerprint key: E.164 plus ``;ext=N`` when there is an extension."""
    try:
        num = phonenumbers.parse(text, "US")
    except phonenumbers.NumberParseException:
        return ""
    e164 = phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)
    return f"{e164};ext={num.extension}" if num.extension else e164


_PHONE_HINT = re.compile(r"\+?\d[\d\s().\-/]{7,22}\d(?:\s*(?:ext\.?|extension|x|#)\s*\d{1,6})?", re.IGNORECASE)


def find_phones(text: str, limit: int = 200) -> list[PhoneHit]:
    """Phone numbers written in free text (ZIP codes, NPIs and dates are skipped).

    PhoneNumberMatcher is slow on long text, so it only runs on windows around digit runs.
    """
    return list(_find_phones(text, limit))  # a listing's text is often its scan too: read once


@lru_cache(maxsize=16)
def _find_phones(text: str, limit: int) -> tuple[PhoneHit, ...]:
    out: list[PhoneHit] = []
    windows: list[list[int]] = []
    for m in _PHONE_HINT.finditer(text):
        start, end = max(0, m.start() - 8), min(len(text), m.end() + 8)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    for start, end in windows:
        try:
            for m in phonenumbers.PhoneNumberMatcher(text[start:end], "US", max_tries=50):
                e164 = phonenumbers.format_number(m.number, phonenumbers.PhoneNumberFormat.E164)
                out.append(PhoneHit(m.raw_string, e164, m.number.extension or "", start + m.start, start + m.end))
                if len(out) >= limit:
                    return tuple(out)
        except Exception:  # noqa: BLE001 - the matcher is third-party; hostile text must not escape
            continue
    return tuple(out)


# ----------------------------------------------------------------------------------- emails
# Written forms: "a@b.com", "a [at] b [dot] com", "a AT b DOT com", "a @ b . com", "a [@] b [.] com", "a -at- b -dot- com",
# "a dot b at c dot com" (the dot in the name too), full-width ＠ and ．
_AT = r"(?:\s?@\s?|\s*[\[\(\{<]\s*(?:at|@)\s*[\]\)\}>]\s*|\s+at\s+|\s*&#64;\s*|\s*-at-\s*)"
_DOT = r"(?:\.|\s*[\[\(\{<]\s*(?:dot|\.)\s*[\]\)\}>]\s*|\s+dot\s+|\s*-dot-\s*)"
_LOCAL = r"[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}(?:(?:\s+dot\s+|\s*[\[\(\{<]\s*dot\s*[\]\)\}>]\s*)[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}){0,3}"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?"
_EMAIL_RE = re.compile(
    # not followed by "@": in "email my mom at ann.lee@example.com" the address is ann.lee@example.com
    rf"(?<![A-Za-z0-9._%+\-])({_LOCAL}){_AT}((?:{_LABEL}{_DOT}){{1,4}}[A-Za-z]{{2,24}})(?![A-Za-z0-9\-@])",
    re.IGNORECASE,
)
_FULL_WIDTH = {0xFF20: "@", 0xFF0E: "."}  # same length: positions in the text stay right
_DOT_SUB = re.compile(_DOT, re.IGNORECASE)
_AT_WORD = re.compile(r"at\b", re.IGNORECASE)  # in each _AT without "@" or "&#64;": "at" before a space, bracket or "-"
# Each _AT without "@" or "&#64;" as _EMAIL_RE needs it: bracketed, "-at-", or " at " before a label and a _DOT.
_AT_SPELLED = re.compile(r"[\[\(\{<]\s*at\s*[\]\)\}>]|-at-|\sat\s+[A-Za-z0-9][A-Za-z0-9\-]*(?:\.|\s*[\[\(\{<]|\s+dot\s|\s*-dot-)",
                         re.IGNORECASE)
_SPACED_EMAIL_RE = re.compile(  # "a @ b . com" (an @ with spaces both sides; the page text may read "b. com")
    rf"(?<![A-Za-z0-9._%+\-])({_LOCAL})\s+@\s+((?:{_LABEL}\s?\.\s?){{1,4}}[A-Za-z]{{2,24}})(?![A-Za-z0-9\-])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class EmailHit:
    raw: str
    email: str  # normalised: lower case, de-obfuscated
    start: int
    end: int


def email_key(text: str) -> str:
    """``"Avery.Q [at] Example [dot] com"`` -> ``"avery.q@example.com"``; ``""`` when not an email."""
    hits = find_emails(text)
    return hits[0].email if hits else ""


def find_emails(text: str, limit: int = 200) -> list[EmailHit]:
    return list(_find_emails(text, limit))  # a listing's text and its scan are often the same text


@lru_cache(maxsize=16)
def _find_emails(text: str, limit: int) -> tuple[EmailHit, ...]:
    out: list[EmailHit] = []
    written = text
    if "\uff20" in text:
        text = text.translate(_FULL_WIDTH)
    if "@" not in text and "&#64;" not in text and not (_AT_WORD.search(text) and _AT_SPELLED.search(text)):
        return ()
    matches = list(_EMAIL_RE.finditer(text))
    if " @ " in text:
        matches = sorted(matches + [m for m in _SPACED_EMAIL_RE.finditer(text)
                                    if not any(o.start() < m.end() and m.start() < o.end() for o in matches)], key=lambda m: m.start())
    for m in matches:
        local, domain = _DOT_SUB.sub(".", m.group(1)), re.sub(r"\s", "", _DOT_SUB.sub(".", m.group(2)))
        local = local.rstrip(".")
        if not local or ".." in local:
            continue
        out.append(EmailHit(written[m.start():m.end()], f"{local}@{domain}".lower(), m.start(), m.end()))
        if len(out) >= limit:
            break
    return tuple(out)


# ------------------------------------------------------------------------------------ dates
MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")]
    )
    for m in names
}
_MON = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"


@dataclass(frozen=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None


_ISO = re.compile(r"\b(19\d\d|20\d\d)-(\d{1,2})-(\d{1,2})\b")
_US = re.compile(r"\b(\d{1,2})/(\d{1,2})/(19\d\d|20\d\d)\b")
_MDY = re.compile(rf"\b({_MON})\s+(?:(\d{{1,2}})(?:st|nd|rd|th)?,?\s+)?(19\d\d|20\d\d)\b", re.IGNORECASE)
_DMY = re.compile(rf"\b(\d{{1,2}})\s+({_MON})\s+(19\d\d|20\d\d)\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")


def parse_date(text: str) -> PartialDate | None:
    """A birth date as written: ``1984-03-17``, ``3/17/1984``, ``March 17, 1984``, ``Mar 1984``, ``Born 1984``."""
    if m := _ISO.search(text):
        return _checked(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := _US.search(text):
        return _checked(int(m.group(3)), int(m.group(1)), int(m.group(2)))
    if m := _DMY.search(text):
        month = MONTHS[m.group(2).lower().rstrip(".")[:3]]
        return _checked(int(m.group(3)), month, int(m.group(1)))
    if m := _MDY.search(text):
        month = MONTHS[m.group(1).lower().rstrip(".")[:3]]
        return _checked(int(m.group(3)), month, int(m.group(2)) if m.group(2) else None)
    if m := _YEAR.search(text):
        return PartialDate(int(m.group(1)))
    return None


def _checked(year: int, month: int | None, day: int | None) -> PartialDate | None:
    if month is not None and not 1 <= month <= 12:
        return PartialDate(year)
    if day is not None:
        try:
            _dt.date(year, month or 1, day)
        except ValueError:
            day = None
    return PartialDate(year, month, day)


def age_on(birth: _dt.date, today: _dt.date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


__all__ = [
    "AddressKey", "EmailHit", "NameKey", "PartialDate", "PhoneHit", "address_key", "age_on", "city_key", "collapse",
    "email_key", "find_emails", "find_phones", "fold", "name_key", "names_match", "parse_address", "parse_date",
    "phone_e164", "phone_key", "same_address", "state_code", "STATE_BY_NAME",
]

# Re-exports: one import for callers.
from scanner.engine.addresses import (  # noqa: E402,F401
    AddressKey,
    address_key,
    parse_address,
    same_address,
)
from scanner.engine.names import NameKey, name_key, names_match  # noqa: E402,F401
