"""The city a page is about, from its masthead, header or profile line, for the addresses below it.

A neighbourhood newsletter names its city once, in the masthead, and then thanks "the Parks (812 SE
Alder)"; a marketplace profile says "Portland, OR" under the seller's name and "pick up at 812 SE
Alder St" further down. Such a street has no city of its own: the page's city is its city.

- :func:`header_place` reads the place from the page's header (``<header>``, masthead/banner/profile
  classes, the lines around the ``<h1>``, the title) or from the first lines of the text. A header
  that names several cities names none.
- :func:`street_mentions` finds a profile street in prose, with or without its street type, cut
  right after the street ("812 SE Alder) for hosting": the words after it are not the street's).
- :func:`with_place` gives a street without a locality the page's city and state. A "city" that
  usaddress read out of prose ("St. Cash only", "after 5pm") is not a locality.
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache

from lxml import etree

from scanner.engine import textfields
from scanner.engine.addresses import (
    _DIR_RE,
    _ORDINALS,
    DIRECTIONS,
    STREET_RE,
    SUFFIXES,
    AddressKey,
    _window,
    parse_address,
)
from scanner.engine.textnorm import collapse

HEADER_REASON = "city (from the page's header)"
# "(@class or @id) and": the translations are made only for the elements that have one (the others cannot match).
_HEADERS = etree.XPath(
    "//header | //*[(@class or @id) and (contains(translate(concat(@class,' ',@id),'MASTHEADBNRPOFILCTNYG','mastheadbnrpofilctnyg'),'masthead')"
    " or contains(translate(concat(@class,' ',@id),'MASTHEADBNRPOFILCTNYG','mastheadbnrpofilctnyg'),'banner')"
    " or contains(translate(concat(@class,' ',@id),'MASTHEADBNRPOFILCTNYG','mastheadbnrpofilctnyg'),'profile-head')"
    " or contains(translate(concat(@class,' ',@id),'MASTHEADBNRPOFILCTNYG','mastheadbnrpofilctnyg'),'dateline'))]"
)
_ORDINAL_WORDS = {v: k for k, v in _ORDINALS.items()}
_PIECES = re.compile(r"\s[·|•]\s|(?<=\b[A-Z])\.\s")  # "Marisol P. Portland, OR · Spring 2025": the place alone


def _one_place(text: str) -> str | None:
    """"portland|OR" when ``text`` names one city; "" when it names several; None when none."""
    found = {f"{city}|{state}" for piece in _PIECES.split(text) for city, state in textfields.places(piece) if city}
    if len(found) == 1:
        return found.pop()
    return "" if found else None


def header_place(root: etree._Element, meta: dict[str, str], text: str, element_text) -> str:
    """The page's own place as "city|ST" (city as textnorm.city_key writes it), or ""."""
    sources: list[str] = [element_text(el, 400) for el in _HEADERS(root)[:5]]
    for h1 in root.iter("h1"):
        parts = [element_text(h1, 200)]
        for sib in h1.itersiblings():
            if len(parts) > 2:
                break
            parts.append(element_text(sib, 200))
        sources.append(", ".join(parts))
        break
    sources += [meta.get("title", ""), meta.get("og:title", ""), text[:300]]
    for source in sources:
        place = _one_place(source) if source else None
        if place is not None:
            return place
    return ""


def text_place(text: str) -> str:
    """A card's or record's own place: its first lines name one city."""
    return _one_place(text[:300]) or ""


@lru_cache(maxsize=64)
def _street_pattern(key: AddressKey) -> re.Pattern[str]:
    words = []
    for word in key.street.split():
        forms = [re.escape(word)] + ([re.escape(_ORDINAL_WORDS[word])] if word in _ORDINAL_WORDS else [])
        if word in ("saint", "mount", "fort"):
            forms.append({"saint": "st", "mount": "mt", "fort": "ft"}[word] + r"\.?")
        words.append("(?:" + "|".join(forms) + ")")
    suffixes = "|".join(sorted((v for v, std in SUFFIXES.items() if std == key.suffix), key=len, reverse=True)) if key.suffix else ""
    return re.compile(
        rf"(?<![\w.\-/$]){re.escape(key.number)}\s+(?:({_DIR_RE})\s+)?" + r"[\s\-]+".join(words)
        + (rf"(?:\s+({suffixes})\b\.?)?" if suffixes else "") + rf"(?:\s+({_DIR_RE})\b\.?)?",
        re.IGNORECASE,
    )


