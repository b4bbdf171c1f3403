"""Load an export into typed pandas DataFrames, keyed as its `datapackage.json` declares.

`load_export(DIR)` reads each resource's Parquet file (or, where it is missing,
its CSV through the descriptor's types) and gives pandas' nullable types: ids
and text as `string` (the document id `007` stays `007`), integers as `Int64`
(empty offsets stay missing, not floats), booleans as `boolean`, and
`date_min`/`date_max` as `datetime64`, so events sort by date whatever the
precision the text gave.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from sahel_analysis.errors import SahelError
from sahel_analysis.export.parquet import arrow_schema, parquet_name, read_typed_csv

PANDAS_TYPES = {
    pa.string(): pd.StringDtype(),
    pa.int64(): pd.Int64Dtype(),
    pa.float64(): pd.Float64Dtype(),
    pa.bool_(): pd.BooleanDtype(),
}


def read_descriptor(folder: Path) -> dict:
    """The `datapackage.json` of an export folder, with a one-line error when it is missing or not JSON."""
    path = Path(folder) / "datapackage.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SahelError(path, "missing: not a folder written by sahel-analysis export") from None
    except json.JSONDecodeError as exc:
        raise SahelError(path, f"not valid JSON: {exc.msg} at line {exc.lineno}") from None


def resource_table(folder: Path, resource: dict) -> pa.Table:
    """One resource as an Arrow table of its declared schema: its Parquet file, else its CSV."""
    parquet = Path(folder) / parquet_name(resource["path"])
    if parquet.is_file():
        return pq.read_table(parquet, schema=arrow_schema(resource))
    return read_typed_csv(Path(folder) / resource["path"], resource)


def to_frame(table: pa.Table, primary_key: list[str] | None = None, name: str = "") -> pd.DataFrame:
    """A DataFrame with pandas' nullable types (dates as datetime64), indexed by `primary_key` when given."""
    frame = table.to_pandas(types_mapper=PANDAS_TYPES.get, date_as_object=False)
    if primary_key:
        frame = frame.set_index(primary_key)
        if not frame.index.is_unique:
            raise SahelError(name or "export", f"primary key {', '.join(primary_key)} repeats a value")
    return frame


def load_export(folder: Path | str, *, keyed: bool = True) -> dict[str, pd.DataFrame]:
    """Every dataset of an export folder as a typed DataFrame, by name, in the descriptor's order.

    With `keyed` (the default) each frame is indexed by its primary key (a
    MultiIndex for a composite key; `reset_index()` gives the columns back);
    `frame.attrs` holds the resource's `primaryKey` and `foreignKeys` either way.
    """
    folder = Path(folder)
    frames = {}
    for resource in read_descriptor(folder)["resources"]:
        schema = resource["schema"]
        key = schema.get("primaryKey", [])
        frame = to_frame(resource_table(folder, resource), key if keyed else None, resource["path"])
        frame.attrs = {"primaryKey": key, "foreignKeys": schema.get("foreignKeys", [])}
        frames[resource["name"]] = frame
    return frames
