"""A search made by filling in a site's own form: wait for the form, type each detail into its field,
press the button. What the site then shows is read like any other search page (`settle`).

The values are typed only into the page of the site they were planned for (the page guard keeps that
page on the site's own hosts). No value is ever put into a message: the words below name fields by
their selector at most.
"""

from __future__ import annotations

import asyncio
import time
from typing import Awaitable, Callable

from spiders.browser.page import POLL_SECONDS, read_page
from spiders.catalog import Detection
from spiders.detection import BLOCKED, ERROR, Verdict

FIELD_MS = 5_000     # how long one field or the button may take to be ready
# Types each value into its field as a person's browser would report it: through the field's own value
# setter (so script-built forms see it too), then "input" and "change" events. A list takes the option
# whose value or label is the text ("OR", "Oregon"). Returns the selector of a field it could not fill, or "".
FILL = """pairs => {
  for (const [selector, value] of pairs) {
    const field = document.querySelector(selector);
    if (!field || field.disabled) return selector;
    if (field.tagName === "SELECT") {
      const option = [...field.options].find(o => o.value === value || o.text.trim() === value);
      if (!option && value) return selector;
      field.value = option ? option.value : "";
    } else if (field.tagName === "INPUT" || field.tagName === "TEXTAREA") {
      field.focus();
      Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), "value").set.call(field, value);
    } else {
      return selector;
    }
    field.dispatchEvent(new Event("input", {bubbles: true}));
    field.dispatchEvent(new Event("change", {bubbles: true}));
  }
  return "";
}"""
NOT_FOUND = "its search form was not found on the page (the site may have changed; check its entry)"


async def submit_form(page, status: list[int], detection: Detection, fields: tuple[tuple[str, str], ...],
                      submit: str, *, wait_seconds: float, human_seconds: float = 0.0,
                      on_human_check: Callable[[float], Awaitable[None] | None] | None = None) -> Verdict | None:
    """Fill in and send the form on `page`. None once it is sent (then read the page with `settle`),
    else why not: BLOCKED (a bot wall instead of the form) or ERROR (no form, a field that takes no text).

    A wall may pass by itself within `wait_seconds`; an assisted scan then gives the user
    `human_seconds` to pass it in the window (`on_human_check(seconds_left)` tells them)."""
    verdict = await _wait_for_form(page, status, detection, fields[0][0], wait_seconds)
    if verdict is not None and verdict.status == BLOCKED and human_seconds > 0 and not page.is_closed():
        if on_human_check and (said := on_human_check(human_seconds)) is not None:
            await said
        verdict = await _wait_for_form(page, status, detection, fields[0][0], human_seconds)
    if verdict is not None:
        return verdict
    try:      # every field in one step: a page's script sees the usual input and change events
        missing = await page.evaluate(FILL, [list(pair) for pair in fields])
    except Exception:
        missing = fields[0][0]
    if missing:
        return Verdict(ERROR, f"the field {missing} of its search form could not be filled in (the site may have changed)")
    try:
        await page.locator(submit).first.click(timeout=FIELD_MS)
    except Exception:
        return Verdict(ERROR, f"the button of its search form ({submit}) could not be pressed (the site may have changed)")
    return None


async def _wait_for_form(page, status: list[int], detection: Detection, first_field: str,
                         seconds: float) -> Verdict | None:
    """None once the form's first field is on the page; else, after `seconds`, what the page is."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            if await page.locator(first_field).count():
                return None
        except Exception:   # the page is navigating (a bot check reloading it): look again
            pass
        html, verdict = await read_page(page, status, detection)
        if time.monotonic() >= deadline or page.is_closed():
            return verdict if verdict.status == BLOCKED else Verdict(ERROR, NOT_FOUND)
        await asyncio.sleep(POLL_SECONDS)
