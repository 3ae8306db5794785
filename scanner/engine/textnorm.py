"""Small text helpers shared by the normalisers (no third-party imports)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from scanner.profile import US_STATES

STATE_BY_NAME = {name.lower(): code for code, name in US_STATES.items()}
_CITY_ABBR = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}


def collapse(text: str) -> str:
    """Whitespace-collapsed, NUL-free text."""
    return " ".join(text.replace("\x00", " ").split())  # str.split: the whitespace of re's \s (str.isspace), faster


def fold(text: str) -> str:
    """Lower case, accents removed (``José`` -> ``jose``), whitespace collapsed."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return collapse(text).lower()


def state_code(text: str) -> str:
    """``"OR"``, ``"or"``, ``"Oregon"`` -> ``"OR"``; anything else -> ``""``."""
    t = fold(text).replace(".", "").strip(" ,")
    if t.upper() in US_STATES:
        return t.upper()
    return STATE_BY_NAME.get(t, "")


@lru_cache(maxsize=4096)
def city_key(text: str) -> str:
    """Comparable city: lower case, ``St.``/``Saint``, ``Mt``/``Mount``, ``Ft``/``Fort`` unified."""
    t = re.sub(r"[^a-z0-9 ]", " ", fold(text))
    return " ".join(_CITY_ABBR.get(w, w) for w in t.split())
