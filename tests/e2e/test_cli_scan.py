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

import re
import tomllib

import pytest
from bs4 import BeautifulSoup

from scanner.exitcodes import Exit
from scanner.lock import ScanLock

from scanner.sandbox.server import DEMO_PROFILE, load_scenario
from spiders.catalog import default_catalog

CATALOG = default_catalog()
IDS = {s.id for s in CATALOG}   # other source families (registries, social, ...) report too: these tests judge the catalog
SCENARIO = load_scenario()   # the demo's scenario.toml: which sites are blocked, erroring, rate-limited


def expected_status(site) -> str:
    """With a web browser (CI installs chromium): the walled sites are read in it, but for the human
    check, which nobody passes in a headless demo."""
    if not site.enabled:
        return "SKIPPED"
    if site.id in SCENARIO.blocked or SCENARIO.walls.get(site.id) == "human_check":
        return "BLOCKED"
    return "ERROR" if site.id in SCENARIO.error else "RESULTS"


def demo_expected() -> set[tuple[str, str, str]]:
    """What the demo must find: (site, kind, subject), from each site's fixtures/SITE/expected.toml (written
    by the fixture generator from what it put on the pages, never by running the matcher), for every site
    the demo scenario lets the scan read."""
    out = set()
    for site in CATALOG:
        if expected_status(site) == "RESULTS":
            doc = tomllib.loads(site.fixture("expected.toml").read_text("utf-8"))["findings"]
            out |= {(site.id, kind, subject) for subject, kinds in doc.items() for kind in kinds}
    return out


EXPECTED = demo_expected()
NAMESAKE_MARKS = ("Tulsa", "TULSA", "Tamarind", "TAMARIND", "918", "Boise", "Cobblestone", "208", "Dolores", "Renata")


def report_json(run_cli, home: Path) -> dict:
    out = home.parent / "r.json"
    result = run_cli("--home", str(home), "report", "--format", "json", "--output", str(out))
    assert result.returncode == 0, result.stderr
    return json.loads(out.read_text())


def test_expected_set_is_the_one_we_mean():
    # anchors written out by hand, so a broken expected.toml or scenario cannot pass silently
    assert len(CATALOG) >= 100 and len(EXPECTED) > 300
    for anchor in [("fastpeoplesearch", "email", "self"), ("thatsthem", "previous_address", "self"),
                   ("peoplefinders", "home_address", "Jordan Quinlan"), ("radaris", "home_address", "self"),
                   ("mylife", "phone", "self")]:
        assert anchor in EXPECTED
    assert not any(site in ("truepeoplesearch", "spokeo", "kwold", "ancestry") for site, _, _ in EXPECTED)
    assert {"whitepages", "nuwber", "fastpeoplesearch", "searchpeoplefree"} <= {site for site, _, _ in EXPECTED}
    assert {"spokeo", "beenverified"} <= SCENARIO.blocked and "radaris" in SCENARIO.rate_limited
    assert SCENARIO.walls == {"whitepages": "script_rendered", "nuwber": "script_rendered", "fastpeoplesearch": "interstitial",
                              "searchpeoplefree": "interstitial", "truepeoplesearch": "human_check"}


