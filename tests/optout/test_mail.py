"""Opt-out letters by email: the letter the user was shown arrives as it is, from the opt-out address, through
the user's SMTP server with the password from the password store (keyring); the sent message is kept 0600 in
a 0700 folder; addresses that could add headers or recipients are refused."""

from __future__ import annotations

import datetime as _dt
import json
import os
import stat
import subprocess
import sys
from email import message_from_bytes, policy

import keyring
import pytest
from keyring.backends import fail

from scanner.optout.mail import keep_message, letter_message, send_message
from scanner.plan.letters import letter_for
from scanner.plan.model import Task
from scanner.profile import parse_profile
from scanner.sandbox.smtpsink import SmtpSink
from scanner.schedule.notify import NotifyError
from scanner.schedule.settings import EmailSettings
from tests.conftest import GUARD_SITE, ROOT
from tests.support_keyring import LockedKeyring, MemoryKeyring

NOW = _dt.datetime(2026, 11, 23, 10, 5, tzinfo=_dt.timezone.utc)
OPTOUT = "requests.4417@example.org"
SITE = "privacy@broker.example"
PERSONAL = ("Marlowe", "Thistlewood", "555-0162", "1979", "Fernhill", "94611")


def shown_letter(to: str = SITE) -> dict:
    """A real letter from the plan's letter builder (California: non-ASCII '§' in the text), as tasks keep it."""
    profile = parse_profile({"schema": 1, "person": {"name": "Marlowe K. Thistlewood", "birth_date": "1979-06-02",
                                                     "phones": ["(510) 555-0162"]},
                             "addresses": [{"kind": "home", "street": "318 Fernhill Rd", "city": "Oakland",
                                            "state": "CA", "postal_code": "94611"}]})
    task = Task(key="optout:broker", kind="optout", title="Remove your listings from Broker", why="", fingerprints=(),
                sites=("broker",), site_names=("Broker",), severity="high", impact=1.0, links=(), methods=("email",),
                steps=("x",), company="Broker Inc", email_to=to, listing_urls=("https://www.broker.example/p/123",))
    letter = letter_for(task, profile, NOW.date())
    return {"subject": letter.subject, "body": letter.body, "to_email": letter.to_email or "",
            "mailto_url": letter.mailto_url or "", "law": letter.law, "notes": list(letter.notes)}


def smtp(port: int, **kw) -> EmailSettings:
    base = dict(host="127.0.0.1", port=port, security="none", sender="notify@example.org", to=("me@example.org",),
                username="me", password_keyring=True)
    base.update(kw)
    return EmailSettings(**base)


@pytest.fixture
def keyring_store():
    """Put a test password store in place for one test, and the previous one back afterwards."""
    before = keyring.get_keyring()

    def use(store):
        keyring.set_keyring(store)
        return store

    yield use
    keyring.set_keyring(before)


def test_the_letter_arrives_as_shown_from_the_optout_address(keyring_store):
    letter = shown_letter()
    with SmtpSink() as sink:
        keyring_store(MemoryKeyring({("unlisted", "me"): sink.password}))
        mail = letter_message(letter, OPTOUT, NOW)
        send_message(smtp(sink.port), mail, env={})
    [got] = sink.received()
    assert got.login == ("me", sink.password)                     # the password came from the store
    assert got.sender == OPTOUT and got.recipients == [SITE]      # the envelope too, not only the headers
    msg = got.message
    assert msg["From"] == OPTOUT and msg["To"] == SITE
    assert msg["Subject"] == letter["subject"]
    assert "§ 1798.105" in letter["body"]
    assert got.text == letter["body"] + "\n"                      # the text shown, plus the final line break
    assert msg["Message-ID"] == mail["Message-ID"] == got.message_id
    assert msg["Message-ID"].endswith("@example.org>")
    assert msg["Auto-Submitted"] is None
    assert sorted(k.lower() for k in msg.keys()) == sorted(
        ["from", "to", "subject", "date", "message-id", "mime-version", "content-type", "content-transfer-encoding"])
    headers = "".join(f"{k}: {v}\n" for k, v in msg.items())
    for word in PERSONAL:
        assert word not in headers


def test_the_kept_message_is_private_never_overwritten_and_is_what_was_sent(tmp_path, keyring_store):
    keyring_store(MemoryKeyring())
    mail = letter_message(shown_letter(), OPTOUT, NOW)
    with SmtpSink() as sink:
        send_message(smtp(sink.port, username="", password_keyring=False), mail, env={})
    folder = tmp_path / "data" / "evidence" / "email"
    old = os.umask(0)               # the most permissive umask: the modes must not depend on it
    try:
        first = keep_message(mail, folder, "task-7")
        second = keep_message(mail, folder, "task-7")
        third = keep_message(mail, folder, "task-7")
    finally:
        os.umask(old)
    assert [p.name for p in (first, second, third)] == ["task-7.eml", "task-7-2.eml", "task-7-3.eml"]
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in (first, second, third))
    [got] = sink.received()
    assert first.read_bytes() == got.data                         # byte for byte what the server received
    back = message_from_bytes(first.read_bytes(), policy=policy.default)
    assert back["Message-ID"] == mail["Message-ID"] and back["Subject"] == mail["Subject"]
    assert back["From"] == OPTOUT and back["To"] == SITE and back.get_content().replace("\r\n", "\n") == mail.get_content()


