"""Extra simulated sources in the sandbox, beside the catalog sites under /s/.

A route module handles every request whose first path segment is its prefix (e.g. /npi/...,
/web/<domain>/..., /u/<site>/...). It gets the rest of the path, the query string and a context,
and returns a SandboxResponse. Register it in ROUTES (prefix -> "module.function", imported lazily).
Its scenario settings live in a table named after the prefix in the scenario file (e.g. [npi]).
"""

from __future__ import annotations

import datetime as _dt
import importlib
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class RouteContext:
    root: str                    # http://127.0.0.1:PORT (no trailing slash)
    today: _dt.date
    settings: dict[str, Any]     # the scenario table named after the route's prefix ({} when absent)
    third_party: str = ""        # the third-party host's root (what __THIRD_PARTY__ stands for in pages)
    # the server's own mutable parts, for routes that keep state (the opt-out flows' emails and links)
    mailbox: list | None = None          # (to address, site id, link) of every email "sent"
    confirmations: dict | None = None    # token -> [site id, used]
    lock: Any = None                     # guards both


@dataclass(frozen=True)
class SandboxResponse:
    status: int
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = field(default_factory=tuple)


# prefix -> dotted path of a function (rest: str, query: str, ctx: RouteContext) -> SandboxResponse
ROUTES: dict[str, str] = {
    "u": "scanner.sandbox.usernames.handle",   # username checks of the social-account source
    "npi": "scanner.sandbox.professional.npi",          # NPPES NPI Registry API
    "dir": "scanner.sandbox.professional.directory",    # therapist directories and NPI copies
    "board": "scanner.sandbox.professional.board",      # state licensing board lookups
    "web": "scanner.sandbox.professional.website",      # the practice website
    "rdap": "scanner.sandbox.professional.rdap",        # RDAP domain records
    "whois": "scanner.sandbox.professional.whois",      # recorded WHOIS texts (the sandbox never uses port 43)
    "o": "scanner.sandbox.optouts.handle",              # the catalog sites' opt-out forms (spiders/catalog/optout)
}


def route_for(prefix: str):
    dotted = ROUTES.get(prefix)
    if not dotted:
        return None
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)
