"""Render a report dict as one self-contained HTML file, or as JSON.

Escape by construction (DESIGN rule 6):

* one Jinja2 ``Environment(autoescape=True, undefined=StrictUndefined)``, created here;
* every scraped or user-supplied value reaches a template as a plain ``str`` and is
  escaped; templates never use ``|safe``;
* links only through the ``safe_url`` filter (http/https with a host, nothing else); the one
  exception is a letter's ``mailto:`` link, only through ``safe_mailto``, which accepts exactly
  the form scanner/plan/letters.py builds (one address, a quoted subject and body);
* the stylesheet is a package file, inlined, and allowed by its CSP hash. It is the one
  value marked safe, because it is ours and cannot contain ``<`` (checked below).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import unicodedata
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from scanner import words

from .view import ReportSchemaError, build_view

__all__ = ["ReportSchemaError", "render_html", "render_json", "safe_mailto", "safe_url", "ENV", "make_environment"]

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATE_DIR = PACKAGE_DIR / "templates"
CSS_PATH = PACKAGE_DIR / "static" / "report.css"
MAIN_TEMPLATE = "report.html.j2"
MAX_URL_LENGTH = 4096
MAX_MAILTO_LENGTH = 2048
_ALLOWED_SCHEMES = ("http", "https")
# exactly what scanner/plan/letters.py builds: quote(address, safe="@"), quote(subject/body, safe="")
_MAILTO = re.compile(r"mailto:(?P<to>[A-Za-z0-9._~%@-]+)\?subject=(?P<subject>[A-Za-z0-9._~%-]*)"
                     r"&body=(?P<body>[A-Za-z0-9._~%-]*)")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+")


def safe_url(value: Any) -> str | None:
    """Return ``value`` if it is a plain http(s) URL with a host, else ``None``.

    Rejected, so the template shows the text instead of a link: other schemes
    (javascript:, data:, file:, ...), scheme-relative or hostless URLs, URLs with
    user:password@ (used to disguise the real host), whitespace, control or invisible
    formatting characters (incl. bidi overrides), and absurdly long values.
    """
    if not isinstance(value, str) or not value or len(value) > MAX_URL_LENGTH:
        return None
    for ch in value:
        if ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn"):
            return None
    if "\\" in value:
        return None
    try:
        parts = urlsplit(value)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        return None
    if parts.scheme.lower() not in _ALLOWED_SCHEMES or not host:
        return None
    if parts.username is not None or parts.password is not None:
        return None
    return value


def _plain(text: str, allow_newline: bool) -> bool:
    return not any((unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") and not (allow_newline and ch == "\n"))
                   or ch in "\u2028\u2029" for ch in text)


def safe_mailto(value: Any, to_email: Any = "") -> str | None:
    """Return ``value`` if it is a letter's ``mailto:`` link as our code builds it, else ``None``.

    Only ``mailto:ADDRESS?subject=...&body=...`` with percent-encoded parts; the address, decoded,
    must be one plain email address (and ``to_email`` when given); the decoded subject must be one
    line and the body plain text (newlines allowed): no other headers (cc, bcc), no control or
    invisible formatting characters, valid UTF-8, and not absurdly long.
    """
    if not isinstance(value, str) or len(value) > MAX_MAILTO_LENGTH:
        return None
    match = _MAILTO.fullmatch(value)
    if match is None:
        return None
    try:
        to, subject, body = (unquote(match[k], errors="strict") for k in ("to", "subject", "body"))
    except UnicodeDecodeError:
        return None
    if not _EMAIL.fullmatch(to) or (to_email and to.casefold() != str(to_email).casefold()):
        return None
    if not _plain(subject, allow_newline=False) or not _plain(body, allow_newline=True):
        return None
    return value


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def drop_controls(value: Any) -> Any:
    """Jinja's ``finalize``: every printed text loses its control characters (NUL, escape, ...),
    which HTML cannot show anyway; tabs and line ends stay. Our own markup passes untouched."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return _CONTROL.sub("", value)
    return value


def count_noun(count: int, singular: str, plural: str | None = None) -> str:
    """``3|count_noun("site")`` -> "3 sites" (scanner.words.plural, as a template filter)."""
    return words.plural(count, singular, plural)


def make_environment(*template_dirs: Path) -> Environment:
    """The one way templates are set up, here and in the app (scanner/app): escaping, strict names, the
    filters. The app's own folder comes first and the report's partials stay reachable after it."""
    env = Environment(
        loader=FileSystemLoader([*template_dirs, TEMPLATE_DIR]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        finalize=drop_controls,
    )
    env.filters["safe_url"] = safe_url
    env.filters["safe_mailto"] = safe_mailto
    env.filters["count_noun"] = count_noun
    return env


ENV = make_environment()


def load_css() -> str:
    """The report stylesheet, read from the package at render time."""
    css = CSS_PATH.read_text(encoding="utf-8")
    if "<" in css:  # could end the <style> element early; never needed in CSS
        raise RuntimeError(f"{CSS_PATH.name} must not contain '<'")
    return css


def content_security_policy(css: str) -> str:
    """No scripts, no images, no network, no forms; only our own stylesheet, by hash.

    Allowing the stylesheet by hash rather than 'unsafe-inline' means that even injected
    <style> elements or style attributes would not apply.
    """
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return (
        "default-src 'none'; "
        f"style-src 'sha256-{digest}'; "
        "base-uri 'none'; "
        "form-action 'none'"
    )


def render_html(report: dict) -> str:
    """The report as one self-contained HTML document (str).

    Raises ``ReportSchemaError`` if ``report`` misses a key or has an unknown value.
    """
    view = build_view(report)
    css = load_css()
    template = ENV.get_template(MAIN_TEMPLATE)
    return template.render(
        report=view,
        css=Markup(css),  # our own file, checked above: the only value marked safe
        csp=content_security_policy(css),
    )


def render_json(report: dict) -> str:
    """The report as stable, strict JSON (sorted keys, UTF-8 text, trailing newline)."""
    return json.dumps(report, indent=2, ensure_ascii=False, sort_keys=True, allow_nan=False) + "\n"
