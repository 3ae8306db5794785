"""The settings for unattended rescans: <data folder>/settings.toml, strictly validated.

Written by `unlisted schedule install` (0600, atomically) and editable by hand. Every problem is
reported on one line naming the file and the field, like the profile. Loading never touches the
network, the clock or `~`: paths come in as parameters.

The optional `browser` (the web browser for sites that need one) is read by `scan` and `demo` too;
`[optout] email`, the address the user keeps for opt-out requests, by `optout`.

Passwords are never stored in this file: the SMTP password is read, at sending time, from a file
readable only by the user (`password_file`), from an environment variable (`password_env`) or from
the computer's password store (`password_keyring = true`, through the `keyring` library).
"""

from __future__ import annotations

import ipaddress
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import tomli_w

from scanner.strict import Checker

SCHEMA = 1
DEFAULT_CADENCE_DAYS = 30
SECURITY_MODES = ("starttls", "tls", "none")
DEFAULT_PORTS = {"starttls": 587, "tls": 465, "none": 25}
_EMAIL = re.compile(r"^[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[^@\s<>\"',;]+$")
_HOST = re.compile(r"^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$")
_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")
_CADENCE = re.compile(r"^\s*(\d{1,3})\s*([dw])\s*$")
LOOPBACK_NAMES = ("localhost",)


