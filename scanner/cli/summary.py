"""What `scan` and `demo` print at the end: a warning first when too little could be checked, one line
per site, then the counts (searched apart from skipped), possible matches and what would search the
skipped sites."""

from __future__ import annotations

from collections import Counter

import click

from scanner.cli.common import STATUS_WORDS
from scanner.sources.coverage import NEEDS_BROWSER, UNREACHABLE, needs_assist, needs_browser
from scanner.sources.families import NEEDS_PREFIX
from scanner.words import plural

SHOWN_SKIP_REASONS = 5


def site_word(status: str, detail: str, exposures: int, possible: int) -> str:
    """The results table's words for one site: "lists you" only where something of yours was found."""
    if status == "RESULTS":
        if exposures:
            return f"lists you ({plural(exposures, 'exposure')})"
        if possible:
            return "possible match (not confirmed)"
        return "searched: results, none about you"
    if status == "ERROR" and detail.startswith(UNREACHABLE):
        return "could not check (no answer)"
    if needs_browser(status, detail):
        return f"could not check ({NEEDS_BROWSER})"
    if needs_assist(status, detail):
        return "could not check (asks for a human check)"
    if status == "SKIPPED" and detail.startswith(NEEDS_PREFIX):
        return f"skipped (needs your {detail.removeprefix(NEEDS_PREFIX).split(',')[0]})"
    return STATUS_WORDS.get(status, status)


def print_summary(summary, names: dict[str, str], subject: str, place: str) -> None:
    coverage = summary.coverage
    if coverage.low:
        click.echo(f"WARNING: {coverage.warning()}\n")
    width = max([len(names.get(r.site, r.site)) for r in summary.sites] + [4])
    click.echo(f"{'Site':<{width}}  Result")
    for r in summary.sites:
        word = site_word(r.status, r.detail, summary.per_site.get(r.site, 0), summary.possible_per_site.get(r.site, 0))
        click.echo(f"{names.get(r.site, r.site):<{width}}  {word}")

    listed = sum(1 for r in summary.sites if summary.per_site.get(r.site))
    maybe = sum(1 for r in summary.sites if summary.possible_per_site.get(r.site) and not summary.per_site.get(r.site))
    parts = [f"{listed} list you"] + ([f"{maybe} show a possible match"] if maybe else []) + [
        f"{coverage.checked - listed - maybe} do not", f"{coverage.unchecked} could not be checked"]
    click.echo(f"\nSearched {coverage.searched} of {plural(coverage.total, 'site')}: {', '.join(parts)}"
               + (" (the report lists how to check them yourself)." if coverage.unchecked else "."))
    if summary.findings:
        click.echo(f"{plural(summary.findings, 'exposure')} found.")
    elif coverage.checked:
        click.echo(f"No {'confirmed ' if maybe else ''}exposures found on the {plural(coverage.checked, 'site')} "
                   "that could be checked.")
    if summary.possible_matches:
        click.echo(f"{plural(summary.possible_matches, 'possible match', 'possible matches')}: sites list someone "
                   f"named {subject}{' in ' + place if place else ''}. With only a name and a town we cannot tell "
                   "you from a namesake: add your street address, phone, email or birth year (`unlisted init`) "
                   "and scan again to confirm them. The report shows what each listing shows.")
    _print_browser(summary)
    _print_skipped(summary)
    if coverage.low:
        click.echo(f"WARNING: only {coverage.checked} of {coverage.searched} sites searched could be checked: "
                   "this is not an all-clear.")
    if summary.state != "complete":
        click.echo(f"This scan is {summary.state}: results are incomplete.")


def _print_browser(summary) -> None:
    """How many sites were read in a web browser; and, once each, how to check the ones that still
    need a browser or a person."""
    from spiders.browser.locate import HOW_TO_FIX

    coverage = summary.coverage
    in_browser = sum(1 for r in summary.sites if r.fetched_with == "browser")
    if in_browser:
        click.echo(f"{plural(in_browser, 'site')} {'was' if in_browser == 1 else 'were'} checked in a web browser.")
    if coverage.need_browser:
        click.echo(f"{plural(coverage.need_browser, 'site')} {'needs' if coverage.need_browser == 1 else 'need'} "
                   f"a web browser, and none could be used: {HOW_TO_FIX}.")
    if coverage.need_assist:
        click.echo(f"{plural(coverage.need_assist, 'site')} asked for a human check: run `unlisted scan --assist` "
                   f"to pass {'it' if coverage.need_assist == 1 else 'them'} yourself in a browser window.")


def _print_skipped(summary) -> None:
    reasons = Counter(r.detail for r in summary.sites if r.status == "SKIPPED")
    if not reasons:
        return
    click.echo(f"{plural(sum(reasons.values()), 'site')} skipped (not searched):")
    for detail, n in reasons.most_common(SHOWN_SKIP_REASONS):
        click.echo(f"  {n:>3}  {detail}")
    rest = sum(n for _, n in reasons.most_common()[SHOWN_SKIP_REASONS:])
    if rest:
        click.echo(f"  {rest:>3}  for other reasons (the report gives each one)")
    needs = sorted({d.removeprefix(NEEDS_PREFIX).split(",")[0] for d in reasons if d.startswith(NEEDS_PREFIX)})
    if needs:
        click.echo(f"Add your {' and '.join(needs)} to your profile (`unlisted init`, or profile.toml) to search "
                   f"{'it' if sum(n for d, n in reasons.items() if d.startswith(NEEDS_PREFIX)) == 1 else 'them'} too.")
