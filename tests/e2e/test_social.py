"""Social accounts end to end: the real CLI crawls the sandbox's 600+ simulated username sites."""

import json
from pathlib import Path

from bs4 import BeautifulSoup

from scanner.sandbox.server import DEMO_PROFILE

SCENARIO = """
[u]
accounts = { mastodon_social = ["averyq", "jq_pdx"], flickr = ["jq_pdx"], letterboxd = ["averyq"] }
challenge = ["instagram"]
forbidden = ["tiktok", "coroflot"]
error = ["facebook"]
"""


def report_json(run_cli, home: Path) -> dict:
    out = home.parent / "r.json"
    result = run_cli("--home", str(home), "report", "--format", "json", "--output", str(out))
    assert result.returncode == 0, result.stderr
    return json.loads(out.read_text())


def social(data: dict) -> tuple[dict, list[dict]]:
    statuses = {s["id"]: s for s in data["sites"] if s["id"].startswith("social-")}
    return statuses, [f for f in data["findings"] if f["site"].startswith("social-")]


def test_hit_miss_blocked_and_error_each_end_honestly(run_cli, tmp_path):
    scenario = tmp_path / "scenario.toml"
    scenario.write_text(SCENARIO)
    result = run_cli("scan", "--profile", str(DEMO_PROFILE), "--sandbox", env={"UNLISTED_SANDBOX_SCENARIO": str(scenario)})
    assert result.returncode == 0, result.stderr
    assert "Other websites (username check)" in result.stdout
    data = report_json(run_cli, run_cli.home)
    sites, findings = social(data)

    status = {sid: s["status"] for sid, s in sites.items()}
    assert status["social-mastodon_social"] == status["social-flickr"] == "RESULTS"
    assert status["social-x"] == status["social-strava"] == "NO_RESULTS"
    assert status["social-instagram"] == status["social-tiktok"] == "BLOCKED"
    assert status["social-facebook"] == "ERROR"
    assert status["social-others"] == "BLOCKED"          # coroflot refused: the line is not "not found"
    assert "coroflot" in sites["social-others"]["detail"] and "averyq: account found on 1 of" in sites["social-others"]["detail"]
    manual = {m["site"]: m for m in data["manual_checks"]}
    assert {"social-instagram", "social-tiktok", "social-facebook", "social-others"} <= set(manual)
    assert manual["social-instagram"]["search_url"].endswith("/u/instagram/www.instagram.com/averyq/")

    found = {(f["site"], f["kind"], f["subject"]) for f in findings}
    assert found == {
        ("social-mastodon_social", "account", "self"), ("social-mastodon_social", "account", "Jordan Quinlan"),
        ("social-flickr", "account", "Jordan Quinlan"), ("social-others", "account", "self"),
        ("social-mastodon_social", "home_address", "Jordan Quinlan"),    # the garage-sale post
        ("social-flickr", "geolocation", "Jordan Quinlan"),              # the back-yard photo
    }
    for f in findings:
        assert f["evidence"] and f["reasons"] and f["fix"] and f["fix_url"], f
    action = {(f["site"], f["subject"]): f["fix_url"] for f in findings if f["kind"] == "account"}
    assert action[("social-flickr", "Jordan Quinlan")] == "https://www.flickr.com/account/privacy"
    assert action[("social-others", "self")].endswith("/u/letterboxd/letterboxd.com/averyq/")
    geo = next(f for f in findings if f["kind"] == "geolocation")
    assert geo["severity"] == "critical" and geo["fix_url"] == "https://www.flickr.com/account/privacy"

    log = (run_cli.home / "logs" / "unlisted.log").read_text()
    assert "social-instagram -> BLOCKED" in log
    for secret in ("averyq", "jq_pdx", "Larkspur"):
        assert secret not in log


def test_demo_shows_the_family_social_exposures_with_a_fix(run_cli):
    result = run_cli("demo")
    assert result.returncode == 0, result.stderr
    report_path = Path(result.stdout.strip().splitlines()[-1].removeprefix("Report: "))
    data = report_json(run_cli, run_cli.home / "demo")
    sites, findings = social(data)
    kinds = {(f["kind"], f["subject"]) for f in findings}
    assert {("account", "self"), ("account", "Jordan Quinlan"), ("home_address", "Jordan Quinlan"),
            ("geolocation", "Jordan Quinlan")} <= kinds
    assert not any(f["kind"] == "home_address" and f["subject"] == "self" for f in findings)  # her bio: town only
    assert {sites[s]["status"] for s in ("social-instagram", "social-tiktok")} == {"BLOCKED"}
    assert sites["social-facebook"]["status"] == "ERROR"

    soup = BeautifulSoup(report_path.read_text(), "html.parser")
    links = {a["href"] for a in soup.find_all("a", href=True)}
    assert {"https://www.strava.com/settings/privacy", "https://www.flickr.com/account/privacy",
            "https://mastodon.social/settings/privacy"} <= links
    assert "Strava's privacy settings" in soup.get_text(" ", strip=True)
