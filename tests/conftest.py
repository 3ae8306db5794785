"""Shared fixtures. Every test runs loopback-only: a guard refuses and reports anything else."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GUARD_SITE = Path(__file__).resolve().parent / "guard_site"
sys.path.insert(0, str(GUARD_SITE))
import netguard  # noqa: E402

netguard.install()
# Processes a test starts (a scan's second crawl process, its matching workers) are loopback-only too.
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, (str(GUARD_SITE), os.environ.get("PYTHONPATH"))))


def pytest_collection_modifyitems(config, items):
    if os.environ.get("UNLISTED_LIVE") == "1":
        return
    skip = pytest.mark.skip(reason="live test: set UNLISTED_LIVE=1 to reach real websites")
    for item in items:
        if "live" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _no_network_escape(tmp_path_factory):
    start = len(netguard.violations)
    log = tmp_path_factory.getbasetemp() / "netguard.log"
    os.environ["UNLISTED_NETGUARD_LOG"] = str(log)
    before = log.read_text() if log.exists() else ""
    yield
    new = netguard.violations[start:]
    after = log.read_text() if log.exists() else ""
    escaped = new + after[len(before):].splitlines()
    assert not escaped, f"a test tried to leave loopback: {escaped}"


@pytest.fixture
def run_cli(tmp_path):
    """Run the real `unlisted` console script in a subprocess, loopback-only, with a private home."""
    home = tmp_path / "home"

    def run(*args: str, input: str | None = None, env: dict | None = None, timeout: int = 300):
        full_env = {**os.environ, "UNLISTED_HOME": str(home), "PYTHONPATH": str(GUARD_SITE),
                    "PYTHONDONTWRITEBYTECODE": "1", **(env or {})}
        exe = Path(sys.executable).with_name("unlisted")
        cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "scanner.cli.main"]
        return subprocess.run(cmd + list(args), input=input, capture_output=True, text=True,
                              env=full_env, timeout=timeout, cwd=tmp_path)

    run.home = home
    return run
