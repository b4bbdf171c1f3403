"""Seeds are raw inputs: their bytes never change, and the catalog describes each fully."""

from __future__ import annotations

import hashlib

import pytest
import yaml
from conftest import SEEDS

# Pinned here as well as in the catalog, so editing a seed *and* its catalog entry still fails.
EXPECTED_SHA256 = {
    SEEDS["000"]: "ebfd312998f8e25429c9ef5a84746886879ef947766442cfbc89a9788349554e",
    SEEDS["002"]: "aa9ba9434131a079779ccdca8889d18106a77f5be6a8f5f6cceefee3240d2cff",
}


def catalog_entries(project):
    return yaml.safe_load((project / "seeds" / "catalog.yaml").read_text(encoding="utf-8"))["documents"]


@pytest.mark.corpus
def test_original_seeds_are_byte_identical(corpus_root):
    """The two original seeds keep their received checksums."""
    assert set(EXPECTED_SHA256) == set(SEEDS.values())
    for name, sha in EXPECTED_SHA256.items():
        assert hashlib.sha256((corpus_root / "seeds" / name).read_bytes()).hexdigest() == sha, name


@pytest.mark.corpus
def test_every_catalogued_seed_matches_its_checksum(corpus_root):
    """Every file in the catalog hashes to the sha256 recorded for it."""
    for entry in catalog_entries(corpus_root):
        data = (corpus_root / "seeds" / entry["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], entry["file"]


@pytest.mark.corpus
def test_every_text_file_in_seeds_is_catalogued(corpus_root):
    """No document sits in seeds/ without provenance, and no temporary file is left behind."""
    listed = {e["file"] for e in catalog_entries(corpus_root)}
    present = {p.name for p in (corpus_root / "seeds").glob("*.txt")}
    assert present == listed
    assert not list((corpus_root / "seeds").glob(".*tmp*"))


@pytest.mark.corpus
def test_the_seeds_are_catalogued_under_their_ids(corpus_root):
    """The catalog lists each seed under its id; added documents may follow."""
    files = {str(e["id"]): e["file"] for e in catalog_entries(corpus_root)}
    assert {doc_id: files.get(doc_id) for doc_id in SEEDS} == SEEDS


def test_seeds_readme_documents_every_seed(root):
    """seeds/README.md has a section for each seed (added documents are described by the catalog)."""
    readme = (root / "seeds" / "README.md").read_text(encoding="utf-8")
    for name in SEEDS.values():
        assert f"## `{name}`" in readme, name
