"""`unlisted analyze`: check pages or photos the user found, with the same engine as a scan."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from scanner.cli.common import fail, load_profile_or_fail
from scanner.exitcodes import Exit


@click.command()
@click.option("--profile", "profile_path", required=True, type=click.Path(dir_okay=False), help="Your profile file.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text", show_default=True)
@click.option("--output", type=click.Path(dir_okay=False), help="With --format html: the file to write.")
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD",
              help="The day the pages were saved: an age on them is turned into a birth year as of that day. [default: today]")
@click.argument("inputs", nargs=-1, required=True)
@click.pass_context
def analyze(ctx, profile_path, fmt, output, as_of, inputs) -> None:
    """Check pages or photos you found yourself (files or http(s) links) for your details."""
    import json

    from scanner.analyze import analyze_inputs

    if fmt == "html" and not output:
        fail("--format html needs --output FILE")
    today = _as_of(as_of)
    profile = load_profile_or_fail(profile_path)
    # UNLISTED_SANDBOX=1 lets links to the local simulated web through (loopback only); tests use it.
    result = analyze_inputs(list(inputs), profile, today=today, allow_private=os.environ.get("UNLISTED_SANDBOX") == "1")
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    elif fmt == "html":
        from scanner.analyze import write_analyze_report

        path = write_analyze_report(result, profile, list(inputs), Path(output))
        click.echo(f"Report: {path}")
    else:
        _print_analysis(result)
    # An input not analysed, or only partly read (cut at the size cap, an image not read fully), is PARTIAL.
    sys.exit(int(Exit.PARTIAL if result["errors"] or result["incomplete"] else Exit.OK))


def _as_of(value: str | None):
    import datetime as dt

    if value is None:
        return dt.date.today()
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        fail(f"--as-of {value!r}: not a date; write it as YYYY-MM-DD, e.g. 2024-05-31")
    if day > dt.date.today():
        fail(f"--as-of {value}: is in the future; give the day the pages were saved")
    return day


def _print_analysis(result: dict) -> None:
    incomplete = result["incomplete"]
    for f in result["findings"]:
        who = "you" if f["subject"] == "self" else f["subject"]
        click.echo(f"{f['severity'].upper():<8} {f['kind']:<16} {who}: {f['value']}  ({f['input']}, confidence {f['confidence']:.2f})")
    found_in = {f["input"] for f in result["findings"]}
    for item in incomplete:  # beside the input: what was read, and what was found there
        if item["kind"] == "blocked":
            click.echo(f"NOT READ {item['input']}: {item['reason']}")
            continue
        what = "the details above were found" if item["input"] in found_in else "nothing found"
        click.echo(f"PARTLY   {item['input']}: {item['reason']}; {what} in the part that was read")
    if not result["findings"]:
        if incomplete:
            click.echo("No details of yours were found in the parts that were read.")
        elif result["errors"]:
            click.echo("No details of yours were found in the inputs that could be read.")
        else:
            click.echo("No details of yours were found in these inputs.")
    if incomplete:
        many = f"{len(incomplete)} inputs" if len(incomplete) > 1 else "1 input"
        click.echo(f"Not read fully ({many}; look at the rest yourself): "
                   + "; ".join(i["reason"] if i["kind"] == "cut" else f"{i['input']} {i['reason']}" for i in incomplete) + ".")
    for e in result["errors"]:
        click.echo(f"ERROR    {e['input']}: {e['error']}", err=True)
