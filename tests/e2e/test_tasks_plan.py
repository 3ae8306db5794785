"""Short plans through the real CLI on the simulated web: a profile nothing matches, and a scan where
every site fails, each give a handful of checks by hand (crucial sites one by one, the rest in one list),
not one task per site."""

from __future__ import annotations

import json
from pathlib import Path

from scanner.exitcodes import Exit
from scanner.sandbox.server import DEMO_PROFILE
from spiders.catalog import default_catalog

NOBODY = """schema = 1
[person]
name = "Rowan T. Marsh"
phones = ["(503) 555-0199"]
emails = ["rowan.m@example.com"]
[[addresses]]
kind = "home"
street = "12 NE Fernhill Way"
city = "Portland"
state = "OR"
postal_code = "97211"
"""


def plan_of(run_cli) -> list[dict]:
    result = run_cli("tasks", "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["tasks"]


def test_nothing_found_gives_a_short_plan(run_cli, tmp_path: Path):
    profile = tmp_path / "nobody.toml"
    profile.write_text(NOBODY)
    scan = run_cli("scan", "--sandbox", "--profile", str(profile))
    assert scan.returncode == 0, scan.stderr
    assert "No exposures found on the" in scan.stdout
    tasks = plan_of(run_cli)
    assert 0 < len(tasks) <= 10, [t["title"] for t in tasks]
    assert {t["kind"] for t in tasks} == {"manual_check"}
    [listed] = [t for t in tasks if t["checklist"]]
    assert listed["when"] == "later" and len(listed["checklist"]) >= 10   # the skipped sites that are not crucial or high
    crucial = {s.name for s in default_catalog() if s.priority in ("crucial", "high")}
    assert all(t["site_names"][0] in crucial for t in tasks if t is not listed)
    listing = run_cli("tasks").stdout
    assert listing.startswith(f"This month: 0 of {len(tasks) - 1} done")
    assert "1 more for later: `unlisted tasks --later` lists it." in listing


def test_a_scan_where_every_site_fails_gives_a_short_plan(run_cli, tmp_path: Path):
    ids = ", ".join(f'"{s.id}"' for s in default_catalog())
    scenario = tmp_path / "offline.toml"
    scenario.write_text(f'hit_terms = ["quinlan"]\nerror = [{ids}]\n[npi]\nmode = "down"\n[board]\nmode = "down"\n'
                        '[web]\nmode = "down"\n[rdap]\nmode = "down"\n[whois]\nmode = "down"\n')
    scan = run_cli("scan", "--sandbox", "--profile", str(DEMO_PROFILE), env={"UNLISTED_SANDBOX_SCENARIO": str(scenario)})
    assert scan.returncode == Exit.LOW_COVERAGE and scan.stdout.startswith("WARNING: Only "), scan.stderr
    tasks = plan_of(run_cli)
    crucial = sum(1 for s in default_catalog() if s.priority in ("crucial", "high"))
    assert len(tasks) <= crucial + 3, len(tasks)
    [listed] = [t for t in tasks if t["checklist"]]
    assert len(listed["checklist"]) > 80 and len([t for t in tasks if t["when"] == "this_month"]) <= 20
