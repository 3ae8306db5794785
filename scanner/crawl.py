"""The one Scrapy runner. Nothing else in scanner/ imports Scrapy.

One AsyncCrawlerProcess per process and one start(): every spider of a scan is scheduled on it
first. A second scan needs a new process (Twisted's reactor cannot restart).
"""

from __future__ import annotations

import importlib
import logging
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from scanner.sources.plan import SpiderJob
from spiders.items import SiteOutcome


@dataclass
class CrawlResult:
    items: list = field(default_factory=list)
    outcomes: dict[str, SiteOutcome] = field(default_factory=dict)
    close_reason: str = ""
    browser_seconds: dict[str, float] = field(default_factory=dict)   # site -> time its pages took in the browser
    browser_pages_reused: int = 0    # searches made in the page their site's last search left open


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


def browser_for(config):
    """The web browser this run may use (a spiders.browser.run.BrowserRun): the one named by --browser
    or settings.toml, else the first Chrome, Chromium, Edge or Brave found; none: `missing` says why."""
    from spiders.browser.locate import NEEDS_BROWSER, BrowserNotUsable, find_browser
    from spiders.browser.run import SANDBOX_SETTLE_SECONDS, SETTLE_SECONDS, BrowserRun

    try:
        found = find_browser(config.browser)
    except BrowserNotUsable as exc:
        return BrowserRun(missing=f"{NEEDS_BROWSER} ({exc})")
    if found is None:
        return BrowserRun(missing=f"{NEEDS_BROWSER} (none was found on this computer)")
    return BrowserRun(executable=found.path, name=found.name, assist=config.assist, window=config.assist,
                      retry_challenges=config.attended, debug_port=os.environ.get("UNLISTED_BROWSER_DEBUG") == "1",
                      settle_seconds=SANDBOX_SETTLE_SECONDS if config.sandbox else SETTLE_SECONDS)


def _uses_browser(job: SpiderJob, browser) -> bool:
    """The browser is set up only for a crawl that may need it: a site declared for the browser, or
    an attended scan that may retry a bot-checked site there."""
    if browser is None or not browser.available or not job.spider.endswith(".CatalogSpider"):
        return False
    return browser.retry_challenges or any(site.fetch.browser or site.form_search for site in job.kwargs["sites"])


def run_crawl(jobs: list[SpiderJob], *, sandbox: bool, deadline_seconds: int = 900,
              on_item=None, on_site_done=None, browser=None, on_waiting=None) -> CrawlResult:
    """`browser` (a spiders.browser.run.BrowserRun): the web browser for the sites that need one; its
    throw-away profile folder is made here and deleted when the crawl ends, however it ends."""
    profile_dir = None
    try:
        if any(_uses_browser(job, browser) for job in jobs):
            sweep_browser_profiles()
            profile_dir = tempfile.mkdtemp(prefix=PROFILE_PREFIX)
            (Path(profile_dir) / OWNER).write_text(str(os.getpid()))
        return _crawl(jobs, sandbox, deadline_seconds, on_item, on_site_done, browser, on_waiting, profile_dir)
    finally:
        if profile_dir:
            _remove(profile_dir)


PROFILE_PREFIX = "unlisted-browser-"
OWNER = "unlisted-owner.pid"


def sweep_browser_profiles(folder: str | None = None) -> int:
    """Delete the browser profile folders that earlier scans could not (a scan killed outright, a
    power cut): those of this user whose scan is no longer running. Returns how many went."""
    removed = 0
    me = os.getuid() if hasattr(os, "getuid") else None    # Windows: the temporary folder is the user's own
    for old in Path(folder or tempfile.gettempdir()).glob(PROFILE_PREFIX + "*"):
        try:
            if (me is not None and old.stat().st_uid != me) or _running((old / OWNER).read_text().strip()):
                continue
        except FileNotFoundError:      # no owner file: a scan that was killed before writing it
            if time.time() - old.stat().st_mtime < 3600:
                continue
        except OSError:
            continue
        _remove(str(old))
        removed += 1
    return removed


def _running(pid_text: str) -> bool:
    try:
        os.kill(int(pid_text), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True


def _remove(folder: str) -> None:
    """Delete the browser's profile folder; a browser that is still shutting down may write into it
    for a moment, so try again briefly."""
    for _ in range(20):
        shutil.rmtree(folder, ignore_errors=True)
        if not os.path.exists(folder):
            return
        time.sleep(0.1)


def _crawl(jobs, sandbox, deadline_seconds, on_item, on_site_done, browser, on_waiting, profile_dir) -> CrawlResult:
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
    for name in ("scrapy", "twisted", "asyncio", "filelock", "tldextract", "scrapy-playwright", "playwright"):
        quiet = logging.getLogger(name)
        quiet.handlers = [logging.NullHandler()]
        quiet.propagate = False
    _quiet_twisted()
    crawlers = []
    for job in jobs:
        crawler = process.create_crawler(_load(job.spider))
        crawler.signals.connect(collector.item_scraped, signal=signals.item_scraped)
        extra = {}
        if profile_dir and _uses_browser(job, browser):
            from spiders.browser.run import context_options, scrapy_browser_settings

            crawler.settings.update(scrapy_browser_settings(browser, sandbox))
            extra = {"browser": browser, "browser_context": context_options(browser, profile_dir),
                     "on_waiting": on_waiting}
        elif browser is not None:
            extra = {"browser": browser}
        process.crawl(crawler, on_site_done=on_site_done, **extra, **job.kwargs)
        crawlers.append(crawler)
    process.start()
    for crawler in crawlers:
        spider = crawler.spider
        # A spider that never closed did not run to its end: a Ctrl-C in the first moments of the crawl
        # stops the reactor before Scrapy's own handler can close the spiders "shutdown".
        reason = (spider.close_reason if spider is not None else "") or "shutdown"
        if spider is not None:
            result.outcomes.update(spider.outcomes)
            result.browser_seconds.update(getattr(spider, "browser_seconds", {}))
            result.browser_pages_reused += getattr(spider, "pages_reused", 0)
        if reason == "shutdown" or not result.close_reason:
            result.close_reason = reason
    return result
