"""Agreement between two readings: pairing by quote overlap and by actor pair, counts and Krippendorff's alpha."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import ROOT, SEEDS, seed_corpus

from sahel_analysis.analysis.adjudication import (
    AdjudicationCheck,
    adjudication_summary,
    as_first_coded,
    check_adjudication,
    disagreement_frame,
    disputed_units,
    read_adjudication,
    second_reading,
)
from sahel_analysis.analysis.agreement import (
    ADJUDICATION_FILE,
    LAYERS,
    NOT_CODED,
    SECOND_READER,
    CodedUnit,
    agreement_frame,
    agreement_table,
    field_agreement,
    field_table,
    first_reading,
    layer_units,
    nominal_alpha,
    pair_units,
    read_reading,
)
from sahel_analysis.coding.store import DocumentCoding, load_codings
from sahel_analysis.corpus.repaired import repaired_corpus
from sahel_analysis.errors import SahelError
from sahel_analysis.extract.gazetteer import Actor, Gazetteer, Relation

TEXT = (
    "أعلنت الحكومة استعدادها للحوار مع الجماعات. "
    "ورفضت فرنسا التفاوض مع الإرهابيين. "
    "وفي 2020 وقع انقلاب عسكري في باماكو. "
    "ومن التحديات: أولا الدين، ثانيا الوساطة."
)


def position(pid: str, actor: str, stance: str, quote: str) -> dict:
    return {"id": pid, "actor_id": actor, "stance": stance, "quote_ar": quote}


def test_overlapping_quotes_pair_even_when_the_readers_cut_them_differently():
    first = {"positions": [position("p1", "gov", "supports", "أعلنت الحكومة استعدادها للحوار")]}
    second = {"positions": [position("s1", "gov", "supports", "استعدادها للحوار مع الجماعات")]}
    units = layer_units(TEXT, first, second)["positions"]
    assert len(units) == 1 and units[0].both and units[0].same_value


def test_an_item_only_one_reader_coded_is_a_unit_of_its_own():
    first = {"positions": [position("p1", "gov", "supports", "أعلنت الحكومة")]}
    second = {
        "positions": [
            position("s1", "gov", "conditional", "أعلنت الحكومة"),
            position("s2", "france", "opposes", "ورفضت فرنسا التفاوض"),
        ]
    }
    units = layer_units(TEXT, first, second)["positions"]
    assert sorted((u.first is not None, u.second is not None) for u in units) == [(False, True), (True, True)]
    assert not next(u for u in units if u.both).same_value


def test_pairing_prefers_the_same_actor_over_a_larger_overlap():
    a = CodedUnit("p1", 0, 20, "supports", "gov")
    b = CodedUnit("s1", 0, 20, "supports", "france")
    c = CodedUnit("s2", 5, 10, "supports", "gov")
    units = pair_units("positions", [a], [b, c])
    paired = next(u for u in units if u.both)
    assert paired.second.item_id == "s2"


def test_relations_pair_by_the_two_actors_whatever_their_order():
    first = {"relations": [{"id": "r1", "source_id": "a", "relation": "member_of", "target_id": "b"}]}
    second = {"relations": [{"id": "x", "source_id": "b", "relation": "part_of", "target_id": "a"}]}
    units = layer_units(TEXT, first, second)["relations"]
    assert len(units) == 1 and units[0].both and not units[0].same_value


def test_list_items_are_located_in_list_order():
    lst = {
        "list_id": "l",
        "items": [{"item_no": 1, "text_ar": "أولا الدين", "category": "religious_ideological"}],
    }
    other = {**lst, "items": [{**lst["items"][0], "category": "political"}]}
    units = layer_units(TEXT, {"lists": [lst]}, {"lists": [other]})["list_items"]
    assert len(units) == 1 and units[0].both and not units[0].same_value


def test_a_quote_not_in_the_text_is_left_out_rather_than_paired_anywhere():
    first = {"events": [{"id": "e1", "event_type": "coup", "quote_ar": "نص غير موجود"}]}
    assert layer_units(TEXT, first, {})["events"] == []


def test_alpha_is_one_for_full_agreement_and_undefined_with_a_single_category():
    assert nominal_alpha([("a", "a"), ("b", "b"), ("a", "a")]) == pytest.approx(1.0)
    assert nominal_alpha([("a", "a"), ("a", "a")]) is None
    assert nominal_alpha([("a", "b"), ("b", "a")]) < 0


def test_the_table_counts_each_layer_and_pools_documents():
    first = {"positions": [position("p1", "gov", "supports", "أعلنت الحكومة")]}
    second = {"positions": [position("s1", "gov", "supports", "أعلنت الحكومة")]}
    units = layer_units(TEXT, first, second)
    rows = agreement_table({"005": units, "006": units})
    pooled = next(r for r in rows if r.doc_id == "all" and r.layer == "positions")
    assert (pooled.first, pooled.second, pooled.both, pooled.same_value) == (2, 2, 2, 2)
    frame = agreement_frame(rows)
    assert set(frame["document"]) == {"005", "006", "all"}
    assert NOT_CODED not in frame.to_string()


def test_a_reading_with_an_alias_is_refused_in_one_line(tmp_path):
    path = tmp_path / "005.yaml"
    path.write_text("doc_id: '005'\na: &x [1]\nb: *x\n", encoding="utf-8")
    with pytest.raises(SahelError) as error:
        read_reading(path)
    assert "005.yaml" in str(error.value) and "\n" not in str(error.value)


# ----------------------------------------------------------------------------- second fields, first reading


def test_paired_stances_are_compared_on_whose_view_they_are():
    first = {"positions": [{**position("p1", "gov", "supports", "أعلنت الحكومة"), "view": "reported"}]}
    second = {"positions": [{**position("s1", "gov", "supports", "أعلنت الحكومة"), "view": "author"}]}
    units = layer_units(TEXT, first, second)["positions"]
    agreed = field_agreement("005", "positions", units, "view")
    assert (agreed.paired, agreed.coded_by_both, agreed.same) == (1, 1, 0)
    assert units[0].same_value and units[0].disputed


def test_claims_are_compared_only_when_a_reading_codes_them():
    claim = {"id": "c1", "view": "author", "quote_ar": "ورفضت فرنسا"}
    assert "claims" not in layer_units(TEXT, {}, {})
    assert len(layer_units(TEXT, {}, {"claims": [claim]})["claims"]) == 1


def test_the_first_reading_leaves_out_what_the_second_reader_gave_it_and_adds_the_gazetteer_relations():
    coding = DocumentCoding(
        "005",
        Path("coding/005.yaml"),
        positions=(
            {"id": "p1", "status": "reviewed", "coded_by": "analyst"},
            {"id": "p2", "status": "reviewed", "coded_by": SECOND_READER},
            {"id": "p3", "status": "automatic", "coded_by": "automatic"},
        ),
    )
    gazetteer = Gazetteer(
        (Actor("a", "A", "", "group", relations=(Relation("a", "part_of", "b", "005", "نص"),)),)
    )
    reading = first_reading(coding, gazetteer)
    assert [p["id"] for p in reading["positions"]] == ["p1"]
    assert [r["id"] for r in reading["relations"]] == ["a part_of b"]


# ----------------------------------------------------------------------------- adjudication


def write_adjudication(tmp_path, entries) -> Path:
    path = tmp_path / ADJUDICATION_FILE
    path.write_text(yaml.safe_dump({"adjudications": entries}, allow_unicode=True), encoding="utf-8")
    return path


def entry(first, second, decision="first", **more):
    return {"layer": "positions", "doc_id": "005", "first": first, "second": second, "decision": decision,
            "reason": "read the text", **more}  # fmt: skip


def test_an_adjudication_names_a_known_decision_and_a_reason_or_is_refused_in_one_line(tmp_path):
    for bad in (
        entry("p1", "", decision="maybe"),
        entry("p1", "", reason=""),
        {**entry("p1", ""), "layer": "x"},
    ):
        with pytest.raises(SahelError) as error:
            read_adjudication(write_adjudication(tmp_path, [bad]))
        assert ADJUDICATION_FILE in str(error.value) and "\n" not in str(error.value)
    assert read_adjudication(tmp_path / "none.yaml") == ()


def test_the_check_names_unsettled_units_and_entries_that_name_no_unit(tmp_path):
    first = {"positions": [position("p1", "gov", "supports", "أعلنت الحكومة")]}
    second = {"positions": [position("s1", "gov", "conditional", "أعلنت الحكومة"),
                            position("s2", "france", "opposes", "ورفضت فرنسا")]}  # fmt: skip
    units = {"005": layer_units(TEXT, first, second)}
    adjudications = read_adjudication(write_adjudication(tmp_path, [entry("p1", "s1"), entry("p9", "")]))
    check = check_adjudication(units, adjudications)
    assert check.missing == (("positions", "005", "", "s2"),)
    assert check.unknown == (("positions", "005", "p9", ""),)


def test_a_category_corrected_after_adjudication_counts_as_first_coded(tmp_path):
    first = {"positions": [position("p1", "gov", "supports", "أعلنت الحكومة")]}
    second = {"positions": [position("s1", "gov", "supports", "أعلنت الحكومة")]}
    units = {"005": layer_units(TEXT, first, second)}
    adjudications = read_adjudication(
        write_adjudication(tmp_path, [entry("p1", "s1", "second", first_value="conditional")])
    )
    restored = as_first_coded(units, adjudications)
    assert restored["005"]["positions"][0].first.value == "conditional"
    assert check_adjudication(units, adjudications) == AdjudicationCheck((), ())
    frame = disagreement_frame(units, adjudications)
    assert list(frame["decision"]) == ["second"]
    summary = adjudication_summary(adjudications)
    assert summary.loc["stances", "second"] == 1 and summary.loc["total", "total"] == 1


def test_a_view_corrected_after_adjudication_counts_as_first_coded(tmp_path):
    """The stance's view was reported, the second reader said author, the coding now says author."""
    first = {"positions": [{**position("p1", "gov", "supports", "أعلنت الحكومة"), "view": "author"}]}
    second = {"positions": [{**position("s1", "gov", "supports", "أعلنت الحكومة"), "view": "author"}]}
    units = {"005": layer_units(TEXT, first, second)}
    adjudications = read_adjudication(
        write_adjudication(tmp_path, [entry("p1", "s1", "second", first_view="reported")])
    )
    restored = as_first_coded(units, adjudications)["005"]["positions"][0]
    assert restored.first.field("view") == "reported" and restored.second.field("view") == "author"
    assert check_adjudication(units, adjudications) == AdjudicationCheck((), ())


