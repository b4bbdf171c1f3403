"""Parquet files beside the CSVs: the same columns, typed as `datapackage.json` declares them.

A CSV keeps no types: a plain `pandas.read_csv` turns the document id `007`
into the number 7. Each Parquet file carries its resource's schema (ids as
strings, offsets as 64-bit integers, `date_min`/`date_max` as dates, empty
cells as nulls) and each field's description as Arrow metadata, so any Arrow
reader (pandas, R arrow, DuckDB, Polars) gets the declared types without the
descriptor.
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from sahel_analysis.atomic import replace_atomically
from sahel_analysis.errors import SahelError

ARROW_TYPES = {
    "string": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
}
# Table Schema's default boolean spellings (the CSVs write True and False).
TRUE_VALUES = ["true", "True", "TRUE", "1"]
FALSE_VALUES = ["false", "False", "FALSE", "0"]


def parquet_name(csv_file: str) -> str:
    """The Parquet file written beside a CSV file.

    >>> parquet_name("events.csv")
    'events.parquet'
    """
    return str(Path(csv_file).with_suffix(".parquet"))


def arrow_schema(resource: Mapping) -> pa.Schema:
    """The Arrow schema of a descriptor resource: its fields' types and descriptions, and its keys."""
    schema = resource["schema"]
    fields = [
        pa.field(f["name"], ARROW_TYPES[f["type"]], metadata={"description": f.get("description", "")})
        for f in schema["fields"]
    ]
    keys = {"primaryKey": schema.get("primaryKey", []), "foreignKeys": schema.get("foreignKeys", [])}
    return pa.schema(fields, metadata={"resource": resource["name"], "keys": json.dumps(keys)})


def read_typed_csv(source: bytes | Path, resource: Mapping) -> pa.Table:
    """Read one exported CSV with the types its descriptor resource declares; empty cells become nulls."""
    schema = arrow_schema(resource)
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    table = pa_csv.read_csv(
        io.BytesIO(data),
        parse_options=pa_csv.ParseOptions(newlines_in_values=True),
        convert_options=pa_csv.ConvertOptions(
            column_types={f.name: f.type for f in schema},
            null_values=[""],
            strings_can_be_null=True,
            quoted_strings_can_be_null=True,
            true_values=TRUE_VALUES,
            false_values=FALSE_VALUES,
        ),
    )
    if table.column_names != schema.names:
        raise SahelError(
            resource["path"], f"columns {table.column_names} differ from the descriptor's {schema.names}"
        )
    return table.cast(schema)


def write_parquet(out_dir: Path, package: Mapping, rendered: Mapping[str, str]) -> list[Path]:
    """Write a Parquet file beside each CSV the package describes, from its rendered text; return the paths."""
    written = []
    for resource in package["resources"]:
        table = read_typed_csv(rendered[resource["path"]].encode("utf-8"), resource)
        path = Path(out_dir) / parquet_name(resource["path"])
        replace_atomically(path, lambda tmp, table=table: pq.write_table(table, tmp))
        written.append(path)
    return written
