"""A page per document: its metadata, its text with actors, places and dates marked, its items; nothing a document holds runs as markup or reorders the page."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, seed_corpus

from sahel_analysis.analysis.automatic import uncatalogued
from sahel_analysis.report.book import build_book
from sahel_analysis.report.document_pages import (
    INDEX_PAGE,
    Mark,
    document_page,
    document_sources,
    markdown_text,
    marked_markdown,
)

HOSTILE = ROOT / "tests" / "data" / "hostile"
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def hostile_document(doc_id: str = "hostile"):
    text = "\n".join(
        (HOSTILE / name).read_text(encoding="utf-8") for name in ("html_script.txt", "bidi_overrides.txt")
    )
    rd = uncatalogued(doc_id, "عنوان \u202eمقلوب\u202c <i>x</i>", text)
    doc = dataclasses.replace(rd.doc, url="javascript:alert(1)", source="<b>outlet</b>")
    return dataclasses.replace(rd, doc=doc)


@pytest.fixture(scope="module")
def hostile_book(tmp_path_factory):
    """A book of one empty chapter and the hostile document's page, built by Sphinx."""
    import nbformat

    tmp = tmp_path_factory.mktemp("hostile-book")
    chapter = nbformat.v4.new_notebook()
    chapter.cells = [nbformat.v4.new_markdown_cell("# 00 · Chapter\n\nText.")]
    nbformat.write(chapter, tmp / "00-chapter.ipynb")
    pages = document_sources((hostile_document(),), tmp)
    built = build_book([tmp / "00-chapter.ipynb"], tmp / "report", tmp / "work", "Q", [], lambda _: None,
                       extra_pages=pages, extra_index=INDEX_PAGE)  # fmt: skip
    return built.html_dir


def test_document_text_is_escaped_for_markdown_and_html():
    """`<`, `&`, `*`, `#`, `[` in a document are shown as written: no tag, entity, emphasis, heading or link."""
    assert markdown_text("<b>&amp; *x* [a](b)") == r"\<b\>\&amp\; \*x\* \[a\]\(b\)"
    marked = marked_markdown('"مالي"', 0, [Mark(1, 5, "actor", 'Mali"><script>')])
    assert '<mark class="mention-actor" title="Mali&quot;&gt;&lt;script&gt;">مالي</mark>' in marked


def test_bidi_controls_are_shown_not_obeyed():
    """No bidi control of a document reaches the page's source; each is named where it stood."""
    page = document_page(hostile_document())
    assert not BIDI_CONTROLS.search(page)
    assert (
        page.count("⟨U+202E⟩") + page.count(r"⟨U\+202E⟩") >= 2
    )  # in the title (markdown-escaped) and the text


def test_hostile_page_runs_no_markup_once_built(hostile_book):
    """In the built HTML the document's <script>, </td></tr> and <b> are text; the javascript: URL is no link."""
    html = (hostile_book / "documents" / "hostile.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)" in html
    assert "&lt;td&gt;" in html and "<b>outlet</b>" not in html and "&lt;b&gt;outlet&lt;/b&gt;" in html
    assert 'href="javascript:' not in html
    assert not BIDI_CONTROLS.search(html) and "⟨U+202E⟩" in html


def test_document_text_is_right_to_left_and_its_mentions_marked(hostile_book):
    """The text sits in a dir="rtl" block; the government of Mali is marked as an actor with its name."""
    html = (hostile_book / "documents" / "hostile.html").read_text(encoding="utf-8")
    assert '<div class="document-text" dir="rtl" lang="ar">' in html
    assert re.search(r'<mark class="mention-actor" title="[^"]*Mali[^"]*">[^<]*الحكومة', html)
    assert 'class="mark-legend"' in html


def test_search_finds_a_document_word(hostile_book):
    """The document's text is in the book's offline search index."""
    script = (hostile_book / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(script[script.index("(") + 1 : script.rindex(")")])
    assert "الحوار" in index["terms"] and "documents/hostile" in index["docnames"]


def test_index_lists_the_documents_after_the_chapters(hostile_book):
    index = (hostile_book / "index.html").read_text(encoding="utf-8")
    assert index.index("00-chapter.html") < index.index("documents/index.html")
    assert 'href="hostile.html"' in (hostile_book / "documents" / "index.html").read_text(encoding="utf-8")


@pytest.mark.corpus
def test_a_seed_page_holds_its_metadata_and_every_coded_item():
    """Each seed's page names its id, title and author, and counts the items its coding file holds."""
    corpus = seed_corpus()
    pages = document_sources(corpus, ROOT)
    for rd in corpus:
        page = pages[f"documents/{rd.id}.md"]
        coding = yaml.safe_load((ROOT / "coding" / f"{rd.id}.yaml").read_text(encoding="utf-8"))
        assert rd.doc.title_ar in page and rd.doc.author_en in page
        assert f"{len(coding['events'])} in all" in page
        assert 'class="mention-date"' in page and 'class="mention-place"' in page


def test_pages_are_byte_stable():
    """Two builds write the same page: no time, no path."""
    corpus = seed_corpus()
    assert document_sources(corpus, ROOT) == document_sources(corpus, ROOT)
    assert str(ROOT) not in "".join(document_sources(corpus, ROOT).values())


def test_pages_link_the_previous_and_next_document(tmp_path: Path):
    first, second = hostile_document("doc-a"), hostile_document("doc-b")
    pages = document_sources((first, second), tmp_path)
    assert "(doc-b.md)" in pages["documents/doc-a.md"] and "(doc-a.md)" in pages["documents/doc-b.md"]


def test_notebook_tables_show_bidi_controls_and_leave_other_tables_alone():
    """A DataFrame cell or label holding a bidi control is displayed with the control named; a clean frame is untouched."""
    import pandas as pd

    from sahel_analysis.figures.tables import frame_html, with_cell_directions, with_visible_controls

    text = (HOSTILE / "bidi_overrides.txt").read_text(encoding="utf-8").strip()
    frame = pd.DataFrame({"quote": [text], "n": [1]}, index=["doc\u202e"])
    html = frame_html(frame)
    assert not BIDI_CONTROLS.search(html)
    assert "⟨U+202E⟩" in html and "⟨U+2066⟩" in html and "doc⟨U+202E⟩" in html
    clean = pd.DataFrame({"quote": ["مالي"]})
    assert with_visible_controls(clean) is clean and frame_html(clean) == with_cell_directions(clean._repr_html_())


def test_setup_display_shows_every_cell_whole():
    import pandas as pd

    from sahel_analysis.figures.tables import setup_display

    with pd.option_context("display.max_colwidth", 50):
        setup_display()
        assert pd.get_option("display.max_colwidth") is None
