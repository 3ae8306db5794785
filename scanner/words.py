"""Plain words for numbers in what people read (the CLI and the reports): "1 site", "2 sites"."""

from __future__ import annotations


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``plural(1, "site")`` -> "1 site"; ``plural(2, "site")`` -> "2 sites"; irregular words take
    their plural: ``plural(3, "entry", "entries")``."""
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"
