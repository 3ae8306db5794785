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
from spiders.detection import BLOCKED, NO_RESULTS, RESULTS, classify, detail_links
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
        for href in detail_links(Selector(text=text), site.extraction.detail_link, site.extraction.card)[:1]:
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
    wrong = check_real_pages(site)
    if wrong:
        return CheckResult(site.id, False, wrong)
    real = len(real_pages(site))
    real_said = f"; {real} real page(s) read as the site showed them" if real else ""
    if not site.enabled:
        return CheckResult(site.id, True, "disabled (not searched); its pages parse" + real_said)
    if not searched:
        return CheckResult(site.id, True, f"its pages parse; {FORM_UNCHECKED}" + real_said)
    forms = " (filled in its search form)" if site.form_search else ""
    return CheckResult(site.id, True, f"{len(hits)} search(es) hit, miss and blocked{forms}" + real_said)


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


@dataclass(frozen=True)
class PageCheck:
    """What an entry makes of one saved page (`unlisted sites check SITE --page FILE`)."""
    site: str
    verdict: str            # results | no_results | blocked | error
    cards: int              # visible cards the entry's selector finds
    detail_links: list[str]
    reason: str
    listings: list[dict]    # what would be read from each card

    def to_dict(self) -> dict:
        return {"site": self.site, "verdict": self.verdict, "cards": self.cards, "detail_links": self.detail_links,
                "reason": self.reason, "listings": self.listings}


def check_page(site: Site, html: str, kind: str = "results", url: str = "") -> PageCheck:
    """Classify a saved page with the entry, count its cards, list its detail links and what each card
    would give; `kind` "detail" reads it with the entry's detail card instead."""
    from scanner.engine.extract import extract_listings
    from spiders.detection import Page, find_wall

    page = Page(200, html)
    card = site.extraction.detail_card if kind == "detail" else site.extraction.card
    if kind == "detail":     # the scan reads every record page that is not a wall: with the detail card, else whole
        wall = find_wall(page, site.detection.blocked)
        found = bool(card) and _count(page, card) > 0
        verdict = (BLOCKED, wall.why) if wall else (RESULTS, "the entry's detail card is on the page") if found else \
            (RESULTS, "the entry's detail card is not on the page: the whole page is read as one record")
    else:
        v = classify(200, html, site.detection)
        verdict = (v.status, v.detail)
    cards = _count(page, card) if card and verdict[0] == RESULTS else 0
    if kind == "detail" and verdict[0] == RESULTS:
        cards = max(cards, 1)
    listings = [] if verdict[0] != RESULTS else [
        {"names": list(x.names), "age": x.age, "birth_dates": list(x.birth_dates), "addresses": list(x.addresses),
         "phones": list(x.phones), "emails": list(x.emails), "relatives": list(x.relatives)}
        for x in extract_listings(html, url or site.base_url, card if cards else None)]
    links = detail_links(page.visible, site.extraction.detail_link, site.extraction.card) if kind == "results" else []
    return PageCheck(site.id, verdict[0].lower(), cards, links if verdict[0] == RESULTS else [], verdict[1], listings)


def _count(page, css: str) -> int:
    try:
        return len(page.visible.css(css))
    except Exception:  # a malformed selector in a catalog entry must not crash a check
        return 0


def real_pages(site: Site) -> list[dict]:
    """The entry's real-markup fixtures (fixtures/SITE/real/pages.toml): pages the site served,
    re-skinned with fictional people (tools/reskin.py), each with what a visitor sees on it."""
    import tomllib

    listing = site.fixture("real") / "pages.toml"
    if not listing.is_file():
        return []
    pages = tomllib.loads(listing.read_text("utf-8")).get("page", [])
    return [{**p, "html": (listing.parent / p["file"]).read_text("utf-8")} for p in pages]


def check_real_pages(site: Site) -> str:
    """"" when the entry reads every real page of its site as a visitor sees it (verdict, cards, detail
    links), else what it got wrong on which page."""
    for p in real_pages(site):
        got = check_page(site, p["html"], "detail" if p["kind"] == "detail" else "results", p.get("url", ""))
        want = (p["verdict"], p["cards"], p.get("detail_links", len(got.detail_links)))
        if (got.verdict, got.cards, len(got.detail_links)) != want:
            return (f"real page {p['file']}: {got.verdict}, {plural_cards(got.cards)}, {len(got.detail_links)} detail links "
                    f"(the site showed {want[0]}, {plural_cards(want[1])}, {want[2]} detail links)")
    return ""


def plural_cards(n: int) -> str:
    return f"{n} card" + ("" if n == 1 else "s")
