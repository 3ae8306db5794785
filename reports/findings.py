"""Every finding, grouped by site (most serious first), with the task(s) that handle each one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .labels import SEVERITIES, SEVERITY_LABELS, confidence_label, kind_label, subject_label
from .schema import ReportSchemaError, _enum, _int, _list, _num, _str
from .tasks import TaskRef


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
    tasks: tuple[TaskRef, ...] = ()   # the tasks that handle it (empty when the report has no plan)
    is_possible: bool = False # a listing of the name in the town that the profile cannot confirm: no task


@dataclass(frozen=True)
class SiteGroup:
    site_id: str
    anchor: str
    site_name: str
    parent: str
    search_url: str
    optout_url: str
    top_severity: str
    top_severity_label: str
    findings: tuple[FindingView, ...]


def _finding(raw: Any, p: str, refs: dict[int, tuple[TaskRef, ...]]) -> tuple[str, str, FindingView]:
    """(site id, site name, finding) for one raw finding."""
    _str(raw, "fingerprint", p)  # not shown, but part of the contract
    subject = _str(raw, "subject", p)
    severity = _enum(raw, "severity", p, SEVERITIES)
    confidence = min(max(_num(raw, "confidence", p), 0.0), 1.0)
    reasons = _list(raw, "reasons", p)
    for i, reason in enumerate(reasons):
        if not isinstance(reason, str):
            raise ReportSchemaError(f"{p}.reasons[{i}]: expected text")
    fid = _int(raw, "id", p)
    view = FindingView(
        id=fid,
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
        tasks=refs.get(fid, ()),
        is_possible=_str(raw, "kind", p) == "possible_match",
    )
    return _str(raw, "site", p), _str(raw, "site_name", p), view


def build_groups(raw_findings: list[Any], sites: dict[str, dict[str, Any]],
                 refs: dict[int, tuple[TaskRef, ...]]) -> list[SiteGroup]:
    rank = {key: i for i, key in enumerate(SEVERITIES)}
    buckets: dict[str, tuple[str, list[FindingView]]] = {}
    for i, raw in enumerate(raw_findings):
        site_id, site_name, finding = _finding(raw, f"findings[{i}]", refs)
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
                top_severity_label=SEVERITY_LABELS[items[0].severity],
                findings=tuple(items),
            )
        )
    return groups