class SettingsError(ValueError):
    """One or more problems in the settings file; ``problems`` holds one line each."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class EmailSettings:
    host: str
    to: tuple[str, ...]
    sender: str
    port: int = 587
    security: str = "starttls"          # starttls | tls | none (none: only a server on this computer)
    username: str = ""
    password_file: str = ""             # a file readable only by you, holding the password
    password_env: str = ""              # or: the name of an environment variable holding it
    password_keyring: bool = False      # or: the computer's password store (keyring), under "unlisted" + username
    ca_file: str = ""                   # optional: a certificate authority file for a self-hosted server
    timeout_seconds: int = 30


@dataclass(frozen=True)
class Settings:
    profile: str = ""                   # empty: profile.toml in the data folder
    cadence_days: int = DEFAULT_CADENCE_DAYS
    desktop: bool = False
    email: EmailSettings | None = None
    browser: str = ""                   # the web browser for sites that need one; empty: look for one
    optout_email: str = ""              # [optout] email: the address kept for opt-out requests
    source: str = field(default="settings.toml", compare=False)

    def profile_path(self, home: Path) -> Path:
        return Path(self.profile).expanduser() if self.profile else home / "profile.toml"


def parse_cadence(text: str) -> int:
    """'30d' -> 30, '4w' -> 28. Between 1 and 365 days."""
    match = _CADENCE.match(text or "")
    if not match:
        raise ValueError(f'"{text}" is not a cadence like 30d (days) or 4w (weeks)')
    days = int(match.group(1)) * (7 if match.group(2) == "w" else 1)
    if not 1 <= days <= 365:
        raise ValueError(f'"{text}" must be between 1 day and 365 days')
    return days


def is_email_address(text: str) -> bool:
    """One bare address like me@example.com: no name, no list, no spaces or quotes."""
    return bool(_EMAIL.fullmatch(text))


def is_loopback_host(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _email(c: Checker, raw: Any) -> EmailSettings | None:
    w = "email"
    t = c.table(raw, w, {"host", "port", "security", "username", "password_file", "password_env",
                         "password_keyring", "ca_file", "from", "to", "timeout_seconds"}, {"host", "from", "to"})
    host = c.text(t, "host", w, max_len=253)
    if host and not _HOST.match(host):
        c.fail(f"{w}.host", f'"{host}" is not a server name like smtp.example.com')
    security = c.text(t, "security", w) or "starttls"
    if security not in SECURITY_MODES:
        c.fail(f"{w}.security", f'"{security}" is not one of {", ".join(SECURITY_MODES)}')
        security = "starttls"
    if security == "none" and host and not is_loopback_host(host):
        c.fail(f"{w}.security", '"none" sends your password and the message unencrypted: it is allowed only for a '
                                "server on this computer (127.0.0.1); use starttls or tls")
    port = c.integer(t, "port", w, 1, 65535, DEFAULT_PORTS[security])
    sender = c.text(t, "from", w, max_len=254)
    if sender and not _EMAIL.match(sender):
        c.fail(f"{w}.from", f'"{sender}" is not an email address')
    to: list[str] = []
    raw_to = t.get("to", [])
    if isinstance(raw_to, str):
        raw_to = [raw_to]
    if not isinstance(raw_to, list) or not raw_to:
        c.fail(f"{w}.to", 'must be an address or a list like ["me@example.com"]')
    else:
        for i, item in enumerate(raw_to):
            if not isinstance(item, str) or not _EMAIL.match(item.strip()):
                c.fail(f"{w}.to[{i}]", "is not an email address")
            else:
                to.append(item.strip())
    username = c.text(t, "username", w, max_len=254)
    password_file = c.text(t, "password_file", w, max_len=500)
    password_env = c.text(t, "password_env", w, max_len=64)
    if password_env and not _ENV_NAME.match(password_env):
        c.fail(f"{w}.password_env", "must be the name of an environment variable, like UNLISTED_SMTP_PASSWORD "
                                    "(never the password itself)")
    password_keyring = c.flag(t, "password_keyring", w)
    given = [k for k, v in (("password_file", password_file), ("password_env", password_env),
                            ("password_keyring", password_keyring)) if v]
    if len(given) > 1:
        c.fail(f"{w}.{given[-1]}", f"give only one of password_file, password_env and password_keyring "
                                   f"(here: {' and '.join(given)})")
    if given and not username:
        c.fail(f"{w}.username", "is required when a password is given")
    return EmailSettings(host=host, to=tuple(to), sender=sender, port=port, security=security, username=username,
                         password_file=password_file, password_env=password_env, password_keyring=password_keyring,
                         ca_file=c.text(t, "ca_file", w, max_len=500),
                         timeout_seconds=c.integer(t, "timeout_seconds", w, 1, 300, 30))


def _optout_email(c: Checker, raw: Any) -> str:
    t = c.table(raw, "optout", {"email"})
    address = c.text(t, "email", "optout", max_len=254)
    if address and not is_email_address(address):
        c.fail("optout.email", f'"{address}" is not an email address (like requests.4417@example.com)')
        return ""
    return address


def _path(c: Checker, table: dict, key: str) -> str:
    """A path kept as written (only trimmed: inner spaces are part of it), checked like any text."""
    if not c.text(table, key, "", max_len=500):
        return ""
    value = table[key].strip()
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):     # text() takes a line break for a space
        c.fail(key, "contains a control character (a path is one line)")
        return ""
    return value


def parse_settings(doc: dict, source: str = "settings.toml") -> Settings:
    """Validate an already-parsed TOML document. Raises SettingsError with every problem."""
    c = Checker(source)
    c.table(doc, "", {"schema", "profile", "cadence_days", "browser", "notify", "email", "optout"}, {"schema"})
    if "schema" in doc and doc["schema"] != SCHEMA:
        c.fail("schema", f"is not supported (this version reads schema = {SCHEMA})")
    notify = c.table(doc.get("notify", {}), "notify", {"desktop"})
    email = _email(c, doc["email"]) if "email" in doc else None
    settings = Settings(
        profile=c.text(doc, "profile", "", max_len=500),
        cadence_days=c.integer(doc, "cadence_days", "", 1, 365, DEFAULT_CADENCE_DAYS),
        desktop=c.flag(notify, "desktop", "notify"),
        email=email,
        browser=_path(c, doc, "browser"),
        optout_email=_optout_email(c, doc.get("optout", {})),
        source=source,
    )
    if c.problems:
        raise SettingsError(c.problems)
    return settings


def load_settings(path: Path) -> Settings:
    """The settings file; missing means the defaults (profile.toml in the data folder, 30 days)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Settings(source=path.name)
    except OSError as exc:
        raise SettingsError([f"{path.name}: cannot be read ({exc.strerror})"]) from None
    try:
        doc = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise SettingsError([f"{path.name}: is not UTF-8 text"]) from None
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError([f"{path.name}: not valid TOML: {exc}"]) from None
    return parse_settings(doc, source=path.name)


