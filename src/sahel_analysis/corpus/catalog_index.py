"""A cache of the catalog's checked entries, so reading or adding to a large catalog skips the YAML parse.

`seeds/catalog.yaml` stays the truth. The index (`.cache/catalog-index.jsonl`
in the project) is believed only while its last line names the catalog text's
exact size and SHA-256 and the version of the code that checked the entries;
otherwise the catalog is parsed again and the index rewritten. `add` appends one
line per document, so a document costs the same to add at ten documents or ten
thousand; a line cut short by a kill only makes the index stale.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from sahel_analysis.atomic import replace_atomically

INDEX_PATH = Path(".cache") / "catalog-index.jsonl"  # relative to the project root


@dataclass(frozen=True)
class Stamp:
    """What identifies one catalog text: its length in UTF-8 bytes and their SHA-256."""

    size: int
    sha256: str

    def as_list(self) -> list[object]:
        return [self.size, self.sha256]


def stamp_of(text: str) -> Stamp:
    """The stamp of a catalog text as read (byte-order mark already dropped)."""
    data = text.encode("utf-8", "surrogatepass")
    return Stamp(len(data), hashlib.sha256(data).hexdigest())


def index_path(seeds_dir: Path) -> Path:
    """Where the index of `seeds_dir/catalog.yaml` is kept: the project's `.cache/`, not `seeds/`."""
    return Path(seeds_dir).parent / INDEX_PATH


def read_index(path: Path, version: str, stamp: Stamp) -> tuple[dict[str, str], ...] | None:
    """The entries the index holds if it speaks for the catalog text of `stamp` under `version`, else None."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if not text.endswith("\n"):
        return None  # a line cut short by a kill
    try:
        lines = json.loads("[" + ",".join(text.splitlines()) + "]")
    except ValueError:
        return None
    if not lines or not isinstance(lines[0], dict) or lines[0].get("version") != version:
        return None
    if not isinstance(lines[-1], dict) or lines[-1].get("catalog") != stamp.as_list():
        return None
    entries = []
    for number, line in enumerate(lines[1:]):
        if not isinstance(line, dict) or line.get("n") != number or not isinstance(line.get("entry"), dict):
            return None  # a line twice or missing
        entries.append(line["entry"])
    return tuple(entries)


def _line(record: Mapping[str, object]) -> str:
    return json.dumps(record, ensure_ascii=True, separators=(",", ":")) + "\n"


def write_index(path: Path, version: str, entries: Sequence[Mapping[str, str]], stamp: Stamp) -> None:
    """Rewrite the whole index for a catalog text of `stamp` holding `entries`, atomically."""
    lines = [_line({"version": version, **({} if entries else {"catalog": stamp.as_list()})})]
    for number, entry in enumerate(entries):
        last = number == len(entries) - 1
        lines.append(
            _line({"n": number, "entry": dict(entry), **({"catalog": stamp.as_list()} if last else {})})
        )
    replace_atomically(path, lambda tmp: tmp.write_text("".join(lines), encoding="utf-8"))


def append_index(path: Path, number: int, entry: Mapping[str, str], stamp: Stamp) -> bool:
    """Append entry `number` (counted from 0), after which the catalog text has `stamp`.

    Call only under the catalog lock, after the catalog was renamed into place,
    and only when the index spoke for the catalog before. A failure (False) is
    no error: the index is then stale, and rebuilt at the next read.
    """
    try:
        with path.open("a", encoding="utf-8") as out:
            out.write(_line({"n": number, "entry": dict(entry), "catalog": stamp.as_list()}))
    except OSError:
        return False
    return True
