"""Tests for sahel_analysis.extract.enumeration_cues: count words, ordinals and clitics are read right."""

from __future__ import annotations

import pytest

from sahel_analysis.extract import enumeration_cues

COUNT_CASES = [
    ("ستة", 6),
    ("الثلاثة", 3),
    ("ثلاث", 3),
    ("خمسة", 5),
    ("أربعة", 4),
    ("وخمسة", 5),
    ("بالثلاثة", 3),
    ("«ستة»", 6),
    ("لست", None),
    ("مفاهيم", None),
    ("2013", None),
]


@pytest.mark.parametrize(("word", "value"), COUNT_CASES)
def test_count_words_are_read_with_their_article_and_conjunction(word, value):
    """Count words announce their number, with or without ال / و; other words announce nothing."""
    assert enumeration_cues.count_value(word) == value


ORDINAL_CASES = [
    ("أولاً", 1),
    ("ثانياً", 2),
    ("وثالثا", 3),
    ("ثاني", 2),
    ("الأول", 1),
    ("ثم", None),
    ("أولئك", None),
]


@pytest.mark.parametrize(("word", "value"), ORDINAL_CASES)
def test_ordinal_cues_give_the_rank_of_their_item(word, value):
    """Ordinal cues (أولاً، ثانياً / الأول / ثاني) give the item's rank."""
    assert enumeration_cues.ordinal_value(word) == value


PROCLITIC_CASES = [
    ("وتشاد", "و", True),
    ("ومالي", "و", True),
    ("والنيجر", "و", True),
    ("ولواءات", "و", True),
    ("وزارة", "و", False),
    ("وحدات", "و", False),
    ("وسط", "و", False),
    ("لمواجهة", "ل", True),
]


@pytest.mark.parametrize(("word", "letters", "expected"), PROCLITIC_CASES)
def test_a_conjunction_is_told_from_a_root_letter(word, letters, expected):
    """«وتشاد» is و + تشاد, but «وزارة» and «وحدات» begin with a root wāw."""
    assert enumeration_cues.has_proclitic(word, letters) is expected
