"""Measure a repair against a verified reading, and show raw lines beside their repair."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sahel_analysis.corpus.repaired import RepairedDocument


@dataclass(frozen=True)
class Agreement:
    """How many lines (or blocks) of a repaired document match a verified reading exactly.

    `differing` holds the raw line numbers that differ; for blocks, the first
    raw line of each reference block that has no exact counterpart.
    """

    doc_id: str
    lines: int
    exact: int
    differing: tuple[int, ...]
    unit: str = "lines"

    @property
    def share(self) -> float:
        return self.exact / self.lines if self.lines else 0.0


@dataclass(frozen=True)
class ReferenceBlock:
    """One block of a verified division of a document: its kind, number and raw line span."""

    kind: str
    number: str
    first_line: int
    last_line: int


def read_reference(path: Path) -> dict[int, str]:
    """Read a verified reading: `raw_line_number<TAB>logical text` per non-blank raw line."""
    rows = Path(path).read_text(encoding="utf-8").splitlines()
    return {int(n): text for n, text in (row.split("\t", 1) for row in rows if row.strip())}


def read_block_reference(path: Path) -> tuple[ReferenceBlock, ...]:
    """Read a verified division into blocks: `kind, number, first_line, last_line` per row (TSV).

    Lines starting with `#` are comments; the first other row is the header.
    """
    rows = [
        r for r in Path(path).read_text(encoding="utf-8").splitlines() if r.strip() and not r.startswith("#")
    ]
    blocks = []
    for row in rows[1:]:
        kind, number, first, last = row.split("\t")
        blocks.append(ReferenceBlock(kind, number, int(first), int(last)))
    return tuple(blocks)


def block_agreement(
    rd: RepairedDocument, lines: dict[int, str], blocks: tuple[ReferenceBlock, ...]
) -> Agreement:
    """Compare the repaired blocks with a verified division of the document.

    A reference block counts as exact when the repair has a block with its
    kind, number and raw line span, and with the text of the verified lines of
    that span joined by spaces: a block is exact only if its boundaries and
    every one of its lines are.
    """
    got = {(p.kind, p.number, p.raw_lines[0], p.raw_lines[-1]): p.text for p in rd.paragraphs if p.raw_lines}
    differing = []
    for block in blocks:
        want = " ".join(t for n, t in sorted(lines.items()) if block.first_line <= n <= block.last_line)
        key = (block.kind, block.number, block.first_line, block.last_line)
        if got.get(key) != want:
            differing.append(block.first_line)
    return Agreement(rd.id, len(blocks), len(blocks) - len(differing), tuple(differing), unit="blocks")


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
