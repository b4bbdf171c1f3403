"""Tests for sahel_analysis.extract.actors: actor mentions found in any text, at exact offsets."""

from __future__ import annotations

import itertools
import string
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sahel_analysis.corpus.repaired import repaired_corpus
from sahel_analysis.extract.actors import extract_mentions, find_mentions, fold_with_offsets
from sahel_analysis.text.normalize import normalize_with_offsets

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def corpus():
    return repaired_corpus(ROOT)


@pytest.fixture(scope="module")
def docs(corpus):
    return {rd.id: rd for rd in corpus}


MATCH_CASES = [
    # text, doc, expected [(actor_id, surface, prefix)]
    ("فإن تنظيم «داعش الصحراء» سيحاول", "", [("isgs", "داعش الصحراء", "")]),
    ("مثل داعش. ومع ذلك", "", [("islamic_state", "داعش", "")]),
    ("التابعة لتنظيم داعش", "", [("islamic_state", "تنظيم داعش", "ل")]),
    ("وداعش الصحراء", "", [("isgs", "داعش الصحراء", "و")]),
    ("بداعش", "", [("islamic_state", "داعش", "ب")]),
    ("وهنَّأ طالبان ثم لطالبان", "", [("taliban", "طالبان", ""), ("taliban", "طالبان", "ل")]),
    ("بين القاعدة وجماعة نصرة الإسلام والمسلمين", "", [("al_qaeda", "القاعدة", ""), ("jnim", "جماعة نصرة الإسلام والمسلمين", "و")]),
    ("التنظيمات المبايعة للقاعدة في المنطقة", "", [("al_qaeda", "لقاعدة", "ل")]),
    ("التحية للقوَّات الفرنسية", "", [("french_armed_forces", "لقوَّات الفرنسية", "ل")]),
    ("القاعدة في بلاد المغرب الإسلامي", "", [("aqim", "القاعدة في بلاد المغرب الإسلامي", "")]),
    ("بعثة الأمم المتحدة في مالي والساحل", "", [("misahel", "بعثة الأمم المتحدة في مالي والساحل", "")]),
    ("جندي من بعثة الأمم المتحدة في مالي يحرس", "", [("minusma", "بعثة الأمم المتحدة في مالي", "")]),
    ("الحوار مع حكومة مالي", "", [("mali_government", "حكومة مالي", "")]),
    ("الرئيس المالي والجيش المالي", "", [("mali_armed_forces", "الجيش المالي", "و")]),
    ("من شماليِّ مالي ووسطها", "", [("mali", "مالي", "")]),
    ("جماعة أنصار الدِّين", "", [("ansar_dine", "جماعة أنصار الدِّين", "")]),
    ("وكتيبة خالد بن الوليد (أنصار الدين بالجنوب)", "", [("katiba_khalid_ibn_walid", "كتيبة خالد بن الوليد", "و"), ("katiba_khalid_ibn_walid", "أنصار الدين بالجنوب", "")]),
    ("الاتحاد الإفريقي والاتحاد الأفريقي", "", [("african_union", "الاتحاد الإفريقي", ""), ("african_union", "الاتحاد الأفريقي", "و")]),
    ("أمام الحكومة", "002", [("mali_government", "الحكومة", "")]),
    ("أمام الحكومة", "000", []),
    ("ألقي القبض على كيتا", "002", [("souleymane_keita", "كيتا", "")]),
    ("ألقي القبض على كيتا", "000", []),
    ("الشرطة المجتمعية والشرطة", "002", [("mali_national_police", "الشرطة", "و")]),
    ("بعثة الأمم المتحدة المتكاملة المتعددة الأبعاد لإحلال الاستقرار في مالي (MINUSMA)", "", [("minusma", "بعثة الأمم المتحدة المتكاملة المتعددة الأبعاد لإحلال الاستقرار في مالي", "")]),
    ("قالت MINUSMA إن", "", [("minusma", "MINUSMA", "")]),
    ("كالمالي", "", []),
]  # fmt: skip


@pytest.mark.parametrize(("text", "doc", "expected"), MATCH_CASES)
def test_longest_form_wins_and_clitics_are_read(text, doc, expected):
    """Longest match first, whole words, proclitics read, harakat and alef forms ignored."""
    got = [(m.actor_id, m.surface, m.prefix) for m in find_mentions(text, doc)]
    assert got == expected


TITLE_CASES = [
    ("رفض الرئيس الفرنسي إيمانويل ماكرون التفاوض", [("emmanuel_macron", "الرئيس الفرنسي إيمانويل ماكرون", "الرئيس الفرنسي")]),
    ("دافع رئيس الوزراء آنذاك مختار أواني عن", [("moctar_ouane", "رئيس الوزراء آنذاك مختار أواني", "رئيس الوزراء")]),
    ("أطاح بالرئيس روش كابوري", [("roch_kabore", "الرئيس روش كابوري", "الرئيس")]),
    ("الملازم المالي محمد كيتا حاصل", [("mohamed_keita", "الملازم المالي محمد كيتا", "الملازم")]),
    ("قال الرئيس الفرنسي إن بلاده ستنسحب.", []),
    ("قال الرئيس الفرنسي، أي إيمانويل ماكرون، كلمته.", [("emmanuel_macron", "الرئيس الفرنسي", ""), ("emmanuel_macron", "إيمانويل ماكرون", "")]),
    ("قال الرئيس الفرنسي كلمته. ورد إيمانويل ماكرون", [("emmanuel_macron", "إيمانويل ماكرون", "")]),
    ("اتجه تنظيم داعش الرئيس إلى معاقبة", [("islamic_state", "تنظيم داعش", "")]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), TITLE_CASES)
