"""Run one real crawl of the sandbox with the browser path, in a process of its own (as a scan runs it);
print one JSON line: the sites' outcomes, the third-party host's hits, and the browser's profile folder.

    python browser_crawl.py HOME SITES BROWSER [attended|unattended|assist] [PROFILE] [BLOCKED]

PROFILE: a profile file to scan for (default: the demo's therapist); BLOCKED: sites (comma-separated)
that answer with their bot wall.

BROWSER is the executable ("" = look for one). "assist" waits for human checks (headless here: the
test passes the check through the DevTools port, as a person would in the window); "WAITING <site>" is
printed when a site waits.
"""

from __future__ import annotations

import datetime
import json
import os
import sys
from dataclasses import replace
from pathlib import Path

from scanner.config import make_config
from scanner.crawl import browser_for, run_crawl
from scanner.engine.items import findings_for_item
from scanner.profile import load_profile
from scanner.sandbox.server import DEMO_PROFILE, SandboxServer, load_scenario
from scanner.sources.families import plan_scan


def main() -> None:
    home, sites, executable, mode = sys.argv[1], tuple(sys.argv[2].split(",")), sys.argv[3], sys.argv[4]
    profile = load_profile(Path(sys.argv[5]) if len(sys.argv) > 5 and sys.argv[5] else DEMO_PROFILE)
    scenario = load_scenario()
    if len(sys.argv) > 6:
        scenario = replace(scenario, blocked=frozenset(filter(None, sys.argv[6].split(","))))
    with SandboxServer(scenario) as server:
        config = make_config(home, sandbox_url=server.url, browser=executable, assist=mode == "assist",
                             attended=mode != "unattended")
        plans = plan_scan(profile, config, datetime.date(2026, 12, 6), sites)
        browser = browser_for(config)
        if mode == "assist":   # no screen in CI: the "window" is headless, the test clicks through DevTools
            browser = replace(browser, window=False, debug_port=True)

        def waiting(site_id: str, seconds: float) -> None:
            print(f"WAITING {site_id} {round(seconds)}", flush=True)

        result = run_crawl([p.job for p in plans], sandbox=True, deadline_seconds=120, browser=browser,
                           on_waiting=waiting)
        hits, asked = server.third_party_hits, server.asked
    print(json.dumps({
        "close_reason": result.close_reason,
        "outcomes": {o.site: {"status": o.status, "detail": o.detail, "fetched_with": o.fetched_with}
                     for o in result.outcomes.values()},
        "search_urls": {o.site: o.search_url for o in result.outcomes.values()},
        "asked": asked,
        "items": sorted({getattr(item, "site", "") for item in result.items}),
        "found": {site: sorted({f.kind for item in result.items if getattr(item, "site", "") == site
                                for f in findings_for_item(item, profile) if f.subject == "self"})
                  for site in {getattr(item, "site", "") for item in result.items}},
        "third_party_hits": hits,
        "pages_reused": result.browser_pages_reused,
        "pid": os.getpid(),
    }), flush=True)


if __name__ == "__main__":
    main()
