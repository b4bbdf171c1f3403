"""Tests for sahel_analysis.figures.lists: every coded document gets its figure, each document its colour, many documents one bar."""

from __future__ import annotations

import re
from dataclasses import replace

import pandas as pd
import pytest
from matplotlib.colors import to_rgb

from sahel_analysis.coding.lists import coded_lists
from sahel_analysis.corpus.repaired import repaired_corpus
from sahel_analysis.figures import lists as list_figures
from sahel_analysis.figures.registry import figure_registry
from sahel_analysis.figures.render import PALETTE


@pytest.fixture(scope="module")
def rcorpus(root):
    return repaired_corpus(root)


def test_figures_draw_with_arabic_labels(rcorpus):
    """Each list figure of the corpus (per document ones included) is a Figure whose labels carry Arabic."""
    from matplotlib.figure import Figure

    from sahel_analysis.figures.render import house_style

    made = [stem for stem, _ in figure_registry(rcorpus) if stem.startswith("lists-")]
    assert len(made) == len(list_figures.FIGURES) + len(list_figures.documents_with_categories(rcorpus))
    for stem, make in figure_registry(rcorpus):
        if not stem.startswith("lists-"):
            continue
        with house_style():
            fig = make(rcorpus)
        assert isinstance(fig, Figure)
        labels = " ".join(t.get_text() for t in fig.axes[0].get_yticklabels())
        assert re.search("[\u0600-\u06ff]", labels)


def test_every_document_with_coded_lists_gets_a_categories_figure(rcorpus):
    """The figures follow the corpus: each document with coded lists gets `lists-categories-<id>`, others none."""
    coded = {cl.doc_id for cl in coded_lists(rcorpus)}
    copy = replace(rcorpus[0], doc=replace(rcorpus[0].doc, id="copy"))
    stems = {stem for stem, _ in figure_registry([*rcorpus, copy])}
    assert coded and {f"lists-categories-{d}" for d in coded} <= stems
    assert "lists-categories-copy" not in stems  # nothing is coded for it: nothing to draw


def test_each_document_takes_the_palette_colour_of_its_position():
    """A third document gets the palette's third colour: no document has a colour of its own in code."""
    table = pd.DataFrame({"a": [1, 0], "b": [0, 1], "c": [2, 2]}, index=["political", "international"])
    fig = list_figures.plot_instruments_by_document(table)
    colours = [tuple(bars.patches[0].get_facecolor()[:3]) for bars in fig.axes[0].containers]
    assert colours == [to_rgb(PALETTE[k]) for k in range(3)]


def test_many_documents_share_one_bar_per_category_and_no_legend():
    """Past MAX_DOCUMENT_SERIES documents the instruments figure sums them, saying how many documents name each category."""
    docs = {f"d{k:02}": [k % 3, 1] for k in range(30)}
    table = pd.DataFrame(docs, index=["political", "international"])
    fig = list_figures.plot_instruments_by_document(table)
    ax = fig.axes[0]
    assert len(ax.containers) == 1 and ax.get_legend() is None
    texts = {t.get_text() for t in ax.texts}
    assert texts == {"30  (in 20 of 30 documents)", "30  (in 30 of 30 documents)"}
