"""Bring back the codings a QDA tool changed in a REFI-QDA project (`.qdpx`): read it, compare it with the export, merge into coding/<doc_id>.yaml.

A selection is matched to the coded item it was exported from by its GUID (or,
when a tool renews GUIDs, by its name, `<kind> <id>`). What changed there (its
span or its codes), what was added (a selection coded with a stance, an event
type or an aim) and what was removed comes back as `status: reviewed`,
`coded_by: analyst`. Mentions and the gazetteer's relations are the
extractor's and the package's, not codings: changes to them are reported and
left alone. Anything the import cannot place (an unknown source, a selection
outside its text, an unknown code) stops it with one line before any file is
written.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sahel_analysis.atomic import replace_atomically
from sahel_analysis.coding.qda_items import (
    EDITABLE_KINDS,
    NAMESPACE,
    QdaSelection,
    code_book,
    document_selections,
    source_guid,
)
from sahel_analysis.coding.qdpx_merge import ImportedSelection, Merge, merge_document
from sahel_analysis.coding.store import coding_of, load_codings
from sahel_analysis.errors import SahelError
from sahel_analysis.extract.gazetteer import load_gazetteer

PROJECT_FILE = "project.qde"
INTERNAL = "internal://"


@dataclass(frozen=True)
class ImportedSource:
    """A TextSource of the project: its name, text and selections."""

    guid: str
    name: str
    text: str
    selections: tuple[ImportedSelection, ...]


@dataclass(frozen=True)
class ImportReport:
    """What an import changed, per document, and what it left alone."""

    changed: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    ignored: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    written: tuple[Path, ...] = field(default_factory=tuple)

    def lines(self) -> list[str]:
        """The report as the command prints it."""
        out = []
        for title, entries in (
            ("changed", self.changed),
            ("added", self.added),
            ("removed", self.removed),
            ("left alone", self.ignored),
            ("note", self.warnings),
        ):
            out += [f"{title}: {e}" for e in entries]
        out += [f"wrote {p}" for p in self.written]
        if not (self.changed or self.added or self.removed):
            out.append("no coding changed")
        return out


# ----------------------------------------------------------------------------- reading


def q(tag: str) -> str:
    return f"{{{NAMESPACE}}}{tag}"


def read_member(archive: zipfile.ZipFile, name: str, where: Path) -> bytes:
    try:
        return archive.read(name)
    except KeyError:
        raise SahelError(where, f"has no {name}") from None


def read_project(path: Path) -> tuple[ET.Element, zipfile.ZipFile]:
    """The parsed `project.qde` and the open zip holding it."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise SahelError(path, f"is not a .qdpx (zip) file: {exc}") from None
    try:
        root = ET.fromstring(read_member(archive, PROJECT_FILE, path))
    except ET.ParseError as exc:
        raise SahelError(path, f"{PROJECT_FILE} is not well-formed XML: {exc}") from None
    if root.tag != q("Project"):
        raise SahelError(path, f"{PROJECT_FILE} is not a REFI-QDA project (namespace {NAMESPACE})")
    return root, archive


def text_of(element: ET.Element, archive: zipfile.ZipFile, where: Path) -> str:
    """A TextSource's or Note's text: inline, or the file its plainTextPath names inside the zip."""
    inline = element.find(q("PlainTextContent"))
    if inline is not None:
        return inline.text or ""
    ref = element.get("plainTextPath", "")
    if not ref.startswith(INTERNAL):
        raise SahelError(where, f"source {element.get('name')!r}: its text is outside the project ({ref!r})")
    data = read_member(archive, "sources/" + ref.removeprefix(INTERNAL), where)
    return data.decode("utf-8-sig")


def code_keys_by_guid(root: ET.Element, known: Mapping[str, str], names: Mapping[str, str]) -> dict[str, str]:
    """Each code GUID of the file mapped to our code key: by GUID, else by a name only one of our codes has."""
    out = {}
    for code in root.iter(q("Code")):
        guid = code.get("guid", "").strip("{}").lower()
        key = known.get(guid) or names.get(code.get("name", ""))
        if key:
            out[guid] = key
    return out


def parse_selection(
    element: ET.Element, keys: Mapping[str, str], notes: Mapping[str, str], where: str
) -> ImportedSelection:
    try:
        start, end = int(element.get("startPosition", "")), int(element.get("endPosition", ""))
    except ValueError:
        raise SahelError(where, "startPosition and endPosition must be integers") from None
    codes = []
    for ref in element.iter(q("CodeRef")):
        guid = ref.get("targetGUID", "").strip("{}").lower()
        if guid not in keys:
            raise SahelError(where, f"unknown code {guid} (not in the exported code book)")
        codes.append(keys[guid])
    note_refs = [r.get("targetGUID", "").strip("{}").lower() for r in element.findall(q("NoteRef"))]
    description = element.findtext(q("Description")) or ""
    return ImportedSelection(
        element.get("guid", "").strip("{}").lower(),
        element.get("name", ""),
        start,
        end,
        description,
        tuple(dict.fromkeys(codes)),
        tuple((g, notes[g]) for g in note_refs if g in notes),
    )


