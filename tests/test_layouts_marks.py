"""Mark order (`sahel_analysis.repair.layouts.marks`): whether marks come before their letter, and moving them."""

from __future__ import annotations

import pytest

from sahel_analysis.repair.layouts.marks import marks_before_base, move_marks_after_base, word_initial_marks
from sahel_analysis.repair.layouts.pipeline import repair_any
from sahel_analysis.text.lexicon import default_lexicon


@pytest.mark.parametrize(
    ("lines", "first"),
    [
        (["شهدت جمهورية مالي منذ عام 2012م سلسلًة من الأزمات"], True),  # Chromium through poppler
        (["وتبقى الهُوَّة بين الطرفين واسعة ً، مما يجعل"], False),  # LibreOffice through poppler
        (["غير أَّن الوجود الدولي", "وتأ َّس ست جماعة"], True),
        (["من نشاطها جنوب ًا نحو الصحراء"], True),  # Chromium through PyMuPDF: tanwin cut off before its alef
    ],
)
def test_marks_before_base(lines, first):
    """Where tanwin and cut words sit tells whether marks were put before their letter."""
    assert marks_before_base(lines) is first


def test_tanwin_between_words_stays_with_the_word_before():
    """Marks first (LibreOffice through pdfplumber), but a tanwin between two words ends the first."""
    assert move_marks_after_base("إنسانية ٍعاجلة") == "إنسانيةٍ عاجلة"
    assert move_marks_after_base("بعيدا ً عن") == "بعيداً عن"
    assert move_marks_after_base("واسعةٌ من") == "واسعةٌ من"
    assert move_marks_after_base("سلسل ًة من").replace("\ue000", "") == "سلسل ةً من"  # a cut tail: moved on


# Chromium through pdfplumber (`extracted/chromium/pdfplumber/04_burkina_faso.txt`, line 1).
PLUMBER_04_LINE_1 = (
    "\ufee6\ufee3 \u0627 \u064b \u0631\ufeae\x00 \ufec0\ufe97 "
    "\ufede\ufea3\ufe8e\ufeb4\ufedf\u0627 \u0644\u0648\u062f "
    "\ufeae\ufe9c\ufedb\u0623 \ufee6\ufee3 \u0645\ufeee\ufef4\ufedf\u0627 "
    "\ufeee\ufeb3\ufe8e\ufed3 \ufe8e\ufee8\ufef4\ufedb\u0631\ufeee\ufe91 \ufeaa\x00 "
    "\ufecc\ufe97\u064f"
)


def test_marks_sorted_by_position_precede_their_letter_and_are_put_back():
    # pdfplumber sorts a line's characters by left edge; a zero-width mark drawn inside its
    # letter comes after it in visual order, so before it once the line is read right to left.
    assert (
        word_initial_marks(["\u064f\u062a\u0639", "\x00\u062f", "\u0628\u0648\u0631"], default_lexicon())
        == 1.0
    )
    out = repair_any(PLUMBER_04_LINE_1)
    assert out.startswith("\u062a\u064f\u0639\u062f \u0628\u0648\u0631\u0643\u064a\u0646\u0627")
    assert "\u062a\u0636\u0631\u0631\u0627\u064b \u0645\u0646" in out  # تضرراً من (the shadda glyph is lost)


def test_word_initial_mark_evidence_ignores_a_word_cut_before_its_mark():
    assert (
        word_initial_marks(["\u0627\u0644\u0645\u0633\u0644", "\u064e\u0651\u062d\u0629"], default_lexicon())
        == 0.0
    )
