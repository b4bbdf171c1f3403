"""Render executed notebooks into a static, offline HTML report with right-to-left Arabic."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

from sahel_analysis.analysis.list_findings import synthesis_findings
from sahel_analysis.corpus.repaired import repaired_corpus
from sahel_analysis.figures.render import css_for_report, font_paths

ARABIC_RE = re.compile("[\u0600-\u06ff]")

ASSETS = "assets"
STYLESHEET = f'<link rel="stylesheet" href="{ASSETS}/report.css">'


@dataclass(frozen=True)
class Page:
    """One rendered notebook: its source path, output file name, title and description."""

    notebook: Path
    html_name: str
    title: str
    description: str


def notebook_summary(nb: nbformat.NotebookNode, fallback: str) -> tuple[str, str]:
    """Return the notebook's title (first `# ` heading) and first English sentence after it."""
    title, description = fallback, ""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            text = re.sub(r"<[^>]+>", "", line).strip()
            if text.startswith("# ") and title == fallback:
                title = text[2:].strip()
            elif (
                text
                and not text.startswith("#")
                and not ARABIC_RE.search(text)
                and title != fallback
                and not description
            ):
                description = (
                    re.sub(r"^(\*\*)?Question\.(\*\*)?\s*", "", text).replace("**", "").replace("*", "")
                )
        if description:
            break
    return title, description


def _exporter() -> HTMLExporter:
    exporter = HTMLExporter(template_name="lab")
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    return exporter


def _add_direction(body: str) -> str:
    """Give every rendered markdown cell `dir="auto"` so Arabic paragraphs run right to left."""
    body = body.replace(
        'class="jp-RenderedHTMLCommon jp-RenderedMarkdown jp-MarkdownOutput"',
        'class="jp-RenderedHTMLCommon jp-RenderedMarkdown jp-MarkdownOutput" dir="auto"',
    )
    return re.sub(r"<(p|li|h[1-6]|td|th)>", r'<\1 dir="auto">', body)


REMOTE_RE = re.compile(
    r"""(src|href)=["']https?://|url\(["']?https?://|(import|from)\s*\(?\s*["']https?://"""
)


def _strip_remote(body: str) -> str:
    """Remove every script or stylesheet that would fetch from the network (CDNs for MathJax,
    require.js, mermaid): the report must work offline."""
    body = re.sub(
        r"<script\b[^>]*>.*?</script>",
        lambda m: "" if REMOTE_RE.search(m.group(0)) else m.group(0),
        body,
        flags=re.S,
    )
    return re.sub(r"<link\b[^>]*>", lambda m: "" if REMOTE_RE.search(m.group(0)) else m.group(0), body)


def render_notebook(path: Path, out_dir: Path) -> Page:
    """Render one executed notebook to `out_dir/<stem>.html` and describe it for the index."""
    nb = nbformat.read(path, as_version=4)
    body, _ = _exporter().from_notebook_node(nb)
    body = _strip_remote(_add_direction(body))
    body = body.replace("</head>", f"{STYLESHEET}\n</head>", 1)
    nav = '<nav class="report-nav"><a href="index.html">← sahel-analysis report</a></nav>'
    body = re.sub(r"(<body[^>]*>)", r"\1" + nav, body, count=1)
    name = f"{path.stem}.html"
    _write_atomic(out_dir / name, body)
    title, description = notebook_summary(nb, path.stem)
    return Page(path, name, title, description)


def render_index(pages: list[Page], out_dir: Path, question: str, findings: list[str]) -> Path:
    """Write `index.html`: the project's question, its findings and a link per notebook."""
    items = "\n".join(
        f'<li><a href="{html.escape(p.html_name)}">{html.escape(p.title)}</a>'
        f"{' — ' + html.escape(p.description) if p.description else ''}</li>"
        for p in pages
    )
    found = "\n".join(f'<li dir="auto">{html.escape(f)}</li>' for f in findings)
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>sahel-analysis report</title>{STYLESHEET}</head>
<body>
<h1>sahel-analysis: negotiating with armed groups in the African Sahel</h1>
<p>{html.escape(question)}</p>
{'<h2>Findings</h2><ul class="findings">' + found + "</ul>" if findings else ""}
<h2>Notebooks</h2>
<ol>
{items}
</ol>
</body></html>
"""
    index = out_dir / "index.html"
    _write_atomic(index, page)
    return index


def write_assets(out_dir: Path) -> list[Path]:
    """Copy the stylesheet, the project font and its licence into the report (all offline)."""
    assets = out_dir / ASSETS
    assets.mkdir(parents=True, exist_ok=True)
    written = []
    _write_atomic(assets / "report.css", css_for_report())
    written.append(assets / "report.css")
    for font in font_paths():
        target = assets / font.name
        target.write_bytes(font.read_bytes())
        written.append(target)
    licence = font_paths()[0].parent.parent / "LICENSE"
    if licence.is_file():
        (assets / "OFL-LICENSE.txt").write_text(licence.read_text(encoding="utf-8"), encoding="utf-8")
    return written


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def report_findings(root: Path) -> list[str]:
    """The findings summary for the index page: each synthesis finding's statement."""
    return [finding.statement_en for finding in synthesis_findings(repaired_corpus(root))]
