"""Facts written in a listing's visible text: age, birth dates, aliases, relatives, places."""

from __future__ import annotations

import re
from functools import lru_cache

from scanner.engine.names import may_contain, name_key
from scanner.engine.textnorm import STATE_BY_NAME, city_key
from scanner.profile import US_STATES

_ABOUT = r"(?:~\s*|approx(?:imately|\.)?\s*|about\s+|around\s+|abt\.?\s*|est\.?\s*)?"
_AGE = re.compile(  # "Age 41", "Age: ~41", "AGE / DOB 41", "aged about 41", "41 years old", "a 41-year-old", "41 y/o",
    # "just turned 41"
    rf"\b(?:age[ds]?(?:\s*/\s*(?:dob|d\.o\.b\.?|born|birth\s*(?:date|year)?))?\s*[:,\-]?\s*{_ABOUT}|aged\s+{_ABOUT})"
    r"(\d{1,3})\b(?![/\-.]\d)|\b(\d{1,3})\s*(?:years?\s+old|yrs?\.?\s+old|yo\b|-years?-old\b|y/o\b|y\.o\.)"
    r"|\b(?:just\s+)?turn(?:ed|s|ing)\s+(\d{2})\b(?!\s*(?:%|percent|years?\s+(?:ago|since)))",
    re.IGNORECASE,
)
_NAME_AGE = re.compile(  # "Jordan M Quinlan, 43, ..." as people-search sites and news write it
    r"\b[A-Z][a-z'\-]+\s+(?:[A-Z]\.?\s+)?[A-Z][a-z'\-]+,\s+(\d{2})(?=\s*[,.;)·|•]|\s+(?:years|yrs|of|from|lives|and|who)\b)"
)
_NAME_PAREN_AGE = re.compile(r"\b[A-Z][a-z'\-]+\s+(?:[A-Z]\.?\s+)?[A-Z][a-z'\-]+\s*\((\d{2})\)")  # "Marisol Park (41)"
_STATE_WORD = r"(?:[A-Z]{2}|" + "|".join(n.title() for n in sorted(STATE_BY_NAME, key=len, reverse=True)) + ")"
_PLACE_AGE = re.compile(  # a profile header's "Salem, OR · 33" / "Salem, Oregon | 33": the place, then the age alone
    rf"\b[A-Z][A-Za-z.'\-]+,\s+{_STATE_WORD}\s*(?:[·•|,]|\s[-–—]\s)\s*(\d{{2,3}})(?=\s*(?:$|[·•|,;.)]|\s[-–—]\s))"
)
_MON = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = rf"(?:{_MON}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|{_MON}\s+\d{{4}}|\d{{4}}-\d{{1,2}}-\d{{1,2}}|\d{{1,2}}/\d{{1,2}}/\d{{4}}|\d{{1,2}}\s+{_MON}\s+\d{{4}}|(?:19|20)\d\d)"
_BIRTH = re.compile(
    rf"(?<![\w\-])(?:born(?:\s+(?:on|in))?|birth\s*(?:date|day|year)?|(?:date|year)\s+of\s+birth|d\.?o\.?b\.?|y\.?o\.?b\.?)"
    rf"\s*[:\-,]?\s*({_DATE})",
    re.IGNORECASE,
)
_BIRTH_WORDS = ("born", "birth", "ob", "o.b")  # one is in each _BIRTH label ("d.o.b", "yob")
_BIRTH_PROSE = re.compile(  # "born in Eugene, Oregon, in 1984", "born in the spring of 1984", "(b. 1984)"
    rf"(?<![\w\-])(?i:born)\s+(?i:in|at|near)\s+(?:the\s+)?(?:[A-Z][\w.'\-]*,?\s+){{1,4}}(?i:in|on)\s+((?i:{_DATE}))"
    r"|(?<![\w\-])(?i:born)\s+(?:in\s+)?(?:the\s+)?(?i:(?:early|late)\s+)?(?i:spring|summer|fall|autumn|winter)\s+(?:of\s+)?((?:19|20)\d\d)\b"
    r"|(?<![\w.])b\.\s?((?:19|20)\d\d)\b(?![\-/.]\d)"
)
_LABEL = (
    r"(?:age|aged|phone|phones|phone numbers?|tel|email|emails|e-mail|address|addresses|current address|"
    r"previous addresses|past addresses|lives in|lived in|locations|born|birth|dob|associates|associated|"
    r"neighbors|relatives|related to|family|aka|also known as|view|details|see|more|criminal|education|jobs)"
)
_NEXT_LABEL = re.compile(rf"\b{_LABEL}\b\s*[:\-]|\s[|•·]\s|\bview\b|\bsee more\b", re.IGNORECASE)
_RELATIVES = re.compile(
    r"\b(?:possible\s+)?(?:relatives?(?:\s+include)?|related\s+to|family(?:\s+members?)?|household(?:\s+members?)?|"
    r"associated\s+(?:persons|people)|(?:known\s+)?associates|spouse|partner|wife|husband|children|parents?|siblings?)\s*[:\-]\s*",
    re.IGNORECASE,
)
_RELATIVES_WORDS = ("relative", "related", "family", "household", "associate", "spouse", "partner", "wife", "husband",
                    "children", "parent", "sibling")  # one is in each _RELATIVES label
