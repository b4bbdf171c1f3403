"""The place map: the towns and regions each document names, as points on the Sahel's country outlines, drawn offline.

The outlines are package data (`data/sahel_outlines.json`, a GeoJSON of Natural
Earth's 1:110m countries, public domain, rebuilt by
`benchmarks/make_country_outlines.py` from the copy geopandas 0.14 shipped):
read with json and drawn as matplotlib polygons, with no geo library and no download.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from matplotlib.figure import Figure
from matplotlib.patches import Patch, Polygon
from matplotlib.patheffects import withStroke
from matplotlib.transforms import Bbox, offset_copy

from sahel_analysis.analysis.places import country_names, mapped_places, mention_table
from sahel_analysis.extract.place_gazetteer import PRECISIONS, town_countries
from sahel_analysis.figures.render import (
    MAX_DOCUMENT_SERIES,
    PALETTE,
    arabic_label,
    bilingual,
    document_colours,
)
from sahel_analysis.package_data import data_text

OUTLINES_FILE = "sahel_outlines.json"
# Degrees of longitude and latitude around the countries whose towns the gazetteer holds.
MAP_MARGIN = 1.0
LAND, LAND_NAMED, BORDER, SEA = "#f7f7f4", "#ebe6d9", "#9a9a9a", "#eef4f8"
LABEL_COLOUR, COUNTRY_LABEL_COLOUR = "#222222", "#7a7a7a"
# Where a label may stand around its point, in points (dx, dy, horizontal alignment, vertical alignment),
# tried in this order; the first that overlaps no other label, point or the map's edge is taken.
LABEL_SPOTS = tuple(
    (k * dx, k * dy, ha, va)
    for k in (1, 2.6, 4.2)
    for dx, dy, ha, va in (
        (7, 0, "left", "center"), (-7, 0, "right", "center"), (0, 7, "center", "bottom"),
        (0, -7, "center", "top"), (6, 6, "left", "bottom"), (-6, 6, "right", "bottom"),
        (6, -6, "left", "top"), (-6, -6, "right", "top"),
    )
)  # fmt: skip
# Countries smaller than this (square degrees: Gambia, Guinea-Bissau, Togo) are drawn but not named.
MIN_LABELLED_AREA = 9.0
MARKER_POINTS = 7.0
# Where a country's name may stand, in points from the middle of its mainland, tried in this order.
COUNTRY_LABEL_SHIFTS = (
    (0, 0),
    (0, -28),
    (0, 28),
    (-40, 0),
    (40, 0),
    (0, -56),
    (0, 56),
)  # marker size; markers of several documents at one place stand side by side


@dataclass(frozen=True)
class CountryOutline:
    """One country's outline: its ISO 3166 alpha-3 code, Natural Earth's name, and its rings of (lon, lat)."""

    iso3: str
    name: str
    rings: tuple[tuple[tuple[float, float], ...], ...]


@cache
def load_outlines() -> tuple[CountryOutline, ...]:
    """The country outlines shipped with the package (read once)."""
    data = json.loads(data_text(OUTLINES_FILE))
    return tuple(
        CountryOutline(
            f["properties"]["iso3"],
            f["properties"]["name"],
            tuple(
                tuple((float(x), float(y)) for x, y in polygon[0]) for polygon in f["geometry"]["coordinates"]
            ),
        )
        for f in data["features"]
    )


def outline_bounds(outlines: Sequence[CountryOutline]) -> tuple[float, float, float, float]:
    """(lon_min, lat_min, lon_max, lat_max) of the outlines."""
    xs = [x for o in outlines for ring in o.rings for x, _ in ring]
    ys = [y for o in outlines for ring in o.rings for _, y in ring]
    return min(xs), min(ys), max(xs), max(ys)


def ring_area(ring: Sequence[tuple[float, float]]) -> float:
    """A ring's area in square degrees (the shoelace formula).

    >>> ring_area([(0, 0), (2, 0), (2, 1), (0, 1), (0, 0)])
    2.0
    """
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairwise(ring))) / 2


def largest_ring_area(outline: CountryOutline) -> float:
    """The area of a country's largest ring (its mainland), in square degrees."""
    return max(ring_area(r) for r in outline.rings)


