"""`export` writes the CONTRACT datasets as UTF-8 CSV with a valid Frictionless descriptor."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from conftest import seed_corpus

from sahel_analysis.analysis import automatic
from sahel_analysis.coding.draft import write_draft
from sahel_analysis.export import DATASETS, export_all

ARTICLE = Path(__file__).parent / "data" / "new_documents" / "article_logical.txt"

CONTRACT_COLUMNS = {
    "documents": ["doc_id", "file", "title_ar", "title_en", "author", "source_form", "n_words"],
    "actors": ["actor_id", "name_en", "name_ar", "acronym", "actor_type", "country"],
    "aliases": ["actor_id", "alias_ar"],
    "mentions": ["doc_id", "actor_id", "start", "end", "surface", "paragraph"],
    "relations": ["source_id", "relation", "target_id", "doc_id", "quote_ar"],
    "events": ["doc_id", "date_start", "date_end", "precision", "actor_ids", "summary_en", "quote_ar"],
    "positions": ["doc_id", "actor_id", "stance", "date_start", "summary_en", "quote_ar"],
    # whose view each aim and claim is (issue 20): the author's own, reported, or reported and criticised
    "aims": ["doc_id", "aim_id", "actor_id", "kind", "view", "aim_en", "quote_ar"],
    "claims": ["doc_id", "claim_id", "view", "kind", "summary_en", "quote_ar"],
    "list_items": ["doc_id", "list_id", "item_no", "text_ar", "gloss_en", "category"],
    # the CONTRACT's extensions for a corpus: the automatic layer of every document
    "dates": ["doc_id", "date_start", "date_end", "precision", "inferred", "inferred_from", "quote_ar", "start", "end"],
    "candidates": ["doc_id", "surface", "start", "end", "pattern", "score"],
    "places": ["place_id", "name_ar", "name_en", "iso3", "admin1", "latitude", "longitude", "precision"],
    "place_mentions": ["doc_id", "place_id", "start", "end", "surface"],
    # events.csv actor_ids as a long table, each id a foreign key into actors.csv
    "event_actors": ["event_id", "actor_id"],
}
CODED = ("relations", "events", "positions", "list_items")


@pytest.fixture(scope="module")
def exported(tmp_path_factory, root):
    out = tmp_path_factory.mktemp("export")
    corpus = seed_corpus(root)
    export_all(out, corpus)
    return out, {rd.id: rd.text for rd in corpus}


@pytest.fixture(scope="module")
def exported_with_drafts(tmp_path_factory, root):
    """The seeds' codings and an added article's draft coding, exported together."""
    project = tmp_path_factory.mktemp("project")
    shutil.copytree(root / "coding", project / "coding")
    article = automatic.uncatalogued("new", "مقال", ARTICLE.read_text(encoding="utf-8"))
    assert write_draft(project, article) is not None
    corpus = (*seed_corpus(root), article)
    out = project / "export"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SAHEL_ANALYSIS_ROOT", str(project))
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
    """datapackage.json lists each file with its fields, and integer fields parse as integers (empty: missing)."""
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
                assert all(r[field["name"]].lstrip("-").isdigit() for r in rows if r[field["name"]]), field[
                    "name"
                ]


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


def test_every_coded_row_says_who_coded_it(exported):
    """The seeds' codings are an analyst's, with what the second reader added by adjudication: `coded_by` says which."""
    out, _ = exported
    for name in CODED:
        rows = read(out / f"{name}.csv")
        coders = {r["coded_by"] for r in rows}
        assert "analyst" in coders and coders <= {"analyst", "second_reader"}, name


def test_the_automatic_layer_of_every_document_is_exported_at_its_offsets(exported_with_drafts):
    """dates.csv and candidates.csv cover every document; every quote is text[start:end]."""
    out, texts = exported_with_drafts
    dates = read(out / "dates.csv")
    assert {r["doc_id"] for r in dates} == set(texts)
    for row in dates:
        assert texts[row["doc_id"]][int(row["start"]) : int(row["end"])] == row["quote_ar"]
        assert row["inferred"] in ("True", "False")
    for row in read(out / "candidates.csv"):
        assert texts[row["doc_id"]][int(row["start"]) : int(row["end"])] == row["surface"]
        assert int(row["score"]) >= 1


def test_an_added_documents_draft_events_and_lists_are_exported_as_automatic(exported_with_drafts):
    """Draft events and lists of an added document appear beside the seeds', marked automatic, at their offsets."""
    out, texts = exported_with_drafts
    for name, quote in (("events", "quote_ar"), ("list_items", "text_ar")):
        rows = read(out / f"{name}.csv")
        by_coder = {(r["doc_id"] == "new", r["coded_by"]) for r in rows}
        assert (False, "analyst") in by_coder and (False, "automatic") not in by_coder, name
        for row in rows:
            assert texts[row["doc_id"]][int(row["start"]) : int(row["end"])] == row[quote]
    assert {(r["doc_id"], r["coded_by"]) for r in read(out / "events.csv") if r["doc_id"] == "new"} == {
        ("new", "automatic")
    }


def test_missing_values_are_empty_never_a_word(exported_with_drafts):
    """An added document whose catalog says 'not stated' exports empty cells; the package still validates."""
    out, _ = exported_with_drafts
    for path in out.glob("*.csv"):
        for row in read(path):
            assert "not stated" not in row.values(), path.name
    added = next(r for r in read(out / "documents.csv") if r["doc_id"] == "new")
    assert added["author"] == "" and added["terms"] == ""
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(out / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


def test_dated_rows_carry_sortable_bounds(exported):
    """Events, dates and dated positions carry date_min/date_max as full ISO days and ACLED's time precision."""
    out, _ = exported
    for name in ("events", "dates", "positions"):
        for row in read(out / f"{name}.csv"):
            if not row["date_start"]:
                assert row["date_min"] == row["date_max"] == row["time_precision"] == "", name
                continue
            assert len(row["date_min"]) == 10 and row["date_min"].startswith(row["date_start"]), name
            assert row["date_max"] == "" or row["date_min"] <= row["date_max"]
            assert row["time_precision"] in ("", "1", "2", "3")


def test_stances_aims_and_claims_say_whose_view_they_are(exported):
    """positions, aims and claims carry `view` (issue 20); every reviewed row has one, every claim quote is verbatim."""
    out, texts = exported
    views = {"author", "reported", "reported_criticised"}
    for name in ("positions", "aims", "claims"):
        rows = read(out / f"{name}.csv")
        assert rows and all(r["view"] in views for r in rows if r["coded_by"] == "analyst"), name
    for row in read(out / "claims.csv"):
        assert texts[row["doc_id"]][int(row["start"]) : int(row["end"])] == row["quote_ar"]
