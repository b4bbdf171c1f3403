"""Tests for sahel_analysis.analysis.places: mentions by precision and country, quotes of the most named places, where events are."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import seed_corpus

from sahel_analysis.analysis import places
from sahel_analysis.analysis.automatic import uncatalogued
from sahel_analysis.analysis.positions import event_rows
from sahel_analysis.extract.place_gazetteer import PRECISIONS, Place
from sahel_analysis.extract.places import corpus_place_mentions
from sahel_analysis.extract.places_acled import LOCATION_COLUMNS, acled_join

ACLED_SYNTHETIC = Path(__file__).parent / "data" / "acled_synthetic.csv"


@pytest.fixture(scope="module")
def seeds():
    return seed_corpus()


@pytest.fixture(scope="module")
def located(seeds):
    return places.event_places(seeds)


def test_every_document_has_a_row_and_every_mention_is_counted_once(seeds):
    table = places.places_by_precision(seeds)
    assert list(table.index) == [rd.id for rd in seeds]
    assert list(table.columns) == [*PRECISIONS, "mentions", "places"]
    assert (table[list(PRECISIONS)].sum(axis=1) == table["mentions"]).all()
    assert table["mentions"].sum() == len(corpus_place_mentions(seeds))
    assert (table["places"] <= table["mentions"]).all()


def test_a_document_that_names_no_place_has_a_row_of_zeros(seeds):
    quiet = uncatalogued("quiet", "بلا أماكن", "قال الرئيس إن الحوار ممكن مع الجماعات المسلحة.")
    table = places.places_by_precision([*seeds, quiet])
    assert list(table.index) == [*(rd.id for rd in seeds), "quiet"]
    assert (table.loc["quiet"] == 0).all()
    assert places.places_by_precision([]).empty


def test_mentions_by_country_puts_areas_in_no_one_country_on_their_own_row(seeds):
    table = places.mentions_by_country(seeds)
    assert table.index[0] == "MLI"  # the seeds are about Mali
    assert places.NO_COUNTRY in table.index
    assert table.loc[places.NO_COUNTRY, ["town", "region", "country"]].sum() == 0
    assert list(table.sum(axis=1)) == sorted(table.sum(axis=1), reverse=True)
    assert len(places.mentions_by_country(seeds, top=3)) == 3


def test_country_names_are_arabic_and_english_and_an_unknown_code_keeps_itself():
    names = places.country_names(["MLI", "XXX"])
    assert names["MLI"] == ("مالي", "Mali")
    assert names["XXX"] == ("", "XXX")


def test_the_most_named_places_each_quote_the_text_verbatim(seeds):
    docs = {rd.id: rd for rd in seeds}
    table = places.most_named_places(seeds)
    assert len(table) and set(table["precision"]) <= {"town", "region"}
    assert list(table["mentions"]) == sorted(table["mentions"], reverse=True)
    assert table.iloc[0]["place_id"] == "bamako_mli"
    for row in table.itertuples():
        assert docs[row.doc_id].text[row.start : row.end] == row.quote_ar
        assert row.surface in row.quote_ar
        assert len(row.quote_ar) <= places.QUOTE_LIMIT or "،" not in row.quote_ar
    assert len(places.most_named_places(seeds, n=2)) == 2
    assert set(places.most_named_places(seeds, precisions=("area",))["precision"]) == {"area"}


def test_each_event_gets_the_location_the_export_gives_it(seeds, located):
    exported = pd.DataFrame(event_rows(seeds, include_automatic=True)).set_index("event_id")
    assert sorted(located["event_id"]) == sorted(exported.index)
    for row in located.itertuples():
        for column in LOCATION_COLUMNS:
            assert str(getattr(row, column)) == str(exported.loc[row.event_id, column]), (
                row.event_id,
                column,
            )


def test_the_status_says_why_an_event_has_a_point_or_not(located):
    assert set(located["status"]) <= set(places.LOCATION_STATUSES)
    with_point = located["geo_precision"].astype(str) != ""
    assert with_point.equals(located["status"].isin(["town, with coordinates", "region, at its capital"]))
    assert (located.loc[located["status"] == "no place named", "place_id"] == "").all()
    assert (located.loc[located["status"] == "country only", "location"] == "").all()
    by_place = located.set_index("event_id")
    assert set(by_place.loc[by_place["location"] == "Bamako", "status"]) == {"town, with coordinates"}
    assert "town, no coordinates in the gazetteer" in set(located["status"])  # Fakola: curated, no point


@pytest.mark.parametrize(
    ("place", "status"),
    [
        (None, "no place named"),
        (Place("mli", "Mali", "مالي", "country", "MLI"), "country only"),
        (Place("sahel", "Sahel", "الساحل", "area"), "area only"),
        (Place("x_region", "X", "س", "region", "MLI", "X", 14.0, -4.0), "region, at its capital"),
        (Place("x_mli", "X", "س", "town", "MLI", "X", 14.0, -4.0), "town, with coordinates"),
        (Place("y_mli", "Y", "ص", "town", "MLI", "X"), "town, no coordinates in the gazetteer"),
    ],
)
def test_location_status_of_each_kind_of_place(place, status):
    assert places.location_status(place) == status


def test_location_counts_add_up_per_document_and_in_all(located):
    counts = places.location_counts(located)
    assert list(counts.columns) == list(places.LOCATION_STATUSES)
    assert counts.index[-1] == "all"
    assert (counts.drop(index="all").sum() == counts.loc["all"]).all()
    assert counts.loc["all"].sum() == len(located)
    per_doc = located.groupby("doc_id").size()
    assert all(counts.loc[d].sum() == n for d, n in per_doc.items())


def test_readiness_counts_the_events_the_synthetic_acled_table_can_join(seeds):
    rows = event_rows(seeds)
    events = pd.DataFrame(rows)
    links = pd.DataFrame(
        [{"event_id": r["event_id"], "actor_id": a} for r in rows for a in r["actor_ids"].split("|") if a]
    )
    ready = places.acled_readiness(events, links).set_index("what")["count"]
    assert ready["events"] == len(events)
    assert ready["with all three: joinable"] <= min(
        ready["with a country"], ready["with an actor ACLED names"]
    )
    joined = acled_join(events, links, pd.read_csv(ACLED_SYNTHETIC))
    assert 0 < joined["event_id"].nunique() <= ready["with all three: joinable"]


def test_the_summary_adds_up_to_the_tables_it_sums(seeds, located):
    summary = places.place_summary(seeds).set_index("what")["count"]
    assert summary["documents"] == len(seeds)
    assert summary["place mentions"] == places.places_by_precision(seeds)["mentions"].sum()
    event_kinds = [k for k in summary.index if k.startswith("events ")]
    assert sum(summary[k] for k in event_kinds) == summary["coded events"] == len(located)
    assert summary["distinct towns and regions named"] <= summary["distinct places named"]


def test_the_mapped_places_are_the_towns_and_regions_with_a_point_each_document_names(seeds):
    table = places.mapped_places(seeds)
    mentions = places.mention_table(seeds)
    assert set(table["precision"]) <= {"town", "region"}
    assert table["latitude"].notna().all() and table["longitude"].notna().all()
    for r in table.itertuples():
        mine = mentions[(mentions["doc_id"] == r.doc_id) & (mentions["place_id"] == r.place_id)]
        assert r.mentions == len(mine) and r.surface in set(mine["surface"])
    docs = [rd.id for rd in seeds]
    assert list(table["doc_id"]) == sorted(table["doc_id"], key=docs.index)
    assert "bamako_mli" in set(table["place_id"])
    assert "fakola_mli" not in set(table["place_id"])  # named, but the kept data give no coordinates
