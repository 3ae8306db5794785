"""Benchmark: a full scan of the whole catalog against the sandbox, with simulated latency and delay.

Run:  python benchmarks/scan_bench.py [--latency-ms 150] [--delay 0.5]

Every sandbox response waits --latency-ms; each site's downloads are spaced by --delay seconds
(Scrapy's DOWNLOAD_DELAY, one request at a time per site). Prints the wall time of the scan, the
critical-path lower bound, their ratio, requests per second and peak memory. The bound is the
longest chain of requests one site must make one after another: Scrapy starts a site's next
request no sooner than `delay` after the previous one started and not before it ended, so a chain
of n requests needs at least (n - 1) * max(latency, delay) + latency. Targets: ratio <= 1.3 and
peak memory < 400 MB.

The sandbox runs in a child process (real sites do not share our interpreter's lock), and the
modules a scan imports are loaded before the clock starts; the crawl phase (what the bound
models) is timed apart from the whole scan (which adds storing findings and writing the report).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _serve(scenario, conn) -> None:
    from scanner.sandbox.server import SandboxServer

    with SandboxServer(scenario) as server:
        conn.send(server.url)
        conn.recv()   # "stop"
        conn.send(list(server.httpd.hits))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency-ms", type=int, default=150)
    parser.add_argument("--delay", type=float, default=0.5, help="per-site download delay in seconds")
    args = parser.parse_args()
    os.environ["UNLISTED_SANDBOX_DOWNLOAD_DELAY"] = str(args.delay)

    import multiprocessing

    import reports.render  # noqa: F401 - warm imports: a scan's fixed start-up cost is not the crawl
    import scanner.crawl as crawl
    import scanner.engine.matcher  # noqa: F401
    import scrapy.crawler  # noqa: F401
    import spiders.base  # noqa: F401
    from scanner.config import make_config
    from scanner.profile import load_profile
    from scanner.sandbox.server import DEMO_PROFILE, Scenario, load_scenario
    from scanner.service import run_scan
    from spiders.catalog import default_catalog

    crawl_time = []
    real_run_crawl = crawl.run_crawl

    def timed_run_crawl(*a, **kw):
        t = time.perf_counter()
        try:
            return real_run_crawl(*a, **kw)
        finally:
            crawl_time.append(time.perf_counter() - t)

    crawl.run_crawl = timed_run_crawl

    demo = load_scenario()
    scenario = Scenario(hit_terms=demo.hit_terms, blocked=demo.blocked, error=demo.error, delay_ms=args.latency_ms)
    sites = default_catalog()
    profile = load_profile(DEMO_PROFILE)
    parent, child = multiprocessing.Pipe()
    proc = multiprocessing.get_context("fork").Process(target=_serve, args=(scenario, child), daemon=True)
    proc.start()
    url = parent.recv()
    with tempfile.TemporaryDirectory() as home:
        config = make_config(Path(home), sandbox_url=url)
        start = time.perf_counter()
        summary = run_scan(config, profile, tuple(s.id for s in sites), today=_dt.date.today())
        wall = time.perf_counter() - start
    parent.send("stop")
    hits = parent.recv()
    proc.join(5)
    per_site = Counter(site for _, site in hits if site)
    latency = args.latency_ms / 1000
    longest_site, longest = per_site.most_common(1)[0]
    bound = (longest - 1) * max(latency, args.delay) + latency
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    statuses = Counter(r.status for r in summary.sites)
    print(f"sites: {len(sites)} ({', '.join(f'{k} {v}' for k, v in sorted(statuses.items()))}); findings: {summary.findings}")
    print(f"requests: {len(hits)} (longest chain: {longest} on {longest_site}); latency {args.latency_ms} ms, delay {args.delay} s")
    print(f"crawl wall time: {crawl_time[0]:.2f} s; critical-path lower bound: {bound:.2f} s; "
          f"ratio: {crawl_time[0] / bound:.2f} (target <= 1.3)")
    print(f"whole scan (crawl + store + report): {wall:.2f} s; ratio {wall / bound:.2f}")
    print(f"requests per second: {len(hits) / crawl_time[0]:.1f}; peak memory of the scan process: {peak_mb:.0f} MB (target < 400)")


if __name__ == "__main__":
    main()
