"""The one character table: which code points are Arabic letters, marks, digits, punctuation and controls.

Every module that asks "is this a letter?" asks here. The tables that are data
(what normalisation folds, which brackets mirror, which glyphs are bullets)
are read from `data/charmap.yaml`; the character classes are constants,
written as regex class bodies (`f"[{ARABIC_LETTERS}]"`) with compiled
patterns and sets beside them.

Where two parts of the package were tuned with different definitions, both
are kept under their own names and each says why: the visual-order line
repair counts the Arabic block's letter rows whole (`ARABIC_LETTERS_WIDE`),
the layout repairs count letters only (`ARABIC_LETTERS`), and word counts and
frequency lookups count the original alphabet's rows (`BASIC_LETTERS`).

`split_edges` cuts a token's edge punctuation off its core, for the line
repair and the layout repairs alike (each says what counts as an edge).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache

from sahel_analysis.package_data import load_yaml

# --------------------------------------------------------------------------- letters

# Arabic letters proper, no tatweel and no mark: what the layout repairs
# (`repair.layouts`) glue, count and look up.
ARABIC_LETTERS = (
    "\N{ARABIC LETTER HAMZA}-\N{ARABIC LETTER GHAIN}"
    "\N{ARABIC LETTER FEH}-\N{ARABIC LETTER YEH}"
    "\N{ARABIC LETTER DOTLESS BEH}-\N{ARABIC LETTER DOTLESS QAF}"
    "\N{ARABIC LETTER ALEF WASLA}-\N{ARABIC LETTER YEH BARREE WITH HAMZA ABOVE}"
    "\N{ARABIC LETTER AE}"
    "\N{ARABIC LETTER SHEEN WITH DOT BELOW}-\N{ARABIC LETTER HEH WITH INVERTED V}"
)
LETTER_RE = re.compile(f"[{ARABIC_LETTERS}]")

# The Arabic block's letter rows taken whole: `ARABIC_LETTERS` plus tatweel, the rare
# U+063B-U+063F and the superscript alef (also a mark, `COMBINING_MARKS`). The visual-order
# line repair (`repair.lines` and its modules) was tuned with this class: a token of
# tatweel and marks counts there as Arabic, so it is kept as it is.
ARABIC_LETTERS_WIDE = (
    "\N{ARABIC LETTER HAMZA}-\N{ARABIC LETTER YEH}"
    "\N{ARABIC LETTER DOTLESS BEH}-\N{ARABIC LETTER YEH BARREE WITH HAMZA ABOVE}"
    "\N{ARABIC LETTER AE}"
    "\N{ARABIC LETTER SHEEN WITH DOT BELOW}-\N{ARABIC LETTER HEH WITH INVERTED V}"
)
WIDE_LETTER_RE = re.compile(f"[{ARABIC_LETTERS_WIDE}]")
WIDE_LETTER_SET = frozenset(
    chr(c)
    for lo, hi in ((0x621, 0x64A), (0x66E, 0x6D3), (0x6D5, 0x6D5), (0x6FA, 0x6FF))
    for c in range(lo, hi + 1)
)

# The rows of the original Arabic alphabet, hamza to yeh (tatweel included): what word
# counts, letter statistics and bare wordfreq lookups count as letters.
# Characters beyond the Basic Multilingual Plane, which a `bmp_translation` table leaves alone.
OUTSIDE_BMP_RE = re.compile("[\U00010000-\U0010ffff]")


def bmp_translation(form_of: Callable[[str], str]) -> dict[int, str]:
    """A `str.translate` table: each BMP character whose `form_of` differs from itself, mapped to it.

    Reading a whole text with one translate is what makes a per-character
    rewrite cheap on long texts; a text with characters beyond the BMP (see
    `OUTSIDE_BMP_RE`) must take the slow path.
    """
    table = {}
    for code in range(0x10000):
        ch = chr(code)
        form = form_of(ch)
        if form != ch:
            table[code] = form
    return table


BASIC_LETTERS = "\N{ARABIC LETTER HAMZA}-\N{ARABIC LETTER YEH}"
BASIC_LETTER_RE = re.compile(f"[{BASIC_LETTERS}]")

HAMZA_ALEFS = (
    "\N{ARABIC LETTER ALEF WITH HAMZA ABOVE}"
    "\N{ARABIC LETTER ALEF WITH HAMZA BELOW}"
    "\N{ARABIC LETTER ALEF WITH MADDA ABOVE}"
)
# Letters that only end a word (ta marbuta, alef maqsura).
WORD_FINAL_LETTERS = "\N{ARABIC LETTER TEH MARBUTA}\N{ARABIC LETTER ALEF MAKSURA}"
# The letters a tanwin may stand before at the end of a word (`ميلًا`).
TANWIN_CARRIERS = "\N{ARABIC LETTER ALEF}\N{ARABIC LETTER ALEF MAKSURA}"

# --------------------------------------------------------------------------- marks

# Every mark normalisation drops (`diacritics` in data/charmap.yaml): harakat, tanwin,
# shadda, sukun, the hamza and alef marks, superscript alef and the Quranic marks.
MARKS = (
    "\N{ARABIC FATHATAN}-\N{ARABIC WAVY HAMZA BELOW}"
    "\N{ARABIC LETTER SUPERSCRIPT ALEF}"
    "\N{ARABIC SMALL HIGH LIGATURE SAD WITH LAM WITH ALEF MAKSURA}-\N{ARABIC SMALL HIGH SEEN}"
    "\N{ARABIC SMALL HIGH ROUNDED ZERO}-\N{ARABIC SMALL HIGH MADDA}"
    "\N{ARABIC SMALL HIGH YEH}\N{ARABIC SMALL HIGH NOON}"
    "\N{ARABIC EMPTY CENTRE LOW STOP}-\N{ARABIC SMALL LOW MEEM}"
)
MARK_RE = re.compile(f"[{MARKS}]")
# The marks of ordinary text (U+064B-U+065F and the superscript alef), without the Quranic
# ones, as a string of characters (for `str.strip` as well as a regex class).
COMBINING_MARKS = "".join(map(chr, range(0x064B, 0x0660))) + "\N{ARABIC LETTER SUPERSCRIPT ALEF}"
COMBINING_RE = re.compile(f"[{COMBINING_MARKS}]")
COMBINING_SET = frozenset(COMBINING_MARKS)
# Tanwin, short vowels, shadda and sukun: the marks that may follow a word's last letter.
HARAKAT = (
    "\N{ARABIC FATHATAN}\N{ARABIC DAMMATAN}\N{ARABIC KASRATAN}"
    "\N{ARABIC FATHA}\N{ARABIC DAMMA}\N{ARABIC KASRA}\N{ARABIC SHADDA}\N{ARABIC SUKUN}"
)
TANWIN = "\N{ARABIC FATHATAN}\N{ARABIC DAMMATAN}\N{ARABIC KASRATAN}"
SHADDA = "\N{ARABIC SHADDA}"

# --------------------------------------------------------------------------- digits, Latin, spaces

DIGITS = (
    "0-9"
    "\N{ARABIC-INDIC DIGIT ZERO}-\N{ARABIC-INDIC DIGIT NINE}"
    "\N{EXTENDED ARABIC-INDIC DIGIT ZERO}-\N{EXTENDED ARABIC-INDIC DIGIT NINE}"
)
# What runs left to right inside a visual-order line as the line repair sees it: digits
# and ASCII letters.
LTR_CHARS = (
    "0-9A-Za-z"
    "\N{ARABIC-INDIC DIGIT ZERO}-\N{ARABIC-INDIC DIGIT NINE}"
    "\N{EXTENDED ARABIC-INDIC DIGIT ZERO}-\N{EXTENDED ARABIC-INDIC DIGIT NINE}"
)
LTR_CHAR_RE = re.compile(f"[{LTR_CHARS}]")
# The same with accented Latin (U+00C0-U+024F): the layout repairs meet French names in runs.
LTR_ALNUM = (
    "0-9A-Za-z"
    "\N{LATIN CAPITAL LETTER A WITH GRAVE}-\N{LATIN SMALL LETTER Y WITH STROKE}"
    "\N{ARABIC-INDIC DIGIT ZERO}-\N{ARABIC-INDIC DIGIT NINE}"
    "\N{EXTENDED ARABIC-INDIC DIGIT ZERO}-\N{EXTENDED ARABIC-INDIC DIGIT NINE}"
)
PERCENT = "%\N{ARABIC PERCENT SIGN}"
# Any code point of the Arabic blocks: Arabic, Arabic Supplement, Arabic Extended-A and
# the two presentation-form blocks.
ARABIC_BLOCK_RE = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
# Spaces inside a line (tab and no-break space count).
SPACES_RE = re.compile("[ \t\N{NO-BREAK SPACE}]+")

# --------------------------------------------------------------------------- punctuation, bidi controls

BULLET = "\N{BULLET}"
# Punctuation that closes a sentence (full stop, exclamation and question marks).
SENTENCE_END = ".!?\N{ARABIC QUESTION MARK}\N{ARABIC FULL STOP}"
LRE = "\N{LEFT-TO-RIGHT EMBEDDING}"
RLE = "\N{RIGHT-TO-LEFT EMBEDDING}"
PDF = "\N{POP DIRECTIONAL FORMATTING}"
LRO = "\N{LEFT-TO-RIGHT OVERRIDE}"
RLO = "\N{RIGHT-TO-LEFT OVERRIDE}"


# --------------------------------------------------------------------------- the data tables


@cache
def load_charmap() -> Mapping[str, object]:
    """The character tables of `data/charmap.yaml` as written (read once on first use)."""
    return load_yaml("charmap.yaml")


@dataclass(frozen=True)
class CharacterSets:
    """The tables repair works with, as sets: shared by every caller, so read-only."""

    mirror: dict[str, str]  # a bracket or guillemet and its mirror image
    openers: frozenset[str]  # brackets and quotes that open
    closers: frozenset[str]  # ... and that close
    sentence: frozenset[str]  # sentence punctuation, which never starts an Arabic word
    bullets: dict[str, str]  # bullet glyphs and the BULLET each becomes
    bidi: frozenset[str]  # bidi control characters


@cache
def character_sets() -> CharacterSets:
    """The character tables repair works with (`data/charmap.yaml`), as sets, read once."""
    cm = load_charmap()
    return CharacterSets(
        mirror=dict(cm["mirrored"]),
        openers=frozenset(cm["openers"]),
        closers=frozenset(cm["closers"]),
        sentence=frozenset(cm["sentence_punctuation"]),
        bullets=dict(cm["bullets"]),
        bidi=frozenset(cm["bidi_controls"]),
    )


def mapped_glyphs() -> dict[str, str]:
    """The only characters repair may change, with what they become: bullets and mirrors."""
    t = character_sets()
    return {**t.mirror, **t.bullets}


@cache
def edge_punctuation() -> frozenset[str]:
    """Punctuation that may stand at a token's edges: sentence marks, brackets, quotes."""
    t = character_sets()
    return frozenset(t.sentence | t.openers | t.closers | set("\"'"))


