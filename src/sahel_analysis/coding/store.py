"""The codings of a project, one YAML file per document in `<project>/coding/`, read and checked against the schema.

A coding is data of the project, like `seeds/`: the seeds' curated codings and
the drafts written for added documents live side by side in one schema, so a
researcher codes a document by editing its file, never the package. Every file
is checked when it is read; a problem is one line naming the file, the item and
the field.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator

from sahel_analysis.coding.schema import coding_schema
from sahel_analysis.corpus.catalog import find_project_root, load_yaml_safely
from sahel_analysis.errors import SahelError

CODING_DIR = "coding"
# The user gazetteer: actors a researcher adds beside the package's, kept with the codings.
USER_GAZETTEER = "gazetteer.yaml"
# The kinds of item a coding file holds, in file order.
KINDS = ("events", "positions", "aims", "claims", "relations", "lists", "notes", "list_findings")
# Item fields that name an item in an error message, most specific first.
ID_FIELDS = ("id", "list_id")


@dataclass(frozen=True)
class DocumentCoding:
    """One document's coding as read from its file: items keep their fields, with `doc_id` added to each."""

    doc_id: str
    path: Path
    events: tuple[Mapping, ...] = ()
    positions: tuple[Mapping, ...] = ()
    aims: tuple[Mapping, ...] = ()
    claims: tuple[Mapping, ...] = ()
    relations: tuple[Mapping, ...] = ()
    lists: tuple[Mapping, ...] = ()
    notes: tuple[Mapping, ...] = ()
    list_findings: tuple[Mapping, ...] = ()

    def items(self, kind: str, *, include_automatic: bool = False) -> tuple[dict, ...]:
        """Copies of the items of one kind, reviewed ones only unless `include_automatic`."""
        return tuple(
            dict(i)
            for i in getattr(self, kind)
            if include_automatic or i.get("status", "reviewed") == "reviewed"
        )


# ----------------------------------------------------------------------------- where


def coding_dir(root: Path | str | None = None) -> Path:
    """`<project>/coding`: the folder of codings (the project found from the working directory by default)."""
    return (Path(root) if root is not None else find_project_root()) / CODING_DIR


def coding_path(doc_id: str, root: Path | str | None = None) -> Path:
    """The coding file of one document."""
    return coding_dir(root) / f"{doc_id}.yaml"


# ----------------------------------------------------------------------------- checking


def item_label(data: object, path: Sequence[object]) -> str:
    """What an error names as the item at `path` in a coding: its id, list id and item number, or its place.

    >>> item_label({"lists": [{"list_id": "l1", "items": [{"item_no": 2}]}]}, ["lists", 0, "items", 0, "gloss_en"])
    'l1 item 2'
    >>> item_label({"events": [{"date_start": "2020"}]}, ["events", 0, "precision"])
    'events[0]'
    """
    label, node = "", data
    for k, step in enumerate(path):
        if isinstance(node, Mapping) and step in node:
            node = node[step]
        elif isinstance(node, list) and isinstance(step, int) and step < len(node):
            node = node[step]
            if not isinstance(node, Mapping):
                continue
            named = next((str(node[f]) for f in ID_FIELDS if f in node), "")
            if named:
                label = named
            elif "item_no" in node and label:
                label = f"{label} item {node['item_no']}"
            else:
                label = f"{label} {path[k - 1]}[{step}]".strip()
        else:
            break
    return label or "file"


def error_field(error) -> str:
    """The field a schema error is about: the one missing or unexpected, or the one whose value is wrong."""
    if error.validator == "required":
        missing = [f for f in error.validator_value if f not in error.instance]
        return missing[0] if missing else "?"
    if error.validator == "additionalProperties":
        allowed = set(error.schema.get("properties", {}))
        extra = sorted(set(error.instance) - allowed)
        return extra[0] if extra else "?"
    named = [str(p) for p in error.absolute_path if isinstance(p, str)]
    return named[-1] if named else "?"