def label_point(outline: CountryOutline) -> tuple[float, float]:
    """Where a country's name stands: the centre of the bounding box of its largest ring."""
    ring = max(outline.rings, key=ring_area)
    xs, ys = [x for x, _ in ring], [y for _, y in ring]
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2


def within(box: Bbox, frame: Bbox) -> bool:
    """Whether `box` lies wholly inside `frame` (display coordinates)."""
    return frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1


def map_points(table) -> list[dict]:
    """One point per distinct position, its most precise place first, with the documents naming any place there.

    A region stands at its capital's coordinates, so a town and its region named
    in the texts share one point and one label (the town's). The Arabic label is
    the place as the first document naming it writes it (`surface`), the English one its name.
    """
    points: dict[tuple[float, float], dict] = {}
    ranked = table.assign(rank=table["precision"].map(PRECISIONS.index)).sort_values(
        ["rank", "place_id"], kind="stable"
    )
    for row in ranked.itertuples(index=False):
        key = (round(float(row.latitude), 4), round(float(row.longitude), 4))
        point = points.setdefault(
            key, {"place_id": row.place_id, "label_ar": row.surface or row.name_ar, "name_en": row.name_en,
                  "label_en": row.name_en + (" region" if row.precision == "region" else ""), "lat": key[0],
                  "lon": key[1], "docs": []}
        )  # fmt: skip
        if row.doc_id not in point["docs"]:
            point["docs"].append(row.doc_id)
    return sorted(points.values(), key=lambda p: (-p["lat"], p["lon"]))


def place_label(fig, ax, point: Mapping, taken: list[Bbox], frame: Bbox, fontsize: float):
    """The point's bilingual label, at the first spot in `LABEL_SPOTS` that overlaps nothing taken (else the first)."""
    label = bilingual(point["label_ar"], point["label_en"])
    best = None
    for dx, dy, ha, va in LABEL_SPOTS:
        text = ax.text(point["lon"], point["lat"], label, ha=ha, va=va, fontsize=fontsize, color=LABEL_COLOUR,
                       linespacing=1.0, transform=offset_copy(ax.transData, fig=fig, x=dx, y=dy, units="points"),
                       zorder=5, path_effects=[withStroke(linewidth=2.5, foreground="white")])  # fmt: skip
        box = text.get_window_extent().expanded(1.04, 1.08)
        if within(box, frame) and not any(box.overlaps(t) for t in taken):
            if best is not None:
                best[0].remove()
            taken.append(box)
            return text
        if best is None:
            best = (text, box)
        else:
            text.remove()
    taken.append(best[1])
    return best[0]


def country_label(fig, ax, outline: CountryOutline, names: tuple[str, str], taken: list[Bbox], frame: Bbox):
    """The country's bilingual name near the middle of its mainland, moved off the points and labels; none if no room."""
    x, y = label_point(outline)
    for dx, dy in COUNTRY_LABEL_SHIFTS:
        text = ax.text(x, y, bilingual(*names), ha="center", va="center", fontsize=9, color=COUNTRY_LABEL_COLOUR,
                       style="italic", linespacing=1.0, zorder=2, path_effects=[withStroke(linewidth=2, foreground=LAND)],
                       transform=offset_copy(ax.transData, fig=fig, x=dx, y=dy, units="points"))  # fmt: skip
        box = text.get_window_extent()
        if within(box, frame) and not any(box.overlaps(t) for t in taken):
            taken.append(box)
            return text
        text.remove()
    return None


