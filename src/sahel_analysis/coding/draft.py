"""A draft coding for a document nobody has coded yet, written from what the extractors find in it.

`sahel-analysis add` calls `write_draft`: the dated sentences become draft
events (date, precision, the sentence as quote, the actors named in it), the
candidate actors discovery finds become notes, the lists the text marks become
draft lists. Every item is `status: automatic`, `coded_by: automatic` until a
researcher reviews it; analyses read reviewed items only, the export reads both.
An existing coding is never overwritten.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from pathlib import Path

import yaml

from sahel_analysis.atomic import replace_atomically
from sahel_analysis.coding.schema import SCHEMA_VERSION
from sahel_analysis.coding.store import check_coding, coding_path
from sahel_analysis.coding.vocabulary import DRAFT_ROLE
from sahel_analysis.corpus.repaired import repaired
from sahel_analysis.extract import actors, dates, discovery, enumerations

AUTOMATIC = {"status": "automatic", "coded_by": "automatic"}
HEADER = """\
# The draft coding of document {doc_id}, written by `sahel-analysis add` from the automatic analysis.
# Every item is status: automatic until you review it: correct it, fill in what an analyst adds
# (event_type, summary_en, label_en; a list's role, gloss_en and category), then set
# status: reviewed and coded_by: analyst. Delete what is wrong. The fields are in coding/README.md.

"""


class DraftDumper(yaml.SafeDumper):
    """YAML as a person edits it: Arabic as written, short lists of ids on one line, every value written out."""

    def ignore_aliases(self, data: object) -> bool:
        """Never an anchor or alias: coding files are read with aliases refused (`corpus.catalog.load_yaml_safely`)."""
        return True


def _short_flow_list(dumper: yaml.SafeDumper, data: list) -> yaml.Node:
    flow = bool(data) and all(isinstance(x, str) and len(x) < 40 for x in data) and len(data) <= 8
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


DraftDumper.add_representer(list, _short_flow_list)


def draft_events(rd) -> list[dict]:
    """One draft event per date found: its ISO bounds and precision, the sentence as quote, its actors."""
    mentions = sorted(actors.extract_mentions(rd), key=lambda m: m.start)  # bisected per date: linear time
    starts = [m.start for m in mentions]
    out = []
    for k, d in enumerate(dates.document_dates(rd), start=1):
        sentence = rd.sentence_at(d.start)
        inside = mentions[bisect_left(starts, sentence.start) : bisect_left(starts, sentence.end)]
        named = [m.actor_id for m in inside]
        event = {
            "id": f"a{rd.id}-{k:02d}",
            "date_start": d.date_start,
            "date_end": d.date_end,
            "precision": d.precision,
            "actor_ids": list(dict.fromkeys(named)),
            "quote_ar": sentence.text,
        }
        if d.inferred_year:
            event["inferred"] = True
        out.append({**event, **AUTOMATIC})
    return out


def draft_notes(rd) -> list[dict]:
    """One note per distinct candidate actor the gazetteer lacks: its first place, pattern and times found."""
    found = discovery.unaccounted_candidates(rd)
    times = Counter(c.surface for c in found)
    out, seen = [], set()
    for c in found:
        if c.surface in seen:
            continue
        seen.add(c.surface)
        note = {
            "id": f"n{rd.id}-{len(out) + 1:02d}",
            "kind": "candidate_actor",
            "text_en": f"candidate {c.kind or 'actor'} found by {c.pattern}"
            + (f" ({c.cue})" if c.cue else "")
            + f", ranked {discovery.candidate_score(c, times[c.surface]):.2f}",
            "quote_ar": c.surface,
            "start": c.start,
            "end": c.end,
            "pattern": c.pattern,
            "score": times[c.surface],
        }
        out.append({**note, **AUTOMATIC})
    return out


def draft_lists(rd) -> list[dict]:
    """One draft list per enumeration the text marks, its items verbatim and in order.

    A list whose first item recurs in the text is anchored after its
    announcement; one that cannot be anchored uniquely is left out, so every
    draft list can be located where it stands.
    """
    text, out = rd.text, []
    for e in enumerations.extract_lists(rd):
        items = [{"item_no": k, "text_ar": i.text} for k, i in enumerate(e.items, start=1) if i.text.strip()]
        if not items:
            continue
        if text.count(items[0]["text_ar"]) > 1:
            if not e.intro or text.count(e.intro) != 1:
                continue
            items[0]["after"] = e.intro
        entry = {
            "list_id": e.list_id,
            "title_en": f"List found automatically ({e.kind})",
            "title_ar": e.intro,
            "role": DRAFT_ROLE,
            **AUTOMATIC,
            "items": items,
        }
        out.append(entry)
    return out


def draft_coding(rd) -> dict:
    """The draft coding of one repaired document, as the mapping its file holds."""
    return {
        "schema_version": SCHEMA_VERSION,
        "doc_id": rd.id,
        "events": draft_events(rd),
        "positions": [],
        "aims": [],
        "relations": [],
        "lists": draft_lists(rd),
        "notes": draft_notes(rd),
    }


def write_draft(root: Path | str, rd) -> Path | None:
    """Write `coding/<id>.yaml` for a document from its automatic analysis; None if a coding exists already.

    The draft is checked against the schema before it is written, and written
    atomically, so a coding file is never half-written nor overwritten.
    """
    path = coding_path(rd.id, root)
    if path.exists():
        return None
    data = draft_coding(rd)
    check_coding(data, path)
    text = HEADER.format(doc_id=rd.id) + yaml.dump(
        data, Dumper=DraftDumper, allow_unicode=True, sort_keys=False, width=10_000
    )
    return replace_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def draft_document(root: Path | str, doc_id: str) -> Path | None:
    """Write the draft coding of a catalogued document (after `add`); None if it is coded already."""
    return write_draft(root, repaired(doc_id, root))
