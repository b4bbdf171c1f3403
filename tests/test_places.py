"""Places: the gazetteer built offline, mentions with offsets and clitics, event locations and the ACLED join."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import SEEDS, seed_corpus

from sahel_analysis.analysis.positions import event_rows
from sahel_analysis.extract.actors import fold
from sahel_analysis.extract.place_gazetteer import PRECISIONS, is_arabic_form, load_place_gazetteer
from sahel_analysis.extract.places import extract_place_mentions, find_place_mentions
from sahel_analysis.extract.places_acled import GEO_PRECISION, acled_actor_names, acled_join

ACLED_SYNTHETIC = Path(__file__).parent / "data" / "acled_synthetic.csv"


@pytest.fixture(scope="module")
def seeds():
    return seed_corpus()


def test_every_form_is_arabic_and_names_one_place():
    """No Persian or Urdu spelling is kept, and a folded form belongs to one place only."""
    owners = {}
    for p in load_place_gazetteer().places:
        assert p.precision in PRECISIONS
        for f in p.forms:
            assert is_arabic_form(f), (p.id, f)
            assert owners.setdefault(fold(f), p.id) == p.id, f


def test_persian_and_urdu_spellings_are_left_out():
    assert not any(is_arabic_form(f) for f in ("تیمبوکتو", "ٹمبکٹو", "موپتی", "گاو", "کیدال"))


@pytest.mark.parametrize(
    ("text", "place_id", "surface", "prefix"),
    [
        ("هجمات بتمبكتو", "timbuktu_mli", "تمبكتو", "ب"),
        ("الهجمات في موبتي", "mopti_mli", "موبتي", ""),
        ("في موبتي وميناكا وجاو", "gao_mli", "جاو", "و"),
        ("قريتان بمنطقة سيكاسو", "sikasso_region", "منطقة سيكاسو", "ب"),
        ("في شماليِّ مالي", "northern_mali", "شماليِّ مالي", ""),
        ("القاعدة في بلاد المغرب الإسلامي", "maghreb", "بلاد المغرب", ""),
    ],
)
def test_places_are_found_behind_clitics_longest_form_first(text, place_id, surface, prefix):
    found = {m.place_id: m for m in find_place_mentions(text)}
    assert place_id in found
    m = found[place_id]
    assert (text[m.start : m.end], m.surface, m.prefix) == (surface, surface, prefix)


def test_an_adjective_is_not_a_country():
    """المالي (Malian) is not مالي (Mali), as for actors."""
    assert not find_place_mentions("الجيش المالي والرئيس المالي")


def test_every_mention_in_the_seeds_points_at_its_surface(seeds):
    for rd in seeds:
        mentions = extract_place_mentions(rd)
        assert mentions, rd.id
        for m in mentions:
            assert rd.text[m.start : m.end] == m.surface


def test_the_towns_the_seeds_name_are_found_with_coordinates_and_country(seeds):
    gaz = load_place_gazetteer()
    named = {m.place_id for rd in seeds for m in extract_place_mentions(rd)}
    for town in (
        "bamako_mli",
        "timbuktu_mli",
        "mopti_mli",
        "koulikoro_mli",
        "sikasso_mli",
        "gao_mli",
        "menaka_mli",
    ):
        assert town in named, town
        p = gaz.place(town)
        assert p.iso3 == "MLI" and p.admin1 and p.latitude is not None and p.longitude is not None
    assert {"mli", "bfa", "ner", "sahel", "northern_mali", "mopti_region"} <= named


def test_events_carry_the_place_their_text_names(seeds):
    rows = {r["event_id"]: r for r in event_rows(seeds)}
    assert all(
        set(r) >= {"iso3", "admin1", "location", "latitude", "longitude", "geo_precision"}
        for r in rows.values()
    )
    located = [r for r in rows.values() if r["geo_precision"] != ""]
    assert located
    for r in located:
        assert r["geo_precision"] in GEO_PRECISION.values() and r["latitude"] != "" and r["iso3"]
    bamako = [r for r in rows.values() if r["location"] == "Bamako"]
    assert bamako and all(r["iso3"] == "MLI" and r["geo_precision"] == 1 for r in bamako)


def test_acled_names_are_curated_for_the_jihadist_groups():
    names = acled_actor_names()
    assert names["jnim"] == "JNIM: Group for Support of Islam and Muslims"
    assert {"aqim", "isgs", "ansarul_islam"} <= set(names)


def test_the_export_joins_a_synthetic_acled_table_by_actor_country_and_month(seeds):
    rows = event_rows(seeds)
    events = pd.DataFrame(rows)
    links = pd.DataFrame(
        [{"event_id": r["event_id"], "actor_id": a} for r in rows for a in r["actor_ids"].split("|") if a]
    )
    acled = pd.read_csv(ACLED_SYNTHETIC)
    assert acled["notes"].str.startswith("SYNTHETIC").all()
    joined = acled_join(events, links, acled)
    assert len(joined)
    for j in joined.itertuples():
        assert str(j.event_date).startswith(str(j.date_start)[:7])
    assert "SYN0006" not in set(joined["event_id_cnty"])  # ISGS in 2022: no seed event


def test_seeds_are_named_once():
    assert set(SEEDS) == {rd.id for rd in seed_corpus()}
