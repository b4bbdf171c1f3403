"""Render the Arabic benchmark corpus to PDF with real layout engines.

Each ``corpus/<name>.txt`` file (logical-order UTF-8, paragraphs separated by
blank lines, every non-blank line its own block) is rendered twice:

* ``libreoffice``: a flat ODF text document (``.fodt``) with a narrow
  right-to-left page, justified paragraphs, Arabic (``ar-SA``) as the complex
  script language and the Amiri font, converted with
  ``libreoffice --headless --convert-to pdf``;
* ``chromium``: an HTML page (``<html dir="rtl" lang="ar">``, justified,
  Noto Naskh Arabic) printed with ``chromium --headless --print-to-pdf``.

Output goes to ``pdf/<engine>/<name>.pdf``.  The PDFs are not byte-for-byte
reproducible (both engines stamp dates and IDs), but the text layer is.
Nothing here touches the network: inputs are local files and Chromium runs
with its background networking switched off.

Usage::

    python make_pdfs.py [--engine libreoffice|chromium] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import html
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
CORPUS_DIR = HERE / "corpus"
PDF_DIR = HERE / "pdf"

PAGE_WIDTH_MM = 100
PAGE_HEIGHT_MM = 260
MARGIN_MM = 10
FONT_SIZE_PT = 12
LIBREOFFICE_FONT = "Amiri"
CHROMIUM_FONT = "Noto Naskh Arabic"

ENGINES = ("libreoffice", "chromium")


def read_blocks(path: Path) -> list[list[str]]:
    """Return the file as paragraphs (split on blank lines) of non-blank lines."""
    paragraphs: list[list[str]] = []
    current: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return paragraphs


def to_fodt(paragraphs: list[list[str]]) -> str:
    """Build a flat ODF text document: RTL page, justified Arabic paragraphs."""
    body = []
    for i, lines in enumerate(paragraphs):
        for j, line in enumerate(lines):
            style = "Gap" if i > 0 and j == 0 else "Body"
            body.append(f'<text:p text:style-name="{style}">{escape(line)}</text:p>')
    para_props = (
        'fo:text-align="justify" style:writing-mode="rl-tb" fo:margin-top="0cm" fo:margin-bottom="0.1cm"'
    )
    text_props = (
        f'style:font-name="{LIBREOFFICE_FONT}" fo:font-size="{FONT_SIZE_PT}pt" '
        'fo:language="en" fo:country="US" '
        f'style:font-name-complex="{LIBREOFFICE_FONT}" '
        f'style:font-size-complex="{FONT_SIZE_PT}pt" '
        'style:language-complex="ar" style:country-complex="SA"'
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:font-face-decls>
  <style:font-face style:name="{LIBREOFFICE_FONT}" svg:font-family="{LIBREOFFICE_FONT}"/>
 </office:font-face-decls>
 <office:styles>
  <style:default-style style:family="paragraph">
   <style:paragraph-properties {para_props}/>
   <style:text-properties {text_props}/>
  </style:default-style>
 </office:styles>
 <office:automatic-styles>
  <style:page-layout style:name="Narrow">
   <style:page-layout-properties fo:page-width="{PAGE_WIDTH_MM}mm"
    fo:page-height="{PAGE_HEIGHT_MM}mm" fo:margin-top="{MARGIN_MM}mm"
    fo:margin-bottom="{MARGIN_MM}mm" fo:margin-left="{MARGIN_MM}mm"
    fo:margin-right="{MARGIN_MM}mm" style:writing-mode="rl-tb"/>
  </style:page-layout>
  <style:style style:name="Body" style:family="paragraph">
   <style:paragraph-properties {para_props}/>
  </style:style>
  <style:style style:name="Gap" style:family="paragraph">
   <style:paragraph-properties {para_props.replace('fo:margin-top="0cm"', 'fo:margin-top="0.3cm"')}/>
  </style:style>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="Narrow"/>
 </office:master-styles>
 <office:body>
  <office:text>
   {chr(10).join(body)}
  </office:text>
 </office:body>
</office:document>
"""


def to_html(paragraphs: list[list[str]], title: str) -> str:
    """Build an RTL HTML page with a narrow printed page and justified text."""
    body = []
    for lines in paragraphs:
        body.append('<div class="para">')
        body.extend(f"<p>{html.escape(line, quote=False)}</p>" for line in lines)
        body.append("</div>")
    return f"""<!DOCTYPE html>
<html dir="rtl" lang="ar">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}</title>
<style>
@page {{ size: {PAGE_WIDTH_MM}mm {PAGE_HEIGHT_MM}mm; margin: {MARGIN_MM}mm; }}
body {{ margin: 0; font-family: "{CHROMIUM_FONT}", serif; font-size: {FONT_SIZE_PT}pt;
       line-height: 1.6; text-align: justify; }}
p {{ margin: 0 0 0.1cm 0; }}
.para + .para {{ margin-top: 0.3cm; }}
</style>
</head>
<body>
{chr(10).join(body)}
</body>
</html>
"""


def render_libreoffice(sources: list[Path], out_dir: Path) -> None:
    """Convert the corpus files to PDF with headless LibreOffice Writer."""
    exe = shutil.which("libreoffice") or shutil.which("soffice")
    if exe is None:
        sys.exit("libreoffice not found (apt-get install libreoffice-writer-nogui)")
    with tempfile.TemporaryDirectory(prefix="sahel-lo-") as tmp:
        tmp_path = Path(tmp)
        fodts = []
        for src in sources:
            fodt = tmp_path / f"{src.stem}.fodt"
            fodt.write_text(to_fodt(read_blocks(src)), encoding="utf-8")
            fodts.append(str(fodt))
        profile = (tmp_path / "profile").as_uri()
        subprocess.run(
            [
                exe,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf:writer_pdf_Export",
                "--outdir",
                str(out_dir),
                *fodts,
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )


def render_chromium(sources: list[Path], out_dir: Path) -> None:
    """Print the corpus files to PDF with headless Chromium."""
    from sahel_analysis.report.check import CHROMIUM_FLAGS, find_chromium

    exe = find_chromium()
    if exe is None:
        sys.exit("chromium not found (apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="sahel-chromium-") as tmp:
        tmp_path = Path(tmp)
        for src in sources:
            page = tmp_path / f"{src.stem}.html"
            page.write_text(to_html(read_blocks(src), src.stem), encoding="utf-8")
            profile = tempfile.mkdtemp(prefix="profile-", dir=tmp)
            subprocess.run(
                [
                    exe,
                    *CHROMIUM_FLAGS,
                    "--no-pdf-header-footer",
                    f"--user-data-dir={profile}",
                    f"--print-to-pdf={out_dir / (src.stem + '.pdf')}",
                    page.as_uri(),
                ],
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )


def main() -> None:
    """Parse arguments and render the requested engines."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--engine", choices=ENGINES, action="append", help="engine to run (repeatable; default: all)"
    )
    parser.add_argument("--only", nargs="*", default=None, help="corpus file stems to render (default: all)")
    args = parser.parse_args()
    sources = sorted(CORPUS_DIR.glob("*.txt"))
    if args.only:
        sources = [s for s in sources if s.stem in set(args.only)]
    renderers = {"libreoffice": render_libreoffice, "chromium": render_chromium}
    for engine in args.engine or ENGINES:
        out_dir = PDF_DIR / engine
        out_dir.mkdir(parents=True, exist_ok=True)
        renderers[engine](sources, out_dir)
        print(f"{engine}: {len(sources)} PDFs in {out_dir.relative_to(HERE)}")


if __name__ == "__main__":
    main()
