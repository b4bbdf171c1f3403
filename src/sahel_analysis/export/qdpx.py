"""The REFI-QDA project (`sahel-analysis.qdpx`) that NVivo, MAXQDA, ATLAS.ti and QualCoder open: sources, code book, coded selections, notes.

A `.qdpx` is a zip holding `project.qde` (XML in the namespace
`urn:QDA-XML:project:1.0`) and `sources/`, one UTF-8 text per document: its
repaired text, exactly what `sahel-analysis repair` prints, so every
selection's offsets (Unicode code points from 0, end exclusive) point at its
quote. What each selection and code is, and its GUID, is `coding.qda_items`;
this module only writes it. The file is the same byte for byte on every
export of the same project: GUIDs are derived from stable ids and the zip's
timestamps are fixed.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from sahel_analysis.atomic import replace_atomically
from sahel_analysis.coding.qda_items import (
    NAMESPACE,
    Code,
    DocumentSelections,
    code_book,
    code_guid,
    document_selections,
    guid_of,
    source_guid,
)
from sahel_analysis.coding.store import DocumentCoding, load_codings
from sahel_analysis.errors import SahelError
from sahel_analysis.extract.gazetteer import Gazetteer, load_gazetteer

QDPX_NAME = "sahel-analysis.qdpx"
PROJECT_FILE = "project.qde"
SOURCES_DIR = "sources"
# Every member of the zip carries this date, so two exports are byte-identical.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
# The catalog's metadata, as source variables: (variable name, Document field).
VARIABLES = (
    ("title", "title"),
    ("title_ar", "title_ar"),
    ("author", "author_en"),
    ("author_ar", "author_ar"),
    ("date", "date"),
    ("source_form", "source_form"),
    ("source", "source"),
    ("url", "url"),
)


@dataclass(frozen=True)
class QdpxExport:
    """What an export wrote: the file, and how many documents, selections and unplaceable items it holds."""

    path: Path
    n_sources: int
    n_selections: int
    unlocated: tuple[str, ...]


def q(tag: str) -> str:
    """A tag in the REFI-QDA namespace."""
    return f"{{{NAMESPACE}}}{tag}"


def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, q(tag), {k: v for k, v in attrs.items() if v is not None})
    if text is not None:
        element.text = text
    return element


def code_element(parent: ET.Element, code: Code) -> None:
    element = sub(
        parent, "Code", guid=code.guid, name=code.name, isCodable=str(code.codable).lower(), color=code.color
    )
    sub(element, "Description", code.description)
    for child in code.children:
        code_element(element, child)


def source_path(doc_id: str) -> str:
    """The name of a document's text inside the zip."""
    return f"{source_guid(doc_id)}.txt"


def variable_value(doc, field: str) -> str:
    return str(getattr(doc, field, "") or "")


def source_element(sources: ET.Element, rd, found: DocumentSelections) -> list:
    """One TextSource: its selections with their codings and note references, and the catalog's metadata."""
    doc = rd.doc
    source = sub(
        sources,
        "TextSource",
        guid=source_guid(rd.id),
        name=rd.id,
        plainTextPath=f"internal://{source_path(rd.id)}",
    )
    sub(source, "Description", f"{doc.title} ({doc.author_en or doc.author_ar or 'author not stated'})")
    notes = []
    for s in found.selections:
        element = sub(
            source,
            "PlainTextSelection",
            guid=s.guid,
            name=s.name,
            startPosition=str(s.start),
            endPosition=str(s.end),
        )
        if s.description:
            sub(element, "Description", s.description)
        for key in s.codes:
            coding = sub(element, "Coding", guid=guid_of("coding", s.guid, key))
            sub(coding, "CodeRef", targetGUID=code_guid(key))
        for note in s.notes:
            sub(element, "NoteRef", targetGUID=note.guid)
            notes.append(note)
    for name, field in VARIABLES:
        value = sub(source, "VariableValue")
        sub(value, "VariableRef", targetGUID=guid_of("variable", name))
        sub(value, "TextValue", variable_value(doc, field))
    return notes


def project_xml(
    corpus: Sequence, codings: Iterable[DocumentCoding], gazetteer: Gazetteer
) -> tuple[str, list]:
    """The text of `project.qde`, and each document's selections."""
    codings = {c.doc_id: c for c in codings}
    ET.register_namespace("", NAMESPACE)
    root = ET.Element(
        q("Project"), {"name": "sahel-analysis", "origin": f"sahel-analysis {version('sahel-analysis')}"}
    )
    users = sub(root, "Users")
    sub(users, "User", guid=guid_of("user", "sahel-analysis"), name="sahel-analysis")
    codes = sub(sub(root, "CodeBook"), "Codes")
    for code in code_book(gazetteer, codings.values()):
        code_element(codes, code)
    variables = sub(root, "Variables")
    for name, _ in VARIABLES:
        sub(variables, "Variable", guid=guid_of("variable", name), name=name, typeOfVariable="Text")
    sources = sub(root, "Sources")
    found_all, notes = [], []
    for rd in corpus:
        found = document_selections(rd, codings.get(rd.id), gazetteer)
        found_all.append(found)
        notes += source_element(sources, rd, found)
    if notes:
        holder = sub(root, "Notes")
        for note in notes:
            element = sub(holder, "Note", guid=note.guid, name=note.name)
            sub(element, "PlainTextContent", note.text)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(
        root, encoding="unicode"
    ) + "\n", found_all


def zip_member(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def qdpx_bytes(
    corpus: Sequence, codings: Iterable[DocumentCoding], gazetteer: Gazetteer
) -> tuple[bytes, list]:
    """The `.qdpx` zip as bytes (the same for the same project), and each document's selections."""
    xml, found = project_xml(corpus, codings, gazetteer)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        zip_member(archive, PROJECT_FILE, xml.encode("utf-8"))
        for rd in corpus:
            zip_member(archive, f"{SOURCES_DIR}/{source_path(rd.id)}", rd.text.encode("utf-8"))
    return buffer.getvalue(), found


def write_qdpx(out_dir: Path | str, corpus: Sequence, root: Path | str | None = None) -> QdpxExport:
    """Write `<out_dir>/sahel-analysis.qdpx` for a repaired corpus and the project's codings.

    The file is written to a temporary name and renamed, so an interrupted
    export never leaves a half-written project behind.
    """
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise SahelError(out_dir, "exists and is not a folder")
    out_dir.mkdir(parents=True, exist_ok=True)
    data, found = qdpx_bytes(tuple(corpus), load_codings(root), load_gazetteer())
    path = replace_atomically(out_dir / QDPX_NAME, lambda tmp: tmp.write_bytes(data))
    return QdpxExport(
        path,
        len(found),
        sum(len(f.selections) for f in found),
        tuple(f"{f.doc_id}: {i}" for f in found for i in f.unlocated),
    )
