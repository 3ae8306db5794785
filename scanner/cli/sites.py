"""`unlisted sites ...`: the site catalog."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from dataclasses import replace

import click

from scanner.cli.common import quick_profile_or_fail
from scanner.exitcodes import Exit
from scanner.words import plural

SEARCH_BY = {"name_location": "name", "name_state": "name", "name": "name", "phone": "phone", "email": "email",
             "address": "address"}


@click.group()
def sites() -> None:
    """The catalog of sites that `unlisted scan` checks."""


@sites.command("list")
@click.option("--search-by", type=click.Choice(["name", "phone", "email", "address"]), help="Only sites searchable by this.")
@click.option("--parent", help="Only sites of this parent company.")
@click.option("--priority", type=click.Choice(["crucial", "high", "normal"]), help="Only sites of this priority.")
@click.option("--skipped", is_flag=True, help="Only the sites the scan does not search (to check by hand), and why.")
def sites_list(search_by, parent, priority, skipped) -> None:
    """Show each site: parent company, what it can be searched by, opt-out method."""
    from spiders.catalog import default_catalog

    rows = []
    for s in default_catalog():
        inputs = sorted({SEARCH_BY[t.input] for t in s.searches}) if s.enabled else []
        if search_by and search_by not in inputs:
            continue
        if parent and parent.lower() not in s.optout.parent.lower():
            continue
        if (priority and s.priority != priority) or (skipped and s.enabled):
            continue
        rows.append((s.id, s.optout.parent or "-", ",".join(inputs) or "not searched", "+".join(s.optout.methods),
                     s.priority) + ((s.disabled_reason,) if skipped else ()))
    header = ("site", "parent", "searched by", "opt-out", "priority") + (("why it is not searched",) if skipped else ())
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(len(header))]
    for row in [header, *rows]:
        click.echo("  ".join(col.ljust(w) for col, w in zip(row, widths)).rstrip())
    click.echo(plural(len(rows), "site"))


@sites.command("check")
@click.argument("site_ids", nargs=-1, metavar="[SITE]...")
@click.option("--live", is_flag=True, help="Run against the real sites (maintainers; slow, polite). Default: the sandbox.")
@click.option("--name", default="John Smith", show_default=True, help="With --live: the name to search.")
@click.option("--city", default="Chicago", show_default=True, help="With --live: the city.")
@click.option("--state", default="IL", show_default=True, help="With --live: the state, two letters.")
@click.option("--browser", "in_browser", is_flag=True,
              help="With --live: fetch every page in a web browser (Chrome or Chromium, found as a scan finds it).")
@click.option("--page", "page_file", type=click.Path(dir_okay=False),
              help="Classify this saved page (HTML) with the entry instead: verdict, cards, detail links, what each card gives.")
@click.option("--kind", type=click.Choice(["results", "detail"]), default="results", show_default=True,
              help="With --page: the kind of page it is.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="With --page: text, or one JSON object.")
def sites_check(site_ids, live, name, city, state, in_browser, page_file, kind, fmt) -> None:
    """Self-test catalog entries and say which no longer parse (exit 1 if any fails).

    Offline, each entry's searches run against the simulated web: the therapist's search must show
    results she can be read from, a search for someone absent must say "no results", and the site's
    bot wall must be seen as blocked.
    """
    import datetime as dt

    from spiders import selftest
    from spiders.catalog import CatalogError, default_catalog
    from spiders.catalog.lookup import select_sites

    try:
        entries = select_sites(default_catalog(), site_ids)
    except CatalogError as exc:
        click.echo(f"unlisted: {exc}", err=True)
        sys.exit(int(Exit.USAGE))
    today = dt.date.today()
    if page_file is not None:
        _check_page(entries if len(site_ids) == 1 else (), page_file, kind, fmt, live)
    if in_browser and not live:
        click.echo("unlisted: --browser goes with --live (the offline check reads the simulated web directly)", err=True)
        sys.exit(int(Exit.USAGE))
    if live:
        profile = quick_profile_or_fail(name, city, state)
        results = _check_live(entries, profile, today, in_browser)
    else:
        results = _check_offline(entries, today)
    width = max([len(r.site) for r in results] + [4])
    for r in results:
        click.echo(f"{r.site:<{width}}  {'OK  ' if r.ok else 'FAIL'}  {r.detail}")
    failed = sum(not r.ok for r in results)
    click.echo(f"{len(results) - failed} of {plural(len(results), 'entry', 'entries')} OK"
               + (f"; {failed} failed" if failed else ""))
    sys.exit(int(Exit.PARTIAL if failed else Exit.OK))


def _check_page(entries, page_file: str, kind: str, fmt: str, live: bool) -> None:
    """A saved page read with one entry; exit 0 when the entry recognises it, 1 when it does not."""
    import json

    from spiders import selftest

    if live or len(entries) != 1:
        click.echo("unlisted: --page checks one saved page with one entry: give exactly one SITE, without --live", err=True)
        sys.exit(int(Exit.USAGE))
    try:
        data = open(page_file, "rb").read(10 * 1024 * 1024)
    except OSError as exc:
        click.echo(f"unlisted: --page {page_file}: cannot read the file ({exc.strerror or type(exc).__name__})", err=True)
        sys.exit(int(Exit.USAGE))
    if b"\x00" in data[:4096] or not data.strip():
        click.echo(f"unlisted: --page {page_file}: not an HTML page", err=True)
        sys.exit(int(Exit.USAGE))
    from scanner.engine.extract import decode

    result = selftest.check_page(entries[0], decode(data), kind)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        click.echo(f"{result.site}: {result.verdict.upper()} ({result.reason}); {plural(result.cards, 'card')}")
        for i, listing in enumerate(result.listings, 1):
            shown = "; ".join(f"{k}: {', '.join(map(str, v)) if isinstance(v, list) else v}"
                              for k, v in listing.items() if v)
            click.echo(f"  card {i}: {shown or 'nothing readable'}")
        for link in result.detail_links:
            click.echo(f"  detail link: {link}")
    sys.exit(int(Exit.PARTIAL if result.verdict == "error" else Exit.OK))


def _check_live(entries, profile, today, in_browser: bool):
    from spiders import selftest

    if not in_browser:
        return [selftest.check_live(s, profile, today, lambda u: selftest.fetch_url(u, sandbox=False)) for s in entries]
    from scanner.config import make_config
    from scanner.crawl import browser_for
    from spiders.browser.single import BrowserFetcher

    browser = browser_for(make_config(".", attended=False))
    if not browser.available:
        click.echo(f"unlisted: --browser: this check {browser.missing}", err=True)
        sys.exit(int(Exit.USAGE))
    with BrowserFetcher(browser) as fetcher:
        return [selftest.check_live(s, profile, today, fetcher.fetch_for(s), submit=fetcher.submit_for(s)) for s in entries]


def _check_offline(entries, today):
    from scanner.profile import load_profile, parse_profile
    from scanner.sandbox.server import DEMO_PROFILE, SandboxServer, Scenario
    from spiders import selftest

    profile = load_profile(DEMO_PROFILE)
    absent = parse_profile({"schema": 1, "person": {"name": "Rowan Example", "phones": ["(503) 555-0199"],
                                                    "emails": ["rowan@example.com"], "birth_year": 1990},
                            "addresses": [{"kind": "home", "street": "12 Nowhere Rd", "city": "Salem", "state": "OR",
                                           "postal_code": "97301"}]}, source="self-test")
    hit = Scenario(hit_terms=("quinlan", "5035550147", "averyqexamplecom", "4821selarkspur"))
    wall = Scenario(blocked=frozenset(s.id for s in entries))
    with SandboxServer(hit, today) as server, SandboxServer(wall, today) as walled, _form_filler(entries) as fill:
        fetch = selftest.fetch_url
        return [selftest.check_offline(s, server.site_base(s.id), walled.site_base(s.id), fetch, profile, absent, today,
                                       submit=fill(s, server.site_base(s.id)) if fill else None)
                for s in entries]


@contextmanager
def _form_filler(entries):
    """The offline check of sites searched by a form: their forms are filled in a web browser (headless),
    found as a scan finds it; None (and one line saying so) when there is none or it cannot start."""
    forms = [s for s in entries if s.enabled and s.form_search]
    if not forms:
        yield None
        return
    from scanner.config import make_config
    from scanner.crawl import browser_for
    from spiders.browser.run import SANDBOX_SETTLE_SECONDS
    from spiders.browser.single import BrowserFetcher

    browser = browser_for(make_config(".", attended=False))
    try:
        fetcher = BrowserFetcher(replace(browser, settle_seconds=SANDBOX_SETTLE_SECONDS), sandbox=True).__enter__() \
            if browser.available else None
    except Exception:    # a browser that does not start: as if there were none
        fetcher = None
    if fetcher is None:
        click.echo(f"unlisted: {plural(len(forms), 'site')} searched by a form could be checked only in part: "
                   f"{browser.missing or 'the web browser could not be started'}", err=True)
        yield None
        return
    try:
        yield lambda site, base: fetcher.submit_for(site, base) if site.form_search else None
    finally:
        fetcher.__exit__(None, None, None)
