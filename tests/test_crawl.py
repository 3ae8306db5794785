"""The crawl runner (scanner/crawl.py) in a subprocess of its own, as every scan runs it.

A Ctrl-C in the first moments of a crawl, after the reactor has started but before Scrapy's own signal
handler is in place, stops the reactor before any spider opens. That crawl did not run: it must end
"shutdown" (the scan is then kept as interrupted), never as a complete scan that found nothing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from tests.conftest import GUARD_SITE, ROOT

SCRIPT = textwrap.dedent("""
    import datetime, json, os, signal, sys
    from scrapy.crawler import AsyncCrawlerProcess

    if sys.argv[1] == "early-ctrl-c":
        start = AsyncCrawlerProcess.start

        def start_then_interrupt(self, *args, **kwargs):
            from twisted.internet import reactor

            # runs as the reactor starts, before Scrapy installs its own SIGINT handler: what the reactor's
            # own SIGINT handler does, called directly (a real os.kill here races with the handlers' set-up:
            # while Python's default handler is still in place, its KeyboardInterrupt is swallowed by the
            # callback that raised it, and the crawl goes on)
            reactor.callWhenRunning(reactor.sigInt, signal.SIGINT)
            return start(self, *args, **kwargs)

        AsyncCrawlerProcess.start = start_then_interrupt

    from scanner.config import make_config
    from scanner.crawl import run_crawl
    from scanner.profile import load_profile
    from scanner.sandbox.server import DEMO_PROFILE, SandboxServer
    from scanner.sources.families import plan_scan

    with SandboxServer() as server:
        config = make_config(sys.argv[2], sandbox_url=server.url)
        plans = plan_scan(load_profile(DEMO_PROFILE), config, datetime.date(2026, 12, 6), ("fastpeoplesearch",))
        result = run_crawl([p.job for p in plans], sandbox=True, deadline_seconds=60)
    print(json.dumps({"close_reason": result.close_reason, "outcomes": sorted(result.outcomes)}))
""")


def _crawl(mode: str, tmp_path) -> dict:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join((str(GUARD_SITE), str(ROOT)))}
    proc = subprocess.run([sys.executable, "-c", SCRIPT, mode, str(tmp_path)], capture_output=True, text=True,
                          env=env, timeout=120, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_a_crawl_that_runs_to_its_end_is_finished(tmp_path):
    assert _crawl("normal", tmp_path) == {"close_reason": "finished", "outcomes": ["fastpeoplesearch"]}


def test_a_ctrl_c_before_any_spider_opened_is_a_shutdown(tmp_path):
    assert _crawl("early-ctrl-c", tmp_path) == {"close_reason": "shutdown", "outcomes": []}
