"""Keyword search finds words whatever their diacritics, alef forms and attached clitics."""

from __future__ import annotations

import pytest

from sahel_analysis.analysis.search import format_hit, search
from sahel_analysis.corpus.repaired import repaired_corpus


@pytest.fixture(scope="module")
def corpus(root):
    return repaired_corpus(root)


@pytest.mark.parametrize(
    ("query", "surface_contains"),
    [
        ("التدخل", "التدخُّل"),  # shadda and damma in the text, none in the query
        ("الاسلام", "الإسلام"),  # hamza-less alef in the query
        ("داعش", "داعش"),
        ("الساحل", "الساحل"),
    ],
)
def test_query_ignores_diacritics_and_alef_forms(corpus, query, surface_contains):
    """The surface found keeps the text's own spelling."""
    hits = search(corpus, query)
    assert any(surface_contains in h.surface for h in hits)


def test_clitics_attached_to_the_word_still_match(corpus):
    """`بالتفاوض`, `والتفاوض` and `للتفاوض` are hits for التفاوض's stem form تفاوض."""
    surfaces = {h.surface for h in search(corpus, "تفاوض")}
    assert {"للتفاوض", "التفاوض"} <= surfaces


def test_hits_point_into_the_repaired_text(corpus):
    """Every hit's offsets give back its surface in its document's repaired text."""
    texts = {rd.id: rd.text for rd in corpus}
    for hit in search(corpus, "مالي"):
        assert texts[hit.doc_id][hit.start : hit.end] == hit.surface


def test_plain_output_is_logical_order(corpus):
    """Without a display function the line is in logical order, as stored (safe to pipe)."""
    hit = search(corpus, "باماكو")[0]
    line = format_hit(hit)
    assert line.startswith(f"{hit.doc_id}\t{hit.start}\t") and "[باماكو]" in line


def test_words_inside_other_words_do_not_match(corpus):
    """A query matches whole words (with clitics), not the middle of another word."""
    assert all(not h.surface.startswith("ت") for h in search(corpus, "مالي") if h.surface != "مالي")
