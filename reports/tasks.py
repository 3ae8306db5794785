"""The action plan: the report dict's ``tasks`` (scanner/history/tasks.py report_tasks()) -> view objects.

Read strictly, like the rest of the view (reports/schema.py). Every value stays a plain ``str``;
links and the letter's ``mailto:`` link are checked by the templates' filters (reports/render.py).
The plan is cut four ways, each task shown once in full (its ``anchor`` is ``task-<id>``):

* ``top``: the five things to do first: the open tasks of a `lead` tier (California's DROP), then the first
  open tasks (in the service's order: tier, severity, impact; scanner/plan/rank.py) that remove a found
  exposure (links to their full entries);
* ``optouts``: opt-out requests grouped by the company they go to, in the service's order;
* ``settings``: settings to change and hardening steps;
* ``manual``: sites to check by hand (reports/manual.py merges them with the unchecked sites).

Each task carries the last scan's cut (``when``): this month's tasks are shown in full, the ones kept
for later (``*_later``, ``is_later``) are folded under "Later" with their count.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scanner.history.tasks import STATUS_LABELS, task_status_text
from scanner.plan.ruleset import default_rules

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
WHEN = ("this_month", "later", "done")
SETTING_KINDS = ("setting", "hardening")
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
class CheckItemView:
    """One site of the list of sites to check by hand."""
    name: str
    why: str
    url: str          # raw: the template links it only through safe_url
    optout_url: str   # raw, likewise


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
    when: str = "this_month"                  # this_month | later | done (the last scan's cut)
    checklist: tuple[CheckItemView, ...] = ()
    sites: tuple[str, ...] = ()               # source ids (never shown)
    tier: str = ""                            # its tier (scanner/plan/rank.py; never shown)
    filing: str = ""                          # how `unlisted optout` filed it, in words ("" = not by it)
    awaiting_link: bool = False               # filed, and the site's emailed confirmation link not opened yet

    @property
    def is_closed(self) -> bool:
        return not (self.is_open or self.is_waiting)

    @property
    def is_later(self) -> bool:
        """Kept for later: still to do, and not part of this month's tasks."""
        return self.when == "later" and self.is_open

    @property
    def removes_exposure(self) -> bool:
        """An opt-out or a setting that removes something the scan found."""
        return self.kind in ("optout", "setting") and bool(self.finding_ids)


@dataclass(frozen=True)
class CompanyPlan:
    name: str
    tasks: tuple[TaskView, ...]

    @property
    def count(self) -> int:
        return len(self.tasks)


@dataclass(frozen=True)
class PlanView:
    tasks: tuple[TaskView, ...]          # all, in the service's order
    top: tuple[TaskView, ...]
    optouts: tuple[CompanyPlan, ...]     # this month's (and those waiting or finished)
    settings: tuple[TaskView, ...]
    manual: tuple[TaskView, ...]         # every check by hand; reports/manual.py splits them
    open_count: int
    waiting_count: int
    closed_count: int
    optouts_later: tuple[CompanyPlan, ...] = ()
    settings_later: tuple[TaskView, ...] = ()
    month_done: int = 0                  # this month's tasks filed, done or closed
    month_total: int = 0
    later_count: int = 0

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
        when=_enum(raw, "when", p, WHEN), tier=_str(raw, "tier", p),
        checklist=tuple(CheckItemView(_str(c, "name", f"{p}.checklist[{i}]"), _str(c, "why", f"{p}.checklist[{i}]"),
                                      _str(c, "url", f"{p}.checklist[{i}]"), _str(c, "optout_url", f"{p}.checklist[{i}]"))
                        for i, c in enumerate(_list(raw, "checklist", p))),
        sites=_texts(raw, "sites", p), filing=_filing(raw, p),
        awaiting_link=bool(raw.get("confirmation_expected") is True and not raw.get("confirmed")),
    )


FILED_VIA_WORDS = {"web_form": "its web form", "email": "email"}


def _filing(raw: Any, p: str) -> str:
    """"Filed through its web form with `unlisted optout`; evidence kept in FILE" (optional keys: reports
    made before opt-outs were filed for the user have none)."""
    values = {}
    for key in ("filed_via", "evidence", "message_id", "confirmed"):
        value = raw.get(key, "") if isinstance(raw, dict) else ""
        if not isinstance(value, str):
            raise ReportSchemaError(f"{p}.{key}: expected text, got {type(value).__name__}")
        values[key] = value
    if values["filed_via"] not in FILED_VIA_WORDS:
        return ""
    text = f"Filed through {FILED_VIA_WORDS[values['filed_via']]} with `unlisted optout`"
    text += f" (Message-ID {values['message_id']})" if values["message_id"] else ""
    text += f"; evidence kept in {values['evidence']}" if values["evidence"] else ""
    return text + (f"; confirmation link opened on {values['confirmed']}" if values["confirmed"] else "") + "."


def _by_need(tasks: list[TaskView]) -> list[TaskView]:
    """Open first, then waiting, then closed; in the service's order within each (stable)."""
    return sorted(tasks, key=lambda t: 0 if t.is_open else 1 if t.is_waiting else 2)


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
    opened = [t for t in tasks if t.is_open]   # in the service's order: most urgent first
    lead_tiers = {tier.id for tier in default_rules().tiers if tier.lead}
    leading = [t for t in opened if t.tier in lead_tiers]
    others = [t for t in opened if t.tier not in lead_tiers]
    removals = [t for t in others if t.removes_exposure]
    # the five things first: a lead tier's tasks (California's DROP), then what removes a found exposure,
    # never a check or a general protection while one is open; with nothing found, this month's first tasks
    top = (leading + (removals or [t for t in others if not t.is_later] or others))[:TOP_TASKS]
    month = [t for t in tasks if t.when == "this_month"]
    return PlanView(
        tasks=tuple(tasks), top=tuple(top), optouts=_companies([t for t in tasks if not t.is_later]),
        settings=tuple(_by_need([t for t in tasks if t.kind in SETTING_KINDS and not t.is_later])),
        manual=tuple(_by_need([t for t in tasks if t.kind == "manual_check"])),
        open_count=sum(t.is_open for t in tasks), waiting_count=sum(t.is_waiting for t in tasks),
        closed_count=sum(t.is_closed for t in tasks),
        optouts_later=_companies([t for t in tasks if t.is_later]),
        settings_later=tuple(t for t in tasks if t.kind in SETTING_KINDS and t.is_later),
        month_done=sum(not t.is_open for t in month), month_total=len(month),
        later_count=sum(t.is_later for t in tasks),
    )


def _companies(tasks: list[TaskView]) -> tuple[CompanyPlan, ...]:
    """Opt-outs grouped by the company they go to: open first, in the service's order."""
    companies: dict[str, list[TaskView]] = {}
    for task in tasks:
        if task.kind == "optout":
            companies.setdefault(task.company or task.title, []).append(task)
    groups = [CompanyPlan(name, tuple(_by_need(items))) for name, items in companies.items()]
    order = {t.id: i for i, t in enumerate(tasks)}
    groups.sort(key=lambda g: (g.tasks[0].is_closed, not g.tasks[0].is_open, order[g.tasks[0].id]))
    return tuple(groups)
