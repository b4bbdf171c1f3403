"""`export` writes only where it may, never over a user's file, and never leaves a partial file."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import ROOT, seed_corpus

from sahel_analysis.cli import main
from sahel_analysis.errors import SahelError
from sahel_analysis.export import writer
from sahel_analysis.export.writer import MANIFEST_NAME, PROTECTED_FOLDERS, export_all, sha256_file


@pytest.fixture(scope="module")
def seeds():
    return seed_corpus(ROOT)


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def leftovers(folder: Path) -> list[str]:
    """Temporaries and empty files: what an interrupted write would leave."""
    return [
        p.name
        for p in folder.iterdir()
        if "tmp" in p.name or (p.is_file() and p.stat().st_size == 0 and p.suffix != ".csv")
    ]


@pytest.mark.parametrize("inside", [*PROTECTED_FOLDERS, "seeds/new", "."])
@pytest.mark.parametrize("force", [False, True])
def test_the_projects_own_folders_are_refused_even_with_force(seeds, inside, force):
    """seeds/, coding/, notebooks/, src/ (and below) and the project folder itself are never written into."""
    target = ROOT / inside
    before = sorted(os.listdir(target)) if target.is_dir() else None
    with pytest.raises(SahelError, match="export writes only into a folder of its own"):
        export_all(target, seeds, force=force, project_root=ROOT)
    assert (sorted(os.listdir(target)) if target.is_dir() else None) == before


def test_the_package_folder_is_refused_wherever_the_project_is(seeds, tmp_path):
    """The installed package's own folder is refused even when the project is elsewhere."""
    with pytest.raises(SahelError, match="package's own folder"):
        export_all(Path(writer.__file__).parent / "x", seeds, force=True, project_root=tmp_path)


