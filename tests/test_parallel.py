"""Per-document work in this process, on local processes or on a Dask cluster: the same results in the same order."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT, make_seed_project

from sahel_analysis.analysis.store import compute_document, fill_store, read_store, store_folder
from sahel_analysis.corpus.catalog import load_corpus
from sahel_analysis.corpus.parallel import (
    JOBS_ENV,
    SCHEDULER_ENV,
    Workers,
    available_cores,
    choose_workers,
    map_in_order,
)
from sahel_analysis.corpus.repaired import CACHE_DIR
from sahel_analysis.errors import SahelError


def square(n: int) -> int:
    return n * n


def test_every_core_by_default_and_the_environment_when_set(monkeypatch):
    monkeypatch.delenv(JOBS_ENV, raising=False)
    monkeypatch.delenv(SCHEDULER_ENV, raising=False)
    assert choose_workers() == Workers(available_cores(), "")
    monkeypatch.setenv(JOBS_ENV, "3")
    monkeypatch.setenv(SCHEDULER_ENV, "tcp://10.0.0.1:8786")
    assert choose_workers() == Workers(3, "tcp://10.0.0.1:8786")
    assert choose_workers(jobs=1, scheduler="") == Workers(1, "")


@pytest.mark.parametrize("jobs, env", [(0, None), (None, "many"), (None, "0")])
def test_a_job_count_that_is_no_positive_number_is_refused_in_one_line(monkeypatch, jobs, env):
    if env is None:
        monkeypatch.delenv(JOBS_ENV, raising=False)
    else:
        monkeypatch.setenv(JOBS_ENV, env)
    with pytest.raises(SahelError, match="whole number"):
        choose_workers(jobs=jobs)


def test_results_come_back_in_order_wherever_they_run():
    items = list(range(40))
    expected = [n * n for n in items]
    assert list(map_in_order(square, items, Workers(1))) == expected
    assert list(map_in_order(square, items, Workers(2))) == expected


def test_an_unreachable_scheduler_is_a_one_line_error(monkeypatch):
    monkeypatch.setattr("sahel_analysis.corpus.parallel.CONNECT_TIMEOUT", "1s")
    with pytest.raises(SahelError, match="cannot reach the Dask scheduler"):
        list(map_in_order(square, [1, 2], Workers(1, "tcp://127.0.0.1:9")))


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    target = make_seed_project(tmp_path_factory.mktemp("parallel") / "project")
    if (ROOT / CACHE_DIR).is_dir():
        shutil.copytree(ROOT / CACHE_DIR, target / CACHE_DIR)
    return target


def test_the_store_rows_are_the_same_serial_on_processes_and_on_a_dask_cluster(project):
    distributed = pytest.importorskip("distributed")
    tasks = [(d, str(project / CACHE_DIR)) for d in load_corpus(project)]
    serial = list(map_in_order(compute_document, tasks, Workers(1)))
    assert list(map_in_order(compute_document, tasks, Workers(2))) == serial
    with distributed.LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cluster:
        on_cluster = list(map_in_order(compute_document, tasks, Workers(1, cluster.scheduler_address)))
    assert on_cluster == serial


def test_filling_on_two_processes_stores_what_one_process_stores(project, tmp_path):
    fill_store(project, Workers(1))
    one = {k: r.analysis for k, r in read_store(store_folder(project)).items()}
    other = make_seed_project(tmp_path / "other")
    shutil.copytree(project / CACHE_DIR, other / CACHE_DIR)
    assert fill_store(other, Workers(2)).computed == len(one)
    assert {k: r.analysis for k, r in read_store(store_folder(other)).items()} == one
