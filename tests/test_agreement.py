"""Agreement between two readings: pairing by quote overlap and by actor pair, counts and Krippendorff's alpha."""

from __future__ import annotations

import pytest

from sahel_analysis.analysis.agreement import (
    NOT_CODED,
    CodedUnit,
    agreement_frame,
    agreement_table,
    layer_units,
    nominal_alpha,
    pair_units,
    read_reading,
)
from sahel_analysis.errors import SahelError

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
    lst = {"list_id": "l", "items": [{"item_no": 1, "text_ar": "أولا الدين", "category": "religious_ideological"}]}
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
