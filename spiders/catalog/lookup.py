"""Finding sites in the catalog: by the names a user types, and by a page's address."""

from __future__ import annotations

import re

from spiders.catalog import CatalogError, Site, default_catalog


def _site_key(text: str) -> str:
    """"Spokeo", "spokeo", "411.com", "True People Search" -> a key that ignores case, spaces and dots."""
    return re.sub(r"[^a-z0-9]", "", text.casefold())


def select_sites(sites: tuple[Site, ...], ids: list[str] | tuple[str, ...] = ()) -> tuple[Site, ...]:
    """Every site (disabled ones end as SKIPPED, so each still gets a status), or exactly the named
    ones, each once. A site is named by its id or its display name, in any case ("Spokeo", "411.com",
    "truepeoplesearch"); an unknown or ambiguous name is an error."""
    if not ids:
        return sites
    by_key: dict[str, list[Site]] = {}
    for s in sites:
        for key in {_site_key(s.id), _site_key(s.name)}:
            by_key.setdefault(key, []).append(s)
    chosen: list[Site] = []
    for given in ids:
        exact = [s for s in sites if s.id == given]
        found = exact or by_key.get(_site_key(given), [])
        if not found:
            from difflib import get_close_matches

            near = get_close_matches(given.casefold(), [s.id for s in sites], n=1)
            hint = f"did you mean {near[0]}? " if near else ""
            raise CatalogError(f"unknown site {given!r} ({hint}see `unlisted sites list`)")
        if len(found) > 1:
            raise CatalogError(f"site {given!r} could be {' or '.join(s.id for s in found)}: give its id")
        if found[0] not in chosen:
            chosen.append(found[0])
    return tuple(chosen)


def site_for_url(url: str, sites: tuple[Site, ...] | None = None) -> Site | None:
    """The catalog site a page address belongs to (its domain or a subdomain of it), or None."""
    from urllib.parse import urlsplit

    try:
        host = (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    if not host:
        return None
    matches = [s for s in (sites or default_catalog()) if host == s.domain or host.endswith("." + s.domain)]
    return max(matches, key=lambda s: len(s.domain), default=None)
