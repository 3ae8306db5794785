"""What the spiders hand to the scanner core: plain frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageItem:
    """One fetched page with results on it, tagged with where it came from."""

    site: str
    url: str
    subject: str          # who the search was for: "self" or a family member's name
    page_kind: str        # "results" | "detail"
    html: str
    card_selector: str


@dataclass(frozen=True)
class SiteOutcome:
    site: str
    status: str
    detail: str
    search_url: str       # the first search URL: what a person opens to check by hand
    pages: int
