"""Telling the user a rescan happened: an email and/or a desktop notification (both opt-in).

What is said: what changed (counts, the kind of detail and the site), whether something went
wrong, and where the report is. Never a name, address, phone number or email address of the
user in the subject line; the body names kinds and sites only, never the exposed values.
Network and process calls come in as parameters, so tests use a loopback SMTP server and a
fake process runner.
"""

from __future__ import annotations

import datetime as _dt
import os
import shutil
import smtplib
import ssl
import stat
import subprocess
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Callable, Mapping, Sequence

from reports.labels import kind_label
from scanner.schedule.settings import EmailSettings, is_loopback_host

OUTCOME_SUBJECTS = {
    "nothing_checked": "unlisted: this month's rescan could not check any site",
    "failed": "unlisted: this month's rescan did not run (an error)",
    "interrupted": "unlisted: this month's rescan was stopped before it finished",
}
PROBLEM_WORDS = {
    "interrupted": "was stopped before it finished (the computer may have been switched off or gone to sleep)",
    "failed": "did not run because of an error (the log in the data folder says which)",
    "nothing_checked": "could not check any site (was the computer offline?)",
}


class NotifyError(RuntimeError):
    """A notification could not be sent; the message is one line without secrets."""


@dataclass(frozen=True)
class News:
    """What a rescan has to tell. Plain data, no personal values."""

    outcome: str                                  # complete | incomplete | nothing_checked | failed | interrupted
    report_path: str = ""
    baseline_date: str = ""                       # the scan compared with, '' if this is the first
    counts: Mapping[str, int] = field(default_factory=dict)
    lines: Sequence[tuple[str, str, str]] = ()    # (bucket, kind, site name)
    sites_unchecked: int = 0
    sites_need_assist: int = 0                    # human checks only a person can pass (`unlisted scan --assist`)
    problems: Sequence[tuple[str, str]] = ()      # (started_at, outcome) of earlier runs that went wrong
    next_due: str = ""


@dataclass(frozen=True)
class Message:
    subject: str
    body: str


def compose(news: News) -> Message:
    """The notification's subject and body (plain text)."""
    c = news.counts
    if news.outcome in OUTCOME_SUBJECTS:
        subject = OUTCOME_SUBJECTS[news.outcome]
    elif not news.baseline_date:
        subject = "unlisted: your first scheduled scan is ready"
    elif any(c.get(k, 0) for k in ("new", "reappeared", "removed")):
        parts = [f"{c[k]} {w}" for k, w in (("new", "new"), ("reappeared", "back again"), ("removed", "removed"))
                 if c.get(k, 0)]
        subject = "unlisted: monthly rescan done: " + ", ".join(parts)
    else:
        subject = "unlisted: monthly rescan done: no changes"
    body: list[str] = []
    if news.outcome == "nothing_checked":
        body.append("The rescan ran, but no site could be checked. It will try again later by itself.")
    elif news.outcome == "failed":
        body.append("The rescan could not run. It will try again later by itself; if this repeats, run "
                    "`unlisted rescan` in a terminal to see why.")
    elif news.outcome == "interrupted":
        body.append("The rescan was stopped before it finished; its results are incomplete. It will try again.")
    if news.baseline_date and news.outcome not in ("failed",):
        body.append(f"Compared with the scan of {news.baseline_date}:")
        for key, words in (("new", "new exposures"), ("reappeared", "back again after being removed"),
                           ("removed", "removed"), ("still_present", "still there"),
                           ("unknown", "not known this month (the site could not be checked)")):
            body.append(f"  {c.get(key, 0):>3} {words}")
        for bucket, kind, site in news.lines:
            label = {"new": "New", "reappeared": "Back again", "removed": "Removed"}.get(bucket)
            if label:
                body.append(f"  - {label}: {kind_label(kind).lower()} on {site}")
    elif news.outcome in ("complete", "incomplete"):
        body.append("This is the first scan to compare later ones with.")
    if news.sites_unchecked:
        body.append(f"{news.sites_unchecked} site(s) could not be checked: the report says how to check them yourself.")
    if news.sites_need_assist:
        body.append(f"{news.sites_need_assist} of them asked for a human check: run `unlisted scan --assist` to pass "
                    "it yourself in a browser window.")
    for started, outcome in news.problems:
        body.append(f"Note: the rescan of {started[:10]} {PROBLEM_WORDS.get(outcome, outcome)}.")
    if news.report_path:
        body.append(f"The report: {news.report_path}")
    if news.next_due:
        body.append(f"Next rescan due: {news.next_due}.")
    body.append("")
    body.append("(Sent by unlisted on your computer. The details themselves are only in the report.)")
    return Message(subject=subject, body="\n".join(body) + "\n")


KEYRING_SERVICE = "unlisted"


def keyring_password(username: str) -> str:
    """The password stored in the computer's password store under ("unlisted", username)."""
    where = "email.password_keyring"
    try:
        import keyring
        import keyring.errors
        from keyring.backends import fail
    except ImportError:
        raise NotifyError(f"{where}: the keyring library is not installed; reinstall unlisted, "
                          "or use password_file or password_env") from None
    no_store = (f"{where}: this computer has no password store that unlisted can use; "
                "use password_file or password_env instead")
    try:
        store = keyring.get_keyring()
        if isinstance(store, fail.Keyring):     # what keyring falls back to when the computer has no store
            raise keyring.errors.NoKeyringError()
        value = store.get_password(KEYRING_SERVICE, username)
    except keyring.errors.NoKeyringError:
        raise NotifyError(no_store) from None
    except Exception as exc:    # any backend's failure (locked store, D-Bus, ...): its type only, never values
        raise NotifyError(f"{where}: the password store could not be read ({type(exc).__name__})") from None
    if not value:
        raise NotifyError(f"{where}: no password stored for {username} under \"{KEYRING_SERVICE}\"; store it with: "
                          f"python -m keyring set {KEYRING_SERVICE} {username}")
    return value


