"""Places as tables over any corpus: mentions by precision, the most named places with a quote, where events are.

The mentions come from `extract.places` (the place gazetteer matched with
offsets); an event's place is `extract.places.place_of_span` over its quote and
sentence, the same place the export's `events.csv` carries. Every quote here is
a verbatim substring of the repaired text, with its offsets.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

import pandas as pd

from sahel_analysis.analysis.actors import clause_around
from sahel_analysis.coding.events import events
from sahel_analysis.extract.place_gazetteer import PRECISIONS, Place, load_place_gazetteer
from sahel_analysis.extract.places import corpus_place_mentions, place_of_span
from sahel_analysis.extract.places_acled import GEO_PRECISION, acled_actor_names, acled_location

# The longest quote of a place's first mention: its sentence if that is short enough, else its clause.
QUOTE_LIMIT = 160
# Why an event has, or has not, a point an ACLED extract can be joined on, most precise first.
LOCATION_STATUSES = (
    "town, with coordinates",
    "region, at its capital",
    "town, no coordinates in the gazetteer",
    "country only",
    "area only",
    "no place named",
)
# What stands for an area that lies in no one country (the Sahel, the Maghreb) in a table by country.
NO_COUNTRY = "(no one country)"
# The precisions that stand for a point on a map (a region at its capital's coordinates, as ACLED places it).
POINT_PRECISIONS = ("town", "region")


def mention_table(corpus: Iterable) -> pd.DataFrame:
    """One row per place mention: document, place, precision, country and the surface as written."""
    gaz = load_place_gazetteer()
    rows = [
        {"doc_id": m.doc_id, "place_id": m.place_id, "name_en": gaz.place(m.place_id).name_en,
         "precision": m.precision, "iso3": gaz.place(m.place_id).iso3, "surface": m.surface,
         "start": m.start, "end": m.end, "paragraph": m.paragraph}
        for m in corpus_place_mentions(corpus)
    ]  # fmt: skip
    columns = ["doc_id", "place_id", "name_en", "precision", "iso3", "surface", "start", "end", "paragraph"]
    return pd.DataFrame(rows, columns=columns)


def places_by_precision(corpus: Iterable) -> pd.DataFrame:
    """Mentions per document by precision (town, region, area, country), with the distinct places each names.

    Every document has a row, one that names no place too.
    """
    corpus = list(corpus)
    table = mention_table(corpus)
    counts = (
        table.groupby(["doc_id", "precision"]).size().unstack(fill_value=0)
        .reindex(index=[rd.id for rd in corpus], columns=list(PRECISIONS), fill_value=0)
    )  # fmt: skip
    counts["mentions"] = counts.sum(axis=1)
    counts["places"] = table.groupby("doc_id")["place_id"].nunique().reindex(counts.index, fill_value=0)
    counts.columns.name = None
    return counts.astype(int)


def mentions_by_country(corpus: Iterable, *, top: int = 12) -> pd.DataFrame:
    """Mentions by the country a place lies in (rows, most named first) and precision (columns).

    The `top` countries most named keep a row; an area in no one country counts under `NO_COUNTRY`.
    """
    table = mention_table(corpus)
    table = table.assign(country=table["iso3"].where(table["iso3"] != "", NO_COUNTRY))
    counts = table.groupby(["country", "precision"]).size().unstack(fill_value=0)
    counts = counts.reindex(columns=list(PRECISIONS), fill_value=0)
    order = counts.sum(axis=1).sort_values(ascending=False, kind="stable")
    ranked = sorted(order.index, key=lambda c: (-order[c], c))
    counts = counts.loc[ranked[:top]]
    counts.index.name = "country"
    counts.columns.name = None
    return counts.astype(int)


def mapped_places(corpus: Iterable) -> pd.DataFrame:
    """One row per document and place with a point it names: a town with coordinates, a region at its capital.

    What the place map draws; `mentions` counts the document's mentions of the
    place, `surface` is how the document most often writes it (the first of equals),
    and the documents keep their corpus order.
    """
    corpus = list(corpus)
    gaz = load_place_gazetteer()
    table = mention_table(corpus)
    table = table[table["precision"].isin(POINT_PRECISIONS)]
    order = {rd.id: k for k, rd in enumerate(corpus)}
    rows = []
    for (doc_id, place_id), group in table.groupby(["doc_id", "place_id"], sort=False):
        p = gaz.place(place_id)
        if p.latitude is None or p.longitude is None:
            continue
        rows.append(
            {"doc_id": doc_id, "place_id": place_id, "name_ar": p.name_ar, "name_en": p.name_en,
             "precision": p.precision, "iso3": p.iso3, "latitude": p.latitude, "longitude": p.longitude,
             "mentions": len(group), "surface": Counter(group["surface"]).most_common(1)[0][0]}
        )  # fmt: skip
    columns = ["doc_id", "place_id", "name_ar", "name_en", "precision", "iso3", "latitude", "longitude", "mentions",
               "surface"]  # fmt: skip
    out = pd.DataFrame(rows, columns=columns)
    out = out.assign(order=out["doc_id"].map(order)).sort_values(["order", "place_id"], kind="stable")
    return out.drop(columns="order").reset_index(drop=True)


def country_names(iso3s: Iterable[str]) -> dict[str, tuple[str, str]]:
    """iso3 -> (Arabic name, English name) from the place gazetteer; a code it lacks keeps the code."""
    gaz = load_place_gazetteer()
    out = {}
    for code in iso3s:
        place = gaz.by_id.get(str(code).lower())
        out[code] = (place.name_ar, place.name_en) if place and place.precision == "country" else ("", code)
    return out


def most_named_places(
    corpus: Iterable, *, precisions: Sequence[str] = ("town", "region"), n: int = 12
) -> pd.DataFrame:
    """The `n` places of the given precisions named most often, each with a verbatim quote of its first mention.

    `surface` is the first mention as written (the gazetteer's `name_ar` may be
    another spelling); `quote_ar` is `text[start:end]` of document `doc_id`: the sentence or clause
    of the place's first mention (`analysis.actors.clause_around`).
    """
    corpus = list(corpus)
    docs = {rd.id: rd for rd in corpus}
    gaz = load_place_gazetteer()
    mentions = [m for m in corpus_place_mentions(corpus) if m.precision in precisions]
    first: dict[str, object] = {}
    counts: dict[str, int] = {}
    named_in: dict[str, dict[str, None]] = {}
    for m in mentions:
        first.setdefault(m.place_id, m)
        counts[m.place_id] = counts.get(m.place_id, 0) + 1
        named_in.setdefault(m.place_id, {})[m.doc_id] = None
    ranked = sorted(counts, key=lambda p: (-counts[p], -len(named_in[p]), p))[:n]
    rows = []
    for place_id in ranked:
        p, m = gaz.place(place_id), first[place_id]
        rd = docs[m.doc_id]
        start, end = clause_around(rd.text, m.start, m.end, limit=QUOTE_LIMIT)
        rows.append(
            {"place_id": place_id, "name_en": p.name_en, "name_ar": p.name_ar, "precision": p.precision,
             "iso3": p.iso3, "admin1": p.admin1, "mentions": counts[place_id], "documents": len(named_in[place_id]),
             "surface": m.surface, "doc_id": m.doc_id, "start": start, "end": end, "quote_ar": rd.text[start:end]}
        )  # fmt: skip
    columns = ["place_id", "name_en", "name_ar", "precision", "iso3", "admin1", "mentions", "documents",
               "surface", "doc_id", "start", "end", "quote_ar"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def location_status(place: Place | None) -> str:
    """Why an event has, or has not, a point to join on (one of `LOCATION_STATUSES`).

    >>> location_status(None), location_status(Place("mli", "Mali", "مالي", "country", "MLI"))
    ('no place named', 'country only')
    """
    if place is None:
        return "no place named"
    if place.precision == "country":
        return "country only"
    if place.precision == "area":
        return "area only"
    if place.precision == "region":
        return "region, at its capital"
    has_point = acled_location(place)["geo_precision"] == GEO_PRECISION["town"]
    return "town, with coordinates" if has_point else "town, no coordinates in the gazetteer"


def event_places(corpus: Iterable, *, include_automatic: bool = True) -> pd.DataFrame:
    """One row per coded event: the place its quote or sentence names, its ACLED-style columns, and why it has a point or not.

    The events are those of the export (drafts of added documents too, unless
    `include_automatic` is False); `status` is one of `LOCATION_STATUSES`.
    """
    corpus = list(corpus)
    docs = {rd.id: rd for rd in corpus}
    rows = []
    for e in events(corpus, include_automatic=include_automatic):
        place = place_of_span(docs[e.doc_id], e.start, e.end)
        rows.append(
            {"event_id": e.id, "doc_id": e.doc_id, "date_start": e.date_start, "event_type": e.event_type,
             "summary_en": e.summary_en, "status": location_status(place),
             "place_id": place.id if place else "", "place_ar": place.name_ar if place else "",
             **acled_location(place)}
        )  # fmt: skip
    columns = ["event_id", "doc_id", "date_start", "event_type", "summary_en", "status", "place_id", "place_ar",
               "iso3", "admin1", "location", "latitude", "longitude", "geo_precision"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def location_counts(table: pd.DataFrame) -> pd.DataFrame:
    """Events per document (rows, then `all`) by location status (columns, in `LOCATION_STATUSES` order)."""
    counts = pd.crosstab(table["doc_id"], pd.Categorical(table["status"], categories=LOCATION_STATUSES),
                         dropna=False)  # fmt: skip
    counts.loc["all"] = counts.sum()
    counts.index.name = "doc_id"
    counts.columns = list(LOCATION_STATUSES)
    return counts.astype(int)


def acled_readiness(events_table: pd.DataFrame, event_actors: pd.DataFrame) -> pd.DataFrame:
    """For the export's events and event_actors: how many events have each key an ACLED join needs.

    An event joins an ACLED row on a country (`iso3`), an actor ACLED names
    (`acled_name` curated in data/actors.yaml) and a date at its own precision.
    """
    names = acled_actor_names()
    named = set(event_actors.loc[event_actors["actor_id"].map(names).notna(), "event_id"])
    has_country = events_table["iso3"].fillna("").astype(str) != ""
    has_actor = events_table["event_id"].isin(named)
    has_date = events_table["date_start"].fillna("").astype(str) != ""
    rows = [
        ("events", len(events_table)),
        ("with a country", int(has_country.sum())),
        ("with an actor ACLED names", int(has_actor.sum())),
        ("with a date", int(has_date.sum())),
        ("with all three: joinable", int((has_country & has_actor & has_date).sum())),
    ]
    return pd.DataFrame(rows, columns=["what", "count"])


def place_summary(corpus: Iterable) -> pd.DataFrame:
    """The notebook's findings in numbers: places named, and how many coded events have a point, a country or no place."""
    corpus = list(corpus)
    by_doc = places_by_precision(corpus)
    mentions = mention_table(corpus)
    located = event_places(corpus)
    status = located["status"].value_counts()
    rows = [
        ("documents", len(corpus)),
        ("documents that name a place", int((by_doc["mentions"] > 0).sum())),
        ("place mentions", int(by_doc["mentions"].sum())),
        ("distinct places named", int(mentions["place_id"].nunique())),
        ("distinct towns and regions named", int(mentions.loc[mentions["precision"].isin(["town", "region"]), "place_id"].nunique())),
        ("coded events", len(located)),
        ("events with a point (town or region)", int(status.reindex(LOCATION_STATUSES[:2], fill_value=0).sum())),
        ("events at a town without coordinates", int(status.get(LOCATION_STATUSES[2], 0))),
        ("events placed in a country or area only", int(status.reindex(LOCATION_STATUSES[3:5], fill_value=0).sum())),
        ("events with no place named", int(status.get(LOCATION_STATUSES[5], 0))),
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=["what", "count"])
