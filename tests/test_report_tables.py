"""Long tables in the HTML report: paged with sortable headers on screen, every row in print, never cut silently."""

from __future__ import annotations

import re
import shutil
import subprocess

import pandas as pd
import pytest

from sahel_analysis.figures.render import css_for_report
from sahel_analysis.figures.tables import MAX_SHOWN_ROWS, frame_html
from sahel_analysis.package_data import data_text
from sahel_analysis.report.book import SPHINX_CONFIG, TABLE_SCRIPT, write_static
from sahel_analysis.report.check import CHROMIUM_FLAGS
from sahel_analysis.report.offline import find_remote_resources

PAGE_ROWS = 25


def test_the_book_ships_and_loads_the_table_script_offline(tmp_path):
    write_static(tmp_path)
    assert (tmp_path / TABLE_SCRIPT).read_text(encoding="utf-8") == data_text(TABLE_SCRIPT)
    assert TABLE_SCRIPT in SPHINX_CONFIG["html_js_files"]
    assert find_remote_resources(tmp_path) == []


def test_the_script_pages_tables_over_its_page_size():
    assert re.search(rf"\bPAGE_ROWS = {PAGE_ROWS};", data_text(TABLE_SCRIPT))


def test_rows_off_the_page_are_hidden_on_screen_and_printed():
    """Screen: tr.sa-off hidden; print: every row shown and the page buttons gone."""
    css = css_for_report()
    screen, print_rules = css.split("@media print", 1)
    assert re.search(r"tr\.sa-off\s*\{\s*display:\s*none", screen)
    assert re.search(r"tr\.sa-off\s*\{\s*display:\s*table-row !important", print_rules)
    assert re.search(r"\.sa-pager\s*\{\s*display:\s*none !important", print_rules)


def test_a_frame_longer_than_pandas_shows_is_never_cut_silently():
    """pandas would cut 100 rows to 10 with '...': all 100 show; past the limit, a line counts the rest."""
    html = frame_html(pd.DataFrame({"n": range(100)}))
    assert html.count("<td>") == 100 and "..." not in html
    html = frame_html(pd.DataFrame({"n": range(MAX_SHOWN_ROWS + 500)}))
    assert html.count("<td>") == MAX_SHOWN_ROWS
    assert f"500 more rows not shown ({MAX_SHOWN_ROWS + 500:,} in all)" in html
    assert f'data-total="{MAX_SHOWN_ROWS + 500}"' in html  # the table script says the whole size


def rendered_dom(tmp_path, body: str) -> str:
    """`body` with the table script, as headless Chromium leaves the page once its scripts have run."""
    page = tmp_path / "page.html"
    page.write_text(
        f'<!doctype html><html><head><meta charset="utf-8"></head><body>{body}'
        f"<script>{data_text(TABLE_SCRIPT)}</script></body></html>",
        encoding="utf-8",
    )
    run = subprocess.run(
        ["chromium", *CHROMIUM_FLAGS, "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    return run.stdout


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Debian's chromium")
def test_a_table_of_a_thousand_rows_is_paged_sorted_and_whole_in_the_page(tmp_path):
    frame = pd.DataFrame(
        {"document": [f"d{k:04}" for k in range(1000)], "mentions": [(k * 37) % 1000 for k in range(1000)]}
    )
    click = (
        "<script>window.addEventListener('load', () => {"
        " const th = [...document.querySelectorAll('thead th')].find(h => h.textContent === 'mentions');"
        " th.click(); th.click(); });</script>"
    )
    dom = rendered_dom(tmp_path, f'<div class="cell_output">{frame.to_html(index=False)}</div>{click}')
    assert "showing 1–25 of 1,000 rows (page 1 of 40)" in dom
    rows = re.findall(r"<tr( class=\"[^\"]*\")?>\s*<td>(d\d+)</td>\s*<td>(\d+)</td>", dom)
    assert len(rows) == 1000  # every row stays in the page: printing shows them all
    visible = [(doc, int(n)) for cls, doc, n in rows if "sa-off" not in cls]
    assert len(visible) == PAGE_ROWS
    assert [n for _, n in visible] == sorted((n for _, n in visible), reverse=True)  # two clicks: descending
    assert visible[0][1] == 999
    assert 'aria-sort="descending"' in dom


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Debian's chromium")
def test_a_short_table_is_left_as_it_is(tmp_path):
    frame = pd.DataFrame({"n": range(PAGE_ROWS)})
    dom = rendered_dom(tmp_path, f'<div class="cell_output">{frame.to_html()}</div>')
    assert not re.search(r"class=\"[^\"]*sa-(pager|off|sortable|paged)", dom)


@pytest.mark.skipif(
    not (shutil.which("chromium") and shutil.which("pdftotext")), reason="needs chromium and poppler"
)
def test_a_paged_table_prints_every_row(tmp_path):
    """Printed (to PDF, with the report's print stylesheet), a paged table holds every row and no page buttons."""
    frame = pd.DataFrame({"document": [f"row{k:03}" for k in range(120)]})
    page = tmp_path / "page.html"
    page.write_text(
        f'<!doctype html><html><head><meta charset="utf-8"><style>{css_for_report()}</style></head><body>'
        f'<div class="cell_output">{frame.to_html()}</div><script>{data_text(TABLE_SCRIPT)}</script></body></html>',
        encoding="utf-8",
    )
    pdf = tmp_path / "page.pdf"
    subprocess.run(
        ["chromium", *CHROMIUM_FLAGS, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()],
        capture_output=True, timeout=120, check=True,
    )  # fmt: skip
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert all(f"row{k:03}" in text for k in range(120))
    assert "showing" not in text


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Debian's chromium")
def test_a_table_cut_at_the_row_limit_says_its_whole_size_over_the_pages(tmp_path):
    html = frame_html(pd.DataFrame({"n": range(MAX_SHOWN_ROWS + 500)}))
    dom = rendered_dom(tmp_path, f'<div class="cell_output"><div class="output">{html}</div></div>')
    whole = f"{MAX_SHOWN_ROWS + 500:,}"
    assert f"showing 1–25 of {MAX_SHOWN_ROWS:,} rows here ({whole} in all)" in dom


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Debian's chromium")
def test_a_grouped_table_repeats_its_group_in_every_row_so_pages_keep_it(tmp_path):
    """pandas merges a grouped index over rows (rowspan); paged, each row must still say its group."""
    index = pd.MultiIndex.from_tuples(
        [(f"group{k // 20}", f"item{k:02}") for k in range(60)], names=["g", "i"]
    )
    frame = pd.DataFrame({"n": range(60)}, index=index)
    dom = rendered_dom(tmp_path, f'<div class="cell_output">{frame.to_html()}</div>')
    body = dom.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert "rowspan" not in body
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    assert len(rows) == 60 and all(row.count("<th") == 2 for row in rows)
    assert all(f"group{k // 20}</th>" in row for k, row in enumerate(rows))
