"""The console script answers --help and --version and fails in one line."""

from __future__ import annotations

import subprocess
import sys

from sahel_analysis.cli import main


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sahel_analysis.cli", *args], capture_output=True, text=True)


def test_version_is_the_package_version():
    """--version prints the installed package's version."""
    from importlib.metadata import version

    out = run_cli("--version")
    assert out.returncode == 0 and out.stdout.strip() == f"sahel-analysis {version('sahel-analysis')}"


def test_help_lists_the_commands():
    """--help names the commands of the CONTRACT that exist."""
    out = run_cli("--help")
    assert out.returncode == 0
    for command in ("build", "repair"):
        assert command in out.stdout


def test_missing_file_is_one_line_on_stderr(capsys, tmp_path):
    """A missing input exits non-zero with one line naming the file, no traceback."""
    assert main(["repair", str(tmp_path / "nope.txt")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nope.txt" in err and "Traceback" not in err
