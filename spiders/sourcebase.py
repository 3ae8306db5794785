"""What every professional-source spider shares: one status per source, reported once.

Like CatalogSpider: `outcomes` (source id -> SiteOutcome), `on_site_done`, `close_reason`, one
download slot per source, and a status for every source even when the scan stops early.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Callable

import scrapy
from scrapy import signals

from spiders.browser.run import BrowserRun
from spiders.detection import ERROR, Verdict, combine
from spiders.items import SiteOutcome


class SourceSpider(scrapy.Spider):
    name = "source"

    def __init__(self, source_ids: tuple[str, ...] = (), on_site_done: Callable[[SiteOutcome], None] | None = None,
                 browser: BrowserRun | None = None, browser_context: dict | None = None,
                 on_waiting: Callable[[str, float], None] | None = None, **kwargs):
        super().__init__(**kwargs)
        self.source_ids = tuple(source_ids)
        self.on_site_done = on_site_done
        self.browser = browser or BrowserRun(missing="needs Chrome or Chromium")
        self.browser_context = browser_context or {}
        self.on_waiting = on_waiting
        self.fetched_with: dict[str, str] = {}
        self.sandbox = False
        self.pending: dict[str, int] = defaultdict(int)
        self.pages: dict[str, int] = defaultdict(int)
        self.verdicts: dict[str, list[Verdict]] = defaultdict(list)
        self.outcomes: dict[str, SiteOutcome] = {}
        self.first_url: dict[str, str] = {}
        self.close_reason = ""

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.sandbox = crawler.settings.getbool("UNLISTED_SANDBOX")
        crawler.signals.connect(spider.closed_by_engine, signal=signals.spider_closed)
        crawler.signals.connect(spider.response_received, signal=signals.response_received)
        return spider

    def response_received(self, response, request, spider):
        source_id = request.meta.get("site")
        if source_id and self.fetched_with.get(source_id) != "browser":
            self.fetched_with[source_id] = "browser" if "playwright" in response.flags else "http"

    def request(self, url: str, source_id: str, callback, kind: str = "search", **meta) -> scrapy.Request:
        self.pending[source_id] += 1
        self.pages[source_id] += 1
        return scrapy.Request(url, callback=callback, errback=self.failed, dont_filter=True,
                              meta={"site": source_id, "page_kind": kind, "download_slot": source_id, **meta})

    def failed(self, failure):
        request = failure.request
        source_id = request.meta["site"]
        in_browser = self.browser_failed(failure) if hasattr(self, "browser_failed") else None
        self.on_failure(source_id, request.meta.get("page_kind", "search"),
                        in_browser or f"could not reach the site ({failure_words(failure)})")
        self.done_one(source_id)
        if hasattr(self, "next_search"):
            self.next_search(request)

    def on_failure(self, source_id: str, kind: str, why: str) -> None:
        """A failed request; by default only a failed search makes the source "could not check"."""
        if kind == "search":
            self.verdicts[source_id].append(Verdict(ERROR, why))

    def done_one(self, source_id: str) -> None:
        self.pending[source_id] -= 1
        if self.pending[source_id] <= 0 and source_id not in self.outcomes:
            self.finish(source_id, self.final_verdict(source_id))

    def final_verdict(self, source_id: str) -> Verdict:
        return combine(self.verdicts[source_id])

    def finish(self, source_id: str, verdict: Verdict, search_url: str | None = None) -> None:
        if source_id in self.outcomes:
            return
        outcome = SiteOutcome(site=source_id, status=verdict.status, detail=verdict.detail,
                              search_url=self.first_url.get(source_id, "") if search_url is None else search_url,
                              pages=self.pages[source_id], fetched_with=self.fetched_with.get(source_id, ""))
        self.outcomes[source_id] = outcome
        if self.on_site_done:
            self.on_site_done(outcome)

    def closed_by_engine(self, spider, reason):
        self.close_reason = reason
        for source_id in self.source_ids:
            if source_id not in self.outcomes:
                why = {"closespider_timeout": "the scan ran out of time before this site answered",
                       "shutdown": "the scan was stopped before this site answered"}.get(
                    reason, f"the scan ended before this site answered ({reason})")
                self.finish(source_id, Verdict(ERROR, why))


def failure_words(failure) -> str:
    """Why a request failed, in plain words for the report (no exception names, no stack)."""
    from scrapy.exceptions import (CannotResolveHostError, DownloadConnectionRefusedError, DownloadFailedError,
                                   DownloadTimeoutError, IgnoreRequest)
    from twisted.internet import error

    if failure.check(IgnoreRequest):     # the address guard: its message says which rule
        return " ".join(str(failure.value).split())[:160] or "the request was not allowed"
    if failure.check(CannotResolveHostError, error.DNSLookupError):
        return "its address could not be looked up: is this computer offline?"
    if failure.check(DownloadConnectionRefusedError, error.ConnectionRefusedError):
        return "the connection was refused"
    if failure.check(DownloadTimeoutError, error.TimeoutError, error.TCPTimedOutError):
        return "the site did not answer in time"
    said = str(failure.value).lower()
    if "certificate" in said or "ssl" in said or "tls" in said:
        return "its secure connection could not be set up or verified"
    if failure.check(error.ConnectionLost, error.ConnectionDone, error.ConnectError, DownloadFailedError):
        return "the connection broke off"
    return f"the download failed ({failure.type.__name__})"


def text_of(response) -> str:
    try:
        return response.text
    except AttributeError:  # not a text response
        return ""
