"""Word-level repairs that run once a line is in logical order, whatever the layout was.

Extractors cut words at marks, lost glyphs and stray gaps, and drop or
misplace spaces at run edges: these steps glue the pieces back where the
lexicon agrees (`glue_fragments`), reattach number suffixes, brackets and
quotes, and turn round bracket pairs left inverted (`finish_tokens`). The
token helpers (`pure_arabic`, `letters_zipf`) are shared with the
line-level modules.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sahel_analysis.repair.layouts.characters import CUT, LOST, is_arabic, is_mark, outside_word
from sahel_analysis.text.charmap import (
    ARABIC_LETTERS,
    COMBINING_MARKS,
    DIGITS,
    HAMZA_ALEFS,
    LETTER_RE,
    MARK_RE,
    MARKS,
    PERCENT,
    TANWIN,
    character_sets,
    split_edges,
)
from sahel_analysis.text.lexicon import Lexicon, default_lexicon, lookup_form


def pure_arabic(core: str) -> bool:
    """A core of Arabic letters and marks only: the only kind of piece that is glued."""
    return bool(core) and all(is_arabic(c) for c in core) and bool(LETTER_RE.search(core))


def letters_zipf(word: str, lexicon: Lexicon) -> float:
    """Zipf of a token's letters alone: marks, placeholders and punctuation never decide."""
    letters = "".join(LETTER_RE.findall(lookup_form(word)))
    if not letters:
        return -1.0
    return lexicon.zipf(letters)


def _should_glue(a: str, b: str, lexicon: Lexicon) -> bool:
    """Whether tokens a and b are two pieces of one word cut by the extractor.

    A piece that starts with a mark cannot be a word; a lone letter or a lost
    glyph at the junction is a strong hint; otherwise only a frequent glued
    word made of a rare piece is accepted (`جمهور ية`).
    """
    _, ca, ta = split_edges(a, outside_word)
    lb, cb, tb = split_edges(b, outside_word)
    if ta or lb or not pure_arabic(ca) or not cb:
        return False
    if all(is_mark(c) for c in cb) and not tb:
        return True  # a mark (or lost glyph) split off by a space: it goes with the letter before
    if not pure_arabic(cb):
        return False
    if _opens_on_lost_mark(ca, cb):
        # two common words that make no word together were two words after all
        return (
            letters_zipf(ca + cb, lexicon) >= 0
            or min(letters_zipf(ca, lexicon), letters_zipf(cb, lexicon)) < 2.5
        )
    za, zb, zab = letters_zipf(ca, lexicon), letters_zipf(cb, lexicon), letters_zipf(ca + cb, lexicon)
    na = len(LETTER_RE.findall(ca))
    nb = len(LETTER_RE.findall(cb))
    hint = (
        ca[-1] in (LOST, CUT) or cb[0] in (LOST, CUT) or na == 1 or nb == 1 or _yeh_after_non_joiner(ca, cb)
    )
    if hint:
        # glue unless both sides are words that the glued form is rarer than
        return (zab >= 2.5 or (zab >= 1.5 and min(za, zb) < 1.0)) and zab >= min(za, zb) - 0.5
    if is_mark(ca[-1]):
        return zab >= 3.0 and zab >= min(za, zb)
    return zab >= 4.0 and min(za, zb) < 3.0 and zab > max(za, zb)


