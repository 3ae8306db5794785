"""One task for every site to check by hand that is not crucial or high priority.

Crucial and high-priority sites we could not search keep a task each (scanner/plan/build.py _manual);
the others become one checklist: "Check these N sites by hand", each site with its search link, its
opt-out page and the reason we could not search it. The task's key never changes (task statuses are
kept by key across scans), whichever sites it lists this time.
"""

from __future__ import annotations

from scanner.plan.model import CheckItem, Link, Task

CHECKLIST_KEY = "checklist:by-hand"
FOLDED_PRIORITIES = ("normal",)


def keeps_own_task(priority: str) -> bool:
    return priority not in FOLDED_PRIORITIES


def checklist_task(manual: list[Task], ctx) -> Task | None:
    """The one checklist made of the manual-check tasks ``manual`` (each as build.py made it), or None."""
    if not manual:
        return None
    manual = sorted(manual, key=lambda t: (t.site_names[0].casefold() if t.site_names else "", t.key))
    items = []
    for t in manual:
        search = next((link.url for link in t.links if link.label.startswith("Search ")), "")
        optout = next((link.url for link in t.links if link.label.startswith("Opt-out page")), "")
        items.append(CheckItem(name=t.site_names[0] if t.site_names else t.title, why=t.why, url=search,
                               optout_url=optout))
    n = len(items)
    title = f"Check these {n} sites by hand" if n > 1 else f"Check this site by hand: {items[0].name}"
    steps = (
        "Open each site's search link (listed below) in your browser; some ask you to confirm you are not a robot.",
        "Look for a listing with your name and your town, your relatives or your phone number.",
        "If a site lists you, open its opt-out page (linked beside it), or look for its 'Privacy' or "
        "'Remove my information' page, and ask it to remove the listing.",
        "When you have looked at every site, mark this task done: the next scan tries these sites again.",
    )
    why = ("We could not search these sites automatically, or do not search them, so we do not know whether "
           "they list you. Most people are not on most of them: look when you have time.")
    links = tuple(Link(f"Search {item.name}", item.url) for item in items if item.url)
    return Task(key=CHECKLIST_KEY, kind="manual_check", title=title, why=why, fingerprints=(),
                sites=tuple(site for t in manual for site in t.sites), site_names=tuple(i.name for i in items),
                severity="", impact=ctx.rules.impact.get("manual_normal", 2.0), links=links, methods=(),
                steps=steps, dont_give=ctx.rules.dont_give, recheck_days=30, checklist=tuple(items))
