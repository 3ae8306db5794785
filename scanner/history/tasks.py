"""Task tracking: the planned tasks of each scan, merged by key into the tasks table, with statuses.

``sync_tasks`` runs after every scan. New keys start as ``todo``; the scan then confirms or reopens
what the user did, using history's notion of each finding's last known state (present, removed,
unknown: scanner.history.changes.diff) and never a diff of its own. ``next_state`` is the pure transition
function (dates passed in); the table it implements:

  status before          what this scan says                            status after
  ---------------------  ---------------------------------------------  -----------------------------------
  (new key)              planned                                        todo
  wont_do                anything                                       wont_do (the user's choice stands)
  any                    every covered finding marked "not me"          not_me
  not_me                 planned again (new findings that are yours)    todo
  filed                  planned (still listed), today <= due           awaiting
  filed / awaiting       planned (still listed), today > due            todo, "still listed after ..."
  removed                planned (listed again)                         reappeared
  todo/filed/awaiting/   not planned, every covered finding confirmed   removed ("confirmed removed")
  reappeared             gone (its site answered "no results")
  any                    a covered site could not be checked, or was    unchanged ("unknown this month")
                         not part of this scan
  manual check           not planned: the site was searched             removed, with a note: nothing left to
                         automatically this time                        check by hand
  removed manual check   planned again (cannot be searched again)       todo
  check of one site      not planned: its site is a line of the         removed, "now in the list of sites to
                         checklist (scanner/plan/checklist.py)           check by hand"

After the statuses, each sync cuts the plan in two (scanner/plan/rank.py, rules.toml [plan]): the open
tasks that come first make "This month", the other open tasks "Later"; tasks waiting or finished at the
cut are "done". The cut is kept in the task's content (``when``) until the next sync, so that finishing
a task moves this month's "N of M done" forward instead of pulling a later task up.

Tasks not planned any more keep their row (and their last planned content): they become removed
when all their findings are confirmed gone, and otherwise stay as they are. Only complete scans
change statuses; an interrupted scan adds its new tasks (so that every finding it shows has one)
and refreshes their content, nothing else. Tasks are kept per scope, the scans' mode and person,
as history compares them: a sandbox trial never mixes with the real list.
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass, replace
from typing import Any, Iterable, Mapping

from scanner.history.store import Store, TaskRecord

STATUSES = ("todo", "filed", "awaiting", "removed", "reappeared", "not_me", "wont_do")
TO_DO = ("todo", "reappeared")          # waiting for the user
WAITING = ("filed", "awaiting")         # done by the user, waiting for the site (or the next check)
OPEN = TO_DO + WAITING                  # not finished: what `unlisted tasks` lists and the trend counts
CLOSED = ("removed", "not_me", "wont_do")
KINDS = ("optout", "manual_check", "setting", "hardening")
DEFAULT_PROCESSING_DAYS = 30
DEFAULT_RECHECK_DAYS = {"optout": 30, "manual_check": 30, "setting": 90, "hardening": 365}
PAST_DUE_NOTES = {
    "optout": "still listed after the usual processing time: file again or contact the site",
    "manual_check": "time to look at the site again by hand",
    "setting": "still visible after the time we gave it: check the settings again",
    "hardening": "time to look at this again",
}
MAX_LISTING_LINKS = 5
STATUS_LABELS = {
    "todo": "To do", "filed": "Filed", "awaiting": "Waiting", "removed": "Confirmed removed",
    "reappeared": "Back again", "not_me": "Not you", "wont_do": "Won't do",
}
DONE_LABEL = "Done"                              # "awaiting" for a setting, hardening step or check


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def task_status_text(kind: str, status: str, date: str, due: str, processing_days: int) -> str:
    """The status of a task in one plain sentence, e.g. "Filed on 2026-11-23 — the site usually
    takes 7 days; we will check again after 2026-12-07" (statuses as sync_tasks sets them)."""
    request = kind == "optout"
    on = f" on {date}" if date else ""
    check = f"; we will check again after {due}" if due else ""
    if status == "filed" or (status == "awaiting" and request):
        takes = f" — the site usually takes {_days(processing_days)}" if processing_days else ""
        still = "; still listed, the site has time until " + due if status == "awaiting" and due else ""
        return f"Filed{on}{takes}" + (still or check)
    if status == "awaiting":
        return f"{DONE_LABEL}{on}{check}"
    if status == "removed":
        return f"No longer needed (since {date})" if kind == "manual_check" and date else \
            "No longer needed" if kind == "manual_check" else f"Confirmed removed{on}"
    if status == "reappeared":
        seen = f" (seen again{on})" if date else ""
        return f"Back again{seen}: the listing had gone and is back. File the request again."
    if status == "todo" and due:
        return f"To do (by {due})"
    return STATUS_LABELS[status]


