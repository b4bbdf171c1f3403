"""The coded events and stances as tables, export rows, checks against the date extractor, and findings.

The records come from `coding.events` and `coding.stances` (every quote located
in the repaired text); the stance matrix and the shifts around each turning
point are in `analysis.periods`. Here: CSV rows, the notebook's tables, the
agreement of each event's date with what the date extractor finds near its
quote, the dated sentences the coding has not covered yet, and the findings.
"""

from __future__ import annotations

import operator
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from sahel_analysis.analysis.findings import Evidence, Finding, findings_rows
from sahel_analysis.analysis.periods import PEACE_PROCESS_SUFFIX, matrix_row, shift_summary, start_day
from sahel_analysis.coding.events import Event, coded_events, events, lane_of, texts_by_id
from sahel_analysis.coding.stances import (
    STANCES,
    Position,
    actor_labels,
    aims,
    coded_positions,
    peace_process_targets,
    positions,
    unlocated_items,
)
from sahel_analysis.extract.dates import DateMention, extract_dates

# Characters either side of a quote within which the date extractor must find the event's date.
DATE_CONTEXT_CHARS = 120


@dataclass(frozen=True)
class DatedSentence:
    """A sentence that holds a date but no coded event."""

    doc_id: str
    start: int
    end: int
    text: str
    paragraph: int
    dates: tuple[DateMention, ...]


# ----------------------------------------------------------------------------- export rows


def event_rows(corpus) -> list[dict[str, object]]:
    """One row per event for events.csv (CONTRACT columns first, then extras)."""
    return [
        {
            "doc_id": e.doc_id,
            "date_start": e.date_start,
            "date_end": e.date_end,
            "precision": e.precision,
            "actor_ids": "|".join(e.actor_ids),
            "summary_en": e.summary_en,
            "quote_ar": e.quote_ar,
            "event_id": e.id,
            "event_type": e.event_type,
            "start": e.start,
            "end": e.end,
            "paragraph": e.paragraph,
            "analyst_note": e.analyst_note,
            "date_note": e.date_note,
            "coding_note": e.coding_note,
        }
        for e in events(corpus)
    ]


def position_rows(corpus) -> list[dict[str, object]]:
    """One row per stance for positions.csv (CONTRACT columns first, then extras)."""
    return [
        {
            "doc_id": p.doc_id,
            "actor_id": p.actor_id,
            "stance": p.stance,
            "date_start": p.date_start,
            "summary_en": p.summary_en,
            "quote_ar": p.quote_ar,
            "position_id": p.id,
            "target": p.target,
            "conditions": p.conditions,
            "attributed_by": p.attributed_by,
            "start": p.start,
            "end": p.end,
            "paragraph": p.paragraph,
            "analyst_note": p.analyst_note,
            "coding_note": p.coding_note,
        }
        for p in positions(corpus)
    ]


# ----------------------------------------------------------------------------- checks


def dates_near(rd, start: int, end: int, margin: int = DATE_CONTEXT_CHARS) -> list[DateMention]:
    """The dates the extractor finds in the sentences around text[start:end], and within `margin`."""
    lo, hi = max(0, start - margin), min(len(rd.text), end + margin)
    for span in rd.sentences():
        if span.start <= start < span.end:
            lo = min(lo, span.start)
        if span.start < end <= span.end:
            hi = max(hi, span.end)
    return [m for m in extract_dates(rd.text, doc_id=rd.id) if m.start < hi and m.end > lo]


def date_agreement(corpus) -> list[dict[str, object]]:
    """For each event: does the extractor find its date in or near its quote, and if not, why.

    An event agrees when a mention near its quote has the event's `date_start`
    as its start or end. Otherwise the event must carry a `date_note`.
    """
    docs = texts_by_id(corpus)
    rows = []
    for e in events(corpus):
        found = dates_near(docs[e.doc_id], e.start, e.end)
        agrees = any(e.date_start in (m.date_start, m.date_end) for m in found)
        rows.append(
            {
                "event_id": e.id,
                "date_start": e.date_start,
                "found": " | ".join(f"{m.surface} → {m.date_start}" for m in found),
                "agrees": agrees,
                "date_note": e.date_note,
            }
        )
    return rows


