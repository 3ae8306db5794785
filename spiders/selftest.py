"""`unlisted sites check`: does each catalog entry still work? One plain function per entry.

Offline (the default) each entry runs against the sandbox, which serves its own fixture pages:
its searches must classify as RESULTS for the fictional therapist, NO_RESULTS for a person who is
not there, BLOCKED behind its bot wall, and the therapist must be read off the results (and detail)
pages. Live, each search is made once on the real site for a name the caller gives, and the entry
fails only if the page is not recognised (neither results nor no results): the layout changed.
"""

from __future__ import annotations

import datetime as _dt
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, replace
from typing import Callable

from parsel import Selector

from spiders.catalog import Site
from spiders.detection import BLOCKED, NO_RESULTS, RESULTS, classify
from scanner.sources.queries import plan_site

Fetch = Callable[[str], tuple[int, str]]
Submit = Callable[..., tuple[int, str]]   # submit(query, wait=seconds) -> what a form search shows once sent
FORM_UNCHECKED = "its search form was not tried (needs Chrome or Chromium)"


@dataclass(frozen=True)
class CheckResult:
    site: str
    ok: bool
    detail: str      # what passed, or which page failed and how


def fetch_url(url: str, timeout: float = 20.0, sandbox: bool = True) -> tuple[int, str]:
    """GET one page (status, text); HTTP errors are answers too. Refuses hosts outside the sandbox/public web."""
    from spiders.netguard import check_url
    from spiders.settings import USER_AGENT

    check_url(url, sandbox)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:  # noqa: S310 - checked above
            return reply.status, reply.read(5 * 1024 * 1024).decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(1024 * 1024).decode("utf-8", "replace")


def _first_per_input(site: Site, profile, base: str, today: _dt.date) -> list:
    seen, out = set(), []
    for q in plan_site(site, profile, base, today):
        if q.input not in seen:
            seen.add(q.input)
            out.append(q)
    return out


def check_offline(site: Site, hit_base: str, blocked_base: str, fetch: Fetch, profile, absent, today: _dt.date,
                  submit: Submit | None = None) -> CheckResult:
    """hit_base serves the sandbox normally; blocked_base answers every request with the bot wall.
    A site searched by a form needs `submit` (a web browser); without it only its pages are checked."""
    from scanner.engine.matcher import analyze_html

    searched = site.enabled and (submit is not None or not site.form_search)
    hits = _first_per_input(site, profile, hit_base, today) if searched else []
    misses = _first_per_input(site, absent, hit_base, today) if searched else []
    hit_urls = [q.url for q in hits] or [f"{hit_base}/__selftest/quinlan"]
    miss_urls = [q.url for q in misses] or [f"{hit_base}/__selftest/nobody"]

    def get(url: str, i: int, queries: list, blocked: bool = False) -> tuple[int, str]:
        query = queries[i] if i < len(queries) else None
        if query is None or not query.form:
            return fetch(url)
        return submit(replace(query, url=url), wait=0.0 if blocked else None)

    for i, url in enumerate(hit_urls):
        status, text = get(url, i, hits)
        verdict = classify(status, text, site.detection)
        if verdict.status != RESULTS:
            return CheckResult(site.id, False, f"results page: {verdict.status} ({verdict.detail})")
        findings = analyze_html(text, url, profile, site.extraction.card or None, today)
        for href in (Selector(text=text).css(site.extraction.detail_link).getall() if site.extraction.detail_link else [])[:1]:
            detail_status, detail = fetch(href)
            if detail_status < 400:
                findings += analyze_html(detail, href, profile, site.extraction.detail_card or None, today)
        if not any(f.subject == "self" for f in findings):
            return CheckResult(site.id, False, "results page: the therapist was not read off the page (card/detail selectors?)")
    for i, url in enumerate(miss_urls):
        status, text = get(url, i, misses)
        verdict = classify(status, text, site.detection)
        if verdict.status != NO_RESULTS:
            return CheckResult(site.id, False, f"no-results page: {verdict.status} ({verdict.detail})")
    status, text = get(hit_urls[0].replace(hit_base, blocked_base, 1), 0, hits, blocked=True)
    verdict = classify(status, text, site.detection)
    if verdict.status != BLOCKED:
        return CheckResult(site.id, False, f"blocked page: {verdict.status} ({verdict.detail})")
    if not site.enabled:
        return CheckResult(site.id, True, "disabled (not searched); its pages parse")
    if not searched:
        return CheckResult(site.id, True, f"its pages parse; {FORM_UNCHECKED}")
    forms = " (filled in its search form)" if site.form_search else ""
    return CheckResult(site.id, True, f"{len(hits)} search(es) hit, miss and blocked{forms}")


def check_live(site: Site, profile, today: _dt.date, fetch: Fetch, pause: float = 2.0,
               submit: Submit | None = None) -> CheckResult:
    if not site.enabled:
        return CheckResult(site.id, True, f"skipped: {site.disabled_reason}")
    verdicts = []
    for q in _first_per_input(site, profile, site.base_url, today):
        if q.form and submit is None:
            verdicts.append(f"{q.input}: not tried (its search is a form: add --browser)")
            continue
        try:
            status, text = submit(q) if q.form else fetch(q.url)
        except (OSError, ValueError) as exc:
            return CheckResult(site.id, False, f"{q.input} search: could not fetch ({type(exc).__name__})")
        verdict = classify(status, text, site.detection)
        if verdict.status not in (RESULTS, NO_RESULTS, BLOCKED):
            return CheckResult(site.id, False, f"{q.input} search: {verdict.detail}")
        verdicts.append(f"{q.input}: {verdict.status}")
        time.sleep(pause)
    return CheckResult(site.id, True, "; ".join(verdicts) or "no search could be made for this name")
