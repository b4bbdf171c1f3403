"""Tests for sahel_analysis.figures.places and figures.place_map: places by country, and the map, registered and bilingual."""

from __future__ import annotations

import json
import re

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from conftest import seed_corpus
from matplotlib.figure import Figure

from sahel_analysis.analysis.places import NO_COUNTRY, mapped_places, mentions_by_country
from sahel_analysis.figures import place_map as place_map_module
from sahel_analysis.figures import places as place_figures
from sahel_analysis.figures.registry import figure_registry
from sahel_analysis.figures.render import house_style
from sahel_analysis.package_data import data_text

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


# ----------------------------------------------------------------------------- the place map


@pytest.fixture(scope="module")
def place_map(seeds):
    with house_style():
        fig = place_map_module.place_map_figure(seeds)
    yield fig
    plt.close(fig)


def place_labels(fig):
    """The labels of the points (drawn above the points), not the countries' names."""
    return [t for t in fig.axes[0].texts if t.get_zorder() == 5]


def test_the_map_is_registered_and_saved_by_the_build(seeds):
    assert "places-map" in dict(figure_registry(seeds))


def test_the_outlines_ship_with_the_package_and_hold_the_sahel_and_its_neighbours():
    outlines = {o.iso3: o for o in place_map_module.load_outlines()}
    assert {"MLI", "BFA", "NER", "MRT", "TCD", "DZA", "SEN", "GIN", "CIV", "GHA", "NGA"} <= set(outlines)
    source = json.loads(data_text(place_map_module.OUTLINES_FILE))
    assert "Natural Earth" in source["source"] and "public domain" in source["license"]
    assert len(data_text(place_map_module.OUTLINES_FILE).encode()) < 64_000
    mali = max(outlines["MLI"].rings, key=place_map_module.ring_area)
    assert 100 < place_map_module.ring_area(mali) < 110  # Mali: about 105 square degrees


def test_every_town_and_region_the_seeds_name_is_a_point_with_a_bilingual_label(seeds, place_map):
    table = mapped_places(seeds)
    points = place_map_module.map_points(table)
    labels = [t.get_text() for t in place_labels(place_map)]
    on_map = [p for p in points if p["lon"] < 30]
    assert len(labels) == len(on_map) and len(on_map) >= 8
    assert all(ARABIC.search(label) and re.search("[A-Za-z]", label) for label in labels)
    assert any(label.startswith("موبتي") for label in labels)  # the Arabic as the text writes it
    assert ARABIC.search(place_map.axes[0].get_title(loc="left"))


def test_a_place_off_the_map_is_named_under_it(place_map):
    notes = "\n".join(t.get_text() for t in place_map.texts)
    assert "Kabul" in notes and "كابول" in notes


def test_no_two_labels_overlap(place_map):
    boxes = [t.get_window_extent() for t in place_map.axes[0].texts]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b), (a, b)


def test_a_town_and_its_region_share_one_point_and_a_place_of_several_documents_one_marker_each():
    table = pd.DataFrame(
        [
            {"doc_id": "a", "place_id": "mopti_region", "name_ar": "موبتي", "name_en": "Mopti", "precision": "region",
             "latitude": 14.5, "longitude": -4.2, "surface": "منطقة موبتي"},
            {"doc_id": "b", "place_id": "mopti_mli", "name_ar": "مبتي", "name_en": "Mopti", "precision": "town",
             "latitude": 14.5, "longitude": -4.2, "surface": "موبتي"},
        ]
    )  # fmt: skip
    (point,) = place_map_module.map_points(table)
    assert (point["label_ar"], point["label_en"], point["docs"]) == ("موبتي", "Mopti", ["b", "a"])
    with house_style():
        fig = place_map_module.plot_place_map(table, doc_ids=["a", "b"])
    markers = [line for line in fig.axes[0].lines]
    assert len(markers) == 2 and markers[0].get_color() != markers[1].get_color()
    plt.close(fig)
