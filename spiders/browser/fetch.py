"""The browser half of a spider: requests that go to the browser, and reading the page they open.

A browser request opens a page (scrapy-playwright), the page guard is put in front of it before it
navigates, `settle` waits until the page shows something readable, the page is closed, and the
page's HTML goes to the spider's usual callback as if it had come over plain HTTP.
"""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict, deque
from urllib.parse import urlsplit

import scrapy
from scrapy.http import HtmlResponse

from spiders.browser.form import submit_form
from spiders.browser.page import PageGuard, guard_again, guard_page, settle
from spiders.browser.run import CONTEXT, HUMAN_SECONDS, BrowserRun
from spiders.detection import BLOCKED, ERROR, Verdict
from scanner.sources.coverage import NEEDS_ASSIST

BROKEN = "the web browser stopped working during the scan"
NOT_STARTED = "the web browser could not be started"


class BrowserFetching:
    """Mixed into a SourceSpider. Needs: self.browser (BrowserRun), self.browser_context (the
    persistent context's options), self.sandbox, and `own_hosts(source_id)` / `detection_for(source_id)`."""

    browser: BrowserRun
    browser_context: dict

    def init_browser_state(self) -> None:
        self.browser_broken = ""                     # why the browser can no longer be used ("" while it can)
        self.walled: set[str] = set()                # sites whose human check was not passed: not waited on again
        self.browser_seconds: dict[str, float] = {}  # site -> time its pages took (benchmarks/scan_bench.py)
        self._searching: set[str] = set()            # sites with a search open in the browser
        self._queued: dict[str, deque] = defaultdict(deque)   # their next searches
        self._guards: dict = {}                      # page -> (its guard, its status list), while it is open
        self.pages_reused = 0                        # searches made in their site's last page (benchmarks, tests)
        self._browser_started = asyncio.Event()

    def one_at_a_time(self, request: scrapy.Request) -> list[scrapy.Request]:
        """A site's searches open in the browser one after the other: one human check at a time per
        site, and a check passed once (a cookie) lets the next search through. The request now, or
        [] when it waits for the site's current one (`next_search` sends it)."""
        source_id = request.meta["site"]
        if source_id in self._searching:
            self._queued[source_id].append(request)
            return []
        self._searching.add(source_id)
        return [request]

    def next_search(self, request, page=None) -> None:
        """After a browser search ended (read or failed): send the site's next queued search, if any, in
        `page` when the last search left its page open. Straight to the engine: a search is no link
        followed from a page (the depth limit is for those)."""
        if not request.meta.get("playwright") or request.meta.get("page_kind") != "search":
            return
        source_id = request.meta["site"]
        queue = self._queued.get(source_id)
        while queue and (self.browser_broken or source_id in self.walled and not self.browser.assist):
            queue.popleft()      # no browser any more, or a human check nobody can pass here
            if self.browser_broken:
                self.verdicts[source_id].append(Verdict(ERROR, self.browser_broken))
            self.done_one(source_id)
        if queue:
            following = queue.popleft()
            if page is not None:
                following.meta["playwright_page"] = page
                self.pages_reused += 1
            self.crawler.engine.crawl(following)
        else:
            self._searching.discard(source_id)
            if page is not None:
                self._close(page)

    def _reuse_pages(self, source_id: str) -> bool:
        """A site's next search may use its last search's page (a new page costs the browser about 0.2 s of
        CPU) when it can start at once: not with a per-site delay (the page would hold one of MAX_PAGES
        idle), nor when the site's record pages also open in the browser (one of them, waiting for a page
        in the site's download slot, would wait for the page the next search holds)."""
        crawler = getattr(self, "crawler", None)
        return (crawler is not None and not crawler.settings.getfloat("DOWNLOAD_DELAY")
                and source_id not in self.via_browser)

    def _close(self, page) -> None:
        self._guards.pop(page, None)
        asyncio.ensure_future(_close_quietly(page))

    def browser_request(self, url: str, source_id: str, then, kind: str = "search", **meta) -> scrapy.Request:
        request = self.request(url, source_id, self.in_browser, kind=kind, **meta)
        request.meta.update({
            "playwright": True, "playwright_include_page": True, "playwright_context": CONTEXT,
            "playwright_context_kwargs": self.browser_context,
            "playwright_page_init_callback": self._guard_page,
            "playwright_page_goto_kwargs": {"wait_until": "load"},
            "unlisted_then": then.__name__,
        })
        return request

    async def browser_ready(self, at_most: float) -> None:
        """Wait until the browser has opened its first page (or it failed, or `at_most` seconds)."""
        if self.cannot_use_browser():
            return
        try:
            await asyncio.wait_for(self._browser_started.wait(), at_most)
        except asyncio.TimeoutError:
            pass

    async def _guard_page(self, page, request) -> None:
        self._browser_started.set()
        if page in self._guards:      # the same site's page again: its guard goes back in front
            guard, status = self._guards[page]
            await guard_again(page, guard)
        else:
            guard = PageGuard(own=self.own_hosts(request.meta["site"]), sandbox=self.sandbox)
            status = await guard_page(page, guard)
            self._guards[page] = (guard, status)
        request.meta["unlisted_status"] = status

    async def in_browser(self, response):
        page = response.meta["playwright_page"]
        source_id = response.meta["site"]
        self.fetched_with[source_id] = "browser"
        started = time.monotonic() - response.meta.get("download_latency", 0.0)
        wait = response.meta.get("page_kind") == "search" and source_id not in self.walled
        status = response.meta.get("unlisted_status", [response.status])
        human = dict(human_seconds=HUMAN_SECONDS if wait and self.browser.assist else 0.0,
                     on_human_check=lambda left: self.human_check(source_id, left))
        refused, keep = None, False
        try:
            if form := response.meta.get("unlisted_form"):
                refused = await submit_form(page, status, self.detection_for(source_id), *form,
                                            wait_seconds=self.browser.settle_seconds if wait else 0.0, **human)
            if refused is None:
                settled = await settle(page, status, self.detection_for(source_id),
                                       settle_seconds=self.browser.settle_seconds if wait else 0.0, **human)
            url = page.url
            keep = (self._reuse_pages(source_id) and response.meta.get("page_kind") == "search"
                    and bool(self._queued.get(source_id)) and refused is None and settled.verdict.status != BLOCKED)
        finally:
            if not keep:
                self._guards.pop(page, None)
                await page.close()
        self.browser_seconds[source_id] = self.browser_seconds.get(source_id, 0.0) + time.monotonic() - started
        if refused is not None:
            self.form_refused(source_id, refused)
        else:
            if settled.verdict.status == BLOCKED:
                self.walled.add(source_id)
            read = HtmlResponse(url=url, status=settled.status, body=settled.html.encode("utf-8"), encoding="utf-8",
                                request=response.request)
            for out in getattr(self, response.meta["unlisted_then"])(read) or ():
                yield out
        self.next_search(response.request, page if keep else None)

    def form_refused(self, source_id: str, verdict: Verdict) -> None:
        """A form search that could not be sent: a bot wall instead of the form, or no form (the site changed)."""
        if verdict.status == BLOCKED:
            self.walled.add(source_id)
            verdict = self.blocked_in_browser(verdict)
        self.verdicts[source_id].append(verdict)
        self.done_one(source_id)

    def human_check(self, source_id: str, seconds_left: float) -> None:
        """An assisted scan waits for the user; the spider's owner shows it (see on_waiting)."""
        if self.on_waiting:
            self.on_waiting(source_id, seconds_left)

    def browser_failed(self, failure) -> str | None:
        """For the errback: closes the page a failed browser request left open; the words to record
        when the browser itself is gone (its remaining sites end as errors), else None."""
        request = failure.request
        page = request.meta.get("playwright_page")
        if page is not None and not page.is_closed():
            asyncio.ensure_future(_close_quietly(page))
        said = str(failure.value)
        self._browser_started.set()      # no more waiting for it
        if "launch_persistent_context" in said:
            self.browser_broken = NOT_STARTED
            return NOT_STARTED
        if "closed" in said.lower() and ("browser" in said.lower() or "target" in said.lower()):
            self.browser_broken = BROKEN
            return BROKEN
        if request.meta.get("playwright"):
            return f"the web browser could not open the page ({_first_line(said)})"
        return None

    def blocked_in_browser(self, verdict: Verdict) -> Verdict:
        """A wall that is still there after waiting in the browser: a human check."""
        if self.browser.assist:
            return Verdict(BLOCKED, "the site asked for a human check that was not passed in time")
        return Verdict(BLOCKED, f"the site asks for a human check: run `{NEEDS_ASSIST}` to pass it yourself")

    def cannot_use_browser(self) -> Verdict | None:
        if self.browser_broken:
            return Verdict(ERROR, self.browser_broken)
        if not self.browser.available:
            return Verdict(ERROR, self.browser.missing)
        return None


def form_meta(query) -> dict:
    """The request meta of a form search (a Query with `form`): what to type where, and the button."""
    return {"unlisted_form": (query.form, query.submit)} if query.form else {}


def own_hosts(base_url: str, domain: str, asset_hosts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(filter(None, ((urlsplit(base_url).hostname or "").lower(), domain.lower(),
                                              *asset_hosts))))


async def _close_quietly(page) -> None:
    try:
        await page.close()
    except Exception:
        pass


def _first_line(text: str) -> str:
    return (text.strip().splitlines() or ["unknown error"])[0][:120]

