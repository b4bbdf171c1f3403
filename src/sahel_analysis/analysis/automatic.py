"""What the library finds in any document on its own: mentions, candidate actors, dates, lists.

The two seeds also have curated data (events, stances, coded lists); a
document added with `sahel-analysis add` has only this. Notebook 07 shows both
side by side for every document in the catalog, so a new document appears in
the report without editing a notebook.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from sahel_analysis.analysis import lists, positions
from sahel_analysis.analysis.store import AutomaticAnalysis, analysis_of, stored_analyses
from sahel_analysis.corpus.catalog import Document, sha256_of
from sahel_analysis.corpus.repaired import RepairedDocument, repair_document
from sahel_analysis.extract import discovery
from sahel_analysis.extract.gazetteer import load_gazetteer

__all__ = ["AutomaticAnalysis", "analyse", "coverage_table"]


def analyse(rd: RepairedDocument) -> AutomaticAnalysis:
    """Everything found automatically in one document: from the corpus store, computed and stored if missing."""
    return analysis_of(rd)


def _curated_counts(corpus: Sequence[RepairedDocument]) -> dict[str, Counter]:
    counts: dict[str, Counter] = {rd.id: Counter() for rd in corpus}
    for row in positions.event_rows(corpus):
        counts[row["doc_id"]]["events"] += 1
    for row in positions.position_rows(corpus):
        counts[row["doc_id"]]["stances"] += 1
    for row in lists.list_item_rows(corpus):
        counts[row["doc_id"]]["list items"] += 1
    return counts


def coverage_table(corpus: Sequence[RepairedDocument]) -> list[dict[str, object]]:
    """One row per document: what was found automatically, and what is curated."""
    curated = _curated_counts(corpus)
    rows = []
    for rd, found in zip(corpus, stored_analyses(corpus), strict=True):
        rows.append(
            {
                "doc_id": rd.id,
                "source form": rd.structure.source_form,
                "actor mentions (auto)": len(found.mentions),
                "distinct actors (auto)": len({m.actor_id for m in found.mentions}),
                "candidate new actors (auto)": len(found.candidates),
                "dates (auto)": len(found.dates),
                "lists (auto)": len(found.enumerations),
                "events (curated)": curated[rd.id]["events"],
                "stances (curated)": curated[rd.id]["stances"],
                "list items (curated)": curated[rd.id]["list items"],
            }
        )
    return rows


def top_actors(found: AutomaticAnalysis, n: int = 10) -> list[dict[str, object]]:
    """The actors mentioned most often in a document, with their names in both languages."""
    gaz = load_gazetteer()
    counts = Counter(m.actor_id for m in found.mentions)
    rows = []
    for actor_id, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]:
        actor = gaz.actor(actor_id)
        rows.append(
            {"actor": actor.name_en, "Arabic": actor.name_ar, "type": actor.actor_type, "mentions": count}
        )
    return rows


def candidate_rows(found: AutomaticAnalysis) -> list[dict[str, object]]:
    """Candidate actors the gazetteer lacks, each once, best ranked first, with how it was found."""
    return [
        {"candidate": c.surface, "found by": c.pattern, "kind": c.kind, "first offset": c.start, "times": times,
         "score": score}
        for c, times, score in discovery.ranked_candidates(found.candidates)
    ]  # fmt: skip


def date_rows(rd: RepairedDocument, found: AutomaticAnalysis, width: int = 90) -> list[dict[str, object]]:
    """Each date found, its ISO reading and precision, and the sentence it came from."""
    rows = []
    for d in found.dates:
        sentence = rd.sentence_at(d.start).text
        rows.append(
            {
                "date": d.surface,
                "from": d.date_start,
                "to": d.date_end,
                "precision": d.precision,
                "sentence": sentence[:width],
            }
        )
    return rows


def enumeration_rows(found: AutomaticAnalysis) -> list[dict[str, object]]:
    """Each list found: how it is marked, its items, and whether an announced count was met."""
    rows = []
    for e in found.enumerations:
        check = e.count_check
        rows.append(
            {
                "list": e.list_id,
                "kind": e.kind,
                "announced": check.announced if check.announced is not None else "",
                "found": check.found,
                "count ok": check.ok,
                "first item": e.items[0].text[:60] if e.items else "",
            }
        )
    return rows


def uncatalogued(doc_id: str, title: str, text: str) -> RepairedDocument:
    """A document held only in memory (not added to seeds/), to try the analysis on it."""
    data = text.encode("utf-8")
    doc = Document(
        id=doc_id,
        file=f"{doc_id}.txt",
        sha256=sha256_of(data),
        language="ar",
        title_ar=title,
        title_en=title,
        author_ar="not stated",
        author_en="not stated",
        author_role="not stated",
        source_form="logical",
        origin="held in memory for a demonstration",
        terms="not stated",
        raw_text=text,
    )
    return repair_document(doc)


def found_names(found: AutomaticAnalysis) -> Iterable[str]:
    """Actor ids found, sorted (for short summaries and tests)."""
    return sorted({m.actor_id for m in found.mentions})
