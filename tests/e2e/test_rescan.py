"""Monthly rescans through the real CLI: schedule install (temporary crontab file), rescan --if-due,
history, diff semantics across scans on the simulated web, email through a loopback SMTP server,
a run that checks nothing, overlapping starts."""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from scanner.sandbox.server import DEMO_PROFILE
from scanner.sandbox.smtpsink import SmtpSink

SITES = ("--site", "fastpeoplesearch", "--site", "thatsthem")
PERSONAL = ("Quinlan", "Larkspur", "555-0147", "Jordan", "example.com", "97206")


def write_settings(home: Path, port: int | None = None, cadence: int = 30) -> None:
    home.mkdir(parents=True, exist_ok=True)
    text = f'schema = 1\nprofile = "{DEMO_PROFILE}"\ncadence_days = {cadence}\n'
    if port:
        text += (f'[email]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\n'
                 'from = "unlisted@example.org"\nto = ["therapist@example.org"]\n')
    (home / "settings.toml").write_text(text)


def scenario(tmp_path: Path, name: str, text: str) -> dict:
    path = tmp_path / f"{name}.toml"
    path.write_text(text)
    return {"UNLISTED_SANDBOX_SCENARIO": str(path)}


def age_scans(home: Path, days: int) -> None:
    """Pretend every scan so far happened ``days`` earlier (instead of waiting a month)."""
    with sqlite3.connect(home / "unlisted.db") as db:
        for scan_id, started in db.execute("SELECT id, started_at FROM scans").fetchall():
            db.execute("UPDATE scans SET started_at = datetime(substr(started_at, 1, 19), ?) || ' UTC' WHERE id = ?",
                       (f"-{days} days", scan_id))


def test_schedule_install_status_remove_with_a_temporary_crontab(run_cli, tmp_path):
    tab = tmp_path / "crontab"
    env = {"UNLISTED_CRONTAB_FILE": str(tab)}
    shown = run_cli("schedule", "install", "--profile", str(DEMO_PROFILE), "--cadence", "2w", "--print", env=env)
    assert shown.returncode == 0, shown.stderr
    assert "rescan --if-due" in shown.stdout and "cadence_days = 14" in shown.stdout
    assert not tab.exists() and not (run_cli.home / "settings.toml").exists()  # --print changes nothing

    done = run_cli("schedule", "install", "--profile", str(DEMO_PROFILE), "--cadence", "2w", env=env)
    assert done.returncode == 0, done.stderr
    [line] = [x for x in tab.read_text().splitlines() if "unlisted-rescan" in x]
    assert line.startswith("17 * * * * ") and f"--home {run_cli.home.resolve()} rescan --if-due" in line
    settings = (run_cli.home / "settings.toml").read_text()
    assert "cadence_days = 14" in settings and str(DEMO_PROFILE) in settings
    assert oct((run_cli.home / "settings.toml").stat().st_mode)[-3:] == "600"

    status = run_cli("schedule", "status", env=env)
    assert status.returncode == 0 and "installed in the crontab file" in status.stdout
    assert "every 14 days" in status.stdout and "Due now" in status.stdout
    assert run_cli("schedule", "remove", env=env).returncode == 0
    assert "unlisted-rescan" not in tab.read_text()
    assert "not installed" in run_cli("schedule", "status", env=env).stdout


def test_schedule_install_checks_the_profile_and_cadence_now(run_cli, tmp_path):
    env = {"UNLISTED_CRONTAB_FILE": str(tmp_path / "tab")}
    bad = run_cli("schedule", "install", "--cadence", "monthly", env=env)
    assert bad.returncode == 2 and "--cadence" in bad.stderr
    missing = run_cli("schedule", "install", env=env)
    assert missing.returncode == 2 and "profile.toml: file not found" in missing.stderr
    assert not (tmp_path / "tab").exists()


