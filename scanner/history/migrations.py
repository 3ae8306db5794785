"""The store's schema, one SQL script per version (PRAGMA user_version): append, never edit."""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: scans, per-site results, findings, the user's verdicts
    """
    CREATE TABLE scans (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL CHECK (state IN ('running', 'complete', 'interrupted', 'failed')),
        mode TEXT NOT NULL,
        sites_total INTEGER NOT NULL DEFAULT 0,
        subject_name TEXT NOT NULL DEFAULT '',
        report_path TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE site_results (
        scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
        site TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('RESULTS', 'NO_RESULTS', 'BLOCKED', 'ERROR', 'SKIPPED')),
        detail TEXT NOT NULL DEFAULT '',
        search_url TEXT NOT NULL DEFAULT '',
        pages INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (scan_id, site)
    );
    CREATE TABLE findings (
        id INTEGER PRIMARY KEY,
        scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
        fingerprint TEXT NOT NULL,
        site TEXT NOT NULL,
        kind TEXT NOT NULL,
        subject TEXT NOT NULL,
        value TEXT NOT NULL,
        confidence REAL NOT NULL,
        severity TEXT NOT NULL,
        evidence TEXT NOT NULL,
        source_url TEXT NOT NULL,
        reasons TEXT NOT NULL DEFAULT '[]',
        UNIQUE (scan_id, fingerprint)
    );
    CREATE INDEX findings_by_fingerprint ON findings(fingerprint);
    CREATE TABLE verdicts (
        fingerprint TEXT PRIMARY KEY,
        verdict TEXT NOT NULL CHECK (verdict IN ('not-me', 'me')),
        decided_at TEXT NOT NULL
    );
    """,
    # 2: rescan attempts (`unlisted rescan`), so that a run that crashed or checked nothing is shown later
    """
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL DEFAULT '',
        outcome TEXT NOT NULL CHECK (outcome IN
            ('running', 'complete', 'incomplete', 'nothing_checked', 'failed', 'interrupted', 'busy')),
        scan_id INTEGER REFERENCES scans(id) ON DELETE SET NULL,
        detail TEXT NOT NULL DEFAULT ''
    );
    """,
    # 3: remediation tasks and their statuses (scanner/history/tasks.py), per scope (the scans' mode and person,
    # as history compares them), and each synced scan's snapshot of them (the trend's open tasks)
    """
    CREATE TABLE tasks (
        id INTEGER PRIMARY KEY,
        mode TEXT NOT NULL,
        subject_name TEXT NOT NULL,
        key TEXT NOT NULL,
        kind TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN
            ('todo', 'filed', 'awaiting', 'removed', 'reappeared', 'not_me', 'wont_do')),
        status_date TEXT NOT NULL DEFAULT '',
        due_date TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        first_scan INTEGER NOT NULL,
        last_scan INTEGER NOT NULL,
        content TEXT NOT NULL DEFAULT '{}',
        UNIQUE (mode, subject_name, key)
    );
    CREATE TABLE task_log (
        scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
        task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
        status TEXT NOT NULL,
        planned INTEGER NOT NULL,
        PRIMARY KEY (scan_id, task_id)
    );
    """,
    # 4: how each site was fetched: "http", "browser" (a web browser, issue 11) or "" (not fetched)
    """
    ALTER TABLE site_results ADD COLUMN fetched_with TEXT NOT NULL DEFAULT '';
    """,
    # 5: how an opt-out was filed (`unlisted optout`, issue 13): JSON {via, evidence, message_id, confirmed, ...}
    """
    ALTER TABLE tasks ADD COLUMN filing TEXT NOT NULL DEFAULT '{}';
    """,
)
