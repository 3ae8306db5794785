"""Social accounts: the username-check plan, the report lines it fills, and what to do about a found one.

Only the usernames in the profile (the user's and each listed family member's) are checked, and each
site receives nothing but the username. The 600+ sites are reported as one line per major platform
(Facebook, Instagram, ...) plus one line, "Other websites (username check)", for the rest; every
found account is its own finding with the person it is about and a link to act on it.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from scanner.config import Config
from scanner.profile import Profile
from scanner.sources.plan import SourcePlan, SpiderJob

SPIDER = "spiders.usernames.spider.UsernameSpider"
OTHERS_NAME = "Other websites (username check)"
SKIPPED_ID, SKIPPED_NAME = "social-accounts", "Social accounts (username check)"  # the one line when nothing is checked
NO_USERNAMES = ("your profile lists no usernames, so social accounts were not checked "
                "(add usernames = [...] for yourself or a family member)")
_USERNAME = re.compile(r"^[A-Za-z0-9._\-]{1,64}$")


@dataclass(frozen=True)
class UsernameCheck:
    source: str           # report line: "social-<platform>" or "social-others"
    site: str             # username site id
    subject: str          # "self" or the family member's name
    username: str
    check_url: str        # what is fetched (in the sandbox: pointed at the simulated web)
    profile_url: str      # what a person opens


def holders(profile: Profile) -> list[tuple[str, tuple[str, ...]]]:
    """(subject, usernames) for the user and each family member the profile gives usernames for."""
    out = [("self", profile.person.usernames)] + [(m.name, m.usernames) for m in profile.family]
    return [(who, tuple(dict.fromkeys(u.lstrip("@") for u in names if _USERNAME.match(u.lstrip("@")))))
            for who, names in out if names]


def sandboxed(url: str, site_id: str, sandbox_url: str) -> str:
    """The URL on the simulated web: {sandbox}/u/{site}/{host}{path}?{query} (the host stays, as text)."""
    if not sandbox_url:
        return url
    return f"{sandbox_url.rstrip('/')}/u/{site_id}/{url.split('://', 1)[1]}"


def social_source_names() -> dict[str, str]:
    from spiders.usernames import OTHERS_ID, load_sites, source_id

    names = {source_id(s): s.name for s in load_sites() if s.major}
    names[OTHERS_ID] = OTHERS_NAME
    names[SKIPPED_ID] = SKIPPED_NAME
    return names


def plan_usernames(profile: Profile, config: Config, today: _dt.date) -> list:
    from spiders.usernames import load_sites, source_id

    people = [(who, names) for who, names in holders(profile) if names]
    if not people:
        return [SourcePlan("social", ((SKIPPED_ID, SKIPPED_NAME),), None, ((SKIPPED_ID, NO_USERNAMES),))]
    sources = tuple((sid, name) for sid, name in social_source_names().items() if sid != SKIPPED_ID)
    checks = [
        UsernameCheck(source_id(site), site.id, who, name,
                      sandboxed(site.check_for(name), site.id, config.sandbox_url),
                      sandboxed(site.profile_for(name), site.id, config.sandbox_url))
        for site in load_sites() for who, names in people for name in names if site.accepts(name)
    ]
    job = SpiderJob(SPIDER, {"checks": checks, "source_ids": tuple(sid for sid, _ in sources)}, beside=True)
    return [SourcePlan("social", sources, job)]


def social_fix(finding) -> tuple[str, str] | None:
    """(what to do, where) for a finding on a social source: the platform's privacy settings if we know them,
    else the page itself. None for findings of other sources."""
    if not finding.site.startswith("social-"):
        return None
    from spiders.usernames import platform_for

    page = finding.source_url
    platform = platform_for(finding.site, page)
    name = platform.name if platform else "the site"
    where = platform.privacy_url if platform and platform.privacy_url else page
    settings = f"{name}'s privacy settings" if platform and platform.privacy_url else "the account's own settings"
    if finding.kind == "account":
        what = (f"Open the account to check it is the right person; if it is, review {settings}: make the profile "
                "private and remove the home town, workplace and tagged places.")
    elif finding.kind == "geolocation":
        what = (f"Delete this photo or upload it again without its location, and turn off location in the camera app; "
                f"then check {settings} for how photo locations are shown.")
    else:
        what = f"Edit or delete the post or profile text that shows this, then review {settings}."
    return what, where
