"""Sites to check by hand: the manual-check tasks merged with the sites we could not check.

DESIGN rule 3: a site we could not check is never shown as "not listed"; it always gets an entry
here, with the exact link, even if the service forgot to list it or to plan a task for it: its own
item, or a line of the list of sites to check by hand (the checklist task, scanner/plan/checklist.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .labels import MANUAL_CHECK_HINTS, MANUAL_STATUS_LABELS, MANUAL_STATUSES, UNCHECKED_STATUSES
from .schema import _enum, _str
from .tasks import TaskView


@dataclass(frozen=True)
class ManualCheckView:
    site: str
    site_name: str
    status_label: str
    hint: str
    reason: str
    search_url: str
    optout_url: str


@dataclass(frozen=True)
class ManualItem:
    """One site to look at: its check (why we could not), its task (what to do), or both."""
    check: ManualCheckView | None
    task: TaskView | None

    @property
    def title(self) -> str:
        if self.task is not None and (self.task.checklist or not self.task.site_names) and self.check is None:
            return self.task.title
        return self.check.site_name if self.check else self.task.site_names[0]


def _checks(raw_checks: list[Any], sites: list[dict[str, Any]]) -> list[ManualCheckView]:
    checks, seen = [], set()
    for i, raw in enumerate(raw_checks):
        p = f"manual_checks[{i}]"
        status = _enum(raw, "status", p, MANUAL_STATUSES)
        site = _str(raw, "site", p)
        seen.add(site)
        checks.append(ManualCheckView(
            site=site, site_name=_str(raw, "site_name", p), status_label=MANUAL_STATUS_LABELS[status],
            hint=MANUAL_CHECK_HINTS[status], reason=_str(raw, "reason", p),
            search_url=_str(raw, "search_url", p), optout_url=_str(raw, "optout_url", p),
        ))
    for site in sites:
        if site["status"] in UNCHECKED_STATUSES and site["id"] not in seen:
            seen.add(site["id"])
            checks.append(ManualCheckView(
                site=site["id"], site_name=site["name"], status_label=MANUAL_STATUS_LABELS[site["status"]],
                hint=MANUAL_CHECK_HINTS[site["status"]], reason=site["detail"],
                search_url=site["search_url"], optout_url=site["optout_url"],
            ))
    return checks


def build_manual(raw_checks: list[Any], sites: list[dict[str, Any]],
                 tasks: tuple[TaskView, ...]) -> list[ManualItem]:
    """Open tasks first (in the plan's order), each with its site's check; then the checks that have no
    task; then the tasks waiting to be confirmed, or closed. A site the list of sites to check by hand
    names (a task with a checklist) is shown in that list, not again on its own."""
    checks = _checks(raw_checks, sites)
    by_key = {f"manual:{c.site}": c for c in checks}
    with_task, used = [], {site for task in tasks if task.checklist for site in task.sites}
    for task in tasks:
        check = by_key.get(task.key)
        if check is not None and check.site not in used:
            used.add(check.site)
            with_task.append(ManualItem(check, task))
        else:
            with_task.append(ManualItem(None, task))
    alone = [ManualItem(c, None) for c in checks if c.site not in used]
    return ([i for i in with_task if i.task.is_open] + alone + [i for i in with_task if not i.task.is_open])
