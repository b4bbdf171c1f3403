"""Figures of places: how often the corpus names each country's places, split by precision (town, region, area, country)."""

from __future__ import annotations

from collections.abc import Mapping

from matplotlib.figure import Figure

from sahel_analysis.analysis.places import NO_COUNTRY, country_names, mentions_by_country
from sahel_analysis.extract.place_gazetteer import PRECISIONS
from sahel_analysis.figures.render import PALETTE, arabic_label, bilingual

# One colour per precision, most precise darkest (Okabe-Ito).
PRECISION_COLOURS = dict(zip(PRECISIONS, (PALETTE[3], PALETTE[1], PALETTE[2], PALETTE[0]), strict=True))
PRECISION_LABELS = {
    "town": ("town", "مدينة أو بلدة"),
    "region": ("region", "إقليم"),
    "area": ("area", "منطقة"),
    "country": ("country", "دولة"),
}
# The label of the row of areas that lie in no one country (the Sahel, the Maghreb, West Africa).
NO_COUNTRY_LABEL = ("مناطق عابرة للحدود", "areas across borders")


def plot_places_by_country(
    table, *, names: Mapping[str, tuple[str, str]] | None = None, title: str = "", ax=None
) -> Figure:
    """Stacked horizontal bars: place mentions per country, split by precision, most named country on top.

    Args:
        table: DataFrame, index country codes (ISO 3166 alpha-3, or `NO_COUNTRY`), columns
            precisions, values mention counts (`analysis.places.mentions_by_country`).
        names: country code -> (Arabic, English) for the bar labels.
        title: the axes title.
        ax: axes to draw on; a new Figure is made when None.
    """
    names = {NO_COUNTRY: NO_COUNTRY_LABEL, **(names or {})}
    if ax is None:
        fig = Figure(figsize=(9.5, 0.55 * len(table) + 2.0), layout="constrained")
        ax = fig.add_subplot()
    else:
        fig = ax.figure
    rows = list(table.index)[::-1]
    left = [0] * len(rows)
    for precision in [p for p in PRECISIONS if p in table.columns]:
        values = [int(table.loc[r, precision]) for r in rows]
        if not any(values):
            continue
        en, ar = PRECISION_LABELS.get(precision, (precision, ""))
        ax.barh(range(len(rows)), values, left=left, height=0.7, edgecolor="white",
                color=PRECISION_COLOURS.get(precision, PALETTE[7]), label=bilingual(ar, en, sep="  ·  "))  # fmt: skip
        left = [a + b for a, b in zip(left, values, strict=True)]
    labels = [bilingual(*names.get(r, ("", str(r))), sep="  ·  ") for r in rows]
    ax.set_yticks(range(len(rows)), labels, fontsize=9)
    for y, total in enumerate(left):
        ax.text(total + 0.3, y, str(total), va="center", fontsize=8)
    ax.set_xlabel("mentions in the texts  ·  " + arabic_label("عدد مرات الذكر في النصوص"))
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.margins(x=0.08)
    ax.set_title(title, loc="left")
    ax.legend(loc="lower right", frameon=False, fontsize=9, title="precision  ·  " + arabic_label("الدقة"))
    return fig


def places_by_country_figure(corpus) -> Figure:
    """Figure: the places the corpus names, by country and precision."""
    table = mentions_by_country(corpus)
    return plot_places_by_country(
        table,
        names=country_names(c for c in table.index if c != NO_COUNTRY),
        title="Places named in the texts, by country  ·  "
        + arabic_label("الأماكن المذكورة في النصوص حسب الدولة"),
    )


FIGURES = {
    "places-by-country": places_by_country_figure,
}
