"""Family named in prose: "she lives with her husband, Rowan", "Marisol and her husband, Rowan, celebrated",
"proud brother of Marisol", "married to Rowan", "Rowan, her husband of ten years".

Only the names of the family in the profile are looked for, and only next to a relation word: a first
name alone is the family member when the words around it say so and the relation fits the profile
(a spouse called "her brother, Rowan" is another Rowan). A first name followed by another surname
("her husband, Rowan Ellis") is another person. On a page that does not name the person it is about
(class notes, a newsletter), the phrase must follow that person's name with no other name between.

Masked names ("R***** Park") show only that a relative with that surname exists: never a relative.
"""

from __future__ import annotations

import re
from functools import lru_cache

from scanner.engine.names import NICKNAMES, NameKey, find_name, may_contain, name_key, names_match

_ROLES = {
    "spouse": "husband wife spouse partner fiance fiancé fiancee fiancée boyfriend girlfriend",
    "sibling": "brother sister sibling siblings twin brothers sisters",
    "child": "son daughter child children kid kids sons daughters stepson stepdaughter",
    "parent": "mother father mom dad mum parent parents mommy daddy stepmother stepfather stepmom stepdad",
    "other": "grandmother grandfather grandma grandpa grandparent grandparents grandson granddaughter grandchild "
             "grandchildren aunt uncle niece nephew cousin",
}
_ROLE_OF = {w: role for role, words in _ROLES.items() for w in words.split()}
_PLURAL = frozenset("siblings brothers sisters children kids sons daughters parents grandparents grandchildren".split())
_INVERSE = {"spouse": "spouse", "sibling": "sibling", "child": "parent", "parent": "child", "other": "other"}
_GROUP = {"spouse": "spouse", "partner": "spouse", "sibling": "sibling", "child": "child", "parent": "parent"}
_ROLE_ALT = "|".join(sorted(_ROLE_OF, key=len, reverse=True))
_ADJ = (r"(?:(?:late|beloved|loving|devoted|dear|wonderful|amazing|new|longtime|long-time|twin|younger|older|big|"
        r"little|baby|step|supportive|adoring|proud)\s+)?")
_LIST_ITEM = r"[A-Z][a-z'\-]+(?:\s+[A-Z][a-z'\-]+)?"
# The name after these is the family member's <role> of the person the page is about.
_BEFORE_NAMED = re.compile(
    rf"(?:\b(?i:her|his|their|my|our|with|and)|\b([A-Z][a-z'\-]+)['\u2019]s)\s+{_ADJ}(?i:({_ROLE_ALT}))(?:\s+of\s+(?:\w+\s+){{0,2}}years?)?\s*[,:]?\s*"
    rf"((?:{_LIST_ITEM},?\s+(?:and\s+)?){{0,3}})$"
)
_LABEL_NAMED = re.compile(rf"(?:^|[,;.]\s*)(?i:({_ROLE_ALT}))\s*:\s*((?:{_LIST_ITEM},?\s+(?:and\s+)?){{0,3}})$")  # "children: Ada"
_AFTER_SUBJECT = re.compile(rf"^['\u2019]s\s+{_ADJ}(?i:({_ROLE_ALT}))\b")  # "Theo's mom": the subject is Theo's mom
_AFTER_NAMED = re.compile(rf"^\s*(?:,\s*(?i:her|his|their|my|our)\s+|\(\s*(?:(?i:her|his|their)\s+)?){_ADJ}(?i:({_ROLE_ALT}))\b")
# The person the page is about is the <role> of the name after these.
_BEFORE_SUBJECT = re.compile(rf"\b(?i:({_ROLE_ALT}))\s+(?i:of|to)\s+$|\b(?i:(married|wed|marries|marrying|engaged))\s+(?i:to\s+)?$")
_ANY_ROLE = re.compile(rf"\b(?:{_ROLE_ALT}|married|wed|marries|marrying|engaged)\b", re.IGNORECASE)
_FOLLOWERS = re.compile(r"(?:\s+[A-Z]\.?)?(?:\s+[A-Z][A-Za-z'\-]+){1,2}")
_OTHER_NAME = re.compile(r"(?<!\bof )(?<!\bin )(?<!\bat )(?<!\bto )(?<!\bthe )\b[A-Z][a-z'\-]+(?:\s+[A-Z]\.?)?\s+[A-Z][a-z'\-]+\b")
_WORD_END = re.compile(r"\s+[A-Z][A-Za-z'\-]+")
_MASK = re.compile(r"[*•●■]|_{2,}|x{3,}", re.IGNORECASE)
_NEAR = 300


