"""The real `unlisted app` in a subprocess, on 127.0.0.1 with a port of its choosing, and a signed-in client."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from tests.conftest import GUARD_SITE

URL_LINE = re.compile(r"http://127\.0\.0\.1:(\d+)/\?token=([A-Za-z0-9_-]{40,})")


@dataclass
class RunningApp:
    process: subprocess.Popen
    url: str          # the printed address, with its one-time token
    port: int
    token: str
    home: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def signed_in(self) -> requests.Session:
        session = requests.Session()
        answer = session.get(self.url, allow_redirects=False, timeout=30)
        assert answer.status_code == 303, answer.text
        return session

    def csrf(self, session: requests.Session, page: str = "/scan") -> str:
        html = session.get(self.base + page, timeout=30).text
        return re.search(r'name="csrf" value="([^"]+)"', html)[1]


def start_app(home: Path, *args: str) -> RunningApp:
    exe = Path(sys.executable).with_name("unlisted")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "scanner.cli.main"]
    env = {**os.environ, "UNLISTED_HOME": str(home), "PYTHONPATH": str(GUARD_SITE), "PYTHONDONTWRITEBYTECODE": "1"}
    process = subprocess.Popen(cmd + ["app", "--no-open", "--port", "0", *args], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, env=env)
    first = process.stdout.readline()
    match = URL_LINE.fullmatch(first.strip())
    assert match, f"first line is not the address: {first!r} {process.stderr.read() if process.poll() is not None else ''}"
    return RunningApp(process, match[0], int(match[1]), match[2], home)


def stop_app(app: RunningApp) -> None:
    if app.process.poll() is None:
        app.process.terminate()
        try:
            app.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            app.process.kill()
    for stream in (app.process.stdout, app.process.stderr):
        stream.close()


@pytest.fixture
def app_server(tmp_path):
    app = start_app(tmp_path / "home", "--sandbox")
    yield app
    stop_app(app)


def wait_until(check, seconds: float = 60, step: float = 0.2):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(step)
    raise AssertionError("timed out waiting")
