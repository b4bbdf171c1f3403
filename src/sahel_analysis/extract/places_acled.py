"""ACLED's vocabulary for our records: a place's location columns with ACLED's geo-precision code, and actors' ACLED names.

ACLED (Armed Conflict Location & Event Data) codes each event's place as country,
admin1, location, latitude, longitude and `geo_precision`, "a numeric code
indicating the level of certainty of the location coded for the event" (acledR
codebook, https://dtacled.r-universe.dev/acledR/data/acled_codebook/ndjson),
from 1 to 3 "with decreasing accuracy" (mapme.biodiversity's ACLED indicator,
https://rdrr.io/cran/mapme.biodiversity/man/fatalities_acled.html). In ACLED's
codebook, 1 means the source names a particular town and its coordinates are
used; 2 means the source names a part of a region and a nearby town is used;
3 means a larger region is named and a provincial capital (or the closest
natural location) is used. Here a town is 1 and a region 3 (at its capital's
coordinates, as ACLED does); an area or a country has no code, as ACLED places
no event at a whole country or a region without a point.
"""

from __future__ import annotations

from functools import cache

import pandas as pd
import pycountry

from sahel_analysis.extract.gazetteer import GAZETTEER_FILE
from sahel_analysis.extract.place_gazetteer import Place
from sahel_analysis.package_data import load_yaml

GEO_PRECISION = {"town": 1, "region": 3}
LOCATION_COLUMNS = ("iso3", "admin1", "location", "latitude", "longitude", "geo_precision")


def acled_location(place: Place | None) -> dict[str, object]:
    """The ACLED-style location columns for a place (all empty for None).

    >>> acled_location(Place("gao_mli", "Gao", "غاو", "town", "MLI", "Gao", 16.27, -0.04))["geo_precision"]
    1
    >>> acled_location(None)["iso3"]
    ''
    """
    if place is None:
        return dict.fromkeys(LOCATION_COLUMNS, "")
    has_point = place.latitude is not None and place.longitude is not None
    return {
        "iso3": place.iso3,
        "admin1": place.admin1,
        "location": place.name_en if place.precision in GEO_PRECISION else "",
        "latitude": place.latitude if has_point else "",
        "longitude": place.longitude if has_point else "",
        "geo_precision": GEO_PRECISION.get(place.precision, "") if has_point else "",
    }


@cache
def acled_actor_names() -> dict[str, str]:
    """actor id -> the name ACLED codes the actor under, as curated in data/actors.yaml (`acled_name`)."""
    return {
        a["id"]: a["acled_name"]
        for a in load_yaml(GAZETTEER_FILE.removeprefix("data/")).get("actors", [])
        if a.get("acled_name")
    }


def acled_join(events: pd.DataFrame, event_actors: pd.DataFrame, acled: pd.DataFrame) -> pd.DataFrame:
    """The ACLED rows that share an actor, a country and a month (or the year, for a year-dated event) with an event.

    `events` and `event_actors` are the export's events.csv and its one-row-per-actor
    links (event_id, actor_id); `acled` is an ACLED extract (event_date, iso, actor1,
    actor2, …). Actors join through `acled_actor_names`, countries through ISO 3166
    (ACLED's numeric `iso` to our alpha-3 `iso3`), dates at the event's own precision.
    """
    names = acled_actor_names()
    ours = events.merge(event_actors, on="event_id")
    ours = ours.assign(acled_name=ours["actor_id"].map(names), period=ours["date_start"].astype(str).str[:7])
    ours = ours[ours["acled_name"].notna() & (ours["iso3"].astype(str) != "")]
    alpha3 = {int(c.numeric): c.alpha_3 for c in pycountry.countries}
    theirs = acled.assign(iso3=acled["iso"].astype(int).map(alpha3))
    theirs = theirs.melt(
        id_vars=[c for c in theirs.columns if c not in ("actor1", "actor2")],
        value_vars=["actor1", "actor2"],
        value_name="acled_name",
    ).drop(columns="variable")
    theirs = theirs[theirs["acled_name"].notna() & (theirs["acled_name"] != "")]
    pairs = ours.merge(theirs, on=["acled_name", "iso3"], suffixes=("", "_acled"))
    same_period = [str(d).startswith(p) for d, p in zip(pairs["event_date"], pairs["period"], strict=True)]
    keep = ["event_id", "actor_id", "acled_name", "iso3", "date_start", "location", "event_id_cnty", "event_date",
            "event_type_acled", "location_acled"]  # fmt: skip
    return (
        pairs[same_period][keep]
        .drop_duplicates()
        .sort_values(["event_id", "event_id_cnty"])
        .reset_index(drop=True)
    )
