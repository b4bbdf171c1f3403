"""Register new documents in `seeds/`: checked, converted only when clean, copied and catalogued under a lock.

`add_document` adds one file, all or nothing; `plan_folder` lists what a folder
holds to add (its `*.txt` files, titled by `metadata.csv` or their first line).
Every refusal is one line naming the file and the problem.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from sahel_analysis.atomic import commit_temporary, remove_stale_temporaries, write_temporary
from sahel_analysis.corpus.catalog import (
    NOT_STATED,
    TEXT_KEY_FIELD,
    Catalog,
    Document,
    catalog_lock,
    date_problem,
    decode_utf8,
    forget_loaded_corpus,
    load_document,
    load_yaml_safely,
    read_catalog_file,
    read_text_file,
    record_appended,
    sha256_of,
    sniff_encoding,
    text_key,
    url_problem,
    utf8_damage,
    utf16_codec,
)
from sahel_analysis.corpus.catalog_index import Stamp
from sahel_analysis.errors import SahelError
from sahel_analysis.repair.detect import detect_visual_order

# Measured (benchmarks/bench_hostile.py, issue 16): with one 4 MiB document `build` takes about
# 7 minutes, and grows with the text; a larger text is no article: ask the user to split it.
MAX_BYTES = 4 * 1024 * 1024
MAX_ID_CHARS = 32
MAX_FIELD_CHARS = 2000
MAX_TITLE_CHARS = 300  # a title taken from a first line is cut here
MIN_ARABIC_LETTERS = 20
UNKNOWN = NOT_STATED
METADATA_NAME = "metadata.csv"
METADATA_COLUMNS = ("file", "title", "author", "date", "source", "url")
# How `add` names a seed: an interrupted add can leave only a file of this form behind.
SEED_NAME_RE = re.compile(r"(?P<id>[A-Za-z0-9][A-Za-z0-9_-]*)_(?P<sha>[0-9a-f]{16})\.txt")
# The list-item indent of the catalog text this process wrote last, by its stamp (see `append_layout`).
_APPENDED_INDENT: dict[Stamp, str] = {}
DOCUMENTS_KEY_RE = re.compile(r"^documents:[ \t]*(?P<empty>\[[ \t]*\][ \t]*)?(?:#.*)?$", re.MULTILINE)


@dataclass(frozen=True)
class Metadata:
    """What the user says about a document; a `title` of None means "its first line"."""

    title: str | None
    author: str = ""
    date: str = ""
    source: str = ""
    url: str = ""


@dataclass(frozen=True)
class Added:
    """What `add` did: the new id, the file written, the detected source form, and the document as now catalogued.

    `document` is what `load_corpus` will return for it, so its draft coding is
    made without loading the whole corpus again.
    """

    doc_id: str
    file: Path
    source_form: str
    notes: tuple[str, ...]
    document: Document


@dataclass(frozen=True)
class Planned:
    """One file of a folder to add, with its metadata, or the one-line reason it cannot be added."""

    file: Path
    metadata: Metadata
    problem: str = ""


def id_problem(doc_id: str) -> str | None:
    """Why `doc_id` cannot name a document, or None: ids become file names, so they are plain and short.

    >>> id_problem("x" * 33)
    "id 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' is 33 characters long, over the limit of 32"
    >>> id_problem("mali-2024_03") is None
    True
    """
    shown = repr(doc_id if len(doc_id) <= 40 else doc_id[:40] + "…")
    if not doc_id:
        return "the id is empty"
    if "/" in doc_id or "\\" in doc_id or doc_id in (".", ".."):
        return f"id {shown} is a path: give a plain name of letters, digits, - and _"
    if any(ch.isspace() for ch in doc_id):
        return f"id {shown} contains white space (a space, tab or line break)"
    if len(doc_id) > MAX_ID_CHARS:
        return f"id {shown} is {len(doc_id)} characters long, over the limit of {MAX_ID_CHARS}"
    bad = "".join(sorted({ch for ch in doc_id if not (ch.isascii() and (ch.isalnum() or ch in "-_"))}))
    if bad:
        return f"id {shown} holds {bad!r}: ids take only letters A-Z and a-z, digits 0-9, - and _"
    if doc_id[0] in "-_":
        return f"id {shown} begins with {doc_id[0]!r}: begin it with a letter or a digit"
    return None


def clean_field(value: str, name: str, path: object) -> str:
    """A metadata value on one line (white space collapsed), or a one-line error naming the field."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise SahelError(path, f"the {name} holds bytes that are not UTF-8 text") from None
    value = " ".join(value.split())
    if any(ch < " " or ch == "\x7f" for ch in value):
        raise SahelError(path, f"the {name} holds control characters")
    if len(value) > MAX_FIELD_CHARS:
        raise SahelError(
            path, f"the {name} is {len(value)} characters long, over the limit of {MAX_FIELD_CHARS}"
        )
    return value


