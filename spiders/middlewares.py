"""Downloader components: the address guard (before and after DNS)."""

from __future__ import annotations

from urllib.parse import urlsplit

from scrapy.exceptions import CannotResolveHostError, IgnoreRequest
from scrapy.resolver import CachingThreadedResolver
from twisted.internet.error import DNSLookupError

from spiders.netguard import AddressRefused, check_resolved, check_url


class AddressGuardMiddleware:
    """Refuses non-http(s) schemes and private/loopback hosts (or, in the sandbox, anything else).

    After DNS the GuardedResolver refuses a name that resolves to such an address; the download then
    fails as "cannot resolve". This middleware gives that failure the resolver's reason, so the site
    ends ERROR with it, as IgnoreRequest (the spider's errback), never as an unhandled error."""

    def __init__(self, sandbox: bool, refused: dict[str, str] | None = None):
        self.sandbox = sandbox
        self.refused = {} if refused is None else refused

    @classmethod
    def from_crawler(cls, crawler):
        from twisted.internet import reactor

        resolver = getattr(reactor, "resolver", None)
        return cls(crawler.settings.getbool("UNLISTED_SANDBOX"), getattr(resolver, "refused", None))

    def process_request(self, request):
        try:
            check_url(request.url, self.sandbox)
        except AddressRefused as exc:
            raise IgnoreRequest(str(exc)) from None
        return None

    def process_exception(self, request, exception):
        if isinstance(exception, (CannotResolveHostError, DNSLookupError)):
            reason = self.refused.get(urlsplit(request.url).hostname or "")
            if reason:
                raise IgnoreRequest(reason) from None
        return None


class GuardedResolver(CachingThreadedResolver):
    """The default resolver, refusing names that resolve to addresses the scan may not reach.

    A refusal is a DNSLookupError (Twisted logs any other resolver error as an unhandled failure, with
    a traceback on the terminal); its reason is kept in `refused` (host -> reason) for the middleware."""

    sandbox = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.refused: dict[str, str] = {}

    @classmethod
    def from_crawler(cls, crawler, reactor):
        resolver = super().from_crawler(crawler, reactor)
        resolver.sandbox = crawler.settings.getbool("UNLISTED_SANDBOX")
        return resolver

    def getHostByName(self, name, timeout=()):
        d = super().getHostByName(name, timeout)

        def check(address):
            try:
                check_resolved([address], self.sandbox)
            except AddressRefused as exc:
                self.refused[name] = str(exc)
                raise DNSLookupError(f"{name}: {exc}") from None
            return address

        return d.addCallback(check)


RETRY_AFTER_MAX = 120.0   # seconds; a longer wait is not worth holding a scan for: the site ends BLOCKED


def retry_after_seconds(value: bytes | str | None, now: float) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date); None if unreadable."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        from email.utils import parsedate_to_datetime

        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if moment is None or moment.tzinfo is None:
        return None
    return max(0.0, moment.timestamp() - now)


class RetryAfterMiddleware:
    """Honours 429 (and 503) answers that carry Retry-After: the whole site (its download slot) pauses
    for that long, then the request is tried once more. A missing, unreadable or too long Retry-After,
    or a second refusal, is passed on: the detector then calls the site BLOCKED (rate-limited).

    Scrapy 2.19's RetryMiddleware does not read Retry-After (and 429 is not in our RETRY_HTTP_CODES).
    The pause is set on the response_downloaded signal, which fires before the slot hands its next
    queued request to the network, so no other request of that site slips out during the wait.
    """

    META_KEY = "unlisted_retry_after"

    def __init__(self, crawler, max_wait: float):
        self.crawler = crawler
        self.max_wait = max_wait

    @classmethod
    def from_crawler(cls, crawler):
        from scrapy import signals

        mw = cls(crawler, crawler.settings.getfloat("UNLISTED_RETRY_AFTER_MAX", RETRY_AFTER_MAX))
        crawler.signals.connect(mw.response_downloaded, signal=signals.response_downloaded)
        return mw

    def wait_for(self, request, response) -> float | None:
        """Seconds to pause before the one retry, or None to pass the response on."""
        if response.status not in (429, 503) or request.meta.get(self.META_KEY) is not None:
            return None
        import time

        wait = retry_after_seconds(response.headers.get(b"Retry-After"), time.time())
        return wait if wait is not None and wait <= self.max_wait else None

    def response_downloaded(self, response, request, spider):
        wait = self.wait_for(request, response)
        if wait:
            self._pause_slot(request, wait)

    def process_response(self, request, response):
        wait = self.wait_for(request, response)
        if wait is None:
            return response
        retry = request.replace(dont_filter=True)
        retry.meta[self.META_KEY] = wait
        return retry

    def _pause_slot(self, request, wait: float) -> None:
        """Hold every request of this site (its download slot) for `wait` seconds."""
        from scrapy.utils.asyncio import call_later

        downloader = self.crawler.engine.downloader
        slot = downloader.slots.get(downloader.get_slot_key(request))
        if slot is None:
            return
        if slot.latercall:
            slot.latercall.cancel()
        slot.latercall = call_later(wait, downloader._latercall, slot)
