"""Read the committed benchmark results back as a table, for the notebooks and the README."""

from __future__ import annotations

from pathlib import Path

import pandas as pd


def read_accuracy_table(path: Path, heading: str = "## Word accuracy") -> pd.DataFrame:
    """Parse the first Markdown table under `heading` in a results file into a DataFrame.

    The benchmark script writes Markdown; reading it back (instead of re-running
    PDF renderers inside a notebook) keeps the notebook fast and offline.
    """
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(heading))
    rows = []
    for line in lines[start + 1 :]:
        if line.startswith("|"):
            rows.append([cell.strip().strip("*") for cell in line.strip().strip("|").split("|")])
        elif rows:
            break
    header, body = rows[0], [r for r in rows[2:]]
    return pd.DataFrame(body, columns=header).set_index(header[0])
