"""Who answers "did you send the request?" when a form stopped half-way: only the person. `--yes` answers
"send this letter?" and never that; with nobody to ask, the task is not marked filed."""

from __future__ import annotations

import datetime as _dt
from types import SimpleNamespace

import pytest

import spiders.browser.optout as runner
from scanner.optout.run import NOT_FILED, Session, file_one
from scanner.profile import load_profile
from scanner.sandbox.server import DEMO_PROFILE
from spiders.catalog import default_catalog

CATALOG = default_catalog()
VERECOR = next(s for s in CATALOG if s.id == "verecor")


def _session(filed_by_hand) -> Session:
    return Session(home=None, store=None, profile=load_profile(DEMO_PROFILE), catalog=CATALOG,
                   today=_dt.date(2026, 12, 7), optout_email="opt@example.com", say=lambda text: None,
                   confirm=lambda question: True,            # --yes
                   filed_by_hand=filed_by_hand, browser_run=SimpleNamespace(available=True, missing=""))


TASK = {"id": 7, "title": "t", "sites": ["verecor"], "methods": ["web_form"],
        "links": [{"label": "Opt-out page", "url": VERECOR.optout.url},
                  {"label": "A listing the scan found", "url": "https://verecor.com/p/avery-quinlan"}]}


@pytest.fixture
def changed_page(monkeypatch):
    """The runner meets a page that changed and asks, as a real window would, whether she filed it."""
    asked = []

    def file_form(browser, job, auto, say, ask, human_seconds):
        answer = ask("the page did not look as expected") if ask else False
        asked.append(answer)
        return SimpleNamespace(outcome=runner.FILED if answer else runner.CHANGED, message="the page changed",
                               text="", screenshot=b"", url="")

    monkeypatch.setattr(runner, "file_form", file_form)
    monkeypatch.setattr(Session, "browser", lambda self: None)
    return asked


def test_yes_never_answers_for_her_and_with_nobody_to_ask_nothing_is_filed(changed_page):
    result = file_one(_session(filed_by_hand=None), TASK)
    assert result.outcome == NOT_FILED and changed_page == [False]


def test_her_no_leaves_it_not_filed(changed_page):
    questions = []
    result = file_one(_session(filed_by_hand=lambda q: questions.append(q) or False), TASK)
    assert result.outcome == NOT_FILED and "Did you send the request?" in questions[0]


def test_a_ctrl_c_the_browser_driver_swallows_still_stops_the_run():
    import os
    import signal
    import time

    from scanner.cli.optout import _ctrl_c_noted

    before = signal.getsignal(signal.SIGINT)
    with _ctrl_c_noted() as pressed:
        try:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(1)
        except KeyboardInterrupt:
            pass                      # what a library's event loop may do with it
        assert pressed == [signal.SIGINT]     # the run loop sees it before the next task
    assert signal.getsignal(signal.SIGINT) is before
