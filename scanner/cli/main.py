"""The `unlisted` command. Each command parses options, calls one service function, prints.

Heavy imports (Scrapy, Jinja2, the detection engine) happen inside commands so that
`unlisted --help` stays fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from scanner import __version__
from scanner.exitcodes import Exit

STATUS_WORDS = {
    "RESULTS": "checked", "NO_RESULTS": "checked, not listed", "BLOCKED": "could not check (blocked)",
    "ERROR": "could not check (error)", "SKIPPED": "skipped",
}


def fail(message: str, code: Exit = Exit.USAGE) -> None:
    click.echo(f"unlisted: {message}", err=True)
    sys.exit(int(code))


def _sandbox():
    """The simulated web; UNLISTED_SANDBOX_SCENARIO may name another scenario file (tests use it)."""
    from scanner.sandbox.server import SandboxServer, load_scenario

    scenario_file = os.environ.get("UNLISTED_SANDBOX_SCENARIO")
    if not scenario_file:
        return SandboxServer()
    try:
        return SandboxServer(load_scenario(Path(scenario_file)))
    except (OSError, ValueError) as exc:
        fail(f"UNLISTED_SANDBOX_SCENARIO: {exc}")


def _config(ctx: click.Context, sandbox_url: str = ""):
    from scanner.config import make_config

    return make_config(ctx.obj.get("home"), sandbox_url=sandbox_url)


def _load_profile(path: str | None, home: Path | None = None):
    from scanner.profile import ProfileError, load_profile

    if path is None:
        candidate = (home or Path(".")) / "profile.toml"
        if not candidate.exists():
            fail("no profile given: use --profile FILE, or --name/--city/--state, or create one with `unlisted init`")
        path = str(candidate)
    try:
        return load_profile(Path(path))
    except ProfileError as exc:
        for problem in exc.problems:
            click.echo(problem, err=True)
        sys.exit(int(Exit.USAGE))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="unlisted")
@click.option("--home", type=click.Path(file_okay=False), envvar="UNLISTED_HOME",
              help="Private data folder (history, reports, logs). Default: your platform's data folder.")
@click.pass_context
def main(ctx: click.Context, home: str | None) -> None:
    """Find where your home address and personal details are exposed online, and remove them.

    Everything runs and stays on this computer. Start with `unlisted demo`, then `unlisted init`.
    """
    os.umask(0o077)  # every file we create is private to the user
    ctx.ensure_object(dict)
    ctx.obj["home"] = home


@main.command()
@click.option("--profile", "profile_path", type=click.Path(dir_okay=False), help="Where to write it. Default: profile.toml in the data folder.")
@click.option("--name", help="Your full name, e.g. \"Avery J. Quinlan\".")
@click.option("--alias", multiple=True, help="Another name you have used (repeatable).")
@click.option("--birth-date", help="YYYY-MM-DD.")
@click.option("--birth-year", type=int)
@click.option("--phone", multiple=True, help="A personal phone number (repeatable).")
@click.option("--email", multiple=True, help="A personal email address (repeatable).")
@click.option("--username", multiple=True, help="A social media username (repeatable).")
@click.option("--street", help="Home street address, e.g. \"4821 SE Larkspur Ct\".")
@click.option("--unit", help="Apartment or unit.")
@click.option("--city", help="Home city.")
@click.option("--state", help="Home state, two letters.")
@click.option("--zip", "postal_code", help="Home ZIP code.")
@click.option("--family", multiple=True, metavar="NAME:RELATION", help="A family member, e.g. \"Jordan Quinlan:spouse\" (repeatable).")
@click.option("--practice-name")
@click.option("--practice-domain", help="Your practice website's domain, e.g. quinlancounseling.com.")
@click.option("--npi", help="Your 10-digit NPI number.")
@click.option("--license-state")
@click.option("--license-number")
@click.option("--profession", type=click.Choice(["counseling", "mft", "social_work", "psychology", "other"]),
              help="Your licence's profession: picks the right licensing board.")
@click.option("--force", is_flag=True, help="Overwrite an existing profile.")
@click.pass_context
def init(ctx, profile_path, force, **fields) -> None:
    """Write your profile (asks questions, or takes everything from flags)."""
    from scanner.profileinit import build_profile_doc, prompt_profile_fields, write_profile_file

    config = _config(ctx)
    path = Path(profile_path) if profile_path else config.home / "profile.toml"
    if path.exists() and not force:
        fail(f"{path}: already exists (use --force to replace it)")
    if not fields["name"]:
        if not sys.stdin.isatty():
            fail("--name is required when not answering questions interactively")
        fields = prompt_profile_fields()
    try:
        profile = build_profile_doc(fields, source=path.name)
    except ValueError as exc:
        for line in str(exc).splitlines():
            click.echo(line, err=True)
        sys.exit(int(Exit.USAGE))
    write_profile_file(path, profile)
    click.echo(f"Profile written to {path} (readable only by you).")
    click.echo(f"Next: unlisted scan --profile {path}")


def _progress_printer():
    if not sys.stderr.isatty():
        return None

    def show(p) -> None:
        width = 24
        filled = int(width * p.sites_done / p.sites_total) if p.sites_total else width
        bar = "#" * filled + "-" * (width - filled)
        click.echo(f"\r[{bar}] {p.sites_done}/{p.sites_total} sites checked, {p.findings} exposures found ",
                   err=True, nl=False)

    return show


def _scan_and_print(config, profile, site_ids=(), open_report=False) -> None:
    from scanner.lock import AlreadyRunning
    from scanner.service import run_scan
    from scanner.history.store import StoreError
    from scanner.sources.families import known_source_names
    from spiders.catalog import CatalogError

    try:
        summary = run_scan(config, profile, tuple(site_ids), on_progress=_progress_printer())
    except AlreadyRunning as exc:
        fail(str(exc), Exit.BUSY)
    except CatalogError as exc:
        fail(str(exc))
    except StoreError as exc:
        fail(str(exc), Exit.FAILED)
    except KeyboardInterrupt:
        click.echo("\nScan stopped. Earlier scans are untouched; this one is kept as interrupted.", err=True)
        sys.exit(int(Exit.INTERRUPTED))
    if sys.stderr.isatty():
        click.echo("", err=True)
    names = known_source_names()
    width = max([len(names.get(r.site, r.site)) for r in summary.sites] + [4])
    click.echo(f"{'Site':<{width}}  Result")
    for r in summary.sites:
        click.echo(f"{names.get(r.site, r.site):<{width}}  {STATUS_WORDS.get(r.status, r.status)}")
    unchecked = sum(1 for r in summary.sites if r.status in ("BLOCKED", "ERROR"))
    click.echo(f"\n{summary.findings} exposures found on {len(summary.sites)} sites; "
               f"{unchecked} sites could not be checked (the report lists how to check them yourself).")
    if summary.state != "complete":
        click.echo(f"This scan is {summary.state}: results are incomplete.")
    click.echo(f"Report: {summary.report_path}")
    if open_report:
        click.launch(str(summary.report_path))
    if summary.state == "interrupted":
        sys.exit(int(Exit.INTERRUPTED))


@main.command()
@click.option("--profile", "profile_path", type=click.Path(dir_okay=False), help="Your profile file (see `unlisted init`).")
@click.option("--name", help="Quick mode without a profile: your full name.")
@click.option("--city", help="Quick mode: your city.")
@click.option("--state", help="Quick mode: your state, two letters.")
@click.option("--site", "site_ids", multiple=True, help="Only this catalog site (repeatable). Default: all.")
@click.option("--sandbox", is_flag=True, help="Scan the built-in simulated web instead of the real sites.")
@click.option("--open", "open_report", is_flag=True, help="Open the report in your browser.")
@click.pass_context
def scan(ctx, profile_path, name, city, state, site_ids, sandbox, open_report) -> None:
    """Search the catalog's sites for you and your family, and write a report."""
    if name:
        from scanner.profile import ProfileError, quick_profile

        try:
            profile = quick_profile(name, city or "", state or "")
        except ProfileError as exc:
            fail(exc.problems[0].replace("command line: person.name", "--name").replace("command line: addresses[0].", "--"))
    else:
        config = _config(ctx)
        profile = _load_profile(profile_path, config.home)
    if sandbox:
        with _sandbox() as server:
            _scan_and_print(_config(ctx, server.url), profile, site_ids, open_report)
    else:
        _scan_and_print(_config(ctx), profile, site_ids, open_report)