# Words of a record's field labels and values, never of a name ("Family: Marital Status Single").
_FIELD_WORDS = {"status", "marital", "single", "married", "divorced", "widowed", "unknown", "none", "available",
                "information", "info", "record", "records", "report", "details", "profile", "unlock", "premium"}
_AKAS = re.compile(
    r"\b(?:also\s+known\s+as|a\.?k\.?a\.?|alias(?:es)?|other\s+names?|known\s+as|maiden\s+name|nee|née)\s*[:\-]?\s*",
    re.IGNORECASE,
)
_SPLIT = re.compile(r"\s*(?:[,;•|/]|\band\b|&)\s*", re.IGNORECASE)
_CITY_STATE = re.compile(
    r"\b((?:[A-Z][A-Za-z.'\-]+\s){0,2}[A-Z][A-Za-z.'\-]+),?\s+"
    r"(A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[DLNA]|K[SY]|LA|M[EDAINSOT]|N[EVHJMYCD]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[TA]|W[AVIY]|PR)"
    r"\b(?!-)",
)
_CITY_STATE_NAME = re.compile(
    r"\b((?:[A-Z][A-Za-z.'\-]+\s){0,2}[A-Z][A-Za-z.'\-]+),\s+(" + "|".join(sorted(STATE_BY_NAME, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
# What each of the three needs after its city (cheap searches, made first: prose rarely has it).
_CODES = r"(?:A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[DLNA]|K[SY]|LA|M[EDAINSOT]|N[EVHJMYCD]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[TA]|W[AVIY]|PR)"
_HAS_CODE = re.compile(rf"\s{_CODES}\b(?!-)")
_HAS_STATE_NAME = re.compile(r",\s+(?:" + "|".join(sorted(STATE_BY_NAME, key=len, reverse=True)) + r")\b", re.IGNORECASE)
_HAS_AP = re.compile(r",\s+(?:[A-Z][a-z]{1,4}\.|W\.\s?Va\.|[A-Z]\.\s?[A-Z])")


def ages(text: str) -> list[int]:
    return list(_ages(text))  # a listing's text is often its scan too: read once


@lru_cache(maxsize=16)
def _ages(text: str) -> tuple[int, ...]:
    out = [int(m.group(1) or m.group(2) or m.group(3)) for m in _AGE.finditer(text)]
    out += [int(m.group(1)) for m in _NAME_AGE.finditer(text)]
    out += [n for m in _NAME_PAREN_AGE.finditer(text) if 13 <= (n := int(m.group(1))) <= 110]
    out += [n for m in _PLACE_AGE.finditer(text) if 13 <= (n := int(m.group(1))) <= 110]
    return tuple(n for n in out if 0 < n < 120)


def birth_dates(text: str) -> list[str]:
    out = [" ".join(m.group(1).split()) for m in _BIRTH.finditer(text)] if may_contain(text, _BIRTH_WORDS) else []
    if "b." in text or may_contain(text, ("born",)):  # what _BIRTH_PROSE needs
        out += [" ".join(next(g for g in m.groups() if g).split()) for m in _BIRTH_PROSE.finditer(text)]
    return list(dict.fromkeys(out))[:5]


def _name_list(text: str, start: int, limit: int = 12) -> list[str]:
    chunk = text[start:start + 400]
    stop = _NEXT_LABEL.search(chunk)
    if stop:
        chunk = chunk[:stop.start()]
    out = []
    for piece in _SPLIT.split(chunk):
        piece = re.sub(r"\(.*?\)|\b\d+\b|\bage\b", " ", piece, flags=re.IGNORECASE).strip(" .:-")
        words = piece.split()
        if (2 <= len(words) <= 5 and all(w[0].isupper() or len(w) <= 3 for w in words if w[0].isalpha())
                and not _FIELD_WORDS.intersection(w.lower() for w in words) and name_key(piece)):
            out.append(" ".join(words))
        elif out or len(words) >= 3:
            break  # the list has ended, or a sentence follows the label ("née Lisle, was born in ...")
        if len(out) >= limit:
            break
    return out


def relatives(text: str) -> list[str]:
    out: list[str] = []
    for m in _RELATIVES.finditer(text) if may_contain(text, _RELATIVES_WORDS) else ():
        out.extend(_name_list(text, m.end()))
    return out


def aliases(text: str) -> list[str]:
    out: list[str] = []
    for m in _AKAS.finditer(text):
        out.extend(_name_list(text, m.end()))
    return out


# The abbreviations newspapers write (AP style): "Knoxville, Tenn.", "Asheville, N.C.".
_AP_STATES = {
    "ala": "AL", "ariz": "AZ", "ark": "AR", "calif": "CA", "colo": "CO", "conn": "CT", "del": "DE", "fla": "FL", "ga": "GA",
    "ill": "IL", "ind": "IN", "kan": "KS", "ky": "KY", "la": "LA", "md": "MD", "mass": "MA", "mich": "MI", "minn": "MN",
    "miss": "MS", "mo": "MO", "mont": "MT", "neb": "NE", "nev": "NV", "nh": "NH", "nj": "NJ", "nm": "NM", "ny": "NY",
    "nc": "NC", "nd": "ND", "okla": "OK", "ore": "OR", "pa": "PA", "ri": "RI", "sc": "SC", "sd": "SD", "tenn": "TN",
    "vt": "VT", "va": "VA", "wash": "WA", "wva": "WV", "wis": "WI", "wyo": "WY",
}
_CITY_STATE_AP = re.compile(
    r"\b((?:[A-Z][A-Za-z'\-]+\s){0,2}[A-Z][A-Za-z'\-]+),\s+((?:[A-Z][a-z]{1,4}|W\.\s?Va)\.|[A-Z]\.\s?[A-Z]\.?)(?![\w.])"
)
# Words of a site's menus ("People By State, AL ..."), never of a town.
_NOT_TOWN = frozenset("people search lookup records browse by directory find".split())


def places(text: str) -> list[tuple[str, str]]:
    """(city key, state code) pairs written as ``Portland, OR`` or ``Portland, Oregon``."""
    return list(_places(text))


@lru_cache(maxsize=16)
def _places(text: str) -> tuple[tuple[str, str], ...]:
    out = []
    for m in _CITY_STATE.finditer(text) if _HAS_CODE.search(text) else ():
        out.append((city_key(m.group(1)), m.group(2)))
    for m in _CITY_STATE_NAME.finditer(text) if _HAS_STATE_NAME.search(text) else ():
        out.append((city_key(m.group(1)), STATE_BY_NAME[m.group(2).lower()]))
    for m in _CITY_STATE_AP.finditer(text) if _HAS_AP.search(text) else ():
        if code := _AP_STATES.get(re.sub(r"[^a-z]", "", m.group(2).lower())):
            out.append((city_key(m.group(1)), code))
    return tuple([p for p in out if p[1] in US_STATES and not _NOT_TOWN.intersection(p[0].split())][:100])
