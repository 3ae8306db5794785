"""Where things live and how a run is set up. Paths and time come in through here."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "unlisted"


@dataclass(frozen=True)
class Config:
    home: Path                  # the private data folder (0700)
    sandbox_url: str = ""       # base URL of the local simulated web; empty in real mode

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


def make_config(home: str | os.PathLike | None = None, sandbox_url: str = "") -> Config:
    return Config(home=Path(home).expanduser() if home else default_home(), sandbox_url=sandbox_url)


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
