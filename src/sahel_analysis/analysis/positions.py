"""Who stands where on negotiating with the armed groups, and when: the coded events and stances.

The coding lives in package data: `data/events.yaml` (every dated event the two
documents report) and `data/positions.yaml` (every stance on negotiation or
dialogue they attribute to an actor, and the groups' aims). This module locates
each coded quote in the repaired text, so that every record carries `doc_id`,
`start`, `end` and `text[start:end] == quote_ar`, and derives from the records
what the notebooks and the export need: CSV rows, the stance matrix by period,
the shifts around each coup, the analyst's notes, and the dated sentences the
coding has not covered yet.
"""

from __future__ import annotations

import operator
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

from sahel_analysis.extract.dates import DateMention, extract_dates, iso_interval, iso_precision
from sahel_analysis.package_data import load_yaml

STANCES = ("supports", "conditional", "ambivalent", "opposes")
PRECISIONS = ("day", "month", "year", "period")
# Event types that change who holds power: the turning points for the before/after comparison.
TURNING_POINT_TYPES = ("coup", "change_of_government")
# Targets of the peace process with the former separatist movements (doc 002): kept out of the
# before/after comparison, which is about negotiating with the jihadist groups.
SEPARATIST_TARGETS = ("azawad_movement", "national_reconciliation")
# The former separatist movements themselves: all their stances belong to that peace process.
SEPARATIST_ACTORS = ("azawad_movement",)
# Characters either side of a quote within which the date extractor must find the event's date.
DATE_CONTEXT_CHARS = 120


# ----------------------------------------------------------------------------- records


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


@dataclass(frozen=True)
class Position:
    """A stance on negotiation that a document attributes to one actor, located in its repaired text."""

    id: str
    doc_id: str
    start: int
    end: int
    quote_ar: str
    paragraph: int
    actor_id: str
    stance: str
    target: str
    date_start: str
    conditions: str
    summary_en: str
    attributed_by: str = ""
    analyst_note: str = ""
    coding_note: str = ""


@dataclass(frozen=True)
class Aim:
    """What a document says an armed group seeks, from negotiating or beyond it."""

    id: str
    doc_id: str
    start: int
    end: int
    quote_ar: str
    paragraph: int
    actor_id: str
    kind: str
    aim_en: str


@dataclass(frozen=True)
class DatedSentence:
    """A sentence that holds a date but no coded event."""

    doc_id: str
    start: int
    end: int
    text: str
    paragraph: int
    dates: tuple[DateMention, ...]


@dataclass(frozen=True)
class Unlocated:
    """A coded item whose quote is not (or no longer) in the repaired text."""

    id: str
    doc_id: str
    quote_ar: str


# ----------------------------------------------------------------------------- data


def _data(name: str) -> Mapping:
    return load_yaml(name)


def coded_events() -> list[dict]:
    """The event entries of data/events.yaml, as coded (before they are located in a text)."""
    return [dict(e) for e in _data("events.yaml")["events"]]


def coded_positions() -> list[dict]:
    """The position entries of data/positions.yaml, as coded."""
    return [dict(p) for p in _data("positions.yaml")["positions"]]


def coded_aims() -> list[dict]:
    """The aims entries of data/positions.yaml, as coded."""
    return [dict(a) for a in _data("positions.yaml")["aims"]]


def event_types() -> dict[str, str]:
    """The event types and what each covers."""
    return dict(_data("events.yaml")["event_types"])


def lanes() -> list[dict]:
    """The timeline lanes in display order: id, name_ar, name_en, actors."""
    return [dict(lane) for lane in _data("events.yaml")["lanes"]]


def lane_of(actor_id: str) -> str:
    """The timeline lane an actor belongs to (`other` when it has none).

    >>> lane_of("choguel_maiga"), lane_of("jnim"), lane_of("nobody")
    ('mali', 'al_qaeda_sphere', 'other')
    """
    for lane in lanes():
        if actor_id in lane["actors"]:
            return lane["id"]
    return "other"


def actor_labels() -> dict[str, dict]:
    """Arabic and English names and display group of every actor holding a stance."""
    return {k: dict(v) for k, v in _data("positions.yaml")["actors"].items()}


def actor_groups() -> list[dict]:
    """The display groups of the stance matrix, in order: id, name_ar, name_en."""
    return [dict(g) for g in _data("positions.yaml")["groups"]]


# ----------------------------------------------------------------------------- locating


def _texts(corpus) -> dict[str, object]:
    return {rd.id: rd for rd in corpus}


