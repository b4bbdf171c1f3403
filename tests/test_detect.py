"""Detection never reverses logical text: the habits of web news and prose are not visual signs."""

from __future__ import annotations

import pytest

from sahel_analysis.repair import detect_visual_order, repair_text
from sahel_analysis.repair.layouts import detect_profile

# Short logical texts, written for these tests in the styles that once read as visual:
# a price report (a conjunction written onto each number), an ellipsis glued to a word,
# a pair whose reverse is ordinary Arabic («ذلك في», «من أكثر», «أن على»), a full stop
# with its space on the wrong side (` .وقال`, common in agency copy).
LOGICAL_NEWS = [
    "سجل سعر الدولار 47.45 جنيه للشراء، و47.55 جنيه للبيع.\n"
    "وسجل اليورو 55.10 جنيه للشراء، و55.30 جنيه للبيع.\n"
    "وسجل الريال 12.60 جنيه للشراء، و12.66 جنيه للبيع.",
    "قال الوزير إن الحوار مستمر ...لقد تأخرت المفاوضات كثيرا.",
    "وقد تكرر ذلك في أكثر من مناسبة، إذ رأى الوفد أن على الحكومة أن تبادر.",
    "أعلنت الحكومة موقفها من المحادثات التي جرت أمس .وقال المتحدث إن الوفد سيعود غدا.",
    "وكان هذا في عام 2012، وهو من أكثر الأعوام اضطرابا في شمال مالي.",
]


@pytest.mark.parametrize("text", LOGICAL_NEWS)
def test_logical_news_is_detected_as_logical(text):
    """None of these habits of logical text reads as visual order."""
    assert detect_visual_order(text).verdict == "logical"


@pytest.mark.parametrize("text", LOGICAL_NEWS)
def test_logical_news_is_named_logical_and_passes_through(text):
    """No layout search takes hold of logical news: it comes out as it went in."""
    assert detect_profile(text).name == "logical"
    assert " ".join(repair_text(text).split()) == " ".join(text.split())


def test_one_stray_sign_is_not_enough_for_a_visual_verdict():
    """A single visual sign and no logical one leaves a text logical."""
    detection = detect_visual_order("انتهى الاجتماع .وغادر الجميع")
    assert (detection.visual_signs, detection.logical_signs) == (1, 0)
    assert detection.verdict == "logical"


def test_a_suffix_before_its_digits_still_counts_as_visual():
    """`م2020` (the year's suffix seen first) stays a visual sign; `و2020` is not one."""
    assert detect_visual_order("م2020 الانتخابات").visual_signs == 1
    assert detect_visual_order("و2020 الانتخابات").visual_signs == 0


@pytest.mark.xfail(
    strict=True,
    reason="known limit: with no other sign, two full stops glued to the next word read as visual",
)
def test_agency_full_stops_alone_do_not_make_a_text_visual():
    """` .وقال` twice and nothing else: the signs cannot tell this from visual order."""
    text = "أعلنت الحكومة موقفها من المحادثات .وقال المتحدث إن الوفد سيعود غدا .وأضاف أن الاتصالات مستمرة."
    assert detect_visual_order(text).verdict == "logical"


def test_paragraph_long_lines_are_never_rotated_runs():
    """pypdf and PyMuPDF emit printed lines: a text of paragraph-long lines is not their layout."""
    line = "أعلنت الحكومة (في بيان رسمي) أن المحادثات ستستأنف في 12 آذار/مارس 2024، " * 4
    profile = detect_profile(line + "\n" + line)
    assert profile.name == "logical"
    assert "paragraphs" in profile.evidence


def test_citation_marks_after_a_full_stop_are_not_suffixes_before_digits():
    """`المدينة.[1]`: encyclopedia citations must not count as `م2020`, or a cited article is reversed."""
    text = (
        "سيطر الجنود على مبنى الإذاعة في العاصمة.[1] وأغلقوا الحدود البرية والجوية.[2]\n"
        "وأعلنوا حل الحكومة وتعليق العمل بالدستور.[3] وفرضوا حظر التجول ليلًا.[4]"
    )
    assert detect_visual_order(text).verdict == "logical"
    assert detect_visual_order(text).visual_signs == 0
