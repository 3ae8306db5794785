"""What a source family's planner returns: the sources it reports on and the spider job that checks them."""

from __future__ import annotations

from dataclasses import dataclass

from scanner.crawl import SpiderJob


@dataclass(frozen=True)
class SourcePlan:
    family: str                   # "people_search", "registry", "directory", "practice_site", "domain", "social", ...
    sources: tuple[tuple[str, str], ...]   # (source id, display name) for every source the job reports on
    job: SpiderJob | None         # None when nothing can be checked (the planner then says why via skipped)
    skipped: tuple[tuple[str, str], ...] = ()  # (source id, why) reported SKIPPED without a request


def site_bases(sites, sandbox_url: str, prefix: str = "s") -> dict[str, str]:
    """Each site's base URL; in sandbox mode every site is pointed at the local simulated web."""
    if sandbox_url:
        return {s.id: f"{sandbox_url.rstrip('/')}/{prefix}/{s.id}" for s in sites}
    return {s.id: s.base_url for s in sites}
