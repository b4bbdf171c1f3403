"""Sentences of Arabic text with their character offsets.

Sentence boundaries are a text fact every layer above needs (lists, actors,
dates), so they live beside normalisation rather than in the corpus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at . ! ? ؟ followed by space or end, unless the full stop closes
# a one-letter label or abbreviation (أ. ب. د.).
SENTENCE_END_RE = re.compile(r"(?<![\s(«][\u0621-\u064a])(?<!^[\u0621-\u064a])[.!?\u061f](?=[\s»)]|$)")


@dataclass(frozen=True)
class Span:
    """A stretch of a document's repaired text."""

    start: int
    end: int
    text: str


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
