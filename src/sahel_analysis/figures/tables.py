"""Long tables in the notebooks: shown whole up to a limit, else their first rows and how many are not shown.

pandas truncates a frame longer than `display.max_rows` to a few head and tail
rows without saying so clearly; at a hundred documents most of a corpus table
vanished. `shown` returns a short frame untouched (its display is pandas' own),
and a longer one as a `LongTable` that displays every row up to the limit and
ends with a one-line note naming how many rows are left out and the exported
dataset that holds them all.

`setup_display` is what a notebook's first cell calls: every cell shown whole
(no "..."), and bidi control characters from documents shown as visible marks
(`⟨U+202E⟩`) in any DataFrame's HTML, so a document cannot reorder the report's
own text around it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

import pandas as pd
from IPython import get_ipython

# The most rows a notebook table displays (the HTML report pages them); the rest are counted in a note.
MAX_SHOWN_ROWS = 1000
# Bidi embeddings, overrides, isolates and marks: invisible, yet they reorder the text around them.
BIDI_CONTROL_RE = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
ARABIC_LETTER_RE = re.compile("[\u0620-\u064a\u0671-\u06d3\ufb50-\ufdff\ufe70-\ufefc]")
LATIN_LETTER_RE = re.compile("[A-Za-z\u00c0-\u024f]")
CELL_RE = re.compile(r"<td>(.*?)</td>", re.S)
# An identifier long enough to widen a printed column past the page: letters, digits, _ # . - and no space.
LONG_ID_RE = re.compile(r"[\w#.-]{16,}")


def show_bidi_controls(text: str) -> str:
    """`text` with each bidi control character replaced by a visible mark naming it.

    >>> show_bidi_controls("abc\u202edef")
    'abc⟨U+202E⟩def'
    """
    return BIDI_CONTROL_RE.sub(lambda m: f"⟨U+{ord(m.group(0)):04X}⟩", text)


def _visible(value: object) -> object:
    return show_bidi_controls(value) if isinstance(value, str) else value


def has_bidi_controls(frame: pd.DataFrame) -> bool:
    """Whether any text cell, row label or column label of `frame` holds a bidi control."""
    labels = [*frame.index.to_flat_index(), *frame.columns.to_flat_index()]
    cells = (v for column in frame.columns for v in frame[column].tolist()) if frame.size else ()
    for value in (*labels, *cells):
        parts = value if isinstance(value, tuple) else (value,)
        if any(isinstance(p, str) and BIDI_CONTROL_RE.search(p) for p in parts):
            return True
    return False


def with_visible_controls(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` itself when it holds no bidi control, else a copy with every control made visible."""
    if not has_bidi_controls(frame):
        return frame
    shown_frame = frame.map(_visible)
    shown_frame.index = shown_frame.index.map(
        lambda v: tuple(map(_visible, v)) if isinstance(v, tuple) else _visible(v)
    )
    shown_frame.columns = shown_frame.columns.map(
        lambda v: tuple(map(_visible, v)) if isinstance(v, tuple) else _visible(v)
    )
    return shown_frame


# Column names as a reader says them; other snake_case names lose their underscores (`readable_header`).
HEADER_WORDS = {
    "doc_id": "document",
    "doc_ids": "documents",
    "docs": "documents",
    "sahel_analysis": "sahel-analysis",  # this tool, as its command is named
}
HEADER_SUFFIXES = (("_ar", " (Arabic)"), ("_en", " (English)"), ("_id", ""))
SNAKE_CASE_RE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$")


def readable_header(name: object) -> object:
    """A snake_case column name as words; any other name as it is.

    >>> [readable_header(n) for n in ("doc_id", "quote_ar", "actor_id", "first offset", 3)]
    ['document', 'quote (Arabic)', 'actor', 'first offset', 3]
    """
    if not isinstance(name, str) or not (name in HEADER_WORDS or SNAKE_CASE_RE.match(name)):
        return name
    if name in HEADER_WORDS:
        return HEADER_WORDS[name]
    for suffix, words in HEADER_SUFFIXES:
        if name.endswith(suffix):
            return name.removesuffix(suffix).replace("_", " ") + words
    return name.replace("_", " ")


