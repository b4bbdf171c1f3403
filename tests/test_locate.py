"""locate_quote: a curated quote resolves to one exact offset, or fails loudly."""

import pytest

from sahel_analysis.coding.locate import locate_quote

TEXT = "تشكيل اقتصاد أقوى. تطبيق سياسة. تطبيق سياسة"


def test_a_quote_is_found_at_its_offset():
    at = locate_quote(TEXT, "تشكيل اقتصاد")
    assert TEXT[at : at + len("تشكيل اقتصاد")] == "تشكيل اقتصاد"


def test_a_missing_quote_is_an_error_naming_the_coding():
    with pytest.raises(ValueError, match="item 3: quote not in the repaired text"):
        locate_quote(TEXT, "غير موجود", "item 3")


def test_a_repeated_quote_is_an_error_unless_not_unique():
    with pytest.raises(ValueError, match="more than once"):
        locate_quote(TEXT, "تطبيق سياسة")
    assert locate_quote(TEXT, "تطبيق سياسة", unique=False) == TEXT.index("تطبيق سياسة")


def test_after_skips_earlier_occurrences():
    first = TEXT.index("تطبيق سياسة")
    assert locate_quote(TEXT, "تطبيق سياسة", after=first + 1) == TEXT.rindex("تطبيق سياسة")
