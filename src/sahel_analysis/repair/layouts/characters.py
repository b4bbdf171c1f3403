"""Character-level clean-up that does not depend on the layout.

Presentation forms are folded to base letters, bidi controls removed, glyphs
the extractor could not map marked as lost (`LOST`), and the marks of one
letter put in canonical order without repeats. Every profile's text passes
through these steps before its layout is undone (`clean_lines`) or after,
so they sit below every other module.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from sahel_analysis.text.charmap import (
    ARABIC_BLOCK_RE,
    LETTER_RE,
    MARK_RE,
    OUTSIDE_BMP_RE,
    SHADDA,
    bmp_translation,
    character_sets,
    presentation_forms,
)

LOST = "\x00"  # a glyph the extractor could not map to text
CUT = "\ue000"  # private use: "a word may have been cut here", removed before output
# Ordinary punctuation an unmapped glyph can still print as, told apart by where it stands (`mark_lost_glyphs`).
WORD_INNER_JUNK = "[]{}:;"
CID_RE = re.compile(r"\(cid:\d+\)")
# Characters an unmapped glyph never turns into, because they are ordinary in Arabic text.
ORDINARY = set(" \t\n.,;:!()[]{}«»\"'-/%\u060c\u061b\u061f\u066a\u066b\u066c\u0640")


def letters_of(token: str) -> str:
    """The Arabic letters of a token, presentation forms folded, nothing else."""
    return "".join(LETTER_RE.findall(fold_presentation_forms(token)))


def word_letters(text: str) -> list[str]:
    """`letters_of` each whitespace-separated token of `text` that has letters: one `str.translate`.

    >>> word_letters("«شتَّى، 2020 ﻻ")
    ['شتى', 'لا']
    """
    if OUTSIDE_BMP_RE.search(text):  # the table holds the Basic Multilingual Plane
        return [w for w in map(letters_of, text.split()) if w]
    return text.translate(_letters_table()).split()


@cache
def _letters_table() -> dict[int, str]:
    """Each BMP character but whitespace whose `letters_of` is not itself, and that (loaded data)."""
    return bmp_translation(lambda ch: ch if ch.isspace() else letters_of(ch))


@cache
def _presentation_table(visual: bool) -> dict[int, str]:
    """`str.translate` table for `fold_presentation_forms`, built once per direction."""
    table = {}
    for ch, base in presentation_forms().items():
        table[ord(ch)] = base[::-1] if visual else base
    return table


def fold_presentation_forms(text: str, visual: bool = False) -> str:
    """Replace Arabic presentation forms (U+FB50-FDFF, U+FE70-FEFF) by their base letters.

    This is NFKC applied to those code points only. In visual-order text a
    ligature's letters are written in reverse, so that they come out right
    when the line is turned round.

    >>> fold_presentation_forms("\\ufedf\\ufe8e\\ufeb4\\ufe92\\ufe8e\\ufea3\\ufede")
    'لاسباحل'
    >>> fold_presentation_forms("\\ufefb", visual=True)
    'ال'
    """
    return text.translate(_presentation_table(visual))


def strip_bidi_controls(text: str) -> str:
    """Remove bidi embedding, override, isolate and mark characters.

    >>> strip_bidi_controls("\\u202bعام\\u202c")
    'عام'
    """
    controls = character_sets().bidi
    return "".join(c for c in text if c not in controls)


def is_mark(ch: str) -> bool:
    """A combining mark, or a placeholder standing where one was (lost glyph, cut)."""
    return ch in (LOST, CUT) or bool(MARK_RE.match(ch))


def is_arabic(ch: str) -> bool:
    """An Arabic letter, mark or placeholder: what a cut word is made of."""
    return is_mark(ch) or bool(LETTER_RE.match(ch))


def outside_word(ch: str) -> bool:
    """Neither Arabic (letter, mark, placeholder) nor a letter or digit: what `split_edges` cuts off a word."""
    return not (is_arabic(ch) or ch.isalnum())


def _junk_candidate(ch: str) -> bool:
    """A character that could be an unmapped glyph printed as a byte: not Arabic, digit or ordinary."""
    if ch in ORDINARY or ch.isspace() or is_arabic(ch) or ch.isdigit():
        return False
    if unicodedata.category(ch) == "Cf":  # bidi controls and joiners are the extractor's own
        return False
    return ord(ch) < 0x3000 and not ARABIC_BLOCK_RE.match(ch)


def mark_lost_glyphs(text: str) -> str:
    """Replace glyphs the extractor could not map with U+0000, so later steps treat them as lost marks.

    `(cid:N)` is an unmapped glyph; so is a C1 control character; so is a
    stray byte (`+`, `C`, `@`) printed inside an Arabic word, which no
    real text has. Once a document shows such bytes, the same bytes standing
    alone or at the edge of an Arabic word next to a mark are treated alike,
    and so are square brackets, braces, colons and semicolons inside an
    Arabic word or between a shadda and a space (`ر]َّكبملا`, `تعسَّ: وو`):
    punctuation never stands there, an unmapped glyph next to a shadda does.

    >>> mark_lost_glyphs("دُّر+متب (JNIM)") == "دُّر\\x00متب (JNIM)"
    True
    >>> mark_lost_glyphs("ةح(cid:4)") == "ةح\\x00"
    True
    """
    text = CID_RE.sub(LOST, text)
    text = re.sub("[\u0080-\u009f]", LOST, text)
    chars = list(text)
    inner = edge = 0
    for i in range(1, len(chars) - 1):
        ch, before, after = chars[i], chars[i - 1], chars[i + 1]
        digit_on_mark = ch.isdigit() and (MARK_RE.match(before) or MARK_RE.match(after)) is not None
        if (_junk_candidate(ch) or digit_on_mark) and is_arabic(before) and is_arabic(after):
            chars[i] = LOST
            inner += 1
        elif _junk_candidate(ch) and (
            (is_arabic(before) and after.isspace()) or (before.isspace() and is_arabic(after))
        ):
            edge += 1
    if inner or edge >= 2 or LOST in text:
        # The extractor prints unmapped glyphs: clear them at word edges and standing alone too.
        for i, ch in enumerate(chars):
            if not _junk_candidate(ch):
                continue
            before = chars[i - 1] if i else " "
            after = chars[i + 1] if i + 1 < len(chars) else " "
            alone = before.isspace() and after.isspace()
            if (
                (alone and not ch.isalnum())
                or (alone and ch.isalpha() and _near_arabic(chars, i))
                or (is_arabic(before) and (after.isspace() or after in "()"))
                or (is_arabic(after) and before.isspace() and not (ch.isalnum() and LETTER_RE.match(after)))
            ):
                chars[i] = LOST
        # Punctuation never sits inside a word, nor right after a shadda before a space (`تعسَّ: وو`).
        for i, ch in enumerate(chars):
            if ch not in WORD_INNER_JUNK or not 0 < i < len(chars) - 1:
                continue
            before, after = chars[i - 1], chars[i + 1]
            if (is_arabic(before) and is_arabic(after)) or (
                SHADDA in (before, after) and (before.isspace() or after.isspace())
            ):
                chars[i] = LOST
    return "".join(chars)


def _near_arabic(chars: list[str], i: int) -> bool:
    """Whether the nearest non-space characters around position i are Arabic (or line edges)."""
    j = i - 1
    while j >= 0 and chars[j] in " \t":
        j -= 1
    k = i + 1
    while k < len(chars) and chars[k] in " \t":
        k += 1
    left = j < 0 or chars[j] == "\n" or is_arabic(chars[j])
    right = k >= len(chars) or chars[k] == "\n" or is_arabic(chars[k])
    return left and right


def sort_marks(text: str) -> str:
    """Put each run of combining marks in canonical order (what NFC would do, without composing).

    >>> sort_marks("\\u0628\\u0651\\u064e") == "\\u0628\\u064e\\u0651"
    True
    """
    out = []
    run: list[str] = []
    for ch in text:
        if unicodedata.combining(ch):
            run.append(ch)
            continue
        if run:
            out.extend(sorted(run, key=unicodedata.combining))
            run = []
        out.append(ch)
    out.extend(sorted(run, key=unicodedata.combining))
    return "".join(out)


def dedupe_marks(text: str) -> str:
    """Drop a mark repeated on the same letter (`المسلََّّحة`): no letter carries one mark twice.

    >>> dedupe_marks("المسلََّّحة") == "المسلَّحة"
    True
    """
    out = []
    run: list[str] = []
    for ch in text + " ":
        if MARK_RE.match(ch):
            if ch not in run:
                run.append(ch)
            continue
        out.extend(run)
        run = []
        out.append(ch)
    return "".join(out)[:-1]


def clean_lines(text: str, visual: bool) -> list[str]:
    """Split into lines after folding presentation forms and marking lost glyphs."""
    text = text.replace("\r\n", "\n").replace("\f", "\n")
    text = fold_presentation_forms(text, visual=visual)
    text = mark_lost_glyphs(text)
    # A line of nothing but lost glyphs says nothing about where they belonged.
    return ["" if ln.strip(" \t" + LOST) == "" else ln for ln in text.split("\n")]
