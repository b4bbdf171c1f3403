"""The corpus loader returns frozen records and refuses bad inputs with one-line errors."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
import yaml

from sahel_analysis.corpus.catalog import Document, load_corpus, sniff_encoding
from sahel_analysis.errors import SahelError


def make_project(tmp_path: Path, root: Path) -> Path:
    """Copy the real seeds and catalog into a scratch project we are free to break."""
    shutil.copytree(root / "seeds", tmp_path / "seeds")
    return tmp_path


def edit_catalog(project: Path, change) -> None:
    path = project / "seeds" / "catalog.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data["documents"])
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def one_line_error(project: Path) -> str:
    with pytest.raises(SahelError) as info:
        load_corpus(project)
    message = str(info.value)
    assert "\n" not in message
    return message


def test_documents_are_frozen_and_in_catalog_order(corpus):
    """Documents load in catalog order as frozen records with their raw text."""
    docs = list(corpus.values())
    assert [d.id for d in docs] == ["000", "002"]
    assert docs[0].source_form == "visual" and docs[1].source_form == "logical"
    with pytest.raises(dataclasses.FrozenInstanceError):
        docs[0].id = "x"  # type: ignore[misc]
    assert isinstance(docs[0], Document) and "التفاوض" in docs[0].raw_text


def test_missing_file_is_named(tmp_path, root):
    """A catalogued file that is absent is reported by its path."""
    project = make_project(tmp_path, root)
    (project / "seeds" / "002_d789965f71b5187f.txt").unlink()
    message = one_line_error(project)
    assert "002_d789965f71b5187f.txt" in message and "missing" in message


def test_checksum_mismatch_is_reported(tmp_path, root):
    """A changed byte in a seed is caught by its checksum."""
    project = make_project(tmp_path, root)
    seed = project / "seeds" / "002_d789965f71b5187f.txt"
    seed.write_bytes(seed.read_bytes() + b" ")
    message = one_line_error(project)
    assert "checksum mismatch" in message and seed.name in message


def test_windows_1256_file_is_recognised(tmp_path, root):
    """A Windows-1256 file gets an error that names the encoding and how to convert it."""
    project = make_project(tmp_path, root)
    data = "نص عربي بترميز ويندوز".encode("cp1256")
    (project / "seeds" / "cp.txt").write_bytes(data)
    edit_catalog(
        project,
        lambda docs: docs.append(
            {**docs[1], "id": "9", "file": "cp.txt", "sha256": __import__("hashlib").sha256(data).hexdigest()}
        ),
    )
    message = one_line_error(project)
    assert "Windows-1256" in message and "iconv" in message and "cp.txt" in message


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda docs: docs[0].pop("sha256"), "lacks required field(s): sha256"),
        (lambda docs: docs[0].update(source_form="scanned"), "source_form 'scanned'"),
        (lambda docs: docs[1].update(id="000"), "duplicate document id"),
        (lambda docs: docs[0].update(file="../escape.txt"), "not a plain file name"),
        (lambda docs: docs[0].update(sha256="abc"), "64 lowercase hex"),
        (lambda docs: docs.append("just a string"), "not a mapping"),
    ],
)
def test_malformed_catalog_entry_is_named(tmp_path, root, change, expected):
    """Each malformed catalog entry gets a one-line error naming the catalog and the entry."""
    project = make_project(tmp_path, root)
    edit_catalog(project, change)
    message = one_line_error(project)
    assert expected in message and "catalog.yaml" in message


def test_invalid_yaml_is_reported_with_its_line(tmp_path, root):
    """A catalog that is not YAML says so, with the line."""
    project = make_project(tmp_path, root)
    (project / "seeds" / "catalog.yaml").write_text("documents: [\n  - id: 1\n  bad: :", encoding="utf-8")
    assert "not valid YAML" in one_line_error(project)


def test_sniffing_tells_binary_from_text():
    """Random binary is not mistaken for an Arabic encoding."""
    assert sniff_encoding(bytes(range(256)) * 4) is None
    assert sniff_encoding("مرحبا بالعالم".encode("utf-16-le")) == "UTF-16"


def test_importing_the_package_does_no_io(monkeypatch):
    """Importing sahel_analysis opens no files (loading happens on first use)."""
    import importlib
    import sys

    opened = []
    monkeypatch.setattr("builtins.open", lambda *a, **k: opened.append(a) or (_ for _ in ()).throw(OSError))
    for name in [m for m in sys.modules if m.startswith("sahel_analysis")]:
        monkeypatch.delitem(sys.modules, name)
    importlib.import_module("sahel_analysis")
    assert opened == []
