"""A book page per catalogued document, written by the library: its metadata, its marked text, its items.

A corpus may hold a thousand documents, so these pages are generated (MyST
markdown), not notebooks. Each page shows the document's metadata, its repaired
text with the actors, places and dates the extractors find marked (`<mark>`,
one class per kind, what it names in the title attribute), and the items of its
coding (events, stances, lists, candidate actors), reviewed and automatic side
by side with who coded them. `documents/index.md` lists every page.

Everything from a document is escaped (HTML, and markdown in the text the book
searches), and its bidi control characters are shown as visible marks, so a
document can neither inject markup nor reorder the report's own text. The pages
hold no time and no path: two builds of one corpus write the same bytes.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from sahel_analysis.analysis.tables import count_words
from sahel_analysis.coding.store import coding_of
from sahel_analysis.corpus.catalog import NOT_STATED
from sahel_analysis.corpus.repaired import RepairedDocument
from sahel_analysis.extract.actors import extract_mentions
from sahel_analysis.extract.dates import document_dates
from sahel_analysis.extract.discovery import unaccounted_candidates
from sahel_analysis.extract.gazetteer import Gazetteer, load_gazetteer
from sahel_analysis.extract.place_gazetteer import PlaceGazetteer, load_place_gazetteer
from sahel_analysis.extract.places import extract_place_mentions
from sahel_analysis.figures.tables import show_bidi_controls

DOCUMENTS_DIR = "documents"
INDEX_PAGE = f"{DOCUMENTS_DIR}/index"
# What the text marks, in the order a tie at one offset is resolved, with the legend's words.
MARK_KINDS = {"actor": "an actor the gazetteer knows", "place": "a place", "date": "a date"}
# Every ASCII punctuation character: escaped, none starts a markdown construct in document text.
MARKDOWN_PUNCTUATION_RE = re.compile(r"([!-/:-@\[-`{-~])")
WHITESPACE_RE = re.compile(r"\s+")
SAFE_URL_RE = re.compile(r"^https?://", re.I)


@dataclass(frozen=True)
class Mark:
    """A stretch of a document's text to mark: `text[start:end]`, its kind, and what it names."""

    start: int
    end: int
    kind: str
    label: str


# ----------------------------------------------------------------------------- escaping


def plain(text: object) -> str:
    """Document text for an HTML element: bidi controls visible, whitespace collapsed, HTML escaped.

    >>> plain('<b x="1">مالي\\u202e</b>')
    '&lt;b x=&quot;1&quot;&gt;مالي⟨U+202E⟩&lt;/b&gt;'
    """
    return html.escape(WHITESPACE_RE.sub(" ", show_bidi_controls(str(text))).strip())


def markdown_text(text: str) -> str:
    r"""Document text for a MyST paragraph: shown as written, searchable, never markup.

    Every ASCII punctuation mark is backslash-escaped (CommonMark allows it for
    all of them), so no `<`, `&`, `*`, `#` or `[` in a document makes a tag, an
    entity, emphasis, a heading or a link; runs of whitespace become one space.

    >>> markdown_text("<script>&amp; *x*\n# y")
    '\\<script\\>\\&amp\\; \\*x\\* \\# y'
    """
    return MARKDOWN_PUNCTUATION_RE.sub(r"\\\1", WHITESPACE_RE.sub(" ", show_bidi_controls(text)))


def arabic_cell(text: object) -> str:
    """A table cell of document text: its own direction, isolated from the table around it."""
    return f'<td dir="auto" lang="ar">{plain(text)}</td>'


def humanise(identifier: str) -> str:
    """A vocabulary id as words: `terrorist_organizations` → `terrorist organizations`."""
    return identifier.replace("_", " ")


# ----------------------------------------------------------------------------- marks


def actor_label(gaz: Gazetteer, actor_id: str) -> str:
    """An actor's English and Arabic names, or its id in words when the gazetteer lacks it."""
    if actor_id not in gaz:
        return humanise(actor_id)
    actor = gaz.actor(actor_id)
    return f"{actor.name_en} · {actor.name_ar}" if actor.name_ar else actor.name_en


def date_label(date_start: str, date_end: str, precision: str, inferred: bool = False) -> str:
    """A date's ISO reading in words.

    >>> date_label("2020-02", "2020-02", "month")
    'date 2020-02 (month)'
    >>> date_label("2015", "", "period", inferred=True)
    'date from 2015 (period, year inferred)'
    """
    if date_end and date_end != date_start:
        when = f"{date_start or '…'} to {date_end}"
    elif date_start and date_end == "" and precision == "period":
        when = f"from {date_start}"
    else:
        when = date_start or date_end
    detail = ", ".join(p for p in (precision, "year inferred" if inferred else "") if p)
    return f"date {when} ({detail})" if detail else f"date {when}"


