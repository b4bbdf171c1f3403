"""Recognise how a PDF text extractor laid out Arabic, and put each layout back into reading order.

Different extractors break right-to-left text in different, consistent ways,
so the first step is to name the layout (a *profile*) from evidence in the text
alone, and the second is to undo exactly that layout:

``logical``
    reading order already (a web page, a well-behaved extractor): left alone.
``visual_words``
    words in visual (left-to-right) order, letters inside a word logical, runs
    cut at marks: the layout `sahel_analysis.repair.lines.repair_lines` handles.
``visual_chars``
    every character in visual order, so words are spelt backwards (pdfminer,
    pdfplumber). Each line is reversed and left-to-right runs (numbers, Latin)
    are turned back; pdfminer's one-box-per-paragraph output is first
    regrouped into printed lines (`group_visual_boxes`), the pieces it cuts
    a Chromium line into after a mark are joined (`join_space_led_pieces`),
    and its single spaces before a mark drawn inside its letter are closed
    (`close_mark_gaps`).
``raw_bidi``
    pdftotext ``-raw``: visual word order, every Arabic piece wrapped in
    RLE…PDF with its letters logical, pieces cut at every mark glyph. The
    pieces are turned into visual order and repaired as ``visual_chars``;
    a LibreOffice run cut at marks onto lines of its own, left piece first,
    is joined back first (`join_raw_mark_breaks`).
``logical_bidi``
    pdftotext's default: logical order, lines wrapped in RLE…PDF, and the
    left-to-right pieces (LRE…PDF) hold the neighbouring punctuation in visual
    order (``المحلية<LRE> ،<PDF>وهو``): those pieces are turned round.
``logical_runs``
    pypdf, PyMuPDF: logical order inside each run, but the runs of a line that
    holds numbers, Latin, brackets or a cut mark are emitted in the wrong
    order; each line gets the reading that looks best formed
    (`runs_readings`).

After the layout is undone, the same steps run for every profile: brackets
are mirrored when the extractor stored the mirrored glyph (decided per
document by checking which way brackets cling, `bracket_balance`), marks are
put after their letter when the extractor put them first (decided per
document, `marks_before_base`), pieces of printed lines emitted out of order
are put back (`reorder_fragments`, `merge_fragments`), and words cut at marks,
lost glyphs or stray spaces are glued back where the lexicon agrees
(`glue_fragments`).

Glyph-level damage is repaired only where the fix is general: presentation
forms become base letters (NFKC on those code points only), bidi controls go,
glyphs the extractor could not map (U+0000, ``(cid:N)``, stray bytes inside an
Arabic word) are dropped and the word is glued back. A mark whose identity
the extractor lost (the haraka under a shadda printed as U+0000 or as a stray
byte) is not guessed, so such words keep a bare or wrong shadda.

The modules divide the work, each depending only on those listed after it:

``pipeline``
    the entry points, `repair_any` and `repair_with_profile`: the order of
    the steps.
``profile``
    naming the layout (`detect_profile`, `Profile`, `PROFILE_NAMES`), and
    ruling other extractors' layouts out cheaply (`may_name_other_layout`).
``runs``
    undoing pdftotext's bidi pieces (``raw_bidi``, ``logical_bidi``) and
    rotated runs (``logical_runs``).
``fragments``
    pieces of printed lines emitted out of order or on lines of their own.
``boxes``
    pdfminer's boxes regrouped into printed lines (``visual_chars``).
``marks``
    whether marks come before their letter, and moving them after it.
``visual_lines``
    a visual line turned into logical order; brackets counted and mirrored.
``tokens``
    cut words glued back; suffixes, brackets and quotes attached.
``characters``
    the placeholders for a lost glyph (`LOST`) and a possible cut (`CUT`);
    presentation forms, bidi controls, lost glyphs, mark order in a cluster.

Character classes and tables come from `sahel_analysis.text.charmap`, the
lexicon from `sahel_analysis.text.lexicon`. `visual_words` text goes to the
line repair (`sahel_analysis.repair.lines`), and `profile` weighs word order
with `sahel_analysis.repair.detect`.

>>> repair_any("ةيروهمج تدهش\\nنم ةلسلس م2012 ماع")
'شهدت جمهورية\\nعام 2012م سلسلة من'
"""

from __future__ import annotations

from sahel_analysis.repair.layouts.pipeline import repair_any, repair_with_profile
from sahel_analysis.repair.layouts.profile import (
    PROFILE_NAMES,
    Profile,
    detect_profile,
    may_name_other_layout,
)

__all__ = [
    "PROFILE_NAMES",
    "Profile",
    "detect_profile",
    "may_name_other_layout",
    "repair_any",
    "repair_with_profile",
]
