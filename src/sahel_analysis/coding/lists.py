"""The coded lists: an analyst's coding of each document's enumerated arguments, loaded and located in the text.

The coded lists (the `lists` of each `coding/<doc_id>.yaml`) are a reader's
coding of the arguments the documents enumerate: every item quoted verbatim,
glossed, categorised and tied to actors. Every quote is located in its
document's repaired text, so a coding that drifts from the text fails loudly.
The category labels, figure titles and themes, which are not one document's
coding, stay in `data/lists.yaml`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from sahel_analysis.coding.locate import locate_quote
from sahel_analysis.coding.store import coded_items
from sahel_analysis.coding.vocabulary import CATEGORIES as CATEGORIES
from sahel_analysis.coding.vocabulary import ROLES as ROLES
from sahel_analysis.coding.vocabulary import SUMMARY_EXCLUDED_ROLES as SUMMARY_EXCLUDED_ROLES
from sahel_analysis.package_data import load_yaml


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
    status: str = "reviewed"
    coded_by: str = "analyst"

    def __len__(self) -> int:
        return len(self.items)


@cache
def list_data() -> dict:
    """The whole of `data/lists.yaml`: categories, figure titles, negotiation stems and themes."""
    return load_yaml("lists.yaml")


def read_coded_lists(*, include_automatic: bool = False) -> tuple[dict, ...]:
    """The coded lists as written in the project's codings (no offsets yet); reviewed ones unless `include_automatic`."""
    return tuple(coded_items("lists", include_automatic=include_automatic))


def coded_lists(corpus, *, include_automatic: bool = False) -> tuple[CodedList, ...]:
    """The coded lists with every item located in its document's repaired text.

    Item 1 must occur once in the text (or follow its unique `after` anchor);
    item k > 1 is the first occurrence after item k-1, so short items of a
    list of names («وتشاد», «ومالي») are found where the list stands.

    Analyses read the reviewed lists; the export adds the drafts of added
    documents (`include_automatic`).

    Raises:
        ValueError: a quote is missing, or an item 1 or title is ambiguous.
    """
    texts = {rd.id: rd.text for rd in corpus}
    out = []
    for entry in read_coded_lists(include_automatic=include_automatic):
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
                    raw.get("gloss_en", ""),
                    raw.get("category", ""),
                    tuple(raw.get("actor_ids") or ()),
                )
            )
        title_ar = entry.get("title_ar", "") or ""
        if title_ar:
            locate_quote(text, title_ar, f"{list_id} title", unique=False)
        out.append(
            CodedList(
                doc_id,
                list_id,
                entry["title_en"],
                title_ar,
                entry["role"],
                tuple(items),
                entry["status"],
                entry["coded_by"],
            )
        )
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
