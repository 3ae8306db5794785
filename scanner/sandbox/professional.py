"""Simulated professional sources for the sandbox: the NPI Registry, directories and NPI copies,
licensing boards, the practice website, RDAP and WHOIS.

Each function is a route (see routes.py) for one prefix; its scenario table in scenario.toml says what
it does ([npi] mode = "normal" | "errors" | "blocked" | "down", and so on). The fictional therapist is
Avery J. Quinlan (NPI 1234567893, licence C4567, quinlancounseling.example); everything else misses.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from urllib.parse import parse_qs, unquote

from scanner.sandbox.routes import RouteContext, SandboxResponse

FIXTURES = Path(__file__).parent / "professional"
DEMO_NPI = "1234567893"
DEMO_LICENSE = "C4567"
DEMO_DOMAIN = "quinlancounseling.example"
JSON = "application/json"
BLOCK_PAGE = b"<html><head><title>Just a moment...</title></head><body><div id='challenge-form'>Checking your browser</div></body></html>"
TYPES = {".html": "text/html; charset=utf-8", ".jpg": "image/jpeg", ".png": "image/png", ".pdf": "application/pdf"}


def _html(body: str, status: int = 200) -> SandboxResponse:
    return SandboxResponse(status, f"<!doctype html><html><body>{body}</body></html>".encode("utf-8"))


def _mode(ctx: RouteContext, default: str = "normal") -> str:
    return str(ctx.settings.get("mode", default))


def _common(mode: str) -> SandboxResponse | None:
    if mode == "blocked":
        return SandboxResponse(403, BLOCK_PAGE)
    if mode in ("down", "error"):
        return _html("<h1>Internal Server Error</h1>", 500)
    return None


# ------------------------------------------------------------------------------ /npi
def npi(rest: str, query: str, ctx: RouteContext) -> SandboxResponse:
    mode = _mode(ctx)
    if rest.startswith("/provider-view/"):
        return _html(f"<h1>NPI record {escape(rest.rsplit('/', 1)[-1][:10])}</h1>")
    if (reply := _common(mode)) is not None:
        return reply
    if mode == "errors":
        body = {"Errors": [{"description": "The service is temporarily unavailable. Please try again later.",
                            "field": "generic", "number": "99"}]}
        return SandboxResponse(200, json.dumps(body).encode(), JSON)
    q = {k: v[0] for k, v in parse_qs(query).items()}
    record = json.loads((FIXTURES / "npi" / "quinlan.json").read_text("utf-8"))["results"][0]
    namesake = json.loads((FIXTURES / "npi" / "namesake.json").read_text("utf-8"))
    if q.get("number") == DEMO_NPI and mode != "miss":
        results = [record]
    elif q.get("last_name", "").upper() == "QUINLAN" and q.get("state") == "OR" and mode != "miss":
        results = [record, namesake]
    else:
        results = []
    return SandboxResponse(200, json.dumps({"result_count": len(results), "results": results}).encode(), JSON)


# ------------------------------------------------------------------------------ /dir/<source id>/...
CARD = {"dir_psychologytoday": ("results-row", "profile-title", "/us/therapists/avery-j-quinlan-portland-or/424242"),
        "dir_goodtherapy": ("therapist-card", "name", "/therapists/profile/avery-quinlan-20150112"),
        "dir_therapyden": ("therapist-card", "name", "/therapist/avery-quinlan-portland-or"),
        "dir_zencare": ("provider-card", "name", "/provider/therapist/avery-quinlan"),
        "dir_healthgrades": ("provider-card", "name", "/providers/avery-quinlan-x7k2q")}
PROFILE = {
    "practice": "<p>Office: 700 SW Ashgrove St, Suite 310, Portland, OR 97205</p><p>Call (503) 555-0123</p>",
    "personal": ("<p>Office: 700 SW Ashgrove St, Suite 310, Portland, OR 97205</p>"
                 "<p>Evenings and weekends, call or text my cell: (503) 555-0147</p>"
                 "<p>I co-lead couples workshops with my husband Jordan Quinlan.</p>"),
    "npi_copy": ("<p>NPI: 1234567893</p><p>Practice location: 700 SW Ashgrove St Ste 310, Portland, OR 97205</p>"
                 "<p>Mailing address: 4821 SE Larkspur Ct, Portland, OR 97206</p>"),
}


def directory(rest: str, query: str, ctx: RouteContext) -> SandboxResponse:
    source, _, path = rest.lstrip("/").partition("/")
    s = ctx.settings
    if source in s.get("blocked", []):
        return SandboxResponse(403, BLOCK_PAGE)
    if source in s.get("error", []):
        return _html("<h1>Internal Server Error</h1>", 500)
    page = dict(s.get("pages", {})).get(source, "")
    base = f"{ctx.root}/dir/{source}"
    asked = unquote(f"{path}?{query}").lower()
    person = "<h1>Avery J. Quinlan, LPC</h1><p>Licensed Professional Counselor</p>"
    if source.startswith("npi_"):
        if page and DEMO_NPI in asked:
            return _html(f"<main><h1>AVERY J QUINLAN LPC</h1>{PROFILE.get(page, '')}</main>")
        return _html("<h1>Provider not found</h1>", 404)
    if path.startswith("__profile/") and page:
        return _html(f"<main class='profile'>{person}{PROFILE.get(page, '')}</main>")
    if page and "quinlan" in asked:
        box, title, slug = CARD.get(source, ("provider-card", "name", "/x"))
        return _html(f"<div class='{box}'><a class='{title}' href='{base}/__profile{slug}'>Avery J. Quinlan</a>"
                     f"<p>Portland, OR</p></div>")
    word = "therapists" if source in ("dir_psychologytoday", "dir_goodtherapy", "dir_therapyden") else "providers"
    return _html(f"<p>No {word} found for your search.</p>")


# ------------------------------------------------------------------------------ /board/<source id>/...
def board(rest: str, query: str, ctx: RouteContext) -> SandboxResponse:
    mode = _mode(ctx)
    if (reply := _common(mode)) is not None:
        return reply
    q = {k: v[0] for k, v in parse_qs(query).items()}
    if q.get("searchfor", "").upper() == DEMO_LICENSE and mode != "miss":
        return _html("<table class='licensee'><tr><td>Name: QUINLAN, AVERY J</td></tr>"
                     f"<tr><td>License Number: {DEMO_LICENSE}</td></tr><tr><td>License type: LPC</td></tr>"
                     "<tr><td>Status: Active</td></tr>"
                     "<tr><td>Address of record: 4821 SE Larkspur Ct, Portland, OR 97206</td></tr></table>")
    return _html("<p>No records found.</p>")


# ------------------------------------------------------------------------------ /web/<domain>/...
def website(rest: str, query: str, ctx: RouteContext) -> SandboxResponse:
    if (reply := _common(_mode(ctx))) is not None:
        return reply
    domain, _, name = rest.lstrip("/").partition("/")
    name = name or "index.html"
    folder = FIXTURES / "web" / domain
    target = (folder / name).resolve()
    if domain != DEMO_DOMAIN or not target.is_file() or folder.resolve() not in target.parents:
        return _html("<h1>Not found</h1>", 404)
    return SandboxResponse(200, target.read_bytes(), TYPES.get(target.suffix, "application/octet-stream"))


# ------------------------------------------------------------------------------ /rdap/domain/<domain>, /whois/<domain>
def rdap(rest: str, query: str, ctx: RouteContext) -> SandboxResponse:
    mode = _mode(ctx, "exposed")
    if (reply := _common(mode)) is not None:
        return reply
    if mode == "missing" or rest.rstrip("/").rsplit("/", 1)[-1].lower() != DEMO_DOMAIN:
        return SandboxResponse(404, b'{"errorCode": 404, "title": "Not Found"}', "application/rdap+json")
    name = "rdap_redacted.json" if mode == "redacted" else "rdap_exposed.json"
    return SandboxResponse(200, (FIXTURES / "domain" / name).read_bytes(), "application/rdap+json")


def whois(rest: str, query: str, ctx: RouteContext) -> SandboxResponse:
    mode = _mode(ctx, "exposed")
    if (reply := _common(mode)) is not None:
        return reply
    if mode == "missing" or rest.strip("/").lower() != DEMO_DOMAIN:
        return SandboxResponse(200, f"No match for \"{escape(rest.strip('/').upper()[:80])}\".\n".encode(), "text/plain")
    name = "whois_redacted.txt" if mode == "redacted" else "whois_exposed.txt"
    return SandboxResponse(200, (FIXTURES / "domain" / name).read_bytes(), "text/plain; charset=utf-8")
