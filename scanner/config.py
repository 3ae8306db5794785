"""Where things live and how a run is set up. Paths and time come in through here."""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "unlisted"


@dataclass(frozen=True)
class Config:
    home: Path                  # the private data folder (0700)
    sandbox_url: str = ""       # base URL of the local simulated web; empty in real mode
    browser: str = ""           # the web browser to use (--browser or settings.toml); empty: look for one
    assist: bool = False        # a visible browser window where the user passes human checks (scan --assist)
    attended: bool = True       # someone is watching (scan, demo); False for unattended rescans

    @property
    def sandbox(self) -> bool:
        return bool(self.sandbox_url)

    @property
    def db_path(self) -> Path:
        return self.home / "unlisted.db"

    @property
    def reports_dir(self) -> Path:
        return self.home / "reports"

    @property
    def logs_dir(self) -> Path:
        return self.home / "logs"

    @property
    def lock_path(self) -> Path:
        return self.home / "scan.lock"


def default_home() -> Path:
    """UNLISTED_HOME, else the platform's per-user data folder."""
    env = os.environ.get("UNLISTED_HOME", "").strip()
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def make_config(home: str | os.PathLike | None = None, sandbox_url: str = "", **run) -> Config:
    """`run`: how this run fetches (browser, assist, attended), see Config."""
    return Config(home=Path(home).expanduser() if home else default_home(), sandbox_url=sandbox_url, **run)


HOME_CHOICE = "choose another with --home DIR or the UNLISTED_HOME environment variable"


def folder_problem(exc: OSError) -> str:
    """Why a file or folder cannot be written, in plain words (no errno numbers, no traceback)."""
    code = exc.errno
    if code in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if code == errno.ENOTDIR:
        blocker = _file_in_the_way(Path(exc.filename)) if exc.filename else None
        return f"{blocker} is a file, not a folder" if blocker else "part of that path is a file, not a folder"
    if code == errno.EEXIST:
        return "a file of that name is in the way"
    if code == errno.EROFS:
        return "the disk is read-only"
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return "the disk is full"
    return (exc.strerror or type(exc).__name__).lower()


def _file_in_the_way(path: Path) -> Path | None:
    for candidate in (path, *path.parents):
        if candidate.is_file():
            return candidate
    return None


def data_folder_message(home: Path, exc: OSError) -> str:
    """The one line for a data folder that cannot be used (any command that touches it says this)."""
    return f"cannot write to the data folder {home}: {folder_problem(exc)} ({HOME_CHOICE})"


def ensure_private_dir(path: Path) -> Path:
    """Create a folder only the user can open (0700), whatever the umask."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(path, 0o700)
    return path


def write_private(path: Path, data: str | bytes) -> Path:
    """Write a file readable only by the user (0600) atomically: temp file, then rename.

    A missing folder is created private (0700); an existing one (e.g. the user's Desktop) is left as it is."""
    if not path.parent.exists():
        ensure_private_dir(path.parent)
    # errors="replace": scraped text may carry lone surrogates (e.g. from JSON "\ud800" escapes)
    raw = data.encode("utf-8", errors="replace") if isinstance(data, str) else data
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path