def first_line_title(text: str) -> str:
    """A title from a text's first non-blank line, cut at a word near `MAX_TITLE_CHARS` characters.

    >>> first_line_title("\\n  عنوان   المقال \\nنص")
    'عنوان المقال'
    """
    for line in text.splitlines():
        words = "".join(ch for ch in line if ch >= " " or ch == "\t").split()
        if words:
            title = " ".join(words)
            if len(title) > MAX_TITLE_CHARS:
                title = title[:MAX_TITLE_CHARS].rsplit(" ", 1)[0] + " …"
            return title
    return ""


def _has_controls(text: str) -> bool:
    return any(ch < " " and ch not in "\r\n\t\f" for ch in text)


def convert_to_utf8(data: bytes, path: object) -> tuple[str, str]:
    """Decode UTF-16 or Windows-1256 strictly, returning (text, encoding), or a one-line refusal.

    Damaged UTF-8 is never read as Windows-1256 (that is how mojibake is made),
    and UTF-16 that is cut short or holds a lone surrogate is refused, not patched.
    """
    codec = utf16_codec(data)
    if codec is not None:
        label = {"utf-16": "UTF-16", "utf-16-le": "UTF-16LE", "utf-16-be": "UTF-16BE"}[codec]
        if len(data) % 2:
            raise SahelError(
                path, f"looks like {label} but has an odd number of bytes ({len(data)}): it was cut short"
            )
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            raise SahelError(
                path, f"looks like {label} but has a lone surrogate at byte {exc.start + 1}: it is damaged"
            ) from None
        if _has_controls(text) or "\x00" in text:
            raise SahelError(path, f"decodes as {label} to control characters: it is not text")
        return text.removeprefix("\ufeff"), label
    damage = utf8_damage(data)
    if damage is not None:
        raise SahelError(path, f"{damage}; it was not converted: give an intact UTF-8 copy")
    if sniff_encoding(data) == "Windows-1256":
        return data.decode("cp1256"), "Windows-1256"
    raise SahelError(
        path, "could not be converted: it is not text in UTF-8, UTF-16 or Windows-1256 (the encodings tried)"
    )


def _check_bytes(data: bytes, path: Path, convert: bool) -> tuple[str, bytes, list[str]]:
    """Return (text, bytes to store, notes) or raise a one-line error about the file."""
    notes = []
    if not data.strip():
        raise SahelError(path, "is empty: there is no text to add")
    try:
        text = decode_utf8(data, path)
    except SahelError as exc:
        convertible = utf8_damage(data) is None and sniff_encoding(data) in ("Windows-1256", "UTF-16")
        if convert:
            text, label = convert_to_utf8(data, path)
            data = text.encode("utf-8")
            notes.append(f"converted from {label} to UTF-8 (--convert)")
        elif convertible:
            raise SahelError(
                path, f"{exc.problem}; or rerun with --convert to convert it on the way in"
            ) from None
        else:
            raise
    if data.startswith(b"\xef\xbb\xbf"):
        notes.append("has a UTF-8 byte-order mark: kept in the seed, ignored when reading")
    if b"\r\n" in data:
        notes.append("has CRLF line ends: kept in the seed, read as ordinary lines")
    letters = sum("\u0600" <= c <= "\u06ff" for c in text)
    if letters < MIN_ARABIC_LETTERS:
        raise SahelError(path, "holds almost no Arabic text: this project analyses Arabic documents")
    return text, data, notes


