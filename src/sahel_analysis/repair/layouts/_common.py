"""Character classes, placeholders and shared tables that every step of the extraction repair uses.

They live apart so that the modules which name a layout, undo it and clean up
its words agree on what counts as a letter, a mark, a lost glyph (`LOST`) or
a possible cut (`CUT`), and share one lexicon and one set of character tables
(`data/charmap.yaml`) without importing each other.
"""

from __future__ import annotations

import re
from functools import cache

from sahel_analysis.text.lexicon import Lexicon

RLE, LRE, RLO, LRO, PDF = "\u202b", "\u202a", "\u202e", "\u202d", "\u202c"
LOST = "\x00"  # a glyph the extractor could not map to text
CUT = "\ue000"  # private use: "a word may have been cut here", removed before output
MARKS = "\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
MARK_RE = re.compile(f"[{MARKS}]")
HAMZA_ALEFS = "\u0623\u0625\u0622"
MARK_CHARS = "".join(chr(c) for c in range(0x064B, 0x0660)) + "\u0670"
TANWIN = "\u064b\u064c\u064d"
ARABIC_LETTERS = "\u0621-\u063a\u0641-\u064a\u066e-\u066f\u0671-\u06d3\u06d5\u06fa-\u06ff"
LETTER_RE = re.compile(f"[{ARABIC_LETTERS}]")
ARABIC_BLOCK_RE = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
LTR_ALNUM = "0-9A-Za-z\u00c0-\u024f\u0660-\u0669\u06f0-\u06f9"
DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"
PERCENT = "%\u066a"  # percent sign, Arabic percent sign
SPACES_RE = re.compile(r"[ \t\u00a0]+")


def _charmap_sets() -> dict[str, object]:
    """The character tables repair shares (`data/charmap.yaml`), as sets, read once."""
    from sahel_analysis.repair.lines import character_sets

    return character_sets()


@cache
def _lexicon() -> Lexicon:
    """The project's shared lexicon; imported late because loading wordfreq takes time."""
    from sahel_analysis.repair.lines import default_lexicon

    return default_lexicon()
