"""The coded lists: an analyst's coding of each document's enumerated arguments, loaded and located in the text.

The coded lists (`data/lists.yaml`) are a reader's coding of the arguments the
documents enumerate: every item quoted verbatim, glossed, categorised and tied
to actors. Every quote is located in its document's repaired text, so a coding
that drifts from the text fails loudly.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from sahel_analysis.coding.locate import locate_quote
from sahel_analysis.package_data import load_yaml

CATEGORIES = (
    "political",
    "military_security",
    "religious_ideological",
    "international",
    "organisational",
    "socio_economic",
    "legal_judicial",
)
# What a coded list is in the argument: the synthesis compares instruments, challenges and conditions.
ROLES = (
    "instrument",
    "argument",
    "position",
    "goal",
    "challenge",
    "condition",
    "cause",
    "outcome",
    "threat",
    "structure",
    "detail",
)
# Roles whose items are parts of something else (a plan, a membership, a sub-list), left out of category counts.
SUMMARY_EXCLUDED_ROLES = ("structure", "detail")


@dataclass(frozen=True)
class CodedItem:
    """One item of a coded list: the verbatim Arabic, where it stands, its gloss, category and actors."""

    doc_id: str
    list_id: str
    item_no: int
    start: int
    end: int
    text: str
    gloss_en: str
    category: str
    actor_ids: tuple[str, ...] = ()

    @property
    def item_id(self) -> str:
        """`<list_id>#<item_no>`: what a finding about this item names as its subject."""
        return f"{self.list_id}#{self.item_no}"


@dataclass(frozen=True)
class CodedList:
    """A coded list: what it is, the role it plays in the argument, and its items in order."""

    doc_id: str
    list_id: str
    title_en: str
    title_ar: str
    role: str
    items: tuple[CodedItem, ...]

    def __len__(self) -> int:
        return len(self.items)


@cache
def list_data() -> dict:
    """The whole of `data/lists.yaml`: categories, negotiation stems, lists and themes."""
    return load_yaml("lists.yaml")


@cache
def read_coded_lists() -> tuple[dict, ...]:
    """The coded lists as written in `data/lists.yaml` (no offsets yet)."""
    return tuple(list_data()["lists"])


def coded_lists(corpus) -> tuple[CodedList, ...]:
    """The coded lists with every item located in its document's repaired text.

    Item 1 must occur once in the text (or follow its unique `after` anchor);
    item k > 1 is the first occurrence after item k-1, so short items of a
    list of names («وتشاد», «ومالي») are found where the list stands.

    Raises:
        ValueError: a quote is missing, or an item 1 or title is ambiguous.
    """
    texts = {rd.id: rd.text for rd in corpus}
    out = []
    for entry in read_coded_lists():
        doc_id, list_id = str(entry["doc_id"]), entry["list_id"]
        if doc_id not in texts:
            continue
        text = texts[doc_id]
        items: list[CodedItem] = []
        for raw in entry["items"]:
            quote, where = raw["text_ar"], f"{list_id} item {raw['item_no']}"
            if items:
                at = locate_quote(text, quote, where, after=items[-1].end, unique=False)
            elif raw.get("after"):
                anchor = locate_quote(text, raw["after"], f"{where} anchor")
                at = locate_quote(text, quote, where, after=anchor + len(raw["after"]), unique=False)
            else:
                at = locate_quote(text, quote, where)
            items.append(
                CodedItem(
                    doc_id,
                    list_id,
                    int(raw["item_no"]),
                    at,
                    at + len(quote),
                    quote,
                    raw["gloss_en"],
                    raw["category"],
                    tuple(raw.get("actor_ids") or ()),
                )
            )
        title_ar = entry.get("title_ar", "") or ""
        if title_ar:
            locate_quote(text, title_ar, f"{list_id} title", unique=False)
        out.append(CodedList(doc_id, list_id, entry["title_en"], title_ar, entry["role"], tuple(items)))
    return tuple(out)


def category_labels() -> dict[str, tuple[str, str]]:
    """Each category's (English, Arabic) label, in vocabulary order."""
    raw = list_data()["categories"]
    return {c: (raw[c]["en"], raw[c]["ar"]) for c in CATEGORIES}


def category_nouns() -> dict[str, str]:
    """Each category as findings name its items («religious or ideological items»)."""
    raw = list_data()["categories"]
    return {c: raw[c]["noun_en"] for c in CATEGORIES}


def coded_themes() -> tuple[dict, ...]:
    """The themes on which the documents agree or differ, each with one coded item per document."""
    return tuple(list_data()["themes"])