def uncoded_dated_sentences(corpus) -> list[DatedSentence]:
    """Sentences where the date extractor finds a date but no coded event's quote lies.

    These are the candidates for review: either an event to code, or a date
    that is not an event (a biography, a background fact).
    """
    coded = defaultdict(list)
    for e in events(corpus):
        coded[e.doc_id].append((e.start, e.end))
    out = []
    for rd in corpus:
        mentions = extract_dates(rd.text, doc_id=rd.id)
        for span in rd.sentences():
            inside = tuple(m for m in mentions if span.start <= m.start < span.end)
            if not inside:
                continue
            if any(s < span.end and e > span.start for s, e in coded[rd.id]):
                continue
            out.append(
                DatedSentence(rd.id, span.start, span.end, span.text, rd.paragraph_index(span.start), inside)
            )
    return out


def analyst_notes(corpus):
    """Every event and stance that carries an analyst's note on a doubtful date or claim (a DataFrame)."""
    rows = [
        {
            "item": e.id,
            "doc_id": e.doc_id,
            "paragraph": e.paragraph,
            "text_date": e.date_start,
            "note": e.analyst_note,
            "quote_ar": e.quote_ar,
        }
        for e in events(corpus)
        if e.analyst_note
    ]
    rows += [
        {
            "item": p.id,
            "doc_id": p.doc_id,
            "paragraph": p.paragraph,
            "text_date": p.date_start,
            "note": p.analyst_note,
            "quote_ar": p.quote_ar,
        }
        for p in positions(corpus)
        if p.analyst_note
    ]
    return pd.DataFrame(rows)


# ----------------------------------------------------------------------------- findings


def _tally(pos: Iterable[Position]) -> str:
    """Stances as 'n supports, n opposes' in STANCES order, zero counts left out."""
    counts = Counter(p.stance for p in pos)
    return ", ".join(f"{counts[s]} {s}" for s in STANCES if counts[s]) or "none"


def findings(corpus) -> list[Finding]:
    """What the coding says, each statement computed from the records and backed by one coded quote."""
    evts, pos = events(corpus), positions(corpus)
    separatist_targets = peace_process_targets()
    groups = {a: v.get("group") for a, v in actor_labels().items()}
    by_group = defaultdict(list)
    for p in pos:
        by_group[groups.get(p.actor_id)].append(p)
    state_dated = [p for p in by_group["sahel_states"] if p.date_start and p.target not in separatist_targets]
    summary = shift_summary(pos, evts)
    jnim = [p for p in pos if p.actor_id == "jnim"]
    jnim_conditions = sorted({p.conditions for p in jnim if p.conditions})
    islamic_state = [p for p in pos if lane_of(p.actor_id) == "islamic_state_sphere"]
    separatist = [p for p in pos if matrix_row(p).endswith(PEACE_PROCESS_SUFFIX)]
    notes = analyst_notes(corpus)
    type_counts = Counter(e.event_type for e in evts).most_common(3)

    def earliest(items):
        return min(
            items, key=lambda x: (x.date_start == "", start_day(x.date_start) if x.date_start else None, x.id)
        )

    def quoted(items, stance=None):
        chosen = [p for p in items if stance is None or p.stance == stance] or list(items)
        return sorted(chosen, key=lambda p: (p.doc_id, p.start))[0] if chosen else None

    rows = [
        (
            f"{len(pos)} stances on negotiation are coded in the two texts: {_tally(pos)}.",
            quoted(pos, "supports"),
        ),
        (
            f"Sahel states and their leaders hold {len(by_group['sahel_states'])} stances ({_tally(by_group['sahel_states'])}); "
            f"of the {len(state_dated)} dated ones on the jihadist groups, {_tally(state_dated)}.",
            earliest(state_dated) if state_dated else None,
        ),
        (
            "Around the coups and changes of government: "
            + "; ".join(
                f"{t} - {v}" for t, v in zip(summary["turning_point"], summary["verdict"], strict=True)
            )
            + ".",
            next((p for p in pos if p.actor_id == "mali_transitional_authorities" and p.date_start), None),
        ),
        (
            f"JNIM holds {len(jnim)} stances ({_tally(jnim)}); conditions stated: {' / '.join(jnim_conditions) or 'none'}",
            quoted(jnim, "conditional"),
        ),
        (f"The Islamic State and its branches: {_tally(islamic_state)}.", quoted(islamic_state, "opposes")),
        (
            f"Foreign states: {_tally(by_group['foreign_states'])}.",
            quoted(by_group["foreign_states"], "opposes"),
        ),
        (
            f"Civil society and religious groups: {_tally(by_group['civil_society'])}.",
            quoted(by_group["civil_society"], "opposes"),
        ),
        (
            f"On the peace process with the former separatist movements (doc 002): {_tally(separatist)}.",
            quoted(separatist, "conditional"),
        ),
        (
            f"{len(notes)} analyst's notes flag a doubtful date or claim in the sources.",
            next((e for e in evts if e.analyst_note and e.event_type == "coup"), None),
        ),
        (
            f"{len(evts)} dated events, from {min((e.date_start for e in evts), key=start_day)} to "
            f"{max((e.date_start for e in evts), key=start_day)}; most common types: "
            + ", ".join(f"{t} ({n})" for t, n in type_counts)
            + ".",
            earliest(evts) if evts else None,
        ),
    ]
    return [_finding(statement, item) for statement, item in rows if item is not None]


