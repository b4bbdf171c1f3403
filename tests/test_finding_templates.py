"""Tests for sahel_analysis.analysis.finding_templates: the wording of the stance and actor findings is data."""

from __future__ import annotations

import pytest

from sahel_analysis.analysis.finding_templates import Count, finding_entries, number_word, render
from sahel_analysis.errors import SahelError

KINDS = {
    "positions": {"stances", "turning_points", "analyst_notes", "events"},
    "actors": {"most_mentioned", "armed_groups", "shared"},
}


@pytest.mark.parametrize("section", sorted(KINDS))
def test_every_entry_has_an_id_a_known_kind_and_a_statement(section):
    entries = finding_entries(section)
    assert entries
    assert len({e["id"] for e in entries}) == len(entries)
    for e in entries:
        assert e["kind"] in KINDS[section], e["id"]
        assert e["statement"].strip(), e["id"]


def test_counts_render_in_digits_in_words_and_with_their_plural():
    assert render("{n} text{n:s}, {n:w}; {one} text{one:s}", {"n": Count(2), "one": Count(1)}, "t") == (
        "2 texts, two; 1 text"
    )
    assert number_word(200) == "200"


def test_a_template_that_cannot_be_filled_is_a_one_line_error_naming_the_entry():
    with pytest.raises(
        SahelError, match=r"^data/findings\.yaml: finding actors/x: the template cannot be filled"
    ):
        render("{n:q}", {"n": Count(2)}, "actors/x")


def test_a_template_error_names_the_data_file_it_comes_from():
    """Templates of other data files (data/questions.yaml) report their own file, not findings.yaml."""
    with pytest.raises(SahelError, match=r"data/questions\.yaml: finding stances#1"):
        render("{nope}", {}, "stances#1", "data/questions.yaml")
