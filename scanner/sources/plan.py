"""What a source family's planner returns: the sources it reports on and the spider job that checks them.

The job names its spider by dotted path: scanner.crawl (the one Scrapy runner) imports it, nobody else."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SpiderJob:
    """A spider to run: its dotted class path (imported by scanner.crawl, so planners stay Scrapy-free) and arguments.

    Every spider yields items from spiders.items and reports one SiteOutcome per source it checks,
    through the `on_site_done` argument it receives and its `outcomes` dict.
    """

    spider: str
    kwargs: dict[str, Any]
    # Thousands of plain requests and no browser (the username checks): run in a process of its own when
    # the computer has a CPU to spare, since one Scrapy crawl keeps one CPU busy (scanner/crawl.py).
    beside: bool = False


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
