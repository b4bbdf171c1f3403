"""The whole report build, step by step, each step announced: figures, notebooks, book.

`sahel-analysis build` calls `publish_report`; so does `python3 tasks.py report`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sahel_analysis.analysis.questions import Answer, answers
from sahel_analysis.atomic import remove_stale_temporaries
from sahel_analysis.corpus.catalog import load_corpus
from sahel_analysis.corpus.repaired import repaired_corpus
from sahel_analysis.errors import SahelError
from sahel_analysis.figures.registry import save_all_figures
from sahel_analysis.report.book import Book, build_book
from sahel_analysis.report.build import clear_notebook_leftovers, list_notebooks, start_notebooks
from sahel_analysis.report.document_pages import INDEX_PAGE, document_sources
from sahel_analysis.report.pdf import PDF_NAME, print_book
from sahel_analysis.report.tables import truncated_cells

REPORT_DIR = "report"
FIGURES_DIR = "figures"
WORK_DIR = "build/book"


@dataclass(frozen=True)
class Report:
    """What a build wrote: the book, the figure files, the notebooks it executed, the PDF if any."""

    book: Book
    figures: tuple[Path, ...]
    executed: tuple[Path, ...]
    pdf: Path | None = None


def report_findings(root: Path) -> list[Answer]:
    """What the index page answers: each of the report's questions with its findings, quotes and views."""
    return answers(repaired_corpus(root))


def clear_build_leftovers(root: Path) -> list[Path]:
    """Check the build's output folders are folders; remove what a killed build left in them.

    Figures and notebooks are written through temporaries (`atomic`); one whose
    process is gone was left by a kill and is removed here.
    """
    for name in (FIGURES_DIR, REPORT_DIR):
        folder = root / name
        if folder.exists() and not folder.is_dir():
            raise SahelError(folder, f"is a file, not a folder: build writes its {name} there; move it away")
    return [*remove_stale_temporaries(root / FIGURES_DIR), *clear_notebook_leftovers(root / "notebooks")]


def publish_report(
    root: Path,
    question: str,
    *,
    execute: bool = True,
    pdf: bool = False,
    announce: Callable[[str], None] = print,
) -> Report:
    """Check the corpus, save the figures, execute the notebooks, build the book into report/.

    With `pdf`, also print the whole book into report/sahel-analysis-report.pdf (needs Chromium).
    """
    start = time.perf_counter()
    announce("[1/4] checking the corpus")
    load_corpus(root)  # fail early, with a one-line message, on a bad seed or catalog
    for removed in clear_build_leftovers(root):
        announce(f"  removed {removed.relative_to(root)}, left by a build that was stopped")
    notebooks = list_notebooks(root / "notebooks")
    # The notebooks run in their own kernels while this process draws the figures: neither reads the other.
    running = start_notebooks(root / "notebooks") if execute else None
    try:
        during = f" while {len(notebooks)} notebooks execute, {running.workers} at a time" if running else ""
        announce(f"[2/4] drawing the figures into {FIGURES_DIR}/{during}")
        figures = save_all_figures(root, root / FIGURES_DIR)
        for path in figures:
            announce(f"  wrote {path.relative_to(root)}")
    except BaseException:
        if running is not None:
            running.stop()
        raise
    if running is not None:
        announce(f"[3/4] waiting for the {len(notebooks)} notebooks (each in a fresh kernel)")
        running.wait(announce=lambda line: announce(f"  {line.strip()}"))
    else:
        announce("[3/4] notebooks not executed (--no-execute): the book shows their committed outputs")
    announce(f"[4/4] building the book into {REPORT_DIR}/")
    corpus = repaired_corpus(root)
    announce(f"  writing a page per document ({len(corpus)}) …")
    document_pages = document_sources(corpus, root)
    book = build_book(
        notebooks,
        root / REPORT_DIR,
        root / WORK_DIR,
        question,
        report_findings(root),
        announce=lambda line: announce(f"  {line}"),
        extra_pages=document_pages,
        extra_index=INDEX_PAGE,
    )
    for page in book.pages:
        cut = truncated_cells((book.html_dir / f"{page}.html").read_text(encoding="utf-8"))
        if cut:
            announce(
                f"  warning: {page}: {cut} table cell(s) cut short by pandas "
                '(set pd.set_option("display.max_colwidth", None) in the notebook)'
            )
    printed = None
    if pdf:
        work = root / WORK_DIR
        printed = print_book(
            work / "source", work, root / REPORT_DIR / PDF_NAME, lambda line: announce(f"  {line}")
        )
    written = f" and {printed.relative_to(root)}" if printed else ""
    announce(
        f"wrote {book.index.relative_to(root)} ({len(book.pages)} chapters){written} "
        f"in {time.perf_counter() - start:.0f} s"
    )
    return Report(book, tuple(figures), tuple(notebooks) if execute else (), printed)