def _locate(item: Mapping, docs: Mapping[str, object]) -> tuple[int, int, int] | None:
    """Start, end and paragraph of an item's quote in its document, or None if absent."""
    rd = docs.get(item["doc_id"])
    if rd is None:
        return None
    start = rd.text.find(item["quote_ar"])
    if start < 0:
        return None
    return start, start + len(item["quote_ar"]), rd.paragraph_index(start)


def events(corpus) -> list[Event]:
    """Every coded event whose quote is in the repaired text, in chronological order.

    Items whose quote cannot be found are left out; `unlocated_items` lists them.
    """
    docs = _texts(corpus)
    out = []
    for e in coded_events():
        where = _locate(e, docs)
        if where is None:
            continue
        out.append(
            Event(
                id=e["id"],
                doc_id=e["doc_id"],
                start=where[0],
                end=where[1],
                quote_ar=e["quote_ar"],
                paragraph=where[2],
                event_type=e["event_type"],
                date_start=str(e["date_start"]),
                date_end=str(e["date_end"]),
                precision=e["precision"],
                actor_ids=tuple(e["actor_ids"]),
                summary_en=e["summary_en"],
                label_en=e["label_en"],
                analyst_note=e.get("analyst_note", ""),
                date_note=e.get("date_note", ""),
                coding_note=e.get("coding_note", ""),
            )
        )
    return sorted(out, key=lambda ev: (iso_interval(ev.date_start)[0], ev.doc_id, ev.id))


def positions(corpus) -> list[Position]:
    """Every coded stance whose quote is in the repaired text, in document and text order."""
    docs = _texts(corpus)
    out = []
    for p in coded_positions():
        where = _locate(p, docs)
        if where is None:
            continue
        out.append(
            Position(
                id=p["id"],
                doc_id=p["doc_id"],
                start=where[0],
                end=where[1],
                quote_ar=p["quote_ar"],
                paragraph=where[2],
                actor_id=p["actor_id"],
                stance=p["stance"],
                target=p["target"],
                date_start=str(p.get("date_start") or ""),
                conditions=p.get("conditions") or "",
                summary_en=p["summary_en"],
                attributed_by=p.get("attributed_by", ""),
                analyst_note=p.get("analyst_note", ""),
                coding_note=p.get("coding_note", ""),
            )
        )
    return sorted(out, key=lambda p: (p.doc_id, p.start, p.id))


def aims(corpus) -> list[Aim]:
    """What the texts say the armed groups seek, located in the repaired text."""
    docs = _texts(corpus)
    out = []
    for a in coded_aims():
        where = _locate(a, docs)
        if where is not None:
            out.append(
                Aim(
                    a["id"],
                    a["doc_id"],
                    *where[:2],
                    a["quote_ar"],
                    where[2],
                    a["actor_id"],
                    a["kind"],
                    a["aim_en"],
                )
            )
    return sorted(out, key=lambda a: (a.doc_id, a.start))


def unlocated_items(corpus) -> list[Unlocated]:
    """Coded events, positions and aims whose quote is not in the repaired text (should be none)."""
    docs = _texts(corpus)
    items = [*coded_events(), *coded_positions(), *coded_aims()]
    return [Unlocated(i["id"], i["doc_id"], i["quote_ar"]) for i in items if _locate(i, docs) is None]


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
    docs = _texts(corpus)
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


# ----------------------------------------------------------------------------- analysis


def turning_points(evts: Sequence[Event]) -> list[Event]:
    """Coups and changes of government, in chronological order."""
    return [e for e in evts if e.event_type in TURNING_POINT_TYPES]


def _start(iso: str):
    return iso_interval(iso)[0]


def periods(evts: Sequence[Event]) -> list[tuple[str, str, str]]:
    """The periods between turning points: (label, first ISO date, last-exclusive ISO date).

    The first period is open at the start and the last at the end; an extra
    `undated` period holds stances the texts do not date.
    """
    bounds = sorted({e.date_start for e in turning_points(evts)}, key=_start)
    edges = ["", *bounds, ""]
    out = []
    for lo, hi in pairwise(edges):
        if not lo:
            label = f"before {hi}"
        elif not hi:
            label = f"from {lo}"
        else:
            label = f"{lo} to {hi}"
        out.append((label, lo, hi))
    return [*out, ("undated", "", "")]


def period_of(date_start: str, spans: Sequence[tuple[str, str, str]]) -> str:
    """The label of the period a date falls in (`undated` for an empty date).

    >>> spans = [("before 2020-08", "", "2020-08"), ("from 2020-08", "2020-08", ""), ("undated", "", "")]
    >>> period_of("2020-02", spans), period_of("2020-08", spans), period_of("", spans)
    ('before 2020-08', 'from 2020-08', 'undated')
    """
    if not date_start:
        return "undated"
    day = _start(date_start)
    for label, lo, hi in spans:
        if label == "undated":
            continue
        if (not lo or day >= _start(lo)) and (not hi or day < _start(hi)):
            return label
    return "undated"


