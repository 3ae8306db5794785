"""Task statuses across scans (scanner/history/tasks.py): the pure transition table, then the same through the
store with real scans recorded, an injected date, history's present/removed/unknown."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace as dc_replace

import pytest

from tests.fakes import F as _F

from scanner.plan.model import Link, Task
from scanner.history.store import SiteResult, Store
from scanner.history.tasks import (Evidence, State, next_state, open_task_count, report_tasks, status_words, sync_tasks,
                           task_dict, user_action)

D0 = dt.date(2026, 1, 5)


def day(n: int) -> dt.date:
    return D0 + dt.timedelta(days=n)


PRESENT, GONE, UNKNOWN = Evidence(True, "present"), Evidence(False, "removed"), Evidence(False, "unknown")
FILED = State("filed", "2026-01-05", "2026-01-12")

# (case, state before, kind, evidence, today, status after, note contains)
TABLE = [
    ("new task stays todo while listed", State("todo", "2026-01-05"), "optout", PRESENT, day(1), "todo", ""),
    ("filed, still listed within processing", FILED, "optout", PRESENT, day(3), "awaiting", ""),
    ("filed, still listed on the due day", FILED, "optout", PRESENT, day(7), "awaiting", ""),
    ("filed, still listed after due", FILED, "optout", PRESENT, day(8), "todo", "file again"),
    ("awaiting, still listed after due", State("awaiting", "2026-01-05", "2026-01-12"), "optout", PRESENT, day(30),
     "todo", "still listed after the usual processing time"),
    ("filed, gone", FILED, "optout", GONE, day(3), "removed", "confirmed"),
    ("awaiting, gone", State("awaiting", "2026-01-05", "2026-01-12"), "optout", GONE, day(30), "removed", ""),
    ("todo seen before, gone", State("todo", "2026-01-01"), "optout", GONE, day(1), "removed", ""),
    ("removed, listed again", State("removed", "2026-01-20"), "optout", PRESENT, day(40), "reappeared", "again"),
    ("reappeared, gone again", State("reappeared", "2026-02-20"), "optout", GONE, day(60), "removed", ""),
    ("filed, site not checked this month", FILED, "optout", UNKNOWN, day(30), "filed", ""),
    ("todo, site not checked this month", State("todo", "2026-01-05"), "optout", UNKNOWN, day(30), "todo", ""),
    ("removed, site not checked", State("removed", "2026-01-20"), "optout", UNKNOWN, day(40), "removed", ""),
    ("all findings not me", FILED, "optout", Evidence(False, "rejected"), day(3), "not_me", "not you"),
    ("not me, new findings of yours", State("not_me", "2026-01-05"), "optout", PRESENT, day(30), "todo", "new"),
    ("not me stays without new findings", State("not_me", "2026-01-05"), "optout", GONE, day(30), "not_me", ""),
    ("won't do while listed", State("wont_do", "2026-01-05"), "optout", PRESENT, day(30), "wont_do", ""),
    ("won't do when gone", State("wont_do", "2026-01-05"), "optout", GONE, day(30), "wont_do", ""),
    ("won't do when not me", State("wont_do", "2026-01-05"), "optout", Evidence(False, "rejected"), day(3),
     "wont_do", ""),
    ("setting done, still visible before due", State("awaiting", "2026-01-05", "2026-04-05", "done by you"),
     "setting", PRESENT, day(30), "awaiting", "done by you"),
    ("setting done, still visible after due", State("awaiting", "2026-01-05", "2026-04-05", "done by you"),
     "setting", PRESENT, day(100), "todo", "check the settings again"),
    ("manual check, site searched automatically", State("todo", "2026-01-05"), "manual_check",
     Evidence(False, "none", site_checked=True), day(30), "removed", "nothing left to check by hand"),
    ("manual check, site still not searched", State("todo", "2026-01-05"), "manual_check",
     Evidence(True, "none"), day(30), "todo", ""),
    ("manual check, not in this scan at all", State("todo", "2026-01-05"), "manual_check",
     Evidence(False, "none"), day(30), "todo", ""),
    ("manual check resolved, blocked again", State("removed", "2026-02-05"), "manual_check",
     Evidence(True, "none"), day(60), "todo", "could not be searched"),
    ("manual check done, past recheck", State("awaiting", "2026-01-05", "2026-02-04", "done by you"),
     "manual_check", Evidence(True, "none"), day(31), "todo", "by hand"),
]


@pytest.mark.parametrize("case, before, kind, ev, today, status, note", TABLE, ids=[t[0] for t in TABLE])
def test_transition_table(case, before, kind, ev, today, status, note):
    after = next_state(before, kind, ev, today)
    assert after.status == status
    assert note in after.note
    if after.status != before.status and status not in ("awaiting",):
        assert after.status_date == today.isoformat()


# --- through the store ---------------------------------------------------------------------------


@dataclass(frozen=True)
class F(_F):
    source_url: str = "https://alpha.example/p/1"




def task(key: str, fps: tuple[str, ...], sites: tuple[str, ...], kind: str = "optout", processing: int = 7) -> Task:
    return Task(key=key, kind=kind, title=f"Remove your listing from {sites[0]}", why="Alpha shows your home address.",
                fingerprints=fps, sites=sites, site_names=tuple(s.title() for s in sites), severity="critical",
                impact=10.0 * len(fps), links=(Link("Opt-out page", f"https://{sites[0]}.example/optout"),),
                methods=("web_form",), steps=("Open the opt-out page.",), asks_for=("an email address",),
                dont_give=("Never give a Social Security number.",), processing_days=processing, recheck_days=30,
                company=sites[0].title(), listing_urls=(f"https://{sites[0]}.example/p/1",))


def plan(findings, statuses) -> list[Task]:
    """A stand-in for remediation.plan_tasks: one opt-out per site with findings, a manual check per blocked site."""
    out = []
    for site in sorted({f.site for f in findings}):
        out.append(task(f"optout:{site}", tuple(sorted(f.fingerprint for f in findings if f.site == site)), (site,)))
    out += [task(f"manual:{s}", (), (s,), kind="manual_check") for s, st in sorted(statuses.items()) if st == "BLOCKED"]
    return out


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "u.db")
    yield s
    s.close()


def scan(store, today: dt.date, statuses: dict, findings: list, state="complete", mode="sandbox",
         subject="Avery Quinlan", rejected=()) -> int:
    scan_id = store.begin_scan(f"{today.isoformat()} 10:00:00 UTC", mode, len(statuses), subject)
    store.record_results(scan_id, [SiteResult(site, status) for site, status in statuses.items()], findings)
    store.finish_scan(scan_id, state, f"{today.isoformat()} 10:05:00 UTC")
    kept = [f for f in findings if f.fingerprint not in set(rejected) | store.rejected_fingerprints()]
    sync_tasks(store, scan_id, plan(kept, statuses), today)
    return scan_id


def statuses(store, mode="sandbox", subject="Avery Quinlan") -> dict[str, str]:
    return {t.key: t.status for t in store.tasks(mode, subject)}


def act(store, key: str, action: str, today: dt.date, on: dt.date | None = None) -> None:
    record = next(t for t in store.tasks("sandbox", "Avery Quinlan") if t.key == key)
    new = user_action(record, action, today, on)
    store.set_task_status(record.id, new.status, new.status_date, new.due_date, new.note)


A1, A2, B1 = F("a1", "alpha"), F("a2", "alpha", kind="phone", severity="high"), F("b1", "beta", severity="medium")


def test_a_listing_filed_reopened_removed_and_back(store):
    scan(store, day(0), {"alpha": "RESULTS", "beta": "RESULTS"}, [A1, A2, B1])
    assert statuses(store) == {"optout:alpha": "todo", "optout:beta": "todo"}
    act(store, "optout:alpha", "filed", day(1))
    scan(store, day(4), {"alpha": "RESULTS", "beta": "RESULTS"}, [A1, A2, B1])
    assert statuses(store)["optout:alpha"] == "awaiting"                     # still listed, within 7 days
    scan(store, day(10), {"alpha": "RESULTS", "beta": "RESULTS"}, [A1, B1])  # a2 gone, a1 still there past due
    [alpha] = [t for t in store.tasks("sandbox", "Avery Quinlan") if t.key == "optout:alpha"]
    assert (alpha.status, alpha.note) == ("todo", "still listed after the usual processing time: file again or "
                                                  "contact the site")
    act(store, "optout:alpha", "done", day(11))                             # opt-out: done = filed today
    assert statuses(store)["optout:alpha"] == "filed"
    scan(store, day(14), {"alpha": "BLOCKED", "beta": "RESULTS"}, [B1])       # could not check: unknown
    assert statuses(store)["optout:alpha"] == "filed"
    scan(store, day(20), {"alpha": "NO_RESULTS", "beta": "RESULTS"}, [B1])    # gone
    assert statuses(store)["optout:alpha"] == "removed"
    scan(store, day(50), {"alpha": "ERROR", "beta": "RESULTS"}, [B1])
    assert statuses(store)["optout:alpha"] == "removed"
    scan(store, day(80), {"alpha": "RESULTS", "beta": "RESULTS"}, [A1, B1])   # re-added by the broker
    assert statuses(store)["optout:alpha"] == "reappeared"
    assert statuses(store)["optout:beta"] == "todo"
    assert statuses(store)["manual:alpha"] == "removed"      # the blocked month's check: searched again since


def test_a_scan_of_other_sites_changes_nothing(store):
    scan(store, day(0), {"alpha": "RESULTS", "beta": "RESULTS"}, [A1, B1])
    act(store, "optout:alpha", "filed", day(0))
    scan(store, day(30), {"beta": "NO_RESULTS"}, [])          # e.g. `scan --site beta`: alpha not searched
    assert statuses(store) == {"optout:alpha": "filed", "optout:beta": "removed"}


def test_not_me_and_wont_do(store):
    scan(store, day(0), {"alpha": "RESULTS", "beta": "RESULTS"}, [A1, A2, B1])
    act(store, "optout:beta", "skip", day(1))
    store.set_verdict("a1", "not-me", "x")
    scan(store, day(5), {"alpha": "RESULTS", "beta": "RESULTS"}, [A1, A2, B1])
    assert statuses(store) == {"optout:alpha": "todo", "optout:beta": "wont_do"}   # a2 is still yours
    store.set_verdict("a2", "not-me", "x")
    scan(store, day(10), {"alpha": "RESULTS", "beta": "NO_RESULTS"}, [A1, A2])
    assert statuses(store) == {"optout:alpha": "not_me", "optout:beta": "wont_do"}
    store.set_verdict("a2", "me", "y")                                            # undone: yours again
    scan(store, day(15), {"alpha": "RESULTS"}, [A1, A2])
    assert statuses(store)["optout:alpha"] == "todo"


def test_only_complete_scans_change_statuses_but_every_scan_adds_its_tasks(store):
    scan(store, day(0), {"alpha": "RESULTS"}, [A1])
    act(store, "optout:alpha", "filed", day(0))
    cut = scan(store, day(30), {"alpha": "NO_RESULTS", "beta": "RESULTS"}, [B1], state="interrupted")
    assert statuses(store) == {"optout:alpha": "filed", "optout:beta": "todo"}
    assert {t["key"] for t in report_tasks(store, cut)} == {"optout:alpha", "optout:beta"}
    scan(store, day(31), {"alpha": "NO_RESULTS", "beta": "RESULTS"}, [B1])
    assert statuses(store) == {"optout:alpha": "removed", "optout:beta": "todo"}


def test_manual_checks_follow_the_site(store):
    scan(store, day(0), {"alpha": "BLOCKED"}, [])
    assert statuses(store) == {"manual:alpha": "todo"}
    scan(store, day(30), {"alpha": "RESULTS"}, [A1])
    assert statuses(store) == {"manual:alpha": "removed", "optout:alpha": "todo"}
    scan(store, day(60), {"alpha": "BLOCKED"}, [])
    assert statuses(store) == {"manual:alpha": "todo", "optout:alpha": "todo"}   # unknown: unchanged


def test_scopes_do_not_mix(store):
    scan(store, day(0), {"alpha": "RESULTS"}, [A1])
    scan(store, day(1), {"beta": "RESULTS"}, [B1], mode="live")
    assert statuses(store) == {"optout:alpha": "todo"}
    assert statuses(store, mode="live") == {"optout:beta": "todo"}


def test_report_contract_open_count_and_words(store):
    first = scan(store, day(0), {"alpha": "RESULTS", "beta": "RESULTS", "gamma": "BLOCKED"}, [A1, A2, B1])
    assert open_task_count(store, first) == 3
    act(store, "optout:beta", "skip", day(0))
    second = scan(store, day(3), {"alpha": "RESULTS", "beta": "RESULTS", "gamma": "BLOCKED"}, [A1, A2, B1])
    assert open_task_count(store, second) == 2 and open_task_count(store, first) == 3   # per-scan snapshot
    tasks = report_tasks(store, second)
    # this month's first (most urgent first), then the skipped one (finished at the cut: "done")
    assert [t["key"] for t in tasks] == ["optout:alpha", "manual:gamma", "optout:beta"]
    assert [t["when"] for t in tasks] == ["this_month", "this_month", "done"]
    t = tasks[0]
    assert set(t) == {"id", "key", "kind", "title", "why", "severity", "impact", "status", "status_date", "due_date",
                      "note", "company", "site_names", "covers", "links", "methods", "steps", "asks_for", "dont_give",
                      "processing_days", "recheck_days", "finding_ids", "letter", "tier", "when", "sites", "checklist",
                      "filed_via", "evidence", "message_id", "confirmation_expected", "confirmed"}
    findings = {f.fingerprint: f.id for f in store.findings(second)}
    assert t["finding_ids"] == sorted([findings["a1"], findings["a2"]])
    assert t["links"][-1] == {"label": "A listing the scan found", "url": "https://alpha.example/p/1"}
    assert (t["status"], t["status_date"], t["due_date"], t["letter"]) == ("todo", "2026-01-05", "", None)
    assert isinstance(t["impact"], float) and t["severity"] == "critical"
    assert report_tasks(store, 999) == [] and open_task_count(store, 999) is None
    words = {k: status_words({**t, **v}) for k, v in {
        "filed": {"status": "filed", "status_date": "2026-01-06", "due_date": "2026-01-13"},
        "removed": {"status": "removed", "status_date": "2026-02-01"}}.items()}
    assert words == {"filed": "Filed on 2026-01-06 — the site usually takes 7 days; we will check again after 2026-01-13",
                     "removed": "Confirmed removed on 2026-02-01"}


def test_what_done_means_per_kind(store):
    scan(store, day(0), {"alpha": "RESULTS", "gamma": "BLOCKED"}, [A1])
    records = {t.key: t for t in store.tasks("sandbox", "Avery Quinlan")}
    optout = user_action(records["optout:alpha"], "done", day(2))
    assert (optout.status, optout.status_date, optout.due_date) == ("filed", "2026-01-07", "2026-01-14")
    manual = user_action(records["manual:gamma"], "done", day(2))
    assert (manual.status, manual.due_date, manual.note) == ("awaiting", "2026-02-06", "done by you")
    earlier = user_action(records["optout:alpha"], "filed", day(2), on=day(-3))
    assert (earlier.status_date, earlier.due_date) == ("2026-01-02", "2026-01-09")
    assert user_action(records["optout:alpha"], "reopen", day(2)).status == "todo"
    with pytest.raises(ValueError):
        user_action(records["optout:alpha"], "frobnicate", day(2))


def test_letter_and_content_are_kept_for_later_reports(store):
    scan(store, day(0), {"alpha": "RESULTS"}, [A1])
    record = store.tasks("sandbox", "Avery Quinlan")[0]
    content = json.loads(record.content)
    assert content["fingerprints"] == ["a1"] and content["processing_days"] == 7
    assert task_dict(record)["finding_ids"] == []      # no scan given: no finding numbers


def test_a_status_the_user_sets_during_the_sync_is_kept(store):
    scan(store, day(0), {"alpha": "RESULTS"}, [A1])
    [record] = store.tasks("sandbox", "Avery Quinlan")
    removed = State("removed", "2026-01-10")
    store.set_task_status(record.id, "filed", "2026-01-09", "2026-01-16", "")   # `tasks filed` while the scan ran
    scan_id = store.begin_scan("2026-01-10 10:00:00 UTC", "sandbox", 1, "Avery Quinlan")
    store.sync_tasks(scan_id, "sandbox", "Avery Quinlan", [],
                     [(record, dc_replace(record, status=removed.status, status_date=removed.status_date))], [])
    assert store.task(record.id).status == "filed"
