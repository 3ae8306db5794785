"""The one Scrapy runner. Nothing else in scanner/ imports Scrapy.

One AsyncCrawlerProcess per process and one start(): every spider of a scan is scheduled on it
first. A second scan needs a new process (Twisted's reactor cannot restart).
"""

from __future__ import annotations

import importlib
import logging
import os
import queue
import shutil
import signal
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from scanner.sources.plan import SpiderJob
from spiders.items import SiteOutcome

log = logging.getLogger("unlisted")


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
        here, there = _split(jobs)
        beside = None
        if there:
            try:
                beside = _Beside(there, sandbox, deadline_seconds)
            except (OSError, ValueError) as exc:    # no second process here: everything is crawled in this one
                log.warning("crawl: no second process (%s)", type(exc).__name__)
        if beside is None:
            return _crawl(jobs, sandbox, deadline_seconds, on_item, on_site_done, browser, on_waiting, profile_dir)
        try:
            result = _crawl(here, sandbox, deadline_seconds, on_item, on_site_done, browser, on_waiting, profile_dir,
                            beside=beside)
        except BaseException:
            beside.stop()
            raise
        beside.finish(result, on_item, on_site_done)
        return result
    finally:
        if profile_dir:
            _remove(profile_dir)


BESIDE = True   # jobs marked `beside` may run in a process of their own (tests compare with and without)


def _split(jobs: list[SpiderJob]) -> tuple[list[SpiderJob], list[SpiderJob]]:
    """(the jobs crawled here, those crawled in a second process): a second process only on a computer with
    a CPU to spare, and only beside other jobs (on its own, a job is crawled here)."""
    there = [job for job in jobs if job.beside] if BESIDE and (os.cpu_count() or 1) > 1 else []
    if not there or len(there) == len(jobs):
        return jobs, []
    return [job for job in jobs if not job.beside], there


class _Beside:
    """A crawl in a second process, for the jobs that make thousands of plain requests (the username checks):
    one Scrapy crawl keeps one CPU busy, and this one gives the scan a second. What it finds (items, each
    site's outcome) comes back over a pipe and is handed on in this process's crawl thread, as if crawled here.
    Ctrl-C is this process's to take: it tells the other to stop (the same graceful stop), and if this process
    dies, the other stops by itself (its pipe closes)."""

    def __init__(self, jobs: list[SpiderJob], sandbox: bool, deadline_seconds: int):
        import multiprocessing

        context = multiprocessing.get_context("spawn")   # no copy of this process's threads and locks
        self._from, sends = context.Pipe(duplex=False)
        reads, self._to = context.Pipe(duplex=False)
        self.process = context.Process(target=_crawl_beside, args=(jobs, sandbox, deadline_seconds, sends, reads),
                                       name="unlisted-crawl", daemon=True)
        self.process.start()
        sends.close()
        reads.close()
        self.source_ids = [sid for job in jobs for sid in job.kwargs.get("source_ids", ())]
        self.inbox: queue.SimpleQueue = queue.SimpleQueue()
        self.ended = False
        threading.Thread(target=self._receive, name="unlisted-crawl-pipe", daemon=True).start()

    def _receive(self) -> None:
        try:
            while True:
                self.inbox.put(self._from.recv())
        except (EOFError, OSError):
            self.inbox.put(("gone",))

    def stop(self) -> None:
        try:
            self._to.send("stop")
        except OSError:
            pass

    def spider_closed(self, spider, reason) -> None:
        """A Ctrl-C here (its spiders close "shutdown") stops the other crawl at once, not after this one's end."""
        if reason == "shutdown":
            self.stop()

    def hand_on(self, result: CrawlResult, on_item, on_site_done, wait: bool = False) -> None:
        """Hand on what came so far (or, with `wait`, everything until the other crawl has ended)."""
        while not self.ended:
            try:
                message = self.inbox.get(timeout=0.5) if wait else self.inbox.get_nowait()
            except queue.Empty:
                if wait:
                    continue
                return
            self._take(message, result, on_item, on_site_done)

    def _take(self, message: tuple, result: CrawlResult, on_item, on_site_done) -> None:
        kind = message[0]
        if kind == "item":
            result.items.append(message[1])
            if on_item:
                on_item(message[1])
        elif kind == "site":
            result.outcomes[message[1].site] = message[1]
            if on_site_done:
                on_site_done(message[1])
        elif kind == "end":
            self.ended = True
            _note_reason(result, message[1])
        else:   # the other process ended without a word: its sites that had not answered could not be checked
            self.ended = True
            self.process.join(1)
            log.warning("crawl: the second process ended early (exit code %s)", self.process.exitcode)
            why = ("the scan was stopped before this site answered" if result.close_reason == "shutdown"
                   else "the part of the scan that checked this stopped unexpectedly")
            for sid in self.source_ids:
                if sid not in result.outcomes:
                    outcome = SiteOutcome(sid, "ERROR", why, "", 0)
                    result.outcomes[sid] = outcome
                    if on_site_done:
                        on_site_done(outcome)

    def finish(self, result: CrawlResult, on_item, on_site_done) -> None:
        """After this process's crawl: stop the other too if this one was stopped, and wait for its end.
        A Ctrl-C meanwhile stops it the same way."""
        def stop_too(signum, frame):
            if result.close_reason == "shutdown":    # pressed again: no more waiting
                self.process.kill()
            result.close_reason = "shutdown"
            self.stop()

        if result.close_reason == "shutdown":
            self.stop()
        try:
            previous = signal.signal(signal.SIGINT, stop_too)
        except ValueError:       # not the main thread: no Ctrl-C to take here
            previous = None
        try:
            self.hand_on(result, on_item, on_site_done, wait=True)
        finally:
            if previous is not None:
                signal.signal(signal.SIGINT, previous)
            self.process.join(10)


