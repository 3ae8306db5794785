"""Person names: parse to a key, compare with nicknames and initials, find in free text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from scanner.engine.textnorm import fold

_NICKNAME_GROUPS = (
    "robert bob bobby rob robbie bert", "william bill billy will willie liam", "richard rick ricky dick rich",
    "elizabeth liz lizzie beth betsy betty eliza libby", "katherine catherine kathryn kate katie kathy cathy kat",
    "margaret maggie meg peggy marge margie greta", "james jim jimmy jamie", "john jack johnny jon",
    "jonathan jon jonny nathan", "michael mike mikey mick", "christopher chris topher kit", "christine chris chrissy tina",
    "christina chris tina", "joseph joe joey", "thomas tom tommy", "charles charlie chuck chas", "daniel dan danny",
    "matthew matt matty", "anthony tony", "andrew andy drew", "joshua josh", "david dave davey", "steven steve stevie",
    "stephen steve stevie", "edward ed eddie ted ned", "benjamin ben benny", "samuel sam sammy", "alexander alex al xander",
    "alexandra alex alexa sandra lexi", "nicholas nick nicky", "patricia pat patty trish tricia", "patrick pat paddy",
    "jennifer jen jenny", "jessica jess jessie", "rebecca becky becca", "susan sue susie suzy", "deborah debbie deb debra",
    "victoria vicky tori", "abigail abby gail", "samantha sam sammie", "jacqueline jackie", "theodore ted teddy theo",
    "timothy tim timmy", "gregory greg", "kenneth ken kenny", "ronald ron ronnie", "donald don donnie",
    "raymond ray", "lawrence larry", "gerald gerry jerry", "jeffrey jeff", "geoffrey geoff jeff", "peter pete",
    "frederick fred freddie", "henry hank harry", "harold harry hal", "walter walt", "albert al bert",
    "francis frank fran", "frances fran frannie", "dorothy dot dottie", "judith judy", "barbara barb barbie",
    "cynthia cindy", "pamela pam", "sandra sandy", "kimberly kim", "melissa missy mel", "amanda mandy",
    "nancy nan", "ann anne annie nan", "anna annie", "mary molly polly mae", "sarah sara sally",
    "zachary zach zack", "nathaniel nate nathan nat", "leonard leo len lenny", "eugene gene", "vincent vince vinny",
    "douglas doug", "phillip phil", "philip phil", "randall randy", "russell russ", "stanley stan",
    "virginia ginny ginger", "evelyn evie eve", "allison ali allie", "alison ali allie", "eleanor ellie nora",
    "madeline maddie maddy", "gabriel gabe", "gabrielle gabby elle", "isabella bella izzy", "olivia liv livvy",
    "joanna jo joanne", "josephine jo josie", "jordan jordy", "avery ave", "quentin quinn", "valerie val",
)
NICKNAMES: dict[str, frozenset[str]] = {}
for _group in _NICKNAME_GROUPS:
    _names = _group.split()
    for _n in _names:
        NICKNAMES[_n] = NICKNAMES.get(_n, frozenset()) | frozenset(_names)

_TITLES = {"dr", "mr", "mrs", "ms", "miss", "mx", "prof", "rev"}
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "v"}
_CREDENTIALS = {
    "phd", "psyd", "md", "lcsw", "lpc", "lmft", "lmhc", "lpcc", "msw", "ma", "ms", "med", "edd", "ncc",
    "lcpc", "licsw", "lmsw", "rn", "np", "pmhnp", "do", "mft", "lpca", "lcat", "atr", "bc", "cadc",
}


@dataclass(frozen=True)
class NameKey:
    first: str
    last: str
    middle: tuple[str, ...] = ()
    raw: str = field(default="", compare=False)

    @property
    def full(self) -> str:
        return " ".join((self.first, *self.middle, self.last))


_TOKEN_SPLIT = re.compile(r"[^a-z0-9'\-]+")


def _tokens(text: str) -> list[str]:
    return [t for t in _TOKEN_SPLIT.split(fold(text).replace("’", "'")) if t.strip("'-")]


def name_key(text: str) -> NameKey | None:
    """``"Dr. Avery J. Quinlan, LCSW"`` / ``"QUINLAN, Avery J"`` -> NameKey(avery, quinlan, (j,))."""
    return _name_key(text[:200])


@lru_cache(maxsize=8192)
def _name_key(text: str) -> NameKey | None:  # pure: the same strings come back for every listing and subject
    head, _, tail = text.partition(",")
    tail_tokens = _tokens(tail)
    if tail and tail_tokens and not all(t in _CREDENTIALS | _SUFFIXES for t in tail_tokens):
        head_tokens = _tokens(head)
        if 1 <= len(head_tokens) <= 2 and len(tail_tokens) <= 3:
            tokens = tail_tokens + head_tokens  # "Last, First Middle"
        else:
            tokens = _tokens(head)
    else:
        tokens = _tokens(head)
    tokens = [t for t in tokens if t not in _TITLES and t not in _CREDENTIALS and t not in _SUFFIXES] or tokens
    tokens = [t for t in tokens if not t.isdigit()]
    if len(tokens) < 2:
        return None
    if tokens[-1] in _SUFFIXES:
        tokens = tokens[:-1]
    return NameKey(first=tokens[0], last=tokens[-1], middle=tuple(tokens[1:-1]), raw=" ".join(text.split()))


@dataclass(frozen=True)
class NameMatch:
    level: str     # "exact" | "nickname" | "initial"
    score: float   # 0..1 strength of the name evidence alone
    reason: str


def _same_last(a: str, b: str) -> bool:
    if a == b:
        return True
    pa, pb = set(a.split("-")), set(b.split("-"))
    return len(pa | pb) > 2 and bool(pa & pb) if ("-" in a or "-" in b) else False


def names_match(page: NameKey, mine: NameKey) -> NameMatch | None:
    """Does a name written on a page refer to the same name as ``mine``? (None: different names.)"""
    if not _same_last(page.last.replace("'", ""), mine.last.replace("'", "")):
        return None
    if page.middle and mine.middle:
        pm, mm = page.middle[0], mine.middle[0]
        if pm[0] != mm[0] or (len(pm) > 1 and len(mm) > 1 and pm != mm):
            return None  # different middle names: a different person
    pf, mf = page.first, mine.first
    if pf == mf:
        return NameMatch("exact", 1.0, f"name {page.raw or page.full} matches")
    if pf in NICKNAMES.get(mf, ()):
        return NameMatch("nickname", 0.85, f"name {page.raw or page.full} matches ({pf} is a short form of {mf})")
    if len(pf) == 1 and pf == mf[0]:
        return NameMatch("initial", 0.6, f"name {page.raw or page.full} matches your initial and last name")
    return None


def _first_forms(first: str) -> list[str]:
    return sorted({first, *NICKNAMES.get(first, ())}, key=len, reverse=True)


# Case-sensitive even inside an IGNORECASE pattern: "Morgan Quinlan, Avery" is two people, "that QUINLAN, AVERY" one.
_NOT_AFTER_NAME = "(?-i:" + "".join(rf"(?<![A-Z][a-z]{{{n}}}\s)" for n in range(1, 12)) + ")"


@lru_cache(maxsize=256)
def name_pattern(mine: NameKey) -> re.Pattern[str]:
    """A regex finding ``mine`` in text: First [Middle] Last, nicknames, and ``Last, First``.

    ``Last, First`` is not taken after a capitalised word: in "Morgan Quinlan, Avery Smith" the
    comma separates two people; nor before the last name again ("index: Quinlan, Avery J Quinlan").
    """
    firsts = "|".join(re.escape(f) for f in _first_forms(mine.first))
    last = _last(mine)
    middle = r"(?:\s+[a-z]\.?|\s+(?!and\b)[a-z][a-z'\-]+){0,2}"
    couple = r"\s+(?:and|&)\s+[a-z][a-z'\-]+"  # "Marisol and Rowan Park", "Park, Rowan & Marisol": a couple
    return re.compile(
        rf"(?<![\w\-])(?:(?:{firsts})(?:{couple}|{middle})\s+{last}|"
        rf"{_NOT_AFTER_NAME}{last}\s*,\s*(?:[a-z][a-z'\-]+\s+(?:and|&)\s+)?(?:{firsts})(?!{middle}\s+{last}\b))(?![\w\-])",
        re.IGNORECASE,
    )


_PARTNER_BEFORE = re.compile(r",\s*[\w'\-]+\s+(?:and|&)\s+", re.IGNORECASE)   # "Park, Rowan & Marisol"
_PARTNER_AFTER = re.compile(r"\s+(?:and|&)\s+[\w'\-]+", re.IGNORECASE)       # "Marisol and Rowan Park"


def _without_partner(written: str) -> str:
    """One person's name out of a couple's: "Marisol and Rowan Park" -> "Marisol Park"."""
    if _PARTNER_BEFORE.search(written):
        return _PARTNER_BEFORE.sub(", ", written, count=1)
    return _PARTNER_AFTER.sub("", written, count=1)


def one_name(written: str) -> str:
    """A name found in a text, as one person's name in reading order: "Park, Marisol & Rowan" -> "Rowan Park"."""
    if not re.search(r"\s(?:and|&)\s", written, re.IGNORECASE):
        return written
    last, comma, first = _without_partner(written).partition(",")
    return f"{first.strip()} {last.strip()}" if comma else last