@main.command()
@click.option("--open", "open_report", is_flag=True, help="Open the report in your browser.")
@click.pass_context
def demo(ctx, open_report) -> None:
    """Scan a fictional therapist on the built-in simulated web, offline, and write the report."""
    from scanner.config import make_config
    from scanner.profile import load_profile
    from scanner.sandbox.server import DEMO_PROFILE

    base = _config(ctx)
    profile = load_profile(DEMO_PROFILE)
    click.echo(f"Demo: scanning the fictional therapist {profile.person.name} on a simulated web (nothing leaves this computer).")
    with _sandbox() as server:
        config = make_config(base.home / "demo", sandbox_url=server.url)
        _scan_and_print(config, profile, (), open_report)


@main.command()
@click.argument("scan_id", required=False, type=int)
@click.option("--format", "fmt", type=click.Choice(["html", "json"]), default="html", show_default=True)
@click.option("--output", type=click.Path(dir_okay=False), help="Write here instead of the data folder.")
@click.option("--open", "open_report", is_flag=True, help="Open the report in your browser.")
@click.pass_context
def report(ctx, scan_id, fmt, output, open_report) -> None:
    """Write the report of a scan again (default: the latest), as HTML or JSON."""
    from scanner.service import open_store, write_report

    store = open_store(_config(ctx))
    try:
        latest = store.latest_scan()
        if latest is None:
            fail("no scans yet: run `unlisted scan` (or `unlisted demo`) first")
        try:
            path = write_report(_config(ctx), store, scan_id or latest.id, fmt, Path(output) if output else None)
        except LookupError as exc:
            fail(str(exc).strip("'\""))
    finally:
        store.close()
    click.echo(f"Report: {path}")
    if open_report:
        click.launch(str(path))


