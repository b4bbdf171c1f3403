"""Figures: each `plot_<thing>(data, *, ax=None) -> Figure` builds one figure; the build saves them.

Topic modules (`figures.actors`, `figures.positions`, `figures.lists`, …)
declare `FIGURES`, a mapping from a file stem to a function of the repaired
corpus returning a Figure. `save_all_figures` renders every one of them, once,
to PNG and SVG, deterministically (no timestamps, fixed hash salt).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from importlib import import_module
from pathlib import Path

TOPICS = ("repair", "actors", "positions", "lists")
SAVE_OPTIONS = {
    "png": {"metadata": {"Software": None}},
    "svg": {"metadata": {"Date": None, "Creator": None}},
}


def figure_registry() -> Iterator[tuple[str, Callable]]:
    """Every declared figure, as (file stem, function of the corpus), topic by topic."""
    for topic in TOPICS:
        try:
            module = import_module(f"sahel_analysis.figures.{topic}")
        except ModuleNotFoundError:
            continue
        yield from getattr(module, "FIGURES", {}).items()


def save_figure(fig, out_dir: Path, stem: str) -> list[Path]:
    """Save one figure as PNG and SVG without run-dependent metadata; return the paths."""
    from .._atomic import replace_atomically

    paths = []
    for ext, options in SAVE_OPTIONS.items():
        path = out_dir / f"{stem}.{ext}"
        replace_atomically(
            path, lambda tmp, ext=ext, options=options: fig.savefig(tmp, format=ext, **options)
        )
        paths.append(path)
    return paths


def save_all_figures(root: Path, out_dir: Path) -> list[Path]:
    """Render every registered figure from the repaired corpus into `out_dir`."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from ..documents import repaired_corpus
    from ..render import house_style

    corpus = repaired_corpus(root)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for stem, make in figure_registry():
        with house_style():
            fig = make(corpus)
            written += save_figure(fig, out_dir, stem)
            plt.close(fig)
    return written
