"""Tests for sahel_analysis.analysis.questions, .themes and .attribution: the index's answers, evidenced and attributed."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import SEEDS, seed_corpus

from sahel_analysis.analysis import automatic, questions, themes
from sahel_analysis.analysis.attribution import AUTHOR, view_phrase
from sahel_analysis.analysis.findings import Evidence, check_evidence
from sahel_analysis.analysis.lists import count_negotiation_words
from sahel_analysis.coding.stances import positions
from sahel_analysis.errors import SahelError
from sahel_analysis.report.book import index_markdown

ARTICLE = Path(__file__).parent / "data" / "new_documents" / "article_logical.txt"


@pytest.fixture(scope="module")
def seeds():
    return seed_corpus()


@pytest.fixture(scope="module")
def answers(seeds):
    return questions.answers(seeds)


def all_findings(answers):
    return [f for a in answers for f in a.findings]


def test_every_question_is_answered_by_findings_with_evidence(answers, seeds):
    """Each question has findings; each quote is its document's text at its offsets and paragraph, with a gloss."""
    assert [a.question_id for a in answers] == [q["id"] for q in questions.questions_data()["questions"]]
    assert all(a.findings for a in answers)
    docs = {rd.id: rd for rd in seeds}
    found = all_findings(answers)
    assert check_evidence(found, {d: rd.text for d, rd in docs.items()}) == []
    for f in found:
        assert f.evidence, f.statement_en
        for ev in f.evidence:
            assert ev.gloss_en and ev.view, (f.statement_en, ev.quote_ar)
            assert docs[ev.doc_id].paragraph_index(ev.start) == ev.paragraph


def test_a_finding_resting_on_a_reported_view_says_whose_view_it_is(answers):
    """A finding takes the view its quotes least own, and its wording names every view that is not the author's."""
    found = all_findings(answers)
    assert {f.view for f in found} >= {"author", "reported"}
    for f in found:
        for ev in f.evidence:
            if ev.view != AUTHOR:
                assert view_phrase(ev.view) in f.statement_en, (f.statement_en, ev.view)
        if f.view != AUTHOR:
            assert view_phrase(f.view) in f.statement_en


def test_a_template_that_hides_a_reported_view_is_refused():
    """Presenting a reported or criticised view without saying so is an error naming the entry."""
    ev = Evidence("x", 0, 3, "أمر", 0, "a matter", "reported_criticised")
    with pytest.raises(SahelError, match=r"questions\.yaml.*q#1"):
        questions.attributed_finding("Negotiation is the only way.", {}, [ev], "q#1")
    f = questions.attributed_finding("It is the only way, {view_en}.", {}, [ev], "q#1")
    assert f.view == "reported_criticised" and view_phrase(f.view) in f.statement_en


def test_a_document_without_a_word_for_negotiation_is_shown_as_silent(answers, seeds):
    """Silence is silence: never «opposed» or «parting», and its quote is what the document discusses instead."""
    silent = [rd.id for rd in seeds if count_negotiation_words(rd.text) == 0]
    assert silent, "a seed has no word for negotiation"
    agreement = next(a for a in answers if a.question_id == "agreement")
    for doc_id in silent:
        about = [f for f in agreement.findings if f.subject == doc_id]
        assert len(about) == 1 and "silent" in about[0].statement_en
        assert not re.search(r"\boppos|\bpart(s|ing)?\b", about[0].statement_en), about[0].statement_en
    for t in themes.themes(seeds):
        for side in t.sides:
            if side.doc_id in silent and "negotiat" in t.theme_en.lower():
                assert themes.side_view(side) == themes.SILENT and t.verdict == themes.SILENT


def test_a_criticised_view_never_makes_an_agreement(seeds):
    """The coded themes bear their verdicts; a theme resting an agreement on a criticised view is flagged."""
    found = themes.themes(seeds)
    assert found and themes.theme_problems(found) == []
    evidence = themes.coded_evidence(seeds)
    criticised = [ev for ev in evidence.values() if ev.view == "reported_criticised"]
    assert criticised, "the seeds code a view their author criticises"
    agreed = replace(found[0], verdict="partly", sides=(replace(found[0].sides[0], evidence=criticised[0]),))
    assert themes.theme_problems([agreed])


