"""Load the seed catalog into frozen `Document` records, checking every file on the way."""

from __future__ import annotations

import datetime
import hashlib
import os
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from sahel_analysis.atomic import exclusive_lock
from sahel_analysis.corpus.catalog_index import (
    Stamp,
    append_index,
    index_path,
    read_index,
    stamp_of,
    write_index,
)
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
# `date` is YYYY[-MM[-DD]] when `add --date` wrote it; the seeds' curators may state it in words.
OPTIONAL_FIELDS = ("date", "source", "url")
# SHA-256 of the text with its byte-order mark, line ends and trailing white space normalised
# (`text_key`): how `add` knows a copy of a document already in. Entries written before it lack it.
TEXT_KEY_FIELD = "text_sha256"
ROOT_ENV = "SAHEL_ANALYSIS_ROOT"
NOT_STATED = "not stated"  # what the catalog says of a field nobody gave
LOCK_NAME = ".catalog.lock"
MAX_CATALOG_BYTES = 32 * 1024 * 1024
MAX_YAML_DEPTH = 100  # the catalog nests four levels; libyaml recurses (and can crash) on deep nesting
DATE_RE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
URL_SCHEMES = ("http", "https")
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# The catalog index is believed only if written by the code that checks entries as this code does.
INDEX_VERSION = hashlib.sha256(
    b"".join(Path(__file__).with_name(name).read_bytes() for name in ("catalog.py", "catalog_index.py"))
).hexdigest()[:16]
INDEX_LOCK_WAIT_SECONDS = (
    2.0  # a reader rebuilding the catalog index waits this long for the lock, then skips it
)


@dataclass(frozen=True)
class Document:
    """One catalogued document: its provenance and its raw text, exactly as received.

    `date` (publication date, YYYY[-MM[-DD]] for added documents), `source`
    (publisher or outlet) and `url` are empty when the catalog does not state them.
    """

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
    source: str = ""
    url: str = ""

    @property
    def title(self) -> str:
        """The title to show: the English one where the catalog states it, else the Arabic one."""
        return self.title_en if self.title_en != NOT_STATED else self.title_ar

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


def normalized_text(text: str) -> str:
    r"""`text` as compared for duplicates: no BOM, LF line ends, no white space at a line's or the text's end.

    >>> normalized_text("\ufeffسطر  \r\nثان\r\n\n")
    'سطر\nثان'
    """
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).rstrip()


def text_key(text: str) -> str:
    """The duplicate key of a decoded text: the SHA-256 of its `normalized_text`.

    The seed keeps the bytes the user gave; this key only decides whether two
    documents are the same text.
    """
    return sha256_of(normalized_text(text).encode("utf-8", "surrogatepass"))


