"""Adjudication of a second reading: how each disputed unit was settled, and the first reading as first coded.

Every unit two readings disagree on (`analysis.agreement`) is settled in
`coding/<reader>/adjudication.yaml`: the first reading is right, the second,
both are acceptable, or neither, with a reason read from the Arabic. Where the
coding was corrected afterwards, the entry keeps what the first reader coded
(`first_value`, `first_view`), so agreement stays measured on the first reading
as it was made.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from sahel_analysis.analysis.agreement import (
    ADJUDICATION_FILE,
    DISPUTED_FIELDS,
    LAYER_NAMES,
    LAYERS,
    NOT_CODED,
    SECOND_READER,
    CodedUnit,
    Unit,
    project_units,
    read_reading_data,
    reading_files,
)
from sahel_analysis.coding.store import coding_dir, load_codings
from sahel_analysis.errors import SahelError

# How an adjudicator settles a unit: the first reading is right, the second, both are acceptable, or neither.
DECISIONS = ("first", "second", "both", "neither")


@dataclass(frozen=True)
class Adjudication:
    """How one disputed unit was settled, and why.

    `first_value` keeps the first reader's category, and `first_view` a
    stance's view, as first coded when the coding was corrected after
    adjudication, so agreement stays measured on the first reading as it was made.
    """

    layer: str
    doc_id: str
    first: str
    second: str
    decision: str
    reason: str
    first_value: str = ""
    first_view: str = ""

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.layer, self.doc_id, self.first, self.second)


def read_adjudication(path: Path) -> tuple[Adjudication, ...]:
    """The adjudication of a second reading (`coding/<reader>/adjudication.yaml`); no file is none yet.

    A malformed entry is one line naming the file and the entry.
    """
    path = Path(path)
    if not path.is_file():
        return ()
    data = read_reading_data(path)
    entries = data.get("adjudications") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise SahelError(path, "needs a list 'adjudications'")
    out = []
    for n, entry in enumerate(entries):
        where = f"adjudications[{n}]"
        if not isinstance(entry, dict):
            raise SahelError(path, f"{where} is not a mapping")
        for name, allowed in (("layer", LAYERS), ("decision", DECISIONS)):
            if entry.get(name) not in allowed:
                raise SahelError(
                    path, f"{where}: {name} {entry.get(name)!r} is not one of {', '.join(allowed)}"
                )
        if not str(entry.get("reason", "")).strip():
            raise SahelError(path, f"{where}: the reason is empty")
        fields = ("layer", "doc_id", "first", "second", "decision", "reason", "first_value", "first_view")
        out.append(Adjudication(*(str(entry.get(f) or "") for f in fields)))
    return tuple(out)


def unit_key(doc_id: str, unit: Unit) -> tuple[str, str, str, str]:
    """A unit as an adjudication names it: layer, document, the first item's id, the second's ("" for none)."""
    return (
        unit.layer,
        doc_id,
        unit.first.item_id if unit.first else "",
        unit.second.item_id if unit.second else "",
    )


def as_first_coded(
    units_by_doc: Mapping[str, Mapping[str, Sequence[Unit]]], adjudications: Iterable[Adjudication]
) -> dict[str, dict[str, list[Unit]]]:
    """The units with the first reader's categories and views as first coded, where adjudication later corrected them."""
    was = {a.key: a for a in adjudications if a.first_value or a.first_view}

    def first_coded(doc_id: str, unit: Unit) -> Unit:
        entry = was.get(unit_key(doc_id, unit))
        if entry is None or unit.first is None:
            return unit
        first = unit.first
        if entry.first_value:
            first = replace(first, value=entry.first_value)
        if entry.first_view:
            first = replace(
                first, fields=tuple((k, entry.first_view if k == "view" else v) for k, v in first.fields)
            )
        return Unit(unit.layer, first, unit.second)

    return {
        doc_id: {layer: [first_coded(doc_id, u) for u in units] for layer, units in layers.items()}
        for doc_id, layers in units_by_doc.items()
    }


