"""An opt-out letter as an email: built from exactly the text the user was shown, sent through the
user's own SMTP server (the notification settings), kept as a private .eml file as evidence.

The message carries the letter and nothing else of the user's: From is the address kept for
opt-outs (settings.toml `[optout] email`), To the site's address, the letter's subject and body, a
Date and a Message-ID. No Auto-Submitted header: it is a person's own request, not an automatic
message (sites may ignore automatic mail). Sending failures are one-line NotifyErrors, like
notifications'.
"""

from __future__ import annotations

import datetime as _dt
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Mapping

from scanner.config import ensure_private_dir
from scanner.optout.evidence import write_new
from scanner.schedule.notify import NotifyError, deliver
from scanner.schedule.settings import EmailSettings, is_email_address

__all__ = ["NotifyError", "keep_message", "letter_message", "send_message"]


def _plain_address(value: object, what: str) -> str:
    """One bare address (no name, no list, no line break): anything else could add headers or recipients."""
    if not isinstance(value, str) or not value:
        raise ValueError(f"{what}: no email address")
    if any(ord(ch) < 33 or ord(ch) == 127 for ch in value) or not is_email_address(value) or len(value) > 254:
        raise ValueError(f"{what}: {value!r} is not one plain email address")
    return value


def letter_message(letter: Mapping, sender: str, now: _dt.datetime) -> EmailMessage:
    """The letter as an email from ``sender`` (the opt-out address) to the letter's ``to_email``.

    Subject and body are the letter's own text; the body gets the final line break every mail line
    has. Raises ValueError (one line) for a letter without an address or with an address or subject
    that could smuggle in headers."""
    to = _plain_address(letter.get("to_email"), "the letter's recipient (to_email)")
    sender = _plain_address(sender, "the opt-out address (settings.toml: optout.email)")
    subject, body = letter.get("subject"), letter.get("body")
    if not isinstance(subject, str) or not subject.strip():
        raise ValueError("the letter has no subject")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in subject):
        raise ValueError("the letter's subject contains a line break or control character")
    if not isinstance(body, str) or not body.strip():
        raise ValueError("the letter has no text")
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = to
    mail["Subject"] = subject
    mail["Date"] = format_datetime(now)
    mail["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2])
    mail.set_content(body)
    return mail


def send_message(cfg: EmailSettings, mail: EmailMessage, env: Mapping[str, str]) -> None:
    """Send ``mail`` through the user's SMTP server (encrypted unless on this computer). Raises
    NotifyError with one line without secrets."""
    deliver(cfg, mail, env)


def message_bytes(mail: EmailMessage) -> bytes:
    """The message as it goes over the wire (lines end with CR LF), as smtplib sends it."""
    return mail.as_bytes(policy=mail.policy.clone(linesep="\r\n"))


def keep_message(mail: EmailMessage, folder: Path, stem: str) -> Path:
    """Write the sent message to ``folder/<stem>.eml`` (folder 0700, file 0600 from its creation),
    never over an existing file: ``<stem>-2.eml``, ``<stem>-3.eml``, ... Returns the path."""
    if not stem or stem.startswith(".") or any(ch in stem for ch in "/\\:") or \
            any(ord(ch) < 32 or ord(ch) == 127 for ch in stem):
        raise ValueError(f"{stem!r} is not a plain file name")
    return write_new(ensure_private_dir(folder), f"{stem}.eml", message_bytes(mail))
