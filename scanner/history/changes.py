"""Scan-to-scan history: what changed between two scans, the score, the trend. Plain functions.

A finding is the same across scans when its fingerprint is (kind, subject, normalised value, site:
see matcher.Finding.fingerprint). Per fingerprint we follow its *last known state* through the
scans: present (it was found), or removed (its site answered "no results"). A scan whose site
could not be checked, or answered but without this detail, changes nothing: we do not know.

Comparing scan A (before) with scan B (after), every fingerprint known up to A falls in one bucket:

  new            found in B, never seen before
  still_present  found in B, last known present
  reappeared     found in B, last known removed (a broker re-added it after an opt-out)
  removed        last known present; its site now answers NO_RESULTS
  unknown        last known present; its site could not be checked in B ("not_checked"), or
                 answered but this detail was not seen ("not_seen"): never counted as removed

Findings the user marked "not me" are left out everywhere (the store's findings() does that).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

from scanner.history.store import RunRow, ScanRow, Store, StoredFinding

SCORE_WEIGHTS = {"critical": 10, "high": 5, "medium": 2, "low": 1, "info": 0}
SCORE_RULE = "each exposure counts by severity: critical 10, high 5, medium 2, low 1"
CHECKED = ("RESULTS", "NO_RESULTS")
BUCKETS = ("new", "reappeared", "removed", "unknown", "still_present")
PROBLEM_OUTCOMES = ("failed", "nothing_checked", "interrupted")
TREND_POINTS = 24


@dataclass(frozen=True)
class Snapshot:
    """One scan as history sees it: its row, each site's status, its findings by fingerprint."""

    scan: ScanRow
    statuses: Mapping[str, str]
    findings: Mapping[str, StoredFinding]

    @property
    def sites_checked(self) -> int:
        return sum(1 for status in self.statuses.values() if status in CHECKED)

    @property
    def usable(self) -> bool:
        """A complete scan that checked at least one site: a baseline, and what makes a rescan not due."""
        return self.scan.state == "complete" and self.sites_checked > 0

    @property
    def score(self) -> int:
        return score(self.findings.values())


@dataclass(frozen=True)
class Change:
    bucket: str            # one of BUCKETS
    fingerprint: str
    site: str
    kind: str
    subject: str
    value: str
    severity: str
    reason: str = ""       # for "unknown": not_checked | not_seen


@dataclass(frozen=True)
class SiteChange:
    site: str
    before: str            # a site status, or "" when the scan did not check the site
    after: str


@dataclass(frozen=True)
class Diff:
    before: ScanRow
    after: ScanRow
    changes: tuple[Change, ...]
    site_changes: tuple[SiteChange, ...]

    def bucket(self, name: str) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.bucket == name)

    @property
    def counts(self) -> dict[str, int]:
        return {name: len(self.bucket(name)) for name in BUCKETS}


def score(findings: Iterable[StoredFinding]) -> int:
    """The exposure score: the sum of the findings' severity weights (SCORE_WEIGHTS)."""
    return sum(SCORE_WEIGHTS.get(f.severity, 0) for f in findings)


def parse_stamp(text: str) -> _dt.datetime | None:
    """'2025-01-31 09:15:00 UTC' (the store's format) -> an aware datetime; None if empty or malformed."""
    try:
        return _dt.datetime.strptime(text, "%Y-%m-%d %H:%M:%S UTC").replace(tzinfo=_dt.timezone.utc)
    except (TypeError, ValueError):
        return None


def snapshot(store: Store, scan: ScanRow) -> Snapshot:
    return Snapshot(scan=scan,
                    statuses={r.site: r.status for r in store.site_results(scan.id)},
                    findings={f.fingerprint: f for f in store.findings(scan.id)})


def comparable(scans: Sequence[ScanRow], target: ScanRow) -> list[ScanRow]:
    """Scans of the same mode and person as ``target`` (a sandbox or quick-mode scan is not history)."""
    return [s for s in scans if s.mode == target.mode and s.subject_name == target.subject_name]


def load_history(store: Store, upto: int) -> list[Snapshot]:
    """Snapshots of the scans comparable with scan ``upto``, oldest first, up to and including it."""
    target = store.scan(upto)
    if target is None:
        raise LookupError(f"there is no scan number {upto} (see `unlisted history`)")
    return [snapshot(store, s) for s in comparable(store.scans(), target) if s.id <= upto]


