"""Report view-model: the service's plain report dict -> frozen, display-ready objects.

Nothing in this module produces markup. Every value stays a plain ``str`` and the
templates escape it (DESIGN rule 6). The wording comes from labels.py, so the
templates stay simple.

Schema drift is caught here, before any template runs: a missing key, a value of the
wrong type or an unknown enum value raises ``ReportSchemaError`` naming the path
(``findings[2].evidence``). Extra keys are ignored so the service can add fields
before the report shows them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .labels import (
    INCOMPLETE_NOTICES,
    MANUAL_CHECK_HINTS,
    MANUAL_STATUS_LABELS,
    MANUAL_STATUSES,
    METHOD_LABELS,
    SCAN_MODES,
    SCAN_STATES,
    SEVERITIES,
    SEVERITY_LABELS,
    SITE_STATUSES,
    UNCHECKED_STATUSES,
    confidence_label,
    kind_label,
    site_status,
    subject_label,
)


class ReportSchemaError(ValueError):
    """The report dict does not have the shape the report expects."""


# --- view objects -----------------------------------------------------------------


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
    by_severity: tuple[SeverityCount, ...]
    sites_total: int
    sites_checked: int
    sites_listed: int
    sites_unchecked: int


@dataclass(frozen=True)
class FindingView:
    id: int
    kind_label: str
    value: str
    subject_label: str
    is_self: bool
    severity: str
    severity_label: str
    confidence_percent: int
    confidence_label: str
    evidence: str
    source_url: str
    reasons: tuple[str, ...]
    fix: str = ""             # optional: what to do about it, in plain words (professional sources)
    fix_url: str = ""         # optional: where to do it


@dataclass(frozen=True)
class SiteGroup:
    site_id: str
    anchor: str
    site_name: str
    parent: str
    search_url: str
    optout_url: str
    top_severity: str
    findings: tuple[FindingView, ...]


@dataclass(frozen=True)
class StorefrontView:
    name: str
    optout_url: str


@dataclass(frozen=True)
class OptOutFamilyView:
    """One opt-out request to file: a parent company's (covering its storefronts) or one site's own."""
    title: str                  # the parent company, or the site's name when it stands alone
    has_parent: bool
    head_name: str              # the site whose opt-out page is the one to use
    optout_url: str
    methods: tuple[str, ...]    # plain words
    requires: tuple[str, ...]
    email: str
    processing_days: int
    recheck_days: int
    notes: str
    covers: tuple[str, ...]     # every storefront the one request is meant to cover
    listed: tuple[StorefrontView, ...]   # the storefronts that listed you in this scan


@dataclass(frozen=True)
class ManualCheckView:
    site_name: str
    status_label: str
    hint: str
    reason: str
    search_url: str
    optout_url: str


@dataclass(frozen=True)
class SiteRow:
    name: str
    parent: str
    status_key: str  # css hook: listed | clear | unchecked | skipped
    status_label: str
    detail: str
    findings: int
    anchor: str | None  # in-page link to the site's findings, if any


@dataclass(frozen=True)
class ReportView:
    tool_version: str
    generated_at: str
    subject_name: str
    scan: ScanView
    summary: SummaryView
    groups: tuple[SiteGroup, ...]
    manual_checks: tuple[ManualCheckView, ...]
    sites: tuple[SiteRow, ...]
    optout_families: tuple[OptOutFamilyView, ...]
    changes: ChangesView | None = None  # "what changed" + trend (reports/changes.py); optional


# --- strict readers -----------------------------------------------------------------


def _where(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _get(obj: Any, key: str, path: str) -> Any:
    if not isinstance(obj, Mapping):
        raise ReportSchemaError(f"{path or 'report'}: expected an object")
    if key not in obj:
        raise ReportSchemaError(f"{_where(path, key)}: missing")
    return obj[key]


def _str(obj: Any, key: str, path: str) -> str:
    value = _get(obj, key, path)
    if not isinstance(value, str):
        raise ReportSchemaError(f"{_where(path, key)}: expected text, got {type(value).__name__}")
    return value


def _int(obj: Any, key: str, path: str) -> int:
    value = _get(obj, key, path)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ReportSchemaError(f"{_where(path, key)}: expected a whole number")
    return value


def _num(obj: Any, key: str, path: str) -> float:
    value = _get(obj, key, path)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ReportSchemaError(f"{_where(path, key)}: expected a number")
    return float(value)


def _enum(obj: Any, key: str, path: str, allowed: tuple[str, ...]) -> str:
    value = _str(obj, key, path)
    if value not in allowed:
        raise ReportSchemaError(f"{_where(path, key)}: unknown value {value[:40]!r}")
    return value


def _list(obj: Any, key: str, path: str) -> list[Any]:
    value = _get(obj, key, path)
    if not isinstance(value, list):
        raise ReportSchemaError(f"{_where(path, key)}: expected a list")
    return value


# --- builders -----------------------------------------------------------------------


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


def _summary(raw: Any) -> SummaryView:
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
        by_severity=counts,
        sites_total=_int(raw, "sites_total", p),
        sites_checked=_int(raw, "sites_checked", p),
        sites_listed=_int(raw, "sites_listed", p),
        sites_unchecked=_int(raw, "sites_unchecked", p),
    )


def _finding(raw: Any, p: str) -> tuple[str, str, FindingView]:
    """(site id, site name, finding) for one raw finding."""
    _str(raw, "fingerprint", p)  # not shown, but part of the contract
    subject = _str(raw, "subject", p)
    severity = _enum(raw, "severity", p, SEVERITIES)
    confidence = min(max(_num(raw, "confidence", p), 0.0), 1.0)
    reasons = _list(raw, "reasons", p)
    for i, reason in enumerate(reasons):
        if not isinstance(reason, str):
            raise ReportSchemaError(f"{p}.reasons[{i}]: expected text")
    view = FindingView(
        id=_int(raw, "id", p),
        kind_label=kind_label(_str(raw, "kind", p)),
        value=_str(raw, "value", p),
        subject_label=subject_label(subject),
        is_self=subject == "self",
        severity=severity,
        severity_label=SEVERITY_LABELS[severity],
        confidence_percent=round(confidence * 100),
        confidence_label=confidence_label(confidence),
        evidence=_str(raw, "evidence", p),
        source_url=_str(raw, "source_url", p),
        reasons=tuple(reasons),
        fix=_str(raw, "fix", p) if "fix" in raw else "",
        fix_url=_str(raw, "fix_url", p) if "fix_url" in raw else "",
    )
    return _str(raw, "site", p), _str(raw, "site_name", p), view


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
    }


def _groups(raw_findings: list[Any], sites: dict[str, dict[str, Any]]) -> list[SiteGroup]:
    rank = {key: i for i, key in enumerate(SEVERITIES)}
    buckets: dict[str, tuple[str, list[FindingView]]] = {}
    for i, raw in enumerate(raw_findings):
        site_id, site_name, finding = _finding(raw, f"findings[{i}]")
        buckets.setdefault(site_id, (site_name, []))[1].append(finding)
    ordered = []
    for first_seen, (site_id, (site_name, items)) in enumerate(buckets.items()):
        items.sort(key=lambda f: rank[f.severity])  # stable: keeps the service's order
        ordered.append((rank[items[0].severity], -len(items), first_seen, site_id, site_name, items))
    ordered.sort(key=lambda t: t[:3])
    groups = []
    for n, (_, _, _, site_id, site_name, items) in enumerate(ordered, start=1):
        site = sites.get(site_id)
        groups.append(
            SiteGroup(
                site_id=site_id,
                anchor=f"site-{n}",
                site_name=site["name"] if site else site_name,
                parent=site["parent"] if site else "",
                search_url=site["search_url"] if site else "",
                optout_url=site["optout_url"] if site else "",
                top_severity=items[0].severity,
                findings=tuple(items),
            )
        )
    return groups


def _manual_checks(raw_checks: list[Any], sites: list[dict[str, Any]]) -> list[ManualCheckView]:
    checks, seen = [], set()
    for i, raw in enumerate(raw_checks):
        p = f"manual_checks[{i}]"
        status = _enum(raw, "status", p, MANUAL_STATUSES)
        seen.add(_str(raw, "site", p))
        checks.append(
            ManualCheckView(
                site_name=_str(raw, "site_name", p),
                status_label=MANUAL_STATUS_LABELS[status],
                hint=MANUAL_CHECK_HINTS[status],
                reason=_str(raw, "reason", p),
                search_url=_str(raw, "search_url", p),
                optout_url=_str(raw, "optout_url", p),
            )
        )
    # Belt and braces (DESIGN rule 3): a site we could not check always gets a manual
    # check, even if the service forgot to list it.
    for site in sites:
        if site["status"] in UNCHECKED_STATUSES and site["id"] not in seen:
            seen.add(site["id"])
            checks.append(
                ManualCheckView(
                    site_name=site["name"],
                    status_label=MANUAL_STATUS_LABELS[site["status"]],
                    hint=MANUAL_CHECK_HINTS[site["status"]],
                    reason=site["detail"],
                    search_url=site["search_url"],
                    optout_url=site["optout_url"],
                )
            )
    return checks


def _texts(obj: Any, key: str, path: str) -> tuple[str, ...]:
    values = _list(obj, key, path)
    for i, value in enumerate(values):
        if not isinstance(value, str):
            raise ReportSchemaError(f"{_where(path, key)}[{i}]: expected text")
    return tuple(values)


def _optout_families(raw_families: list[Any]) -> list[OptOutFamilyView]:
    out = []
    for i, raw in enumerate(raw_families):
        p = f"optout_families[{i}]"
        parent = _str(raw, "parent", p)
        methods = _texts(raw, "methods", p)
        for method in methods:
            if method not in METHOD_LABELS:
                raise ReportSchemaError(f"{p}.methods: unknown value {method[:40]!r}")
        listed = []
        for j, site in enumerate(_list(raw, "sites", p)):
            _str(site, "id", f"{p}.sites[{j}]")
            listed.append(StorefrontView(_str(site, "name", f"{p}.sites[{j}]"), _str(site, "optout_url", f"{p}.sites[{j}]")))
        if not listed:
            raise ReportSchemaError(f"{p}.sites: expected at least one site")
        _str(raw, "head", p)
        out.append(OptOutFamilyView(
            title=parent or listed[0].name,
            has_parent=bool(parent),
            head_name=_str(raw, "head_name", p),
            optout_url=_str(raw, "optout_url", p),
            methods=tuple(METHOD_LABELS[m] for m in methods),
            requires=_texts(raw, "requires", p),
            email=_str(raw, "email", p),
            processing_days=_int(raw, "processing_days", p),
            recheck_days=_int(raw, "recheck_days", p),
            notes=_str(raw, "notes", p),
            covers=_texts(raw, "covers", p),
            listed=tuple(listed),
        ))
    return out


def build_view(report: Mapping[str, Any]) -> ReportView:
    """Validate ``report`` and turn it into the objects the templates render."""
    from .changes import build_changes  # here: reports/changes.py uses this module's readers

    scan = _scan(_get(report, "scan", ""))
    summary = _summary(_get(report, "summary", ""))
    sites = [_site_raw(raw, f"sites[{i}]") for i, raw in enumerate(_list(report, "sites", ""))]
    sites_by_id = {site["id"]: site for site in sites}
    groups = _groups(_list(report, "findings", ""), sites_by_id)
    anchor_by_site = {group.site_id: group.anchor for group in groups}
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
            )
        )
    return ReportView(
        tool_version=_str(report, "tool_version", ""),
        generated_at=_str(report, "generated_at", ""),
        subject_name=_str(report, "subject_name", ""),
        scan=scan,
        summary=summary,
        groups=tuple(groups),
        manual_checks=tuple(_manual_checks(_list(report, "manual_checks", ""), sites)),
        sites=tuple(rows),
        optout_families=tuple(_optout_families(_list(report, "optout_families", ""))),
        changes=build_changes(report.get("changes")),
    )
