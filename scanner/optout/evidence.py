"""The evidence of a filed request: files readable only by the user (0600) in the data folder's
evidence/ folder (0700). A file is never overwritten: a second one gets -2, -3, ... in its name."""

from __future__ import annotations

import os
import re
from pathlib import Path

from scanner.config import ensure_private_dir

EVIDENCE_FOLDER = "evidence"
MAX_TRIES = 1000


def evidence_dir(home: Path) -> Path:
    return ensure_private_dir(home / EVIDENCE_FOLDER)


def stem_for(task_id: int, site: str, day: str) -> str:
    """task-12-spokeo-2026-12-07: which task, which site, which day (no personal detail in the name)."""
    return f"task-{task_id}-{re.sub(r'[^a-z0-9]+', '-', site.casefold()).strip('-')[:40]}-{day}"


def write_new(folder: Path, name: str, data: bytes) -> Path:
    """Write `data` as a new file `name` in `folder`, created 0600 (never readable by others, not even
    for a moment, whatever the umask); if the name is taken, name-2.ext, name-3.ext, ... A write that
    fails leaves no file behind."""
    base, dot, ext = name.rpartition(".") if "." in name else (name, "", "")
    for n in range(1, MAX_TRIES + 1):
        path = folder / (name if n == 1 else f"{base}-{n}{dot}{ext}")
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        except FileExistsError:
            continue
        try:
            with os.fdopen(fd, "wb") as out:
                if hasattr(os, "fchmod"):
                    os.fchmod(out.fileno(), 0o600)
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        return path
    raise FileExistsError(f"{folder}: {MAX_TRIES} files named {name} already")
