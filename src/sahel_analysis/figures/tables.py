"""Long tables in the notebooks: shown whole up to a limit, else their first rows and how many are not shown.

pandas truncates a frame longer than `display.max_rows` to a few head and tail
rows without saying so clearly; at a hundred documents most of a corpus table
vanished. `shown` returns a short frame untouched (its display is pandas' own),
and a longer one as a `LongTable` that displays every row up to the limit and
ends with a one-line note naming how many rows are left out and the exported
dataset that holds them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

import pandas as pd

# The most rows a notebook table displays; the rest are counted in a note.
MAX_SHOWN_ROWS = 200


@dataclass(frozen=True, eq=False)
class LongTable:
    """The first rows of a long table, displayed whole, with a note on the rows left out."""

    frame: pd.DataFrame
    total: int
    export: str = ""

    @property
    def hidden(self) -> int:
        """How many rows of the table are not displayed."""
        return self.total - len(self.frame)

    def note(self) -> str:
        """One line: how many rows are not shown and where they all are ("" when none is left out).

        >>> LongTable(pd.DataFrame({"a": [1]}), 3, "documents.csv").note()
        '2 more rows not shown (3 in all); every row is in the export documents.csv.'
        """
        if not self.hidden:
            return ""
        where = f"; every row is in the export {self.export}." if self.export else "."
        return f"{self.hidden} more rows not shown ({self.total} in all){where}"

    def _repr_html_(self) -> str:
        with pd.option_context("display.max_rows", None, "display.min_rows", None):
            html = self.frame._repr_html_()
        note = self.note()
        return html + (f"<p><em>{escape(note)}</em></p>" if note else "")

    def __repr__(self) -> str:
        with pd.option_context("display.max_rows", None, "display.min_rows", None):
            text = repr(self.frame)
        note = self.note()
        return f"{text}\n{note}" if note else text


def shown(frame: pd.DataFrame, *, export: str = "", limit: int = MAX_SHOWN_ROWS) -> pd.DataFrame | LongTable:
    """A table as a notebook should display it: never silently truncated.

    A frame pandas displays whole comes back unchanged; a longer one comes back
    as a `LongTable` of its first `limit` rows (all of them when it has no more),
    noting how many are left out and the `export` file that holds them.

    >>> small = pd.DataFrame({"a": range(3)})
    >>> shown(small) is small
    True
    >>> print(shown(pd.DataFrame({"a": range(250)}), export="mentions.csv").note())
    50 more rows not shown (250 in all); every row is in the export mentions.csv.
    """
    max_rows = pd.get_option("display.max_rows")
    if max_rows is None or len(frame) <= max_rows:
        return frame
    return LongTable(frame.head(limit), len(frame), export)
