"""The generic catalog spider: runs every search of every selected catalog entry.

It fetches, classifies, follows result links within bounds and yields pages; it decides nothing
about identity. Each site ends with exactly one status.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from collections import defaultdict
from typing import Callable

from spiders.browser.fetch import BrowserFetching, form_meta, own_hosts
from spiders.catalog import Detection, Site
from spiders.detection import BLOCKED, SKIPPED, Verdict, classify, detail_links
from spiders.items import PageItem, SiteOutcome
from scanner.sources.queries import Query
from spiders.sourcebase import SourceSpider, text_of


BROWSER_HEAD_START = 3.0   # seconds the plain searches wait for the browser to start, at most


class CatalogSpider(BrowserFetching, SourceSpider):
    name = "catalog"

    def __init__(self, sites: tuple[Site, ...], bases: dict[str, str], queries: list[Query],
                 on_site_done: Callable[[SiteOutcome], None] | None = None, **kwargs):
        super().__init__(source_ids=tuple(s.id for s in sites), on_site_done=on_site_done, **kwargs)
        self.sites = {s.id: s for s in sites}
        self.bases = bases
        self.queries = queries
        self.details_followed: dict[str, set[str]] = defaultdict(set)
        self.page_digests: dict[str, set[str]] = defaultdict(set)
        self.via_browser: set[str] = {s.id for s in sites if s.fetch.browser}   # sites whose pages open in the browser
        self.init_browser_state()
        for q in queries:
            self.first_url.setdefault(q.site, q.url)

    def own_hosts(self, site_id: str) -> tuple[str, ...]:
        site = self.sites[site_id]
        return own_hosts(self.bases[site_id], site.domain, site.fetch.asset_hosts)

    def detection_for(self, site_id: str) -> Detection:
        return self.sites[site_id].detection

    async def start(self):
        for site_id, site in self.sites.items():
            if not site.enabled:
                self.finish(site_id, Verdict(SKIPPED, f"not searched automatically: {site.disabled_reason}"))
            elif not any(q.site == site_id for q in self.queries):
                self.finish(site_id, Verdict(SKIPPED, "the profile has none of the details this site searches by"))
        # The browser's sites first, and the others once the browser is up (or after a few seconds):
        # starting a browser takes a second on its own, many more while a hundred plain pages keep us busy.
        browser_first = sorted(self.queries, key=lambda q: not self.in_browser_query(q))
        for i, query in enumerate(browser_first):
            if i and not self.in_browser_query(query) and self.in_browser_query(browser_first[i - 1]):
                await self.browser_ready(BROWSER_HEAD_START)
            if self.in_browser_query(query) and (unusable := self.cannot_use_browser()):
                self.finish(query.site, unusable)
            elif query.site not in self.outcomes:
                for request in self.fetch(query.url, query.site, self.parse_search, subject=query.subject,
                                          **form_meta(query)):
                    yield request

    def in_browser_query(self, query) -> bool:
        """A search made in the browser: its site's pages open there, or it fills in the site's form."""
        return query.site in self.via_browser or bool(query.form)

    def fetch(self, url: str, site_id: str, callback, kind: str = "search", **meta) -> list:
        """The request for one page, over plain HTTP or in the browser (searches there: one at a time per site;
        a form search always there, the rest of its site's pages over plain HTTP unless declared otherwise)."""
        if site_id not in self.via_browser and "unlisted_form" not in meta:
            return [self.request(url, site_id, callback, kind=kind, **meta)]
        request = self.browser_request(url, site_id, callback, kind=kind, **meta)
        return self.one_at_a_time(request) if kind == "search" else [request]

    def parse_search(self, response):
        site_id = response.meta["site"]
        site = self.sites[site_id]
        verdict = classify(response.status, text_of(response), site.detection)
        if verdict.challenge and self._retry_in_browser(response):
            yield from self.fetch(response.url, site_id, self.parse_search, subject=response.meta["subject"])
            self.done_one(site_id)
            return
        if verdict.status == BLOCKED and response.meta.get("playwright"):
            verdict = self.blocked_in_browser(verdict)
        self.verdicts[site_id].append(verdict)
        if verdict.status == "RESULTS":
            if self._new_page(site_id, response):
                yield self._page(response, site, "results", site.extraction.card)
            yield from self._follow_details(response, site)
        self.done_one(site_id)

    def _retry_in_browser(self, response) -> bool:
        """An attended scan retries a plain search that met a bot check once, in the browser; the
        site's later pages open there too (the check's cookie lives in the browser)."""
        if (response.meta.get("playwright") or not self.browser.retry_challenges or self.cannot_use_browser()
                or response.meta["site"] in self.walled):
            return False
        self.via_browser.add(response.meta["site"])
        return True

    def parse_detail(self, response):
        site_id = response.meta["site"]
        site = self.sites[site_id]
        verdict = classify(response.status, text_of(response), site.detection)
        if verdict.status == BLOCKED:
            self.verdicts[site_id].append(verdict)
        elif response.status < 400 and self._new_page(site_id, response):
            yield self._page(response, site, "detail", site.extraction.detail_card)
        self.done_one(site_id)

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
        for href in detail_links(response.selector, site.extraction.detail_link, site.extraction.card):
            if len(followed) >= site.extraction.max_detail_pages or self.pages[site.id] >= site.max_pages:
                break
            url = response.urljoin(href.strip())
            if url in followed or not url.startswith(self.bases[site.id]):
                continue
            followed.add(url)
            yield from self.fetch(url, site.id, self.parse_detail, kind="detail", subject=response.meta["subject"])

    def _page(self, response, site: Site, kind: str, card: str) -> PageItem:
        # A selector that no longer matches (a changed layout) hands the page to the generic extractor
        # (JSON-LD, microdata, text) instead of going blind.
        if card and not _matches(response, card):
            card = ""
        form = response.meta.get("unlisted_form")
        return PageItem(site=site.id, url=response.url, subject=response.meta["subject"],
                        page_kind=kind, html=text_of(response), card_selector=card,
                        fetched=_dt.date.today().isoformat(), searched=" ".join(v for _, v in form[0]) if form else "")

    def finish(self, site_id: str, verdict: Verdict, search_url: str | None = None) -> None:
        # The link a person opens to check by hand: the first search made, else the site's search page.
        super().finish(site_id, verdict, search_url or self.first_url.get(site_id) or self.sites[site_id].manual_url)


def _matches(response, selector: str) -> bool:
    try:
        return bool(response.css(selector))
    except Exception:  # a malformed selector in a catalog entry must not crash a scan
        return False
