"""The one record every finding takes, whichever analysis computes it.

A finding is a statement in English backed by verbatim quotes, each with its
document and offsets, so any finding can be checked against the text, shown
the same way in every notebook and on the index page, and exported.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sahel_analysis.coding.vocabulary import VIEWS

SOURCE_LAYERS = ("coding", "extract")  # curated by an analyst, or found by the machine
# The views in the order a finding takes them: a finding is as attributed as its least-owned quote.
VIEW_PRECEDENCE = ("reported_criticised", "reported", "author")


@dataclass(frozen=True)
class Evidence:
    """A verbatim quote from one document: `text[start:end] == quote_ar`, its English gloss and whose view it states.

    `view` is one of `coding.vocabulary.VIEWS` (the author's own, a view the
    author reports, or reports and then criticises), or empty where nobody coded it.
    """

    doc_id: str
    start: int
    end: int
    quote_ar: str
    paragraph: int
    gloss_en: str = ""
    view: str = ""


@dataclass(frozen=True)
class Finding:
    """A computed statement with its evidence.

    Attributes:
        statement_en: the finding in English, numbers already computed.
        evidence: the quotes that back it, in the order they are cited.
        source_layer: `coding` when it rests on curated codings, `extract`
            when on what the machine found.
        subject: the id of what the finding is about (an actor, a list item,
            a position), or empty.
        view: whose view the quotes state, one of `coding.vocabulary.VIEWS`.
    """

    statement_en: str
    evidence: tuple[Evidence, ...]
    source_layer: str
    subject: str = ""
    view: str = "author"

    def __post_init__(self) -> None:
        if self.source_layer not in SOURCE_LAYERS:
            raise ValueError(f"source_layer {self.source_layer!r} is not one of {SOURCE_LAYERS}")
        if self.view not in VIEWS:
            raise ValueError(f"view {self.view!r} is not one of {VIEWS}")

    @property
    def quote_ar(self) -> str:
        """The first quote (the one a one-line summary shows)."""
        return self.evidence[0].quote_ar if self.evidence else ""

    def __str__(self) -> str:
        if not self.evidence:
            return self.statement_en
        first = self.evidence[0]
        return f"{self.statement_en} — «{first.quote_ar}» (doc {first.doc_id}, paragraph {first.paragraph})"


def combined_view(views: Iterable[str]) -> str:
    """The view of a finding resting on quotes of these views: the least the author owns (`author` if none).

    >>> combined_view(["author", "reported_criticised", "reported"])
    'reported_criticised'
    """
    held = set(views)
    return next((v for v in VIEW_PRECEDENCE if v in held), "author")


def check_evidence(findings: Iterable[Finding], texts: dict[str, str]) -> list[str]:
    """Problems with the findings' quotes: each must be its document's text at its offsets.

    >>> f = Finding("x", (Evidence("d", 0, 3, "أمر", 0),), "coding")
    >>> check_evidence([f], {"d": "أمر شائك"})
    []
    >>> check_evidence([f], {"d": "شائك"})
    ['quote «أمر» is not at d[0:3]']
    """
    problems = []
    for finding in findings:
        for ev in finding.evidence:
            if texts.get(ev.doc_id, "")[ev.start : ev.end] != ev.quote_ar:
                problems.append(f"quote «{ev.quote_ar}» is not at {ev.doc_id}[{ev.start}:{ev.end}]")
    return problems


def findings_rows(findings: Sequence[Finding]) -> list[dict[str, object]]:
    """One row per finding (its first quote), for a table or an export."""
    return [
        {
            "finding": f.statement_en,
            "quote_ar": f.quote_ar,
            "doc_id": f.evidence[0].doc_id if f.evidence else "",
            "paragraph": f.evidence[0].paragraph if f.evidence else None,
            "subject": f.subject,
            "view": f.view,
            "source_layer": f.source_layer,
        }
        for f in findings
    ]
