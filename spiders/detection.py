"""What a fetched search page says: blocked, results, no results, or something else (error).

A page is judged by what a visitor sees: signatures written as CSS or text are matched against the
page with its hidden parts taken out (scripts, `display:none`, `hidden`, zero-size frames), so a
hidden "no results" template or an invisible captcha frame that an ad script injected says nothing.
Bot walls are recognised by their markup and script markers (any language), their title and status.
A wall seen only in the page's scripts does not outweigh the site's own results signature; a visible
one does (a challenge page that happens to contain a results marker is still a block). A page with
neither a results nor a no-results signature is ERROR, never NO_RESULTS.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree
from parsel import Selector

from scanner.engine.markup import drop_hidden, is_hidden, remove
from spiders.catalog import Detection

RESULTS, NO_RESULTS, BLOCKED, ERROR, SKIPPED = "RESULTS", "NO_RESULTS", "BLOCKED", "ERROR", "SKIPPED"
STATUSES = (RESULTS, NO_RESULTS, BLOCKED, ERROR, SKIPPED)

CLOUDFLARE = "the site showed a Cloudflare bot check"
# Bot walls any site may put up. These are challenges: a check a real browser (or a person in it) may pass.
# Markers are searched in the whole markup, scripts included: they do not depend on the page's language.
CHALLENGE_MARKERS: tuple[tuple[tuple[str, ...], str], ...] = (   # lower-case substrings (fast on big pages)
    (("window._cf_chl_opt", "/orchestrate/chl_page/", "/orchestrate/jsch/", "/orchestrate/managed/", "/orchestrate/captcha/",
      "cf-browser-verification", "jschl_vc", "jschl-answer", "jschl_answer", "cf_chl_prog", "id=\"cf-challenge-running\""),
     CLOUDFLARE),
    (("geo.captcha-delivery.com", "ct.captcha-delivery.com"), "the site showed a DataDome bot check"),
    (("px-captcha", "captcha.px-cdn.net", "_pxcaptcha"), "the site showed a PerimeterX bot check"),
)
# ... and these must be seen: matched against the visible page only.
VISIBLE_CHALLENGES: tuple[tuple[str, str], ...] = (
    ("css:#challenge-form, #challenge-stage, #cf-challenge-running, .cf-browser-verification", CLOUDFLARE),
    ("css:.g-recaptcha, .h-captcha, .cf-turnstile, #px-captcha, #recaptcha-anchor, iframe[src*='captcha'], "
     "iframe[src*='challenges.cloudflare.com']", "the site asked for a captcha"),
    ("regex:(?i)verify (that )?you are (a )?human|are you a robot|unusual traffic", "the site asked to prove you are human"),
)
CHALLENGE_TITLES = {"just a moment...", "just a moment…", "attention required! | cloudflare"}
REFUSALS: tuple[tuple[str, str], ...] = (
    ("regex:(?i)access denied|request blocked|you have been blocked", "the site refused access"),
    ("regex:(?i)(sign|log) in to (see|view|continue)", "the site wants a login"),
)
BLOCK_STATUS = {401: "the site wants a login", 403: "the site refused access (HTTP 403)",
                407: "a proxy refused the request", 429: "the site is rate-limiting us (HTTP 429)",
                451: "the site is unavailable from here (HTTP 451)"}
# A page that says in so many words that it found nothing, whatever else it shows (a sponsored card).
ZERO_FOUND = re.compile(
    r"(?i)\b(?:found|showing|returned)\s+(?:0|zero)\s+(?:matching\s+)?"
    r"(?:results?|records?|matches|people|persons|listings)\b"
    r"|(?:^|[^\w,.])0\s+(?:results?|records?|matches)\s+(?:found|for|were found)\b")

_NOT_SEEN = etree.XPath(   # besides hidden elements (scanner.engine.markup): what is never shown as such
    "//script | //style | //noscript | //template | //input[@type='hidden']"
    " | //iframe[@width='0' or @height='0' or @width='1' or @height='1']"
    " | //iframe[contains(translate(@style, ' ', ''), 'width:0') or contains(translate(@style, ' ', ''), 'height:0')]")


@dataclass(frozen=True)
class Verdict:
    status: str
    detail: str
    challenge: bool = False   # BLOCKED by a bot check that a browser may pass (not a refusal, a login or a rate limit)


class Page:
    """One page, read once: its markup (for markers) and what a visitor sees (for signatures)."""

    def __init__(self, status_code: int, html: str):
        self.status = status_code
        self.html = html or ""
        self.visible = Selector(text=self.html if self.html.strip() else "<html></html>")
        root = self.visible.root
        self.title = " ".join((root.findtext(".//title") or "").split()) if root is not None and hasattr(root, "findtext") else ""
        _drop_hidden(root)
        self.text = " ".join([self.title, *" ".join(self.visible.xpath("//body//text()").getall()).split()])

    def matches(self, signature: str) -> bool:
        kind, _, arg = signature.partition(":")
        if kind == "text":
            return " ".join(arg.split()).lower() in self.text.lower()
        if kind == "regex":
            return re.search(arg, self.html) is not None
        if kind == "css":
            try:
                return bool(self.visible.css(arg))
            except Exception:  # a malformed selector in a catalog entry must not crash a scan
                return False
        if kind == "status":
            return str(self.status) == arg.strip()
        return False

    def matches_seen(self, signature: str) -> bool:
        """Like `matches`, with regexes run on the visible text instead of the markup."""
        if signature.startswith("regex:"):
            return re.search(signature[6:], self.text) is not None
        return self.matches(signature)


def _drop_hidden(root) -> None:
    """The page as a visitor sees it: the engine's rules for hidden elements (so the verdict, the card
    count and what is read agree), and scripts, styles and zero-size frames."""
    if root is None or not hasattr(root, "getroottree"):
        return
    drop_hidden(root)
    for el in _NOT_SEEN(root):
        remove(el)


@dataclass(frozen=True)
class Wall:
    why: str
    challenge: bool
    seen: bool     # a visitor sees it (not only a script marker)


def find_wall(page: Page, own: tuple[str, ...] = ()) -> Wall | None:
    """The bot wall or refusal on this page, if any: the site's own block signatures first."""
    for signature in own:
        if page.matches(signature):
            return Wall("the site showed a page that blocks automated checks", True, not signature.startswith("regex:"))
    if page.title.lower() in CHALLENGE_TITLES:
        return Wall(CLOUDFLARE, True, True)
    for signature, why in VISIBLE_CHALLENGES:
        if page.matches_seen(signature):
            return Wall(why, True, True)
    markup = page.html.lower()
    for markers, why in CHALLENGE_MARKERS:
        if any(marker in markup for marker in markers):
            return Wall(why, True, False)
    for signature, why in REFUSALS:
        if page.matches_seen(signature):
            return Wall(why, False, True)
    return None


