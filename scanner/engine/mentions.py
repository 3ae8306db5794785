"""What a page that mentions a person among others says about that person: the sentences naming them.

A newsletter, an obituary or class notes name many people; one person's age or town is what the
sentences naming them say, not what the page says about someone else.
"""

from __future__ import annotations

import re
from dataclasses import replace

from scanner.engine import textfields
from scanner.engine.names import name_pattern, one_name
from scanner.engine.prose import is_subject

_SENTENCE_END = re.compile(r"[.!?;](?=\s+[A-Z\u201c\"])")
_TWO_NAMES = re.compile(r"\b[A-Z][a-z'\-]+\s+(?:[A-Z]\.?\s+)?[A-Z][a-z'\-]+\b")


def near_mentions(text: str, place: str, subject, index, facts):
    """On a page that mentions the subject among others, their age, birth date and town are what the
    sentences naming them say, up to the next person named (by full name, or by first name once the page
    has given the full name): another person's age or town elsewhere on the page says nothing about them.
    Their town may be named alone ("of Corvallis") when the page (``place``: its header's) is in that state.
    ``subject``, ``index`` and ``facts`` are identity's Subject, ProfileIndex and Facts (which imports this);
    returns ``facts`` with the ages, birth dates and places so read."""
    spans = []
    for key in subject.names:
        spans += [(m.start(), m.end()) for m in name_pattern(key).finditer(text) if is_subject(one_name(m.group(0)), subject)]
        spans += [(m.start(), m.end()) for m in re.finditer(rf"\b{re.escape(key.first.title())}\b(?!\s+[A-Z])", text)]
    others = [rf"\b{re.escape(k.first.title())}\b" for o in index.subjects if o.label != subject.label for k in o.names]
    other = re.compile("|".join(others)) if others else None
    sentences, own = [], []  # the sentences naming them (their town), and those cut at the next person (their age)
    for start, end in sorted(spans)[:20]:
        before = [m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 200), start + 2) if m.end() <= start]
        begin, stop = before[-1] if before else max(0, start - 200), min(end + 240, len(text))
        if m := _SENTENCE_END.search(text, end, stop):
            stop = m.start()
        sentences.append(text[begin:stop])
        stop = min(end + 300, len(text))  # their age may follow in the next sentences ("... Born 1990."), up to another person
        for rx in (other, _TWO_NAMES):
            if rx is not None and (m := next((m for m in rx.finditer(text, end, stop) if _another_person(text, m, subject)), None)):
                stop = m.start()
            if rx is not None and any(_another_person(text, m, subject) for m in rx.finditer(text, begin, start)):
                begin = start  # another person named before them in the sentence: what precedes is about that person
        own.append(text[begin:stop])
    mine, said = " … ".join(own), " … ".join(sentences)
    places = textfields.places(said)
    page_states = {p.partition("|")[2] for p in (place,) if p} | {st for _, st in places}
    for city, state, _ in index.places:  # "of Corvallis" on a page from Oregon
        if state in page_states and re.search(rf"\b{re.escape(city)}\b", said, re.IGNORECASE):
            places.append((city, state))
    return replace(facts, ages=tuple(dict.fromkeys(textfields.ages(mine))), birth_dates=tuple(textfields.birth_dates(mine)),
                   places=tuple(dict.fromkeys(places)))


_HOUSE_NUMBER = re.compile(r"\d+\s+(?:[NSEW]{1,2}\.?\s+)?$")


def _another_person(text: str, m: re.Match[str], subject) -> bool:
    """A name that is not the subject's; "1600 Stout St" is a street, not a person."""
    return not is_subject(m.group(0), subject) and not _HOUSE_NUMBER.search(text, max(0, m.start() - 12), m.start())
