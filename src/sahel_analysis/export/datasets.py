"""The CONTRACT datasets declared: each file, its fields with types and descriptions, and its row builder.

Each dataset is declared once here: its file, its fields with types and
descriptions, and the library function that builds its rows. Analyses own the
rows; this module owns the shape. Every coded dataset says who coded each row
(`coded_by`: `analyst` for reviewed codings, `automatic` for the drafts of added
documents), and the automatic layer of every document (its dates and candidate
actors) is exported beside the codings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from sahel_analysis.analysis import actors, lists, positions, tables
from sahel_analysis.coding.store import coded_items
from sahel_analysis.extract.dates import document_dates
from sahel_analysis.extract.discovery import unaccounted_candidates
from sahel_analysis.extract.gazetteer import load_gazetteer


@dataclass(frozen=True)
class Field:
    """One column: its name, Frictionless type and what it holds."""

    name: str
    type: str
    description: str


@dataclass(frozen=True)
class Dataset:
    """One exported table and the function that builds its rows from the repaired corpus."""

    name: str
    description: str
    fields: tuple[Field, ...]
    builder: Callable[[object], Iterable[Mapping[str, object]]]

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    def rows(self, corpus) -> list[Mapping[str, object]]:
        return list(self.builder(corpus))


# ----------------------------------------------------------------------------- row builders


def event_rows(corpus) -> list[dict[str, object]]:
    """Every located event, reviewed and automatic, each saying who coded it."""
    return positions.event_rows(corpus, include_automatic=True)


def position_rows(corpus) -> list[dict[str, object]]:
    """Every located stance, reviewed and automatic, each saying who coded it."""
    return positions.position_rows(corpus, include_automatic=True)


def list_item_rows(corpus) -> list[dict[str, object]]:
    """Every item of every coded list, reviewed and draft, each saying who coded it."""
    return lists.list_item_rows(corpus, include_automatic=True)


def relation_rows(corpus) -> list[dict[str, object]]:
    """The gazetteer's relations (an analyst's), then those each document's coding states.

    A coded relation whose quote is not in its document's text is still
    exported, with empty offsets, as the gazetteer's are.
    """
    gaz = load_gazetteer()
    rows = [{**row, "coded_by": "analyst"} for row in actors.relation_rows(corpus, gaz)]
    docs = {rd.id: rd for rd in corpus}
    names = {a.id: a.label_en for a in gaz.actors}
    for r in coded_items("relations", include_automatic=True):
        rd = docs.get(r["doc_id"])
        if rd is None:
            continue
        at = rd.text.find(r["quote_ar"])
        rows.append(
            {"source_id": r["source_id"], "relation": r["relation"], "target_id": r["target_id"],
             "doc_id": r["doc_id"], "quote_ar": r["quote_ar"], "source_en": names.get(r["source_id"], ""),
             "target_en": names.get(r["target_id"], ""), "start": at if at >= 0 else "",
             "end": at + len(r["quote_ar"]) if at >= 0 else "", "paragraph": rd.paragraph_index(at) if at >= 0 else "",
             "note": r.get("note", ""), "coded_by": r["coded_by"]}
        )  # fmt: skip
    return rows


def date_rows(corpus) -> list[dict[str, object]]:
    """Every date the extractor finds in every document: its ISO bounds, precision and where it stands."""
    return [
        {"doc_id": rd.id, "date_start": d.date_start, "date_end": d.date_end, "precision": d.precision,
         "inferred": d.inferred_year, "quote_ar": d.surface, "start": d.start, "end": d.end,
         "paragraph": rd.paragraph_index(d.start)}
        for rd in corpus
        for d in document_dates(rd)
    ]  # fmt: skip


def candidate_rows(corpus) -> list[dict[str, object]]:
    """Every candidate actor the gazetteer lacks, in every document; `score` is how often the document names it."""
    rows = []
    for rd in corpus:
        found = unaccounted_candidates(rd)
        times = Counter(c.surface for c in found)
        rows += [
            {"doc_id": rd.id, "surface": c.surface, "start": c.start, "end": c.end, "pattern": c.pattern,
             "score": times[c.surface], "cue": c.cue, "paragraph": rd.paragraph_index(c.start)}
            for c in found
        ]  # fmt: skip
    return rows


# ----------------------------------------------------------------------------- declarations

S, INT, BOOL = "string", "integer", "boolean"
CODED_BY = Field("coded_by", S, "analyst (a reviewed coding) or automatic (a draft not yet reviewed)")
DATASETS: tuple[Dataset, ...] = (
    Dataset(
        "documents",
        "The catalogued documents, one row each.",
        (
            Field("doc_id", S, "document id from seeds/catalog.yaml"),
            Field("file", S, "file name in seeds/"),
            Field("title_ar", S, "title in Arabic"),
            Field("title_en", S, "title in English"),
            Field("author", S, "author in English"),
            Field("author_ar", S, "author in Arabic"),
            Field("source_form", S, "visual (PDF extraction in visual order) or logical"),
            Field("n_words", INT, "words in the repaired text"),
            Field("n_paragraphs", INT, "paragraphs in the repaired text"),
            Field("sha256", S, "SHA-256 of the raw file"),
            Field("date", S, "publication date: YYYY[-MM[-DD]], or the catalog's note for a seed"),
            Field("source", S, "publisher or outlet, as given to add --source"),
            Field("url", S, "where the document was published (http or https)"),
        ),
        tables.document_rows,
    ),
    Dataset(
        "actors",
        "The actor gazetteer: every actor named in the corpus.",
        (
            Field("actor_id", S, "stable id"),
            Field("name_en", S, "English name"),
            Field("name_ar", S, "Arabic name, logical order"),
            Field("name_fr", S, "French name where customary in the Sahel"),
            Field("acronym", S, "acronym"),
            Field("actor_type", S, "type, from the CONTRACT vocabulary"),
            Field("country", S, "country the actor belongs to or acts in"),
        ),
        actors.actor_rows,
    ),
    Dataset(
        "aliases",
        "Every Arabic surface form of each actor.",
        (Field("actor_id", S, "actor"), Field("alias_ar", S, "Arabic surface form, logical order")),
        actors.alias_rows,
    ),
    Dataset(
        "mentions",
        "Each mention of an actor in the repaired texts.",
        (
            Field("doc_id", S, "document"),
            Field("actor_id", S, "actor mentioned"),
            Field("start", INT, "start offset in the repaired text"),
            Field("end", INT, "end offset (exclusive); text[start:end] == surface"),
            Field("surface", S, "the text as it appears"),
            Field("paragraph", INT, "paragraph index in the repaired text"),
            Field("sentence", INT, "sentence index in the repaired text"),
        ),
        actors.mention_rows,
    ),
    Dataset(
        "relations",
        "Relations between actors, each evidenced by a verbatim quote.",
        (
            Field("source_id", S, "actor"),
            Field(
                "relation",
                S,
                "member_of, part_of, split_from, founded_by, led_by, affiliated_with, allied_with, rival_of",
            ),
            Field("target_id", S, "actor"),
            Field("doc_id", S, "document the quote comes from"),
            Field("quote_ar", S, "verbatim substring of the repaired text"),
            CODED_BY,
        ),
        relation_rows,
    ),
    Dataset(
        "events",
        "Dated events, each with a verbatim quote.",
        (
            Field("doc_id", S, "document"),
            Field("date_start", S, "ISO 8601 at the known precision"),
            Field("date_end", S, "ISO 8601 at the known precision"),
            Field("precision", S, "day, month, year or period"),
            Field("actor_ids", S, "|-separated actor ids"),
            Field("summary_en", S, "English summary"),
            Field("quote_ar", S, "verbatim substring of the repaired text"),
            CODED_BY,
        ),
        event_rows,
    ),
    Dataset(
        "positions",
        "Stances on negotiation attributed to actors.",
        (
            Field("doc_id", S, "document"),
            Field("actor_id", S, "actor holding the stance"),
            Field("stance", S, "supports, opposes, conditional or ambivalent"),
            Field("date_start", S, "ISO 8601 when given"),
            Field("summary_en", S, "English gloss"),
            Field("quote_ar", S, "verbatim substring of the repaired text"),
            CODED_BY,
        ),
        position_rows,
    ),
    Dataset(
        "list_items",
        "Items of the documents' enumerations, coded.",
        (
            Field("doc_id", S, "document"),
            Field("list_id", S, "list"),
            Field("item_no", INT, "1..n within the list"),
            Field("text_ar", S, "verbatim item text"),
            Field("gloss_en", S, "English gloss"),
            Field(
                "category",
                S,
                "political, military_security, religious_ideological, international, organisational, socio_economic, legal_judicial",
            ),
            CODED_BY,
        ),
        list_item_rows,
    ),
    Dataset(
        "dates",
        "Every date the extractor finds in every document (the automatic layer), with where it stands.",
        (
            Field("doc_id", S, "document"),
            Field("date_start", S, "ISO 8601 at the known precision"),
            Field("date_end", S, "ISO 8601 at the known precision; empty for an open end"),
            Field("precision", S, "day, month, year or period"),
            Field("inferred", BOOL, "true when the year was read from an earlier mention, not written here"),
            Field("quote_ar", S, "the date as written; text[start:end] == quote_ar"),
            Field("start", INT, "start offset in the repaired text"),
            Field("end", INT, "end offset (exclusive)"),
        ),
        date_rows,
    ),
    Dataset(
        "candidates",
        "Candidate actors the gazetteer lacks, found in every document (the automatic layer).",
        (
            Field("doc_id", S, "document"),
            Field("surface", S, "the text as it appears; text[start:end] == surface"),
            Field("start", INT, "start offset in the repaired text"),
            Field("end", INT, "end offset (exclusive)"),
            Field("pattern", S, "how it was found: cue, title, acronym or quoted"),
            Field("score", INT, "times the document names it as a candidate"),
        ),
        candidate_rows,
    ),
)