def read_qdpx(
    path: Path | str, known_codes: Mapping[str, str], code_names: Mapping[str, str]
) -> tuple[ImportedSource, ...]:
    """The text sources of a `.qdpx` with their selections, codes mapped to our code keys."""
    path = Path(path)
    if not path.is_file():
        raise SahelError(path, "no such file")
    root, archive = read_project(path)
    with archive:
        keys = code_keys_by_guid(root, known_codes, code_names)
        notes = {}
        for note in root.iter(q("Note")):
            notes[note.get("guid", "").strip("{}").lower()] = text_of(note, archive, path)
        out = []
        for source in root.iter(q("TextSource")):
            name = source.get("name", "")
            where = f"{path}: source {name!r}"
            selections = tuple(
                parse_selection(s, keys, notes, f"{where}: selection {s.get('name') or s.get('guid')!r}")
                for s in source.findall(q("PlainTextSelection"))
            )
            out.append(
                ImportedSource(
                    source.get("guid", "").strip("{}").lower(),
                    name,
                    text_of(source, archive, path),
                    selections,
                )
            )
    return tuple(out)


# ----------------------------------------------------------------------------- comparing


def selection_changed(was: QdaSelection, now: ImportedSelection) -> bool:
    """Whether a tool changed a selection's span, codes or notes (its status code apart)."""
    ours = {c for c in was.codes if not c.startswith("status/")}
    theirs = {c for c in now.codes if not c.startswith("status/")}
    old_notes = {(n.guid, n.text) for n in was.notes}
    return (was.start, was.end) != (now.start, now.end) or ours != theirs or old_notes != set(now.notes)


def match_source(source: ImportedSource, doc_ids: Mapping[str, str], where: Path) -> str:
    doc_id = doc_ids.get(source.guid) or (source.name if source.name in doc_ids.values() else None)
    if doc_id is None:
        raise SahelError(
            where, f"source {source.name!r}: unknown source (no document of the corpus has this GUID or id)"
        )
    return doc_id


def plan_document(doc_id: str, rd, source: ImportedSource, exported, where: Path) -> Merge:
    """Sort one source's selections into changed, added and removed items of its document's coding."""
    if source.text != rd.text:
        raise SahelError(
            where,
            f"source {source.name!r}: its text differs from the repaired text of document "
            f"{doc_id} (was it edited, or did the repair change since the export?)",
        )
    by_guid = {s.guid: s for s in exported.selections}
    by_name = {s.name: s for s in exported.selections}
    changed, new, removed, ignored = [], [], [], []
    seen = set()
    for sel in source.selections:
        if not (0 <= sel.start < sel.end <= len(rd.text)):
            raise SahelError(
                where,
                f"source {source.name!r}: selection {sel.name or sel.guid!r}: "
                f"[{sel.start}, {sel.end}) is outside the text (0 to {len(rd.text)})",
            )
        was = by_guid.get(sel.guid) or by_name.get(sel.name)
        if was is None:
            new.append(sel)
            continue
        seen.add(was.guid)
        if not selection_changed(was, sel):
            continue
        if was.kind in EDITABLE_KINDS:
            changed.append((was, sel))
        else:
            ignored.append(f"{doc_id}: {was.name} (changed; {was.kind}s are not codings)")
    for was in exported.selections:
        if was.guid in seen:
            continue
        if was.kind in EDITABLE_KINDS:
            removed.append(was)
        else:
            ignored.append(f"{doc_id}: {was.name} (removed; {was.kind}s are not codings)")
    return Merge(doc_id, rd, tuple(changed), tuple(new), tuple(removed), tuple(ignored))


def import_qdpx(path: Path | str, root: Path | str, corpus) -> ImportReport:
    """Merge what a QDA tool changed in a `.qdpx` into the project's coding files, and say what changed.

    Every source is checked and every change planned before any file is written;
    each coding file is checked against the schema and replaced atomically.
    """
    path, gazetteer = Path(path), load_gazetteer()
    codings = load_codings(root)
    codes = [c for group in code_book(gazetteer, codings) for c in group.walk() if c.codable]
    names: dict[str, str | None] = {}
    for c in codes:
        names[c.name] = None if c.name in names else c.key
    sources = read_qdpx(path, {c.guid: c.key for c in codes}, {k: v for k, v in names.items() if v})
    docs = {rd.id: rd for rd in corpus}
    doc_ids = {source_guid(d): d for d in docs}
    merges = []
    for source in sources:
        doc_id = match_source(source, doc_ids, path)
        exported = document_selections(docs[doc_id], coding_of(doc_id, root), gazetteer)
        merges.append(plan_document(doc_id, docs[doc_id], source, exported, path))
    outcomes = [merge_document(m, root) for m in merges]
    written = tuple(
        replace_atomically(o.path, lambda tmp, text=o.text: tmp.write_text(text, encoding="utf-8"))
        for o in outcomes
        if o.text is not None
    )
    return ImportReport(
        changed=tuple(e for o in outcomes for e in o.changed),
        added=tuple(e for o in outcomes for e in o.added),
        removed=tuple(e for o in outcomes for e in o.removed),
        ignored=tuple(e for m in merges for e in m.ignored) + tuple(e for o in outcomes for e in o.ignored),
        warnings=tuple(e for o in outcomes for e in o.warnings),
        written=written,
    )