def draw_markers(fig, ax, point: Mapping, colours: Mapping[str, str] | None) -> Bbox:
    """One marker per document naming the point, side by side in their colours (one marker when `colours` is None).

    Returns the markers' box in display coordinates, for labels to keep clear of.
    """
    docs = point["docs"] if colours is not None else point["docs"][:1]
    for k, doc in enumerate(docs):
        dx = (k - (len(docs) - 1) / 2) * MARKER_POINTS
        ax.plot([point["lon"]], [point["lat"]], marker="o", markersize=MARKER_POINTS,
                color=colours[doc] if colours is not None else PALETTE[0], markeredgecolor="white",
                markeredgewidth=0.8, linestyle="none", zorder=4,
                transform=offset_copy(ax.transData, fig=fig, x=dx, y=0, units="points"))  # fmt: skip
    x, y = ax.transData.transform((point["lon"], point["lat"]))
    half = MARKER_POINTS * (len(docs) + 1) / 2 * fig.dpi / 72
    return Bbox.from_extents(x - half, y - half, x + half, y + half)


def documents_en(docs: Sequence[str]) -> str:
    """Which documents, in English: their ids up to three, else how many.

    >>> documents_en(["a01"]), documents_en(["a01", "a02", "a03", "a04"])
    ('document a01', '4 documents')
    """
    if len(docs) > 3:
        return f"{len(docs)} documents"
    return ("document " if len(docs) == 1 else "documents ") + ", ".join(docs)


def documents_ar(docs: Sequence[str]) -> str:
    """Which documents, in Arabic: their ids up to three, else how many.

    >>> documents_ar(["a01"]), documents_ar(["a01", "a02", "a03", "a04"])
    ('الوثيقة a01', 'عدد الوثائق: 4')
    """
    if len(docs) > 3:
        return f"عدد الوثائق: {len(docs)}"
    return ("الوثيقة " if len(docs) == 1 else "الوثائق ") + "، ".join(docs)


