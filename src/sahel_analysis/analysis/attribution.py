"""Whose view a quoted passage states: the author's own, one the author reports, or one the author reports and criticises.

Stances, aims and claims carry their view in the coding. A coded list item has
none of its own: it takes the view of the coded stance or claim whose quote it
overlaps (a claim, which codes the author's argument, before a stance or aim),
else the view its list's other items share, else the author's. So a list of
«the supporters' arguments» is never read as the author's own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from sahel_analysis.coding.lists import CodedList
from sahel_analysis.coding.stances import aims, claims, positions
from sahel_analysis.package_data import load_yaml

AUTHOR = "author"


@dataclass(frozen=True)
class AttributedSpan:
    """A coded quote whose view the coding states."""

    doc_id: str
    start: int
    end: int
    view: str
    item_id: str
    rank: int = (
        0  # 0 for a claim, 1 for a stance or aim: where both hold a passage, the claim says whose it is
    )


@cache
def view_phrases() -> dict[str, str]:
    """How findings say each view («as the author reports»), from data/questions.yaml."""
    return dict(load_yaml("questions.yaml")["views"])


def view_phrase(view: str) -> str:
    """The phrase a finding uses for a view (the author's, for an item nobody attributed)."""
    return view_phrases()[view or AUTHOR]


def attributed_spans(corpus) -> tuple[AttributedSpan, ...]:
    """Every coded stance, aim and claim that states its view, with where its quote stands."""
    ranked = [*((c, 0) for c in claims(corpus)), *((i, 1) for i in (*positions(corpus), *aims(corpus)))]
    return tuple(AttributedSpan(i.doc_id, i.start, i.end, i.view, i.id, r) for i, r in ranked if i.view)


def view_at(spans: Iterable[AttributedSpan], doc_id: str, start: int, end: int) -> str:
    """The view of the attributed quote overlapping text[start:end] of `doc_id` (claims first, then the narrowest), or "".

    >>> spans = [AttributedSpan("d", 0, 50, "author", "c1"), AttributedSpan("d", 10, 20, "reported", "p1", 1)]
    >>> view_at(spans, "d", 12, 14), view_at(spans, "d", 30, 40), view_at(spans, "d", 60, 70)
    ('author', 'author', '')
    """
    over = [s for s in spans if s.doc_id == doc_id and s.start < end and start < s.end]
    return min(over, key=lambda s: (s.rank, s.end - s.start, s.item_id)).view if over else ""


def list_item_views(coded: Sequence[CodedList], spans: Sequence[AttributedSpan]) -> dict[str, str]:
    """Each coded list item's view, by item id: its own quote's, else the one its list's items share, else the author's."""
    out = {}
    for cl in coded:
        own = {i.item_id: view_at(spans, i.doc_id, i.start, i.end) for i in cl.items}
        shared = {v for v in own.values() if v}
        fallback = shared.pop() if len(shared) == 1 else AUTHOR
        out.update({item_id: view or fallback for item_id, view in own.items()})
    return out
