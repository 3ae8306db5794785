"""The local simulated web: every catalog site served from its own fixture pages on 127.0.0.1.

Used by `unlisted demo`, `unlisted scan --sandbox` and the tests. It binds to loopback on an
ephemeral port and serves nothing but fixture files.
"""

from __future__ import annotations

import datetime as _dt
import re
import threading
import time
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, unquote_plus, urlsplit

from scanner.sandbox.routes import ROUTES, RouteContext, route_for
from scanner.sandbox.walls import KINDS, wall_for
from spiders.catalog import FIXTURES_DIR

SANDBOX_DIR = Path(__file__).parent
DEMO_PROFILE = SANDBOX_DIR / "demo_profile.toml"
DEFAULT_SCENARIO = SANDBOX_DIR / "scenario.toml"
_AGE_TOKEN = re.compile(r"__AGE_(\d{4})_(\d{2})_(\d{2})__")


@dataclass(frozen=True)
class Scenario:
    hit_terms: tuple[str, ...] = ()
    blocked: frozenset[str] = field(default_factory=frozenset)
    error: frozenset[str] = field(default_factory=frozenset)
    delay_ms: int = 0   # added to every response, to simulate a real site's latency
    routes: dict = field(default_factory=dict)  # settings of the extra routes (see routes.py), by prefix
    rate_limited: frozenset[str] = field(default_factory=frozenset)   # each one's first request: 429 + Retry-After
    retry_after: str = "1"   # the Retry-After value of those 429s (seconds, or an HTTP date)
    walls: dict = field(default_factory=dict)   # site id -> what a plain HTTP client cannot pass (walls.KINDS)


SCENARIO_KEYS = {"hit_terms": list, "blocked": list, "error": list, "delay_ms": int, "rate_limited": list,
                 "retry_after": str, **{kind: list for kind in KINDS}}


def load_scenario(path: Path = DEFAULT_SCENARIO) -> Scenario:
    doc = tomllib.loads(path.read_text("utf-8"))
    unknown = set(doc) - set(SCENARIO_KEYS) - set(ROUTES)
    if unknown:
        raise ValueError(f"{path.name}: unknown key {sorted(unknown)[0]!r}")
    for key, kind in SCENARIO_KEYS.items():
        if key in doc and not isinstance(doc[key], kind):
            raise ValueError(f"{path.name}: {key} must be a {kind.__name__}")
    return Scenario(
        hit_terms=tuple(_squash(t) for t in doc.get("hit_terms", [])),
        blocked=frozenset(doc.get("blocked", [])),
        error=frozenset(doc.get("error", [])),
        delay_ms=int(doc.get("delay_ms", 0)),
        routes={prefix: doc[prefix] for prefix in ROUTES if isinstance(doc.get(prefix), dict)},
        rate_limited=frozenset(doc.get("rate_limited", [])),
        retry_after=doc.get("retry_after", "1"),
        walls={site: kind for kind in KINDS for site in doc.get(kind, [])},
    )


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def age_on(born: _dt.date, today: _dt.date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def page_for(site_id: str, path: str, scenario: Scenario) -> tuple[int, str | None]:
    """(HTTP status, fixture file name) for a request path below a site's sandbox base."""
    if site_id in scenario.blocked:
        return 403, "blocked.html"
    if site_id in scenario.error:
        return 500, None
    if path.startswith("/__detail/"):
        slug = path[len("/__detail/"):].strip("/")
        if slug and not re.fullmatch(r"[a-z0-9-]{1,60}", slug):
            return 404, None
        return 200, f"detail-{slug}.html" if slug else "detail.html"
    squashed = _squash(unquote(path))
    if any(term and term in squashed for term in scenario.hit_terms):
        return 200, "results.html"
    return 200, "no_results.html"


@lru_cache(maxsize=1)
def form_pages() -> dict[str, frozenset[str]]:
    """Site id -> the paths of its search forms (catalog entries searched by filling in a form)."""
    from spiders.catalog import default_catalog

    return {s.id: frozenset(t.path for t in s.searches if t.form) for s in default_catalog() if s.form_search}


MAX_FORM_BODY = 64 * 1024


class _Handler(BaseHTTPRequestHandler):
    server_version = "unlisted-sandbox"
    sys_version = ""

    def do_GET(self) -> None:  # noqa: N802 - http.server API
        self._serve("")

    def do_POST(self) -> None:  # noqa: N802 - a search form sent with method="post": its fields are the query
        length = min(int(self.headers.get("Content-Length") or 0), MAX_FORM_BODY)
        self._serve(self.rfile.read(length).decode("utf-8", "replace") if length > 0 else "", post=True)

    def _serve(self, body: str, post: bool = False) -> None:
        site = re.match(r"^/s/([a-z0-9_]+)", self.path)
        other = re.match(r"^/([a-z]+)/([^/?]+)", self.path)   # another source: its route and first segment
        self.server.hits.append((time.monotonic(), site.group(1) if site else f"{other.group(1)}:{other.group(2)}"
                                 if other else ""))
        owner = site or re.match(r"^/o/([a-z0-9_]+)", self.path)   # a site's search, or its opt-out form
        self.server.asked.append((owner.group(1) if owner else "", unquote_plus(self.path + ("?" + body if body else ""))))
        if self.server.scenario.delay_ms:
            time.sleep(self.server.scenario.delay_ms / 1000)
        parts = urlsplit(self.path)
        if post:    # a form's fields, read like a query string
            parts = parts._replace(query="&".join(filter(None, (parts.query, body))))
        match = re.match(r"^/s/([a-z0-9_]+)(/.*)?$", parts.path)
        if not match:
            return self._extra_route(parts)
        site_id, rest = match.group(1), match.group(2) or "/"
        if site_id in self.server.scenario.rate_limited and self.server.first_visit(site_id):
            return self._send(429, b"<html><body><h1>Too Many Requests</h1></body></html>",
                              headers=(("Retry-After", self.server.scenario.retry_after),))
        target = rest + (f"?{parts.query}" if parts.query else "")
        wall = self.server.scenario.walls.get(site_id)
        if wall and rest == "/__api":     # a script-rendered site's JSON: the page of the search it names
            target = parse_qs(parts.query).get("path", ["/"])[0]
        status, name = page_for(site_id, target, self.server.scenario)
        if name in ("results.html", "no_results.html") and not parts.query and rest in form_pages().get(site_id, ()):
            name = "form.html"      # the page with the search form (sent, it comes back with a query)
        if name is None:
            return self._send(status, b"<html><body><h1>Internal Server Error</h1></body></html>")
        fixture = FIXTURES_DIR / site_id / name
        if not fixture.is_file():
            return self._send(404, b"<html><body>not found</body></html>")
        base = f"http://127.0.0.1:{self.server.server_address[1]}/s/{site_id}"
        page = render_fixture(fixture.read_text("utf-8"), base, self.server.today).replace(
            "__THIRD_PARTY__", self.server.third_party_url)
        if wall:
            walled = wall_for(wall, site_id, base, self.server.third_party_url, rest + (f"?{parts.query}" if parts.query else ""),
                              self.headers.get("Cookie", ""), page)
            if walled:
                return self._send(walled.status, walled.body.encode("utf-8"), walled.content_type)
        self._send(status, page.encode("utf-8"))

    def _extra_route(self, parts) -> None:
        prefix, _, rest = parts.path.lstrip("/").partition("/")
        handler = route_for(prefix)
        if handler is None:
            return self._send(404, b"<html><body>not found</body></html>")
        root = f"http://127.0.0.1:{self.server.server_address[1]}"
        ctx = RouteContext(root=root, today=self.server.today, settings=self.server.scenario.routes.get(prefix, {}),
                           third_party=self.server.third_party_url, mailbox=self.server.mailbox,
                           confirmations=self.server.confirmations, lock=self.server.state_lock)
        reply = handler("/" + rest, parts.query, ctx)
        self._send(reply.status, reply.body, reply.content_type, reply.headers)

    def _send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8", headers=()) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args) -> None:  # keep the terminal quiet
        pass


def render_fixture(text: str, base: str, today: _dt.date) -> str:
    text = text.replace("__BASE__", base)
    return _AGE_TOKEN.sub(lambda m: str(age_on(_dt.date(*map(int, m.groups())), today)), text)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256   # every catalog site may connect at once

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._visited: set[str] = set()
        self._lock = threading.Lock()
        self.hits: list[tuple[float, str]] = []   # (monotonic time, site id) of every request: tests read it
        self.asked: list[tuple[str, str]] = []    # (site id or "", the request's path, query and form fields, decoded)
        self.mailbox: list[tuple[str, str, str]] = []   # the opt-out flows' emails: (to, site id, confirmation link)
        self.confirmations: dict[str, list] = {}        # confirmation token -> [site id, used]
        self.state_lock = threading.Lock()

    def handle_error(self, request, client_address) -> None:
        """A browser that closed its page (or dropped a favicon request) mid-answer is no error of the
        simulated web: nothing is printed into the scan's output. Anything else is shown as usual."""
        import sys

        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)

    def first_visit(self, site_id: str) -> bool:
        with self._lock:
            first = site_id not in self._visited
            self._visited.add(site_id)
            return first


