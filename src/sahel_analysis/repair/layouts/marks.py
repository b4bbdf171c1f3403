"""Where an extractor put the combining marks relative to the letters that carry them.

Some extractors put each mark before its letter, others after; which one is
decided once per document from evidence (`mark_order_evidence`,
`word_initial_marks`) and then undone (`move_marks_after_base`), or, when
marks already follow their letter, only a tanwin put before a word's last
letter is moved (`move_tanwin_to_final_letter`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from sahel_analysis.repair.layouts.characters import CUT, LOST, letters_of, outside_word
from sahel_analysis.repair.layouts.tokens import letters_zipf, pure_arabic
from sahel_analysis.text.charmap import (
    ARABIC_LETTERS,
    COMBINING_MARKS,
    DIGITS,
    HAMZA_ALEFS,
    LETTER_RE,
    MARK_RE,
    MARKS,
    TANWIN,
    split_edges,
)
from sahel_analysis.text.lexicon import Lexicon, default_lexicon


def marks_before_base(lines: Iterable[str], lexicon: Lexicon | None = None) -> bool:
    """Whether the extractor put each mark before the letter that carries it (decided per document).

    Evidence for marks first: fathatan or dammatan before a word's last
    letter (`سلسلًة`, `ممكٌ ن`), fathatan cut off with the final alef it sits
    on and put before it (`جنوب ًا`), and a word cut just after the letter that
    follows its marks (`تأَّس ست`, which glues into a known word). Evidence
    for marks after: tanwin ending a word (`واسعةً من`), a mark split off after
    its word (`سلسلة ً من`), tanwin after a final alef glued to the next word
    (`بديلا ًعن`). Kasratan is ignored (some extractors misplace that low
    mark), and so are line-final tokens. Without evidence, marks follow their
    letter, as Unicode stores them.

    >>> marks_before_base(["سلسلًة من الأزمات، واسعًة من"])
    True
    >>> marks_before_base(["سلسلةً من الأزمات، واسعة ً من"])
    False
    >>> marks_before_base(["غير أنَّ التنظيم"])
    False
    """
    before, after = mark_order_evidence(lines, lexicon)
    return before > after


def mark_order_evidence(lines: Iterable[str], lexicon: Lexicon | None = None) -> tuple[float, float]:
    """The evidence `marks_before_base` weighs: (marks first, marks after), summed over the lines."""
    lexicon = lexicon or default_lexicon()
    final = f"(?![{ARABIC_LETTERS}{MARKS}])"
    above = "\u064b\u064c"  # fathatan, dammatan: kasratan sits low and is misplaced by some extractors
    low = "\u064d\u0650"  # kasratan, kasra
    alefs = "\u0627\u0623\u0625\u0622\u0649"
    before = after = 0.0
    for line in lines:
        toks = line.split()
        before += len(re.findall(f"[{above}] ?[{ARABIC_LETTERS}]{final}", line))
        before -= len(re.findall(f"[{above}] ?[{alefs}]{final}", line))
        for k, tok in enumerate(toks[:-1]):
            _, core, trail = split_edges(tok, outside_word)
            core = core.replace(LOST, "").replace(CUT, "")
            nxt = toks[k + 1]
            if not core or re.match(f"[{DIGITS}]", nxt):
                continue
            prev_end = toks[k - 1][-1:] if k else ""
            if all(MARK_RE.match(c) for c in core):
                if LETTER_RE.match(prev_end) and len(LETTER_RE.findall(nxt)) >= 2:
                    after += 1  # `سلسلة ً من`: a mark split off the word it ends
                continue
            if re.search(f"[{ARABIC_LETTERS}][{above}]$", core) and len(LETTER_RE.findall(nxt)) >= 2:
                after += 1
            lead = len(core) - len(core.lstrip(COMBINING_MARKS))
            if k and core[0] == "\u064b" and core[1:] in alefs and LETTER_RE.match(prev_end):
                # `جنوب ًا`: the tanwin went before the final alef it sits on, and the cut after it
                before += 1
            elif lead and core[0] in above and prev_end in alefs:
                after += 1  # `بديلا ًعن`: tanwin after a final alef, glued to the next word
            elif (
                k
                and lead
                and len(core) - lead <= 2
                and LETTER_RE.match(prev_end)
                and not set(core[:lead]) & set(low)
                and core[lead] not in alefs
            ):
                before += 0.5  # `الجماع َة`: a word's tail split off with the mark that precedes it
            if (
                not trail
                and re.search(f"[{ARABIC_LETTERS}][{MARKS}]+[{ARABIC_LETTERS}]$", core)
                and LETTER_RE.match(nxt[0])
                and lexicon.zipf(letters_of(core) + letters_of(split_edges(nxt, outside_word)[1])) >= 3.0
                and lexicon.zipf(letters_of(core)) < 3.0
            ):
                before += 1  # `تأَّس ست`: cut right after the letter that follows the marks
    return before, after


def word_initial_marks(tokens: Sequence[str], lexicon: Lexicon) -> float:
    """Evidence for marks first: words that open on a non-tanwin mark and are known words without it.

    An extractor that sorts a line's characters by their left edge
    (pdfplumber) puts a zero-width mark after its letter in visual order,
    since the mark is drawn inside the letter's advance, not at its left
    edge; read right to left the mark then precedes its letter, and a word
    whose first letter carries one opens on it (`ُتعد`, `ُأعلن`). Where
    marks follow their letter, a token opens on a mark only when a word was
    cut just before the mark, and then the rest is rarely a word on its own
    while the two pieces glue into one. A token counts when its letters are
    a known word (Zipf 3; read across a lost glyph that cut it) that the
    token before does not glue into, and
    does not open on a hamza-alef. Tanwin is left out (it ends words, and cut-off tanwin opens tokens in
    both layouts).

    >>> word_initial_marks(["ُتعد", "بوركينا", "فاسو"], default_lexicon())
    1.0
    >>> word_initial_marks(["ُتع", "\\x00د", "بوركينا"], default_lexicon())
    1.0
    >>> word_initial_marks(["المسل", "َّحة"], default_lexicon())
    0.0
    """
    found = 0.0
    for k, tok in enumerate(tokens):
        core = split_edges(tok, outside_word)[1]
        j = k
        while j + 1 < len(tokens) and LOST in (core[-1:], tokens[j + 1][:1]):
            j += 1  # a word cut at a lost glyph: read it whole
            core += split_edges(tokens[j], outside_word)[1]
        m = re.match(f"((?:(?![{TANWIN}])[{COMBINING_MARKS}])+)([{ARABIC_LETTERS}])", core)
        word = letters_of(core)
        if not m or m.group(2) in HAMZA_ALEFS or len(word) < 2 or lexicon.zipf(word) < 3.0:
            continue  # a mark before a hamza-alef is put first by every extractor (`glue_fragments`)
        prev = split_edges(tokens[k - 1], outside_word)[1] if k else ""
        if prev and pure_arabic(prev) and letters_zipf(prev + word, lexicon) >= 3.0:
            continue
        found += 1.0
    return found


def move_tanwin_to_final_letter(text: str) -> str:
    """Put a tanwin that an extractor placed before a word's last letter after it (`قي ٍد` → `قي دٍ`).

    Tanwin belongs to the last letter of a word (or to the letter before a
    final alef), so a tanwin followed by one letter and a word end is moved
    across that letter. Used when marks otherwise follow their letter.

    >>> move_tanwin_to_final_letter("دون قي ٍد أو شر ٍط.") == "دون قي دٍ أو شر طٍ."
    True
    """
    pattern = f"([{TANWIN}])([{ARABIC_LETTERS}])(?=$|[^{ARABIC_LETTERS}{MARKS}])"
    return re.sub(
        pattern, lambda m: m.group(2) + m.group(1) if m.group(2) not in "\u0627\u0649" else m.group(0), text
    )


def move_marks_after_base(text: str) -> str:
    """Move every run of marks that precedes its letter to after that letter.

    Used when the document's marks come first (`marks_before_base`). A mark
    run followed by a space and a letter belongs to that letter too (the
    space is an artefact of the split).

    >>> move_marks_after_base("سلسلًة من الأزمات").replace(CUT, "") == "سلسلةً من الأزمات"
    True
    >>> move_marks_after_base("بتمُّر د") == "بتمرُّ\ue000 د"
    True

    Tanwin is the exception: it only ever ends a word, so a tanwin at a word
    edge after a word stays with that word (`بعيدا ً عن`, not `عًن`) or goes
    back to it (`إنسانية ٍعاجلة` is `إنسانيةٍ عاجلة`).

    >>> move_marks_after_base("إنسانية ٍعاجلة") == "إنسانيةٍ عاجلة"
    True
    """
    out: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        if MARK_RE.match(text[i]):
            j = i
            while j < n and MARK_RE.match(text[j]):
                j += 1
            run = text[i:j]
            if set(run) & set(TANWIN) and _word_edge_tanwin(text, i, j, out):
                # Tanwin only ever ends a word: at a word edge it stays with (or goes back to) the word before.
                if out[-1] == " ":
                    out.insert(len(out) - 1, run)
                    j += j < n and text[j] == " "  # the space it stood between is already there
                else:
                    out.append(run)
                i = j
                continue
            if out and out[-1] == " " and len(out) > 1 and LETTER_RE.match(out[-2]):
                out.insert(len(out) - 1, CUT)  # `بتم ُّرد`: the space before the mark may cut a word
            k = j
            if k < n and text[k] == " " and k + 1 < n and LETTER_RE.match(text[k + 1]):
                k += 1  # `ُ عرف`: the mark went before a space
            if k < n and LETTER_RE.match(text[k]):
                out.append(text[j:k])  # the space, if any
                out.append(text[k])
                out.append(run)
                if k + 2 < n and text[k + 1] == " " and LETTER_RE.match(text[k + 2]):
                    out.append(CUT)  # `بتمُّر د`: and so may the space after its letter
                i = k + 1
                continue
            out.append(run)
            i = j
            continue
        out.append(text[i])
        i += 1
    return "".join(out)


def _word_edge_tanwin(text: str, i: int, j: int, out: Sequence[str]) -> bool:
    """Whether the mark run text[i:j] sits between a word and the next (`بعيدا ً عن`, `إنسانية ٍعاجلة`)."""
    after_space = bool(out) and out[-1] == " " and len(out) > 1 and LETTER_RE.match(out[-2]) is not None
    after_letter = bool(out) and LETTER_RE.match(out[-1]) is not None
    # What follows must be a word of its own: one letter is the tail of a word cut at the mark (`سلسل ًة`).
    m = re.match(f" ?([{ARABIC_LETTERS}]*)", text[j:])
    return (after_space or after_letter) and len(m.group(1)) >= 2 if m else False
