"""Normalisation folds what matching must ignore, is idempotent, and maps back to exact offsets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sahel_analysis.text.normalize import (
    Options,
    normalize_arabic,
    normalize_with_offsets,
    split_proclitics,
    strip_diacritics,
)

CASES = [
    ("أحمد إلى آخر", "احمد الي اخر"),  # hamza alefs and alef maqsura
    ("التدخُّل", "التدخل"),  # shadda and damma
    ("شتَّى", "شتي"),
    ("مِنطقة", "منطقه"),  # kasra dropped, ta marbuta folded
    ("الـــساحل", "الساحل"),  # tatweel
    ("٢٠٢٠م", "2020م"),  # Arabic-Indic digits
    ("۱۹۹۹", "1999"),  # Persian digits
    ("ﻣﺎﻟﻲ", "مالي"),  # presentation forms
    ("ﻻ", "لا"),  # lam-alef ligature becomes two letters
    ("Mali 2020", "Mali 2020"),  # Latin untouched
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_folds_what_matching_ignores(raw, expected):
    """Diacritics, tatweel, alef forms, alef maqsura, ta marbuta, digits and presentation forms fold."""
    assert normalize_arabic(raw) == expected


def test_each_fold_can_be_turned_off():
    """Options keep what a caller wants kept."""
    assert (
        normalize_arabic("مِنطقة إلى", Options(ta_marbuta=False, alef=False, alef_maqsura=False))
        == "منطقة إلى"
    )
    assert strip_diacritics("أَحْمَد") == "أحمد"


ARABIC = st.text(alphabet=st.sampled_from(list("ابتثجحخدذرسشصضطظعغفقكلمنهويىةأإآء ًٌٍَُِّْـ٠١٩ ﻻﻣ")), max_size=60)


@given(ARABIC)
def test_normalising_twice_changes_nothing(text):
    """Normalisation is idempotent."""
    once = normalize_arabic(text)
    assert normalize_arabic(once) == once


@given(ARABIC)
def test_offsets_map_every_character_back(text):
    """Each normalised character comes from the original character its offset names."""
    norm = normalize_with_offsets(text)
    assert norm.text == normalize_arabic(text)
    assert len(norm.offsets) == len(norm.text) + 1
    for i, ch in enumerate(norm.text):
        assert ch in normalize_arabic(text[norm.offsets[i]]) or normalize_arabic(text[norm.offsets[i]]) == ""


def test_a_span_covers_the_original_word_with_its_marks():
    """A match in normalised text gives back the original word, harakat included."""
    text = "في مِنطقة الساحل الإفريقي"
    norm = normalize_with_offsets(text)
    i = norm.text.index("منطقه")
    assert text[slice(*norm.span(i, i + 5))] == "مِنطقة"


@pytest.mark.parametrize(
    ("token", "reading"),
    [
        ("والمسلمين", ("و", "المسلمين")),
        ("بداعش", ("ب", "داعش")),
        ("لطالبان", ("ل", "طالبان")),
        ("للقوات", ("لل", "القوات")),
        ("فالحكومة", ("ف", "الحكومة")),
    ],
)
def test_proclitics_split_off(token, reading):
    """Conjunctions, prepositions and the article split off a noun."""
    assert reading in split_proclitics(token)
