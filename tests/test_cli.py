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


def test_repair_prints_paragraphs_separated_by_one_blank_line(tmp_path):
    """`repair` prints logical text, one blank line between paragraphs, and passes logical text through."""
    from pathlib import Path

    visual = Path(__file__).parent / "data" / "new_documents" / "article_visual.txt"
    logical = Path(__file__).parent / "data" / "new_documents" / "article_logical.txt"
    out = run_cli("repair", str(visual))
    assert out.returncode == 0
    assert out.stdout == logical.read_text(encoding="utf-8").strip() + "\n"
    again = run_cli("repair", str(logical))
    assert again.stdout == out.stdout


def test_detect_prints_the_verdict_and_evidence():
    """`repair --detect` names the verdict, the score and the evidence behind it."""
    from pathlib import Path

    visual = Path(__file__).parent / "data" / "new_documents" / "article_visual.txt"
    out = run_cli("repair", "--detect", str(visual))
    assert out.returncode == 0 and ": visual (score" in out.stdout and "signs" in out.stdout


def test_an_unexpected_error_is_one_line_and_debug_shows_the_traceback(capsys, monkeypatch, tmp_path):
    """An error the code did not foresee is one line pointing to --debug; --debug raises it."""
    import pytest

    source = tmp_path / "a.txt"
    source.write_text("نص", encoding="utf-8")
    monkeypatch.setattr("sahel_analysis.cli.repair_text", lambda text: 1 / 0)
    assert main(["repair", str(source)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "ZeroDivisionError" in err and "--debug" in err
    with pytest.raises(ZeroDivisionError):
        main(["--debug", "repair", str(source)])


def test_an_os_error_is_one_line_naming_the_file(capsys, monkeypatch, tmp_path):
    """A disk or permission error is one line naming the file, never a traceback."""
    source = tmp_path / "a.txt"
    source.write_text("نص", encoding="utf-8")

    def full(text):
        raise OSError(28, "No space left on device", str(tmp_path / "out"))

    monkeypatch.setattr("sahel_analysis.cli.repair_text", full)
    assert main(["repair", str(source)]) == 1
    err = capsys.readouterr().err
    assert err == f"sahel-analysis: error: {tmp_path / 'out'}: No space left on device\n"
