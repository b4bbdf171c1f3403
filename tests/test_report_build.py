"""The build's kernels store every figure a cell ends with as an image, with its titles as alt text."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from matplotlib.figure import Figure

from sahel_analysis.report.build import execute_notebook
from sahel_analysis.report.figure_alt import figure_metadata

NOTEBOOK_PATHS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def test_a_figure_a_cell_ends_with_is_stored_as_an_image_with_its_titles(tmp_path):
    """No `%matplotlib inline` in the notebook, no pyplot: the image is there all the same."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            "from matplotlib.figure import Figure\n"
            "fig = Figure(figsize=(2, 2))\n"
            "_ = fig.subplots().set_title('Stances by period', loc='left')\n"
            "fig"
        )
    ]
    path = tmp_path / "00-figure.ipynb"
    nbformat.write(nb, path)
    execute_notebook(path)
    (output,) = nbformat.read(path, as_version=4).cells[0].outputs
    assert "image/png" in output.data
    assert output.metadata["image/png"]["alt"] == "Stances by period"


def test_printed_lines_are_one_output_however_the_kernel_flushes_them(tmp_path):
    """A flush between two prints (a slow call) must not split the output and change the committed notebook."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            "import sys, time\nprint('a')\nsys.stdout.flush()\ntime.sleep(0.3)\nprint('b')"
        )
    ]
    path = tmp_path / "00-prints.ipynb"
    nbformat.write(nb, path)
    execute_notebook(path)
    (output,) = nbformat.read(path, as_version=4).cells[0].outputs
    assert output.output_type == "stream" and output.text == "a\nb\n"


def test_a_figure_without_titles_gets_no_metadata():
    """An untitled figure adds nothing: the book falls back on the prose above it."""
    assert figure_metadata(Figure()) == ({}, {})


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=lambda p: p.name)
def test_committed_figures_are_images_not_their_text(path):
    """A cell that shows a figure stores its image, never only `<Figure size …>`."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "".join(data.get("text/plain", "")).startswith("<Figure size"):
                assert "image/png" in data, f"{path.name}: a figure stored as text"
