"""Build spiders/usernames/sites.json from the WhatsMyName and maigret data (a development tool).

    .venv/bin/python tools/make_username_sites.py [REFERENCE_DIR]

REFERENCE_DIR (default ../shared/reference) holds wmn-data.json (CC BY-SA 4.0, Micah Hoffman and
the WhatsMyName contributors) and maigret-data.json (MIT, Soxoj). The output is a derived work of
WhatsMyName and is shared under CC BY-SA 4.0 (see spiders/usernames/NOTICE). The scanner never
reads REFERENCE_DIR: it reads only the generated file.

Kept: sites whose "exists" and "missing" answers can be told apart (both signatures required),
fetched with a plain GET, whose signatures are not themselves block pages. Left out: adult sites,
sites needing POST bodies or special request headers, and sites WhatsMyName marks invalid.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from spiders.usernames import (  # noqa: E402
    BLOCK_STATUSES, DATA_FILE, FOUND, MISSING, UsernameDataError, classify_account, parse_site, parse_sites,
)

# WhatsMyName name -> (our id, display name, privacy settings page). These platforms get their own report line.
MAJORS: dict[str, tuple[str, str, str]] = {
    "Facebook": ("facebook", "Facebook", "https://www.facebook.com/settings?tab=privacy"),
    "Instagram": ("instagram", "Instagram", "https://www.instagram.com/accounts/privacy_setting/"),
    "X": ("x", "X (Twitter)", "https://x.com/settings/privacy_and_safety"),
    "TikTok": ("tiktok", "TikTok", "https://www.tiktok.com/setting"),
    "Threads": ("threads", "Threads", "https://www.threads.com/settings/privacy"),
    "Snapchat": ("snapchat", "Snapchat", "https://accounts.snapchat.com/"),
    "Pinterest": ("pinterest", "Pinterest", "https://www.pinterest.com/settings/privacy"),
    "Reddit": ("reddit", "Reddit", "https://www.reddit.com/settings/privacy"),
    "YouTube User2": ("youtube", "YouTube", "https://www.youtube.com/account_privacy"),
    "tumblr": ("tumblr", "Tumblr", "https://www.tumblr.com/settings/privacy"),
    "Flickr": ("flickr", "Flickr", "https://www.flickr.com/account/privacy"),
    "Bluesky Username": ("bluesky", "Bluesky", "https://bsky.app/settings/privacy-and-security"),
    "Mastodon-mastodon": ("mastodon_social", "Mastodon (mastodon.social)", "https://mastodon.social/settings/privacy"),
    "Strava": ("strava", "Strava", "https://www.strava.com/settings/privacy"),
    "Venmo": ("venmo", "Venmo", "https://account.venmo.com/settings/privacy"),
    "PayPal.Me": ("paypal_me", "PayPal.Me", "https://www.paypal.com/myaccount/settings/"),
    "GitHub (User)": ("github", "GitHub", "https://github.com/settings/profile"),
    "Spotify": ("spotify", "Spotify", "https://www.spotify.com/account/privacy/"),
    "Twitch": ("twitch", "Twitch", "https://www.twitch.tv/settings/profile"),
    "Medium": ("medium", "Medium", "https://medium.com/me/settings"),
    "Quora": ("quora", "Quora", "https://www.quora.com/settings/privacy"),
    "Etsy": ("etsy", "Etsy", "https://www.etsy.com/your/account/privacy"),
}
# Profile pages that show a bio, links and photos without logging in (WhatsMyName names).
PUBLIC_PROFILES = {"Mastodon-mastodon", "Mastodon.online", "Flickr", "GitHub (User)", "about.me", "Linktree",
                   "Letterboxd", "pixelfed.social", "Keybase", "Gravatar", "Medium"}
# Request headers we can do without (we send our own User-Agent and no others).
HARMLESS_HEADERS = {"user-agent", "accept-language"}
LEFT_OUT_CATEGORIES = {"xx NSFW xx"}
NO_BODY_STATUSES = {204, 304}


def slug(name: str) -> str:
    return re.sub(r"_+", "_", re.sub(r"[^a-z0-9]+", "_", name.lower())).strip("_")[:48] or "site"


def host(url: str) -> str:
    try:
        return (urlsplit(url.replace("{username}", "x").replace("{account}", "x")).hostname or "").removeprefix("www.")
    except ValueError:
        return ""


def maigret_patterns(maigret: dict) -> dict[str, str]:
    """Username patterns maigret knows, by profile host (only where one site has that host)."""
    found: dict[str, list[str]] = {}
    for entry in maigret["sites"].values():
        pattern, url = entry.get("regexCheck"), entry.get("url", "")
        if pattern and url and "{username}" in url:
            try:
                re.compile(pattern)
            except re.error:
                continue
            found.setdefault(host(url), []).append(pattern)
    return {h: p[0] for h, p in found.items() if h and len(set(p)) == 1}


def _signature(status, text: str) -> dict:
    return {"status": status, "text": [text] if text else []}


def from_wmn(entry: dict, patterns: dict[str, str]) -> dict | None:
    if entry.get("cat") in LEFT_OUT_CATEGORIES or "post_body" in entry or entry.get("valid") is False:
        return None
    if {k.lower() for k in entry.get("headers", {})} - HARMLESS_HEADERS:
        return None
    check = entry["uri_check"]
    if "{account}" not in check or not re.match(r"^https?://", check):
        return None
    if entry["e_code"] in BLOCK_STATUSES or entry["m_code"] in BLOCK_STATUSES:
        return None  # a site that says "missing" with 403/429/503 cannot be told from a block
    if {entry["e_code"], entry["m_code"]} & NO_BODY_STATUSES:
        return None  # we send no conditional requests (no 304), and these answers carry no text
    pretty = entry.get("uri_pretty") or check
    if "{account}" not in pretty or not re.match(r"^https?://", pretty):
        pretty = check
    name = entry["name"]
    major = MAJORS.get(name)
    privacy = major[2] if major else ""
    if not privacy and "mastodon" in name.lower() and pretty.endswith("/@{account}"):
        privacy = f"https://{urlsplit(pretty.replace('{account}', 'x')).hostname}/settings/privacy"
    return {
        "id": major[0] if major else slug(name),
        "name": major[1] if major else name,
        "check_url": check.replace("{account}", "{username}"),
        "profile_url": pretty.replace("{account}", "{username}"),
        "exists": _signature(entry["e_code"], entry["e_string"]),
        "missing": _signature(entry["m_code"], entry["m_string"]),
        "category": entry["cat"],
        "privacy_url": privacy,
        "major": major is not None,
        "public_profile": name in PUBLIC_PROFILES,
        "strip": entry.get("strip_bad_char", ""),
        "username_pattern": patterns.get(host(pretty), ""),
        "source": "WhatsMyName",
    }


def from_maigret(name: str, entry: dict) -> dict | None:
    """A maigret "message" site: exists = one of presenseStrs, missing = one of absenceStrs."""
    url = entry.get("url", "")
    if entry.get("disabled") or entry.get("checkType") != "message" or not re.match(r"^https?://", url):
        return None
    if re.search(r"\{(?!username\})", url) or any(k in entry for k in ("headers", "requestMethod", "requestPayload", "urlProbe")):
        return None
    present, absent = entry.get("presenseStrs") or [], entry.get("absenceStrs") or []
    if not present or not absent:
        return None
    return {
        "id": slug(name), "name": name, "check_url": url, "profile_url": url,
        "exists": {"status": None, "text": present}, "missing": {"status": None, "text": absent},
        "category": (entry.get("tags") or ["misc"])[0], "privacy_url": "", "major": False,
        "public_profile": False, "strip": "", "username_pattern": entry.get("regexCheck", ""), "source": "maigret",
    }


MAIGRET_EXTRA = ("Cash.app",)   # platforms WhatsMyName lacks that matter to a therapist's family


def works(raw: dict, i: int) -> bool:
    """Valid entry whose own synthetic answers classify as FOUND and MISSING (so the sandbox can serve it)."""
    from spiders.usernames import synthetic_answer

    try:
        site = parse_site(raw, i)
    except UsernameDataError:
        return False
    for exists, want in ((True, FOUND), (False, MISSING)):
        status, body = synthetic_answer(site, exists)
        if classify_account(status, body, site).status != want:
            return False
    return True


def build(reference: Path) -> dict:
    wmn = json.loads((reference / "wmn-data.json").read_text("utf-8"))
    maigret = json.loads((reference / "maigret-data.json").read_text("utf-8"))
    patterns = maigret_patterns(maigret)
    candidates = [from_wmn(e, patterns) for e in wmn["sites"]]
    candidates += [from_maigret(n, maigret["sites"][n]) for n in MAIGRET_EXTRA if n in maigret["sites"]]
    sites, ids = [], set()
    for raw in candidates:
        if raw is None or not works(raw, len(sites)):
            continue
        base, n = raw["id"], 2
        while raw["id"] in ids:
            raw["id"], n = f"{base}_{n}", n + 1
        ids.add(raw["id"])
        sites.append(raw)
    missing_majors = {m[0] for m in MAJORS.values()} - {s["id"] for s in sites if s["major"]}
    if missing_majors:
        raise SystemExit(f"major platforms dropped: {sorted(missing_majors)}")
    return {
        "schema": 1,
        "generated_by": "tools/make_username_sites.py",
        "credits": ("Derived from WhatsMyName (https://github.com/WebBreacher/WhatsMyName), Copyright (C) 2015-2026 "
                    "Micah Hoffman and contributors, CC BY-SA 4.0; and maigret (https://github.com/soxoj/maigret), "
                    "Copyright (c) 2020-2026 Soxoj, MIT. This file is shared under CC BY-SA 4.0: see NOTICE."),
        "sites": sorted(sites, key=lambda s: (not s["major"], s["id"])),
    }


def main(argv: list[str]) -> int:
    reference = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared" / "reference"
    doc = build(reference)
    parse_sites(doc)  # the loader must accept what we write
    DATA_FILE.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", "utf-8")
    majors = sum(s["major"] for s in doc["sites"])
    print(f"{DATA_FILE.relative_to(ROOT)}: {len(doc['sites'])} sites ({majors} major platforms)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
