"""The browser fetch path in real crawls of the sandbox, with Debian's chromium driven headless.

Each crawl runs in a process of its own (tests/spiders/browser_crawl.py), with TMPDIR pointed at the
test's folder, so the browser's throw-away profile folder can be looked for afterwards. The sandbox's
walled sites (scanner/sandbox/walls.py): whitepages and nuwber build their results by script from a
JSON call; fastpeoplesearch (declared for the browser) and searchpeoplefree (declared plain) show a
"Just a moment..." check that a browser passes by itself; truepeoplesearch asks for a click.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from tests.browser.chromium import chromium_path
from tests.conftest import GUARD_SITE, ROOT

SCRIPT = Path(__file__).with_name("browser_crawl.py")
WALLED = "whitepages,nuwber,fastpeoplesearch,searchpeoplefree,truepeoplesearch"
PLAIN = "fastbackgroundcheck"


@pytest.fixture
def chromium():
    return chromium_path()


@pytest.fixture(autouse=True)
def short_tmp(tmp_path):
    """The crawl's TMPDIR, short: Chromium puts a socket there, and a socket's path may not exceed 107
    bytes (pytest's folders are longer)."""
    folder = Path(tempfile.mkdtemp(prefix="ub-", dir="/tmp"))
    (tmp_path / "tmp").symlink_to(folder)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _start(tmp_path: Path, sites: str, browser: str, mode: str = "attended") -> subprocess.Popen:
    temp = (tmp_path / "tmp").resolve()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join((str(GUARD_SITE), str(ROOT))), "TMPDIR": str(temp)}
    return subprocess.Popen([sys.executable, str(SCRIPT), str(tmp_path / "home"), sites, browser, mode],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path)


def _result(proc: subprocess.Popen, timeout: float = 240) -> dict:
    out, err = proc.communicate(timeout=timeout)
    assert proc.returncode == 0, err[-3000:]
    return json.loads(out.strip().splitlines()[-1])


def _profiles(tmp_path: Path) -> list[Path]:
    return list((tmp_path / "tmp").glob("unlisted-browser-*"))


def _browser_processes(tmp_path: Path) -> list[str]:
    found = subprocess.run(["ps", "-ww", "-eo", "args"], capture_output=True, text=True).stdout.splitlines()
    return [line for line in found if str((tmp_path / "tmp").resolve()) in line]


def test_walled_sites_are_read_in_the_browser_and_nothing_else_is_loaded(tmp_path, chromium):
    result = _result(_start(tmp_path, f"{WALLED},{PLAIN}", chromium))
    out = result["outcomes"]
    for site in ("whitepages", "nuwber", "fastpeoplesearch", "searchpeoplefree"):
        assert (out[site]["status"], out[site]["fetched_with"]) == ("RESULTS", "browser"), (site, out[site])
        assert site in result["items"], f"{site}: its listings were not handed on"
    # the human check stays: headless, nobody clicks it
    assert out["truepeoplesearch"]["status"] == "BLOCKED"
    assert "unlisted scan --assist" in out["truepeoplesearch"]["detail"]
    assert out[PLAIN] == {"status": "RESULTS", "detail": "the site listed matching records", "fetched_with": "http"}
    # every walled page asks for the third-party host (a stylesheet, a script, a pixel): none reached it
    assert result["third_party_hits"] == []
    assert _profiles(tmp_path) == [], "the browser's profile folder was left behind"


def test_unattended_scans_do_not_retry_a_plain_site_in_the_browser(tmp_path, chromium):
    out = _result(_start(tmp_path, "searchpeoplefree,whitepages", chromium, "unattended"))["outcomes"]
    assert (out["searchpeoplefree"]["status"], out["searchpeoplefree"]["fetched_with"]) == ("BLOCKED", "http")
    assert (out["whitepages"]["status"], out["whitepages"]["fetched_with"]) == ("RESULTS", "browser")


