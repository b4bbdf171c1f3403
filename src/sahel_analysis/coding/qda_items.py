"""What a QDA tool sees of a project's codings (REFI-QDA): the code book, a selection per coded item and mention, the notes, each with a deterministic GUID.

The export (`export.qdpx`) writes these records as XML and the import
(`coding.qdpx_import`) compares what comes back from NVivo, MAXQDA, ATLAS.ti
or QualCoder against them, so both sides share one GUID scheme: every GUID is
a UUID 5 of a stable name (`source/017`, `code/stance/supports`,
`selection/017/event/e017-01`), and exporting twice gives the same file.

Selections are character offsets into the document's repaired text (the text
`sahel-analysis repair` prints): REFI-QDA counts positions in Unicode code
points from 0, the end exclusive, as Python indexes a `str`.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from sahel_analysis.coding.locate import locate_quote
from sahel_analysis.coding.store import DocumentCoding
from sahel_analysis.coding.vocabulary import AIM_KINDS, CATEGORIES, CLAIM_KINDS, STANCES, STATUSES, VIEWS
from sahel_analysis.extract.actors import extract_mentions
from sahel_analysis.extract.gazetteer import ACTOR_TYPES, RELATION_TYPES, Gazetteer
from sahel_analysis.package_data import load_yaml

# The XML namespace of a REFI-QDA project file (project.qde).
NAMESPACE = "urn:QDA-XML:project:1.0"
# The root every GUID of the export is derived from (a UUID 5 of the package's own URN).
GUID_ROOT = uuid.uuid5(uuid.NAMESPACE_URL, "urn:sahel-analysis:qdpx")
# Kinds of selection; a QDA tool may change, add or remove those of EDITABLE_KINDS.
EDITABLE_KINDS = ("event", "position", "aim", "claim", "relation", "list_item", "note")
READ_ONLY_KINDS = ("mention", "gazetteer_relation")
# Item fields a selection's notes hold, by kind of selection.
NOTE_FIELDS = {
    "event": ("analyst_note", "date_note", "coding_note"),
    "position": ("analyst_note", "coding_note"),
    "claim": ("analyst_note", "coding_note"),
    "relation": ("note",),
    "note": ("text_en",),
}
TERRORIST_ORGANIZATIONS = "terrorist_organizations"


def guid_of(*parts: str) -> str:
    """The GUID of a stable name: the same parts give the same GUID in every export.

    >>> guid_of("code", "stance", "supports") == guid_of("code", "stance", "supports")
    True
    """
    return str(uuid.uuid5(GUID_ROOT, "/".join(parts)))


def source_guid(doc_id: str) -> str:
    return guid_of("source", doc_id)


def code_key(group: str, value: str) -> str:
    """The key of a code: its group and value (`stance/supports`, `actor/jnim`)."""
    return f"{group}/{value}"


def code_guid(key: str) -> str:
    return guid_of("code", key)


def selection_guid(doc_id: str, kind: str, item_id: str) -> str:
    return guid_of("selection", doc_id, kind, item_id)


def note_guid(doc_id: str, kind: str, item_id: str, field: str) -> str:
    return guid_of("note", doc_id, kind, item_id, field)


def selection_name(kind: str, item_id: str) -> str:
    """What a tool shows as a selection's name, and what the import matches when a tool renews GUIDs."""
    return f"{kind} {item_id}"