def diff(history: Sequence[Snapshot], before_id: int, after_id: int) -> Diff:
    """What changed from scan ``before_id`` to scan ``after_id``; ``history`` holds at least both."""
    by_id = {s.scan.id: s for s in history}
    if before_id not in by_id or after_id not in by_id:
        missing = before_id if before_id not in by_id else after_id
        raise LookupError(f"there is no scan number {missing} to compare (see `unlisted history`)")
    if before_id >= after_id:
        raise ValueError("the first scan must be older than the second")
    last: dict[str, tuple[str, StoredFinding]] = {}
    for snap in sorted((s for s in history if s.scan.id <= before_id), key=lambda s: s.scan.id):
        for fp, state in list(last.items()):
            if state[0] == "present" and fp not in snap.findings and snap.statuses.get(state[1].site) == "NO_RESULTS":
                last[fp] = ("removed", state[1])
        for fp, finding in snap.findings.items():
            last[fp] = ("present", finding)
    after = by_id[after_id]
    changes: list[Change] = []
    for fp, f in after.findings.items():
        state = last.get(fp, ("", f))[0]
        bucket = {"present": "still_present", "removed": "reappeared"}.get(state, "new")
        changes.append(_change(bucket, f))
    for fp, (state, f) in last.items():
        if state != "present" or fp in after.findings:
            continue
        status = after.statuses.get(f.site, "")
        if status == "NO_RESULTS":
            changes.append(_change("removed", f))
        else:
            changes.append(_change("unknown", f, "not_seen" if status == "RESULTS" else "not_checked"))
    changes.sort(key=lambda c: (BUCKETS.index(c.bucket), -SCORE_WEIGHTS.get(c.severity, 0), c.site, c.kind, c.fingerprint))
    before = by_id[before_id]
    sites = sorted(set(before.statuses) | set(after.statuses))
    site_changes = tuple(SiteChange(site, before.statuses.get(site, ""), after.statuses.get(site, ""))
                         for site in sites if before.statuses.get(site, "") != after.statuses.get(site, ""))
    return Diff(before=before.scan, after=after.scan, changes=tuple(changes), site_changes=site_changes)


def _change(bucket: str, f: StoredFinding, reason: str = "") -> Change:
    return Change(bucket, f.fingerprint, f.site, f.kind, f.subject, f.value, f.severity, reason)


def baseline_for(history: Sequence[Snapshot], scan_id: int) -> Snapshot | None:
    """The scan to compare ``scan_id`` with: the latest usable (complete, something checked) before it."""
    earlier = [s for s in history if s.scan.id < scan_id and s.usable]
    return earlier[-1] if earlier else None


def default_pair(store: Store) -> tuple[int, int] | None:
    """`unlisted diff` without arguments: the latest scan and the usable scan before it."""
    latest = store.latest_scan()
    if latest is None:
        return None
    base = baseline_for(load_history(store, latest.id), latest.id)
    return (base.scan.id, latest.id) if base else None


def problems_since(runs: Sequence[RunRow], since: str, until: str = "") -> list[RunRow]:
    """Rescan attempts that crashed, failed, checked nothing or could not notify, started in [since, until]."""
    return [r for r in runs if (r.outcome in PROBLEM_OUTCOMES or r.detail) and r.started_at >= since
            and (not until or r.started_at <= until)]


def history_rows(store: Store) -> list[dict]:
    """`unlisted history`: one plain dict per scan, oldest first."""
    rows = []
    for scan in store.scans():
        snap = snapshot(store, scan)
        rows.append({"id": scan.id, "started_at": scan.started_at, "finished_at": scan.finished_at,
                     "state": scan.state, "mode": scan.mode, "sites_total": scan.sites_total,
                     "sites_checked": snap.sites_checked, "findings": len(snap.findings), "score": snap.score,
                     "usable": snap.usable})
    return rows


def change_dict(c: Change, site_names: Mapping[str, str]) -> dict:
    return {"fingerprint": c.fingerprint, "site": c.site, "site_name": site_names.get(c.site, c.site),
            "kind": c.kind, "subject": c.subject, "value": c.value, "severity": c.severity, "reason": c.reason}


def diff_dict(d: Diff, site_names: Mapping[str, str]) -> dict:
    """A Diff as plain data (for `unlisted diff --format json` and the report)."""
    return {
        "before": {"id": d.before.id, "started_at": d.before.started_at, "state": d.before.state},
        "after": {"id": d.after.id, "started_at": d.after.started_at, "state": d.after.state},
        "counts": d.counts,
        "changes": {name: [change_dict(c, site_names) for c in d.bucket(name)] for name in BUCKETS},
        "site_changes": [{"site": s.site, "site_name": site_names.get(s.site, s.site), "before": s.before,
                          "after": s.after} for s in d.site_changes],
    }
