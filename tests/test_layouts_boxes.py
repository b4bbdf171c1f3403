"""pdfminer boxes (`sahel_analysis.repair.layouts.boxes`): the boxes of printed lines regrouped into lines."""

from __future__ import annotations

import pytest

from sahel_analysis.repair.layouts.boxes import group_visual_boxes, join_space_led_pieces
from sahel_analysis.repair.layouts.pipeline import repair_with_profile
from sahel_analysis.repair.layouts.profile import Profile


def test_pdfminer_box_opening_with_a_space_continues_the_line():
    """A box that opens on a space followed a gap inside its printed line, so it joins the box before."""
    assert group_visual_boxes(["ماظنلا", " ةداعإل", " يركسعلا"]) == ["ماظنلا ةداعإل يركسعلا"]


def test_pdfminer_box_opening_on_a_mark_joins_despite_padded_gaps():
    """A justified line's double-spaced gaps do not make a box opening on a mark look too wide to join."""
    boxes = [
        "فارتعالاو حالسلا عزن تاموكحلا طرتشت امنيب ،راوح  يأ",  # a full line sets the width
        "ام  وهو  ،ةيلحملا  ةح\x00",
        "َّ لسملا  تاعامجلا  ةداق  عم  لصاوت  تاونق",
    ]
    assert group_visual_boxes(boxes)[1:] == [
        "ام  وهو  ،ةيلحملا  ةح\x00َّ لسملا  تاعامجلا  ةداق  عم  لصاوت  تاونق"
    ]


def test_pdfminer_box_opening_on_a_mark_after_a_whole_letter_starts_the_next_line():
    """A mark opening a box continues the word before only when that box ends on the rest of its cluster.

    LibreOffice draws shadda and haraka as two glyphs; pdfminer cuts between
    them and the haraka, often unmapped, ends the box before. A box that ends
    on a whole letter instead is the end of its line, and the mark opening the
    next box ends the last word of the next line (أنَّ, visually `َّنأ`).
    """
    full = "ةطاسولا لعجي امم ةعساو نيفرطلا نيب ةيلحملا رثكأ ريغ"
    padded = "  ".join(["لبقا", "ةداق", "ليحر", "ءاقل", "دقعا", "لوقا", "نمأل", "ربكا", "رصنل", "رشنل"])
    assert group_visual_boxes([full, padded, "\x00يأ"]) == [full, padded, "\x00يأ"]
    assert group_visual_boxes([full, padded, "َّيأ"]) == [full, padded, "َّيأ"]
    assert group_visual_boxes([full, padded + " \x00", "َّيأ"]) == [full, padded + " \x00َّيأ"]
    assert group_visual_boxes([padded + "  :", "َّنك"]) == [padded + "  :َّنك"]  # a stray byte for the haraka


def test_pdfminer_box_opening_on_tanwin_starts_the_next_line():
    """Tanwin ends a word: a box opening on it holds the logical end of the next printed line."""
    assert group_visual_boxes(["بالقنالا  \x00", "ٍعساو  ٍ"]) == ["بالقنالا  \x00", "ٍعساو  ٍ"]


@pytest.mark.parametrize(
    ("left", "joined"),
    [
        ("نم ةلسلس م", True),
        ("ماع  ذنم  .م", True),
        ("لمتكاو  ،", True),
        ("نم  %", True),
        ("نم ", True),
        ("ىلإ لوحتي", False),
        ("ةيقرشلا، حتفو", False),
    ],
)
def test_pdfminer_number_touching_a_whole_word_starts_the_next_line(left, joined):
    """A number touches a one-letter suffix or its punctuation; a longer word only across a line break."""
    expected = [left + "2012"] if joined else [left, "2012"]
    assert group_visual_boxes([left, "2012"]) == expected


def test_pdfminer_box_after_a_number_opening_on_a_word_starts_the_next_line():
    """After a number a box goes on only when it opens on a space or a bracket."""
    assert group_visual_boxes(["2012", " ماع"]) == ["2012 ماع"]
    assert group_visual_boxes(["2012", "ماع يف"]) == ["2012", "ماع يف"]
    assert group_visual_boxes([")", "AQIM", "( ةدعاقلا"]) == [")AQIM( ةدعاقلا"]


def test_pdfminer_box_over_two_printed_lines_opens_both_lines():
    """A box of two lines with no blank between holds the leftmost piece of two printed lines.

    pdfminer prints it among the pieces of the upper line (it sorts boxes by
    the middle of their height): its first line opens that line, its second
    opens the next, whose other pieces follow.
    """
    boxes = ["ةيروهمج تدهش", "يلام \nيف ", "ةيلاتتم ثادحأ", "ذنم"]
    assert group_visual_boxes(boxes) == ["يلام ةيروهمج تدهش", "يف ةيلاتتم ثادحأ", "ذنم"]
    # printed between two pieces of the upper line: a piece opening on a space still continues it
    boxes = ["2021", "م  لتقم\nٍعارص يف", " ربمتبس يف", "لخدو"]
    assert group_visual_boxes(boxes) == ["م  لتقم2021 ربمتبس يف", "ٍعارص يفلخدو"]


def test_pdfminer_box_lines_that_continue_each_other_stay_one_piece():
    """Lines of one box that touch like pieces of a line (`م` and its number) are not split apart."""
    assert group_visual_boxes(["م\n2023", " ربمتبس"]) == ["م2023 ربمتبس"]


def test_pdfminer_boxes_of_whole_lines_are_kept_as_printed_lines():
    """When most boxes hold several lines (Chromium), the lines are printed lines and are not moved."""
    boxes = ["ةيروهمج تدهش\nيلام  ماع", "ةلسلس  نم\nثادحأ"]
    assert group_visual_boxes(boxes) == ["ةيروهمج تدهش", "يلام  ماع", "ةلسلس  نم", "ثادحأ"]


def test_pdfminer_two_line_box_is_read_off_the_missing_blank_line():
    """pdfminer ends every box with a blank line, so two text lines with none between are one box."""
    raw = "ةيروهمج تدهش\n\nيلام \nيف \n\nةيلاتتم ثادحأ\n\nذنم\n"
    assert repair_with_profile(raw, Profile("visual_chars", "")) == [
        "شهدت جمهورية مالي",
        "أحداث متتالية في",
        "منذ",
    ]


def test_space_led_piece_joins_the_start_of_its_printed_line():
    """pdfminer (Chromium) cuts a printed line after a word ending on a mark; the later piece keeps its space."""

    def vis(text):
        return text[::-1]

    full = vis("عشرات القرى مقابل وقف إطلاق النار، لكنه ظل")
    # the start of the line first, then the piece that opens on a space: the piece goes after it
    assert join_space_led_pieces([full, vis("الترتيبات تُظهر أنٍ"), vis(" التفاوض ممكن")]) == [
        full,
        vis("الترتيبات تُظهر أنٍ التفاوض ممكن"),
    ]
    # the piece printed first, below a full line: it waits for the start of its line
    assert join_space_led_pieces([full, vis(" أيّ اعتداء"), vis("على أنٍ")]) == [full, vis("على أنٍ أيّ اعتداء")]
    # a line ending on a plain letter is not continued; a piece in a box of its own is left alone
    assert join_space_led_pieces([vis("الترتيبات تُظهر أن"), vis(" التفاوض")]) == [
        vis("الترتيبات تُظهر أن"),
        vis(" التفاوض"),
    ]
    assert join_space_led_pieces([vis("على أنٍ"), "", vis(" أيّ")]) == [vis("على أنٍ"), "", vis(" أيّ")]
