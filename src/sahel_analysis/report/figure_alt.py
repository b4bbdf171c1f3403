"""An IPython extension the build's kernels load: each figure's titles ride along with its image.

A notebook ends a plot cell with the figure. The build's kernel then stores the
figure as `image/png` and, in that output's metadata, the figure's own titles
(`{"image/png": {"alt": "…"}}`). The book turns them into the figure's caption
and alt text, so a reader who cannot see the image reads what it shows.
Kernels without the extension (nbval, JupyterLab) store the same image without
the metadata: nbval compares neither.
"""

from __future__ import annotations

import unicodedata

from matplotlib.figure import Figure

ALT_KEY = "alt"
TITLE_LOCATIONS = ("left", "center", "right")
SEPARATOR = " · "


def figure_titles(fig: Figure) -> tuple[str, ...]:
    """The figure's non-empty titles in reading order: its suptitle, then each axes' titles.

    Presentation forms (a label reshaped for an old matplotlib) fold back to letters.

    >>> fig = Figure()
    >>> ax = fig.subplots()
    >>> _ = ax.set_title("Events", loc="left"); _ = ax.set_title("الأحداث", loc="right")
    >>> figure_titles(fig)
    ('Events', 'الأحداث')
    """
    titles = [fig.get_suptitle()]
    for ax in fig.axes:
        titles += [ax.get_title(loc) for loc in TITLE_LOCATIONS]
    cleaned = (unicodedata.normalize("NFKC", t).replace("\\$", "$").strip() for t in titles)
    return tuple(dict.fromkeys(t for t in cleaned if t))


def figure_metadata(fig: Figure) -> tuple[dict, dict]:
    """A mime-bundle formatter: no data of its own, the titles as the PNG's metadata."""
    titles = figure_titles(fig)
    return {}, ({"image/png": {ALT_KEY: SEPARATOR.join(titles)}} if titles else {})


def load_ipython_extension(ipython) -> None:
    """Register `figure_metadata` for every matplotlib Figure the kernel displays."""
    ipython.display_formatter.mimebundle_formatter.for_type(Figure, figure_metadata)
