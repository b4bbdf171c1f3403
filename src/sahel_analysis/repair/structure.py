"""Rebuild a document's structure from its repaired lines: title block, headings, items, paragraphs.

Every paragraph keeps the raw line numbers it came from, so any quote in the
repaired text can be cited back to the raw seed.
"""

from __future__ import annotations

import itertools
import re
import statistics
from dataclasses import dataclass, field, replace
from functools import cache

from sahel_analysis.package_data import load_yaml
from sahel_analysis.repair.detect import Detection, detect_visual_order
from sahel_analysis.repair.evidence import LineRepair
from sahel_analysis.repair.layouts import detect_profile, may_name_other_layout, repair_with_profile
from sahel_analysis.repair.lines import normalize_whitespace, repair_lines
from sahel_analysis.text.charmap import BASIC_LETTERS, BULLET
from sahel_analysis.text.lexicon import lookup_form

LABEL_RE = re.compile(f"^([{BASIC_LETTERS}])\\.\\s")
NUMBER_RE = re.compile(r"^(\d{1,2})[).]\s")
FINAL_PUNCT = ".!?\N{ARABIC QUESTION MARK}:"


@cache
def _cues() -> dict[str, list[str]]:
    return load_yaml("structure_cues.yaml")


@dataclass(frozen=True)
class Paragraph:
    """One block of the repaired text, with where it sits and where it came from."""

    index: int
    kind: str  # title, subtitle, author, affiliation, heading, item, bullet, paragraph
    text: str
    raw_lines: tuple[int, ...]  # 1-based line numbers in the raw file
    number: str = ""  # a heading's number or an item's label
    start: int = 0  # offsets of `text` in the document's repaired text
    end: int = 0


@dataclass(frozen=True)
class StructuredDocument:
    """A repaired document: its text, its paragraphs and the metadata found in it."""

    source_form: str
    detection: Detection
    paragraphs: tuple[Paragraph, ...]
    metadata: dict[str, str] = field(default_factory=dict)
    lines: tuple[tuple[int, str], ...] = ()  # (raw line number, repaired line)

    def as_text(self) -> str:
        """The repaired text: paragraphs separated by one blank line (what `repair` prints)."""
        return "\n\n".join(p.text for p in self.paragraphs) + "\n"

    @property
    def text(self) -> str:
        return self.as_text()

    def body(self) -> tuple[Paragraph, ...]:
        """Paragraphs other than the title block."""
        return tuple(p for p in self.paragraphs if p.kind not in TITLE_KINDS)


TITLE_KINDS = ("title", "subtitle", "author", "affiliation")


def _is_byline(text: str) -> bool:
    words = text.split()
    return 1 < len(words) <= 6 and any(text.startswith(c) for c in _cues()["byline_prefixes"])


def _is_affiliation(text: str) -> bool:
    return any(text.startswith(c) or f" {c}" in text for c in _cues()["affiliation_words"])


def _find_title_block(lines: list[tuple[int, str]], typical: float) -> dict[int, str]:
    """Map raw line numbers of the title block to their role, or {} when there is none.

    A title block is a byline (`د. …`) with the short lines around it that are
    not part of running text: an affiliation and the title and subtitle.
    """
    for i, (_, text) in enumerate(lines):
        if not _is_byline(text):
            continue
        roles = {lines[i][0]: "author"}
        window = [j for j in range(max(0, i - 3), min(len(lines), i + 4)) if j != i]
        rest = []
        for j in window:
            num, other = lines[j]
            if len(other) > 0.8 * typical or other.endswith("."):
                continue
            if abs(j - i) > 1 and not rest and not any(abs(j - k) == 1 for k in (i,)):
                # only lines contiguous with the block count
                pass
            if _is_affiliation(other) and "affiliation" not in roles.values():
                roles[num] = "affiliation"
            else:
                rest.append(num)
        for num, role in zip(rest, ("title", "subtitle"), strict=False):
            roles[num] = role
        return roles
    return {}


def _opens_paragraph(text: str) -> bool:
    """A line that opens with a summing-up marker (`وفي المجمل`, `ختامًا`): a new paragraph after a full stop.

    >>> _opens_paragraph("وفي المجمل فإن التفاوض غير الرسمي"), _opens_paragraph("وفي المجملات")
    (True, False)
    """
    folded = lookup_form(text)
    return any(
        folded.startswith(cue) and folded[len(cue) : len(cue) + 1] in ("", " ", "،", ",")
        for cue in _cues()["paragraph_openers"]
    )


