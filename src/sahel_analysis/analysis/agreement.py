"""Inter-coder agreement between two readings of a document, layer by layer, as QDA tools report it.

A second reader codes a document without seeing the first coding
(`coding/<reader>/<doc_id>.yaml`, same schema). Items of the two readings are
paired where their quotes overlap in the repaired text (relations, which the
text states once, are paired by the two actors they join); a pair is a unit
coded by both, an item without a partner a unit only one reader saw. Two
figures per layer follow: how many units both readers found, and Krippendorff's
alpha (nominal) over the category of the units both found — and, stricter,
over every unit with "not coded" as a category of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import krippendorff
import numpy as np
import pandas as pd

from sahel_analysis.corpus.catalog import load_yaml_safely
from sahel_analysis.errors import SahelError

# The layers compared, each with the field holding its category and the field holding its quote.
LAYERS: dict[str, tuple[str, str]] = {
    "positions": ("stance", "quote_ar"),
    "events": ("event_type", "quote_ar"),
    "relations": ("relation", ""),
    "list_items": ("category", "text_ar"),
}
LAYER_NAMES = {
    "positions": "stances",
    "events": "events",
    "relations": "relations",
    "list_items": "list items",
}
NOT_CODED = "(not coded)"
# The folder (under coding/) and `coded_by` value of the second, independent reader.
SECOND_READER = "second_reader"


@dataclass(frozen=True)
class CodedUnit:
    """One reader's item, reduced to what agreement reads: where it stands, its category and its key."""

    item_id: str
    start: int
    end: int
    value: str
    key: str = ""


@dataclass(frozen=True)
class Unit:
    """A unit of comparison: the first reader's item, the second's, or both paired."""

    layer: str
    first: CodedUnit | None
    second: CodedUnit | None

    @property
    def both(self) -> bool:
        return self.first is not None and self.second is not None

    @property
    def same_value(self) -> bool:
        return self.both and self.first.value == self.second.value


@dataclass(frozen=True)
class LayerAgreement:
    """Agreement on one layer of one document (or of all, `doc_id` "all")."""

    doc_id: str
    layer: str
    first: int
    second: int
    both: int
    same_value: int
    alpha_both: float | None
    alpha_all: float | None

    @property
    def only_first(self) -> int:
        return self.first - self.both

    @property
    def only_second(self) -> int:
        return self.second - self.both


def read_reading(path: Path) -> dict:
    """A second reading's file, parsed with the project's bounded YAML loader (no aliases)."""
    try:
        data = load_yaml_safely(Path(path).read_text(encoding="utf-8"), path)
    except OSError as exc:
        raise SahelError(path, f"cannot be read: {exc.strerror}") from None
    if not isinstance(data, dict) or "doc_id" not in data:
        raise SahelError(path, "is not a coding: it needs a mapping with doc_id")
    return data


def reading_files(folder: Path) -> tuple[Path, ...]:
    """The coding files of one reader's folder (`coding/<reader>/`), by name."""
    return tuple(sorted(Path(folder).glob("*.yaml"))) if Path(folder).is_dir() else ()


def span_of(text: str, quote: str, after: int = 0) -> tuple[int, int] | None:
    """Where a quote stands in the text (first occurrence at or after `after`), or None when it is not there."""
    at = text.find(quote, after) if quote else -1
    return (at, at + len(quote)) if at >= 0 else None


def quoted_units(text: str, items: Iterable[Mapping], layer: str) -> list[CodedUnit]:
    """The located items of a quoted layer; an item whose quote is not in the text cannot be paired and is left out."""
    value_field, quote_field = LAYERS[layer]
    out = []
    for item in items:
        span = span_of(text, item.get(quote_field, ""))
        if span is not None:
            key = str(item.get("actor_id") or (item.get("actor_ids") or [""])[0])
            out.append(CodedUnit(str(item.get("id", "")), *span, str(item.get(value_field, "")), key))
    return out


def list_item_units(text: str, lists: Iterable[Mapping]) -> list[CodedUnit]:
    """Every item of every list, located as coded lists are: item k after item k-1, item 1 after its anchor."""
    out = []
    for entry in lists:
        after = 0
        if entry.get("items") and entry["items"][0].get("after"):
            anchor = span_of(text, entry["items"][0]["after"])
            after = anchor[1] if anchor else 0
        for raw in entry.get("items") or ():
            span = span_of(text, raw.get("text_ar", ""), after)
            if span is None:
                continue
            after = span[1]
            item_id = f"{entry.get('list_id', '')}#{raw.get('item_no', '')}"
            out.append(CodedUnit(item_id, *span, str(raw.get("category", ""))))
    return out


def relation_units(relations: Iterable[Mapping]) -> list[CodedUnit]:
    """Relations keyed by the unordered pair of actors they join (the text states a relation once)."""
    out = []
    for rel in relations:
        pair = "|".join(sorted((str(rel.get("source_id", "")), str(rel.get("target_id", "")))))
        out.append(CodedUnit(str(rel.get("id", "")), 0, 0, str(rel.get("relation", "")), pair))
    return out


