"""The real `unlisted` CLI in a subprocess against the sandbox: demo, scan, report, verdict."""

import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from scanner.lock import ScanLock

# What the demo must find: (site, kind, subject). Namesakes (Tulsa, Boise) must yield nothing.
EXPECTED = {
    (site, kind, "self")
    for site in ("fastpeoplesearch", "truepeoplesearch", "thatsthem")
    for kind in ("home_address", "previous_address", "phone", "relative", "birth_date")
} | {("fastpeoplesearch", "email", "self"), ("thatsthem", "email", "self")}
NAMESAKE_MARKS = ("Tulsa", "TULSA", "Tamarind", "TAMARIND", "918", "Boise", "Cobblestone", "208", "Dolores", "Renata")


def report_json(run_cli, home: Path) -> dict:
    out = home.parent / "r.json"
    result = run_cli("--home", str(home), "report", "--format", "json", "--output", str(out))
    assert result.returncode == 0, result.stderr
    return json.loads(out.read_text())


def test_demo_finds_exactly_the_expected_exposures(run_cli):
    result = run_cli("demo")
    assert result.returncode == 0, result.stderr
    report_path = Path(result.stdout.strip().splitlines()[-1].removeprefix("Report: "))
    assert report_path.is_file() and report_path.suffix == ".html"
    assert stat.S_IMODE(report_path.stat().st_mode) == 0o600
    assert "Whitepages        could not check (blocked)" in result.stdout

    data = report_json(run_cli, run_cli.home / "demo")
    found = {(f["site"], f["kind"], f["subject"]) for f in data["findings"]}
    assert found == EXPECTED
    for f in data["findings"]:
        assert f["confidence"] >= 0.5 and f["evidence"] and f["reasons"]
        assert not any(mark in f["value"] for mark in NAMESAKE_MARKS), f
    statuses = {s["id"]: s["status"] for s in data["sites"]}
    assert statuses == {"fastpeoplesearch": "RESULTS", "truepeoplesearch": "RESULTS", "thatsthem": "RESULTS",
                        "whitepages": "BLOCKED"}
    assert [m["site"] for m in data["manual_checks"]] == ["whitepages"]
    assert data["manual_checks"][0]["search_url"].startswith("http://127.0.0.1:")
    assert data["summary"]["sites_unchecked"] == 1 and data["summary"]["sites_listed"] == 3

    soup = BeautifulSoup(report_path.read_text(), "html.parser")
    text = soup.get_text(" ", strip=True)
    assert "4821 SE Larkspur Ct" in text and "Jordan Quinlan" in text
    assert "Tulsa" not in text and "Boise" not in text
    assert "Whitepages" in text
    assert soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"}) is not None
    assert not soup.find_all("script")
    manual_links = [a["href"] for a in soup.find_all("a", href=True) if a["href"] == data["manual_checks"][0]["search_url"]]
    assert manual_links, "the blocked site's search link must be in the report"


def test_scan_with_profile_and_private_files(run_cli, tmp_path):
    from scanner.sandbox import DEMO_PROFILE

    result = run_cli("scan", "--profile", str(DEMO_PROFILE), "--sandbox", "--site", "thatsthem")
    assert result.returncode == 0, result.stderr
    assert "That's Them" in result.stdout and "Whitepages" not in result.stdout
    home = run_cli.home
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    for path in home.rglob("*"):
        expected = 0o700 if path.is_dir() else 0o600
        assert stat.S_IMODE(path.stat().st_mode) == expected, path
    log = (home / "logs" / "unlisted.log").read_text()
    assert "thatsthem -> RESULTS" in log
    for secret in ("Quinlan", "Larkspur", "555", "example.com", "127.0.0.1"):
        assert secret not in log


def test_quick_mode_and_no_results_scenario(run_cli, tmp_path):
    scenario = tmp_path / "scenario.toml"
    scenario.write_text('hit_terms = ["quinlan"]\nblocked = []\n')
    result = run_cli("scan", "--name", "Rowan Example", "--city", "Salem", "--state", "OR", "--sandbox",
                     env={"UNLISTED_SANDBOX_SCENARIO": str(scenario)})
    assert result.returncode == 0, result.stderr
    assert "0 exposures found on 4 sites; 0 sites could not be checked" in result.stdout
    data = report_json(run_cli, run_cli.home)
    assert {s["status"] for s in data["sites"]} == {"NO_RESULTS"}


def test_server_errors_are_could_not_check_never_not_found(run_cli, tmp_path):
    scenario = tmp_path / "scenario.toml"
    scenario.write_text('hit_terms = ["quinlan"]\nerror = ["thatsthem"]\n')
    result = run_cli("scan", "--name", "Avery Quinlan", "--city", "Portland", "--state", "OR", "--sandbox",
                     "--site", "thatsthem", env={"UNLISTED_SANDBOX_SCENARIO": str(scenario)})
    assert result.returncode == 0, result.stderr
    data = report_json(run_cli, run_cli.home)
    assert data["sites"][0]["status"] == "ERROR"
    assert data["manual_checks"][0]["site"] == "thatsthem"