def _kind_of(text: str) -> tuple[str, str]:
    if text.startswith(BULLET):
        return "bullet", ""
    m = LABEL_RE.match(text)
    if m:
        return "item", m.group(1)
    m = NUMBER_RE.match(text)
    if m:
        return "heading", m.group(1)
    return "paragraph", ""


def _short_line_cutoff(lines: list[tuple[int, str]], typical: float) -> float:
    """The length under which a line is the short last line of a paragraph.

    Justified lines vary around the typical length; the shortest few percent of
    lines that run on (no sentence end) show how far. A line ending a sentence
    and shorter than that ends its paragraph.
    """
    running = sorted(len(t) for _, t in lines if t[-1:] not in FINAL_PUNCT and len(t.split()) > 6)
    if len(running) < 10:
        return 0.8 * typical
    low = running[len(running) // 20]  # 5th percentile
    return min(max(0.98 * low, 0.6 * typical), 0.9 * typical)


def group_paragraphs(lines: list[tuple[int, str]], roles: dict[int, str], gaps: dict[int, int]) -> list[dict]:
    """Group repaired lines into paragraphs using the line shapes of justified text."""
    typical = statistics.median(len(t) for _, t in lines) if lines else 0
    cutoff = _short_line_cutoff(lines, typical)
    blocks: list[dict] = []
    current: dict | None = None
    for num, text in lines:
        if num in roles:
            blocks.append({"kind": roles[num], "lines": [num], "texts": [text], "number": ""})
            current = None
            continue
        kind, number = _kind_of(text)
        short = len(text) < cutoff
        starts_new = current is None or kind != "paragraph"
        if not starts_new and current is not None and current["closed"]:
            starts_new = True
        if current is not None and current["texts"][-1][-1:] in FINAL_PUNCT and _opens_paragraph(text):
            starts_new = True
        if starts_new:
            current = {"kind": kind, "lines": [num], "texts": [text], "number": number, "closed": False}
            blocks.append(current)
        else:
            current["lines"].append(num)
            current["texts"].append(text)
        ends_sentence = text[-1:] in FINAL_PUNCT
        is_heading = kind == "paragraph" and short and not ends_sentence and len(current["lines"]) == 1
        if is_heading and (not blocks[:-1] or blocks[-2].get("closed", True)):
            current["kind"] = "heading"
            current["closed"] = True
        elif kind == "heading" or (ends_sentence and (short or gaps.get(num, 0) >= 3)):
            current["closed"] = True
    return blocks


OTHER_PROFILES = ("visual_chars", "raw_bidi", "logical_bidi", "logical_runs")
# An extractor lays out a whole document alike, so this much of it (characters, in
# a few stretches of whole lines spread through the text) names its profile.
PROFILE_SAMPLE_CHARS = 32_000
PROFILE_SAMPLE_STRETCHES = 4


def profile_sample(text: str, budget: int = PROFILE_SAMPLE_CHARS) -> str:
    """A few stretches of whole lines spread through `text`, about `budget` characters in all.

    Naming a layout weighs several readings of every line; on a text of
    several MB a sample decides as well, at a fraction of the cost. Stretches
    of consecutive lines, not every n-th line, keep what the profile reads
    from neighbouring lines (blank lines between paragraphs, pieces on lines
    of their own). Texts within the budget are returned whole.

    >>> profile_sample("\\n".join(f"line {i}" for i in range(100)), budget=64).splitlines()[:6]
    ['line 0', 'line 1', 'line 2', 'line 26', 'line 27', 'line 28']
    """
    if len(text) <= budget:
        return text
    size = budget // PROFILE_SAMPLE_STRETCHES
    stretches = []
    for k in range(PROFILE_SAMPLE_STRETCHES):
        start = k * len(text) // PROFILE_SAMPLE_STRETCHES
        if start:  # begin at the next whole line
            start = text.find("\n", start) + 1 or len(text)
        end = text.find("\n", start + size)
        stretches.append(text[start : end if end >= 0 else len(text)].strip("\n"))
    return "\n".join(s for s in stretches if s)


def _other_extractor(raw_text: str, detection: Detection) -> StructuredDocument | None:
    """Repair text from another PDF extractor (pdfminer, pdftotext, pypdf…), or None if it is plain.

    Those layouts change more than word order (presentation forms, lost marks),
    so their lines cannot be traced one to one to raw lines: each paragraph
    keeps the raw line numbers of its block of the raw file when the blocks
    line up, and none otherwise.
    """
    sample = profile_sample(raw_text)
    if not may_name_other_layout(sample):
        return None  # plain logical text (or visual word order): not worth naming the layout
    profile = detect_profile(sample)
    if profile.name not in OTHER_PROFILES:
        return None
    if detection.verdict == "visual" and profile.name in ("logical_bidi", "logical_runs"):
        return None  # word order is visual: the line repair is the right tool
    lines = repair_with_profile(raw_text, profile)
    blocks: list[list[str]] = [[]]
    for ln in lines:
        if ln.strip():
            blocks[-1].append(ln)
        elif blocks[-1]:
            blocks.append([])
    blocks = [b for b in blocks if b]
    raw_blocks: list[list[int]] = [[]]
    for i, ln in enumerate(raw_text.splitlines(), start=1):
        if ln.strip():
            raw_blocks[-1].append(i)
        elif raw_blocks[-1]:
            raw_blocks.append([])
    raw_blocks = [b for b in raw_blocks if b]
    paragraphs = []
    offset = 0
    for k, block in enumerate(blocks):
        text = " ".join(block)
        kind, number = _kind_of(text)
        raw = tuple(raw_blocks[k]) if len(raw_blocks) == len(blocks) else ()
        paragraphs.append(Paragraph(k, kind, text, raw, number, offset, offset + len(text)))
        offset += len(text) + 2
    verdict = replace(detection, verdict=profile.name, evidence=profile.evidence)
    return StructuredDocument(
        profile.name, verdict, tuple(paragraphs), {}, tuple((0, ln) for ln in lines if ln)
    )


def build_structure(raw_text: str) -> StructuredDocument:
    """Repair (if needed) and structure a raw document.

    Visual-order text is repaired line by line; logical text only has its
    whitespace normalised, one paragraph per non-blank line.
    """
    detection = detect_visual_order(raw_text)
    raw_lines = raw_text.splitlines()
    numbered = [(i + 1, ln) for i, ln in enumerate(raw_lines) if ln.strip()]
    profiled = _other_extractor(raw_text, detection)
    if profiled is not None:
        return profiled
    if detection.verdict != "visual":
        paragraphs = []
        offset = 0
        lines = tuple((num, normalize_whitespace(ln)) for num, ln in numbered)
        for k, (num, text) in enumerate(lines):
            kind, number = _kind_of(text)
            paragraphs.append(Paragraph(k, kind, text, (num,), number, offset, offset + len(text)))
            offset += len(text) + 2
        return StructuredDocument("logical", detection, tuple(paragraphs), {}, lines)

    # blank lines after each line: wider gaps mark page and section breaks
    gaps: dict[int, int] = {}
    for (num, _), (nxt, _) in itertools.pairwise(numbered):
        gaps[num] = nxt - num - 1
    breaks = [gaps.get(num, 0) >= 3 for num, _ in numbered]
    repairs: list[LineRepair] = repair_lines([ln for _, ln in numbered], paragraph_breaks=breaks)
    lines = [(num, rep.text) for (num, _), rep in zip(numbered, repairs, strict=True) if rep.text]
    typical = statistics.median(len(t) for _, t in lines) if lines else 0
    roles = _find_title_block(lines, typical)
    blocks = group_paragraphs(lines, roles, gaps)
    order = {"title": 0, "subtitle": 1, "author": 2, "affiliation": 3}
    title_blocks = sorted((b for b in blocks if b["kind"] in order), key=lambda b: order[b["kind"]])
    body = [b for b in blocks if b["kind"] not in order]
    paragraphs = []
    offset = 0
    for k, block in enumerate([*title_blocks, *body]):
        text = " ".join(block["texts"])
        paragraphs.append(
            Paragraph(
                k, block["kind"], text, tuple(block["lines"]), block["number"], offset, offset + len(text)
            )
        )
        offset += len(text) + 2
    metadata = {b["kind"]: " ".join(b["texts"]) for b in title_blocks}
    return StructuredDocument("visual", detection, tuple(paragraphs), metadata, tuple(lines))


def repair_text(text: str) -> str:
    """Return `text` in logical order, paragraphs separated by one blank line.

    Visual-order text is repaired and regrouped into paragraphs (title block
    first); logical text comes out unchanged apart from whitespace.
    """
    return build_structure(text).as_text()