def _opens_on_lost_mark(a: str, b: str) -> bool:
    """Whether b opens on a lost glyph sorted before a letter inside a word, so it continues a (`تم \\x00ردات`).

    The glyphs the extractors cannot map in these PDFs are marks: Chromium's
    shadda+haraka glyph, LibreOffice's shadda (the lost glyph stands where
    the shadda's letter is). An extractor that sorts a line's glyphs by their
    left edge (pdfplumber) puts a mark, drawn inside its letter, just before
    that letter in reading order, and writes a space before the mark when its
    narrow box leaves a gap to the glyph on its right (`تم \\x00ردات` for
    تمرُّدات). No word opens on a shadda, so a token that opens on a lost glyph
    and a letter is the rest of the word before. Not when the piece before
    ends on tanwin (a word's end) or the letter is a hamza-alef (a lost
    glyph there is a hamza form, which does open words: `\\x00أجريت`).

    >>> _opens_on_lost_mark("تم", "\\x00ردات"), _opens_on_lost_mark("ميدانيةٍ", "\\x00أجريت")
    (True, False)
    """
    return (
        len(b) > 1
        and b[0] == LOST
        and LETTER_RE.match(b[1]) is not None
        and b[1] not in HAMZA_ALEFS
        and a[-1:] not in TANWIN
        and (LETTER_RE.match(a[-1:]) is not None or MARK_RE.match(a[-1:]) is not None)
    )


NON_JOINERS = "\u0627\u0623\u0625\u0622\u062f\u0630\u0631\u0632\u0648\u0624"  # no join to the next letter


def _yeh_after_non_joiner(a: str, b: str) -> bool:
    """A cut between a letter that does not join the next (ر، و، ز، د، ا) and a yeh (`عسكر يين`).

    The letter after a non-joining letter starts a new connected piece of
    the word, and an initial yeh is drawn clear of what precedes it, so the
    gap looks like a word space to an extractor that measures gaps
    (pdfminer: `الجزائر ية`, `للتمو يل`, `أبر يل`). Such a cut is a hint,
    weighed like a cut at a lost glyph.
    """
    return a[-1:] in NON_JOINERS and b[:1] == "\u064a"


def glue_fragments(tokens: Sequence[str], lexicon: Lexicon | None = None) -> list[str]:
    """Glue the pieces of words an extractor cut (at marks, lost glyphs or a stray space).

    A mark that opens a token belongs to the letter before it, except before a
    hamza-alef, whose marks extractors put first (`ُأنشئت` is `أُنشئت`), unless
    it is tanwin, which never sits on a word's first letter (`فراغا ًأمنياً`). A
    one-letter piece goes with whichever neighbour it makes the better word.

    >>> glue_fragments(["بتمرُّ", "د", "الحركات"]) == ["بتمرُّد", "الحركات"]
    True
    >>> glue_fragments(["سيادي\\x00", "يحظى"]) == ["سيادي\\x00", "يحظى"]
    True
    >>> [t.replace(CUT, "") for t in glue_fragments(["فراغا", "ًأمنياً"])] == ["فراغاً", "أمنياً"]
    True
    """
    lexicon = lexicon or default_lexicon()
    # Not tanwin: it only ever ends a word, so tanwin opening a token belongs to the token before.
    tokens = [
        re.sub(f"^((?:(?![{TANWIN}])[{COMBINING_MARKS}])+)([{HAMZA_ALEFS}])", r"\2\1", t) for t in tokens
    ]
    tokens = _join_at_lost_marks(_lone_lost_to_next(tokens), lexicon)
    out: list[str] = []
    for i, tok in enumerate(tokens):
        lead = len(tok) - len(tok.lstrip(COMBINING_MARKS))
        if (
            out
            and 0 < lead < len(tok)
            and pure_arabic(split_edges(out[-1], outside_word)[1])
            and not split_edges(out[-1], outside_word)[2]
        ):
            # No word starts with a mark: it ends the word before, and the split may cut a word.
            out[-1] += tok[:lead] + CUT
            tok = tok[lead:]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if out and _should_glue(out[-1], tok, lexicon) and not _belongs_to_next(out[-1], tok, nxt, lexicon):
            out[-1] += tok
        else:
            out.append(tok)
    return out


