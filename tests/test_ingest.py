"""`add` registers a new document safely, and every bad input gets a one-line error."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from sahel_analysis.cli import main
from sahel_analysis.corpus.catalog import load_corpus
from sahel_analysis.corpus.ingest import add_document
from sahel_analysis.errors import SahelError

NEW = Path(__file__).parent / "data" / "new_documents"


@pytest.fixture
def project(tmp_path, root):
    """A scratch copy of the project's seeds, free to change."""
    shutil.copytree(root / "seeds", tmp_path / "seeds")
    return tmp_path


def snapshot(project: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (project / "seeds").iterdir()}


def refused(project: Path, source: Path, **kwargs) -> str:
    """Add must fail with one line naming the file, and leave seeds/ exactly as it was."""
    before = snapshot(project)
    with pytest.raises(SahelError) as info:
        add_document(source, project, kwargs.pop("title", "عنوان"), **kwargs)
    assert snapshot(project) == before
    message = str(info.value)
    assert "\n" not in message
    return message


def test_logical_article_is_added_and_loads(project):
    """A logical Arabic article is copied under a new id, catalogued, and loads with the corpus."""
    added = add_document(NEW / "article_logical.txt", project, "مقال تجريبي", author="Test Author")
    assert added.doc_id == "003" and added.source_form == "logical"
    docs = {d.id: d for d in load_corpus(project)}
    assert docs["003"].raw_text == (NEW / "article_logical.txt").read_text(encoding="utf-8")


def test_visual_extraction_is_detected(project):
    """A visual-order extraction is catalogued as visual, so the build repairs it."""
    added = add_document(NEW / "article_visual.txt", project, "Test article (visual)", doc_id="test-visual")
    assert added.source_form == "visual"


def test_existing_catalog_entries_stay_byte_for_byte(project):
    """Adding appends: the catalog's earlier text is kept exactly, comments included."""
    old = (project / "seeds" / "catalog.yaml").read_text(encoding="utf-8")
    add_document(NEW / "article_logical.txt", project, "مقال")
    assert (project / "seeds" / "catalog.yaml").read_text(encoding="utf-8").startswith(old.rstrip("\n"))


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "is empty"),
        (b"   \n\n", "is empty"),
        (bytes(range(256)) * 8, "binary"),
        ("نص عربي طويل بما يكفي للاختبار هنا".encode("cp1256"), "Windows-1256"),
        ("نص عربي طويل بما يكفي للاختبار هنا".encode("utf-16"), "UTF-16"),
        (b"just English text, no Arabic here at all", "no Arabic"),
    ],
)
def test_bad_files_are_refused(project, tmp_path, content, expected):
    """Empty, binary, non-UTF-8 and non-Arabic files are refused with the reason."""
    source = tmp_path / "input.txt"
    source.write_bytes(content)
    message = refused(project, source)
    assert expected in message and "input.txt" in message


def test_windows_1256_is_converted_with_consent(project, tmp_path):
    """With --convert, a Windows-1256 file is stored as UTF-8 and the note says so."""
    source = tmp_path / "cp.txt"
    source.write_bytes((NEW / "article_logical.txt").read_text(encoding="utf-8").encode("cp1256"))
    added = add_document(source, project, "مقال", convert=True)
    assert any("converted from Windows-1256" in n for n in added.notes)
    added.file.read_bytes().decode("utf-8")


def test_bom_and_crlf_are_accepted(project, tmp_path):
    """A BOM and CRLF line ends are kept in the seed and read as ordinary text."""
    source = tmp_path / "bom.txt"
    text = (NEW / "article_logical.txt").read_text(encoding="utf-8")
    source.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    added = add_document(source, project, "مقال")
    assert len(added.notes) == 2
    doc = next(d for d in load_corpus(project) if d.id == added.doc_id)
    assert doc.raw_text.startswith("أعلنت")


def test_duplicate_document_is_refused(project, root):
    """A file already in the corpus (same checksum) is refused, naming the existing id."""
    message = refused(project, root / "seeds" / "002_d789965f71b5187f.txt")
    assert "already in the corpus as document 002" in message


@pytest.mark.parametrize("bad_id", ["../x", "a/b", "..", "", "x" * 40, "white space"])
def test_ids_cannot_escape_seeds(project, bad_id):
    """An id that is a path, or not a plain name, is refused."""
    message = refused(project, NEW / "article_logical.txt", doc_id=bad_id)
    assert "not allowed" in message


def test_very_large_file_is_refused(project, tmp_path, monkeypatch):
    """A file over the size limit is refused before anything is copied."""
    monkeypatch.setattr("sahel_analysis.corpus.ingest.MAX_BYTES", 1000)
    source = tmp_path / "big.txt"
    source.write_text("نص " * 1000, encoding="utf-8")
    assert "limit" in refused(project, source)


def test_cli_add_error_is_one_line_without_traceback(capsys, tmp_path, monkeypatch, project):
    """The CLI prints one line on stderr and exits 1, with no traceback."""
    monkeypatch.setenv("SAHEL_ANALYSIS_ROOT", str(project))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["add", str(empty), "--title", "x"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "empty.txt" in err and "Traceback" not in err
