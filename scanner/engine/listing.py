"""One listing's reading: a card's visible text, structured records and links -> a :class:`Listing`.

A page is cut into :class:`Draft` listings first (:func:`scanner.engine.extract.page_drafts`); the
slow part of reading one (phone numbers, street addresses, ages, relatives) runs when ``listing()``
is first asked for. The matcher reads only the drafts that can concern someone in the profile
(:func:`scanner.engine.matcher.may_concern`); :func:`scanner.engine.extract.extract_listings` reads them all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from scanner.engine import textfields
from scanner.engine.addresses import find_addresses, parse_address
from scanner.engine.normalize import collapse, email_key, find_emails, find_phones
from scanner.engine.structured import PersonRecord

SCAN_CAP = 200_000             # characters of page text searched for phones/addresses


@dataclass(frozen=True)
class Listing:
    url: str
    names: tuple[str, ...]
    age: int | None
    birth_dates: tuple[str, ...]
    addresses: tuple[str, ...]
    phones: tuple[str, ...]
    emails: tuple[str, ...]
    relatives: tuple[str, ...]
    text: str
    place: str = ""     # "city|ST" the page's masthead or header names (locality.header_place), for streets without one


def _uniq(items, limit: int = 30) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for item in items:
        item = collapse(str(item))[:300]
        if item and item.lower() not in seen:
            seen[item.lower()] = item
        if len(seen) >= limit:
            break
    return tuple(seen.values())


@dataclass(eq=False)
class Draft:
    """What one listing is read from: its visible text, the structured records about it, the name its
    markup gives it, tel:/mailto: links and names the markup marks as relatives; ``cap``: Listing.text."""

    url: str
    given_text: str
    records: Sequence[PersonRecord]
    name: str = ""
    link_phones: Sequence[str] = ()
    link_emails: Sequence[str] = ()
    marked: Sequence[str] = ()
    cap: int = 4000
    place: str = ""
    _read: Listing | None = field(default=None, repr=False)

    @cached_property
    def merged(self) -> PersonRecord:
        r = PersonRecord()
        for rec in self.records:
            for f in ("names", "addresses", "phones", "emails", "birth_dates", "relatives", "ages"):
                getattr(r, f).extend(getattr(rec, f))
        return r

    @cached_property
    def full_text(self) -> str:
        return self.given_text or collapse(", ".join(s for rec in self.records for s in rec.text))

    @cached_property
    def scan(self) -> str:
        return self.full_text[:SCAN_CAP]

    @property
    def text(self) -> str:
        """Listing.text"""
        return self.full_text[:self.cap]

    @cached_property
    def names(self) -> tuple[str, ...]:
        r = self.merged
        return _uniq([*r.names[:1], *([self.name] if self.name else []), *r.names[1:], *textfields.aliases(self.scan[:20000])])

    @property
    def given_phones(self) -> tuple[str, ...]:
        """Listing.phones before the ones read from the text are added (the same first ones)."""
        return _uniq([*self.merged.phones, *self.link_phones])

    @cached_property
    def scan_emails(self) -> list:
        return find_emails(self.scan)

    @cached_property
    def emails(self) -> tuple[str, ...]:
        r = self.merged
        emails = [k for e in (*r.emails, *self.link_emails) if (k := email_key(e))] + [h.email for h in self.scan_emails]
        return _uniq(e.lower() for e in emails)

    def listing(self) -> Listing:
        if self._read is None:
            r, scan = self.merged, self.scan
            phones = [*r.phones, *self.link_phones, *(h.raw for h in find_phones(scan))]
            ages = r.ages or textfields.ages(scan[:20000])
            self._read = Listing(
                url=self.url,
                names=self.names,
                age=ages[0] if ages else None,
                birth_dates=_uniq([*r.birth_dates, *textfields.birth_dates(scan[:20000])]),
                addresses=_uniq([*r.addresses, *_new_addresses(r.addresses, find_addresses(scan))]),
                phones=_uniq(phones),
                emails=self.emails,
                relatives=_uniq([*r.relatives, *self.marked, *textfields.relatives(scan[:20000])]),
                text=self.text,
                place=self.place,
            )
        return self._read


def _new_addresses(known: list[str], found: list) -> list[str]:
    """Addresses read from the text that are not already among the structured ones."""
    seen = {k.street_id() + "|" + k.unit for a in known if (k := parse_address(a))}
    out = []
    for k in found:
        if k.street_id() + "|" + k.unit not in seen:
            seen.add(k.street_id() + "|" + k.unit)
            out.append(k.raw)
    return out
