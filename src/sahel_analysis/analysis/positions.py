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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from sahel_analysis.analysis.finding_templates import FINDINGS_FILE, Count, finding_entries, render
from sahel_analysis.analysis.findings import Evidence, Finding, findings_rows
from sahel_analysis.analysis.periods import PEACE_PROCESS_SUFFIX, matrix_row, shift_summary, start_day
from sahel_analysis.coding.events import Event, coded_events, events, lane_of, texts_by_id
from sahel_analysis.coding.stances import (
    STANCES,
    Position,
    actor_groups,
    actor_labels,
    aims,
    claims,
    coded_positions,
    peace_process_targets,
    positions,
    unlocated_items,
)
from sahel_analysis.errors import SahelError
from sahel_analysis.extract.dates import DateMention, extract_dates
from sahel_analysis.extract.places import place_of_span
from sahel_analysis.extract.places_acled import acled_location

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


def event_rows(corpus, *, include_automatic: bool = False) -> list[dict[str, object]]:
    """One row per event for events.csv (CONTRACT columns first, then extras); drafts too if `include_automatic`.

    The ACLED-style location columns come from the most precise place the quote, else its sentence, names.
    """
    corpus = list(corpus)
    docs = {rd.id: rd for rd in corpus}
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
            "coded_by": e.coded_by,
            **acled_location(place_of_span(docs[e.doc_id], e.start, e.end)),
        }
        for e in events(corpus, include_automatic=include_automatic)
    ]


def position_rows(corpus, *, include_automatic: bool = False) -> list[dict[str, object]]:
    """One row per stance for positions.csv (CONTRACT columns first, then extras); drafts too if `include_automatic`."""
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
            "view": p.view,
            "start": p.start,
            "end": p.end,
            "paragraph": p.paragraph,
            "analyst_note": p.analyst_note,
            "coding_note": p.coding_note,
            "coded_by": p.coded_by,
        }
        for p in positions(corpus, include_automatic=include_automatic)
    ]


def aim_rows(corpus) -> list[dict[str, object]]:
    """One row per coded aim for aims.csv: what a document says an armed group seeks, and whose view it is."""
    return [
        {
            "doc_id": a.doc_id,
            "aim_id": a.id,
            "actor_id": a.actor_id,
            "kind": a.kind,
            "view": a.view,
            "aim_en": a.aim_en,
            "quote_ar": a.quote_ar,
            "start": a.start,
            "end": a.end,
            "paragraph": a.paragraph,
            "analyst_note": a.analyst_note,
            "coded_by": "analyst",
        }
        for a in aims(corpus)
    ]


