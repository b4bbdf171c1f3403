"""The search index names every document a query can hit, and stays current at the cost of what changed."""

from __future__ import annotations

import re
import shutil

import pytest
from conftest import seed_corpus

from sahel_analysis.analysis.search import indexed_search, search
from sahel_analysis.corpus.repaired import CACHE_DIR, repaired_corpus
from sahel_analysis.corpus.search_index import candidates, index_terms, update_index
from sahel_analysis.text.normalize import normalize_arabic


@pytest.fixture(scope="module")
def seeds():
    return seed_corpus()


@pytest.fixture(scope="module")
def index(seeds, tmp_path_factory):
    path = tmp_path_factory.mktemp("index") / "search.sqlite"
    texts = {rd.id: rd.text for rd in seeds}
    update_index(path, ((i, "v1") for i in texts), texts.__getitem__)
    return path


def sample_queries(seeds, step: int = 25) -> list[str]:
    """Every `step`-th distinct word of the seeds, as written and stripped of و / ال, plus two-word phrases."""
    words = sorted({w for rd in seeds for w in re.findall(r"[\u0600-\u06ff]{2,}", rd.text)})[::step]
    phrases = [
        " ".join(rd.text.split()[i : i + 2]) for rd in seeds for i in range(0, len(rd.text.split()), 97)
    ]
    stripped = [w[1:] for w in words if w.startswith("و")] + [w[2:] for w in words if w.startswith("ال")]
    return [q for q in words + stripped + phrases if len(normalize_arabic(q).strip()) >= 2]


def test_candidates_include_every_document_a_full_scan_hits(seeds, index):
    for query in sample_queries(seeds):
        try:
            hit_docs = {h.doc_id for h in search(seeds, query)}
        except Exception:  # a query with no letters is refused by both paths alike
            continue
        found = candidates(index, query)
        assert found is None or hit_docs <= found, query


def test_a_word_behind_clitics_is_indexed_under_its_bare_form():
    assert {"وبالساحل", "بالساحل", "الساحل", "ساحل"} <= index_terms("وبالسّاحل")


def test_a_one_letter_remainder_is_not_indexed_and_such_queries_scan_everything(tmp_path):
    assert "د" not in index_terms("ولد")
    path = tmp_path / "i.sqlite"
    update_index(path, [("005", "v1")], {"005": "ولد"}.__getitem__)
    assert candidates(path, "د") is None


def test_only_new_or_changed_documents_are_read_and_removed_ones_dropped(tmp_path):
    path = tmp_path / "i.sqlite"
    texts = {"005": "مالي", "006": "النيجر"}
    read: list[str] = []

    def text_of(doc_id: str) -> str:
        read.append(doc_id)
        return texts[doc_id]

    assert update_index(path, [("005", "a"), ("006", "a")], text_of) == (2, 0)
    assert update_index(path, [("005", "a"), ("006", "a")], text_of) == (0, 0)
    assert update_index(path, [("005", "b")], text_of) == (1, 1)
    assert read == ["005", "006", "005"]
    assert candidates(path, "النيجر") == set()


def test_indexed_search_gives_the_full_scans_hits_in_a_project(tmp_path, root):
    project = tmp_path / "project"
    shutil.copytree(root / "seeds", project / "seeds")
    if (root / CACHE_DIR).is_dir():  # the repairs are the checkout's; only the index is new
        shutil.copytree(root / CACHE_DIR, project / CACHE_DIR)
    corpus = repaired_corpus(project)
    for query in ("تمبكتو", "التفاوض", "الجماعات المسلحة", "مالي", "و"):
        assert indexed_search(project, query) == search(corpus, query), query
