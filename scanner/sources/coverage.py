"""How much of a scan could look: searched, checked, could not check, skipped; and when that is too
little to reassure anyone (fewer than half of the sites it searched answered), the likely cause in
plain words. The scan summary, the report's first lines, its JSON and the exit code all read this."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Iterable

from scanner.words import plural

CHECKED = ("RESULTS", "NO_RESULTS")
UNCHECKED = ("BLOCKED", "ERROR")
UNREACHABLE = "could not reach the site"   # spiders/sourcebase.py: a request that got no answer at all
NEEDS_BROWSER = "needs Chrome or Chromium"    # spiders/browser: a site that needs a browser, and none was usable
NEEDS_ASSIST = "unlisted scan --assist"       # spiders/browser: a human check that only a person can pass


def needs_browser(status: str, detail: str) -> bool:
    return status == "ERROR" and (detail or "").startswith(NEEDS_BROWSER)


def needs_assist(status: str, detail: str) -> bool:
    return status == "BLOCKED" and NEEDS_ASSIST in (detail or "")


@dataclass(frozen=True)
class Coverage:
    total: int        # every source of the scan
    searched: int     # asked (total - skipped)
    checked: int      # answered with results or "not listed"
    blocked: int      # a robot check or a refusal
    unreachable: int  # no answer at all (offline, DNS, connection refused, timeout)
    failed: int       # other errors (an error page, the scan stopped before it answered)
    skipped: int      # not searched: the profile lacks the detail the site searches by, or not automatic
    need_browser: int = 0   # of the failed: sites that need a web browser, and none was usable
    need_assist: int = 0    # of the blocked: human checks that `unlisted scan --assist` lets the user pass

    @property
    def unchecked(self) -> int:
        return self.blocked + self.unreachable + self.failed

    @property
    def low(self) -> bool:
        """Fewer than half of the searched sites could be checked (or nothing could be searched)."""
        return self.checked * 2 < max(self.searched, 1)

    @property
    def cause(self) -> str:
        if not self.low:
            return ""
        if self.searched == 0:
            return "nothing_searched"
        if self.unreachable * 2 >= self.unchecked:
            return "offline"
        if self.blocked * 2 >= self.unchecked:
            return "blocked"
        return "errors"

    def warning(self) -> str:
        """One paragraph saying the results cannot reassure, and why; "" when coverage is fine."""
        if not self.low:
            return ""
        if self.cause == "nothing_searched":
            return ("None of the sites in this scan could be searched (each one's reason is listed), so this is "
                    "not an all-clear: check them by hand, or add the details they search by and scan again.")
        if self.checked:
            share = f"Only {self.checked} of the {plural(self.searched, 'site')} searched could be checked"
        else:
            share = ("The one site searched could not be checked" if self.searched == 1
                     else f"None of the {self.searched} sites searched could be checked")
        head = f"{share}, so this is not an all-clear: a site that could not be checked may still list you."
        why = {
            "offline": f" {self.unreachable} could not be reached at all: is this computer offline? "
                       "Check the internet connection and scan again.",
            "blocked": f" {self.blocked} showed a robot check or refused the automatic search: "
                       "check them by hand (the report lists them with links), or scan again later.",
            "errors": f" {self.unchecked} answered with an error: scan again later, or check them by hand "
                      "(the report lists them with links).",
        }[self.cause]
        return head + why

    def to_dict(self) -> dict:
        return {**asdict(self), "unchecked": self.unchecked, "low": self.low, "cause": self.cause,
                "warning": self.warning()}


def coverage_of(results: Iterable) -> Coverage:
    """From site results (anything with ``status`` and ``detail``, e.g. history.store.SiteResult)."""
    counts = dict.fromkeys(("checked", "blocked", "unreachable", "failed", "skipped", "need_browser", "need_assist"), 0)
    total = 0
    for r in results:
        total += 1
        counts["need_browser"] += needs_browser(r.status, r.detail)
        counts["need_assist"] += needs_assist(r.status, r.detail)
        if r.status in CHECKED:
            counts["checked"] += 1
        elif r.status == "BLOCKED":
            counts["blocked"] += 1
        elif r.status == "ERROR":
            counts["unreachable" if (r.detail or "").startswith(UNREACHABLE) else "failed"] += 1
        else:
            counts["skipped"] += 1
    return Coverage(total=total, searched=total - counts["skipped"], **counts)
