"""`export` writes the CONTRACT datasets as UTF-8 CSV with a valid Frictionless descriptor."""

from __future__ import annotations

import csv
import json

import pytest

from sahel_analysis.corpus.repaired import repaired_corpus
from sahel_analysis.export import DATASETS, export_all

CONTRACT_COLUMNS = {
    "documents": ["doc_id", "file", "title_ar", "title_en", "author", "source_form", "n_words"],
    "actors": ["actor_id", "name_en", "name_ar", "acronym", "actor_type", "country"],
    "aliases": ["actor_id", "alias_ar"],
    "mentions": ["doc_id", "actor_id", "start", "end", "surface", "paragraph"],
    "relations": ["source_id", "relation", "target_id", "doc_id", "quote_ar"],
    "events": ["doc_id", "date_start", "date_end", "precision", "actor_ids", "summary_en", "quote_ar"],
    "positions": ["doc_id", "actor_id", "stance", "date_start", "summary_en", "quote_ar"],
    "list_items": ["doc_id", "list_id", "item_no", "text_ar", "gloss_en", "category"],
}


@pytest.fixture(scope="module")
def exported(tmp_path_factory, root):
    out = tmp_path_factory.mktemp("export")
    corpus = repaired_corpus(root)
    export_all(out, corpus)
    return out, {rd.id: rd.text for rd in corpus}


def read(path):
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_every_contract_dataset_is_declared():
    """The export declares exactly the CONTRACT's datasets, each with its required columns first."""
    assert {d.name for d in DATASETS} == set(CONTRACT_COLUMNS)
    for ds in DATASETS:
        names = [f.name for f in ds.fields]
        assert [n for n in names if n in CONTRACT_COLUMNS[ds.name]] == CONTRACT_COLUMNS[ds.name]


def test_files_have_the_required_columns(exported):
    """Each written CSV starts with the CONTRACT's columns, in order."""
    out, _ = exported
    for ds in DATASETS:
        with (out / ds.file).open(encoding="utf-8") as fh:
            header = next(csv.reader(fh))
        assert header[: len(ds.fields)] == [f.name for f in ds.fields]


def test_datapackage_describes_every_file_and_types_hold(exported):
    """datapackage.json lists each file with its fields, and integer fields parse as integers."""
    out, _ = exported
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert package["profile"] == "tabular-data-package"
    for resource in package["resources"]:
        rows = read(out / resource["path"])
        fields = resource["schema"]["fields"]
        with (out / resource["path"]).open(encoding="utf-8") as fh:
            assert next(csv.reader(fh)) == [f["name"] for f in fields]
        for field in fields:
            if field["type"] == "integer":
                assert all(r[field["name"]].lstrip("-").isdigit() for r in rows), field["name"]


def test_frictionless_validates_the_package(exported):
    """The Frictionless library, when installed, finds the package valid."""
    frictionless = pytest.importorskip("frictionless")
    out, _ = exported
    report = frictionless.validate(str(out / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


def test_offsets_and_quotes_point_into_the_repaired_text(exported):
    """Mentions round-trip their offsets; every quote is verbatim in its document."""
    out, texts = exported
    if (out / "mentions.csv").exists():
        for row in read(out / "mentions.csv"):
            assert texts[row["doc_id"]][int(row["start"]) : int(row["end"])] == row["surface"]
    for name, column in (("relations", "quote_ar"), ("events", "quote_ar"), ("positions", "quote_ar")):
        if (out / f"{name}.csv").exists():
            for row in read(out / f"{name}.csv"):
                assert row[column] in texts[row["doc_id"]], row[column]
    if (out / "list_items.csv").exists():
        for row in read(out / "list_items.csv"):
            assert row["text_ar"] in texts[row["doc_id"]]
