"""Notifications: the message says what changed without personal values; email through a loopback
SMTP server (plain on loopback, STARTTLS with a certificate we trust, refused otherwise); desktop."""

import datetime as _dt
import os
import subprocess

import pytest

from scanner.schedule.notify import News, NotifyError, compose, desktop_command, send_desktop, send_email
from scanner.schedule.settings import EmailSettings
from scanner.sandbox.smtpsink import SmtpSink, self_signed_cert

NOW = _dt.datetime(2025, 3, 1, 9, 30, tzinfo=_dt.timezone.utc)
PERSONAL = ("Quinlan", "Larkspur", "555-0147", "example.com", "Jordan")


def news(**kw) -> News:
    base = dict(outcome="complete", report_path="/data/reports/unlisted-scan-7.html", baseline_date="2025-01-30",
                counts={"new": 2, "reappeared": 1, "removed": 3, "still_present": 4, "unknown": 1},
                lines=[("new", "home_address", "FastPeopleSearch"), ("reappeared", "phone", "That's Them"),
                       ("removed", "relative", "TruePeopleSearch")],
                sites_unchecked=1, problems=[("2025-02-28 10:17:00 UTC", "interrupted")], next_due="2025-03-31")
    base.update(kw)
    return News(**base)


def test_message_says_what_changed_and_where_the_report_is():
    m = compose(news())
    assert m.subject == "unlisted: monthly rescan done: 2 new, 1 back again, 3 removed"
    assert "Compared with the scan of 2025-01-30" in m.body
    assert "- New: home address on FastPeopleSearch" in m.body
    assert "- Back again: phone number on That's Them" in m.body
    assert "- Removed: family member named on TruePeopleSearch" in m.body
    assert "The report: /data/reports/unlisted-scan-7.html" in m.body
    assert "the rescan of 2025-02-28 was stopped before it finished" in m.body
    assert "1 site(s) could not be checked" in m.body


@pytest.mark.parametrize("outcome, words", [
    ("nothing_checked", "could not check any site"), ("failed", "did not run"), ("interrupted", "stopped before"),
])
def test_failures_are_said_in_the_subject(outcome, words):
    m = compose(news(outcome=outcome))
    assert words in m.subject
    assert m.body.strip()


def test_first_scan_and_no_change_subjects():
    assert compose(news(baseline_date="", counts={}, lines=[])).subject == "unlisted: your first scheduled scan is ready"
    quiet = news(counts={"new": 0, "reappeared": 0, "removed": 0, "still_present": 4, "unknown": 0}, lines=[])
    assert compose(quiet).subject == "unlisted: monthly rescan done: no changes"


def email(port, **kw) -> EmailSettings:
    base = dict(host="127.0.0.1", port=port, security="none", sender="unlisted@example.org", to=("me@example.org",))
    base.update(kw)
    return EmailSettings(**base)


def test_email_through_a_loopback_server_with_a_password_file(tmp_path):
    secret = tmp_path / "pw"
    with SmtpSink() as sink:
        secret.write_text(sink.password + "\n")
        os.chmod(secret, 0o600)
        send_email(email(sink.port, username="me", password_file=str(secret)), compose(news()), NOW, env={})
    [got] = sink.messages
    assert got.login == ("me", sink.password)
    assert got.recipients == ["me@example.org"]
    msg = got.message
    assert msg["Subject"].startswith("unlisted: monthly rescan done")
    assert msg["Auto-Submitted"] == "auto-generated"
    assert "The report: /data/reports/unlisted-scan-7.html" in msg.get_content()
    headers = "".join(f"{k}: {v}\n" for k, v in msg.items())
    for word in PERSONAL:
        assert word not in msg["Subject"]
        assert word not in headers.replace("example.org", "")


