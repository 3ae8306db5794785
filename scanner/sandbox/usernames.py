"""The simulated web for username checks: /u/<site id>/<host>/<path> answers like that site would.

A check for a username the scenario gives an account on that site gets a page satisfying the site's
"exists" signature; any other username gets its "missing" signature. Sites can be set to show a bot
check, refuse (403) or fail (500). A few public profile pages of the fictional family are served with
content (a bio, a post with the home street, a geotagged photo), and their images as small JPEGs.
Settings: the [u] table of the scenario file (keys accounts, challenge, forbidden, error).
"""

from __future__ import annotations

import functools
import io
import re
from urllib.parse import unquote

from scanner.sandbox.routes import RouteContext, SandboxResponse
from spiders.usernames import UsernameSite, sites_by_id, synthetic_answer

SETTINGS_KEYS = {"accounts", "challenge", "forbidden", "error"}
CHALLENGE = (b"<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>"
             b"<div id=\"challenge-stage\">Checking your browser before accessing the site.</div></body></html>")
FORBIDDEN = b"<html><head><title>403 Forbidden</title></head><body><h1>Access denied</h1></body></html>"
SERVER_ERROR = b"<html><body><h1>Internal Server Error</h1></body></html>"
NOT_FOUND = b"<html><body><h1>Not Found</h1></body></html>"

# Public profile pages with content, by (site id, username). {root} is the sandbox address.
PROFILES: dict[tuple[str, str], str] = {
    ("mastodon_social", "averyq"): """<!DOCTYPE html><html><head><title>Avery Q (@averyq@mastodon.social) - Mastodon</title></head>
<body><div class="account"><h1>Avery Q</h1><p class="bio">Counselor in Portland, OR. Tea, books and long walks.</p></div>
<article class="status"><p>Finished a lovely novel this weekend.</p></article></body></html>""",
    ("mastodon_social", "jq_pdx"): """<!DOCTYPE html><html><head><title>Jordan Quinlan (@jq_pdx@mastodon.social) - Mastodon</title></head>
<body><div class="account"><h1>Jordan Quinlan</h1><p class="bio">Cyclist and weekend woodworker.</p></div>
<article class="status"><p>Garage sale this Saturday from 8 to 2 at 4821 SE Larkspur Ct in Portland. Tools, bikes and kids' books.</p></article>
</body></html>""",
    ("flickr", "jq_pdx"): """<!DOCTYPE html><html><head><title>jq_pdx | Flickr</title>
<meta property="og:image" content="{root}/u/flickr/live.staticflickr.com/65535/jq_pdx_backyard.jpg"></head>
<body><h1>Jordan Quinlan</h1><p>Photos from around the neighbourhood.</p>
<img src="{root}/u/flickr/live.staticflickr.com/65535/jq_pdx_backyard.jpg" alt="New raised beds in the back yard">
<img src="{root}/u/flickr/live.staticflickr.com/65535/jq_pdx_trail.jpg" alt="Forest Park trail"></body></html>""",
}
# Photos on those pages: file name -> GPS position in its EXIF (None: a photo without location).
PHOTOS: dict[str, tuple[float, float] | None] = {
    "jq_pdx_backyard.jpg": (45.48728, -122.60105),   # about 15 m from the demo family's home
    "jq_pdx_trail.jpg": None,
}


def handle(rest: str, query: str, ctx: RouteContext) -> SandboxResponse:
    settings = ctx.settings
    unknown = set(settings) - SETTINGS_KEYS
    if unknown:
        return SandboxResponse(500, f"scenario [u]: unknown key {sorted(unknown)[0]!r}".encode())
    site_id, _, target = rest.lstrip("/").partition("/")
    site = sites_by_id().get(site_id)
    if site is None:
        return SandboxResponse(404, NOT_FOUND)
    if site_id in settings.get("challenge", []):
        return SandboxResponse(200, CHALLENGE)
    if site_id in settings.get("forbidden", []):
        return SandboxResponse(403, FORBIDDEN)
    if site_id in settings.get("error", []):
        return SandboxResponse(500, SERVER_ERROR)
    name = target.rsplit("/", 1)[-1]
    if name in PHOTOS:
        return SandboxResponse(200, photo(PHOTOS[name]), "image/jpeg")
    asked = unquote(target + (f"?{query}" if query else ""))
    accounts = set(settings.get("accounts", {}).get(site_id, []))
    username = _username(site.check_url, asked)
    if username is not None:
        exists = username in accounts
        status, body = synthetic_answer(site, exists)
        if exists and site.check_url == site.profile_url and (site_id, username) in PROFILES:
            body = _profile(site, username, ctx) + f"\n<!-- {body} -->"
        return SandboxResponse(status, body.encode("utf-8"))
    username = _username(site.profile_url, asked)
    if username is not None and username in accounts:
        page = _profile(site, username, ctx) if (site_id, username) in PROFILES else f"<html><body><h1>{username}</h1></body></html>"
        return SandboxResponse(200, page.encode("utf-8"))
    return SandboxResponse(404, NOT_FOUND)


def _profile(site: UsernameSite, username: str, ctx: RouteContext) -> str:
    return PROFILES[(site.id, username)].replace("{root}", ctx.root)


def _username(template: str, asked: str) -> str | None:
    """The username in a request for this URL template (both without scheme, percent-decoded), or None."""
    match = _pattern(template).fullmatch(asked)
    return match.group("u") if match else None


@functools.lru_cache(maxsize=4096)
def _pattern(template: str) -> re.Pattern:
    plain = unquote(template.split("://", 1)[1]).split("#", 1)[0]  # a fragment never reaches the server
    head, _, tail = plain.partition("{username}")
    tail = re.escape(tail).replace(re.escape("{username}"), "(?P=u)")
    return re.compile(re.escape(head) + r"(?P<u>[^/?&#]+)" + tail)


@functools.lru_cache(maxsize=8)
def photo(gps: tuple[float, float] | None) -> bytes:
    """A tiny JPEG, with the GPS position in its EXIF when given."""
    from PIL import Image

    img = Image.new("RGB", (32, 24), (96, 140, 80))
    exif = Image.Exif()
    if gps is not None:
        lat, lon = gps
        exif.get_ifd(0x8825).update({1: "N" if lat >= 0 else "S", 2: _dms(lat), 3: "E" if lon >= 0 else "W", 4: _dms(lon)})
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif.tobytes() if gps is not None else b"", quality=70)
    return out.getvalue()


def _dms(value: float) -> tuple[float, float, float]:
    value = abs(value)
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    return float(degrees), float(minutes), round((value - degrees - minutes / 60) * 3600, 4)
