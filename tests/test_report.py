"""The HTML report is offline, lays Arabic right to left, and escapes document text."""

from __future__ import annotations

import nbformat
import pytest

from sahel_analysis.report import html as report
from sahel_analysis.report.check import check_page, find_chromium


@pytest.fixture
def page(tmp_path):
    """A small executed-looking notebook with Arabic prose, a table and hostile document text."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# 99 · Test page\n\nAn English sentence."),
        nbformat.v4.new_markdown_cell(
            '<div dir="rtl" lang="ar">\n\nهذه فقرة عربية طويلة بما يكفي.\n\n</div>'
        ),
        nbformat.v4.new_code_cell(
            "x",
            execution_count=1,
            outputs=[
                nbformat.v4.new_output(
                    "execute_result",
                    data={
                        "text/html": "<table><tr><td>&lt;script&gt;alert(1)&lt;/script&gt; مالي</td></tr></table>"
                    },
                    execution_count=1,
                )
            ],
        ),
    ]
    path = tmp_path / "99-test.ipynb"
    nbformat.write(nb, path)
    out = tmp_path / "report"
    report.write_assets(out)
    return report.render_notebook(path, out), out


def test_page_is_offline(page):
    """No script, stylesheet or font is fetched from the network."""
    rendered, out = page
    html = (out / rendered.html_name).read_text(encoding="utf-8")
    assert not report.REMOTE_RE.search(html)
    assert (out / "assets" / "IBMPlexSansArabic-Regular.ttf").exists()


def test_document_text_stays_escaped(page):
    """Text from a document that looks like HTML is shown, never run."""
    rendered, out = page
    html = (out / rendered.html_name).read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)" in html


def test_arabic_blocks_carry_a_direction(page):
    """Markdown paragraphs get dir="auto" and the author's rtl blocks are kept."""
    rendered, out = page
    html = (out / rendered.html_name).read_text(encoding="utf-8")
    assert '<div dir="rtl" lang="ar">' in html and '<p dir="auto">' in html


def test_index_lists_pages_with_descriptions(page, tmp_path):
    """The index links each page with its title and one-line description, escaping findings."""
    rendered, out = page
    index = report.render_index([rendered], out, "Q?", ["<b>finding</b> مالي"])
    html = index.read_text(encoding="utf-8")
    assert 'href="99-test.html"' in html and "An English sentence." in html
    assert "&lt;b&gt;finding&lt;/b&gt;" in html


def test_chromium_lays_arabic_prose_right_to_left(page):
    """In headless Chromium, every mostly-Arabic prose block has computed direction rtl."""
    browser = find_chromium()
    if browser is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    rendered, out = page
    check = check_page(out / rendered.html_name, browser)
    assert check.arabic_blocks >= 2 and check.ok, check.wrong