def classify(status_code: int, text: str, detection: Detection) -> Verdict:
    """Classify one search page. ``text`` is the decoded body (HTML)."""
    page = Page(status_code, text)
    results = any(page.matches(s) for s in detection.results)
    wall = find_wall(page, detection.blocked)
    if wall and (wall.seen or not results):
        return Verdict(BLOCKED, wall.why, challenge=wall.challenge)
    if status_code in BLOCK_STATUS:
        return Verdict(BLOCKED, BLOCK_STATUS[status_code])
    if status_code >= 500:
        return Verdict(ERROR, f"the site had a server error (HTTP {status_code})")
    if ZERO_FOUND.search(page.text):
        return Verdict(NO_RESULTS, "the site said it found no matching records")
    no_results = any(page.matches(s) for s in detection.no_results)
    if results and not no_results:
        return Verdict(RESULTS, "the site listed matching records")
    if no_results and not results:
        return Verdict(NO_RESULTS, "the site said it has no matching records")
    if status_code == 404 and not results:
        return Verdict(NO_RESULTS, "the site said it has no matching records (HTTP 404)")
    if results and no_results:
        return Verdict(ERROR, "the page looked like both results and no results; the site layout may have changed")
    return Verdict(ERROR, "the page was not recognised; the site layout may have changed")


def combine(verdicts: list[Verdict]) -> Verdict:
    """One status for a site from all its searches: a block anywhere means it was not fully checked."""
    if not verdicts:
        return Verdict(ERROR, "no search could be made")
    for status in (BLOCKED, ERROR):
        hit = next((v for v in verdicts if v.status == status), None)
        if hit:
            return hit
    if any(v.status == RESULTS for v in verdicts):
        return next(v for v in verdicts if v.status == RESULTS)
    return verdicts[0]


DATA_LINKS = ("data-detail-link", "data-href", "data-url", "data-link")   # cards that open their record by script


def detail_links(page: Selector, link_selector: str, card_selector: str = "") -> list[str]:
    """The links to records' own pages: what the entry's selector finds, and the link a visible card
    keeps in a data attribute instead of an <a href> (each once, in page order)."""
    found: list[str] = []
    try:
        found += page.css(link_selector).getall() if link_selector else []
        cards = page.css(card_selector) if card_selector else []
    except Exception:  # a malformed selector in a catalog entry must not crash a scan
        cards = []
    for card in cards:
        if not any(is_hidden(el) for el in card.root.iterancestors()) and not is_hidden(card.root):
            found += [card.attrib[name] for name in DATA_LINKS if card.attrib.get(name)]
    return list(dict.fromkeys(link.strip() for link in found if link.strip()))

