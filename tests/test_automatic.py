"""An uncurated article is analysed on its own: its actors and dates are found."""

from __future__ import annotations

from pathlib import Path

from sahel_analysis.analysis import automatic
from sahel_analysis.corpus.repaired import repaired_corpus

ARTICLE = Path(__file__).parent / "data" / "new_documents" / "article_logical.txt"


def test_unseen_article_yields_its_states_groups_and_persons():
    """The gazetteer finds the article's states, JNIM and the persons it names."""
    rd = automatic.uncatalogued("demo", "مقال", ARTICLE.read_text(encoding="utf-8"))
    found = set(automatic.found_names(automatic.analyse(rd)))
    assert {
        "mali",
        "niger",
        "burkina_faso",
        "jnim",
        "mohamed_bazoum",
        "paul_henri_damiba",
        "minusma",
    } <= found


def test_unseen_article_yields_its_dates_with_sentences():
    """Both dates are found, at month precision, each with the sentence it came from."""
    rd = automatic.uncatalogued("demo", "مقال", ARTICLE.read_text(encoding="utf-8"))
    rows = automatic.date_rows(rd, automatic.analyse(rd))
    assert [(r["from"], r["precision"]) for r in rows] == [("2022-01", "month"), ("2022-01", "month")]
    assert all("2022م" in r["sentence"] for r in rows)


def test_every_catalogued_document_gets_a_coverage_row(root):
    """The coverage table has a row per catalogued document, so added documents appear."""
    corpus = repaired_corpus(root)
    rows = automatic.coverage_table(corpus)
    assert [r["doc_id"] for r in rows] == [rd.id for rd in corpus]
    assert all(r["actor mentions (auto)"] > 0 for r in rows)
