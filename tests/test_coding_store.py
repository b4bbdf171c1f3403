"""Tests for sahel_analysis.coding.store and coding.schema: one schema for every coding, checked at load in one line."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import SEEDS

from sahel_analysis.coding import store
from sahel_analysis.coding.draft import DraftDumper
from sahel_analysis.coding.vocabulary import CODERS, STATUSES
from sahel_analysis.errors import SahelError

EVENT = {
    "id": "e1-01",
    "event_type": "coup",
    "date_start": "2020-08",
    "date_end": "2020-08",
    "precision": "month",
    "actor_ids": ["mali"],
    "summary_en": "A coup.",
    "label_en": "Coup",
    "quote_ar": "انقلاب أغسطس 2020م",
    "status": "reviewed",
    "coded_by": "analyst",
}


def write(folder: Path, doc_id: str, **kinds) -> Path:
    path = folder / "coding" / f"{doc_id}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        yaml.dump({"schema_version": 1, "doc_id": doc_id, **kinds}, Dumper=DraftDumper, allow_unicode=True)
    )
    return path


def error_of(path: Path) -> str:
    with pytest.raises(SahelError) as err:
        store.read_coding(path)
    return str(err.value)


def test_the_seed_codings_are_read_from_the_project_coding_folder(root):
    """The seeds' codings live beside seeds/, one file per document, every item reviewed by an analyst."""
    codings = [c for c in store.load_codings(root) if c.doc_id in SEEDS]
    assert [c.doc_id for c in codings] == list(SEEDS)
    assert [c.path.parent for c in codings] == [root / "coding"] * len(codings)
    assert [c.doc_id for c in codings] == [c.path.stem for c in codings]
    for c in codings:
        for kind in ("events", "positions", "aims", "lists"):
            items = getattr(c, kind)
            assert items, (c.doc_id, kind)
            assert {(i["status"], i["coded_by"]) for i in items} <= {
                ("reviewed", "analyst"),
                ("reviewed", "second_reader"),
            }
            assert {i["doc_id"] for i in items} == {c.doc_id}


def test_the_package_keeps_no_document_coding():
    """Events, stances and lists of a document are project data, not package data."""
    from sahel_analysis.package_data import load_yaml

    assert "events" not in load_yaml("events.yaml")
    assert not {"positions", "aims"} & set(load_yaml("positions.yaml"))
    assert "lists" not in load_yaml("lists.yaml")
    assert "documents" not in load_yaml("list_findings.yaml")


def test_a_project_without_codings_has_none(tmp_path):
    assert store.load_codings(tmp_path) == ()
    assert store.coded_items("events", tmp_path) == []
    assert store.coding_of("x", tmp_path) is None


def test_a_valid_coding_is_read_with_its_doc_id_on_every_item(tmp_path):
    path = write(tmp_path, "d1", events=[EVENT])
    (coding,) = store.load_codings(tmp_path)
    assert coding.path == path
    assert coding.events[0]["doc_id"] == "d1"
    assert store.coded_items("events", tmp_path) == [{**EVENT, "doc_id": "d1"}]


def test_automatic_items_are_read_only_when_asked(tmp_path):
    draft = {
        "id": "a1",
        "date_start": "2020",
        "date_end": "2020",
        "precision": "year",
        "quote_ar": "عام 2020",
    }
    write(tmp_path, "d1", events=[EVENT, {**draft, "status": "automatic", "coded_by": "automatic"}])
    assert [e["id"] for e in store.coded_items("events", tmp_path)] == ["e1-01"]
    assert [e["id"] for e in store.coded_items("events", tmp_path, include_automatic=True)] == ["e1-01", "a1"]