# ----------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Code:
    """A code of the code book; a group (not codable) holds codes."""

    key: str
    name: str
    description: str
    color: str
    codable: bool = True
    children: tuple[Code, ...] = ()

    @property
    def guid(self) -> str:
        return code_guid(self.key)

    def walk(self) -> Iterable[Code]:
        """This code and every code below it."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class QdaNote:
    """A note on a selection: one field of a coded item (an analyst's note, a candidate's description)."""

    guid: str
    name: str
    field: str
    text: str


@dataclass(frozen=True)
class QdaSelection:
    """One coded item or mention as a QDA tool sees it: its span of the repaired text and its codes."""

    doc_id: str
    kind: str
    item_id: str
    start: int
    end: int
    description: str
    codes: tuple[str, ...]
    notes: tuple[QdaNote, ...] = ()
    status: str = "reviewed"

    @property
    def guid(self) -> str:
        return selection_guid(self.doc_id, self.kind, self.item_id)

    @property
    def name(self) -> str:
        return selection_name(self.kind, self.item_id)


@dataclass(frozen=True)
class DocumentSelections:
    """A document's selections in text order, and the coded items whose quote is not in its text."""

    doc_id: str
    selections: tuple[QdaSelection, ...]
    unlocated: tuple[str, ...] = ()


# ----------------------------------------------------------------------------- code book


@cache
def qda_data() -> dict:
    """`data/qda_codes.yaml`: the code groups, their colours and the Arabic names of the vocabularies."""
    return load_yaml("qda_codes.yaml")


def group(key: str, children: Iterable[Code]) -> Code:
    """A top-level group of the code book, described from the data file."""
    g = qda_data()["groups"][key]
    return Code(key, f"{g['name_en']} — {g['name_ar']}", g["description"], g["color"], False, tuple(children))


def value_codes(group_key: str, values: Iterable[str], names_ar: Mapping, describe=None) -> tuple[Code, ...]:
    """One code per value of a vocabulary, coloured from the palette in turn."""
    palette = qda_data()["palette"]
    out = []
    for k, value in enumerate(values):
        arabic = names_ar.get(value, "")
        text = describe(value) if describe else value.replace("_", " ")
        description = f"{text} — {arabic}" if arabic else text
        out.append(Code(code_key(group_key, value), value, description, palette[k % len(palette)]))
    return tuple(out)


def actor_codes(gazetteer: Gazetteer, others: Iterable[str]) -> Code:
    """The actors by type: each actor's code describes it in English and Arabic."""
    names = qda_data()["names_ar"]
    palette = qda_data()["palette"]
    by_type: dict[str, list[Code]] = {t: [] for t in ACTOR_TYPES}
    for a in gazetteer.actors:
        description = f"{a.name_en} — {a.name_ar}" + (f" ({a.acronym})" if a.acronym else "")
        colour = palette[ACTOR_TYPES.index(a.actor_type) % len(palette)]
        by_type[a.actor_type].append(Code(code_key("actor", a.id), a.label_en, description, colour))
    known = {a.id for a in gazetteer.actors}
    for actor_id in sorted(set(others) - known):
        by_type["other"].append(
            Code(code_key("actor", actor_id), actor_id, actor_id.replace("_", " "), "#7F7F7F")
        )
    types = [
        Code(
            code_key("actor_type", t),
            t.replace("_", " "),
            f"{t.replace('_', ' ')} — {names['actor_types'].get(t, '')}",
            palette[k % len(palette)],
            False,
            tuple(codes),
        )
        for k, (t, codes) in enumerate(by_type.items())
        if codes
    ]
    return group("actors", types)