def masked(name: str) -> bool:
    """"R***** Park", "J•••• Q.": a name the site hides; it matches anyone with that initial."""
    return bool(_MASK.search(name))


def _first_forms(key: NameKey) -> list[str]:
    return [f for f in sorted({key.first, *NICKNAMES.get(key.first, ())}, key=len, reverse=True) if len(f) > 1]


@lru_cache(maxsize=64)
def _first_names(key: NameKey) -> re.Pattern[str]:
    return re.compile(r"(?<![\w\-])(?:" + "|".join(re.escape(f) for f in _first_forms(key)) + r")(?![\w\-])", re.IGNORECASE)


def _fits(role: str, named_is_role: bool, subject, other) -> bool:
    """Does the written relation agree with the profile? ``named_is_role``: the named person is the subject's <role>."""
    named_role = role if named_is_role else _INVERSE[role]  # the named person's role towards the page's subject
    if subject.label == "self":
        return _GROUP.get(other.relation, "any") in (named_role, "any")
    if other.label == "self":
        return _GROUP.get(subject.relation, "any") in (_INVERSE[named_role], "any")
    return True  # two family members: how they are related to each other is not in the profile


def _owner_ok(owner: str | None, subject) -> bool:
    """"Marisol's husband": the owner must be the subject (first name, short form or surname)."""
    if not owner:
        return True
    owner = owner.lower()
    return any(owner in (k.last, k.first, *NICKNAMES.get(k.first, ())) for k in subject.names)


def _relation_at(text: str, start: int, end: int, subject) -> tuple[str, bool, int, int] | None:
    """(role, named_is_role, phrase start, phrase end) for a name written at text[start:end], or None."""
    before = text[max(0, start - 80):start]
    if (m := _BEFORE_NAMED.search(before)) and (not m.group(3) or m.group(2).lower() in _PLURAL) and _owner_ok(m.group(1), subject):
        return _ROLE_OF[m.group(2).lower()], True, start - len(before) + m.start(), end
    if m := _LABEL_NAMED.search(before):
        return _ROLE_OF[m.group(1).lower()], True, start - len(before) + m.start(1), end
    if before.endswith("(") and text[end:end + 1] == ")" and _named_before(before[:-1].rstrip(), subject):
        return "spouse", True, start - 1, end + 1  # "his daughter, Marisol Park (Rowan)": an obituary's spouse
    if m := _AFTER_NAMED.match(text[end:end + 60]):
        return _ROLE_OF[m.group(1).lower()], True, start, end + m.end()
    if m := _AFTER_SUBJECT.match(text[end:end + 40]):
        return _ROLE_OF[m.group(1).lower()], False, start, end + m.end()
    if m := _BEFORE_SUBJECT.search(before):
        return (_ROLE_OF[m.group(1).lower()] if m.group(1) else "spouse"), False, start - len(before) + m.start(), end
    return None


def _named_before(text: str, subject) -> bool:
    """Does ``text`` end with the subject's name?"""
    tail = text[-80:]
    return any(len(tail) in _name_mentions(tail, key) for key in subject.names)


def _after_subject(text: str, pos: int, subject) -> bool:
    """The phrase at ``pos`` follows a mention of the subject, with no other person's name between."""
    last = None
    window = text[max(0, pos - _NEAR):pos]
    for key in subject.names:
        for m in [*_name_mentions(window, key), *_short_mentions(window, key)]:
            if last is None or m > last:
                last = m
    if last is None:
        return False
    between = text[max(0, pos - _NEAR) + last:pos]
    return not any(not is_subject(m.group(0), subject) for m in _OTHER_NAME.finditer(between))


