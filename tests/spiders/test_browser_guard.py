"""What a browser page may load (spiders/browser/page.py), decided without a browser: the same address
guard as the plain path, and only the site's own hosts."""

from __future__ import annotations

import asyncio

import pytest

from spiders.browser.fetch import own_hosts
from spiders.browser.page import PageGuard, host_allowed
from spiders.browser.run import BrowserRun, context_options


def why_not(url: str, own=("whitepages.com",), sandbox=False) -> str:
    return asyncio.run(PageGuard(own=own, sandbox=sandbox).why_not(url))


@pytest.mark.parametrize("host, allowed", [
    ("whitepages.com", True), ("www.whitepages.com", True), ("api.whitepages.com", True),
    ("WWW.WhitePages.com.", True), ("notwhitepages.com", False), ("whitepages.com.evil.example", False),
    ("google-analytics.com", False), ("cdn.example.net", True),
])
def test_only_the_sites_own_hosts_and_declared_asset_hosts(host, allowed):
    assert host_allowed(host, ("whitepages.com", "cdn.example.net")) is allowed


@pytest.mark.parametrize("url", [
    "file:///etc/passwd", "ftp://whitepages.com/x", "chrome://settings", "http://127.0.0.1/", "http://10.0.0.8/",
    "http://[::1]/", "http://2130706433/", "http://0x7f000001/", "http://169.254.169.254/latest/meta-data",
    "http://localhost:8080/", "http://router.local/",
])
def test_the_address_guard_refuses_what_the_plain_path_refuses(url):
    assert why_not(url, own=("whitepages.com", "127.0.0.1", "10.0.0.8", "::1", "localhost", "router.local",
                             "2130706433", "0x7f000001", "169.254.169.254"))


def test_another_sites_host_is_refused_with_a_reason():
    assert "another site" in why_not("https://www.google-analytics.com/collect?v=1")


def test_the_sandbox_allows_its_own_loopback_host_only():
    own = own_hosts("http://127.0.0.1:8123/s/whitepages", "whitepages.com", ())
    assert own == ("127.0.0.1", "whitepages.com")
    assert why_not("http://127.0.0.1:8123/s/whitepages/x", own=own, sandbox=True) == ""
    # another loopback name is another host: the sandbox's stand-in for an ad network
    assert "another site" in why_not("http://localhost:9000/pixel.gif", own=own, sandbox=True)
    assert why_not("https://whitepages.com/", own=own, sandbox=True)       # no real host from the sandbox


def test_a_name_that_resolves_to_a_private_address_is_refused(monkeypatch):
    async def fake_getaddrinfo(self, host, port, *args, **kwargs):
        return [(2, 1, 6, "", ("192.168.1.20", 0))]

    monkeypatch.setattr(asyncio.unix_events._UnixSelectorEventLoop, "getaddrinfo", fake_getaddrinfo)
    assert "192.168.1.20" in why_not("https://rebind.whitepages.com/")


def test_the_profile_is_throw_away_and_nothing_is_kept_or_shared():
    options = context_options(BrowserRun(executable="/usr/bin/chromium"), "/tmp/unlisted-browser-x")
    assert options["user_data_dir"] == "/tmp/unlisted-browser-x"
    assert options["headless"] is True
    assert options["service_workers"] == "block" and options["accept_downloads"] is False
    assert "--disable-sync" in options["args"] and "--disable-background-networking" in options["args"]
    assert not any(a.startswith("--remote-debugging-port") for a in options["args"])
    window = context_options(BrowserRun(executable="/usr/bin/chromium", assist=True, window=True), "/tmp/p")
    assert window["headless"] is False


def test_profile_folders_left_by_a_killed_scan_are_swept(tmp_path):
    import os
    import subprocess
    import sys
    import time

    from scanner.crawl import OWNER, PROFILE_PREFIX, sweep_browser_profiles

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    folders = {name: tmp_path / f"{PROFILE_PREFIX}{name}" for name in ("dead", "alive", "old", "young")}
    for folder in folders.values():
        (folder / "Default").mkdir(parents=True)
    (folders["dead"] / OWNER).write_text(dead.stdout.strip())
    (folders["alive"] / OWNER).write_text(str(os.getpid()))
    os.utime(folders["old"], (time.time() - 7200, time.time() - 7200))
    (tmp_path / "someone-elses-folder").mkdir()
    assert sweep_browser_profiles(str(tmp_path)) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [f"{PROFILE_PREFIX}alive", f"{PROFILE_PREFIX}young", "someone-elses-folder"])


def test_the_live_check_in_a_browser_reads_a_script_built_page(tmp_path, monkeypatch):
    """`sites check --live --browser` fetches with BrowserFetcher: here against the simulated web, where
    Whitepages builds its results by script (a plain fetch sees an empty shell) and every page asks for
    a third-party host that must not be reached."""
    import datetime as dt
    import shutil

    from scanner.profile import load_profile
    from scanner.sandbox.server import DEMO_PROFILE, SandboxServer, Scenario
    from spiders import selftest
    from spiders.browser.single import BrowserFetcher
    from spiders.catalog import default_catalog

    chromium = shutil.which("chromium")
    if not chromium:
        pytest.skip("Chromium is not installed")
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile
    monkeypatch.setattr(tempfile, "tempdir", None)
    site = next(s for s in default_catalog() if s.id == "whitepages")
    scenario = Scenario(hit_terms=("quinlan",), walls={"whitepages": "script_rendered"})
    with SandboxServer(scenario, dt.date(2026, 12, 6)) as server:
        base = server.site_base(site.id)
        sandboxed = type(site)(**{**site.__dict__, "base_url": base})
        plain = selftest.check_live(sandboxed, load_profile(DEMO_PROFILE), dt.date(2026, 12, 6),
                                    lambda url: selftest.fetch_url(url, sandbox=True), pause=0)
        with BrowserFetcher(selftest_run(chromium), sandbox=True) as fetcher:
            result = selftest.check_live(sandboxed, load_profile(DEMO_PROFILE), dt.date(2026, 12, 6),
                                         fetcher.fetch_for(site, base), pause=0)
        assert server.third_party_hits == []
    assert not plain.ok and "not recognised" in plain.detail          # the empty shell
    assert result.ok and "RESULTS" in result.detail, result.detail
    assert not list(tmp_path.glob("unlisted-browser-*"))


def selftest_run(executable: str):
    return BrowserRun(executable=executable, settle_seconds=3.0)