def _read_source(path: Path) -> bytes:
    """The bytes of a regular file under the size limit, or a one-line error saying what it is instead."""
    try:
        if path.is_dir():
            raise SahelError(path, "is a folder: give a file, or the folder alone to add every *.txt in it")
        if not path.exists():
            raise SahelError(path, "no such file")
        if not path.is_file():
            raise SahelError(path, "is not a regular file (a pipe, socket or device): give a text file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SahelError(
                path,
                f"is {size / 2**20:.1f} MiB, over the {MAX_BYTES // 2**20} MiB limit (a 4 MiB document keeps "
                "`build` busy for about 7 minutes): split it into articles",
            )
        return path.read_bytes()
    except OSError as exc:
        raise SahelError(path, f"cannot be read: {exc.strerror}") from None


def _next_id(existing: list[str]) -> str:
    numbers = [int(i) for i in existing if i.isdigit()]
    return f"{(max(numbers) + 1) if numbers else 0:03d}"


def catalogued_text_key(entry: Mapping[str, str], seeds: Path) -> str | None:
    """An entry's duplicate key: as catalogued, else computed from its seed (older entries lack it).

    None when the seed cannot be read as text: `load_corpus` reports that file.
    """
    if entry.get(TEXT_KEY_FIELD):
        return entry[TEXT_KEY_FIELD]
    try:
        return text_key(decode_utf8((seeds / entry["file"]).read_bytes(), entry["file"]))
    except (OSError, SahelError):
        return None


def duplicate_problem(catalog: Catalog, sha: str, key: str) -> str | None:
    """Why a text of checksum `sha` and duplicate key `key` is already in the catalog, or None."""
    seeds = catalog.path.parent
    for entry in catalog.entries:
        if entry["sha256"] == sha:
            return f"is already in the corpus as document {entry['id']} (seeds/{entry['file']})"
    for entry in catalog.entries:
        if catalogued_text_key(entry, seeds) == key:
            return (
                f"duplicates document {entry['id']} (seeds/{entry['file']}): the same text once a "
                "byte-order mark, line ends and trailing white space are set aside"
            )
    return None


def _catalog_entry(
    doc_id: str, file: str, sha: str, key: str, form: str, meta: Metadata, origin: str
) -> dict[str, str]:
    def arabic(value: str) -> bool:
        return any("\u0600" <= c <= "\u06ff" for c in value)

    title, author = meta.title or "", meta.author
    entry = {
        "id": doc_id,
        "file": file,
        "sha256": sha,
        TEXT_KEY_FIELD: key,
        "language": "ar",
        "title_ar": title if arabic(title) else UNKNOWN,
        "title_en": UNKNOWN if arabic(title) else title,
        "author_ar": author if author and arabic(author) else UNKNOWN,
        "author_en": author if author and not arabic(author) else UNKNOWN,
        "author_role": UNKNOWN,
        "source_form": form,
        "origin": origin,
        "terms": UNKNOWN,
    }
    entry.update({k: v for k, v in (("date", meta.date), ("source", meta.source), ("url", meta.url)) if v})
    return entry


def append_layout(catalog: Catalog) -> tuple[str, str]:
    """The catalog text to append to and the indent of its list items, or a one-line error.

    The check scans the whole text, so its answer is kept for the text this
    process appended last: a batch of adds scans the catalog once.
    """
    text = catalog.text
    known = _APPENDED_INDENT.get(catalog.stamp) if catalog.stamp is not None else None
    if known is not None:
        return text, known
    keys = list(DOCUMENTS_KEY_RE.finditer(text))
    if len(keys) != 1 or re.search(r"^[^\s#-]", text[keys[0].end() :], re.MULTILINE):
        raise SahelError(catalog.path, "`documents:` must be the catalog's last key for add to append to it")
    key = keys[0]
    head = text[: key.start()] + "documents:" + text[key.end() :] if key["empty"] else text
    item = re.search(r"^( *)- ", text[key.end() :], re.MULTILINE)
    return head, " " * (len(item.group(1)) if item else 2)


def appended_catalog(
    catalog: Catalog, entry: Mapping[str, str], layout: tuple[str, str] | None = None
) -> str:
    """The catalog's text with `entry` appended to its `documents:` list, earlier bytes kept as they are.

    The new block is parsed on its own and must read back as `entry`; the old
    text was parsed once already, so the whole catalog is not parsed again.
    """
    head, indent = layout or append_layout(catalog)
    block = yaml.safe_dump([dict(entry)], allow_unicode=True, sort_keys=False, width=1000)
    if load_yaml_safely("documents:\n" + block, catalog.path) != {"documents": [dict(entry)]}:
        raise SahelError(catalog.path, f"the entry for {entry['id']} does not read back as written")
    block = "".join(f"{indent}{line}\n" if line else "\n" for line in block.splitlines())
    return head.rstrip("\n") + "\n" + block