def _lone_lost_to_next(tokens: Sequence[str]) -> list[str]:
    """Put a lost glyph standing alone between two Arabic pieces onto the piece after it (`ويُس \\x00 لحون`).

    An extractor that sorts glyphs by their left edge puts a mark just before
    its letter and can leave a gap on both sides of its narrow box, so the
    lost mark stands alone; it belongs to the letter after it, and the piece
    that letter opens is then judged like any token opening on a lost glyph
    (`_opens_on_lost_mark`).

    >>> _lone_lost_to_next(["ويُس", "\\x00", "لحون"]) == ["ويُس", "\\x00لحون"]
    True
    """
    out: list[str] = []
    carry = ""
    for i, tok in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if (
            out
            and tok
            and set(tok) == {LOST}
            and _opens_on_lost_mark(split_edges(out[-1], outside_word)[1], LOST + nxt)
        ):
            carry = tok
            continue
        out.append(carry + tok)
        carry = ""
    return out


def _join_at_lost_marks(tokens: Sequence[str], lexicon: Lexicon) -> list[str]:
    """Glue the tokens cut at a lost mark (`_opens_on_lost_mark`) before any other glue is weighed.

    A cut at a lost mark is the surest cut there is, so the word it closes
    is made whole first; the glue steps after it then weigh that whole word
    against its neighbours, not a piece of it (`لم` `يُن` `\\x00فذ،` must not
    glue `لم` to the piece `يُن`).

    >>> _join_at_lost_marks(["لم", "يُن", "\\x00فذ،"], default_lexicon()) == ["لم", "يُن\\x00فذ،"]
    True
    """
    out: list[str] = []
    for tok in tokens:
        if (
            out
            and _opens_on_lost_mark(split_edges(out[-1], outside_word)[1], split_edges(tok, outside_word)[1])
            and _should_glue(out[-1], tok, lexicon)
        ):
            out[-1] += tok
        else:
            out.append(tok)
    return out


def _belongs_to_next(prev: str, tok: str, nxt: str, lexicon: Lexicon) -> bool:
    """Whether a one-letter piece makes a better word with the token after it than with the one before."""
    core = split_edges(tok, outside_word)[1]
    if is_mark(prev[-1:]) or len(LETTER_RE.findall(core)) != 1 or not nxt:
        return False  # a word cut at a mark continues after the mark
    if not (_should_glue(tok, nxt, lexicon) or MARK_RE.match(nxt[:1])):
        return False
    return letters_zipf(core + split_edges(nxt, outside_word)[1], lexicon) > letters_zipf(
        split_edges(prev, outside_word)[1] + core, lexicon
    )


def glue_number_suffix(tokens: Sequence[str]) -> list[str]:
    """Glue a lone Arabic letter to the number before it (`2012 م` → `2012م`), as runs cut it.

    A lone `و` before a number is its prefix (`و 2021م` → `و2021م`): the
    conjunction is written joined to the word it introduces, and the
    extractor cut it off because the number is a run of its own.

    >>> glue_number_suffix(["عام", "2012", "م،", "ثم"])
    ['عام', '2012م،', 'ثم']
    >>> glue_number_suffix(["2019", "م", "و", "2021", "م."])
    ['2019م', 'و2021م.']
    """
    out: list[str] = []
    for tok in tokens:
        if out and out[-1] == "\u0648" and re.match(f"[{DIGITS}]", tok):
            out[-1] += tok
            continue
        lead, core, _ = split_edges(tok, outside_word)
        if (
            out
            and not lead
            and len(core) == 1
            and LETTER_RE.match(core)
            and core != "\u0648"
            and re.fullmatch(f"\u0648?[{DIGITS}]+", out[-1])
        ):
            out[-1] += tok
        else:
            out.append(tok)
    return out


