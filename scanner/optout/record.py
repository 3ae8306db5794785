"""Marking a task filed by `unlisted optout`: its status (as `tasks filed` sets it) and how it was filed,
in one transaction, only once the request has gone out (a stopped run leaves no half-filed task)."""

from __future__ import annotations

import datetime as _dt
import json
from typing import Any

from scanner.history.store import Store, TaskRecord
from scanner.history.tasks import user_action


def mark_filed(store: Store, record: TaskRecord, via: str, evidence: str, today: _dt.date, note: str = "",
               **details: Any) -> None:
    """Filed today through `via` (web_form | email); `evidence`: the kept file; `details`: message_id,
    confirmation_expected, screenshot, ..."""
    state = user_action(record, "filed", today)
    filing = {"via": via, "evidence": evidence, "filed_on": today.isoformat(), **details}
    store.set_task_filing(record.id, state.status, state.status_date, state.due_date, note,
                          json.dumps(filing, ensure_ascii=False))


def mark_confirmed(store: Store, record: TaskRecord, evidence: str, today: _dt.date) -> None:
    """The site's confirmation link was opened: the filing says so (the status stays as it is)."""
    filing = json.loads(record.filing or "{}")
    filing.update(confirmed=today.isoformat(), confirmation_evidence=evidence)
    store.set_task_filing(record.id, record.status, record.status_date, record.due_date,
                          "" if record.note.startswith("open the confirmation link") else record.note,
                          json.dumps(filing, ensure_ascii=False))
