"""Draw Arabic correctly: the project font, a run-time label helper and the house style.

Matplotlib >= 3.11 built with libraqm shapes and orders Arabic itself, so labels
go in as logical text. Older matplotlib, or a build without libraqm, needs
arabic-reshaper + python-bidi instead. `arabic_label` decides once, at run time,
and never does both: shaping twice draws the text mirrored. Reshaped text is
never stored, because it changes characters (lam-alef collapses into one glyph).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Sequence
from functools import cache
from importlib.resources import files
from pathlib import Path

import arabic_reshaper
import matplotlib
from bidi import get_display
from matplotlib import colors, font_manager, ft2font

from sahel_analysis.package_data import data_text

FONT_FAMILY = "IBM Plex Sans Arabic"
FALLBACK_FAMILY = "DejaVu Sans"
ARABIC_RE = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
PRESENTATION_RE = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")

HOUSE_STYLE = {
    "font.family": [FONT_FAMILY, FALLBACK_FAMILY],
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "figure.facecolor": "white",
    "svg.hashsalt": "sahel-analysis",
    "svg.fonttype": "path",
    "text.usetex": False,
    "axes.formatter.use_mathtext": False,
}

# Colours that stay distinct for colour-blind readers (Okabe-Ito).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")
# Past the eight Okabe-Ito colours, a qualitative palette of twenty (matplotlib's tab20, its dark
# shades first so neighbours differ most); past twenty, a colormap sampled to the corpus.
WIDE_PALETTE = "tab20"
SAMPLED_COLORMAP = "turbo"
# How many documents a figure draws one series (and one legend entry) each for; past it, it aggregates.
MAX_DOCUMENT_SERIES = len(PALETTE)
STANCE_COLOURS = {
    "supports": "#009E73",
    "conditional": "#56B4E9",
    "ambivalent": "#E69F00",
    "opposes": "#D55E00",
}


def palette_for(n: int) -> tuple[str, ...]:
    """`n` distinct colours, the same for the same `n`: Okabe-Ito up to eight, then tab20, then a sampled colormap.

    >>> palette_for(2)
    ('#0072B2', '#E69F00')
    >>> len(set(palette_for(30)))
    30
    """
    if n <= len(PALETTE):
        return PALETTE[:n]
    if n <= 20:
        wide = [colors.to_hex(c) for c in matplotlib.colormaps[WIDE_PALETTE].colors]
        return tuple((wide[0::2] + wide[1::2])[:n])
    cmap = matplotlib.colormaps[SAMPLED_COLORMAP]
    return tuple(colors.to_hex(cmap(0.04 + 0.92 * k / (n - 1))) for k in range(n))


def document_colours(doc_ids: Sequence[str]) -> dict[str, str]:
    """One colour per document, by its position in `doc_ids` (corpus order): distinct for any corpus size."""
    return dict(zip(doc_ids, palette_for(len(doc_ids)), strict=True))


@cache
def font_paths() -> tuple[Path, ...]:
    """The project font's files (regular and bold), from its PyPI package."""
    root = files("fontpkg_ibm_plex_sans_arabic").joinpath("files")
    return tuple(
        Path(str(root.joinpath(name)))
        for name in ("IBMPlexSansArabic-Regular.ttf", "IBMPlexSansArabic-Bold.ttf")
    )


@cache
def register_fonts() -> str:
    """Register the project font with matplotlib by file (same look on every machine)."""
    for path in font_paths():
        font_manager.fontManager.addfont(str(path))
    return FONT_FAMILY


def has_native_shaping() -> bool:
    """Whether the installed matplotlib shapes complex text itself (>= 3.11 with libraqm)."""
    major, minor = (int(x) for x in matplotlib.__version__.split(".")[:2])
    return (major, minor) >= (3, 11) and bool(getattr(ft2font, "__libraqm_version__", None))


def shape_for_display(text: str) -> str:
    """Reshape and reorder Arabic for a renderer that cannot (terminals, old matplotlib).

    The result is for display only: never store it or match against it.
    """
    if not ARABIC_RE.search(text):
        return text
    return get_display(arabic_reshaper.reshape(text))


def arabic_label(text: str, *, native: bool | None = None) -> str:
    """Return `text` ready for a matplotlib label on this installation.

    Logical order for a shaping matplotlib; reshaped and reordered otherwise.
    A `$` is escaped so the label never goes through mathtext.

    >>> arabic_label("مالي", native=True)
    'مالي'
    >>> arabic_label("5$", native=True)
    '5\\\\$'
    """
    native = has_native_shaping() if native is None else native
    out = text if native else shape_for_display(text)
    return out.replace("$", r"\$")


def bilingual(arabic: str, english: str, *, native: bool | None = None, sep: str = "\n") -> str:
    """A label with the Arabic name and its English gloss, each on its own line by default."""
    if not arabic:
        return english
    if not english:
        return arabic_label(arabic, native=native)
    return f"{arabic_label(arabic, native=native)}{sep}{english.replace('$', chr(92) + '$')}"


@contextlib.contextmanager
def house_style() -> Iterator[None]:
    """Apply the house style for the figures built inside the block, leaving no global state."""
    register_fonts()
    with matplotlib.rc_context(HOUSE_STYLE):
        yield


def css_for_report() -> str:
    """The report's stylesheet (package data)."""
    return data_text("report.css")