def is_edge_punctuation(ch: str) -> bool:
    """Whether `ch` is punctuation that may stand at a token's edge (`edge_punctuation`)."""
    return ch in edge_punctuation()


@lru_cache(maxsize=200_000)
def split_edges(token: str, is_edge: Callable[[str], bool] = is_edge_punctuation) -> tuple[str, str, str]:
    """Split a token into what leads it, its core and what trails it.

    By default the edges are punctuation (`edge_punctuation`), so a number's
    sign or a dash stays in the core; a caller that wants the word alone passes
    its own test of what is no part of a word (the layout repairs strip
    everything that is not a letter, mark or digit).

    >>> split_edges(".«ءالصحرا")
    ('.«', 'ءالصحرا', '')
    >>> split_edges("م،2020")
    ('', 'م،2020', '')
    >>> split_edges("-(2020)-", lambda ch: not ch.isalnum())
    ('-(', '2020', ')-')
    """
    i, j = 0, len(token)
    while i < j and is_edge(token[i]):
        i += 1
    while j > i and is_edge(token[j - 1]):
        j -= 1
    return token[:i], token[i:j], token[j:]


@cache
def presentation_forms() -> dict[str, str]:
    """Map Arabic presentation forms (U+FB50-FDFF, U+FE70-FEFF) to their base letters."""
    table = {}
    for code in (*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00)):
        ch = chr(code)
        base = unicodedata.normalize("NFKC", ch)
        if base != ch and unicodedata.category(ch) != "Cn":
            table[ch] = base.strip() or base
    return table
