"""The coded events: every dated event a document reports, read from its coding file and located in its text.

The events live in `coding/<doc_id>.yaml` (read by `coding.store`); the event
types and timeline lanes, which hold for any document, stay in `data/events.yaml`.

Each event carries `doc_id`, `start`, `end` and `text[start:end] == quote_ar`;
an event whose quote is not in the repaired text is left out (and listed by
`coding.stances.unlocated_items`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from sahel_analysis.coding.locate import locate_quote
from sahel_analysis.coding.store import coded_items
from sahel_analysis.coding.vocabulary import PRECISIONS as PRECISIONS
from sahel_analysis.extract.dates import iso_interval, iso_precision
from sahel_analysis.package_data import load_yaml


@dataclass(frozen=True)
class Event:
    """A dated event a document reports, located in its repaired text."""

    id: str
    doc_id: str
    start: int
    end: int
    quote_ar: str
    paragraph: int
    event_type: str
    date_start: str
    date_end: str
    precision: str
    actor_ids: tuple[str, ...]
    summary_en: str
    label_en: str
    analyst_note: str = ""
    date_note: str = ""
    coding_note: str = ""
    status: str = "reviewed"
    coded_by: str = "analyst"


@dataclass(frozen=True)
class Unlocated:
    """A coded item whose quote is not (or no longer) in the repaired text."""

    id: str
    doc_id: str
    quote_ar: str


# ----------------------------------------------------------------------------- data


def coded_events(*, include_automatic: bool = False) -> list[dict]:
    """The events of the project's codings, as coded (before they are located in a text).

    Reviewed events only, unless `include_automatic` adds the drafts of added documents.
    """
    return coded_items("events", include_automatic=include_automatic)


def event_types() -> dict[str, str]:
    """The event types and what each covers."""
    return dict(load_yaml("events.yaml")["event_types"])


def lanes() -> list[dict]:
    """The timeline lanes in display order: id, name_ar, name_en, actors."""
    return [dict(lane) for lane in load_yaml("events.yaml")["lanes"]]


def lane_of(actor_id: str) -> str:
    """The timeline lane an actor belongs to (`other` when it has none).

    >>> lane_of("choguel_maiga"), lane_of("jnim"), lane_of("nobody")
    ('mali', 'al_qaeda_sphere', 'other')
    """
    for lane in lanes():
        if actor_id in lane["actors"]:
            return lane["id"]
    return "other"


# ----------------------------------------------------------------------------- locating


def texts_by_id(corpus) -> dict[str, object]:
    """The corpus's repaired documents by id."""
    return {rd.id: rd for rd in corpus}


def locate_item(item: Mapping, docs: Mapping[str, object]) -> tuple[int, int, int] | None:
    """Start, end and paragraph of a coded item's quote (its first occurrence) in its document, or None if absent."""
    rd = docs.get(item["doc_id"])
    if rd is None:
        return None
    try:
        start = locate_quote(rd.text, item["quote_ar"], item.get("id", ""), unique=False)
    except ValueError:
        return None
    return start, start + len(item["quote_ar"]), rd.paragraph_index(start)


def located_items(items: Iterable[Mapping], docs: Mapping[str, object]) -> Iterator[tuple[Mapping, dict]]:
    """Each coded item whose quote is in its document, with the fields every located record shares.

    Events, stances and claims are all found this way; an item whose quote is
    missing is skipped here and reported by `unlocated_items`.
    """
    for item in items:
        where = locate_item(item, docs)
        if where is not None:
            start, end, paragraph = where
            shared = {"id": item["id"], "doc_id": item["doc_id"], "start": start, "end": end}
            yield item, {**shared, "quote_ar": item["quote_ar"], "paragraph": paragraph}


def events(corpus, *, include_automatic: bool = False) -> list[Event]:
    """Every coded event whose quote is in the repaired text, in chronological order.

    Analyses read the reviewed events; the export adds the automatic drafts
    (`include_automatic`). Items whose quote cannot be found are left out;
    `unlocated_items` lists them.
    """
    docs = texts_by_id(corpus)
    out = []
    for e, located in located_items(coded_events(include_automatic=include_automatic), docs):
        out.append(
            Event(
                **located,
                date_start=str(e["date_start"]),
                date_end=str(e["date_end"]),
                precision=e["precision"],
                event_type=e.get("event_type", ""),
                actor_ids=tuple(e.get("actor_ids") or ()),
                summary_en=e.get("summary_en", ""),
                label_en=e.get("label_en", ""),
                analyst_note=e.get("analyst_note", ""),
                date_note=e.get("date_note", ""),
                coding_note=e.get("coding_note", ""),
                status=e["status"],
                coded_by=e["coded_by"],
            )
        )
    return sorted(out, key=lambda ev: (iso_interval(ev.date_start)[0], ev.doc_id, ev.id))


# ----------------------------------------------------------------------------- checks


def validate_iso(date_start: str, date_end: str, precision: str) -> list[str]:
    """Problems with a record's dates: ISO form, order, and agreement with its precision.

    >>> validate_iso("2020-08", "2020-08", "month")
    []
    >>> validate_iso("2020", "2020-08", "year")
    ['year precision but the dates differ', 'year precision but a date is written at month precision']
    """
    problems = []
    try:
        p_start = iso_precision(date_start)
        p_end = iso_precision(date_end) if date_end else None
    except ValueError as exc:
        return [str(exc)]
    if precision not in PRECISIONS:
        problems.append(f"unknown precision {precision!r}")
    elif precision == "period":
        if date_end and iso_interval(date_start)[0] > iso_interval(date_end)[0]:
            problems.append("period ends before it starts")
    else:
        if date_end != date_start:
            problems.append(f"{precision} precision but the dates differ")
        written = {p_start, p_end or p_start} - {precision}
        if written:
            problems.append(
                f"{precision} precision but a date is written at {', '.join(sorted(written))} precision"
            )
    return problems
