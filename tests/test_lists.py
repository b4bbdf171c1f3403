"""Tests for sahel_analysis.analysis.lists: the coded lists meet the extractor, and the tables built on both."""

from __future__ import annotations

import pytest
from conftest import seed_corpus

from sahel_analysis.analysis import lists
from sahel_analysis.coding.lists import coded_lists, read_coded_lists
from sahel_analysis.export import DATASETS
from sahel_analysis.extract.enumerations import extract_all_lists


@pytest.fixture(scope="module")
def rcorpus(root):
    return seed_corpus(root)


@pytest.fixture(scope="module")
def docs(rcorpus):
    return {rd.id: rd for rd in rcorpus}


@pytest.fixture(scope="module")
def coded(rcorpus):
    return coded_lists(rcorpus)


@pytest.fixture(scope="module")
def found(rcorpus):
    return extract_all_lists(rcorpus)


def test_coded_lists_agree_with_the_extractor(coded, found):
    """Where the extractor finds a list, the coded list has as many items, in the same order."""
    matched = 0
    for cl in coded:
        enum = lists.matching_enumeration(cl, found)
        if enum is None:
            continue
        matched += 1
        assert len(cl) == len(enum), (cl.list_id, enum.list_id)
        for c, e in zip(cl.items, enum.items, strict=True):
            assert c.start < e.end and e.start < c.end, (cl.list_id, c.item_no)
    assert matched >= 15


def test_every_extracted_list_is_coded(coded, found):
    """Nothing the extractor finds is left uncoded."""
    matched = {e.list_id for cl in coded if (e := lists.matching_enumeration(cl, found))}
    assert [e.list_id for e in found if e.list_id not in matched] == []


def test_list_item_rows_have_the_contract_columns(rcorpus):
    """list_items.csv rows carry the CONTRACT columns, one per coded item."""
    [dataset] = [d for d in DATASETS if d.name == "list_items"]
    rows = dataset.rows(rcorpus)
    assert rows and all({f.name for f in dataset.fields} <= set(r) for r in rows)
    assert len(rows) == sum(len(e["items"]) for e in read_coded_lists())


def test_negotiation_is_counted_in_both_documents(docs):
    """Document 000 speaks of negotiation throughout; document 002 never does."""
    assert lists.count_negotiation_words(docs["000"].text) > 50
    assert lists.count_negotiation_words(docs["002"].text) == 0


def test_agreement_has_one_row_per_coded_list(rcorpus, coded):
    """Each coded list appears once in the agreement, found by the extractor or not."""
    assert [a.list_id for a in lists.agreement(rcorpus)] == [cl.list_id for cl in coded]


def test_the_overlap_of_two_documents_is_unchanged_when_a_third_is_added(rcorpus):
    """Overlaps are pairwise: what 000 and 002 share is the same with a copy of 002 added, and shared means named by more than one document."""
    from dataclasses import replace

    third = replace(rcorpus[-1], doc=replace(rcorpus[-1].doc, id="copy"))
    bigger = [*rcorpus, third]
    [pair] = lists.pairwise_overlaps(rcorpus)
    assert pair in lists.pairwise_overlaps(bigger) and pair.shared and pair.only_a and pair.only_b
    small, large = lists.actor_overlap(rcorpus), lists.actor_overlap(bigger)
    assert set(small["where"]) == {"both", f"{pair.doc_a} only", f"{pair.doc_b} only"}
    shared = set(large[large["n_documents"] > 1]["actor_id"])
    assert shared == set(lists.shared_named_actors(lists.named_actor_sets(bigger)))
    assert set(large[large["where"] == f"{pair.doc_a} only"]["actor_id"]) <= set(pair.only_a)
