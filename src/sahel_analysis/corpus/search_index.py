"""A search index over the corpus (SQLite FTS5), so a query reads only the documents that can hold it.

Keyword search must stay exact (diacritics, alef forms and clitics folded, words
whole), and exact matching needs the text; what grows with the corpus is reading
every text to find the few that match. The index keeps, per document, the set
of its normalised words together with each word stripped of the proclitics it
may carry, so a query word (itself without clitics) finds every document where
it stands alone or behind «و», «بال», «لل»…. The candidates are a superset of
the documents with a hit; the exact search then runs on those alone.

The index lives in the project's cache (`.cache/search-index.sqlite`), is
brought up to date incrementally (a document is re-indexed when its checksum or
the index version changes, and dropped when it leaves the catalog), and is safe
under concurrent runs and kills: every update is one SQLite transaction.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable
from contextlib import closing
from pathlib import Path

from sahel_analysis.text.normalize import PROCLITIC_STACKS, normalize_arabic

INDEX_FILE = Path(".cache") / "search-index.sqlite"
# Bump when what is indexed changes (the folds, the clitics, the tokens): every document is then re-indexed.
INDEX_VERSION = "1:" + ",".join(PROCLITIC_STACKS)
WORD = re.compile(r"[\w\u0600-\u06ff]+")
CLITICS = tuple(sorted({normalize_arabic(p) for p in PROCLITIC_STACKS}, key=len, reverse=True))
# What a word must keep after its clitics are stripped, so «ولد» is not also indexed as «د».
MIN_STEM = 2


def index_terms(text: str) -> set[str]:
    """The distinct normalised words of a text, each also without every proclitic stack it may start with."""
    terms: set[str] = set()
    for word in WORD.findall(normalize_arabic(text)):
        terms.add(word)
        terms.update(word[len(c) :] for c in CLITICS if word.startswith(c) and len(word) - len(c) >= MIN_STEM)
    return terms


def query_terms(query: str) -> list[str]:
    """The words a document must hold (as words or behind clitics) to be a candidate for `query`."""
    return WORD.findall(normalize_arabic(query))


def connect(path: Path) -> sqlite3.Connection:
    """Open (and create if need be) the index; concurrent writers wait for each other rather than fail."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, timeout=60)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE TABLE IF NOT EXISTS documents (doc_id TEXT PRIMARY KEY, sha256 TEXT, version TEXT)")
    db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS terms USING fts5(doc_id UNINDEXED, words)")
    return db


def update_index(
    path: Path, documents: Iterable[tuple[str, str]], text_of: Callable[[str], str]
) -> tuple[int, int]:
    """Bring the index in line with the catalog: (doc_id, sha256) pairs; `text_of(doc_id)` gives a text to index.

    Returns how many documents were (re)indexed and how many dropped. Only new
    or changed documents are read, so keeping the index current costs what the
    change costs, not what the corpus holds.
    """
    wanted = dict(documents)
    with closing(connect(path)) as db, db:
        held = {d: (s, v) for d, s, v in db.execute("SELECT doc_id, sha256, version FROM documents")}
        stale = [d for d, sha in wanted.items() if held.get(d) != (sha, INDEX_VERSION)]
        gone = [d for d in held if d not in wanted]
        for doc_id in [*stale, *gone]:
            db.execute("DELETE FROM terms WHERE doc_id = ?", (doc_id,))
            db.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))
        for doc_id in stale:
            words = " ".join(sorted(index_terms(text_of(doc_id))))
            db.execute("INSERT INTO terms (doc_id, words) VALUES (?, ?)", (doc_id, words))
            db.execute("INSERT INTO documents VALUES (?, ?, ?)", (doc_id, wanted[doc_id], INDEX_VERSION))
    return len(stale), len(gone)


def candidates(path: Path, query: str) -> set[str] | None:
    """The documents that hold every word of `query`; None when the query has no word the index knows how to ask."""
    words = query_terms(query)
    if not words or min(map(len, words)) < MIN_STEM:  # a one-letter word is not indexed behind its clitics
        return None
    match = " AND ".join('"' + w.replace('"', '""') + '"' for w in words)
    with closing(connect(path)) as db:
        return {
            row[0] for row in db.execute("SELECT doc_id FROM terms WHERE terms MATCH ?", (f"words: {match}",))
        }