@dataclass(frozen=True)
class State:
    status: str
    status_date: str = ""    # ISO date the status was set ("filed on", "removed on", ...)
    due_date: str = ""       # ISO date after which a still-listed item counts as not removed
    note: str = ""


@dataclass(frozen=True)
class Evidence:
    """What one scan says about one task."""

    planned: bool             # the scan planned this task (its findings are there, or its site is unchecked)
    coverage: str             # present | removed | unknown | rejected | none (no findings: a manual check)
    site_checked: bool = False  # manual checks: the site was searched automatically in this scan


def next_state(state: State, kind: str, ev: Evidence, today: _dt.date) -> State:
    """The status after a complete scan (the table in this module's docstring)."""
    day = today.isoformat()
    if state.status == "wont_do":
        return state
    if ev.coverage == "rejected":
        if state.status == "not_me":
            return state
        return State("not_me", day, "", "you marked every listing of it as not you")
    if state.status == "not_me":
        return State("todo", day, "", "new listings that are yours were found") if ev.planned else state
    if kind == "manual_check":
        if ev.planned and state.status == "removed":
            return State("todo", day, "", "the site could not be searched automatically again")
        if not ev.planned and ev.site_checked and state.status != "removed":
            return State("removed", day, "", "the site was searched automatically: nothing left to check by hand")
    if ev.planned:
        if state.status == "removed":
            return State("reappeared", day, "", "listed again after it had been removed")
        if state.status in WAITING and state.due_date and day > state.due_date:
            return State("todo", day, "", PAST_DUE_NOTES.get(kind, PAST_DUE_NOTES["optout"]))
        if state.status == "filed" and ev.coverage == "present":
            return replace(state, status="awaiting")
        return state
    if ev.coverage == "removed" and state.status in ("todo", "filed", "awaiting", "reappeared"):
        return State("removed", day, "", "the last scan confirmed it is gone")
    return state


def user_action(record: TaskRecord, action: str, today: _dt.date, on: _dt.date | None = None) -> State:
    """``unlisted tasks done|filed|skip|reopen``. What "done" means depends on the kind:
    an opt-out is then filed today (the scan confirms the removal after the processing time); a
    setting, hardening step or manual check waits for confirmation until today + its recheck days."""
    content = json.loads(record.content or "{}")
    when = on or today
    if action == "skip":
        return State("wont_do", today.isoformat(), "", "you chose not to do it")
    if action == "reopen":
        return State("todo", today.isoformat(), "", "reopened by you")
    if action == "filed" or (action == "done" and record.kind == "optout"):
        days = int(content.get("processing_days") or DEFAULT_PROCESSING_DAYS)
        return State("filed", when.isoformat(), (when + _dt.timedelta(days=days)).isoformat(), "")
    if action == "done":
        days = int(content.get("recheck_days") or DEFAULT_RECHECK_DAYS.get(record.kind, 30))
        return State("awaiting", when.isoformat(), (when + _dt.timedelta(days=days)).isoformat(), "done by you")
    raise ValueError(f"unknown task action {action!r}")


