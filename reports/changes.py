"""The report's "What changed since last time" section and its trend chart: view objects only.

The raw data comes from scanner.reportdata.report_changes (key ``changes`` of the report dict; optional,
so older report dicts still render). Strictly read like the rest of the view: a wrong type or an
unknown value raises ReportSchemaError naming the path. The chart is inline SVG drawn from numbers
by our own code (no script, no library): the template writes numeric coordinates and escaped text.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from scanner.words import plural

from .labels import SEVERITIES, SEVERITY_LABELS, kind_label, subject_label
from .schema import ReportSchemaError, _enum, _get, _int, _list, _str

BUCKETS = ("new", "reappeared", "removed", "unknown", "still_present")
BUCKET_TITLES = {
    "new": ("New", "Found for the first time."),
    "reappeared": ("Back again", "These had been removed (the site answered \"no results\") and are listed again: "
                                 "sites often re-add people after an opt-out. File the opt-out again."),
    "removed": ("Removed", "The site that listed these now answers \"no results\"."),
    "unknown": ("Unknown this month", "These were there last time, but this time the site could not be checked "
                                      "(or answered without them). They are not counted as removed: please look yourself."),
    "still_present": ("Still there", "Found last time and again now."),
}
REASONS = {"": "", "not_checked": "the site could not be checked", "not_seen": "the site answered, but this was not seen"}
STATUS_WORDS = {"RESULTS": "listed you", "NO_RESULTS": "no results", "BLOCKED": "could not check (blocked)",
                "ERROR": "could not check (error)", "SKIPPED": "skipped", "": "not checked"}
PROBLEM_WORDS = {
    "interrupted": "was stopped before it finished (the computer may have been switched off or gone to sleep)",
    "failed": "did not run because of an error",
    "nothing_checked": "could not check any site (the computer may have been offline)",
}
OUTCOMES = ("running", "complete", "incomplete", "nothing_checked", "failed", "interrupted", "busy")
STATES = ("complete", "interrupted", "running", "failed")
W, H, LEFT, RIGHT, TOP, BOTTOM = 560, 200, 44, 16, 14, 34


@dataclass(frozen=True)
class ChangeItem:
    site_name: str
    kind_label: str
    subject_label: str
    value: str
    severity: str
    severity_label: str
    reason: str


@dataclass(frozen=True)
class ChangeGroup:
    key: str
    title: str
    hint: str
    items: tuple[ChangeItem, ...]


@dataclass(frozen=True)
class SiteChangeView:
    site_name: str
    before: str
    after: str


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    label: str


@dataclass(frozen=True)
class Series:
    name: str
    points: str              # "x,y x,y ..." for <polyline>
    dots: tuple[Dot, ...]
    dashed: bool


@dataclass(frozen=True)
class Tick:
    pos: float
    label: str


@dataclass(frozen=True)
class TrendChart:
    width: int
    height: int
    title: str
    desc: str
    series: tuple[Series, ...]
    y_ticks: tuple[Tick, ...]
    x_ticks: tuple[Tick, ...]
    plot_left: int
    plot_right: int
    plot_bottom: int
    rows: tuple[tuple[str, str, int, int, str], ...]   # (date, state, score, findings, open tasks or "")


@dataclass(frozen=True)
class ChangesView:
    has_baseline: bool
    baseline_date: str
    counts: tuple[tuple[str, str, int], ...]      # (key, title, count)
    groups: tuple[ChangeGroup, ...]
    site_changes: tuple[SiteChangeView, ...]
    problems: tuple[str, ...]
    score: int
    score_rule: str
    chart: TrendChart | None


def _item(raw: Any, p: str) -> ChangeItem:
    severity = _enum(raw, "severity", p, SEVERITIES)
    return ChangeItem(site_name=_str(raw, "site_name", p), kind_label=kind_label(_str(raw, "kind", p)),
                      subject_label=subject_label(_str(raw, "subject", p)), value=_str(raw, "value", p),
                      severity=severity, severity_label=SEVERITY_LABELS[severity],
                      reason=REASONS[_enum(raw, "reason", p, tuple(REASONS))])


def _nice_max(value: int) -> int:
    if value <= 10:
        return 10
    step = 10 ** int(math.log10(value))
    return int(math.ceil(value / step) * step)


def trend_chart(points: list[dict]) -> TrendChart | None:
    """Geometry for the score (and, once there are tasks, open tasks) per scan. Pure numbers."""
    if not points:
        return None
    series_values = [("Exposure score", [p["score"] for p in points], False)]
    if all(p["open_tasks"] is not None for p in points):
        series_values.append(("Open tasks", [p["open_tasks"] for p in points], True))
    top = _nice_max(max(v for _, values, _ in series_values for v in values))
    plot_w, plot_h = W - LEFT - RIGHT, H - TOP - BOTTOM
    n = len(points)

    def x(i: int) -> float:
        return round(LEFT + (plot_w / 2 if n == 1 else plot_w * i / (n - 1)), 1)

    def y(v: int) -> float:
        return round(TOP + plot_h * (1 - v / top), 1)

    series = []
    for name, values, dashed in series_values:
        dots = tuple(Dot(x(i), y(v), f"{points[i]['date']}: {name.lower()} {v}") for i, v in enumerate(values))
        series.append(Series(name, " ".join(f"{d.x},{d.y}" for d in dots), dots, dashed))
    every = max(1, math.ceil(n / 6))
    x_ticks = tuple(Tick(x(i), points[i]["date"]) for i in range(n) if i % every == 0 or i == n - 1)
    y_ticks = tuple(Tick(y(v), str(v)) for v in (0, top // 2, top))
    first, last = points[0], points[-1]
    desc = (f"Exposure score over {plural(n, 'scan')}: {first['score']} on {first['date']}"
            + (f", {last['score']} on {last['date']}." if n > 1 else "."))
    rows = tuple((p["date"], p["state"], p["score"], p["findings"],
                  "" if p["open_tasks"] is None else str(p["open_tasks"])) for p in points)
    return TrendChart(W, H, "Exposure score per scan (lower is better)", desc, tuple(series), y_ticks, x_ticks,
                      LEFT, W - RIGHT, H - BOTTOM, rows)


def build_changes(raw: Any) -> ChangesView | None:
    """The section's view, or None when the report dict has no ``changes`` (e.g. an older dict)."""
    if raw is None:
        return None
    p = "changes"
    _get(raw, "baseline", p)
    baseline, diff = raw["baseline"], _get(raw, "diff", p)
    groups: list[ChangeGroup] = []
    counts: list[tuple[str, str, int]] = []
    site_changes: list[SiteChangeView] = []
    if diff is not None:
        changes, count_raw = _get(diff, "changes", f"{p}.diff"), _get(diff, "counts", f"{p}.diff")
        for key in BUCKETS:
            title, hint = BUCKET_TITLES[key]
            items = tuple(_item(r, f"{p}.diff.changes.{key}[{i}]")
                          for i, r in enumerate(_list(changes, key, f"{p}.diff.changes")))
            counts.append((key, title, _int(count_raw, key, f"{p}.diff.counts")))
            if items and key != "still_present":
                groups.append(ChangeGroup(key, title, hint, items))
        for i, r in enumerate(_list(diff, "site_changes", f"{p}.diff")):
            q = f"{p}.diff.site_changes[{i}]"
            site_changes.append(SiteChangeView(_str(r, "site_name", q),
                                               STATUS_WORDS[_enum(r, "before", q, tuple(STATUS_WORDS))],
                                               STATUS_WORDS[_enum(r, "after", q, tuple(STATUS_WORDS))]))
    problems = []
    for i, r in enumerate(_list(raw, "problems", p)):
        q = f"{p}.problems[{i}]"
        outcome, detail = _enum(r, "outcome", q, OUTCOMES), _str(r, "detail", q)
        words = PROBLEM_WORDS.get(outcome, "") or detail
        if outcome in PROBLEM_WORDS and detail:
            words = f"{words} ({detail})"
        problems.append(f"The rescan of {_str(r, 'started_at', q)[:10]} {words}.")
    trend = []
    for i, r in enumerate(_list(raw, "trend", p)):
        q = f"{p}.trend[{i}]"
        tasks = _get(r, "open_tasks", q)
        if tasks is not None and (isinstance(tasks, bool) or not isinstance(tasks, int)):
            raise ReportSchemaError(f"{q}.open_tasks: expected a whole number or null")
        trend.append({"date": _str(r, "date", q), "state": _enum(r, "state", q, STATES), "score": _int(r, "score", q),
                      "findings": _int(r, "findings", q), "open_tasks": tasks})
    return ChangesView(
        has_baseline=baseline is not None,
        baseline_date=_str(baseline, "started_at", f"{p}.baseline")[:10] if baseline is not None else "",
        counts=tuple(counts), groups=tuple(groups), site_changes=tuple(site_changes), problems=tuple(problems),
        score=_int(raw, "score", p), score_rule=_str(raw, "score_rule", p), chart=trend_chart(trend),
    )
