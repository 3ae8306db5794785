"""Filling in a site's opt-out form in the browser, by its steps (spiders/catalog/steps.py), then handing
the window over to the person for the part only she may do: the check and the final "Submit".

The page is a scan's page: same guard (only the site's own hosts, no private addresses, loopback only
in the sandbox), same throw-away browser profile. Only the values the steps declare are typed, and
never into a field that asks for something we never give (a Social Security number, an ID, a card).
A step that does not find its element stops the run: the site has changed; the window is left to the
person. Success is only what the steps' last step says it is (words on the page, or its address).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Callable, Mapping
from urllib.parse import urljoin, urlsplit

from spiders.browser.page import PageGuard, guard_page, host_allowed
from spiders.browser.single import BrowserFetcher
from spiders.catalog.steps import OptOutSteps, Step

FILED, CHANGED, REFUSED, TIMEOUT, CLOSED, ERROR = "filed", "changed", "refused", "timeout", "closed", "error"
STEP_SECONDS = 15.0          # how long one step's element may take to appear
# A field whose own words ask for one of these is never filled, whatever the steps say.
NEVER_GIVEN = {
    "ssn": "a Social Security number", "social security": "a Social Security number", "social-security": "a Social Security number",
    "tax id": "a tax ID", "driver": "a driver's licence number", "passport": "a passport number",
    "card number": "a payment card", "cc-number": "a payment card", "credit card": "a payment card",
    "cvv": "a payment card", "password": "a password",
}
# The words a field carries: its name, id, type, placeholder, autocomplete, aria-label and its labels.
FIELD_WORDS = """el => [el.name, el.id, el.type, el.placeholder, el.autocomplete, el.getAttribute('aria-label'),
  ...[...(el.labels || [])].map(l => l.innerText)].filter(Boolean).join(' ').toLowerCase()"""
# Each listing's target (a link's address; a button's: its form's), the text of the card around it (the
# element itself without a card), and whether it is a link.
LINKS = """([links, card]) => [...document.querySelectorAll(links)].map(a => [
  a.getAttribute('href') !== null ? a.getAttribute('href') : (a.form ? a.form.action : ''),
  ((card && a.closest(card)) || a).innerText || '', a.getAttribute('href') !== null])"""
SET_VALUE = """(el, value) => {
  if (el.tagName === 'SELECT') {
    const o = [...el.options].find(o => o.value === value || o.text.trim() === value);
    if (!o) return false;
    el.value = o.value;
  } else if (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') {
    el.focus();
    Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value').set.call(el, value);
  } else { return false; }
  el.dispatchEvent(new Event('input', {bubbles: true}));
  el.dispatchEvent(new Event('change', {bubbles: true}));
  return true;
}"""


@dataclass(frozen=True)
class FormJob:
    site_name: str
    start_url: str                        # the opt-out page (the simulated web's, in the sandbox)
    own: tuple[str, ...]                  # the hosts its pages may load
    steps: OptOutSteps
    fields: Mapping[tuple[int, str], str]  # (step number, selector) -> the text typed there
    listing_urls: tuple[str, ...] = ()    # the listings the scan found: the one to pick
    person: str = ""                      # her name as the listing shows it, to pick by when no URL matches
    place: str = ""                       # her town, likewise


@dataclass(frozen=True)
class FormOutcome:
    outcome: str                          # filed | changed | refused | timeout | closed
    message: str                          # in plain words, naming the step; never a typed value
    text: str = ""                        # the page's text at the end (the evidence)
    screenshot: bytes = b""
    url: str = ""


def file_form(browser: BrowserFetcher, job: FormJob, *, auto: bool, say: Callable[[str], None],
              human_seconds: float, ask: Callable[[str], bool] | None = None,
              step_seconds: float = STEP_SECONDS) -> FormOutcome:
    """Run the steps in a new page of `browser`. `auto` (the simulated web only) plays the person's part.
    When a step does not match or the time runs out, `ask(why)` (an attended run) lets her finish in the
    window and say whether she filed it; her "yes" files it with the page as it is then."""
    return browser.loop.run_until_complete(_file(browser, job, auto, say, human_seconds, ask, step_seconds))


async def _file(browser, job, auto, say, human_seconds, ask, step_seconds) -> FormOutcome:
    page = await browser.context.new_page()
    await guard_page(page, PageGuard(own=job.own, sandbox=browser.sandbox))
    try:
        for number, step in enumerate(job.steps.steps):
            stop = await _do(page, number, step, job, auto, say, human_seconds, step_seconds)
            if stop is None:
                continue
            if stop[0] in (CHANGED, TIMEOUT) and ask is not None and not page.is_closed() and ask(stop[1]):
                return await _ending(page, FILED, "you said you filed it in the window")
            return await _ending(page, *stop)
        return await _ending(page, FILED, f"{job.site_name} shows that the request was received")
    except _Closed:
        return FormOutcome(CLOSED, f"the window of {job.site_name} was closed before the request was sent")
    except _Failed as exc:
        return FormOutcome(ERROR, str(exc))
    finally:
        if not page.is_closed():
            await page.close()


class _Closed(Exception):
    pass


async def _do(page, number, step: Step, job, auto, say, human_seconds, step_seconds):
    where = f"step {number + 1} ({step.action})"
    if step.action == "open":
        await _goto(page, job.start_url)
        return None
    if step.action == "fill":
        for selector, _ in step.fields:
            field = await _one(page, selector, step_seconds)
            if field is None:
                return CHANGED, f"{where}: the field {selector} is not on the page"
            words = await field.evaluate(FIELD_WORDS)
            never = next((what for key, what in NEVER_GIVEN.items() if key in words), "")
            if never:
                return REFUSED, f"{where}: the form asks for {never} in {selector}; unlisted never gives it"
            if not await field.evaluate(SET_VALUE, job.fields[(number, selector)]):
                return CHANGED, f"{where}: the field {selector} takes no text"
        return None
    if step.action == "click":
        button = await _one(page, step.selector, step_seconds)
        if button is None:
            return CHANGED, f"{where}: {step.selector} is not on the page"
        await button.click()
        await _settled(page)
        return None
    if step.action == "pick":
        return await _pick(page, where, step, job, step_seconds)
    if step.action == "human":
        return await _human(page, where, step, job, auto, say, human_seconds, step_seconds)
    return None      # expect: checked by the human step's wait


async def _goto(page, url: str) -> None:
    try:
        await page.goto(url, wait_until="load")
    except Exception as exc:
        if page.is_closed():
            raise _Closed() from None
        raise _Failed(f"its page did not open ({_first_line(str(exc))})") from None


class _Failed(Exception):
    pass


def _first_line(text: str) -> str:
    return (text.strip().splitlines() or [""])[0][:120]


async def _settled(page) -> None:
    try:
        await page.wait_for_load_state("load", timeout=15_000)
    except Exception:
        if page.is_closed():
            raise _Closed() from None


async def _one(page, selector: str, seconds: float):
    """The element `selector` names, once it is on the page (the first, if several); None after `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        if page.is_closed():
            raise _Closed()
        try:
            found = page.locator(selector)
            if await found.count():
                return found.first
        except Exception:       # the page is navigating: look again
            pass
        if time.monotonic() >= deadline:
            return None
        await asyncio.sleep(0.1)


async def _pick(page, where: str, step: Step, job: FormJob, step_seconds: float):
    """Open her listing: the one whose address ends like a listing the scan found, else the only one whose
    card names her and her town. A link is followed, a button (a small form) pressed; never one that leads
    to another site."""
    if await _one(page, step.links, step_seconds) is None:
        return CHANGED, f"{where}: no listings ({step.links}) on the page"
    shown = await page.evaluate(LINKS, [step.links, step.card])
    candidates = [(i, urljoin(page.url, target), " ".join(text.split())) for i, (target, text, _) in enumerate(shown)]
    candidates = [(i, h, t) for i, h, t in candidates
                  if urlsplit(h).scheme in ("http", "https") and host_allowed(urlsplit(h).hostname or "", job.own)]
    tails = {_tail(u) for u in job.listing_urls if _tail(u)}
    chosen = [(i, h) for i, h, _ in candidates if _tail(h) in tails]
    if not chosen:
        chosen = [(i, h) for i, h, t in candidates
                  if _names(t, job.person) and (not job.place or job.place.casefold() in t.casefold())]
    if len(chosen) != 1:
        why = "none of them is" if not chosen else "more than one could be"
        return CHANGED, f"{where}: {len(candidates)} listings shown and {why} yours for sure: pick yours in the window"
    index, target = chosen[0]
    if shown[index][2]:
        await _goto(page, target)
    else:
        await page.locator(step.links).nth(index).click()
        await _settled(page)
    return None


def _tail(url: str) -> str:
    """The last non-empty segment of a link's path: a listing's own name on every site we know."""
    parts = [p for p in urlsplit(url).path.split("/") if p]
    return parts[-1].casefold() if parts else ""


def _names(text: str, person: str) -> bool:
    words = [w for w in person.casefold().replace(".", " ").split() if len(w) > 1]
    lowered = text.casefold()
    return bool(words) and words[0] in lowered and words[-1] in lowered


async def _human(page, where, step: Step, job: FormJob, auto, say, human_seconds, step_seconds):
    if step.check and await _one(page, step.check, step_seconds) is None:
        return CHANGED, f"{where}: the check {step.check} is not on the page"
    if await _one(page, step.submit, step_seconds) is None:
        return CHANGED, f"{where}: the button {step.submit} is not on the page"
    if auto:      # the simulated web only: what the person would do
        if step.check:
            box = page.locator(f"{step.check} input[type=checkbox]")
            await (box.first if await box.count() else page.locator(step.check).first).click()
        await page.locator(step.submit).first.click()
    else:
        say(f"{job.site_name}: {step.say} in the browser window ({max(1, round(human_seconds / 60))} min left).")
    deadline = time.monotonic() + human_seconds
    while time.monotonic() < deadline:
        if page.is_closed():
            raise _Closed()
        if await _succeeded(page, job.steps.success):
            return None
        await asyncio.sleep(0.25)
    return TIMEOUT, f"{where}: the page did not show that the request was received"


async def _succeeded(page, expect: Step) -> bool:
    try:
        if expect.url:
            return expect.url in page.url
        return expect.text.casefold() in (await page.inner_text("body", timeout=2_000)).casefold()
    except Exception:
        return False


async def _ending(page, outcome: str, message: str) -> FormOutcome:
    """The outcome with the page as it is now: its text and a screenshot (the evidence of a filed request)."""
    if page.is_closed():
        return FormOutcome(outcome, message)
    try:
        text = await page.inner_text("body", timeout=5_000)
        shot = await page.screenshot(full_page=True, timeout=15_000)
    except Exception:
        text, shot = "", b""
    return FormOutcome(outcome, message, text=text, screenshot=shot, url=page.url)


def open_link(browser: BrowserFetcher, url: str, own: tuple[str, ...], site_name: str,
              seconds: float = STEP_SECONDS) -> FormOutcome:
    """Open a confirmation link from the site's email in a new page (same guard): FILED once the site
    answered with its page, ERROR when it did not (a refused address, an error status, no answer)."""
    return browser.loop.run_until_complete(_open_link(browser, url, own, site_name, seconds))


async def _open_link(browser, url, own, site_name, seconds) -> FormOutcome:
    page = await browser.context.new_page()
    guard = PageGuard(own=own, sandbox=browser.sandbox)
    status = await guard_page(page, guard)
    try:
        await page.goto(url, wait_until="load", timeout=seconds * 1000)
        if status[0] >= 400:
            return await _ending(page, ERROR, f"{site_name} answered the link with an error ({status[0]})")
        return await _ending(page, FILED, f"{site_name} opened the confirmation link")
    except Exception as exc:
        why = guard.refused[0] if guard.refused else _first_line(str(exc))
        return FormOutcome(ERROR, f"the link did not open ({why})")
    finally:
        if not page.is_closed():
            await page.close()
