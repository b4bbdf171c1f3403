"""The CONTRACT datasets declared: each file, its fields with types and descriptions, and its row builder.

Each dataset is declared once here: its file, its fields with types and
descriptions, and the library function that builds its rows. Analyses own the
rows; this module owns the shape.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from sahel_analysis.analysis import actors, lists, positions, tables


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


S, INT = "string", "integer"
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
        ),
        actors.relation_rows,
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
        ),
        positions.event_rows,
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
        ),
        positions.position_rows,
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
        ),
        lists.list_item_rows,
    ),
)
