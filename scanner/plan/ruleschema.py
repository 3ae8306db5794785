"""Strict reading of the remediation data files: every problem names the file and the field."""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

HTTPS_URL = re.compile(r"^https://[A-Za-z0-9.-]+(?::\d+)?(?:/[A-Za-z0-9\-._~/?#@!$&*+,;=%]*)?$")
SLUG = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,62}$")
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
CONTROL = re.compile(r"[\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


class RulesError(ValueError):
    """A remediation data file is invalid; the message names the file and the field."""


def _kind(value: Any) -> str:
    return {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list",
            dict: "a table", _dt.date: "a date"}.get(type(value), type(value).__name__)


class Reader:
    """Reads one file; ``where`` paths look like ``platforms.toml: platform[3].steps[1]``."""

    def __init__(self, filename: str):
        self.filename = filename

    def fail(self, path: str, message: str) -> RulesError:
        return RulesError(f"{self.filename}: {path}: {message}" if path else f"{self.filename}: {message}")

    def table(self, value: Any, path: str, allowed: set[str], required: set[str] = frozenset()) -> dict:
        if not isinstance(value, dict):
            raise self.fail(path, f"must be a table, not {_kind(value)}")
        for key in sorted(set(value) - allowed):
            raise self.fail(_join(path, key), f"unknown field (allowed: {', '.join(sorted(allowed))})")
        for key in sorted(required - set(value)):
            raise self.fail(_join(path, key), "is required")
        return value

    def tables(self, doc: dict, key: str) -> list[tuple[str, Any]]:
        value = doc.get(key, [])
        if not isinstance(value, list):
            raise self.fail(key, f"must be written as [[{key}]] tables, not {_kind(value)}")
        return [(f"{key}[{i}]", item) for i, item in enumerate(value)]

    def text(self, t: dict, key: str, path: str, default: str | None = None, max_len: int = 400,
             placeholders: frozenset[str] = frozenset()) -> str:
        where = _join(path, key)
        if key not in t:
            if default is None:
                raise self.fail(where, "is required")
            return default
        return self._text(t[key], where, max_len, placeholders)

    def _text(self, value: Any, where: str, max_len: int, placeholders: frozenset[str]) -> str:
        if not isinstance(value, str):
            raise self.fail(where, f"must be text in quotes, not {_kind(value)}")
        if not value.strip():
            raise self.fail(where, "must not be empty")
        if CONTROL.search(value):
            raise self.fail(where, "contains a control or direction-changing character")
        if len(value) > max_len:
            raise self.fail(where, f"is too long ({len(value)} characters, at most {max_len})")
        for name in PLACEHOLDER.findall(value):
            if name not in placeholders:
                allowed = ", ".join("{" + p + "}" for p in sorted(placeholders)) or "none"
                raise self.fail(where, f'unknown placeholder "{{{name}}}" (allowed: {allowed})')
        rest = PLACEHOLDER.sub("", value)
        if "{" in rest or "}" in rest:
            raise self.fail(where, "has an unbalanced { or }")
        return value

    def texts(self, t: dict, key: str, path: str, required: bool = False, max_len: int = 400,
              placeholders: frozenset[str] = frozenset()) -> tuple[str, ...]:
        where = _join(path, key)
        if key not in t:
            if required:
                raise self.fail(where, "is required")
            return ()
        value = t[key]
        if not isinstance(value, list):
            raise self.fail(where, f'must be a list like ["a", "b"], not {_kind(value)}')
        if required and not value:
            raise self.fail(where, "must not be empty")
        return tuple(self._text(v, f"{where}[{i}]", max_len, placeholders) for i, v in enumerate(value))

    def url(self, t: dict, key: str, path: str, required: bool = True) -> str:
        value = self.text(t, key, path, default=None if required else "")
        if value and not HTTPS_URL.match(value):
            raise self.fail(_join(path, key), f'"{value}" is not an https:// link')
        return value

    def urls(self, t: dict, key: str, path: str) -> tuple[str, ...]:
        values = self.texts(t, key, path)
        for i, value in enumerate(values):
            if not HTTPS_URL.match(value):
                raise self.fail(f"{_join(path, key)}[{i}]", f'"{value}" is not an https:// link')
        return values

    def slug(self, t: dict, key: str, path: str) -> str:
        value = self.text(t, key, path)
        if not SLUG.match(value):
            raise self.fail(_join(path, key), f'"{value}" must be lower-case letters, digits, - _ or .')
        return value

    def choice(self, t: dict, key: str, path: str, choices: tuple[str, ...], default: str | None = None) -> str:
        value = self.text(t, key, path, default=default)
        if value not in choices:
            raise self.fail(_join(path, key), f'"{value}" is not one of {", ".join(choices)}')
        return value

    def number(self, t: dict, key: str, path: str, low: float, high: float, default: float | None = None,
               integer: bool = False) -> float:
        where = _join(path, key)
        if key not in t:
            if default is None:
                raise self.fail(where, "is required")
            return default
        value = t[key]
        ok_types = (int,) if integer else (int, float)
        if isinstance(value, bool) or not isinstance(value, ok_types):
            raise self.fail(where, f"must be {'a whole number' if integer else 'a number'}, not {_kind(value)}")
        if not low <= value <= high:
            raise self.fail(where, f"{value} is not between {low:g} and {high:g}")
        return value

    def flag(self, t: dict, key: str, path: str) -> bool:
        if key not in t:
            raise self.fail(_join(path, key), "is required")
        if not isinstance(t[key], bool):
            raise self.fail(_join(path, key), f"must be true or false, not {_kind(t[key])}")
        return t[key]

    def date(self, t: dict, key: str, path: str) -> _dt.date:
        value = t.get(key)
        if not isinstance(value, _dt.date) or isinstance(value, _dt.datetime):
            raise self.fail(_join(path, key), f"must be a date like 2026-01-01 (no quotes), not {_kind(value)}")
        return value

    def words(self, value: Any, path: str, placeholders: frozenset[str] = frozenset()) -> dict[str, str]:
        """A table of id -> plain words (ids are slugs)."""
        if not isinstance(value, dict):
            raise self.fail(path, f"must be a table, not {_kind(value)}")
        out = {}
        for key in value:
            if not SLUG.match(key):
                raise self.fail(_join(path, key), "must be lower-case letters, digits, - _ or .")
            out[key] = self.text(value, key, path, max_len=80, placeholders=placeholders)
        return out

    def schema(self, doc: dict) -> None:
        if doc.get("schema") != 1:
            raise self.fail("schema", "must be 1")


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
