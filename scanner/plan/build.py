"""Task builders for scanner.plan.planner: one function per task type, our own words only.

Every title, step and explanation here is made from the catalog, the rules files, finding kinds
and the profile's relation words. Finding values, evidence, subjects, reasons and URLs are never
formatted into them.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from urllib.parse import urlsplit

from scanner.plan.letters import long_date, safe_listing_url
from scanner.plan.model import (
    Bucket,
    Link,
    SourceInfo,
    Task,
    is_known,
    safe_id,
    slug,
    subject_key,
    unique_asks,
)
from scanner.plan.ruleset import Rules
from scanner.profile import US_STATES, Profile

SEVERITIES = ("critical", "high", "medium", "low", "info")
MAX_NAMES = 4


@dataclass(frozen=True)
class Context:
    rules: Rules
    sites: dict                      # catalog: site id -> Site
    info: dict[str, SourceInfo]
    profile: Profile
    state: str                       # the user's home state ("" if unknown)
    today: _dt.date | None = None    # the plan's date (dated steps are left out without it)


def build_task(bucket: Bucket, ctx: Context) -> Task | None:
    builder = {"optout": _optout, "contact": _contact, "setting": _setting, "account": _account,
               "hardening": _hardening, "manual": _manual}[bucket.ref[0]]
    return builder(bucket, ctx)


# --- shared pieces ---------------------------------------------------------------------------


def source_name(site: str, ctx: Context) -> str:
    if site in ctx.sites:
        return ctx.sites[site].name
    if is_known(site, ctx):
        return ctx.info[site].name
    return "a page you checked" if not site else "another website"


def _findings(bucket: Bucket) -> list:
    return [bucket.findings[fp] for fp in sorted(bucket.findings)]


def _worst(findings: list) -> str:
    ranks = [SEVERITIES.index(f.severity) for f in findings if f.severity in SEVERITIES]
    return SEVERITIES[min(ranks)] if ranks else ("info" if findings else "")


def _weight(findings: list, ctx: Context, factor: float = 1.0) -> float:
    return round(factor * sum(ctx.rules.impact.get(f.severity, ctx.rules.impact["info"]) for f in findings), 3)


def _domain(site: str, ctx: Context) -> str:
    if site in ctx.sites:
        return ctx.sites[site].domain
    url = ctx.info[site].url if is_known(site, ctx) else ""
    return (urlsplit(url).hostname or "") if url else ""


def _listing_urls(findings: list, ctx: Context) -> tuple[str, ...]:
    urls = []
    for f in findings:
        site = f.site if isinstance(f.site, str) else ""
        url = safe_listing_url(f.source_url, _domain(site, ctx))
        if url and url not in urls:
            urls.append(url)
    return tuple(urls)


def _join(names: list[str] | tuple[str, ...]) -> str:
    names = list(dict.fromkeys(names))
    if len(names) > MAX_NAMES:
        rest = len(names) - (MAX_NAMES - 1)
        names = names[:MAX_NAMES - 1] + [f"{rest} other sites"]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _whose(subject: str, ctx: Context) -> str:
    key, relation = subject_key(subject, ctx.profile)
    if key == "self":
        return "your"
    return f"your {relation}'s" if relation and relation != "other" else "a family member's"


def why(findings: list, ctx: Context) -> str:
    """'TruePeopleSearch and FastPeopleSearch show your home address and your spouse's phone number.'"""
    if not findings:
        return ""
    # the sites in id order: the same list, in the same order, as the task's title and site_names
    names = [source_name(site, ctx) for site in sorted({f.site if isinstance(f.site, str) else "" for f in findings})]
    things: list[str] = []
    for f in sorted(findings, key=lambda f: (SEVERITIES.index(f.severity) if f.severity in SEVERITIES else 9, f.kind)):
        words = ctx.rules.kinds.get(f.kind, "{whose} personal details")
        phrase = words.replace("{whose}", _whose(f.subject, ctx))
        if phrase not in things:
            things.append(phrase)
    verb = "shows" if len(set(names)) == 1 else "show"
    where = _join(names)
    return f"{where[:1].upper()}{where[1:]} {verb} {_join_all(things)}."