_NEXT_WORD = re.compile(r"\s*([A-Za-z][\w'\-]*)")
_AFTER = re.compile(r"[\s,.]*([A-Z0-9#])?")


def street_mentions(text: str, mine: AddressKey, limit: int = 10) -> list[AddressKey]:
    """``mine``'s street written in ``text`` as a street ("812 SE Alder", "812 Southeast Alder St."), each cut
    after the street. A following word that continues the street ("Alder Creek", "Alder Ct") makes it another."""
    out: list[AddressKey] = []
    for m in _street_pattern(mine).finditer(text):
        has_suffix = bool(mine.suffix and m.group(2))
        nxt = _NEXT_WORD.match(text, m.end())
        if nxt and not text[m.end():nxt.start(1)].strip():
            word = nxt.group(1)
            if word.lower() in SUFFIXES or (word[0].isupper() and not has_suffix and not _is_locality(text, nxt.start(1))):
                continue  # "Alder Ct", "Alder Creek", "Alder Grove": another street
        pre = (m.group(1) or "").lower().replace(".", "").replace(" ", "")
        post = (m.group(3 if mine.suffix else 2) or "").lower().replace(".", "").replace(" ", "")
        after = _AFTER.match(text, m.end())
        parsed = parse_address(_window(text, m.start())) if after and after.group(1) else None  # a city, unit or ZIP may follow
        local = parsed if parsed is not None and parsed.street == mine.street and not _junk_city(parsed) else None
        out.append(AddressKey(
            number=mine.number, street=mine.street, directional=DIRECTIONS.get(pre, "") + DIRECTIONS.get(post, ""),
            suffix=SUFFIXES.get(m.group(2).lower().rstrip("."), "") if has_suffix else "",
            unit=local.unit if local else "", city=local.city if local else "", state=local.state if local else "",
            zip5=local.zip5 if local else "", raw=local.raw if local and local.city else collapse(m.group(0)),
        ))
        if len(out) >= limit:
            break
    return out


def _is_locality(text: str, start: int) -> bool:
    """After a complete street, a capitalised word is its city when a state or ZIP follows ("... St Portland OR")."""
    return bool(textfields.places(text[start:start + 60])) or bool(re.match(r"[A-Za-z .'\-]{2,30}\s\d{5}\b", text[start:start + 60]))


def _junk_city(key: AddressKey) -> bool:
    """A "city" usaddress read out of prose: no state or ZIP after it, and written in lower case somewhere."""
    if not key.city or key.state or key.zip5:
        return False
    words = re.findall(r"[A-Za-z][A-Za-z'\-]*", key.raw)
    city_words = set(key.city.split())
    return any(w.lower() in city_words and w.islower() for w in words)


def street_only(key: AddressKey) -> str:
    """The street of ``key`` as written, without the words after it ("812 SE Alder St after 5pm.")."""
    street = key.raw.split(",")[0].strip()
    if m := STREET_RE.match(street):
        return m.group(0)
    if m := re.match(rf"{re.escape(key.number)}\s+(?:[NSEW]{{1,2}}\.?\s+|(?:north|south)?(?:east|west)?\s+)?"
                     + r"\s+".join(re.escape(w) for w in key.street.split()) + r"\b", street, re.IGNORECASE):
        return m.group(0)  # "2417 NW Tamarack at 6.": no street type, the street's words only
    return street


def with_place(key: AddressKey, place: str) -> AddressKey | None:
    """``key`` with the page's city and state when it has no locality of its own; None when it needs none.
    Without a place to give it, the street at least loses the prose after it ("... Ln from 7:30.")."""
    if key.state or key.zip5 or (key.city and not _junk_city(key)):
        return None
    if not place:
        street = street_only(key)
        return dataclasses.replace(key, raw=street) if street != key.raw else None
    city, state = place.split("|")
    return dataclasses.replace(key, city=city, state=state, raw=f"{street_only(key)}, {city.title()}, {state}")
