"""Without Chromium the browser tests skip with the reason, but under ``CI=true`` they fail."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("ci, outcome", [("true", "1 error"), ("", "1 skipped")])
def test_a_missing_chromium_skips_locally_and_fails_in_ci(ci, outcome):
    env = {**os.environ, "CI": ci, "CREDGRAPH_CHROMIUM": str(ROOT / "no-such-chromium")}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider",
         "tests/browser/test_viewer.py::test_the_canvas_is_drawn"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert outcome in run.stdout, run.stdout
    assert "no-such-chromium is missing (apt-get install chromium)" in run.stdout
    assert run.returncode == (1 if ci else 0)
