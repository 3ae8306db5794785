"""The action plan: the report dict's ``tasks`` (scanner/history/tasks.py report_tasks()) -> view objects.

Read strictly, like the rest of the view (reports/schema.py). Every value stays a plain ``str``;
links and the letter's ``mailto:`` link are checked by the templates' filters (reports/render.py).
The plan is cut four ways, each task shown once in full (its ``anchor`` is ``task-<id>``):

* ``top``: the five open tasks with the most impact (links to their full entries);
* ``optouts``: opt-out requests grouped by the company they go to, in impact order;
* ``settings``: settings to change and hardening steps;
* ``manual``: sites to check by hand (reports/manual.py merges them with the unchecked sites).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scanner.history.tasks import STATUS_LABELS, task_status_text

from .labels import (
    METHOD_LABELS,
    OPEN_STATUSES,
    SEVERITIES,
    SEVERITY_LABELS,
    TASK_KINDS,
    TASK_STATUSES,
    WAITING_STATUSES,
)
from .schema import (
    ReportSchemaError,
    _date,
    _enum,
    _get,
    _int,
    _ints,
    _list,
    _num,
    _str,
    _texts,
)

TOP_TASKS = 5
TASK_SEVERITIES = SEVERITIES + ("",)   # a manual check has no findings, so no severity


@dataclass(frozen=True)
class LinkView:
    label: str
    url: str          # raw: the template links it only through safe_url


@dataclass(frozen=True)
class LetterView:
    subject: str
    body: str
    to_email: str
    mailto_url: str   # raw: the template links it only through safe_mailto
    law: str
    notes: tuple[str, ...]


@dataclass(frozen=True)
class TaskRef:
    """A short reference to a task, shown under each finding it handles."""
    anchor: str
    title: str
    status_label: str


@dataclass(frozen=True)
class TaskView:
    id: int
    anchor: str
    key: str
    kind: str
    title: str
    why: str
    severity: str
    severity_label: str
    impact: float
    status: str
    status_label: str
    status_text: str
    is_open: bool            # waiting for the user
    is_waiting: bool         # waiting for the site or the next check
    note: str
    company: str
    site_names: tuple[str, ...]
    covers: tuple[str, ...]
    links: tuple[LinkView, ...]
    methods: tuple[str, ...]     # plain words
    steps: tuple[str, ...]
    asks_for: tuple[str, ...]
    dont_give: tuple[str, ...]
    processing_days: int
    recheck_days: int
    finding_ids: tuple[int, ...]
    letter: LetterView | None

    @property
    def is_closed(self) -> bool:
        return not (self.is_open or self.is_waiting)


@dataclass(frozen=True)
class CompanyPlan:
    name: str
    tasks: tuple[TaskView, ...]


@dataclass(frozen=True)
class PlanView:
    tasks: tuple[TaskView, ...]          # all, in the service's order
    top: tuple[TaskView, ...]
    optouts: tuple[CompanyPlan, ...]
    settings: tuple[TaskView, ...]
    manual: tuple[TaskView, ...]
    open_count: int
    waiting_count: int
    closed_count: int

    def refs_for(self) -> dict[int, tuple[TaskRef, ...]]:
        """finding id -> the tasks that handle it."""
        out: dict[int, list[TaskRef]] = {}
        for task in self.tasks:
            for fid in task.finding_ids:
                out.setdefault(fid, []).append(TaskRef(task.anchor, task.title, task.status_label))
        return {fid: tuple(refs) for fid, refs in out.items()}


def _letter(raw: Any, p: str) -> LetterView | None:
    if raw is None:
        return None
    return LetterView(
        subject=_str(raw, "subject", p), body=_str(raw, "body", p), to_email=_str(raw, "to_email", p),
        mailto_url=_str(raw, "mailto_url", p), law=_str(raw, "law", p), notes=_texts(raw, "notes", p),
    )


def _links(raw: Any, p: str) -> tuple[LinkView, ...]:
    return tuple(LinkView(_str(link, "label", f"{p}.links[{i}]"), _str(link, "url", f"{p}.links[{i}]"))
                 for i, link in enumerate(_list(raw, "links", p)))


def _task(raw: Any, p: str) -> TaskView:
    tid = _int(raw, "id", p)
    kind = _enum(raw, "kind", p, TASK_KINDS)
    severity = _enum(raw, "severity", p, TASK_SEVERITIES)
    status = _enum(raw, "status", p, TASK_STATUSES)
    status_date, due_date = _date(raw, "status_date", p), _date(raw, "due_date", p)
    processing_days = _int(raw, "processing_days", p)
    methods = _texts(raw, "methods", p)
    for method in methods:
        if method not in METHOD_LABELS:
            raise ReportSchemaError(f"{p}.methods: unknown value {method[:40]!r}")
    return TaskView(
        id=tid, anchor=f"task-{tid}", key=_str(raw, "key", p), kind=kind,
        title=_str(raw, "title", p), why=_str(raw, "why", p),
        severity=severity, severity_label=SEVERITY_LABELS.get(severity, ""),
        impact=_num(raw, "impact", p),
        status=status, status_label=STATUS_LABELS[status],
        status_text=task_status_text(kind, status, status_date, due_date, processing_days),
        is_open=status in OPEN_STATUSES, is_waiting=status in WAITING_STATUSES,
        note=_str(raw, "note", p), company=_str(raw, "company", p),
        site_names=_texts(raw, "site_names", p), covers=_texts(raw, "covers", p), links=_links(raw, p),
        methods=tuple(METHOD_LABELS[m] for m in methods), steps=_texts(raw, "steps", p),
        asks_for=_texts(raw, "asks_for", p), dont_give=_texts(raw, "dont_give", p),
        processing_days=processing_days, recheck_days=_int(raw, "recheck_days", p),
        finding_ids=_ints(raw, "finding_ids", p), letter=_letter(_get(raw, "letter", p), f"{p}.letter"),
    )


def _by_need(tasks: list[TaskView]) -> list[TaskView]:
    """Open first, then waiting, then closed; most impact first within each (stable)."""
    return sorted(tasks, key=lambda t: (0 if t.is_open else 1 if t.is_waiting else 2, -t.impact))


def build_plan(raw: Any) -> PlanView | None:
    """The plan, or None when the report dict has no ``tasks`` (an older dict, or `unlisted analyze`)."""
    if raw is None:
        return None
    if not isinstance(raw, list):
        raise ReportSchemaError("tasks: expected a list")
    tasks = [_task(r, f"tasks[{i}]") for i, r in enumerate(raw)]
    seen: set[int] = set()
    for i, task in enumerate(tasks):
        if task.id in seen:
            raise ReportSchemaError(f"tasks[{i}].id: {task.id} is used twice")
        seen.add(task.id)
    top = sorted((t for t in tasks if t.is_open), key=lambda t: -t.impact)[:TOP_TASKS]
    companies: dict[str, list[TaskView]] = {}
    for task in tasks:
        if task.kind == "optout":
            companies.setdefault(task.company or task.title, []).append(task)
    groups = [CompanyPlan(name, tuple(_by_need(items))) for name, items in companies.items()]
    groups.sort(key=lambda g: (g.tasks[0].is_closed, not g.tasks[0].is_open, -max(t.impact for t in g.tasks)))
    return PlanView(
        tasks=tuple(tasks), top=tuple(top), optouts=tuple(groups),
        settings=tuple(_by_need([t for t in tasks if t.kind in ("setting", "hardening")])),
        manual=tuple(_by_need([t for t in tasks if t.kind == "manual_check"])),
        open_count=sum(t.is_open for t in tasks), waiting_count=sum(t.is_waiting for t in tasks),
        closed_count=sum(t.is_closed for t in tasks),
    )
