"""The corpus store: each document's automatic analysis kept as Parquet, read back identical, never stale or trusted when corrupt."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import ROOT, SEEDS, make_seed_project

from sahel_analysis.analysis import store
from sahel_analysis.analysis.store import (
    StoredAnalysis,
    analyse,
    content_key,
    document_key,
    fill_store,
    read_part,
    read_store,
    store_fingerprint,
    store_folder,
    stored_analyses,
    write_part,
)
from sahel_analysis.corpus.catalog import forget_loaded_corpus
from sahel_analysis.corpus.ingest import add_document
from sahel_analysis.corpus.parallel import Workers
from sahel_analysis.corpus.repaired import CACHE_DIR, repaired_corpus


@pytest.fixture
def project(tmp_path) -> Path:
    """A scratch project of the seeds, with the checkout's repair cache (a visual repair takes seconds)."""
    target = make_seed_project(tmp_path / "project")
    if (ROOT / CACHE_DIR).is_dir():
        shutil.copytree(ROOT / CACHE_DIR, target / CACHE_DIR)
    return target


def parts(folder: Path) -> list[Path]:
    return sorted(folder.glob(store.PART_GLOB))


def test_a_part_reads_back_the_same_records(project, tmp_path):
    corpus = repaired_corpus(project)
    rows = [StoredAnalysis(document_key(rd.doc), content_key(rd), analyse(rd)) for rd in corpus]
    path = write_part(tmp_path / "store", rows)
    assert {k: r for k, r in read_part(path).items()} == {r.doc_key: r for r in rows}
    assert any(r.analysis.mentions for r in rows) and any(r.analysis.enumerations for r in rows)


def test_the_parts_are_columns_pandas_can_query(project):
    fill_store(project, Workers(1))
    (part,) = parts(store_folder(project))
    table = pq.read_table(part)
    assert set(table.column("doc_id").to_pylist()) == set(SEEDS)
    mentions = table.column("mentions").to_pylist()
    assert all(m["actor_id"] for doc in mentions for m in doc)


def test_stored_analyses_equal_a_fresh_analysis_and_are_computed_once(project):
    corpus = repaired_corpus(project)
    first = stored_analyses(corpus, project)
    assert first == tuple(analyse(rd) for rd in corpus)
    written = parts(store_folder(project))
    assert len(written) == 1
    assert stored_analyses(corpus, project) == first
    assert parts(store_folder(project)) == written  # read, not computed again


def test_adding_a_document_writes_a_new_part_and_leaves_the_old_ones(project):
    assert fill_store(project, Workers(1)).computed == len(SEEDS)
    folder = store_folder(project)
    before = {p: p.stat().st_mtime_ns for p in parts(folder)}
    assert fill_store(project, Workers(1)).computed == 0
    text = (ROOT / "tests/data/new_documents/article_logical.txt").read_text(encoding="utf-8")
    source = project.parent / "article.txt"
    source.write_text(text, encoding="utf-8")
    add_document(source, project, "مقال", "", None, False)
    forget_loaded_corpus()
    filled = fill_store(project, Workers(1))
    assert (filled.stored, filled.computed) == (len(SEEDS), 1)
    after = parts(folder)
    assert len(after) == len(before) + 1
    assert all(p.stat().st_mtime_ns == t for p, t in before.items())


def test_a_corrupt_part_is_removed_and_its_documents_computed_again(project):
    fill_store(project, Workers(1))
    folder = store_folder(project)
    (part,) = parts(folder)
    part.write_bytes(part.read_bytes()[: part.stat().st_size // 2])
    assert read_store(folder) == {}
    assert not part.exists()
    assert fill_store(project, Workers(1)).computed == len(SEEDS)
    corpus = repaired_corpus(project)
    assert stored_analyses(corpus, project) == tuple(analyse(rd) for rd in corpus)


def test_a_part_of_another_schema_is_not_trusted(project, tmp_path):
    folder = store_folder(project)
    folder.mkdir(parents=True)
    pq.write_table(pa.table({"doc_key": ["x"], "doc_id": ["000"]}), folder / "part-0-0-0.parquet")
    assert read_store(folder) == {}


def test_a_temporary_left_by_a_killed_fill_is_removed(project):
    folder = store_folder(project)
    folder.mkdir(parents=True)
    dead = 2**22 + 12345  # above the default pid_max: no such process
    left = folder / f".part-1.parquet.{dead}-0a1b2c3d.sahel-tmp"
    left.write_bytes(b"half a part")
    fill_store(project, Workers(1))
    assert not left.exists()
    assert len(read_store(folder)) == len(SEEDS)


def test_the_projects_own_gazetteer_changes_the_store(project):
    before = store_fingerprint(project)
    (project / "coding").mkdir(exist_ok=True)
    (project / "coding" / "gazetteer.yaml").write_text("actors: []\n", encoding="utf-8")
    assert store_fingerprint(project) != before


def test_a_document_changed_in_memory_is_computed_not_served_from_the_store(project):
    corpus = repaired_corpus(project)
    stored_analyses(corpus, project)
    rd = corpus[0]
    changed = type(rd)(rd.doc, rd.structure, rd.text.replace("مالي", "ماﻟي"))
    assert content_key(changed) != content_key(rd)
    assert stored_analyses((changed,), project) == (analyse(changed),)


def test_outside_a_project_the_analyses_are_computed_in_memory(project, tmp_path, monkeypatch):
    corpus = repaired_corpus(project)
    monkeypatch.delenv("SAHEL_ANALYSIS_ROOT", raising=False)
    monkeypatch.chdir(tmp_path)
    assert stored_analyses(corpus) == tuple(analyse(rd) for rd in corpus)
    assert not (tmp_path / ".cache").exists()
    assert os.getcwd() == str(tmp_path)
