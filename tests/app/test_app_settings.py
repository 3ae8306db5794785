"""The Settings page of the real `unlisted app`: monthly rescans turned on and off through the real
`unlisted schedule` (into a crontab file of the test's own, never the user's), the test notification's
answer, the browser saved to settings.toml only when it is a program, and a broken settings file named
in one line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from scanner.schedule.settings import load_settings
from tests.conftest import GUARD_SITE

from .conftest import start_app, stop_app

DEMO_PROFILE = Path(__file__).resolve().parents[2] / "scanner" / "sandbox" / "demo_profile.toml"
POSTS = ["/settings", "/settings/rescans/on", "/settings/rescans/off", "/settings/notify-test"]


@pytest.fixture
def app(tmp_path, monkeypatch):
    """The app on a fresh home with a profile; its `unlisted schedule` writes to tmp_path/crontab."""
    monkeypatch.setenv("UNLISTED_CRONTAB_FILE", str(tmp_path / "crontab"))
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    (home / "profile.toml").write_text(DEMO_PROFILE.read_text())
    running = start_app(home)
    running.session = running.signed_in()
    running.tab = tmp_path / "crontab"
    yield running
    stop_app(running)


def _post(app, path: str, **data):
    return app.session.post(app.base + path, data={"csrf": app.csrf(app.session, "/settings"), **data}, timeout=60)


def _soup(answer) -> BeautifulSoup:
    return BeautifulSoup(answer.text, "html.parser")


def test_monthly_rescans_turn_on_and_off_in_the_crontab(app):
    page = app.session.get(app.base + "/settings", timeout=60)
    assert page.status_code == 200
    soup = _soup(page)
    assert "Monthly rescans are off" in soup.find(id="rescans-state").text
    assert "not installed" in soup.find("pre").text                      # the CLI's own words, in the details
    assert [b.text for b in soup.select("#rescans-title ~ .buttons button")] == ["Turn on monthly rescans"]

    on = _post(app, "/settings/rescans/on")
    assert on.status_code == 200 and on.url.endswith("/settings?said=schedule-on")
    assert "unlisted-rescan" in app.tab.read_text() and "rescan --if-due" in app.tab.read_text()
    soup = _soup(on)
    assert soup.find(class_="notice").text == "Monthly rescans are on."
    assert "Monthly rescans are on." in soup.find(id="rescans-state").text
    assert "Due now" in soup.find(id="rescans-state").text
    assert "Installed in the crontab file" in soup.find(id="result-rescans").text      # what install said
    assert [b.text for b in soup.select("#rescans-title ~ .buttons button")] == ["Turn off"]

    off = _post(app, "/settings/rescans/off")
    assert off.status_code == 200 and off.url.endswith("said=schedule-off")
    assert "unlisted-rescan" not in app.tab.read_text()
    assert "Monthly rescans are off" in _soup(off).find(id="rescans-state").text
    again = _soup(app.session.get(app.base + "/settings", timeout=60))
    assert again.find(id="result-rescans") is None                   # the last answer shows once, after its button


def test_turning_on_without_a_profile_says_why(app):
    (app.home / "profile.toml").unlink()
    answer = _post(app, "/settings/rescans/on")
    soup = _soup(answer)
    assert answer.url.endswith("said=schedule-failed")
    assert "profile.toml: file not found" in soup.find(id="result-rescans").find(class_="error").text
    assert not app.tab.exists() or "unlisted-rescan" not in app.tab.read_text()


def test_the_browser_is_saved_only_when_it_is_a_program(app):
    settings = app.home / "settings.toml"
    missing = _post(app, "/settings", browser="/no/such/browser")
    assert missing.status_code == 400
    field = _soup(missing).find(id="f-browser")
    assert field["aria-invalid"] == "true" and "error-browser" in field["aria-describedby"]
    assert field["value"] == "/no/such/browser"
    assert "No such file" in _soup(missing).find(id="error-browser").text
    assert not settings.exists()
    assert _post(app, "/settings", browser=str(app.home)).status_code == 400          # a folder
    assert not settings.exists()

    saved = _post(app, "/settings", browser=sys.executable)
    assert saved.status_code == 200 and saved.url.endswith("said=browser-saved")
    assert load_settings(settings).browser == sys.executable
    assert oct(settings.stat().st_mode & 0o777) == "0o600"
    assert _soup(saved).find(id="f-browser")["value"] == sys.executable
    assert _soup(saved).find(id="error-browser") is None

    before = settings.read_text()
    assert _post(app, "/settings", browser="relative/nothing").status_code == 400
    assert settings.read_text() == before
    cleared = _post(app, "/settings", browser="")
    assert cleared.url.endswith("said=browser-cleared") and load_settings(settings).browser == ""


def test_a_broken_settings_file_is_named_in_one_line(app):
    settings = app.home / "settings.toml"
    settings.write_text("schema = 1\ncolour = 'blue'\n")
    answer = app.session.get(app.base + "/settings", timeout=60)
    assert answer.status_code == 200 and "Traceback" not in answer.text
    problem = _soup(answer).find(id="settings-problem").text
    assert "settings.toml" in problem and "colour" in problem
    settings.write_text("schema = [\n")
    answer = app.session.get(app.base + "/settings", timeout=60)
    assert answer.status_code == 200 and "Traceback" not in answer.text
    assert "not valid TOML" in _soup(answer).find(id="settings-problem").text
    refused = _post(app, "/settings", browser=sys.executable)            # nothing is written over it
    assert refused.status_code == 400 and "Nothing was saved" in _soup(refused).find(id="error-browser").text
    assert settings.read_text() == "schema = [\n"


def test_the_test_notification_says_why_it_was_not_sent(app):
    answer = _post(app, "/settings/notify-test")
    assert answer.status_code == 200 and answer.url.endswith("said=notify-failed")
    soup = _soup(answer)
    assert "Email: not set up" in soup.find(id="notify-state").text
    assert str(app.home / "settings.toml") in soup.find(id="settings-file").text
    error = soup.find(id="result-notify").find(class_="error").text
    assert error == ("It did not work: no notifications are set up: see the [email] and [notify] parts of "
                     "settings.toml")
    assert "Traceback" not in answer.text


@pytest.mark.parametrize("path", POSTS)
def test_every_settings_button_needs_the_csrf_token(app, path):
    assert app.session.post(app.base + path, data={"browser": sys.executable}, timeout=30).status_code == 403
    assert app.session.post(app.base + path, data={"csrf": "x" * 43}, timeout=30).status_code == 403
    assert not (app.home / "settings.toml").exists()
    assert not app.tab.exists() or "unlisted-rescan" not in app.tab.read_text()


def test_the_page_is_labelled_and_in_order(app):
    soup = _soup(app.session.get(app.base + "/settings", timeout=60))
    assert [h.name for h in soup.find_all(["h1", "h2", "h3"])] == ["h1", "h2", "h2", "h2"]
    for control in soup.find_all(["input", "select", "textarea"]):
        if control.get("type") != "hidden":
            assert soup.find("label", attrs={"for": control["id"]}), control
    for button in soup.find_all("button"):
        form = button.find_parent("form")
        assert form is not None and form.find("input", attrs={"name": "csrf", "type": "hidden"})
    assert soup.find("a", attrs={"aria-current": "page"}).text == "Settings"


def test_the_status_the_page_shows_is_the_cli_s(app):
    """The same facts as `unlisted schedule status` at a terminal, with the same crontab file."""
    _post(app, "/settings/rescans/on")
    exe = Path(sys.executable).with_name("unlisted")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "scanner.cli.main"]
    env = {**os.environ, "PYTHONPATH": str(GUARD_SITE)}
    cli = subprocess.run(cmd + ["--home", str(app.home), "schedule", "status"], capture_output=True, text=True,
                         env=env, timeout=60)
    assert cli.returncode == 0 and "Trigger: installed" in cli.stdout
    shown = _soup(app.session.get(app.base + "/settings", timeout=60)).find("details").find("pre").text
    assert shown.splitlines()[0] == cli.stdout.splitlines()[0]


def test_an_app_on_the_simulated_web_does_not_turn_on_real_rescans(tmp_path, monkeypatch):
    monkeypatch.setenv("UNLISTED_CRONTAB_FILE", str(tmp_path / "crontab"))
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    (home / "profile.toml").write_text(DEMO_PROFILE.read_text())
    app = start_app(home, "--sandbox")
    try:
        app.session = app.signed_in()
        soup = _soup(app.session.get(app.base + "/settings", timeout=60))
        assert "simulated web" in soup.find(id="rescans-sandbox").text
        assert not soup.select("#rescans-title ~ .buttons button")
        answer = _post(app, "/settings/rescans/on")
        assert answer.url.endswith("/settings?said=schedule-sandbox")
        assert not (tmp_path / "crontab").exists() or "unlisted" not in (tmp_path / "crontab").read_text()
    finally:
        stop_app(app)
