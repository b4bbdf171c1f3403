"""Tests for sahel_analysis.extract.discovery: candidate actor names and how the curated lists account for them."""

from __future__ import annotations

from pathlib import Path

import pytest

from sahel_analysis.corpus.repaired import repaired_corpus
from sahel_analysis.extract.actors import fold, form_occurs
from sahel_analysis.extract.discovery import (
    candidate_table,
    discover_candidates,
    load_rejected,
    rejections,
    unaccounted_candidates,
)

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def corpus():
    return repaired_corpus(ROOT)


CANDIDATE_CASES = [
    ("انشقَّ عن جماعة أنصار الإسلام المرتبطة بها", [("جماعة أنصار الإسلام المرتبطة", "cue")]),
    ("بحركة نصرة الإسلام والمسلمين.", [("حركة نصرة الإسلام والمسلمين", "cue")]),
    ("حتى داخل تنظيم كتيبة ماسينا، لايزال", [("تنظيم كتيبة ماسينا", "cue"), ("كتيبة ماسينا", "cue")]),
    ("كما حاولت ولاية خراسان التابعة", [("ولاية خراسان التابعة", "cue")]),
    ("تعاونت وزارة الشؤون الدينية مع", [("وزارة الشؤون الدينية", "cue")]),
    ("عيَّن المجلس العسكري رئيسًا", [("المجلس العسكري رئيسًا", "cue")]),
    ("أطاح بالرئيس روش كابوري في ديسمبر", [("الرئيس روش كابوري", "title")]),
    ("دافع رئيس الوزراء مختار أواني عن", [("رئيس الوزراء مختار أواني", "title")]),
    ("نشر إياد أغ غالي قائد التنظيم في 10 أغسطس", [("قائد التنظيم", "title")]),
    ("اتفاقية المصالحة (CPRA) والعبوات (IED)", [("CPRA", "acronym"), ("IED", "acronym")]),
    ("مثل «داعش الصحراء» و“عملية نواكشوط”", [("داعش الصحراء", "quoted"), ("عملية نواكشوط", "cue"), ("عملية نواكشوط", "quoted")]),
    ("“في الإسلام، من قتل نفسًا فكأنما قتل الناس جميعًا”", []),
    ("تنظيم «نصرة الإسلام والمسلمين»", [("نصرة الإسلام والمسلمين", "quoted")]),
    ("جماعة في المنطقة", []),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CANDIDATE_CASES)
def test_cue_words_titles_acronyms_and_quotes_propose_candidates(text, expected):
    """A name runs from the cue over at most four words joined by spaces, up to a stopword."""
    got = [(c.surface, c.pattern) for c in discover_candidates(text)]
    assert got == expected
    assert all(text[c.start : c.end] == c.surface for c in discover_candidates(text))


@pytest.mark.parametrize("doc_id", ["000", "002"])
def test_every_candidate_in_the_seeds_is_accounted_for(corpus, doc_id):
    """On the curated seeds, every candidate is in the gazetteer or rejected with a reason."""
    rd = next(rd for rd in corpus if rd.id == doc_id)
    assert [(c.surface, c.pattern) for c in unaccounted_candidates(rd)] == []


def test_the_verified_reading_of_seed_000_is_accounted_for_too():
    """Once the repair of seed 000 is perfect, its candidates are still all explained."""
    from sahel_analysis.extract.actors import find_mentions
    from sahel_analysis.extract.discovery import _covered, _known_acronym, _rejected

    lines = (ROOT / "tests" / "data" / "seed000_reference.tsv").read_text(encoding="utf-8").splitlines()
    text = " ".join(line.split("\t", 1)[1] for line in lines if "\t" in line)
    mentions = find_mentions(text, "000")
    left = [
        c.surface
        for c in discover_candidates(text, "000")
        if not _covered(c, mentions) and not _known_acronym(c) and _rejected(c) is None
    ]
    assert left == []


def test_a_new_name_after_a_cue_is_reported():
    """A group the gazetteer lacks is a candidate nobody accounts for."""
    from sahel_analysis.extract.discovery import _covered, _rejected

    text = "أعلنت جماعة أنصار الشريعة مسؤوليتها، ورحبت بعثة الأمم المتحدة لحفظ السلام بذلك"
    from sahel_analysis.extract.actors import find_mentions

    mentions = find_mentions(text)
    new = [c.surface for c in discover_candidates(text) if not _covered(c, mentions) and _rejected(c) is None]
    assert new == ["جماعة أنصار الشريعة مسؤوليتها", "بعثة الأمم المتحدة لحفظ السلام"]


def test_every_rejection_has_a_reason_and_is_still_needed(corpus):
    """Each rejection says why and explains a candidate of the seeds (repair artefacts aside)."""
    table = candidate_table(corpus)
    rejected = table[table["verdict"] == "rejected"]
    for r in rejections():
        assert r.reason.strip(), r.form
        if r.artefact:
            continue
        hits = [
            s
            for s in rejected["surface"]
            if fold(s) == fold(r.form) or fold(s).startswith(fold(r.form) + " ")
        ]
        assert hits, f"stale rejection: {r.form}"


def test_excluded_names_really_are_in_the_documents(corpus):
    """The names deliberately left out of the gazetteer are in the texts, each with a reason."""
    texts = {rd.id: rd.text for rd in corpus}
    for item in load_rejected()["excluded"]:
        docs = item.get("docs", list(texts))
        assert item["reason"].strip()
        assert any(form_occurs(item["form"], texts[d]) for d in docs), item["form"]
