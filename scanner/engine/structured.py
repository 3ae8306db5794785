"""Person records from structured data: JSON-LD (each block on its own) and schema.org microdata.

A record is a plain :class:`PersonRecord`; :mod:`scanner.engine.extract` turns records into listings.
Keys, itemprop names and @type values are matched without regard to case: sites write
``HomeLocation``, ``Telephone`` or ``"@type": "person"``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

_MAX_BLOCK = 2_000_000      # characters of one JSON-LD block
_MAX_DEPTH = 40
_MAX_RECORDS = 500
_RELATIVE_KEYS = (  # lower case: keys are compared folded
    "relatedto", "spouse", "children", "child", "parent", "parents", "sibling", "siblings", "knows",
    "relatives", "relative", "colleague", "follows", "household", "associates",
)
_ADDRESS_KEYS = ("address", "homelocation", "location", "previousaddress", "pastaddress", "addresses")


@dataclass
class PersonRecord:
    names: list[str] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    birth_dates: list[str] = field(default_factory=list)
    relatives: list[str] = field(default_factory=list)
    ages: list[int] = field(default_factory=list)
    text: list[str] = field(default_factory=list)


def _fold(obj: dict) -> dict[str, Any]:
    """``obj`` with lower-case keys; values of keys that differ only in case are combined."""
    out: dict[str, Any] = {}
    for k, v in obj.items():
        if not isinstance(k, str):
            continue
        k = k.lower()
        if k in out:
            prev = out[k]
            out[k] = (prev if isinstance(prev, list) else [prev]) + (v if isinstance(v, list) else [v])
        else:
            out[k] = v
    return out


def _is_person(obj: dict) -> bool:
    obj = _fold(obj)
    t = obj.get("@type") or obj.get("type")
    types = t if isinstance(t, list) else [t]
    return any(isinstance(x, str) and x.rsplit("/", 1)[-1].rsplit(":", 1)[-1].strip().lower() == "person" for x in types)


def _strings(value: Any, limit: int = 50) -> list[str]:
    """Flatten a JSON-LD value to its strings (names of nested objects, list members)."""
    out: list[str] = []
    stack = [value]
    while stack and len(out) < limit:
        v = stack.pop(0)
        if isinstance(v, str):
            if v.strip():
                out.append(" ".join(v.split()))
        elif isinstance(v, (int, float)) and not isinstance(v, bool):
            out.append(str(v))
        elif isinstance(v, list):
            stack.extend(v[:limit])
        elif isinstance(v, dict):
            v = _fold(v)
            stack.append(v.get("name") or v.get("@value") or "")
    return out


def _address_text(value: Any) -> list[str]:
    out: list[str] = []
    for v in value if isinstance(value, list) else [value]:
        if isinstance(v, str):
            out.append(" ".join(v.split()))
        elif isinstance(v, dict):
            v = _fold(v)
            if isinstance(v.get("address"), (dict, str, list)) and not v.get("streetaddress"):
                out.extend(_address_text(v["address"]))
                continue
            street = " ".join(_strings(v.get("streetaddress"), 3))
            locality = " ".join(_strings(v.get("addresslocality"), 1))
            region = " ".join(_strings(v.get("addressregion"), 1))
            postal = " ".join(_strings(v.get("postalcode"), 1))
            line = ", ".join(p for p in (street, locality, f"{region} {postal}".strip()) if p)
            if line:
                out.append(line)
    return out[:20]


def record_from_jsonld(obj: dict) -> PersonRecord:
    r = PersonRecord()
    obj = _fold(obj)
    name = " ".join(_strings(obj.get("name"), 1))
    if not name:
        name = " ".join(x for k in ("givenname", "additionalname", "familyname") for x in _strings(obj.get(k), 1))
    if name:
        r.names.append(name)
    r.names.extend(_strings(obj.get("alternatename"), 20))
    for key in _ADDRESS_KEYS:
        if key in obj:
            r.addresses.extend(_address_text(obj[key]))
    for key in ("telephone", "phone", "faxnumber"):
        r.phones.extend(_strings(obj.get(key), 20))
    r.emails.extend(e[7:] if e.lower().startswith("mailto:") else e for e in _strings(obj.get("email"), 20))
    r.birth_dates.extend(_strings(obj.get("birthdate"), 3))
    for key in _RELATIVE_KEYS:
        r.relatives.extend(_strings(obj.get(key), 30))
    for age in _strings(obj.get("age"), 1):
        if age.isdigit() and 0 < int(age) < 130:
            r.ages.append(int(age))
    r.text = [s for s in _strings([v for k, v in obj.items() if not k.startswith("@")], 200)]
    r.text = r.names[:1] + r.addresses + r.text
    return r


def _walk_jsonld(value: Any, out: list[dict], depth: int = 0) -> None:
    if depth > _MAX_DEPTH or len(out) >= _MAX_RECORDS:
        return
    if isinstance(value, list):
        for v in value:
            _walk_jsonld(v, out, depth + 1)
    elif isinstance(value, dict):
        if _is_person(value):
            out.append(value)
            return  # persons nested inside a person are relatives, not listings
        for k, v in value.items():
            if isinstance(v, (dict, list)):
                _walk_jsonld(v, out, depth + 1)


_TRAILING_COMMA = re.compile(r",\s*([\]}])")


def _loads(text: str) -> Any:
    text = text.strip()
    if text.startswith("<!--"):
        text = text[4:]
    if text.endswith("-->"):
        text = text[:-3]
    text = text.replace("<![CDATA[", "").replace("]]>", "").strip().rstrip(";")
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        pass
    try:
        return json.loads(_TRAILING_COMMA.sub(r"\1", text), strict=False)
    except (ValueError, RecursionError):
        return None


def jsonld_persons(scripts: list[str]) -> list[PersonRecord]:
    """Each script block is parsed on its own: a broken block drops only itself."""
    objs: list[dict] = []
    for block in scripts:
        if len(block) > _MAX_BLOCK:
            continue
        data = _loads(block)
        if data is not None:
            try:
                _walk_jsonld(data, objs)
            except RecursionError:
                continue
    return [record_from_jsonld(o) for o in objs[:_MAX_RECORDS]]


# ------------------------------------------------------------------------------- microdata
def _itemtype_is_person(el: etree._Element) -> bool:
    return any(t.rstrip("/").rsplit("/", 1)[-1].lower() == "person" for t in (el.get("itemtype") or "").split())


def _prop_value(el: etree._Element) -> str:
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    if tag == "meta":
        return el.get("content") or ""
    if tag in ("a", "link", "area") and el.get("href", "").startswith(("tel:", "mailto:")):
        return el.get("href", "").split(":", 1)[1]
    if tag == "time":
        return el.get("datetime") or el.text_content()
    if el.get("content"):
        return el.get("content") or ""
    return el.text_content()


def _props(scope: etree._Element) -> dict[str, list[Any]]:
    """itemprop -> values under one itemscope (nested itemscopes become dicts)."""
    props: dict[str, list[Any]] = {}
    stack = list(scope)
    while stack:
        el = stack.pop(0)
        if not isinstance(el.tag, str):
            continue
        names = (el.get("itemprop") or "").lower().split()
        nested = el.get("itemscope") is not None
        if names:
            value: Any = _props(el) if nested else " ".join(_prop_value(el).split())
            if nested:
                value["@person"] = _itemtype_is_person(el)
            for n in names:
                props.setdefault(n, []).append(value)
        if not nested:
            stack[0:0] = list(el)
    return props


def _first(props: dict, key: str) -> str:
    for v in props.get(key, []):
        if isinstance(v, str) and v:
            return v
        if isinstance(v, dict):
            return _first(v, "name")
    return ""


def record_from_microdata(scope: etree._Element) -> PersonRecord:
    p = _props(scope)  # itemprop names in lower case
    r = PersonRecord()
    name = _first(p, "name") or " ".join(x for k in ("givenname", "additionalname", "familyname") if (x := _first(p, k)))
    if name:
        r.names.append(name)
    r.names.extend(v for v in p.get("alternatename", []) if isinstance(v, str) and v)
    for key in _ADDRESS_KEYS:
        for v in p.get(key, []):
            if isinstance(v, dict):
                flat = {k: (vals[0] if vals else "") for k, vals in v.items() if k != "@person"}
                r.addresses.extend(_address_text(flat))
            elif v:
                r.addresses.append(v)
    if "streetaddress" in p:  # address properties placed directly on the person
        flat = {k: _first(p, k) for k in ("streetaddress", "addresslocality", "addressregion", "postalcode")}
        r.addresses.extend(_address_text(flat))
    r.phones.extend(v for v in p.get("telephone", []) if isinstance(v, str) and v)
    r.emails.extend(v for v in p.get("email", []) if isinstance(v, str) and v)
    r.birth_dates.extend(v for v in p.get("birthdate", []) if isinstance(v, str) and v)
    for key in _RELATIVE_KEYS:
        for v in p.get(key, []):
            name = _first(v, "name") if isinstance(v, dict) else v
            if name:
                r.relatives.append(name)
    age = _first(p, "age")
    if age.isdigit() and 0 < int(age) < 130:
        r.ages.append(int(age))
    return r


def microdata_scopes(root: etree._Element) -> list[etree._Element]:
    """Top-level Person itemscopes (a Person inside a Person is a relative)."""
    out = []
    for el in root.iter():
        if not isinstance(el.tag, str) or el.get("itemscope") is None or not _itemtype_is_person(el):
            continue
        parent = el.getparent()
        inside_person = False
        while parent is not None:
            if parent.get("itemscope") is not None and _itemtype_is_person(parent):
                inside_person = True
                break
            parent = parent.getparent()
        if not inside_person:
            out.append(el)
        if len(out) >= _MAX_RECORDS:
            break
    return out
