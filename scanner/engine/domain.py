"""Domain registration records (WHOIS text, RDAP JSON) -> the registrant contact -> findings.

A contact field is "exposed" when it holds a real value, and hidden when it is redacted ("REDACTED FOR
PRIVACY", RFC 9537 redaction markers) or belongs to a privacy/proxy service. Exposed values are read
by the detection engine (home address, phone, email); any exposed registrant contact is also one
`registrant_contact` finding, because turning on the registrar's privacy service removes all of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scanner.engine.matcher import Finding, analyze_html
from scanner.engine.records import card_html
from scanner.profile import Profile

MAX_TEXT = 64 * 1024
REDACTED = re.compile(r"(?i)redacted|withheld|not disclosed|data protected|privacy|proxy|gdpr|masked|"
                      r"contact (the )?registrar|statutory masking|non-public data|please query the rdds")
PRIVACY_SERVICES = re.compile(r"(?i)domains by proxy|whoisguard|contact privacy|privacyguardian|perfect privacy|"
                              r"withheld for privacy|redacted for privacy|private by design|identity protection|"
                              r"whois privacy|domain protection services|super privacy|privacy service")


@dataclass(frozen=True)
class Contact:
    name: str = ""
    org: str = ""
    street: str = ""
    city: str = ""
    state: str = ""
    postal_code: str = ""
    country: str = ""
    phone: str = ""
    email: str = ""

    def exposed(self) -> dict[str, str]:
        """The fields that hold a real value (not redacted, not a privacy service)."""
        if PRIVACY_SERVICES.search(" ".join((self.name, self.org, self.email))):
            return {}
        return {k: v for k, v in self.__dict__.items() if v and not REDACTED.search(v)}


def _first(value) -> str:
    if isinstance(value, (list, tuple)):
        value = next((v for v in value if isinstance(v, str) and v.strip()), "")
    return " ".join(value.split())[:200] if isinstance(value, str) else ""


def parse_whois(domain: str, text: str) -> Contact:
    """The registrant contact of a raw WHOIS text (python-whois's parser; the text is capped first)."""
    import whois

    try:
        entry = whois.WhoisEntry.load(domain, text[:MAX_TEXT])
    except Exception:  # noqa: BLE001 - python-whois raises on unusual texts; nothing readable then
        return Contact()

    def get(*keys: str) -> str:
        for key in keys:
            try:
                value = _first(entry.get(key))
            except Exception:  # noqa: BLE001
                value = ""
            if value:
                return value
        return ""

    return Contact(
        name=get("registrant_name", "name"), org=get("registrant_org", "org"),
        street=get("registrant_address", "address"), city=get("registrant_city", "city"),
        state=get("registrant_state", "state"), postal_code=get("registrant_postal_code", "registrant_zipcode", "zipcode"),
        country=get("registrant_country", "country"),
        phone=get("registrant_phone") or _registrant_line(text, "phone"),
        email=get("registrant_email") or _registrant_line(text, "email"),
    )


def _registrant_line(text: str, field: str) -> str:
    """A "Registrant Phone:" / "Registrant Email:" line (python-whois's generic parser skips them)."""
    match = re.search(rf"(?im)^[ \t]*registrant {field}:[ \t]*(\S[^\r\n]{{0,200}})$", text[:MAX_TEXT])
    return " ".join(match.group(1).split()) if match else ""


def _entities(doc: dict, depth: int = 0):
    for entity in doc.get("entities") or []:
        if isinstance(entity, dict):
            yield entity
            if depth < 3:
                yield from _entities(entity, depth + 1)


def _vcard(entity: dict) -> Contact:
    fields: dict[str, str] = {}
    card = entity.get("vcardArray")
    props = card[1] if isinstance(card, list) and len(card) > 1 and isinstance(card[1], list) else []
    for prop in props[:100]:
        if not isinstance(prop, list) or len(prop) < 4:
            continue
        name, params, value = str(prop[0]).lower(), prop[1] if isinstance(prop[1], dict) else {}, prop[3]
        if name in ("fn", "org", "email") and isinstance(value, str):
            fields.setdefault({"fn": "name"}.get(name, name), value)
        elif name == "tel":
            fields.setdefault("phone", str(value).removeprefix("tel:"))
        elif name == "adr":
            if isinstance(value, list) and len(value) >= 7:
                street = value[2] if isinstance(value[2], str) else " ".join(x for x in value[2] if isinstance(x, str))
                fields.update(street=street, city=_first(value[3]), state=_first(value[4]),
                              postal_code=_first(value[5]), country=_first(value[6]))
            if isinstance(params.get("label"), str) and not fields.get("street"):
                fields["street"] = params["label"]
    return Contact(**{k: " ".join(str(v).split())[:200] for k, v in fields.items()})


def parse_rdap(doc: dict) -> Contact:
    """The registrant contact of an RDAP domain record (RFC 9083 jCard); empty when there is none."""
    for entity in _entities(doc):
        roles = [str(r).lower() for r in entity.get("roles") or []]
        if "registrant" in roles:
            return _vcard(entity)
    return Contact()


LABELS = {"name": "name", "org": "organisation", "street": "street address", "city": "city", "state": "state",
          "postal_code": "postal code", "phone": "phone number", "email": "email address"}


def contact_findings(contact: Contact, what: str, domain: str, url: str, profile: Profile) -> list[Finding]:
    shown = contact.exposed()
    if not any(k in shown for k in ("name", "street", "phone", "email")):
        return []  # nothing that identifies a person (e.g. only the state and country are public)
    place = ", ".join(shown.get(k, "") for k in ("street", "city") if shown.get(k))
    place = ", ".join(p for p in (place, " ".join(shown.get(k, "") for k in ("state", "postal_code") if shown.get(k))) if p)
    lines = [("Registrant", shown.get("name", "")), ("Organisation", shown.get("org", "")), ("Address", place),
             ("Phone", shown.get("phone", "")), ("Email", shown.get("email", ""))]
    found = analyze_html(card_html(f"{what} record of {domain}", lines), url, profile, ".record")
    fields = [LABELS[k] for k in LABELS if k in shown and k != "country"]
    severe = any(k in shown for k in ("street", "phone"))
    found.append(Finding(
        kind="registrant_contact", subject="self", value=f"{domain}: " + ", ".join(fields), confidence=0.95,
        severity="high" if severe else "medium",
        evidence=f"The public {what} record of {domain} shows the registrant's " + ", ".join(fields) + ".",
        source_url=url, reasons=("the registrant contact is not hidden by a privacy service",)))
    return found


def domain_findings(kind: str, data: dict, url: str, profile: Profile) -> list[Finding]:
    if kind == "whois":
        domain = str(data.get("domain", ""))
        return contact_findings(parse_whois(domain, str(data.get("text", ""))), "WHOIS", domain, url, profile)
    domain = str(data.get("ldhName") or data.get("unicodeName") or "").lower()
    return contact_findings(parse_rdap(data), "RDAP", domain, url, profile)
