"""What the planners hand to the professional spiders: plain frozen dataclasses (no Scrapy here)."""

from __future__ import annotations

from dataclasses import dataclass

from scanner.sources.professional_data import Detection


@dataclass(frozen=True)
class PageTarget:
    """One directory, NPI copy or licensing board: searched by URL, or a manual check when it cannot be."""

    source: str
    base: str                                 # profile links are followed only below this URL
    searches: tuple[str, ...] = ()            # URLs to fetch (already filled; only declared fields)
    detection: Detection | None = None
    card: str = ""
    profile_link: str = ""                    # css selector ending in ::attr(href)
    max_profiles: int = 2
    manual_url: str = ""                      # what a person opens when it cannot be checked here
    manual_reason: str = ""                   # set: no request is made; the source becomes a manual check


@dataclass(frozen=True)
class NpiTarget:
    searches: tuple[str, ...]                 # NPPES API URLs
    view_base: str                            # + "/provider-view/NPI" is the human page of a record


@dataclass(frozen=True)
class PracticeTarget:
    start_url: str
    prefixes: tuple[str, ...]                 # URLs starting with one of these belong to the site
    max_pages: int = 20
    max_depth: int = 2
    max_images: int = 25
    max_pdfs: int = 5


@dataclass(frozen=True)
class DomainTarget:
    domain: str
    rdap_url: str
    whois_url: str = ""                       # sandbox: a recorded WHOIS text over HTTP; "" = port-43 lookup
    lookup_url: str = ""                      # what a person opens to see the records (ICANN lookup)
    whois_deadline: float = 20.0
