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
    fetched: str = ""     # the day the page was fetched (YYYY-MM-DD): ages on it are true on that day
    searched: str = ""    # what its search typed into the site's form (the URL says the rest): echoes are no findings


@dataclass(frozen=True)
class SiteOutcome:
    site: str
    status: str
    detail: str
    search_url: str       # the first search URL: what a person opens to check by hand
    pages: int
    fetched_with: str = ""   # "http" or "browser" (a site retried in the browser counts as browser); "" not fetched


@dataclass(frozen=True)
class RecordItem:
    """A structured record from a source (an NPI result, an RDAP reply, a WHOIS text, a PDF's metadata)."""

    site: str
    url: str              # where a person can see the record (the human page, not the API call)
    kind: str             # "npi" | "rdap" | "whois" | "pdf_metadata"
    data: dict
    subject: str = "self"


@dataclass(frozen=True)
class MediaItem:
    """An image downloaded as raw bytes (metadata intact), tagged with the page it was found on."""

    site: str
    url: str
    data: bytes
    page_url: str = ""
    subject: str = "self"


@dataclass(frozen=True)
class AccountItem:
    """A username check that found an account (spiders/usernames)."""

    site: str             # the source id it counts towards ("social-instagram", "social-others")
    platform: str         # the username site's id
    platform_name: str
    subject: str          # "self" or the family member's name
    username: str
    url: str              # the account's public page
