"""Tests for sahel_analysis.export.load and export.parquet: typed, keyed pandas frames, from Parquet or CSV alike."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pyarrow.parquet as pq
import pytest
from conftest import SEEDS, seed_corpus

import sahel_analysis
from sahel_analysis import load_export
from sahel_analysis.errors import SahelError
from sahel_analysis.export import export_all
from sahel_analysis.export.parquet import arrow_schema, parquet_name


@pytest.fixture(scope="module")
def exported(tmp_path_factory, root):
    out = tmp_path_factory.mktemp("export")
    export_all(out, seed_corpus(root))
    return out


@pytest.fixture(scope="module")
def frames(exported):
    return load_export(exported)


@pytest.fixture(scope="module")
def package(exported):
    return json.loads((exported / "datapackage.json").read_text(encoding="utf-8"))


def test_load_export_is_public_api():
    assert "load_export" in sahel_analysis.__all__
    assert sahel_analysis.__all__ == sorted(sahel_analysis.__all__)


def test_ids_stay_ids(frames, exported):
    """The document id 000 stays '000' in load_export and in a plain pandas read of the Parquet file."""
    assert set(SEEDS) <= set(frames["documents"].index)
    assert frames["documents"].index.dtype == "string"
    assert set(SEEDS) <= set(pd.read_parquet(exported / "documents.parquet")["doc_id"])


def test_frames_have_the_declared_pandas_types(frames, package):
    """Strings as string, integers as Int64 (missing stays missing), booleans as boolean, dates as datetime64."""
    expected = {"string": "string", "integer": "Int64", "number": "Float64", "boolean": "boolean"}
    for resource in package["resources"]:
        frame = frames[resource["name"]].reset_index()
        for field in resource["schema"]["fields"]:
            dtype = frame[field["name"]].dtype
            if field["type"] == "date":
                assert pd.api.types.is_datetime64_any_dtype(dtype), (resource["name"], field["name"])
            else:
                assert str(dtype) == expected[field["type"]], (resource["name"], field["name"], dtype)


def test_frames_are_keyed_as_the_descriptor_says(frames, package, exported):
    """Each frame is indexed by its unique primary key; keyed=False keeps every column; attrs carry the keys."""
    plain = load_export(exported, keyed=False)
    for resource in package["resources"]:
        frame, key = frames[resource["name"]], resource["schema"]["primaryKey"]
        assert list(frame.index.names) == key and frame.index.is_unique, resource["name"]
        assert frame.attrs["primaryKey"] == key
        assert list(plain[resource["name"]].columns) == [f["name"] for f in resource["schema"]["fields"]]


def test_dates_of_any_precision_sort(exported, frames):
    """pd.to_datetime reads every date_min/date_max of the CSVs; events sort by date_min, within their bounds."""
    for name in ("events", "positions", "dates"):
        raw = pd.read_csv(exported / f"{name}.csv", dtype=str, keep_default_na=False)
        for column in ("date_min", "date_max"):
            pd.to_datetime(raw[column].replace("", None), format="%Y-%m-%d")
    events = frames["events"].sort_values("date_min")
    assert events["date_min"].notna().all() and events["date_min"].is_monotonic_increasing
    bounded = events[events["date_max"].notna()]
    assert (bounded["date_min"] <= bounded["date_max"]).all()
    for _, e in events.iterrows():
        assert e["date_min"].strftime("%Y-%m-%d").startswith(e["date_start"])
        if e["precision"] == "day":
            assert e["date_min"] == e["date_max"] and e["time_precision"] == 1


def test_event_actors_is_actor_ids_as_a_long_table(frames):
    """Every |-separated actor id of an event is one row of event_actors, and nothing else is."""
    events = frames["events"]
    pairs = {(eid, a) for eid, ids in events["actor_ids"].items() for a in ids.split("|")}
    assert set(frames["event_actors"].index) == pairs


def test_parquet_has_the_descriptors_schema(exported, package):
    """Each Parquet file beside a CSV has the resource's columns and Arrow types, descriptions included."""
    for resource in package["resources"]:
        schema = pq.read_schema(exported / parquet_name(resource["path"]))
        assert schema.equals(arrow_schema(resource), check_metadata=True), resource["name"]


def test_parquet_and_csv_load_the_same(exported, frames, tmp_path):
    """Without the Parquet files, load_export reads the CSVs through the descriptor into equal frames."""
    csv_only = tmp_path / "csv_only"
    shutil.copytree(exported, csv_only, ignore=shutil.ignore_patterns("*.parquet"))
    for name, frame in load_export(csv_only).items():
        pd.testing.assert_frame_equal(frame, frames[name], check_exact=True)


def test_a_folder_without_a_descriptor_is_one_line_of_error(tmp_path):
    with pytest.raises(SahelError, match=r"datapackage\.json") as info:
        load_export(tmp_path)
    assert "\n" not in str(info.value)
