"""Register a new document in `seeds/`: checked, copied without overwriting, and catalogued."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from sahel_analysis.atomic import replace_atomically
from sahel_analysis.corpus.catalog import CATALOG_NAME, decode_utf8, read_catalog, sha256_of, sniff_encoding
from sahel_analysis.errors import SahelError
from sahel_analysis.repair.detect import detect_visual_order

MAX_BYTES = 20 * 1024 * 1024  # larger texts are not articles: ask the user to split them
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$")
UNKNOWN = "not stated"


@dataclass(frozen=True)
class Added:
    """What `add` did: the new id, the file written and the detected source form."""

    doc_id: str
    file: Path
    source_form: str
    notes: tuple[str, ...]


def _next_id(existing: list[str]) -> str:
    numbers = [int(i) for i in existing if i.isdigit()]
    return f"{(max(numbers) + 1) if numbers else 0:03d}"


def _check_bytes(data: bytes, path: Path, convert: bool) -> tuple[str, bytes, list[str]]:
    """Return (text, bytes to store, notes) or raise a one-line error about the file."""
    notes = []
    if not data.strip():
        raise SahelError(path, "is empty: there is no text to add")
    if len(data) > MAX_BYTES:
        raise SahelError(
            path,
            f"is {len(data) / 2**20:.1f} MiB, over the {MAX_BYTES // 2**20} MiB limit: split it into articles",
        )
    try:
        text = decode_utf8(data, path)
    except SahelError as exc:
        guess = sniff_encoding(data)
        if convert and guess in ("Windows-1256", "UTF-16"):
            text = data.decode("cp1256" if guess == "Windows-1256" else "utf-16")
            data = text.encode("utf-8")
            notes.append(f"converted from {guess} to UTF-8 (--convert)")
        elif guess in ("Windows-1256", "UTF-16"):
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
    if letters < 20:
        raise SahelError(path, "holds almost no Arabic text: this project analyses Arabic documents")
    return text, data, notes


def add_document(
    source: Path,
    root: Path,
    title: str,
    author: str = "",
    doc_id: str | None = None,
    convert: bool = False,
) -> Added:
    """Copy `source` into `root/seeds/` and append its catalog entry, or raise a one-line error.

    Nothing already in `seeds/` is touched: the copy never overwrites, and the
    catalog is rewritten atomically with the old entries byte for byte in front.
    """
    source = Path(source)
    seeds = root / "seeds"
    if not source.is_file():
        raise SahelError(source, "no such file")
    if not title.strip():
        raise SahelError(source, "needs a --title")
    text, data, notes = _check_bytes(source.read_bytes(), source, convert)
    entries = read_catalog(seeds)
    sha = sha256_of(data)
    for entry in entries:
        if entry["sha256"] == sha:
            raise SahelError(source, f"is already in the corpus as document {entry['id']} ({entry['file']})")
    new_id = doc_id if doc_id is not None else _next_id([e["id"] for e in entries])
    if not ID_RE.match(new_id):
        raise SahelError(
            source, f"id {new_id!r} is not allowed: use letters, digits, - and _ only (no paths)"
        )
    if any(e["id"] == new_id for e in entries):
        raise SahelError(source, f"id {new_id!r} is already taken")
    target = seeds / f"{new_id}_{sha[:16]}.txt"
    if target.exists():
        raise SahelError(target, "already exists: seeds are never overwritten")
    form = detect_visual_order(text).verdict
    arabic_title = any("\u0600" <= c <= "\u06ff" for c in title)
    entry = {
        "id": new_id,
        "file": target.name,
        "sha256": sha,
        "language": "ar",
        "title_ar": title if arabic_title else UNKNOWN,
        "title_en": UNKNOWN if arabic_title else title,
        "author_ar": author if author and any("\u0600" <= c <= "\u06ff" for c in author) else UNKNOWN,
        "author_en": author if author and not any("\u0600" <= c <= "\u06ff" for c in author) else UNKNOWN,
        "author_role": UNKNOWN,
        "source_form": form,
        "origin": f"added with `sahel-analysis add` from {source.name}",
        "terms": UNKNOWN,
    }
    block = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=1000)
    block = "".join(f"  {line}\n" if line else "\n" for line in block.splitlines())
    catalog = seeds / CATALOG_NAME
    old = catalog.read_text(encoding="utf-8")
    replace_atomically(target, lambda tmp: tmp.write_bytes(data))
    try:
        replace_atomically(
            catalog, lambda tmp: tmp.write_text(old.rstrip("\n") + "\n" + block, encoding="utf-8")
        )
        read_catalog(seeds)  # the new catalog must still read
    except Exception:
        target.unlink(missing_ok=True)
        catalog.write_text(old, encoding="utf-8")
        raise
    return Added(new_id, target, form, tuple(notes))