def attach_brackets(tokens: Sequence[str]) -> list[str]:
    """Glue an opening bracket to the word after it and closing punctuation to the word before it.

    A percent sign goes with the number before it (`40 %` → `40%`).

    >>> attach_brackets(["مالي", "(", "MINUSMA", ")", "في"])
    ['مالي', '(MINUSMA)', 'في']
    >>> attach_brackets(["من", "40", "%", "من"])
    ['من', '40%', 'من']
    """
    t = character_sets()
    closing = t.closers | t.sentence
    out: list[str] = []
    pending = ""
    for tok in tokens:
        if all(c in t.openers for c in tok):
            pending += tok
            continue
        if out and all(c in closing for c in tok) and not pending:
            out[-1] += tok
            continue
        if out and tok[:1] in PERCENT and re.search(f"[{DIGITS}]$", out[-1]) and not pending:
            out[-1] += tok  # `40 %`: the percent sign is a run of its own in a right-to-left line
            continue
        out.append(pending + tok)
        pending = ""
    if pending:
        out.append(pending)
    return out


def attach_quotes(tokens: Sequence[str]) -> list[str]:
    """Move straight double quotes to the side their turn says: opening ones cling to the next word.

    `"` looks the same open and closed, so extractors that emit it as a run
    of its own put the space on the wrong side (`تفرض "الزكاة "على`). The
    quotes of a line alternate opening and closing: an opening quote that
    ends a token moves to the start of the next, a closing quote that starts
    a token moves to the end of the one before. Lines with an odd number of
    quotes (a quotation cut by the line end) are left alone.

    >>> attach_quotes(["تفرض", '"الزكاة', '"على', "السكان"])
    ['تفرض', '"الزكاة"', 'على', 'السكان']
    """
    toks = list(tokens)
    if sum(t.count('"') for t in toks) % 2:
        return toks
    k = 0
    i = 0
    while i < len(toks):
        tok = toks[i]
        if tok.count('"') != 1:
            k += tok.count('"')
            i += 1
            continue
        opening = k % 2 == 0
        k += 1
        if not opening and tok.startswith('"') and len(tok) > 1 and i > 0 and '"' not in toks[i - 1][-1:]:
            toks[i - 1] += '"'
            toks[i] = tok[1:]
        elif opening and tok.endswith('"') and len(tok) > 1 and i + 1 < len(toks):
            toks[i] = tok[:-1]
            toks[i + 1] = '"' + toks[i + 1]
        i += 1
    return [t for t in toks if t]


def attach_lone_quotes(lines: Sequence[str]) -> list[str]:
    """Attach straight quotes that stand as tokens of their own, by their turn in the whole text.

    An extractor that inserts a space wherever the gap between two glyphs
    is wide (pdfplumber) can leave a `"` of the fallback font apart from
    both neighbours (`على " متطوعي`). Its turn in the text says which way it
    clings: quotes alternate opening and closing through a paragraph, and
    a quotation may run across a line end, so the count runs over all
    lines (`attach_quotes` counts per line and leaves odd lines alone). A
    lone opening quote goes onto the next token of its line, a lone closing
    one onto the token before; a line of nothing but quotes is counted and
    left as it is.

    >>> attach_lone_quotes(['على " متطوعي', 'عن الوطن " (VDP)'])
    ['على "متطوعي', 'عن الوطن" (VDP)']
    """
    out = []
    k = 0
    for line in lines:
        toks = line.split(" ")
        if all(t in ('"', "") for t in toks):
            k += line.count('"')
            out.append(line)
            continue
        i = 0
        while i < len(toks):
            tok = toks[i]
            if tok != '"':
                k += tok.count('"')
                i += 1
                continue
            opening = k % 2 == 0
            k += 1
            nxt = i + 1 < len(toks) and toks[i + 1] not in ("", '"')
            prev = i > 0 and toks[i - 1] not in ("", '"')
            if opening and nxt:
                toks[i + 1] = '"' + toks[i + 1]
                del toks[i]
                k -= 1  # counted here; the token it joined is counted next
            elif not opening and prev:
                toks[i - 1] += '"'
                del toks[i]
            else:
                i += 1
        out.append(" ".join(toks))
    return out


