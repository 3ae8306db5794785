"""`unlisted analyze` through the real CLI: the public JSON contract, exit codes, text and HTML."""

import datetime as dt
import json

from bs4 import BeautifulSoup

from scanner.sandbox.server import DEMO_PROFILE, SandboxServer, render_fixture
from spiders.catalog import FIXTURES_DIR
from tests.e2e.test_photos import gps_image

TODAY = dt.date.today()


def page(site: str, name: str) -> str:
    return render_fixture((FIXTURES_DIR / site / name).read_text(), "http://127.0.0.1:1/s/" + site, TODAY)


def inputs(tmp_path):
    (tmp_path / "listing.html").write_text(page("thatsthem", "detail.html"))
    (tmp_path / "namesake.html").write_text(page("fastpeoplesearch", "detail-avery-quinlan-tulsa.html"))
    (tmp_path / "garden.jpg").write_bytes(gps_image("JPEG", 45.4874, -122.6009))
    (tmp_path / "broken.jpg").write_bytes(gps_image("JPEG", 45.4874, -122.6009)[:30])
    (tmp_path / "junk.html").write_bytes(bytes(range(256)) * 50)
    return ["listing.html", "namesake.html", "garden.jpg", "broken.jpg", "junk.html", "missing.html"]


def test_json_contract_and_partial_exit(run_cli, tmp_path):
    names = inputs(tmp_path)
    result = run_cli("analyze", "--profile", str(DEMO_PROFILE), "--format", "json", *[str(tmp_path / n) for n in names])
    assert result.returncode == 1, result.stderr  # some inputs could not be analysed
    out = json.loads(result.stdout)
    assert set(out) == {"findings", "errors", "incomplete"}
    assert out["incomplete"] == []  # every input here was either read fully or not at all
    for f in out["findings"]:
        assert {"input", "kind", "subject", "value", "confidence", "severity", "evidence"} <= set(f)
        assert 0.0 <= f["confidence"] <= 1.0 and f["severity"] in ("critical", "high", "medium", "low", "info")
    by_input = {}
    for f in out["findings"]:
        by_input.setdefault(f["input"].rsplit("/", 1)[-1], set()).add(f["kind"])
    assert by_input["listing.html"] == {"home_address", "previous_address", "phone", "email", "relative", "birth_date"}
    assert "namesake.html" not in by_input
    assert by_input["garden.jpg"] == {"geolocation"}
    geo = next(f for f in out["findings"] if f["kind"] == "geolocation")
    assert geo["severity"] == "critical" and geo["subject"] == "self"
    failed = {e["input"].rsplit("/", 1)[-1]: e["error"] for e in out["errors"]}
    assert set(failed) == {"broken.jpg", "missing.html"} or set(failed) == {"broken.jpg", "junk.html", "missing.html"}
    assert all("\n" not in e and e for e in failed.values())
    assert "file not found" in failed["missing.html"]
    assert "Traceback" not in result.stderr


def test_all_good_inputs_exit_zero_and_text_table(run_cli, tmp_path):
    (tmp_path / "listing.html").write_text(page("truepeoplesearch", "detail.html"))
    result = run_cli("analyze", "--profile", str(DEMO_PROFILE), str(tmp_path / "listing.html"))
    assert result.returncode == 0, result.stderr
    assert "CRITICAL" in result.stdout and "home_address" in result.stdout and "you:" in result.stdout


def test_links_are_fetched_only_when_allowed(run_cli):
    with SandboxServer() as server:
        url = server.site_base("fastpeoplesearch") + "/__detail/"
        allowed = run_cli("analyze", "--profile", str(DEMO_PROFILE), "--format", "json", url, env={"UNLISTED_SANDBOX": "1"})
        refused = run_cli("analyze", "--profile", str(DEMO_PROFILE), "--format", "json", url)
    assert allowed.returncode == 0, allowed.stderr
    assert {f["kind"] for f in json.loads(allowed.stdout)["findings"]} >= {"home_address", "phone"}
    assert refused.returncode == 1
    (error,) = json.loads(refused.stdout)["errors"]
    assert "private or local addresses are not allowed" in error["error"]


def test_html_report(run_cli, tmp_path):
    names = inputs(tmp_path)
    out = tmp_path / "analysis.html"
    result = run_cli("analyze", "--profile", str(DEMO_PROFILE), "--format", "html", "--output", str(out),
                     *[str(tmp_path / n) for n in names])
    assert result.returncode == 1 and f"Report: {out}" in result.stdout
    soup = BeautifulSoup(out.read_text(), "html.parser")
    text = soup.get_text(" ", strip=True)
    assert "4821 SE LARKSPUR CT" in text.upper() and "missing.html" in text and not soup.find_all("script")
    assert (out.stat().st_mode & 0o777) == 0o600


def test_usage_errors(run_cli, tmp_path):
    bad = tmp_path / "p.toml"
    bad.write_text('schema = 1\n[person]\nname = "Avery Quinlan"\nphones = ["12"]\n')
    result = run_cli("analyze", "--profile", str(bad), "--format", "json", "x.html")
    assert result.returncode == 2
    assert result.stderr.strip() == 'p.toml: person.phones[0]: "12" is not a phone number like (503) 555-0147'
    result = run_cli("analyze", "--profile", str(DEMO_PROFILE), "--format", "html", "x.html")
    assert result.returncode == 2 and "--format html needs --output FILE" in result.stderr