# --- from a scan to the table ------------------------------------------------------------------


def task_content(task) -> dict[str, Any]:
    """A remediation.Task as the JSON kept in the tasks table (also the source of report_tasks)."""
    links = [{"label": link.label, "url": link.url} for link in task.links]
    links += [{"label": "A listing the scan found", "url": url} for url in task.listing_urls[:MAX_LISTING_LINKS]]
    letter = task.letter
    return {
        "title": task.title, "why": task.why, "severity": task.severity, "impact": float(task.impact),
        "links": links, "methods": list(task.methods), "steps": list(task.steps), "asks_for": list(task.asks_for),
        "dont_give": list(task.dont_give), "processing_days": int(task.processing_days),
        "recheck_days": int(task.recheck_days), "company": task.company, "sites": list(task.sites),
        "site_names": list(task.site_names), "covers": list(task.covers), "fingerprints": list(task.fingerprints),
        "tier": task.tier, "checklist": [{"name": i.name, "why": i.why, "url": i.url, "optout_url": i.optout_url}
                                         for i in task.checklist],
        "letter": None if letter is None else {
            "subject": letter.subject, "body": letter.body, "to_email": letter.to_email or "",
            "mailto_url": letter.mailto_url or "", "law": letter.law, "notes": list(letter.notes)},
    }


def finding_states(store: Store, scan_id: int) -> dict[str, str]:
    """Each fingerprint known up to ``scan_id`` -> present | removed | unknown, from history.diff."""
    from scanner.history.changes import diff, load_history

    hist = load_history(store, scan_id)
    states = {fp: "present" for fp in hist[-1].findings}
    seen = {fp for snap in hist for fp in snap.findings}
    earlier = [s.scan.id for s in hist if s.scan.id < scan_id]
    changes = diff(hist, earlier[-1], scan_id).changes if earlier else ()
    reported = {c.fingerprint for c in changes}
    for c in changes:
        if c.bucket in ("removed", "unknown"):
            states[c.fingerprint] = c.bucket
    # diff leaves out what was already removed before and is still gone: last known state removed
    for fp in seen - reported - set(states):
        states[fp] = "removed"
    return states


def _coverage(fingerprints: Iterable[str], states: Mapping[str, str], rejected: set[str]) -> str:
    fps = set(fingerprints)
    if not fps:
        return "none"
    mine = fps - rejected
    if not mine:
        return "rejected"
    seen = [states.get(fp, "unknown") for fp in mine]
    if "present" in seen:
        return "present"
    return "removed" if all(s == "removed" for s in seen) else "unknown"