def _short_mentions(text: str, key: NameKey) -> list[int]:
    """Where the text names the subject by first name or surname alone ("Ardcastle, who lives with her
    husband", "Jessamyn has served ... She lives with her husband"): not part of a longer name."""
    out = []
    for word in {key.first, key.last}:
        for m in re.finditer(rf"(?<![A-Za-z][\s.])(?<![\w\-]){re.escape(word.title())}(?![\w\-])(?!\s+[A-Z][a-z])", text):
            out.append(m.end())
    return out


def _name_mentions(text: str, key: NameKey) -> list[int]:
    out, start = [], 0
    while (m := find_name(text[start:], key)) is not None:
        out.append(start + m.end())
        start += m.end()
    return out


def is_subject(written: str, subject) -> bool:
    """Is ``written`` a name of ``subject`` (identity's Subject)?"""
    key = name_key(written)
    return key is not None and any(names_match(key, n) for n in subject.names)


def _written_name(text: str, start: int, end: int, other) -> str | None:
    """The family member's name as the page gives it; None when the surname after it is someone else's."""
    follow = _FOLLOWERS.match(text, end)
    if not follow:
        return other.names[0].raw or other.label
    stops = {follow.end(), *(end + t.end() for t in _WORD_END.finditer(text[end:follow.end()]))}
    for stop in sorted(stops, reverse=True):  # "Rowan J. Park", then "Rowan J."...: the longest that is them
        key = name_key(text[start:stop])
        if key is not None and any(names_match(key, n) for n in other.names):
            return " ".join(text[start:stop].split())
    return None


_SURVIVORS = re.compile(r"\b(?:survived\s+by|preceded\s+in\s+death\s+by|survivors\s+include|leaves\s+behind)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z])")  # not ";": it separates the survivors of one sentence


def _survivors_naming(text: str, pos: int, subject) -> bool:
    """Is ``pos`` in an obituary's list of survivors ("He is survived by his wife, Lena; his daughter, Marisol
    Park (Rowan) ...") that names the subject in full? Everyone in that list is family of everyone else."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text, max(0, pos - 600), pos)]
    begin = ends[-1] if ends else max(0, pos - 600)
    end = m.start() if (m := _SENTENCE_END.search(text, pos, pos + 600)) else min(len(text), pos + 600)
    sentence = text[begin:end]
    return bool(_SURVIVORS.search(sentence)) and any(_name_mentions(sentence, key) for key in subject.names)


# What _ANY_ROLE needs: one of these (an accented word's ASCII start).
_ROLE_WORDS = tuple(dict.fromkeys(w if w.isascii() else w[:5] for w in [*_ROLE_OF, "married", "wed", "marries", "marrying", "engaged"]))


@lru_cache(maxsize=8)
def _has_role(text: str) -> bool:
    return may_contain(text, _ROLE_WORDS) and bool(_ANY_ROLE.search(text))


def relation_in_text(text: str, listing_names, subject, other) -> tuple[str, str] | None:
    """(``other``'s name, the phrase that relates them) when the text says ``other`` is family of ``subject``."""
    if not any(may_contain(text, _first_forms(key)) for key in other.names) or not _has_role(text):
        return None
    named = any(names_match(k, n) for w in listing_names if (k := name_key(w)) for n in subject.names)
    for key in other.names:
        for m in _first_names(key).finditer(text):
            if not m.group(0)[0].isupper():
                continue
            found = _relation_at(text, m.start(), m.end(), subject)
            if found is None:
                continue
            role, named_is_role, phrase_at, phrase_end = found
            survivors = _survivors_naming(text, phrase_at, subject)  # roles there are the deceased's, not the subject's
            if not survivors and (not _fits(role, named_is_role, subject, other) or (not named and not _after_subject(text, phrase_at, subject))):
                continue
            written = _written_name(text, m.start(), m.end(), other)
            if written is not None:
                return written, " ".join(text[phrase_at:phrase_end].split())[:80]
    return None
