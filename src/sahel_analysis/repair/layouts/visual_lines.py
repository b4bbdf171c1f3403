"""Turning a visual-order line into logical order, and deciding which way a document's brackets were stored.

A fully visual extraction (pdfminer, pdfplumber) spells every line
backwards, and other layouts are reduced to that case; this module reverses
such a line while keeping its left-to-right runs (numbers, Latin) readable,
closes the false spaces pdfminer leaves inside words of justified lines, and
counts and mirrors brackets an extractor stored as their mirrored glyphs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sahel_analysis.repair.layouts.characters import LOST, is_arabic, is_mark
from sahel_analysis.repair.layouts.tokens import letters_zipf
from sahel_analysis.text.charmap import ARABIC_LETTERS, LETTER_RE, LTR_ALNUM, character_sets
from sahel_analysis.text.lexicon import Lexicon, default_lexicon

# One left-to-right piece: alphanumerics, joined by single separators (2.1, 2013-2018, U.S).
# A percent sign stays outside: both engines draw `40%` as `%40` in a right-to-left line.
LTR_PIECE = f"[{LTR_ALNUM}](?:[.,:/\\-\u2013+]?[{LTR_ALNUM}])*"
LTR_PIECE_RE = re.compile(LTR_PIECE)
LATIN_RE = re.compile("[A-Za-z\u00c0-\u024f]")


def ltr_spans(text: str) -> list[tuple[int, int]]:
    """Spans of left-to-right runs: LTR pieces, merged across spaces when a side holds Latin letters."""
    spans: list[list[int]] = []
    for m in LTR_PIECE_RE.finditer(text):
        s, e = m.span()
        if spans:
            ps, pe = spans[-1]
            between = text[pe:s]
            if between.strip() == "" and (LATIN_RE.search(text[ps:pe]) or LATIN_RE.search(text[s:e])):
                spans[-1][1] = e
                continue
        spans.append([s, e])
    return [(s, e) for s, e in spans]


def visual_to_logical(line: str) -> str:
    """Turn one visual-order line of a right-to-left paragraph into logical order.

    The line is reversed, then every left-to-right run (numbers, Latin words,
    `2.1`, `40%`, `G5 Sahel`) is turned back. Brackets are not mirrored here
    (see `mirror_brackets`).

    >>> visual_to_logical("نم ةلسلس م2012 ماع ذنم")
    'منذ عام 2012م سلسلة من'
    >>> visual_to_logical(".ريبك ٍكش عضوم (G5  Sahel)")
    ')G5  Sahel( موضع شكٍ كبير.'
    """
    rev = line[::-1]
    spans = ltr_spans(rev)
    if not spans:
        return rev
    out = []
    pos = 0
    for s, e in spans:
        out.append(rev[pos:s])
        out.append(rev[s:e][::-1])
        pos = e
    out.append(rev[pos:])
    return "".join(out)


def close_false_spaces(line: str, lexicon: Lexicon | None = None) -> str:
    """Drop the single spaces inside words of a visual line whose word gaps are double (pdfminer).

    pdfminer writes a space for the space glyph and another for the gap a
    justified line stretches it by, so the words of a justified line are
    two spaces apart. A single space inside an Arabic stretch of such a
    line is then most likely a gap inside a word (after a letter that does
    not join, at a mark) that pdfminer took for a word break (`ةي روهمج` for
    جمهورية, `ً ةلسلس` for سلسلةً). Only lines where double gaps clearly
    dominate (two or more, at least twice the single ones) are touched. A
    space between two letters is closed only where the lexicon knows the
    closed word better than either piece, since a short box can still hold
    a real single gap; marks opening the line are left alone (their letter
    may be in the box before), and so are lost glyphs (the glue step joins
    across them).

    >>> close_false_spaces("ماع  ذنم  يلام  ةي روهمج  تدهش")
    'ماع  ذنم  يلام  ةيروهمج  تدهش'
    >>> close_false_spaces("نم  ً ةلسلس  م")
    'نم  ًةلسلس  م'
    >>> close_false_spaces("كراش قباس يقراط ميعز وهو ،يلاغ  غأ")
    'كراش قباس يقراط ميعز وهو ،يلاغ  غأ'
    """
    doubles = len(re.findall(r"(?<=\S) {2}(?=\S)", line))
    singles = [
        m.start()
        for m in re.finditer(r"(?<=\S) (?=\S)", line)
        if is_arabic(line[m.start() - 1]) and is_arabic(line[m.end()])
    ]
    if doubles < 2 or not singles or len(singles) * 2 > doubles:
        return line
    singles = [i for i in singles if LOST not in (line[i - 1], line[i + 1])]
    lexicon = lexicon or default_lexicon()
    for i in reversed(singles):
        left = line[:i].split(" ")[-1]
        right = line[i + 1 :].split(" ")[0]
        if all(is_mark(c) for c in left) and not line[: i - len(left)].strip():
            continue  # marks opening the box: their letter may end the box before
        if LETTER_RE.match(line[i - 1]) and LETTER_RE.match(line[i + 1]):
            whole = letters_zipf((left + right)[::-1], lexicon)
            if whole <= max(letters_zipf(left[::-1], lexicon), letters_zipf(right[::-1], lexicon)):
                continue
        line = line[:i] + line[i + 1 :]
    return line


# Marks that sit inside a word: a single space before one (in visual order) is pdfminer's, not the text's.
# Tanwin is left out: it ends a word, and a real single space can precede it (`ًاقحال`, `لاحقاً`).
INNER_MARKS = "\u064e\u064f\u0650\u0651\u0652"
MARK_GAP_RE = re.compile(f"(?<=\\S) (?=[{INNER_MARKS}{LOST}]+[{ARABIC_LETTERS}])")


def close_mark_gaps(lines: list[str], lexicon: Lexicon | None = None) -> list[str]:
    """Drop the single space pdfminer writes before a mark drawn inside its letter, in visual lines.

    pdfminer writes a space wherever the next glyph starts further right
    than the last one ended, and it reads a right-to-left run's glyphs
    left to right with each mark just before its letter. A mark (or the
    lost shadda+haraka glyph, `LOST`) is drawn inside its letter, not at
    the letter's left edge, so the gap from the glyph on its left looks
    like a word break: `تاد \\x00رمت` for تمرُّدات, `ذ \\x00فن ُي` for يُنفَّذ.
    A real word break there holds a space glyph as well, so pdfminer writes
    two spaces (`ٍباطخ  يدايس`); a single one is the artefact. The rule
    only runs on documents whose word gaps show pdfminer's doubled spaces
    (at least five), and tanwin is left out (a word-final alef's tanwin
    does take a real single space). The lexicon vetoes a close that would
    turn two known words into an unknown one (a fully vowelled `الأمنَ
    والتنمية`), and a piece that opens on a mark (its letter is elsewhere)
    is left alone; spaces are closed from the visual left, the end of the
    logical line, so the piece after each space is already whole.

    >>> close_mark_gaps(["تاد \\x00رمت  يف  كراش  قباس", "ٍباطخ  يدايس  ٍدييأتب  ىظحي  لاز  ام"])[0]
    'تاد\\x00رمت  يف  كراش  قباس'
    """
    if sum(len(re.findall(r"(?<=\S) {2}(?=\S)", ln)) for ln in lines) < 5:
        return list(lines)
    lexicon = lexicon or default_lexicon()
    out = []
    for line in lines:
        pos = 0
        while m := MARK_GAP_RE.search(line, pos):
            i = pos = m.start()
            right = line[:i].split(" ")[-1][::-1]  # logical order: the piece after the space
            left = line[i + 1 :].split(" ")[0][::-1]  # the piece with the mark, before the space
            if (
                is_mark(left[:1])  # a piece whose first letter is elsewhere: nothing to weigh it by
                or (
                    letters_zipf(left + right, lexicon) < 0
                    and min(letters_zipf(left, lexicon), letters_zipf(right, lexicon)) >= 0
                )
            ):
                pos = i + 1
                continue
            line = line[:i] + line[i + 1 :]
        out.append(line)
    return out


def bracket_balance(lines: Iterable[str]) -> tuple[int, int]:
    """Count brackets that sit the right way round (good) and mirrored (inverted).

    An opening bracket or guillemet clings to the word after it, a closing one
    to the word before it; a bracket that clings the other way (`1( الوضع`,
    `)MINUSMA(`) is evidence the extractor stored the mirrored glyph.

    >>> bracket_balance(["في مالي (MINUSMA) و «سرفال» 1) الوضع"])
    (5, 0)
    >>> bracket_balance(["في مالي )MINUSMA( و »سرفال« 1( الوضع"])
    (0, 5)
    """
    t = character_sets()
    openers, closers = t.openers, t.closers
    good = bad = 0
    for line in lines:
        for i, ch in enumerate(line):
            if ch not in openers and ch not in closers:
                continue
            left = i > 0 and wordish(line[i - 1])
            right = i + 1 < len(line) and wordish(line[i + 1])
            if left == right:
                continue
            clings_right = right
            if (ch in openers) == clings_right:
                good += 1
            else:
                bad += 1
    return good, bad


def wordish(ch: str) -> bool:
    """A character a bracket can cling to (letter, digit, mark)."""
    return ch.isalnum() or is_arabic(ch)


def mirror_brackets(text: str) -> str:
    """Swap every mirrored bracket and guillemet for its partner.

    >>> mirror_brackets(")MINUSMA( »سرفال«")
    '(MINUSMA) «سرفال»'
    """
    mirror = character_sets().mirror
    return "".join(mirror.get(c, c) for c in text)
