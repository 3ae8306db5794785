"""Strict readers for the report dict: a wrong shape raises ReportSchemaError naming the path.

Every view module (view.py, findings.py, tasks.py, manual.py, changes.py) reads the report dict
only through these functions, so schema drift is caught before any template runs: a missing key,
a value of the wrong type or an unknown enum value raises ``ReportSchemaError`` naming the path
(``findings[2].evidence``). Extra keys are ignored so the service can add fields before the report
shows them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

__all__ = ["ReportSchemaError", "_date", "_enum", "_get", "_int", "_ints", "_list", "_num", "_str", "_texts"]

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class ReportSchemaError(ValueError):
    """The report dict does not have the shape the report expects."""


def _where(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _get(obj: Any, key: str, path: str) -> Any:
    if not isinstance(obj, Mapping):
        raise ReportSchemaError(f"{path or 'report'}: expected an object")
    if key not in obj:
        raise ReportSchemaError(f"{_where(path, key)}: missing")
    return obj[key]


def _str(obj: Any, key: str, path: str) -> str:
    value = _get(obj, key, path)
    if not isinstance(value, str):
        raise ReportSchemaError(f"{_where(path, key)}: expected text, got {type(value).__name__}")
    return value


def _int(obj: Any, key: str, path: str) -> int:
    value = _get(obj, key, path)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ReportSchemaError(f"{_where(path, key)}: expected a whole number")
    return value


def _num(obj: Any, key: str, path: str) -> float:
    value = _get(obj, key, path)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ReportSchemaError(f"{_where(path, key)}: expected a number")
    return float(value)


def _enum(obj: Any, key: str, path: str, allowed: tuple[str, ...]) -> str:
    value = _str(obj, key, path)
    if value not in allowed:
        raise ReportSchemaError(f"{_where(path, key)}: unknown value {value[:40]!r}")
    return value


def _date(obj: Any, key: str, path: str) -> str:
    """A calendar date ``YYYY-MM-DD``, or "" for none."""
    value = _str(obj, key, path)
    if value and not _DATE.match(value):
        raise ReportSchemaError(f"{_where(path, key)}: expected a date like 2026-11-23, or empty")
    return value


def _list(obj: Any, key: str, path: str) -> list[Any]:
    value = _get(obj, key, path)
    if not isinstance(value, list):
        raise ReportSchemaError(f"{_where(path, key)}: expected a list")
    return value


def _texts(obj: Any, key: str, path: str) -> tuple[str, ...]:
    values = _list(obj, key, path)
    for i, value in enumerate(values):
        if not isinstance(value, str):
            raise ReportSchemaError(f"{_where(path, key)}[{i}]: expected text")
    return tuple(values)


def _ints(obj: Any, key: str, path: str) -> tuple[int, ...]:
    values = _list(obj, key, path)
    for i, value in enumerate(values):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ReportSchemaError(f"{_where(path, key)}[{i}]: expected a whole number")
    return tuple(values)
