"""One browser page of a scan: what it may load, and waiting until it shows something we can read.

The guard is the plain path's address guard, applied to every request the page makes (route
interception): only http(s), no private or loopback address (loopback only in the sandbox), checked
again after DNS; and only the site's own domain and its declared asset hosts. Ads, trackers and
analytics on other hosts are refused; no referrer goes to another host; WebSockets are refused.
"""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass, field
from typing import Awaitable, Callable
from urllib.parse import urlsplit

from spiders.catalog import Detection
from spiders.detection import BLOCKED, NO_RESULTS, RESULTS, Verdict, classify
from spiders.netguard import AddressRefused, check_resolved, check_url

POLL_SECONDS = 0.1


def host_allowed(host: str, own: tuple[str, ...]) -> bool:
    """The site's own host or domain (and its subdomains), or a declared asset host."""
    host = host.lower().rstrip(".")
    return any(host == name or host.endswith("." + name) for name in own)


@dataclass
class PageGuard:
    """Decides every request of one site's page. `own`: the hosts that count as the site."""

    own: tuple[str, ...]
    sandbox: bool
    refused: list[str] = field(default_factory=list)     # "host: why", for the record (no paths: they carry names)
    _resolved: dict[str, str] = field(default_factory=dict)   # host -> "" (allowed) or the reason

    async def why_not(self, url: str) -> str:
        """"" when the page may load `url`, else the reason."""
        try:
            check_url(url, self.sandbox)
        except AddressRefused as exc:
            return str(exc)
        host = (urlsplit(url).hostname or "").lower()
        if not host_allowed(host, self.own):
            return "another site's host (ads, trackers and other sites are not loaded)"
        if host not in self._resolved:
            self._resolved[host] = await _resolves_safely(host, self.sandbox)
        return self._resolved[host]

    async def route(self, route, request) -> None:
        why = await self.why_not(request.url)
        if why:
            self.refused.append(f"{urlsplit(request.url).hostname}: {why}")
            await route.abort("blockedbyclient")
        elif request.is_navigation_request() and request.frame.parent_frame is None:
            await route.fallback()        # the page's own document: scrapy-playwright follows it
        elif urlsplit(request.url).hostname == urlsplit(request.frame.url or "").hostname:
            await route.fallback()
        else:                             # an asset host: no referrer (it would carry the search)
            headers = {k: v for k, v in request.headers.items() if k.lower() != "referer"}
            await route.continue_(headers=headers)


async def _resolves_safely(host: str, sandbox: bool) -> str:
    if sandbox:
        return ""     # check_url already allowed only loopback names and addresses
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, None)
    except OSError:
        return ""     # the browser will fail to connect on its own: nothing to guard
    try:
        check_resolved([info[4][0] for info in infos], sandbox)
    except AddressRefused as exc:
        return str(exc)
    return ""


EVERY_URL = re.compile(r".*")


async def guard_page(page, guard: PageGuard) -> list[int]:
    """Put the guard in front of every request of `page`; returns a one-item list that always holds
    the HTTP status of the page's current document (a challenge answers 403, then the site 200)."""
    status = [200]

    def on_response(response) -> None:
        request = response.request
        if request.is_navigation_request() and request.frame.parent_frame is None:
            status[0] = response.status

    page.on("response", on_response)
    await page.route(EVERY_URL, guard.route)
    await page.route_web_socket(EVERY_URL, _refuse_socket)
    return status


async def guard_again(page, guard: PageGuard) -> None:
    """A page used again for the same site's next search: scrapy-playwright has set its own route anew,
    and the last route set runs first, so the guard is put back in front of it."""
    await page.unroute(EVERY_URL, guard.route)
    await page.route(EVERY_URL, guard.route)


def _refuse_socket(socket) -> None:
    socket.close()


@dataclass(frozen=True)
class Settled:
    html: str
    status: int
    verdict: Verdict
    waited_for_human: bool = False


async def settle(page, status: list[int], detection: Detection, *, settle_seconds: float,
                 human_seconds: float = 0.0,
                 on_human_check: Callable[[float], Awaitable[None] | None] | None = None) -> Settled:
    """Wait until the page shows results or no results, reading it every quarter second.

    A page still building its results, or passing a bot check by itself, gets `settle_seconds`. A
    page still blocked after that is a human check: with `human_seconds` (assisted scans) the user
    is told (`on_human_check(seconds_left)`) and has that long to pass it in the window."""
    start = time.monotonic()
    html, verdict = await read_page(page, status, detection)
    human_deadline = None
    while verdict.status not in (RESULTS, NO_RESULTS):
        now = time.monotonic()
        if human_deadline is None and now - start >= settle_seconds:
            if verdict.status != BLOCKED or human_seconds <= 0 or page.is_closed():
                break
            human_deadline = now + human_seconds
            if on_human_check:
                said = on_human_check(human_seconds)
                if said is not None:
                    await said
        if human_deadline is not None and now >= human_deadline:
            break
        await asyncio.sleep(POLL_SECONDS)
        html, verdict = await read_page(page, status, detection)
    return Settled(html, status[0], verdict, human_deadline is not None)


async def read_page(page, status: list[int], detection: Detection) -> tuple[str, Verdict]:
    try:
        html = await page.content()
    except Exception:        # the page is navigating (a reload after a check): read it next time
        return "", Verdict("ERROR", "the page was still loading")
    return html, classify(status[0], html, detection)
