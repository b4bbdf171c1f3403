"""Pieces of printed lines that an extractor emitted on lines of their own, or out of order.

pdftotext -raw and pdfminer on LibreOffice PDFs cut lines at marks and
direction changes; the evidence at the junction of two lines
(`_fragment_junction`) decides which pieces to put back in order
(`reorder_fragments`) and join (`merge_fragments`). pdfplumber can print a
fathatan on a line of its own; it goes onto the word below it that takes it
(`place_floating_tanwin`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from sahel_analysis.repair.layouts.characters import CUT, LOST, is_mark, letters_of, outside_word
from sahel_analysis.repair.layouts.tokens import letters_zipf, pure_arabic
from sahel_analysis.text.charmap import (
    COMBINING_MARKS,
    DIGITS,
    LETTER_RE,
    LTR_ALNUM,
    MARK_RE,
    PERCENT,
    character_sets,
    split_edges,
)
from sahel_analysis.text.lexicon import Lexicon, default_lexicon


def _starts_cut(line: str) -> bool:
    """A line that opens on a mark or lost glyph: the tail of a word begun elsewhere.

    A mark before a hamza-alef (`ُأنشئت`) is not: extractors put that mark first
    even when the word starts the line.
    """
    if not line or not (MARK_RE.match(line[0]) or line[0] in (LOST, CUT)):
        return False
    rest = line.lstrip(COMBINING_MARKS + LOST + CUT)
    return not rest or rest[0] not in "\u0623\u0625\u0622\u0627"


def _ends_cut(tokens: Sequence[str]) -> bool:
    """A line whose last token is a mark split off a word that continues elsewhere (`ق ُ`)."""
    return (
        len(tokens) >= 2
        and all(is_mark(c) for c in tokens[-1])
        and LETTER_RE.match(tokens[-2][-1]) is not None
    )


def _fragment_junction(x: str, y: str, lexicon: Lexicon) -> float:
    """Evidence that line `y` continues line `x` directly (positive) or cannot (negative).

    A line opening on a mark continues a word cut at the end of the line
    before; a line ending on a split-off mark is continued by the next; a lone
    letter follows its number (`2012` `م`); a left-to-right run sits inside
    its brackets; two rare pieces that glue into a frequent word belong
    together. `x` or `y` may be empty (start or end of the document).
    """
    xt, yt = x.split(), y.split()
    score = 0.0
    if yt and _starts_cut(y):
        if not xt:
            return -2.0
        _, a_core, a_trail = split_edges(xt[-1], outside_word)
        if a_core and LETTER_RE.match(a_core[-1]) and not a_trail:
            score += 1.0
            tail = yt[0].lstrip(COMBINING_MARKS + LOST + CUT)
            if tail and letters_zipf(a_core + tail, lexicon) >= 3.0:
                score += 2.0
        else:
            score -= 2.0
    if xt and _ends_cut(xt):
        if not yt:
            return score - 1.0
        word = xt[-2] + y.split()[0]
        # A word cut at its mark goes on with letters, never with a number or Latin run.
        ltr = re.match(f"[{LTR_ALNUM}]", yt[0]) is not None
        score += 2.0 if not ltr and letters_zipf(split_edges(word, outside_word)[1], lexicon) >= 3.0 else -1.0
    if not xt or not yt:
        return score
    a, b = xt[-1], yt[0]
    _, b_core, _ = split_edges(b, outside_word)
    if re.fullmatch(f"[{DIGITS}]+", a) and len(b_core) == 1 and LETTER_RE.match(b_core):
        score += 2.0
    openers, closers = character_sets().openers, character_sets().closers
    if a[-1] in openers and re.match(f"[{LTR_ALNUM}]", b):
        score += 1.0
    if re.search(f"[{DIGITS}]$", a) and (b[0] in PERCENT or b[0] in character_sets().sentence):
        score += 1.0  # `2690` `،`, `40` `%`: a number's percent sign and punctuation follow it
    if a == "\u0648" and re.match(f"[{DIGITS}]", b):
        score += 1.0  # `و` `2021م`: the conjunction is the prefix of the number after it
    if b[0] in closers and re.search(f"[{LTR_ALNUM}]$", a):
        score += 1.0
    a_core = split_edges(a, outside_word)[1]
    if (
        pure_arabic(a_core)
        and pure_arabic(b_core)
        and not split_edges(a, outside_word)[2]
        and not split_edges(b, outside_word)[0]
    ):
        za, zb = letters_zipf(a_core, lexicon), letters_zipf(b_core, lexicon)
        if min(za, zb) < 2.5 and letters_zipf(a_core + b_core, lexicon) >= 3.5:
            score += 1.5
    return score


def reorder_fragments(lines: Sequence[str], lexicon: Lexicon | None = None, window: int = 4) -> list[str]:
    """Put back in order the pieces of printed lines that an extractor emitted out of order.

    Extractors that cut a line at marks and direction changes emit the pieces
    as separate lines, not always in reading order (pdftotext -raw and
    pdfminer on LibreOffice PDFs). Every window of up to `window` consecutive
    lines is tried in every order that moves only pieces (lines much shorter
    than the longest, lines opening or closing on a cut, lines without
    Arabic); the best order is
    kept when the evidence at its junctions (`_fragment_junction`) beats the
    order as written, and the search repeats until nothing improves.

    >>> reorder_fragments(["البلاد، حيث تداخلت النزاعات المحلية على الأرض والماء", "ُّد العنف نحو وسط",
    ...                    "الوجود الدولي لم ينجح في وقف تمد", "مع خطاب الجماعات الجهادية."])[1:3]
    ['الوجود الدولي لم ينجح في وقف تمد', 'ُّد العنف نحو وسط']
    """
    lexicon = lexicon or default_lexicon()
    lines = list(lines)
    n = len(lines)
    cache: dict[tuple[str, str], float] = {}
    typical = max((len(ln) for ln in lines), default=0)
    short = {ln for ln in lines if len(ln) < 0.4 * typical and LETTER_RE.search(ln)}
    movable = {
        ln
        for ln in lines
        if len(ln) < 0.7 * typical or _starts_cut(ln) or _ends_cut(ln.split()) or not LETTER_RE.search(ln)
    }

    def j(x: str, y: str) -> float:
        if (x, y) not in cache:
            cache[(x, y)] = _fragment_junction(x, y, lexicon)
        return cache[(x, y)]

    def chain(seq: Sequence[str], before: str, after: str) -> float:
        full = [before, *seq, after]
        links = [j(p, q) for p, q in itertools.pairwise(full)]
        total = sum(links)
        for k, ln in enumerate(seq):
            if ln in short and links[k] <= 0 and links[k + 1] <= 0:
                total -= 1.0  # a short piece joined to nothing is probably out of place
        return total

    for _ in range(2 * n):
        best_gain, best = 0.5, None
        for i in range(n - 1):
            for w in range(2, min(window, n - i) + 1):
                block = lines[i : i + w]
                before = lines[i - 1] if i else ""
                after = lines[i + w] if i + w < n else ""
                current = chain(block, before, after)
                for order in itertools.permutations(range(w)):
                    if order == tuple(range(w)):
                        continue
                    perm = [block[k] for k in order]
                    if any(block[k] not in movable for pos, k in enumerate(order) if k != pos):
                        continue  # only pieces move: full lines stay where they are
                    moved = sum(abs(k - pos) for pos, k in enumerate(order))
                    gain = chain(perm, before, after) - current - 0.1 * moved
                    if gain > best_gain:
                        best_gain, best = gain, (i, w, perm)
        if best is None:
            break
        i, w, perm = best
        lines[i : i + w] = perm
    return lines


def merge_fragments(lines: Sequence[str], lexicon: Lexicon | None = None) -> list[str]:
    """Join lines that continue each other (`_fragment_junction` > 0) into one line.

    A word cut between them is glued back (no space, or a cut hint for
    `glue_fragments`); a number and its suffix, or brackets and their run,
    are joined with a space for the token steps to attach.
    """
    lexicon = lexicon or default_lexicon()
    out: list[str] = []
    for ln in lines:
        if out and out[-1] and ln and _fragment_junction(out[-1], ln, lexicon) > 0:
            a, b = out[-1].split()[-1], ln.split()[0]
            if _starts_cut(ln) or _ends_cut(out[-1].split()):
                out[-1] = out[-1] + ln
            elif pure_arabic(split_edges(a, outside_word)[1]) and pure_arabic(
                split_edges(b, outside_word)[1]
            ):
                out[-1] = out[-1] + CUT + " " + ln  # two pieces of one word: let the glue step decide
            else:
                out[-1] = out[-1] + " " + ln
        else:
            out.append(ln)
    return out


FATHATAN = "\u064b"


def _takes_fathatan(token: str) -> bool:
    """A word that could end in fathatan on its final alef (`داخليا` for داخلياً).

    The accusative indefinite ending is a bare final alef after a stem of
    three or more letters; words whose alef belongs to a pronoun suffix
    (`ها`), a verb's plural ending (`وا`) or a two-letter particle (`كما`,
    `هذا`) never carry it.
    """
    _, core, _ = split_edges(token, outside_word)
    if not core or not pure_arabic(core) or core[-1] != "\u0627":
        return False
    stem = letters_of(core)[:-1]
    return len(stem) >= 3 and not stem.endswith(("\u0647", "\u0648"))


def place_floating_tanwin(lines: Sequence[str]) -> list[str]:
    """Put fathatan that an extractor printed on a line of its own onto the line below it.

    pdfplumber groups characters into lines by their top edge; a mark is
    drawn above its letter, and fathatan over a final alef reaches highest,
    so it can land on a line of its own, printed just before the line it
    belongs to, with nothing saying where in that line it sat. The
    accusative ending it marks sits on a bare final alef (`_takes_fathatan`):
    when the line below holds exactly as many such words as the line above
    holds fathatan, each goes on one of them (being identical, their order
    does not matter). Other floating marks, or an ambiguous count, are left
    alone (and dropped later, as nothing says where they belong).

    >>> place_floating_tanwin(["\u064b", "نزوح أكثر من مليون شخص داخليا بحلول عام"])
    ['نزوح أكثر من مليون شخص داخلياً بحلول عام']
    >>> place_floating_tanwin(["\u064b", "مشتركة قوامها نحو جندي، لكنها عانت نقصا"])[0][-5:]
    'نقصاً'
    >>> place_floating_tanwin(["\u064b", "كما أن الوضع لم يتغير"])
    ['\u064b', 'كما أن الوضع لم يتغير']
    """
    out: list[str | None] = list(lines)
    for i in range(len(out) - 1):
        tokens = (out[i] or "").split()
        if not tokens or LETTER_RE.search(out[i]) or FATHATAN not in tokens:
            continue
        below = (out[i + 1] or "").split()
        spots = [k for k, tok in enumerate(below) if _takes_fathatan(tok)]
        count = tokens.count(FATHATAN)
        if not spots or len(spots) != count:
            continue
        for k in spots:
            trail = split_edges(below[k], outside_word)[2]
            below[k] = below[k][: len(below[k]) - len(trail)] + FATHATAN + trail
        out[i] = " ".join(t for t in tokens if t != FATHATAN) or None
        out[i + 1] = " ".join(below)
    return [ln for ln in out if ln is not None]  # an emptied line goes, lest it read as a paragraph break