def _finding(statement: str, item: Event | Position) -> Finding:
    """A coding finding quoting one event or stance (a stance is a view the author reports)."""
    evidence = Evidence(item.doc_id, item.start, item.end, item.quote_ar, item.paragraph)
    view = "reported" if isinstance(item, Position) else "author"
    return Finding(statement, (evidence,), "coding", item.id, view)


def findings_table(found: Sequence[Finding]):
    """Findings as the notebook shows them: finding, quote_ar and its English gloss, doc_id, paragraph, item."""
    glosses = {i["id"]: i["summary_en"] for i in (*coded_events(), *coded_positions())}
    rows = [
        {
            "finding": r["finding"],
            "quote_ar": r["quote_ar"],
            "quote_gloss_en": glosses.get(r["subject"], ""),
            "doc_id": r["doc_id"],
            "paragraph": r["paragraph"],
            "item": r["subject"],
        }
        for r in findings_rows(found)
    ]
    return pd.DataFrame(rows)


# ----------------------------------------------------------------------------- tables for the notebook


def date_table(corpus):
    """Every date the extractor finds in the corpus, with its paragraph (a DataFrame)."""
    rows = [
        {
            "doc_id": rd.id,
            "paragraph": rd.paragraph_index(m.start),
            "surface": m.surface,
            "date_start": m.date_start,
            "date_end": m.date_end,
            "precision": m.precision,
            "inferred_year": m.inferred_year,
        }
        for rd in corpus
        for m in extract_dates(rd.text, doc_id=rd.id)
    ]
    return pd.DataFrame(rows)


def _frame(items, columns):
    """A DataFrame with one row per item: each column is an attribute name, or (name, function of the item)."""
    named = [(c, operator.attrgetter(c)) if isinstance(c, str) else c for c in columns]
    return pd.DataFrame([{name: get(x) for name, get in named} for x in items], columns=[n for n, _ in named])


def events_table(corpus):
    """The located events in chronological order, one row each (a DataFrame)."""
    return _frame(
        events(corpus),
        [
            "id",
            "date_start",
            "date_end",
            "precision",
            "event_type",
            ("lane", lambda e: lane_of(e.actor_ids[0])),
            ("actor_ids", lambda e: "|".join(e.actor_ids)),
            "label_en",
            "doc_id",
            "paragraph",
        ],
    )


def positions_table(corpus):
    """The located stances, one row each, with target, date and conditions (a DataFrame)."""
    return _frame(
        positions(corpus),
        [
            "id",
            "actor_id",
            "stance",
            "target",
            "date_start",
            "conditions",
            "summary_en",
            "quote_ar",
            "doc_id",
            "paragraph",
        ],
    )


def aims_table(corpus):
    """What the texts say the armed groups seek, with quotes (a DataFrame)."""
    return _frame(aims(corpus), ["actor_id", "kind", "aim_en", "quote_ar", "doc_id", "paragraph"])


def uncoded_table(corpus):
    """The dated sentences no coded event covers, for review (a DataFrame; empty when all are coded)."""
    return _frame(
        uncoded_dated_sentences(corpus),
        [
            "doc_id",
            "paragraph",
            ("dates", lambda s: " | ".join(m.surface for m in s.dates)),
            ("sentence", operator.attrgetter("text")),
        ],
    )


def review_counts(corpus):
    """Counts for the coding review: events, stances, aims, dates found, agreement and uncoded sentences."""
    agreement = date_agreement(corpus)
    return pd.DataFrame(
        [
            ("dated events coded", len(events(corpus))),
            ("stances coded", len(positions(corpus))),
            ("aims coded", len(aims(corpus))),
            ("dates found by the extractor", len(date_table(corpus))),
            ("events whose date the extractor finds near the quote", sum(r["agrees"] for r in agreement)),
            ("events dated otherwise, with a date note", sum(not r["agrees"] for r in agreement)),
            ("dated sentences not yet coded (for review)", len(uncoded_dated_sentences(corpus))),
            ("coded items whose quote is missing from the repaired text", len(unlocated_items(corpus))),
        ],
        columns=["what", "count"],
    )
