"""What a fetched search page says: blocked, results, no results, or something else (error).

Block detection runs first: a challenge page that happens to contain a results marker is still a
block. A page with neither a results nor a no-results signature is ERROR, never NO_RESULTS.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsel import Selector

from spiders.catalog import Detection

RESULTS, NO_RESULTS, BLOCKED, ERROR, SKIPPED = "RESULTS", "NO_RESULTS", "BLOCKED", "ERROR", "SKIPPED"
STATUSES = (RESULTS, NO_RESULTS, BLOCKED, ERROR, SKIPPED)

# Signatures of bot walls that any site may put up (Cloudflare, DataDome, PerimeterX, Akamai, captchas, logins).
# The first ones are challenges: a check a real browser (or a person in it) may pass. The rest refuse.
COMMON_BLOCKS: tuple[tuple[str, str], ...] = (
    ("text:Just a moment...", "the site showed a Cloudflare bot check"),
    ("css:#challenge-form, #cf-challenge-running, .cf-browser-verification, #challenge-stage", "the site showed a Cloudflare bot check"),
    ("regex:(?i)cf[-_]chl", "the site showed a Cloudflare bot check"),
    ("regex:(?i)captcha-delivery\\.com|datadome", "the site showed a DataDome bot check"),
    ("regex:(?i)px-captcha|perimeterx", "the site showed a PerimeterX bot check"),
    ("css:.g-recaptcha, .h-captcha, #px-captcha, iframe[src*='captcha']", "the site asked for a captcha"),
    ("regex:(?i)verify (that )?you are (a )?human|are you a robot|unusual traffic", "the site asked to prove you are human"),
)
REFUSALS: tuple[tuple[str, str], ...] = (
    ("regex:(?i)access denied|request blocked|you have been blocked", "the site refused access"),
    ("regex:(?i)(sign|log) in to (see|view|continue)", "the site wants a login"),
)
BLOCK_STATUS = {401: "the site wants a login", 403: "the site refused access (HTTP 403)",
                407: "a proxy refused the request", 429: "the site is rate-limiting us (HTTP 429)",
                451: "the site is unavailable from here (HTTP 451)"}


@dataclass(frozen=True)
class Verdict:
    status: str
    detail: str
    challenge: bool = False   # BLOCKED by a bot check that a browser may pass (not a refusal, a login or a rate limit)


def signature_matches(signature: str, status_code: int, text: str, selector: Selector) -> bool:
    kind, _, arg = signature.partition(":")
    if kind == "text":
        return arg.lower() in text.lower()
    if kind == "regex":
        return re.search(arg, text) is not None
    if kind == "css":
        try:
            return bool(selector.css(arg))
        except Exception:  # a malformed selector in a catalog entry must not crash a scan
            return False
    if kind == "status":
        return str(status_code) == arg.strip()
    return False


def classify(status_code: int, text: str, detection: Detection) -> Verdict:
    """Classify one search page. ``text`` is the decoded body (HTML)."""
    selector = Selector(text=text or "<html></html>")
    for signature in detection.blocked:
        if signature_matches(signature, status_code, text, selector):
            return Verdict(BLOCKED, "the site showed a page that blocks automated checks", challenge=True)
    for signature, why in COMMON_BLOCKS:
        if signature_matches(signature, status_code, text, selector):
            return Verdict(BLOCKED, why, challenge=True)
    for signature, why in REFUSALS:
        if signature_matches(signature, status_code, text, selector):
            return Verdict(BLOCKED, why)
    if status_code in BLOCK_STATUS:
        return Verdict(BLOCKED, BLOCK_STATUS[status_code])
    if status_code >= 500:
        return Verdict(ERROR, f"the site had a server error (HTTP {status_code})")
    no_results = any(signature_matches(s, status_code, text, selector) for s in detection.no_results)
    results = any(signature_matches(s, status_code, text, selector) for s in detection.results)
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
