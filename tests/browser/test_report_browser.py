"""The HTML report in a real browser (Debian's headless Chromium, driven over the DevTools pipe).

* the demo report (`unlisted demo`, 400+ findings, the full plan) and a report whose every text
  field carries script and markup payloads: zero network requests besides the file itself, no
  script runs (no console call, no exception, the title and a sentinel unchanged, no <script>,
  no on* attribute in the live DOM);
* it lays out on a phone (390x844) and a desktop (1280x900): no horizontal scrolling, one h1 and
  the section headings; printed, it fits in 60 pages: this month's tasks in full, every folded part
  ("Later", letters, each site's exposures) one line, with a note saying where the full details are;
* screenshots go to test-artifacts/ (kept out of git) for a human look.

Chromium missing: the tests skip, or fail when the CI environment variable is set (.ci/run
installs it).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reports import render_html
from tests.reports.report_fixtures import is_enum, sample_report, set_path, string_leaves

from .cdp import Browser, Page
from .chromium import ARTIFACTS, chromium_path

PHONE, DESKTOP = (390, 844, True), (1280, 900, False)
TITLE = "Exposure report – unlisted"
SECTIONS = ["At a glance", "The five things to do first", "Opt-outs to file, one per company",
            "Settings to change and other protections", "Sites to check yourself", "Everything we found",
            "Every site in this scan"]
# markup that would run script, or load something, if it were ever parsed as markup
PAYLOAD = ('<img src="https://evil.example/p.png" onerror="window.__pwned=1;document.title=\'PWNED\'">'
           "<script>window.__pwned=2;document.title='PWNED'</script><svg onload=\"window.__pwned=3\"></svg>"
           '<link rel="stylesheet" href="https://evil.example/x.css"><meta http-equiv="refresh" '
           'content="0;url=https://evil.example/">{{ 7*7 }}\u202e')
NO_HANDLERS = ("[...document.querySelectorAll('*')].filter(e => [...e.attributes]"
               ".some(a => a.name.toLowerCase().startsWith('on'))).length")


@pytest.fixture(scope="module")
def browser():
    with Browser(chromium_path()) as b:
        yield b


def assert_quiet(page: Page, url: str) -> None:
    """Nothing loaded but the file; no script ran."""
    requests = [r["request"]["url"] for r in page.recorded("Network.requestWillBeSent")]
    assert requests == [url], requests
    assert page.recorded("Runtime.consoleAPICalled") == []
    assert page.recorded("Runtime.exceptionThrown") == []
    logged = [e["entry"] for e in page.recorded("Log.entryAdded")]
    assert not [e for e in logged if e.get("source") in ("security", "javascript", "network")], logged
    assert page.evaluate("document.title") == TITLE
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("document.scripts.length") == 0
    assert page.evaluate(NO_HANDLERS) == 0
    hrefs = page.evaluate("[...document.querySelectorAll('[href]')].map(e => e.getAttribute('href'))")
    assert all(re.match(r"(https?://|#|mailto:)", h) for h in hrefs), [h for h in hrefs if not re.match(r"(https?:|#|mailto:)", h)][:3]


def assert_layout(page: Page, size: tuple[int, int, bool], name: str, sections: list[str]) -> None:
    width, height, mobile = size
    page.viewport(width, height, mobile)
    page.evaluate("window.scrollTo(0, 0)")
    assert page.evaluate("window.innerWidth") == width
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{name}: {scroll_width}px wide in a {width}px viewport"
    assert page.evaluate("document.querySelectorAll('h1').length") == 1
    h2 = page.evaluate("[...document.querySelectorAll('main h2')].map(h => h.textContent.trim())")
    assert [t for t in h2 if t in sections] == sections, h2
    # the headings and the plan's text fit the viewport too
    widest = page.evaluate("Math.max(...[...document.querySelectorAll('h1, h2, h3, .task-title, .steps li')]"
                           ".map(e => e.getBoundingClientRect().right))")
    assert widest <= width, f"{name}: something ends at {widest}px"
    page.screenshot(ARTIFACTS / f"report-{name}-top.png")
    page.evaluate("document.getElementById('first') && document.getElementById('first').scrollIntoView()")
    page.screenshot(ARTIFACTS / f"report-{name}-plan.png")


def test_demo_report_in_chromium(run_cli, browser):
    result = run_cli("demo", timeout=240)
    assert result.returncode == 0, result.stderr
    report = Path(re.search(r"Report: (\S+\.html)", result.stdout).group(1))
    url = report.resolve().as_uri()
    page = Page(browser)
    page.viewport(*PHONE)
    page.open(url)
    assert_quiet(page, url)
    for size, name in ((PHONE, "phone"), (DESKTOP, "desktop")):
        assert_layout(page, size, name, SECTIONS)
    # a letter, opened, for the screenshot; then print: every folded part prints open
    page.viewport(*PHONE)
    assert page.evaluate("(() => { const d = document.querySelector('details.letter'); d.open = true;"
                         " d.scrollIntoView(); return d.querySelector('pre').textContent.length })()") > 200
    page.screenshot(ARTIFACTS / "report-phone-letter.png")
    page.evaluate("document.querySelector('details.letter').open = false")
    folded = ("[...document.querySelectorAll('details:not([open]) blockquote, details:not([open]) pre')]"
              ".map(e => e.checkVisibility())")
    assert set(page.evaluate(folded)) == {False}
    later = "[...document.querySelectorAll('details.later .task, details.later .check')].map(e => e.checkVisibility())"
    month = "[...document.querySelectorAll('#optouts > .company .task-title')].map(e => e.checkVisibility())"
    notes = "[...document.querySelectorAll('.print-note')].map(e => e.checkVisibility())"
    page.evaluate("document.querySelectorAll('details.later').forEach(d => d.open = true)")
    assert set(page.evaluate(later)) == {True} and set(page.evaluate(notes)) == {False}   # on screen: opened, shown
    page.call("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        # print: folded parts are one line each, "Later" too even when opened; this month's tasks in full
        assert set(page.evaluate(folded)) == {False} and set(page.evaluate(later)) == {False}
        assert set(page.evaluate(month)) == {True} and set(page.evaluate(notes)) == {True}
        pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", page.pdf()))
    finally:
        page.call("Emulation.setEmulatedMedia", {"media": ""})
    assert 5 < pages <= 60, f"the demo report prints on {pages} pages"
    assert_quiet(page, url)  # still nothing loaded, nothing run


def hostile_report() -> dict:
    """The sample report with the payload in front of every free-text field, and as every link."""
    report = sample_report()
    for path, value in list(string_leaves(report)):
        if is_enum(path) or not value:
            continue
        if path[-1] in ("url", "search_url", "optout_url", "source_url", "mailto_url"):
            set_path(report, path, "javascript:window.__pwned=4" if len(path) % 2 else "data:text/html," + PAYLOAD)
        else:
            set_path(report, path, PAYLOAD + value)
    return report


def test_hostile_report_runs_nothing_and_loads_nothing(browser, tmp_path):
    path = tmp_path / "hostile.html"
    path.write_text(render_html(hostile_report()), encoding="utf-8")
    url = path.as_uri()
    page = Page(browser)
    page.viewport(*PHONE)
    page.open(url)
    assert_quiet(page, url)
    shown = page.evaluate("document.querySelector('p.prepared').textContent")
    assert PAYLOAD in shown  # the payload is there, as text
    assert page.evaluate("document.querySelectorAll('img, svg:not(.trend), link, iframe, object, embed').length") == 0
    # click every link that is not an outside page (in-page anchors, and no javascript: link exists)
    page.evaluate("[...document.querySelectorAll('a[href^=\"#\"]')].forEach(a => a.click())")
    assert_quiet(page, url)
    page.viewport(*PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE[0]
    page.screenshot(ARTIFACTS / "report-hostile-phone.png")