def plot_place_map(
    table,
    *,
    doc_ids: Sequence[str],
    outlines: Sequence[CountryOutline] = (),
    extent: tuple[float, float, float, float] | None = None,
    named_countries: Sequence[str] = (),
    country_labels: Mapping[str, tuple[str, str]] | None = None,
    title: str = "",
) -> Figure:
    """Points on country outlines: each place a document names, coloured by document, labelled in Arabic and English.

    Past `render.MAX_DOCUMENT_SERIES` documents naming places, one marker per place
    in one colour, its English label saying how many documents name it.

    Args:
        table: `analysis.places.mapped_places(corpus)`: doc_id, place_id, name_ar, name_en,
            precision, latitude, longitude.
        doc_ids: the corpus's documents in order (colours are `render.document_colours(doc_ids)`,
            the same as in the other figures).
        outlines: the country outlines to draw (`load_outlines()`).
        extent: (lon_min, lat_min, lon_max, lat_max) shown; the outlines' bounds when None.
            A point outside it is named in a note under the map instead.
        named_countries: iso3 codes of the countries the texts name (shaded).
        country_labels: iso3 -> (Arabic, English) names written on the map.
        title: the axes title (the report reads it as the figure's alt text).
    """
    outlines = list(outlines or load_outlines())
    lon0, lat0, lon1, lat1 = extent or outline_bounds(outlines)
    width, top, bottom = 12.0, 0.55, 1.25  # inches: the title above the map, legend and notes below it
    map_height = 0.98 * width * (lat1 - lat0) / (lon1 - lon0)
    height = map_height + top + bottom
    fig = Figure(figsize=(width, height))
    ax = fig.add_axes((0.01, bottom / height, 0.98, map_height / height))
    ax.set_xlim(lon0, lon1)
    ax.set_ylim(lat0, lat1)
    ax.set_aspect("equal", adjustable="box")
    ax.set_facecolor(SEA)
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ax.spines.values():
        side.set_visible(True)
        side.set_color(BORDER)
    named = set(named_countries)
    for o in outlines:
        for ring in o.rings:
            ax.add_patch(Polygon(ring, closed=True, facecolor=LAND_NAMED if o.iso3 in named else LAND,
                                 edgecolor=BORDER, linewidth=0.7, zorder=1))  # fmt: skip
    taken: list[Bbox] = []
    frame = ax.get_window_extent()
    points = map_points(table)
    naming = [d for d in doc_ids if any(d in p["docs"] for p in points)]
    per_document = len(naming) <= MAX_DOCUMENT_SERIES
    colours = document_colours(doc_ids) if per_document else dict.fromkeys(doc_ids, PALETTE[0])
    inside = [p for p in points if lon0 <= p["lon"] <= lon1 and lat0 <= p["lat"] <= lat1]
    outside = [p for p in points if p not in inside]
    for p in inside:
        taken.append(draw_markers(fig, ax, p, colours if per_document else None))
        if not per_document:
            p["label_en"] += f" ({len(p['docs'])})"
    for p in inside:
        place_label(fig, ax, p, taken, frame, fontsize=8.5)
    for o in outlines:
        if o.iso3 in (country_labels or {}) and largest_ring_area(o) >= MIN_LABELLED_AREA:
            country_label(fig, ax, o, country_labels[o.iso3], taken, frame)
    if per_document:
        handles = [Patch(facecolor=colours[d], edgecolor="white", label=f"document {d}") for d in naming]
    else:
        handles = [Patch(facecolor=PALETTE[0], edgecolor="white",
                         label=f"a place named (in how many of {len(naming)} documents)")]  # fmt: skip
    handles.append(Patch(facecolor=LAND_NAMED, edgecolor=BORDER, label="a country the texts name  ·  "
                         + arabic_label("دولة تذكرها النصوص")))  # fmt: skip
    fig.legend(handles=handles, loc="lower right", bbox_to_anchor=(0.99, 0.0), fontsize=8.5, frameon=False,
               ncols=min(4, len(handles)))  # fmt: skip
    notes = [
        "Towns with coordinates; a region at its capital. Outlines: Natural Earth 1:110m (public domain)."
    ]
    if outside:
        notes.append(
            "Off this map: " + "; ".join(f"{p['label_en']}, {documents_en(p['docs'])}" for p in outside)
        )
        notes.append(arabic_label("خارج الخريطة: " + "؛ ".join(
            f"{p['label_ar']} ({documents_ar(p['docs'])})" for p in outside)))  # fmt: skip
    fig.text(0.01, (bottom - 0.15) / height, "\n".join(notes), fontsize=8, color="#555555", va="top",
             linespacing=1.5)  # fmt: skip
    ax.set_title(title, loc="left", fontsize=12)
    return fig


def place_map_figure(corpus) -> Figure:
    """Figure: the towns and regions each document names, on the outlines of the Sahel and its neighbours."""
    corpus = list(corpus)
    outlines = load_outlines()
    held = [o for o in outlines if o.iso3 in town_countries()]
    lon0, lat0, lon1, lat1 = outline_bounds(held or outlines)
    extent = (lon0 - MAP_MARGIN, lat0 - MAP_MARGIN, lon1 + MAP_MARGIN, lat1 + MAP_MARGIN)
    mentions = mention_table(corpus)
    named = sorted(set(mentions["iso3"]) - {""})
    shown = [o.iso3 for o in outlines]
    return plot_place_map(
        mapped_places(corpus),
        doc_ids=[rd.id for rd in corpus],
        outlines=outlines,
        extent=extent,
        named_countries=named,
        country_labels=country_names(shown),
        title="Places each document names, on the map of the Sahel  ·  "
        + arabic_label("الأماكن التي تذكرها كل وثيقة على خريطة الساحل"),
    )


FIGURES = {
    "places-map": place_map_figure,
}
