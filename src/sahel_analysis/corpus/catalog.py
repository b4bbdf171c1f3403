"""Load the seed catalog into frozen `Document` records, checking every file on the way."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from sahel_analysis.errors import SahelError

CATALOG_NAME = "catalog.yaml"
SOURCE_FORMS = ("visual", "logical")
REQUIRED_FIELDS = (
    "id",
    "file",
    "sha256",
    "language",
    "title_ar",
    "title_en",
    "author_ar",
    "author_en",
    "author_role",
    "source_form",
    "origin",
    "terms",
)
OPTIONAL_FIELDS = ("date",)
ROOT_ENV = "SAHEL_ANALYSIS_ROOT"


@dataclass(frozen=True)
class Document:
    """One catalogued document: its provenance and its raw text, exactly as received."""

    id: str
    file: str
    sha256: str
    language: str
    title_ar: str
    title_en: str
    author_ar: str
    author_en: str
    author_role: str
    source_form: str
    origin: str
    terms: str
    raw_text: str
    date: str = ""

    @property
    def n_chars(self) -> int:
        """Characters in the raw text."""
        return len(self.raw_text)

    @property
    def n_raw_words(self) -> int:
        """Whitespace-separated tokens in the raw text (order does not matter for a count)."""
        return len(self.raw_text.split())


def find_project_root(start: Path | None = None) -> Path:
    """Return the project root: `$SAHEL_ANALYSIS_ROOT`, or the nearest folder above with seeds/.

    Notebooks run from `notebooks/`, the CLI from anywhere inside the checkout;
    both find the same root this way.
    """
    if os.environ.get(ROOT_ENV):
        return Path(os.environ[ROOT_ENV]).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "seeds" / CATALOG_NAME).is_file():
            return folder
    raise SahelError(here, f"no seeds/{CATALOG_NAME} here or above; run from the project folder")


def sha256_of(data: bytes) -> str:
    """Hex SHA-256 of bytes."""
    return hashlib.sha256(data).hexdigest()


def sniff_encoding(data: bytes) -> str | None:
    """Guess the encoding of bytes that are not UTF-8, or None if they look binary.

    Only the encodings Arabic text arrives in are considered: UTF-16 (with or
    without BOM) and Windows-1256. The guess is a hint for the error message.

    >>> sniff_encoding("سلام".encode("cp1256"))
    'Windows-1256'
    >>> sniff_encoding("سلام".encode("utf-16"))
    'UTF-16'
    """
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "UTF-16"
    sample = data[:4096]
    half = max(1, len(sample) // 2)
    for high_bytes in (sample[1::2], sample[0::2]):  # little- then big-endian
        # UTF-16 text has NUL (Latin) or 0x06 (Arabic) in every other byte.
        if sum(b in (0, 6) for b in high_bytes) > 0.8 * half:
            return "UTF-16"
    if b"\x00" in sample:
        return None
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        return None
    letters = sum("\u0600" <= ch <= "\u06ff" for ch in text)
    controls = sum(ch < " " and ch not in "\r\n\t\f" for ch in text)
    if controls == 0 and letters >= max(1, len(text) // 10):
        return "Windows-1256"
    return None


def decode_utf8(data: bytes, path: object) -> str:
    """Decode UTF-8 (a BOM is dropped), or raise a one-line error saying what the bytes look like."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        guess = sniff_encoding(data)
        if guess == "Windows-1256":
            hint = (
                "is not UTF-8; it looks like Windows-1256 (Arabic ANSI): convert it with "
                "`iconv -f CP1256 -t UTF-8 FILE > FILE.utf8` and use the converted file"
            )
        elif guess == "UTF-16":
            hint = (
                "is not UTF-8; it looks like UTF-16: convert it with "
                "`iconv -f UTF-16 -t UTF-8 FILE > FILE.utf8` and use the converted file"
            )
        else:
            hint = "is not UTF-8 text (it looks binary); give a UTF-8 text file"
        raise SahelError(path, hint) from None
    if "\x00" in text:
        raise SahelError(path, "contains NUL bytes, so it is not a text file; give UTF-8 text")
    return text.removeprefix("\ufeff")


