"""Rebuilding printed lines from pdfminer's text boxes, before a ``visual_chars`` line is turned round.

On LibreOffice PDFs pdfminer prints every piece of a printed line (cut at
left-to-right runs and at marks) as a paragraph of its own; which boxes form
one line is read off their touching edges (`group_visual_boxes`), since
widths in characters vary too much across a justified column to tell.
"""

from __future__ import annotations

from collections.abc import Sequence

from sahel_analysis.repair.layouts.characters import LOST, is_arabic, is_mark, letters_of
from sahel_analysis.text.charmap import ARABIC_BLOCK_RE, LETTER_RE, MARK_RE, SPACES_RE, TANWIN, character_sets

# The fewest characters a full printed line is assumed to hold (for grouping pdfminer's boxes).
FULL_LINE_MIN = 40


def _ltr_only(box: str) -> bool:
    """A box holding no Arabic: a number, a Latin run, brackets."""
    return bool(box.strip()) and not ARABIC_BLOCK_RE.search(box.replace(LOST, ""))


def _box_continues(left: str, right: str) -> bool:
    """Whether pdfminer box `right`, printed after box `left`, goes on the same printed line.

    pdfminer prints a LibreOffice line as its boxes left to right, cut at every
    left-to-right run and at marks, so the question is only whether `right` is
    the next piece of the same line or the leftmost piece of the next one. The
    leftmost piece of a line holds the line's logical end, and the rightmost
    its logical start, so their edges say which: a visual line opens on the
    end of a word and closes on the start of a word, never on a space.

    - `right` opens on a space: it followed a gap inside its line.
    - `right` opens on a mark: a shadda with its haraka that cut a word in
      two continues the word of the box before when that box ends on the
      other half of the cluster (a further mark, an unmapped glyph, a stray
      byte or a space); a tanwin, or a mark right after a whole letter or an
      opening guillemet, is the last mark of a word that ends the line
      (`َّنأ` for أنَّ).
    - `right` is a number or Latin run: it touches the box before when that
      box ends on a space, a bracket, or a token of at most one letter: the
      suffix of a number (`م` of `2012م`) or the punctuation or percent sign
      after it (`2690،`, `30%`); a word of two or more letters never touches
      a number without a space, so there the number starts the next line.
    - after a number or Latin run, a box goes on when it opens on a space, a
      bracket or another such run; one opening on a letter, a mark or
      sentence punctuation starts the next line.
    - otherwise (letter against letter or punctuation) the line ends.

    >>> _box_continues("نم ةلسلس م", "2012"), _box_continues("ىلإ لوحتي", "2012")
    (True, False)
    """
    first, end = right[:1], left[-1:]
    if not first or not end:
        return False
    if first.isspace():
        return True
    if _ltr_only(left) and _ltr_only(right):
        return True
    if is_mark(first):
        if first in TANWIN or _ltr_only(left):
            return False
        return not (LETTER_RE.match(end) or end in "«»")
    brackets = character_sets().openers | character_sets().closers
    if _ltr_only(right):
        if end.isspace() or end in brackets:
            return True
        word = left.split()[-1] if left.split() else ""
        return len(letters_of(word)) <= 1
    if _ltr_only(left):
        return first in brackets
    return False


def _open_end(line: str) -> bool:
    """Whether a visual line's left edge, its logical end, can be followed by more of its printed line.

    Pdfminer (Chromium) cuts a printed line after a word that ends on a mark
    or a lost glyph, or after punctuation: such a piece can be continued.
    """
    first = line[:1]
    return bool(first) and (is_mark(first) or first in character_sets().sentence)


def _space_led(line: str) -> bool:
    """A visual line ending on a space: its logical start, the word space it opened on, is kept."""
    return line.endswith(" ") and not line.startswith(" ") and LETTER_RE.search(line) is not None


def join_space_led_pieces(lines: Sequence[str]) -> list[str]:
    """Join the pieces pdfminer cut a Chromium printed line into after a mark, in visual lines.

    Pdfminer reading a Chromium PDF starts a new text line inside a printed
    line after a word that ends on a mark, a lost glyph or punctuation, and
    prints the pieces one under the other, sometimes the later one first
    (` أيّ اعتداء ... يُعدّ` above `على أنّ`). The later piece keeps the word
    space it opened on (`_space_led`: in visual order, a line ending on a
    space), and a printed line never starts on one. Within a box (lines
    with no blank line between), such a piece goes after the line above it
    when that line ends open (`_open_end`) and has room for it (the widest
    line, word gaps counted once, and a little more), and otherwise waits
    for the next line that is no such piece, ends open and has room: the
    start of its printed line, printed after it. Pieces pdfminer put in
    boxes of their own are left where they are: nothing says which line
    they came from. Blank lines are kept.

    >>> [ln[::-1] for ln in join_space_led_pieces(["ٍةعساو ِنيفرطلا نيب ِةيلحملا ِتاطلسلا  ", "\\x00نأ ىلع"])]
    ['على أن\\x00  السلطاتِ المحليةِ بين الطرفينِ واسعةٍ']
    """

    def width(text: str) -> int:
        return len(SPACES_RE.sub(" ", text))

    limit = 1.15 * max([FULL_LINE_MIN, *(width(ln) for ln in lines)])
    out: list[str] = []
    for k, ln in enumerate(lines):
        prev = out[-1] if k and lines[k - 1].strip() and out else ""
        if _space_led(ln):
            if prev and not _space_led(prev) and _open_end(prev) and width(ln + prev) <= limit:
                out[-1] = ln + prev
                continue
        elif prev and _space_led(prev) and _open_end(ln) and width(prev + ln) <= limit:
            out[-1] = prev + ln
            continue
        out.append(ln)
    return out


