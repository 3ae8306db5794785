"""Who may talk to the app: only this computer's browser that was given the address.

An ASGI middleware in front of every route, static files included:

* the Host header must be 127.0.0.1:PORT or localhost:PORT, else 400 (a web page elsewhere that points
  its own host name at 127.0.0.1, "DNS rebinding", is refused);
* the one-time token from the printed address is exchanged for a session cookie (HttpOnly,
  SameSite=Strict) and the browser is sent to the same page without it; a request with neither a valid
  cookie nor the token gets 403;
* a POST needs the session's CSRF token (form field ``csrf`` or header ``X-CSRF-Token``), and an Origin,
  when the browser sends one, that is this app's own ("null" too is refused); else 403. The route checks the token
  (``check_csrf``), as only it reads the form;
* every answer carries a strict CSP (nothing from anywhere but this app; no inline script or style) and
  headers that keep it out of frames, caches and referrers.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, urlencode

COOKIE = "unlisted_session"
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    # same-origin, not no-referrer: with no-referrer a browser sends "Origin: null" on its own forms
    (b"referrer-policy", b"same-origin"),
    (b"cache-control", b"no-store"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]


@dataclass
class Keys:
    """The secrets of one run of the app: nothing is kept on disk."""

    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))     # printed once, used once
    session: str = ""                                                      # set when the token is used
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    port: int = 0

    def hosts(self) -> tuple[str, ...]:
        return (f"127.0.0.1:{self.port}", f"localhost:{self.port}")

    def take_token(self, given: str) -> str:
        """The new session id when ``given`` is the unused token, else ""."""
        if not self.token or not hmac.compare_digest(given.encode(), self.token.encode()):
            return ""
        self.token = ""
        self.session = secrets.token_urlsafe(32)
        return self.session

    def signed_in(self, cookie_value: str) -> bool:
        return bool(self.session) and hmac.compare_digest(cookie_value.encode(), self.session.encode())


def check_csrf(keys: Keys, given: str) -> bool:
    return bool(given) and hmac.compare_digest(given.encode(), keys.csrf.encode())


def _header(scope, name: bytes) -> str:
    for key, value in scope.get("headers", ()):
        if key == name:
            return value.decode("latin-1")
    return ""


def _cookie(scope) -> str:
    jar = SimpleCookie()
    try:
        jar.load(_header(scope, b"cookie"))
    except Exception:  # noqa: BLE001 - a malformed Cookie header is no session
        return ""
    morsel = jar.get(COOKIE)
    return morsel.value if morsel else ""


PAGE = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>unlisted</title></head>"
        "<body><main><h1>{title}</h1><p>{text}</p></main></body></html>")
REFUSALS = {
    400: ("Wrong address", "Open the app at the address <code>unlisted app</code> printed (127.0.0.1 or localhost)."),
    403: ("Not signed in", "Open the app with the address <code>unlisted app</code> printed, in the browser you "
                           "first opened it in. That address works once: to open the app somewhere else, "
                           "stop it and start <code>unlisted app</code> again."),
    409: ("Refused", "This request came from another web page, not from the app: nothing was done."),
}


class LocalOnly:
    """The middleware: see the module's docstring."""

    def __init__(self, app, keys: Keys):
        self.app = app
        self.keys = keys

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": list(message.get("headers", [])) + HEADERS}
            await send(message)

        if _header(scope, b"host") not in self.keys.hosts():
            return await _refuse(send_with_headers, 400)
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        if "token" in query and scope["method"] == "GET":
            session = self.keys.take_token(query.pop("token"))
            if session:
                return await _sign_in(send_with_headers, scope["path"], query, session)
        if not self.keys.signed_in(_cookie(scope)):
            return await _refuse(send_with_headers, 403)
        origin = _header(scope, b"origin")
        if scope["method"] not in ("GET", "HEAD") and origin and origin.removeprefix("http://") not in self.keys.hosts():
            return await _refuse(send_with_headers, 409)
        return await self.app(scope, receive, send_with_headers)


async def _refuse(send, reason: int) -> None:
    """400 or 403 with a page that says why (409 is the key of a refused Origin: answered 403)."""
    title, text = REFUSALS[reason]
    status = 403 if reason == 409 else reason
    body = PAGE.format(title=title, text=text).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/html; charset=utf-8"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


async def _sign_in(send, path: str, query: dict, session: str) -> None:
    target = "/" + path.lstrip("/") + ("?" + urlencode(query) if query else "")   # never "//host": no other site
    cookie = f"{COOKIE}={session}; HttpOnly; SameSite=Strict; Path=/"
    await send({"type": "http.response.start", "status": 303,
                "headers": [(b"location", target.encode()), (b"set-cookie", cookie.encode()), (b"content-length", b"0")]})
    await send({"type": "http.response.body", "body": b""})
