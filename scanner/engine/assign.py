"""Structured persons (JSON-LD, microdata) -> the visible cards that show them.

Structured data adds to what the page shows, it never replaces it: each structured person is merged
into the card that shows that person's name; among namesake cards, into the one whose title and
details agree best (see :func:`assign_records`). A person no card shows stays a listing of its own.

Before that, records about one person written twice (JSON-LD and microdata) are merged: same name,
same first address, and nothing that tells them apart (phones, birth dates, ages).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from scanner.engine import textfields
from scanner.engine.names import NameKey, name_key
from scanner.engine.structured import PersonRecord
from scanner.engine.textnorm import fold


def _key(names: Sequence[str]) -> NameKey | None:
    return next((k for n in names if (k := name_key(n))), None)


def _agreement(rec: PersonRecord, text: str, digits: str) -> int:
    score = sum(1 for p in rec.phones if len(d := re.sub(r"\D", "", p)) >= 7 and d[-7:] in digits)
    score += sum(1 for e in rec.emails if e and fold(e) in text)
    score += sum(1 for a in rec.addresses if (head := " ".join(fold(a).split()[:2])) and head in text)
    score += sum(1 for r in rec.relatives if len(r) > 3 and fold(r) in text)
    return score


def _ages_conflict(rec: PersonRecord, text: str) -> bool:
    shown = set(textfields.ages(text[:2000]))
    return bool(rec.ages and shown and not any(abs(a - b) <= 1 for a in rec.ages for b in shown))


def assign_records(
    records: Sequence[PersonRecord], count: int, card_names: Callable[[int], list[str]], card_text: Callable[[int], str]
) -> tuple[dict[int, PersonRecord], list[PersonRecord]]:
    """({card index: person}, persons no card shows) for ``count`` cards; names and texts are read lazily.

    ``card_names(i)``: the names card i shows as its title (its heading, its first line). A card is a
    candidate when a title has the person's first and last name, or the text has the full name; the
    best candidate: a title with the same name, then the same middle names too, then the most agreeing
    details (phones, emails, addresses, relatives), then the first in the page. A card that shows
    another age is not a candidate.
    """
    titles: dict[int, list[NameKey]] = {}
    texts: dict[int, tuple[str, str]] = {}
    taken: dict[int, PersonRecord] = {}
    rest: list[PersonRecord] = []
    for rec in records:
        key = _key(rec.names)
        best, best_score = -1, (False, False, -1, 0)
        for i in range(count if key else 0):
            if i in taken:
                continue
            if i not in titles:
                titles[i] = [k for n in card_names(i) if n and (k := name_key(n))]
                text = card_text(i)
                texts[i] = (fold(text), re.sub(r"\D", "", text))
            same = [k for k in titles[i] if k.first == key.first and k.last == key.last]
            text, digits = texts[i]
            if (not same and fold(rec.names[0]) not in text) or _ages_conflict(rec, text):
                continue
            score = (bool(same), any(k.middle == key.middle for k in same), _agreement(rec, text, digits), -i)
            if score > best_score:
                best, best_score = i, score
        if best >= 0:
            taken[best] = rec
        else:
            rest.append(rec)
    return taken, rest

_FIELDS = ("names", "addresses", "phones", "emails", "birth_dates", "relatives", "ages", "text")


def _differ(a: PersonRecord, b: PersonRecord) -> bool:
    """True when two same-named records show different people (namesakes)."""
    pa, pb = ({re.sub(r"\D", "", p)[-10:] for p in r.phones} - {""} for r in (a, b))
    if pa and pb and not pa & pb:
        return True
    ya, yb = ({d[:4] for d in r.birth_dates if d[:4].isdigit()} for r in (a, b))
    return bool((ya and yb and not ya & yb) or (a.ages and b.ages and not set(a.ages) & set(b.ages)))


def dedupe(records: list[PersonRecord]) -> list[PersonRecord]:
    out: list[PersonRecord] = []
    seen: dict[tuple, list[PersonRecord]] = {}
    for r in records:
        key = (r.names[0].lower() if r.names else "", tuple(a.lower() for a in r.addresses[:1]))
        same = next((prev for prev in seen.get(key, []) if not _differ(prev, r)), None) if key[0] else None
        if same is not None:
            for f in _FIELDS:
                getattr(same, f).extend(getattr(r, f))
            continue
        seen.setdefault(key, []).append(r)
        out.append(r)
    return out
