"""`unlisted optout` after `unlisted demo`, through the real CLI, with Debian's chromium headless: `--all
--sandbox --auto` files every web-form and email opt-out of the demo plan, each with its evidence (0600);
Ctrl-C leaves no half-filed task; a skipped task is left alone; no browser: the forms are left to her."""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from scanner.exitcodes import Exit
from spiders.catalog import default_catalog
from tests.browser.chromium import chromium_path
from tests.conftest import GUARD_SITE

CATALOG = {s.id for s in default_catalog()}


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory):
    chromium_path()
    home = tmp_path_factory.mktemp("optout") / "home"
    done = _cli(home, "demo")
    assert done.returncode == 0, done.stderr
    assert "optout --all --sandbox --auto" in done.stdout
    return home / "demo"


def _cli(home: Path, *args: str, **kwargs):
    env = {**os.environ, "UNLISTED_HOME": str(home), "PYTHONPATH": str(GUARD_SITE), "PYTHONDONTWRITEBYTECODE": "1"}
    exe = Path(sys.executable).with_name("unlisted")
    return subprocess.run([str(exe), *args], capture_output=True, text=True, env=env, timeout=600, **kwargs)


@pytest.fixture
def home(demo_home, tmp_path):
    copy = tmp_path / "demo"
    shutil.copytree(demo_home, copy)
    return copy


def _tasks(home: Path) -> dict[int, dict]:
    out = _cli(home, "tasks", "--all", "--format", "json")
    assert out.returncode == 0, out.stderr
    return {t["id"]: t for t in json.loads(out.stdout)["tasks"]}


def _fileable(task: dict) -> bool:
    """An opt-out of a catalog site taken by web form or email (the directories' listings are her own)."""
    return task["kind"] == "optout" and bool(CATALOG & set(task["sites"])) and \
        bool({"web_form", "email"} & set(task["methods"]))


def test_optout_all_files_every_form_and_email_of_the_demo_plan(home):
    before = _tasks(home)
    result = _cli(home, "optout", "--all", "--sandbox", "--auto")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    after = _tasks(home)
    fileable = [i for i, t in before.items() if _fileable(t) and t["status"] == "todo"]
    assert len(fileable) >= 40
    not_filed = {i: after[i]["status"] for i in fileable if after[i]["status"] != "filed"}
    assert not not_filed, result.stdout
    via = [after[i]["filed_via"] for i in fileable]
    assert via.count("web_form") >= 5 and via.count("email") >= 1
    for i in fileable:
        evidence = Path(after[i]["evidence"])
        assert evidence.parent == home / "evidence" and evidence.is_file()
        assert stat.S_IMODE(evidence.stat().st_mode) == 0o600
    assert stat.S_IMODE((home / "evidence").stat().st_mode) == 0o700
    web = [after[i] for i in fileable if after[i]["filed_via"] == "web_form"]
    assert all(t["confirmed"] for t in web if t["confirmation_expected"])
    assert any(t["confirmation_expected"] for t in web)
    shots = list((home / "evidence").glob("*.png"))
    assert len(shots) >= len(web) and all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in shots)
    left = [t for t in before.values() if t["kind"] == "optout" and not _fileable(t)]
    assert all(after[t["id"]]["status"] == "todo" and after[t["id"]]["filed_via"] == "" for t in left)
    assert f"{len(fileable)} of {len(fileable) + len(left)} filed" in result.stdout
    shown = _cli(home, "tasks", "show", str(web[0]["id"])).stdout
    assert "Filed through its web form (with `unlisted optout`); evidence: " + web[0]["evidence"] in shown
    report = _cli(home, "report")
    page = Path(report.stdout.split("Report: ", 1)[1].strip()).read_text()
    assert "Filed through its web form with `unlisted optout`; evidence kept in" in page


def test_ctrl_c_leaves_no_half_filed_task(home):
    env = {**os.environ, "UNLISTED_HOME": str(home), "PYTHONPATH": str(GUARD_SITE)}
    proc = subprocess.Popen([str(Path(sys.executable).with_name("unlisted")), "optout", "--all", "--sandbox", "--auto"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    filed = 0
    for line in proc.stdout:
        filed += line.strip().startswith("Filed:")
        if filed == 2:
            proc.send_signal(signal.SIGINT)
            break
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == Exit.INTERRUPTED, err
    assert "Stopped." in err and "Traceback" not in err
    tasks = _tasks(home)
    assert sum(t["status"] == "filed" for t in tasks.values()) >= 2
    for t in tasks.values():
        assert (t["status"] == "filed") == (t["filed_via"] != ""), t
        if t["filed_via"]:
            assert Path(t["evidence"]).is_file()


def test_a_skipped_task_is_left_alone(home):
    tasks = _tasks(home)
    [email_only] = [t for t in tasks.values() if t["kind"] == "optout" and t["methods"] == ["email", "mail"]]
    assert _cli(home, "tasks", "skip", str(email_only["id"])).returncode == 0
    again = _cli(home, "optout", str(email_only["id"]), "--sandbox", "--auto")
    assert again.returncode == Exit.USAGE and "its status: Won't do" in again.stderr
    result = _cli(home, "optout", "--all", "--sandbox", "--auto", "--method", "email")
    assert result.returncode == 0, result.stderr
    assert f"Task {email_only['id']}:" not in result.stdout
    assert _tasks(home)[email_only["id"]]["status"] == "wont_do"


def test_without_a_browser_the_forms_are_left_to_her(home):
    tasks = _tasks(home)
    web = next(t for t in tasks.values() if _fileable(t) and t["methods"] == ["web_form"])
    result = _cli(home, "optout", str(web["id"]), "--sandbox", "--auto", "--browser", "/nonexistent/chromium")
    assert result.returncode == 0, result.stderr
    assert "its web form needs a web browser: needs Chrome or Chromium" in result.stdout
    assert _tasks(home)[web["id"]]["status"] == "todo"


def test_with_no_screen_the_forms_are_left_to_her_and_nothing_is_marked(home):
    tasks = _tasks(home)
    web = next(t for t in tasks.values() if _fileable(t) and t["methods"] == ["web_form"])
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    result = subprocess.run([str(Path(sys.executable).with_name("unlisted")), "optout", str(web["id"]), "--sandbox"],
                            capture_output=True, text=True, timeout=120,
                            env={**env, "UNLISTED_HOME": str(home), "PYTHONPATH": str(GUARD_SITE)})
    assert result.returncode == 0, result.stderr
    assert "Web forms are left to you: this computer has no screen" in result.stdout
    assert "its web form needs a web browser: this computer has no screen" in result.stdout
    assert _tasks(home)[web["id"]]["status"] == "todo"
