"""Downloader components: the address guard (before and after DNS)."""

from __future__ import annotations

from scrapy.exceptions import IgnoreRequest
from scrapy.resolver import CachingThreadedResolver

from spiders.netguard import AddressRefused, check_resolved, check_url


class AddressGuardMiddleware:
    """Refuses non-http(s) schemes and private/loopback hosts (or, in the sandbox, anything else)."""

    def __init__(self, sandbox: bool):
        self.sandbox = sandbox

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.getbool("UNLISTED_SANDBOX"))

    def process_request(self, request):
        try:
            check_url(request.url, self.sandbox)
        except AddressRefused as exc:
            raise IgnoreRequest(str(exc)) from None
        return None


class GuardedResolver(CachingThreadedResolver):
    """The default resolver, refusing names that resolve to addresses the scan may not reach."""

    sandbox = False

    @classmethod
    def from_crawler(cls, crawler, reactor):
        resolver = super().from_crawler(crawler, reactor)
        resolver.sandbox = crawler.settings.getbool("UNLISTED_SANDBOX")
        return resolver

    def getHostByName(self, name, timeout=()):
        d = super().getHostByName(name, timeout)

        def check(address):
            check_resolved([address], self.sandbox)
            return address

        return d.addCallback(check)
