"""Write the declared datasets into a folder: UTF-8 CSV files and a Frictionless `datapackage.json`.

Export never destroys what it did not write. It writes only into a new or empty
folder, or one it wrote before (its manifest, `.sahel-export.json`, lists each
file with its checksum), never into the project's own folders (seeds/, coding/,
notebooks/, src/) and, without `force`, never over a file it did not write or
that was changed since. Every file is written under a temporary name and
renamed, after a manifest that names it, so a kill leaves no partial file and
the next export recognises the folder as its own and clears the temporaries.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from sahel_analysis.atomic import (
    TEMP_NAME_RE,
    remove_stale_temporaries,
    replace_atomically,
    temporary_target,
)
from sahel_analysis.corpus.catalog import find_project_root
from sahel_analysis.errors import SahelError
from sahel_analysis.export.datasets import DATASETS, Dataset
from sahel_analysis.export.descriptor import describe_export
from sahel_analysis.export.parquet import parquet_name, write_parquet

MANIFEST_NAME = ".sahel-export.json"
# The installed package itself (src/sahel_analysis in a checkout) is never written into.
PACKAGE_DIR = Path(__file__).resolve().parents[1]
# The project's own folders: an export into them (or into the project folder itself) is refused.
PROTECTED_FOLDERS = ("seeds", "coding", "notebooks", "src")
# A character that cannot be written as UTF-8: half of a surrogate pair, as Python decodes a bad byte.
LONE_SURROGATE_RE = re.compile("[\ud800-\udfff]")
FORCE_HINT = "add --force to write there anyway (files of the same name are replaced, others kept)"


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


@dataclass(frozen=True)
class Manifest:
    """What an export wrote into a folder: each file's SHA-256, and the files of a run cut short."""

    files: Mapping[str, str]
    pending: frozenset[str] = frozenset()

    def owns(self, folder: Path, name: str) -> bool:
        """Whether `folder/name` is export's: pending, or as the manifest's checksum says export left it."""
        if name in self.pending:
            return True
        digest = self.files.get(name)
        return digest is not None and (folder / name).is_file() and sha256_file(folder / name) == digest


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file's bytes, read in blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_manifest(folder: Path) -> Manifest | None:
    """The folder's export manifest, or None if it has none (or one that is not export's)."""
    try:
        data = json.loads((Path(folder) / MANIFEST_NAME).read_text(encoding="utf-8"))
        files = {str(k): str(v) for k, v in data["files"].items()}
        pending = frozenset(str(n) for n in data.get("pending", ()))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return Manifest(files, pending)


def manifest_text(manifest: Manifest) -> str:
    """The manifest as JSON: names sorted, no time stamp, so the same export writes the same bytes."""
    data: dict[str, object] = {
        "written_by": "sahel-analysis export",
        "files": dict(sorted(manifest.files.items())),
    }
    if manifest.pending:
        data["pending"] = sorted(manifest.pending)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def foreign_entries(folder: Path) -> tuple[str, ...]:
    """The names in `folder` that export did not write, or changed since (besides its own temporaries)."""
    folder = Path(folder)
    if not folder.is_dir():
        return ()
    manifest = read_manifest(folder) or Manifest({})
    foreign = []
    for entry in sorted(os.listdir(folder)):
        if entry == MANIFEST_NAME or TEMP_NAME_RE.match(entry):
            continue
        if not manifest.owns(folder, entry):
            changed = entry in manifest.files and (folder / entry).exists()
            foreign.append(f"{entry} (changed since export wrote it)" if changed else entry)
    return tuple(foreign)


def protected_folder(out_dir: Path, project_root: Path | None) -> str | None:
    """What of the project `out_dir` is or lies in (its folder, seeds/, coding/, notebooks/, src/, the package), or None.

    >>> protected_folder(Path("/p/seeds/x"), Path("/p"))
    "inside the project's seeds/ folder"
    >>> protected_folder(Path("/p/exports"), Path("/p")) is None
    True
    """
    out = Path(out_dir).resolve()
    if out == PACKAGE_DIR or PACKAGE_DIR in out.parents:
        return "inside the sahel_analysis package's own folder"
    if project_root is None:
        return None
    root = Path(project_root).resolve()
    if out == root:
        return "the project folder"
    for name in PROTECTED_FOLDERS:
        if out == root / name or root / name in out.parents:
            return f"inside the project's {name}/ folder"
    return None


def default_project_root() -> Path | None:
    """The project export runs in, if any: its folders are never written into."""
    try:
        return find_project_root()
    except SahelError:
        return None


def prepare_folder(out_dir: Path, *, force: bool, project_root: Path | None, outputs: Sequence[str]) -> Path:
    """Check that export may write `outputs` into `out_dir`, and clear an earlier run's leftovers there.

    Raises a one-line `SahelError` for a folder of the project, a path under a
    file, a folder that cannot be created, or (without `force`) a folder holding
    files export did not write.
    """
    if not str(out_dir).strip():
        raise SahelError("DIR", "is empty: name the folder to export into (a new one, e.g. exports)")
    out = Path(out_dir).expanduser()
    guarded = protected_folder(out, project_root)
    if guarded is not None:
        raise SahelError(out, f"is {guarded}: export writes only into a folder of its own (e.g. exports)")
    if out.exists() and not out.is_dir():
        raise SahelError(out, "exists and is not a folder")
    blocking = next((a for a in out.absolute().parents if a.exists() and not a.is_dir()), None)
    if blocking is not None:
        raise SahelError(out, f"cannot be created: {blocking} is a file, not a folder")
    if out.is_dir():
        clear_leftovers(out, outputs)
        foreign = foreign_entries(out)
        if foreign and not force:
            shown = ", ".join(foreign[:3]) + (f" and {len(foreign) - 3} more" if len(foreign) > 3 else "")
            raise SahelError(
                out,
                f"holds {len(foreign)} file(s) export did not write ({shown}); export writes only into a "
                f"new or empty folder, or one it wrote before: choose another folder, or {FORCE_HINT}",
            )
    return out