def test_the_supporters_arguments_are_not_the_authors(seeds):
    """Issue 20: «the only way to peace and stability» is the supporters' view, which the author then criticises."""
    evidence = themes.coded_evidence(seeds)
    only_way = [ev for ev in evidence.values() if "السبيل الوحيد لتحقيق السلام" in ev.quote_ar]
    assert only_way and all(ev.view == "reported_criticised" for ev in only_way)
    settlement = [t for t in themes.themes(seeds) if any(s.evidence in only_way for s in t.sides)]
    assert all(t.verdict not in themes.SHARED_VERDICTS for t in settlement)


def test_a_course_shows_the_coups_between_the_stances(answers):
    """How the states moved: stances and coups in order; a broadening (ambivalent, then for talks) is not continuity."""
    courses = [f for f in all_findings(answers) if "→" in f.statement_en]
    assert courses and all(
        "coup" in f.statement_en or "change of government" in f.statement_en for f in courses[:2]
    )
    broadened = [f for f in courses if "ambivalent" in f.statement_en.split("coup")[0]]
    assert broadened and all("for talks" in f.statement_en.split("coup")[-1] for f in broadened)
    assert not any("continuity" in f.statement_en for f in courses)


def test_findings_about_two_documents_are_unchanged_when_a_third_is_added(seeds):
    """A document added (an uncoded copy of a seed, and a news article) changes no finding about the seeds."""
    copy = replace(seeds[-1], doc=replace(seeds[-1].doc, id="copy"))
    article = automatic.uncatalogued("new", "مقال", ARTICLE.read_text(encoding="utf-8"))
    grown = (*seeds, copy, article)

    def about_seeds(found):
        return [
            (a.question_id, f)
            for a in found
            for f in a.findings
            if f.evidence and {ev.doc_id for ev in f.evidence} <= set(SEEDS)
        ]

    assert about_seeds(questions.answers(grown)) == about_seeds(questions.answers(seeds))


def test_the_index_shows_each_finding_with_its_arabic_quotes_right_to_left(answers):
    """The index page: each question a heading, each finding in bold, its quotes dir=rtl with gloss, document and view."""
    page = index_markdown("Q", answers, ["00-first"])
    for k, a in enumerate(answers, start=1):
        assert f"## {k}. {a.question_en}" in page
    first = answers[0].findings[0]
    ev = first.evidence[0]
    assert f'<p dir="rtl" lang="ar">«{ev.quote_ar}»</p>' in page
    assert f"document {ev.doc_id}, paragraph {ev.paragraph}; {view_phrase(ev.view)}" in page
    assert page.count('dir="rtl"') == sum(len(f.evidence) for f in all_findings(answers))


def test_every_question_entry_names_a_known_kind():
    """Each finding entry of data/questions.yaml is computed by one of the kinds; an unknown kind is refused."""
    for q in questions.questions_data()["questions"]:
        assert q["question_en"].endswith("?") and q["findings"]
        assert all(e["kind"] in questions.KINDS for e in q["findings"])
    with pytest.raises(SahelError, match="unknown kind"):
        questions.answers((), [{"id": "q", "question_en": "Q?", "findings": [{"kind": "nope"}]}])


def test_a_criticised_view_is_shown_as_such_and_followed_by_the_authors_answer(answers):
    """Issue 20: the supporters' «only way to peace» is shown as a view the author criticises, then his answer."""
    framing = next(a for a in answers if a.question_id == "framing").findings
    criticised = [k for k, f in enumerate(framing) if f.view == "reported_criticised"]
    assert criticised
    for k in criticised:
        assert view_phrase("reported_criticised") in framing[k].statement_en
        assert (
            framing[k + 1].view == AUTHOR
            and framing[k + 1].evidence[0].doc_id == framing[k].evidence[0].doc_id
        )


def test_another_actors_stance_in_the_authors_voice_is_not_the_authors_stance(seeds):
    """The author expecting excluded groups to obstruct talks is his view, not his stance against talks."""
    for rd in seeds:
        voiced = [p for p in positions(seeds) if p.doc_id == rd.id and p.view == AUTHOR]
        own = questions.authors_own_stances(rd, voiced)
        authors = {p.actor_id for p in own}
        assert len(authors) <= 1, authors  # one author per document
        assert all(p.view == AUTHOR for p in own)
        assert [p for p in voiced if p.actor_id not in authors] == [p for p in voiced if p not in own]
