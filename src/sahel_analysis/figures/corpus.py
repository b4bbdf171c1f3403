"""Figures of the corpus as a whole, read the same at two documents and at thousands: mentions by date, documents by source.

Each draws one bar per period or per source, never one series per document:
the number of bars follows the catalog's dates and sources, not the corpus size.
Documents whose catalog `date` is not YYYY[-MM[-DD]] (the seeds' curators may
date a text in words) and documents with no `source` are counted apart, in grey.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from sahel_analysis.analysis.actors import mention_counts
from sahel_analysis.corpus.catalog import date_problem
from sahel_analysis.figures.render import ARABIC_RE, PALETTE, arabic_label

NO_DATE = "no exact date"
NO_SOURCE = "source not recorded"
# How many sources the source figure names (most documents first); the rest share one bar.
TOP_SOURCES = 20
# Dated documents spanning at most this many calendar years, all dated to the month, are counted by month.
MONTHLY_SPAN_YEARS = 3
# Past this many bars, the counts are not written on the bars (the axis says them).
MAX_ANNOTATED_BARS = 30
APART = "#999999"


def catalog_period(date: str, *, by_month: bool = False) -> str:
    """The year (or year-month) of a catalog date of the form YYYY[-MM[-DD]], else ''.

    >>> catalog_period("2022"), catalog_period("2023-05-17", by_month=True), catalog_period("2016/2017 (probable)")
    ('2022', '2023-05', '')
    """
    if not date or date_problem(date) is not None:
        return ""
    return date[:7] if by_month and len(date) >= 7 else date[:4]


def counts_by_month(dates: Sequence[str]) -> bool:
    """Whether dated documents are counted by month: every one dated to the month, within a few years."""
    exact = [d for d in dates if catalog_period(d)]
    if not exact or any(len(d) < 7 for d in exact):
        return False
    years = [int(d[:4]) for d in exact]
    return max(years) - min(years) < MONTHLY_SPAN_YEARS


def all_periods(first: str, last: str) -> list[str]:
    """Every year (or month) from `first` to `last`, so a gap in time shows as an empty bar.

    >>> all_periods("2021", "2023"), all_periods("2023-11", "2024-02")
    (['2021', '2022', '2023'], ['2023-11', '2023-12', '2024-01', '2024-02'])
    """
    if len(first) == 4:
        return [str(y) for y in range(int(first), int(last) + 1)]
    months = pd.period_range(first, last, freq="M")
    return [str(p) for p in months]


def document_mentions(corpus: Sequence, counts: pd.DataFrame | None = None) -> pd.Series:
    """Actor mentions per document (0 for a document naming no actor), in corpus order."""
    counts = mention_counts(corpus) if counts is None else counts
    docs = [rd.id for rd in corpus]
    present = [d for d in docs if d in counts.columns]
    return counts[present].sum().reindex(docs, fill_value=0).astype(int)


def mentions_by_date(corpus: Sequence, counts: pd.DataFrame | None = None) -> pd.DataFrame:
    """Documents and actor mentions per year (or month) of the documents' catalog date.

    One row per period from the first to the last (empty periods included), then
    a row `NO_DATE` for the documents whose date is missing or not exact, if any.
    """
    per_doc = document_mentions(corpus, counts)
    dates = [rd.doc.date for rd in corpus]
    by_month = counts_by_month(dates)
    periods = [catalog_period(d, by_month=by_month) or NO_DATE for d in dates]
    frame = pd.DataFrame({"period": periods, "documents": 1, "mentions": per_doc.to_numpy()})
    table = frame.groupby("period").sum()
    dated = sorted(p for p in table.index if p != NO_DATE)
    order = all_periods(dated[0], dated[-1]) if dated else []
    order += [NO_DATE] if NO_DATE in table.index else []
    return table.reindex(order, fill_value=0).astype(int)


def documents_by_source(
    corpus: Sequence, counts: pd.DataFrame | None = None, top: int = TOP_SOURCES
) -> pd.DataFrame:
    """Documents and actor mentions per catalog source, most documents first.

    The `top` sources each have a row; the others share one row ("N more
    sources"); documents with no source make the last row, `NO_SOURCE`.
    """
    per_doc = document_mentions(corpus, counts)
    sources = [rd.doc.source.strip() or NO_SOURCE for rd in corpus]
    frame = pd.DataFrame({"source": sources, "documents": 1, "mentions": per_doc.to_numpy()})
    table = frame.groupby("source").sum()
    named = table.drop(index=NO_SOURCE, errors="ignore")
    named = named.sort_index().sort_values("documents", ascending=False, kind="stable")
    kept, rest = named.head(top), named.iloc[top:]
    parts = [kept]
    if len(rest):
        parts.append(pd.DataFrame(rest.sum().to_dict(), index=[f"{len(rest):,} more sources"]))
    if NO_SOURCE in table.index:
        parts.append(table.loc[[NO_SOURCE]])
    return pd.concat(parts).rename_axis("source").astype(int)


def _bar_labels(ax, bars, values) -> None:
    if len(values) <= MAX_ANNOTATED_BARS:
        ax.bar_label(bars, labels=[f"{v:,}" for v in values], fontsize=8, padding=2, color="#444444")


def plot_mentions_by_date(table: pd.DataFrame, *, title: str = ""):
    """Two bar rows on one time axis: actor mentions (top) and documents (bottom) per period of the documents' date.

    Args:
        table: `mentions_by_date(corpus)`; its `NO_DATE` row, if any, is drawn apart in grey.
    """
    periods = list(table.index)
    n = len(periods)
    apart = NO_DATE in table.index
    xs = [k + (0.6 if apart and p == NO_DATE else 0) for k, p in enumerate(periods)]
    colours = [APART if p == NO_DATE else PALETTE[0] for p in periods]
    narrow = n <= 8  # a few bars: a narrow figure, its title on two lines (the " · " kept for the caption)
    fig = Figure(figsize=(7.5 if narrow else min(14.0, max(10.0, 0.32 * n + 3.5)), 5.6), layout="constrained")
    top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=(2, 1))
    for ax, column, label, bins in (
        (top, "mentions", "actor mentions  ·  " + arabic_label("الإشارات"), 6),
        (bottom, "documents", "documents  ·  " + arabic_label("الوثائق"), 3),
    ):
        bars = ax.bar(xs, table[column], width=0.5 if narrow else 0.75, color=colours)
        _bar_labels(ax, bars, list(table[column]))
        ax.set_ylabel(label, fontsize=9)
        ax.margins(y=0.18)
        ax.yaxis.set_major_locator(MaxNLocator(nbins=bins, integer=True))
    bottom.set_xlim(min(xs) - 0.8, max(xs) + 0.8)
    step = max(1, round(n / 24))
    ticks = [k for k in range(n) if k % step == 0 or periods[k] == NO_DATE]
    bottom.set_xticks(
        [xs[k] for k in ticks],
        [periods[k] for k in ticks],
        rotation=0 if n <= 16 else 60,
        ha="center" if n <= 16 else "right",
    )
    unit = "month" if periods and len(periods[0]) == 7 else "year"
    bottom.set_xlabel(
        f"{unit} of the document's catalog date  ·  " + arabic_label("تاريخ الوثيقة")
        + (f"   (grey: {NO_DATE})" if apart else "")
    )  # fmt: skip
    total = int(table["documents"].sum())
    top.set_title(
        title or f"Actor mentions by the documents' date, {total:,} documents"
        + ("  ·\n" if narrow else "  ·  ") + arabic_label("الإشارات إلى الفاعلين حسب تاريخ الوثيقة")
    )  # fmt: skip
    return fig


def source_label(source: str) -> str:
    """A source's name for a tick label: Arabic shaped for this matplotlib, other text as written."""
    return arabic_label(source) if ARABIC_RE.search(source) else source.replace("$", r"\$")


def plot_documents_by_source(table: pd.DataFrame, *, title: str = ""):
    """Horizontal bars of documents per source (most first), each labelled with its actor mentions.

    Args:
        table: `documents_by_source(corpus)`; the shared row of the other sources and
            the `NO_SOURCE` row are drawn in grey.
    """
    sources = list(table.index)
    named = [s for s in sources if s != NO_SOURCE and not s.endswith(" more sources")]
    fig = Figure(figsize=(9, 0.34 * len(sources) + 1.7), layout="constrained")
    ax = fig.add_subplot()
    colours = [PALETTE[0] if s in named else APART for s in sources]
    rows = range(len(sources))
    ax.barh(list(rows), table["documents"], height=0.7, color=colours)
    for r, (docs, mentions) in enumerate(zip(table["documents"], table["mentions"], strict=True)):
        ax.text(docs, r, f"  {docs:,} · {mentions:,} mentions", va="center", fontsize=8, color="#444444")
    ax.set_xlim(0, 1.45 * max(1, int(table["documents"].max())))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_yticks(list(rows), [source_label(s) for s in sources])
    ax.invert_yaxis()
    ax.tick_params(axis="y", length=0)
    ax.set_xlabel(
        "documents  ·  " + arabic_label("عدد الوثائق") + "   (beside each bar: documents · actor mentions)"
    )
    total = int(table["documents"].sum())
    ax.set_title(
        title or f"Documents per source, {total:,} documents  ·  " + arabic_label("الوثائق حسب المصدر")
    )
    return fig


def mentions_by_date_figure(corpus):
    """Actor mentions and documents per period of the documents' date, from the corpus."""
    return plot_mentions_by_date(mentions_by_date(corpus))


def documents_by_source_figure(corpus):
    """Documents and actor mentions per catalog source, from the corpus."""
    return plot_documents_by_source(documents_by_source(corpus))


FIGURES = {
    "corpus-mentions-by-date": mentions_by_date_figure,
    "corpus-documents-by-source": documents_by_source_figure,
}
