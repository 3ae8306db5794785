"""How one scan uses a web browser: which one, headless or in a window, and the Scrapy settings
that put scrapy-playwright's download handler in front of the plain HTTP one.

Requests with meta["playwright"] go to the browser; every other request keeps the plain HTTP path.
The browser gets a fresh profile folder made for this scan (no cookies, cache or history from
before, nothing read from the user's own browser profile); the crawl runner deletes it at the end.
"""

from __future__ import annotations

from dataclasses import dataclass

CONTEXT = "scan"        # the one browser context of a scan
MAX_PAGES = 2           # browser pages open at a time, over all sites
SETTLE_SECONDS = 10.0   # how long a page may take to build its results or pass a bot check by itself
SANDBOX_SETTLE_SECONDS = 3.0   # the simulated web's checks pass in a third of a second
HUMAN_SECONDS = 120.0   # how long an assisted scan waits for the user to pass a human check

# Chromium switches: nothing in the background (updates, sync, metrics), no first-run screens, and
# WebRTC kept from revealing local network addresses.
ARGS = ("--no-first-run", "--no-default-browser-check", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions",
        "--disable-breakpad", "--metrics-recording-only", "--mute-audio", "--password-store=basic",
        "--force-webrtc-ip-handling-policy=disable_non_proxied_udp")


@dataclass(frozen=True)
class BrowserRun:
    """The browser side of a scan. `executable` empty: no browser, `missing` says why."""

    executable: str = ""
    name: str = ""
    missing: str = ""            # why there is no browser, in the words a site status uses
    assist: bool = False         # human checks wait for the user to pass them
    window: bool = False         # a visible window (assisted scans); else headless
    retry_challenges: bool = False   # attended scans: a plain request that meets a bot check is retried here
    debug_port: bool = False     # let a test drive the window as a person would (UNLISTED_BROWSER_DEBUG=1)
    settle_seconds: float = SETTLE_SECONDS

    @property
    def available(self) -> bool:
        return bool(self.executable)


def context_options(run: BrowserRun, profile_dir: str) -> dict:
    """Playwright's launch_persistent_context options: the browser and its throw-away profile."""
    args = list(ARGS)
    if run.debug_port:
        args.append("--remote-debugging-port=0")   # written to <profile>/DevToolsActivePort
    return {
        "user_data_dir": profile_dir,
        "executable_path": run.executable,
        "headless": not run.window,
        "args": args,
        "service_workers": "block",
        "accept_downloads": False,
        "java_script_enabled": True,
        "locale": "en-US",
        "handle_sigint": False,     # Ctrl-C stops the scan, which closes the browser itself
        "viewport": {"width": 1280, "height": 900},
    }


def scrapy_browser_settings(run: BrowserRun, sandbox: bool) -> dict:
    """Settings added to the crawl when a browser is used (scrapy-playwright; the browser itself starts
    with the first page that needs it). One scheme only: each handler would start a browser of its
    own, and catalog sites are https (the simulated web http)."""
    handler = "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler"
    return {
        "DOWNLOAD_HANDLERS": {"http" if sandbox else "https": handler},
        "PLAYWRIGHT_BROWSER_TYPE": "chromium",
        "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": MAX_PAGES,
        "PLAYWRIGHT_MAX_CONTEXTS": 1,
        "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": 30_000,
        # the browser's own headers (its user agent), not the plain path's
        "PLAYWRIGHT_PROCESS_REQUEST_HEADERS": None,
        # a crashed browser is not started again: its remaining sites end as errors
        "PLAYWRIGHT_RESTART_DISCONNECTED_BROWSER": False,
    }
