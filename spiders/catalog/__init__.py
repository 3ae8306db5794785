"""The site catalog: one strictly validated TOML file per site, beside this module.

No Scrapy import here: the scanner core reads the catalog for reports and opt-outs.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

CATALOG_DIR = Path(__file__).parent
FIXTURES_DIR = CATALOG_DIR / "fixtures"

INPUTS = ("name_location", "name_state", "name", "phone", "email", "address")
PLACEHOLDERS = {
    "first": "name", "middle": "name", "last": "name",
    "city": "city", "state": "state", "state_full": "state", "zip": "zip",
    "age": "birth_year", "age_range": "birth_year",
    "phone10": "phone", "phone_dashed": "phone", "email": "email", "street": "street",
}
MODIFIERS = ("lower", "upper", "title", "hyphen", "plus", "underscore")
OPTOUT_METHODS = ("web_form", "email", "mail", "phone", "fax", "account")
CATEGORIES = ("people_search", "background_check", "address_lookup", "phone_lookup", "genealogy",
              "face_search", "marketing_broker", "business_contacts", "public_records")
SIGNATURE = re.compile(r"^(css|text|regex|status):(.+)$", re.S)
PLACEHOLDER = re.compile(r"\{([a-z_0-9]+)((?:\|[a-z_]+(?::[^|}]*)?)*)\}")
SITE_ID = re.compile(r"^[a-z0-9][a-z0-9_]{1,40}$")
FIXTURE_PAGES = ("results.html", "detail.html", "no_results.html", "blocked.html", "expected.toml")
EMAIL = re.compile(r"^[^@\s]+@[a-z0-9.-]+\.[a-z]{2,}$")
HTTPS_URL = re.compile(r"^https://[^\s]+$")
DETAIL_LINK = re.compile(r"::attr\((?:href|data-[a-z0-9-]+)\)$")
MAX_FORM_FIELDS = 12


class CatalogError(ValueError):
    """A catalog file is invalid; the message names the file and field."""


@dataclass(frozen=True)
class Form:
    """A search made by filling in the site's own form (in the browser): each field's CSS selector and
    the text typed into it (a template like "{first}"), and the button that sends it."""

    fields: tuple[tuple[str, str], ...]
    submit: str


@dataclass(frozen=True)
class SearchTemplate:
    input: str
    path: str                   # appended to the site's base URL (a form search: the page with the form)
    needs: tuple[str, ...]      # profile fields this search may receive
    form: Form | None = None    # None: the path itself is the search


@dataclass(frozen=True)
class Detection:
    results: tuple[str, ...]
    no_results: tuple[str, ...]
    blocked: tuple[str, ...]


@dataclass(frozen=True)
class Extraction:
    card: str = ""
    detail_link: str = ""
    detail_card: str = ""
    max_detail_pages: int = 3


@dataclass(frozen=True)
class OptOut:
    url: str                      # the one page to start from
    methods: tuple[str, ...]
    requires: tuple[str, ...] = ()
    parent: str = ""              # the company whose one request covers its storefronts ("" = stands alone)
    covers: tuple[str, ...] = ()  # sibling sites (domains or brand names) that one request covers
    processing_days: int = 0
    recheck_days: int = 30
    notes: str = ""
    urls: tuple[str, ...] = ()    # other pages that lead to the same opt-out (older or alternative links)
    email: str = ""               # where to write when "email" is a method
    steps: str = ""               # the opt-out form's steps (spiders/catalog/steps.py), "" = none known


FETCH_MODES = ("http", "browser")
HOST = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")


@dataclass(frozen=True)
class Fetch:
    """How the site's pages are fetched: plain HTTP, or in a web browser (pages built by script, bot
    walls that a browser passes). `asset_hosts` are the other hosts its pages may load from (a CDN,
    its search API); every other host a page asks for is refused."""

    mode: str = "http"
    asset_hosts: tuple[str, ...] = ()

    @property
    def browser(self) -> bool:
        return self.mode == "browser"


@dataclass(frozen=True)
class Site:
    id: str
    name: str
    domain: str
    base_url: str
    category: str
    searches: tuple[SearchTemplate, ...]
    detection: Detection
    extraction: Extraction
    optout: OptOut
    priority: str = "normal"
    enabled: bool = True
    disabled_reason: str = ""     # why the scan does not search this site (then it is SKIPPED)
    manual_url: str = ""          # the page a person opens to search this site by hand
    max_pages: int = 12
    source: str = ""
    fetch: Fetch = Fetch()

    def fixture(self, page: str) -> Path:
        return FIXTURES_DIR / self.id / page

    @property
    def form_search(self) -> bool:
        """Searched by filling in a form: only a web browser can (every page of the site opens there)."""
        return any(t.form for t in self.searches)


def _fail(where: str, message: str) -> CatalogError:
    return CatalogError(f"{where}: {message}")


def typed_table(value: Any, where: str, allowed: dict[str, type | tuple], required: set[str],
                error: type[ValueError] = CatalogError) -> dict:
    """A TOML table with only the allowed keys, each of its type, and the required ones present
    (shared by every site-data loader; `error` is the loader's own error class)."""
    if not isinstance(value, dict):
        raise error(f"{where}: must be a table")
    unknown = sorted(set(value) - set(allowed))
    if unknown:
        raise error(f"{where}.{unknown[0]}: unknown key (allowed: {', '.join(sorted(allowed))})")
    missing = sorted(required - set(value))
    if missing:
        raise error(f"{where}.{missing[0]}: is required")
    for key, expected in allowed.items():
        if key in value and not isinstance(value[key], expected):
            raise error(f"{where}.{key}: has the wrong type ({type(value[key]).__name__})")
    return value


def _table(value: Any, where: str, allowed: dict[str, type | tuple], required: set[str]) -> dict:
    typed_table(value, where, allowed, required)
    for key in allowed:
        if key in value and key != "search" and isinstance(value[key], list) and not all(isinstance(v, str) for v in value[key]):
            raise _fail(f"{where}.{key}", "must be a list of strings")
    return value


def check_signatures(values: list, where: str, error: type[ValueError] = CatalogError) -> tuple[str, ...]:
    """Detection signatures ("css:", "text:", "regex:", "status:"), each checked (regexes compiled)."""
    for i, sig in enumerate(values):
        if not isinstance(sig, str) or not SIGNATURE.match(sig):
            raise error(f'{where}[{i}]: "{sig}" must start with css:, text:, regex: or status:')
        if sig.startswith("regex:"):
            try:
                re.compile(sig[6:])
            except re.error as exc:
                raise error(f"{where}[{i}]: bad regular expression ({exc})") from None
    return tuple(values)


def _placeholders(text: str, where: str, needs: tuple[str, ...], search: str) -> None:
    """Every {placeholder} of `text` known, declared in the search's `needs`, with known modifiers; none malformed."""
    for match in PLACEHOLDER.finditer(text):
        name, mods = match.group(1), match.group(2)
        if name not in PLACEHOLDERS:
            raise _fail(where, f'unknown placeholder "{{{name}}}"')
        if PLACEHOLDERS[name] not in needs:
            raise _fail(f"{search}.needs", f'uses {{{name}}} but does not declare "{PLACEHOLDERS[name]}"')
        for mod in filter(None, mods.split("|")):
            if mod.split(":")[0] not in MODIFIERS + ("default",):
                raise _fail(where, f'unknown modifier "|{mod}"')
    leftover = PLACEHOLDER.sub("", text)
    if "{" in leftover or "}" in leftover:
        raise _fail(where, "has a malformed {placeholder}")


def _search(raw: Any, where: str) -> SearchTemplate:
    t = _table(raw, where, {"input": str, "path": str, "needs": list, "form": dict}, {"input", "path", "needs"})
    if t["input"] not in INPUTS:
        raise _fail(f"{where}.input", f'"{t["input"]}" is not one of {", ".join(INPUTS)}')
    if not t["path"].startswith("/"):
        raise _fail(f"{where}.path", "must start with / (it is appended to base_url)")
    needs = tuple(t["needs"])
    for need in needs:
        if need not in set(PLACEHOLDERS.values()):
            raise _fail(f"{where}.needs", f'"{need}" is not a profile field a search can use')
    _placeholders(t["path"], f"{where}.path", needs, where)
    form = _form(t["form"], where, needs) if "form" in t else None
    if form and PLACEHOLDER.search(t["path"]):
        raise _fail(f"{where}.path", "is the page with the form: no {placeholders} (the details go into form.fields)")
    return SearchTemplate(input=t["input"], path=t["path"], needs=needs, form=form)


def _form(raw: Any, search: str, needs: tuple[str, ...]) -> Form:
    where = f"{search}.form"
    f = _table(raw, where, {"fields": dict, "submit": str}, {"fields", "submit"})
    if not f["fields"]:
        raise _fail(f"{where}.fields", "needs at least one field (CSS selector = text to type)")
    if len(f["fields"]) > MAX_FORM_FIELDS:
        raise _fail(f"{where}.fields", f"has more than {MAX_FORM_FIELDS} fields")
    fields = []
    for selector, value in f["fields"].items():
        _css(selector, f'{where}.fields."{selector}"')
        if not isinstance(value, str):
            raise _fail(f'{where}.fields."{selector}"', f"must be text to type, like \"{{first}}\" (not {type(value).__name__})")
        if "\n" in value:
            raise _fail(f'{where}.fields."{selector}"', "must be one line")
        _placeholders(value, f'{where}.fields."{selector}"', needs, search)
        fields.append((selector, value))
    if not any(PLACEHOLDER.search(v) for _, v in fields):
        raise _fail(f"{where}.fields", "types none of the person's details (no {placeholder} in any field)")
    _css(f["submit"], f"{where}.submit")
    return Form(fields=tuple(fields), submit=f["submit"])


def _css(selector: str, where: str) -> None:
    """A CSS selector the browser and the fixture generator both understand (checked by cssselect)."""
    from cssselect import GenericTranslator, SelectorError

    if not selector.strip() or "\n" in selector:
        raise _fail(where, "must be a CSS selector (not empty, one line)")
    try:
        GenericTranslator().css_to_xpath(selector)
    except SelectorError as exc:
        raise _fail(where, f'"{selector}" is not a valid CSS selector ({exc})') from None


def _fetch(raw: Any, where: str) -> Fetch:
    f = _table(raw, where, {"mode": str, "asset_hosts": list}, set())
    mode = f.get("mode", "http")
    if mode not in FETCH_MODES:
        raise _fail(f"{where}.mode", f'"{mode}" is not one of {", ".join(FETCH_MODES)}')
    for i, host in enumerate(f.get("asset_hosts", [])):
        if not HOST.match(host):
            raise _fail(f"{where}.asset_hosts[{i}]", f'"{host}" is not a host name like cdn.example.com')
    return Fetch(mode=mode, asset_hosts=tuple(f.get("asset_hosts", ())))


def parse_site(doc: dict, where: str, site_id: str) -> Site:
    t = _table(
        doc,
        where,
        {
            "id": str, "name": str, "domain": str, "base_url": str, "category": str, "priority": str,
            "enabled": bool, "disabled_reason": str, "manual_url": str, "max_pages": int, "source": str,
            "search": list, "detection": dict, "extraction": dict, "optout": dict, "fetch": dict,
        },
        {"id", "name", "domain", "base_url", "category", "detection", "extraction", "optout"},
    )
    if t["id"] != site_id or not SITE_ID.match(site_id):
        raise _fail(f"{where}.id", f'"{t["id"]}" must equal the file name ({site_id}) and be lower-case letters/digits/_')
    if not re.match(r"^https://[a-z0-9.-]+$", t["base_url"]):
        raise _fail(f"{where}.base_url", f'"{t["base_url"]}" must be https://host with no path')
    if t["category"] not in CATEGORIES:
        raise _fail(f"{where}.category", f'"{t["category"]}" is not one of {", ".join(CATEGORIES)}')
    if t.get("priority", "normal") not in ("crucial", "high", "normal"):
        raise _fail(f"{where}.priority", "must be crucial, high or normal")
    enabled = t.get("enabled", True)
    if enabled and not t.get("search"):
        raise _fail(f"{where}.search", "needs at least one [[search]] (or enabled = false with a disabled_reason)")
    if not enabled and not t.get("disabled_reason", "").strip():
        raise _fail(f"{where}.disabled_reason", "is required when enabled = false (it is shown to the user)")
    if enabled and t.get("disabled_reason"):
        raise _fail(f"{where}.disabled_reason", "only makes sense with enabled = false")
    if "manual_url" in t and not HTTPS_URL.match(t["manual_url"]):
        raise _fail(f"{where}.manual_url", "must be an https:// link")
    if not enabled and not t.get("manual_url"):
        raise _fail(f"{where}.manual_url", "is required when enabled = false (the page to search by hand)")
    if not 1 <= t.get("max_pages", 12) <= 50:
        raise _fail(f"{where}.max_pages", "must be between 1 and 50")
    searches = tuple(_search(s, f"{where}.search[{i}]") for i, s in enumerate(t.get("search", [])))

    d = _table(t["detection"], f"{where}.detection", {"results": list, "no_results": list, "blocked": list}, {"results", "no_results"})
    if not d["results"] or not d["no_results"]:
        raise _fail(f"{where}.detection", "needs both a results and a no_results signature")
    detection = Detection(
        results=check_signatures(d["results"], f"{where}.detection.results"),
        no_results=check_signatures(d["no_results"], f"{where}.detection.no_results"),
        blocked=check_signatures(d.get("blocked", []), f"{where}.detection.blocked"),
    )
    e = _table(
        t["extraction"], f"{where}.extraction",
        {"card": str, "detail_link": str, "detail_card": str, "max_detail_pages": int}, set(),
    )
    if not 0 <= e.get("max_detail_pages", 3) <= 10:
        raise _fail(f"{where}.extraction.max_detail_pages", "must be between 0 and 10")
    if e.get("detail_link") and not DETAIL_LINK.search(e["detail_link"]):
        raise _fail(f"{where}.extraction.detail_link", "must end with ::attr(href) or ::attr(data-NAME)")
    o = _table(
        t["optout"], f"{where}.optout",
        {"url": str, "urls": list, "methods": list, "requires": list, "parent": str, "covers": list,
         "processing_days": int, "recheck_days": int, "notes": str, "email": str, "steps": str},
        {"url", "methods"},
    )
    for i, url in enumerate([o["url"], *o.get("urls", [])]):
        if not HTTPS_URL.match(url):
            raise _fail(f"{where}.optout.{'url' if i == 0 else f'urls[{i - 1}]'}", "must be an https:// link")
    if not o["methods"]:
        raise _fail(f"{where}.optout.methods", "needs at least one method")
    for m in o["methods"]:
        if m not in OPTOUT_METHODS:
            raise _fail(f"{where}.optout.methods", f'"{m}" is not one of {", ".join(OPTOUT_METHODS)}')
    if o.get("email") and not EMAIL.match(o["email"]):
        raise _fail(f"{where}.optout.email", f'"{o["email"]}" is not an email address')
    if "email" in o["methods"] and not o.get("email"):
        raise _fail(f"{where}.optout.email", 'is required when "email" is a method')
    if "steps" in o and ("web_form" not in o["methods"] or not SITE_ID.match(o["steps"])):
        raise _fail(f"{where}.optout.steps", 'names the steps file of a "web_form" opt-out (lower-case letters, digits, _)')
    for key in ("processing_days", "recheck_days"):
        if not 0 <= o.get(key, 0) <= 365:
            raise _fail(f"{where}.optout.{key}", "must be between 0 and 365")
    return Site(
        fetch=_fetch(t.get("fetch", {}), f"{where}.fetch"),
        id=site_id,
        name=t["name"],
        domain=t["domain"],
        base_url=t["base_url"],
        category=t["category"],
        searches=searches,
        detection=detection,
        extraction=Extraction(**e),
        optout=OptOut(
            url=o["url"], methods=tuple(o["methods"]), requires=tuple(o.get("requires", ())),
            parent=o.get("parent", ""), covers=tuple(o.get("covers", ())),
            processing_days=o.get("processing_days", 0), recheck_days=o.get("recheck_days", 30),
            notes=o.get("notes", ""), urls=tuple(o.get("urls", ())), email=o.get("email", ""),
            steps=o.get("steps", ""),
        ),
        priority=t.get("priority", "normal"),
        enabled=enabled,
        disabled_reason=t.get("disabled_reason", ""),
        manual_url=t.get("manual_url", ""),
        max_pages=t.get("max_pages", 12),
        source=t.get("source", ""),
    )


def load_site(path: Path) -> Site:
    try:
        doc = tomllib.loads(path.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CatalogError(f"{path.name}: not valid TOML ({exc})") from None
    return parse_site(doc, path.name, path.stem)


def load_catalog(directory: Path = CATALOG_DIR) -> tuple[Site, ...]:
    sites = tuple(load_site(p) for p in sorted(directory.glob("*.toml")))
    return sites


@lru_cache(maxsize=1)
def default_catalog() -> tuple[Site, ...]:
    return load_catalog(CATALOG_DIR)