# ----------------------------------------------------------------------------- the seeds' second reading


@pytest.fixture(scope="module")
def seeds_reading():
    return second_reading(seed_corpus(), ROOT)


def test_the_seeds_agreement_has_every_layer_for_every_seed_and_consistent_counts(seeds_reading):
    rows = agreement_table(seeds_reading.units)
    assert set(seeds_reading.units) == set(SEEDS)
    for doc_id in (*SEEDS, "all"):
        assert {r.layer for r in rows if r.doc_id == doc_id} >= {
            "positions",
            "events",
            "relations",
            "list_items",
        }
    for r in rows:
        assert 0 <= r.same_value <= r.both <= min(r.first, r.second)
        assert r.only_first + r.both == r.first and r.only_second + r.both == r.second
    for layer in LAYERS:
        pooled = [r for r in rows if r.layer == layer]
        if pooled:
            assert sum(r.both for r in pooled if r.doc_id != "all") == next(
                r.both for r in pooled if r.doc_id == "all"
            )


def test_the_seeds_adjudication_settles_every_disputed_unit_and_names_only_units_that_exist(seeds_reading):
    check = check_adjudication(seeds_reading.units, seeds_reading.adjudications)
    assert check.missing == () and check.unknown == ()
    assert len(disputed_units(seeds_reading.units)) == len(seeds_reading.adjudications)


