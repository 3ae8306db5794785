"""Deletion / opt-out letters, prefilled from the profile, per the user's home state.

What a letter contains, by design: the user's name, the city and state of the home address, the
names of the listed sites (from our catalog) and the links to the listings when they are safe
http(s) links on that site. It never contains the street address, the birth date, the phone
numbers or the email addresses of the profile: a broker needs only the listing to find the record,
and anything else we send may end up in its files. The reply goes to the address the user sends
from (a mailto: link) or types into the form: use the address kept for opt-outs.

Pure functions: the date comes in as a parameter; the state-law table is package data.
"""

from __future__ import annotations

import datetime as _dt
import re
from urllib.parse import quote, urlsplit

from scanner.plan.model import Letter, Task
from scanner.plan.ruleset import Rules, StateLaw, default_rules
from scanner.profile import US_STATES, Profile

MAILTO_MAX = 1800        # mail clients and browsers truncate longer mailto: links
MAX_LISTING_URLS = 5
URL_MAX = 500
_URL_CHARS = re.compile(r"^[A-Za-z0-9\-._~:/?#@!$&*+,;=%]+$")
_LOOPBACK = ("127.0.0.1", "localhost")   # the simulated web of `unlisted demo`
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


def safe_listing_url(url: object, domain: str = "") -> str:
    """``url`` if it is a plain http(s) link (on ``domain`` or a subdomain, when given), else "".

    Listing URLs come from scraped pages: only printable ASCII without quotes, spaces, brackets
    or backslashes, no user:password@, at most 500 characters.
    """
    if not isinstance(url, str) or not url or len(url) > URL_MAX or not _URL_CHARS.match(url):
        return ""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https") or not host or parts.username is not None or "@" in parts.netloc:
        return ""
    domain = domain.lower().removeprefix("www.")
    if domain and host not in _LOOPBACK and host != domain and not host.endswith("." + domain):
        return ""
    return url


def home_state(profile: Profile) -> str:
    for address in profile.home_addresses:
        if address.state:
            return address.state
    return ""


def applicable_law(state: str, today: _dt.date, rules: Rules | None = None) -> StateLaw | None:
    """The state's consumer-privacy law with a deletion right, if it is in force on ``today``."""
    law = (rules or default_rules()).laws.get(state)
    return law if law and law.effective <= today else None


def long_date(day: _dt.date) -> str:
    return f"{_MONTHS[day.month - 1]} {day.day}, {day.year}"


def letter_for(task: Task, profile: Profile, today: _dt.date, rules: Rules | None = None) -> Letter:
    """The request for one task (an opt-out or a manual check), in the user's name."""
    rules = rules or default_rules()
    state = home_state(profile)
    law = applicable_law(state, today, rules)
    company = task.company or "your company"
    urls = [u for u in dict.fromkeys(task.listing_urls) if safe_listing_url(u)][:MAX_LISTING_URLS]
    if law:
        subject = f"Request to delete my personal information ({law.short})"
    else:
        subject = "Request to remove my listing and delete my personal information"
    body = _body(task, profile, today, state, law, company, urls)
    to_email = task.email_to or None
    mailto = None
    if to_email:
        mailto = _mailto(to_email, subject, body)
        if mailto is None:  # too long: the compact form (fewer links) usually fits
            mailto = _mailto(to_email, subject, _body(task, profile, today, state, law, company, urls[:1], compact=True))
    return Letter(subject=subject, body=body, to_email=to_email, mailto_url=mailto,
                  law=law.law if law else "", state=state, notes=_notes(state, law, today, rules, to_email, mailto))


def _place(profile: Profile) -> str:
    for city, state in profile.search_locations():
        return f"{city}, {state}"
    return ""


