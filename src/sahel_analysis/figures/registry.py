"""Every figure the build saves, registered by real imports, and the saving itself.

A topic module that fails to import fails the build loudly: a figure is never
silently dropped. Saving is deterministic (no timestamps, fixed hash salt).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path

from sahel_analysis.atomic import replace_atomically
from sahel_analysis.corpus.repaired import repaired_corpus
from sahel_analysis.figures import actors, lists, place_map, places, positions
from sahel_analysis.figures import corpus as corpus_figures
from sahel_analysis.figures.render import house_style

TOPICS = (actors, positions, lists, places, place_map, corpus_figures)

SAVE_OPTIONS = {
    "png": {"metadata": {"Software": None}},
    "svg": {"metadata": {"Date": None, "Creator": None}},
}


def figure_registry(corpus: Sequence) -> Iterator[tuple[str, Callable]]:
    """Every figure of this corpus, as (file stem, function of the corpus), topic by topic.

    A topic's `FIGURES` are made once for the corpus; its `DOCUMENT_FIGURES`
    once for every document that has something to draw (`<prefix>-<doc_id>`).
    """
    for topic in TOPICS:
        yield from topic.FIGURES.items()
        for prefix, (make, documents) in getattr(topic, "DOCUMENT_FIGURES", {}).items():
            for doc_id in documents(corpus):
                yield f"{prefix}-{doc_id}", partial(make, doc_id=doc_id)


def save_figure(fig, out_dir: Path, stem: str) -> list[Path]:
    """Save one figure as PNG and SVG without run-dependent metadata; return the paths."""
    paths = []
    for ext, options in SAVE_OPTIONS.items():
        path = out_dir / f"{stem}.{ext}"
        replace_atomically(
            path, lambda tmp, ext=ext, options=options: fig.savefig(tmp, format=ext, **options)
        )
        paths.append(path)
    return paths


def save_all_figures(root: Path, out_dir: Path) -> list[Path]:
    """Render every registered figure from the repaired corpus into `out_dir`.

    Figures are built on explicit `Figure` objects, never through pyplot, so
    no backend is chosen and nothing needs closing: each is freed with its last reference.
    """
    corpus = repaired_corpus(root)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for stem, make in figure_registry(corpus):
        with house_style():
            fig = make(corpus)
            written += save_figure(fig, out_dir, stem)
    return written