def sync_tasks(store: Store, scan_id: int, planned_tasks: Iterable, today: _dt.date) -> list[TaskRecord]:
    """Merge a scan's planned tasks (remediation.plan_tasks) into the table and apply the transitions."""
    scan = store.scan(scan_id)
    if scan is None:
        raise LookupError(f"there is no scan number {scan_id}")
    complete = scan.state == "complete"
    planned = {t.key: t for t in planned_tasks}
    existing = {r.key: r for r in store.tasks(scan.mode, scan.subject_name)}
    states = finding_states(store, scan_id) if complete else {}
    rejected = store.rejected_fingerprints()
    checked = {r.site for r in store.site_results(scan_id) if r.status in ("RESULTS", "NO_RESULTS")}
    listed = {site for t in planned.values() if t.checklist for site in t.sites}
    after: dict[str, tuple[TaskRecord | None, str, State, dict]] = {}   # key -> (row, kind, new state, content)
    for key, task in planned.items():
        if key not in existing:
            after[key] = (None, task.kind, State("todo", today.isoformat()), task_content(task))
    for key, record in existing.items():
        task = planned.get(key)
        content = task_content(task) if task else json.loads(record.content or "{}")
        state = State(record.status, record.status_date, record.due_date, record.note)
        if complete:
            fps = task.fingerprints if task else json.loads(record.content or "{}").get("fingerprints", [])
            sites = task.sites if task else json.loads(record.content or "{}").get("sites", [])
            ev = Evidence(planned=task is not None,
                          coverage="present" if task is not None and fps else _coverage(fps, states, rejected),
                          site_checked=bool(sites) and all(s in checked for s in sites))
            state = next_state(state, record.kind, ev, today)
            if task is None and record.kind == "manual_check" and sites and set(sites) <= listed \
                    and state.status not in CLOSED:   # an older check of one site, now a line of the checklist
                state = State("removed", today.isoformat(), "", "now in the list of sites to check by hand")
        after[key] = (record, task.kind if task else record.kind, state, content)
    when = _cut({key: (kind, state.status, content) for key, (_, kind, state, content) in after.items()})
    inserts, updates = [], []
    for key, (record, kind, state, content) in after.items():
        text = json.dumps({**content, "when": when[key]}, ensure_ascii=False)
        if record is None:
            inserts.append(TaskRecord(0, scan.mode, scan.subject_name, key, kind, state.status, state.status_date,
                                      state.due_date, state.note, scan_id, scan_id, text))
            continue
        changed = replace(record, kind=kind, status=state.status, status_date=state.status_date,
                          due_date=state.due_date, note=state.note,
                          last_scan=scan_id if key in planned else record.last_scan, content=text)
        if changed != record:
            updates.append((record, changed))
    store.sync_tasks(scan_id, scan.mode, scan.subject_name, inserts, updates, planned)
    return store.tasks(scan.mode, scan.subject_name)


def _rank(kind: str, key: str, content: Mapping[str, Any]) -> tuple:
    from scanner.plan.rank import order_key
    from scanner.plan.ruleset import default_rules

    return order_key(content.get("tier", ""), content.get("severity") or "", float(content.get("impact", 0.0)),
                     len(content.get("site_names", [])), kind, key, default_rules())


def _cut(tasks: Mapping[str, tuple[str, str, Mapping[str, Any]]]) -> dict[str, str]:
    """key -> this_month | later | done, for (kind, status, content) by key (scanner/plan/rank.py split)."""
    from scanner.plan.rank import split
    from scanner.plan.ruleset import default_rules

    ordered = sorted(tasks, key=lambda k: _rank(tasks[k][0], k, tasks[k][2]))
    return split(((k, tasks[k][2].get("tier", ""), tasks[k][1] in TO_DO) for k in ordered), default_rules())


def plan_and_sync(store: Store, scan_id: int, profile, source_info: Mapping, today: _dt.date) -> list[TaskRecord]:
    """Plan the tasks of a recorded scan (with its letters, written now with the profile) and sync them."""
    from scanner.plan.planner import plan_tasks
    from spiders.catalog import default_catalog

    planned = plan_tasks(store.findings(scan_id), store.site_results(scan_id), profile, default_catalog(),
                         source_info, today)
    return sync_tasks(store, scan_id, planned, today)


# --- reading -----------------------------------------------------------------------------------


def task_dict(record: TaskRecord, finding_ids: Mapping[str, int] | None = None) -> dict[str, Any]:
    """One task in the report contract (reports/ renders exactly these keys)."""
    c = json.loads(record.content or "{}")
    ids = finding_ids or {}
    return {
        "id": record.id, "key": record.key, "kind": record.kind, "title": c.get("title", ""), "why": c.get("why", ""),
        "severity": c.get("severity") or "info", "impact": float(c.get("impact", 0.0)), "status": record.status,
        "status_date": record.status_date, "due_date": record.due_date, "note": record.note,
        "company": c.get("company", ""), "site_names": list(c.get("site_names", [])),
        "covers": list(c.get("covers", [])), "links": [dict(link) for link in c.get("links", [])],
        "methods": list(c.get("methods", [])), "steps": list(c.get("steps", [])),
        "asks_for": list(c.get("asks_for", [])), "dont_give": list(c.get("dont_give", [])),
        "processing_days": int(c.get("processing_days", 0)), "recheck_days": int(c.get("recheck_days", 0)),
        "finding_ids": sorted(ids[fp] for fp in c.get("fingerprints", []) if fp in ids),
        "letter": None if c.get("letter") is None else dict(c["letter"]),
        "tier": c.get("tier", ""), "when": _when(record.status, c.get("when", "")), "sites": list(c.get("sites", [])),
        "checklist": [dict(item) for item in c.get("checklist", [])],
        **filing_dict(record.filing),
    }


