"""Through the real CLI on the simulated web: a therapist living in California gets DROP as the first task
of her plan (`unlisted tasks`, its JSON and `tasks show`); the same person in Oregon gets the same plan
without it, in the same order."""

from __future__ import annotations

import json
from pathlib import Path

SITES = ("--site", "fastpeoplesearch", "--site", "thatsthem")
PROFILE = """schema = 1
[person]
name = "Avery J. Quinlan"
phones = ["(503) 555-0147"]
emails = ["avery.q@example.com"]
[[addresses]]
kind = "home"
street = "2250 Capitol Oak Ln"
city = "Sacramento"
state = "{state}"
postal_code = "95816"
"""


def plan_for(run_cli, tmp_path: Path, state: str) -> list[dict]:
    profile = tmp_path / f"{state}.toml"
    profile.write_text(PROFILE.format(state=state))
    home = ("--home", str(tmp_path / f"home-{state}"))
    scan = run_cli(*home, "scan", "--sandbox", "--profile", str(profile), *SITES)
    assert scan.returncode == 0, scan.stderr
    listing = run_cli(*home, "tasks", "--format", "json")
    assert listing.returncode == 0, listing.stderr
    return json.loads(listing.stdout)["tasks"]


def test_a_california_plan_starts_with_drop_and_says_what_it_covers(run_cli, tmp_path):
    tasks = plan_for(run_cli, tmp_path, "CA")
    first = tasks[0]
    assert first["key"] == "hardening:ca-drop" and first["when"] == "this_month", [t["key"] for t in tasks]
    assert any(t["kind"] == "optout" for t in tasks[1:])
    home = ("--home", str(tmp_path / "home-CA"))
    text = run_cli(*home, "tasks").stdout
    assert text.split("most important first:", 1)[1].split()[:2] == [str(first["id"]), "File"]
    shown = run_cli(*home, "tasks", "show", str(first["id"]))
    assert shown.returncode == 0, shown.stderr
    assert "What this covers: every data broker registered in California" in shown.stdout
    assert "What this does not cover: people-search sites that are not registered as data brokers" in shown.stdout
    assert "https://consumer.drop.privacy.ca.gov" in shown.stdout

    oregon = plan_for(run_cli, tmp_path, "OR")
    assert [t["key"] for t in oregon] == [t["key"] for t in tasks[1:]]
