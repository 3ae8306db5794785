"""The one Scrapy runner. Nothing else in scanner/ imports Scrapy.

One AsyncCrawlerProcess per process and one start(): every spider of a scan is scheduled on it
first. A second scan needs a new process (Twisted's reactor cannot restart).
"""

from __future__ import annotations

import importlib
import logging
import os
from dataclasses import dataclass, field
from typing import Any, Callable

from scanner.sources.plan import SpiderJob
from spiders.items import SiteOutcome


@dataclass
class CrawlResult:
    items: list = field(default_factory=list)
    outcomes: dict[str, SiteOutcome] = field(default_factory=dict)
    close_reason: str = ""


class _Collector:
    """Receives items from the engines; kept referenced for the whole crawl (signals hold weak refs)."""

    def __init__(self, result: CrawlResult, on_item: Callable[[Any], None] | None):
        self.result = result
        self.on_item = on_item

    def item_scraped(self, item, response, spider):
        self.result.items.append(item)
        if self.on_item:
            self.on_item(item)


def _quiet_twisted() -> None:
    """Twisted's log never reaches the terminal. Until someone "begins logging", Twisted prints critical
    events (a Deferred's unhandled error, a resolver failure) to stderr, traceback and all; Scrapy with
    LOG_ENABLED=False never begins it. We do, into an observer that keeps only the failure's type in
    our own log (no URLs: they carry the user's name). Python warnings go the same quiet way."""
    from twisted.logger import globalLogBeginner

    unlisted_log = logging.getLogger("unlisted")

    def observer(event: dict) -> None:
        failure = event.get("log_failure")
        if failure is not None:
            unlisted_log.warning("crawl: unhandled %s", getattr(failure.type, "__name__", "error"))

    if getattr(globalLogBeginner, "_temporaryObserver", None) is not None:   # not begun yet (once per process)
        globalLogBeginner.beginLoggingTo([observer], discardBuffer=True, redirectStandardIO=False)
    logging.captureWarnings(True)
    warned = logging.getLogger("py.warnings")
    warned.handlers = [logging.NullHandler()]
    warned.propagate = False


def _load(dotted: str):
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)


def run_crawl(jobs: list[SpiderJob], *, sandbox: bool, deadline_seconds: int = 900,
              on_item=None, on_site_done=None) -> CrawlResult:
    # Use the bundled public-suffix list: no download at first use (read when Scrapy's cookie code loads).
    os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
    from scrapy import signals
    from scrapy.crawler import AsyncCrawlerProcess

    from spiders.settings import scrapy_settings

    result = CrawlResult()
    collector = _Collector(result, on_item)
    process = AsyncCrawlerProcess(scrapy_settings(sandbox=sandbox, deadline_seconds=deadline_seconds))
    # After the process exists: its logging set-up re-configures these loggers. Their lines carry
    # search URLs, i.e. the user's name, so they go nowhere.
    for name in ("scrapy", "twisted", "asyncio", "filelock", "tldextract"):
        quiet = logging.getLogger(name)
        quiet.handlers = [logging.NullHandler()]
        quiet.propagate = False
    _quiet_twisted()
    crawlers = []
    for job in jobs:
        crawler = process.create_crawler(_load(job.spider))
        crawler.signals.connect(collector.item_scraped, signal=signals.item_scraped)
        process.crawl(crawler, on_site_done=on_site_done, **job.kwargs)
        crawlers.append(crawler)
    process.start()
    for crawler in crawlers:
        spider = crawler.spider
        # A spider that never closed did not run to its end: a Ctrl-C in the first moments of the crawl
        # stops the reactor before Scrapy's own handler can close the spiders "shutdown".
        reason = (spider.close_reason if spider is not None else "") or "shutdown"
        if spider is not None:
            result.outcomes.update(spider.outcomes)
        if reason == "shutdown" or not result.close_reason:
            result.close_reason = reason
    return result
