"""The report is a book: offline, navigable, searchable, its figures captioned, its Arabic right to left.

One small book is built once for the module (a Sphinx build takes a few seconds).
"""

from __future__ import annotations

import base64
import io
import json
import re

import nbformat
import pytest
from matplotlib.figure import Figure

from sahel_analysis.report import pdf
from sahel_analysis.report.book import SPHINX_CONFIG, build_book, index_markdown
from sahel_analysis.report.check import check_page, find_chromium
from sahel_analysis.report.offline import find_remote_resources
from sahel_analysis.report.tables import truncated_cells

ARABIC_WORD = "التفاوض"


def png_bytes() -> str:
    fig = Figure(figsize=(1, 1))
    fig.subplots().plot([0, 1], [0, 1])
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return base64.b64encode(buffer.getvalue()).decode()


def figure_cell(count: int, alt: str | None) -> nbformat.NotebookNode:
    output = nbformat.v4.new_output(
        "execute_result",
        data={"image/png": png_bytes(), "text/plain": "<Figure size 100x100 with 1 Axes>"},
        metadata={"image/png": {"alt": alt}} if alt else {},
        execution_count=count,
    )
    return nbformat.v4.new_code_cell("fig", execution_count=count, outputs=[output])


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    """A two-page book: Arabic prose, a table with hostile document text, two figures."""
    tmp = tmp_path_factory.mktemp("book")
    first = nbformat.v4.new_notebook()
    first.cells = [
        nbformat.v4.new_markdown_cell("# 00 · First page\n\nAn English sentence."),
        nbformat.v4.new_markdown_cell(
            f'<div dir="rtl" lang="ar">\n\nهذه فقرة عربية عن {ARABIC_WORD} طويلة بما يكفي.\n\n</div>'
        ),
        nbformat.v4.new_code_cell(
            "table",
            execution_count=1,
            outputs=[
                nbformat.v4.new_output(
                    "execute_result",
                    data={
                        "text/html": "<table><tr><td>&lt;script&gt;alert(1)&lt;/script&gt; مالي</td></tr></table>",
                        "text/plain": "table",
                    },
                    execution_count=1,
                )
            ],
        ),
        nbformat.v4.new_markdown_cell("The events by actor. Points are events."),
        figure_cell(2, "Dated events, by actor · الأحداث حسب الفاعل"),
    ]
    second = nbformat.v4.new_notebook()
    second.cells = [
        nbformat.v4.new_markdown_cell("# 01 · Second page\n\nMentions per actor, one bar per document."),
        figure_cell(1, None),
    ]
    paths = []
    for name, nb in (("00-first", first), ("01-second", second)):
        paths.append(tmp / f"{name}.ipynb")
        nbformat.write(nb, paths[-1])
    lines = []
    built = build_book(paths, tmp / "report", tmp / "work", "Q <b>?</b>", ["finding مالي"], lines.append)
    return built, lines, tmp


def page(book, name: str) -> str:
    return (book[0].html_dir / f"{name}.html").read_text(encoding="utf-8")


def test_build_announces_each_step(book):
    """The build says what it does as it goes, a line per page read."""
    _, lines, _ = book
    assert any("reading 00-first" in line for line in lines) and "book built" in lines[-1]


def test_index_has_a_table_of_contents(book):
    """The first page asks the question, lists the findings and links every chapter."""
    index = page(book, "index")
    assert 'href="00-first.html"' in index and 'href="01-second.html"' in index
    assert "Q &lt;b&gt;?&lt;/b&gt;" in index and "finding مالي" in index


def test_pages_link_previous_and_next(book):
    """Every chapter links the one before and the one after."""
    second = page(book, "01-second")
    assert re.search(
        r'class="left-prev"[^>]*href="00-first.html"|href="00-first.html"[^>]*class="left-prev"', second
    )


