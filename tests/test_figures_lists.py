"""Tests for sahel_analysis.figures.lists: every coded document gets its figure, each document its colour."""

from __future__ import annotations

import re

import pytest

from sahel_analysis.coding.lists import read_coded_lists
from sahel_analysis.corpus.repaired import repaired_corpus
from sahel_analysis.figures import lists as list_figures
from sahel_analysis.figures.render import PALETTE


@pytest.fixture(scope="module")
def rcorpus(root):
    return repaired_corpus(root)


def test_figures_draw_with_arabic_labels(rcorpus):
    """Each declared figure is a Figure whose labels carry Arabic."""
    from matplotlib.figure import Figure

    from sahel_analysis.figures.lists import FIGURES
    from sahel_analysis.figures.render import house_style

    for make in FIGURES.values():
        with house_style():
            fig = make(rcorpus)
        assert isinstance(fig, Figure)
        labels = " ".join(t.get_text() for t in fig.axes[0].get_yticklabels())
        assert re.search("[\u0600-\u06ff]", labels)


def test_every_document_with_coded_lists_gets_a_categories_figure():
    """The figures follow the data: a document coded in data/lists.yaml gets `lists-categories-<id>`."""
    coded = {str(e["doc_id"]) for e in read_coded_lists()}
    assert {f"lists-categories-{d}" for d in coded} <= set(list_figures.FIGURES)


def test_each_document_takes_the_palette_colour_of_its_position():
    """A third document gets the palette's third colour: no document has a colour of its own in code."""
    import pandas as pd

    table = pd.DataFrame({"a": [1, 0], "b": [0, 1], "c": [2, 2]}, index=["political", "international"])
    fig = list_figures.plot_instruments_by_document(table)
    colours = [tuple(bars.patches[0].get_facecolor()[:3]) for bars in fig.axes[0].containers]
    from matplotlib.colors import to_rgb

    assert colours == [to_rgb(PALETTE[k]) for k in range(3)]
