"""Turn an executed notebook into a book page: code hidden one click away, figures captioned.

The committed notebook is never changed: the book reads a copy with these
additions (myst-nb reads them as cell tags and cell metadata).

How a figure gets its caption and alt text, first match wins:
1. the author's own, in the plot cell's metadata (myst-nb's keys; in JupyterLab,
   the property inspector): `{"mystnb": {"figure": {"caption": "…"}, "image": {"alt": "…"}}}`;
2. the figure's titles, which the build's kernel stores with the image
   (`report.figure_alt`): every figure function sets a bilingual title;
3. the first sentence of the prose just above the plot cell.
"""

from __future__ import annotations

import copy
import re

import nbformat

from sahel_analysis.report.figure_alt import ALT_KEY, SEPARATOR

HIDE_INPUT = "hide-input"
IMAGE_TYPES = ("image/png", "image/jpeg", "image/svg+xml")
ARABIC_RE = re.compile("[\u0600-\u06ff]")
MARKDOWN_SPECIAL_RE = re.compile(r"([\\`*_{}\[\]<>#|$])")
TAG_RE = re.compile(r"<[^>]+>")
SENTENCE_END_RE = re.compile(r"(?<=[.!?:])\s")
CAPTION_CHARS = 240


def image_outputs(cell: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    """The cell's outputs that hold an image."""
    return [o for o in cell.get("outputs", []) if any(t in o.get("data", {}) for t in IMAGE_TYPES)]


def recorded_titles(cell: nbformat.NotebookNode) -> str:
    """The figure titles the build's kernel stored with the cell's first image, or ''."""
    for output in image_outputs(cell):
        for mime in IMAGE_TYPES:
            title = output.get("metadata", {}).get(mime, {}).get(ALT_KEY, "")
            if title:
                return " ".join(title.split())
    return ""


def first_sentence(markdown: str) -> str:
    """The first sentence of a markdown cell's prose (headings, HTML tags and emphasis dropped).

    >>> first_sentence("## 3. The timeline\\n\\nEvents by actor lane, dates on the x axis. Points sit …")
    'Events by actor lane, dates on the x axis.'
    """
    prose = [line for line in markdown.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    text = " ".join(TAG_RE.sub("", " ".join(prose)).replace("*", "").replace("`", "").split())
    sentence = SENTENCE_END_RE.split(text, maxsplit=1)[0] if text else ""
    return sentence if len(sentence) <= CAPTION_CHARS else sentence[: CAPTION_CHARS - 1] + "…"


def caption_markup(text: str) -> str:
    """The caption as MyST inline markup: markdown characters escaped, Arabic parts right to left.

    >>> caption_markup("Mentions per actor · الإشارات")
    'Mentions per actor · <span dir="rtl" lang="ar">الإشارات</span>'
    """
    parts = [MARKDOWN_SPECIAL_RE.sub(r"\\\1", p.strip()) for p in text.split(SEPARATOR.strip())]
    return SEPARATOR.join(
        f'<span dir="rtl" lang="ar">{p}</span>' if ARABIC_RE.search(p) else p for p in parts if p
    )


def describe_figure(cell: nbformat.NotebookNode, prose_above: str) -> tuple[str, str]:
    """The (caption, alt text) a figure cell gets when its author set neither."""
    text = recorded_titles(cell) or first_sentence(prose_above) or "Figure"
    return caption_markup(text), text


def book_page(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of the notebook ready for the book: every code cell's input hidden, figures captioned."""
    page = copy.deepcopy(nb)
    prose_above = ""
    for cell in page.cells:
        if cell.cell_type == "markdown":
            prose_above = cell.source
            continue
        if cell.cell_type != "code":
            continue
        tags = cell.metadata.setdefault("tags", [])
        if HIDE_INPUT not in tags and "remove-input" not in tags:
            tags.append(HIDE_INPUT)
        if image_outputs(cell):
            caption, alt = describe_figure(cell, prose_above)
            mystnb = cell.metadata.setdefault("mystnb", {})
            mystnb.setdefault("figure", {}).setdefault("caption", caption)
            mystnb.setdefault("image", {}).setdefault("alt", alt)
    return page


def page_title(nb: nbformat.NotebookNode, fallback: str) -> str:
    """The notebook's title: its first `# ` heading."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback
