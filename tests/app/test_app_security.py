"""`unlisted app` answers only this computer's browser that was given the address: the token, the cookie,
the Host check (DNS rebinding), CSRF on every POST, and a CSP that loads nothing from elsewhere."""

from __future__ import annotations

import re

import pytest
import requests
from bs4 import BeautifulSoup

from .conftest import start_app, stop_app, wait_until


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """One app for the checks that do not change it, signed in once (the token works once). Its Settings page
    asks `unlisted schedule status` about a crontab file of its own, never the user's."""
    folder = tmp_path_factory.mktemp("app")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("UNLISTED_CRONTAB_FILE", str(folder / "crontab"))
        app = start_app(folder / "home", "--sandbox")
    app.session = app.signed_in()
    yield app
    stop_app(app)

PAGES = ["/", "/profile", "/plan", "/findings", "/history", "/settings", "/scan", "/scan/status", "/static/app.css",
         "/static/app.js"]
POSTS = ["/profile", "/scan/start", "/scan/stop", "/tasks/1/done", "/tasks/1/optout", "/tasks/1/confirm",
         "/findings/1/verdict", "/quit"]


def test_the_first_line_is_the_address_and_it_serves_on_loopback_only(app_server):
    assert app_server.url.startswith("http://127.0.0.1:")
    assert len(app_server.token) >= 40
    assert app_server.process.poll() is None


@pytest.mark.parametrize("path", PAGES)
def test_without_the_cookie_or_token_every_page_is_refused(shared, path):
    answer = requests.get(shared.base + path, timeout=30, allow_redirects=False)
    assert answer.status_code == 403
    assert "Not signed in" in answer.text and "profile" not in answer.text.lower()


def test_a_wrong_token_is_refused_and_the_right_one_works_once(app_server):
    assert requests.get(app_server.base + "/?token=" + "x" * 43, timeout=30).status_code == 403
    session = requests.Session()
    answer = session.get(app_server.url, allow_redirects=False, timeout=30)
    assert answer.status_code == 303 and answer.headers["location"] == "/"      # the token leaves the address bar
    cookie = answer.headers["set-cookie"]
    assert re.match(r"unlisted_session=[A-Za-z0-9_-]{40,};", cookie)
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
    assert session.get(app_server.base + "/profile", timeout=30).status_code == 200
    again = requests.get(app_server.url, allow_redirects=False, timeout=30)      # another browser, the same address
    assert again.status_code == 403
    forged = requests.get(app_server.base + "/profile", cookies={"unlisted_session": "x" * 43}, timeout=30)
    assert forged.status_code == 403


def test_the_token_cannot_send_the_browser_to_another_site(app_server):
    answer = requests.get(f"{app_server.base}//evil.example/x?token={app_server.token}", allow_redirects=False, timeout=30)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/evil.example/x"


@pytest.mark.parametrize("host", ["evil.example:{port}", "127.0.0.1.evil.example:{port}", "127.0.0.1:1", "localhost",
                                  "[::1]:{port}", ""])
def test_another_host_name_is_refused_even_signed_in(shared, host):
    app_server = shared
    cookie = "unlisted_session=" + app_server.session.cookies["unlisted_session"]   # requests files cookies by Host
    answer = requests.get(app_server.base + "/profile", headers={"Host": host.format(port=app_server.port),
                                                                  "Cookie": cookie}, timeout=30)
    assert answer.status_code == 400
    assert requests.get(app_server.base + "/profile", headers={"Host": f"localhost:{app_server.port}", "Cookie": cookie},
                        timeout=30).status_code == 200


@pytest.mark.parametrize("path", POSTS)
def test_every_post_needs_the_csrf_token(shared, path):
    app_server, session = shared, shared.session
    assert session.post(app_server.base + path, data={}, timeout=30).status_code == 403
    assert session.post(app_server.base + path, data={"csrf": "x" * 43}, timeout=30).status_code == 403
    assert app_server.process.poll() is None          # /quit without the token did not stop it


def test_a_post_from_another_origin_is_refused_even_with_the_token(shared):
    app_server, session = shared, shared.session
    csrf = app_server.csrf(session)
    answer = session.post(app_server.base + "/scan/stop", data={"csrf": csrf},
                          headers={"Origin": "http://evil.example"}, timeout=30)
    assert answer.status_code == 403 and "another web page" in answer.text
    assert session.post(app_server.base + "/scan/stop", data={"csrf": csrf}, headers={"Origin": "null"},
                        timeout=30).status_code == 403
    ok = session.post(app_server.base + "/scan/stop", data={"csrf": csrf}, headers={"Origin": app_server.base},
                      allow_redirects=False, timeout=30)
    assert ok.status_code == 303


@pytest.mark.parametrize("path", ["/", "/profile", "/plan", "/findings", "/history", "/settings", "/scan",
                                  "/nothing-here"])
def test_every_page_has_a_strict_csp_and_loads_nothing_from_elsewhere(shared, path):
    app_server, session = shared, shared.session
    answer = session.get(app_server.base + path, timeout=30)
    csp = answer.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "unsafe" not in csp
    assert "frame-ancestors 'none'" in csp
    assert answer.headers["x-frame-options"] == "DENY" and answer.headers["referrer-policy"] == "same-origin"
    assert answer.headers["cache-control"] == "no-store"
    soup = BeautifulSoup(answer.text, "html.parser")
    assert not soup.find_all("script", src=False)            # no inline script
    assert not soup.find_all("style") and not soup.find_all(style=True)
    for el in soup.find_all(["script", "link", "img", "iframe", "form", "a"]):
        target = el.get("src") or el.get("href") or el.get("action") or ""
        assert not re.match(r"(?i)\s*([a-z]+:|//)", target), (el.name, target)   # this app's own paths only


def test_quit_stops_the_app(app_server):
    session = app_server.signed_in()
    answer = session.post(app_server.base + "/quit", data={"csrf": app_server.csrf(session)}, timeout=30)
    assert answer.status_code == 200 and "has stopped" in answer.text
    assert wait_until(lambda: app_server.process.poll() is not None, 30)
    assert app_server.process.returncode == 0
