"""Simulated sites that a plain HTTP client cannot read, for the browser fetch path.

- script_rendered: the search page is an empty shell; a script fetches the results from a JSON
  endpoint (`<base>/__api?path=...`) and builds the page from them.
- interstitial: the first visit gets a "Just a moment..." bot check (HTTP 403) whose script sets a
  cookie and reloads; with the cookie the site answers normally.
- human_check: the first visit gets a "verify you are human" page with a button; clicking it sets
  the cookie and reloads. Nothing does that on its own: a person must click (`scan --assist`).

Every such page also asks for a file from a third-party host (the sandbox's tracker server, another
loopback name): a browser scan must never contact it.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass

KINDS = ("script_rendered", "interstitial", "human_check")


@dataclass(frozen=True)
class Wall:
    status: int
    body: str
    content_type: str = "text/html; charset=utf-8"


def passed_cookie(site_id: str) -> str:
    return f"sandbox_pass_{site_id}"


def wall_for(kind: str, site_id: str, base: str, third_party: str, rest: str, cookies: str,
             page: str) -> Wall | None:
    """The page a walled site answers with instead of `page` (the fixture page for the same path),
    or None when it answers normally. `rest` is the path below the site's base (with its query)."""
    if rest.startswith("/__detail/"):
        return None
    if kind == "script_rendered":
        if rest.startswith("/__api"):
            return Wall(200, json.dumps({"page": page}), "application/json")
        return Wall(200, _shell(site_id, base, third_party, rest))
    if f"{passed_cookie(site_id)}=1" in cookies:
        return None
    if kind == "interstitial":
        return Wall(403, _interstitial(site_id, third_party))
    if kind == "human_check":
        return Wall(200, _human_check(site_id, third_party))
    return None


def _cookie_script(site_id: str) -> str:
    return f"document.cookie = '{passed_cookie(site_id)}=1; path=/s/{site_id}'; location.reload();"


def _tracker(third_party: str) -> str:
    return (f'<link rel="stylesheet" href="{third_party}/cdn/site.css">'
            f'<script src="{third_party}/analytics.js"></script>')


def _shell(site_id: str, base: str, third_party: str, rest: str) -> str:
    api = json.dumps(f"{base}/__api?path=")
    path = json.dumps(rest)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Search</title>{_tracker(third_party)}</head>
<body><div id="app" class="loading">Loading results&hellip;</div>
<img src="{html.escape(third_party)}/pixel.gif?site={site_id}" alt="" width="1" height="1">
<script>
fetch({api} + encodeURIComponent({path}))
  .then(function (r) {{ return r.json(); }})
  .then(function (data) {{
    var doc = new DOMParser().parseFromString(data.page, "text/html");
    document.replaceChild(document.adoptNode(doc.documentElement), document.documentElement);
  }});
</script></body></html>"""


def _interstitial(site_id: str, third_party: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Just a moment...</title>{_tracker(third_party)}</head>
<body><div id="challenge-stage"><h1>Checking your browser before accessing the site.</h1>
<p>This takes a moment.</p></div>
<script>setTimeout(function () {{ {_cookie_script(site_id)} }}, 300);</script></body></html>"""


def _human_check(site_id: str, third_party: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>One more step</title>{_tracker(third_party)}</head>
<body><main><h1>Please verify you are human</h1>
<p>Press the button to continue to the search results.</p>
<button id="human-check" type="button" onclick="{html.escape(_cookie_script(site_id))}">I am human</button>
</main></body></html>"""
