"""Execute the numbered notebooks in order and render the HTML report from them."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from traitlets.config import Config

from sahel_analysis.atomic import remove_stale_temporaries, replace_atomically
from sahel_analysis.errors import SahelError

KERNEL_NAME = "python3"

CELL_TIMEOUT_S = 600

# The build's kernels draw with matplotlib's inline backend from the start, so a cell that
# ends with a Figure stores it as image/png whether or not the notebook says `%matplotlib
# inline`; and they load `figure_alt`, which stores the figure's titles with the image.
KERNEL_ARGUMENTS = (
    "--matplotlib=inline",
    "--IPKernelApp.extensions=['sahel_analysis.report.figure_alt']",
)


@dataclass(frozen=True)
class NotebookRun:
    """What one notebook's execution produced: its path and how long it took."""

    path: Path
    seconds: float


def list_notebooks(notebooks_dir: Path) -> list[Path]:
    """Return the numbered notebooks `NN-*.ipynb`, in reading (and execution) order."""
    found = sorted(p for p in notebooks_dir.glob("[0-9][0-9]-*.ipynb") if p.is_file())
    if not found:
        raise SahelError(notebooks_dir, "no numbered notebooks (NN-name.ipynb) found")
    return found


def clear_notebook_leftovers(notebooks_dir: Path) -> list[Path]:
    """Remove what a killed build left beside the notebooks: temporaries, and `NN-*.ipynb.tmp` of older versions."""
    removed = remove_stale_temporaries(notebooks_dir)
    for old in notebooks_dir.glob("[0-9][0-9]-*.ipynb.tmp"):
        if old.is_file() and not old.is_symlink():
            old.unlink()
            removed.append(old)
    return removed


def strip_volatile_metadata(nb: nbformat.NotebookNode) -> None:
    """Drop metadata that differs between runs or machines, so committed outputs are stable."""
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            for output in cell.get("outputs", []):
                output.get("metadata", {}).pop("execution", None)
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = {
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
        "name": KERNEL_NAME,
    }
    nb.metadata["language_info"] = {"name": "python"}


def execute_notebook(path: Path) -> None:
    """Execute one notebook top to bottom in its own folder and write it back with outputs."""
    nb = nbformat.read(path, as_version=4)
    # The kernel talks over local sockets in a private folder rather than TCP ports:
    # nothing listens on the network, and ipykernel has no plain-TCP warning to print.
    with tempfile.TemporaryDirectory(prefix="sahel-kernel-") as sockets:
        config = Config()
        config.KernelManager.transport = "ipc"
        config.KernelManager.ip = os.path.join(sockets, "kernel")
        client = NotebookClient(
            nb,
            config=config,
            timeout=CELL_TIMEOUT_S,
            kernel_name=KERNEL_NAME,
            extra_arguments=list(KERNEL_ARGUMENTS),
            record_timing=False,
            # one output per stream: how the kernel happens to flush print() must not change the notebook
            coalesce_streams=True,
            resources={"metadata": {"path": str(path.parent)}},
        )
        try:
            client.execute()
        except Exception as exc:  # nbclient raises CellExecutionError with a long traceback
            first = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
            raise SahelError(path, f"a cell failed: {first}") from None
    strip_volatile_metadata(nb)
    # written whole or not at all: a kill leaves a recognisable temporary the next build removes
    replace_atomically(path, lambda tmp: nbformat.write(nb, tmp))


def execute_all(notebooks_dir: Path, announce: Callable[[str], None] = print) -> list[NotebookRun]:
    """Execute every numbered notebook in order, announcing each with its time."""
    # kernels inherit this: set and dict-of-set orders are then the same on every run
    os.environ["PYTHONHASHSEED"] = "0"
    runs = []
    for path in list_notebooks(notebooks_dir):
        announce(f"executing {path.name} …")
        start = time.perf_counter()
        execute_notebook(path)
        seconds = time.perf_counter() - start
        announce(f"  {path.name} done in {seconds:.1f} s")
        runs.append(NotebookRun(path, seconds))
    return runs
