"""Tables over the enumerations and the coded lists of any corpus: agreement, counts, actors and themes.

The extractor's lists (`extract.enumerations`) and the analysts' coded lists
(`coding.lists`) meet here: where the extractor finds a list, the coded list
must agree with it in count. The tables feed the notebooks, the figures and
`list_items.csv`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

import pandas as pd

from sahel_analysis.analysis import actors
from sahel_analysis.analysis.themes import theme_frame
from sahel_analysis.coding.lists import (
    CATEGORIES,
    SUMMARY_EXCLUDED_ROLES,
    CodedList,
    coded_lists,
    list_data,
)
from sahel_analysis.extract.enumeration_cues import fold
from sahel_analysis.extract.enumerations import Enumeration, extract_all_lists


def _overlaps(a, b) -> bool:
    return a.start < b.end and b.start < a.end


def matching_enumeration(coded: CodedList, found: Iterable[Enumeration]) -> Enumeration | None:
    """The extracted list that holds most of a coded list's items (and is mostly covered by them), if any."""
    best, best_score = None, 0
    for e in found:
        if e.doc_id != coded.doc_id:
            continue
        hits = sum(any(_overlaps(c, i) for i in e.items) for c in coded.items)
        covered = sum(any(_overlaps(c, i) for c in coded.items) for i in e.items)
        if 2 * hits > len(coded.items) and 2 * covered > len(e.items) and hits > best_score:
            best, best_score = e, hits
    return best


@dataclass(frozen=True)
class Agreement:
    """How a coded list and the extractor's list compare."""

    list_id: str
    doc_id: str
    title_en: str
    n_coded: int
    extracted_id: str
    n_extracted: int | None
    announced: int | None
    count_status: str

    @property
    def agrees(self) -> bool | None:
        """True/False when the extractor found the list, None when it did not."""
        return None if self.n_extracted is None else self.n_extracted == self.n_coded


def agreement(corpus) -> tuple[Agreement, ...]:
    """Each coded list beside the extracted list it corresponds to (if the extractor found one)."""
    found = extract_all_lists(corpus)
    out = []
    for cl in coded_lists(corpus):
        e = matching_enumeration(cl, found)
        out.append(
            Agreement(
                cl.list_id,
                cl.doc_id,
                cl.title_en,
                len(cl),
                e.list_id if e else "",
                len(e) if e else None,
                e.count_check.announced if e else None,
                e.count_check.status if e else "",
            )
        )
    return tuple(out)


def list_item_rows(corpus, *, include_automatic: bool = False) -> list[dict[str, object]]:
    """Rows of `list_items.csv`: every coded item, in list order (the CONTRACT columns first); drafts too if `include_automatic`."""
    found = extract_all_lists(corpus)
    docs = {rd.id: rd for rd in corpus}
    rows = []
    for cl in coded_lists(corpus, include_automatic=include_automatic):
        e = matching_enumeration(cl, found)
        rd = docs[cl.doc_id]
        for item in cl.items:
            rows.append(
                {
                    "doc_id": item.doc_id,
                    "list_id": item.list_id,
                    "item_no": item.item_no,
                    "text_ar": item.text,
                    "gloss_en": item.gloss_en,
                    "category": item.category,
                    "actor_ids": "|".join(item.actor_ids),
                    "list_title_en": cl.title_en,
                    "role": cl.role,
                    "start": item.start,
                    "end": item.end,
                    "paragraph": rd.paragraph_index(item.start),
                    "extracted_list_id": e.list_id if e else "",
                    "coded_by": cl.coded_by,
                }
            )
    return rows


# --------------------------------------------------------------------------- tables for notebooks


def items_table(corpus, *, doc_id: str | None = None, roles: Sequence[str] | None = None):
    """The coded items as a DataFrame (one row per item), optionally for one document or some roles."""
    rows = list_item_rows(corpus)
    df = pd.DataFrame(rows)
    if doc_id is not None:
        df = df[df["doc_id"] == doc_id]
    if roles is not None:
        df = df[df["role"].isin(list(roles))]
    return df.reset_index(drop=True)


def category_counts(corpus, *, doc_id: str | None = None, by: str = "list_id"):
    """Items per category, one row per list (or per document with `by="doc_id"`), categories as columns.

    Lists that are only structure or detail (sections, memberships, sub-lists)
    are left out, so each argument is counted once.
    """
    df = items_table(corpus, doc_id=doc_id)
    df = df[~df["role"].isin(SUMMARY_EXCLUDED_ROLES)]
    table = df.groupby([by, "category"]).size().unstack(fill_value=0)
    table = table.reindex(columns=[c for c in CATEGORIES if c in table.columns])
    order = list(dict.fromkeys(df[by]))
    return table.reindex(order)