def test_password_from_environment_and_wrong_password(tmp_path):
    with SmtpSink() as sink:
        send_email(email(sink.port, username="me", password_env="SMTP_PW"), compose(news()), NOW,
                   env={"SMTP_PW": sink.password})
        with pytest.raises(NotifyError, match="refused the username or password"):
            send_email(email(sink.port, username="me", password_env="SMTP_PW"), compose(news()), NOW,
                       env={"SMTP_PW": "wrong"})
        with pytest.raises(NotifyError, match="SMTP_PW is not set"):
            send_email(email(sink.port, username="me", password_env="SMTP_PW"), compose(news()), NOW, env={})
    assert len(sink.messages) == 1


def test_a_password_file_others_can_read_is_refused(tmp_path):
    secret = tmp_path / "pw"
    secret.write_text("x")
    os.chmod(secret, 0o644)
    with pytest.raises(NotifyError, match="can be read by others"):
        send_email(email(1, username="me", password_file=str(secret)), compose(news()), NOW, env={})


def test_starttls_with_a_trusted_certificate(tmp_path):
    cert, key = self_signed_cert(tmp_path)
    with SmtpSink(tls_cert=(cert, key), require_tls=True) as sink:
        send_email(email(sink.port, security="starttls", ca_file=str(cert), username="me", password_env="PW"),
                   compose(news()), NOW, env={"PW": sink.password})
    [got] = sink.messages
    assert got.tls and got.login == ("me", sink.password)


def test_starttls_refuses_an_untrusted_certificate(tmp_path):
    cert, key = self_signed_cert(tmp_path)
    with SmtpSink(tls_cert=(cert, key)) as sink:
        with pytest.raises(NotifyError, match="secure connection"):
            send_email(email(sink.port, security="starttls"), compose(news()), NOW, env={})
    assert sink.messages == []


def test_starttls_required_but_not_offered():
    with SmtpSink() as sink:
        with pytest.raises(NotifyError, match="does not offer starttls"):
            send_email(email(sink.port, security="starttls"), compose(news()), NOW, env={})
    assert sink.messages == []


def test_plain_smtp_is_only_for_this_computer():
    with pytest.raises(NotifyError, match="only for a server on this computer"):
        send_email(email(25, host="smtp.example.org"), compose(news()), NOW, env={})


def test_unreachable_server_is_one_line():
    with SmtpSink() as sink:
        port = sink.port
    with pytest.raises(NotifyError, match=r"could not send through 127\.0\.0\.1"):
        send_email(email(port, timeout_seconds=2), compose(news()), NOW, env={})


def test_desktop_commands_per_platform():
    which = {"notify-send": "/usr/bin/notify-send", "osascript": "/usr/bin/osascript"}.get
    linux = desktop_command("Title", 'say "hi"; rm -rf /', "linux", which)
    assert linux == ["notify-send", "--app-name=unlisted", "Title", 'say "hi"; rm -rf /']
    mac = desktop_command("Title", 'say "hi"', "darwin", which)
    assert mac[0] == "osascript" and mac[-2:] == ["Title", 'say "hi"']  # passed as data, not pasted into the script
    assert not any('say "hi"' in part for part in mac[:-2])
    assert desktop_command("T", "x", "win32", which) is None
    assert desktop_command("T", "x", "linux", lambda name: None) is None


def test_send_desktop_runs_the_command_and_reports_failure():
    calls = []

    def run(argv, **kw):
        calls.append((argv, kw["env"]))
        return subprocess.CompletedProcess(argv, 0 if len(calls) == 1 else 1)

    which = {"notify-send": "/usr/bin/notify-send"}.get
    send_desktop(compose(news()), "linux", {"PATH": "/usr/bin"}, which=which, run=run, uid=None)
    argv, env = calls[0]
    assert argv[2].startswith("monthly rescan done") and "unlisted-scan-7.html" in argv[3]
    with pytest.raises(NotifyError, match="exit 1"):
        send_desktop(compose(news()), "linux", {}, which=which, run=run)
    with pytest.raises(NotifyError, match="no notification program"):
        send_desktop(compose(news()), "win32", {}, which=which, run=run)