def with_readable_headers(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with its column and index names as words (a copy; the data is not touched)."""
    shown_frame = frame.copy(deep=False)
    shown_frame.columns = shown_frame.columns.map(
        lambda c: tuple(map(readable_header, c)) if isinstance(c, tuple) else readable_header(c)
    )
    shown_frame.columns.names = [readable_header(n) for n in frame.columns.names]
    shown_frame.index.names = [readable_header(n) for n in frame.index.names]
    return shown_frame


def cell_direction(text: str) -> str:
    """`rtl` when a cell holds more Arabic letters than Latin ones, else `ltr`.

    A cell's first strong letter is a poor guide: an English note that opens on
    an Arabic quote («…» enumerates the list) would be laid out right to left
    and read backwards, its full stop at the wrong end.

    >>> cell_direction("«وعنيت جلُّ المفاوضات» enumerates what the talks dealt with"), cell_direction("«قلقها» أبدت")
    ('ltr', 'rtl')
    """
    return "rtl" if len(ARABIC_LETTER_RE.findall(text)) > len(LATIN_LETTER_RE.findall(text)) else "ltr"


def breakable_ids(text: str) -> str:
    """Let a long identifier (`005_international_presence#5`) wrap after its `_` and `#`, not only at its end.

    A `<wbr>` is a line-break opportunity and nothing else: the id copies and
    searches as written, and a printed table fits the page instead of losing
    its last column at the margin.
    """
    return LONG_ID_RE.sub(lambda m: re.sub(r"([_#])", r"\1<wbr>", m[0]), text)


def with_cell_directions(html: str) -> str:
    """Give every cell that holds Arabic the direction of most of its letters (`cell_direction`); let long ids wrap."""

    def cell(match: re.Match) -> str:
        body = breakable_ids(match[1])
        return (
            f'<td dir="{cell_direction(match[1])}">{body}</td>'
            if ARABIC_LETTER_RE.search(body)
            else f"<td>{body}</td>"
        )

    return CELL_RE.sub(cell, html)


def frame_html(frame: pd.DataFrame) -> str:
    """A DataFrame's HTML as pandas writes it, bidi controls made visible and Arabic cells given their direction.

    Never cut silently: a frame longer than pandas' `display.max_rows` (which
    pandas would cut to a few head and tail rows) shows its first
    `MAX_SHOWN_ROWS` rows and a line counting the rest, as `shown` does.
    """
    max_rows = pd.get_option("display.max_rows")
    if max_rows is not None and len(frame) > max_rows:
        return LongTable(frame.head(MAX_SHOWN_ROWS), len(frame)).html(frame_html)
    return with_cell_directions(with_visible_controls(frame)._repr_html_())


def reader_html(frame: pd.DataFrame) -> str:
    """A DataFrame's HTML for a reader: headers as words, bidi controls made visible."""
    return frame_html(with_readable_headers(frame))


def setup_display() -> None:
    """Set up a notebook's tables for reading: cells never cut short, headers as words, bidi controls visible.

    Call it in a notebook's first cell. Outside IPython only the pandas option is set.
    """
    pd.set_option("display.max_colwidth", None)
    shell = get_ipython()
    if shell is not None:
        html = shell.display_formatter.formatters["text/html"]
        html.for_type(pd.DataFrame, reader_html)
        html.for_type(LongTable, lambda table: table.html(reader_html))


@dataclass(frozen=True, eq=False)
class LongTable:
    """The first rows of a long table, displayed whole, with a note on the rows left out."""

    frame: pd.DataFrame
    total: int
    export: str = ""
    where: str = ""  # where else every row is, as a phrase: "on the document pages"

    @property
    def hidden(self) -> int:
        """How many rows of the table are not displayed."""
        return self.total - len(self.frame)

    def note(self) -> str:
        """One line: how many rows are not shown and where they all are ("" when none is left out).

        >>> LongTable(pd.DataFrame({"a": [1]}), 3, "documents.csv").note()
        '2 more rows not shown (3 in all); every row is in the export documents.csv.'
        >>> LongTable(pd.DataFrame({"a": [1]}), 1001, where="on the document pages").note()
        '1,000 more rows not shown (1,001 in all); every row is on the document pages.'
        """
        if not self.hidden:
            return ""
        places = [p for p in (self.export and f"in the export {self.export}", self.where) if p]
        where = f"; every row is {' and '.join(places)}." if places else "."
        return f"{self.hidden:,} more rows not shown ({self.total:,} in all){where}"

    def html(self, render: Callable[[pd.DataFrame], str] | None = None) -> str:
        """The rows as HTML (by `render`, bidi controls made visible by default), then the note."""
        with pd.option_context("display.max_rows", None, "display.min_rows", None):
            html = (render or frame_html)(self.frame)
        note = self.note()
        # data-total lets the report's table script say "showing 1–25 of 1,000 rows here (8,216 in all)"
        return html + (
            f'<p class="table-note" data-total="{self.total}"><em>{escape(note)}</em></p>' if note else ""
        )

    def _repr_html_(self) -> str:
        return self.html()

    def __repr__(self) -> str:
        with pd.option_context("display.max_rows", None, "display.min_rows", None):
            text = repr(self.frame)
        note = self.note()
        return f"{text}\n{note}" if note else text


def shown(
    frame: pd.DataFrame, *, export: str = "", where: str = "", limit: int = MAX_SHOWN_ROWS
) -> pd.DataFrame | LongTable:
    """A table as a notebook should display it: never silently truncated.

    A frame pandas displays whole comes back unchanged; a longer one comes back
    as a `LongTable` of its first `limit` rows (all of them when it has no more),
    noting how many are left out, the `export` file that holds them and `where`
    else they are (per-document detail: "on the document pages").

    >>> small = pd.DataFrame({"a": range(3)})
    >>> shown(small) is small
    True
    >>> print(shown(pd.DataFrame({"a": range(1250)}), export="mentions.csv").note())
    250 more rows not shown (1,250 in all); every row is in the export mentions.csv.
    """
    max_rows = pd.get_option("display.max_rows")
    if max_rows is None or len(frame) <= max_rows:
        return frame
    return LongTable(frame.head(limit), len(frame), export, where)