def _crawl_beside(jobs: list[SpiderJob], sandbox: bool, deadline_seconds: int, sends, reads) -> None:
    """The second process (see _Beside): crawls `jobs`, sends what it finds, stops when told or orphaned."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)    # a Ctrl-C reaches the first process, which says when to stop
    logging.getLogger().addHandler(logging.NullHandler())   # nothing printed from here

    def send(*message) -> None:
        try:
            sends.send(message)
        except OSError:      # the first process is gone: the stop that its closed pipe brings ends this crawl
            pass

    try:
        result = _crawl(jobs, sandbox, deadline_seconds, lambda item: send("item", item),
                        lambda outcome: send("site", outcome), None, None, None, told_to_stop=reads)
    except BaseException:   # no traceback on the user's screen: the first process says its sites could not be checked
        os._exit(1)
    send("end", result.close_reason)     # every site's outcome went as it came


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


def _crawl(jobs, sandbox, deadline_seconds, on_item, on_site_done, browser, on_waiting, profile_dir,
           beside: _Beside | None = None, told_to_stop=None) -> CrawlResult:
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
        if beside is not None:
            crawler.signals.connect(beside.spider_closed, signal=signals.spider_closed)
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
    if beside is not None:     # what the second process found, handed on ten times a second
        from twisted.internet.task import LoopingCall

        LoopingCall(beside.hand_on, result, on_item, on_site_done).start(0.1, now=False)
    if told_to_stop is not None:
        _stop_when_told(process, told_to_stop)
    process.start(install_signal_handlers=told_to_stop is None)
    for crawler in crawlers:
        spider = crawler.spider
        # A spider that never closed did not run to its end: a Ctrl-C in the first moments of the crawl
        # stops the reactor before Scrapy's own handler can close the spiders "shutdown".
        reason = (spider.close_reason if spider is not None else "") or "shutdown"
        if spider is not None:
            result.outcomes.update(spider.outcomes)
            result.browser_seconds.update(getattr(spider, "browser_seconds", {}))
            result.browser_pages_reused += getattr(spider, "pages_reused", 0)
        _note_reason(result, reason)
    return result


def _note_reason(result: CrawlResult, reason: str) -> None:
    """The crawl's close reason over all its spiders: "shutdown" wins, else the first one known."""
    if reason == "shutdown" or not result.close_reason:
        result.close_reason = reason


def _stop_when_told(process, told_to_stop) -> None:
    """The second process's crawl stops gracefully (as after a Ctrl-C) when the first says so; when the
    first is gone, nobody is left to hear what it finds, and it ends at once."""
    import asyncio

    from twisted.internet import reactor

    def wait() -> None:
        try:
            told_to_stop.recv()
        except (EOFError, OSError):
            os._exit(0)
        reactor.callFromThread(lambda: asyncio.ensure_future(process.stop()))

    threading.Thread(target=wait, name="unlisted-crawl-stop", daemon=True).start()