def test_a_changed_file_is_read_again(tmp_path):
    path = write(tmp_path, "d1", events=[EVENT])
    assert store.coding_of("d1", tmp_path).events[0]["label_en"] == "Coup"
    write(tmp_path, "d1", events=[{**EVENT, "label_en": "Coup d'état"}])
    assert path.stat().st_size and store.coding_of("d1", tmp_path).events[0]["label_en"] == "Coup d'état"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"precision": "weekly"}, "e1-01: field precision: 'weekly' is not one of day, month, year, period"),
        ({"date_start": "Aug 2020"}, "e1-01: field date_start: 'Aug 2020' is not an ISO 8601 date"),
        ({"status": "done"}, "e1-01: field status: 'done' is not one of reviewed, automatic"),
        ({"coded_by": "me"}, "e1-01: field coded_by: 'me' is not one of analyst, automatic"),
        ({"event_type": "party"}, "e1-01: field event_type: 'party' is not one of"),
        ({"colour": "red"}, "e1-01: field colour: is not a field of this item"),
    ],
)
def test_a_bad_field_is_one_line_naming_file_item_and_field(tmp_path, change, expected):
    path = write(tmp_path, "d1", events=[{**EVENT, **change}])
    message = error_of(path)
    assert message.startswith(f"{path}: {expected}")
    assert "\n" not in message


def test_a_missing_field_is_named(tmp_path):
    event = {k: v for k, v in EVENT.items() if k != "quote_ar"}
    assert error_of(write(tmp_path, "d1", events=[event])).endswith("e1-01: field quote_ar: is required")


def test_a_reviewed_event_needs_what_an_analyst_adds_but_a_draft_does_not(tmp_path):
    draft = {k: v for k, v in EVENT.items() if k not in ("summary_en", "label_en", "event_type")}
    path = write(tmp_path, "d1", events=[draft])
    assert "e1-01: field event_type: is required" in error_of(path)
    write(tmp_path, "d1", events=[{**draft, "status": "automatic", "coded_by": "automatic"}])
    assert store.coded_items("events", tmp_path, include_automatic=True)


def test_a_list_item_error_names_the_list_and_the_item(tmp_path):
    coded = {
        "list_id": "d1_goals",
        "title_en": "Goals",
        "role": "goal",
        "status": "reviewed",
        "coded_by": "analyst",
        "items": [
            {"item_no": 1, "text_ar": "أ", "gloss_en": "a", "category": "political"},
            {"item_no": 2, "text_ar": "ب", "gloss_en": "b", "category": "sports"},
        ],
    }
    message = error_of(write(tmp_path, "d1", lists=[coded]))
    assert "d1_goals item 2: field category: 'sports' is not one of political" in message


def test_the_file_name_and_the_doc_id_agree(tmp_path):
    path = write(tmp_path, "d1")
    path.rename(path.with_name("d2.yaml"))
    assert "field doc_id: 'd1' differs from the file name 'd2'" in error_of(path.with_name("d2.yaml"))


def test_an_id_used_twice_is_an_error(tmp_path):
    assert "e1-01: field id: the id is used twice in events" in error_of(
        write(tmp_path, "d1", events=[EVENT] * 2)
    )


def test_a_file_that_is_not_yaml_or_not_a_mapping_is_one_line(tmp_path):
    path = tmp_path / "coding" / "d1.yaml"
    path.parent.mkdir()
    path.write_text("events: [\n")
    assert error_of(path).endswith("is not valid YAML at line 2")
    path.write_text("- 1\n")
    assert "a coding file holds a mapping" in error_of(path)


def test_the_schema_version_is_checked(tmp_path):
    path = write(tmp_path, "d1")
    path.write_text(path.read_text().replace("schema_version: 1", "schema_version: 2"))
    assert "file: field schema_version: 2 must be 1" in error_of(path)


def test_the_user_gazetteer_is_not_a_coding(tmp_path):
    write(tmp_path, "d1")
    (tmp_path / "coding" / store.USER_GAZETTEER).write_text("actors: []\n")
    assert [c.doc_id for c in store.load_codings(tmp_path)] == ["d1"]


def test_the_vocabularies_say_who_coded_and_whether_it_was_reviewed():
    assert STATUSES == ("reviewed", "automatic")
    assert CODERS == ("analyst", "automatic", "second_reader")


def test_a_coding_with_an_anchor_or_alias_is_refused_in_one_line(tmp_path):
    """An alias bomb costs seconds and gigabytes to expand: codings are loaded with the catalog's limits."""
    path = tmp_path / "coding" / "d1.yaml"
    path.parent.mkdir()
    path.write_text("schema_version: 1\ndoc_id: d1\na: &x [1, 2]\nnotes: *x\n")
    error = error_of(path)
    assert "d1.yaml" in error and "alias" in error and "\n" not in error