FILED_VIA = ("web_form", "email")


def filing_dict(filing: str) -> dict[str, Any]:
    """How `unlisted optout` filed the task: filed_via (web_form | email | ""), evidence (the kept file),
    message_id (email), confirmed (the day the site's confirmation link was opened, "" if not yet or none)."""
    try:
        f = json.loads(filing or "{}")
    except ValueError:
        f = {}
    f = f if isinstance(f, dict) else {}
    return {"filed_via": f.get("via", "") if f.get("via") in FILED_VIA else "", "evidence": str(f.get("evidence", "")),
            "message_id": str(f.get("message_id", "")), "confirmation_expected": bool(f.get("confirmation_expected")),
            "confirmed": str(f.get("confirmed", ""))}


def _when(status: str, when: str) -> str:
    """The task's part of the plan as the last scan cut it; a task reopened since then belongs to this month."""
    if when in ("this_month", "later") or (when == "done" and status not in TO_DO):
        return when
    return "this_month" if status in TO_DO else "done"


WHEN_ORDER = ("this_month", "later", "done")


def _order(task: Mapping[str, Any]) -> tuple:
    return (WHEN_ORDER.index(task["when"]), *_rank(task["kind"], task["key"], task))


def progress(tasks: list[Mapping[str, Any]]) -> tuple[int, int]:
    """(done, total) of this month's part: done = filed or done by you (waiting to be confirmed) or closed."""
    month = [t for t in tasks if t["when"] == "this_month"]
    return sum(1 for t in month if t["status"] not in TO_DO), len(month)


def report_tasks(store: Store, scan_id: int) -> list[dict[str, Any]]:
    """The tasks the sync of scan ``scan_id`` knew, with their current statuses, most impact first.
    Empty for a scan that was never synced (made before tasks existed)."""
    logged = store.task_log(scan_id)
    scan = store.scan(scan_id)
    if not logged or scan is None:
        return []
    ids = {f.fingerprint: f.id for f in store.findings(scan_id)}
    rows = [r for r in store.tasks(scan.mode, scan.subject_name) if r.id in logged]
    return sorted((task_dict(r, ids) for r in rows), key=_order)


def open_task_count(store: Store, scan_id: int) -> int | None:
    """Tasks not finished (to do, filed or awaiting) right after scan ``scan_id``; None if never synced."""
    logged = store.task_log(scan_id)
    return sum(1 for status, _ in logged.values() if status in OPEN) if logged else None


def current_tasks(store: Store) -> list[dict[str, Any]]:
    """The tasks of the latest scan's scope (what `unlisted tasks` shows), in report order."""
    latest = store.latest_scan()
    if latest is None:
        return []
    ids = {f.fingerprint: f.id for f in store.findings(latest.id)}
    return sorted((task_dict(r, ids) for r in store.tasks(latest.mode, latest.subject_name)), key=_order)


def status_words(task: Mapping[str, Any]) -> str:
    """A task's status in one plain sentence, in the same words as the report."""
    text = task_status_text(task["kind"], task["status"], task["status_date"], task["due_date"],
                            task.get("processing_days", 0))
    note = task.get("note", "")
    if task["status"] == "todo" and note and note != "reopened by you":
        text += f" ({note})"
    return text