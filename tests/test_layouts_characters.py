"""Character clean-up (`sahel_analysis.repair.layouts.characters`): presentation forms and lost glyphs."""

from __future__ import annotations

from sahel_analysis.repair.layouts.characters import fold_presentation_forms, mark_lost_glyphs
from sahel_analysis.repair.layouts.tokens import glue_fragments


def test_lost_glyphs_are_marked_and_dropped():
    """(cid:N), U+0000 and stray bytes inside a word are lost marks: the word is glued back."""
    assert mark_lost_glyphs("ةح(cid:4)") == "ةح\x00"
    assert mark_lost_glyphs("دُّر+متب") == "دُّر\x00متب"
    assert mark_lost_glyphs("(JNIM) و(AQIM)") == "(JNIM) و(AQIM)"  # real Latin text is kept
    assert glue_fragments(["بتمر\x00", "د"]) == ["بتمر\x00د"]


def test_presentation_forms_fold_to_letters():
    """Presentation forms become base letters; in visual text a ligature is written reversed."""
    assert fold_presentation_forms("\ufeb7\ufeec\ufeaaت") == "شهدت"
    assert fold_presentation_forms("\ufefb", visual=True) == "ال"


def test_lone_stray_letter_between_arabic_words_is_a_lost_glyph():
    """An unmapped glyph printed as a lone lowercase letter between Arabic words is dropped."""
    raw = "باحسناب  رمألا  ،ذ g\nدُّر+متب"  # `+` inside a word: the text shows lost glyphs
    assert mark_lost_glyphs(raw) == "باحسناب  رمألا  ،ذ \x00\nدُّر\x00متب"
    assert mark_lost_glyphs("مالي (G5 Sahel) و") == "مالي (G5 Sahel) و"


def test_punctuation_inside_a_word_or_after_a_shadda_is_a_lost_glyph():
    """In a text that shows unmapped glyphs, `]` inside a word or `:` between a shadda and a space is one."""
    raw = "ةحَّل(cid:4)سملا »ر]َّكبملا راذنإلا« تعسَّ: وو"
    assert mark_lost_glyphs(raw) == "ةحَّل\x00سملا »ر\x00َّكبملا راذنإلا« تعسَّ\x00 وو"
    assert mark_lost_glyphs("قال: [النص] (JNIM)") == "قال: [النص] (JNIM)"  # no lost glyph elsewhere