def test_the_stances_view_is_compared_on_the_seeds(seeds_reading):
    table = field_table(seeds_reading.units, "positions", "view")
    assert set(table["document"]) == {*SEEDS, "all"}
    assert (table["same value"] <= table["both gave it"]).all()


@pytest.mark.corpus
def test_a_project_with_added_documents_compares_only_the_documents_with_a_second_reading(corpus_root):
    reading = second_reading(repaired_corpus(corpus_root), corpus_root)
    assert set(reading.units) <= set(SEEDS)
    assert check_adjudication(reading.units, reading.adjudications).missing == ()


def test_what_only_the_second_reader_coded_and_was_found_right_entered_the_coding(seeds_reading):
    """An unpaired second-reader unit decided `second` is in the coding, `coded_by: second_reader`, same quote."""
    codings = {c.doc_id: c for c in load_codings(ROOT)}
    for a in seeds_reading.adjudications:
        if a.decision != "second" or a.first:
            continue
        coding = codings[a.doc_id]
        if a.layer == "list_items":
            entered = {lst["list_id"] for lst in coding.items("lists") if lst["coded_by"] == SECOND_READER}
            assert a.second.split("#")[0] in entered, a.key
            continue
        reading = read_reading(ROOT / "coding" / SECOND_READER / f"{a.doc_id}.yaml")
        quote = next(i["quote_ar"] for i in reading[a.layer] if i["id"] == a.second)
        entered = {i["quote_ar"] for i in coding.items(a.layer) if i["coded_by"] == SECOND_READER}
        assert quote in entered, a.key
