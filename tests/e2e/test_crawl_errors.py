"""A real scan whose sites cannot be reached ends each of them ERROR with a plain reason, and neither
Twisted nor Scrapy prints anything on the terminal (they used to print resolver tracebacks into the
progress bar)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from scanner.exitcodes import Exit

TESTS = Path(__file__).resolve().parents[1]
PERSON = ("--name", "Avery Quinlan", "--city", "Portland", "--state", "OR")


def _results(home: Path) -> dict[str, tuple[str, str]]:
    db = sqlite3.connect(home / "unlisted.db")
    try:
        return {site: (status, detail) for site, status, detail in db.execute("SELECT site, status, detail FROM site_results")}
    finally:
        db.close()


def test_a_site_whose_name_resolves_to_a_private_address_ends_error_quietly(run_cli):
    path = os.pathsep.join([str(TESTS / "private_dns_site"), str(TESTS / "guard_site")])
    result = run_cli("scan", *PERSON, "--site", "Spokeo", "--site", "411.com", env={"PYTHONPATH": path}, timeout=120)
    assert result.returncode == Exit.LOW_COVERAGE, result.stderr   # no site could be checked: not an all-clear
    assert result.stderr == "", result.stderr          # no Twisted "while looking up ..." traceback
    results = _results(run_cli.home)
    assert set(results) == {"spokeo", "411"}
    for status, detail in results.values():
        assert status == "ERROR"
        assert detail == "could not reach the site (the host name resolves to 10.0.0.5, a private or local address; not allowed)"
    log = (run_cli.home / "logs" / "unlisted.log").read_text()
    assert "spokeo -> ERROR" in log and "Avery" not in log and "10.0.0.5" not in log


def test_no_network_ends_each_site_error_with_plain_words(run_cli, tmp_path):
    refused = tmp_path / "refused.log"
    result = run_cli("scan", *PERSON, "--site", "spokeo", env={"UNLISTED_NETGUARD_LOG": str(refused)}, timeout=120)
    assert result.returncode == Exit.LOW_COVERAGE and result.stderr == "", result.stderr
    assert "DNS lookup of www.spokeo.com" in refused.read_text()   # the resolver's lookup, refused by the guard
    assert _results(run_cli.home)["spokeo"] == (
        "ERROR", "could not reach the site (its address could not be looked up: is this computer offline?)")


def test_twisted_failures_and_warnings_after_the_crawl_starts_never_reach_the_terminal(tmp_path):
    code = """
import gc, logging, sys, warnings
from scanner.crawl import _quiet_twisted
from twisted.internet import defer
from twisted.logger import Logger
from twisted.python.failure import Failure
handler = logging.FileHandler(sys.argv[1]); logging.getLogger("unlisted").addHandler(handler)
logging.getLogger("unlisted").setLevel(logging.INFO)
_quiet_twisted()
Logger().failure("while looking up {name}", Failure(ValueError("refused")), name="a host")
d = defer.fail(RuntimeError("unhandled in a Deferred")); del d; gc.collect()
warnings.warn("a library's deprecation", DeprecationWarning)
warnings.warn("a library's warning")
"""
    log = tmp_path / "unlisted.log"
    done = subprocess.run([sys.executable, "-c", code, str(log)], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(TESTS / "guard_site")})
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert "crawl: unhandled ValueError" in log.read_text() and "crawl: unhandled RuntimeError" in log.read_text()
