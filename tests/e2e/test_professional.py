"""Professional sources end to end: the real CLI in a subprocess against the sandbox (offline)."""

from __future__ import annotations

import json

import pytest

from scanner.sandbox.server import DEMO_PROFILE

PROFESSIONAL = ("npi", "dir_", "board_", "practice_site", "whois", "rdap")

# What the demo must find on the professional sources: (site, kind, subject, severity).
DEMO_FINDINGS = {
    ("npi", "home_address", "self", "critical"),
    ("npi_opennpi", "home_address", "self", "critical"),
    ("dir_healthgrades", "home_address", "self", "critical"),
    ("dir_goodtherapy", "phone", "self", "high"),
    ("dir_goodtherapy", "relative", "self", "high"),
    ("board_or_lpct", "home_address", "self", "critical"),
    ("practice_site", "geolocation", "self", "critical"),
    ("practice_site", "relative", "self", "high"),
    ("practice_site", "file_metadata", "Jordan Quinlan", "medium"),
    ("rdap", "home_address", "self", "critical"), ("rdap", "phone", "self", "high"),
    ("rdap", "email", "self", "medium"), ("rdap", "registrant_contact", "self", "high"),
    ("whois", "home_address", "self", "critical"), ("whois", "phone", "self", "high"),
    ("whois", "email", "self", "medium"), ("whois", "registrant_contact", "self", "high"),
}


def _report(run_cli, home) -> dict:
    out = home.parent / "r.json"
    result = run_cli("--home", str(home), "report", "--format", "json", "--output", str(out))
    assert result.returncode == 0, result.stderr
    return json.loads(out.read_text())


def _mine(data: dict):
    statuses = {s["id"]: s["status"] for s in data["sites"] if s["id"].startswith(PROFESSIONAL)}
    findings = [f for f in data["findings"] if f["site"].startswith(PROFESSIONAL)]
    return statuses, findings


def test_demo_shows_every_professional_source_with_evidence_and_a_fix(run_cli):
    result = run_cli("demo")
    assert result.returncode == 0, result.stderr
    data = _report(run_cli, run_cli.home / "demo")
    statuses, findings = _mine(data)
    assert {(f["site"], f["kind"], f["subject"], f["severity"]) for f in findings} == DEMO_FINDINGS
    for f in findings:
        assert f["evidence"] and f["fix"] and f["site_name"] != f["site"], f
    npi = next(f for f in findings if f["site"] == "npi")
    assert "4821 SE LARKSPUR CT" in npi["value"] and npi["fix_url"] == "https://nppes.cms.hhs.gov/"
    assert "PO box" in npi["fix"]
    assert statuses["npi"] == statuses["board_or_lpct"] == statuses["practice_site"] == "RESULTS"
    assert statuses["rdap"] == statuses["whois"] == statuses["dir_psychologytoday"] == "RESULTS"
    assert statuses["dir_therapyden"] == statuses["npi_npino"] == "NO_RESULTS"
    assert statuses["dir_zencare"] == "BLOCKED" and statuses["dir_doximity"] == statuses["npi_npidb"] == "SKIPPED"
    manual = {m["site"]: m for m in data["manual_checks"]}
    assert manual["dir_doximity"]["search_url"] == "https://www.doximity.com/"
    assert manual["dir_zencare"]["search_url"].startswith("http://127.0.0.1:")
    assert "NPI Registry (NPPES)" in result.stdout and "Your practice website" in result.stdout


FAILING = """hit_terms = ["quinlan"]
[npi]
mode = "errors"
[dir]
pages = { dir_goodtherapy = "personal" }
blocked = ["dir_goodtherapy", "npi_opennpi"]
error = ["dir_psychologytoday"]
[board]
mode = "blocked"
[web]
mode = "down"
[rdap]
mode = "down"
[whois]
mode = "down"
"""
MISSING = """hit_terms = ["quinlan"]
[npi]
mode = "miss"
[board]
mode = "miss"
[rdap]
mode = "missing"
[whois]
mode = "redacted"
"""


@pytest.mark.parametrize("scenario, expected", [
    (FAILING, {"npi": "ERROR", "dir_goodtherapy": "BLOCKED", "npi_opennpi": "BLOCKED", "dir_psychologytoday": "ERROR",
               "board_or_lpct": "BLOCKED", "practice_site": "ERROR", "rdap": "ERROR", "whois": "ERROR"}),
    (MISSING, {"npi": "NO_RESULTS", "dir_goodtherapy": "NO_RESULTS", "npi_opennpi": "NO_RESULTS",
               "board_or_lpct": "NO_RESULTS", "rdap": "NO_RESULTS", "whois": "RESULTS", "practice_site": "RESULTS"}),
], ids=["failure", "miss"])
def test_failures_are_could_not_check_and_misses_are_not_listed(run_cli, tmp_path, scenario, expected):
    path = tmp_path / "scenario.toml"
    path.write_text(scenario)
    result = run_cli("scan", "--profile", str(DEMO_PROFILE), "--sandbox", env={"UNLISTED_SANDBOX_SCENARIO": str(path)})
    assert result.returncode == 0, result.stderr
    data = _report(run_cli, run_cli.home)
    statuses, findings = _mine(data)
    assert {sid: statuses[sid] for sid in expected} == expected
    manual = {m["site"] for m in data["manual_checks"]}
    for sid, status in expected.items():
        assert (sid in manual) == (status in ("BLOCKED", "ERROR")), sid
    sites_with_findings = {f["site"] for f in findings}
    if scenario is MISSING:
        # a redacted WHOIS record and a site without personal details are checked and clean
        assert not sites_with_findings & {"npi", "board_or_lpct", "rdap", "whois", "dir_goodtherapy"}
        assert {f["kind"] for f in findings if f["site"] == "practice_site"} >= {"geolocation"}
    else:
        assert not sites_with_findings & set(expected)
