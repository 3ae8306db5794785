"""Crash safety: `unlisted rescan` killed (SIGKILL) at 20 seeded points across the run record, the
crawl, the results transaction, the scan's completion and the report write.

After every kill: the database passes PRAGMA integrity_check and every scan that was finished
before is unchanged, row for row; every report file is complete (the temp-then-rename write) or
the one from before. After the next run: the killed scan is marked interrupted, the killed run too,
no temp file is left, and the report shows the interrupted runs.

Four data folders run in parallel (5 kills each) to keep the file well under a minute.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from scanner.sandbox.server import DEMO_PROFILE

pytestmark = pytest.mark.skipif(os.name == "nt", reason="uses SIGKILL and flock")

TESTS = Path(__file__).resolve().parents[1]
SEED = 20250301
POINTS = ["crawl"] * 6 + ["run"] * 2 + ["store"] * 4 + ["finish"] * 2 + ["report-tmp"] * 3 + ["report-done"] * 3
HOMES = 4
SITES = ["--site", "fastpeoplesearch", "--site", "thatsthem"]


def _env(home: Path, scenario: Path, point: str = "", mark: Path | None = None) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("UNLISTED_")}
    env.update({"UNLISTED_HOME": str(home), "UNLISTED_SANDBOX_SCENARIO": str(scenario),
                "PYTHONPATH": os.pathsep.join([str(TESTS / "crash_site"), str(TESTS / "guard_site")]),
                "PYTHONDONTWRITEBYTECODE": "1"})
    if "UNLISTED_NETGUARD_LOG" in os.environ:
        env["UNLISTED_NETGUARD_LOG"] = os.environ["UNLISTED_NETGUARD_LOG"]
    if point and point != "crawl":
        env.update({"UNLISTED_CRASH_PAUSE": point, "UNLISTED_CRASH_MARK": str(mark)})
    return env


def _cmd() -> list[str]:
    exe = Path(sys.executable).with_name("unlisted")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "scanner.cli.main"]


def _rows(db_path: Path) -> dict:
    """Every finished scan with its site results and findings; and the integrity check."""
    with sqlite3.connect(db_path) as db:
        ok = db.execute("PRAGMA integrity_check").fetchone()[0]
        scans = {row[0]: row for row in db.execute("SELECT * FROM scans WHERE state != 'running' ORDER BY id")}
        sites = {i: db.execute("SELECT * FROM site_results WHERE scan_id = ? ORDER BY site", (i,)).fetchall()
                 for i in scans}
        findings = {i: db.execute("SELECT * FROM findings WHERE scan_id = ? ORDER BY fingerprint", (i,)).fetchall()
                    for i in scans}
    return {"integrity": ok, "scans": scans, "sites": sites, "findings": findings}


def _reports(home: Path) -> dict[str, bytes]:
    folder = home / "reports"
    return {p.name: p.read_bytes() for p in folder.glob("unlisted-scan-*.html")} if folder.exists() else {}


def _complete(html: bytes) -> bool:
    text = html.decode("utf-8")
    return text.lstrip().lower().startswith("<!doctype html>") and text.rstrip().endswith("</html>")


def _run_ok(home: Path, scenario: Path) -> subprocess.CompletedProcess:
    done = subprocess.run(_cmd() + ["rescan", "--sandbox", *SITES], env=_env(home, scenario),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, (done.stdout, done.stderr)
    return done


def _kill_once(home: Path, scenario: Path, point: str, rng: random.Random) -> str:
    mark = home.parent / f"{home.name}.mark"
    mark.unlink(missing_ok=True)
    with sqlite3.connect(home / "unlisted.db") as conn:
        last_id = conn.execute("SELECT coalesce(max(id), 0) FROM scans").fetchone()[0]
    proc = subprocess.Popen(_cmd() + ["rescan", "--sandbox", *SITES], env=_env(home, scenario, point, mark),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    try:
        if point == "crawl":  # wait for the scan to be under way, then a seeded moment within the crawl
            db = home / "unlisted.db"
            while time.monotonic() < deadline and proc.poll() is None:
                try:
                    with sqlite3.connect(db, timeout=0.2) as conn:
                        if conn.execute("SELECT count(*) FROM scans WHERE state = 'running' AND id > ?",
                                        (last_id,)).fetchone()[0]:
                            break
                except sqlite3.Error:
                    pass
                time.sleep(0.02)
            time.sleep(rng.uniform(0.0, 0.6))
        else:
            while time.monotonic() < deadline and proc.poll() is None and not mark.exists():
                time.sleep(0.01)
            time.sleep(rng.uniform(0.0, 0.03))
        assert proc.poll() is None, f"the rescan ended before the kill at {point}: {proc.stderr.read()!r}"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    return point


def _one_home(home: Path, scenario: Path, points: list[str], seed: int) -> dict:
    rng = random.Random(seed)
    home.mkdir(parents=True)
    (home / "settings.toml").write_text(f'schema = 1\nprofile = "{DEMO_PROFILE}"\n')
    _run_ok(home, scenario)  # a complete scan to protect
    killed = []
    for point in points:
        before, reports_before = _rows(home / "unlisted.db"), _reports(home)
        killed.append(_kill_once(home, scenario, point, rng))
        after, reports_after = _rows(home / "unlisted.db"), _reports(home)
        assert after["integrity"] == "ok", point
        for table in ("scans", "sites", "findings"):
            now = {i: after[table].get(i) for i in before["scans"]}
            if table == "scans":  # a complete scan killed while writing its report gets it written next time
                now = {i: row[:-1] + ("",) if row and not before["scans"][i][-1] else row for i, row in now.items()}
            assert now == before[table], (point, table)
        recorded = {Path(row[-1]).name for row in before["scans"].values() if row[-1]}
        for name, data in reports_after.items():  # complete; and unchanged if it was a recorded report
            assert _complete(data), (point, name)
            assert name not in recorded or data == reports_before[name], (point, name)
        assert recorded <= set(reports_after), point
    final = _run_ok(home, scenario)
    return {"killed": killed, "final": final.stdout}


def test_rescans_killed_at_twenty_seeded_points(tmp_path):
    scenario = tmp_path / "scenario.toml"
    scenario.write_text('hit_terms = ["quinlan"]\ndelay_ms = 120\n')
    order = POINTS[:]
    random.Random(SEED).shuffle(order)
    shares = [order[i::HOMES] for i in range(HOMES)]
    started = time.monotonic()
    with ThreadPoolExecutor(HOMES) as pool:
        futures = [pool.submit(_one_home, tmp_path / f"home{i}", scenario, shares[i], SEED + i) for i in range(HOMES)]
        results = [f.result() for f in futures]
    elapsed = time.monotonic() - started
    assert sorted(p for r in results for p in r["killed"]) == sorted(POINTS)
    print(f"{len(POINTS)} kills in {elapsed:.1f}s")

    for i, result in enumerate(results):
        home = tmp_path / f"home{i}"
        kills = len(result["killed"])
        with sqlite3.connect(home / "unlisted.db") as db:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            states = [r[0] for r in db.execute("SELECT state FROM scans ORDER BY id")]
            outcomes = [r[0] for r in db.execute("SELECT outcome FROM runs ORDER BY id")]
        # A kill before a scan was complete leaves it interrupted; a kill while writing its report leaves
        # a complete scan whose report the next run writes, and says so (that repair can itself be killed
        # at a report point, and is then redone). Nothing stays 'running'.
        assert states[0] == states[-1] == "complete" and set(states) <= {"complete", "interrupted"}, states
        own = sum(1 for p in result["killed"] if p in ("crawl", "store", "finish"))
        assert states.count("interrupted") == own, (states, result["killed"])
        assert outcomes[0] == outcomes[-1] == "complete" and set(outcomes) <= {"complete", "interrupted"}
        assert outcomes.count("interrupted") >= own + result["killed"].count("run"), (outcomes, result["killed"])
        with sqlite3.connect(home / "unlisted.db") as db:
            paths = [Path(r[0]) for r in db.execute("SELECT report_path FROM scans WHERE state = 'complete'")]
            details = [r[0] for r in db.execute("SELECT detail FROM runs WHERE outcome = 'complete' AND detail != ''")]
        assert len(details) == states.count("complete") - 2
        assert all("report was written by the next run" in d for d in details)
        assert all(path.is_file() and _complete(path.read_bytes()) for path in paths), paths
        assert not list((home / "reports").glob(".*.tmp")), "temp report files must be swept"
        for report in (home / "reports").glob("unlisted-scan-*.html"):
            assert _complete(report.read_bytes()), report.name
        out = tmp_path / f"r{i}.json"
        subprocess.run(_cmd() + ["report", "--format", "json", "--output", str(out)], env=_env(home, scenario),
                       check=True, capture_output=True)
        changes = json.loads(out.read_text()).get("changes")
        if changes is not None:  # the final report lists the runs stopped since the scan it compares with
            since = changes["baseline"]["started_at"]
            with sqlite3.connect(home / "unlisted.db") as db:
                stopped = db.execute("SELECT count(*) FROM runs WHERE outcome = 'interrupted' AND started_at >= ?",
                                     (since,)).fetchone()[0]
            assert [p["outcome"] for p in changes["problems"] if p["outcome"] == "interrupted"] == \
                ["interrupted"] * stopped
