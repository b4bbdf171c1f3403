"""The entry points: undo the layout a profile names, then run the steps every profile shares.

`repair_with_profile` knows the order of the steps (layout undone, brackets
mirrored, marks moved, fragments reordered and merged, tokens finished);
`repair_any` detects the profile first and hands each layout to the repairer
built for it. This is the only module that calls all the others.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sahel_analysis.repair.layouts.boxes import group_visual_boxes, join_space_led_pieces
from sahel_analysis.repair.layouts.characters import (
    clean_lines,
    dedupe_marks,
    is_mark,
    sort_marks,
    strip_bidi_controls,
)
from sahel_analysis.repair.layouts.fragments import merge_fragments, place_floating_tanwin, reorder_fragments
from sahel_analysis.repair.layouts.marks import (
    mark_order_evidence,
    marks_before_base,
    move_marks_after_base,
    move_tanwin_to_final_letter,
    word_initial_marks,
)
from sahel_analysis.repair.layouts.profile import PROFILE_NAMES, Profile, detect_profile
from sahel_analysis.repair.layouts.runs import (
    join_raw_mark_breaks,
    logical_bidi_line,
    raw_bidi_to_visual,
    runs_readings,
)
from sahel_analysis.repair.layouts.tokens import attach_lone_quotes, finish_tokens, separate_scripts
from sahel_analysis.repair.layouts.visual_lines import (
    bracket_balance,
    close_false_spaces,
    close_mark_gaps,
    mirror_brackets,
    visual_to_logical,
)
from sahel_analysis.repair.lines import repair_lines
from sahel_analysis.text.charmap import MARK_RE, MARKS, PDF, RLE, SPACES_RE
from sahel_analysis.text.lexicon import Lexicon, default_lexicon


def _blocks(lines: Sequence[str]) -> list[list[str]]:
    """Group lines into blocks at blank lines, unless the extractor puts a blank line after every line."""
    blank = sum(1 for ln in lines if not ln.strip())
    dense = blank >= 0.3 * max(1, len(lines))
    blocks: list[list[str]] = [[]]
    run = 0
    for ln in lines:
        if ln.strip():
            if run and (not dense or run > 1) and blocks[-1]:
                blocks.append([])
            blocks[-1].append(ln)
            run = 0
        else:
            run += 1
    return [b for b in blocks if b]


def repair_with_profile(text: str, profile: Profile, lexicon: Lexicon | None = None) -> list[str]:
    """Return the logical lines of a text extracted in the layout `profile` names.

    Lines follow the input's lines, except that pieces an extractor put on
    lines of their own are merged back into their line; a blank line is kept
    between paragraphs (blank lines after every line, as pdfminer writes
    them, are not paragraph breaks). `logical` and `visual_words` are the
    caller's business (`repair_any`).

    >>> repair_with_profile("نم ةلسلس م2012 ماع", Profile("visual_chars", ""))
    ['عام 2012م سلسلة من']
    """
    lexicon = lexicon or default_lexicon()
    name = profile.name
    if name in ("logical", "visual_words"):
        raise ValueError(f"profile {name!r} is handled by repair_any, not repair_with_profile")
    if name not in PROFILE_NAMES:
        raise ValueError(f"unknown profile {name!r}")
    marks_first = None
    if name == "raw_bidi":
        # A piece that opens on a mark was cut between the mark and its letter: marks come first;
        # marks left outside the pieces were drawn after their letter.
        inside = len(re.findall(f"{RLE}[{MARKS}]", text))
        outside = len(MARK_RE.findall(re.sub(f"{RLE}[^{PDF}]*{PDF}", "", text)))
        marks_first = inside > outside if inside + outside else None
        raw_lines = join_raw_mark_breaks(clean_lines(text, visual=False))
        lines = [visual_to_logical(raw_bidi_to_visual(ln)) for ln in raw_lines]
    elif name == "visual_chars":
        raw_lines = join_space_led_pieces([close_false_spaces(ln) for ln in clean_lines(text, visual=True)])
        if sum(1 for ln in raw_lines if not ln.strip()) >= 0.3 * len(raw_lines):
            # One text box per paragraph (pdfminer on LibreOffice): rebuild the printed lines first.
            boxes = "\n".join(raw_lines).split("\n\n")  # a box's lines have no blank line between
            raw_lines = group_visual_boxes([b.strip("\n") for b in boxes if b.strip()])
        raw_lines = close_mark_gaps(raw_lines, lexicon)
        lines = [visual_to_logical(ln) for ln in raw_lines]
    elif name == "logical_bidi":
        lines = [logical_bidi_line(ln) for ln in clean_lines(text, visual=False)]
    else:  # logical_runs
        _, _, lines = runs_readings(clean_lines(text, visual=False), lexicon)
    lines = [sort_marks(dedupe_marks(SPACES_RE.sub(" ", strip_bidi_controls(ln)).strip())) for ln in lines]
    good, bad = bracket_balance(lines)
    if bad > good:
        lines = [mirror_brackets(ln) for ln in lines]
    if name == "visual_chars":
        # Characters sorted by position put a mark after its letter in visual order (`word_initial_marks`).
        before, after = mark_order_evidence(lines, lexicon)
        before += sum(word_initial_marks(ln.split(), lexicon) for ln in lines)
        marks_first = before > after
    if marks_first if marks_first is not None else marks_before_base(lines, lexicon):
        lines = [move_marks_after_base(ln) for ln in lines]
    else:
        lines = [move_tanwin_to_final_letter(ln) for ln in lines]
    if name == "visual_chars":
        lines = attach_lone_quotes(place_floating_tanwin(lines))
    out: list[str] = []
    for block in _blocks(lines):
        if out:
            out.append("")
        # A line of nothing but marks cannot be placed: which word lost them is unknown.
        block = [ln for ln in block if any(not is_mark(c) and not c.isspace() for c in ln)]
        for ln in merge_fragments(reorder_fragments(block, lexicon), lexicon):
            toks = finish_tokens(separate_scripts(ln).split(), lexicon)
            out.append(sort_marks(" ".join(toks)))
    return out


def repair_any(text: str, lexicon: Lexicon | None = None) -> str:
    """Detect the layout of an extracted text and return it in logical order.

    The caller need not know which extractor produced the text: the profile
    decides. `visual_words` goes to `repair.lines.repair_lines` (non-blank lines),
    the repairer built for that layout; `logical` text is only given single
    spaces, since reordering correct text can only damage it; every other
    layout goes through `repair_with_profile`.

    >>> repair_any("شهدت  جمهورية مالي")
    'شهدت جمهورية مالي'
    >>> repair_any("ماع ذنم يلام ةيروهمج تدهش")
    'شهدت جمهورية مالي منذ عام'
    """
    lexicon = lexicon or default_lexicon()
    profile = detect_profile(text, lexicon)
    if profile.name == "logical":
        return "\n".join(SPACES_RE.sub(" ", ln).strip() for ln in text.splitlines())
    if profile.name == "visual_words":
        lines = [ln for ln in text.splitlines() if ln.strip()]
        return "\n".join(r.text for r in repair_lines(lines, lexicon=lexicon))
    return "\n".join(repair_with_profile(text, profile, lexicon))