def claim_rows(corpus, *, include_automatic: bool = False) -> list[dict[str, object]]:
    """One row per claim for claims.csv: the author's framing, assessments and recommendations, with whose view."""
    return [
        {
            "doc_id": c.doc_id,
            "claim_id": c.id,
            "view": c.view,
            "kind": c.kind,
            "summary_en": c.summary_en,
            "quote_ar": c.quote_ar,
            "start": c.start,
            "end": c.end,
            "paragraph": c.paragraph,
            "analyst_note": c.analyst_note,
            "coding_note": c.coding_note,
            "coded_by": c.coded_by,
        }
        for c in claims(corpus, include_automatic=include_automatic)
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


def selected_positions(pos: Sequence[Position], select: Mapping[str, object]) -> list[Position]:
    """The stances an entry's `select` names: an actor, a display group, a timeline lane or the peace process."""
    groups = {a: v.get("group") for a, v in actor_labels().items()}
    tests = {
        "actor": lambda p, v: p.actor_id == v,
        "group": lambda p, v: groups.get(p.actor_id) == v,
        "lane": lambda p, v: lane_of(p.actor_id) == v,
        "peace_process": lambda p, v: matrix_row(p).endswith(PEACE_PROCESS_SUFFIX) == bool(v),
    }
    return [p for p in pos if all(tests[k](p, v) for k, v in select.items())]


def is_dated_on_the_groups(p: Position) -> bool:
    """A stance with a date, on negotiating with the jihadist groups (not on the separatist peace process)."""
    return bool(p.date_start) and p.target not in peace_process_targets()


def _earliest(items):
    return min(
        items, key=lambda x: (x.date_start == "", start_day(x.date_start) if x.date_start else None, x.id)
    )


def quoted_item(items: Sequence[Event | Position], quote: Mapping[str, object]) -> Event | Position | None:
    """The item an entry quotes (`quote` in data/findings.yaml), or None when there is none."""
    spec = dict(quote)
    prefer, pick, dated = spec.pop("prefer", None), spec.pop("pick", "first"), spec.pop("dated", False)
    chosen = [x for x in items if all(getattr(x, k) == v for k, v in spec.items())]
    if dated:
        chosen = [x for x in chosen if is_dated_on_the_groups(x)]
    if prefer is not None:
        chosen = [x for x in chosen if x.stance == prefer] or chosen
    if not chosen:
        return None
    if pick == "earliest":
        return _earliest(chosen)
    return sorted(chosen, key=lambda x: (x.doc_id, x.start))[0]


def stance_values(pos: Sequence[Position], select: Mapping[str, object]) -> dict[str, object]:
    """The fields of a `stances` entry, computed from the stances it selects."""
    labels = {**{g["id"]: g for g in actor_groups()}, **actor_labels()}
    named = select.get("actor") or select.get("group") or ""
    dated = [p for p in pos if is_dated_on_the_groups(p)]
    docs = sorted({p.doc_id for p in pos})
    return {
        "n": Count(len(pos)),
        "tally": _tally(pos),
        "n_dated": Count(len(dated)),
        "dated_tally": _tally(dated),
        "conditions": " / ".join(sorted({p.conditions for p in pos if p.conditions})) or "none",
        "name_en": labels.get(named, {}).get("name_en", ""),
        "n_documents": Count(len(docs)),
        "doc_ids": ", ".join(docs),
    }


def findings(corpus, entries: Sequence[Mapping] | None = None) -> list[Finding]:
    """What the coding says: each entry of data/findings.yaml (`positions`) computed and backed by one coded quote.

    `entries` replaces the data's entries (for a test or a new wording).
    """
    evts, pos = events(corpus), positions(corpus)
    out = []
    for entry in finding_entries("positions") if entries is None else entries:
        where = f"positions/{entry.get('id', '?')}"
        kind, quote = entry.get("kind"), entry.get("quote", {})
        if kind in ("stances", "turning_points"):
            chosen = selected_positions(pos, entry.get("select", {}))
            item, values = quoted_item(chosen, quote), stance_values(chosen, entry.get("select", {}))
            if kind == "turning_points" and item is not None:
                summary = shift_summary(pos, evts)
                values["shifts"] = "; ".join(
                    f"{t} - {v}" for t, v in zip(summary["turning_point"], summary["verdict"], strict=True)
                )
        elif kind == "analyst_notes":
            item = quoted_item([e for e in evts if e.analyst_note], quote)
            values = {"n": Count(len(analyst_notes(corpus)))}
        elif kind == "events":
            item = quoted_item(evts, quote)
            values = {
                "n": Count(len(evts)),
                "first": min((e.date_start for e in evts), key=start_day, default=""),
                "last": max((e.date_start for e in evts), key=start_day, default=""),
                "top_types": ", ".join(
                    f"{t} ({n})"
                    for t, n in Counter(e.event_type for e in evts).most_common(entry.get("top", 3))
                ),
            }
        else:
            raise SahelError(FINDINGS_FILE, f"finding {where}: unknown kind {kind!r}")
        if item is not None:
            out.append(_finding(render(entry["statement"], values, where), item))
    return out


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


def date_readings(texts: Iterable[str]):
    """How the date extractor reads each text: one row per date found, as readable cells (a DataFrame).

    A text with no date gets one row saying so, so examples that give nothing
    stay in the table beside those that give a date.
    """
    rows = []
    for text in texts:
        found = extract_dates(text)
        rows += [
            {"text": text, "found": m.surface, "date_start": m.date_start, "date_end": m.date_end,
             "precision": m.precision}
            for m in found
        ] or [{"text": text, "found": "(no date)", "date_start": "", "date_end": "", "precision": ""}]  # fmt: skip
    return pd.DataFrame(rows, columns=["text", "found", "date_start", "date_end", "precision"])


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
