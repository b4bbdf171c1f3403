"""Spot table cells that a notebook's pandas cut short, so the build says so instead of hiding it.

pandas ends a cell longer than `display.max_colwidth` with "...": the rest of
the text is not in the notebook, and no stylesheet can bring it back.
"""

from __future__ import annotations

import re

# a data cell whose text ends with pandas' three dots (a long text cut at max_colwidth)
TRUNCATED_CELL_RE = re.compile(r"<td\b[^>]*>[^<]{4,}?\.\.\.</td>")


def truncated_cells(html: str) -> int:
    """How many table cells in `html` pandas cut short.

    >>> truncated_cells("<table><tr><td>a long quote that went on...</td><td>...</td></tr></table>")
    1
    """
    return len(TRUNCATED_CELL_RE.findall(html))
