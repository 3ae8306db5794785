"""The sources a scan checks, and how each becomes spider jobs.

Each source family has a planner: (profile, config, today) -> list of SourcePlan. A plan names the
source ids it will report a status for (every one of them ends with exactly one status) and the
spider job that checks them. New families add a planner to PLANNERS.
"""

from __future__ import annotations

import datetime as _dt
from typing import Callable

from scanner.config import Config
from scanner.profile import Profile
from scanner.sources import professional
from scanner.sources.plan import SourcePlan, SpiderJob, site_bases
from scanner.sources.social import plan_usernames, social_source_names


def plan_people_search(profile: Profile, config: Config, today: _dt.date,
                       site_ids: tuple[str, ...] = ()) -> list[SourcePlan]:
    from scanner.sources.queries import missing_details, plan_site
    from spiders.catalog import default_catalog
    from spiders.catalog.lookup import select_sites

    sites = select_sites(default_catalog(), site_ids)
    bases = site_bases(sites, config.sandbox_url)
    queries = [q for s in sites for q in plan_site(s, profile, bases[s.id], today)]
    lacking = {s.id: needs for s in sites if (needs := missing_details(s, profile, today))}
    searched = tuple(s for s in sites if s.id not in lacking)
    job = SpiderJob("spiders.base.CatalogSpider", {"sites": searched, "bases": bases, "queries": queries})
    skipped = tuple((sid, needs_words(needs)) for sid, needs in lacking.items())
    return [SourcePlan("people_search", tuple((s.id, s.name) for s in sites), job if searched else None, skipped)]


def needs_words(needs: tuple[str, ...]) -> str:
    """The SKIPPED reason of a site the profile cannot search: names the missing details (the report and the
    scan summary group sites by it)."""
    return f"{NEEDS_PREFIX}{' and '.join(needs)}, which is not in your profile"


NEEDS_PREFIX = "searches by "


def people_search_names() -> dict[str, str]:
    from spiders.catalog import default_catalog

    return {s.id: s.name for s in default_catalog()}


Planner = Callable[..., list[SourcePlan]]
PLANNERS: dict[str, Planner] = {
    "people_search": plan_people_search,
    "social": plan_usernames,
    "registry": professional.plan_npi,
    "directory": professional.plan_directories,
    "licence": professional.plan_licence,
    "practice_site": professional.plan_practice_site,
    "domain": professional.plan_domain,
}


def plan_scan(profile: Profile, config: Config, today: _dt.date, site_ids: tuple[str, ...] = ()) -> list[SourcePlan]:
    """Every source of a scan. With site_ids, only those catalog sites (and no other family)."""
    if site_ids:
        return plan_people_search(profile, config, today, site_ids)
    plans: list[SourcePlan] = []
    for planner in PLANNERS.values():
        plans.extend(planner(profile, config, today))
    return plans


# Display names of every source id a family can report on (reports read them; no network, no profile).
NAME_PROVIDERS: dict[str, Callable[[], dict[str, str]]] = {
    "people_search": people_search_names,
    "social": social_source_names,
    "professional": professional.professional_names,
}


def known_source_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for provider in NAME_PROVIDERS.values():
        names.update(provider())
    return names
