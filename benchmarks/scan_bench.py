"""Benchmark: a full scan of the whole catalog against the sandbox, with simulated latency and delay.

Run:  python benchmarks/scan_bench.py [--latency-ms 150] [--delay 0.5] [--all-sources] [--family N]
            [--no-browser] [--runs N]

Every sandbox response waits --latency-ms; each site's downloads are spaced by --delay seconds
(Scrapy's DOWNLOAD_DELAY, one request at a time per site). Prints the wall time of the scan, the
critical-path lower bound, their ratio, requests per second and peak memory. The bound is the
longest chain of requests one site must make one after another: Scrapy starts a site's next
request no sooner than `delay` after the previous one started and not before it ended, so a chain
of n requests needs at least (n - 1) * max(latency, delay) + latency. Targets: ratio <= 1.3 and
peak memory < 400 MB.

By default the demo's walled sites (scanner/sandbox/walls.py) are on and read in Debian's chromium:
a browser site's chain is the measured time its pages took in the browser (one search at a time per
site), plus the delays between them; the bound is the longest chain of any site, plain or browser.
`--no-browser` scans without a browser (the walled sites then end "could not check" at once).
`--all-sources` adds every other source (username checks, registries, the practice site) to the
catalog; `--family N` gives the demo therapist N family members (each one's searches and usernames).
Also printed: browser pages per second and the peak memory of the browser's processes. `--runs N`
scans N times and prints the median ratios (the last run's figures in full).

On a computer with two or more CPUs the username checks run in a second process (scanner/crawl.py);
its CPU time is counted with the browser's and the matching workers'. On a two-CPU machine the
simulated web shares the CPUs with the scan, which a real scan does not.

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
        usage = resource.getrusage(resource.RUSAGE_SELF)
        conn.send(usage.ru_utime + usage.ru_stime)


def _browser_rss_mb(root_pid: int) -> float:
    """Memory of the browser's processes (chromium and Playwright's driver) under root_pid, in MB (PSS)."""
    children: dict[int, list[int]] = {}
    names: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                names[int(entry.name)] = stat[stat.index("(") + 1:stat.rindex(")")]
                children.setdefault(int(stat[stat.rindex(")") + 2:].split()[1]), []).append(int(entry.name))
            except (OSError, ValueError):
                continue
    total, todo = 0, list(children.get(root_pid, []))
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        if "chrom" in names.get(pid, "") or "node" in names.get(pid, ""):
            try:   # proportional set size: memory shared between the browser's processes counted once
                pss = next(line for line in (Path("/proc") / str(pid) / "smaps_rollup").read_text().splitlines()
                           if line.startswith("Pss:"))
                total += int(pss.split()[1])
            except (OSError, StopIteration, ValueError):
                continue
    return total / 1024


class _BrowserMemory:
    """Samples the browser's memory every 0.2 s while the scan runs; keeps the peak."""

    def __init__(self):
        import threading

        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            self.peak = max(self.peak, _browser_rss_mb(os.getpid()))

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def _with_family(profile, n: int):
    from dataclasses import replace

    from scanner.profile import FamilyMember

    first = profile.family[0]
    names = ["Jordan Quinlan", "Riley Quinlan", "Casey Quinlan", "Morgan Quinlan", "Taylor Quinlan", "Drew Quinlan"]
    family = tuple(replace(first, name=names[i], usernames=tuple(f"{u}{i or ''}" for u in first.usernames))
                   for i in range(n))
    return replace(profile, family=family)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency-ms", type=int, default=150)
    parser.add_argument("--delay", type=float, default=0.5, help="per-site download delay in seconds")
    parser.add_argument("--all-sources", action="store_true", help="every source, not only the catalog")
    parser.add_argument("--family", type=int, default=None, help="this many family members (default: the demo's)")
    parser.add_argument("--no-browser", action="store_true", help="no web browser: walled sites could not be checked")
    parser.add_argument("--runs", type=int, default=1, help="scan this many times (each in a new process): the medians")
    args = parser.parse_args()
    if args.runs > 1:
        return _runs(args.runs)
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

    crawl_time, crawl_cpu = [], []
    browser_seconds: dict[str, float] = {}
    real_run_crawl = crawl.run_crawl

    def timed_run_crawl(*a, **kw):
        t, cpu = time.perf_counter(), time.process_time()
        try:
            result = real_run_crawl(*a, **kw)
            browser_seconds.update(result.browser_seconds)
            return result
        finally:
            crawl_time.append(time.perf_counter() - t)
            crawl_cpu.append(time.process_time() - cpu)

    crawl.run_crawl = timed_run_crawl

    demo = load_scenario()
    scenario = Scenario(hit_terms=demo.hit_terms, blocked=demo.blocked, error=demo.error, delay_ms=args.latency_ms,
                        routes=demo.routes, walls=demo.walls)
    sites = default_catalog()
    profile = load_profile(DEMO_PROFILE)
    if args.family is not None:
        profile = _with_family(profile, args.family)
    parent, child = multiprocessing.Pipe()
    proc = multiprocessing.get_context("fork").Process(target=_serve, args=(scenario, child), daemon=True)
    proc.start()
    url = parent.recv()
    with tempfile.TemporaryDirectory() as home:
        config = make_config(Path(home), sandbox_url=url, browser="/nonexistent" if args.no_browser else "")
        start = time.perf_counter()
        with _BrowserMemory() as memory:
            summary = run_scan(config, profile, () if args.all_sources else tuple(s.id for s in sites),
                               today=_dt.date.today())
        wall = time.perf_counter() - start
    parent.send("stop")
    hits = parent.recv()
    server_cpu = parent.recv()
    proc.join(5)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)   # every child process that has ended, the web's too
    others_cpu = children.ru_utime + children.ru_stime - server_cpu
    per_site = Counter(site for _, site in hits if site)
    latency = args.latency_ms / 1000
    chains = {site: (n - 1) * max(latency, args.delay) + latency for site, n in per_site.items()
              if site not in browser_seconds}
    for site, seconds in browser_seconds.items():   # its pages one after another, spaced by the delay
        chains[site] = seconds + (per_site[site] - 1) * args.delay
    longest_site = max(chains, key=chains.get)
    longest, bound = per_site[longest_site], chains[longest_site]
    plain_bound = max((c for s, c in chains.items() if s not in browser_seconds), default=0.0)
    # the browser opens at most MAX_PAGES pages at a time: all its page time, shared out, is a bound too
    from spiders.browser.run import MAX_PAGES

    pages_bound = sum(browser_seconds.values()) / MAX_PAGES
    if pages_bound > bound:
        longest_site, bound = f"the browser's {MAX_PAGES} pages", pages_bound
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    statuses = Counter(r.status for r in summary.sites)
    print(f"sites: {len(sites)} ({', '.join(f'{k} {v}' for k, v in sorted(statuses.items()))}); findings: {summary.findings}")
    chain = f"the browser's page time over its {MAX_PAGES} pages" if longest_site.startswith("the browser") \
        else f"{longest} requests on {longest_site}"
    print(f"requests: {len(hits)} (the bound comes from {chain}); latency {args.latency_ms} ms, delay {args.delay} s")
    print(f"crawl wall time: {crawl_time[0]:.2f} s; critical-path lower bound: {bound:.2f} s; "
          f"ratio: {crawl_time[0] / bound:.2f} (target <= 1.3)")
    print(f"whole scan (crawl + store + report): {wall:.2f} s; ratio {wall / bound:.2f}")
    own = resource.getrusage(resource.RUSAGE_SELF)
    print(f"CPU seconds: the scan's process {own.ru_utime + own.ru_stime:.1f} ({crawl_cpu[0]:.1f} in its crawl), "
          f"its other processes {others_cpu:.1f} (the browser, the second crawl, the matching workers), the simulated web "
          f"{server_cpu:.1f}; {(crawl_cpu[0] + others_cpu) / len(hits) * 1000:.2f} ms of the scan's CPU a request "
          f"(all of them); {os.cpu_count()} CPUs")
    print(f"requests per second: {len(hits) / crawl_time[0]:.1f}; peak memory of the scan process: {peak_mb:.0f} MB (target < 400)")
    family = len(profile.family)
    print(f"sources: {'all' if args.all_sources else 'catalog'}; family members: {family}")
    if browser_seconds:
        pages = sum(per_site[s] for s in browser_seconds)
        print(f"browser: {len(browser_seconds)} sites, {pages} pages in {sum(browser_seconds.values()):.2f} s of page time "
              f"({pages / crawl_time[0]:.2f} pages per second of crawl); plain sites' bound alone: {plain_bound:.2f} s; "
              f"peak memory of the browser: {memory.peak:.0f} MB")
    else:
        print("browser: not used" + (" (--no-browser)" if args.no_browser else ""))


def _runs(n: int) -> None:
    """Run the benchmark n times, each in a process of its own (a crawl starts once per process), and
    print each run's ratios and their medians: a shared machine's noise moves one run by 10-20 %."""
    import re
    import statistics
    import subprocess

    argv = [a for i, a in enumerate(sys.argv[1:]) if a != "--runs" and sys.argv[i] != "--runs"]
    crawl_ratios, whole_ratios = [], []
    for i in range(n):
        out = subprocess.run([sys.executable, __file__, *argv], capture_output=True, text=True, check=True).stdout
        crawl_ratios.append(float(re.search(r"ratio: ([0-9.]+)", out).group(1)))
        whole_ratios.append(float(re.search(r"whole scan .*ratio ([0-9.]+)", out).group(1)))
        print(f"run {i + 1}: crawl ratio {crawl_ratios[-1]:.2f}, whole scan ratio {whole_ratios[-1]:.2f}", flush=True)
    print(out.rstrip())
    print(f"median of {n} runs: crawl ratio {statistics.median(crawl_ratios):.2f}, "
          f"whole scan ratio {statistics.median(whole_ratios):.2f} (target <= 1.3)")


if __name__ == "__main__":
    main()
