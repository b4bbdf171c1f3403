"""Merge what came back from a QDA tool into one document's coding: items changed, added and removed, all marked reviewed by an analyst.

`coding.qdpx_import` reads the `.qdpx` and sorts its selections; this module
turns each into an edit of the document's coding (the YAML mapping), checks
the result against the schema and the text, and returns it with a line per
edit, so nothing is written until every document has been merged.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from sahel_analysis.coding.draft import DraftDumper
from sahel_analysis.coding.qda_items import NOTE_FIELDS, QdaSelection, list_selections
from sahel_analysis.coding.schema import SCHEMA_VERSION
from sahel_analysis.coding.store import check_coding, coding_path
from sahel_analysis.coding.vocabulary import ROLES
from sahel_analysis.errors import SahelError
from sahel_analysis.extract.dates import document_dates

# The file section each kind of selection edits, and the id prefix of the items an import adds.
SECTIONS = {
    "event": "events",
    "position": "positions",
    "aim": "aims",
    "claim": "claims",
    "relation": "relations",
    "note": "notes",
}
PREFIXES = {"event": "e", "position": "p", "aim": "a", "claim": "c"}
# The code groups that may code each kind of item (besides status).
GROUPS = {
    "event": ("event_type", "actor"),
    "position": ("stance", "actor", "target", "view"),
    "aim": ("aim", "actor", "view"),
    "claim": ("claim", "view"),
    "relation": ("relation", "actor"),
    "list_item": ("category", "actor"),
    "note": ("note",),
}
# The code group that makes a new selection an item of that kind.
NEW_ITEM_GROUPS = {"stance": "position", "event_type": "event", "aim": "aim", "claim": "claim"}
# The field of each kind that a selection's description holds.
DESCRIPTION_FIELDS = {
    "event": "summary_en",
    "position": "summary_en",
    "aim": "aim_en",
    "claim": "summary_en",
    "list_item": "gloss_en",
}
ANALYST = {"status": "reviewed", "coded_by": "analyst"}
LABEL_CHARS = 30


@dataclass(frozen=True)
class ImportedSelection:
    """A PlainTextSelection as a QDA tool wrote it: its span, its code keys and its notes (GUID, text)."""

    guid: str
    name: str
    start: int
    end: int
    description: str
    codes: tuple[str, ...]
    notes: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Merge:
    """One document's selections sorted against its export: changed, new, removed, and those left alone."""

    doc_id: str
    rd: object
    changed: tuple[tuple[QdaSelection, ImportedSelection], ...] = ()
    new: tuple[ImportedSelection, ...] = ()
    removed: tuple[QdaSelection, ...] = ()
    ignored: tuple[str, ...] = ()


@dataclass(frozen=True)
class Outcome:
    """A merged coding, ready to write (None when nothing changed), and a line per edit."""

    doc_id: str
    path: Path
    text: str | None
    changed: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    ignored: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


# ----------------------------------------------------------------------------- codes


def values(codes: Sequence[str], group: str) -> list[str]:
    """The values of one code group among a selection's code keys, in order."""
    return [c.split("/", 1)[1] for c in codes if c.split("/", 1)[0] == group]


def one(codes: Sequence[str], group: str, where: str, required: bool = True) -> str | None:
    """The one value of a code group a selection must carry (a stance, an event type …)."""
    found = values(codes, group)
    if len(found) > 1:
        raise SahelError(where, f"{len(found)} {group} codes ({', '.join(found)}); it takes one")
    if not found and required:
        raise SahelError(where, f"needs a {group.replace('_', ' ')} code")
    return found[0] if found else None


def check_groups(kind: str, codes: Sequence[str], where: str) -> None:
    allowed = {*GROUPS[kind], "status"}
    stray = [c for c in codes if c.split("/", 1)[0] not in allowed]
    if stray:
        raise SahelError(where, f"code {stray[0]} does not apply to a {kind.replace('_', ' ')}")


def merged_actors(old: Sequence[str], codes: Sequence[str]) -> list[str]:
    """The actors kept in their order (the principal first), then those the tool added."""
    now = values(codes, "actor")
    return [a for a in old if a in now] + [a for a in now if a not in old]


def set_view(item: dict, codes: Sequence[str], where: str) -> None:
    """Set whose view a stance or aim is from its view code; without one the item keeps its view."""
    view = one(codes, "view", where, required=False)
    if view:
        item["view"] = view


