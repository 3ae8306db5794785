"""The Chromium the browser tests drive (Debian's, which .ci/run installs), and where they leave screenshots."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM = os.environ.get("UNLISTED_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def chromium_path() -> str:
    """Its path; without one the test skips, or fails when the CI environment variable is set."""
    if not CHROMIUM:
        reason = "Chromium is not installed (Debian: apt-get install chromium; .ci/run installs it)"
        if os.environ.get("CI"):
            pytest.fail(reason + ": the browser tests must run in CI")
        pytest.skip(reason)
    return CHROMIUM