def document_marks(rd: RepairedDocument, gaz: Gazetteer, places: PlaceGazetteer) -> list[Mark]:
    """The actor, place and date mentions of a document, none overlapping another, in text order.

    Where two overlap, the one that starts first is kept (the longer of two that
    start together, then an actor before a place before a date).
    """
    found = [Mark(m.start, m.end, "actor", actor_label(gaz, m.actor_id)) for m in extract_mentions(rd)]
    for m in extract_place_mentions(rd):
        place = places.place(m.place_id)
        found.append(Mark(m.start, m.end, "place", f"{place.name_en} ({place.precision}) · {place.name_ar}"))
    found += [
        Mark(d.start, d.end, "date", date_label(d.date_start, d.date_end, d.precision, d.inferred_year))
        for d in document_dates(rd)
    ]
    order = list(MARK_KINDS)
    found.sort(key=lambda k: (k.start, -(k.end - k.start), order.index(k.kind)))
    kept: list[Mark] = []
    for mark in found:
        if mark.end > mark.start and (not kept or mark.start >= kept[-1].end):
            kept.append(mark)
    return kept


def marked_markdown(text: str, start: int, marks: Sequence[Mark]) -> str:
    """`text` (which starts at offset `start` of its document) as MyST with `marks` inside it wrapped in <mark>.

    >>> marked_markdown("في مالي*", 10, [Mark(13, 17, "place", 'Mali "ML"')])
    'في <mark class="mention-place" title="Mali &quot;ML&quot;">مالي</mark>\\\\*'
    """
    out, at = [], start
    for mark in marks:
        if mark.start < at or mark.end > start + len(text):
            continue
        out.append(markdown_text(text[at - start : mark.start - start]))
        surface = markdown_text(text[mark.start - start : mark.end - start])
        label = html.escape(show_bidi_controls(mark.label))
        out.append(f'<mark class="mention-{mark.kind}" title="{label}">{surface}</mark>')
        at = mark.end
    out.append(markdown_text(text[at - start :]))
    return "".join(out).strip()


def text_markdown(rd: RepairedDocument, marks: Sequence[Mark]) -> list[str]:
    """The repaired text, paragraph by paragraph, in one right-to-left block."""
    starts = [m.start for m in marks]
    lines = ['<div class="document-text" dir="rtl" lang="ar">', ""]
    k = 0
    for paragraph in rd.paragraphs:
        while k < len(starts) and starts[k] < paragraph.start:
            k += 1
        end = k
        while end < len(starts) and starts[end] < paragraph.end:
            end += 1
        body = marked_markdown(rd.text[paragraph.start : paragraph.end], paragraph.start, marks[k:end])
        if body:
            lines += [body, ""]
        k = end
    return [*lines, "</div>", ""]


def legend(marks: Sequence[Mark]) -> list[str]:
    """The legend of the marks, each kind with how many times it is marked."""
    counts = Counter(m.kind for m in marks)
    entries = " ".join(
        f'<mark class="mention-{kind}">{words}</mark> {counts[kind]}' for kind, words in MARK_KINDS.items()
    )
    return [
        f'<p class="mark-legend">Marked in the text: {entries}. A mark\'s tooltip says what it names.</p>',
        "",
    ]


# ----------------------------------------------------------------------------- tables


