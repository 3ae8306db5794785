"""The username checks crawled in a second process (scanner/crawl.py, `_Beside`), as a scan runs them.

Each crawl runs in a subprocess of its own (a reactor starts once per process): the catalog sites
are crawled there, the username checks in the second process it starts. What the second process
finds must arrive as if crawled in the first; a Ctrl-C stops both; a second process that dies
leaves its sites "could not check"; a first process that dies takes the second with it.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from tests.conftest import GUARD_SITE, ROOT

SCRIPT = textwrap.dedent("""
    import datetime, json, logging, os, signal, sys, threading, time
    import scanner.crawl as crawl

    mode, home = sys.argv[1], sys.argv[2]
    logging.getLogger("unlisted").addHandler(logging.FileHandler(os.path.join(home, "unlisted.log")))  # as the CLI
    os.cpu_count = lambda: 4        # a second process is started only where there is a CPU to spare
    crawl.BESIDE = mode != "here"
    started = []

    class Recorded(crawl._Beside):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            started.append(self.process)
            with open(os.path.join(home, "beside.pid"), "w") as fh:
                fh.write(str(self.process.pid))
            if mode == "ctrl-c":        # Ctrl-C in the middle of the username checks
                threading.Timer(2.0, os.kill, (os.getpid(), signal.SIGINT)).start()
            if mode == "beside-dies":
                threading.Timer(2.0, os.kill, (self.process.pid, signal.SIGKILL)).start()

    crawl._Beside = Recorded

    from scanner.config import make_config
    from scanner.profile import load_profile
    from scanner.sandbox.server import DEMO_PROFILE, SandboxServer
    from scanner.sources.families import plan_people_search
    from scanner.sources.social import plan_usernames

    with SandboxServer() as server:
        config = make_config(home, sandbox_url=server.url)
        profile, today = load_profile(DEMO_PROFILE), datetime.date(2026, 12, 6)
        plans = plan_people_search(profile, config, today, ("people_wizard", "kwold")) + plan_usernames(
            profile, config, today)
        done = []
        result = crawl.run_crawl([p.job for p in plans], sandbox=True, deadline_seconds=120,
                                 on_site_done=lambda o: done.append(o.site))
        hits_at_end = len(server.httpd.hits)
        time.sleep(1.0)
        hits_after = len(server.httpd.hits) - hits_at_end
    print(json.dumps({
        "close_reason": result.close_reason,
        "outcomes": {site: [o.status, o.detail] for site, o in sorted(result.outcomes.items())},
        "items": sorted(type(item).__name__ + ":" + item.site for item in result.items),
        "told": sorted(done), "beside": bool(started),
        "beside_alive": any(p.is_alive() for p in started), "hits_after_the_end": hits_after,
    }))
""")


def _run(mode: str, tmp_path, delay: str = "0") -> dict:
    tmp_path.mkdir(exist_ok=True)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join((str(GUARD_SITE), str(ROOT))),
           "UNLISTED_SANDBOX_DOWNLOAD_DELAY": delay}
    proc = subprocess.run([sys.executable, "-c", SCRIPT, mode, str(tmp_path)], capture_output=True, text=True,
                          env=env, timeout=240, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stderr.strip() == "", proc.stderr[-3000:]     # nothing printed from either process
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_the_username_checks_in_a_second_process_come_back_as_if_crawled_here(tmp_path):
    beside, here = _run("beside", tmp_path / "a"), _run("here", tmp_path / "b")
    assert beside["beside"] and not here["beside"]
    assert beside["close_reason"] == here["close_reason"] == "finished"
    assert beside["outcomes"] == here["outcomes"]
    assert any(site.startswith("social-") for site in beside["outcomes"])
    assert beside["items"] == here["items"]
    assert any(item.startswith("AccountItem:") for item in beside["items"])
    assert beside["told"] == sorted(beside["outcomes"])      # each site's end was told as it came
    assert not beside["beside_alive"]


def test_ctrl_c_stops_both_processes(tmp_path):
    out = _run("ctrl-c", tmp_path, delay="0.5")   # a per-site delay: the checks take longer than 2 s
    assert out["close_reason"] == "shutdown"
    assert not out["beside_alive"]
    assert out["hits_after_the_end"] == 0
    stopped = [site for site, (status, detail) in out["outcomes"].items()
               if status == "ERROR" and "stopped before this site answered" in detail]
    assert any(site.startswith("social-") for site in stopped)


def test_a_second_process_that_dies_leaves_its_sites_could_not_check(tmp_path):
    out = _run("beside-dies", tmp_path, delay="0.5")
    assert out["close_reason"] == "finished"          # the catalog sites were checked to their end
    assert out["outcomes"]["people_wizard"][0] == "RESULTS"
    died = {site: detail for site, (status, detail) in out["outcomes"].items() if site.startswith("social-")}
    assert died and any("stopped unexpectedly" in detail for detail in died.values())
    assert "crawl: the second process ended early (exit code -9)" in (tmp_path / "unlisted.log").read_text()
    assert sorted(out["told"]) == sorted(out["outcomes"])


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX")
def test_the_second_process_stops_when_the_first_is_killed(tmp_path):
    # 5 s between a site's requests: left alone, the second process would crawl on for 5 s or more
    env = {**os.environ, "PYTHONPATH": os.pathsep.join((str(GUARD_SITE), str(ROOT))),
           "UNLISTED_SANDBOX_DOWNLOAD_DELAY": "5"}
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT, "beside", str(tmp_path)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env=env, cwd=tmp_path)
    pid_file = tmp_path / "beside.pid"
    deadline = time.monotonic() + 60
    while not pid_file.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(1.0)                       # the second process is crawling
    beside = int(pid_file.read_text())
    proc.kill()
    proc.wait(10)
    deadline = time.monotonic() + 4
    while _alive(beside) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _alive(beside), "the second crawl process outlived the scan that started it"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:      # a zombie (ended, not yet reaped by anybody) is not running
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return True