PEACE_PROCESS_SUFFIX = ":peace_process"


def matrix_row(p: Position) -> str:
    """The stance-matrix row of a stance: its actor, or actor + `:peace_process` for the separatist track.

    Stances on the peace process with the former separatist movements (doc 002)
    get rows of their own, so that they are never read as stances on the jihadist groups.
    """
    on_peace_process = p.target in SEPARATIST_TARGETS or p.actor_id in SEPARATIST_ACTORS
    return p.actor_id + PEACE_PROCESS_SUFFIX if on_peace_process else p.actor_id


def row_group(row: str) -> str:
    """The display group of a stance-matrix row."""
    if row.endswith(PEACE_PROCESS_SUFFIX):
        return "peace_process"
    return actor_labels().get(row, {}).get("group", "")


def actor_order(pos: Iterable[Position]) -> list[str]:
    """Stance-matrix rows, grouped as data/positions.yaml groups them, in its order."""
    listed = list(actor_labels())
    group_rank = {g["id"]: i for i, g in enumerate(actor_groups())}
    held = {matrix_row(p) for p in pos}

    def key(row: str):
        actor = row.removesuffix(PEACE_PROCESS_SUFFIX)
        return (
            group_rank.get(row_group(row), len(group_rank)),
            listed.index(actor) if actor in listed else len(listed),
            row,
        )

    return sorted(held, key=key)


def stance_matrix(pos: Sequence[Position], evts: Sequence[Event]):
    """Row × period table whose cells hold the distinct stances (tuples, in STANCES order).

    A row is an actor (`matrix_row`); stances on the separatist peace process
    have rows of their own.

    Returns:
        A pandas DataFrame indexed by row id, one column per period, plus a
        `group` column naming the row's display group.
    """
    import pandas as pd

    spans = periods(evts)
    cells: dict[tuple[str, str], set[str]] = defaultdict(set)
    for p in pos:
        cells[(matrix_row(p), period_of(p.date_start, spans))].add(p.stance)
    rows = []
    for row_id in actor_order(pos):
        row = {"row": row_id, "group": row_group(row_id)}
        for label, _, _ in spans:
            row[label] = tuple(s for s in STANCES if s in cells.get((row_id, label), ()))
        rows.append(row)
    return pd.DataFrame(rows).set_index("row")


def stance_counts(pos: Iterable[Position]):
    """How many stances of each kind, per document and in all (a DataFrame)."""
    import pandas as pd

    counts = Counter((p.doc_id, p.stance) for p in pos)
    docs = sorted({d for d, _ in counts})
    table = pd.DataFrame(
        [[counts.get((d, s), 0) for s in STANCES] for d in docs],
        index=pd.Index(docs, name="doc_id"),
        columns=list(STANCES),
    )
    table.loc["all"] = table.sum()
    table["total"] = table.sum(axis=1)
    return table


def stance_shifts(pos: Sequence[Position], evts: Sequence[Event]):
    """Before and after each coup or change of government: the dated stances of that country's actors.

    The country is the timeline lane of the turning point's first actor; the
    window before runs from the previous turning point in that country (or the
    start) and the window after to the next one (or the end).

    Returns:
        A pandas DataFrame, one row per (turning point, side, stance).
    """
    import pandas as pd

    rows = []
    points = turning_points(evts)
    for i, tp in enumerate(points):
        lane = lane_of(tp.actor_ids[0])
        same = [t for t in points if lane_of(t.actor_ids[0]) == lane]
        k = same.index(tp)
        lo = same[k - 1].date_start if k > 0 else ""
        hi = same[k + 1].date_start if k + 1 < len(same) else ""
        for p in pos:
            if not p.date_start or lane_of(p.actor_id) != lane or p.target in SEPARATIST_TARGETS:
                continue
            day = _start(p.date_start)
            if (not lo or day >= _start(lo)) and day < _start(tp.date_start):
                side = "before"
            elif day >= _start(tp.date_start) and (not hi or day < _start(hi)):
                side = "after"
            else:
                continue
            rows.append(
                {
                    "turning_point": f"{tp.label_en} ({tp.date_start})",
                    "order": i,
                    "side": side,
                    "date_start": p.date_start,
                    "actor_id": p.actor_id,
                    "stance": p.stance,
                    "summary_en": p.summary_en,
                    "quote_ar": p.quote_ar,
                    "doc_id": p.doc_id,
                    "paragraph": p.paragraph,
                }
            )
    table = pd.DataFrame(rows)
    if table.empty:
        return table
    table = table.sort_values(
        ["order", "side", "date_start", "actor_id"], ascending=[True, False, True, True]
    )
    return table.drop(columns="order").reset_index(drop=True)


def shift_summary(pos: Sequence[Position], evts: Sequence[Event]):
    """One row per turning point: the stances before and after, and whether they changed."""
    import pandas as pd

    shifts = stance_shifts(pos, evts)
    rows = []
    for tp in turning_points(evts):
        key = f"{tp.label_en} ({tp.date_start})"
        part = shifts[shifts["turning_point"] == key] if not shifts.empty else shifts
        before = part[part["side"] == "before"] if not part.empty else part
        after = part[part["side"] == "after"] if not part.empty else part

        def show(df) -> str:
            if df.empty:
                return "-"
            return ", ".join(f"{a}: {s}" for a, s in zip(df["actor_id"], df["stance"], strict=True))

        b = set(before["stance"]) if not before.empty else set()
        a = set(after["stance"]) if not after.empty else set()
        if not b or not a:
            verdict = "not comparable (no dated stance on one side)"
        elif a == b:
            verdict = "continuity"
        else:
            verdict = f"shift: {', '.join(sorted(b))} → {', '.join(sorted(a))}"
        lane = lane_of(tp.actor_ids[0])
        groups = actor_labels()
        central_before = not before.empty and any(
            groups.get(x, {}).get("group") == "sahel_states" for x in before["actor_id"]
        )
        undated = [
            f"{p.actor_id}: {p.stance}"
            for p in pos
            if not p.date_start and lane_of(p.actor_id) == lane and p.target not in SEPARATIST_TARGETS
        ]
        caveat = "" if central_before else "no dated central-government stance before"
        rows.append(
            {
                "turning_point": key,
                "country": lane,
                "stances_before": show(before),
                "stances_after": show(after),
                "verdict": verdict,
                "caveat": caveat,
                "undated_stances_of_country": ", ".join(undated) or "-",
                "analyst_note": tp.analyst_note,
            }
        )
    return pd.DataFrame(rows)


def analyst_notes(corpus):
    """Every event and stance that carries an analyst's note on a doubtful date or claim (a DataFrame)."""
    import pandas as pd

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


def _tally(pos: Iterable[Position]) -> str:
    """Stances as 'n supports, n opposes' in STANCES order, zero counts left out."""
    counts = Counter(p.stance for p in pos)
    return ", ".join(f"{counts[s]} {s}" for s in STANCES if counts[s]) or "none"


def findings(corpus):
    """The notebook's findings, each computed from the data with a quote and where it comes from.

    Returns:
        A pandas DataFrame: finding (English, with its numbers), quote_ar and
        its English gloss, doc_id, paragraph and the id of the item quoted.
    """
    import pandas as pd

    evts, pos = events(corpus), positions(corpus)
    groups = {a: v.get("group") for a, v in actor_labels().items()}
    by_group = defaultdict(list)
    for p in pos:
        by_group[groups.get(p.actor_id)].append(p)
    state_dated = [p for p in by_group["sahel_states"] if p.date_start and p.target not in SEPARATIST_TARGETS]
    summary = shift_summary(pos, evts)
    jnim = [p for p in pos if p.actor_id == "jnim"]
    jnim_conditions = sorted({p.conditions for p in jnim if p.conditions})
    islamic_state = [p for p in pos if lane_of(p.actor_id) == "islamic_state_sphere"]
    separatist = [p for p in pos if matrix_row(p).endswith(PEACE_PROCESS_SUFFIX)]
    notes = analyst_notes(corpus)
    type_counts = Counter(e.event_type for e in evts).most_common(3)

    def earliest(items):
        return min(
            items, key=lambda x: (x.date_start == "", _start(x.date_start) if x.date_start else None, x.id)
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
            f"{len(evts)} dated events, from {min((e.date_start for e in evts), key=_start)} to "
            f"{max((e.date_start for e in evts), key=_start)}; most common types: "
            + ", ".join(f"{t} ({n})" for t, n in type_counts)
            + ".",
            earliest(evts) if evts else None,
        ),
    ]
    out = [
        {
            "finding": gloss,
            "quote_ar": item.quote_ar,
            "quote_gloss_en": item.summary_en,
            "doc_id": item.doc_id,
            "paragraph": item.paragraph,
            "item": item.id,
        }
        for gloss, item in rows
        if item is not None
    ]
    return pd.DataFrame(out)


# ----------------------------------------------------------------------------- tables for the notebook


def date_table(corpus):
    """Every date the extractor finds in the corpus, with its paragraph (a DataFrame)."""
    import pandas as pd

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
    import pandas as pd

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
    import pandas as pd

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