@main.command()
@click.argument("finding")
@click.argument("decision", type=click.Choice(["not-me", "me"]))
@click.pass_context
def verdict(ctx, finding, decision) -> None:
    """Mark a finding as not about you (hidden from now on), or undo that with `me`.

    FINDING is the number shown in the report next to each finding.
    """
    from scanner.service import open_store, record_verdict

    store = open_store(_config(ctx))
    try:
        try:
            stored = record_verdict(store, finding, decision)
        except LookupError as exc:
            fail(str(exc).strip("'\""))
    finally:
        store.close()
    what = "will be left out of reports from now on" if decision == "not-me" else "counts as yours again"
    click.echo(f"Finding {stored.id} ({stored.kind} on {stored.site}) {what}.")


@main.command()
@click.option("--profile", "profile_path", required=True, type=click.Path(dir_okay=False), help="Your profile file.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text", show_default=True)
@click.option("--output", type=click.Path(dir_okay=False), help="With --format html: the file to write.")
@click.argument("inputs", nargs=-1, required=True)
@click.pass_context
def analyze(ctx, profile_path, fmt, output, inputs) -> None:
    """Check pages or photos you found yourself (files or http(s) links) for your details."""
    import json

    from scanner.analyze import analyze_inputs

    if fmt == "html" and not output:
        fail("--format html needs --output FILE")
    profile = _load_profile(profile_path)
    # UNLISTED_SANDBOX=1 lets links to the local simulated web through (loopback only); tests use it.
    result = analyze_inputs(list(inputs), profile, allow_private=os.environ.get("UNLISTED_SANDBOX") == "1")
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    elif fmt == "html":
        from scanner.analyzereport import write_analyze_report

        path = write_analyze_report(result, profile, list(inputs), Path(output))
        click.echo(f"Report: {path}")
    else:
        _print_analysis(result)
    sys.exit(int(Exit.PARTIAL if result["errors"] else Exit.OK))


def _print_analysis(result: dict) -> None:
    if not result["findings"]:
        click.echo("No details of yours were found in these inputs.")
    for f in result["findings"]:
        who = "you" if f["subject"] == "self" else f["subject"]
        click.echo(f"{f['severity'].upper():<8} {f['kind']:<16} {who}: {f['value']}  ({f['input']}, confidence {f['confidence']:.2f})")
    for e in result["errors"]:
        click.echo(f"ERROR    {e['input']}: {e['error']}", err=True)


def _register_command_groups() -> None:
    from scanner.cli.photos import photos
    from scanner.cli.sites import sites

    main.add_command(sites)
    from scanner.cli.history import diff, history, rescan, schedule

    for command in (history, diff, rescan, schedule):
        main.add_command(command)
    main.add_command(photos)
    from scanner.cli.tasks import export, tasks

    main.add_command(tasks)
    main.add_command(export)


_register_command_groups()


if __name__ == "__main__":  # pragma: no cover
    main()