def with_schedule(settings: Settings, profile: str | None, cadence_days: int | None,
                  desktop: bool | None) -> Settings:
    """A copy with what `schedule install` was given (None keeps the current value)."""
    return replace(
        settings,
        profile=settings.profile if profile is None else profile,
        cadence_days=settings.cadence_days if cadence_days is None else cadence_days,
        desktop=settings.desktop if desktop is None else desktop,
    )


_EMAIL_EXAMPLE = """\
# Email after each rescan (optional). Remove the '# ' in front of these lines and fill them in.
# The subject line never contains your name; the message says what changed and where the report is.
# [email]
# host = "smtp.example.com"        # your email provider's SMTP server
# port = 587
# security = "starttls"            # starttls (port 587) or tls (port 465)
# username = "me@example.com"
# password_file = "/path/to/a/file/readable/only/by/you"   # or: password_env = "UNLISTED_SMTP_PASSWORD"
#                                  # or: password_keyring = true (stored with: python -m keyring set unlisted USERNAME)
# from = "me@example.com"
# to = ["me@example.com"]
"""

_OPTOUT_ADVICE = [
    "# The address you keep for opt-out requests: forms get it, letters are sent from it, and the sites'",
    "# confirmation links arrive there. Best a separate address, without your name or your practice's name.",
]


def render_settings(settings: Settings) -> str:
    """The settings file's text, with short explanations (comments are regenerated on each write)."""
    top: dict[str, Any] = {"schema": SCHEMA, "profile": settings.profile, "cadence_days": settings.cadence_days}
    browser = ["# browser: the web browser for sites that need one (Chrome, Chromium, Edge or Brave); scans use it too.",
               tomli_w.dumps({"browser": settings.browser}).rstrip()] if settings.browser else [
               "# browser = \"/path/to/chrome\"   # optional: the web browser for sites that need one (default: the one found)"]
    lines = [
        "# Settings for unattended rescans (`unlisted rescan`). Written by `unlisted schedule install`;",
        "# you may edit it. Unknown fields are errors. Passwords are never stored here.",
        "",
        "# profile: your profile file (empty: profile.toml in the data folder).",
        "# cadence_days: how many days after the last complete scan a new one is due.",
        tomli_w.dumps(top).rstrip(),
        *browser,
        "",
        "[notify]",
        "# A desktop notification after each rescan, where the computer supports it.",
        tomli_w.dumps({"desktop": settings.desktop}).rstrip(),
        "",
    ]
    if settings.email is None:
        lines.append(_EMAIL_EXAMPLE)
    else:
        e = settings.email
        email: dict[str, Any] = {"host": e.host, "port": e.port, "security": e.security}
        for key, value in (("username", e.username), ("password_file", e.password_file),
                           ("password_env", e.password_env), ("password_keyring", e.password_keyring),
                           ("ca_file", e.ca_file)):
            if value:
                email[key] = value
        email.update({"from": e.sender, "to": list(e.to), "timeout_seconds": e.timeout_seconds})
        lines.append(tomli_w.dumps({"email": email}).rstrip())
    lines += ["", *_OPTOUT_ADVICE]
    if settings.optout_email:
        lines.append(tomli_w.dumps({"optout": {"email": settings.optout_email}}).rstrip())
    else:
        lines += ["# [optout]", '# email = "requests.4417@example.com"']
    return "\n".join(lines).rstrip() + "\n"
