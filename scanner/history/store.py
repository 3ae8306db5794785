"""The local history: one SQLite file, 0600, versioned by PRAGMA user_version."""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from scanner.config import ensure_private_dir
from scanner.history.migrations import MIGRATIONS

SEVERITY_ORDER = {"critical": 0, "high": 1, "medium": 2, "low": 3, "info": 4}


class StoreError(RuntimeError):
    """The database cannot be used; the message says why in one line."""


@dataclass(frozen=True)
class ScanRow:
    id: int
    started_at: str
    finished_at: str
    state: str
    mode: str
    sites_total: int
    subject_name: str
    report_path: str


@dataclass(frozen=True)
class SiteResult:
    site: str
    status: str
    detail: str = ""
    search_url: str = ""
    pages: int = 0
    fetched_with: str = ""   # "http", "browser", or "" when nothing was fetched


@dataclass(frozen=True)
class StoredFinding:
    id: int
    scan_id: int
    fingerprint: str
    site: str
    kind: str
    subject: str
    value: str
    confidence: float
    severity: str
    evidence: str
    source_url: str
    reasons: tuple[str, ...]


class Store:
    def __init__(self, path: Path):
        self.path = path
        ensure_private_dir(path.parent)
        if not path.exists():
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
        try:
            self.db = sqlite3.connect(path, timeout=5, isolation_level=None)
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = FULL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: the history database cannot be opened ({exc})") from None
        self._private_files()

    def _private_files(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            candidate = Path(f"{self.path}{suffix}")
            if candidate.exists():
                os.chmod(candidate, 0o600)

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise StoreError(
                f"{self.path}: made by a newer version of unlisted (schema {version}); please upgrade"
            )
        for number in range(version, len(MIGRATIONS)):
            with self.transaction():
                for statement in _statements(MIGRATIONS[number]):
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {number + 1}")

    def transaction(self):
        return _Transaction(self.db)

    def close(self) -> None:
        self.db.close()
        self._private_files()

    # scans -----------------------------------------------------------------
    def recover_interrupted(self, now: str) -> int:
        """Scans left 'running' by a killed process become 'interrupted' (call with the scan lock held)."""
        with self.transaction():
            cur = self.db.execute(
                "UPDATE scans SET state = 'interrupted', finished_at = ? WHERE state = 'running'", (now,)
            )
        return cur.rowcount

    def begin_scan(self, started_at: str, mode: str, sites_total: int, subject_name: str) -> int:
        with self.transaction():
            cur = self.db.execute(
                "INSERT INTO scans (started_at, state, mode, sites_total, subject_name) VALUES (?, 'running', ?, ?, ?)",
                (started_at, mode, sites_total, subject_name),
            )
        self._private_files()
        return int(cur.lastrowid)

    def record_results(self, scan_id: int, sites: Iterable[SiteResult], findings: Iterable) -> None:
        """Store a scan's per-site statuses and findings in one transaction."""
        with self.transaction():
            self.db.executemany(
                "INSERT OR REPLACE INTO site_results (scan_id, site, status, detail, search_url, pages, fetched_with)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(scan_id, s.site, s.status, s.detail, _clean(s.search_url), s.pages, s.fetched_with) for s in sites],
            )
            self.db.executemany(
                "INSERT OR IGNORE INTO findings (scan_id, fingerprint, site, kind, subject, value, confidence,"
                " severity, evidence, source_url, reasons) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (scan_id, f.fingerprint, f.site, f.kind, f.subject, _clean(f.value), float(f.confidence),
                     f.severity, _clean(f.evidence), _clean(f.source_url), json.dumps([_clean(r) for r in f.reasons]))
                    for f in findings
                ],
            )

    def finish_scan(self, scan_id: int, state: str, finished_at: str) -> None:
        with self.transaction():
            self.db.execute("UPDATE scans SET state = ?, finished_at = ? WHERE id = ?", (state, finished_at, scan_id))

    def set_report_path(self, scan_id: int, report_path: str) -> None:
        with self.transaction():
            self.db.execute("UPDATE scans SET report_path = ? WHERE id = ?", (report_path, scan_id))

    def scans(self) -> list[ScanRow]:
        rows = self.db.execute(
            "SELECT id, started_at, finished_at, state, mode, sites_total, subject_name, report_path FROM scans ORDER BY id"
        ).fetchall()
        return [ScanRow(*row) for row in rows]

    def scan(self, scan_id: int) -> ScanRow | None:
        row = self.db.execute(
            "SELECT id, started_at, finished_at, state, mode, sites_total, subject_name, report_path FROM scans WHERE id = ?",
            (scan_id,),
        ).fetchone()
        return ScanRow(*row) if row else None

    def latest_scan(self) -> ScanRow | None:
        scans = self.scans()
        return scans[-1] if scans else None

    def site_results(self, scan_id: int) -> list[SiteResult]:
        rows = self.db.execute(
            "SELECT site, status, detail, search_url, pages, fetched_with FROM site_results WHERE scan_id = ? ORDER BY site",
            (scan_id,),
        ).fetchall()
        return [SiteResult(*row) for row in rows]

    def findings(self, scan_id: int, include_rejected: bool = False) -> list[StoredFinding]:
        query = (
            "SELECT f.id, f.scan_id, f.fingerprint, f.site, f.kind, f.subject, f.value, f.confidence, f.severity,"
            " f.evidence, f.source_url, f.reasons FROM findings f"
            " LEFT JOIN verdicts v ON v.fingerprint = f.fingerprint WHERE f.scan_id = ?"
        )
        if not include_rejected:
            query += " AND (v.verdict IS NULL OR v.verdict != 'not-me')"
        rows = self.db.execute(query, (scan_id,)).fetchall()
        found = [StoredFinding(*row[:11], tuple(json.loads(row[11]))) for row in rows]
        return sorted(found, key=lambda f: (SEVERITY_ORDER.get(f.severity, 9), -f.confidence, f.site, f.id))

    def finding(self, finding_id: int) -> StoredFinding | None:
        row = self.db.execute(
            "SELECT id, scan_id, fingerprint, site, kind, subject, value, confidence, severity, evidence,"
            " source_url, reasons FROM findings WHERE id = ?",
            (finding_id,),
        ).fetchone()
        return StoredFinding(*row[:11], tuple(json.loads(row[11]))) if row else None

    def finding_by_fingerprint(self, prefix: str) -> StoredFinding | None:
        if len(prefix) < 6 or not all(c in "0123456789abcdef" for c in prefix.lower()):
            return None
        row = self.db.execute(
            "SELECT id FROM findings WHERE fingerprint LIKE ? ORDER BY id DESC LIMIT 1", (prefix + "%",)
        ).fetchone()
        return self.finding(row[0]) if row else None

    # verdicts --------------------------------------------------------------
    def set_verdict(self, fingerprint: str, verdict: str, decided_at: str) -> None:
        with self.transaction():
            self.db.execute(
                "INSERT INTO verdicts (fingerprint, verdict, decided_at) VALUES (?, ?, ?)"
                " ON CONFLICT(fingerprint) DO UPDATE SET verdict = excluded.verdict, decided_at = excluded.decided_at",
                (fingerprint, verdict, decided_at),
            )

    def rejected_fingerprints(self) -> set[str]:
        rows = self.db.execute("SELECT fingerprint FROM verdicts WHERE verdict = 'not-me'").fetchall()
        return {row[0] for row in rows}

    # rescan runs (migration 2) ---------------------------------------------
    def begin_run(self, started_at: str) -> int:
        with self.transaction():
            cur = self.db.execute("INSERT INTO runs (started_at, outcome) VALUES (?, 'running')", (started_at,))
        return int(cur.lastrowid)

    def finish_run(self, run_id: int, outcome: str, finished_at: str, scan_id: int | None = None,
                   detail: str = "") -> None:
        with self.transaction():
            self.db.execute(
                "UPDATE runs SET outcome = ?, finished_at = ?, scan_id = COALESCE(?, scan_id), detail = ?"
                " WHERE id = ?",
                (outcome, finished_at, scan_id, _clean(detail), run_id),
            )

    def recover_runs(self, now: str) -> list["RunRow"]:
        """Runs left 'running' by a killed process become 'interrupted' (call with the rescan lock held)."""
        with self.transaction():
            stuck = [RunRow(*row) for row in self.db.execute(f"SELECT {_RUN_COLUMNS} FROM runs WHERE outcome = 'running'")]
            self.db.execute("UPDATE runs SET outcome = 'interrupted', finished_at = ? WHERE outcome = 'running'", (now,))
        return [RunRow(r.id, r.started_at, now, "interrupted", r.scan_id, r.detail) for r in stuck]

    def runs(self) -> list["RunRow"]:
        return [RunRow(*row) for row in self.db.execute(f"SELECT {_RUN_COLUMNS} FROM runs ORDER BY id")]

    # remediation tasks (migration 3; the logic is in scanner/history/tasks.py) -------
    def tasks(self, mode: str, subject_name: str) -> list["TaskRecord"]:
        rows = self.db.execute(f"SELECT {_TASK_COLUMNS} FROM tasks WHERE mode = ? AND subject_name = ? ORDER BY id",
                               (mode, subject_name)).fetchall()
        return [TaskRecord(*row) for row in rows]

    def task(self, task_id: int) -> "TaskRecord | None":
        row = self.db.execute(f"SELECT {_TASK_COLUMNS} FROM tasks WHERE id = ?", (task_id,)).fetchone()
        return TaskRecord(*row) if row else None

    def sync_tasks(self, scan_id: int, mode: str, subject_name: str, inserts: Iterable["TaskRecord"],
                   updates: Iterable[tuple["TaskRecord", "TaskRecord"]], planned_keys: Iterable[str]) -> None:
        """One scan's task changes in one transaction: new rows, changed rows (``(before, after)`` pairs: a
        row the user changed in the meantime, e.g. `tasks filed` during the scan, is left as the user set
        it), then a snapshot of every task of the scope in task_log (its status after this scan, and
        whether the scan planned it)."""
        planned = set(planned_keys)
        with self.transaction():
            self.db.executemany(
                "INSERT INTO tasks (mode, subject_name, key, kind, status, status_date, due_date, note, first_scan,"
                " last_scan, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(mode, subject_name, t.key, t.kind, t.status, t.status_date, t.due_date, _clean(t.note),
                  t.first_scan, t.last_scan, _clean(t.content)) for t in inserts])
            self.db.executemany(
                "UPDATE tasks SET kind = ?, status = ?, status_date = ?, due_date = ?, note = ?, last_scan = ?,"
                " content = ? WHERE id = ? AND status = ? AND status_date = ? AND due_date = ?",
                [(t.kind, t.status, t.status_date, t.due_date, _clean(t.note), t.last_scan, _clean(t.content), t.id,
                  old.status, old.status_date, old.due_date) for old, t in updates])
            rows = self.db.execute("SELECT id, key, status FROM tasks WHERE mode = ? AND subject_name = ?",
                                   (mode, subject_name)).fetchall()
            self.db.executemany(
                "INSERT OR REPLACE INTO task_log (scan_id, task_id, status, planned) VALUES (?, ?, ?, ?)",
                [(scan_id, tid, status, int(key in planned)) for tid, key, status in rows])

    def set_task_status(self, task_id: int, status: str, status_date: str, due_date: str, note: str) -> None:
        with self.transaction():
            self.db.execute("UPDATE tasks SET status = ?, status_date = ?, due_date = ?, note = ? WHERE id = ?",
                            (status, status_date, due_date, _clean(note), task_id))

    def set_task_filing(self, task_id: int, status: str, status_date: str, due_date: str, note: str,
                        filing: str) -> None:
        """A task filed by `unlisted optout` (or its confirmation link opened): status and filing at once."""
        with self.transaction():
            self.db.execute("UPDATE tasks SET status = ?, status_date = ?, due_date = ?, note = ?, filing = ? "
                            "WHERE id = ?", (status, status_date, due_date, _clean(note), filing, task_id))

    def task_log(self, scan_id: int) -> dict[int, tuple[str, bool]]:
        """Task id -> (status after that scan, planned by it), for every task the scan's sync saw."""
        rows = self.db.execute("SELECT task_id, status, planned FROM task_log WHERE scan_id = ?", (scan_id,))
        return {tid: (status, bool(planned)) for tid, status, planned in rows}


