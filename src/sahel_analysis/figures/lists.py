"""Figures of the coded lists: what each list is about, by category, and each document's instruments side by side."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

from matplotlib.figure import Figure

from sahel_analysis.analysis.lists import category_counts, instruments_by_document
from sahel_analysis.coding.lists import (
    CATEGORIES,
    SUMMARY_EXCLUDED_ROLES,
    category_labels,
    coded_lists,
    list_data,
)
from sahel_analysis.figures.render import MAX_DOCUMENT_SERIES, PALETTE, bilingual, document_colours

# One colour per category, in the order of coding.lists.CATEGORIES (Okabe-Ito, yellow last: it is the palest).
CATEGORY_COLOURS = dict(
    zip(
        CATEGORIES,
        (PALETTE[0], PALETTE[3], PALETTE[2], PALETTE[5], PALETTE[4], PALETTE[1], PALETTE[7]),
        strict=True,
    )
)
WRAP = 38


def _new_axes(ax, size: tuple[float, float]):
    if ax is not None:
        return ax.figure, ax
    fig = Figure(figsize=size, layout="constrained")
    return fig, fig.add_subplot()


def _category_label(category: str, labels: Mapping[str, tuple[str, str]]) -> str:
    en, ar = labels.get(category, (category, ""))
    return bilingual(ar, en)


def plot_categories_by_list(
    table,
    *,
    ax=None,
    list_labels: Mapping[str, tuple[str, str]] | None = None,
    category_labels: Mapping[str, tuple[str, str]] | None = None,
    title: str = "",
):
    """Stacked horizontal bars: one bar per list, its items split by category.

    Args:
        table: DataFrame, index list ids in reading order, columns categories, values item counts
            (`analysis.lists.category_counts`).
        ax: axes to draw on; a new Figure is made when None.
        list_labels: list id -> (Arabic phrase, English title) for the bar labels.
        category_labels: category -> (English, Arabic) for the legend.
        title: the axes title.
    """
    list_labels = list_labels or {}
    category_labels = category_labels or {}
    fig, ax = _new_axes(ax, (9.5, 0.75 * len(table) + 2.2))
    rows = list(table.index)[::-1]  # first list on top
    left = [0] * len(rows)
    for category in table.columns:
        values = [int(table.loc[r, category]) for r in rows]
        if not any(values):
            continue
        ax.barh(
            range(len(rows)),
            values,
            left=left,
            color=CATEGORY_COLOURS.get(category, PALETTE[7]),
            label=_category_label(category, category_labels),
            edgecolor="white",
            height=0.7,
        )
        left = [a + b for a, b in zip(left, values, strict=True)]
    labels = []
    for r in rows:
        ar, en = list_labels.get(r, ("", r))
        labels.append(bilingual(ar, textwrap.fill(en, WRAP)))
    ax.set_yticks(range(len(rows)), labels, fontsize=8.5)
    ax.set_xlabel("items")
    ax.xaxis.get_major_locator().set_params(integer=True)
    for y, total in enumerate(left):
        ax.text(total + 0.1, y, str(total), va="center", fontsize=8)
    ax.set_title(title, loc="left")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False, labelspacing=0.9)
    return fig


def plot_instruments_by_document(
    table,
    *,
    ax=None,
    category_labels: Mapping[str, tuple[str, str]] | None = None,
    doc_labels=None,
    title: str = "",
):
    """Paired horizontal bars: for each category, how many instrument items each document names.

    Past `MAX_DOCUMENT_SERIES` documents, one bar per category for all of them,
    labelled with how many documents name such instruments, instead of one bar each.

    Args:
        table: DataFrame, index categories, columns document ids, values item counts
            (`analysis.lists.instruments_by_document`).
        ax: axes to draw on; a new Figure is made when None.
        category_labels: category -> (English, Arabic) for the bar labels.
        doc_labels: document id -> legend label. Each document takes the colour of its
            column's position among the table's columns (`render.document_colours`).
        title: the axes title.
    """
    category_labels = category_labels or {}
    doc_labels = doc_labels or {}
    fig, ax = _new_axes(ax, (10, 6.2))
    categories = list(table.index)[::-1]
    docs = list(table.columns)
    if len(docs) <= MAX_DOCUMENT_SERIES:
        colours = document_colours(docs)
        height = 0.8 / max(len(docs), 1)
        for k, doc in enumerate(docs):
            ys = [y + (len(docs) - 1 - k - (len(docs) - 1) / 2) * height for y in range(len(categories))]
            values = [int(table.loc[c, doc]) for c in categories]
            ax.barh(ys, values, height=height, color=colours[doc], label=doc_labels.get(doc, doc))
            for y, v in zip(ys, values, strict=True):
                ax.text(v + 0.1, y, str(v), va="center", fontsize=8)
    else:
        totals = [int(table.loc[c].sum()) for c in categories]
        naming = [int((table.loc[c] > 0).sum()) for c in categories]
        ax.barh(range(len(categories)), totals, height=0.7, color=PALETTE[0])
        for y, (v, n) in enumerate(zip(totals, naming, strict=True)):
            ax.text(v + 0.1, y, f"{v}  (in {n} of {len(docs)} documents)", va="center", fontsize=8)
        ax.margins(x=0.2)
    ax.set_yticks(
        range(len(categories)), [_category_label(c, category_labels) for c in categories], fontsize=9
    )
    ax.set_xlabel("instrument items in the coded lists")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_title(title, loc="left")
    if len(docs) <= MAX_DOCUMENT_SERIES:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=9, labelspacing=1.2)
    return fig


def _list_labels(corpus) -> dict[str, tuple[str, str]]:
    return {cl.list_id: (cl.title_ar, cl.title_en) for cl in coded_lists(corpus)}


def categories_figure(corpus, doc_id: str):
    """Figure: one document's coded lists, items by category (its title from `data/lists.yaml`)."""
    title = (list_data().get("figure_titles") or {}).get(doc_id, f"Document {doc_id}")
    return plot_categories_by_list(
        category_counts(corpus, doc_id=doc_id),
        list_labels=_list_labels(corpus),
        category_labels=category_labels(),
        title=f"{title} — items by category",
    )


def instruments_figure(corpus):
    """Figure: the instruments each document names, by category."""
    authors = {rd.id: bilingual(rd.doc.author_ar, f"document {rd.id}: {rd.doc.author_en}") for rd in corpus}
    return plot_instruments_by_document(
        instruments_by_document(corpus),
        category_labels=category_labels(),
        doc_labels=authors,
        title="Instruments against terrorism named by each document",
    )


def documents_with_categories(corpus) -> tuple[str, ...]:
    """The documents of the corpus whose coded lists have items to count by category, in corpus order."""
    counted = {cl.doc_id for cl in coded_lists(corpus) if cl.role not in SUMMARY_EXCLUDED_ROLES and cl.items}
    return tuple(rd.id for rd in corpus if rd.id in counted)


FIGURES = {
    "lists-instruments-by-document": instruments_figure,
}
# Figures made once per document that has something to draw: stem prefix -> (figure of
# (corpus, doc_id), the documents of a corpus it is made for). The file stem is `<prefix>-<doc_id>`.
DOCUMENT_FIGURES = {
    "lists-categories": (categories_figure, documents_with_categories),
}
