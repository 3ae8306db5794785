"""Hardened, polite Scrapy settings (see DESIGN.md for why each one is here)."""

from __future__ import annotations

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
        "CONCURRENT_REQUESTS": 16,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
        "DEPTH_LIMIT": 2,
        "CLOSESPIDER_TIMEOUT": deadline_seconds,
        "DNS_TIMEOUT": 15,
        "DNS_RESOLVER": "spiders.middlewares.GuardedResolver",
        "EXTENSIONS": {"scrapy.extensions.memusage.MemoryUsage": None},
        "DOWNLOADER_MIDDLEWARES": {"spiders.middlewares.AddressGuardMiddleware": 10},
        "UNLISTED_SANDBOX": sandbox,
        "AUTOTHROTTLE_ENABLED": not sandbox,
        "AUTOTHROTTLE_START_DELAY": 2.0,
        "AUTOTHROTTLE_MAX_DELAY": 30.0,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
        "DOWNLOAD_DELAY": 0 if sandbox else 1.5,
        "DOWNLOAD_DELAY_JITTER": 0.5,
    }
    return settings