def test_search_works_offline_with_arabic(book):
    """Sphinx's own search page and index are built, and the index holds Arabic words."""
    site = book[0].html_dir
    assert (site / "search.html").is_file()
    script = (site / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(script[script.index("(") + 1 : script.rindex(")")])
    assert ARABIC_WORD in index["terms"]


def test_book_loads_nothing_from_the_network(book):
    """No page, stylesheet or script fetches anything; the project font ships with the book."""
    site = book[0].html_dir
    assert find_remote_resources(site) == []
    assert (site / "_static" / "IBMPlexSansArabic-Regular.ttf").is_file()
    assert "mathjax" not in page(book, "00-first").lower()


def test_code_input_is_hidden_one_click_away(book):
    """A code cell's input sits in a closed <details>, its output in the page."""
    html = page(book, "00-first")
    assert re.search(r'<details class="[^"]*hide above-input', html)
    assert "<details open" not in html


def test_every_figure_is_an_image_with_alt_text(book):
    """Figures are <img> with alt text from the figure's titles, or from the prose above them."""
    first, second = page(book, "00-first"), page(book, "01-second")
    assert 'alt="Dated events, by actor · الأحداث حسب الفاعل"' in first
    assert 'alt="Mentions per actor, one bar per document."' in second
    assert "<Figure size" not in first + second and "&lt;Figure size" not in first + second


def test_figures_are_numbered_and_captioned_across_the_book(book):
    """Captions are numbered through the whole book; Arabic in a caption runs right to left."""
    first, second = page(book, "00-first"), page(book, "01-second")
    assert '<span class="caption-number">Figure 1 </span>' in first
    assert '<span class="caption-number">Figure 2 </span>' in second
    assert '<span dir="rtl" lang="ar">الأحداث حسب الفاعل</span>' in first


def test_arabic_blocks_carry_a_direction(book):
    """The author's rtl blocks reach the page."""
    assert '<div dir="rtl" lang="ar">' in page(book, "00-first")


def test_document_text_stays_escaped(book):
    """Text from a document that looks like HTML is shown, never run."""
    html = page(book, "00-first")
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)" in html


def test_stylesheet_scrolls_wide_tables_and_prints_them_whole(book):
    """On screen a wide table scrolls in its own box; in print it wraps to the page."""
    css = (book[0].html_dir / "_static" / "report.css").read_text(encoding="utf-8")
    screen, _, printed = css.partition("@media print")
    assert "overflow-x: auto" in screen and "overflow: visible" in printed and "width: 100%" in printed
    assert "report.css" in page(book, "00-first")


def test_notebooks_are_never_executed_by_the_book():
    """myst-nb only reads outputs: the notebooks were executed by the build before."""
    assert SPHINX_CONFIG["nb_execution_mode"] == "off"


def test_index_escapes_markdown_in_findings():
    """A finding's text is shown as written, never read as markup."""
    assert r"- 2\*3 \<b\>" in index_markdown("Q", ["2*3 <b>"], ["00-first"])


def test_truncated_cells_are_counted():
    """pandas' cut cells are counted; an elided row's lone dots are not."""
    assert truncated_cells("<td>a quote that goes on...</td><td>...</td><td>whole</td>") == 1


def test_chromium_lays_arabic_prose_right_to_left(book):
    """In headless Chromium, every mostly-Arabic prose block has computed direction rtl."""
    browser = find_chromium()
    if browser is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    check = check_page(book[0].html_dir / "00-first.html", browser)
    assert check.arabic_blocks >= 2 and check.ok, check.wrong


def test_the_whole_book_prints_to_one_pdf(book):
    """`build --pdf`: Sphinx's single page, printed by headless Chromium."""
    if find_chromium() is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    tmp = book[2]
    printed = pdf.print_book(tmp / "work" / "source", tmp / "work", tmp / "book.pdf", lambda _line: None)
    assert printed is not None and printed.read_bytes().startswith(b"%PDF")


def test_pdf_is_skipped_with_a_message_without_chromium(book, monkeypatch):
    """No Chromium: no PDF, and the build says why instead of failing."""
    monkeypatch.setattr(pdf, "find_chromium", lambda: None)
    lines = []
    assert (
        pdf.print_book(book[2] / "work" / "source", book[2] / "work", book[2] / "x.pdf", lines.append) is None
    )
    assert "chromium" in lines[0].lower()
