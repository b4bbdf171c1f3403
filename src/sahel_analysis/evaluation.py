"""Measure a repair against a verified reading, and show raw lines beside their repair."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .documents import RepairedDocument


@dataclass(frozen=True)
class Agreement:
    """How many lines of a repaired document match a verified reading exactly."""

    doc_id: str
    lines: int
    exact: int
    differing: tuple[int, ...]

    @property
    def share(self) -> float:
        return self.exact / self.lines if self.lines else 0.0


def read_reference(path: Path) -> dict[int, str]:
    """Read a verified reading: `raw_line_number<TAB>logical text` per non-blank raw line."""
    rows = Path(path).read_text(encoding="utf-8").splitlines()
    return {int(n): text for n, text in (row.split("\t", 1) for row in rows if row.strip())}


def agreement(rd: RepairedDocument, reference: dict[int, str]) -> Agreement:
    """Compare each repaired line with the verified reading of the same raw line."""
    got = dict(rd.structure.lines)
    differing = tuple(n for n, text in sorted(reference.items()) if got.get(n) != text)
    return Agreement(rd.id, len(reference), len(reference) - len(differing), differing)


def side_by_side(rd: RepairedDocument, count: int = 5, width: int = 70) -> list[dict[str, object]]:
    """The first `count` raw lines of a document next to their repair (trimmed to `width`)."""
    raw = rd.doc.raw_text.split("\n")
    rows = []
    for number, text in rd.structure.lines[:count]:
        rows.append(
            {"raw line": number, "raw (as stored)": raw[number - 1].strip()[:width], "repaired": text[:width]}
        )
    return rows


def structure_summary(rd: RepairedDocument) -> list[dict[str, object]]:
    """Counts of each kind of block found in a repaired document."""
    kinds: dict[str, int] = {}
    for p in rd.paragraphs:
        kinds[p.kind] = kinds.get(p.kind, 0) + 1
    return [{"doc_id": rd.id, "block": k, "count": v} for k, v in kinds.items()]
