"""The corpus as analyses see it: each document repaired, structured, with sentences and offsets.

Every analysis reads `repaired_corpus()`: offsets, quotes and paragraph numbers
all refer to `RepairedDocument.text`, the text `sahel-analysis repair` prints.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .corpus import Document, find_project_root, load_corpus
from .structure import Paragraph, StructuredDocument, build_structure

# A sentence ends at . ! ? ؟ followed by space or end, unless the full stop closes
# a one-letter label or abbreviation (أ. ب. د.).
SENTENCE_END_RE = re.compile(r"(?<![\s(«][\u0621-\u064a])(?<!^[\u0621-\u064a])[.!?\u061f](?=[\s»)]|$)")


@dataclass(frozen=True)
class Span:
    """A stretch of a document's repaired text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class RepairedDocument:
    """A catalogued document with its repaired text and structure."""

    doc: Document
    structure: StructuredDocument
    text: str

    @property
    def id(self) -> str:
        return self.doc.id

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return self.structure.paragraphs

    def paragraph_index(self, offset: int) -> int:
        """Index of the paragraph that holds character `offset`."""
        starts = [p.start for p in self.paragraphs]
        return max(0, bisect_right(starts, offset) - 1)

    def sentences(self) -> tuple[Span, ...]:
        """The document's sentences, never crossing a paragraph boundary."""
        return split_sentences(self.text, [(p.start, p.end) for p in self.paragraphs])

    def sentence_at(self, offset: int) -> Span:
        """The sentence that holds character `offset`."""
        for span in self.sentences():
            if span.start <= offset < span.end:
                return span
        raise ValueError(f"offset {offset} is outside document {self.id}")

    def raw_lines_of(self, offset: int) -> tuple[int, ...]:
        """Raw line numbers of the paragraph holding `offset`: where a quote comes from."""
        return self.paragraphs[self.paragraph_index(offset)].raw_lines


def split_sentences(text: str, blocks: list[tuple[int, int]]) -> tuple[Span, ...]:
    """Split each block of `text` into sentences with their offsets.

    >>> t = "قال الرئيس: نعم. ثم غادر! أ. بند"
    >>> [s.text for s in split_sentences(t, [(0, len(t))])]
    ['قال الرئيس: نعم.', 'ثم غادر!', 'أ. بند']
    """
    spans = []
    for start, end in blocks:
        block = text[start:end]
        pos = 0
        for m in SENTENCE_END_RE.finditer(block):
            cut = m.end()
            while cut < len(block) and block[cut] in "»)":
                cut += 1
            piece = block[pos:cut]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                spans.append(Span(start + pos + lead, start + cut, piece.strip()))
            pos = cut
        rest = block[pos:]
        if rest.strip():
            lead = len(rest) - len(rest.lstrip())
            spans.append(Span(start + pos + lead, start + pos + lead + len(rest.strip()), rest.strip()))
    return tuple(spans)


@cache
def _repair_cached(sha256: str, raw_text: str) -> StructuredDocument:
    return build_structure(raw_text)


def repair_document(doc: Document) -> RepairedDocument:
    """Repair and structure one document (cached by checksum)."""
    structure = _repair_cached(doc.sha256, doc.raw_text)
    return RepairedDocument(doc, structure, structure.as_text())


def repaired_corpus(root: Path | str | None = None) -> tuple[RepairedDocument, ...]:
    """Every catalogued document, repaired, in catalog order."""
    project = Path(root) if root is not None else find_project_root()
    return tuple(repair_document(d) for d in load_corpus(project))


def repaired(doc_id: str, root: Path | str | None = None) -> RepairedDocument:
    """One repaired document by id."""
    for rd in repaired_corpus(root):
        if rd.id == doc_id:
            return rd
    raise KeyError(doc_id)
