"""Write the declared datasets into a folder: UTF-8 CSV files and a Frictionless `datapackage.json`."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from pathlib import Path

from sahel_analysis.errors import SahelError
from sahel_analysis.export.datasets import DATASETS, Dataset
from sahel_analysis.export.descriptor import describe_export
from sahel_analysis.export.parquet import write_parquet


def to_csv(dataset: Dataset, rows: Iterable[Mapping[str, object]]) -> str:
    """Render rows as CSV text: required columns first, in order, then any extras."""
    rows = list(rows)
    names = [f.name for f in dataset.fields]
    extras = sorted({k for r in rows for k in r} - set(names))
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=[*names, *extras], lineterminator="\n", extrasaction="raise")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
    return buf.getvalue()


def datapackage(datasets: Iterable[Dataset], extras: Mapping[str, list[str]]) -> dict:
    """The Frictionless Data Package descriptor for the written files."""
    resources = []
    for ds in datasets:
        fields = [{"name": f.name, "type": f.type, "description": f.description} for f in ds.fields]
        fields += [
            {"name": e, "type": "string", "description": "extra column"} for e in extras.get(ds.name, [])
        ]
        resources.append(
            {
                "name": ds.name,
                "path": ds.file,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": ds.description,
                "schema": {"fields": fields},
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "sahel-analysis",
        "title": "sahel-analysis datasets: actors, positions, events and lists in Arabic Sahel policy documents",
        "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0"}],
        "resources": resources,
    }


def export_all(out_dir: Path, corpus) -> list[Path]:
    """Write every available dataset and `datapackage.json` into `out_dir`.

    Files are written to a temporary name and renamed, so an interrupted export
    never leaves a half-written file behind.
    """
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise SahelError(out_dir, "exists and is not a folder")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    datasets = DATASETS
    extras: dict[str, list[str]] = {}
    rendered = {}
    for ds in datasets:
        rows = ds.rows(corpus)
        text = to_csv(ds, rows)
        extras[ds.name] = text.splitlines()[0].split(",")[len(ds.fields) :]
        rendered[ds.file] = text
    package = describe_export(datasets, extras, corpus)  # typed, keyed and licensed, by frictionless
    rendered["datapackage.json"] = json.dumps(package, ensure_ascii=False, indent=2) + "\n"
    written += write_parquet(out_dir, package, rendered)  # beside each CSV, with the same schema
    for name, text in rendered.items():
        path = out_dir / name
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
        written.append(path)
    return written
