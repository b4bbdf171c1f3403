"""The whole book as one PDF: Sphinx's single-page build, printed by headless Chromium.

The print stylesheet (report.css) decides the page: navigation and hidden code
left out, tables wrapped to the page width, figures and table rows never split.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from sahel_analysis.errors import SahelError
from sahel_analysis.report.book import run_sphinx
from sahel_analysis.report.check import CHROMIUM_FLAGS, find_chromium
from sahel_analysis.report.offline import find_remote_resources

PDF_NAME = "sahel-analysis-report.pdf"
PRINT_TIMEOUT_S = 600


def include_document_pages(source: Path) -> None:
    """Put every document page into the print: a hidden toctree on the documents' index.

    On screen the pages stay out of the navigation (one entry per document would
    swamp it in a large corpus) and are reached from that index; the single-page
    build for print takes only what a toctree names.
    """
    index = source / "documents" / "index.md"
    pages = (
        sorted(p.stem for p in index.parent.glob("*.md") if p.name != "index.md") if index.is_file() else []
    )
    if pages:
        tree = ["", "```{toctree}", ":hidden:", "", *pages, "```", ""]
        index.write_text(index.read_text(encoding="utf-8") + "\n".join(tree), encoding="utf-8")


def print_book(
    source: Path, work_dir: Path, pdf: Path, announce: Callable[[str], None] = print
) -> Path | None:
    """Print the Sphinx project in `source` to `pdf`; None (and a message) when Chromium is missing."""
    browser = find_chromium()
    if browser is None:
        announce("PDF skipped: headless Chromium is not installed (apt-get install chromium)")
        return None
    single = work_dir / "single"
    if single.exists():
        shutil.rmtree(single)
    announce("building the book as one page for print …")
    include_document_pages(source)
    run_sphinx(source, single, work_dir / "doctrees-single", lambda _line: None, builder="singlehtml")
    remote = find_remote_resources(single)
    if remote:
        raise SahelError(single / remote[0].file, f"loads {remote[0].excerpt!r} from the network")
    announce(f"printing it to {pdf.name} with headless Chromium …")
    with tempfile.TemporaryDirectory(prefix="sahel-chromium-") as profile:
        done = subprocess.run(
            [
                browser,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={profile}",
                "--no-pdf-header-footer",
                "--virtual-time-budget=10000",
                f"--print-to-pdf={pdf}",
                (single / "index.html").as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=PRINT_TIMEOUT_S,
        )
    if done.returncode != 0 or not pdf.is_file():
        raise SahelError(pdf, f"Chromium could not print the book (exit {done.returncode})")
    return pdf
