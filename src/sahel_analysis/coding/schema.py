"""The JSON Schema of a coding file (`coding/<doc_id>.yaml`), one for the seeds and for every added document.

Reviewed items carry every field an analysis reads; automatic drafts (written
by `coding.draft`) may leave the analyst's fields (gloss, category, summary,
event type) empty until someone reviews them. The vocabularies come from
`coding.vocabulary`, the gazetteer's relation types and the event types of
`data/events.yaml`, so the schema never repeats a list kept elsewhere.
"""

from __future__ import annotations

from functools import cache

from sahel_analysis.coding.vocabulary import (
    AIM_KINDS,
    CATEGORIES,
    CLAIM_KINDS,
    CODERS,
    DRAFT_ROLE,
    PRECISIONS,
    ROLES,
    STANCES,
    STATUSES,
    VIEWS,
)
from sahel_analysis.extract.gazetteer import RELATION_TYPES
from sahel_analysis.package_data import load_yaml

SCHEMA_VERSION = 1
ISO_DATE = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"
ID = {"type": "string", "minLength": 1}
TEXT = {"type": "string"}
QUOTE = {"type": "string", "minLength": 1}
IDS = {"type": "array", "items": ID}
NOTE_KINDS = ("note", "candidate_actor")


def enum(values) -> dict:
    """A string field taking one of `values`."""
    return {"type": "string", "enum": list(values)}


def item(
    properties: dict,
    required: tuple[str, ...],
    reviewed: tuple[str, ...] = (),
    reviewed_properties: dict | None = None,
) -> dict:
    """An item: its fields, those it always needs, and those it needs (and how) once `status: reviewed`."""
    schema = {
        "type": "object",
        "properties": {**properties, "status": enum(STATUSES), "coded_by": enum(CODERS)},
        "required": [*required, "status", "coded_by"],
        "additionalProperties": False,
    }
    if reviewed:
        schema["if"] = {"properties": {"status": {"const": "reviewed"}}}
        schema["then"] = {"required": list(reviewed)}
        if reviewed_properties:
            schema["then"]["properties"] = reviewed_properties
    return schema


# Whose view an item is: empty in a machine's draft, one of VIEWS once reviewed.
VIEW = enum(("", *VIEWS))
REVIEWED_VIEW = {"view": enum(VIEWS)}


@cache
def coding_schema() -> dict:
    """The schema every coding file is checked against when it is read."""
    date = {"type": "string", "pattern": ISO_DATE}
    event = item(
        {
            "id": ID,
            "event_type": enum(load_yaml("events.yaml")["event_types"]),
            "date_start": date,
            "date_end": date,
            "precision": enum(PRECISIONS),
            "actor_ids": IDS,
            "summary_en": TEXT,
            "label_en": TEXT,
            "quote_ar": QUOTE,
            "analyst_note": TEXT,
            "date_note": TEXT,
            "coding_note": TEXT,
            "inferred": {"type": "boolean"},
        },
        ("id", "date_start", "date_end", "precision", "quote_ar"),
        ("event_type", "actor_ids", "summary_en", "label_en"),
    )
    position = item(
        {
            "id": ID,
            "actor_id": ID,
            "stance": enum(STANCES),
            "target": ID,
            "date_start": date,
            "conditions": TEXT,
            "attributed_by": TEXT,
            "view": VIEW,
            "summary_en": TEXT,
            "quote_ar": QUOTE,
            "analyst_note": TEXT,
            "coding_note": TEXT,
        },
        ("id", "actor_id", "stance", "target", "summary_en", "quote_ar"),
        ("view",),
        REVIEWED_VIEW,
    )
    aim = item(
        {
            "id": ID,
            "actor_id": ID,
            "kind": enum(AIM_KINDS),
            "view": VIEW,
            "aim_en": TEXT,
            "quote_ar": QUOTE,
            "analyst_note": TEXT,
        },
        ("id", "actor_id", "kind", "aim_en", "quote_ar"),
        ("view",),
        REVIEWED_VIEW,
    )
    claim = item(
        {
            "id": ID,
            "view": VIEW,
            "kind": enum(("", *CLAIM_KINDS)),
            "summary_en": TEXT,
            "quote_ar": QUOTE,
            "analyst_note": TEXT,
            "coding_note": TEXT,
        },
        ("id", "quote_ar"),
        ("view", "summary_en"),
        REVIEWED_VIEW,
    )
    relation = item(
        {
            "id": ID,
            "source_id": ID,
            "relation": enum(RELATION_TYPES),
            "target_id": ID,
            "quote_ar": QUOTE,
            "note": TEXT,
        },
        ("id", "source_id", "relation", "target_id", "quote_ar"),
    )
    list_item = {
        "type": "object",
        "properties": {
            "item_no": {"type": "integer", "minimum": 1},
            "text_ar": QUOTE,
            "after": TEXT,
            "gloss_en": TEXT,
            "category": enum(("", *CATEGORIES)),
            "actor_ids": IDS,
        },
        "required": ["item_no", "text_ar"],
        "additionalProperties": False,
    }
    coded_list = item(
        {
            "list_id": ID,
            "title_en": TEXT,
            "title_ar": TEXT,
            "role": enum((*ROLES, DRAFT_ROLE)),
            "items": {"type": "array", "items": list_item, "minItems": 1},
        },
        ("list_id", "title_en", "role", "items"),
    )
    # A reviewed list has a role from the vocabulary and every item glossed and categorised.
    coded_list["allOf"] = [
        {
            "if": {"properties": {"status": {"const": "reviewed"}}},
            "then": {
                "properties": {
                    "role": enum(ROLES),
                    "items": {
                        "items": {
                            "required": ["gloss_en", "category"],
                            "properties": {"category": enum(CATEGORIES)},
                        }
                    },
                }
            },
        }
    ]
    note = item(
        {
            "id": ID,
            "kind": enum(NOTE_KINDS),
            "text_en": TEXT,
            "quote_ar": QUOTE,
            "start": {"type": "integer", "minimum": 0},
            "end": {"type": "integer", "minimum": 0},
            "pattern": TEXT,
            "score": {"type": "number"},
        },
        ("id", "kind"),
    )
    finding = {
        "type": "object",
        "properties": {
            "statement": QUOTE,
            "evidence": {"type": "object"},
            "when": TEXT,
            "layer": enum(("coding", "extract")),
        },
        "required": ["statement"],
        "additionalProperties": False,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "sahel-analysis coding of one document",
        "type": "object",
        "properties": {
            "schema_version": {"const": SCHEMA_VERSION},
            "doc_id": ID,
            "events": {"type": "array", "items": event},
            "positions": {"type": "array", "items": position},
            "aims": {"type": "array", "items": aim},
            "claims": {"type": "array", "items": claim},
            "relations": {"type": "array", "items": relation},
            "lists": {"type": "array", "items": coded_list},
            "notes": {"type": "array", "items": note},
            "list_findings": {"type": "array", "items": finding},
        },
        "required": ["schema_version", "doc_id"],
        "additionalProperties": False,
    }
