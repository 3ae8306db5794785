"""The generic catalog spider: runs every search of every selected catalog entry.

It fetches, classifies, follows result links within bounds and yields pages; it decides nothing
about identity. Each site ends with exactly one status.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from typing import Callable

import scrapy
from scrapy import signals

from spiders.catalog import Site
from spiders.detection import BLOCKED, ERROR, SKIPPED, Verdict, classify, combine
from spiders.items import PageItem, SiteOutcome
from spiders.query import Query


class CatalogSpider(scrapy.Spider):
    name = "catalog"

    def __init__(self, sites: tuple[Site, ...], bases: dict[str, str], queries: list[Query],
                 on_site_done: Callable[[SiteOutcome], None] | None = None, **kwargs):
        super().__init__(**kwargs)
        self.sites = {s.id: s for s in sites}
        self.bases = bases
        self.queries = queries
        self.on_site_done = on_site_done
        self.pending: dict[str, int] = defaultdict(int)
        self.pages: dict[str, int] = defaultdict(int)
        self.verdicts: dict[str, list[Verdict]] = defaultdict(list)
        self.details_followed: dict[str, set[str]] = defaultdict(set)
        self.page_digests: dict[str, set[str]] = defaultdict(set)
        self.outcomes: dict[str, SiteOutcome] = {}
        self.first_url: dict[str, str] = {}
        self.close_reason = ""
        for q in queries:
            self.first_url.setdefault(q.site, q.url)

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.closed_by_engine, signal=signals.spider_closed)
        return spider

    async def start(self):
        for site_id, site in self.sites.items():
            if not site.enabled:
                self._finish(site_id, Verdict(SKIPPED, f"not searched automatically: {site.disabled_reason}"))
            elif not any(q.site == site_id for q in self.queries):
                self._finish(site_id, Verdict(SKIPPED, "the profile has none of the details this site searches by"))
        for query in self.queries:
            yield self._request(query.url, query.site, query.subject, "results", self.parse_search)

    def _request(self, url: str, site_id: str, subject: str, kind: str, callback) -> scrapy.Request:
        self.pending[site_id] += 1
        self.pages[site_id] += 1
        return scrapy.Request(
            url,
            callback=callback,
            errback=self.failed,
            dont_filter=True,
            meta={"site": site_id, "subject": subject, "page_kind": kind, "download_slot": site_id},
        )

    def parse_search(self, response):
        site_id = response.meta["site"]
        site = self.sites[site_id]
        verdict = classify(response.status, _text(response), site.detection)
        self.verdicts[site_id].append(verdict)
        if verdict.status == "RESULTS":
            if self._new_page(site_id, response):
                yield self._page(response, site, "results", site.extraction.card)
            yield from self._follow_details(response, site)
        self._done_one(site_id)

    def parse_detail(self, response):
        site_id = response.meta["site"]
        site = self.sites[site_id]
        verdict = classify(response.status, _text(response), site.detection)
        if verdict.status == BLOCKED:
            self.verdicts[site_id].append(verdict)
        elif response.status < 400 and self._new_page(site_id, response):
            yield self._page(response, site, "detail", site.extraction.detail_card)
        self._done_one(site_id)

    def _new_page(self, site_id: str, response) -> bool:
        """False for a page this site already returned word for word (e.g. a search that ignores the
        town): reading it again would find nothing new."""
        digest = hashlib.sha1(response.body).hexdigest()
        if digest in self.page_digests[site_id]:
            return False
        self.page_digests[site_id].add(digest)
        return True

    def _follow_details(self, response, site: Site):
        if not site.extraction.detail_link:
            return
        followed = self.details_followed[site.id]
        for href in response.css(site.extraction.detail_link).getall():
            if len(followed) >= site.extraction.max_detail_pages or self.pages[site.id] >= site.max_pages:
                break
            url = response.urljoin(href.strip())
            if url in followed or not url.startswith(self.bases[site.id]):
                continue
            followed.add(url)
            yield self._request(url, site.id, response.meta["subject"], "detail", self.parse_detail)

    def _page(self, response, site: Site, kind: str, card: str) -> PageItem:
        # A selector that no longer matches (a changed layout) hands the page to the generic extractor
        # (JSON-LD, microdata, text) instead of going blind.
        if card and not _matches(response, card):
            card = ""
        return PageItem(site=site.id, url=response.url, subject=response.meta["subject"],
                        page_kind=kind, html=_text(response), card_selector=card)

    def failed(self, failure):
        request = failure.request
        site_id = request.meta["site"]
        reason = failure.getErrorMessage() or failure.type.__name__
        why = f"could not reach the site ({_short(reason)})"
        if request.meta["page_kind"] == "results":
            self.verdicts[site_id].append(Verdict(ERROR, why))
        self._done_one(site_id)

    def _done_one(self, site_id: str) -> None:
        self.pending[site_id] -= 1
        if self.pending[site_id] == 0 and site_id not in self.outcomes:
            self._finish(site_id, combine(self.verdicts[site_id]))

    def _finish(self, site_id: str, verdict: Verdict) -> None:
        # The link a person opens to check by hand: the first search made, else the site's search page.
        search_url = self.first_url.get(site_id) or self.sites[site_id].manual_url
        outcome = SiteOutcome(site=site_id, status=verdict.status, detail=verdict.detail,
                              search_url=search_url, pages=self.pages[site_id])
        self.outcomes[site_id] = outcome
        if self.on_site_done:
            self.on_site_done(outcome)

    def closed_by_engine(self, spider, reason):
        self.close_reason = reason
        for site_id in self.sites:
            if site_id not in self.outcomes:
                why = "the scan ran out of time before this site answered" if reason == "closespider_timeout" \
                    else f"the scan stopped before this site answered ({reason})"
                self._finish(site_id, Verdict(ERROR, why))


def _text(response) -> str:
    try:
        return response.text
    except AttributeError:  # not a text response (an image, a download)
        return ""


def _matches(response, selector: str) -> bool:
    try:
        return bool(response.css(selector))
    except Exception:  # a malformed selector in a catalog entry must not crash a scan
        return False


def _short(reason: str) -> str:
    reason = " ".join(reason.split())
    return reason if len(reason) <= 120 else reason[:117] + "..."