def overlap(a: CodedUnit, b: CodedUnit) -> int:
    """Characters two located items share."""
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def pair_units(layer: str, first: Sequence[CodedUnit], second: Sequence[CodedUnit]) -> list[Unit]:
    """Pair the two readings' items one to one: overlapping quotes (same key first, then larger overlap), or equal keys.

    Greedy pairing is enough here: a reader rarely quotes two overlapping
    stretches for one layer, and ties go to the same actor.
    """
    if layer == "relations":
        candidates = [
            (1, 0, i, j) for i, a in enumerate(first) for j, b in enumerate(second) if a.key == b.key
        ]
    else:
        candidates = [
            (int(a.key == b.key and bool(a.key)), overlap(a, b), i, j)
            for i, a in enumerate(first)
            for j, b in enumerate(second)
            if overlap(a, b) > 0
        ]
    used_first: set[int] = set()
    used_second: set[int] = set()
    units = []
    for _, _, i, j in sorted(candidates, key=lambda c: (-c[0], -c[1], c[2], c[3])):
        if i not in used_first and j not in used_second:
            used_first.add(i)
            used_second.add(j)
            units.append(Unit(layer, first[i], second[j]))
    units += [Unit(layer, a, None) for i, a in enumerate(first) if i not in used_first]
    units += [Unit(layer, None, b) for j, b in enumerate(second) if j not in used_second]
    return units


def layer_units(text: str, first: Mapping, second: Mapping) -> dict[str, list[Unit]]:
    """The units of every layer for one document, from two codings given as parsed files."""

    def located(coding: Mapping, layer: str) -> list[CodedUnit]:
        if layer == "relations":
            return relation_units(coding.get("relations") or ())
        if layer == "list_items":
            return list_item_units(text, coding.get("lists") or ())
        return quoted_units(text, coding.get(layer) or (), layer)

    return {layer: pair_units(layer, located(first, layer), located(second, layer)) for layer in LAYERS}


def nominal_alpha(pairs: Sequence[tuple[str, str]]) -> float | None:
    """Krippendorff's alpha (nominal) over pairs of values; None when it is undefined (fewer than two values in all)."""
    values = sorted({v for pair in pairs for v in pair})
    if len(pairs) < 2 or len(values) < 2:
        return None
    code = {v: n for n, v in enumerate(values)}
    data = np.array([[code[a] for a, _ in pairs], [code[b] for _, b in pairs]], dtype=float)
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def layer_agreement(doc_id: str, layer: str, units: Sequence[Unit]) -> LayerAgreement:
    """Counts and the two alphas of one layer."""
    both = [u for u in units if u.both]
    every = [
        (u.first.value if u.first else NOT_CODED, u.second.value if u.second else NOT_CODED) for u in units
    ]
    return LayerAgreement(
        doc_id,
        layer,
        sum(u.first is not None for u in units),
        sum(u.second is not None for u in units),
        len(both),
        sum(u.same_value for u in both),
        nominal_alpha([(u.first.value, u.second.value) for u in both]),
        nominal_alpha(every),
    )


def agreement_table(units_by_doc: Mapping[str, Mapping[str, Sequence[Unit]]]) -> list[LayerAgreement]:
    """Agreement per document and layer, then per layer over all documents (`doc_id` "all")."""
    rows = [
        layer_agreement(doc_id, layer, units)
        for doc_id, layers in sorted(units_by_doc.items())
        for layer, units in layers.items()
    ]
    if len(units_by_doc) > 1:
        for layer in LAYERS:
            pooled = [u for layers in units_by_doc.values() for u in layers.get(layer, ())]
            rows.append(layer_agreement("all", layer, pooled))
    return rows


def agreement_frame(rows: Sequence[LayerAgreement]):
    """The agreement table for reading: one row per document and layer, alphas to two decimals."""

    def shown(alpha: float | None) -> str:
        return "undefined" if alpha is None else f"{alpha:.2f}"

    return pd.DataFrame(
        [
            {
                "document": r.doc_id,
                "layer": LAYER_NAMES[r.layer],
                "first reader": r.first,
                "second reader": r.second,
                "found by both": r.both,
                "only first": r.only_first,
                "only second": r.only_second,
                "same category": r.same_value,
                "alpha (both found)": shown(r.alpha_both),
                "alpha (all, 'not coded' a category)": shown(r.alpha_all),
            }
            for r in rows
        ]
    )


def first_reading(coding) -> dict:
    """The first reading of a document as a parsed file: its reviewed items, less those the second reading gave it.

    Items that entered the coding through adjudication (`coded_by` naming the
    second reader) are the second reader's, so agreement is measured on what the
    first reader coded alone.
    """
    kinds = ("positions", "events", "relations", "lists")
    return {kind: [i for i in coding.items(kind) if i.get("coded_by") != SECOND_READER] for kind in kinds}


def project_units(
    corpus, codings: Mapping[str, object], readings: Iterable[Path]
) -> dict[str, dict[str, list[Unit]]]:
    """The units of every document that has a second reading, keyed by document id.

    `codings` maps a document id to its (first) coding; a reading for a document
    the corpus does not hold is an error naming the file.
    """
    texts = {rd.id: rd.text for rd in corpus}
    out = {}
    for path in readings:
        second = read_reading(path)
        doc_id = str(second["doc_id"])
        if doc_id not in texts or doc_id not in codings:
            raise SahelError(path, f"reads document {doc_id}, which has no text or no coding in this project")
        out[doc_id] = layer_units(texts[doc_id], first_reading(codings[doc_id]), second)
    return out