@pytest.mark.parametrize("name", ["", "   "])
def test_an_empty_folder_name_is_refused(seeds, name, monkeypatch, tmp_path):
    """`export ""` would write into the working folder: it is an error instead."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SahelError, match="DIR: is empty"):
        export_all(name, seeds, project_root=ROOT)
    assert list(tmp_path.iterdir()) == []


def test_a_new_folder_gets_every_file_and_a_manifest_of_them(seeds, tmp_path):
    """The manifest lists every file export wrote, with its checksum, and nothing else."""
    written = export_all(tmp_path / "out", seeds, project_root=ROOT)
    manifest = json.loads((tmp_path / "out" / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert (
        set(manifest["files"])
        == {p.name for p in written}
        == set(listing(tmp_path / "out")) - {MANIFEST_NAME}
    )
    assert all(sha256_file(tmp_path / "out" / n) == d for n, d in manifest["files"].items())
    assert "pending" not in manifest


def test_a_folder_export_wrote_before_is_written_again(seeds, tmp_path):
    """Exporting twice into the same folder is allowed and gives the same bytes."""
    export_all(tmp_path / "out", seeds, project_root=ROOT)
    first = listing(tmp_path / "out")
    export_all(tmp_path / "out", seeds, project_root=ROOT)
    assert listing(tmp_path / "out") == first


def test_an_empty_existing_folder_is_accepted(seeds, tmp_path):
    export_all(tmp_path, seeds, project_root=ROOT)
    assert (tmp_path / "documents.csv").is_file()


def test_a_folder_holding_a_users_file_is_refused_and_left_untouched(seeds, tmp_path):
    """A user's documents.csv is never replaced silently: the error names it and says --force."""
    (tmp_path / "documents.csv").write_text("my,own\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    before = listing(tmp_path)
    with pytest.raises(
        SahelError, match=r"holds 2 file\(s\) export did not write \(documents.csv, notes.txt\)"
    ) as err:
        export_all(tmp_path, seeds, project_root=ROOT)
    assert "--force" in str(err.value)
    assert listing(tmp_path) == before


def test_a_file_changed_since_export_wrote_it_is_a_users_file(seeds, tmp_path):
    """An exported file the user edited counts as theirs: refused without --force."""
    export_all(tmp_path, seeds, project_root=ROOT)
    (tmp_path / "events.csv").write_text("edited\n", encoding="utf-8")
    with pytest.raises(SahelError, match=r"events.csv \(changed since export wrote it\)"):
        export_all(tmp_path, seeds, project_root=ROOT)
    assert (tmp_path / "events.csv").read_text(encoding="utf-8") == "edited\n"


def test_force_replaces_same_named_files_keeps_others_and_says_so(seeds, tmp_path, monkeypatch, capsys):
    """With --force the user's documents.csv is replaced (named on stderr); other files stay."""
    (tmp_path / "documents.csv").write_text("my,own\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    monkeypatch.chdir(ROOT)
    assert main(["export", "--force", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert f"replaced {tmp_path / 'documents.csv'}, which export had not written (--force)" in err
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert (tmp_path / "documents.csv").read_text(encoding="utf-8").startswith("doc_id,")
    # the kept file is still not export's: the next export without --force refuses
    with pytest.raises(SahelError, match=r"\(notes.txt\)"):
        export_all(tmp_path, seeds, project_root=ROOT)


def test_a_path_under_a_file_is_one_line(seeds, tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    with pytest.raises(SahelError, match=r"cannot be created: .*a.txt is a file, not a folder"):
        export_all(tmp_path / "a.txt" / "out", seeds, project_root=ROOT)
    with pytest.raises(SahelError, match="exists and is not a folder"):
        export_all(tmp_path / "a.txt", seeds, project_root=ROOT)


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="no /proc here")
def test_a_folder_under_proc_is_one_line(seeds):
    with pytest.raises(SahelError, match="/proc/self/sahel-export: cannot create the folder"):
        export_all("/proc/self/sahel-export", seeds, project_root=ROOT)


@pytest.mark.parametrize(
    ("code", "message"), [(errno.EROFS, "Read-only file system"), (errno.EIO, "Input/output error")]
)
def test_a_failed_write_names_the_file_and_leaves_no_partial_file(
    seeds, tmp_path, monkeypatch, code, message
):
    """A read-only folder or an I/O error midway: one line naming the file (not its temporary), no temporary left."""
    export_all(tmp_path, seeds, project_root=ROOT)
    before = listing(tmp_path)
    real = Path.write_bytes

    def failing(self, data):
        if self.name.startswith(".events.csv."):
            real(self, data[: len(data) // 2])  # half written when the disk fails
            raise OSError(code, os.strerror(code), str(self))
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", failing)
    with pytest.raises(SahelError) as err:
        export_all(tmp_path, seeds, project_root=ROOT)
    assert str(err.value) == f"{tmp_path / 'events.csv'}: cannot write: {message}"
    monkeypatch.undo()
    assert leftovers(tmp_path) == []
    assert listing(tmp_path)["events.csv"] == before["events.csv"]
    export_all(tmp_path, seeds, project_root=ROOT)  # the folder is still export's own
    assert listing(tmp_path) == before


def test_a_value_that_is_not_unicode_names_the_file_row_and_column(seeds, tmp_path, monkeypatch):
    """A lone surrogate (an undecodable byte) is one line naming file, document and column, before any write."""
    documents = next(ds for ds in writer.DATASETS if ds.file == "documents.csv")
    rows = documents.rows(seeds)
    rows[1] = {**rows[1], "title_en": "bad \udcff byte"}
    patched = tuple(
        replace(ds, builder=lambda corpus: rows) if ds is documents else ds for ds in writer.DATASETS
    )
    monkeypatch.setattr(writer, "DATASETS", patched)
    with pytest.raises(SahelError) as err:
        export_all(tmp_path / "out", seeds, project_root=ROOT)
    doc_id = rows[1]["doc_id"]
    assert str(err.value) == (
        f"documents.csv: row 2 (document {doc_id}), column title_en: holds U+DCFF, which is no character "
        "(a byte that was not UTF-8): correct the text where it comes from"
    )
    assert not (tmp_path / "out").exists()


def test_leftovers_of_a_killed_export_are_removed_by_the_next(seeds, tmp_path):
    """Temporaries of a dead process and an older version's 0-byte `NAME.tmp` go at the next export."""
    export_all(tmp_path, seeds, project_root=ROOT)
    dead = tmp_path / ".documents.csv.999999999-0badcafe.sahel-tmp"
    dead.write_text("half", encoding="utf-8")
    (tmp_path / "documents.csv.tmp").write_bytes(b"")
    export_all(tmp_path, seeds, project_root=ROOT)
    assert leftovers(tmp_path) == []


KILL_SCRIPT = """
import os, signal, sys
from pathlib import Path
sys.path.insert(0, {tests!r})
from conftest import seed_corpus
from sahel_analysis.export import export_all
corpus = seed_corpus()
calls = [0]
real = os.replace
def replace(src, dst):
    calls[0] += 1
    if calls[0] == {kill_at}:
        os.kill(os.getpid(), signal.SIGKILL)  # the temporary is written, the rename not done
    real(src, dst)
os.replace = replace
export_all(Path({out!r}), corpus)
"""


@pytest.fixture(scope="module")
def renames(seeds, tmp_path_factory):
    """How many renames one export makes (the manifest twice, then every file)."""
    count = [0]
    real = os.replace

    def counting(src, dst):
        count[0] += 1
        real(src, dst)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "replace", counting)
        export_all(tmp_path_factory.mktemp("count"), seeds, project_root=ROOT)
    return count[0]


@pytest.mark.parametrize("at", ["first manifest", "first file", "a middle file", "last manifest"])
def test_a_kill_during_export_leaves_nothing_partial_and_the_folder_its_own(seeds, tmp_path, renames, at):
    """kill -9 just before a rename: the next export accepts the folder, removes the temporary,
    and every file matches the manifest."""
    kill_at = {"first manifest": 1, "first file": 2, "a middle file": renames // 2, "last manifest": renames}[
        at
    ]
    out = tmp_path / "out"
    export_all(out, seeds, project_root=ROOT)
    script = KILL_SCRIPT.format(tests=str(ROOT / "tests"), kill_at=kill_at, out=str(out))
    run = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == -signal.SIGKILL, run.stderr
    assert any(p.name.endswith(".sahel-tmp") for p in out.iterdir())
    export_all(out, seeds, project_root=ROOT)
    assert leftovers(out) == []
    manifest = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert set(manifest["files"]) == set(listing(out)) - {MANIFEST_NAME}
    assert all(sha256_file(out / n) == d for n, d in manifest["files"].items())


def test_export_qdpx_is_recorded_so_the_folder_stays_exports(tmp_path, monkeypatch, capsys):
    """The QDA project written after the datasets is in the manifest: a second export is not refused."""
    monkeypatch.chdir(ROOT)
    assert main(["export", "--qdpx", str(tmp_path / "out")]) == 0
    assert main(["export", str(tmp_path / "out")]) == 0
    manifest = json.loads((tmp_path / "out" / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert "sahel-analysis.qdpx" in manifest["files"] and "pending" not in manifest