def test_monthly_rescans_history_and_what_changed(run_cli, tmp_path):
    home = run_cli.home
    hits = scenario(tmp_path, "hits", 'hit_terms = ["quinlan"]\n')
    gone = scenario(tmp_path, "gone", 'hit_terms = []\nblocked = ["thatsthem"]\n')
    with SmtpSink() as sink:
        write_settings(home, sink.port)
        first = run_cli("rescan", "--if-due", "--sandbox", *SITES, env=hits)
        assert first.returncode == 0, first.stderr
        assert "Report: " in first.stdout
        assert sink.messages[-1].message["Subject"] == "unlisted: your first scheduled scan is ready"

        again = run_cli("rescan", "--if-due", "--sandbox", *SITES, env=hits)
        assert again.returncode == 0 and "Not due yet" in again.stdout and len(sink.messages) == 1

        age_scans(home, 31)  # a month (and a day) later; the laptop was asleep on the day
        second = run_cli("rescan", "--if-due", "--sandbox", *SITES, env=gone)
        assert second.returncode == 0, second.stderr
        mail = sink.messages[-1].message
        body = mail.get_content()
        assert mail["Subject"].startswith("unlisted: monthly rescan done: ") and "removed" in mail["Subject"]
        assert "not known this month" in body and "- Removed: home address on FastPeopleSearch" in body
        assert second.stdout.strip().splitlines()[-1].removeprefix("Report: ") in body
        for word in PERSONAL:
            assert word not in mail["Subject"] and word not in body

        age_scans(home, 31)
        third = run_cli("rescan", "--if-due", "--sandbox", *SITES, env=hits)
        assert third.returncode == 0, third.stderr
        assert "back again" in sink.messages[-1].message["Subject"]
    assert len(sink.messages) == 3

    hist = run_cli("history")
    assert hist.returncode == 0
    assert [line.split()[0] for line in hist.stdout.splitlines()[1:4]] == ["1", "2", "3"]
    assert hist.stdout.count("complete") == 3

    d12 = json.loads(run_cli("diff", "1", "2", "--format", "json").stdout)
    assert d12["counts"]["new"] == 0 and d12["counts"]["still_present"] == 0
    removed_sites = {c["site"] for c in d12["changes"]["removed"]}
    unknown = d12["changes"]["unknown"]
    assert removed_sites == {"fastpeoplesearch"}                   # answered "no results": removed
    assert unknown and {c["site"] for c in unknown} == {"thatsthem"}  # blocked this month: unknown, not removed
    assert {c["reason"] for c in unknown} == {"not_checked"}
    assert {"site": "thatsthem", "before": "RESULTS", "after": "BLOCKED"}.items() <= \
        next(s for s in d12["site_changes"] if s["site"] == "thatsthem").items()

    d23 = json.loads(run_cli("diff", "--format", "json").stdout)  # default: the latest two
    assert (d23["before"]["id"], d23["after"]["id"]) == (2, 3)
    assert {c["site"] for c in d23["changes"]["reappeared"]} == {"fastpeoplesearch"}
    assert {c["site"] for c in d23["changes"]["still_present"]} == {"thatsthem"}
    text = run_cli("diff", "2", "3")
    assert text.returncode == 0 and "Back again (had been removed):" in text.stdout and "Still there:" in text.stdout

    log = (home / "logs" / "unlisted.log").read_text()
    assert "rescan run 1 complete" in log and "rescan not due" in log
    for word in PERSONAL + ("127.0.0.1",):
        assert word not in log


def test_a_rescan_that_checks_nothing_says_so_and_the_next_report_shows_it(run_cli, tmp_path):
    home = run_cli.home
    offline = scenario(tmp_path, "offline", 'hit_terms = ["quinlan"]\nerror = ["fastpeoplesearch", "thatsthem"]\n')
    with SmtpSink() as sink:
        write_settings(home, sink.port)
        result = run_cli("rescan", "--if-due", "--sandbox", *SITES, env=offline)
        assert result.returncode == 6, (result.stdout, result.stderr)
        assert "could not check any site" in result.stderr
        assert sink.messages[-1].message["Subject"] == "unlisted: this month's rescan could not check any site"
        held = run_cli("rescan", "--if-due", "--sandbox", *SITES, env=offline)
        assert held.returncode == 0 and "trying again after" in held.stdout
        ok = run_cli("rescan", "--sandbox", *SITES, env=scenario(tmp_path, "ok", 'hit_terms = ["quinlan"]\n'))
        assert ok.returncode == 0, ok.stderr
        assert "could not check any site" in sink.messages[-1].message.get_content()
    out = tmp_path / "r.json"
    assert run_cli("report", "--format", "json", "--output", str(out)).returncode == 0
    changes = json.loads(out.read_text()).get("changes")
    if changes is not None:  # wired into the report by service.report_data
        assert [p["outcome"] for p in changes["problems"]] == ["nothing_checked"]


def test_an_email_that_cannot_be_sent_is_said_and_kept(run_cli, tmp_path):
    with SmtpSink() as sink:
        port = sink.port
    write_settings(run_cli.home, port)  # nobody listens there any more
    result = run_cli("rescan", "--sandbox", "--site", "thatsthem",
                     env=scenario(tmp_path, "hits", 'hit_terms = ["quinlan"]\n'))
    assert result.returncode == 0
    assert "Notification not sent: email: could not send through 127.0.0.1" in result.stderr
    with sqlite3.connect(run_cli.home / "unlisted.db") as db:
        assert db.execute("SELECT detail FROM runs").fetchone()[0] == "a notification could not be sent"