def apply_codes(kind: str, item: dict, codes: Sequence[str], where: str) -> None:
    """Set an item's coded fields from the codes of its selection."""
    check_groups(kind, codes, where)
    if kind == "event":
        item["event_type"] = one(codes, "event_type", where)
        item["actor_ids"] = merged_actors(item.get("actor_ids") or [], codes)
    elif kind == "position":
        item["stance"] = one(codes, "stance", where)
        item["actor_id"] = one(codes, "actor", where)
        item["target"] = one(codes, "target", where)
        set_view(item, codes, where)
    elif kind == "aim":
        item["kind"] = one(codes, "aim", where)
        item["actor_id"] = one(codes, "actor", where)
        set_view(item, codes, where)
    elif kind == "claim":
        claim_kind = one(codes, "claim", where, required=False)
        if claim_kind or item.get("kind"):
            item["kind"] = claim_kind or ""
        set_view(item, codes, where)
    elif kind == "relation":
        item["relation"] = one(codes, "relation", where)
        now = values(codes, "actor")
        ends = [item["source_id"], item["target_id"]]
        if len(now) != 2:
            raise SahelError(where, "a relation is coded with its two actors")
        if set(now) != set(ends):
            if not set(now) & set(ends):
                raise SahelError(where, "both actors of the relation changed: recode it in its coding file")
            kept = next(a for a in ends if a in now)
            other = next(a for a in now if a != kept)
            item["source_id" if kept == item["target_id"] else "target_id"] = other
    elif kind == "list_item":
        category = one(codes, "category", where, required=False)
        if category:
            item["category"] = category
        actors = merged_actors(item.get("actor_ids") or [], codes)
        if actors or item.get("actor_ids"):
            item["actor_ids"] = actors


def apply_notes(
    kind: str, item: dict, was: QdaSelection | None, sel: ImportedSelection, warn: list[str]
) -> None:
    """Set the note fields of an item from the notes on its selection; a new note joins the first field."""
    fields = NOTE_FIELDS.get(kind, ())
    known = {n.guid: n.field for n in was.notes} if was else {}
    for f in set(known.values()):
        item.pop(f, None)
    extra = []
    for guid, text in sel.notes:
        if guid in known:
            item[known[guid]] = text
        else:
            extra.append(text)
    if extra and not fields:
        warn.append(f"{sel.name or sel.guid}: notes on a {kind.replace('_', ' ')} are not kept in a coding")
    elif extra:
        item[fields[0]] = "\n\n".join([*([item[fields[0]]] if item.get(fields[0]) else []), *extra])


# ----------------------------------------------------------------------------- items


def find_item(data: dict, kind: str, item_id: str, where: str) -> tuple[dict, dict | None]:
    """The item a selection was exported from, in the coding's mapping, and its list for a list item."""
    if kind == "list_item":
        list_id, _, number = item_id.rpartition("#")
        for entry in data.get("lists") or ():
            if entry["list_id"] == list_id:
                for item in entry["items"]:
                    if str(item["item_no"]) == number:
                        return item, entry
    else:
        for item in data.get(SECTIONS[kind]) or ():
            if str(item["id"]) == item_id:
                return item, None
    raise SahelError(where, f"{kind} {item_id} is no longer in the coding file (export again)")


def reviewed(item: dict) -> None:
    """Mark an item as an analyst's, its status fields last as the files write them."""
    for k in ANALYST:
        item.pop(k, None)
    item.update(ANALYST)


def review_list(entry: dict, warn: list[str]) -> None:
    """Mark a list reviewed when it can be: a role from the vocabulary and every item glossed and categorised."""
    if entry["role"] in ROLES and all(i.get("gloss_en") and i.get("category") for i in entry["items"]):
        reviewed(entry)
    elif entry.get("status") != "reviewed":
        warn.append(
            f"list {entry['list_id']} stays automatic: a reviewed list needs a role and every item "
            "glossed and categorised"
        )


def next_id(data: dict, kind: str, doc_id: str) -> str:
    """The next free id of an item of `kind` (`p<doc>-<nn>` …)."""
    prefix = f"{PREFIXES[kind]}{doc_id}-"
    numbers = [
        int(m.group(1))
        for i in data.get(SECTIONS[kind]) or ()
        if (m := re.fullmatch(re.escape(prefix) + r"(\d+)", str(i["id"])))
    ]
    return f"{prefix}{max(numbers, default=0) + 1:02d}"


def new_item(kind: str, sel: ImportedSelection, rd, data: dict, where: str) -> dict:
    """An item coded in a QDA tool: its quote is the selected text, its fields its codes."""
    quote = rd.text[sel.start : sel.end]
    codes = sel.codes
    check_groups(kind, codes, where)
    item: dict = {"id": next_id(data, kind, rd.id)}
    if kind == "event":
        dates = [d for d in document_dates(rd) if sel.start <= d.start and d.end <= sel.end]
        if not dates:
            raise SahelError(where, "a new event needs its date in the selected text; widen the selection")
        summary = sel.description.strip()
        item.update(
            event_type=one(codes, "event_type", where),
            date_start=dates[0].date_start,
            date_end=dates[0].date_end,
            precision=dates[0].precision,
            actor_ids=values(codes, "actor"),
            summary_en=summary,
            label_en=summary[:LABEL_CHARS],
            quote_ar=quote,
        )
    elif kind == "position":
        item.update(
            actor_id=one(codes, "actor", where),
            stance=one(codes, "stance", where),
            target=one(codes, "target", where),
            date_start="",
            conditions="",
            attributed_by="",
            view=one(codes, "view", where),
            summary_en=sel.description.strip(),
            quote_ar=quote,
        )
    elif kind == "claim":
        item.update(
            kind=one(codes, "claim", where),
            view=one(codes, "view", where),
            summary_en=sel.description.strip(),
            quote_ar=quote,
        )
    else:
        item.update(
            actor_id=one(codes, "actor", where),
            kind=one(codes, "aim", where),
            view=one(codes, "view", where),
            aim_en=sel.description.strip(),
            quote_ar=quote,
        )
    return item


