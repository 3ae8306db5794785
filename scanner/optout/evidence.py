"""The evidence of a filed request: files readable only by the user (0600) in the data folder's
evidence/ folder (0700). A file is never overwritten: a second one gets -2, -3, ... in its name."""

from __future__ import annotations

import os
import re
from pathlib import Path

EVIDENCE_FOLDER = "evidence"


def evidence_dir(home: Path) -> Path:
    folder = home / EVIDENCE_FOLDER
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    return folder


def stem_for(task_id: int, site: str, day: str) -> str:
    """task-12-spokeo-2026-12-07: which task, which site, which day (no personal detail in the name)."""
    return f"task-{task_id}-{re.sub(r'[^a-z0-9]+', '-', site.casefold()).strip('-')[:40]}-{day}"


def write_private(folder: Path, name: str, data: bytes) -> Path:
    """Write `data` as a new file `name` in `folder`, created 0600 (never readable by others, not even
    for a moment); if the name is taken, name-2.ext, name-3.ext, ..."""
    base, dot, ext = name.rpartition(".") if "." in name else (name, "", "")
    for n in range(1, 1000):
        path = folder / (name if n == 1 else f"{base}-{n}{dot}{ext}")
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        return path
    raise FileExistsError(f"{folder}: too many evidence files named {name}")