def _last(mine: NameKey) -> str:
    return re.escape(mine.last).replace(r"\-", r"[\-\s]")


@lru_cache(maxsize=256)
def _last_pattern(mine: NameKey) -> re.Pattern[str]:
    """The last name alone, as name_pattern writes it: text without it has no match (and is searched faster)."""
    return re.compile(_last(mine), re.IGNORECASE)


# The letters an IGNORECASE search also takes for "s" and "i" (the Kelvin sign's lower case is "k" already).
_ODD_CASES = str.maketrans({"\u017f": "s", "\u0131": "i", "\u0130": "i"})


@lru_cache(maxsize=16)
def lowered(text: str) -> str:
    """``text`` in lower case, where an IGNORECASE search for an ASCII word can match only where the word is."""
    if "\u017f" in text or "\u0131" in text or "\u0130" in text:  # str.translate is slow on text that is not ASCII
        text = text.translate(_ODD_CASES)
    return text.lower()


def may_contain(text: str, words) -> bool:
    """False only when an IGNORECASE search for any of ``words`` cannot match in ``text`` (a cheap guard);
    True for no words (an empty alternation matches anywhere)."""
    low = None
    if not words:
        return True
    for word in words:
        if not word.isascii():
            return True
        low = low if low is not None else lowered(text)
        if word.lower() in low:
            return True
    return False


@lru_cache(maxsize=64)
def find_name(text: str, mine: NameKey) -> re.Match[str] | None:
    """First place ``mine`` is written in ``text`` (middle names must not contradict)."""
    if not may_contain(text, [min(mine.last.split("-"), key=len)]) or not _last_pattern(mine).search(text):
        return None
    for m in name_pattern(mine).finditer(text):
        key = name_key(_without_partner(m.group(0)))
        if key is not None and names_match(key, mine) is not None:
            return m
    return None
