"""Seeds are raw inputs: their bytes never change, and the catalog describes each fully."""

from __future__ import annotations

import hashlib

import yaml

# Pinned here as well as in the catalog, so editing a seed *and* its catalog entry still fails.
EXPECTED_SHA256 = {
    "000_53ea0760ed01dd6f.txt": "ebfd312998f8e25429c9ef5a84746886879ef947766442cfbc89a9788349554e",
    "002_d789965f71b5187f.txt": "aa9ba9434131a079779ccdca8889d18106a77f5be6a8f5f6cceefee3240d2cff",
}


def test_original_seeds_are_byte_identical(root):
    """The two original seeds keep their received checksums."""
    for name, sha in EXPECTED_SHA256.items():
        assert hashlib.sha256((root / "seeds" / name).read_bytes()).hexdigest() == sha, name


def test_every_catalogued_seed_matches_its_checksum(root):
    """Every file in the catalog hashes to the sha256 recorded for it."""
    catalog = yaml.safe_load((root / "seeds" / "catalog.yaml").read_text(encoding="utf-8"))
    for entry in catalog["documents"]:
        data = (root / "seeds" / entry["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], entry["file"]


def test_every_text_file_in_seeds_is_catalogued(root):
    """No document sits in seeds/ without provenance."""
    catalog = yaml.safe_load((root / "seeds" / "catalog.yaml").read_text(encoding="utf-8"))
    listed = {e["file"] for e in catalog["documents"]}
    present = {p.name for p in (root / "seeds").glob("*.txt")}
    assert present == listed


def test_seeds_readme_documents_every_file(root):
    """seeds/README.md has a section for each catalogued file."""
    readme = (root / "seeds" / "README.md").read_text(encoding="utf-8")
    catalog = yaml.safe_load((root / "seeds" / "catalog.yaml").read_text(encoding="utf-8"))
    for entry in catalog["documents"]:
        assert entry["file"] in readme
