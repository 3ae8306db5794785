"""The simulated web's walled sites (scanner/sandbox/walls.py), as a plain HTTP client sees them: what
the browser path has to get past."""

from __future__ import annotations

import datetime as dt
import json
import urllib.error
import urllib.request
from urllib.parse import quote

from scanner.sandbox.server import SandboxServer, Scenario, load_scenario
from scanner.sandbox.walls import passed_cookie
from spiders.catalog import default_catalog
from spiders.detection import classify

SITES = {s.id: s for s in default_catalog()}
WALLS = {"whitepages": "script_rendered", "fastpeoplesearch": "interstitial", "truepeoplesearch": "human_check"}


def get(url: str, cookie: str = "") -> tuple[int, str, str]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as reply:
            return reply.status, reply.headers.get("Content-Type", ""), reply.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), exc.read().decode()


def test_walled_pages_are_unreadable_over_plain_http_and_name_a_third_party_host():
    with SandboxServer(Scenario(hit_terms=("quinlan",), walls=WALLS), dt.date(2026, 12, 6)) as server:
        third = server.httpd.third_party_url
        for site_id in WALLS:
            status, _, page = get(f"{server.site_base(site_id)}/name/avery-quinlan")
            assert third in page, site_id
            assert classify(status, page, SITES[site_id].detection).status in ("BLOCKED", "ERROR"), site_id
        # the shell's data call answers JSON with the search's page: results for a hit, none for a miss
        status, kind, body = get(f"{server.site_base('whitepages')}/__api?path={quote('/name/avery-quinlan')}")
        assert status == 200 and kind.startswith("application/json")
        assert classify(200, json.loads(body)["page"], SITES["whitepages"].detection).status == "RESULTS"
        # the check's cookie lets a client through, for that site only
        status, _, page = get(f"{server.site_base('fastpeoplesearch')}/name/avery-quinlan",
                              cookie=f"{passed_cookie('fastpeoplesearch')}=1")
        assert status == 200 and classify(status, page, SITES["fastpeoplesearch"].detection).status == "RESULTS"
        status, _, page = get(f"{server.site_base('truepeoplesearch')}/name/avery-quinlan",
                              cookie=f"{passed_cookie('fastpeoplesearch')}=1")
        assert 'id="human-check"' in page
        assert server.third_party_hits == []      # nothing fetched the third-party files: a plain client does not


def test_a_browser_that_hangs_up_mid_answer_prints_nothing_into_the_scan(capsys):
    """Chromium drops its favicon request when a page closes: the simulated web's thread must not print a
    traceback into `unlisted demo`'s output for it; any other error is still shown."""
    with SandboxServer(load_scenario()) as server:
        for error in (BrokenPipeError(32, "Broken pipe"), ConnectionResetError(104, "reset")):
            try:
                raise error
            except OSError:
                server.httpd.handle_error(None, ("127.0.0.1", 1))
        assert capsys.readouterr().err == ""
        try:
            raise ValueError("a real bug")
        except ValueError:
            server.httpd.handle_error(None, ("127.0.0.1", 1))
        assert "ValueError: a real bug" in capsys.readouterr().err
