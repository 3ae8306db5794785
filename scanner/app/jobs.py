"""Work the app starts as a separate `unlisted` process: a scan (`scan --progress json`, read as JSON
lines, see scanner/cli/progress.py) or an opt-out (`optout TASK`, read as the lines it prints).

Separate, so that a crash or a stop of either side never takes the other down: the app only reads what
the process says and can ask it to stop (Ctrl-C, as at a terminal: a scan keeps what it has as
"interrupted"; an opt-out leaves no half-filed task).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

MAX_LINE = 64 * 1024
MAX_LINES_KEPT = 200


def unlisted_command() -> list[str]:
    """The `unlisted` of this installation (beside this Python), else this Python running it as a module."""
    exe = Path(sys.executable).with_name("unlisted.exe" if os.name == "nt" else "unlisted")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "scanner.cli.main"]


@dataclass
class Job:
    """One process and what it has said so far."""

    args: list[str]
    json_lines: bool = True                        # a scan's events; else plain lines (an opt-out's)
    task_id: int = 0                               # the task an opt-out files
    lines: list[str] = field(default_factory=list)   # the plain lines, the newest last
    process: subprocess.Popen | None = None
    last: dict = field(default_factory=dict)      # the newest progress (or waiting) event
    done: dict = field(default_factory=dict)      # the final event: "done" or "error"
    stopping: bool = False
    stderr_tail: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> None:
        extra = {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP} if os.name == "nt" else {"start_new_session": True}
        self.process = subprocess.Popen(self.args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True, encoding="utf-8", errors="replace", **extra)
        threading.Thread(target=self._read_stdout, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()

    def _read_stdout(self) -> None:
        assert self.process and self.process.stdout
        for line in self.process.stdout:
            if not self.json_lines:
                with self.lock:
                    self.lines = (self.lines + [line.rstrip()[:2000]])[-MAX_LINES_KEPT:]
                continue
            event = _event(line)
            if event is None:
                continue
            with self.lock:
                if event["event"] in ("done", "error"):
                    self.done = event
                else:
                    self.last = event
        code = self.process.wait()
        with self.lock:
            if not self.done and self.json_lines:   # it ended without its last word: it crashed or was killed
                message = self.stderr_tail.strip().splitlines()[-1:] or ["the scan stopped without saying why"]
                self.done = {"event": "error", "message": message[0][:300], "exit": code}
            elif not self.json_lines:
                problem = self.stderr_tail.strip().splitlines()[-1:]
                self.done = {"event": "done", "exit": code, "message": problem[0][:300] if code and problem else ""}

    def _read_stderr(self) -> None:
        assert self.process and self.process.stderr
        for line in self.process.stderr:
            with self.lock:
                self.stderr_tail = (self.stderr_tail + line)[-2000:]

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        """Ask it to stop as Ctrl-C would (a scan keeps what it found as an interrupted scan)."""
        if not self.running:
            return
        self.stopping = True
        assert self.process
        if os.name == "nt":
            self.process.send_signal(signal.CTRL_BREAK_EVENT)
        else:
            self.process.send_signal(signal.SIGINT)

    def status(self) -> dict:
        """What the page shows: running or not, the newest progress, and the end."""
        with self.lock:
            return {"running": self.running, "stopping": self.stopping, "progress": dict(self.last), "end": dict(self.done),
                    "lines": list(self.lines), "task": self.task_id}


def _event(line: str) -> dict | None:
    if len(line) > MAX_LINE:
        return None
    try:
        event = json.loads(line)
    except ValueError:
        return None
    return event if isinstance(event, dict) and isinstance(event.get("event"), str) else None


def scan_args(home: Path, sandbox: bool, assist: bool) -> list[str]:
    args = unlisted_command() + ["--home", str(home), "scan", "--progress", "json"]
    return args + (["--sandbox"] if sandbox else []) + (["--assist"] if assist else [])


def optout_args(home: Path, task_id: int, sandbox: bool, auto: bool) -> list[str]:
    """`unlisted optout TASK --yes`: pressing "Do it for me" under the letter is her yes to sending it; a web
    form still waits for her in its window (and "did you send it?" is never answered for her)."""
    args = unlisted_command() + ["--home", str(home), "optout", str(task_id), "--yes"]
    return args + (["--sandbox"] if sandbox else []) + (["--auto"] if sandbox and auto else [])


def confirm_args(home: Path, task_id: int, link: str, sandbox: bool) -> list[str]:
    """`unlisted optout confirm TASK LINK`: it opens only a link on the site's own address, through the guard."""
    return unlisted_command() + ["--home", str(home), "optout", "confirm", str(task_id), link] + (["--sandbox"] if sandbox else [])
