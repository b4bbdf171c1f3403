"""The seeds' codings read right against the Arabic (issue 20): attribution, notes, glosses, relations, metadata.

Each test pins a defect an expert reader found, so it cannot come back: a note
claiming a mis-ordered text where the repair is exact, a stance without whose
view it is, a partner coded as a rival, a list leaving out a group the text
names, a document dated by its listing.
"""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import SEEDS, seed_corpus

from sahel_analysis.coding.relations import stated_relations
from sahel_analysis.coding.stances import claims, peace_process_actors, positions, unlocated_items
from sahel_analysis.coding.store import coding_of
from sahel_analysis.coding.vocabulary import CLAIM_KINDS, VIEWS
from sahel_analysis.package_data import load_yaml

NOTE_FIELDS = ("coding_note", "analyst_note", "date_note", "note")
MISORDER = re.compile(r"mis-?ordered|out of order|re-ordered", re.IGNORECASE)


@pytest.fixture(scope="module")
def corpus(root):
    return seed_corpus(root)


@pytest.fixture(scope="module")
def texts(corpus):
    return {rd.id: rd.text for rd in corpus}


@pytest.fixture(scope="module")
def codings(root):
    return {doc_id: coding_of(doc_id, root) for doc_id in SEEDS}


def items(coding, kind):
    return coding.items(kind, include_automatic=True)


def test_no_note_claims_a_mis_ordered_text_where_the_quote_reads_in_order(codings, texts):
    """A note may say the text is out of order only if its item's quote is not in the repaired text."""
    stale = [
        (doc_id, i.get("id", i.get("list_id")), f)
        for doc_id, c in codings.items()
        for kind in ("events", "positions", "aims", "claims", "relations", "notes")
        for i in items(c, kind)
        for f in NOTE_FIELDS
        if MISORDER.search(str(i.get(f, ""))) and i.get("quote_ar", "") in texts[doc_id]
    ]
    assert stale == []


def test_every_reviewed_stance_aim_and_claim_says_whose_view_it_is(codings):
    missing = [
        i["id"]
        for c in codings.values()
        for kind in ("positions", "aims", "claims")
        for i in c.items(kind)
        if i.get("view") not in VIEWS
    ]
    assert missing == []


def test_every_coded_quote_is_in_its_repaired_text(corpus):
    """Events, stances, aims, claims and relations: each quote is verbatim in its document."""
    assert unlocated_items(corpus) == []


def test_each_seed_has_the_authors_own_claims(corpus):
    found = claims(corpus)
    for doc_id in SEEDS:
        own = [c for c in found if c.doc_id == doc_id and c.view == "author"]
        assert own, doc_id
        assert {c.kind for c in own} <= set(CLAIM_KINDS)


def test_the_framing_sentences_are_coded_as_the_authors_claims(corpus):
    quotes = {c.quote_ar for c in claims(corpus) if c.view == "author"}
    for framing in ("هذه السياسة لم تؤتِ ثمارها حتى الآن", "أمر شائك", "من الشمال إلى وسط وجنوب مالي"):
        assert any(framing in q for q in quotes), framing


def test_a_view_the_author_criticises_is_never_the_authors(corpus):
    """The supporters of negotiation are reported and criticised in 000, never the author's view."""
    pos = positions(corpus)
    supporters = [p for p in pos if p.actor_id == "supporters_of_negotiation"]
    assert supporters and {p.view for p in supporters} == {"reported_criticised"}
    only_way = [c for c in claims(corpus) if "السبيل الوحيد لتحقيق السلام والاستقرار" in c.quote_ar]
    assert only_way and {c.view for c in only_way} == {"reported_criticised"}


def test_the_stance_the_text_gives_other_states_is_coded(corpus):
    """«أيَّدتها دول أخرى»: other states supported negotiating, before the text's example of Biden."""
    found = [p for p in positions(corpus) if p.actor_id == "other_states"]
    assert [(p.stance, "أيَّدتها دول أخرى" in p.quote_ar) for p in found] == [("supports", True)]