def fix_inverted_pairs(tokens: Sequence[str]) -> list[str]:
    """Turn round a bracket pair that wraps one token the wrong way (`)JNIM(` → `(JNIM)`).

    Brackets are mirrored per document (`mirror_brackets`), but extractors
    that rotate runs treat a bracket inside a right-to-left run and one
    between runs differently, so a line can keep a pair the wrong way round.
    A closing bracket opening a token and the matching opening bracket
    closing it (before any trailing punctuation) can only be that pair
    inverted.

    >>> fix_inverted_pairs(["بعثة", ")MINUSMA(،", "»فاغنر«", "(AES)"])
    ['بعثة', '(MINUSMA)،', '«فاغنر»', '(AES)']
    """
    t = character_sets()
    mirror, sentence = t.mirror, t.sentence
    out = []
    for tok in tokens:
        core = tok.rstrip("".join(sentence))
        if (
            len(core) > 2
            and core[0] in t.closers
            and core[-1] == mirror.get(core[0])
            and not any(c in mirror for c in core[1:-1])
        ):
            tok = mirror[core[0]] + core[1:-1] + mirror[core[-1]] + tok[len(core) :]
        out.append(tok)
    return out


def fix_item_number(tokens: Sequence[str]) -> list[str]:
    """Give a leading item number its closing bracket back (`1 (الوضع` → `1) الوضع`), a percentage its order.

    A numbered item (`1) ...`) has a closing bracket right after its number.
    Extractors that emit the number as a run of its own leave the bracket,
    drawn mirrored, on the Arabic run, so the line reads `1 (الوضع`. An
    opening bracket on the second token of a line that starts with a bare
    number, with no closing bracket anywhere after it, can only be that one.

    A percent sign before its number (`%40`) is how a right-to-left line
    shows `40%`; it goes back after the number.

    >>> fix_item_number(["1", "(الوضع", "الإنساني"])
    ['1)', 'الوضع', 'الإنساني']
    >>> fix_item_number(["من", "%40", "من"])
    ['من', '40%', 'من']
    >>> fix_item_number(["في", "(MINUSMA)"])
    ['في', '(MINUSMA)']
    """
    t = character_sets()
    toks = [re.sub(f"^([{PERCENT}])([{DIGITS}]+(?:[.,][{DIGITS}]+)?)", r"\2\1", tok) for tok in tokens]
    if (
        len(toks) >= 2
        and re.fullmatch(f"[{DIGITS}]+", toks[0])
        and toks[1][:1] == "("
        and len(toks[1]) > 1
        and not any(c in t.closers for tok in toks[1:] for c in tok)
    ):
        toks[0] += ")"
        toks[1] = toks[1][1:]
    return toks


def separate_scripts(line: str) -> str:
    """Put the space back between an Arabic word and a number, Latin word or bracket glued to it.

    Extractors that cut a line into runs often drop the space at a run edge
    (`عام2012م`, `(MINUSMA)في`). A one-letter prefix or suffix (`2012م`,
    `ب2012`) really is glued and stays.

    >>> separate_scripts("منذ عام2012م في العام(MINUSMA)في 26يوليو")
    'منذ عام 2012م في العام (MINUSMA) في 26 يوليو'
    """
    letter = f"[{ARABIC_LETTERS}]"
    marks = f"[{MARKS}{LOST}{CUT}]*"
    line = re.sub(f"({letter}{marks}{letter}{marks})(?=[{DIGITS}A-Za-z(\\[])", r"\1 ", line)
    line = re.sub(f"([{DIGITS}])(?={letter}{marks}{letter})", r"\1 ", line)
    return re.sub(f"([A-Za-z)\\]])(?={letter})", r"\1 ", line)


def finish_tokens(tokens: Sequence[str], lexicon: Lexicon | None = None) -> list[str]:
    """Glue cut pieces and suffixes, attach brackets, and drop lost glyphs."""
    toks = glue_fragments(glue_number_suffix(tokens), lexicon)
    toks = [t.replace(LOST, "").replace(CUT, "") for t in toks]
    toks = [t for t in toks if t and not all(is_mark(c) for c in t)]
    return fix_item_number(fix_inverted_pairs(attach_quotes(attach_brackets(toks))))
