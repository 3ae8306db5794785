"""The daily trigger for `unlisted rescan --if-due`, with the platform's own scheduler.

- Linux (and other Unix): a line in the user's crontab (python-crontab). Cron does not catch up
  on missed times, so the line runs every hour; `--if-due` makes all but one a month a quick no-op.
- macOS: a LaunchAgent (a plist in ~/Library/LaunchAgents, loaded with launchctl). launchd starts
  a calendar job that was missed while the Mac slept when it wakes up; it also runs at login.
- Windows: a Task Scheduler task, imported from an XML file with `schtasks /Create /XML`, daily,
  with "run as soon as possible after a missed start".

Everything that touches the machine comes in as a parameter: the tab file (tests use a temporary
one; None means the user's real crontab), the LaunchAgents folder, the process runner (None means:
show the commands but do not run them, which is what tests and `--print` do).
"""

from __future__ import annotations

import plistlib
import shlex
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence
from xml.sax.saxutils import escape

from scanner.config import write_private

CRON_COMMENT = "unlisted-rescan"
CRON_TIMES = "17 * * * *"                # minute 17 of every hour
LAUNCH_LABEL = "org.unlisted.rescan"
LAUNCH_TIME = {"Hour": 10, "Minute": 17}
TASK_NAME = "unlisted monthly rescan"
TASK_START = "2000-01-01T10:17:00"
Runner = Callable[[Sequence[str]], subprocess.CompletedProcess]


class ScheduleError(RuntimeError):
    """The trigger could not be installed, read or removed; one line for the user."""


@dataclass(frozen=True)
class Status:
    installed: bool
    where: str             # where the entry lives, in words
    entry: str             # the entry's text ('' when not installed)


def trigger_argv(command: Sequence[str], home: Path) -> tuple[str, ...]:
    """The command the scheduler runs: this installation's `unlisted`, this data folder."""
    return (*command, "--home", str(home), "rescan", "--if-due")


# --- Linux: cron -----------------------------------------------------------------------------


def cron_command(argv: Sequence[str]) -> str:
    """A crontab command: quoted for the shell, '%' escaped (cron turns it into a newline), quiet."""
    line = " ".join(shlex.quote(a) for a in argv).replace("%", r"\%")
    return f"{line} >/dev/null 2>&1"


class CronScheduler:
    platform = "cron"

    def __init__(self, tabfile: Path | None = None):
        self.tabfile = tabfile

    @property
    def where(self) -> str:
        return f"the crontab file {self.tabfile}" if self.tabfile else "your crontab (crontab -l shows it)"

    def _tab(self):
        from crontab import CronTab

        try:
            if self.tabfile is None:
                return CronTab(user=True)
            if not self.tabfile.exists():
                write_private(self.tabfile, "")
            return CronTab(tabfile=str(self.tabfile))
        except (OSError, IOError, ValueError) as exc:
            raise ScheduleError(f"cannot read {self.where} ({type(exc).__name__}); is cron installed?") from None

    def _write(self, tab) -> None:
        try:
            tab.write()
        except (OSError, IOError, ValueError) as exc:
            raise ScheduleError(f"cannot write {self.where} ({type(exc).__name__}); is cron installed?") from None

    def preview(self, argv: Sequence[str]) -> str:
        return (f"Would add this line to {self.where}:\n"
                f"{CRON_TIMES} {cron_command(argv)} # {CRON_COMMENT}\n"
                "(it checks once an hour whether a scan is due, and scans only when it is)")

    def install(self, argv: Sequence[str]) -> str:
        tab = self._tab()
        tab.remove_all(comment=CRON_COMMENT)
        job = tab.new(command=cron_command(argv), comment=CRON_COMMENT)
        job.setall(CRON_TIMES)
        self._write(tab)
        return f"Installed in {self.where}: it checks once an hour whether a rescan is due."

    def status(self) -> Status:
        jobs = list(self._tab().find_comment(CRON_COMMENT))
        return Status(bool(jobs), self.where, "\n".join(str(j) for j in jobs))

    def remove(self) -> bool:
        tab = self._tab()
        found = bool(list(tab.find_comment(CRON_COMMENT)))
        if found:
            tab.remove_all(comment=CRON_COMMENT)
            self._write(tab)
        return found


# --- macOS: LaunchAgent ----------------------------------------------------------------------


def launch_agent_plist(argv: Sequence[str]) -> str:
    return plistlib.dumps({
        "Label": LAUNCH_LABEL,
        "ProgramArguments": list(argv),
        "StartCalendarInterval": dict(LAUNCH_TIME),
        "RunAtLoad": True,
        "ProcessType": "Background",
        "LowPriorityIO": True,
        "StandardOutPath": "/dev/null",
        "StandardErrorPath": "/dev/null",
    }, sort_keys=False).decode("utf-8")