def code_book(gazetteer: Gazetteer, codings: Iterable[DocumentCoding]) -> tuple[Code, ...]:
    """The code tree: actors by type, stances and their targets, aims, claims, views, list categories, event types, relations, status."""
    codings = tuple(codings)
    names = qda_data()["names_ar"]
    used_actors, targets = set(), {TERRORIST_ORGANIZATIONS}
    for c in codings:
        for kind in ("events", "positions", "aims", "relations"):
            for i in getattr(c, kind):
                used_actors |= set(i.get("actor_ids") or ())
                used_actors |= {i[f] for f in ("actor_id", "source_id", "target_id") if i.get(f)}
                if kind == "positions":
                    targets.add(i["target"])
        for entry in c.lists:
            for it in entry["items"]:
                used_actors |= set(it.get("actor_ids") or ())
    actor_names = {a.id: a.label_en for a in gazetteer.actors}
    target_codes = tuple(
        Code(
            code_key("target", t),
            actor_names.get(t, t.replace("_", " ")),
            f"negotiating with {actor_names.get(t, t.replace('_', ' '))}"
            + (f" — {names['targets'][t]}" if t in names["targets"] else ""),
            qda_data()["groups"]["targets"]["color"],
        )
        for t in sorted(targets)
    )
    categories = load_yaml("lists.yaml")["categories"]
    stances = tuple(
        Code(c.key, c.name, c.description, names["stance_colors"][c.name])
        for c in value_codes("stance", STANCES, names["stances"])
    )
    event_types = load_yaml("events.yaml")["event_types"]
    return (
        actor_codes(gazetteer, used_actors),
        group("stances", stances),
        group("targets", target_codes),
        group("aims", value_codes("aim", AIM_KINDS, names["aims"])),
        group("claims", value_codes("claim", CLAIM_KINDS, names["claims"])),
        group("views", value_codes("view", VIEWS, names["views"])),
        group(
            "categories",
            value_codes(
                "category",
                CATEGORIES,
                {c: categories[c]["ar"] for c in CATEGORIES},
                lambda c: categories[c]["en"],
            ),
        ),
        group("event_types", value_codes("event_type", event_types, names["event_types"], event_types.get)),
        group("relations", value_codes("relation", RELATION_TYPES, names["relations"])),
        group(
            "notes",
            (
                Code(
                    code_key("note", "candidate_actor"),
                    "candidate actor",
                    "a name the gazetteer lacks, found automatically",
                    "#BCBD22",
                ),
            ),
        ),
        group("status", value_codes("status", STATUSES, names["statuses"])),
    )


# ----------------------------------------------------------------------------- selections


def item_notes(doc_id: str, kind: str, item: Mapping) -> tuple[QdaNote, ...]:
    """The notes an item carries, one per non-empty note field."""
    item_id = item_key(kind, item)
    return tuple(
        QdaNote(note_guid(doc_id, kind, item_id, f), f"{item_id} {f}", f, str(item[f]))
        for f in NOTE_FIELDS.get(kind, ())
        if item.get(f)
    )


def item_key(kind: str, item: Mapping) -> str:
    """The stable id of a coded item within its document (a list item: `<list_id>#<item_no>`)."""
    return f"{item['list_id']}#{item['item_no']}" if kind == "list_item" else str(item["id"])


def item_codes(kind: str, item: Mapping) -> tuple[str, ...]:
    """The code keys a coded item's selection carries (its status apart)."""
    actors = tuple(code_key("actor", a) for a in item.get("actor_ids") or ())
    if kind == "event":
        return ((code_key("event_type", item["event_type"]),) if item.get("event_type") else ()) + actors
    view = (code_key("view", item["view"]),) if item.get("view") else ()
    if kind == "position":
        return (
            code_key("stance", item["stance"]),
            code_key("actor", item["actor_id"]),
            code_key("target", item["target"]),
            *view,
        )
    if kind == "aim":
        return (code_key("aim", item["kind"]), code_key("actor", item["actor_id"]), *view)
    if kind == "claim":
        return ((code_key("claim", item["kind"]),) if item.get("kind") else ()) + view
    if kind in ("relation", "gazetteer_relation"):
        return (
            code_key("relation", item["relation"]),
            code_key("actor", item["source_id"]),
            code_key("actor", item["target_id"]),
        )
    if kind == "list_item":
        return ((code_key("category", item["category"]),) if item.get("category") else ()) + actors
    if kind == "note" and item.get("kind") == "candidate_actor":
        return (code_key("note", "candidate_actor"),)
    return ()


def describe(kind: str, item: Mapping) -> str:
    """The selection's description: the item's English summary, gloss or aim."""
    if kind in ("relation", "gazetteer_relation"):
        return f"{item['source_id']} {item['relation']} {item['target_id']}"
    for f in ("summary_en", "gloss_en", "aim_en"):
        if item.get(f):
            return str(item[f])
    return ""