def remove_interrupted_adds(catalog: Catalog) -> list[str]:
    """Delete what a killed `add` left in `seeds/`: temporaries, and a seed its catalog never listed.

    Call only under the catalog lock. Such a seed is recognised by its name,
    `ID_SHA.txt` with an id the catalog lacks and the first 16 hex digits of the
    file's own SHA-256; it is a copy, so its original is still where it was.
    """
    seeds = catalog.path.parent
    notes = [
        f"removed {p.name}, a temporary file left by an interrupted run"
        for p in remove_stale_temporaries(seeds, any_owner=True)
    ]
    listed = {e["file"] for e in catalog.entries}
    for entry in os.scandir(seeds):
        if entry.name in listed:
            continue
        match = SEED_NAME_RE.fullmatch(entry.name)
        if not match or not entry.is_file(follow_symlinks=False):
            continue
        if sha256_of(Path(entry.path).read_bytes()).startswith(match["sha"]):
            os.unlink(entry.path)
            notes.append(f"removed {entry.name}, a seed an interrupted add copied but never catalogued")
    return notes


def add_document(
    file: Path,
    root: Path,
    title: str | None,
    author: str = "",
    doc_id: str | None = None,
    convert: bool = False,
    *,
    date: str = "",
    source: str = "",
    url: str = "",
) -> Added:
    """Copy `file` into `root/seeds/` and append its catalog entry, all or nothing, or raise a one-line error.

    A `title` of None takes the file's first line. The id is chosen, and the
    catalog read (once), under an exclusive lock, so two adds at once never
    share an id or lose an entry. The seed and the catalog are written to
    temporaries and renamed into place; nothing already in `seeds/` changes.
    """
    file = Path(file)
    seeds = Path(root) / "seeds"
    author, source = clean_field(author, "author", file), clean_field(source, "source", file)
    url, date = clean_field(url, "url", file), clean_field(date, "date", file)
    if date and (problem := date_problem(date)):
        raise SahelError(file, f"--date {problem}")
    if url and (problem := url_problem(url)):
        raise SahelError(file, f"--url {problem}")
    if doc_id is not None and (problem := id_problem(doc_id)):
        raise SahelError(file, problem)
    if title is not None and not clean_field(title, "title", file):
        raise SahelError(file, "needs a --title")
    text, data, notes = _check_bytes(_read_source(file), file, convert)
    form = detect_visual_order(text).verdict
    if title is None:
        title = first_line_title(text)
        notes.append(f"title taken from the first line: {title}")
        if form == "visual":
            notes.append("the text is in visual order, so that line may read backwards: give a title")
    meta = Metadata(clean_field(title, "title", file), author, date, source, url)
    sha, key = sha256_of(data), text_key(text)
    shown_name = os.fsencode(file.name).decode("utf-8", "replace")
    try:
        with catalog_lock(seeds):
            catalog = read_catalog_file(seeds, locked=True)
            notes += remove_interrupted_adds(catalog)
            return _add_locked(catalog, data, (sha, key), form, meta, doc_id, shown_name, file, notes)
    except OSError as exc:
        raise SahelError(exc.filename or seeds, f"cannot write: {exc.strerror}") from None


