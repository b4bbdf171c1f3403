"""Visual lines (`sahel_analysis.repair.layouts.visual_lines`): lines turned round, brackets counted, false spaces closed."""

from __future__ import annotations

import pytest

from sahel_analysis.repair.layouts.visual_lines import (
    bracket_balance,
    close_false_spaces,
    close_mark_gaps,
    visual_to_logical,
)


@pytest.mark.parametrize(
    ("visual", "logical"),
    [
        ("نم ةلسلس م2012 ماع", "عام 2012م سلسلة من"),  # digits keep their order, the suffix follows
        ("نويلم 2.1 نم رثكأ", "أكثر من 2.1 مليون"),  # a decimal is one run
        ("(G5  Sahel) ةعومجم", "مجموعة )G5  Sahel("),  # Latin words with a space are one run
        ("نم لقأ ىلإ", "إلى أقل من"),
    ],
)
def test_visual_to_logical(visual, logical):
    """A visual line is reversed, left-to-right runs are turned back, brackets are left to mirroring."""
    assert visual_to_logical(visual) == logical


@pytest.mark.parametrize(
    ("lines", "inverted"),
    [
        (
            ["مالي (MINUSMA) في", "عملية «سرفال»،", "1) الوضع الإنساني"],
            False,
        ),  # LibreOffice keeps logical glyphs
        (["مالي )MINUSMA( في", "عملية »سرفال«،", "1( الوضع الإنساني"], True),  # Chromium stores mirrored ones
    ],
)
def test_bracket_balance_tells_mirrored_glyphs(lines, inverted):
    """Brackets that cling to the wrong side mean the extractor stored mirrored glyphs."""
    good, bad = bracket_balance(lines)
    assert (bad > good) is inverted


def test_single_space_in_double_spaced_line_closes_a_cut_word():
    """On a justified pdfminer line words are two spaces apart: a single space cutting a known word goes."""
    assert close_false_spaces("ماع  ذنم  يلام  ةي روهمج  تدهش") == "ماع  ذنم  يلام  ةيروهمج  تدهش"
    two_words = "ىلإ جاتحي  هنكل  ىلإ  لوحتي"  # يحتاج إلى: the glued form is no word
    assert close_false_spaces(two_words) == two_words
    assert close_false_spaces("ةي روهمج تدهش") == "ةي روهمج تدهش"  # single-spaced line: no evidence


def test_single_space_before_a_mark_inside_its_letter_is_closed():
    """pdfminer's gap before a mark drawn inside its letter is not a word break; a real one is doubled."""
    justified = "ٍباطخ  يدايس  ٍدييأتب  ىظحي  لاز  ام"  # doubled word gaps: the document is pdfminer's
    lines = ["تاد \x00رمت  يف", "ذ \x00فن ُي مل", "راوحلاب ًاقحال", "يِّبعش  ٍدييأتب", justified]
    assert close_mark_gaps(lines) == [
        "تاد\x00رمت  يف",
        "ذ\x00فنُي مل",
        "راوحلاب ًاقحال",
        "يِّبعش  ٍدييأتب",
        justified,
    ]
    assert close_mark_gaps(["تاد \x00رمت يف"]) == ["تاد \x00رمت يف"]  # no doubled gaps: no evidence
    vowelled = "َةَيِمْنَّتلاَو َنْمَأْلا"  # two known words that glue into none: the lexicon keeps them apart
    assert close_mark_gaps([vowelled, justified])[0] == vowelled