def html_table(css_class: str, headers: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """An HTML table on lines of its own with no blank line (MyST keeps it as one block); cells are markup."""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = ["<tr>" + "".join(row) + "</tr>" for row in rows]
    return [
        f'<table class="{css_class}">',
        f"<thead><tr>{head}</tr></thead>",
        "<tbody>",
        *body,
        "</tbody>",
        "</table>",
        "",
    ]


def cell(text: object) -> str:
    return f"<td>{plain(text)}</td>"


def metadata_rows(rd: RepairedDocument) -> list[Sequence[str]]:
    """The catalog's metadata of one document, a row per field."""
    doc = rd.doc
    url = doc.url.strip()
    link = (
        f'<td><a href="{html.escape(url)}">{plain(url)}</a></td>'
        if SAFE_URL_RE.match(url)
        else cell(url or NOT_STATED)
    )
    return [
        (cell("id"), cell(doc.id)),
        (cell("title (Arabic)"), arabic_cell(doc.title_ar or NOT_STATED)),
        (cell("title (English)"), cell(doc.title_en or NOT_STATED)),
        (cell("author (Arabic)"), arabic_cell(doc.author_ar or NOT_STATED)),
        (cell("author (English)"), cell(doc.author_en or NOT_STATED)),
        (cell("date"), cell(doc.date or NOT_STATED)),
        (cell("source"), cell(doc.source or NOT_STATED)),
        ("<td>URL</td>", link),
        (cell("language"), cell(doc.language or NOT_STATED)),
        (cell("words (repaired text)"), cell(count_words(rd.text))),
        (cell("paragraphs"), cell(len(rd.paragraphs))),
        (cell("file"), cell(doc.file)),
    ]


def status_cells(item: Mapping) -> list[str]:
    return [cell(item.get("status", "reviewed")), cell(item.get("coded_by", "analyst"))]


def event_row(gaz: Gazetteer, item: Mapping) -> list[str]:
    when = date_label(
        str(item.get("date_start", "")),
        str(item.get("date_end", "")),
        str(item.get("precision", "")),
        bool(item.get("inferred")),
    ).removeprefix("date ")
    actors = "; ".join(actor_label(gaz, a) for a in item.get("actor_ids", ()))
    what = item.get("label_en") or item.get("summary_en") or ""
    return [
        *status_cells(item),
        cell(when),
        cell(humanise(str(item.get("event_type", ""))) or "not coded"),
        arabic_cell(actors),
        cell(what),
        arabic_cell(item.get("quote_ar", "")),
    ]


def stance_row(gaz: Gazetteer, item: Mapping) -> list[str]:
    return [
        *status_cells(item),
        arabic_cell(actor_label(gaz, str(item.get("actor_id", "")))),
        cell(item.get("stance", "")),
        cell(actor_label(gaz, str(item.get("target", ""))) if item.get("target") else ""),
        cell(item.get("summary_en", "")),
        arabic_cell(item.get("quote_ar", "")),
    ]


def list_row(item: Mapping) -> list[str]:
    entries = "".join(
        f'<li dir="auto" lang="ar">{plain(i.get("text_ar", ""))}</li>' for i in item.get("items", ())
    )
    title = item.get("title_en") or ""
    return [
        *status_cells(item),
        cell(title),
        arabic_cell(item.get("title_ar", "")),
        cell(humanise(str(item.get("role", "")))),
        f"<td><ol>{entries}</ol></td>",
    ]


def candidate_rows(rd: RepairedDocument, notes: Sequence[Mapping]) -> list[list[str]]:
    """Candidate actors: the coding's candidate notes, then what discovery finds that no note holds."""
    rows, seen = [], set()
    for note in notes:
        if note.get("kind") != "candidate_actor":
            continue
        seen.add(note.get("quote_ar", ""))
        rows.append(
            [*status_cells(note), arabic_cell(note.get("quote_ar", "")), cell(note.get("text_en", ""))]
        )
    found = Counter(c.surface for c in unaccounted_candidates(rd))
    for surface, times in found.items():
        if surface not in seen:
            how = f"found {times} time{'s' if times > 1 else ''} by discovery, not in the coding file"
            rows.append([cell("automatic"), cell("automatic"), arabic_cell(surface), cell(how)])
    return rows


def items_section(
    title: str, css: str, headers: Sequence[str], rows: Sequence[Sequence[str]], empty: str
) -> list[str]:
    lines = [f"### {title}", ""]
    if not rows:
        return [*lines, empty, ""]
    reviewed = sum(1 for r in rows if r[0] == cell("reviewed"))
    lines += [f"{len(rows)} in all: {reviewed} reviewed, {len(rows) - reviewed} automatic.", ""]
    return [*lines, *html_table(css, headers, rows)]


STATUS_HEADERS = ("status", "coded by")


def items_markdown(rd: RepairedDocument, gaz: Gazetteer, root: Path | None) -> list[str]:
    """The document's coded and automatic items, a table per kind."""
    coding = coding_of(rd.id, root)

    def items(kind: str) -> tuple[dict, ...]:
        return coding.items(kind, include_automatic=True) if coding else ()

    where = (
        f"the coding file coding/{rd.id}.yaml" if coding else "the automatic analysis (no coding file yet)"
    )
    lines = [
        "## Coded and automatic items",
        "",
        f"From {markdown_text(where)}. *reviewed* items were checked by an analyst; "
        "*automatic* ones were drafted by the library and wait for review.",
        "",
    ]
    lines += items_section(
        "Events",
        "document-items",
        (*STATUS_HEADERS, "date", "type", "actors", "event", "quote"),
        [event_row(gaz, e) for e in items("events")],
        "No event coded.",
    )
    lines += items_section(
        "Stances",
        "document-items",
        (*STATUS_HEADERS, "actor", "stance", "towards", "summary", "quote"),
        [stance_row(gaz, p) for p in items("positions")],
        "No stance coded.",
    )
    lines += items_section(
        "Lists",
        "document-items",
        (*STATUS_HEADERS, "list", "as the text calls it", "role", "items"),
        [list_row(x) for x in items("lists")],
        "No list coded.",
    )
    lines += items_section(
        "Candidate actors",
        "document-items",
        (*STATUS_HEADERS, "candidate", "how it was found"),
        candidate_rows(rd, items("notes")),
        "No candidate actor: every name discovery finds is in the gazetteer or explained.",
    )
    return lines


def actors_named(marks: Sequence[Mark]) -> list[str]:
    """The actors and places marked, each with how many times, most often first."""
    rows = []
    for kind in ("actor", "place"):
        counts = Counter(m.label for m in marks if m.kind == kind)
        rows += [
            [cell(kind), arabic_cell(label), cell(n)]
            for label, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
    if not rows:
        return []
    return [
        "## Actors and places named",
        "",
        *html_table("document-names", ("kind", "name", "mentions"), rows),
    ]


# ----------------------------------------------------------------------------- pages


def page_name(rd: RepairedDocument) -> str:
    """The page's name in the book, without suffix: `documents/<id>`."""
    return f"{DOCUMENTS_DIR}/{rd.id}"


def navigation(previous: RepairedDocument | None, following: RepairedDocument | None) -> list[str]:
    parts = []
    if previous is not None:
        parts.append(f"[← document {markdown_text(previous.id)}]({previous.id}.md)")
    parts.append("[all documents](index.md)")
    if following is not None:
        parts.append(f"[document {markdown_text(following.id)} →]({following.id}.md)")
    return [" · ".join(parts), ""]


def document_page(
    rd: RepairedDocument,
    *,
    previous: RepairedDocument | None = None,
    following: RepairedDocument | None = None,
    root: Path | None = None,
) -> str:
    """The MyST page of one document."""
    gaz, places = load_gazetteer(), load_place_gazetteer()
    marks = document_marks(rd, gaz, places)
    title = rd.doc.title
    lines = [
        "---",
        "orphan: true",
        "---",
        "",
        f"# Document {markdown_text(rd.id)}: {markdown_text(title or NOT_STATED)}",
        "",
        *navigation(previous, following),
        *html_table("document-metadata", ("field", "value"), metadata_rows(rd)),
        "## Text",
        "",
        "The repaired text, in logical order, as every analysis reads it.",
        "",
        *legend(marks),
        *text_markdown(rd, marks),
        *actors_named(marks),
        *items_markdown(rd, gaz, root),
        *navigation(previous, following),
    ]
    return "\n".join(lines)


def index_page(corpus: Sequence[RepairedDocument], root: Path | None = None) -> str:
    """`documents/index.md`: every document, linked to its page, with what the coding holds."""
    rows = []
    for rd in corpus:
        coding = coding_of(rd.id, root)
        counts = Counter()
        for kind in ("events", "positions", "lists"):
            for item in coding.items(kind, include_automatic=True) if coding else ():
                counts[item.get("status", "reviewed")] += 1
        rows.append(
            [
                f'<td><a href="{html.escape(rd.id)}.html">{plain(rd.id)}</a></td>',
                arabic_cell(rd.doc.title_ar or NOT_STATED),
                cell(rd.doc.title_en or NOT_STATED),
                cell(rd.doc.date or NOT_STATED),
                cell(rd.doc.source or NOT_STATED),
                cell(count_words(rd.text)),
                cell(counts["reviewed"]),
                cell(counts["automatic"]),
            ]
        )
    headers = (
        "id",
        "title (Arabic)",
        "title (English)",
        "date",
        "source",
        "words",
        "items reviewed",
        "items automatic",
    )
    lines = [
        "# Documents",
        "",
        f"A page per document of the catalog ({len(corpus)} in all): its metadata, its repaired text with the "
        "actors, places and dates the library finds marked, and its coded and automatic items "
        "(events, stances and lists counted below).",
        "",
        *html_table("document-index", headers, rows),
    ]
    return "\n".join(lines)


def document_sources(corpus: Sequence[RepairedDocument], root: Path | None = None) -> dict[str, str]:
    """Every document page and the index, keyed by their path in the book's source (`documents/<id>.md`)."""
    pages = {f"{INDEX_PAGE}.md": index_page(corpus, root)}
    for k, rd in enumerate(corpus):
        previous = corpus[k - 1] if k > 0 else None
        following = corpus[k + 1] if k + 1 < len(corpus) else None
        pages[f"{page_name(rd)}.md"] = document_page(rd, previous=previous, following=following, root=root)
    return pages