def _add_locked(
    catalog: Catalog,
    data: bytes,
    checksums: tuple[str, str],
    form: str,
    meta: Metadata,
    doc_id: str | None,
    shown_name: str,
    file: Path,
    notes: list[str],
) -> Added:
    """The part of `add_document` that runs under the catalog lock, on the catalog as just read."""
    sha, key = checksums
    if problem := duplicate_problem(catalog, sha, key):
        raise SahelError(file, problem)
    new_id = doc_id if doc_id is not None else _next_id([e["id"] for e in catalog.entries])
    for entry in catalog.entries:
        if entry["id"].lower() == new_id.lower():
            same = (
                "is already taken"
                if entry["id"] == new_id
                else f"differs only in case from id {entry['id']!r}"
            )
            raise SahelError(file, f"id {new_id!r} {same}: choose another --id")
    seeds = catalog.path.parent
    target = seeds / f"{new_id}_{sha[:16]}.txt"
    if target.exists():
        raise SahelError(target, "already exists: seeds are never overwritten")
    entry = _catalog_entry(
        new_id, target.name, sha, key, form, meta, f"added with `sahel-analysis add` from {shown_name}"
    )
    layout = append_layout(catalog)
    new_catalog = appended_catalog(catalog, entry, layout)
    seed_tmp = write_temporary(target, lambda tmp: tmp.write_bytes(data), durable=True)
    try:
        catalog_tmp = write_temporary(
            catalog.path, lambda tmp: tmp.write_text(new_catalog, encoding="utf-8"), durable=True
        )
    except BaseException:
        seed_tmp.unlink(missing_ok=True)
        raise
    try:
        commit_temporary(seed_tmp, target, durable=True)
        commit_temporary(catalog_tmp, catalog.path, durable=True)
    except BaseException:  # the catalog still reads as before: take the seed back
        catalog_tmp.unlink(missing_ok=True)
        if catalog.path.read_text(encoding="utf-8") == catalog.text:
            target.unlink(missing_ok=True)
        raise
    appended = record_appended(catalog, entry, new_catalog)
    _APPENDED_INDENT.clear()  # only the text just written is appended to next
    _APPENDED_INDENT[appended.stamp] = layout[1]
    forget_loaded_corpus()  # this process's copy of the corpus lacks the new document
    return Added(new_id, target, form, tuple(notes), load_document(entry, seeds))


def _metadata_rows(folder: Path, defaults: Metadata) -> dict[str, Metadata]:
    """The rows of `folder/metadata.csv` by file name (empty cells take the defaults), or {}."""
    path = folder / METADATA_NAME
    if not path.exists():
        return {}
    text = read_text_file(path, 16 * 2**20, METADATA_NAME)
    reader = csv.DictReader(text.splitlines())
    columns = reader.fieldnames or []
    if "file" not in columns:
        raise SahelError(
            path, f"needs a header row with a `file` column (columns: {', '.join(METADATA_COLUMNS)})"
        )
    unknown = [c for c in columns if c not in METADATA_COLUMNS]
    if unknown:
        raise SahelError(
            path, f"has unknown column(s) {', '.join(map(repr, unknown))}; use {', '.join(METADATA_COLUMNS)}"
        )
    rows: dict[str, Metadata] = {}
    for number, row in enumerate(reader, start=2):
        if None in row:
            raise SahelError(path, f"line {number} has more cells than the header has columns")
        name = (row.get("file") or "").strip()
        if not name or Path(name).name != name:
            raise SahelError(path, f"line {number}: `file` must name a file in {folder.name}/ (no path)")
        if name in rows:
            raise SahelError(path, f"line {number}: {name} is listed twice")
        cell = {k: (row.get(k) or "").strip() for k in METADATA_COLUMNS}
        rows[name] = Metadata(
            cell["title"] or None,
            cell["author"] or defaults.author,
            cell["date"] or defaults.date,
            cell["source"] or defaults.source,
            cell["url"] or defaults.url,
        )
    return rows


def plan_folder(folder: Path, defaults: Metadata = Metadata(None)) -> tuple[Planned, ...]:
    """What `add DIR` adds: the files `metadata.csv` lists, in its order, then the other `*.txt` by name.

    A file without a title in `metadata.csv` is titled by its first line;
    `defaults` fill the author, date, source and url that a row leaves empty.
    A malformed `metadata.csv` is one error for the whole folder, before anything is added.
    """
    folder = Path(folder)
    rows = _metadata_rows(folder, defaults)
    plain = Metadata(None, defaults.author, defaults.date, defaults.source, defaults.url)
    texts = sorted(
        p.name
        for p in folder.iterdir()
        if p.suffix.lower() == ".txt" and not p.name.startswith(".") and p.name not in rows
    )
    plan = []
    for name in [*rows, *texts]:
        path = folder / name
        missing = "" if path.exists() else f"is listed in {METADATA_NAME} but is not in the folder"
        plan.append(Planned(path, rows.get(name, plain), missing))
    return tuple(plan)
