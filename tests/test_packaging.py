"""`pip install .` is quiet and complete: the wheel builds without a setuptools warning, and it ships every
file of the three packages (code, catalog entries and fixture pages, rules, templates, the simulated web).

The wheel is built from a copy of the sources with the setuptools that pip itself would use (the test
extra pins a recent one), offline and in a temporary folder.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("scanner", "spiders", "reports")
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc")


def _source_files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for package in PACKAGES for p in (root / package).rglob("*")
            if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"}


def test_the_wheel_builds_without_warnings_and_ships_every_file(tmp_path):
    src = tmp_path / "src"
    for package in PACKAGES:
        shutil.copytree(ROOT / package, src / package, ignore=IGNORE)
    for name in ("setup.cfg", "pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    build = subprocess.run(
        [sys.executable, "-W", "always", "-c",
         "from setuptools import build_meta; print(build_meta.build_wheel('dist'))"],
        cwd=src, capture_output=True, text=True, timeout=300,
    )
    output = build.stdout + build.stderr
    assert build.returncode == 0, output[-2000:]
    warnings = [line.strip() for line in output.splitlines() if "Warning" in line]
    assert warnings == [], f"{len(warnings)} setuptools warnings, first: {warnings[0]}"
    wheel = src / "dist" / build.stdout.strip().splitlines()[-1]
    with zipfile.ZipFile(wheel) as archive:
        shipped = {name for name in archive.namelist() if name.split("/")[0] in PACKAGES}
    missing = sorted(_source_files(src) - shipped)
    assert not missing, f"{len(missing)} files left out of the wheel, e.g. {missing[:5]}"
