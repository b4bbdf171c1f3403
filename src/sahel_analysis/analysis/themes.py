"""The themes on which documents agree or differ, each side with its quote, gloss and whose view it is.

A theme (`themes` in data/lists.yaml) names its documents and, for each, the
coded item that shows where that document stands: a list item
(`[list_id, item_no]`) or a stance or claim (its id). Each side carries the
view of its quote (`analysis.attribution`), so a theme cannot rest an
agreement on a view the author only reports or criticises (`theme_problems`),
and a document the theme lists as `silent` is shown as silent, its quote being
what it says instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from sahel_analysis.analysis.attribution import AUTHOR, attributed_spans, list_item_views, view_phrase
from sahel_analysis.analysis.findings import Evidence
from sahel_analysis.coding.lists import coded_lists, coded_themes
from sahel_analysis.coding.stances import claims, positions

SILENT = "silent"
# Verdicts that say the documents (partly) share a view: no side may then be silent, or a view the
# author reports only to criticise it.
SHARED_VERDICTS = ("agree", "partly")
NOT_SHARED = (SILENT, "reported_criticised")


@dataclass(frozen=True)
class ThemeSide:
    """Where one document stands on a theme: its quote with gloss and view, or silence."""

    doc_id: str
    evidence: Evidence
    silent: bool = False


@dataclass(frozen=True)
class Theme:
    """A theme, the verdict on it, the analyst's note and each document's side."""

    theme_en: str
    verdict: str
    note_en: str
    sides: tuple[ThemeSide, ...]


def coded_evidence(corpus) -> dict[object, Evidence]:
    """Every coded list item (by `(list_id, item_no)`), stance and claim (by id) as evidence with gloss and view."""
    docs = {rd.id: rd for rd in corpus}
    spans = attributed_spans(corpus)
    coded = coded_lists(corpus)
    views = list_item_views(coded, spans)
    out: dict[object, Evidence] = {
        (cl.list_id, i.item_no): Evidence(
            i.doc_id,
            i.start,
            i.end,
            i.text,
            docs[i.doc_id].paragraph_index(i.start),
            i.gloss_en,
            views[i.item_id],
        )
        for cl in coded
        for i in cl.items
    }
    for item in (*positions(corpus), *claims(corpus)):
        out[item.id] = Evidence(
            item.doc_id, item.start, item.end, item.quote_ar, item.paragraph, item.summary_en, item.view
        )
    return out


def themes(corpus) -> list[Theme]:
    """The coded themes whose documents are all in the corpus, each side evidenced (adding a document changes none)."""
    found = coded_evidence(corpus)
    out = []
    for theme in coded_themes():
        keys = {str(d): tuple(v) if isinstance(v, list) else v for d, v in theme["evidence"].items()}
        if not all(k in found for k in keys.values()):
            continue
        silent = {str(d) for d in theme.get(SILENT, ())}
        sides = tuple(ThemeSide(d, found[k], d in silent) for d, k in sorted(keys.items()))
        out.append(Theme(theme["theme_en"], theme["verdict"], theme["note_en"], sides))
    return out


def side_view(side: ThemeSide) -> str:
    """`silent`, or the view of the side's quote (the author's where nobody coded one)."""
    return SILENT if side.silent else (side.evidence.view or AUTHOR)


def theme_problems(found: Sequence[Theme]) -> list[str]:
    """Themes whose verdict the sides do not bear: a shared view resting on silence or on a view the author criticises; a silence unmarked."""
    problems = []
    for t in found:
        for side in t.sides:
            view = side_view(side)
            if t.verdict in SHARED_VERDICTS and view in NOT_SHARED:
                problems.append(
                    f"theme {t.theme_en!r}: verdict {t.verdict} rests on document {side.doc_id}'s "
                    f"«{side.evidence.quote_ar}», which is {view_phrase(view) if view != SILENT else SILENT}"
                )
        if (t.verdict == SILENT) != any(s.silent for s in t.sides):
            problems.append(
                f"theme {t.theme_en!r}: verdict {t.verdict} but silent sides {[s.doc_id for s in t.sides if s.silent]}"
            )
    return problems


def theme_frame(corpus):
    """The themes as a table: verdict, note, and per document its gloss, quote, paragraph and view."""
    rows = []
    for t in themes(corpus):
        row = {"theme": t.theme_en, "verdict": t.verdict, "note_en": t.note_en}
        for side in t.sides:
            row[f"{side.doc_id}_view"] = side_view(side)
            row[f"{side.doc_id}_gloss_en"] = side.evidence.gloss_en
            row[f"{side.doc_id}_quote_ar"] = side.evidence.quote_ar
            row[f"{side.doc_id}_paragraph"] = side.evidence.paragraph
        rows.append(row)
    return pd.DataFrame(rows).set_index("theme")