def _body(task: Task, profile: Profile, today: _dt.date, state: str, law: StateLaw | None, company: str,
          urls: list[str], compact: bool = False) -> str:
    name = profile.person.name
    sites = _join_names(task.site_names)
    lines = [f"To the privacy team of {company},", ""]
    if law and law.state == "CA":
        lines.append(
            f"I am a California resident. Under the {law.law} ({law.citation}), I request that you delete all "
            "personal information you hold about me. Under § 1798.120 I also opt out of the sale and sharing "
            "of my personal information."
        )
    elif law:
        scope = ("the personal data you hold about me" if law.deletion_scope == "all"
                 else "the personal data you hold about me, to the extent the law covers it")
        lines.append(
            f"I live in {US_STATES.get(state, state)}. Under the {law.law} ({law.citation}), I request that you "
            f"delete {scope}. I also opt out of the sale of my personal data, of targeted advertising and of "
            "profiling based on it."
        )
    else:
        lines.append(
            "I ask you to delete the personal information you hold about me, and to stop selling or sharing it. "
            "Your site offers a way to opt out, and I am using it with this request."
        )
    if sites:
        lines.append(f"Please remove every listing about me from {sites}.")
    lines += ["", "To find the records:", f"- Name: {name}"]
    place = _place(profile)
    if place:
        lines.append(f"- City and state: {place}")
    lines += [f"- Listing: {url}" for url in urls]
    lines.append("")
    lines.append("Please use these details only to find and delete my records, and do not add them to your files.")
    if law:
        lines.append(f"Please confirm in writing when the records are deleted; the law gives you {law.response_days} "
                     "days to respond.")
    else:
        lines.append("Please confirm in writing when the records are deleted.")
    if not compact:
        lines.append("If you need to verify this request, tell me what you need. I will not send a Social Security "
                     "number or a copy of an ID.")
    lines += ["", "Sincerely,", name, long_date(today)]
    return "\n".join(lines)


def _join_names(names: tuple[str, ...]) -> str:
    names = tuple(dict.fromkeys(names))
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _mailto(to_email: str, subject: str, body: str) -> str | None:
    url = f"mailto:{quote(to_email, safe='@')}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"
    return url if len(url) <= MAILTO_MAX else None


def _notes(state: str, law: StateLaw | None, today: _dt.date, rules: Rules, to_email: str | None,
           mailto: str | None) -> tuple[str, ...]:
    notes = []
    if state == "CA":
        drop = rules.drop
        if today < drop.open_from:
            notes.append(f"From {long_date(drop.open_from)}, California's DROP ({drop.url}) lets you send one "
                         "deletion request to every registered data broker.")
        elif today < drop.brokers_from:
            notes.append(f"You can also send one deletion request to every registered data broker through "
                         f"California's DROP ({drop.url}); brokers must start processing those requests on "
                         f"{long_date(drop.brokers_from)}.")
        else:
            notes.append(f"You can also send one deletion request to every registered data broker through "
                         f"California's DROP ({drop.url}); brokers process it every {drop.cycle_days} days.")
    pending = rules.laws.get(state)
    if law:
        answer = f"They have {law.response_days} days to answer"
        if law.extension_days:
            answer += f" and may take {law.extension_days} more if they tell you so"
        notes.append(answer + ("; if they refuse, the law lets you appeal to them, and then complain to your "
                               "state's attorney general." if law.appeal else "."))
        if law.certainty == "check":
            notes.append("We could not confirm every detail of this law; the letter still works as a plain request.")
    elif pending:
        notes.append(f"The {pending.law} takes effect on {long_date(pending.effective)}; until then this is a "
                     "plain request, which most sites honour.")
    else:
        notes.append("Your state has no consumer privacy law with a deletion right that we know of; this is a "
                     "plain request, which most sites honour.")
    notes.append("The letter leaves out your street address, birth date, phone and email on purpose; send it from "
                 "the email address you keep for opt-outs.")
    if to_email and mailto is None:
        notes.append("The letter is too long for an email link: copy it into a new message instead.")
    return tuple(notes)
