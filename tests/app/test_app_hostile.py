"""Scraped text is attacker-controlled, in the app as in the report: the report test's 50 payloads in every
field of the data behind every page (home, plan, every task, findings) add no element and no attribute; a
profile form sent back with a payload in every field shows each as text, and so does the Settings page (a
browser typed in, what `unlisted schedule` says)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from starlette.testclient import TestClient

from reports.view import build_view
from scanner.app import pages, settings_page
from scanner.app.guard import Keys
from scanner.app.profileform import FIELD_NAMES
from scanner.app.server import AppContext, create_app
from scanner.app.settings_page import CommandResult
from scanner.config import make_config
from scanner.sandbox.server import DEMO_PROFILE
from tests.reports.report_fixtures import structure
from tests.reports.test_report_security import IDS, PAYLOADS, full_report, poisoned

PORT = 8765


def _client(home) -> tuple[TestClient, Keys]:
    keys = Keys(port=PORT)
    client = TestClient(create_app(AppContext(config=make_config(home), keys=keys)), base_url=f"http://127.0.0.1:{PORT}")
    assert client.get(f"/?token={keys.token}", follow_redirects=False).status_code == 303
    return client, keys


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    home = tmp_path_factory.mktemp("hostile") / "home"
    home.mkdir()
    (home / "profile.toml").write_text(DEMO_PROFILE.read_text())
    return home


def _pages(report: dict) -> list[str]:
    return ["/", "/plan", "/findings", "/history"] + [f"/tasks/{t['id']}" for t in report["tasks"]]


def assert_no_injection(soup) -> None:
    """Only our own script and stylesheet, no handler or style attribute, forms and links to our own paths
    or to the data's allow-listed http(s) links."""
    assert [s.get("src") for s in soup.find_all("script")] == ["/static/app.js"]
    assert [link.get("href") for link in soup.find_all("link")] == ["/static/app.css"]
    assert not soup.find_all(["iframe", "object", "embed", "img", "base", "frame", "math", "style", "video",
                              "audio", "source"])
    assert len(soup.find_all("svg")) <= 1          # the history's trend chart, ours
    for el in soup.find_all(True):
        for attr in el.attrs:
            assert not attr.lower().startswith("on") and attr not in ("style", "srcset", "formaction"), (el.name, attr)
    for form in soup.find_all("form"):
        assert form["action"].startswith("/") and not form["action"].startswith("//")
    for a in soup.find_all("a"):
        assert a["href"].startswith(("/", "#", "https://", "http://", "mailto:")), a["href"]


def _soups(client, report, monkeypatch) -> dict[str, BeautifulSoup]:
    monkeypatch.setattr(pages, "latest_view", lambda request: build_view(report))
    out = {}
    for path in _pages(report):
        answer = client.get(path)
        assert answer.status_code == 200, path
        out[path] = BeautifulSoup(answer.text, "html.parser")
    return out


@pytest.fixture(scope="module")
def clean_structure(home):
    client, _ = _client(home)
    with pytest.MonkeyPatch.context() as mp:
        return {path: structure(soup) for path, soup in _soups(client, full_report(), mp).items()}


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_hostile_data_adds_no_element_to_any_page(home, clean_structure, payload, monkeypatch):
    client, _ = _client(home)
    for path, soup in _soups(client, poisoned(payload), monkeypatch).items():
        assert structure(soup) == clean_structure[path], path
        assert_no_injection(soup)


@pytest.mark.parametrize("payload", PAYLOADS[:-1], ids=IDS[:-1])
def test_a_profile_form_full_of_payloads_shows_them_as_text(home, payload):
    client, keys = _client(home)
    form = {name: payload for name in FIELD_NAMES} | {"csrf": keys.csrf}
    answer = client.post("/profile", data=form)
    assert answer.status_code == 400          # never saved: some field refuses it
    soup = BeautifulSoup(answer.text, "html.parser")
    assert_no_injection(soup)
    assert soup.find(id="problems") is not None
    assert (home / "profile.toml").read_text() == DEMO_PROFILE.read_text()


@pytest.mark.parametrize("payload", PAYLOADS[:-1], ids=IDS[:-1])
def test_the_settings_page_shows_payloads_as_text(tmp_path, payload, monkeypatch):
    """The Settings page does not show the report's data: its own inputs are what `unlisted schedule` says
    (here a stand-in, so no crontab is read) and the browser typed in, refused and shown back."""
    said = CommandResult(ok=False, lines=(f"Trigger: {payload}", f"Cadence: {payload}"), error=payload)
    monkeypatch.setattr(settings_page, "run_schedule", lambda home, *command: said)
    client, keys = _client(tmp_path / "home")
    answer = client.post("/settings", data={"browser": payload, "csrf": keys.csrf})
    assert answer.status_code == 400
    soup = BeautifulSoup(answer.text, "html.parser")
    assert_no_injection(soup)
    assert soup.find(id="error-browser") is not None
    assert not (tmp_path / "home" / "settings.toml").exists()
    shown = client.post("/settings/notify-test", data={"csrf": keys.csrf})      # followed to the page
    assert shown.status_code == 200 and str(shown.url).endswith("said=notify-failed")
    soup = BeautifulSoup(shown.text, "html.parser")
    assert_no_injection(soup)
    pre = soup.find(id="result-notify").find("pre")
    assert pre.find(True) is None and pre.text.startswith("Trigger: ")