def test_a_title_counts_as_the_person_only_when_the_name_follows(text, expected):
    """A title next to the name merges into one mention; a lone title names nobody."""
    assert [(m.actor_id, m.surface, m.title) for m in find_mentions(text)] == expected


# Counted by reading the repaired texts (see the comments for what was counted).
HAND_COUNTS = [
    ("000", "jnim", 19),  # every نصرة الإسلام, with or without والمسلمين, جماعة, حركة, تنظيم
    ("000", "taliban", 9),
    ("000", "al_qaeda", 4),  # تنظيم القاعدة ×2, القاعدة, للقاعدة
    ("000", "islamic_state", 5),  # 8 داعش less داعش الصحراء ×2 and داعش غرب إفريقيا
    ("000", "isgs", 2),
    ("000", "mali", 9),  # 19 مالي less المالي, شعب مالي, شمالي (الشَّمالي), 3 governments and …
    ("000", "burkina_faso", 5),
    ("000", "france", 3),  # لفرنسا, فرنسا ×2; قوات فرنسا is the French forces
    ("002", "mali_government", 7),  # الحكومة المالية ×4, bare الحكومة ×3
    ("002", "iyad_ag_ghali", 2),
    ("002", "ansar_dine", 3),  # جماعة أنصار الدين ×2, وأنصار الدين
    ("002", "katiba_macina", 2),
    ("002", "minusma", 3),  # full name ×2, بعثة الأمم المتحدة في مالي (caption)
    ("002", "misahel", 1),
    ("002", "barkhane", 2),
    ("002", "g5_sahel", 2),
    ("002", "mali_national_police", 4),  # الشرطة ×3 (not المجتمعية, not الإسلامية), شرطة
    ("002", "mali_national_gendarmerie", 4),  # خفير درك, خدمات الدرك, والدرك, أفراد درك
    ("002", "morocco", 2),
]


@pytest.mark.parametrize(("doc_id", "actor_id", "count"), HAND_COUNTS)
def test_mention_counts_match_a_reading_of_the_text(docs, doc_id, actor_id, count):
    """Mention counts for a hand-checked sample of actors."""
    assert sum(m.actor_id == actor_id for m in extract_mentions(docs[doc_id])) == count


def test_every_mention_is_the_exact_text_at_its_offsets(corpus):
    """text[start:end] == surface, the proclitic sits right before it, and indices are in range."""
    for rd in corpus:
        n_sent = len(rd.sentences())
        for m in extract_mentions(rd):
            assert rd.text[m.start : m.end] == m.surface
            assert rd.text[m.start - len(m.prefix) : m.start] == m.prefix
            assert 0 <= m.paragraph < len(rd.paragraphs) and 0 <= m.sentence < n_sent
            assert rd.paragraphs[m.paragraph].start <= m.start < rd.paragraphs[m.paragraph].end


def test_mentions_are_in_text_order_and_never_overlap(corpus):
    for rd in corpus:
        ms = extract_mentions(rd)
        assert all(a.end <= b.start - len(b.prefix) for a, b in itertools.pairwise(ms))


def test_both_documents_mention_actors(corpus):
    counts = Counter(m.doc_id for rd in corpus for m in extract_mentions(rd))
    assert counts["000"] > 100 and counts["002"] > 100


ARABIC = "ابتثجحخدذرسشصضطظعغفقكلمنهويءآأإؤئىة"
MARKS = "\u064b\u064c\u064e\u064f\u0650\u0651\u0652\u0640"
PIECES = [
    "داعش الصحراء",
    "وجماعة نصرة الإسلام والمسلمين",
    "للقاعدة",
    "مالي",
    "الرئيس الفرنسي إيمانويل ماكرون",
    "ﻻ",
]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(PIECES), st.text(ARABIC + MARKS + " ،.«»()" + string.ascii_letters, max_size=8)
        ),
        max_size=12,
    )
)
def test_offsets_round_trip_on_any_text(parts):
    """Whatever the text (marks, tatweel, ligatures), every mention's offsets give back its surface."""
    text = " ".join(parts)
    for m in find_mentions(text):
        assert text[m.start : m.end] == m.surface


@settings(max_examples=300, deadline=None)
@given(st.text(ARABIC + MARKS + " 0123456789\u0661\ufefb\ufef7", max_size=40), st.data())
def test_fast_folding_agrees_with_normalize_with_offsets(text, data):
    """fold_with_offsets gives the same text and spans as normalize.normalize_with_offsets."""
    fast, ref = fold_with_offsets(text), normalize_with_offsets(text)
    assert fast.text == ref.text
    n = len(ref.text)
    i = data.draw(st.integers(0, n))
    j = data.draw(st.integers(i, n))
    assert fast.span(i, j) == ref.span(i, j)
    assert fast.offsets(range(n + 1)) == list(ref.offsets)
