"""Stand-ins shared by the tests."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class F:
    """A finding as the store takes it (the fields of scanner.engine.matcher.Finding)."""

    fingerprint: str
    site: str = "thatsthem"
    kind: str = "home_address"
    severity: str = "critical"
    subject: str = "self"
    value: str = "4821 SE Larkspur Ct"
    confidence: float = 0.9
    evidence: str = "..."
    source_url: str = "http://127.0.0.1/x"
    reasons: tuple = ("street matches",)
