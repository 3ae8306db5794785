"""Never falsely reassuring: a scan that could check too little says so first (terminal, report, JSON, exit
code); quick mode shows possible matches instead of "0 exposures"; skipped sites name the missing detail."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap

from bs4 import BeautifulSoup

from scanner.exitcodes import Exit
from scanner.sandbox.server import DEMO_PROFILE

from tests.conftest import GUARD_SITE, ROOT

OFFLINE_SITES = ("--site", "spokeo", "--site", "thatsthem")


def _json(run_cli, tmp_path, home=None) -> dict:
    out = tmp_path / "report.json"
    args = ("--home", str(home)) if home else ()
    assert run_cli(*args, "report", "--format", "json", "--output", str(out)).returncode == 0
    return json.loads(out.read_text())


def test_an_offline_scan_warns_first_everywhere_and_exits_low_coverage(run_cli, tmp_path):
    # A real (not sandbox) scan in a process whose every DNS lookup and connection is refused: the computer
    # is offline. The refusals are logged to a file of this test's own (the harness would count them).
    guard_log = tmp_path / "refused.log"
    result = run_cli("scan", "--profile", str(DEMO_PROFILE), *OFFLINE_SITES, env={"UNLISTED_NETGUARD_LOG": str(guard_log)})
    assert result.returncode == Exit.LOW_COVERAGE, (result.stdout, result.stderr)
    assert result.stdout.startswith("WARNING: None of the 2 sites searched could be checked, so this is not an "
                                    "all-clear")
    assert "2 could not be reached at all: is this computer offline?" in result.stdout
    assert "exposures found" not in result.stdout and "No exposures" not in result.stdout
    assert re.search(r"^Spokeo +could not check \(no answer\)$", result.stdout, re.M)
    assert "Traceback" not in result.stderr

    data = _json(run_cli, tmp_path)
    assert {k: data["coverage"][k] for k in ("searched", "checked", "unreachable", "low", "cause")} == \
        {"searched": 2, "checked": 0, "unreachable": 2, "low": True, "cause": "offline"}
    soup = BeautifulSoup((run_cli.home / "reports" / "unlisted-scan-1.html").read_text(), "html.parser")
    first = soup.find("main").find("section")
    assert first["id"] == "coverage-notice" and "is this computer offline?" in first.get_text()
    tiles = soup.find("section", id="summary").find_all("li")
    assert "stat-warning" in tiles[0]["class"] and "not an all-clear" in tiles[0].get_text()


def test_quick_mode_shows_the_demo_therapists_possible_matches(run_cli, tmp_path):
    result = run_cli("scan", "--sandbox", "--name", "Avery J. Quinlan", "--city", "Portland", "--state", "OR")
    assert result.returncode == 0, result.stderr
    matches = int(re.search(r"^(\d+) possible matches: sites list someone named Avery J\. Quinlan in Portland, OR\.",
                            result.stdout, re.M).group(1))
    assert matches >= 30
    assert "add your street address, phone, email or birth year" in result.stdout
    assert "No confirmed exposures found" in result.stdout
    assert re.search(r"^FastPeopleSearch +possible match \(not confirmed\)$", result.stdout, re.M)

    data = _json(run_cli, tmp_path)
    assert data["summary"]["findings"] == 0 and data["summary"]["possible_matches"] == matches
    possible = [f for f in data["findings"] if f["kind"] == "possible_match"]
    assert len(possible) == matches and all(f["value"].endswith("(Portland, OR)") for f in possible)
    assert any("the listing shows an address" in r for f in possible for r in f["reasons"])
    assert not any(t["kind"] == "optout" for t in data["tasks"])   # nothing is filed for a namesake
    soup = BeautifulSoup((run_cli.home / "reports" / "unlisted-scan-1.html").read_text(), "html.parser")
    assert f"{matches} possible matches to confirm" in soup.find("section", id="summary").get_text(" ", strip=True)
    assert f"{matches} listings may be yours" in soup.find("section", id="first").get_text(" ", strip=True)


def test_skipped_sites_name_the_detail_that_would_search_them(run_cli, tmp_path):
    result = run_cli("scan", "--sandbox", "--name", "Rowan Example", "--city", "Salem", "--state", "OR")
    assert result.returncode == 0, result.stderr
    assert re.search(r"^ +\d+  searches by birth year, which is not in your profile$", result.stdout, re.M)
    assert "Add your birth year" in result.stdout
    assert re.search(r"^Searched (\d+) of (\d+) sites", result.stdout, re.M)
    data = _json(run_cli, tmp_path)
    skipped = [s for s in data["sites"] if s["status"] == "SKIPPED"]
    assert skipped and all(s["detail"] for s in skipped)
    assert not any("none of the details" in s["detail"] for s in skipped)
    assert data["summary"]["sites_searched"] + data["summary"]["sites_skipped"] == data["summary"]["sites_total"]


def test_progress_reaches_the_total_without_a_practice(tmp_path):
    script = textwrap.dedent(f"""
        import datetime, json
        from scanner.config import make_config
        from scanner.profile import quick_profile
        from scanner.sandbox.server import SandboxServer
        from scanner.service import run_scan
        seen = []
        with SandboxServer() as server:
            config = make_config({str(tmp_path / 'home')!r}, sandbox_url=server.url)
            run_scan(config, quick_profile("Avery Quinlan", "Portland", "OR"),
                     on_progress=lambda p: seen.append((p.sites_done, p.sites_total)))
        print(json.dumps(seen[-1]))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=300,
                          env={"PYTHONPATH": f"{GUARD_SITE}:{ROOT}", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    sites_done, total = json.loads(done.stdout.strip().splitlines()[-1])
    assert sites_done == total > 100