def error_problem(error) -> str:
    """The problem of a schema error in a few words (the value and what the field takes)."""
    if error.validator == "required":
        return "is required"
    if error.validator == "additionalProperties":
        return "is not a field of this item"
    if error.validator == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value if v != "")
        return f"{error.instance!r} is not one of {allowed}" + (
            " (or empty)" if "" in error.validator_value else ""
        )
    if error.validator == "const":
        return f"{error.instance!r} must be {error.validator_value!r}"
    if error.validator == "pattern":
        return f"{error.instance!r} is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)"
    return error.message


def check_coding(data: object, path: Path) -> None:
    """Check a parsed coding file against the schema and its file name; raise one line for the first problem."""
    if not isinstance(data, Mapping):
        raise SahelError(path, "a coding file holds a mapping (schema_version, doc_id, events, …)")
    errors = sorted(
        Draft202012Validator(coding_schema()).iter_errors(data),
        key=lambda e: (list(map(str, e.absolute_path)), e.validator != "required"),
    )
    if errors:
        error = errors[0]
        label = item_label(data, list(error.absolute_path))
        field = error_field(error)
        raise SahelError(path, f"{label}: field {field}: {error_problem(error)}")
    if str(data["doc_id"]) != path.stem:
        raise SahelError(
            path, f"file: field doc_id: {data['doc_id']!r} differs from the file name {path.stem!r}"
        )
    for kind in ("events", "positions", "aims", "claims", "relations", "notes", "lists"):
        key = "list_id" if kind == "lists" else "id"
        ids = [i[key] for i in data.get(kind) or ()]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            raise SahelError(path, f"{repeated[0]}: field {key}: the id is used twice in {kind}")


def parse_coding(data: Mapping, path: Path) -> DocumentCoding:
    """A checked coding file as a record, each item given its document's id."""
    check_coding(data, path)
    doc_id = str(data["doc_id"])
    kinds = {k: tuple({**i, "doc_id": doc_id} for i in data.get(k) or ()) for k in KINDS}
    return DocumentCoding(doc_id, path, **kinds)


def read_coding(path: Path) -> DocumentCoding:
    """Read and check one coding file."""
    path = Path(path)
    stat = path.stat()
    return _read_cached(path.resolve(), stat.st_mtime_ns, stat.st_size)


@cache
def _read_cached(path: Path, mtime_ns: int, size: int) -> DocumentCoding:
    """One file parsed once per version on disk, so every reader in a process shares it until it changes."""
    # bounded like the catalog: no anchors or aliases, no deep nesting (an alias bomb costs minutes to load)
    return parse_coding(load_yaml_safely(path.read_text(encoding="utf-8"), path), path)


# ----------------------------------------------------------------------------- reading


def coding_files(root: Path | str | None = None) -> tuple[Path, ...]:
    """The coding files of a project, by name (the user gazetteer is not a coding)."""
    folder = coding_dir(root)
    if not folder.is_dir():
        return ()
    return tuple(p for p in sorted(folder.glob("*.yaml")) if p.name != USER_GAZETTEER)


def load_codings(root: Path | str | None = None) -> tuple[DocumentCoding, ...]:
    """Every document's coding in the project, checked, in file-name order."""
    return tuple(read_coding(p) for p in coding_files(root))


def coding_of(doc_id: str, root: Path | str | None = None) -> DocumentCoding | None:
    """One document's coding, or None when it has none."""
    path = coding_path(doc_id, root)
    return read_coding(path) if path.is_file() else None


def coded_items(kind: str, root: Path | str | None = None, *, include_automatic: bool = False) -> list[dict]:
    """Every item of one kind across the project's codings (reviewed ones unless `include_automatic`)."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind of coded item {kind!r}; one of {', '.join(KINDS)}")
    return [i for c in load_codings(root) for i in c.items(kind, include_automatic=include_automatic)]