def utf16_codec(data: bytes) -> str | None:
    """The UTF-16 codec the bytes look like (BOM, else where the 0x00/0x06 high bytes fall), or None.

    >>> utf16_codec("سلام عليكم".encode("utf-16-be"))
    'utf-16-be'
    >>> utf16_codec(b"\\x7fELF\\x02\\x01\\x01" + bytes(64)) is None
    True
    """
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    sample = data[:4096]
    half = max(1, len(sample) // 2)
    for codec, high_bytes in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        # UTF-16 text has NUL (Latin) or 0x06 (Arabic) in every other byte ...
        if sum(b in (0, 6) for b in high_bytes) > 0.8 * half:
            # ... and decodes to characters, not to the NULs and controls of a binary file.
            text = sample[: len(sample) - len(sample) % 2].decode(codec, "replace")
            if not any(ch < " " and ch not in "\r\n\t\f" for ch in text):
                return codec
    return None


VALID_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def utf8_damage(data: bytes) -> str | None:
    """Say where UTF-8 is broken if the bytes are UTF-8 with a flaw, else None.

    Arabic in Windows-1256 almost never forms valid UTF-8 sequences; bytes that
    mostly do are damaged UTF-8 (cut short, or with a stray byte), not another
    encoding, and must not be "converted" into mojibake.
    """
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        high = sum(1 for b in data[:65536] if b >= 0x80)
        valid = sum(len(seq) for seq in VALID_UTF8_SEQUENCE.findall(data[:65536]))
        if high == 0 or valid < 0.9 * high:
            return None
        line = data[: exc.start].count(b"\n") + 1
        if exc.reason == "unexpected end of data" and exc.end == len(data):
            return f"ends in the middle of a UTF-8 character (byte {exc.start + 1} of {len(data)}): the file was cut short"
        return f"is UTF-8 with a damaged byte 0x{data[exc.start]:02x} at line {line} (byte {exc.start + 1})"
    return None


def sniff_encoding(data: bytes) -> str | None:
    """Guess the encoding of bytes that are not UTF-8, or None if they look binary.

    Only the encodings Arabic text arrives in are considered: UTF-16 (with or
    without BOM) and Windows-1256. The guess is a hint for the error message.

    >>> sniff_encoding("سلام".encode("cp1256"))
    'Windows-1256'
    >>> sniff_encoding("سلام".encode("utf-16"))
    'UTF-16'
    """
    if utf16_codec(data):
        return "UTF-16"
    sample = data[:4096]
    if b"\x00" in sample:
        return None
    text = data.decode("cp1256", "replace")
    letters = sum("\u0600" <= ch <= "\u06ff" for ch in text)
    controls = sum(ch < " " and ch not in "\r\n\t\f" for ch in text)
    if controls == 0 and "\ufffd" not in text and letters >= max(1, len(text) // 10):
        return "Windows-1256"
    return None


def decode_utf8(data: bytes, path: object) -> str:
    """Decode UTF-8 (a BOM is dropped), or raise a one-line error saying what the bytes look like."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        damage = utf8_damage(data)
        guess = sniff_encoding(data) if damage is None else None
        if damage is not None:
            hint = f"{damage}; give an intact UTF-8 copy"
        elif guess == "Windows-1256":
            hint = (
                "is not UTF-8; it looks like Windows-1256 (Arabic ANSI): convert it with "
                "`iconv -f CP1256 -t UTF-8 FILE > FILE.utf8` and use the converted file"
            )
        elif guess == "UTF-16":
            hint = utf16_hint(data)
        else:
            hint = "is not UTF-8 text (it looks binary); give a UTF-8 text file"
        raise SahelError(path, hint) from None
    if "\x00" in text:
        if utf16_codec(data):  # Arabic in UTF-16 without a BOM is all bytes below 0x80: "UTF-8" with NULs
            raise SahelError(path, utf16_hint(data))
        raise SahelError(path, "contains NUL bytes, so it is not a text file; give UTF-8 text")
    return text.removeprefix("\ufeff")


def utf16_hint(data: bytes) -> str:
    """What to say of UTF-16 bytes given where UTF-8 is expected, naming the byte order iconv needs."""
    label = {"utf-16-le": "UTF-16LE", "utf-16-be": "UTF-16BE"}.get(utf16_codec(data) or "", "UTF-16")
    return (
        f"is not UTF-8; it looks like {label}: convert it with "
        f"`iconv -f {label} -t UTF-8 FILE > FILE.utf8` and use the converted file"
    )


def date_problem(value: str) -> str | None:
    """Why `value` is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD, or None if it is one.

    >>> date_problem("2023-05") is None
    True
    >>> date_problem("2023-02-30")
    "'2023-02-30' is not a day of the calendar"
    """
    match = DATE_RE.fullmatch(value)
    if match is None:
        return f"{value!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        datetime.date(year, month, day)
    except ValueError:
        return f"{value!r} is not a day of the calendar" if match[3] else f"{value!r} has no month {month}"
    return None


def url_problem(value: str) -> str | None:
    """Why `value` is not a web address (http or https, with a host), or None if it is one.

    >>> url_problem("https://example.org/a") is None
    True
    >>> url_problem("javascript:alert(1)")
    "'javascript:alert(1)' is not a web address: it must start with http:// or https://"
    """
    parts = urlsplit(value)
    if parts.scheme.lower() not in URL_SCHEMES:
        return f"{value!r} is not a web address: it must start with http:// or https://"
    if not parts.netloc or any(ch.isspace() or ch < " " for ch in value):
        return f"{value!r} is not a web address: it needs a host and no spaces"
    return None


def _yaml_depth_bound(text: str) -> int:
    """An upper bound on the YAML nesting depth, found without parsing.

    Each level costs indentation (a block sequence may share its key's column, hence
    twice the indent), a `-`, `:` or `?` on its line, or a flow bracket.
    """
    deepest = 0
    for line in text.splitlines():
        body = line.lstrip(" ")
        deepest = max(
            deepest, 2 * (len(line) - len(body)) + body.count("-") + body.count(":") + body.count("?")
        )
    return deepest + text.count("[") + text.count("{")


def _yaml_structure_problem(text: str) -> str | None:
    """Reject aliases and deep nesting from the event stream (the C parser keeps its own stack)."""
    depth = 0
    for event in yaml.parse(text, Loader=SAFE_LOADER):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            return f"uses a YAML anchor or alias at line {event.start_mark.line + 1}; write each value out"
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                return f"nests deeper than {MAX_YAML_DEPTH} levels at line {event.start_mark.line + 1}"
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


def _has_alias(node: yaml.Node) -> bool:
    """Whether any node is reached twice: how an alias shows once composed."""
    seen: set[int] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            return True
        seen.add(id(current))
        if isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
        elif isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                stack += (key, value)
    return False


def load_yaml_safely(text: str, path: object) -> object:
    """Parse YAML with the C loader, refusing aliases and deep nesting, in one line on error.

    An alias bomb (a few lines expanding to millions of values) or a thousand
    nested brackets cost nothing to write and minutes or a crash to load; the
    catalog never needs either. Ordinary files are parsed once.
    """
    try:
        if _yaml_depth_bound(text) > MAX_YAML_DEPTH:
            problem = _yaml_structure_problem(text)
            if problem:
                raise SahelError(path, problem)
        loader = SAFE_LOADER(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None
            if "&" in text and _has_alias(node):
                raise SahelError(path, "uses a YAML anchor or alias; write each value out")
            return loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        at = f" at line {line + 1}" if line is not None else ""
        raise SahelError(path, f"is not valid YAML{at}") from None


def read_text_file(path: Path, limit: int, what: str) -> str:
    """Read a UTF-8 text file of at most `limit` bytes, or raise a one-line error."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise SahelError(
                path, f"is {size / 2**20:.1f} MiB, over the {limit // 2**20} MiB limit for {what}"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise SahelError(path, f"cannot be read: {exc.strerror}") from None
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SahelError(path, f"is not UTF-8: byte 0x{data[exc.start]:02x} at line {line}") from None


def _check_entry(entry: object, index: int, catalog: Path) -> Mapping[str, str]:
    """Validate one catalog entry's shape and vocabulary, naming the entry in any error."""
    where = f"entry {index + 1}"
    if not isinstance(entry, Mapping):
        raise SahelError(catalog, f"{where} is not a mapping of fields")
    if "id" in entry and isinstance(entry["id"], str | int):
        where = f"entry {index + 1} (id {entry['id']!r})"
    missing = [f for f in REQUIRED_FIELDS if f not in entry or entry[f] in (None, "")]
    if missing:
        raise SahelError(catalog, f"{where} lacks required field(s): {', '.join(missing)}")
    unknown = sorted(str(f) for f in set(entry) - {*REQUIRED_FIELDS, *OPTIONAL_FIELDS, TEXT_KEY_FIELD})
    if unknown:
        raise SahelError(catalog, f"{where} has unknown field(s): {', '.join(unknown)}")
    nested = [str(f) for f, v in entry.items() if isinstance(v, Mapping | list)]
    if nested:
        raise SahelError(catalog, f"{where} has field(s) that are not single values: {', '.join(nested)}")
    if entry["source_form"] not in SOURCE_FORMS:
        raise SahelError(catalog, f"{where} has source_form {entry['source_form']!r}; use visual or logical")
    name = str(entry["file"])
    if Path(name).name != name or name.startswith("."):
        raise SahelError(catalog, f"{where} names file {name!r}, which is not a plain file name")
    for field in ("sha256", TEXT_KEY_FIELD):
        sha = str(entry.get(field, "0" * 64))
        if len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha):
            raise SahelError(catalog, f"{where} has a {field} that is not 64 lowercase hex digits")
    if entry.get("url") and (problem := url_problem(str(entry["url"]))):
        raise SahelError(catalog, f"{where} has url {problem}")
    return {k: "" if v is None else str(v) for k, v in entry.items()}


@dataclass(frozen=True)
class Catalog:
    """The catalog as read once: its text (appended to by `add`) and its checked entries.

    `stamp` identifies the text; `indexed` says the catalog index speaks for it,
    so `add` may append the new entry's line to the index rather than rewrite it.
    """

    path: Path
    text: str
    entries: tuple[Mapping[str, str], ...]
    stamp: Stamp | None = None
    indexed: bool = False


# The catalogs this process wrote itself, by path, with the file's identity just after the write:
# while the file is still that one, a batch of adds reads it back without reading it at all.
_WRITTEN: dict[Path, tuple[tuple[int, ...], Catalog]] = {}


def _file_identity(path: Path) -> tuple[int, ...] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def parse_catalog_entries(text: str, catalog: Path) -> tuple[Mapping[str, str], ...]:
    """Parse a catalog text and check every entry and that no id is used twice."""
    data = load_yaml_safely(text, catalog)
    if not isinstance(data, Mapping) or not isinstance(data.get("documents"), list):
        raise SahelError(catalog, "must hold a `documents:` list")
    entries = tuple(_check_entry(e, i, catalog) for i, e in enumerate(data["documents"]))
    counts = Counter(e["id"] for e in entries)
    dupes = sorted(i for i, n in counts.items() if n > 1)
    if dupes:
        raise SahelError(catalog, f"duplicate document id(s): {', '.join(dupes)}")
    return entries


def _index_rebuilt(seeds_dir: Path, text: str, entries: tuple[Mapping[str, str], ...], stamp: Stamp) -> bool:
    """Rewrite the catalog index under the catalog lock if the catalog is still `text`; False if it could not."""
    try:
        with exclusive_lock(seeds_dir / LOCK_NAME, wait_seconds=INDEX_LOCK_WAIT_SECONDS):
            if stamp_of(read_text_file(seeds_dir / CATALOG_NAME, MAX_CATALOG_BYTES, "a catalog")) != stamp:
                return False
            write_index(index_path(seeds_dir), INDEX_VERSION, entries, stamp)
    except (OSError, SahelError):
        return False  # a read-only checkout, or a lock held long: the index is only a cache
    return True


def read_catalog_file(seeds_dir: Path, *, locked: bool = False) -> Catalog:
    """Read and validate `catalog.yaml` in `seeds_dir`; no document file is opened.

    The YAML is parsed only when the catalog index does not speak for this exact
    text; the index is then rewritten (under the catalog lock, or as its holder
    when `locked`). A catalog this process wrote itself and nobody changed since
    is returned as it was written.
    """
    catalog = seeds_dir / CATALOG_NAME
    if not catalog.is_file():
        raise SahelError(catalog, "catalog not found")
    known = _WRITTEN.get(catalog)
    if known is not None and known[0] == _file_identity(catalog):
        return known[1]
    text = read_text_file(catalog, MAX_CATALOG_BYTES, "a catalog")
    stamp = stamp_of(text)
    entries = read_index(index_path(seeds_dir), INDEX_VERSION, stamp)
    if entries is not None:
        return Catalog(catalog, text, entries, stamp, indexed=True)
    entries = parse_catalog_entries(text, catalog)
    if locked:
        try:
            write_index(index_path(seeds_dir), INDEX_VERSION, entries, stamp)
            indexed = True
        except OSError:
            indexed = False
    else:
        indexed = _index_rebuilt(seeds_dir, text, entries, stamp)
    return Catalog(catalog, text, entries, stamp, indexed)


def record_appended(catalog: Catalog, entry: Mapping[str, str], text: str) -> Catalog:
    """The catalog once `add` has renamed `text` (the old text with `entry` appended) into place.

    Call under the catalog lock. The entry is appended to the index if the index
    spoke for the old text; the new catalog is kept for this process's next read.
    """
    stamp = stamp_of(text)
    indexed = bool(catalog.indexed) and append_index(
        index_path(catalog.path.parent), len(catalog.entries), entry, stamp
    )
    new = Catalog(catalog.path, text, (*catalog.entries, dict(entry)), stamp, indexed)
    identity = _file_identity(catalog.path)
    if identity is not None:
        _WRITTEN[catalog.path] = (identity, new)
    return new


def read_catalog(seeds_dir: Path) -> list[Mapping[str, str]]:
    """Read and validate `catalog.yaml` in `seeds_dir` (no document files are opened)."""
    return list(read_catalog_file(seeds_dir).entries)


def catalog_lock(seeds_dir: Path) -> AbstractContextManager[None]:
    """The exclusive lock every change to the catalog holds, from reading it to writing it back."""
    return exclusive_lock(seeds_dir / LOCK_NAME)


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
                "title": doc.title,
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
