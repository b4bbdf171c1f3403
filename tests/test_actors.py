"""Tests for sahel_analysis.extract.actors: the gazetteer, mention extraction, relations and export rows."""

from __future__ import annotations

import itertools
import string
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sahel_analysis.corpus.repaired import repaired_corpus
from sahel_analysis.errors import SahelError
from sahel_analysis.export import DATASETS
from sahel_analysis.extract import actors
from sahel_analysis.extract.actors import (
    ACTOR_TYPES,
    RELATION_TYPES,
    clause_around,
    extract_mentions,
    find_mentions,
    fold_with_offsets,
    form_occurs,
    load_gazetteer,
    parse_gazetteer,
)
from sahel_analysis.text.normalize import normalize_with_offsets

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "tests" / "data" / "seed000_reference.tsv"


@pytest.fixture(scope="module")
def corpus():
    return repaired_corpus(ROOT)


@pytest.fixture(scope="module")
def docs(corpus):
    return {rd.id: rd for rd in corpus}


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def reference_text() -> str:
    """The verified reading of seed 000, its lines joined by spaces."""
    lines = REFERENCE.read_text(encoding="utf-8").splitlines()
    return " ".join(line.split("\t", 1)[1] for line in lines if "\t" in line)


# ----------------------------------------------------------------------------- the gazetteer


def test_gazetteer_uses_the_contract_vocabularies(gaz):
    """Every actor type and relation is from the CONTRACT vocabulary; ids are unique snake_case."""
    assert {a.actor_type for a in gaz.actors} <= set(ACTOR_TYPES)
    assert {r.relation for r in gaz.relations()} <= set(RELATION_TYPES)
    ids = [a.id for a in gaz.actors]
    assert len(ids) == len(set(ids))
    assert all(actors.ID_RE.fullmatch(i) for i in ids)


def test_every_actor_has_names_in_both_languages(gaz):
    """Each actor has an English and an Arabic name and at least one Arabic form."""
    for a in gaz.actors:
        assert a.name_en and a.name_ar and a.aliases, a.id


@pytest.mark.parametrize(
    "actor_id",
    ["jnim", "isgs", "islamic_state", "al_qaeda", "mali", "mali_government", "mali_transitional_authorities",
     "burkina_faso", "niger", "france", "united_states", "taliban", "ibrahim_boubacar_keita", "moctar_ouane",
     "choguel_maiga", "mohamed_bazoum", "paul_henri_damiba", "roch_kabore", "iyad_ag_ghali", "emmanuel_macron",
     "joe_biden", "katiba_macina", "ansarul_islam", "barkhane", "minusma", "some_experts"],
)  # fmt: skip
def test_the_shared_actor_ids_exist(gaz, actor_id):
    """The ids other analyses were told to use are defined."""
    assert actor_id in gaz


def test_every_form_occurs_in_a_document_unless_flagged(gaz, corpus):
    """A form not flagged `future` or `awaits_repair` occurs in some document's repaired text."""
    missing = [
        (a.id, al.form)
        for a in gaz.actors
        for al in (*a.aliases, *a.titles)
        if not (al.future or al.awaits_repair)
        and not any(form_occurs(al.form, rd.text) for rd in corpus if al.applies_to(rd.id))
    ]
    assert missing == []


def test_forms_awaiting_repair_occur_in_the_verified_reading(gaz):
    """A form flagged `awaits_repair` is in the verified reading of seed 000."""
    ref = reference_text()
    waiting = [al.form for a in gaz.actors for al in a.aliases if al.awaits_repair]
    assert all(form_occurs(f, ref) for f in waiting), waiting


def test_future_forms_yield_no_mention_in_the_seeds(gaz, corpus):
    """Forms kept for future documents never produce a mention in the two seeds."""
    future = {al.form for a in gaz.actors for al in a.aliases if al.future}
    used = {m.alias for rd in corpus for m in extract_mentions(rd)}
    assert future & used == set()


def test_every_relation_quote_is_verbatim_in_its_document(gaz, docs):
    """Every relation quote is a substring of the repaired text of its document."""
    bad = [
        (r.source_id, r.relation, r.target_id)
        for r in gaz.relations()
        if r.quote_ar not in docs[r.doc_id].text
    ]
    assert bad == []


def test_relation_quotes_of_seed_000_are_also_in_the_verified_reading(gaz):
    """Quotes from seed 000 come from lines its repair already gets right."""
    ref = reference_text()
    assert [r.quote_ar for r in gaz.relations() if r.doc_id == "000" and r.quote_ar not in ref] == []


