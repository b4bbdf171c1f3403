"""Cheap checks on the committed notebooks: names, execution order, thinness, stable outputs."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest

from sahel_analysis.report.build import list_notebooks

MACHINE_PATH = re.compile(r"(/root/|/home/\w+|/tmp/|/work/|site-packages|[A-Z]:\\\\Users)")
TIMING = re.compile(r"\b(Wall time|CPU times)\b")
ADDRESS = re.compile(r" at 0x[0-9a-f]{6,}")


def notebooks(root):
    return [(p, json.loads(p.read_text(encoding="utf-8"))) for p in list_notebooks(root / "notebooks")]


def code_cells(nb):
    return [c for c in nb["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip()]


def test_notebooks_are_numbered_in_sequence(root):
    """Notebooks are named NN-verb-object and numbered 00, 01, … without gaps."""
    names = [p.name for p, _ in notebooks(root)]
    assert names and all(re.fullmatch(r"\d\d-[a-z0-9]+(-[a-z0-9]+)*\.ipynb", n) for n in names)
    assert [int(n[:2]) for n in names] == list(range(len(names)))


NOTEBOOK_PATHS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("[0-9][0-9]-*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=lambda p: p.name)
def test_notebook_is_executed_top_to_bottom(path):
    """Every code cell ran, once, in order, starting from 1."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    counts = [c["execution_count"] for c in code_cells(nb)]
    assert counts == list(range(1, len(counts) + 1)), path.name


def test_notebooks_define_nothing(root):
    """No def or class in a notebook: computation lives in the tested library."""
    for path, nb in notebooks(root):
        for cell in code_cells(nb):
            src = "".join(cell["source"])
            assert not re.search(r"^\s*(def|class) ", src, re.M), path.name


def test_outputs_are_free_of_machine_details(root):
    """No paths, timings or memory addresses in stored outputs or metadata."""
    for path, nb in notebooks(root):
        blob = json.dumps([c.get("outputs", []) for c in code_cells(nb)], ensure_ascii=False)
        blob += json.dumps(nb["metadata"]) + json.dumps([c["metadata"] for c in nb["cells"]])
        for pattern in (MACHINE_PATH, TIMING, ADDRESS):
            assert not pattern.search(blob), f"{path.name}: {pattern.search(blob).group(0)}"


def test_no_plt_show_and_prose_before_code(root):
    """Plot cells end with the figure (no plt.show()), and prose precedes every code cell."""
    for path, nb in notebooks(root):
        cells = nb["cells"]
        for _before, cell in itertools.pairwise(cells):
            if cell["cell_type"] == "code":
                assert "plt.show()" not in "".join(cell["source"]), path.name
        assert cells[0]["cell_type"] == "markdown", path.name


def test_arabic_markdown_is_wrapped_right_to_left(root):
    """Every markdown line with Arabic prose sits inside a dir="rtl" block."""
    arabic = re.compile("[\u0600-\u06ff]{3,}")
    for path, nb in notebooks(root):
        for cell in nb["cells"]:
            if cell["cell_type"] != "markdown":
                continue
            src = "".join(cell["source"])
            outside = re.sub(r'<div dir="rtl"[^>]*>.*?</div>', "", src, flags=re.S)
            outside = re.sub(r"`[^`]*`", "", outside)
            outside = re.sub(r'<span dir="rtl"[^>]*>.*?</span>', "", outside, flags=re.S)
            assert not arabic.search(outside), f"{path.name}: {arabic.search(outside).group(0)}"
