"""Keyword in context across the corpus, blind to diacritics, alef forms and attached clitics."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sahel_analysis.corpus.catalog import load_corpus
from sahel_analysis.corpus.repaired import CACHE_DIR, RepairedDocument, code_fingerprint, repair_document
from sahel_analysis.corpus.search_index import INDEX_FILE, candidates, update_index
from sahel_analysis.errors import SahelError
from sahel_analysis.text.normalize import PROCLITIC_STACKS, normalize_arabic, normalize_with_offsets

WORD_CHAR = r"[\w\u0600-\u06ff]"


@dataclass(frozen=True)
class Hit:
    """One occurrence of the query: where it is and the text around it, in logical order."""

    doc_id: str
    start: int
    end: int
    surface: str
    left: str
    right: str


def pattern(query: str) -> re.Pattern:
    """A regex over normalised text: optional proclitics, the query, a word boundary after."""
    norm = normalize_arabic(query.strip())
    words = [re.escape(w) for w in norm.split()]
    if not words:
        raise SahelError(
            "QUERY", "the query has no letters (search ignores diacritics and tatweel): give a word to find"
        )
    clitics = "|".join(sorted({normalize_arabic(p) for p in PROCLITIC_STACKS}, key=len, reverse=True))
    body = r"\s+".join(words)
    return re.compile(rf"(?<!{WORD_CHAR})(?:{clitics})?{body}(?!{WORD_CHAR})")


def search(corpus: Iterable[RepairedDocument], query: str, width: int = 40) -> list[Hit]:
    """Find `query` in every document, insensitive to diacritics, alef forms and clitics.

    Offsets and context come from the repaired text itself, so a hit can be cited.
    """
    found = pattern(query)
    hits = []
    for rd in corpus:
        norm = normalize_with_offsets(rd.text)
        for m in found.finditer(norm.text):
            start, end = norm.span(m.start(), m.end())
            left = rd.text[max(0, start - width) : start].replace("\n", " ")
            right = rd.text[end : end + width].replace("\n", " ")
            hits.append(Hit(rd.id, start, end, rd.text[start:end], left, right))
    return hits


def format_hit(hit: Hit, display=None) -> str:
    """One line: document, offset and the context. `display` may reshape it for a terminal."""
    line = f"{hit.left}[{hit.surface}]{hit.right}"
    if display is not None:
        line = display(line)
    return f"{hit.doc_id}\t{hit.start}\t{line}"


def indexed_search(root: Path, query: str, width: int = 40) -> list[Hit]:
    """`search` over a project's corpus, reading only the documents the search index names as candidates.

    The index (`corpus.search_index`) is brought up to date first, reading only
    new or changed documents, so the hits are exactly those of a full scan.
    """
    pattern(query)  # a query with nothing to find fails before the corpus is read
    root = Path(root)
    cache_dir = root / CACHE_DIR
    docs = {d.id: d for d in load_corpus(root)}
    index = root / INDEX_FILE
    # a document is re-indexed when its bytes or the repair code change: either changes its repaired text
    versions = ((d.id, f"{d.sha256}:{code_fingerprint()}") for d in docs.values())
    update_index(index, versions, lambda i: repair_document(docs[i], cache_dir).text)
    found = candidates(index, query)
    chosen = [d for d in docs.values() if found is None or d.id in found]
    return search((repair_document(d, cache_dir) for d in chosen), query, width)