def test_without_a_browser_the_sites_that_need_one_could_not_be_checked(tmp_path):
    result = _result(_start(tmp_path, f"whitepages,truepeoplesearch,searchpeoplefree,{PLAIN}", "/nonexistent"))
    out = result["outcomes"]
    for site in ("whitepages", "truepeoplesearch"):
        assert out[site]["status"] == "ERROR"
        assert out[site]["detail"].startswith("needs Chrome or Chromium")
        assert "/nonexistent" in out[site]["detail"]
        assert out[site]["fetched_with"] == ""
    assert (out["searchpeoplefree"]["status"], out["searchpeoplefree"]["fetched_with"]) == ("BLOCKED", "http")
    assert out[PLAIN]["status"] == "RESULTS"
    assert _profiles(tmp_path) == []


def test_a_crawl_without_browser_sites_starts_no_browser(tmp_path, chromium):
    proc = _start(tmp_path, PLAIN, chromium, "unattended")
    result = _result(proc)
    assert result["outcomes"][PLAIN]["fetched_with"] == "http"
    assert _profiles(tmp_path) == []


def _wait_for(predicate, timeout: float = 60.0, what: str = ""):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def test_the_profile_folder_is_deleted_after_ctrl_c(tmp_path, chromium):
    proc = _start(tmp_path, WALLED, chromium)
    _wait_for(lambda: _browser_processes(tmp_path), what="the browser to start")
    os.kill(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert _profiles(tmp_path) == [], err[-2000:]
    _wait_for(lambda: not _browser_processes(tmp_path), 20, "the browser to exit")


def test_a_browser_crash_ends_only_its_sites_and_the_folder_is_deleted(tmp_path, chromium):
    proc = _start(tmp_path, f"{WALLED},{PLAIN}", chromium)
    _wait_for(lambda: _browser_processes(tmp_path), what="the browser to start")
    subprocess.run(["pkill", "-KILL", "-f", str((tmp_path / "tmp").resolve())], check=False)
    result = _result(proc)
    out = result["outcomes"]
    assert out[PLAIN]["status"] == "RESULTS"
    assert set(out) == set(WALLED.split(",")) | {PLAIN}
    for site in WALLED.split(","):   # each ends with a status: read after a restart, or an error that says why
        assert out[site]["status"] in ("RESULTS", "BLOCKED", "ERROR"), (site, out[site])
    assert _profiles(tmp_path) == []


def _click_the_human_check(tmp_path: Path, site: str, clicked: list[str]) -> None:
    """What a person does in the window: find the site's page and press its button (over DevTools)."""
    from playwright.sync_api import sync_playwright

    port_file = _wait_for(lambda: next(iter((tmp_path / "tmp").glob("unlisted-browser-*/DevToolsActivePort")), None),
                          what="the DevTools port")
    port = _wait_for(lambda: port_file.read_text().split("\n")[0].strip(), what="the port number")
    with sync_playwright() as p:
        browser = p.chromium.connect_over_cdp(f"http://127.0.0.1:{port}")
        page = _wait_for(lambda: next((pg for ctx in browser.contexts for pg in ctx.pages
                                       if f"/s/{site}/" in pg.url and pg.query_selector("#human-check")), None),
                         what="the human check page")
        page.click("#human-check")
        clicked.append(page.url)
        browser.close()


def test_an_assisted_scan_waits_for_the_user_and_goes_on_with_the_others(tmp_path, chromium):
    proc = _start(tmp_path, f"truepeoplesearch,whitepages,{PLAIN}", chromium, "assist")
    first = proc.stdout.readline()
    assert re.match(r"WAITING truepeoplesearch \d+", first), first
    clicked: list[str] = []
    clicker = threading.Thread(target=_click_the_human_check, args=(tmp_path, "truepeoplesearch", clicked))
    clicker.start()
    clicker.join(90)
    assert clicked, "the human check page was never found"
    result = _result(proc)
    out = result["outcomes"]
    assert (out["truepeoplesearch"]["status"], out["truepeoplesearch"]["fetched_with"]) == ("RESULTS", "browser")
    assert "truepeoplesearch" in result["items"]
    assert out["whitepages"]["status"] == "RESULTS"
    assert _profiles(tmp_path) == []