def test_demo_finds_exactly_the_expected_exposures(run_cli):
    start = time.perf_counter()
    result = run_cli("demo")
    elapsed = time.perf_counter() - start
    assert result.returncode == 0, result.stderr
    print(f"demo of {len(CATALOG)} sites took {elapsed:.1f}s")   # the speed targets are in benchmarks/scan_bench.py
    report_path = Path(result.stdout.strip().splitlines()[-1].removeprefix("Report: "))
    assert report_path.is_file() and report_path.suffix == ".html"
    assert stat.S_IMODE(report_path.stat().st_mode) == 0o600
    # blocked over plain HTTP, then in the browser too: a human check, for `scan --assist`
    assert re.search(r"^Spokeo +could not check \(asks for a human check\)$", result.stdout, re.M)
    assert re.search(r"^TruePeopleSearch +could not check \(asks for a human check\)$", result.stdout, re.M)
    assert re.search(r"^Whitepages +lists you \(\d+ exposures?\)$", result.stdout, re.M)
    assert re.search(r"^\d+ sites were checked in a web browser\.$", result.stdout, re.M)
    assert "3 sites asked for a human check: run `unlisted scan --assist` to pass them" in result.stdout
    assert re.search(r"^Kwold +could not check \(error\)$", result.stdout, re.M)
    demo_profile = run_cli.home / "demo" / "profile.toml"       # so that `app` there asks nothing first
    assert demo_profile.read_text() == DEMO_PROFILE.read_text() and stat.S_IMODE(demo_profile.stat().st_mode) == 0o600
    assert re.search(r"^To see the demo in a window of your browser: `unlisted --home \S+ app --sandbox --auto`$",
                     result.stdout, re.M)

    data = report_json(run_cli, run_cli.home / "demo")
    found = {(f["site"], f["kind"], f["subject"]) for f in data["findings"] if f["site"] in IDS}
    assert found == EXPECTED
    for f in data["findings"]:
        assert f["confidence"] >= 0.5 and f["evidence"] and f["reasons"]
        assert not any(mark in f["value"] for mark in NAMESAKE_MARKS), f
    statuses = {s["id"]: s["status"] for s in data["sites"] if s["id"] in IDS}
    assert statuses == {s.id: expected_status(s) for s in CATALOG}   # every site gets exactly one status
    checks = [m for m in data["manual_checks"] if m["site"] in IDS]
    unchecked = [m["site"] for m in checks if m["status"] in ("BLOCKED", "ERROR")]
    assert sorted(unchecked) == ["beenverified", "kwold", "spokeo", "truepeoplesearch"]
    in_browser = {s["id"] for s in data["sites"] if s["fetched_with"] == "browser"}
    assert {"whitepages", "nuwber", "fastpeoplesearch", "searchpeoplefree", "truepeoplesearch"} <= in_browser
    assert {s["fetched_with"] for s in data["sites"] if s["id"] not in in_browser and s["status"] != "SKIPPED"} == {"http"}
    assert all(s["fetched_with"] == "" for s in data["sites"] if s["status"] == "SKIPPED")
    skipped = [m for m in checks if m["status"] == "SKIPPED"]
    assert {m["site"] for m in skipped} == {s.id for s in CATALOG if not s.enabled}
    assert all(m["search_url"].startswith("https://") and m["optout_url"].startswith("https://") for m in skipped)
    walled = next(m for m in data["manual_checks"] if m["site"] == "truepeoplesearch")
    assert walled["search_url"].startswith("http://127.0.0.1:") and "unlisted scan --assist" in walled["reason"]
    assert data["summary"]["sites_unchecked"] >= 4
    assert data["summary"]["sites_listed"] >= sum(expected_status(s) == "RESULTS" for s in CATALOG)

    families = {f["parent"]: f for f in data["optout_families"]}
    pf = families["PeopleFinders"]
    assert pf["head"] == "peoplefinders" and pf["optout_url"] == "https://www.peoplefinders.com/opt-out"
    assert {"searchpeoplefree", "fastpeoplesearch", "usphonebook"} <= {s["id"] for s in pf["sites"]}
    listed_parents = [f["parent"] for f in data["optout_families"] if f["parent"]]
    assert len(listed_parents) == len(set(listed_parents))  # one request per family, not per storefront

    soup = BeautifulSoup(report_path.read_text(), "html.parser")
    text = soup.get_text(" ", strip=True)
    assert "4821 SE Larkspur Ct" in text and "Jordan Quinlan" in text
    assert "Tulsa" not in text and "Boise" not in text
    assert "Whitepages" in text and "Opt-outs to file, one per company" in text
    browser_rows = [row for row in soup.select("#sites tbody tr") if "(checked in a browser)" in row.get_text()]
    assert len(browser_rows) >= 5
    assert "asked for a human check" in soup.select_one("#browser-notice").get_text()
    assert soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"}) is not None
    assert not soup.find_all("script")
    manual_links = [a["href"] for a in soup.find_all("a", href=True) if a["href"] == walled["search_url"]]
    assert manual_links, "the blocked site's search link must be in the report"


def _scan_one(run_cli, tmp_path, scenario_text: str, site: str, code: int = 0):
    scenario = tmp_path / "scenario.toml"
    scenario.write_text(scenario_text)
    start = time.perf_counter()
    result = run_cli("scan", "--name", "Avery Quinlan", "--city", "Portland", "--state", "OR", "--sandbox",
                     "--site", site, env={"UNLISTED_SANDBOX_SCENARIO": str(scenario)})
    assert result.returncode == code, result.stderr
    return report_json(run_cli, run_cli.home)["sites"][0], time.perf_counter() - start


def test_429_with_retry_after_is_honoured_then_retried(run_cli, tmp_path):
    site, elapsed = _scan_one(run_cli, tmp_path, 'hit_terms = ["quinlan"]\nrate_limited = ["thatsthem"]\nretry_after = "3"\n',
                              "thatsthem")
    assert site["status"] == "RESULTS"
    assert elapsed >= 3


def test_429_with_too_long_retry_after_is_blocked_rate_limited(run_cli, tmp_path):
    site, elapsed = _scan_one(run_cli, tmp_path, 'hit_terms = ["quinlan"]\nrate_limited = ["thatsthem"]\nretry_after = "3600"\n',
                              "thatsthem", code=Exit.LOW_COVERAGE)  # its only site could not be checked
    assert site["status"] == "BLOCKED" and "rate-limiting" in site["detail"]
    assert elapsed < 60


