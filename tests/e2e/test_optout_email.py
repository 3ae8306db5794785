"""`unlisted optout` by email, through the real CLI on the simulated web: the letter shown is the letter the
mail server receives, from the opt-out address, and nothing else of the profile goes with it; the sent
message is kept 0600; the task is filed with its Message-ID; a "no" sends nothing and files nothing."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from scanner.exitcodes import Exit
from scanner.sandbox.server import DEMO_PROFILE
from scanner.sandbox.smtpsink import SmtpSink

OPTOUT = "optouts.7781@example.org"


def _scan_persopo(run_cli) -> dict:
    scan = run_cli("scan", "--sandbox", "--profile", str(DEMO_PROFILE), "--site", "persopo")
    assert scan.returncode == 0, scan.stderr
    tasks = json.loads(run_cli("tasks", "--format", "json").stdout)["tasks"]
    [task] = [t for t in tasks if t["kind"] == "optout" and t["sites"] == ["persopo"]]
    assert task["methods"] == ["email", "mail"] and task["letter"]["to_email"] == "support@persopo.com"
    return task


def _settings(run_cli, port: int) -> None:
    run_cli.home.mkdir(parents=True, exist_ok=True)
    (run_cli.home / "settings.toml").write_text(
        f'schema = 1\n[optout]\nemail = "{OPTOUT}"\n[email]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\n'
        'from = "me@example.org"\nto = ["me@example.org"]\n')


def test_the_letter_shown_is_the_letter_sent_and_the_task_is_filed(run_cli):
    task = _scan_persopo(run_cli)
    with SmtpSink() as sink:
        _settings(run_cli, sink.port)
        result = run_cli("optout", str(task["id"]), "--sandbox", "--yes")
        received = sink.received()
    assert result.returncode == 0, result.stdout + result.stderr
    [mail] = received
    assert mail.recipients == ["support@persopo.com"] and mail.sender == OPTOUT
    letter = task["letter"]
    assert mail.subject == letter["subject"] and mail.text.rstrip("\n") == letter["body"]
    assert f"To: support@persopo.com\nFrom: {OPTOUT}\nSubject: {letter['subject']}\n\n{letter['body']}" in result.stdout
    for never in ("4821", "Larkspur", "555-0147", "1984", "03-17", "avery.q@example.com", "97206"):
        assert never not in mail.data.decode("utf-8", "replace"), never
    [after] = [t for t in json.loads(run_cli("tasks", "--all", "--format", "json").stdout)["tasks"]
               if t["id"] == task["id"]]
    assert after["status"] == "filed" and after["filed_via"] == "email"
    assert after["message_id"] == mail.message_id
    kept = Path(after["evidence"])
    assert kept.parent == run_cli.home / "evidence" and kept.suffix == ".eml"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600 and stat.S_IMODE(kept.parent.stat().st_mode) == 0o700
    assert mail.message_id in kept.read_text()
    shown = run_cli("tasks", "show", str(task["id"])).stdout
    assert "Filed through email (with `unlisted optout`)" in shown and mail.message_id in shown


def test_no_means_nothing_sent_and_nothing_filed(run_cli):
    task = _scan_persopo(run_cli)
    with SmtpSink() as sink:
        _settings(run_cli, sink.port)
        result = run_cli("optout", str(task["id"]), "--sandbox", input="n\n")
        assert sink.received() == []
    assert result.returncode == 0 and "not sent: you said no" in result.stdout and "1 left to you" in result.stdout
    [after] = [t for t in json.loads(run_cli("tasks", "--format", "json").stdout)["tasks"] if t["id"] == task["id"]]
    assert after["status"] == "todo" and after["filed_via"] == ""


def test_auto_is_refused_on_real_sites_and_real_tasks_need_no_sandbox(run_cli):
    result = run_cli("optout", "--all", "--auto")
    assert result.returncode == Exit.USAGE and "only for the simulated web" in result.stderr
    _scan_persopo(run_cli)
    result = run_cli("optout", "--all")
    assert result.returncode == Exit.USAGE and "add --sandbox" in result.stderr
