"""Small tables about the corpus itself, shared by the notebooks and the export."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sahel_analysis.corpus.repaired import RepairedDocument
from sahel_analysis.text.charmap import BASIC_LETTER_RE

WORD_RE = re.compile(r"[\u0621-\u064a\u0671-\u06d3A-Za-z0-9]+(?:[\u064b-\u0652\u0670]*[\u0621-\u064a]*)*")
DIACRITIC_RE = re.compile("[\u064b-\u0652\u0670]")
ARABIC_LETTER_RE = BASIC_LETTER_RE  # the letters counted in "Arabic letters" (text.charmap)


def count_words(text: str) -> int:
    """Words in a text: whitespace-separated tokens that hold a letter or digit.

    >>> count_words("قال الرئيس: نعم، 2020م .")
    4
    """
    return sum(1 for tok in text.split() if re.search(r"\w", tok))


def document_rows(corpus: Iterable[RepairedDocument]) -> list[dict[str, object]]:
    """One row per document for documents.csv."""
    return [
        {
            "doc_id": rd.id,
            "file": rd.doc.file,
            "title_ar": rd.doc.title_ar,
            "title_en": rd.doc.title_en,
            "author": rd.doc.author_en,
            "author_ar": rd.doc.author_ar,
            "source_form": rd.doc.source_form,
            "n_words": count_words(rd.text),
            "n_paragraphs": len(rd.paragraphs),
            "sha256": rd.doc.sha256,
            "date": rd.doc.date,
            "source": rd.doc.source,
            "url": rd.doc.url,
        }
        for rd in corpus
    ]


def text_statistics(rd: RepairedDocument) -> dict[str, object]:
    """Words, sentences, paragraphs and diacritic density of a repaired text."""
    letters = len(ARABIC_LETTER_RE.findall(rd.text))
    marks = len(DIACRITIC_RE.findall(rd.text))
    return {
        "doc_id": rd.id,
        "words": count_words(rd.text),
        "sentences": len(rd.sentences()),
        "paragraphs": len(rd.paragraphs),
        "Arabic letters": letters,
        "diacritics per 100 letters": round(100 * marks / letters, 2) if letters else 0.0,
    }