def selection(doc_id: str, kind: str, item: Mapping, start: int, end: int, status: str) -> QdaSelection:
    """The selection of one coded item at [start, end)."""
    return QdaSelection(
        doc_id,
        kind,
        item_key(kind, item),
        start,
        end,
        describe(kind, item),
        (*item_codes(kind, item), code_key("status", status)),
        item_notes(doc_id, kind, item),
        status,
    )


def list_selections(doc_id: str, text: str, entry: Mapping) -> tuple[list[QdaSelection], list[str]]:
    """A coded list's items located as `coding.lists` locates them, and the ids of those it cannot place."""
    out, missing, end = [], [], None
    for raw in entry["items"]:
        item = {**raw, "list_id": entry["list_id"]}
        quote = raw["text_ar"]
        try:
            if end is not None:
                at = locate_quote(text, quote, after=end, unique=False)
            elif raw.get("after"):
                anchor = locate_quote(text, raw["after"])
                at = locate_quote(text, quote, after=anchor + len(raw["after"]), unique=False)
            else:
                at = locate_quote(text, quote)
        except ValueError:
            missing.append(item_key("list_item", item))
            continue
        end = at + len(quote)
        out.append(selection(doc_id, "list_item", item, at, end, entry["status"]))
    return out, missing


def coded_selections(doc_id: str, text: str, coding: DocumentCoding) -> tuple[list[QdaSelection], list[str]]:
    """Every coded item of one document as a selection (its quote's first occurrence), and those not found."""
    out, missing = [], []
    for kind, items in (
        ("event", coding.events),
        ("position", coding.positions),
        ("aim", coding.aims),
        ("claim", coding.claims),
        ("relation", coding.relations),
        ("note", coding.notes),
    ):
        for item in items:
            quote = item.get("quote_ar") or ""
            at = item.get("start")
            if not (isinstance(at, int) and quote and text[at : at + len(quote)] == quote):
                at = text.find(quote) if quote else -1
            if at < 0:
                missing.append(item_key(kind, item))
                continue
            out.append(selection(doc_id, kind, item, at, at + len(quote), item["status"]))
    for entry in coding.lists:
        found, lost = list_selections(doc_id, text, entry)
        out += found
        missing += lost
    return out, missing


def document_selections(rd, coding: DocumentCoding | None, gazetteer: Gazetteer) -> DocumentSelections:
    """Every selection of one repaired document: its actors' mentions, the gazetteer's relations, its codings."""
    text, out = rd.text, []
    for m in extract_mentions(rd):
        item = {"id": f"{m.actor_id}@{m.start}", "actor_ids": [m.actor_id], "summary_en": m.surface}
        out.append(
            QdaSelection(
                rd.id,
                "mention",
                item["id"],
                m.start,
                m.end,
                m.actor_id,
                (code_key("actor", m.actor_id), code_key("status", "automatic")),
                (),
                "automatic",
            )
        )
    for r in gazetteer.relations():
        at = text.find(r.quote_ar) if r.doc_id == rd.id else -1
        if at >= 0:
            item = {
                "id": f"{r.source_id}.{r.relation}.{r.target_id}@{at}",
                "source_id": r.source_id,
                "relation": r.relation,
                "target_id": r.target_id,
                "note": r.note,
            }
            out.append(selection(rd.id, "gazetteer_relation", item, at, at + len(r.quote_ar), "reviewed"))
    missing: list[str] = []
    if coding is not None:
        coded, missing = coded_selections(rd.id, text, coding)
        out += coded
    out.sort(
        key=lambda s: (
            s.start,
            s.end,
            EDITABLE_KINDS.index(s.kind) if s.kind in EDITABLE_KINDS else -1,
            s.item_id,
        )
    )
    return DocumentSelections(rd.id, tuple(out), tuple(missing))
