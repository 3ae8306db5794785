"""The one Scrapy runner. Nothing else in scanner/ imports Scrapy.

One AsyncCrawlerProcess per process and one start(): a second scan needs a new process.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from typing import Callable

from spiders.items import PageItem, SiteOutcome


@dataclass
class CrawlResult:
    pages: list[PageItem] = field(default_factory=list)
    outcomes: dict[str, SiteOutcome] = field(default_factory=dict)
    close_reason: str = ""


class _Collector:
    """Receives items from the engine; kept referenced for the whole crawl (signals hold weak refs)."""

    def __init__(self, result: CrawlResult, on_page: Callable[[PageItem], None] | None):
        self.result = result
        self.on_page = on_page

    def item_scraped(self, item, response, spider):
        if isinstance(item, PageItem):
            self.result.pages.append(item)
            if self.on_page:
                self.on_page(item)


def run_crawl(sites, bases: dict[str, str], queries, *, sandbox: bool, deadline_seconds: int = 900,
              on_page=None, on_site_done=None) -> CrawlResult:
    # Use the bundled public-suffix list: no download at first use (read when Scrapy's cookie code loads).
    os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
    from scrapy import signals
    from scrapy.crawler import AsyncCrawlerProcess

    from spiders.base import CatalogSpider
    from spiders.settings import scrapy_settings

    for name in ("scrapy", "twisted", "asyncio", "filelock", "tldextract"):
        quiet = logging.getLogger(name)
        quiet.addHandler(logging.NullHandler())
        quiet.propagate = False

    result = CrawlResult()
    collector = _Collector(result, on_page)
    settings = scrapy_settings(sandbox=sandbox, deadline_seconds=deadline_seconds)
    process = AsyncCrawlerProcess(settings)
    crawler = process.create_crawler(CatalogSpider)
    crawler.signals.connect(collector.item_scraped, signal=signals.item_scraped)
    process.crawl(crawler, sites=sites, bases=bases, queries=queries, on_site_done=on_site_done)
    process.start()
    spider = crawler.spider
    if spider is not None:
        result.outcomes.update(spider.outcomes)
        result.close_reason = spider.close_reason
    return result