def _check_entry(entry: object, index: int, catalog: Path) -> Mapping[str, str]:
    """Validate one catalog entry's shape and vocabulary, naming the entry in any error."""
    where = f"entry {index + 1}"
    if not isinstance(entry, Mapping):
        raise SahelError(catalog, f"{where} is not a mapping of fields")
    if "id" in entry:
        where = f"entry {index + 1} (id {entry['id']!r})"
    missing = [f for f in REQUIRED_FIELDS if f not in entry or entry[f] in (None, "")]
    if missing:
        raise SahelError(catalog, f"{where} lacks required field(s): {', '.join(missing)}")
    unknown = sorted(set(entry) - set(REQUIRED_FIELDS) - set(OPTIONAL_FIELDS))
    if unknown:
        raise SahelError(catalog, f"{where} has unknown field(s): {', '.join(unknown)}")
    if entry["source_form"] not in SOURCE_FORMS:
        raise SahelError(catalog, f"{where} has source_form {entry['source_form']!r}; use visual or logical")
    name = str(entry["file"])
    if Path(name).name != name or name.startswith("."):
        raise SahelError(catalog, f"{where} names file {name!r}, which is not a plain file name")
    sha = str(entry["sha256"])
    if len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha):
        raise SahelError(catalog, f"{where} has a sha256 that is not 64 lowercase hex digits")
    return {k: str(v) for k, v in entry.items()}


def read_catalog(seeds_dir: Path) -> list[Mapping[str, str]]:
    """Read and validate `catalog.yaml` in `seeds_dir` (no document files are opened)."""
    catalog = seeds_dir / CATALOG_NAME
    if not catalog.is_file():
        raise SahelError(catalog, "catalog not found")
    try:
        data = yaml.safe_load(catalog.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        at = f" at line {line + 1}" if line is not None else ""
        raise SahelError(catalog, f"is not valid YAML{at}") from None
    if not isinstance(data, Mapping) or not isinstance(data.get("documents"), list):
        raise SahelError(catalog, "must hold a `documents:` list")
    entries = [_check_entry(e, i, catalog) for i, e in enumerate(data["documents"])]
    ids = [e["id"] for e in entries]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise SahelError(catalog, f"duplicate document id(s): {', '.join(dupes)}")
    return entries


def load_document(entry: Mapping[str, str], seeds_dir: Path) -> Document:
    """Read one catalogued file, check its checksum and encoding, and return its record."""
    path = seeds_dir / entry["file"]
    if not path.is_file():
        raise SahelError(path, f"listed in {CATALOG_NAME} (id {entry['id']}) but missing")
    data = path.read_bytes()
    actual = sha256_of(data)
    if actual != entry["sha256"]:
        raise SahelError(
            path,
            f"checksum mismatch: catalog says {entry['sha256'][:12]}…, file is {actual[:12]}…; "
            "seeds are never edited: restore the original file",
        )
    text = decode_utf8(data, path)
    fields = {k: entry[k] for k in (*REQUIRED_FIELDS, *OPTIONAL_FIELDS) if k in entry}
    return Document(raw_text=text, **fields)


def load_corpus(root: Path | str | None = None) -> tuple[Document, ...]:
    """Load every catalogued document, in catalog order.

    Args:
        root: the project root (default: found from the working directory).

    Raises:
        SahelError: a missing file, a checksum mismatch, a file that is not
            UTF-8, or a malformed catalog entry, in one line.
    """
    project = Path(root) if root is not None else find_project_root()
    return _load_corpus_cached(project.resolve())


@cache
def _load_corpus_cached(project: Path) -> tuple[Document, ...]:
    seeds_dir = project / "seeds"
    return tuple(load_document(e, seeds_dir) for e in read_catalog(seeds_dir))


def forget_loaded_corpus() -> None:
    """Drop the in-process copy of the catalog, after a document was added to it."""
    _load_corpus_cached.cache_clear()


def get_document(doc_id: str, root: Path | str | None = None) -> Document:
    """Return the document with id `doc_id`."""
    for doc in load_corpus(root):
        if doc.id == doc_id:
            return doc
    raise SahelError(CATALOG_NAME, f"no document with id {doc_id!r}")


def describe_corpus(docs: Sequence[Document]) -> list[dict[str, object]]:
    """Return one row per document for the corpus-at-a-glance table.

    Counts are computed from the raw text: characters, lines and whitespace
    tokens (word order does not change a count).
    """
    rows = []
    for doc in docs:
        rows.append(
            {
                "id": doc.id,
                "title": doc.title_en,
                "author": doc.author_en,
                "role": doc.author_role.split(" (")[0],
                "source form": doc.source_form,
                "characters": doc.n_chars,
                "lines": doc.raw_text.count("\n") + (not doc.raw_text.endswith("\n")),
                "non-blank lines": sum(1 for line in doc.raw_text.splitlines() if line.strip()),
                "tokens": doc.n_raw_words,
                "sha256": doc.sha256[:12] + "…",
            }
        )
    return rows