def test_overlapping_starts_exactly_one_runs(run_cli, tmp_path):
    home = run_cli.home
    write_settings(home)
    env = {**os.environ, "UNLISTED_HOME": str(home), "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
           **scenario(tmp_path, "slow", 'hit_terms = ["quinlan"]\ndelay_ms = 800\n')}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[1] / "guard_site")
    exe = Path(sys.executable).with_name("unlisted")
    procs = [subprocess.Popen([str(exe), "rescan", "--sandbox", "--site", "thatsthem"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)]
    results = [(p.wait(timeout=120), p.stdout.read(), p.stderr.read()) for p in procs]
    codes = sorted(code for code, _, _ in results)
    assert codes == [0, 3, 3, 3], results
    for code, out, err in results:
        if code == 3:
            assert "another unlisted rescan is already running" in err and "Traceback" not in err
    with sqlite3.connect(home / "unlisted.db") as db:
        assert db.execute("SELECT count(*) FROM scans").fetchone()[0] == 1
        assert [r[0] for r in db.execute("SELECT outcome FROM runs")] == ["complete"]


@pytest.mark.parametrize("args, message", [
    (("diff", "3"), "give two scan numbers"),
    (("diff", "2", "1"), "the first scan must be older"),
])
def test_diff_usage_errors(run_cli, args, message):
    result = run_cli(*args)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_bad_settings_name_the_field(run_cli):
    run_cli.home.mkdir(parents=True)
    (run_cli.home / "settings.toml").write_text('schema = 1\ncadence = "30d"\n')
    result = run_cli("rescan", "--if-due")
    assert result.returncode == 2
    assert result.stderr.strip().startswith("settings.toml: cadence: unknown field")


def test_history_and_diff_before_any_scan(run_cli):
    assert "No scans yet" in run_cli("history").stdout
    result = run_cli("diff")
    assert result.returncode == 0 and "Nothing to compare yet" in result.stdout


def test_a_rescan_that_checked_too_little_is_complete_but_says_so_and_exits_6(run_cli, tmp_path):
    write_settings(run_cli.home)
    env = scenario(tmp_path, "mostly-down", 'hit_terms = ["quinlan"]\nerror = ["fastpeoplesearch", "spokeo"]\n')
    result = run_cli("rescan", "--sandbox", *SITES, "--site", "spokeo", env=env)
    assert result.returncode == 6, (result.stdout, result.stderr)
    said = result.stdout + result.stderr
    assert "Rescan complete" in said   # it ran and is recorded: no retry in 12 hours
    assert "Only 1 of the 3 sites searched could be checked, so this is not an all-clear" in said
    assert "Traceback" not in said


def test_an_unattended_rescan_stays_headless_and_says_how_many_sites_need_assist(run_cli, tmp_path):
    """A human check ends "could not check" (nobody is there to pass it); the plain site behind a
    "Just a moment..." check is not retried in the browser (only attended scans do that); the terminal,
    the notification and the report say how many sites need `unlisted scan --assist`."""
    walls = scenario(tmp_path, "walls", 'hit_terms = ["quinlan"]\nhuman_check = ["truepeoplesearch"]\n'
                                        'interstitial = ["searchpeoplefree"]\n')
    sites = ("--site", "truepeoplesearch", "--site", "searchpeoplefree", "--site", "thatsthem", "--site", "whitepages")
    with SmtpSink() as sink:
        write_settings(run_cli.home, sink.port)
        result = run_cli("rescan", "--sandbox", *sites, env=walls)
        said = result.stdout + result.stderr
        assert "1 site(s) asked for a human check: run `unlisted scan --assist`" in said, said
        body = sink.messages[-1].message.get_content()
        assert "1 of them asked for a human check: run `unlisted scan --assist`" in body
    out = tmp_path / "r.json"
    assert run_cli("report", "--format", "json", "--output", str(out)).returncode == 0
    sites_json = {s["id"]: s for s in json.loads(out.read_text())["sites"]}
    assert (sites_json["truepeoplesearch"]["status"], sites_json["truepeoplesearch"]["fetched_with"]) == ("BLOCKED", "browser")
    assert (sites_json["searchpeoplefree"]["status"], sites_json["searchpeoplefree"]["fetched_with"]) == ("BLOCKED", "http")
    assert sites_json["thatsthem"]["fetched_with"] == "http"
    # declared for the browser in the catalog: read there, also unattended
    assert (sites_json["whitepages"]["status"], sites_json["whitepages"]["fetched_with"]) == ("RESULTS", "browser")
    report = next((run_cli.home / "reports").glob("unlisted-scan-*.html")).read_text()
    assert "asked for a human check" in report
