"""The professional sources' data tables (spiders/sources_data/*.toml), strictly validated.

Loaders read files only: no network, no clock, no home folder. An unknown key, a wrong type or a
template placeholder a source does not declare is an error naming the file and the field.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from spiders.catalog import CATALOG_DIR, Detection, check_signatures, typed_table

DATA_DIR = CATALOG_DIR.parent / "sources_data"
DIRECTORY_KINDS = ("therapist_directory", "provider_directory", "npi_mirror")
PROFESSIONS = ("counseling", "mft", "social_work", "psychology")
# placeholder -> the profile field it sends
PLACEHOLDERS = {"first": "name", "last": "name", "state": "state", "city": "city", "npi": "npi", "license": "license"}
MODIFIERS = ("lower", "upper", "hyphen", "plus")
PLACEHOLDER = re.compile(r"\{([a-z_]+)((?:\|[a-z]+)*)\}")
SOURCE_ID = re.compile(r"^[a-z][a-z0-9_]{1,40}$")
STATE = re.compile(r"^[A-Z]{2}$")


class SourceDataError(ValueError):
    """A data file is invalid; the message names the file and the field."""


@dataclass(frozen=True)
class Search:
    path: str
    needs: tuple[str, ...]


@dataclass(frozen=True)
class Directory:
    id: str
    name: str
    kind: str
    base_url: str
    manual_url: str
    searches: tuple[Search, ...]
    detection: Detection | None      # None when the site cannot be searched automatically
    card: str
    profile_link: str
    max_profiles: int
    fix: str
    fix_url: str
    source: str


@dataclass(frozen=True)
class BoardQuery:
    base_url: str
    search: Search
    detection: Detection
    card: str


@dataclass(frozen=True)
class Board:
    id: str
    state: str
    professions: tuple[str, ...]
    name: str
    lookup_url: str
    number_pattern: str
    query: BoardQuery | None
    fix: str
    fix_url: str
    source: str


@dataclass(frozen=True)
class SourceInfo:
    id: str
    name: str
    fix: str
    fix_url: str
    source: str


@dataclass(frozen=True)
class Boards:
    advice: str
    generic_fix: str
    boards: tuple[Board, ...]


# ------------------------------------------------------------------------------ validation helpers
def _table(value: Any, where: str, allowed: dict[str, type | tuple], required: set[str]) -> dict:
    return typed_table(value, where, allowed, required, SourceDataError)


def _strings(value: list, where: str) -> tuple[str, ...]:
    if not all(isinstance(v, str) and v for v in value):
        raise SourceDataError(f"{where}: must be a list of non-empty strings")
    return tuple(value)


def _url(value: str, where: str, host_only: bool = False, empty_ok: bool = False) -> str:
    if empty_ok and not value:
        return value
    pattern = r"^https://[a-z0-9.-]+$" if host_only else r"^https://[a-z0-9.-]+(/\S*)?$"
    if not re.match(pattern, value.replace("{npi}", "0")):
        raise SourceDataError(f'{where}: "{value}" must be an https:// link' + (" with no path" if host_only else ""))
    return value


def _check_template(text: str, where: str, needs: tuple[str, ...] | None) -> None:
    for match in PLACEHOLDER.finditer(text):
        name, mods = match.group(1), match.group(2)
        if name not in PLACEHOLDERS:
            raise SourceDataError(f'{where}: unknown placeholder "{{{name}}}"')
        if needs is not None and PLACEHOLDERS[name] not in needs:
            raise SourceDataError(f'{where}: uses {{{name}}} but needs does not declare "{PLACEHOLDERS[name]}"')
        for mod in filter(None, mods.split("|")):
            if mod not in MODIFIERS:
                raise SourceDataError(f'{where}: unknown modifier "|{mod}"')
    if "{" in PLACEHOLDER.sub("", text) and not text.startswith(("css:", "regex:")):
        raise SourceDataError(f"{where}: has a malformed {{placeholder}}")


def _search(raw: Any, where: str) -> Search:
    t = _table(raw, where, {"path": str, "needs": list}, {"path", "needs"})
    needs = _strings(t["needs"], f"{where}.needs")
    for need in needs:
        if need not in set(PLACEHOLDERS.values()):
            raise SourceDataError(f'{where}.needs: "{need}" is not a profile field a search can use')
    if not t["path"].startswith("/"):
        raise SourceDataError(f"{where}.path: must start with / (it is appended to base_url)")
    _check_template(t["path"], f"{where}.path", needs)
    return Search(path=t["path"], needs=needs)


def _signatures(values: list, where: str) -> tuple[str, ...]:
    return check_signatures(list(_strings(values, where)), where, SourceDataError)


def _detection(t: dict, where: str) -> Detection:
    if not t.get("results") or not t.get("no_results"):
        raise SourceDataError(f"{where}: a searchable source needs both results and no_results signatures")
    return Detection(results=_signatures(t["results"], f"{where}.results"),
                     no_results=_signatures(t["no_results"], f"{where}.no_results"),
                     blocked=_signatures(t.get("blocked", []), f"{where}.blocked"))


def _load(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SourceDataError(f"{path.name}: not valid TOML ({exc})") from None


def _unique(ids: list[str], where: str) -> None:
    seen: set[str] = set()
    for i in ids:
        if i in seen or not SOURCE_ID.match(i):
            raise SourceDataError(f'{where}: id "{i}" is repeated or not lower-case letters/digits/_')
        seen.add(i)


# ------------------------------------------------------------------------------ loaders
def parse_directories(doc: dict, name: str = "directories.toml") -> tuple[Directory, ...]:
    _table(doc, name, {"directory": list}, {"directory"})
    out = []
    for i, raw in enumerate(doc["directory"]):
        where = f"{name}: directory[{i}]"
        t = _table(raw, where, {
            "id": str, "name": str, "kind": str, "base_url": str, "manual_url": str, "search": list,
            "results": list, "no_results": list, "blocked": list, "card": str, "profile_link": str,
            "max_profiles": int, "fix": str, "fix_url": str, "source": str,
        }, {"id", "name", "kind", "base_url", "manual_url", "fix", "fix_url", "source"})
        if t["kind"] not in DIRECTORY_KINDS:
            raise SourceDataError(f'{where}.kind: "{t["kind"]}" is not one of {", ".join(DIRECTORY_KINDS)}')
        searches = tuple(_search(s, f"{where}.search[{j}]") for j, s in enumerate(t.get("search", [])))
        detection = _detection(t, where) if searches else None
        if not searches and any(k in t for k in ("results", "no_results", "blocked", "profile_link", "card")):
            raise SourceDataError(f"{where}: signatures and selectors need a [[search]]")
        for key in ("card", "profile_link"):
            _check_template(t.get(key, ""), f"{where}.{key}", None)
        if not 0 <= t.get("max_profiles", 2) <= 5:
            raise SourceDataError(f"{where}.max_profiles: must be between 0 and 5")
        out.append(Directory(
            id=t["id"], name=t["name"], kind=t["kind"], base_url=_url(t["base_url"], f"{where}.base_url", True),
            manual_url=_url(t["manual_url"], f"{where}.manual_url"), searches=searches, detection=detection,
            card=t.get("card", ""), profile_link=t.get("profile_link", ""), max_profiles=t.get("max_profiles", 2),
            fix=t["fix"], fix_url=_url(t["fix_url"], f"{where}.fix_url", empty_ok=True), source=t["source"],
        ))
    _unique([d.id for d in out], name)
    return tuple(out)


def parse_boards(doc: dict, name: str = "boards.toml") -> Boards:
    _table(doc, name, {"advice": str, "generic_fix": str, "board": list}, {"advice", "generic_fix", "board"})
    boards = []
    for i, raw in enumerate(doc["board"]):
        where = f"{name}: board[{i}]"
        t = _table(raw, where, {
            "id": str, "state": str, "professions": list, "name": str, "lookup_url": str, "number_pattern": str,
            "query": dict, "fix": str, "fix_url": str, "source": str,
        }, {"id", "state", "professions", "name", "lookup_url", "source"})
        if not STATE.match(t["state"]):
            raise SourceDataError(f'{where}.state: "{t["state"]}" is not a two-letter state code')
        professions = _strings(t["professions"], f"{where}.professions")
        for p in professions:
            if p not in PROFESSIONS:
                raise SourceDataError(f'{where}.professions: "{p}" is not one of {", ".join(PROFESSIONS)}')
        pattern = t.get("number_pattern", "")
        try:
            re.compile(pattern)
        except re.error as exc:
            raise SourceDataError(f"{where}.number_pattern: bad regular expression ({exc})") from None
        query = None
        if "query" in t:
            q = _table(t["query"], f"{where}.query", {"base_url": str, "path": str, "results": list,
                                                        "no_results": list, "blocked": list, "card": str},
                       {"base_url", "path", "results", "no_results"})
            search = _search({"path": q["path"], "needs": ["license"]}, f"{where}.query")
            query = BoardQuery(base_url=_url(q["base_url"], f"{where}.query.base_url", True), search=search,
                               detection=_detection(q, f"{where}.query"), card=q.get("card", ""))
        boards.append(Board(
            id=t["id"], state=t["state"], professions=professions, name=t["name"],
            lookup_url=_url(t["lookup_url"], f"{where}.lookup_url"), number_pattern=pattern, query=query,
            fix=t.get("fix", doc["generic_fix"]), fix_url=_url(t.get("fix_url", ""), f"{where}.fix_url", empty_ok=True)
            or t["lookup_url"], source=t["source"],
        ))
    _unique([b.id for b in boards], name)
    return Boards(advice=doc["advice"], generic_fix=doc["generic_fix"], boards=tuple(boards))


def parse_sources(doc: dict, name: str = "sources.toml") -> tuple[SourceInfo, ...]:
    out = []
    for sid, raw in doc.items():
        where = f"{name}: {sid}"
        t = _table(raw, where, {"name": str, "fix": str, "fix_url": str, "source": str}, {"name", "fix", "fix_url", "source"})
        out.append(SourceInfo(id=sid, name=t["name"], fix=t["fix"],
                              fix_url=_url(t["fix_url"], f"{where}.fix_url", empty_ok=True), source=t["source"]))
    _unique([s.id for s in out], name)
    missing = {"npi", "practice_site", "whois", "rdap", "board_other"} - {s.id for s in out}
    if missing:
        raise SourceDataError(f"{name}: {sorted(missing)[0]}: is required")
    return tuple(out)


@lru_cache(maxsize=1)
def directories() -> tuple[Directory, ...]:
    return parse_directories(_load(DATA_DIR / "directories.toml"))


@lru_cache(maxsize=1)
def boards() -> Boards:
    return parse_boards(_load(DATA_DIR / "boards.toml"))


@lru_cache(maxsize=1)
def sources() -> dict[str, SourceInfo]:
    return {s.id: s for s in parse_sources(_load(DATA_DIR / "sources.toml"))}


# ------------------------------------------------------------------------------ uses
def fill(template: str, fields: dict[str, str], encode: bool = True) -> str | None:
    """Fill {placeholders} (with |modifiers); None when a value is missing. encode: URL-quote values."""
    missing = False

    def one(match: re.Match) -> str:
        nonlocal missing
        value = fields.get(match.group(1), "")
        for mod in filter(None, match.group(2).split("|")):
            value = {"lower": str.lower, "upper": str.upper,
                     "hyphen": lambda v: re.sub(r"\s+", "-", v.strip()),
                     "plus": lambda v: re.sub(r"\s+", "+", v.strip())}[mod](value)
        if not value:
            missing = True
        return quote(value, safe="-_.~+") if encode else value

    out = PLACEHOLDER.sub(one, template)
    return None if missing else out


def fix_for(source_id: str) -> tuple[str, str]:
    """(what to do, link) for an exposure found on a professional source; ("", "") if unknown."""
    info = sources().get(source_id)
    if info:
        return info.fix, info.fix_url
    for d in directories():
        if d.id == source_id:
            return d.fix, d.fix_url
    for b in boards().boards:
        if b.id == source_id:
            return b.fix, b.fix_url
    return "", ""


def source_names() -> dict[str, str]:
    names = {s.id: s.name for s in sources().values()}
    names.update({d.id: d.name for d in directories()})
    names.update({b.id: b.name for b in boards().boards})
    return names
