"""The build's kernels store every figure a cell ends with as an image, with its titles as alt text."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from matplotlib.figure import Figure

from sahel_analysis.errors import SahelError
from sahel_analysis.report.build import execute_all, execute_notebook
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


def _printing_notebook(path: Path, source: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source)]
    nbformat.write(nb, path)
    return path


def test_notebooks_run_side_by_side_each_writing_its_own_outputs_in_reading_order(tmp_path):
    """Two at a time, the slower first: each notebook gets its own outputs, the runs come back in reading order."""
    slow = _printing_notebook(tmp_path / "00-slow.ipynb", "import time\ntime.sleep(1)\nprint('slow')")
    fast = _printing_notebook(tmp_path / "01-fast.ipynb", "print('fast')")
    lines = []
    runs = execute_all(tmp_path, lines.append, jobs=2)
    assert [run.path for run in runs] == [slow, fast]
    assert lines[0] == "executing 2 notebooks, 2 at a time …" and len(lines) == 3
    for path, text in ((slow, "slow\n"), (fast, "fast\n")):
        (output,) = nbformat.read(path, as_version=4).cells[0].outputs
        assert output.text == text


def test_a_failing_notebook_fails_the_run_in_one_line_and_later_ones_are_not_started(tmp_path):
    _printing_notebook(tmp_path / "00-fails.ipynb", "raise ValueError('broken cell')")
    later = _printing_notebook(tmp_path / "01-later.ipynb", "print('later')")
    with pytest.raises(SahelError, match=r"00-fails\.ipynb: a cell failed: ValueError: broken cell"):
        execute_all(tmp_path, lambda line: None, jobs=1)
    assert not nbformat.read(later, as_version=4).cells[0].outputs
