"""Hardened, polite Scrapy settings (see DESIGN.md for why each one is here)."""

from __future__ import annotations

import os

from scanner import __version__

USER_AGENT = f"Mozilla/5.0 (compatible; unlisted/{__version__}; personal privacy self-check)"


def scrapy_settings(sandbox: bool, deadline_seconds: int = 900) -> dict:
    settings = {
        "BOT_NAME": "unlisted",
        "USER_AGENT": USER_AGENT,
        # Scrapy's own log lines carry URLs, and our search URLs carry the user's name: keep them off.
        "LOG_ENABLED": False,
        "LOG_INSTALL_ROOT_HANDLER": False,
        "TELNETCONSOLE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False,
        "HTTPCACHE_ENABLED": False,
        "COOKIES_ENABLED": True,
        "ROBOTSTXT_OBEY": False,  # a self-search of one's own listing; robots gating is per site in the catalog
        "REFERRER_POLICY": "no-referrer",
        "DOWNLOAD_MAXSIZE": 5 * 1024 * 1024,
        "DOWNLOAD_WARNSIZE": 2 * 1024 * 1024,
        "DOWNLOAD_TIMEOUT": 30,
        "DOWNLOAD_VERIFY_CERTIFICATES": True,
        "REDIRECT_MAX_TIMES": 5,
        "METAREFRESH_ENABLED": False,
        "RETRY_TIMES": 1,
        "RETRY_HTTP_CODES": [500, 502, 503, 504, 522, 524, 408],
        "HTTPERROR_ALLOW_ALL": True,  # block pages come as 403/429/503: the detector must see them
        # One request at a time per site (the spider sets download_slot = site id), but every site in
        # parallel: the global cap must exceed the catalog size. The scheduler gives the next request
        # to the free site with the most waiting (spiders/scheduling.py): the longest chain sets the
        # scan's length. Measured (benchmarks/scan_bench.py): 256 is quicker than 128 or 512.
        "CONCURRENT_REQUESTS": 256,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
        # Items of one response are processed this many at a time; Scrapy's default (100) starts 100
        # tasks per response, a measurable cost with a few items per page.
        "CONCURRENT_ITEMS": 8,
        "SCHEDULER_PRIORITY_QUEUE": "spiders.scheduling.LongestQueueFirst",
        "DEPTH_LIMIT": 2,
        "CLOSESPIDER_TIMEOUT": deadline_seconds,
        "DNS_TIMEOUT": 15,
        "TWISTED_DNS_RESOLVER": "spiders.middlewares.GuardedResolver",
        # Only the extensions a scan uses are loaded: Scrapy imports every one it lists, even one that is
        # switched off (its remote control alone imports aiohttp, 0.2 s a scan).
        "EXTENSIONS_BASE": {f"scrapy.extensions.{name}": 0 for name in (
            "corestats.CoreStats", "closespider.CloseSpider", "throttle.AutoThrottle")},
        # Per-request costs nobody reads (measured, benchmarks/scan_bench.py): the downloader's byte counts
        # (it re-serialises each request); the check for a `return` in generator callbacks, which re-parses
        # the callback's source code on every response because its cache cannot hold bound methods.
        "DOWNLOADER_STATS": False,
        "WARN_ON_GENERATOR_RETURN_VALUE": False,
        "DOWNLOADER_MIDDLEWARES": {"spiders.middlewares.AddressGuardMiddleware": 10,
                                   # responses pass it before RetryMiddleware (550): it sees 429/503 first
                                   "spiders.middlewares.RetryAfterMiddleware": 560},
        "UNLISTED_RETRY_AFTER_MAX": 120.0,
        "UNLISTED_SANDBOX": sandbox,
        "AUTOTHROTTLE_ENABLED": not sandbox,
        "AUTOTHROTTLE_START_DELAY": 2.0,
        "AUTOTHROTTLE_MAX_DELAY": 30.0,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
        # In the sandbox a per-site delay can be simulated (benchmarks): UNLISTED_SANDBOX_DOWNLOAD_DELAY seconds.
        "DOWNLOAD_DELAY": float(os.environ.get("UNLISTED_SANDBOX_DOWNLOAD_DELAY", "0") or 0) if sandbox else 1.5,
        "DOWNLOAD_DELAY_JITTER": 0.0 if sandbox else 0.5,   # the sandbox simulates a fixed per-site delay
    }
    return settings