def create_folder(out: Path) -> Path:
    """Create the export folder (and its parents), or say in one line why it cannot be."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SahelError(out, f"cannot create the folder: {exc.strerror or exc}") from None
    return out


def clear_leftovers(folder: Path, outputs: Sequence[str]) -> list[Path]:
    """Remove what a killed export left: temporaries of dead processes, and `NAME.tmp` of older versions."""
    removed = remove_stale_temporaries(folder)
    manifest = read_manifest(folder) or Manifest({})
    ours = {*outputs, *manifest.files, *manifest.pending}
    for name in ours:
        old = folder / f"{name}.tmp"  # how versions before 0.3 named an export's temporary
        if old.is_file() and not old.is_symlink():
            old.unlink()
            removed.append(old)
    return removed


def check_unicode(dataset: Dataset, rows: Sequence[Mapping[str, object]]) -> None:
    """Refuse, naming the row and column, a value that cannot be written as UTF-8 (a lone surrogate)."""
    for number, row in enumerate(rows, start=1):
        for column, value in row.items():
            found = LONE_SURROGATE_RE.search(value) if isinstance(value, str) else None
            if found:
                whose = f" (document {row['doc_id']})" if row.get("doc_id") else ""
                raise SahelError(
                    dataset.file,
                    f"row {number}{whose}, column {column}: holds U+{ord(found.group()):04X}, which is no "
                    "character (a byte that was not UTF-8): correct the text where it comes from",
                )


def write_file(path: Path, data: bytes) -> Path:
    """Write `data` to `path` through a temporary sibling, flushed to disk, then renamed."""
    return replace_atomically(path, lambda tmp: tmp.write_bytes(data), durable=True)


def export_all(
    out_dir: Path | str,
    corpus,
    *,
    force: bool = False,
    project_root: Path | None = None,
    also: Sequence[str] = (),
) -> list[Path]:
    """Write every available dataset and `datapackage.json` into `out_dir`; return the paths written.

    `out_dir` must be new, empty, or written by an earlier export (or `force`);
    never the project folder or its seeds/, coding/, notebooks/ or src/.
    `project_root` defaults to the project found from the working folder.
    `also` names files the caller writes next (the QDA project): the manifest
    counts them as export's until `record_export` records what they hold.
    Failures are one-line `SahelError`s naming the file.
    """
    datasets = DATASETS
    csv_files = [ds.file for ds in datasets]
    outputs = [*csv_files, "datapackage.json", *(parquet_name(f) for f in csv_files), *also]
    root = project_root if project_root is not None else default_project_root()
    out = prepare_folder(out_dir, force=force, project_root=root, outputs=outputs)
    extras: dict[str, list[str]] = {}
    rendered = {}
    for ds in datasets:
        rows = list(ds.rows(corpus))
        check_unicode(ds, rows)
        text = to_csv(ds, rows)
        extras[ds.name] = text.splitlines()[0].split(",")[len(ds.fields) :]
        rendered[ds.file] = text
    package = describe_export(datasets, extras, corpus)  # typed, keyed and licensed, by frictionless
    rendered["datapackage.json"] = json.dumps(package, ensure_ascii=False, indent=2) + "\n"
    create_folder(out)
    before = read_manifest(out) or Manifest({})
    kept = {n: d for n, d in before.files.items() if n not in outputs and before.owns(out, n)}
    written: list[Path] = []
    try:
        # named before they are written: a run cut short leaves a folder the next export knows as its own
        write_file(out / MANIFEST_NAME, manifest_text(Manifest(kept, frozenset(outputs))).encode("utf-8"))
        written += write_parquet(out, package, rendered)  # beside each CSV, with the same schema
        for name, text in rendered.items():
            written.append(write_file(out / name, text.encode("utf-8")))
        files = {**kept, **{p.name: sha256_file(p) for p in written}}
        write_file(out / MANIFEST_NAME, manifest_text(Manifest(files, frozenset(also))).encode("utf-8"))
    except OSError as exc:
        raise write_error(exc, out) from None
    return written


def record_export(out_dir: Path, paths: Iterable[Path]) -> None:
    """Record files written into an export folder after `export_all` (named in its `also`) in the manifest."""
    out = Path(out_dir)
    manifest = read_manifest(out) or Manifest({})
    paths = [Path(p) for p in paths]
    files = {**manifest.files, **{p.name: sha256_file(p) for p in paths}}
    pending = manifest.pending - {p.name for p in paths}
    try:
        write_file(out / MANIFEST_NAME, manifest_text(Manifest(files, pending)).encode("utf-8"))
    except OSError as exc:
        raise write_error(exc, out) from None


def write_error(exc: OSError, folder: Path) -> SahelError:
    """A failed write as a one-line error naming the file meant (not its temporary) and the problem."""
    where = Path(exc.filename) if exc.filename else folder
    return SahelError(temporary_target(where) or where, f"cannot write: {exc.strerror or exc}")
