"""--browser and --assist on scan, demo and rescan: what reaches the run's Config, and the one-line
refusals. The real CLI in a subprocess for what a user sees; in-process (CliRunner) to read the Config."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

import scanner.cli.scan
import scanner.schedule.rescan
from scanner.cli.main import main
from scanner.exitcodes import Exit
from spiders.browser.locate import NO_SCREEN

NO_SCREEN_ENV = {"DISPLAY": "", "WAYLAND_DISPLAY": ""}


@pytest.mark.parametrize("command", [["scan", "--name", "Avery Quinlan", "--sandbox"], ["demo"]])
def test_assist_without_a_screen_is_one_line_and_exit_usage(run_cli, command):
    result = run_cli(*command, "--assist", env=NO_SCREEN_ENV)
    assert result.returncode == Exit.USAGE
    assert result.stderr == f"unlisted: {NO_SCREEN}\n" and result.stdout == ""
    assert not (run_cli.home / "unlisted.db").exists() and not (run_cli.home / "demo").exists()   # nothing ran


@pytest.mark.parametrize("command", ["scan", "demo", "rescan"])
def test_help_lists_browser(run_cli, command):
    result = run_cli(command, "--help")
    assert result.returncode == 0 and "--browser PATH" in result.stdout and "settings.toml" in result.stdout
    assert ("--assist" in result.stdout) == (command != "rescan")


def test_an_empty_browser_is_a_usage_error(run_cli):
    result = run_cli("scan", "--name", "Avery Quinlan", "--browser", " ")
    assert result.returncode == Exit.USAGE and result.stderr.startswith("unlisted: --browser needs the path")


@pytest.fixture
def captured(monkeypatch):
    """Run scan/demo in-process and keep the Config each would scan with (no crawl)."""
    seen = []
    monkeypatch.setattr(scanner.cli.scan, "_scan_and_print", lambda config, *a, **k: seen.append(config))
    return seen


def invoke(home, *args, env=None):
    return CliRunner().invoke(main, ["--home", str(home), *args], env={"DISPLAY": ":0", **(env or {})})


def test_scan_browser_precedence_flag_then_settings_then_nothing(tmp_path, captured):
    quick = ("scan", "--name", "Avery Quinlan", "--city", "Springfield", "--state", "IL")
    assert invoke(tmp_path, *quick).exit_code == 0
    (tmp_path / "settings.toml").write_text('schema = 1\nbrowser = "/opt/My Chrome/chrome"\n')
    assert invoke(tmp_path, *quick).exit_code == 0
    assert invoke(tmp_path, *quick, "--browser", "/nonexistent", "--assist").exit_code == 0    # passed on as given
    assert [(c.browser, c.assist, c.attended) for c in captured] == [
        ("", False, True), ("/opt/My Chrome/chrome", False, True), ("/nonexistent", True, True)]


def test_scan_ignores_a_broken_settings_file_but_still_takes_the_flag(tmp_path, captured):
    (tmp_path / "settings.toml").write_text("schema = \n")
    quick = ("scan", "--name", "Avery Quinlan", "--city", "Springfield", "--state", "IL")
    assert invoke(tmp_path, *quick).exit_code == 0
    assert invoke(tmp_path, *quick, "--browser", "~/chrome").exit_code == 0
    assert [c.browser for c in captured] == ["", "~/chrome"]


def test_demo_reads_the_users_own_settings_and_keeps_its_data_apart(tmp_path, captured):
    (tmp_path / "settings.toml").write_text('schema = 1\nbrowser = "/usr/bin/chromium"\n')
    assert invoke(tmp_path, "demo", "--assist").exit_code == 0
    assert invoke(tmp_path, "demo", "--browser", "/b/brave").exit_code == 0
    assert [(c.home, c.browser, c.assist, c.attended, c.sandbox) for c in captured] == [
        (tmp_path / "demo", "/usr/bin/chromium", True, True, True), (tmp_path / "demo", "/b/brave", False, True, True)]


def test_rescan_is_unattended_and_takes_the_flag_over_settings(tmp_path, monkeypatch):
    from scanner.schedule.rescan import RescanResult

    seen = []

    def fake_rescan(config, settings, **kw):
        seen.append(config)
        return RescanResult("done", Exit.OK, "done")

    monkeypatch.setattr(scanner.schedule.rescan, "rescan", fake_rescan)
    (tmp_path / "settings.toml").write_text('schema = 1\nbrowser = "/usr/bin/chromium"\n')
    assert invoke(tmp_path, "rescan").exit_code == 0
    assert invoke(tmp_path, "rescan", "--browser", "/opt/brave.com/brave/brave").exit_code == 0
    assert [(c.browser, c.assist, c.attended) for c in seen] == [
        ("/usr/bin/chromium", False, False), ("/opt/brave.com/brave/brave", False, False)]


def test_the_demo_without_a_usable_browser_completes_and_says_which_sites_need_one(run_cli):
    """As on a computer with no Chrome or Chromium: the sites declared for the browser could not be
    checked (with the reason and the link to search by hand), the scan says once how to fix it, the
    rest of the demo is unchanged."""
    result = run_cli("demo", "--browser", "/nonexistent/chromium")
    assert result.returncode == 0, result.stderr
    for name in ("Whitepages", "Nuwber", "FastPeopleSearch", "TruePeopleSearch"):
        assert re.search(rf"^{name} +could not check \(needs Chrome or Chromium\)$", result.stdout, re.M), name
    assert result.stdout.count("need a web browser, and none could be used") == 1
    assert "install Google Chrome or Chromium" in result.stdout
    assert "checked in a web browser" not in result.stdout
    out = run_cli.home.parent / "r.json"
    assert run_cli("--home", str(run_cli.home / "demo"), "report", "--format", "json", "--output", str(out)).returncode == 0
    data = json.loads(out.read_text())
    sites = {s["id"]: s for s in data["sites"]}
    assert sites["whitepages"]["detail"] == "needs Chrome or Chromium (--browser /nonexistent/chromium: no such file)"
    assert sites["whitepages"]["fetched_with"] == ""
    assert {s["fetched_with"] for s in data["sites"]} <= {"", "http"}
    manual = {m["site"]: m for m in data["manual_checks"]}
    assert manual["whitepages"]["search_url"].startswith("http://127.0.0.1:")
