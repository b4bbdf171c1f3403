"""The corpus loader returns frozen records and refuses bad inputs with one-line errors."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml
from conftest import SEEDS, make_seed_project

from sahel_analysis.corpus.catalog import (
    Document,
    date_problem,
    load_corpus,
    read_catalog,
    sniff_encoding,
    url_problem,
    utf8_damage,
    utf16_codec,
)
from sahel_analysis.errors import SahelError


def make_project(tmp_path: Path, root: Path) -> Path:
    """A scratch project holding the seeds, which we are free to break."""
    return make_seed_project(tmp_path / "project", root)


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


@pytest.mark.corpus
def test_documents_are_frozen_and_in_catalog_order(corpus, corpus_root):
    """Documents load in catalog order as frozen records with their raw text."""
    assert list(corpus) == [e["id"] for e in read_catalog(corpus_root / "seeds")]
    for doc in corpus.values():
        assert isinstance(doc, Document) and doc.raw_text and doc.source_form in ("visual", "logical")
    with pytest.raises(dataclasses.FrozenInstanceError):
        next(iter(corpus.values())).id = "x"  # type: ignore[misc]


@pytest.mark.corpus
def test_the_seeds_are_in_the_corpus_as_received(seed_docs):
    """The seeds are catalogued under their ids and files, one visual and one logical."""
    assert {doc_id: doc.file for doc_id, doc in seed_docs.items()} == SEEDS
    assert [doc.source_form for doc in seed_docs.values()] == ["visual", "logical"]
    assert all("التفاوض" in doc.raw_text or "الإرهاب" in doc.raw_text for doc in seed_docs.values())


@pytest.mark.corpus
def test_added_metadata_is_well_formed(corpus):
    """Every url in the corpus is a web address, and a date that looks numeric is a real date."""
    for doc in corpus.values():
        assert not doc.url or url_problem(doc.url) is None, doc.id
        if doc.date[:4].isdigit() and len(doc.date) <= 10:
            assert date_problem(doc.date) is None, doc.id


def test_missing_file_is_named(tmp_path, root):
    """A catalogued file that is absent is reported by its path."""
    project = make_project(tmp_path, root)
    (project / "seeds" / SEEDS["002"]).unlink()
    message = one_line_error(project)
    assert SEEDS["002"] in message and "missing" in message


def test_checksum_mismatch_is_reported(tmp_path, root):
    """A changed byte in a seed is caught by its checksum."""
    project = make_project(tmp_path, root)
    seed = project / "seeds" / SEEDS["002"]
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


def write_catalog(project: Path, text: str | bytes) -> None:
    path = project / "seeds" / "catalog.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))


def test_a_yaml_alias_bomb_is_refused_at_once(tmp_path, root):
    """A catalog of nested aliases (a billion values in a few lines) is one line of error, in well under a second."""
    import time

    project = make_project(tmp_path, root)
    levels = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    levels += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    write_catalog(project, "\n".join(levels) + "\ndocuments: [*a8]\n")
    start = time.monotonic()
    message = one_line_error(project)
    assert "alias" in message and time.monotonic() - start < 1


def test_deep_nesting_is_refused_without_a_crash(tmp_path, root):
    """A hundred thousand nested brackets (which crash libyaml's composer) are one line of error."""
    project = make_project(tmp_path, root)
    write_catalog(project, "documents: " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert "nests deeper" in one_line_error(project)


def test_a_catalog_that_is_not_utf8_names_the_byte_and_line(tmp_path, root):
    """A non-UTF-8 byte in the catalog is reported with its line, not as a traceback."""
    project = make_project(tmp_path, root)
    text = (project / "seeds" / "catalog.yaml").read_bytes()
    write_catalog(project, text.replace(b"language: ar", b"language: \xff", 1))
    message = one_line_error(project)
    assert "not UTF-8" in message and "0xff" in message and "line" in message


def test_a_field_holding_a_list_is_named(tmp_path, root):
    """A field that is a list or mapping, not one value, is an error naming the field."""
    project = make_project(tmp_path, root)
    edit_catalog(project, lambda docs: docs[0].update(title_en=["a", "b"]))
    assert "not single values: title_en" in one_line_error(project)


def test_a_catalogued_url_must_be_a_web_address(tmp_path, root):
    """A url field that is not http(s) is refused when the catalog is read."""
    project = make_project(tmp_path, root)
    edit_catalog(project, lambda docs: docs[0].update(url="javascript:alert(1)"))
    assert "http://" in one_line_error(project)


def test_metadata_fields_load_into_the_document(tmp_path, root):
    """date, source and url from the catalog reach the Document record; absent ones are empty."""
    project = make_project(tmp_path, root)
    edit_catalog(
        project, lambda docs: docs[1].update(date="2017-03", source="Wire", url="https://example.org/x")
    )
    docs = {d.id: d for d in load_corpus(project)}
    assert (docs["002"].date, docs["002"].source, docs["002"].url) == (
        "2017-03",
        "Wire",
        "https://example.org/x",
    )
    assert docs["000"].url == "" and docs["000"].source == ""


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("2024", True),
        ("2024-02", True),
        ("2024-02-29", True),
        ("2023-02-29", False),
        ("2024-13", False),
        ("24-01-01", False),
        ("2024/01/01", False),
        ("2024-1-1", False),
        ("", False),
    ],
)
def test_dates_are_years_months_or_days(value, ok):
    """A date is YYYY, YYYY-MM or YYYY-MM-DD, and a real day of the calendar."""
    assert (date_problem(value) is None) == ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("https://example.org/a?b=1", True),
        ("http://x.ml", True),
        ("ftp://x.org", False),
        ("javascript:alert(1)", False),
        ("https://", False),
        ("https://a b.org", False),
        ("example.org", False),
    ],
)
def test_urls_are_http_or_https_with_a_host(value, ok):
    """A url is an http or https address with a host and no spaces."""
    assert (url_problem(value) is None) == ok


def test_utf16_byte_order_is_found_without_a_bom():
    """UTF-16 without a byte-order mark is recognised in either byte order; a binary with NULs is not."""
    text = "مرحبا بالعالم، هذا نص عربي"
    assert utf16_codec(text.encode("utf-16-le")) == "utf-16-le"
    assert utf16_codec(text.encode("utf-16-be")) == "utf-16-be"
    assert utf16_codec(b"\x7fELF\x02\x01\x01\x00" + bytes(200) + b"\x02\x00\x3e\x00" * 50) is None
    assert sniff_encoding(b"\x7fELF\x02\x01\x01\x00" + bytes(200)) is None


def test_damaged_utf8_is_not_mistaken_for_windows_1256():
    """UTF-8 cut in the middle of a character, or with one stray byte, is damaged UTF-8: never cp1256."""
    data = "أعلنت الحكومة الانتقالية في مالي رفضها".encode()
    assert "cut short" in utf8_damage(data[:-1])
    assert "damaged byte 0xff" in utf8_damage(data[:10] + b"\xff" + data[10:])
    assert utf8_damage("أعلنت الحكومة".encode("cp1256")) is None
    assert utf8_damage(data) is None
