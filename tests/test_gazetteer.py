"""Tests for sahel_analysis.extract.gazetteer: the curated actors, their forms and relations, checked on load."""

from __future__ import annotations

from pathlib import Path

import pytest

from sahel_analysis.corpus.repaired import repaired_corpus
from sahel_analysis.errors import SahelError
from sahel_analysis.extract.actors import extract_mentions, find_mentions, form_occurs
from sahel_analysis.extract.gazetteer import (
    ACTOR_TYPES,
    ID_RE,
    RELATION_TYPES,
    load_gazetteer,
    parse_gazetteer,
)

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


def test_gazetteer_uses_the_contract_vocabularies(gaz):
    """Every actor type and relation is from the CONTRACT vocabulary; ids are unique snake_case."""
    assert {a.actor_type for a in gaz.actors} <= set(ACTOR_TYPES)
    assert {r.relation for r in gaz.relations()} <= set(RELATION_TYPES)
    ids = [a.id for a in gaz.actors]
    assert len(ids) == len(set(ids))
    assert all(ID_RE.fullmatch(i) for i in ids)


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