BAD_GAZETTEERS = [
    ({"actors": [{"id": "Mali", "name_en": "M", "name_ar": "م", "actor_type": "state"}]}, "snake_case"),
    ({"actors": [{"id": "x", "name_en": "X", "name_ar": "س", "actor_type": "tribe"}]}, "vocabulary"),
    (
        {"actors": [{"id": "x", "name_en": "X", "name_ar": "س", "actor_type": "state",
                     "relations": [{"relation": "likes", "target": "x", "doc_id": "000", "quote_ar": "س"}]}]},
        "vocabulary",
    ),
    (
        {"actors": [{"id": "x", "name_en": "X", "name_ar": "س", "actor_type": "state",
                     "relations": [{"relation": "rival_of", "target": "y", "doc_id": "000", "quote_ar": "س"}]}]},
        "not an actor",
    ),
    (
        {"actors": [{"id": "x", "name_en": "X", "name_ar": "مالي", "actor_type": "state", "aliases_ar": ["مالي"]},
                    {"id": "y", "name_en": "Y", "name_ar": "مالى", "actor_type": "state", "aliases_ar": ["مالى"]}]},
        "names both",
    ),
    (
        {"actors": [{"id": "x", "name_en": "X", "name_ar": "س", "actor_type": "state"},
                    {"id": "x", "name_en": "X", "name_ar": "س", "actor_type": "state"}]},
        "twice",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("data", "message"), BAD_GAZETTEERS)
def test_a_malformed_gazetteer_is_refused_with_a_one_line_error(data, message):
    """Bad ids, types, relations, targets, repeated ids and clashing forms raise SahelError."""
    with pytest.raises(SahelError, match=message):
        parse_gazetteer(data)


def test_a_form_bound_to_a_document_may_name_another_actor_elsewhere():
    """The same form may name different actors in different documents."""
    data = {
        "actors": [
            {"id": "a", "name_en": "A", "name_ar": "كيتا", "actor_type": "person",
             "aliases_ar": [{"form": "كيتا", "docs": ["002"]}]},
            {"id": "b", "name_en": "B", "name_ar": "كيتا", "actor_type": "person",
             "aliases_ar": [{"form": "كيتا", "docs": ["003"]}]},
        ]
    }  # fmt: skip
    gaz = parse_gazetteer(data)
    assert [m.actor_id for m in find_mentions("قبض على كيتا", "003", gazetteer=gaz)] == ["b"]


# ----------------------------------------------------------------------------- matching

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


# ----------------------------------------------------------------------------- tables and rows


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


def test_findings_carry_verbatim_quotes(corpus, docs):
    """Each computed finding with a quote cites a substring of its document."""
    findings = actors.actor_findings(corpus)
    assert len(findings) >= 3
    for row in findings.itertuples():
        if row.quote_ar:
            assert row.quote_ar in docs[row.doc_id].text


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


# ----------------------------------------------------------------------------- figures


def test_every_actor_figure_draws_from_the_corpus(corpus):
    """Each registered figure builds a Figure with a title, without pyplot."""
    from matplotlib.figure import Figure

    from sahel_analysis.figures.actors import FIGURES
    from sahel_analysis.figures.render import house_style

    assert set(FIGURES) == {"actors-mentions", "actors-cooccurrence", "actors-relations"}
    for make in FIGURES.values():
        with house_style():
            fig = make(corpus)
        assert isinstance(fig, Figure)
        assert fig.axes[0].get_title()


def test_bar_labels_are_bilingual_and_in_logical_order(corpus):
    """The bar chart's labels hold the Arabic name, unshaped, beside the English one."""
    from sahel_analysis.figures.actors import plot_mention_counts
    from sahel_analysis.figures.render import house_style

    with house_style():
        fig = plot_mention_counts(actors.mention_counts(corpus), top=5)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert "جماعة نصرة الإسلام والمسلمين  ·  JNIM" in labels
    assert not any("\ufe8d" <= ch <= "\ufefc" for label in labels for ch in label)  # no presentation forms


def test_relation_layout_is_deterministic_and_separates_labels(gaz):
    """Same positions on every call; no two nodes closer than a label box in the declutter pass."""
    from sahel_analysis.figures.actors import relation_graph, relation_layout

    graph = relation_graph(gaz.relations())
    first, second = relation_layout(graph), relation_layout(graph)
    assert first == second and set(first) == set(graph.nodes)
    points = sorted(first.values())
    assert len(set(points)) == len(points)
