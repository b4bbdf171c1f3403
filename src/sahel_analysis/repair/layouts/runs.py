"""Undoing the layouts built from runs: pdftotext's bidi embeddings and the rotated runs of pypdf and PyMuPDF.

``raw_bidi`` pieces (RLE…PDF, visual word order) are turned into a visual
line, ``logical_bidi`` pieces (LRE…PDF) have their neutrals turned round,
and for ``logical_runs`` each line is read in every candidate order and the
best-formed reading wins (`runs_readings`, scored by `layout_score`).
Profile detection weighs the same readings, so they live apart from the
pipeline that applies them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sahel_analysis.repair.detect import PROCLITICS_BEFORE_DIGITS_RE
from sahel_analysis.repair.layouts.characters import LOST, is_mark, outside_word, strip_bidi_controls
from sahel_analysis.repair.layouts.marks import mark_order_evidence
from sahel_analysis.repair.layouts.tokens import separate_scripts
from sahel_analysis.repair.layouts.visual_lines import (
    bracket_balance,
    ltr_spans,
    visual_to_logical,
    wordish,
)
from sahel_analysis.text.charmap import (
    ARABIC_LETTERS,
    DIGITS,
    LETTER_RE,
    LRE,
    MARK_RE,
    MARKS,
    PDF,
    RLE,
    TANWIN,
    character_sets,
    split_edges,
)
from sahel_analysis.text.lexicon import Lexicon


def raw_bidi_to_visual(line: str) -> str:
    """Rewrite a pdftotext -raw line in plain visual order: each RLE…PDF piece is reversed."""

    def flip(m: re.Match[str]) -> str:
        return m.group(1)[::-1]

    line = re.sub(f"{RLE}([^{RLE}{PDF}]*){PDF}", flip, line)
    return strip_bidi_controls(line)


def join_raw_mark_breaks(lines: Sequence[str]) -> list[str]:
    """Join the pdftotext -raw lines that are pieces of one run cut at a mark, left piece first.

    LibreOffice draws each right-to-left run left to right, and each mark
    before the letter that carries it (the order a shaper gives glyphs in a
    right-to-left run), outside the RLE pieces. pdftotext -raw starts a new
    line when the pen moves back at a mark, and the rest of the run follows
    on the next line, to the right of the break. So:

    * a line ending on a mark continues on the next line: no run ends on its
      right-hand side with a mark, since that is where its first letter is,
      drawn after its marks;
    * a line opening on a mark and a space (`ُ تـ`) continues the line
      before: the mark belongs to the letter after the space, the first
      letter of a word whose other letters end the line before (`عد` `ُ ت`
      is تُعد). A tanwin opening a line is a cut only after a line ending
      on sentence punctuation (`،` then `ً هشّا`: the comma follows the word
      whose tanwin opens the line): LibreOffice draws the tanwin of a final
      alef before the space to the left of its word, so a run may open on it.

    The pieces are joined without a space into one visual stretch, and so
    are the opening marks and the letter after them.
    Extractions that keep marks inside the RLE pieces (Chromium: a line ends
    on a PDF control or a digit, and never opens on a mark) are not touched.

    >>> join_raw_mark_breaks([f"{RLE}ظل{PDF} {RLE}التطبيق{PDF} َّ", f"{RLE}أن{PDF} {RLE}غير{PDF}"]) == [
    ...     f"{RLE}ظل{PDF} {RLE}التطبيق{PDF} َّ{RLE}أن{PDF} {RLE}غير{PDF}"]
    True
    >>> join_raw_mark_breaks([f"{RLE}عد{PDF}", f"ُ {RLE}ت{PDF}"]) == [f"{RLE}عد{PDF}ُ{RLE}ت{PDF}"]
    True
    """
    out: list[str] = []
    for ln in lines:
        prev = out[-1].rstrip() if out else ""
        ends_on_mark = bool(prev) and MARK_RE.match(prev[-1]) is not None
        opens_cut = (
            bool(LETTER_RE.search(prev))
            and re.match(f"[{MARKS}]+ ", ln) is not None
            and (not set(ln.split(" ", 1)[0]) & set(TANWIN) or prev[-1] in character_sets().sentence)
        )
        if ln.strip() and (ends_on_mark or opens_cut):
            if opens_cut:  # the space after the marks is the gap pdftotext saw, not a word break
                ln = re.sub(f"^([{MARKS}]+) +", r"\1", ln)
            out[-1] = prev + ln.lstrip()
        else:
            out.append(ln)
    return out


def logical_bidi_line(line: str) -> str:
    """Rewrite a pdftotext line: LRE…PDF pieces hold their neutrals in visual order, so turn them."""

    def flip(m: re.Match[str]) -> str:
        return visual_to_logical(m.group(1))

    line = re.sub(f"{LRE}([^{LRE}{RLE}{PDF}]*){PDF}", flip, line)
    return strip_bidi_controls(line)


def _runs_to_visual(line: str, split_quotes: bool = False) -> str:
    """Rewrite a pypdf/PyMuPDF line in visual order: each right-to-left stretch is reversed.

    Those extractors read a line left to right and reverse each stretch of
    Arabic characters; spaces at a stretch's edges stay where they are. Some
    (pypdf) also end a stretch at brackets, guillemets and quotes:
    `split_quotes` reads the line that way.
    """
    inner = '[^A-Za-z0-9()\\[\\]{}«»"]*' if split_quotes else "[^A-Za-z0-9]*"
    pattern = f"([\u0600-\u06ff\x00](?:{inner}[\u0600-\u06ff\x00])?)|(.)"
    out = []
    for m in re.finditer(pattern, line):
        if m.group(1):
            out.append(m.group(1)[::-1])
        else:
            out.append(m.group(2))
    return "".join(out)


def _runs_line(line: str, split_quotes: bool = False) -> str:
    """Read a line whose runs were emitted left to right (Chromium through pypdf/PyMuPDF)."""
    return visual_to_logical(_runs_to_visual(line, split_quotes))


CUT_CLUSTER_RE = re.compile(f"(?:(?<=\\s)|^)([{MARKS}{LOST}]+)(?=[{ARABIC_LETTERS})\\] ])")


def _split_at_cut_marks(stretch: str, lexicon: Lexicon) -> list[str]:
    """Split a stretch at the marks where the extractor cut it into sub-runs.

    A mark (or lost glyph) after a space, or a doubled mark glued between two
    words that only make sense apart (`فيُُّّالأزمات`), is where a run ended.
    Returns pieces and cut clusters alternately, starting and ending with a piece.
    """
    parts: list[str] = []
    pos = 0
    for m in CUT_CLUSTER_RE.finditer(stretch):
        parts += [stretch[pos : m.start(1)], m.group(1)]
        pos = m.end(1)
    parts.append(stretch[pos:])
    out: list[str] = []
    for k, part in enumerate(parts):
        if k % 2:
            out.append(part)
            continue
        pieces = re.split(f"(?<=[{ARABIC_LETTERS}])([{MARKS}]{{2,}})(?=[{ARABIC_LETTERS}])", part)
        merged = [pieces[0]]
        for j in range(1, len(pieces), 2):
            left = re.findall(f"[{ARABIC_LETTERS}]+$", merged[-1])
            right = re.findall(f"^[{ARABIC_LETTERS}]+", pieces[j + 1])
            lw, rw = (left[0] if left else ""), (right[0] if right else "")
            if (
                len(lw) >= 2
                and len(rw) >= 3
                and lexicon.zipf(lw + rw) < 2.5
                and lexicon.zipf(rw) >= 3.0
                and lexicon.zipf(lw) >= 3.0
            ):
                merged += [pieces[j], pieces[j + 1]]
            else:
                merged[-1] += pieces[j] + pieces[j + 1]
        out += merged
    return out


def _junction(left: str, right: str, lexicon: Lexicon) -> float:
    """Zipf of the word formed by the last letters of `left` and the first letters of `right`."""
    lw = re.findall(f"[{ARABIC_LETTERS}]+$", left.rstrip())
    rw = re.findall(f"^[{ARABIC_LETTERS}]+", right.lstrip())
    if not lw or not rw:
        return -1.0
    return lexicon.zipf(lw[0] + rw[0])


def _unrotate_cut_stretch(stretch: str, lexicon: Lexicon, marks_after: bool = False) -> str:
    """Put back in order a stretch the extractor cut at marks and emitted last piece first.

    The pieces come out in reverse order, each cut mark just before the piece
    it follows. The stretch is turned round only if the words the cuts then
    glue together are more plausible than those they glue as written
    (`مسل` + `ُّ` + `حة` rather than `مدن` + `حة`); a mark opening the stretch
    is evidence on its own, as no run starts with a mark. So is, for marks
    cut off a word's end (a space follows them), the letter they land on:
    read one way they follow a bare letter (`أن` + `ّ`), the other way a
    letter that already has its marks (`لأسبابٍ` + `ّ`); with `marks_after`
    (the document writes marks after their letter) this holds for every cut.
    """
    parts = _split_at_cut_marks(stretch, lexicon)
    pieces = [_runs_line(p) for p in parts[0::2]]
    cuts = parts[1::2]
    if not cuts:
        return pieces[0]
    gain = 0.0
    for k in range(1, len(pieces)):
        if not pieces[k - 1].strip():
            gain += 3.0
            continue
        rotated = _junction(pieces[k], pieces[k - 1], lexicon)
        written = _junction(pieces[k - 1], pieces[k], lexicon)
        gain += rotated - written
        if marks_after or parts[2 * k][:1].isspace():
            # Word-final cut marks belong to the letter they follow: a piece ending on a mark cannot take them.
            gain += _mark_host(pieces[k]) - _mark_host(pieces[k - 1])
    if gain <= 0:
        return _runs_line(stretch)
    text = pieces[-1]
    for k in range(len(cuts) - 1, -1, -1):
        text = text.rstrip() + cuts[k] + pieces[k]
    return text


def _mark_host(piece: str) -> float:
    """How well the end of a piece can carry cut-off marks: 1 for a bare letter, -1 for a mark."""
    end = piece.rstrip()[-1:]
    if LETTER_RE.match(end):
        return 1.0
    return -1.0 if end and is_mark(end) else 0.0


def _portions_line(line: str, lexicon: Lexicon, marks_after: bool = False) -> str:
    """Read a line whose runs were emitted in logical order, each right to left (LibreOffice).

    Left-to-right runs stay where they are. Each stretch between them is read
    like a whole Chromium line (`_runs_line`), after putting back in order the
    pieces of a stretch the extractor cut at marks (`_unrotate_cut_stretch`).
    """
    closers = character_sets().closers
    out = []
    pos = 0
    for s, e in [*ltr_spans(line), (len(line), len(line))]:
        stretch = line[pos:s]
        if pos and stretch[:1] in closers:
            # `JNIM) عادةً`: a bracket closing the run before opens this stretch in reading order too
            out.append(stretch[0])
            stretch = stretch[1:]
        if stretch:
            out.append(_unrotate_cut_stretch(stretch, lexicon, marks_after))
        out.append(line[s:e])
        pos = e
    return "".join(out)


# A markup tag, as written or as a run-reversing reading mirrors it (`</tr>` read as `>tr/<`).
MARKUP_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>|>/?[A-Za-z][A-Za-z0-9]*/?<")


def layout_score(line: str) -> float:
    """How well-formed a candidate logical line looks: brackets, punctuation and suffix positions.

    Rewards brackets and straight quotes that cling consistently and
    one-letter suffixes after their number (`2012م`); penalises a word starting with sentence
    punctuation, a lone letter or mark, and punctuation opening the line.
    """
    sentence = character_sets().sentence
    # A markup tag (`</td>`, `<br/>`) is one unit, not brackets to balance: scored as a space, so reading
    # it mirrored or moved gains nothing (a logical line opening with `</td></tr>` stays put).
    line = MARKUP_TAG.sub(" ", line)
    line = separate_scripts(line)  # score what the token steps will see
    good, bad = bracket_balance([line])
    score = float(abs(good - bad))  # orientation is fixed per document later (`mirror_brackets`)
    score += _quote_balance(line)
    toks = line.split()
    for k, tok in enumerate(toks):
        lead, core, _ = split_edges(tok, outside_word)
        if any(c in sentence for c in lead) and core and LETTER_RE.match(core[0]):
            score -= 1
        if not core and tok and all(c in sentence for c in tok):
            score -= 1
        if core and (MARK_RE.match(core[0]) or core[0] == LOST):
            score -= 1  # no word starts with a mark: a run was cut here
        letters = LETTER_RE.findall(core)
        if _proclitic_number(core):
            continue  # `و47.60`, `بـ2020`: a conjunction or preposition written onto a number
        if len(letters) == 1 and len(core) == len(lead + core) - len(lead) and core not in ("\u0648",):
            prev = toks[k - 1] if k else ""
            score += 1 if re.fullmatch(f"[{DIGITS}]+", prev) else -1
        if re.fullmatch(f"\\W*[{DIGITS}]+[{ARABIC_LETTERS}]\\W*", tok):
            score += 1
        if re.search(
            f"[{ARABIC_LETTERS}]{{2}}[{DIGITS}]|[{DIGITS}][{ARABIC_LETTERS}]{{2}}", tok
        ):  # linear: {2} finds what {2,} would
            score -= 0.5
    return score


def _proclitic_number(core: str) -> bool:
    """A number with a conjunction, preposition or the article written onto it, as logical text writes it.

    >>> _proclitic_number("و47.60"), _proclitic_number("بـ2020"), _proclitic_number("م2020")
    (True, True, False)
    """
    m = re.match(f"([^{DIGITS}]+)[{DIGITS}]", core)
    return bool(m) and bool(
        PROCLITICS_BEFORE_DIGITS_RE.fullmatch(m.group(1).replace("\N{ARABIC TATWEEL}", ""))
    )


def _quote_balance(line: str) -> float:
    """Straight double quotes that cling as pairs do (first to the word after, second to the word before).

    `"` looks the same open and closed, so only its position in the line tells:
    the quotes of a line alternate opening and closing. Each that clings to
    the side its turn says scores 1, each that clings the other way -1; one
    clinging to both sides or neither says nothing. A line cut through a quote
    (an odd count) is not scored.
    """
    spots = [i for i, c in enumerate(line) if c == '"']
    if len(spots) % 2:
        return 0.0
    score = 0.0
    for k, i in enumerate(spots):
        left = i > 0 and wordish(line[i - 1])
        right = i + 1 < len(line) and wordish(line[i + 1])
        if left != right:
            score += 1.0 if right == (k % 2 == 0) else -1.0
    return score


def runs_readings(lines: Sequence[str], lexicon: Lexicon) -> tuple[str, float, list[str]]:
    """Read every line of a document whose runs may have been emitted out of order.

    Each line has four candidate readings: as written, as a Chromium line
    (`_runs_line`: runs left to right, with or without stretches ending at
    quotes and brackets) and as a LibreOffice line (`_portions_line`: runs in
    order, each right to left). The reading with the best `layout_score`
    wins; a tie goes to the layout that gains most over the whole document,
    if it gains at all, and otherwise keeps the line as written.
    Returns that layout's name, the document's total gain and the lines.
    """
    lines = [ln.strip() for ln in lines]
    before, after = mark_order_evidence(lines, lexicon)
    marks_after = after > before  # only on evidence: without any, the cut marks decide nothing
    base = [layout_score(ln) for ln in lines]
    readings = {
        "visual": [_runs_line(ln) for ln in lines],
        "visual_quotes": [_runs_line(ln, split_quotes=True) for ln in lines],
        "portions": [_portions_line(ln, lexicon, marks_after) for ln in lines],
    }
    scores = {name: [layout_score(c) for c in cand] for name, cand in readings.items()}
    totals = {name: sum(sc) - sum(base) for name, sc in scores.items()}
    order = sorted(readings, key=lambda name: -totals[name])
    out = []
    gain = 0.0
    for i, ln in enumerate(lines):
        best, best_score = ln, base[i]
        for name in order:
            if scores[name][i] > best_score or (
                scores[name][i] == best_score and best is ln and totals[name] > 0 and name == order[0]
            ):
                best, best_score = readings[name][i], scores[name][i]
        gain += best_score - base[i]
        out.append(best)
    return order[0], gain, out