def test_disabled_site_is_skipped_with_its_reason_and_a_manual_link(run_cli):
    result = run_cli("scan", "--sandbox", "--name", "Avery Quinlan", "--city", "Portland", "--state", "OR",
                     "--site", "ancestry")
    assert result.returncode == Exit.LOW_COVERAGE, result.stderr   # nothing could be searched: not an all-clear
    assert result.stdout.startswith("WARNING: None of the sites in this scan could be searched")
    data = report_json(run_cli, run_cli.home)
    assert data["sites"][0]["status"] == "SKIPPED" and "account" in data["sites"][0]["detail"]
    assert data["manual_checks"][0]["search_url"] == "https://www.ancestry.com/"


def test_scan_with_profile_and_private_files(run_cli, tmp_path):
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
    assert re.search(r"^Searched \d+ of \d+ sites: 0 list you, \d+ do not, 0 could not be checked\.$", result.stdout, re.M)
    assert re.search(r"^No exposures found on the \d+ sites that could be checked\.$", result.stdout, re.M)
    assert "possible match" not in result.stdout   # nobody of that name in that town
    data = report_json(run_cli, run_cli.home)
    statuses = {s["id"]: s["status"] for s in data["sites"] if s["id"] in IDS}
    for site in CATALOG:   # quick mode has a name and a town only: sites that need an age or a phone are skipped
        searchable = site.enabled and any(t.input.startswith("name") and "birth_year" not in t.needs for t in site.searches)
        assert statuses[site.id] == ("NO_RESULTS" if searchable else "SKIPPED"), site.id


def test_server_errors_are_could_not_check_never_not_found(run_cli, tmp_path):
    scenario = tmp_path / "scenario.toml"
    scenario.write_text('hit_terms = ["quinlan"]\nerror = ["thatsthem"]\n')
    result = run_cli("scan", "--name", "Avery Quinlan", "--city", "Portland", "--state", "OR", "--sandbox",
                     "--site", "thatsthem", env={"UNLISTED_SANDBOX_SCENARIO": str(scenario)})
    assert result.returncode == Exit.LOW_COVERAGE, result.stderr
    assert result.stdout.startswith("WARNING: The one site searched could not be checked, so this is not an all-clear")
    assert re.search(r"^That's Them +could not check \(error\)$", result.stdout, re.M)
    data = report_json(run_cli, run_cli.home)
    assert data["sites"][0]["status"] == "ERROR"
    assert data["manual_checks"][0]["site"] == "thatsthem"
    assert {k: data["coverage"][k] for k in ("searched", "checked", "failed", "low", "cause")} == \
        {"searched": 1, "checked": 0, "failed": 1, "low": True, "cause": "errors"}


@pytest.mark.parametrize("args, message", [
    (("scan", "--name", "Avery Quinlan", "--city", "Portland", "--state", "Oregon"), '--state: "Oregon" is not a two-letter US state code'),
    (("sites", "check", "--live", "spokeo", "--state", "Oregon"), '--state: "Oregon" is not a two-letter US state code'),
    (("scan", "--name", "Avery", "--city", "Portland", "--state", "OR"), 'unlisted: --name: "Avery" needs a first and a last name'),
    (("scan", "--name", "Avery Quinlan", "--state", "OR"), "unlisted: --city is required too: a home address needs --city and --state"),
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
    assert result.stderr.strip() == 'me.toml: addresses[0].state: "Oregon" is not a two-letter US state code (for Oregon write OR)'


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
    scenario.write_text('hit_terms = ["quinlan"]\ndelay_ms = 2000\n')  # the crawl must outlast the signal
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
    out_file = tmp_path / "interrupted.json"
    assert run_cli("report", "2", "--format", "json", "--output", str(out_file)).returncode == 0
    data = json.loads(out_file.read_text())
    assert len(data["sites"]) == data["summary"]["sites_total"]   # every site has a status, answered or not
    stopped = [s for s in data["sites"] if s["detail"] == "the scan was stopped before this site answered"]
    assert stopped and all(s["status"] == "ERROR" for s in stopped)
    assert data["summary"]["sites_unchecked"] >= len(stopped)


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
    imported = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import scanner.cli.main"], capture_output=True, text=True
    ).stderr
    assert "scrapy" not in imported and "playwright" not in imported and "twisted" not in imported


def test_fingerprints_are_stable_across_scans(run_cli):
    """The sandbox listens on a new port each run: no finding's identity may depend on it."""
    assert run_cli("demo").returncode == 0
    assert run_cli("demo").returncode == 0
    home = run_cli.home / "demo"
    first, second = (home.parent / "1.json"), (home.parent / "2.json")
    for scan, out in ((1, first), (2, second)):
        assert run_cli("--home", str(home), "report", str(scan), "--format", "json", "--output", str(out)).returncode == 0
    prints = [{f["fingerprint"] for f in json.loads(p.read_text())["findings"]} for p in (first, second)]
    assert prints[0] and prints[0] == prints[1]
