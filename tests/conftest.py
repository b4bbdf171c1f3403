"""Shared fixtures: the checkout, the corpus under test, and the seed corpus named in one place.

The seeds are the documents the project ships with; every test that needs them
by name takes them from `SEEDS` here. The corpus under test is the checkout's
`seeds/` unless `$SAHEL_ANALYSIS_ROOT` names another project: the end-to-end test
runs the tests marked `corpus` on a copy with added documents that way, so
those tests must hold for any corpus that contains the seeds.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml

from sahel_analysis.corpus.catalog import CATALOG_NAME, ROOT_ENV, load_corpus, read_catalog
from sahel_analysis.corpus.repaired import repaired_corpus

ROOT = Path(__file__).resolve().parents[1]
# The seed corpus: id -> file in seeds/ (their checksums are pinned in test_seeds.py).
SEEDS = {
    "000": "000_53ea0760ed01dd6f.txt",
    "002": "002_d789965f71b5187f.txt",
}
NEW_DOCUMENTS = ROOT / "tests" / "data" / "new_documents"


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "corpus: holds for any corpus that contains the seeds (rerun on a grown corpus end to end)"
    )
    config.addinivalue_line(
        "markers", "end_to_end: copies the project, adds documents, exports (about a minute)"
    )


def corpus_project() -> Path:
    """The project whose seeds/ the corpus tests read: `$SAHEL_ANALYSIS_ROOT`, else the checkout."""
    return Path(os.environ[ROOT_ENV]).resolve() if os.environ.get(ROOT_ENV) else ROOT


@pytest.fixture(scope="session")
def root() -> Path:
    """The checkout: source, tests, notebooks and the shipped seeds."""
    return ROOT


@pytest.fixture(scope="session")
def corpus_root() -> Path:
    """The project under test (see `corpus_project`)."""
    return corpus_project()


@pytest.fixture(scope="session")
def corpus(corpus_root):
    """Every document of the corpus under test, by id, in catalog order."""
    return {d.id: d for d in load_corpus(corpus_root)}


@pytest.fixture(scope="session")
def seed_ids() -> tuple[str, ...]:
    return tuple(SEEDS)


@pytest.fixture(scope="session")
def seed_docs(corpus):
    """The seed documents, by id, as the corpus under test holds them."""
    return {doc_id: corpus[doc_id] for doc_id in SEEDS}


def seed_corpus(project: Path = ROOT) -> tuple:
    """The repaired seeds of `project`, in catalog order: what tests that pin seed numbers read.

    A project grows (`sahel-analysis add`); the seeds' numbers do not, so tests
    that count over the corpus count over the seeds.
    """
    return tuple(rd for rd in repaired_corpus(project) if rd.id in SEEDS)


def make_seed_project(target: Path, source: Path = ROOT) -> Path:
    """A scratch project at `target` whose seeds/ holds the seeds and nothing else, free to change.

    Its catalog lists the seeds' entries as the source project's catalog has
    them, under a comment line, so tests can check that comments survive.
    """
    seeds = target / "seeds"
    seeds.mkdir(parents=True)
    entries = [e for e in read_catalog(source / "seeds") if e["id"] in SEEDS]
    for entry in entries:
        shutil.copy2(source / "seeds" / entry["file"], seeds / entry["file"])
    text = yaml.safe_dump({"documents": [dict(e) for e in entries]}, allow_unicode=True, sort_keys=False)
    (seeds / CATALOG_NAME).write_text("# A scratch catalog of the seeds.\n" + text, encoding="utf-8")
    return target


@pytest.fixture
def seed_project(tmp_path) -> Path:
    """A scratch project holding only the seeds."""
    return make_seed_project(tmp_path / "project")
