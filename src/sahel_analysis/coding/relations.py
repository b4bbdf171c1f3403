"""The relations between actors the documents state: each coding's `relations`, beside any a user gazetteer keeps.

A relation belongs to the document that states it, so the seeds' relations are
coded in `coding/<doc_id>.yaml` like their events and stances; the package
gazetteer keeps only actors and their forms. Figures, tables and relations.csv
read them all through `stated_relations`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sahel_analysis.coding.store import coded_items
from sahel_analysis.extract.gazetteer import Gazetteer, Relation, load_gazetteer


@dataclass(frozen=True)
class CodedRelation(Relation):
    """A relation one document's coding states, with its id and who coded it."""

    id: str = ""
    status: str = "reviewed"
    coded_by: str = "analyst"


def coded_relations(*, include_automatic: bool = False) -> list[dict]:
    """The relations of the project's codings, as coded (reviewed ones unless `include_automatic`)."""
    return coded_items("relations", include_automatic=include_automatic)


def stated_relations(
    gazetteer: Gazetteer | None = None, *, include_automatic: bool = False
) -> tuple[Relation, ...]:
    """Every relation a document states: the gazetteer's (a user gazetteer may keep some), then the codings'."""
    gaz = gazetteer or load_gazetteer()
    coded = tuple(
        CodedRelation(
            r["source_id"],
            r["relation"],
            r["target_id"],
            r["doc_id"],
            r["quote_ar"],
            r.get("note", ""),
            id=r["id"],
            status=r["status"],
            coded_by=r["coded_by"],
        )
        for r in coded_relations(include_automatic=include_automatic)
    )
    return (*gaz.relations(), *coded)
