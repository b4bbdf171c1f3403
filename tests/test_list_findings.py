"""Tests for sahel_analysis.analysis.list_findings: findings are computed, worded by data, and quote the texts."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from sahel_analysis.analysis import automatic, list_findings
from sahel_analysis.analysis.findings import Finding, check_evidence
from sahel_analysis.coding.store import load_codings
from sahel_analysis.corpus.repaired import repaired_corpus

ARTICLE = Path(__file__).parent / "data" / "new_documents" / "article_logical.txt"


@pytest.fixture(scope="module")
def rcorpus(root):
    return repaired_corpus(root)


@pytest.fixture(scope="module")
def docs(rcorpus):
    return {rd.id: rd for rd in rcorpus}


@pytest.fixture(scope="module")
def with_article(rcorpus):
    """The seeds and one uncoded news article, as `sahel-analysis add` would leave the corpus."""
    article = automatic.uncatalogued("new", "مقال", ARTICLE.read_text(encoding="utf-8"))
    return (*rcorpus, article)


def test_synthesis_findings_quote_the_texts_where_they_say(rcorpus, docs):
    """Each finding's quote is verbatim in its document, at its offsets and in the paragraph it names."""
    findings = list_findings.synthesis_findings(rcorpus)
    assert len(findings) >= 8
    assert all(isinstance(f, Finding) and f.evidence for f in findings)
    assert check_evidence(findings, {d: rd.text for d, rd in docs.items()}) == []
    for f in findings:
        ev = f.evidence[0]
        assert docs[ev.doc_id].paragraph_index(ev.start) == ev.paragraph
    texts = list_findings.synthesis_findings(rcorpus, as_text=True)
    assert texts == [str(f) for f in findings]


def test_every_coded_document_has_evidenced_findings(rcorpus, docs):
    """The findings coded for a document quote that document, verbatim, at their offsets."""
    coded = {c.doc_id: c.list_findings for c in load_codings() if c.list_findings}
    for doc_id in coded:
        findings = list_findings.document_findings(rcorpus, doc_id)
        assert len(findings) == len(coded[doc_id])
        assert {ev.doc_id for f in findings for ev in f.evidence} == {doc_id}
        assert check_evidence(findings, {d: rd.text for d, rd in docs.items()}) == []


def test_an_added_document_gets_the_generic_findings(with_article):
    """A document nothing is coded for still gets findings, computed and worded generically."""
    findings = list_findings.document_findings(with_article, "new")
    assert findings and all("document new" in f.statement_en.lower() for f in findings)
    assert check_evidence(findings, {rd.id: rd.text for rd in with_article}) == []


def test_an_unknown_document_has_no_findings(rcorpus):
    assert list_findings.document_findings(rcorpus, "no such document") == []


def test_a_corpus_without_the_compared_documents_gets_the_generic_synthesis(with_article):
    """Without the documents the coded synthesis compares, the synthesis is the generic one."""
    corpus = [
        rd for rd in with_article if rd.id not in list_findings.findings_data()["synthesis"]["documents"]
    ]
    findings = list_findings.synthesis_findings(corpus)
    assert findings and findings[0].statement_en.startswith(f"The corpus holds {len(corpus)} documents")


def test_the_findings_frame_has_one_row_per_finding_with_where_its_quote_stands(rcorpus, docs):
    """The notebooks' table: finding, quote, document, paragraph, sentence, and the list item it is about."""
    findings = list_findings.synthesis_findings(rcorpus)
    frame = list_findings.findings_frame(rcorpus, findings)
    assert list(frame.columns) == list(list_findings.FRAME_COLUMNS) and len(frame) == len(findings)
    for row in frame.itertuples():
        rd = docs[row.doc_id]
        at = rd.text.index(row.quote_ar)
        assert rd.sentences()[row.sentence].start <= at < rd.sentences()[row.sentence].end


def test_templates_read_bracketed_keys_as_text():
    """«{doc[000][n]}» indexes by the text «000», which plain str.format would read as the number 0."""
    assert (
        list_findings.render("{doc[000][n]} and {n[x_1]}", {"doc": {"000": {"n": 4}}, "n": {"x_1": 2}})
        == "4 and 2"
    )


def test_a_template_naming_a_missing_value_says_which_finding():
    with pytest.raises(ValueError, match="synthesis #3"):
        list_findings.render("{nothing}", {}, "synthesis #3")


def test_categories_are_phrased_largest_first():
    """«political 2, military and security 1»: counts descending, ties in vocabulary order."""

    class Item:
        def __init__(self, category):
            self.category = category

    items = [Item("military_security"), Item("political"), Item("political")]
    assert list_findings.categories_phrase(items) == "political 2, military and security 1"
    assert (
        list_findings.roles_phrase("legal", Counter(challenge=1)) == "1 legal items, all in challenge lists"
    )


def test_an_added_document_with_a_list_is_told_what_the_extractor_found(rcorpus):
    """An uncoded document whose text announces a list gets the extractor's findings, quoting the announcement."""
    text = (
        "يتكون البرنامج من ستة مفاهيم إستراتيجية هي: إنشاء مؤسسات قوية. استعادة الأمن. تنفيذ المصالحة. "
        "إعادة بناء المدارس. تشكيل اقتصاد أقوى. تطبيق سياسة للتنمية."
    )
    corpus = (*rcorpus, automatic.uncatalogued("new", "مقال", text))
    findings = list_findings.document_findings(corpus, "new")
    assert [f.statement_en for f in findings] == [
        "Lists the extractor finds in document new: 1, with 6 items in all.",
        "Counts document new announces in words: 1 («ستة» 6); the extractor finds exactly that many items for 1 of them.",
    ]
    assert {f.source_layer for f in findings} == {"extract"}
    assert findings[1].quote_ar.startswith("يتكون البرنامج من ستة")
    assert check_evidence(findings, {rd.id: rd.text for rd in corpus}) == []


def test_a_coded_document_without_coded_findings_gets_the_generic_ones(rcorpus, docs, monkeypatch):
    """Coding a document's lists is enough for findings: its numbers come out in the generic wording."""
    monkeypatch.setattr(list_findings, "coding_of", lambda doc_id: None)
    doc_id = next(iter(docs))
    findings = list_findings.document_findings(rcorpus, doc_id)
    assert findings[0].statement_en.startswith(f"Coded lists of document {doc_id}: ")
    assert findings[0].source_layer == "coding" and findings[0].evidence[0].doc_id == doc_id
    assert check_evidence(findings, {d: rd.text for d, rd in docs.items()}) == []


def test_the_synthesis_of_two_documents_reads_the_same_when_a_third_is_added(rcorpus):
    """The coded synthesis compares its documents pairwise: a copy of one of them added changes no word."""
    from dataclasses import replace

    third = replace(rcorpus[-1], doc=replace(rcorpus[-1].doc, id="copy"))
    before = list_findings.synthesis_findings(rcorpus, as_text=True)
    assert list_findings.synthesis_findings([*rcorpus, third], as_text=True) == before
