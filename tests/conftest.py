"""Shared fixtures: the project root and the corpus, loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from sahel_analysis.corpus.catalog import load_corpus

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def corpus():
    return {d.id: d for d in load_corpus(ROOT)}
