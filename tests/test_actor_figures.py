"""Tests for sahel_analysis.figures.actors: the mentions, co-occurrence and relations figures."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import seed_corpus
from matplotlib.figure import Figure

from sahel_analysis.analysis import actors
from sahel_analysis.coding.relations import stated_relations
from sahel_analysis.extract.gazetteer import load_gazetteer
from sahel_analysis.figures.actors import FIGURES, plot_mention_counts, relation_graph, relation_layout
from sahel_analysis.figures.render import MAX_DOCUMENT_SERIES, house_style

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def corpus():
    return seed_corpus(ROOT)


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def test_every_actor_figure_draws_from_the_corpus(corpus):
    """Each registered figure builds a Figure with a title, without pyplot."""
    assert set(FIGURES) == {"actors-mentions", "actors-cooccurrence", "actors-relations"}
    for make in FIGURES.values():
        with house_style():
            fig = make(corpus)
        assert isinstance(fig, Figure)
        assert fig.axes[0].get_title()


def test_bar_labels_are_bilingual_and_in_logical_order(corpus):
    """The bar chart's labels hold the Arabic name, unshaped, beside the English one."""
    with house_style():
        fig = plot_mention_counts(actors.mention_counts(corpus), top=5)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert "جماعة نصرة الإسلام والمسلمين  ·  JNIM" in labels
    assert not any("\ufe8d" <= ch <= "\ufefc" for label in labels for ch in label)  # no presentation forms


def test_relation_layout_is_deterministic_and_separates_labels(gaz):
    """Same positions on every call; no two nodes closer than a label box in the declutter pass."""
    graph = relation_graph(stated_relations(gaz))
    first, second = relation_layout(graph), relation_layout(graph)
    assert first == second and set(first) == set(graph.nodes)
    points = sorted(first.values())
    assert len(set(points)) == len(points)


def test_many_documents_draw_one_bar_per_actor_without_a_legend(corpus):
    """Past MAX_DOCUMENT_SERIES documents the mentions figure sums them and says how many documents name each actor."""
    copies = [replace(rd, doc=replace(rd.doc, id=f"c{k}-{rd.id}")) for k in range(5) for rd in corpus]
    counts = actors.mention_counts([*corpus, *copies])
    with house_style():
        fig = plot_mention_counts(counts, top=6)
    ax = fig.axes[0]
    assert len(ax.containers) == 1 and len(ax.containers[0]) == 6 and ax.get_legend() is None
    assert [p.get_width() for p in ax.containers[0]] == list(counts["total"].head(6))
    assert all(re.fullmatch(r"  in \d+ of 12 documents", t.get_text()) for t in ax.texts)
    assert "in 12 documents" in ax.get_title()


def test_few_documents_keep_one_bar_series_each(corpus):
    """Up to MAX_DOCUMENT_SERIES documents, each has its bar series and legend entry, in its colour."""
    with house_style():
        fig = plot_mention_counts(actors.mention_counts(corpus), top=5)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [f"document {rd.id}" for rd in corpus]
    assert len(ax.containers) == len(corpus) <= MAX_DOCUMENT_SERIES
