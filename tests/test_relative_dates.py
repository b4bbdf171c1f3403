"""Dates a text gives through its own dates (extract.relative_dates, via extract_dates)."""

from __future__ import annotations

import pytest

from sahel_analysis.extract.dates import extract_dates


def found(text: str, doc_date: str = "") -> list[tuple[str, str, str, str, str]]:
    return [
        (m.surface, m.date_start, m.date_end, m.precision, m.inferred_from)
        for m in extract_dates(text, doc_date=doc_date)
    ]


def test_a_year_after_counts_from_the_latest_date_written_before_it():
    """ "بعد عام" after "سنة 1959" on the same line is 1960, inferred from that earlier date."""
    text = "نال الإقليم استقلاله في سنة 1959 ثم انحل الاتحاد بعد عام بسبب الخلافات"
    assert found(text)[-1] == ("بعد عام", "1960", "1960", "year", "earlier_date")


@pytest.mark.parametrize(
    "text",
    [
        "انحل الاتحاد بعد عام بسبب الخلافات",  # no earlier date
        "تأسس الحزب في سنة 1959\nوانحل بعد عام",  # the earlier date is on another line
        "تأسس الحزب في سنة 1959 وانحل بعد عام من الانقلاب",  # counted from the event it names
    ],
)
def test_a_year_after_without_an_earlier_date_on_its_line_is_no_date(text):
    """ "بعد عام" needs a written date before it on its line, and is left alone before «من»."""
    assert all(m.surface != "بعد عام" for m in extract_dates(text))


def test_after_a_year_followed_by_a_number_still_opens_a_period():
    """ "بعد عام 2020" is the period the since-words open, not a year counted from an earlier one."""
    assert found("وقع ذلك في 2019. وتغير الوضع بعد عام 2020م.")[-1] == (
        "بعد عام 2020م",
        "2020",
        "",
        "period",
        "",
    )


@pytest.mark.parametrize(
    ("text", "doc_date", "expected"),
    [
        # a decade of the past century, counted from the latest year the text writes …
        (
            "تأسست الحركة عام 2011 وكان قادتها قد ثاروا في تسعينيات القرن الماضي",
            "",
            ("تسعينيات القرن الماضي", "1990", "1999", "period", "latest_text_year"),
        ),
        # … or from the document date when there is one
        (
            "هاجر إلى ليبيا في ثمانينات القرن الماضي",
            "2023-05-23",
            ("ثمانينات القرن الماضي", "1980", "1989", "period", "document_date"),
        ),
        # a decade of a named century is written out in full
        ("في ستينيات القرن العشرين", "", ("ستينيات القرن العشرين", "1960", "1969", "period", "")),
    ],
)
def test_a_decade_is_a_ten_year_period(text, doc_date, expected):
    """Decades of the past century need the text's or the document's time; of a named century, nothing."""
    assert found(text, doc_date)[-1] == expected


def test_a_decade_of_the_past_century_without_any_year_is_no_date():
    """ "في تسعينيات القرن الماضي" in a text with no year and no document date stays undated."""
    assert found("ثاروا في تسعينيات القرن الماضي") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("لم تبرز الا بعد سقوط النظام في 2011 حيث تم تهريب السلاح", [("2011", "2011", "2011", "year", "")]),
        ("أنهى 2000 مقاتل التدريب", []),  # a count is followed by what it counts
    ],
)
def test_a_bare_year_followed_by_a_conjunction_is_a_year(text, expected):
    """ "في 2011 حيث …" is a year; "2000 مقاتل" is still a count."""
    assert found(text) == expected
