"""Tests for sahel_analysis.analysis.actors: tables, quotes in context, findings and export rows of actor mentions."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from conftest import seed_corpus

from sahel_analysis.analysis import actors
from sahel_analysis.analysis.actors import clause_around
from sahel_analysis.analysis.automatic import uncatalogued
from sahel_analysis.analysis.finding_templates import finding_entries
from sahel_analysis.analysis.findings import Finding, check_evidence
from sahel_analysis.errors import SahelError
from sahel_analysis.export import DATASETS
from sahel_analysis.extract.actors import extract_mentions
from sahel_analysis.extract.gazetteer import load_gazetteer

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def corpus():
    return seed_corpus(ROOT)


@pytest.fixture(scope="module")
def docs(corpus):
    return {rd.id: rd for rd in corpus}


@pytest.mark.parametrize("name", ["actors", "aliases", "mentions", "relations"])
def test_export_rows_carry_the_contract_columns(corpus, name):
    """Each builder named in export.DATASETS returns rows with every required column."""
    dataset = next(d for d in DATASETS if d.name == name)
    rows = dataset.rows(corpus)
    assert rows
    required = {f.name for f in dataset.fields}
    assert all(required <= set(r) for r in rows)


def test_relation_rows_point_at_their_quote(corpus, docs):
    for row in actors.relation_rows(corpus):
        text = docs[row["doc_id"]].text
        assert text[row["start"] : row["end"]] == row["quote_ar"]


def test_cooccurrence_is_symmetric_with_sentence_counts_on_the_diagonal(corpus):
    table = actors.cooccurrence(corpus, ["jnim", "al_qaeda", "mali_government", "taliban"])
    assert (table.values == table.values.T).all()
    assert table.loc["jnim", "al_qaeda"] >= 2  # "الارتباط بين القاعدة وجماعة نصرة الإسلام والمسلمين"
    assert table.loc["jnim", "jnim"] <= 19


def test_findings_are_records_whose_quotes_sit_at_their_offsets(corpus, docs):
    """Each actor finding is a Finding from the extract layer, its quote the text at its offsets."""
    findings = actors.actor_findings(corpus)
    assert len(findings) >= 3
    assert all(isinstance(f, Finding) and f.source_layer == "extract" and f.evidence for f in findings)
    assert check_evidence(findings, {d: rd.text for d, rd in docs.items()}) == []


def test_the_findings_table_keeps_one_row_per_finding(corpus):
    """The notebook's table: finding, actor, document, paragraph and quote, in the findings' order."""
    findings = actors.actor_findings(corpus)
    table = actors.actor_findings_table(findings)
    assert list(table.columns) == ["finding", "actor_id", "doc_id", "paragraph", "quote_ar"]
    assert list(table["actor_id"]) == [f.subject for f in findings]
    assert list(table["quote_ar"]) == [f.quote_ar for f in findings]


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ("قال: نعم، وافقت الجماعة على الحوار. ثم غادر.", 16, 23, "قال: نعم، وافقت الجماعة على الحوار."),
        ("أ، " + "ب " * 200 + "الجماعة " + "ج " * 200, 405, 412, None),
    ],
)
def test_clause_around_is_a_substring_that_holds_the_mention(text, start, end, expected):
    a, b = clause_around(text, start, end, limit=80)
    assert a <= start and end <= b and b - a <= 120
    if expected is not None:
        assert text[a:b] == expected


def test_a_template_naming_an_uncomputed_field_fails_in_one_line_naming_the_file_and_entry(corpus):
    entry = {
        "id": "broken",
        "kind": "armed_groups",
        "types": ["jihadist_group"],
        "statement": "{doc_id}: {nope}",
    }
    with pytest.raises(SahelError) as err:
        actors.actor_findings(corpus, entries=[entry])
    message = str(err.value)
    assert "\n" not in message
    assert message.startswith("data/findings.yaml: ") and "actors/broken" in message and "{nope}" in message


def test_collective_actors_are_marked_in_the_data_not_named_in_code():
    """The named-actor tables leave out what data/actors.yaml marks collective, and only that beyond type other."""
    gaz = load_gazetteer()
    assert actors.collective_actor_ids() <= {a.id for a in gaz.actors}
    for a in gaz.actors:
        assert actors.is_named(a) == (a.actor_type != "other" and a.id not in actors.collective_actor_ids())


def test_findings_over_a_third_document_stay_true(corpus):
    """With a copy of a seed added under a new id, the findings still quote their texts and count the documents naming each actor."""
    third = replace(corpus[-1], doc=replace(corpus[-1].doc, id="copy"))
    bigger = [*corpus, third]
    found = actors.actor_findings(bigger)
    assert check_evidence(found, {rd.id: rd.text for rd in bigger}) == []
    shared = actors.shared_actors(bigger)
    for f in found:
        if " appears in " not in f.statement_en:
            continue
        n = shared[shared["actor_id"] == f.subject]["doc_id"].nunique()
        assert ("in three documents" in f.statement_en) == (n == 3)
        assert ("in both documents" in f.statement_en) == (n == 2)
        assert " of the three documents" not in f.statement_en  # the corpus size never enters the wording
    assert any("three documents" in f.statement_en for f in found)
    assert any(f.statement_en.startswith("Document copy centres on") for f in found)


def test_a_finding_about_two_documents_is_unchanged_when_a_third_is_added(corpus):
    """Every finding of the seeds about an actor the added document does not name reads the same, word for word."""
    article = (ROOT / "tests/data/new_documents/article_logical.txt").read_text(encoding="utf-8")
    third = uncatalogued("003", "مقال", article)
    named_by_third = {m.actor_id for m in extract_mentions(third)}
    before = [f for f in actors.actor_findings(corpus) if f.subject not in named_by_third]
    after = set(actors.actor_findings([*corpus, third]))
    assert [f for f in before if " appears in " in f.statement_en]  # shared findings among them
    assert [f for f in before if f not in after] == []


def test_an_actor_most_documents_name_gets_a_bounded_finding(corpus):
    """Past `documents_up_to` documents, an actor's finding cites those naming it most and counts the rest."""
    copies = [replace(corpus[0], doc=replace(corpus[0].doc, id=f"c{k:02}")) for k in range(4)]
    entry = {**finding_entries("actors")[-1], "documents_up_to": 2}
    found = actors.actor_findings([*corpus, *copies], entries=[entry])
    by_subject = {}
    for f in found:
        by_subject.setdefault(f.subject, []).append(f)
    assert by_subject and all(len(fs) <= 2 for fs in by_subject.values())
    assert any(" more document" in f.statement_en for f in found)


def test_two_documents_that_share_an_actor_say_both(corpus):
    found = actors.actor_findings(corpus)
    assert all("in both documents" in f.statement_en for f in found if " appears in " in f.statement_en)