def _join_all(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _fill(template: str, values: dict[str, str]) -> str:
    out = template
    for key, value in values.items():
        out = out.replace("{" + key + "}", value)
    return out


def _family_note(findings: list, ctx: Context) -> list[str]:
    whose = sorted({_whose(f.subject, ctx) for f in findings} - {"your"})
    if not whose:
        return []
    return [f"Listings about {_join_all([w.removesuffix(chr(39) + 's') for w in whose])} need their own request, "
            "sent by them or with their permission; the letter below works for them with their own name."]


def _base(bucket: Bucket, ctx: Context, **fields) -> Task:
    findings = _findings(bucket)
    sites = tuple(sorted({f.site for f in findings if isinstance(f.site, str) and is_known(f.site, ctx)}))
    defaults = dict(
        key=bucket.key, kind=bucket.kind, why=why(findings, ctx), fingerprints=tuple(sorted(bucket.findings)),
        sites=sites, site_names=tuple(source_name(s, ctx) for s in sites), severity=_worst(findings),
        impact=_weight(findings, ctx), links=(), methods=(), steps=(), listing_urls=_listing_urls(findings, ctx),
    )
    defaults.update(fields)
    return Task(**defaults)


# --- opt-out requests ------------------------------------------------------------------------


def _method_steps(methods: tuple[str, ...], values: dict[str, str], ctx: Context) -> tuple[list[str], list[str]]:
    steps: list[str] = []
    asks: list[str] = []
    for method in methods:
        spec = ctx.rules.methods.get(method)
        if spec is None:
            continue
        steps += [_fill(s, values) for s in spec.steps]
        asks += list(spec.asks_for)
    return list(dict.fromkeys(steps)), list(dict.fromkeys(asks))


def _optout(bucket: Bucket, ctx: Context) -> Task:
    group = bucket.ref[1]
    findings = _findings(bucket)
    listed = sorted({f.site for f in findings if f.site in ctx.sites})
    family = sorted(s.id for s in ctx.sites.values() if (slug(s.optout.parent) or s.id) == group)
    parent_site = next((ctx.sites[s] for s in family if slug(ctx.sites[s].name) == group or s == group), None)
    entries = [ctx.sites[s] for s in listed]
    primary = parent_site or entries[0]
    company = primary.name if parent_site else (primary.optout.parent or primary.name)
    names = [e.name for e in entries]
    in_catalog = {k for s in family for k in (ctx.sites[s].domain.casefold(), ctx.sites[s].name.casefold())}
    covers = list(dict.fromkeys([ctx.sites[s].name for s in family if s not in listed and ctx.sites[s] is not primary]
                                + [c for s in family for c in ctx.sites[s].optout.covers
                                   if c.casefold().removeprefix("www.") not in in_catalog]))
    methods = tuple(dict.fromkeys(m for e in [primary, *entries] for m in e.optout.methods))
    processing = max(e.optout.processing_days for e in [primary, *entries])
    recheck = max(e.optout.recheck_days for e in [primary, *entries])
    values = {"company": company, "site_names": _join(names), "optout_url": primary.optout.url,
              "email_to": primary.optout.email or "the address on the opt-out page",
              "processing_days": str(processing or 30), "recheck_days": str(recheck or 30)}
    steps: list[str] = []
    if len(names) > 1 or primary.name not in names:
        steps.append(f"One request to {company} is meant to cover {_join(names)}.")
    method_steps, asks = _method_steps(methods, values, ctx)
    steps += method_steps
    own_pages = [e for e in entries if e is not primary and e.optout.url != primary.optout.url]
    if len(own_pages) > MAX_NAMES - 1:
        steps.append(f"If one of these sites still shows you after {values['processing_days']} days, use that "
                     "site's own removal page (each is in the links below).")
    else:
        steps += [f"If {e.name} still shows you after {values['processing_days']} days, use its own removal page: "
                  f"{e.optout.url}" for e in own_pages]
    requires = list(dict.fromkeys(r for e in [primary, *entries] for r in e.optout.requires))
    steps += list(dict.fromkeys(req.advice for req in ctx.rules.requirements for r in requires if req.applies(r)))
    steps += [f"Good to know about {e.name}: {e.optout.notes}" for e in dict.fromkeys([primary, *entries]) if e.optout.notes]
    if covers:
        steps.append(f"The same request should also cover {_join(covers).replace(' other sites', ' other sites of the family')}.")
    steps += _family_note(findings, ctx)
    steps += [_fill(s, values) for s in ctx.rules.closing]
    links = [Link(f"Opt-out page of {company}", primary.optout.url)]
    links += [Link(f"Other link to the same opt-out of {primary.name}", u) for u in primary.optout.urls]
    links += [Link(f"Removal page of {e.name}", e.optout.url) for e in entries
              if e is not primary and e.optout.url not in {link.url for link in links}]
    owner = "your" if any(_whose(f.subject, ctx) == "your" for f in findings) else _whose(findings[0].subject, ctx)
    if len(names) == 1 and company == names[0]:
        title = f"Remove {owner} listing from {company}"
    elif len(names) == 1:
        title = f"Remove {owner} listing from {names[0]} (a {company} site)"
    else:
        title = f"Remove {owner} listings from the {company} sites: {_join(names)}"
    return _base(bucket, ctx, title=title, links=tuple(links), methods=methods, steps=tuple(steps),
                 asks_for=unique_asks(asks + requires), dont_give=ctx.rules.dont_give,
                 processing_days=processing, recheck_days=recheck, company=company,
                 email_to=primary.optout.email if "email" in methods else "", covers=tuple(covers),
                 impact=_weight(findings, ctx) + 1.0 * (len(listed) - 1))


def _contact(bucket: Bucket, ctx: Context) -> Task:
    site = bucket.ref[1]
    findings = _findings(bucket)
    if site:
        name = source_name(site, ctx)
        title = f"Ask {name} to remove or correct your details"
        info = ctx.info.get(site)
        links = (Link(f"Start page for {name}", info.url),) if info and info.url else ()
    else:
        name = "the website"
        title = "Ask the websites of the pages you checked to remove your details"
        links = ()
    steps = [
        f"Open {name} and look for a link named 'Privacy', 'Do not sell or share my information', "
        "'Remove my information' or 'Contact' (usually at the bottom of the page).",
        "If you have an account or a profile there, first change or delete the details yourself.",
        "Otherwise send the letter below through that form or to the privacy email address the site gives.",
        *(_family_note(findings, ctx)),
        *[_fill(s, {"processing_days": "30", "recheck_days": "30"}) for s in ctx.rules.closing],
    ]
    return _base(bucket, ctx, title=title, links=links, methods=("web_form", "email"), steps=tuple(steps),
                 asks_for=("your name as it appears on the page", "the link to the page"),
                 dont_give=ctx.rules.dont_give, processing_days=30, recheck_days=30,
                 company=name if site else "")


# --- settings --------------------------------------------------------------------------------


def _setting_title(name: str, own_title: str, subject: str, ctx: Context) -> str:
    if subject == "self":
        return own_title or f"{name}: change your privacy settings"
    whose = _relation_of(subject, ctx)
    return f"{name}: help {whose} change their privacy settings"


def _relation_of(subject_key_value: str, ctx: Context) -> str:
    for member in ctx.profile.family:
        if subject_key(member.name, ctx.profile)[0] == subject_key_value:
            return f"your {member.relation}" if member.relation != "other" else "your family member"
    return "your family member"


def _setting(bucket: Bucket, ctx: Context) -> Task:
    platform = ctx.rules.platforms[bucket.ref[1]]
    subject = bucket.ref[2]
    steps = [f"Where: {platform.where}.", *platform.steps,
             f"If a menu has moved, look for '{platform.find}'."]
    if subject != "self":
        steps.insert(0, f"These are {_relation_of(subject, ctx)}'s settings: share these steps with them; "
                        "only they can change them.")
    links = (Link(f"{platform.name} settings", platform.url),) if platform.url else ()
    return _base(bucket, ctx, title=_setting_title(platform.name, platform.title, subject, ctx), links=links,
                 steps=tuple(steps), recheck_days=90)


def _account(bucket: Bucket, ctx: Context) -> Task:
    site, subject = bucket.ref[1], bucket.ref[2]
    name = source_name(site, ctx)
    steps = [
        f"Sign in to {name} and open its privacy settings.",
        "Make the account private if you do not need it public, or delete it if you no longer use it.",
        "Remove your city, workplace, phone number and family members from the profile, and hide your friends or followers list.",
        "Check older posts and photos for your street, your car or your children's school, and hide or delete them.",
    ]
    if subject != "self":
        steps.insert(0, f"This is {_relation_of(subject, ctx)}'s account: share these steps with them.")
    return _base(bucket, ctx, title=_setting_title(name, "", subject, ctx), steps=tuple(steps), recheck_days=90)


# --- hardening and manual checks ----------------------------------------------------------------


def _hardening(bucket: Bucket, ctx: Context) -> Task:
    measure = ctx.rules.measures[bucket.ref[1]]
    findings = _findings(bucket)
    steps = list(measure.steps)
    links = [Link(measure.title if i == 0 else "More information", u) for i, u in enumerate(measure.urls)]
    if measure.id == "address-confidentiality":
        program = ctx.rules.programs.get(ctx.state)
        state_name = US_STATES.get(ctx.state, "your state")
        if program:
            steps.insert(0, f"In {state_name}, the programme is called {program.name} and is run by the {program.agency}.")
            if program.also:
                steps.insert(1, program.also)
            if program.url:
                links.append(Link(program.name, program.url))
            else:
                steps.insert(1, f"Search the {program.agency}'s website for '{program.name}'.")
            if program.certainty == "check":
                steps.append("Check the programme's name and office on the state's website: they may have changed.")
        else:
            steps.insert(0, f"Ask the Secretary of State or the Attorney General of {state_name} whether it runs an "
                            "address-confidentiality programme: most states do.")
    steps += _scope(measure, ctx)
    return _base(bucket, ctx, title=measure.title, links=tuple(links), steps=tuple(steps),
                 asks_for=measure.asks_for, dont_give=measure.dont_give, processing_days=measure.processing_days,
                 recheck_days=measure.recheck_days,
                 impact=round(measure.impact * min(_weight(findings, ctx), ctx.rules.impact["hardening_cap"]), 3),
                 why=f"{measure.summary} {why(findings, ctx)}".strip(), listing_urls=())


def _scope(measure, ctx: Context) -> list[str]:
    """A measure's dated step (by the plan's date against state_laws.toml [drop]), what it covers and what not."""
    drop = ctx.rules.drop
    values = {"open_from": long_date(drop.open_from), "brokers_from": long_date(drop.brokers_from),
              "cycle_days": str(drop.cycle_days)}
    steps = []
    if measure.timeline and ctx.today is not None:
        phase = 0 if ctx.today < drop.open_from else 1 if ctx.today < drop.brokers_from else 2
        steps.append(_fill(measure.timeline[phase], values))
    if measure.covers:
        steps.append(f"What this covers: {_fill(measure.covers, values)}")
    if measure.not_covered:
        steps.append(f"What this does not cover: {'; '.join(measure.not_covered)}.")
    return steps


def _manual(bucket: Bucket, ctx: Context) -> Task:
    _, site, status, search_url = bucket.ref
    entry = ctx.sites.get(site)
    name = source_name(site, ctx)
    domain = entry.domain if entry else _domain(site, ctx)
    search = safe_listing_url(search_url, domain) if domain or not entry else ""
    if entry and not search:
        search = entry.manual_url or entry.base_url
    reason = {"BLOCKED": "showed a robot check or refused the automatic search",
              "ERROR": "did not answer the automatic search as expected"}.get(status, "is not searched automatically")
    if entry and status == "SKIPPED" and entry.disabled_reason:
        reason += f" ({entry.disabled_reason.rstrip('.')})"
    steps = ["Open the search link below in your browser (it may ask you to confirm you are not a robot).",
             "Look for a listing with your name and your town, your relatives or your phone number."]
    links = [Link(f"Search {name}", search)] if search else []
    methods: tuple[str, ...] = ()
    company = name
    processing = recheck = 0
    if entry:
        company = entry.optout.parent or entry.name
        methods = entry.optout.methods
        processing, recheck = entry.optout.processing_days, entry.optout.recheck_days
        values = {"company": company, "site_names": entry.name, "optout_url": entry.optout.url,
                  "email_to": entry.optout.email or "the address on the opt-out page",
                  "processing_days": str(processing or 30), "recheck_days": str(recheck or 30)}
        method_steps, _ = _method_steps(methods, values, ctx)
        steps.append(f"If you find one, remove it ({ctx.rules.methods[methods[0]].label}):")
        steps += method_steps
        links.append(Link(f"Opt-out page of {company}", entry.optout.url))
    else:
        steps.append("If you find one, look for its 'Privacy' or 'Remove my information' page and send the letter below.")
    steps.append("If nothing about you is there, mark this task done; the next scan will try the site again.")
    priority = entry.priority if entry else "normal"
    return Task(key=bucket.key, kind="manual_check", title=f"Check {name} yourself: it could not be searched automatically",
                why=f"{name[:1].upper()}{name[1:]} {reason}, so we do not know whether it lists you.",
                fingerprints=(), sites=(site,) if is_known(site, ctx) else (safe_id(site),),
                site_names=(name,), severity="", impact=ctx.rules.impact.get(f"manual_{priority}", 2.0),
                links=tuple(links), methods=methods, steps=tuple(steps), dont_give=ctx.rules.dont_give,
                processing_days=processing, recheck_days=recheck, company=company,
                email_to=entry.optout.email if entry and "email" in methods else "")