_RUN_COLUMNS = "id, started_at, finished_at, outcome, scan_id, detail"


@dataclass(frozen=True)
class RunRow:
    """One `unlisted rescan` attempt; outcome running|complete|incomplete|nothing_checked|failed|interrupted|busy."""

    id: int
    started_at: str
    finished_at: str
    outcome: str
    scan_id: int | None
    detail: str


_TASK_COLUMNS = ("id, mode, subject_name, key, kind, status, status_date, due_date, note, first_scan, last_scan,"
                 " content, filing")


@dataclass(frozen=True)
class TaskRecord:
    """One row of the tasks table; ``content`` is the latest planned task as JSON (scanner/history/tasks.py)."""

    id: int
    mode: str
    subject_name: str
    key: str
    kind: str
    status: str
    status_date: str
    due_date: str
    note: str
    first_scan: int
    last_scan: int
    content: str
    filing: str = "{}"    # how it was filed, as JSON (scanner/history/tasks.py: filing_dict)


class _Transaction:
    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self):
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, exc_type, exc, tb):
        self.db.execute("COMMIT" if exc_type is None else "ROLLBACK")
        return False


def _clean(text: str) -> str:
    """Scraped text may hold lone surrogates, which SQLite cannot store as UTF-8."""
    return text.encode("utf-8", errors="replace").decode("utf-8")


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
