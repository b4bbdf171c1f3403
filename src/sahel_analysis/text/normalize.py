"""Normalise Arabic for matching, keeping a map back to the original text's offsets.

Matching must not care about harakat, tatweel, alef forms, alef maqsura,
ta marbuta, digit scripts or presentation forms; citations must still point at
the exact original characters. `normalize_with_offsets` gives both.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from sahel_analysis.text.charmap import load_charmap, presentation_forms

# Proclitics that attach to a noun in running text, longest first:
# conjunctions و ف, prepositions ب ل ك, and the article ال (لل = ل + ال).
PROCLITIC_STACKS = (
    "وبال", "وكال", "فبال", "فال", "وال", "بال", "كال", "ولل", "فلل", "لل", "ال",
    "وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك",
)  # fmt: skip


@dataclass(frozen=True)
class Options:
    """Which folds to apply. The defaults are what actor and keyword matching use."""

    diacritics: bool = True
    tatweel: bool = True
    alef: bool = True
    alef_maqsura: bool = True
    ta_marbuta: bool = True
    digits: bool = True
    presentation_forms: bool = True


DEFAULT = Options()


@cache
def _table(options: Options) -> dict[int, str]:
    cm = load_charmap()
    table: dict[str, str] = {}
    if options.presentation_forms:
        table.update(presentation_forms())
    if options.diacritics:
        table.update(dict.fromkeys(cm["diacritics"], ""))
    if options.tatweel:
        table.update(dict.fromkeys(cm["tatweel"], ""))
    for flag, name in (
        (options.alef, "alef_variants"),
        (options.alef_maqsura, "alef_maqsura"),
        (options.ta_marbuta, "ta_marbuta"),
        (options.digits, "digits"),
    ):
        if flag:
            table.update(cm[name])
    # A presentation form expands to letters and marks the other folds take (ﷹ -> صلى, a haraka):
    # fold those as well, so that normalising twice changes nothing.
    single = {k: v for k, v in table.items() if len(v) <= 1}
    table = {k: "".join(single.get(c, c) for c in v) for k, v in table.items()}
    return {ord(k): v for k, v in table.items()}


def normalize_arabic(text: str, options: Options = DEFAULT) -> str:
    """Fold `text` for matching: one `str.translate` pass, so it is fast.

    >>> normalize_arabic("أحمد إلى آخر")
    'احمد الي اخر'
    >>> normalize_arabic("التدخُّل العسكريّ ٢٠٢٠", Options(alef_maqsura=False))
    'التدخل العسكري 2020'
    """
    return text.translate(_table(options))


def strip_diacritics(text: str) -> str:
    """Remove harakat, tanwin, shadda and sukun, and nothing else.

    >>> strip_diacritics("شتَّى خِيارات")
    'شتى خيارات'
    """
    return normalize_arabic(
        text,
        Options(
            tatweel=False,
            alef=False,
            alef_maqsura=False,
            ta_marbuta=False,
            digits=False,
            presentation_forms=False,
        ),
    )


@dataclass(frozen=True)
class NormalizedText:
    """Normalised text plus, for each of its characters, the offset of its source character.

    `offsets` has one more entry than `text`: the end of the original. A match
    `text[i:j]` covers `original[offsets[i]:span_end(j)]`.
    """

    original: str
    text: str
    offsets: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the normalised text to the original text.

        The end is extended over any characters the normalisation deleted (a
        trailing shadda stays inside the quoted word).
        """
        if start >= end:
            return self.offsets[start], self.offsets[start]
        orig_start = self.offsets[start]
        orig_end = self.offsets[end - 1] + 1
        nxt = self.offsets[end] if end < len(self.offsets) else len(self.original)
        # absorb deleted marks (harakat, tatweel) that follow the last character
        if nxt > orig_end:
            deleted = self.original[orig_end:nxt]
            if all(_table(DEFAULT).get(ord(c), None) == "" for c in deleted):
                orig_end = nxt
        return orig_start, orig_end


def normalize_with_offsets(text: str, options: Options = DEFAULT) -> NormalizedText:
    """Normalise `text` and keep, per output character, the offset of its input character.

    >>> n = normalize_with_offsets("إلى التدخُّل")
    >>> n.text
    'الي التدخل'
    >>> i = n.text.index("التدخل"); n.original[slice(*n.span(i, i + 6))]
    'التدخُّل'
    """
    table = _table(options)
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        rep = table.get(ord(ch), ch)
        if rep:
            out.append(rep)
            offsets.extend([i] * len(rep))
    offsets.append(len(text))
    return NormalizedText(text, "".join(out), tuple(offsets))


def split_proclitics(token: str) -> list[tuple[str, str]]:
    """List the ways `token` can be read as proclitics + stem, the bare reading first.

    The stem keeps at least two letters. `لل` is ل + ال, so its stem gets the
    article back (للقوات → ال + قوات read as القوات).

    >>> split_proclitics("والمسلمين")[:3]
    [('', 'والمسلمين'), ('و', 'المسلمين'), ('وال', 'مسلمين')]
    >>> ("لل", "القوات") in split_proclitics("للقوات")
    True
    """
    readings = [("", token)]
    for prefix in PROCLITIC_STACKS:
        if token.startswith(prefix) and len(token) - len(prefix) >= 2:
            stem = token[len(prefix) :]
            readings.append((prefix, stem))
            if prefix.endswith("لل"):
                readings.append((prefix, "ال" + stem))
    readings.sort(key=lambda r: len(r[0]))
    return readings
