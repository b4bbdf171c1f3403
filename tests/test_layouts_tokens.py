"""Token fixes (`sahel_analysis.repair.layouts.tokens`): cut words glued, suffixes, brackets and quotes attached."""

from __future__ import annotations

import pytest

from sahel_analysis.repair.layouts.tokens import (
    attach_lone_quotes,
    attach_quotes,
    fix_inverted_pairs,
    fix_item_number,
    glue_fragments,
    glue_number_suffix,
)


def test_conjunction_waw_before_a_number_is_its_prefix():
    """`و` cut off a number (`و 2021م`) is glued back to it, and the suffix still follows."""
    assert glue_number_suffix(["2019", "م", "و", "2021", "م."]) == ["2019م", "و2021م."]
    assert glue_number_suffix(["2019", "و", "2021"]) == ["2019", "و2021"]


def test_tanwin_opening_a_token_is_not_moved_onto_hamza_alef():
    """Marks before a hamza-alef are its own (`ُأنشئت`), but tanwin never starts a word."""
    assert [t.replace("\ue000", "") for t in glue_fragments(["فراغا", "ًأمنياً"])] == ["فراغاً", "أمنياً"]
    assert glue_fragments(["ُأنشئت"]) == ["أُنشئت"]


@pytest.mark.parametrize(
    ("pieces", "word"),
    [(["عسكر", "يين"], "عسكريين"), (["الجزائر", "ية،"], "الجزائرية،"), (["للتمو", "يل."], "للتمويل.")],
)
def test_yeh_after_a_non_joining_letter_is_glued_back(pieces, word):
    """An extractor takes the gap before an initial yeh after ر، و، ز for a word space: it is a cut."""
    assert glue_fragments(pieces) == [word]


def test_yeh_after_a_non_joining_letter_keeps_two_real_words():
    """Two words stay apart when gluing them makes no better word (`في يوم` is not glued)."""
    assert glue_fragments(["إلى", "يوم"]) == ["إلى", "يوم"]
    assert glue_fragments(["دور", "يوم"]) == ["دور", "يوم"]


@pytest.mark.parametrize(
    ("tokens", "glued"),
    [
        (["في", "تم", "\x00ردات", "التسعينيات"], ["في", "تم\x00ردات", "التسعينيات"]),  # rare glued word
        (["ول", "\x00وحت", "بالتدخل"], ["ول\x00وحت", "بالتدخل"]),
        (["ويُس", "\x00", "لحون"], ["ويُس\x00لحون"]),  # the lost mark stood alone: it goes with its letter
        (["لم", "يُن", "\x00فذ،"], ["لم", "يُن\x00فذ،"]),  # the cut at the lost mark is made whole first
        (["ميدانيةٍ", "\x00أجريت"], ["ميدانيةٍ", "\x00أجريت"]),  # tanwin ends a word; a hamza form opens one
    ],
)
def test_token_opening_on_a_lost_mark_continues_the_word_before(tokens, glued):
    """No word opens on a shadda: a lost mark sorted before its letter (pdfplumber) marks a cut word."""
    assert glue_fragments(tokens) == glued


def test_straight_quotes_alternate_opening_and_closing():
    """A closing quote that opens the next token goes back to the word it closes."""
    assert attach_quotes(["تفرض", '"الزكاة', '"على', "السكان"]) == ["تفرض", '"الزكاة"', "على", "السكان"]
    assert attach_quotes(["على", 'قال"', "الزكاة"]) == ["على", 'قال"', "الزكاة"]  # an odd count: left alone


def test_bracket_pair_wrapping_a_token_the_wrong_way_is_turned_round():
    """`)JNIM(` can only be (JNIM) inverted, whatever the document's bracket orientation."""
    assert fix_inverted_pairs([")JNIM(", "»فاغنر«،", "(AES)", ")"]) == ["(JNIM)", "«فاغنر»،", "(AES)", ")"]


def test_leading_item_number_gets_its_closing_bracket_back():
    """`1 (الوضع` is the item `1) الوضع` whose bracket stayed on the Arabic run; `%40` is 40%."""
    assert fix_item_number(["1", "(الوضع", "الإنساني"]) == ["1)", "الوضع", "الإنساني"]
    assert fix_item_number(["2", "(JNIM)", "عادة"]) == ["2", "(JNIM)", "عادة"]  # a real bracket pair
    assert fix_item_number(["أقل", "من", "%40"]) == ["أقل", "من", "40%"]


def test_lone_straight_quotes_cling_by_their_turn_across_lines():
    lines = [
        '\u0639\u0644\u0649 " \u0645\u062a\u0637\u0648\u0639\u064a',
        '\u0627\u0644\u0648\u0637\u0646 " (VDP)\u060c',
    ]
    assert attach_lone_quotes(lines) == [
        '\u0639\u0644\u0649 "\u0645\u062a\u0637\u0648\u0639\u064a',
        '\u0627\u0644\u0648\u0637\u0646" (VDP)\u060c',
    ]
    # a line of nothing but quotes is counted, not changed
    assert attach_lone_quotes(['" "', '\u0641\u064a " \u0627\u0644\u062d\u0645\u0627\u064a\u0629"']) == [
        '" "',
        '\u0641\u064a "\u0627\u0644\u062d\u0645\u0627\u064a\u0629"',
    ]
