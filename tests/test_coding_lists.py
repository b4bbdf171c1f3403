"""Tests for sahel_analysis.coding.lists: the coded lists are verbatim, numbered, and use the vocabulary."""

from __future__ import annotations

import re
from importlib.resources import files

import pytest
import yaml

from sahel_analysis.coding import lists as coding_lists
from sahel_analysis.corpus.repaired import repaired_corpus


@pytest.fixture(scope="module")
def rcorpus(root):
    return repaired_corpus(root)


@pytest.fixture(scope="module")
def docs(rcorpus):
    return {rd.id: rd for rd in rcorpus}


@pytest.fixture(scope="module")
def coded(rcorpus):
    return coding_lists.coded_lists(rcorpus)


def test_every_coded_item_and_title_is_verbatim(coded, docs):
    """Every coded item is a verbatim substring of its document's repaired text, at the offsets given."""
    for cl in coded:
        text = docs[cl.doc_id].text
        assert cl.title_ar in text, cl.list_id
        for item in cl.items:
            assert text[item.start : item.end] == item.text, (cl.list_id, item.item_no)


def test_coded_lists_are_numbered_one_to_n():
    """Each coded list's items are numbered 1..n without gaps, in the data file itself."""
    for entry in coding_lists.read_coded_lists():
        assert [i["item_no"] for i in entry["items"]] == list(range(1, len(entry["items"]) + 1)), entry[
            "list_id"
        ]


def test_coded_lists_have_unique_ids_and_known_documents(docs):
    """List ids are unique and start with their document's id."""
    ids = [e["list_id"] for e in coding_lists.read_coded_lists()]
    assert len(ids) == len(set(ids))
    for entry in coding_lists.read_coded_lists():
        assert entry["doc_id"] in docs and entry["list_id"].startswith(entry["doc_id"] + "_")


def test_categories_and_roles_come_from_the_vocabulary(coded):
    """Every item's category is a CONTRACT category, every list's role one of coding_lists.ROLES."""
    for cl in coded:
        assert cl.role in coding_lists.ROLES, cl.list_id
        for item in cl.items:
            assert item.category in coding_lists.CATEGORIES, (cl.list_id, item.item_no)
    assert set(coding_lists.category_labels()) == set(coding_lists.CATEGORIES)


def test_actor_ids_follow_the_convention_and_the_gazetteer(coded):
    """Actor ids are lowercase snake_case and, once the gazetteer exists, defined in it."""
    used = {a for cl in coded for i in cl.items for a in i.actor_ids}
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", a) for a in used)
    gazetteer = files("sahel_analysis").joinpath("data/actors.yaml")
    if not gazetteer.is_file():
        pytest.skip("no actor gazetteer yet")
    known = {a["id"] for a in yaml.safe_load(gazetteer.read_text(encoding="utf-8"))["actors"]}
    assert used <= known, sorted(used - known)


REQUIRED_LISTS = [
    ("000_policy_options", 3),
    ("000_arguments_against", 5),
    ("000_arguments_for", 8),
    ("000_problems_of_negotiation", 4),
    ("000_group_goals", 5),
    ("000_challenges", 6),
    ("000_conditions", 5),
    ("000_recommendation", 3),
    ("002_root_causes", 5),
    ("002_government_programme", 6),
    ("002_religious_measures", 5),
    ("002_policing_measures", 5),
    ("002_regional_initiatives", 5),
    ("002_judicial_pole", 3),
    ("002_conditions", 3),
]


@pytest.mark.parametrize(("list_id", "n"), REQUIRED_LISTS)
def test_the_arguments_of_both_documents_are_coded(coded, list_id, n):
    """The lists the analysis rests on are coded, with the number of items the texts give."""
    assert len({cl.list_id: cl for cl in coded}[list_id]) == n


def test_a_coded_item_names_itself_by_list_and_number(coded):
    """An item's id joins its list id and number, so a finding can name it as its subject."""
    item = coded[0].items[0]
    assert item.item_id == f"{item.list_id}#1"


def test_every_category_has_labels_and_a_noun(coded):
    """Figures label every category in both languages; findings name its items with a noun."""
    assert (
        set(coding_lists.category_labels())
        == set(coding_lists.category_nouns())
        == set(coding_lists.CATEGORIES)
    )
