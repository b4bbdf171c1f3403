"""Tests for sahel_analysis.coding.draft: every added document gets a draft coding, automatic, verbatim, never overwritten."""

from __future__ import annotations

from pathlib import Path

import pytest

from sahel_analysis.analysis import automatic
from sahel_analysis.coding import draft, events, lists, store
from sahel_analysis.corpus.repaired import repaired_corpus

ARTICLE = Path(__file__).parent / "data" / "new_documents" / "article_logical.txt"


@pytest.fixture(scope="module")
def rcorpus(root):
    return repaired_corpus(root)


@pytest.fixture(scope="module")
def article():
    return automatic.uncatalogued("new", "مقال", ARTICLE.read_text(encoding="utf-8"))


@pytest.fixture
def drafted(tmp_path, monkeypatch, rcorpus, article):
    """A project whose codings are drafts of the seeds and the article."""
    monkeypatch.setenv("SAHEL_ANALYSIS_ROOT", str(tmp_path))
    for rd in (*rcorpus, article):
        draft.write_draft(tmp_path, rd)
    return tmp_path


def test_a_draft_holds_the_dated_sentences_as_automatic_events(tmp_path, article):
    path = draft.write_draft(tmp_path, article)
    assert path == tmp_path / "coding" / "new.yaml"
    coding = store.read_coding(path)
    assert coding.events and coding.events[0]["date_start"] == "2022-01"
    for e in coding.events:
        assert (e["status"], e["coded_by"]) == ("automatic", "automatic")
        assert e["quote_ar"] in article.text
    assert "jnim" in coding.events[0]["actor_ids"]


def test_a_draft_never_overwrites_a_coding(tmp_path, article):
    path = draft.write_draft(tmp_path, article)
    path.write_text(path.read_text() + "# reviewed by hand\n")
    assert draft.write_draft(tmp_path, article) is None
    assert path.read_text().endswith("# reviewed by hand\n")


def test_drafts_are_located_in_their_texts_and_only_exported_layers_read_them(drafted, rcorpus, article):
    """Draft events and lists are found where they stand; analyses (reviewed only) see none of them."""
    corpus = (*rcorpus, article)
    drafted_events = events.events(corpus, include_automatic=True)
    assert drafted_events and {e.coded_by for e in drafted_events} == {"automatic"}
    assert {e.doc_id for e in drafted_events} == {rd.id for rd in corpus}
    texts = {rd.id: rd.text for rd in corpus}
    for e in drafted_events:
        assert texts[e.doc_id][e.start : e.end] == e.quote_ar
    drafted_lists = lists.coded_lists(corpus, include_automatic=True)
    assert drafted_lists and {cl.role for cl in drafted_lists} == {"draft"}
    for cl in drafted_lists:
        for item in cl.items:
            assert texts[cl.doc_id][item.start : item.end] == item.text
    assert events.events(corpus) == [] and lists.coded_lists(corpus) == ()


def test_candidate_actors_become_notes_with_their_offsets(tmp_path, article):
    text = article.text + "\nوأعلنت حركة الخلاص الوطني (FPN) و«جبهة الشمال» رفض الحوار.\n"
    rd = automatic.uncatalogued("cand", "مقال", text)
    coding = store.read_coding(draft.write_draft(tmp_path, rd))
    assert {"FPN", "جبهة الشمال"} <= {n["quote_ar"] for n in coding.notes}
    for note in coding.notes:
        assert note["kind"] == "candidate_actor"
        assert rd.text[note["start"] : note["end"]] == note["quote_ar"]
        assert note["score"] >= 1 and note["status"] == "automatic"
