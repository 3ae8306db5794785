"""An opt-out task filed through the site's web form: which catalog entry's steps, what each field gets,
where the form is (the simulated web's copy in the sandbox), and the evidence once it went through.

Each form gets only what its steps declare (`needs`), plus the address kept for opt-outs.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Any, Mapping
from urllib.parse import urlsplit

from scanner.plan.letters import safe_listing_url
from scanner.profile import US_STATES, Profile
from scanner.sources.queries import split_name, transform
from spiders.catalog import PLACEHOLDER, Site
from spiders.catalog.steps import FIELD_OF, OptOutSteps, steps_named

LISTING_LABEL = "A listing the scan found"
NEED_WORDS = {"name": "your name", "city": "your town", "state": "your state", "zip": "your ZIP code",
              "birth_year": "your age", "phone": "your phone number", "email": "your email address",
              "street": "your street address", "listing": "the address of your listing",
              "optout_email": "the email address you keep for opt-outs"}


class NotFillable(ValueError):
    """The form needs a detail the profile does not have; the message names it."""


@dataclass(frozen=True)
class WebForm:
    site: Site
    steps: OptOutSteps


def web_form_for(task: Mapping[str, Any], catalog: tuple[Site, ...]) -> WebForm | None:
    """The form a task is filed through: the entry whose opt-out page is the task's first link (the
    company's), else the first of its sites with steps; None when no steps are known."""
    if "web_form" not in task.get("methods", ()):
        return None
    by_id = {s.id: s for s in catalog}
    sites = [by_id[i] for i in task.get("sites", ()) if i in by_id and by_id[i].optout.steps]
    first = (task.get("links") or [{}])[0].get("url", "")
    sites.sort(key=lambda s: s.optout.url != first)
    return WebForm(sites[0], steps_named(sites[0].optout.steps)) if sites else None


def listing_urls(task: Mapping[str, Any]) -> tuple[str, ...]:
    return tuple(link["url"] for link in task.get("links", ()) if link.get("label") == LISTING_LABEL)


def profile_details(profile: Profile, today: _dt.date) -> dict[str, str]:
    """Every value a form could be given, by placeholder name (what a form gets is cut from these)."""
    details = dict(split_name(profile.person.name))
    home = (profile.home_addresses or profile.addresses or (None,))[0]
    if home is not None:
        details.update(city=home.city, state=home.state, state_full=US_STATES.get(home.state, ""),
                       zip=home.postal_code or "", street=home.street or "")
    if profile.birth_year:
        details["age"] = str(today.year - profile.birth_year)
    if profile.person.phones:
        digits = re.sub(r"\D", "", profile.person.phones[0])[-10:]
        details.update(phone10=digits, phone_dashed=f"{digits[:3]}-{digits[3:6]}-{digits[6:]}")
    return {k: v for k, v in details.items() if v}


def form_fields(form: WebForm, details: Mapping[str, str], listing: str, optout_email: str) -> dict[tuple[int, str], str]:
    """(step number, selector) -> the text typed there, from the declared templates only."""
    values = {**{k: v for k, v in details.items() if FIELD_OF.get(k) in form.steps.needs},
              "optout_email": optout_email}
    if "listing" in form.steps.needs and listing:
        values["listing_url"] = listing
    out = {}
    for number, step in enumerate(form.steps.steps):
        for selector, template in step.fields:
            def fill(match: re.Match) -> str:
                name = match.group(1)
                value = transform(values.get(name, ""), match.group(2))
                if not value:
                    raise NotFillable(f"{form.site.name}'s form needs {NEED_WORDS.get(FIELD_OF.get(name, ''), name)}, "
                                      "which your profile does not have" if name != "listing_url" else
                                      f"{form.site.name}'s form needs the address of your listing, and the scan "
                                      "found none: file it by hand")
                return value
            out[(number, selector)] = PLACEHOLDER.sub(fill, template)
    return out


def chosen_listing(task: Mapping[str, Any], site: Site, sandbox: bool) -> str:
    """The listing the form is about: the first the scan found on the form's own site, else on any of the
    task's sites; only plain links (scraped text never reaches a form unchecked)."""
    urls = listing_urls(task)
    own = [u for u in urls if safe_listing_url(u, "" if sandbox else site.domain) and f"/s/{site.id}/" in u] \
        if sandbox else [u for u in urls if safe_listing_url(u, site.domain)]
    return (own or [u for u in urls if safe_listing_url(u)] or [""])[0]


def start_url(site: Site, sandbox_url: str) -> str:
    """The opt-out page; in the sandbox, the simulated web's copy of it (same path, under /o/<site id>)."""
    if not sandbox_url:
        return site.optout.url
    parts = urlsplit(site.optout.url)
    return f"{sandbox_url}/o/{site.id}{parts.path or '/'}" + (f"?{parts.query}" if parts.query else "")


def own_hosts(site: Site, sandbox: bool) -> tuple[str, ...]:
    """The hosts the opt-out pages may load: the opt-out page's host and the site's domain (and its
    declared asset hosts); in the sandbox, this computer only."""
    if sandbox:
        return ("127.0.0.1",)
    host = (urlsplit(site.optout.url).hostname or "").lower()
    return tuple(dict.fromkeys(h.removeprefix("www.") for h in (host, site.domain, *site.fetch.asset_hosts) if h))


def what_it_gets(form: WebForm) -> str:
    """"your name, the address of your listing and the email address you keep for opt-outs"."""
    words = [NEED_WORDS[n] for n in form.steps.needs] + [NEED_WORDS["optout_email"]]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
