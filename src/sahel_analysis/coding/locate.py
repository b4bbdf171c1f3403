"""Locating a curated quote in a document's repaired text, so every coding points at exact offsets."""

from __future__ import annotations


def locate_quote(text: str, quote: str, where: str = "", after: int = 0, unique: bool = True) -> int:
    """Offset of `quote` in `text` at or after `after`; a missing (or, if `unique`, repeated) quote is an error.

    A coding whose quote has drifted from the text must fail loudly rather than
    point at the wrong words; `where` names the coding in the message.

    >>> locate_quote("تشكيل اقتصاد أقوى. تطبيق سياسة", "تطبيق سياسة")
    19
    """
    at = text.find(quote, after)
    if at == -1:
        raise ValueError(f"{where}: quote not in the repaired text: {quote!r}")
    if unique and text.find(quote, at + 1) != -1:
        raise ValueError(f"{where}: quote occurs more than once in the repaired text: {quote!r}")
    return at