def _group_lines_by_width(boxes: Sequence[str]) -> list[str]:
    """Join lines that pdfminer grouped into boxes of whole lines (Chromium) where evidence and widths allow.

    When most of pdfminer's boxes hold several lines, those lines are already
    printed lines, and only a few pieces need joining: a line belongs to the
    line before it when that one is a number or Latin run, when it opens
    with a space (it followed such a run), when it is itself a number or
    Latin run, or when it opens on a mark that ends the word cut at the end
    of the line before; a line as wide as a full line (the widest, or
    `FULL_LINE_MIN` characters) stands alone, and no line grows much wider
    than that. For a line opening on a mark, widths are counted with each
    word gap once, since a justified line's gaps are printed as runs of
    spaces and would otherwise make the line look too wide to take it.

    >>> _group_lines_by_width(["نم ةلسلس م", "2012", " ماع ذنم"])
    ['نم ةلسلس م2012 ماع ذنم']
    """

    def width(text: str) -> int:
        return len(SPACES_RE.sub(" ", text))  # justified lines pad word gaps: count each gap once

    full = max([FULL_LINE_MIN, *(width(b) for b in boxes)])
    raw_full = max([FULL_LINE_MIN, *(len(b) for b in boxes)])
    brackets = character_sets().openers | character_sets().closers
    groups: list[str] = []
    last = ""
    for box in boxes:
        joined = False
        first = box[:1]
        end = last.rstrip()[-1:]
        if (
            groups
            and MARK_RE.match(first)
            and is_arabic(end)
            and width(groups[-1]) + width(box) <= 1.15 * full
        ):
            joined = True  # a box opening on a mark ends the word cut at the end of the box before
        elif groups and len(last) < 0.8 * raw_full and len(groups[-1]) + len(box) <= 1.15 * raw_full:
            joined = (
                (_ltr_only(last) and (first.isspace() or first in brackets))
                or (first.isspace() and _ltr_only(last))
                or (_ltr_only(box) and (end in brackets or is_arabic(end) or last[-1:].isspace()))
                or (is_mark(first) and is_arabic(end))
                or first.isspace()
            )
        if joined:
            groups[-1] += box
        else:
            groups.append(box)
        last = box
    return groups


def group_visual_boxes(boxes: Sequence[str]) -> list[str]:
    """Join the text boxes of printed lines, given left to right, into one visual line per printed line.

    pdfminer cuts a LibreOffice line into boxes at every left-to-right run and
    mark, and prints each box as a paragraph of its own, the boxes of one
    printed line left to right, then the next line; whether a box goes on
    the line of the box before is read off their touching edges
    (`_box_continues`), not off widths, which vary too much in characters
    from line to line of a justified column.

    A box may hold several lines (given joined by newlines: pdfminer printed
    them with no blank line between). Lines of it that continue each other
    are one piece of a printed line. When it holds pieces of two or more
    printed lines, it is the leftmost piece of each (pdfminer groups pieces
    stacked at the left margin), and pdfminer, sorting boxes by the middle of
    their height, printed it among the pieces of its upper line: its first
    piece opens the line being built, and each further piece opens one of the
    lines that follow.

    When most boxes hold several lines, pdfminer grouped whole printed lines
    (Chromium PDFs), not pieces of lines: those lines are joined only where
    a piece is plainly left over (`_group_lines_by_width`).

    >>> group_visual_boxes(["نم ةلسلس م", "2012", " ماع ذنم"])
    ['نم ةلسلس م2012 ماع ذنم']
    >>> group_visual_boxes(["ةيروهمج تدهش", "يلام \\nيف ", "ةيلاتتم ثادحأ"])
    ['يلام ةيروهمج تدهش', 'يف ةيلاتتم ثادحأ']
    """
    if sum(box.count("\n") + 1 for box in boxes) >= 1.5 * max(1, len(boxes)):
        return _group_lines_by_width([ln for box in boxes for ln in box.split("\n")])
    groups: list[list[str]] = []
    opener: list[str] = []  # leftmost pieces of the lines still to come
    last = ""
    for box in boxes:
        pieces: list[str] = []
        for ln in box.split("\n"):
            if pieces and _box_continues(pieces[-1], ln):
                pieces[-1] += ln
            else:
                pieces.append(ln)
        if len(pieces) > 1:
            if groups:
                groups[-1].insert(0, pieces[0])
            else:
                groups.append([pieces[0]])
            opener.extend(pieces[1:])
            continue
        piece = pieces[0]
        if groups and _box_continues(last, piece):
            groups[-1].append(piece)
        else:
            groups.append([opener.pop(0), piece] if opener else [piece])
        last = piece
    groups.extend([p] for p in opener)
    return ["".join(g) for g in groups]