def read_password(cfg: EmailSettings, env: Mapping[str, str]) -> str:
    """The SMTP password from a private file, an environment variable or the password store (keyring);
    '' when none is set up."""
    if cfg.password_keyring:
        return keyring_password(cfg.username)
    if cfg.password_env:
        value = env.get(cfg.password_env, "")
        if not value:
            raise NotifyError(f"email.password_env: the environment variable {cfg.password_env} is not set")
        return value
    if not cfg.password_file:
        return ""
    path = Path(cfg.password_file).expanduser()
    try:
        info = path.stat()
        if os.name != "nt" and stat.S_IMODE(info.st_mode) & 0o077:
            raise NotifyError(f"email.password_file: {path.name} can be read by others; "
                              f"make it private first: chmod 600 {path}")
        return path.read_text("utf-8").strip("\r\n")
    except FileNotFoundError:
        raise NotifyError(f"email.password_file: {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise NotifyError(f"email.password_file: {path.name} cannot be read ({type(exc).__name__})") from None


def build_email(cfg: EmailSettings, message: Message, now: _dt.datetime) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = cfg.sender
    mail["To"] = ", ".join(cfg.to)
    mail["Subject"] = message.subject
    mail["Date"] = format_datetime(now)
    mail["Message-ID"] = make_msgid(domain="unlisted.invalid")
    mail["Auto-Submitted"] = "auto-generated"
    mail.set_content(message.body)
    return mail


def send_email(cfg: EmailSettings, message: Message, now: _dt.datetime, env: Mapping[str, str]) -> None:
    """Send the notification through the configured server."""
    deliver(cfg, build_email(cfg, message, now), env)


def deliver(cfg: EmailSettings, mail: EmailMessage, env: Mapping[str, str]) -> None:
    """Send a built message through the configured server (to its To, from its From). Encrypted unless
    the server is on this computer; every failure is one NotifyError line without secrets."""
    if cfg.security == "none" and not is_loopback_host(cfg.host):
        raise NotifyError('email.security: "none" is allowed only for a server on this computer')
    password = read_password(cfg, env)
    context = ssl.create_default_context(cafile=cfg.ca_file or None)
    try:
        if cfg.security == "tls":
            client: smtplib.SMTP = smtplib.SMTP_SSL(cfg.host, cfg.port, timeout=cfg.timeout_seconds, context=context)
        else:
            client = smtplib.SMTP(cfg.host, cfg.port, timeout=cfg.timeout_seconds)
        with client:
            client.ehlo("unlisted.invalid")
            if cfg.security == "starttls":
                client.starttls(context=context)
                client.ehlo("unlisted.invalid")
            if cfg.username and password:
                client.login(cfg.username, password)
            client.send_message(mail)
    except smtplib.SMTPAuthenticationError:
        raise NotifyError(f"email: the server {cfg.host} refused the username or password") from None
    except smtplib.SMTPNotSupportedError:
        raise NotifyError(f"email: the server {cfg.host} does not offer {cfg.security} encryption or login; "
                          "check email.security and email.port") from None
    except ssl.SSLError as exc:
        raise NotifyError(f"email: secure connection to {cfg.host} failed ({exc.reason or type(exc).__name__})") from None
    except (smtplib.SMTPException, OSError) as exc:
        raise NotifyError(f"email: could not send through {cfg.host}:{cfg.port} ({type(exc).__name__})") from None


def desktop_command(title: str, text: str, platform: str, which: Callable[[str], str | None]) -> list[str] | None:
    """The command that shows a desktop notification here, or None where there is none."""
    if platform.startswith("linux") and which("notify-send"):
        return ["notify-send", "--app-name=unlisted", title, text]
    if platform == "darwin" and which("osascript"):
        # The text is passed as an argument, never pasted into the script: no quoting problems.
        return ["osascript", "-e", "on run argv", "-e",
                "display notification (item 2 of argv) with title (item 1 of argv)", "-e", "end run",
                title, text]
    return None


def send_desktop(message: Message, platform: str, env: Mapping[str, str],
                 which: Callable[[str], str | None] = shutil.which,
                 run: Callable[..., subprocess.CompletedProcess] = subprocess.run,
                 uid: int | None = None) -> None:
    first = next((line for line in message.body.splitlines() if line.strip()), "")
    report = next((line for line in message.body.splitlines() if line.startswith("The report: ")), "")
    text = "\n".join(x for x in (first, report) if x)
    argv = desktop_command(message.subject.removeprefix("unlisted: "), text, platform, which)
    if argv is None:
        raise NotifyError("desktop: no notification program here (notify-send on Linux, osascript on macOS)")
    run_env = dict(env)
    if platform.startswith("linux") and "DBUS_SESSION_BUS_ADDRESS" not in run_env and uid is not None:
        bus = Path(f"/run/user/{uid}/bus")  # scheduled runs lack the session's variables
        if bus.exists():
            run_env["DBUS_SESSION_BUS_ADDRESS"] = f"unix:path={bus}"
    try:
        done = run(argv, env=run_env, capture_output=True, timeout=15, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        raise NotifyError(f"desktop: {argv[0]} failed ({type(exc).__name__})") from None
    if done.returncode != 0:
        raise NotifyError(f"desktop: {argv[0]} failed (exit {done.returncode})")
