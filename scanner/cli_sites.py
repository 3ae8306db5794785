"""`unlisted sites ...`: the site catalog."""

from __future__ import annotations

import click


@click.group()
def sites() -> None:
    """The catalog of sites that `unlisted scan` checks."""


@sites.command("list")
@click.option("--search-by", type=click.Choice(["name", "phone", "email", "address"]), help="Only sites searchable by this.")
@click.option("--parent", help="Only sites of this parent company.")
def sites_list(search_by, parent) -> None:
    """Show each site: parent company, what it can be searched by, opt-out method."""
    from spiders.catalog import default_catalog

    rows = []
    for s in default_catalog():
        inputs = sorted({t.input.replace("name_location", "name").replace("name_state", "name") for t in s.searches})
        if search_by and search_by not in inputs:
            continue
        if parent and parent.lower() not in s.optout.parent.lower():
            continue
        rows.append((s.id, s.optout.parent or "-", ",".join(inputs), "+".join(s.optout.methods)))
    header = ("site", "parent", "searched by", "opt-out")
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(4)]
    for row in [header, *rows]:
        click.echo("  ".join(col.ljust(w) for col, w in zip(row, widths)).rstrip())
    click.echo(f"{len(rows)} sites")
