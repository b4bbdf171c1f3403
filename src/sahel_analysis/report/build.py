"""Execute the numbered notebooks, each in a fresh kernel, several at once, writing their outputs back."""

from __future__ import annotations

import os
import re
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from traitlets.config import Config

from sahel_analysis.atomic import remove_stale_temporaries, replace_atomically
from sahel_analysis.corpus.parallel import choose_workers
from sahel_analysis.errors import SahelError

KERNEL_NAME = "python3"

CELL_TIMEOUT_S = 600
ANSI_ESCAPE_RE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")

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
            message = ANSI_ESCAPE_RE.sub("", str(exc)).strip()  # IPython colours the error's name
            first = message.splitlines()[-1] if message else type(exc).__name__
            raise SahelError(path, f"a cell failed: {first}") from None
    strip_volatile_metadata(nb)
    # written whole or not at all: a kill leaves a recognisable temporary the next build removes
    replace_atomically(path, lambda tmp: nbformat.write(nb, tmp))


def timed_execution(path: Path) -> NotebookRun:
    """Execute one notebook and say how long it took."""
    start = time.perf_counter()
    execute_notebook(path)
    return NotebookRun(path, time.perf_counter() - start)


class RunningNotebooks:
    """Notebooks executing on a pool of threads, each in its own fresh kernel: `wait` for them, or `stop` them.

    Each notebook reads only the corpus, so they are independent: their outputs do
    not depend on which runs beside which, only the order they finish in does.
    """

    def __init__(self, paths: list[Path], workers: int) -> None:
        self.paths = paths
        self.workers = workers
        self._failed = threading.Event()
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="notebook")
        self._futures = [self._pool.submit(self._run, path) for path in paths]

    def _run(self, path: Path) -> NotebookRun | None:
        """Execute one notebook, unless one has failed already (then None: it is not started)."""
        if self._failed.is_set():
            return None
        try:
            return timed_execution(path)
        except BaseException:
            self._failed.set()
            raise

    def wait(self, announce: Callable[[str], None] = print) -> list[NotebookRun]:
        """Every notebook's run, in reading order, announced as each finishes; the first failure is the error."""
        runs = []
        try:
            for future in as_completed(self._futures):
                run = future.result()
                if run is None:
                    continue
                announce(f"{run.path.name} done in {run.seconds:.1f} s")
                runs.append(run)
        finally:
            self.stop()
        return sorted(runs, key=lambda run: self.paths.index(run.path))

    def stop(self) -> None:
        """Run no notebook not yet started; wait for the ones running (a kernel is not killed mid-write)."""
        self._failed.set()
        for future in self._futures:
            future.cancel()
        self._pool.shutdown(wait=True)


def start_notebooks(notebooks_dir: Path, jobs: int | None = None) -> RunningNotebooks:
    """Start executing every numbered notebook, `jobs` at a time (default: every core, or `SAHEL_JOBS`)."""
    # kernels inherit this: set and dict-of-set orders are then the same on every run
    os.environ["PYTHONHASHSEED"] = "0"
    paths = list_notebooks(notebooks_dir)
    workers = max(1, min(jobs if jobs is not None else choose_workers().jobs, len(paths)))
    return RunningNotebooks(paths, workers)


def execute_all(
    notebooks_dir: Path, announce: Callable[[str], None] = print, jobs: int | None = None
) -> list[NotebookRun]:
    """Execute every numbered notebook, `jobs` at a time, announcing each with its time as it finishes."""
    running = start_notebooks(notebooks_dir, jobs)
    announce(f"executing {len(running.paths)} notebooks, {running.workers} at a time …")
    return running.wait(announce)