def list_summary(corpus, *, doc_id: str | None = None):
    """One row per coded list: title, role, items, extractor agreement and the announced count."""
    rows = [
        {
            "list_id": a.list_id,
            "doc_id": a.doc_id,
            "title_en": a.title_en,
            "items": a.n_coded,
            "extracted_as": a.extracted_id or "—",
            "extracted_items": a.n_extracted if a.n_extracted is not None else "—",
            "announced_in_words": a.announced if a.announced is not None else "—",
            "agrees": {True: "yes", False: "NO", None: "not extracted"}[a.agrees],
        }
        for a in agreement(corpus)
        if doc_id is None or a.doc_id == doc_id
    ]
    return pd.DataFrame(rows).set_index("list_id")


def enumeration_table(corpus, *, doc_id: str | None = None):
    """One row per extracted list: kind, items, the count check and any warning."""
    rows = [
        {
            "list_id": e.list_id,
            "doc_id": e.doc_id,
            "kind": e.kind,
            "items": len(e),
            "count_check": str(e.count_check),
            "first_item": e.items[0].text[:60],
            "warnings": "; ".join(e.warnings),
        }
        for e in extract_all_lists(corpus)
        if doc_id is None or e.doc_id == doc_id
    ]
    return pd.DataFrame(rows).set_index("list_id")


def coded_list(corpus, list_id: str):
    """One coded list as a DataFrame: item number, Arabic, gloss, category and actors."""
    for cl in coded_lists(corpus):
        if cl.list_id == list_id:
            return pd.DataFrame(
                [
                    {
                        "item_no": i.item_no,
                        "text_ar": i.text,
                        "gloss_en": i.gloss_en,
                        "category": i.category,
                        "actor_ids": ", ".join(i.actor_ids),
                    }
                    for i in cl.items
                ]
            ).set_index("item_no")
    raise KeyError(list_id)


def actors_by_list(corpus, *, doc_id: str | None = None):
    """Which actors each list's items involve: one row per (list, actor), with the item numbers."""
    rows = []
    for cl in coded_lists(corpus):
        if doc_id is not None and cl.doc_id != doc_id:
            continue
        seen: dict[str, list[int]] = {}
        for item in cl.items:
            for actor in item.actor_ids:
                seen.setdefault(actor, []).append(item.item_no)
        for actor, nos in seen.items():
            rows.append({"list_id": cl.list_id, "actor_id": actor, "items": ", ".join(map(str, nos))})
    return pd.DataFrame(rows, columns=["list_id", "actor_id", "items"])


# --------------------------------------------------------------------------- across documents


def count_negotiation_words(text: str) -> int:
    """How many words of `text` speak of negotiating, dialogue, talks or mediation.

    >>> count_negotiation_words("أعلن فتح الحوار والمفاوضات مع الوسيط.")
    3
    """
    stems = [fold(s) for s in list_data()["negotiation_stems"]]
    return sum(any(stem in fold(word) for stem in stems) for word in text.split())


def instruments_by_document(corpus, roles: Sequence[str] = ("instrument",)):
    """Coded items of the given roles per category (rows) and document (columns), zeros included."""
    df = items_table(corpus, roles=roles)
    table = df.groupby(["category", "doc_id"]).size().unstack(fill_value=0)
    table = table.reindex(index=list(CATEGORIES), columns=sorted(df["doc_id"].unique()), fill_value=0)
    return table


def named_actor_sets(corpus) -> dict[str, set[str]]:
    """The actors each document names (its actor mentions, leaving out actors of type `other`)."""
    types = {r["actor_id"]: r["actor_type"] for r in actors.actor_rows(corpus)}
    sets: dict[str, set[str]] = {rd.id: set() for rd in corpus}
    for row in actors.mention_rows(corpus):
        if types.get(row["actor_id"], "other") != "other":
            sets[str(row["doc_id"])].add(row["actor_id"])
    return sets


@dataclass(frozen=True)
class ActorOverlap:
    """The named actors two documents share, and those only one of the two names."""

    doc_a: str
    doc_b: str
    shared: tuple[str, ...]
    only_a: tuple[str, ...]
    only_b: tuple[str, ...]

    @property
    def n_actors(self) -> int:
        """How many actors the two documents name between them."""
        return len(self.shared) + len(self.only_a) + len(self.only_b)


def pair_overlap(sets: Mapping[str, set[str]], doc_a: str, doc_b: str) -> ActorOverlap:
    """What two documents share, from their actor sets alone: no other document changes it."""
    a, b = sets[doc_a], sets[doc_b]
    return ActorOverlap(doc_a, doc_b, tuple(sorted(a & b)), tuple(sorted(a - b)), tuple(sorted(b - a)))


def pairwise_overlaps(corpus) -> tuple[ActorOverlap, ...]:
    """The overlap of every pair of documents, in corpus order."""
    sets = named_actor_sets(corpus)
    return tuple(pair_overlap(sets, a, b) for a, b in combinations(sets, 2))