@pytest.mark.parametrize("stem", ["", "../task-7", "a/b", ".hidden", "task\n7"])
def test_a_kept_message_name_is_a_plain_file_name(tmp_path, stem):
    with pytest.raises(ValueError):
        keep_message(letter_message(shown_letter(), OPTOUT, NOW), tmp_path, stem)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("to, sender, subject", [
    ("privacy@broker.example\r\nBcc: spy@elsewhere.example", OPTOUT, None),
    ("privacy@broker.example\nBcc: spy@elsewhere.example", OPTOUT, None),
    ("privacy@broker.example, spy@elsewhere.example", OPTOUT, None),
    ("Broker <privacy@broker.example>", OPTOUT, None),
    ("privacy@broker.example\n", OPTOUT, None),
    ("", OPTOUT, None),
    (None, OPTOUT, None),
    (SITE, f"{OPTOUT}\r\nBcc: spy@elsewhere.example", None),
    (SITE, f"{OPTOUT},spy@elsewhere.example", None),
    (SITE, "", None),
    (SITE, OPTOUT, "Request\r\nBcc: spy@elsewhere.example"),
])
def test_header_injection_is_refused_on_one_line(to, sender, subject):
    letter = shown_letter()
    letter["to_email"] = to
    if subject is not None:
        letter["subject"] = subject
    with pytest.raises(ValueError) as info:
        letter_message(letter, sender, NOW)
    assert "\n" not in str(info.value) and str(info.value)


def test_a_letter_without_an_address_is_refused():
    letter = shown_letter()
    del letter["to_email"]
    with pytest.raises(ValueError, match="no email address"):
        letter_message(letter, OPTOUT, NOW)


def test_no_password_stored_says_how_to_store_it(keyring_store):
    keyring_store(MemoryKeyring({("unlisted", "someone-else"): "x"}))
    with SmtpSink() as sink:
        with pytest.raises(NotifyError) as info:
            send_message(smtp(sink.port), letter_message(shown_letter(), OPTOUT, NOW), env={})
    message = str(info.value)
    assert "\n" not in message and message.startswith("email.password_keyring: no password stored for me")
    assert "python -m keyring set unlisted me" in message
    assert sink.received() == []


def test_no_password_store_on_this_computer(keyring_store):
    keyring_store(fail.Keyring())
    with pytest.raises(NotifyError) as info:
        send_message(smtp(1), letter_message(shown_letter(), OPTOUT, NOW), env={})
    assert str(info.value) == ("email.password_keyring: this computer has no password store that unlisted can use; "
                               "use password_file or password_env instead")


def test_a_failing_password_store_is_named_by_type_only(keyring_store):
    keyring_store(LockedKeyring())
    with pytest.raises(NotifyError) as info:
        send_message(smtp(1), letter_message(shown_letter(), OPTOUT, NOW), env={})
    assert str(info.value) == "email.password_keyring: the password store could not be read (KeyringLocked)"
    assert LockedKeyring.SECRET not in str(info.value)


def test_a_wrong_password_in_the_store_is_refused_by_the_server(keyring_store):
    with SmtpSink() as sink:
        keyring_store(MemoryKeyring({("unlisted", "me"): "not-" + sink.password}))
        with pytest.raises(NotifyError, match="refused the username or password"):
            send_message(smtp(sink.port), letter_message(shown_letter(), OPTOUT, NOW), env={})
    assert sink.received() == []


SEND_IN_A_SUBPROCESS = """
import datetime, json, sys
from scanner.optout.mail import letter_message, send_message
from scanner.schedule.settings import EmailSettings
letter = json.loads(sys.argv[2])
cfg = EmailSettings(host="127.0.0.1", port=int(sys.argv[1]), security="none", sender="n@example.org",
                    to=("n@example.org",), username="me", password_keyring=True)
send_message(cfg, letter_message(letter, "requests.4417@example.org", datetime.datetime.now(datetime.timezone.utc)), {})
"""


def test_a_subprocess_reads_the_store_named_by_python_keyring_backend():
    letter = shown_letter()
    with SmtpSink() as sink:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(GUARD_SITE), str(ROOT)]),
               "PYTHON_KEYRING_BACKEND": "tests.support_keyring.MemoryKeyring",
               "UNLISTED_TEST_KEYRING": json.dumps({"unlisted": {"me": sink.password}})}
        done = subprocess.run([sys.executable, "-c", SEND_IN_A_SUBPROCESS, str(sink.port), json.dumps(letter)],
                              env=env, capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    [got] = sink.received()
    assert got.login == ("me", sink.password) and got.message["Subject"] == letter["subject"]


def test_the_sink_imports_only_the_standard_library_and_makes_no_certificate_unasked():
    probe = ("import sys; before = set(sys.modules); import scanner.sandbox.smtpsink as s; "
             "new = {m.split('.')[0] for m in set(sys.modules) - before}; "
             "print(sorted(m for m in new if m not in sys.stdlib_module_names))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "['scanner']"
    with SmtpSink() as sink:
        assert sink.host == "127.0.0.1" and sink.server.state.tls_context is None
