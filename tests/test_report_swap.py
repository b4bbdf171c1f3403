"""The new report replaces the old one without a moment when there is none, and a killed swap is cleaned up."""

from __future__ import annotations

import os

import pytest

from sahel_analysis.report import book
from sahel_analysis.report.book import aside_name, staging_name, swap_in


def folder_with(path, text: str):
    path.mkdir(parents=True)
    (path / "index.html").write_text(text, encoding="utf-8")
    return path


def test_the_new_report_replaces_the_old_and_nothing_is_left_aside(tmp_path):
    """After the swap report/ holds the new pages only; neither the old report nor a staging copy remains."""
    out = folder_with(tmp_path / "report", "old")
    (out / "gone.html").write_text("old page", encoding="utf-8")
    swap_in(folder_with(tmp_path / "build" / "html", "new"), out)
    assert (out / "index.html").read_text(encoding="utf-8") == "new"
    assert not (out / "gone.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build", "report"]


def test_a_first_build_needs_no_old_report(tmp_path):
    swap_in(folder_with(tmp_path / "html", "new"), tmp_path / "report")
    assert (tmp_path / "report" / "index.html").read_text(encoding="utf-8") == "new"


def test_the_old_report_stays_whole_until_the_new_one_is_in_place(tmp_path, monkeypatch):
    """The old report is renamed aside, never deleted, before the new one is renamed in."""
    out = folder_with(tmp_path / "report", "old")
    seen = []
    real_rename = os.rename

    def watching_rename(src, dst):
        seen.append((os.path.basename(src), os.path.basename(dst), (tmp_path / "report").exists()))
        real_rename(src, dst)

    monkeypatch.setattr(book.os, "rename", watching_rename)
    swap_in(folder_with(tmp_path / "html", "new"), out)
    assert seen[-2:] == [("report", ".report.previous", True), (".report.new", "report", False)]


def test_a_failed_rename_puts_the_old_report_back(tmp_path, monkeypatch):
    out = folder_with(tmp_path / "report", "old")
    real_rename = os.rename

    def failing_rename(src, dst):
        if os.path.basename(src) == ".report.new":
            raise OSError("disk gone")
        real_rename(src, dst)

    monkeypatch.setattr(book.os, "rename", failing_rename)
    with pytest.raises(OSError):
        swap_in(folder_with(tmp_path / "html", "new"), out)
    assert (out / "index.html").read_text(encoding="utf-8") == "old"


def test_what_a_killed_swap_left_aside_is_removed_at_the_next_build(tmp_path):
    """A kill between the renames leaves `.report.previous` (and maybe `.report.new`): the next swap removes them."""
    out = tmp_path / "report"
    folder_with(aside_name(out), "older")
    folder_with(staging_name(out), "half")
    swap_in(folder_with(tmp_path / "html", "new"), out)
    assert (out / "index.html").read_text(encoding="utf-8") == "new"
    assert not aside_name(out).exists() and not staging_name(out).exists()
