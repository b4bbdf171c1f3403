"""The package's own data files (`src/sahel_analysis/data/`), read once and shared.

Curated tables (character maps, gazetteer, coded lists, cue words) ship inside
the package so the analysis never depends on the working directory; every
module reads them through here, so each file is parsed once per process.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

import yaml


def data_text(name: str) -> str:
    """The text of `data/<name>`.

    >>> data_text("report.css").startswith("/*")
    True
    """
    return files("sahel_analysis").joinpath("data", name).read_text(encoding="utf-8")


@cache
def load_yaml(name: str) -> Any:
    """`data/<name>` parsed as YAML, read once: callers share the result and must not change it.

    >>> sorted(load_yaml("charmap.yaml"))[:2]
    ['alef_maqsura', 'alef_variants']
    """
    return yaml.safe_load(data_text(name)) or {}