# ----------------------------------------------------------------------------- merging


def read_raw(path: Path, doc_id: str) -> tuple[str, dict]:
    """A coding file's leading comment lines and its mapping (an empty coding when it has none)."""
    if not path.is_file():
        return "", {"schema_version": SCHEMA_VERSION, "doc_id": doc_id}
    text = path.read_text(encoding="utf-8")
    header = "".join(line for line in text.splitlines(keepends=True)[:40] if line.startswith("#"))
    return (header + "\n" if header else ""), yaml.safe_load(text)


def merge_document(merge: Merge, root: Path | str) -> Outcome:
    """Apply one document's changes, additions and removals to its coding, and check the result."""
    rd, doc_id = merge.rd, merge.doc_id
    path = coding_path(doc_id, root)
    header, original = read_raw(path, doc_id)
    data = copy.deepcopy(original)
    changed, added, removed, ignored, warn = [], [], [], [], []
    for was, sel in merge.changed:
        where = f"{path}: {was.name}"
        item, entry = find_item(data, was.kind, was.item_id, where)
        what = []
        if (was.start, was.end) != (sel.start, sel.end):
            item["text_ar" if was.kind == "list_item" else "quote_ar"] = rd.text[sel.start : sel.end]
            if "start" in item:
                item["start"], item["end"] = sel.start, sel.end
            what.append("quote")
        before = dict(item)
        apply_codes(was.kind, item, sel.codes, where)
        apply_notes(was.kind, item, was, sel, warn)
        field = DESCRIPTION_FIELDS.get(was.kind)
        if field and sel.description.strip() and sel.description.strip() != was.description:
            item[field] = sel.description.strip()
        what += sorted(k for k in set(item) | set(before) if item.get(k) != before.get(k))
        if entry is None:
            reviewed(item)
            if was.kind == "event":
                item.setdefault("summary_en", "")
                item.setdefault("label_en", item["summary_en"][:LABEL_CHARS])
                item.pop("inferred", None)
        else:
            review_list(entry, warn)
        changed.append(f"{doc_id}: {was.name} ({', '.join(what) or 'status'})")
    for was in merge.removed:
        item, entry = find_item(data, was.kind, was.item_id, f"{path}: {was.name}")
        if entry is None:
            data[SECTIONS[was.kind]].remove(item)
        else:
            entry["items"].remove(item)
            for k, i in enumerate(entry["items"], start=1):
                i["item_no"] = k
            if not entry["items"]:
                data["lists"].remove(entry)
            else:
                review_list(entry, warn)
        removed.append(f"{doc_id}: {was.name}")
    for sel in merge.new:
        where = f"{path}: new selection {sel.name or sel.guid!r} at [{sel.start}, {sel.end})"
        kinds = {NEW_ITEM_GROUPS[g] for g in (c.split("/", 1)[0] for c in sel.codes) if g in NEW_ITEM_GROUPS}
        if len(kinds) > 1:
            raise SahelError(where, f"coded as {' and '.join(sorted(kinds))} at once; code one per selection")
        if not kinds:
            ignored.append(
                f"{doc_id}: new selection {sel.name or sel.guid!r} (coded with no stance, event type, "
                "aim or claim: not a coding item; add relations and list items in the coding file)"
            )
            continue
        kind = kinds.pop()
        item = new_item(kind, sel, rd, data, where)
        apply_notes(kind, item, None, sel, warn)
        reviewed(item)
        data.setdefault(SECTIONS[kind], []).append(item)
        if rd.text.find(item["quote_ar"]) < sel.start:
            warn.append(
                f"{doc_id}: {kind} {item['id']}: its quote occurs earlier in the text; the coding "
                "points at the first occurrence"
            )
        added.append(f"{doc_id}: {kind} {item['id']} ({rd.text[sel.start : sel.end][:60]})")
    if data == original:
        return Outcome(doc_id, path, None, ignored=tuple(ignored), warnings=tuple(warn))
    check_coding(data, path)
    for entry in data.get("lists") or ():
        if list_selections(doc_id, rd.text, {**entry, "status": "reviewed"})[1]:
            raise SahelError(
                path, f"{entry['list_id']}: after the import its items cannot all be located in order"
            )
    text = header + yaml.dump(data, Dumper=DraftDumper, allow_unicode=True, sort_keys=False, width=10_000)
    return Outcome(
        doc_id, path, text, tuple(changed), tuple(added), tuple(removed), tuple(ignored), tuple(warn)
    )
