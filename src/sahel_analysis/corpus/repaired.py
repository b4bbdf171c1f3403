"""The corpus as analyses see it: each document repaired, structured, with sentences and offsets.

Every analysis reads `repaired_corpus()`: offsets, quotes and paragraph numbers
all refer to `RepairedDocument.text`, the text `sahel-analysis repair` prints.
"""

from __future__ import annotations

import hashlib
import json
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import cache, cached_property
from importlib.metadata import version
from importlib.resources import files
from pathlib import Path

from sahel_analysis.atomic import replace_atomically
from sahel_analysis.corpus.catalog import Document, find_project_root, load_corpus
from sahel_analysis.repair.detect import Detection
from sahel_analysis.repair.structure import Paragraph, StructuredDocument, build_structure
from sahel_analysis.text.sentences import Span, split_sentences


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

    @cached_property
    def paragraph_starts(self) -> tuple[int, ...]:
        """Where each paragraph starts, computed once: lookups by offset bisect it."""
        return tuple(p.start for p in self.paragraphs)

    def paragraph_index(self, offset: int) -> int:
        """Index of the paragraph that holds character `offset`."""
        return max(0, bisect_right(self.paragraph_starts, offset) - 1)

    @cached_property
    def sentence_spans(self) -> tuple[Span, ...]:
        """The sentences, split once: an analysis asks for them once per finding (linear time, not quadratic)."""
        return tuple(split_sentences(self.text, [(p.start, p.end) for p in self.paragraphs]))

    @cached_property
    def sentence_starts(self) -> tuple[int, ...]:
        return tuple(span.start for span in self.sentence_spans)

    def sentences(self) -> tuple[Span, ...]:
        """The document's sentences, never crossing a paragraph boundary."""
        return self.sentence_spans

    def sentence_at(self, offset: int) -> Span:
        """The sentence that holds character `offset`."""
        spans = self.sentence_spans
        k = bisect_right(self.sentence_starts, offset) - 1
        if k >= 0 and spans[k].start <= offset < spans[k].end:
            return spans[k]
        for span in spans:  # sentences out of order (never seen): the first that holds it
            if span.start <= offset < span.end:
                return span
        raise ValueError(f"offset {offset} is outside document {self.id}")

    def raw_lines_of(self, offset: int) -> tuple[int, ...]:
        """Raw line numbers of the paragraph holding `offset`: where a quote comes from."""
        return self.paragraphs[self.paragraph_index(offset)].raw_lines


CACHE_DIR = Path(".cache") / "repair"
# The layers whose code decides a repair; the data files they name are hashed with them.
REPAIR_PACKAGES = ("text", "repair")
DATA_NAME_RE = re.compile(r"[\"'](?:data/)?([\w-]+\.(?:yaml|json))[\"']")


@cache
def code_fingerprint() -> str:
    """A short hash of everything that decides a repair, so a cached repair is never stale.

    That is every module of the `text` and `repair` layers, every package data
    file those modules name, and the wordfreq version behind the lexicon; no
    file list is kept by hand.
    """
    digest = hashlib.sha256()
    package = files("sahel_analysis")
    data_names: set[str] = set()
    for source in hash_layers(digest, REPAIR_PACKAGES):
        data_names.update(DATA_NAME_RE.findall(source.decode("utf-8")))
    for name in sorted(data_names):
        resource = package.joinpath("data", name)
        if resource.is_file():
            digest.update(name.encode() + b"\0" + resource.read_bytes())
    digest.update(version("wordfreq").encode())
    return digest.hexdigest()[:16]


def hash_layers(digest, layers: Sequence[str]) -> list[bytes]:
    """Feed every module of the package's `layers` into `digest`, by name, in a fixed order; return their sources.

    The one way a cache key covers code: the repair cache and the corpus store both use it.
    """
    package = files("sahel_analysis")
    sources = []
    for layer in layers:
        for name, source in sorted(python_sources(package.joinpath(layer), f"{layer}/"), key=lambda r: r[0]):
            digest.update(name.encode() + b"\0" + source)
            sources.append(source)
    return sources


def python_sources(folder, prefix: str = "") -> list[tuple[str, bytes]]:
    """(relative name, bytes) of every `.py` file under `folder`, recursively."""
    out = []
    for resource in folder.iterdir():
        if resource.is_dir() and resource.name != "__pycache__":
            out += python_sources(resource, f"{prefix}{resource.name}/")
        elif resource.name.endswith(".py"):
            out.append((f"{prefix}{resource.name}", resource.read_bytes()))
    return out


def structure_to_json(structure: StructuredDocument) -> str:
    """A structure as JSON text, exactly as `structure_from_json` reads it back."""
    return json.dumps(asdict(structure), ensure_ascii=False)


def structure_from_json(text: str) -> StructuredDocument:
    """The structure `structure_to_json` wrote."""
    data = json.loads(text)
    return StructuredDocument(
        source_form=data["source_form"],
        detection=Detection(**{**data["detection"], "line_scores": tuple(data["detection"]["line_scores"])}),
        paragraphs=tuple(Paragraph(**{**p, "raw_lines": tuple(p["raw_lines"])}) for p in data["paragraphs"]),
        metadata=data["metadata"],
        lines=tuple((n, t) for n, t in data["lines"]),
    )


def repair_cache_path(sha256: str, cache_dir: Path) -> Path:
    """Where the repair of a raw text of this checksum, by this version of the code, is kept."""
    return cache_dir / f"{sha256[:16]}-{code_fingerprint()}.json"


def keep_repair(sha256: str, structure_json: str, cache_dir: Path) -> None:
    """Keep a repair made elsewhere (on a Dask worker) in the cache, unless one is there already."""
    path = repair_cache_path(sha256, cache_dir)
    if not path.is_file():
        replace_atomically(path, lambda tmp: tmp.write_text(structure_json, encoding="utf-8"))


@cache
def _repair_cached(sha256: str, raw_text: str, cache_dir: Path | None) -> StructuredDocument:
    """Repair a raw text, reusing a repair stored on disk by an earlier process.

    Repairing a visual-order document takes seconds, and every notebook kernel
    needs every document: the cache is keyed by the seed's checksum and a
    fingerprint of the repair code and data, so it can never serve a stale text.
    """
    path = repair_cache_path(sha256, cache_dir) if cache_dir else None
    if path is not None and path.is_file():
        return structure_from_json(path.read_text(encoding="utf-8"))
    structure = build_structure(raw_text)
    if path is not None:
        replace_atomically(path, lambda tmp: tmp.write_text(structure_to_json(structure), encoding="utf-8"))
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
