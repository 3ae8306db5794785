"""The confirmation link a site emailed, pasted on the task page: `unlisted optout confirm` runs in its own
process and its answer shows there; a link that is not the site's own is refused by it, in one line."""

from __future__ import annotations

import datetime as _dt
import json
import os
import subprocess
import sys
from pathlib import Path

from scanner.config import make_config
from scanner.optout.record import mark_filed
from scanner.sandbox.server import DEMO_PROFILE
from scanner.service import open_store
from tests.conftest import GUARD_SITE

from .conftest import start_app, stop_app, wait_until


def _cli(home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "UNLISTED_HOME": str(home), "PYTHONPATH": str(GUARD_SITE)}
    return subprocess.run([str(Path(sys.executable).with_name("unlisted")), *args], capture_output=True, text=True,
                          env=env, timeout=180)


def test_a_pasted_link_goes_through_optout_confirm_and_its_refusal_is_shown(tmp_path):
    home = tmp_path / "home"
    assert _cli(home, "scan", "--sandbox", "--profile", str(DEMO_PROFILE), "--site", "verecor").returncode == 0
    task = next(t for t in json.loads(_cli(home, "tasks", "--format", "json").stdout)["tasks"]
                if t["kind"] == "optout" and "verecor" in t["sites"])
    store = open_store(make_config(home))
    try:      # filed by `unlisted optout` earlier, the site's email still to come
        mark_filed(store, store.task(task["id"]), "web_form", str(tmp_path / "evidence.txt"), _dt.date.today(),
                   confirmation_expected=True)
    finally:
        store.close()

    app = start_app(home, "--sandbox")
    try:
        session = app.signed_in()
        page = session.get(f"{app.base}/tasks/{task['id']}", timeout=30).text
        assert 'action="/tasks/%d/confirm"' % task["id"] in page
        csrf = app.csrf(session, f"/tasks/{task['id']}")
        bad = session.post(f"{app.base}/tasks/{task['id']}/confirm", data={"csrf": csrf, "link": "javascript:alert(1)"},
                           timeout=30)
        assert "That is not a web link" in bad.text
        session.post(f"{app.base}/tasks/{task['id']}/confirm", timeout=30,
                     data={"csrf": csrf, "link": "https://verecor.example.net/confirm/abc"})
        status = wait_until(lambda: (s := session.get(app.base + "/optout/status", timeout=30).json())["end"] and s)
        assert status["end"]["exit"] == 2 and "links outside the sandbox are not allowed" in status["end"]["message"]
        shown = session.get(f"{app.base}/tasks/{task['id']}", timeout=30).text
        assert "links outside the sandbox are not allowed" in shown and "It did not finish" in shown
    finally:
        stop_app(app)
    after = next(t for t in json.loads(_cli(home, "tasks", "--format", "json").stdout)["tasks"] if t["id"] == task["id"])
    assert after["confirmed"] == "" and after["confirmation_expected"] is True