def disputed_units(units_by_doc: Mapping[str, Mapping[str, Sequence[Unit]]]) -> list[tuple[str, Unit]]:
    """Every unit only one reader found or the readers disagree on (category, or view), with its document id."""
    return [
        (doc_id, u)
        for doc_id, layers in sorted(units_by_doc.items())
        for units in layers.values()
        for u in units
        if u.disputed
    ]


@dataclass(frozen=True)
class AdjudicationCheck:
    """What an adjudication leaves open: disputed units it does not settle, and entries naming no unit."""

    missing: tuple[tuple[str, str, str, str], ...]
    unknown: tuple[tuple[str, str, str, str], ...]


def check_adjudication(
    units_by_doc: Mapping[str, Mapping[str, Sequence[Unit]]], adjudications: Iterable[Adjudication]
) -> AdjudicationCheck:
    """Compare the adjudication with the units: each disputed unit settled once, each entry a unit that exists."""
    adjudications = tuple(adjudications)
    units = as_first_coded(units_by_doc, adjudications)
    every = {unit_key(d, u) for d, layers in units.items() for us in layers.values() for u in us}
    disputed = [unit_key(d, u) for d, u in disputed_units(units)]
    settled = {a.key for a in adjudications}
    return AdjudicationCheck(
        tuple(k for k in disputed if k not in settled),
        tuple(a.key for a in adjudications if a.key not in every),
    )


def adjudication_summary(adjudications: Iterable[Adjudication]):
    """How many disputed units each decision settled, per layer (rows) and decision (columns), with totals."""
    frame = pd.DataFrame(
        [{"layer": LAYER_NAMES[a.layer], "decision": a.decision} for a in adjudications],
        columns=["layer", "decision"],
    )
    table = pd.crosstab(frame["layer"], frame["decision"], margins=True, margins_name="total")
    rows = [name for name in LAYER_NAMES.values() if name in table.index]
    return table.reindex(index=[*rows, "total"], columns=[*DECISIONS, "total"], fill_value=0)


def shown_value(layer: str, unit: CodedUnit | None) -> str:
    """A unit's category for reading, with the fields that must agree (a stance's view) beside it."""
    if unit is None:
        return NOT_CODED
    extra = [unit.field(f) for f in DISPUTED_FIELDS.get(layer, ())]
    return " / ".join([unit.value, *extra])


def disagreement_frame(
    units_by_doc: Mapping[str, Mapping[str, Sequence[Unit]]], adjudications: Iterable[Adjudication]
):
    """Every disputed unit with both readers' item, category and quote, and how it was adjudicated."""
    adjudications = tuple(adjudications)
    settled = {a.key: a for a in adjudications}
    rows = []
    for doc_id, u in disputed_units(as_first_coded(units_by_doc, adjudications)):
        a = settled.get(unit_key(doc_id, u))
        rows.append(
            {
                "document": doc_id,
                "layer": LAYER_NAMES[u.layer],
                "first item": u.first.item_id if u.first else "",
                "first category": shown_value(u.layer, u.first),
                "second item": u.second.item_id if u.second else "",
                "second category": shown_value(u.layer, u.second),
                "first quote": u.first.quote if u.first else "",
                "second quote": u.second.quote if u.second else "",
                "decision": a.decision if a else "",
                "reason": a.reason if a else "",
            }
        )
    return pd.DataFrame(rows)


# ----------------------------------------------------------------------------- a project's second reading


@dataclass(frozen=True)
class SecondReading:
    """A project's second reading: the units of every document it covers (first reading as first coded) and their adjudication."""

    units: dict
    adjudications: tuple[Adjudication, ...]


def second_reading(corpus, root: Path | str | None = None, reader: str = SECOND_READER) -> SecondReading:
    """Read `coding/<reader>/` of a project: its documents paired with their codings, and its adjudication.

    A project without a second reading has no units; documents added without one are simply not compared.
    """
    folder = coding_dir(root) / reader
    codings = {c.doc_id: c for c in load_codings(root)}
    adjudications = read_adjudication(folder / ADJUDICATION_FILE)
    units = project_units(corpus, codings, reading_files(folder))
    return SecondReading(as_first_coded(units, adjudications), adjudications)
