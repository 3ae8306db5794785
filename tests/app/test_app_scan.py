"""A scan started from the app is its own `unlisted scan --progress json` process: the app shows its
progress, can stop it (kept as interrupted), survives its crash, and quitting the app leaves it running."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from scanner.sandbox.server import DEMO_PROFILE
from tests.conftest import GUARD_SITE

from .conftest import start_app, stop_app, wait_until


def _scan_pids(home: Path) -> list[int]:
    """The scan processes working on this home (by their command line)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                args = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if str(home).encode() in args and b"scan" in args and b"--progress" in args:
                pids.append(int(entry.name))
    return pids


@pytest.fixture
def app(tmp_path):
    if not Path("/proc/self/cmdline").exists():
        pytest.skip("needs /proc to find the scan process")
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    (home / "profile.toml").write_text(DEMO_PROFILE.read_text())
    running = start_app(home, "--sandbox")
    running.session = running.signed_in()
    yield running
    stop_app(running)
    for pid in _scan_pids(home):
        os.kill(pid, signal.SIGKILL)


def _start(app) -> None:
    answer = app.session.post(app.base + "/scan/start", data={"csrf": app.csrf(app.session)}, allow_redirects=False,
                              timeout=30)
    assert answer.status_code == 303 and answer.headers["location"] == "/scan?said=started"


def _status(app) -> dict:
    return app.session.get(app.base + "/scan/status", timeout=30).json()


def _history(home: Path) -> str:
    env = {**os.environ, "UNLISTED_HOME": str(home), "PYTHONPATH": str(GUARD_SITE)}
    return subprocess.run([str(Path(sys.executable).with_name("unlisted")), "history"], capture_output=True,
                          text=True, env=env, timeout=60).stdout


def test_progress_then_stop_keeps_the_scan_as_interrupted(app):
    _start(app)
    progress = wait_until(lambda: _status(app)["progress"].get("sites_done"), 120)
    assert progress >= 1
    second = app.session.post(app.base + "/scan/start", data={"csrf": app.csrf(app.session)}, allow_redirects=False,
                              timeout=30)
    assert second.headers["location"] == "/scan?said=busy"           # one scan at a time
    app.session.post(app.base + "/scan/stop", data={"csrf": app.csrf(app.session)}, timeout=30)
    end = wait_until(lambda: not _status(app)["running"] and _status(app)["end"], 120)
    assert end["event"] == "done" and end["state"] == "interrupted" and end["exit"] == 4, end
    page = app.session.get(app.base + "/scan", timeout=30).text
    assert "stopped before the end" in page
    assert "interrupted" in _history(app.home)


def test_a_scan_that_crashes_does_not_take_the_app_down(app):
    _start(app)
    pids = wait_until(lambda: _scan_pids(app.home), 60)
    for pid in pids:
        os.kill(pid, signal.SIGKILL)
    end = wait_until(lambda: not _status(app)["running"] and _status(app)["end"], 60)
    assert end["event"] == "error" and end["exit"] == -signal.SIGKILL
    page = app.session.get(app.base + "/scan", timeout=30)
    assert page.status_code == 200 and "The scan did not finish" in page.text
    _start(app)                                                          # and a new one can start


def test_quitting_the_app_leaves_the_scan_running_to_its_end(app):
    _start(app)
    wait_until(lambda: _status(app)["progress"].get("sites_done"), 120)
    app.session.post(app.base + "/quit", data={"csrf": app.csrf(app.session)}, timeout=30)
    wait_until(lambda: app.process.poll() is not None, 30)
    assert _scan_pids(app.home), "the scan stopped with the app"
    wait_until(lambda: not _scan_pids(app.home), 300, step=1)
    assert "complete" in _history(app.home)
