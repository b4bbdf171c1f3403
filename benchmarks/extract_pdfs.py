"""Extract the text layer of every benchmark PDF with several real extractors.

For each ``pdf/<engine>/<name>.pdf`` this writes
``extracted/<engine>/<extractor>/<name>.txt`` (UTF-8, ``\\n`` line ends),
exactly as the extractor returned it: bidi control characters, presentation
forms, odd spaces and ordering are kept, since they are what a repair
function has to cope with.  Pages are joined with a form feed (``\\f``),
as ``pdftotext`` does.  The outputs are deterministic for a given PDF and
extractor version; ``extracted/VERSIONS.txt`` records those versions.

Extractors:

* ``pdftotext``      poppler ``pdftotext -enc UTF-8`` (default mode);
* ``pdftotext-raw``  poppler ``pdftotext -raw -enc UTF-8`` (content-stream order);
* ``pdfminer``       ``pdfminer.high_level.extract_text``;
* ``pdfplumber``     ``page.extract_text()`` per page;
* ``pypdf``          ``page.extract_text()`` per page;
* ``pymupdf``        ``page.get_text()`` per page.

Usage::

    python extract_pdfs.py [--extractor NAME ...]
"""

from __future__ import annotations

import argparse
import importlib.metadata
import subprocess
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
PDF_DIR = HERE / "pdf"
OUT_DIR = HERE / "extracted"


def _pdftotext(path: Path, *extra: str) -> str:
    """Run poppler's pdftotext and return its UTF-8 output."""
    result = subprocess.run(
        ["pdftotext", *extra, "-enc", "UTF-8", str(path), "-"],
        check=True,
        capture_output=True,
    )
    return result.stdout.decode("utf-8")


def extract_pdftotext(path: Path) -> str:
    """poppler pdftotext, default (reading-order reconstruction) mode."""
    return _pdftotext(path)


def extract_pdftotext_raw(path: Path) -> str:
    """poppler pdftotext -raw: text in content-stream order."""
    return _pdftotext(path, "-raw")


def extract_pdfminer(path: Path) -> str:
    """pdfminer.six high-level extract_text with default LAParams."""
    from pdfminer.high_level import extract_text

    return extract_text(str(path))


def extract_pdfplumber(path: Path) -> str:
    """pdfplumber page.extract_text() with default settings, pages joined by \\f."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return "\f".join(page.extract_text() or "" for page in pdf.pages)


def extract_pypdf(path: Path) -> str:
    """pypdf page.extract_text() with default settings, pages joined by \\f."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    return "\f".join(page.extract_text() or "" for page in reader.pages)


def extract_pymupdf(path: Path) -> str:
    """PyMuPDF page.get_text() (plain text mode), pages joined by \\f."""
    import pymupdf

    with pymupdf.open(path) as doc:
        return "\f".join(page.get_text() for page in doc)


EXTRACTORS: dict[str, Callable[[Path], str]] = {
    "pdftotext": extract_pdftotext,
    "pdftotext-raw": extract_pdftotext_raw,
    "pdfminer": extract_pdfminer,
    "pdfplumber": extract_pdfplumber,
    "pypdf": extract_pypdf,
    "pymupdf": extract_pymupdf,
}


def tool_versions() -> str:
    """Return a small text report of the extractor versions in use."""
    poppler = subprocess.run(["pdftotext", "-v"], capture_output=True, text=True)
    lines = [f"poppler-utils pdftotext: {poppler.stderr.splitlines()[0].split()[-1]}"]
    for dist in ("pdfminer.six", "pdfplumber", "pypdf", "pymupdf"):
        lines.append(f"{dist}: {importlib.metadata.version(dist)}")
    return "\n".join(lines) + "\n"


def main() -> None:
    """Extract every PDF with every requested extractor."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--extractor",
        choices=sorted(EXTRACTORS),
        action="append",
        help="extractor to run (repeatable; default: all)",
    )
    args = parser.parse_args()
    names = args.extractor or list(EXTRACTORS)
    pdfs = sorted(PDF_DIR.glob("*/*.pdf"))
    if not pdfs:
        raise SystemExit("no PDFs under pdf/: run make_pdfs.py first")
    for pdf in pdfs:
        engine = pdf.parent.name
        for name in names:
            text = EXTRACTORS[name](pdf).replace("\r\n", "\n")
            out = OUT_DIR / engine / name / f"{pdf.stem}.txt"
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8", newline="\n")
    (OUT_DIR / "VERSIONS.txt").write_text(tool_versions(), encoding="utf-8")
    print(f"extracted {len(pdfs)} PDFs with {', '.join(names)} into {OUT_DIR.relative_to(HERE)}")


if __name__ == "__main__":
    main()