@pytest.mark.parametrize("args, message", [
    (("scan", "--name", "Avery Quinlan", "--city", "Portland", "--state", "Oregon"), '--state: "Oregon" is not a two-letter US state code'),
    (("scan", "--sandbox", "--name", "A Q", "--site", "nosuchsite"), "unknown site 'nosuchsite'"),
    (("scan",), "no profile given"),
    (("report",), "no scans yet"),
    (("verdict", "999", "not-me"), "there is no finding '999'"),
])
def test_bad_input_is_one_line_without_traceback(run_cli, args, message):
    result = run_cli(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_bad_profile_names_file_and_field(run_cli, tmp_path):
    bad = tmp_path / "me.toml"
    bad.write_text('schema = 1\n[person]\nname = "Avery Quinlan"\n[[addresses]]\nkind = "home"\ncity = "Portland"\nstate = "Oregon"\n')
    result = run_cli("scan", "--profile", str(bad))
    assert result.returncode == 2
    assert result.stderr.strip() == 'me.toml: addresses[0].state: "Oregon" is not a two-letter US state code'


def test_not_me_verdict_is_honoured_by_later_reports(run_cli):
    assert run_cli("demo").returncode == 0
    home = run_cli.home / "demo"
    data = report_json(run_cli, home)
    target = next(f for f in data["findings"] if f["kind"] == "relative")
    result = run_cli("--home", str(home), "verdict", str(target["id"]), "not-me")
    assert result.returncode == 0 and "left out of reports" in result.stdout
    again = report_json(run_cli, home)
    assert target["fingerprint"] not in {f["fingerprint"] for f in again["findings"]}
    assert len(again["findings"]) == len(data["findings"]) - 1


def test_second_scan_at_once_says_so(run_cli):
    home = run_cli.home
    home.mkdir(parents=True)
    with ScanLock(home / "scan.lock"):
        result = run_cli("scan", "--sandbox", "--name", "Avery Quinlan", "--city", "Portland", "--state", "OR")
    assert result.returncode == 3
    assert "another unlisted scan is running" in result.stderr


def _start_slow_scan(run_cli, tmp_path):
    scenario = tmp_path / "slow.toml"
    scenario.write_text('hit_terms = ["quinlan"]\ndelay_ms = 700\n')
    env = {**os.environ, "UNLISTED_HOME": str(run_cli.home), "UNLISTED_SANDBOX_SCENARIO": str(scenario)}
    exe = Path(sys.executable).with_name("unlisted")
    proc = subprocess.Popen([str(exe), "scan", "--sandbox", "--name", "Avery Quinlan", "--city", "Portland",
                             "--state", "OR"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    db = run_cli.home / "unlisted.db"
    deadline = time.time() + 30
    while time.time() < deadline:
        if db.exists():
            try:
                with sqlite3.connect(db) as conn:
                    if conn.execute("SELECT count(*) FROM scans WHERE state = 'running'").fetchone()[0]:
                        break
            except sqlite3.Error:
                pass
        time.sleep(0.1)
    time.sleep(0.5)
    return proc


def test_ctrl_c_keeps_earlier_scans_and_marks_this_one_interrupted(run_cli, tmp_path):
    assert run_cli("scan", "--sandbox", "--name", "Avery Quinlan", "--city", "Portland", "--state", "OR").returncode == 0
    proc = _start_slow_scan(run_cli, tmp_path)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 4, (out, err)
    assert "Traceback" not in err
    with sqlite3.connect(run_cli.home / "unlisted.db") as conn:
        states = [row[0] for row in conn.execute("SELECT state FROM scans ORDER BY id")]
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert states == ["complete", "interrupted"]


def test_killed_scan_is_marked_interrupted_by_the_next_one(run_cli, tmp_path):
    proc = _start_slow_scan(run_cli, tmp_path)
    proc.kill()
    proc.wait(timeout=30)
    result = run_cli("scan", "--sandbox", "--name", "Avery Quinlan", "--city", "Portland", "--state", "OR")
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(run_cli.home / "unlisted.db") as conn:
        states = [row[0] for row in conn.execute("SELECT state FROM scans ORDER BY id")]
    assert states == ["interrupted", "complete"]


def test_help_is_fast_and_lists_every_command(run_cli):
    start = time.perf_counter()
    result = run_cli("--help")
    elapsed = time.perf_counter() - start
    assert result.returncode == 0
    for command in ("init", "scan", "demo", "report", "verdict", "analyze", "sites"):
        assert command in result.stdout
    print(f"unlisted --help took {elapsed:.3f}s")
    assert "scrapy" not in subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import scanner.cli"], capture_output=True, text=True
    ).stderr
