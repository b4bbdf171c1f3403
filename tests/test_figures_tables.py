"""Tests for sahel_analysis.figures.tables: a notebook table is shown whole, or says how many rows it leaves out."""

from __future__ import annotations

import pandas as pd

from sahel_analysis.figures.tables import MAX_SHOWN_ROWS, LongTable, frame_html, shown


def test_a_table_pandas_shows_whole_comes_back_untouched():
    """The seeds' tables display exactly as before: the frame itself, not a wrapper."""
    frame = pd.DataFrame({"doc_id": ["000", "002"], "n": [1, 2]})
    assert shown(frame, export="documents.csv") is frame


def test_a_table_of_102_rows_is_displayed_whole():
    """Past pandas' max_rows (which truncates to 10 rows), every row up to the limit is displayed, with no note."""
    frame = pd.DataFrame({"doc_id": [f"{k:03}" for k in range(102)]})
    table = shown(frame, export="documents.csv")
    assert isinstance(table, LongTable) and table.hidden == 0 and table.note() == ""
    html, text = table._repr_html_(), repr(table)
    assert html.count("<td>") == 102 and "…" not in html  # every row, nothing elided
    assert "101" in text and "..." not in text


def test_a_table_past_the_limit_says_how_many_rows_are_not_shown_and_where_they_are():
    frame = pd.DataFrame({"doc_id": range(MAX_SHOWN_ROWS + 50)})
    table = shown(frame, export="mentions.csv")
    assert len(table.frame) == MAX_SHOWN_ROWS and table.hidden == 50
    assert (
        table.note()
        == f"50 more rows not shown ({MAX_SHOWN_ROWS + 50:,} in all); every row is in the export mentions.csv."
    )
    assert table.note() in repr(table) and "50 more rows not shown" in table._repr_html_()


def test_the_display_options_are_left_as_they_were():
    before = pd.get_option("display.max_rows")
    repr(shown(pd.DataFrame({"a": range(500)})))
    assert pd.get_option("display.max_rows") == before


def test_an_arabic_cell_takes_the_direction_of_most_of_its_letters():
    """An English note opening on an Arabic quote stays left to right; an Arabic cell is right to left."""
    frame = pd.DataFrame(
        {
            "note": ["«وعنيت جلُّ المفاوضات» enumerates what the talks dealt with"],
            "quote": ["أبدت «قلقها»"],
            "n": [3],
        }
    )
    html = frame_html(frame)
    assert '<td dir="ltr">«وعنيت' in html and '<td dir="rtl">أبدت' in html and "<td>3</td>" in html


def test_a_long_id_may_wrap_after_its_underscores_and_still_reads_as_written():
    html = frame_html(pd.DataFrame({"item": ["002_international_presence#5"], "short": ["a_b"]}))
    assert "002_<wbr>international_<wbr>presence#<wbr>5" in html and "<td>a_b</td>" in html


def test_a_per_document_table_past_the_limit_says_its_rows_are_on_the_document_pages():
    table = shown(pd.DataFrame({"doc_id": range(MAX_SHOWN_ROWS + 800)}), where="on the document pages")
    assert table.note() == (
        f"800 more rows not shown ({MAX_SHOWN_ROWS + 800:,} in all); every row is on the document pages."
    )