class LaunchAgentScheduler:
    platform = "launchd"

    def __init__(self, folder: Path, uid: int, run: Runner | None = None):
        self.folder, self.uid, self.run = folder, uid, run

    @property
    def path(self) -> Path:
        return self.folder / f"{LAUNCH_LABEL}.plist"

    @property
    def where(self) -> str:
        return f"the LaunchAgent {self.path}"

    def commands(self, action: str) -> list[list[str]]:
        domain = f"gui/{self.uid}"
        if action == "install":
            return [["launchctl", "bootout", domain, str(self.path)], ["launchctl", "bootstrap", domain, str(self.path)]]
        return [["launchctl", "bootout", domain, str(self.path)]]

    def preview(self, argv: Sequence[str]) -> str:
        cmds = "\n".join(" ".join(shlex.quote(a) for a in c) for c in self.commands("install"))
        return (f"Would write {self.path}:\n{launch_agent_plist(argv)}\nand run:\n{cmds}\n"
                "(daily at 10:17 and at login; a run missed while the Mac slept happens when it wakes)")

    def install(self, argv: Sequence[str]) -> str:
        write_private(self.path, launch_agent_plist(argv))
        self._run(self.commands("install"), first_may_fail=True)
        return f"Installed {self.where}: it runs daily (and at login) and scans when a rescan is due."

    def status(self) -> Status:
        if not self.path.exists():
            return Status(False, self.where, "")
        return Status(True, self.where, self.path.read_text("utf-8"))

    def remove(self) -> bool:
        if not self.path.exists():
            return False
        self._run(self.commands("remove"), first_may_fail=True)
        self.path.unlink()
        return True

    def _run(self, commands: list[list[str]], first_may_fail: bool) -> None:
        if self.run is None:
            return
        for i, argv in enumerate(commands):
            done = self.run(argv)
            if done.returncode != 0 and not (first_may_fail and i == 0):
                raise ScheduleError(f"{' '.join(argv[:2])} failed (exit {done.returncode})")


# --- Windows: Task Scheduler -----------------------------------------------------------------


def task_xml(argv: Sequence[str]) -> str:
    """A Task Scheduler definition: daily, catch up after a missed start, only while logged on."""
    command = escape(argv[0])
    arguments = escape(subprocess.list2cmdline(list(argv[1:])))
    return f"""<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo><Description>unlisted: rescan when due (monthly by default)</Description></RegistrationInfo>
  <Triggers>
    <CalendarTrigger>
      <StartBoundary>{TASK_START}</StartBoundary>
      <Enabled>true</Enabled>
      <ScheduleByDay><DaysInterval>1</DaysInterval></ScheduleByDay>
    </CalendarTrigger>
  </Triggers>
  <Principals><Principal id="Author"><LogonType>InteractiveToken</LogonType><RunLevel>LeastPrivilege</RunLevel></Principal></Principals>
  <Settings>
    <StartWhenAvailable>true</StartWhenAvailable>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <ExecutionTimeLimit>PT2H</ExecutionTimeLimit>
    <Enabled>true</Enabled>
  </Settings>
  <Actions Context="Author"><Exec><Command>{command}</Command><Arguments>{arguments}</Arguments></Exec></Actions>
</Task>
"""


class TaskScheduler:
    platform = "schtasks"

    def __init__(self, folder: Path, run: Runner | None = None):
        self.folder, self.run = folder, run

    @property
    def path(self) -> Path:
        return self.folder / "unlisted-rescan-task.xml"

    @property
    def where(self) -> str:
        return f'the Task Scheduler task "{TASK_NAME}"'

    def commands(self, action: str) -> list[str]:
        return {"install": ["schtasks", "/Create", "/TN", TASK_NAME, "/XML", str(self.path), "/F"],
                "status": ["schtasks", "/Query", "/TN", TASK_NAME, "/V", "/FO", "LIST"],
                "remove": ["schtasks", "/Delete", "/TN", TASK_NAME, "/F"]}[action]

    def preview(self, argv: Sequence[str]) -> str:
        return (f"Would write {self.path}:\n{task_xml(argv)}\nand run:\n"
                f"{subprocess.list2cmdline(self.commands('install'))}\n"
                "(daily at 10:17; a start missed while the computer was off happens as soon as it can)")

    def install(self, argv: Sequence[str]) -> str:
        write_private(self.path, task_xml(argv).encode("utf-16"))
        self._run("install")
        return f"Installed {self.where}: it runs daily and scans when a rescan is due."

    def status(self) -> Status:
        if self.run is None:
            exists = self.path.exists()
            return Status(exists, self.where, self.path.read_bytes().decode("utf-16") if exists else "")
        done = self.run(self.commands("status"))
        return Status(done.returncode == 0, self.where, _text(done.stdout) if done.returncode == 0 else "")

    def remove(self) -> bool:
        existed = self.status().installed
        if existed:
            self._run("remove")
        self.path.unlink(missing_ok=True)
        return existed

    def _run(self, action: str) -> None:
        if self.run is None:
            return
        done = self.run(self.commands(action))
        if done.returncode != 0:
            raise ScheduleError(f"schtasks {action} failed (exit {done.returncode}): {_text(done.stderr).strip()[:200]}")


def _text(value) -> str:
    return value.decode(errors="replace") if isinstance(value, bytes) else (value or "")


def scheduler_for(platform: str, *, home: Path, user_home: Path, uid: int, tabfile: Path | None = None,
                  launch_agents: Path | None = None, run: Runner | None = None):
    """The scheduler of ``platform`` (sys.platform). ``run`` is used only on macOS and Windows."""
    if platform == "darwin":
        return LaunchAgentScheduler(launch_agents or user_home / "Library" / "LaunchAgents", uid, run)
    if platform in ("win32", "cygwin"):
        return TaskScheduler(home / "schedule", run)
    return CronScheduler(tabfile)


def system_runner(argv: Sequence[str]) -> subprocess.CompletedProcess:
    return subprocess.run(list(argv), capture_output=True, timeout=60, check=False)