class _ThirdPartyHandler(BaseHTTPRequestHandler):
    """The ads/analytics host that walled pages reference: it only counts who asked."""

    def do_GET(self) -> None:  # noqa: N802 - http.server API
        self.server.hits.append(self.path)
        self.send_response(204)
        self.end_headers()

    def log_message(self, format, *args) -> None:
        pass


class SandboxServer:
    """A running sandbox; use as a context manager."""

    def __init__(self, scenario: Scenario | None = None, today: _dt.date | None = None):
        self.httpd = _Server(("127.0.0.1", 0), _Handler)
        self.httpd.scenario = scenario or load_scenario()
        self.httpd.today = today or _dt.date.today()
        self.third_party = _Server(("127.0.0.1", 0), _ThirdPartyHandler)
        # another name for this computer: a host of its own, as an ad network's would be
        self.httpd.third_party_url = f"http://localhost:{self.third_party.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="sandbox", daemon=True)
        self.third_party_thread = threading.Thread(target=self.third_party.serve_forever, name="sandbox-3p", daemon=True)

    @property
    def third_party_hits(self) -> list[str]:
        """Every request the third-party host received (a browser scan must make none)."""
        return list(self.third_party.hits)

    @property
    def asked(self) -> list[tuple[str, str]]:
        """(site id, what it was asked: path, query and a sent form's fields, decoded) of every request
        (the id is "" for the other sources' routes): where each detail of the person went."""
        return list(self.httpd.asked)

    @property
    def mailbox(self) -> list[tuple[str, str, str]]:
        """(to address, site id, confirmation link) of every email the opt-out flows sent."""
        with self.httpd.state_lock:
            return list(self.httpd.mailbox)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def site_base(self, site_id: str) -> str:
        return f"{self.url}/s/{site_id}"

    def __enter__(self) -> "SandboxServer":
        self.thread.start()
        self.third_party_thread.start()
        return self

    def __exit__(self, *exc) -> None:
        for server in (self.httpd, self.third_party):
            server.shutdown()
            server.server_close()
