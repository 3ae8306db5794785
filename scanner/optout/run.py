"""`unlisted optout`: file a list of opt-out tasks, one after the other, most important first.

For each task: its web form when we know the form's steps (filled in the browser, then handed over
for the check and "Submit"), else its letter by email when the site takes email (shown, confirmed,
sent from her own account), else nothing but the steps to do by hand. A task is marked filed only
once the site showed that it received the request, she said she filed it, or the mail server took
the letter. What she already filed, skipped or closed is left alone.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping
from urllib.parse import urlsplit

from scanner.history.store import Store
from scanner.optout import evidence
from scanner.optout.record import mark_confirmed, mark_filed
from scanner.optout.web import (NotFillable, WebForm, chosen_listing, form_fields, own_hosts, profile_details,
                                start_url, web_form_for, what_it_gets)
from scanner.profile import Profile

FILED, NOT_FILED, SKIPPED = "filed", "not filed", "skipped"
HUMAN_SECONDS = 600.0          # how long she has for the check and "Submit" in the window
SANDBOX_HUMAN_SECONDS = 20.0   # --auto on the simulated web: the page answers at once


@dataclass(frozen=True)
class Result:
    task_id: int
    title: str
    outcome: str       # filed | not filed | skipped
    via: str           # web_form | email | ""
    message: str


@dataclass
class Session:
    """Everything one `unlisted optout` run needs; the callables are the terminal's (or a test's)."""

    home: Path
    store: Store
    profile: Profile
    catalog: tuple
    today: _dt.date
    optout_email: str
    say: Callable[[str], None]
    confirm: Callable[[str], bool]           # "send this letter?" (--yes, --auto: always yes)
    browser_run: Any = None                  # spiders.browser.run.BrowserRun, or None: no web forms
    sandbox_url: str = ""
    auto: bool = False
    method: str = ""                         # only this method ("web_form" | "email"), "" = the best one
    send_letter: Callable[[Mapping[str, Any], int], tuple[str, str]] | None = None   # -> (message id, evidence path)
    mailbox: Callable[[], list] | None = None   # the simulated web's sent confirmation links (--auto)
    filed_by_hand: Callable[[str], bool] | None = None   # "did you send the request?": only the person answers it
    _browser: Any = None

    def close(self) -> None:
        if self._browser is not None:
            self._browser.__exit__(None, None, None)
            self._browser = None

    def browser(self):
        if self._browser is None:
            from spiders.browser.single import BrowserFetcher

            fetcher = BrowserFetcher(self.browser_run, sandbox=bool(self.sandbox_url))
            fetcher.__enter__()
            self._browser = fetcher
        return self._browser


def method_for(task: Mapping[str, Any], session: Session) -> tuple[str, WebForm | None]:
    """("web_form", its form) | ("email", None) | ("", None): how this task can be filed here."""
    form = web_form_for(task, session.catalog)
    letter = task.get("letter") or {}
    can_mail = "email" in task.get("methods", ()) and bool(letter.get("to_email")) and session.send_letter is not None
    if session.method in ("", "web_form") and form is not None and session.browser_run is not None \
            and session.browser_run.available:
        return "web_form", form
    if session.method in ("", "email") and can_mail:
        return "email", None
    return "", None


def file_tasks(session: Session, tasks: list[Mapping[str, Any]]) -> list[Result]:
    results = []
    try:
        for task in tasks:
            results.append(file_one(session, task))
    finally:
        session.close()
    return results


def file_one(session: Session, task: Mapping[str, Any]) -> Result:
    how, form = method_for(task, session)
    title = task["title"]
    if how == "web_form":
        try:
            return _web_form(session, task, form)
        except Exception as exc:     # a browser that died, a page that broke the run: this task only
            if isinstance(exc, KeyboardInterrupt):
                raise
            return Result(task["id"], title, NOT_FILED, "web_form",
                          f"{form.site.name}: the browser stopped ({type(exc).__name__}); nothing was marked filed")
    if how == "email":
        return _email(session, task)
    return Result(task["id"], title, SKIPPED, "", _why_by_hand(task, session))


def _why_by_hand(task: Mapping[str, Any], session: Session) -> str:
    form = web_form_for(task, session.catalog)
    if form is not None and session.browser_run is not None and not session.browser_run.available:
        return f"its web form needs a web browser: {session.browser_run.missing}"
    if session.method == "email":
        return "this site takes no email request we could send"
    if not any(s.id in task.get("sites", ()) for s in session.catalog):
        return ("it is a listing of your own (a directory or registry): change or remove it there yourself, "
                f"as `unlisted tasks show {task['id']}` says")
    if "web_form" in task.get("methods", ()):
        return "we do not know the steps of its web form yet: do it by hand (`unlisted tasks show "f"{task['id']}`)"
    return "it cannot be filed from here (by post, phone or in an account): see `unlisted tasks show " f"{task['id']}`"


def _web_form(session: Session, task: Mapping[str, Any], form: WebForm) -> Result:
    from spiders.browser.optout import CHANGED, FILED as SHOWN, REFUSED, FormJob, file_form

    site, sandbox = form.site, bool(session.sandbox_url)
    listing = chosen_listing(task, site, sandbox)
    try:
        fields = form_fields(form, profile_details(session.profile, session.today), listing, session.optout_email)
    except NotFillable as exc:
        return Result(task["id"], task["title"], SKIPPED, "web_form", str(exc))
    home = next(iter(session.profile.search_locations()), ("", ""))[0]
    name = task.get("company") or site.name
    session.say(f"{name}: opening its opt-out form; it gets {what_it_gets(form)}.")
    job = FormJob(site_name=name, start_url=start_url(site, session.sandbox_url), own=own_hosts(site, sandbox),
                  steps=form.steps, fields=fields, listing_urls=(listing,) if listing else (),
                  person=session.profile.person.name, place=home)
    ask = None if session.auto or session.filed_by_hand is None else (lambda why: session.filed_by_hand(
        f"{name}: {why}. Finish it by hand in the window. Did you send the request?"))
    outcome = file_form(session.browser(), job, auto=session.auto, say=session.say, ask=ask,
                        human_seconds=SANDBOX_HUMAN_SECONDS if session.auto else HUMAN_SECONDS)
    if outcome.outcome != SHOWN:
        advice = " The site may have changed: the steps are in `unlisted tasks show " f"{task['id']}`." \
            if outcome.outcome == CHANGED else ""
        if outcome.outcome == REFUSED:
            advice = " Nothing was sent."
        return Result(task["id"], task["title"], NOT_FILED, "web_form", f"{name}: {outcome.message}.{advice}")
    stem = evidence.stem_for(task["id"], site.id, session.today.isoformat())
    folder = evidence.evidence_dir(session.home)
    text_path = evidence.write_new(folder, stem + ".txt", _evidence_text(site.name, outcome).encode("utf-8"))
    shot = evidence.write_new(folder, stem + ".png", outcome.screenshot) if outcome.screenshot else None
    note = ""
    if form.steps.email_confirmation:
        note = (f"open the confirmation link {name} emails to {session.optout_email}: "
                f"`unlisted optout confirm {task['id']} LINK`")
    mark_filed(session.store, session.store.task(task["id"]), "web_form", str(text_path), session.today, note,
               screenshot=str(shot or ""), confirmation_expected=form.steps.email_confirmation, site=site.id)
    message = f"{outcome.message}; filed."
    if form.steps.email_confirmation:
        message += " " + _confirm_by_mailbox(session, task, site) if session.auto and session.mailbox else \
            f" It emails a confirmation link to {session.optout_email}: open it with `unlisted optout confirm {task['id']} LINK`."
    return Result(task["id"], task["title"], FILED, "web_form", message)


def _evidence_text(site_name: str, outcome) -> str:
    return (f"Opt-out request to {site_name}\nPage: {outcome.url}\n\nWhat the page said once the request was sent:\n\n"
            f"{outcome.text}\n")


def _confirm_by_mailbox(session: Session, task: Mapping[str, Any], site) -> str:
    """--auto on the simulated web: open the confirmation link the site 'emailed', as she would."""
    links = [m for m in session.mailbox() if m[1] == site.id and m[0] == session.optout_email]
    if not links:
        return "No confirmation link arrived."
    return confirm_link(session, session.store.task(task["id"]), task, links[-1][2])


def confirm_link(session: Session, record, task: Mapping[str, Any], link: str) -> str:
    """Open the site's confirmation link (checked by the address guard and against the site's own hosts)
    and record it; ValueError with the reason when the link is not the site's."""
    from spiders.browser.optout import FILED as OPENED, open_link
    from spiders.browser.page import host_allowed
    from spiders.netguard import AddressRefused, check_url

    form = web_form_for(task, session.catalog)
    if form is None:
        raise ValueError(f"task {task['id']} was not filed through a web form we know: open the link yourself")
    sandbox = bool(session.sandbox_url)
    try:
        check_url(link, sandbox)
    except AddressRefused as exc:
        raise ValueError(f"the link is refused: {exc}") from None
    own = own_hosts(form.site, sandbox)
    if not host_allowed(urlsplit(link).hostname or "", own):
        raise ValueError(f"the link is not on {form.site.name}'s own site ({', '.join(own)}): it is not opened")
    outcome = open_link(session.browser(), link, own, form.site.name)
    if outcome.outcome != OPENED:
        raise ValueError(outcome.message)
    stem = evidence.stem_for(task["id"], form.site.id + "-confirmed", session.today.isoformat())
    path = evidence.write_new(evidence.evidence_dir(session.home), stem + ".txt",
                                  _evidence_text(form.site.name, outcome).encode("utf-8"))
    mark_confirmed(session.store, record, str(path), session.today)
    return "Its confirmation link was opened; the page it showed is kept as evidence."


def _email(session: Session, task: Mapping[str, Any]) -> Result:
    letter = task["letter"]
    session.say(f"\nTo: {letter['to_email']}\nFrom: {session.optout_email}\nSubject: {letter['subject']}\n\n"
                f"{letter['body']}\n")
    if not session.confirm(f"Send this letter to {letter['to_email']}?"):
        return Result(task["id"], task["title"], SKIPPED, "email", "not sent: you said no")
    try:
        message_id, path = session.send_letter(letter, task["id"])
    except ValueError as exc:          # the mail server or the letter: one line, nothing marked
        return Result(task["id"], task["title"], NOT_FILED, "email", str(exc))
    mark_filed(session.store, session.store.task(task["id"]), "email", path, session.today, "",
               message_id=message_id, to=letter["to_email"])
    return Result(task["id"], task["title"], FILED, "email", f"sent to {letter['to_email']} (Message-ID {message_id}); filed.")


def with_window(run, auto: bool):
    """The browser run for opt-outs: a visible window, unless --auto plays her part on the simulated web."""
    return dataclasses.replace(run, window=not auto, assist=not auto)
