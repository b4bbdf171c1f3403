"""Map a per-document function over documents: in this process, on every local core, or on a Dask cluster.

The same call runs anywhere: `jobs` and `scheduler` (or the environment
variables `SAHEL_JOBS` and `SAHEL_SCHEDULER`, which notebook kernels inherit)
choose where. Results always come back in the order of the inputs, so what a
caller builds from them does not depend on where they were computed.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

from sahel_analysis.errors import SahelError

JOBS_ENV = "SAHEL_JOBS"
SCHEDULER_ENV = "SAHEL_SCHEDULER"
# How long to wait for a Dask scheduler before saying it cannot be reached.
CONNECT_TIMEOUT = "20s"
# Tasks handed to a local worker at once: fewer round trips, still a fair share of the work each.
CHUNKS_PER_WORKER = 4

Item = TypeVar("Item")
Result = TypeVar("Result")


@dataclass(frozen=True)
class Workers:
    """Where per-document work runs: `scheduler` (a Dask address) if given, else `jobs` local processes."""

    jobs: int
    scheduler: str = ""

    @property
    def where(self) -> str:
        """A short phrase for progress messages."""
        if self.scheduler:
            return f"on the Dask cluster at {self.scheduler}"
        return "in this process" if self.jobs == 1 else f"on {self.jobs} local processes"


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity, which a container or `taskset` may narrow)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def choose_workers(jobs: int | None = None, scheduler: str | None = None) -> Workers:
    """Workers from the options given, else from `SAHEL_JOBS`/`SAHEL_SCHEDULER`, else every local core.

    A job count below 1 or that is not a number is a one-line error naming where it came from.
    """
    address = (scheduler if scheduler is not None else os.environ.get(SCHEDULER_ENV, "")).strip()
    where = "--jobs"
    if jobs is None and os.environ.get(JOBS_ENV, "").strip():
        where, text = JOBS_ENV, os.environ[JOBS_ENV].strip()
        try:
            jobs = int(text)
        except ValueError:
            raise SahelError(JOBS_ENV, f"is {text!r}: give a whole number of processes (1 or more)") from None
    if jobs is not None and jobs < 1:
        raise SahelError(where, f"is {jobs}: give a whole number of processes (1 or more)")
    return Workers(jobs if jobs is not None else available_cores(), address)


def map_in_order(
    function: Callable[[Item], Result], items: Sequence[Item], workers: Workers | None = None
) -> Iterator[Result]:
    """Yield `function(item)` for each item, in the items' order, computed where `workers` says.

    One item, or one job without a scheduler, runs in this process: no pool is
    started for nothing. `function` must be importable by name (a module-level
    function) and its items and results picklable, as for any process pool.
    """
    workers = workers if workers is not None else choose_workers()
    items = list(items)
    if workers.scheduler:
        yield from _on_cluster(function, items, workers.scheduler)
    elif workers.jobs == 1 or len(items) <= 1:
        yield from map(function, items)
    else:
        context = _process_context()
        if context.get_start_method() == "fork":
            # the first item runs here: what it loads (gazetteers, matchers) every forked worker inherits
            yield function(items[0])
            items = items[1:]
        processes = min(workers.jobs, len(items))
        chunk = max(1, len(items) // (processes * CHUNKS_PER_WORKER))
        with ProcessPoolExecutor(processes, mp_context=context) as pool:
            yield from pool.map(function, items, chunksize=chunk)


def _process_context():
    """Fork when this process runs one thread (cheap, inherits loaded data); else a fork server, which is safe."""
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn" if os.name == "nt" else "forkserver")


def _on_cluster(function: Callable[[Item], Result], items: list[Item], address: str) -> Iterable[Result]:
    """Run the items on an existing Dask cluster (`dask scheduler` / `dask worker ADDRESS`), in order."""
    # dask.distributed takes seconds to import: loaded by name only when a scheduler is named
    distributed = importlib.import_module("distributed")
    try:
        client = distributed.Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise SahelError("--scheduler", f"cannot reach the Dask scheduler at {address}: {exc}") from None
    try:
        futures = client.map(function, items, pure=False)
        for future in futures:
            yield future.result()
    finally:
        client.close()
