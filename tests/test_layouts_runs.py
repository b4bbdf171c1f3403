"""Run layouts (`sahel_analysis.repair.layouts.runs`): pdftotext -raw pieces joined, rotated runs read in order.

Snippets are copied from the benchmark fixtures, with bidi controls written as escapes.
"""

from __future__ import annotations

import pytest

from sahel_analysis.repair.layouts.pipeline import repair_any, repair_with_profile
from sahel_analysis.repair.layouts.profile import Profile, detect_profile
from sahel_analysis.repair.layouts.runs import join_raw_mark_breaks
from sahel_analysis.text.charmap import PDF, RLE

# pdftotext -raw on LibreOffice: a printed line drawn left to right, cut into lines at marks
# (`10_algiers_agreement`): each line ending on a mark goes on to its right on the next line.
RAW_LIBREOFFICE_CUT_AT_MARKS = (
    "ٍ\n"
    "\u202bصلاحيات\u202c \u202bالشمالية\u202c \u202bالمناطق\u202c \u202bومنح\u202c ،\u202bجيش\u202c\u202bل\u202c"
    "\u202bا\u202c \u202bفي\u202c \u202bالمقاتلين\u202c \u202bج\u202c\u202bم\u202c\u202bد\u202c\n"
    "ٍ\n"
    "\u202bلأسباب\u202cً \u202bبطيئا\u202c َّ\n"
    "\u202bظل\u202c \u202bالتطبيق\u202c َّ\n"
    "\u202bأن\u202c \u202bغير\u202c .\u202bشؤونها\u202c \u202bإدارة\u202c \u202bفي\u202c \u202bأوسع\u202c"
)


# The same layout (`04_burkina_faso`): a line opening on a damma and a space ends the word (تُعدُّ)
# whose other letters close the line before.
RAW_LIBREOFFICE_OPENS_ON_MARK = (
    "\u202bمن\u202c ً \u202bرا\u202cُّ\u202bر\u202c\u202bتض\u202c \u202bالساحل\u202c \u202bدول\u202c \u202bأكثر\u202c"
    " \u202bمن\u202c \u202bاليوم\u202c \u202bفاسو\u202c \u202bبوركينا\u202c ُّ\n"
    "\u202bعد\u202c\n"
    "ُ \u202bت\u202c\n"
    "\u202bنزوح\u202c \u202bإلى\u202c \u202bالإغاثة\u202c \u202bمنظمات\u202c \u202bتقديرات\u202c \u202bتشير\u202c"
    " \u202bإذ\u202c \u202bح؛\u202cَّ\u202bل\u202c\u202bالمس\u202c \u202bالعنف\u202c"
)


# The same layout (`19_mauritania`): a number and its percent sign on lines of their own, and a
# tanwin opening a line after one ending on a comma (the comma follows the word the tanwin ends).
RAW_LIBREOFFICE_PERCENT = (
    "\u202bحو\u202c\u202bن\u202c\u202bب\u202c \u202bالدفاعي\u202c \u202bإنفاقها\u202c \u202bنواكشوط\u202c"
    " \u202bرفعت\u202c \u202bما\u202c\u202bك\u202c .\u202bم\u202c\n"
    "7.5\n"
    "%\n"
    "\u202bطول\u202c \u202bعلى\u202c »\u202bِّر\u202c\u202bك\u202c\u202bالمب\u202c \u202bالإنذار\u202c"
    " \u202b«مراكز\u202c \u202bفي\u202c \u202bواستثمرت\u202c ،\n"
    "ً \u202bيا\u202c\u202bسنو\u202c"
)


def test_raw_line_ending_on_mark_continues_on_the_next_line():
    """A pdftotext -raw line ending on a mark outside its pieces is joined to the next, no space between."""
    lines = [f"{RLE}ظل{PDF} {RLE}التطبيق{PDF} َّ", f"{RLE}أن{PDF} {RLE}غير{PDF}"]
    assert join_raw_mark_breaks(lines) == [f"{RLE}ظل{PDF} {RLE}التطبيق{PDF} َّ{RLE}أن{PDF} {RLE}غير{PDF}"]


def test_raw_line_opening_on_mark_and_space_continues_the_line_before():
    """`ُ ت` after `عد` is the first letter of تُعد: the pieces are joined and the gap dropped."""
    assert join_raw_mark_breaks([f"{RLE}عد{PDF}", f"ُ {RLE}ت{PDF}"]) == [f"{RLE}عد{PDF}ُ{RLE}ت{PDF}"]


def test_raw_tanwin_opening_a_line_starts_a_run_unless_a_comma_precedes():
    """LibreOffice draws a final alef's tanwin before the space left of its word: a run may open on it."""
    after_number = ["VDP", f"ً {RLE}قصيرا{PDF}"]
    assert join_raw_mark_breaks(after_number) == after_number
    after_comma = [f"{RLE}واستثمرت{PDF} ،", f"ً {RLE}سنويا{PDF}"]
    assert join_raw_mark_breaks(after_comma) == [f"{RLE}واستثمرت{PDF} ،ً{RLE}سنويا{PDF}"]


def test_raw_chromium_lines_are_not_joined():
    """Chromium keeps marks inside the RLE pieces: no line ends or opens on a bare mark."""
    lines = [f"{RLE}عن{PDF} {RLE}ع{PDF}{RLE}ِّق{PDF} {RLE}ُو{PDF}", f"{RLE}مسار{PDF} 2015"]
    assert join_raw_mark_breaks(lines) == lines


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            RAW_LIBREOFFICE_CUT_AT_MARKS,
            "دمج المقاتلين في الجيش، ومنح المناطق الشمالية صلاحياتٍ\n"
            "أوسع في إدارة شؤونها. غير أنَّ التطبيق ظلَّ بطيئاً لأسبابٍ",
        ),
        (
            RAW_LIBREOFFICE_OPENS_ON_MARK,
            "تُعدُّ بوركينا فاسو اليوم من أكثر دول الساحل تضرُّراً من\n"
            "العنف المسلَّح؛ إذ تشير تقديرات منظمات الإغاثة إلى نزوح",
        ),
        (
            RAW_LIBREOFFICE_PERCENT,
            "م. كما رفعت نواكشوط إنفاقها الدفاعي بنحو\n7.5%\nسنوياً، واستثمرت في «مراكز الإنذار المبكِّر» على طول",
        ),
    ],
)
def test_libreoffice_raw_runs_cut_at_marks_are_put_back(raw, expected):
    """pdftotext -raw on LibreOffice: the pieces of a run cut at marks come back as one line."""
    assert detect_profile(raw).name == "raw_bidi"
    assert repair_any(raw) == expected


def test_word_final_cut_marks_turn_the_pieces_round():
    """pypdf on LibreOffice: pieces cut at word-final shaddas come last first; they are turned round."""
    raw = " بطيئاً لأسبابٍ J\u0650\u0651 التطبيق ظل J\u0650\u0651أوسع في إدارة شؤونها. غير أن"
    assert repair_with_profile(raw, Profile("logical_runs", "")) == [
        "أوسع في إدارة شؤونها. غير أن\u0650\u0651 التطبيق ظل\u0650\u0651 بطيئاً لأسبابٍ"
    ]


def test_layout_score_prefers_quotes_that_open_and_close_in_turn():
    """Of two readings of a line, the one whose straight quotes cling as a pair scores higher."""
    from sahel_analysis.repair.layouts.runs import layout_score

    assert layout_score('كما تفرض "الزكاة" على السكان') > layout_score('كما تفرض الزكاة" "على السكان')
