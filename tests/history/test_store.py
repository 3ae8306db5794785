import os
import sqlite3
import stat

import pytest

from tests.fakes import F

from scanner.lock import AlreadyRunning, ScanLock
from scanner.history.migrations import MIGRATIONS
from scanner.history.store import SiteResult, Store, StoreError




def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_files_are_private_whatever_the_umask(tmp_path):
    old = os.umask(0)
    try:
        store = Store(tmp_path / "home" / "unlisted.db")
        store.begin_scan("t0", "sandbox", 3, "A Q")
    finally:
        os.umask(old)
    assert mode(tmp_path / "home") == 0o700
    for suffix in ("", "-wal", "-shm"):
        path = tmp_path / "home" / f"unlisted.db{suffix}"
        if path.exists():
            assert mode(path) == 0o600, suffix
    store.close()


def test_scan_lifecycle_findings_and_verdicts(tmp_path):
    store = Store(tmp_path / "u.db")
    scan = store.begin_scan("t0", "sandbox", 2, "Avery Quinlan")
    store.record_results(scan, [SiteResult("thatsthem", "RESULTS"), SiteResult("whitepages", "BLOCKED", "bot check")],
                         [F("aa11"), F("bb22", kind="phone", severity="high")])
    store.finish_scan(scan, "complete", "t1")
    assert store.scan(scan).state == "complete"
    assert [f.fingerprint for f in store.findings(scan)] == ["aa11", "bb22"]  # most severe first
    store.set_verdict("bb22", "not-me", "t2")
    assert [f.fingerprint for f in store.findings(scan)] == ["aa11"]
    assert len(store.findings(scan, include_rejected=True)) == 2
    assert store.finding_by_fingerprint("bb22") is None  # too short a prefix
    assert {r.status for r in store.site_results(scan)} == {"RESULTS", "BLOCKED"}


def test_killed_scan_is_marked_interrupted_and_earlier_scans_kept(tmp_path):
    store = Store(tmp_path / "u.db")
    first = store.begin_scan("t0", "live", 1, "A Q")
    store.record_results(first, [SiteResult("thatsthem", "RESULTS")], [F("aa11")])
    store.finish_scan(first, "complete", "t1")
    second = store.begin_scan("t2", "live", 1, "A Q")  # the process dies here
    store.close()
    store = Store(tmp_path / "u.db")
    assert store.recover_interrupted("t3") == 1
    assert store.scan(second).state == "interrupted"
    assert store.scan(first).state == "complete" and len(store.findings(first)) == 1
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_migrations_are_versioned_and_newer_db_refused(tmp_path):
    path = tmp_path / "u.db"
    Store(path).close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="newer version"):
        Store(path)


def test_not_a_database(tmp_path):
    path = tmp_path / "u.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot be opened"):
        Store(path)


def test_second_lock_holder_is_refused(tmp_path):
    with ScanLock(tmp_path / "scan.lock"):
        with pytest.raises(AlreadyRunning, match="another unlisted scan is running"):
            with ScanLock(tmp_path / "scan.lock"):
                pass
    with ScanLock(tmp_path / "scan.lock"):  # released
        pass
