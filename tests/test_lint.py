"""The code is ruff-clean, so lint never drifts between machines."""

from __future__ import annotations

import subprocess
import sys


def test_ruff_finds_nothing(root):
    """`ruff check` passes on src/ and tests/."""
    paths = [p for p in ("src", "tests", "benchmarks", "tasks.py") if (root / p).exists()]
    out = subprocess.run(
        [sys.executable, "-m", "ruff", "check", *paths],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr
