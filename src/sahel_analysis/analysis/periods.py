"""Stances by period: the turning points, the periods between them, the stance matrix and the shifts around each.

A turning point is a coup or change of government among the coded events; the
periods run between turning points, so they are computed, not chosen. Stances
on the peace process with the former separatist movements get rows of their
own, so they are never read as stances on the jihadist groups.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from itertools import pairwise

import pandas as pd

from sahel_analysis.coding.events import Event, lane_of
from sahel_analysis.coding.stances import (
    STANCES,
    Position,
    actor_groups,
    actor_labels,
    central_government_groups,
    peace_process_actors,
    peace_process_targets,
)
from sahel_analysis.extract.dates import iso_interval

# Event types that change who holds power: the turning points for the before/after comparison.
TURNING_POINT_TYPES = ("coup", "change_of_government")


def turning_points(evts: Sequence[Event]) -> list[Event]:
    """Coups and changes of government, in chronological order."""
    return [e for e in evts if e.event_type in TURNING_POINT_TYPES]


def start_day(iso: str):
    """The first day an ISO date covers."""
    return iso_interval(iso)[0]


def periods(evts: Sequence[Event]) -> list[tuple[str, str, str]]:
    """The periods between turning points: (label, first ISO date, last-exclusive ISO date).

    The first period is open at the start and the last at the end; an extra
    `undated` period holds stances the texts do not date.
    """
    bounds = sorted({e.date_start for e in turning_points(evts)}, key=start_day)
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
    day = start_day(date_start)
    for label, lo, hi in spans:
        if label == "undated":
            continue
        if (not lo or day >= start_day(lo)) and (not hi or day < start_day(hi)):
            return label
    return "undated"


PEACE_PROCESS_SUFFIX = ":peace_process"


def matrix_row(p: Position) -> str:
    """The stance-matrix row of a stance: its actor, or actor + `:peace_process` for the separatist track.

    Stances on the peace process with the former separatist movements
    get rows of their own, so that they are never read as stances on the jihadist groups.
    """
    on_peace_process = p.target in peace_process_targets() or p.actor_id in peace_process_actors()
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
    rows = []
    points = turning_points(evts)
    for i, tp in enumerate(points):
        lane = lane_of(tp.actor_ids[0])
        same = [t for t in points if lane_of(t.actor_ids[0]) == lane]
        k = same.index(tp)
        lo = same[k - 1].date_start if k > 0 else ""
        hi = same[k + 1].date_start if k + 1 < len(same) else ""
        for p in pos:
            if not p.date_start or lane_of(p.actor_id) != lane or p.target in peace_process_targets():
                continue
            day = start_day(p.date_start)
            if (not lo or day >= start_day(lo)) and day < start_day(tp.date_start):
                side = "before"
            elif day >= start_day(tp.date_start) and (not hi or day < start_day(hi)):
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


# The verdict when support passes from local or partial actors to the central authorities.
BROADENING = "broadening: support passed from local or partial actors to the central authorities"


def is_central(actor_id: str) -> bool:
    """Whether an actor is shown among the states' central governments and leaders (data/positions.yaml)."""
    return actor_labels().get(actor_id, {}).get("group") in central_government_groups()


def widens_support(before, after) -> bool:
    """Whether support for negotiating widened: no central authority supported it before, one does after.

    A stance-by-stance comparison would call this continuity (support before,
    support after); who supports matters. `before` and `after` are rows of
    `stance_shifts` (actor_id, stance).
    """

    def central_support(df) -> bool:
        return any(
            s == "supports" and is_central(a) for a, s in zip(df["actor_id"], df["stance"], strict=True)
        )

    supported_before = "supports" in set(before["stance"])
    return supported_before and not central_support(before) and central_support(after)


def shift_summary(pos: Sequence[Position], evts: Sequence[Event]):
    """One row per turning point: the stances before and after, and whether they changed.

    The verdict is `continuity` (the same stances), a `shift` between stances,
    `broadening` (support passed from local or partial actors to the central
    authorities) or `not comparable` (no dated stance on one side).
    """
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
        elif widens_support(before, after):
            verdict = BROADENING
        elif a == b:
            verdict = "continuity"
        else:
            verdict = f"shift: {', '.join(sorted(b))} → {', '.join(sorted(a))}"
        lane = lane_of(tp.actor_ids[0])
        central_before = not before.empty and any(map(is_central, before["actor_id"]))
        undated = [
            f"{p.actor_id}: {p.stance}"
            for p in pos
            if not p.date_start and lane_of(p.actor_id) == lane and p.target not in peace_process_targets()
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
