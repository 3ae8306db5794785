"""Report view-model: the service's plain report dict -> frozen, display-ready objects.

Nothing in this module (or in findings.py, tasks.py, manual.py, changes.py) produces markup.
Every value stays a plain ``str`` and the templates escape it (DESIGN rule 6). The wording comes
from labels.py, so the templates stay simple. The dict is read strictly (reports/schema.py):
schema drift raises ``ReportSchemaError`` naming the path, before any template runs.

Optional keys, so older dicts and `unlisted analyze` reports still render: ``changes``
(reports/changes.py), ``tasks`` (reports/tasks.py), ``coverage`` (scanner/sources/coverage.py) and ``not_read_fully`` (`unlisted analyze`: one line
per input of which only a part was read, shown as a notice above everything else). Ignored: ``optout_families`` (kept in the
JSON for other readers; the opt-out plan is built from the tasks, one way only).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from .changes import ChangesView, build_changes
from .findings import FindingView, SiteGroup, build_groups
from .labels import (
    INCOMPLETE_NOTICES,
    SCAN_MODES,
    SCAN_STATES,
    SCORE_RULE,
    SCORE_WEIGHTS,
    SEVERITIES,
    SEVERITY_LABELS,
    SITE_STATUSES,
    site_status,
)
from .manual import ManualCheckView, ManualItem, build_manual
from .schema import ReportSchemaError, _enum, _get, _int, _list, _str, _texts
from .tasks import PlanView, TaskView, build_plan

__all__ = ["FindingView", "ManualCheckView", "ManualItem", "ReportSchemaError", "ReportView", "SECTIONS", "Section",
           "SiteGroup", "TaskView", "build_view"]


@dataclass(frozen=True)
class Section:
    anchor: str      # the id of the template's <section>, for the table of contents
    title: str       # its line in the table of contents
    template: str    # its partial in templates/
    needs: str = ""  # a ReportView field the section shows, which must be set ("" = always shown)


# The report's sections, in order. A new section: a line here, its partial in templates/, and (when it
# needs data the report dict lacks) its key in scanner/reportdata.py.
SECTIONS = (
    Section("summary", "At a glance", "_summary.html.j2"),
    Section("first", "What to do first", "_first.html.j2", needs="plan"),
    Section("optouts", "Opt-outs to file, one per company", "_optouts.html.j2"),
    Section("settings", "Settings to change and other protections", "_settings.html.j2", needs="plan"),
    Section("manual-checks", "Sites to check yourself", "_manual_checks.html.j2"),
    Section("changes", "What changed since last time", "_changes.html.j2", needs="changes"),
    Section("findings", "Everything we found", "_findings.html.j2"),
    Section("sites", "Every site in this scan", "_sites.html.j2"),
)


@dataclass(frozen=True)
class SeverityCount:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class ScanView:
    id: int
    started_at: str
    finished_at: str
    state: str
    mode: str
    incomplete_notice: str | None
    is_sandbox: bool


@dataclass(frozen=True)
class SummaryView:
    findings: int
    possible_matches: int   # listings of the name in the town that the profile cannot confirm
    by_severity: tuple[SeverityCount, ...]
    sites_total: int
    sites_searched: int     # sites_total minus the skipped ones
    sites_checked: int
    sites_listed: int
    sites_unchecked: int
    sites_skipped: int
    score: int
    score_rule: str


@dataclass(frozen=True)
class CoverageView:
    """Set only when too little could be checked to reassure anyone: the report says so before anything else."""
    searched: int
    checked: int
    warning: str


@dataclass(frozen=True)
class SiteRow:
    name: str
    parent: str
    status_key: str  # css hook: listed | clear | unchecked | skipped
    status_label: str
    detail: str
    findings: int
    anchor: str | None  # in-page link to the site's findings, if any
    in_browser: bool = False   # fetched in a web browser (the site needed one)


@dataclass(frozen=True)
class ReportView:
    tool_version: str
    generated_at: str
    subject_name: str
    scan: ScanView
    summary: SummaryView
    groups: tuple[SiteGroup, ...]
    manual: tuple[ManualItem, ...]
    sites: tuple[SiteRow, ...]
    coverage: CoverageView | None = None  # set when fewer than half the searched sites could be checked
    plan: PlanView | None = None        # the tasks (reports/tasks.py); optional
    changes: ChangesView | None = None  # "what changed" + trend (reports/changes.py); optional
    sections: tuple[Section, ...] = ()  # the SECTIONS this report shows, in order
    not_read_fully: tuple[str, ...] = ()  # `unlisted analyze`: "only the first 10 MiB of x.html was read"
    manual_later: tuple[ManualItem, ...] = ()   # checks by hand kept for later (folded)
    browser_notes: tuple[str, ...] = ()   # sites that need a web browser or a person's help, once each kind


def _scan(raw: Any) -> ScanView:
    p = "scan"
    state = _enum(raw, "state", p, SCAN_STATES)
    mode = _enum(raw, "mode", p, SCAN_MODES)
    return ScanView(
        id=_int(raw, "id", p),
        started_at=_str(raw, "started_at", p),
        finished_at=_str(raw, "finished_at", p),
        state=state,
        mode=mode,
        incomplete_notice=INCOMPLETE_NOTICES.get(state),
        is_sandbox=mode == "sandbox",
    )


def _summary(raw: Any, changes: ChangesView | None) -> SummaryView:
    p = "summary"
    by_sev = _get(raw, "by_severity", p)
    counts = tuple(
        SeverityCount(key, SEVERITY_LABELS[key], _int(by_sev, key, f"{p}.by_severity"))
        for key in SEVERITIES
    )
    unknown = set(by_sev) - set(SEVERITIES)
    if unknown:
        raise ReportSchemaError(f"{p}.by_severity: unknown severity {sorted(unknown)[0][:40]!r}")
    return SummaryView(
        findings=_int(raw, "findings", p),
        possible_matches=_int(raw, "possible_matches", p),
        by_severity=counts,
        sites_total=_int(raw, "sites_total", p),
        sites_searched=_int(raw, "sites_searched", p),
        sites_checked=_int(raw, "sites_checked", p),
        sites_listed=_int(raw, "sites_listed", p),
        sites_unchecked=_int(raw, "sites_unchecked", p),
        sites_skipped=_int(raw, "sites_skipped", p),
        score=changes.score if changes else sum(SCORE_WEIGHTS[c.key] * c.count for c in counts),
        score_rule=changes.score_rule if changes else SCORE_RULE,
    )


def _coverage(raw: Any) -> CoverageView | None:
    """The optional ``coverage`` object (scanner/sources/coverage.py to_dict); None unless it is low."""
    if raw is None:
        return None
    p = "coverage"
    low = _get(raw, "low", p)
    if not isinstance(low, bool):
        raise ReportSchemaError(f"{p}.low: expected true or false")
    if not low:
        return None
    return CoverageView(searched=_int(raw, "searched", p), checked=_int(raw, "checked", p),
                        warning=_str(raw, "warning", p))


FETCHED_WITH = ("", "http", "browser")


def _browser_notes(sites: list[dict[str, Any]]) -> tuple[str, ...]:
    from scanner.sources.coverage import needs_assist, needs_browser
    from spiders.browser.locate import HOW_TO_FIX

    browser = sum(needs_browser(s["status"], s["detail"]) for s in sites)
    assist = sum(needs_assist(s["status"], s["detail"]) for s in sites)
    notes = []
    if browser:
        notes.append(f"{browser} {'site needs' if browser == 1 else 'sites need'} a web browser, and none could be "
                     f"used, so {'it was' if browser == 1 else 'they were'} not checked: {HOW_TO_FIX}.")
    if assist:
        notes.append(f"{assist} {'site' if assist == 1 else 'sites'} asked for a human check (a robot test that only "
                     f"a person can pass): run `unlisted scan --assist` to pass {'it' if assist == 1 else 'them'} yourself in a "
                     "browser window.")
    return tuple(notes)


def _site_raw(raw: Any, p: str) -> dict[str, Any]:
    return {
        "id": _str(raw, "id", p),
        "name": _str(raw, "name", p),
        "status": _enum(raw, "status", p, SITE_STATUSES),
        "detail": _str(raw, "detail", p),
        "search_url": _str(raw, "search_url", p),
        "optout_url": _str(raw, "optout_url", p),
        "parent": _str(raw, "parent", p),
        "findings": _int(raw, "findings", p),
        "fetched_with": _enum(raw, "fetched_with", p, FETCHED_WITH) if "fetched_with" in raw else "",
    }


def build_view(report: Mapping[str, Any]) -> ReportView:
    """Validate ``report`` and turn it into the objects the templates render."""
    scan = _scan(_get(report, "scan", ""))
    changes = build_changes(report.get("changes"))
    summary = _summary(_get(report, "summary", ""), changes)
    sites = [_site_raw(raw, f"sites[{i}]") for i, raw in enumerate(_list(report, "sites", ""))]
    plan = build_plan(report.get("tasks"))
    groups = build_groups(_list(report, "findings", ""), {site["id"]: site for site in sites},
                          plan.refs_for() if plan else {})
    anchor_by_site = {group.site_id: group.anchor for group in groups}
    manual = build_manual(_list(report, "manual_checks", ""), sites, plan.manual if plan else ())
    rows = []
    for site in sites:
        key, label = site_status(site["status"], site["findings"])
        rows.append(
            SiteRow(
                name=site["name"],
                parent=site["parent"],
                status_key=key,
                status_label=label,
                detail=site["detail"],
                findings=site["findings"],
                anchor=anchor_by_site.get(site["id"]) if site["findings"] > 0 else None,
                in_browser=site["fetched_with"] == "browser",
            )
        )
    view = ReportView(
        tool_version=_str(report, "tool_version", ""),
        generated_at=_str(report, "generated_at", ""),
        subject_name=_str(report, "subject_name", ""),
        scan=scan,
        summary=summary,
        groups=tuple(groups),
        manual=tuple(i for i in manual if not (i.task and i.task.is_later)),
        manual_later=tuple(i for i in manual if i.task and i.task.is_later),
        sites=tuple(rows),
        coverage=_coverage(report.get("coverage")),
        plan=plan,
        changes=changes,
        not_read_fully=_texts(report, "not_read_fully", "") if "not_read_fully" in report else (),
        browser_notes=_browser_notes(sites),
    )
    return replace(view, sections=tuple(s for s in SECTIONS if not s.needs or getattr(view, s.needs)))
