"""Reading a user's TOML file strictly, collecting every problem as `FILE: field.path: what is wrong`.

Used by the profile and the settings file: an unknown field is an error (a misspelt key would
otherwise be ignored silently), and every problem is reported, not only the first.
"""

from __future__ import annotations

from typing import Any


def describe(value: Any) -> str:
    """A value as a person would write it in the file, for error messages."""
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


class Checker:
    """Collects problems while reading one file's tables."""

    def __init__(self, source: str):
        self.source = source
        self.problems: list[str] = []

    def fail(self, path: str, message: str) -> None:
        self.problems.append(f"{self.source}: {path}: {message}")

    def table(self, value: Any, path: str, allowed: set[str], required: set[str] = frozenset()) -> dict:
        if not isinstance(value, dict):
            self.fail(path, f"must be a table, not {describe(value)}")
            return {}
        for key in sorted(set(value) - allowed):
            self.fail(join(path, key), f"unknown field (allowed: {', '.join(sorted(allowed))})")
        for key in sorted(required - set(value)):
            self.fail(join(path, key), "is required")
        return value

    def text(self, table: dict, key: str, path: str, required: bool = False, max_len: int = 200) -> str:
        """One line of text, white space collapsed; "" when absent or wrong."""
        if key not in table:
            return ""
        value, where = table[key], join(path, key)
        if not isinstance(value, str):
            self.fail(where, f"must be text in quotes, not {describe(value)}")
            return ""
        value = " ".join(value.split())
        if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
            self.fail(where, "contains a control character")
            return ""
        if required and not value:
            self.fail(where, "must not be empty")
        if len(value) > max_len:
            self.fail(where, f"is too long ({len(value)} characters, at most {max_len})")
            return ""
        return value

    def texts(self, table: dict, key: str, path: str) -> tuple[str, ...]:
        if key not in table:
            return ()
        value, where = table[key], join(path, key)
        if not isinstance(value, list):
            self.fail(where, f'must be a list like ["a", "b"], not {describe(value)}')
            return ()
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.fail(f"{where}[{i}]", f"must be non-empty text, not {describe(item)}")
            else:
                out.append(" ".join(item.split()))
        return tuple(out)

    def integer(self, table: dict, key: str, path: str, low: int, high: int, default: int) -> int:
        if key not in table:
            return default
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.fail(join(path, key), f"must be a whole number from {low} to {high}")
            return default
        return value

    def flag(self, table: dict, key: str, path: str) -> bool:
        if key not in table:
            return False
        if not isinstance(table[key], bool):
            self.fail(join(path, key), "must be true or false (no quotes)")
            return False
        return table[key]
