"""Structured records -> findings: NPI records and PDF document information (domain.py: domain records).

Each record is written out as a small plain card ("Mailing address: ...") and read by the same
detection engine as every page, so an NPI address equal to the home address is a home_address
finding exactly as it would be on a people-search site. Nothing here fetches anything.
"""

from __future__ import annotations

from html import escape

from scanner.engine.matcher import Finding, analyze_html
from scanner.engine.names import name_key
from scanner.profile import Profile

PURPOSE = {"LOCATION": "Practice location address", "MAILING": "Mailing address",
           "PRIMARY": "Practice location address", "SECONDARY": "Other practice location"}


def card_html(title: str, lines: list[tuple[str, str]]) -> str:
    """A one-record HTML card: escaped title and "Label: value" lines."""
    body = "".join(f"<p>{escape(label)}: {escape(value)}</p>" for label, value in lines if value)
    return f"<html><body><div class='record'><h2>{escape(title)}</h2>{body}</div></body></html>"


def _text(value) -> str:
    return " ".join(str(value).split()) if isinstance(value, (str, int, float)) and str(value).strip("- ") else ""


def _address(a: dict) -> str:
    street = " ".join(p for p in (_text(a.get("address_1")), _text(a.get("address_2"))) if p)
    postal = _text(a.get("postal_code"))[:5]
    tail = " ".join(p for p in (_text(a.get("state")), postal) if p)
    return ", ".join(p for p in (street, _text(a.get("city")), tail) if p)


def npi_card(record: dict) -> tuple[str, str]:
    """(title, html) for one NPPES result."""
    basic = record.get("basic") if isinstance(record.get("basic"), dict) else {}
    name = " ".join(p for p in (_text(basic.get("first_name")), _text(basic.get("middle_name")),
                                _text(basic.get("last_name"))) if p) or _text(basic.get("organization_name"))
    title = f"{name}, {_text(basic.get('credential'))}".strip(", ") + f" (NPI {_text(record.get('number'))})"
    lines: list[tuple[str, str]] = []
    addresses = [a for a in (record.get("addresses") or []) if isinstance(a, dict)]
    addresses += [dict(a, address_purpose="SECONDARY") for a in (record.get("practiceLocations") or []) if isinstance(a, dict)]
    for a in addresses:
        label = PURPOSE.get(_text(a.get("address_purpose")).upper(), "Address")
        lines.append((f"{label} (NPI record)", _address(a)))
        lines.append((f"{label} phone", _text(a.get("telephone_number"))))
    official = " ".join(p for p in (_text(basic.get("authorized_official_first_name")),
                                    _text(basic.get("authorized_official_last_name"))) if p)
    lines.append(("Authorized official", official))
    lines.append(("Authorized official phone", _text(basic.get("authorized_official_telephone_number"))))
    return title, card_html(title, lines)


def npi_findings(record: dict, url: str, profile: Profile) -> list[Finding]:
    _, html = npi_card(record)
    return analyze_html(html, url, profile, ".record")


def pdf_findings(info: dict, url: str, profile: Profile) -> list[Finding]:
    """A PDF's hidden document fields: the engine's findings, plus family names in them."""
    fields = [(k.title(), _text(v)) for k, v in info.items() if k in ("author", "title", "subject", "keywords", "creator")]
    found = analyze_html(card_html("PDF document information", fields), url, profile, ".record")
    text = " ".join(v for _, v in fields)
    for member in profile.family:
        key = name_key(member.name)
        if key and key.first.lower() in text.lower() and key.last.lower() in text.lower():
            found.append(Finding(
                kind="file_metadata", subject=member.name, value=f"{member.name} (PDF author information)",
                confidence=0.9, severity="medium",
                evidence=f"The file's hidden document information names {member.name}: " + "; ".join(f"{k}: {v}" for k, v in fields if v)[:180],
                source_url=url, reasons=(f"the name of your {member.relation} is in the file's metadata",)))
    return found
