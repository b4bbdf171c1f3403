"""Tests for sahel_analysis.figures.places: the places-by-country figure, registered, bilingual, one bar per country."""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import pytest
from conftest import seed_corpus
from matplotlib.figure import Figure

from sahel_analysis.analysis.places import NO_COUNTRY, mentions_by_country
from sahel_analysis.figures import places as place_figures
from sahel_analysis.figures.registry import figure_registry
from sahel_analysis.figures.render import house_style

ARABIC = re.compile("[\u0600-\u06ff]")


@pytest.fixture(scope="module")
def seeds():
    return seed_corpus()


def test_the_figure_is_registered_and_saved_by_the_build(seeds):
    assert "places-by-country" in dict(figure_registry(seeds))


def test_one_bar_label_per_country_each_in_arabic_and_english(seeds):
    table = mentions_by_country(seeds)
    with house_style():
        fig = place_figures.places_by_country_figure(seeds)
    assert isinstance(fig, Figure)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(labels) == len(table)
    assert all(ARABIC.search(label) and re.search("[A-Za-z]", label) for label in labels)
    assert any(place_figures.NO_COUNTRY_LABEL[1] in label for label in labels)
    assert ARABIC.search(fig.axes[0].get_title(loc="left"))
    plt.close(fig)


def test_the_bars_add_up_to_each_country_s_mentions(seeds):
    table = mentions_by_country(seeds)
    with house_style():
        fig = place_figures.plot_places_by_country(table, names={"MLI": ("مالي", "Mali")})
    ax = fig.axes[0]
    totals = [int(t.get_text()) for t in ax.texts]
    assert totals == [int(table.loc[c].sum()) for c in list(table.index)[::-1]]
    assert NO_COUNTRY in table.index
    plt.close(fig)
