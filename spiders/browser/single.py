"""Pages fetched one at a time in the browser, outside a crawl: `unlisted sites check --live --browser`.

Same browser, same guard, same waiting as a scan's browser path; its own throw-away profile folder,
deleted on exit.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from typing import Callable

from spiders.browser.fetch import own_hosts
from spiders.browser.form import submit_form
from spiders.browser.page import PageGuard, guard_page, read_page, settle
from spiders.browser.run import BrowserRun, context_options
from spiders.catalog import Site


class BrowserFetcher:
    def __init__(self, run: BrowserRun, sandbox: bool = False):
        self.run = run
        self.sandbox = sandbox

    def __enter__(self) -> "BrowserFetcher":
        from playwright.async_api import async_playwright

        self.folder = tempfile.mkdtemp(prefix="unlisted-browser-")
        self.loop = asyncio.new_event_loop()
        try:
            self.playwright = self.loop.run_until_complete(async_playwright().start())
            self.context = self.loop.run_until_complete(
                self.playwright.chromium.launch_persistent_context(**context_options(self.run, self.folder)))
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc) -> None:
        for closing in ("context", "playwright"):
            thing = getattr(self, closing, None)
            if thing is not None:
                try:
                    self.loop.run_until_complete(thing.close() if closing == "context" else thing.stop())
                except Exception:   # a browser that already died: nothing left to close
                    pass
        self.loop.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def fetch_for(self, site: Site, base_url: str = "") -> Callable[[str], tuple[int, str]]:
        """fetch(url) -> (HTTP status, HTML) for the pages of `site`."""
        own = own_hosts(base_url or site.base_url, site.domain, site.fetch.asset_hosts)

        def fetch(url: str) -> tuple[int, str]:
            return self.loop.run_until_complete(self._fetch(url, site, own))

        return fetch

    def submit_for(self, site: Site, base_url: str = "", wait: float | None = None) -> Callable[..., tuple[int, str]]:
        """submit(query) -> (HTTP status, HTML) of what a form search (a Query with `form`) shows once sent:
        the results page, or the page that stood in for the form (a bot wall). `wait`: how long a wall may
        take to pass by itself (default: as in a scan)."""
        own = own_hosts(base_url or site.base_url, site.domain, site.fetch.asset_hosts)

        def submit(query, wait: float | None = wait) -> tuple[int, str]:
            seconds = self.run.settle_seconds if wait is None else wait
            return self.loop.run_until_complete(self._fetch(query.url, site, own, (query.form, query.submit), seconds))

        return submit

    async def _fetch(self, url: str, site: Site, own: tuple[str, ...], form=None,
                     seconds: float | None = None) -> tuple[int, str]:
        seconds = self.run.settle_seconds if seconds is None else seconds
        page = await self.context.new_page()
        try:
            status = await guard_page(page, PageGuard(own=own, sandbox=self.sandbox))
            await page.goto(url, wait_until="load")
            if form and await submit_form(page, status, site.detection, *form, wait_seconds=seconds) is not None:
                html, _ = await read_page(page, status, site.detection)
                return status[0], html
            settled = await settle(page, status, site.detection, settle_seconds=seconds)
            return settled.status, settled.html
        finally:
            await page.close()
