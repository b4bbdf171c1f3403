"""The corpus as analyses see it: each document repaired, structured, with sentences and offsets.

Every analysis reads `repaired_corpus()`: offsets, quotes and paragraph numbers
all refer to `RepairedDocument.text`, the text `sahel-analysis repair` prints.
"""

from __future__ import annotations

import hashlib
import json
import re
from bisect import bisect_right
from dataclasses import asdict, dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

from ._atomic import replace_atomically
from .corpus import Document, find_project_root, load_corpus
from .repair import Detection
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


CACHE_DIR = Path(".cache") / "repair"
# The code and data that decide a repair: a change to any of them invalidates the cache.
# (Besides these files, every module of the `extraction` package: see `_code_fingerprint`.)
_REPAIR_SOURCES = ("repair.py", "lexicon.py", "structure.py", "normalize.py")


@cache
def _code_fingerprint() -> str:
    digest = hashlib.sha256()
    package = files("sahel_analysis")
    for name in _REPAIR_SOURCES:
        resource = package.joinpath(name)
        if resource.is_file():
            digest.update(resource.read_bytes())
    for resource in sorted(package.joinpath("extraction").iterdir(), key=lambda r: r.name):
        if resource.name.endswith(".py"):
            digest.update(resource.read_bytes())
    for resource in sorted(package.joinpath("data").iterdir(), key=lambda r: r.name):
        if resource.name.endswith(".yaml"):
            digest.update(resource.read_bytes())
    return digest.hexdigest()[:16]


def _to_json(structure: StructuredDocument) -> str:
    return json.dumps(asdict(structure), ensure_ascii=False)


def _from_json(text: str) -> StructuredDocument:
    data = json.loads(text)
    return StructuredDocument(
        source_form=data["source_form"],
        detection=Detection(**{**data["detection"], "line_scores": tuple(data["detection"]["line_scores"])}),
        paragraphs=tuple(Paragraph(**{**p, "raw_lines": tuple(p["raw_lines"])}) for p in data["paragraphs"]),
        metadata=data["metadata"],
        lines=tuple((n, t) for n, t in data["lines"]),
    )


@cache
def _repair_cached(sha256: str, raw_text: str, cache_dir: Path | None) -> StructuredDocument:
    """Repair a raw text, reusing a repair stored on disk by an earlier process.

    Repairing a visual-order document takes seconds, and every notebook kernel
    needs every document: the cache is keyed by the seed's checksum and a
    fingerprint of the repair code and data, so it can never serve a stale text.
    """
    path = cache_dir / f"{sha256[:16]}-{_code_fingerprint()}.json" if cache_dir else None
    if path is not None and path.is_file():
        return _from_json(path.read_text(encoding="utf-8"))
    structure = build_structure(raw_text)
    if path is not None:
        replace_atomically(path, lambda tmp: tmp.write_text(_to_json(structure), encoding="utf-8"))
    return structure


def repair_document(doc: Document, cache_dir: Path | None = None) -> RepairedDocument:
    """Repair and structure one document (cached by checksum in memory, and on disk if given)."""
    structure = _repair_cached(doc.sha256, doc.raw_text, cache_dir)
    return RepairedDocument(doc, structure, structure.as_text())


def repaired_corpus(root: Path | str | None = None) -> tuple[RepairedDocument, ...]:
    """Every catalogued document, repaired, in catalog order."""
    project = Path(root) if root is not None else find_project_root()
    cache_dir = project / CACHE_DIR
    return tuple(repair_document(d, cache_dir) for d in load_corpus(project))


def repaired(doc_id: str, root: Path | str | None = None) -> RepairedDocument:
    """One repaired document by id."""
    for rd in repaired_corpus(root):
        if rd.id == doc_id:
            return rd
    raise KeyError(doc_id)