def pairwise_overlap_table(corpus):
    """One row per pair of documents: the named actors they share and those only one of them names."""
    rows = [
        {
            "doc_a": o.doc_a,
            "doc_b": o.doc_b,
            "actors": o.n_actors,
            "shared": len(o.shared),
            "only_a": len(o.only_a),
            "only_b": len(o.only_b),
            "shared_actors": ", ".join(o.shared),
        }
        for o in pairwise_overlaps(corpus)
    ]
    columns = ["doc_a", "doc_b", "actors", "shared", "only_a", "only_b", "shared_actors"]
    return pd.DataFrame(rows, columns=columns)


def documents_naming(sets: Mapping[str, set[str]]) -> dict[str, tuple[str, ...]]:
    """For each actor the documents name, the documents naming it, in the order of `sets`."""
    out: dict[str, list[str]] = {}
    for doc, named in sets.items():
        for actor in named:
            out.setdefault(actor, []).append(doc)
    return {actor: tuple(docs) for actor, docs in sorted(out.items())}


def shared_named_actors(sets: Mapping[str, set[str]]) -> tuple[str, ...]:
    """Actors more than one of the documents names, most widely named first (ties by id).

    Shared means named by more than one document, never by all of them, so
    what two documents share stays true when a third is added.
    """
    naming = documents_naming(sets)
    return tuple(sorted((a for a, d in naming.items() if len(d) > 1), key=lambda a: (-len(naming[a]), a)))


def named_only_by(sets: Mapping[str, set[str]]) -> dict[str, tuple[str, ...]]:
    """For each document, the actors no other of the documents names."""
    naming = documents_naming(sets)
    return {d: tuple(sorted(a for a in named if naming[a] == (d,))) for d, named in sets.items()}


def overlap_label(present: Sequence[str], n_documents: int) -> str:
    """Where an actor is named: «017 only», «both» (every one of two documents) or «3 documents».

    >>> overlap_label(["017"], 4), overlap_label(["017", "023"], 2), overlap_label(["017", "023"], 5)
    ('017 only', 'both', '2 documents')
    """
    if len(present) == 1:
        return f"{present[0]} only"
    return "both" if len(present) == n_documents == 2 else f"{len(present)} documents"


def actor_overlap(corpus):
    """Which documents name each named actor (one row per actor, sorted).

    `where` says «<id> only» for an actor one document names, «both» when the
    corpus holds two documents and both name it, else how many documents do:
    shared means named by more than one document, whatever the corpus size.
    """
    sets = named_actor_sets(corpus)
    naming = documents_naming(sets)
    rows = [
        {
            "actor_id": actor,
            **{f"in_{d}": actor in sets[d] for d in sets},
            "where": overlap_label(present, len(sets)),
            "n_documents": len(present),
            "source": "actor mentions",
        }
        for actor, present in naming.items()
    ]
    return pd.DataFrame(rows)


def actor_matrix(corpus, doc_id: str):
    """Actors (rows) by coded list (columns): the numbers of the items that involve each actor."""
    cls = [cl for cl in coded_lists(corpus) if cl.doc_id == doc_id and cl.role not in SUMMARY_EXCLUDED_ROLES]
    cells: dict[str, dict[str, str]] = {}
    for cl in cls:
        for item in cl.items:
            for actor in item.actor_ids:
                row = cells.setdefault(actor, {})
                row[cl.list_id] = (
                    f"{row[cl.list_id]}, {item.item_no}" if cl.list_id in row else str(item.item_no)
                )
    columns = [cl.list_id for cl in cls]
    df = pd.DataFrame.from_dict(cells, orient="index").reindex(columns=columns).fillna("")
    df.columns = [c.removeprefix(f"{doc_id}_") for c in columns]
    df["items"] = [sum(len(v.split(", ")) for v in row if v) for row in df.drop(columns=[]).values.tolist()]
    return df.sort_values("items", ascending=False, kind="stable").rename_axis("actor_id")


def group_relations(corpus, doc_id: str):
    """The stated relations (actors gazetteer) of the armed groups a document's threat lists name."""

    groups = {
        a
        for cl in coded_lists(corpus)
        if cl.doc_id == doc_id and cl.role == "threat"
        for i in cl.items
        for a in i.actor_ids
    }
    rel = actors.relation_table(corpus)
    rel = rel[(rel["doc_id"] == doc_id) & (rel["source_id"].isin(groups) | rel["target_id"].isin(groups))]
    return rel[["source_id", "relation", "target_id", "quote_ar"]].reset_index(drop=True)


def theme_comparison(corpus):
    """Where the documents a theme compares agree and differ, each side with its gloss, quote, paragraph and view.

    A theme names its documents in the data, so adding a document changes no row
    (computed by `analysis.themes`).
    """
    return theme_frame(corpus)
