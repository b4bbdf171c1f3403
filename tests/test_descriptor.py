"""Tests for sahel_analysis.export.descriptor: the Data Package is typed, keyed, described and licensed honestly."""

from __future__ import annotations

import datetime
import json
import shutil
from decimal import Decimal

import frictionless
import pytest
from conftest import SEEDS, seed_corpus

from sahel_analysis.coding.vocabulary import CATEGORIES, CODERS, PRECISIONS, STANCES
from sahel_analysis.corpus.catalog import SOURCE_FORMS
from sahel_analysis.errors import SahelError
from sahel_analysis.export import DATASETS, export_all
from sahel_analysis.export.descriptor import CODING_LICENSE, QUOTE_LICENSE_NAME, column_fields
from sahel_analysis.extract.gazetteer import ACTOR_TYPES, RELATION_TYPES

# Columns that hold counts or character offsets, wherever they appear.
INTEGER_COLUMNS = {
    "start",
    "end",
    "paragraph",
    "sentence",
    "n_words",
    "n_paragraphs",
    "n_mentions",
    "item_no",
    "score",
}
VOCABULARIES = {
    "precision": set(PRECISIONS),
    "stance": set(STANCES),
    "relation": set(RELATION_TYPES),
    "category": set(CATEGORIES),
    "actor_type": set(ACTOR_TYPES),
    "coded_by": set(CODERS),
    "source_form": set(SOURCE_FORMS),
}
# Columns of the same name with a vocabulary of their own: a place's precision is geographic.
OTHER_VOCABULARIES = {("places", "precision"), ("place_mentions", "precision")}


@pytest.fixture(scope="module")
def exported(tmp_path_factory, root):
    out = tmp_path_factory.mktemp("export")
    export_all(out, seed_corpus(root))
    return out


@pytest.fixture(scope="module")
def package(exported):
    return json.loads((exported / "datapackage.json").read_text(encoding="utf-8"))


def fields_of(package):
    for resource in package["resources"]:
        for field in resource["schema"]["fields"]:
            yield resource, field


def test_the_package_validates_with_its_keys_checked(exported):
    """frictionless finds the package valid: types, enums, primary keys unique, every foreign key found."""
    report = frictionless.validate(str(exported / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])[:5]


def test_a_dangling_foreign_key_is_caught(exported, tmp_path):
    """The check is on: a mention of a document that is not in documents.csv makes the package invalid."""
    broken = tmp_path / "broken"
    shutil.copytree(exported, broken)
    lines = (broken / "mentions.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = "no_such_document" + lines[1][lines[1].index(",") :]
    (broken / "mentions.csv").write_text("".join(lines), encoding="utf-8")
    report = frictionless.validate(str(broken / "datapackage.json"))
    assert not report.valid
    assert {e[0] for e in report.flatten(["type"])} == {"foreign-key"}


def test_every_column_is_typed_and_described(package):
    """No column is an anonymous string: each has a description, counts and offsets are integers, ids strings."""
    for resource, field in fields_of(package):
        where = f"{resource['name']}.{field['name']}"
        assert field.get("description") and "extra column" not in field["description"], where
        if field["name"] in INTEGER_COLUMNS:
            assert field["type"] == "integer", where
        if field["name"].endswith("_id") or field["name"] == "doc_id":
            assert field["type"] == "string", where
        if field["name"] in ("date_min", "date_max"):
            assert field["type"] == "date", where


def test_vocabularies_are_enums_from_the_contract(package):
    """precision, stance, relation, category, actor_type, coded_by and source_form allow only their vocabulary."""
    seen = set()
    for resource, field in fields_of(package):
        if field["name"] in VOCABULARIES and (resource["name"], field["name"]) not in OTHER_VOCABULARIES:
            enum = set(field.get("constraints", {}).get("enum", []))
            assert enum >= VOCABULARIES[field["name"]] or enum <= VOCABULARIES[field["name"]], resource[
                "name"
            ]
            assert enum, f"{resource['name']}.{field['name']}"
            seen.add(field["name"])
    assert seen == set(VOCABULARIES)


def test_every_resource_is_keyed_and_points_at_its_tables(package):
    """Each resource has a primary key; doc_id and actor ids are foreign keys into documents and actors."""
    expected = {
        ("mentions", "doc_id"): "documents",
        ("mentions", "actor_id"): "actors",
        ("aliases", "actor_id"): "actors",
        ("relations", "source_id"): "actors",
        ("relations", "target_id"): "actors",
        ("relations", "doc_id"): "documents",
        ("events", "doc_id"): "documents",
        ("event_actors", "event_id"): "events",
        ("event_actors", "actor_id"): "actors",
        ("positions", "actor_id"): "actors",
        ("list_items", "doc_id"): "documents",
        ("dates", "doc_id"): "documents",
    }
    found = {}
    for resource in package["resources"]:
        schema = resource["schema"]
        assert schema.get("primaryKey"), resource["name"]
        names = {f["name"] for f in schema["fields"]}
        assert set(schema["primaryKey"]) <= names, resource["name"]
        for fk in schema.get("foreignKeys", []):
            for column in fk["fields"]:
                found[(resource["name"], column)] = fk["reference"]["resource"]
    assert expected.items() <= found.items()


def test_reading_every_csv_through_the_descriptor_gives_the_declared_types(exported):
    """frictionless reads each file with Python types matching the declaration (a document id stays a string)."""
    python_types = {
        "string": str,
        "integer": int,
        "number": (int, float, Decimal),
        "boolean": bool,
        "date": datetime.date,
    }
    pack = frictionless.Package(str(exported / "datapackage.json"))
    for resource in pack.resources:
        types = {f.name: python_types[f.type] for f in resource.schema.fields}
        with resource:
            for row in resource.row_stream:
                for name, value in row.items():
                    assert value is None or isinstance(value, types[name]), (resource.name, name, value)
    with pack.get_resource("documents") as documents:
        assert {row["doc_id"] for row in documents.row_stream} >= set(SEEDS)


def test_quotes_stay_under_each_sources_terms(package, root):
    """Columns of the sources' words are licensed with the catalog's terms, not the project's open licence."""
    terms = {rd.id: " ".join(rd.doc.terms.split()) for rd in seed_corpus(root)}
    quoting = {d.name: d.quotes for d in DATASETS if d.quotes}
    assert {"events", "positions", "relations", "list_items"} <= set(quoting)
    for resource in package["resources"]:
        licenses = resource["licenses"]
        assert licenses[0] == CODING_LICENSE, resource["name"]
        closed = [lic for lic in licenses if lic["name"] == QUOTE_LICENSE_NAME]
        if resource["name"] not in quoting:
            assert not closed, resource["name"]
            continue
        for doc_id, text in terms.items():
            [lic] = [lic for lic in closed if text in lic["title"]]
            assert doc_id in lic["title"] and all(col in lic["title"] for col in quoting[resource["name"]])
    assert package["licenses"] == [CODING_LICENSE]


def test_a_column_the_declarations_lack_is_an_error():
    """A row builder that adds a column must describe it in export.datasets; the descriptor refuses to guess."""
    events = next(d for d in DATASETS if d.name == "events")
    with pytest.raises(SahelError, match="surprise"):
        column_fields(events, [*(f.name for f in events.fields), "surprise"])