def test_a_gloss_over_several_actors_quotes_the_clause_that_names_them(corpus):
    """The secular elites, Sufi orders and activists share one quote that names all three."""
    pos = {p.actor_id: p for p in positions(corpus) if p.doc_id == "000"}
    for actor in ("secular_elites", "sufi_orders", "human_rights_activists"):
        assert "النُّخب العلمانية في مالي والفِرق الصوفية ونشطاء حقوق الإنسان" in pos[actor].quote_ar


def test_a_conditional_stance_states_its_conditions(corpus):
    assert [p.id for p in positions(corpus) if p.stance == "conditional" and not p.conditions] == []


def test_a_preferred_option_and_an_urged_agreement_are_support_not_conditions(corpus):
    """«خِيارًا مفضَّلًا للحكومات والتنظيمات» and «بشكل سريع» read as support."""
    pos = positions(corpus)
    preferred = [p for p in pos if "خِيارًا مفضَّلًا" in p.quote_ar]
    urged = [p for p in pos if p.actor_id == "mohamed_keita" and "بشكل سريع" in p.quote_ar]
    assert preferred and urged
    assert {p.stance for p in [*preferred, *urged]} == {"supports"}


def test_challenge_international_powers_keeps_frances_unclear_position(codings):
    """Challenge ج: France's final position «لا يزال … غامضًا» as well as its stated rejection."""
    challenges = next(entry for entry in codings["000"].lists if entry["list_id"] == "000_challenges")
    gloss = next(i["gloss_en"] for i in challenges["items"] if i["text_ar"] == "موقف القوى الدَّولية")
    assert "unclear" in gloss and "rejection" in gloss


def test_the_threat_lists_name_ansar_dine_the_main_local_model(codings):
    threat_actors = {
        a
        for entry in codings["002"].lists
        if entry["role"] == "threat"
        for i in entry["items"]
        for a in i["actor_ids"]
    }
    assert {"ansar_dine", "aqim", "mujao", "al_mourabitoun", "katiba_macina"} <= threat_actors


def test_every_g5_member_the_text_names_is_a_member_of_the_g5(codings):
    members = next(entry for entry in codings["002"].lists if entry["list_id"] == "002_g5_members")
    named = {a for i in members["items"] for a in i["actor_ids"]}
    stated = {
        r["source_id"]
        for r in items(codings["002"], "relations")
        if r["relation"] == "member_of" and r["target_id"] == "g5_sahel"
    }
    assert named == {"burkina_faso", "chad", "mali", "mauritania", "niger"} and named <= stated


def test_no_rival_between_a_government_and_its_peace_partners():
    """A peace-process party (data/positions.yaml) is never coded a rival of the government it makes peace with."""
    partners = set(peace_process_actors())
    rivals = [
        (r.source_id, r.target_id)
        for r in stated_relations()
        if r.relation == "rival_of" and partners & {r.source_id, r.target_id}
    ]
    assert rivals == []


def test_fixed_relations_stay_fixed():
    """Partners are not rivals; units a protocol employs were not founded by it."""
    stated = {(r.source_id, r.relation, r.target_id) for r in stated_relations()}
    assert ("mali_government", "rival_of", "azawad_movement") not in stated
    assert ("special_intervention_units", "founded_by", "mali_ministry_security") not in stated
    assert ("mali", "member_of", "g5_sahel") in stated


def test_the_package_gazetteer_keeps_actors_and_forms_only():
    """The seeds' relations are their codings' (issue 14 item 1), not the package gazetteer's."""
    assert not any("relations" in actor for actor in load_yaml("actors.yaml")["actors"])


def test_seed_000_is_dated_by_its_writing_not_its_listing(root, codings, texts):
    """Its text has Damiba in power (ousted 30 September 2022): 2022, with the listing date kept in origin."""
    catalog = yaml.safe_load((root / "seeds" / "catalog.yaml").read_text(encoding="utf-8"))
    entry = next(d for d in catalog["documents"] if d["id"] == "000")
    assert entry["date"] == "2022" and "2023-05-23" in entry["origin"]
    note = next(n for n in items(codings["000"], "notes") if n["id"] == "n000-01")
    assert "داميبا" in note["quote_ar"] and note["quote_ar"] in texts["000"]
