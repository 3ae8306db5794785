"""The plan's data types: tasks, their links and letters, source info, and the buckets findings fall in.

Plain frozen dataclasses and a few pure helpers; everything else in scanner.plan builds on these.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass
from typing import Protocol

from scanner.profile import Profile

SAFE_ID = re.compile(r"^[a-z0-9][a-z0-9_.:-]{0,62}$")
PEOPLE_SEARCH = "people_search"


@dataclass(frozen=True)
class Letter:
    subject: str
    body: str                     # plain text: paste it into a form, or print it
    to_email: str | None          # where to send it (the catalog's opt-out address), if any
    mailto_url: str | None        # mailto: link with subject and body (None: too long or no address)
    law: str                      # the law the letter relies on ("" = a plain request)
    state: str = ""               # the user's home state (two letters), "" if unknown
    notes: tuple[str, ...] = ()   # for the user only, not part of the letter


class FindingLike(Protocol):
    """scanner.engine.matcher.Finding or scanner.history.store.StoredFinding."""

    kind: str
    subject: str
    value: str
    severity: str
    source_url: str
    site: str

    @property
    def fingerprint(self) -> str: ...


@dataclass(frozen=True)
class SourceInfo:
    """What we know about a source id: its family (scanner.sources.families) and our display name."""

    family: str
    name: str
    url: str = ""    # an https page of ours to start from (contact / privacy page), optional


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class CheckItem:
    """One site of the list of sites to check by hand."""

    name: str
    why: str          # our sentence: why we could not search it
    url: str          # where to search it by hand ("" if we have no link)
    optout_url: str = ""


@dataclass(frozen=True)
class Task:
    key: str                          # stable across scans: "optout:peoplefinders", "setting:facebook:self", ...
    kind: str                         # optout | manual_check | setting | hardening
    title: str
    why: str                          # a plain sentence built from kinds and our site names
    fingerprints: tuple[str, ...]     # the findings this task addresses
    sites: tuple[str, ...]            # source ids involved (listed storefronts, or the unchecked site)
    site_names: tuple[str, ...]       # their names, from the catalog or the source families
    severity: str                     # the worst severity among the findings ("" for manual checks)
    impact: float                     # for ordering: severity-weighted count of the findings
    links: tuple[Link, ...]           # opt-out / settings / search pages (our data)
    methods: tuple[str, ...]          # opt-out methods (web_form, email, ...)
    steps: tuple[str, ...]
    asks_for: tuple[str, ...] = ()
    dont_give: tuple[str, ...] = ()
    processing_days: int = 0
    recheck_days: int = 0
    company: str = ""                 # who a request goes to
    email_to: str = ""                # the catalog's opt-out email address, when email is a method
    covers: tuple[str, ...] = ()      # sibling sites the same request is meant to cover
    listing_urls: tuple[str, ...] = ()
    letter: Letter | None = None
    tier: str = ""                    # its place in the plan (scanner/plan/rank.py)
    checklist: tuple[CheckItem, ...] = ()   # the list of sites to check by hand: one entry per site

    @property
    def urls(self) -> tuple[str, ...]:
        return tuple(link.url for link in self.links)


@dataclass
class Bucket:
    key: str
    kind: str
    ref: tuple[str, ...]              # what builds it: ("optout", group) / ("setting", platform, subject) / ...
    findings: dict[str, FindingLike] = dataclasses.field(default_factory=dict)


def subject_key(subject: str, profile: Profile) -> tuple[str, str]:
    """("self", "") / ("fam-<hash>", relation) / ("other", "") for a finding's subject."""
    if subject == "self":
        return "self", ""
    for member in profile.family:
        if member.name.casefold() == str(subject).casefold():
            digest = hashlib.sha256(member.name.casefold().encode("utf-8")).hexdigest()[:8]
            return f"fam-{digest}", member.relation or "other"
    return "other", ""


def is_known(site: str, ctx) -> bool:
    """A source we have our own name for (catalog or source families)."""
    return isinstance(site, str) and bool(site) and (site in ctx.sites or site in ctx.info)


def family_of(site: str, ctx) -> str:
    """A source's family (scanner.sources.families): catalog sites are people-search sites."""
    if site in ctx.info:
        return ctx.info[site].family
    if site in ctx.sites:
        return PEOPLE_SEARCH
    return "other"


def unique_asks(items) -> tuple[str, ...]:
    """What a form may ask for, each thing once: "an email address", "an email address, to click a
    confirmation link" and "an email address for the confirmation link" are one thing (the first wording stays)."""
    out: dict[str, str] = {}
    for item in items:
        core = re.split(r",| for | to (?:click|receive)| if ", item.casefold(), maxsplit=1)[0]
        core = re.sub(r"\b(your|the|a|an)\b", "", core)
        out.setdefault(" ".join(core.split()), item)
    return tuple(out.values())


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:40]


def safe_id(site: str) -> str:
    if isinstance(site, str) and SAFE_ID.match(site):
        return site
    return "src-" + hashlib.sha256(str(site).encode("utf-8", "replace")).hexdigest()[:8]
