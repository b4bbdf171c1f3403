"""Tests for sahel_analysis.figures.corpus: corpus-wide figures that aggregate, at two documents and at a thousand."""

from __future__ import annotations

import random
from types import SimpleNamespace

import matplotlib

matplotlib.use("Agg")
import pandas as pd
import pytest
from conftest import SEEDS, seed_corpus
from matplotlib.patches import Rectangle

from sahel_analysis.analysis.actors import mention_counts
from sahel_analysis.extract.gazetteer import load_gazetteer
from sahel_analysis.figures import corpus as C
from sahel_analysis.figures.actors import TOP_ACTORS, plot_mention_counts
from sahel_analysis.figures.render import house_style

# The most bars (and legend entries) a corpus figure may draw, whatever the corpus size.
MAX_BARS = 60
MAX_LEGEND_ENTRIES = 10
SOURCES = ("الجزيرة نت", "Reuters", "بي بي سي عربي", *(f"outlet {k}" for k in range(60)))


def synthetic_corpus(n: int, seed: int = 1) -> tuple[list, pd.DataFrame]:
    """`n` stand-in documents (only what the figures read: id, catalog date and source) and their mention counts."""
    rng = random.Random(seed)
    dates = ("", "2016/2017 (probable)", "{y}", "{y}-{m:02}", "{y}-{m:02}-{d:02}")
    docs = []
    for k in range(n):
        date = rng.choice(dates).format(y=rng.randint(2012, 2024), m=rng.randint(1, 12), d=rng.randint(1, 28))
        source = rng.choice((*SOURCES, "", ""))
        docs.append(SimpleNamespace(id=f"s{k:05}", doc=SimpleNamespace(date=date, source=source)))
    actors = [a.id for a in load_gazetteer().actors[:80]]
    counts = pd.DataFrame(
        {d.id: [rng.choice((0, 0, 0, 1, 2, 5)) for _ in actors] for d in docs},
        index=pd.Index(actors, name="actor_id"),
    )
    counts["total"] = counts.sum(axis=1)
    return docs, counts.sort_values("total", ascending=False, kind="stable")


def bars(fig) -> int:
    return sum(1 for ax in fig.axes for p in ax.patches if isinstance(p, Rectangle) and p.get_height() >= 0)


def legend_entries(fig) -> int:
    legends = [a.get_legend() for a in fig.axes if a.get_legend() is not None] + list(fig.legends)
    return sum(len(legend.get_texts()) for legend in legends)


def test_a_catalog_date_gives_its_year_or_month_and_a_date_in_words_none():
    assert C.catalog_period("2022") == "2022"
    assert C.catalog_period("2023-05-17", by_month=True) == "2023-05"
    assert C.catalog_period("2016/2017 (probable; not stated)") == ""


def test_the_seeds_are_counted_by_their_date_with_the_undated_one_apart(root):
    """Seed 000 is dated 2022; seed 002's date is stated in words, so it is counted apart; every mention is counted."""
    seeds = seed_corpus(root)
    table = C.mentions_by_date(seeds)
    counts = mention_counts(seeds)
    assert list(table.index) == ["2022", C.NO_DATE]
    assert list(table["documents"]) == [1, 1]
    assert table["mentions"].tolist() == [int(counts[d].sum()) for d in SEEDS]


def test_the_seeds_have_no_recorded_source(root):
    seeds = seed_corpus(root)
    table = C.documents_by_source(seeds)
    assert list(table.index) == [C.NO_SOURCE] and table["documents"].sum() == len(SEEDS)


def test_dated_documents_within_a_few_years_are_counted_by_month_with_empty_months_shown():
    docs = [SimpleNamespace(id=str(k), doc=SimpleNamespace(date=d, source="")) for k, d in
            enumerate(["2023-11-02", "2024-02", ""])]  # fmt: skip
    counts = pd.DataFrame({"0": [1], "1": [2], "2": [3]}, index=["a"])
    table = C.mentions_by_date(docs, counts)
    assert list(table.index) == ["2023-11", "2023-12", "2024-01", "2024-02", C.NO_DATE]
    assert table["mentions"].tolist() == [1, 0, 0, 2, 3]


@pytest.mark.parametrize("n", [2, 1000])
def test_corpus_figures_draw_a_bounded_number_of_bars_and_no_legend(n):
    """At two documents and at a thousand: bars per period or per source, never one series per document."""
    docs, counts = synthetic_corpus(n)
    by_date, by_source = C.mentions_by_date(docs, counts), C.documents_by_source(docs, counts)
    assert by_date["documents"].sum() == n and by_source["documents"].sum() == n  # every document counted
    assert by_date["mentions"].sum() == by_source["mentions"].sum() == counts["total"].sum()
    assert len(by_source) <= C.TOP_SOURCES + 2
    with house_style():
        for fig in (C.plot_mentions_by_date(by_date), C.plot_documents_by_source(by_source)):
            assert bars(fig) <= MAX_BARS and legend_entries(fig) == 0


def test_the_sources_past_the_top_are_counted_in_one_named_bar():
    docs, counts = synthetic_corpus(1000)
    table = C.documents_by_source(docs, counts)
    rest = [s for s in table.index if s.endswith("more sources")]
    assert rest == [f"{len(SOURCES) - C.TOP_SOURCES} more sources"]


def test_the_mentions_figure_at_a_thousand_documents_has_one_bar_per_actor_and_no_legend():
    _, counts = synthetic_corpus(1000)
    with house_style():
        fig = plot_mention_counts(counts)
    assert legend_entries(fig) <= MAX_LEGEND_ENTRIES
    assert bars(fig) == TOP_ACTORS
    assert "1000 documents" in fig.axes[0].get_title()
