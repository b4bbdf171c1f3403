"""Recognise how a PDF text extractor laid out Arabic, and put each layout back into reading order.

Different extractors break right-to-left text in different, consistent ways,
so the first step is to name the layout (a *profile*) from evidence in the text
alone, and the second is to undo exactly that layout:

``logical``
    reading order already (a web page, a well-behaved extractor): left alone.
``visual_words``
    words in visual (left-to-right) order, letters inside a word logical, runs
    cut at marks: the layout `sahel_analysis.repair.repair_lines` handles.
``visual_chars``
    every character in visual order, so words are spelt backwards (pdfminer,
    pdfplumber). Each line is reversed and left-to-right runs (numbers, Latin)
    are turned back.
``raw_bidi``
    pdftotext ``-raw``: visual word order, every Arabic piece wrapped in
    RLE…PDF with its letters logical, pieces cut at every mark glyph. The
    pieces are turned into visual order and repaired as ``visual_chars``.
``logical_bidi``
    pdftotext's default: logical order, lines wrapped in RLE…PDF, and the
    left-to-right pieces (LRE…PDF) hold the neighbouring punctuation in visual
    order (``المحلية<LRE> ،<PDF>وهو``).
``logical_runs``
    pypdf, PyMuPDF: logical order inside each run, but the runs of a line that
    holds numbers, Latin or brackets are emitted in the wrong order.

Glyph-level damage is repaired only where the fix is general: presentation
forms become base letters (NFKC on those code points only), bidi controls go,
marks split off by a space or placed before their letter go back after it,
glyphs the extractor could not map (U+0000, ``(cid:N)``, stray bytes inside an
Arabic word) are dropped and the word is glued back, and brackets are mirrored
when the extractor stored the mirrored glyph (decided per document by checking
that brackets pair up). A mark whose identity the extractor lost (the haraka
under a shadda printed as U+0000) is not guessed.

>>> repair_any("ةيروهمج تدهش\\nنم ةلسلس م2012 ماع")
'شهدت جمهورية\\nعام 2012م سلسلة من'
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from .lexicon import Lexicon, lookup_form
from .normalize import charmap, presentation_forms

# Layout-score gain (`_layout_score`) from reordering runs above which a text counts as `logical_runs`.
RUNS_GAIN = 1.0
PROFILE_NAMES = ("logical", "visual_words", "visual_chars", "raw_bidi", "logical_bidi", "logical_runs")

RLE, LRE, RLO, LRO, PDF = "\u202b", "\u202a", "\u202e", "\u202d", "\u202c"
LOST = "\x00"  # a glyph the extractor could not map to text
CUT = "\ue000"  # private use: "a word may have been cut here", removed before output
MARKS = "\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
MARK_RE = re.compile(f"[{MARKS}]")
MARK_CHARS = "".join(chr(c) for c in range(0x064B, 0x0660)) + "\u0670"
TANWIN = "\u064b\u064c\u064d"
ARABIC_LETTERS = "\u0621-\u063a\u0641-\u064a\u066e-\u066f\u0671-\u06d3\u06d5\u06fa-\u06ff"
LETTER_RE = re.compile(f"[{ARABIC_LETTERS}]")
ARABIC_BLOCK_RE = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
LTR_ALNUM = "0-9A-Za-z\u00c0-\u024f\u0660-\u0669\u06f0-\u06f9"
DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"
# One left-to-right piece: alphanumerics, joined by single separators (2.1, 2013-2018, U.S).
# A percent sign stays outside: both engines draw `40%` as `%40` in a right-to-left line.
LTR_PIECE = f"[{LTR_ALNUM}](?:[.,:/\\-\u2013+]?[{LTR_ALNUM}])*"
LTR_PIECE_RE = re.compile(LTR_PIECE)
LATIN_RE = re.compile("[A-Za-z\u00c0-\u024f]")
CID_RE = re.compile(r"\(cid:\d+\)")
SPACES_RE = re.compile(r"[ \t\u00a0]+")
# Characters an unmapped glyph never turns into, because they are ordinary in Arabic text.
ORDINARY = set(" \t\n.,;:!?()[]{}«»\"'-/%\u060c\u061b\u061f\u066a\u066b\u066c\u0640")


@cache
def _charmap_sets() -> dict[str, object]:
    cm = charmap()
    return {
        "mirror": dict(cm["mirrored"]),
        "openers": set(cm["openers"]),
        "closers": set(cm["closers"]),
        "sentence": set(cm["sentence_punctuation"]),
        "bidi": set(cm["bidi_controls"]),
    }


@cache
def _lexicon() -> Lexicon:
    from .repair import default_lexicon

    return default_lexicon()


# --------------------------------------------------------------------------- profile


@dataclass(frozen=True)
class Profile:
    """The layout an extractor gave a text, with the evidence that named it.

    `scores` holds the measurements (shares between 0 and 1, counts) so a
    caller can see how clear-cut the decision was.
    """

    name: str
    evidence: str
    scores: dict[str, float] = field(default_factory=dict, hash=False, compare=False)


def _letters(token: str) -> str:
    """The Arabic letters of a token, presentation forms folded, nothing else."""
    return "".join(LETTER_RE.findall(fold_presentation_forms(token)))


def _known(word: str, lexicon: Lexicon, threshold: float = 3.5) -> bool:
    return lexicon.zipf(word) >= threshold


def letter_order_scores(text: str, lexicon: Lexicon | None = None) -> tuple[float, float, int]:
    """Share of word-like tokens that are known words as written, and reversed.

    Tokens of 3+ Arabic letters that read differently backwards are probed;
    a logical text has most of them known as written, a text spelt backwards
    (pdfminer, pdfplumber) has most of them known reversed.

    >>> w, r, n = letter_order_scores("شهدت جمهورية مالي منذ عام")
    >>> w > 0.7 and r < 0.3
    True
    >>> w, r, n = letter_order_scores("ماع ذنم يلام ةيروهمج تدهش")
    >>> r > 0.7 and w < 0.3
    True
    """
    lexicon = lexicon or _lexicon()
    written = reversed_ = probes = 0
    seen: dict[str, tuple[bool, bool]] = {}
    for token in text.split():
        letters = _letters(token)
        if len(letters) < 3 or letters == letters[::-1]:
            continue
        if letters not in seen:
            seen[letters] = (_known(letters, lexicon), _known(letters[::-1], lexicon))
        a, b = seen[letters]
        probes += 1
        written += a
        reversed_ += b
    if not probes:
        return 0.0, 0.0, 0
    return written / probes, reversed_ / probes, probes


def _word_order_signs(lines: Sequence[str]) -> tuple[int, int]:
    """(visual, logical) signs of word order in letters-logical text, from punctuation and suffixes.

    Sentence punctuation leading a word in the middle of a line (`.التفاوض`)
    and a one-letter suffix before its digits (`م2020`) show visual word order;
    punctuation closing a word (`التفاوض.`) and digits before their suffix
    (`2020م`) show logical order. Line starts and ends are left out: extractors
    that rotate runs move punctuation there.
    """
    sentence = _charmap_sets()["sentence"]
    vis = log = 0
    for line in lines:
        toks = line.split()
        for k, tok in enumerate(toks):
            inner = 0 < k < len(toks) - 1
            if inner and len(tok) > 1 and tok[0] in sentence and LETTER_RE.match(tok[1]):
                vis += 1
            if inner and len(tok) > 1 and tok[-1] in sentence and LETTER_RE.match(tok[-2]):
                log += 1
            if re.fullmatch(f"[{ARABIC_LETTERS}][{DIGITS}]+\\W*", tok):
                vis += 1
            if re.fullmatch(f"\\W*[{DIGITS}]+[{ARABIC_LETTERS}]\\W*", tok):
                log += 1
    return vis, log


def _rotation_signs(lines: Sequence[str]) -> int:
    """Signs that the runs of a line were emitted out of order (pypdf, PyMuPDF).

    A line that starts with a lone letter or with sentence punctuation glued
    to a word, a word glued to the digits after it (`قبل2013`), a Latin run
    inside reversed brackets (`)MINUSMA(`), or a mark glued between two words.
    """
    sentence = _charmap_sets()["sentence"]
    signs = 0
    for line in lines:
        toks = line.split()
        if not toks:
            continue
        first = toks[0]
        if len(toks) > 1 and len(first) == 1 and LETTER_RE.match(first) and first != "\u0648":
            signs += 1
        if len(first) > 1 and first[0] in sentence and LETTER_RE.match(first[1]):
            signs += 1
        signs += len(re.findall(f"[{ARABIC_LETTERS}]{{2,}}[{DIGITS}]", line))
        signs += len(re.findall(r"\)[A-Za-z0-9 ]+\(", line))
        signs += len(re.findall(f"[{ARABIC_LETTERS}][{MARKS}]{{2,}}[{ARABIC_LETTERS}]{{2}}", line))
    return signs


def detect_profile(text: str, lexicon: Lexicon | None = None) -> Profile:
    """Name the layout of an extracted text from evidence in the text alone.

    Bidi controls tell pdftotext's two modes apart (one embedding per line vs
    one per word piece); letters spelt backwards (checked against wordfreq)
    mean a fully visual text; for letters in logical order, punctuation and
    digit-suffix positions decide between visual word order, rotated runs and
    plain logical text.

    >>> detect_profile("شهدت جمهورية مالي منذ عام 2012م سلسلةً من الأزمات المتلاحقة.").name
    'logical'
    >>> detect_profile("ةيداوزألا تاكرحلا درمتب تأدب ،ةقحالتملا تامزألا").name
    'visual_chars'
    >>> detect_profile("\\u202bعام\\u202c \\u202bمنذ\\u202c \\u202bمالي\\u202c \\u202bجمهورية\\u202c").name
    'raw_bidi'
    """
    lexicon = lexicon or _lexicon()
    lines = [ln for ln in text.splitlines() if ln.strip()]
    arabic_tokens = sum(1 for t in text.split() if LETTER_RE.search(fold_presentation_forms(t)))
    rle = text.count(RLE) + text.count(RLO)
    lre = text.count(LRE) + text.count(LRO)
    written, reversed_, probes = letter_order_scores(text, lexicon)
    vis, log = _word_order_signs(lines)
    rotation = _rotation_signs(lines)
    scores = {
        "known_as_written": round(written, 3),
        "known_reversed": round(reversed_, 3),
        "probes": probes,
        "rle_per_token": round(rle / arabic_tokens, 3) if arabic_tokens else 0.0,
        "lre": lre,
        "visual_signs": vis,
        "logical_signs": log,
        "rotation_signs": rotation,
    }
    base = (
        f"{probes} probe words: {written:.0%} known as written, {reversed_:.0%} reversed; "
        f"{rle} RLE, {lre} LRE for {arabic_tokens} Arabic tokens"
    )
    if arabic_tokens and rle >= 0.5 * arabic_tokens:
        return Profile("raw_bidi", base + "; an embedding per word piece (pdftotext -raw)", scores)
    if probes and reversed_ > written + 0.2:
        return Profile("visual_chars", base + "; words spelt backwards (fully visual)", scores)
    if rle and rle >= 0.5 * len(lines):
        return Profile("logical_bidi", base + "; an embedding per line (pdftotext)", scores)
    order = f"; word order: {vis} visual vs {log} logical signs, {rotation} rotated-run signs"
    if vis >= 3 and vis > 2 * log:
        from .repair import detect_visual_order

        det = detect_visual_order(text, lexicon)
        scores["visual_order_score"] = round(det.score, 3)
        if det.verdict == "visual":
            return Profile("visual_words", base + order + f"; {det.evidence}", scores)
    _, gain, _ = _runs_readings(_clean_lines(text, visual=False), lexicon)
    scores["runs_gain"] = gain
    if gain >= RUNS_GAIN:
        return Profile("logical_runs", base + order + f"; reordering runs gains {gain:g} (pypdf/PyMuPDF)", scores)
    return Profile("logical", base + order, scores)


# --------------------------------------------------------------------------- characters


@cache
def _presentation_table(visual: bool) -> dict[int, str]:
    table = {}
    for ch, base in presentation_forms().items():
        table[ord(ch)] = base[::-1] if visual else base
    return table


def fold_presentation_forms(text: str, visual: bool = False) -> str:
    """Replace Arabic presentation forms (U+FB50-FDFF, U+FE70-FEFF) by their base letters.

    This is NFKC applied to those code points only. In visual-order text a
    ligature's letters are written in reverse, so that they come out right
    when the line is turned round.

    >>> fold_presentation_forms("\\ufedf\\ufe8e\\ufeb4\\ufe92\\ufe8e\\ufea3\\ufede")
    'لاسباحل'
    >>> fold_presentation_forms("\\ufefb", visual=True)
    'ال'
    """
    return text.translate(_presentation_table(visual))


def strip_bidi_controls(text: str) -> str:
    """Remove bidi embedding, override, isolate and mark characters.

    >>> strip_bidi_controls("\\u202bعام\\u202c")
    'عام'
    """
    controls = _charmap_sets()["bidi"]
    return "".join(c for c in text if c not in controls)


def _is_mark(ch: str) -> bool:
    """A combining mark, or a placeholder standing where one was (lost glyph, cut)."""
    return ch in (LOST, CUT) or bool(MARK_RE.match(ch))


def _is_arabic(ch: str) -> bool:
    return _is_mark(ch) or bool(LETTER_RE.match(ch))


def _junk_candidate(ch: str) -> bool:
    """A character that could be an unmapped glyph printed as a byte: not Arabic, digit or ordinary."""
    if ch in ORDINARY or ch.isspace() or _is_arabic(ch) or ch.isdigit():
        return False
    if unicodedata.category(ch) == "Cf":  # bidi controls and joiners are the extractor's own
        return False
    return ord(ch) < 0x3000 and not ARABIC_BLOCK_RE.match(ch)


def mark_lost_glyphs(text: str) -> str:
    """Replace glyphs the extractor could not map with U+0000, so later steps treat them as lost marks.

    `(cid:N)` is an unmapped glyph; so is a C1 control character; so is a
    stray byte (`+`, `C`, `@`) printed inside an Arabic word, which no
    real text has. Once a document shows such bytes, the same bytes standing
    alone or at the edge of an Arabic word next to a mark are treated alike.

    >>> mark_lost_glyphs("دُّر+متب (JNIM)") == "دُّر\\x00متب (JNIM)"
    True
    >>> mark_lost_glyphs("ةح(cid:4)") == "ةح\\x00"
    True
    """
    text = CID_RE.sub(LOST, text)
    text = re.sub("[\u0080-\u009f]", LOST, text)
    chars = list(text)
    inner = 0
    for i in range(1, len(chars) - 1):
        if _junk_candidate(chars[i]) and _is_arabic(chars[i - 1]) and _is_arabic(chars[i + 1]):
            chars[i] = LOST
            inner += 1
    if inner or LOST in text:
        # The extractor prints unmapped glyphs: clear them at word edges and standing alone too.
        for i, ch in enumerate(chars):
            if not _junk_candidate(ch):
                continue
            before = chars[i - 1] if i else " "
            after = chars[i + 1] if i + 1 < len(chars) else " "
            alone = before.isspace() and after.isspace()
            if (alone and not ch.isalnum()) or (alone and ch.isupper() and _near_arabic(chars, i)):
                chars[i] = LOST
            elif (_is_arabic(before) and (after.isspace() or after in "()")) or (
                _is_arabic(after) and before.isspace()
            ):
                if not (ch.isalnum() and (before.isalnum() or after.isalnum()) and not _is_arabic(before)):
                    chars[i] = LOST
    return "".join(chars)


def _near_arabic(chars: list[str], i: int) -> bool:
    """Whether the nearest non-space characters around position i are Arabic (or line edges)."""
    j = i - 1
    while j >= 0 and chars[j] in " \t":
        j -= 1
    k = i + 1
    while k < len(chars) and chars[k] in " \t":
        k += 1
    left = j < 0 or chars[j] == "\n" or _is_arabic(chars[j])
    right = k >= len(chars) or chars[k] == "\n" or _is_arabic(chars[k])
    return left and right


def sort_marks(text: str) -> str:
    """Put each run of combining marks in canonical order (what NFC would do, without composing).

    >>> sort_marks("\\u0628\\u0651\\u064e") == "\\u0628\\u064e\\u0651"
    True
    """
    out = []
    run: list[str] = []
    for ch in text:
        if unicodedata.combining(ch):
            run.append(ch)
            continue
        if run:
            out.extend(sorted(run, key=unicodedata.combining))
            run = []
        out.append(ch)
    out.extend(sorted(run, key=unicodedata.combining))
    return "".join(out)


def dedupe_marks(text: str) -> str:
    """Drop a mark repeated on the same letter (`المسلََّّحة`): no letter carries one mark twice.

    >>> dedupe_marks("المسلََّّحة") == "المسلَّحة"
    True
    """
    out = []
    run: list[str] = []
    for ch in text + " ":
        if MARK_RE.match(ch):
            if ch not in run:
                run.append(ch)
            continue
        out.extend(run)
        run = []
        out.append(ch)
    return "".join(out)[:-1]


# --------------------------------------------------------------------------- visual lines


def _ltr_spans(text: str) -> list[tuple[int, int]]:
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
    spans = _ltr_spans(rev)
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


def bracket_balance(lines: Iterable[str]) -> tuple[int, int]:
    """Count brackets that sit the right way round (good) and mirrored (inverted).

    An opening bracket or guillemet clings to the word after it, a closing one
    to the word before it; a bracket that clings the other way (`1( الوضع`,
    `)MINUSMA(`) is evidence the extractor stored the mirrored glyph.

    >>> bracket_balance(["في مالي (MINUSMA) و«سرفال» 1) الوضع"])
    (5, 0)
    >>> bracket_balance(["في مالي )MINUSMA( و»سرفال« 1( الوضع"])
    (0, 5)
    """
    t = _charmap_sets()
    openers, closers = t["openers"], t["closers"]
    good = bad = 0
    for line in lines:
        for i, ch in enumerate(line):
            if ch not in openers and ch not in closers:
                continue
            left = i > 0 and _wordish(line[i - 1])
            right = i + 1 < len(line) and _wordish(line[i + 1])
            if left == right:
                continue
            clings_right = right
            if (ch in openers) == clings_right:
                good += 1
            else:
                bad += 1
    return good, bad


def _wordish(ch: str) -> bool:
    return ch.isalnum() or _is_arabic(ch)


def mirror_brackets(text: str) -> str:
    """Swap every mirrored bracket and guillemet for its partner.

    >>> mirror_brackets(")MINUSMA( »سرفال«")
    '(MINUSMA) «سرفال»'
    """
    mirror = _charmap_sets()["mirror"]
    return "".join(mirror.get(c, c) for c in text)


# --------------------------------------------------------------------------- marks and fragments


def marks_before_base(lines: Iterable[str], lexicon: Lexicon | None = None) -> bool:
    """Whether the extractor put each mark before the letter that carries it (decided per document).

    Evidence for marks first: fathatan or dammatan before a word's last
    letter (`سلسلًة`, `ممكٌ ن`), and a word cut just after the letter that
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
    lexicon = lexicon or _lexicon()
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
            _, core, trail = _core(tok)
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
            lead = len(core) - len(core.lstrip(MARK_CHARS))
            if lead and core[0] in above and prev_end in alefs:
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
                and lexicon.zipf(_letters(core) + _letters(_core(nxt)[1])) >= 3.0
                and lexicon.zipf(_letters(core)) < 3.0
            ):
                before += 1  # `تأَّس ست`: cut right after the letter that follows the marks
    return before > after


def move_tanwin_to_final_letter(text: str) -> str:
    """Put a tanwin that an extractor placed before a word's last letter after it (`قي ٍد` → `قي دٍ`).

    Tanwin belongs to the last letter of a word (or to the letter before a
    final alef), so a tanwin followed by one letter and a word end is moved
    across that letter. Used when marks otherwise follow their letter.

    >>> move_tanwin_to_final_letter("دون قي ٍد أو شر ٍط.") == "دون قي دٍ أو شر طٍ."
    True
    """
    pattern = f"([{TANWIN}])([{ARABIC_LETTERS}])(?=$|[^{ARABIC_LETTERS}{MARKS}])"
    return re.sub(pattern, lambda m: m.group(2) + m.group(1) if m.group(2) not in "\u0627\u0649" else m.group(0), text)


def move_marks_after_base(text: str) -> str:
    """Move every run of marks that precedes its letter to after that letter.

    Used when the document's marks come first (`marks_before_base`). A mark
    run followed by a space and a letter belongs to that letter too (the
    space is an artefact of the split).

    >>> move_marks_after_base("سلسلًة من الأزمات") == "سلسلةً من الأزمات"
    True
    >>> move_marks_after_base("بتمُّر د") == "بتمرُّ\ue000 د"
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


def _core(token: str) -> tuple[str, str, str]:
    """Split a token into leading punctuation, Arabic core and trailing punctuation."""
    i, j = 0, len(token)
    while i < j and not (_is_arabic(token[i]) or token[i].isalnum()):
        i += 1
    while j > i and not (_is_arabic(token[j - 1]) or token[j - 1].isalnum()):
        j -= 1
    return token[:i], token[i:j], token[j:]


def _pure_arabic(core: str) -> bool:
    return bool(core) and all(_is_arabic(c) for c in core) and bool(LETTER_RE.search(core))


def _zipf(word: str, lexicon: Lexicon) -> float:
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
    la, ca, ta = _core(a)
    lb, cb, tb = _core(b)
    if ta or lb or not _pure_arabic(ca) or not cb:
        return False
    if all(_is_mark(c) for c in cb) and not tb:
        return True  # a mark (or lost glyph) split off by a space: it goes with the letter before
    if not _pure_arabic(cb):
        return False
    za, zb, zab = _zipf(ca, lexicon), _zipf(cb, lexicon), _zipf(ca + cb, lexicon)
    na = len(LETTER_RE.findall(ca))
    nb = len(LETTER_RE.findall(cb))
    hint = ca[-1] in (LOST, CUT) or cb[0] in (LOST, CUT) or (na == 1 and ca not in ("\u0648",)) or nb == 1
    if hint:
        return zab >= 2.5 or (zab >= 1.5 and min(za, zb) < 1.0)
    if _is_mark(ca[-1]):
        return zab >= 3.0 and zab >= min(za, zb)
    return zab >= 4.0 and min(za, zb) < 3.0 and zab > max(za, zb)


def glue_fragments(tokens: Sequence[str], lexicon: Lexicon | None = None) -> list[str]:
    """Glue the pieces of words an extractor cut (at marks, lost glyphs or a stray space).

    >>> glue_fragments(["بتمرُّ", "د", "الحركات"]) == ["بتمرُّد", "الحركات"]
    True
    >>> glue_fragments(["سيادي\\x00", "يحظى"]) == ["سيادي\\x00", "يحظى"]
    True
    """
    lexicon = lexicon or _lexicon()
    out: list[str] = []
    for tok in tokens:
        lead = len(tok) - len(tok.lstrip(MARK_CHARS))
        if out and 0 < lead < len(tok) and _pure_arabic(_core(out[-1])[1]) and not _core(out[-1])[2]:
            # No word starts with a mark: it ends the word before, and the split may cut a word.
            out[-1] += tok[:lead] + CUT
            tok = tok[lead:]
        if out and _should_glue(out[-1], tok, lexicon):
            out[-1] += tok
        else:
            out.append(tok)
    return out


def glue_number_suffix(tokens: Sequence[str]) -> list[str]:
    """Glue a lone Arabic letter to the number before it (`2012 م` → `2012م`), as runs cut it.

    >>> glue_number_suffix(["عام", "2012", "م،", "ثم"])
    ['عام', '2012م،', 'ثم']
    """
    out: list[str] = []
    for tok in tokens:
        lead, core, _ = _core(tok)
        if (
            out
            and not lead
            and len(core) == 1
            and LETTER_RE.match(core)
            and core != "\u0648"
            and re.fullmatch(f"[{DIGITS}]+", out[-1])
        ):
            out[-1] += tok
        else:
            out.append(tok)
    return out


def attach_brackets(tokens: Sequence[str]) -> list[str]:
    """Glue an opening bracket to the word after it and closing punctuation to the word before it.

    >>> attach_brackets(["مالي", "(", "MINUSMA", ")", "في"])
    ['مالي', '(MINUSMA)', 'في']
    """
    t = _charmap_sets()
    closing = t["closers"] | t["sentence"]
    out: list[str] = []
    pending = ""
    for tok in tokens:
        if all(c in t["openers"] for c in tok):
            pending += tok
            continue
        if out and all(c in closing for c in tok) and not pending:
            out[-1] += tok
            continue
        out.append(pending + tok)
        pending = ""
    if pending:
        out.append(pending)
    return out


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
    toks = glue_fragments(tokens, lexicon)
    toks = [t.replace(LOST, "").replace(CUT, "") for t in toks]
    toks = [t for t in toks if t and not all(_is_mark(c) for c in t)]
    toks = glue_number_suffix(toks)
    return attach_brackets(toks)


# --------------------------------------------------------------------------- profiles


def _raw_bidi_to_visual(line: str) -> str:
    """Rewrite a pdftotext -raw line in plain visual order: each RLE…PDF piece is reversed."""

    def flip(m: re.Match[str]) -> str:
        return m.group(1)[::-1]

    line = re.sub(f"{RLE}([^{RLE}{PDF}]*){PDF}", flip, line)
    return strip_bidi_controls(line)


def _logical_bidi_line(line: str) -> str:
    """Rewrite a pdftotext line: LRE…PDF pieces hold their neutrals in visual order, so turn them."""

    def flip(m: re.Match[str]) -> str:
        return visual_to_logical(m.group(1))

    line = re.sub(f"{LRE}([^{LRE}{RLE}{PDF}]*){PDF}", flip, line)
    return strip_bidi_controls(line)


def _runs_to_visual(line: str) -> str:
    """Rewrite a pypdf/PyMuPDF line in visual order: each right-to-left stretch is reversed.

    Those extractors read a line left to right and reverse each stretch of
    Arabic characters; spaces at a stretch's edges stay where they are.
    """
    out = []
    for m in re.finditer(r"([\u0600-\u06ff\x00](?:[^A-Za-z0-9]*[\u0600-\u06ff\x00])?)|(.)", line):
        if m.group(1):
            out.append(m.group(1)[::-1])
        else:
            out.append(m.group(2))
    return "".join(out)


def _runs_line(line: str) -> str:
    """Read a line whose runs were emitted left to right (Chromium through pypdf/PyMuPDF)."""
    return visual_to_logical(_runs_to_visual(line))


CUT_CLUSTER_RE = re.compile(f"(?:(?<=\\s)|^)([{MARKS}{LOST}]+)(?=[{ARABIC_LETTERS})\\]])")


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
    rw = re.findall(f"^[{ARABIC_LETTERS}]+", right)
    if not lw or not rw:
        return -1.0
    return lexicon.zipf(lw[0] + rw[0])


def _unrotate_cut_stretch(stretch: str, lexicon: Lexicon) -> str:
    """Put back in order a stretch the extractor cut at marks and emitted last piece first.

    The pieces come out in reverse order, each cut mark just before the piece
    it follows. The stretch is turned round only if the words the cuts then
    glue together are more plausible than those they glue as written
    (`مسل` + `ُّ` + `حة` rather than `مدن` + `حة`); a mark opening the stretch
    is evidence on its own, as no run starts with a mark.
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
    if gain <= 0:
        return _runs_line(stretch)
    text = pieces[-1]
    for k in range(len(cuts) - 1, -1, -1):
        text = text.rstrip() + cuts[k] + pieces[k]
    return text


def _portions_line(line: str, lexicon: Lexicon) -> str:
    """Read a line whose runs were emitted in logical order, each right to left (LibreOffice).

    Left-to-right runs stay where they are. Each stretch between them is read
    like a whole Chromium line (`_runs_line`), after putting back in order the
    pieces of a stretch the extractor cut at marks (`_unrotate_cut_stretch`).
    """
    out = []
    pos = 0
    for s, e in [*_ltr_spans(line), (len(line), len(line))]:
        stretch = line[pos:s]
        if stretch:
            out.append(_unrotate_cut_stretch(stretch, lexicon))
        out.append(line[s:e])
        pos = e
    return "".join(out)


def _layout_score(line: str) -> float:
    """How well-formed a candidate logical line looks: brackets, punctuation and suffix positions.

    Rewards brackets that cling consistently and one-letter suffixes after
    their number (`2012م`); penalises a word starting with sentence
    punctuation, a lone letter or mark, and punctuation opening the line.
    """
    sentence = _charmap_sets()["sentence"]
    good, bad = bracket_balance([line])
    score = float(abs(good - bad))  # orientation is fixed per document later (`mirror_brackets`)
    toks = line.split()
    for k, tok in enumerate(toks):
        lead, core, _ = _core(tok)
        if any(c in sentence for c in lead) and core and LETTER_RE.match(core[0]):
            score -= 1
        if not core and tok and all(c in sentence for c in tok):
            score -= 1
        if core and (MARK_RE.match(core[0]) or core[0] == LOST):
            score -= 1  # no word starts with a mark: a run was cut here
        letters = LETTER_RE.findall(core)
        if len(letters) == 1 and len(core) == len(lead + core) - len(lead) and core not in ("\u0648",):
            prev = toks[k - 1] if k else ""
            score += 1 if re.fullmatch(f"[{DIGITS}]+", prev) else -1
        if re.fullmatch(f"\\W*[{DIGITS}]+[{ARABIC_LETTERS}]\\W*", tok):
            score += 1
        if re.search(f"[{ARABIC_LETTERS}]{{2,}}[{DIGITS}]|[{DIGITS}][{ARABIC_LETTERS}]{{2,}}", tok):
            score -= 0.5
    return score


def _runs_readings(lines: Sequence[str], lexicon: Lexicon) -> tuple[str, float, list[str]]:
    """Read every line of a document whose runs may have been emitted out of order.

    Each line has three candidate readings: as written, as a Chromium line
    (`_runs_line`: runs left to right) and as a LibreOffice line
    (`_portions_line`: runs in order, each right to left). The reading with the
    best `_layout_score` wins; ties keep the line as written, or else take the
    layout that gains most over the whole document.
    Returns that layout's name, the document's total gain and the lines.
    """
    lines = [ln.strip() for ln in lines]
    base = [_layout_score(ln) for ln in lines]
    readings = {
        "visual": [_runs_line(ln) for ln in lines],
        "portions": [_portions_line(ln, lexicon) for ln in lines],
    }
    scores = {name: [_layout_score(c) for c in cand] for name, cand in readings.items()}
    totals = {name: sum(sc) - sum(base) for name, sc in scores.items()}
    order = sorted(readings, key=lambda name: -totals[name])
    out = []
    gain = 0.0
    for i, ln in enumerate(lines):
        best, best_score = ln, base[i]
        for name in order:
            if scores[name][i] > best_score:
                best, best_score = readings[name][i], scores[name][i]
        gain += best_score - base[i]
        out.append(best)
    return order[0], gain, out


def _clean_lines(text: str, visual: bool) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\f", "\n")
    text = fold_presentation_forms(text, visual=visual)
    text = mark_lost_glyphs(text)
    return text.split("\n")


def repair_with_profile(text: str, profile: Profile, lexicon: Lexicon | None = None) -> list[str]:
    """Return the logical lines of a text extracted in the layout `profile` names.

    One output line per input line (blank lines kept, so paragraph breaks
    survive); pieces an extractor put on lines of their own may be merged into
    their line. `logical` and `visual_words` are the caller's business
    (`repair_any`).

    >>> repair_with_profile("نم ةلسلس م2012 ماع", Profile("visual_chars", ""))
    ['عام 2012م سلسلة من']
    """
    lexicon = lexicon or _lexicon()
    name = profile.name
    if name in ("logical", "visual_words"):
        raise ValueError(f"profile {name!r} is handled by repair_any, not repair_with_profile")
    if name not in PROFILE_NAMES:
        raise ValueError(f"unknown profile {name!r}")
    marks_first = None
    if name == "raw_bidi":
        # A piece that opens on a mark was cut between the mark and its letter: marks come first.
        inside = len(re.findall(f"{RLE}[{MARKS}]", text))
        outside = len(re.findall(f"{PDF}[{MARKS}]", text))
        marks_first = inside > outside if inside + outside else None
        lines = [visual_to_logical(_raw_bidi_to_visual(ln)) for ln in _clean_lines(text, visual=False)]
    elif name == "visual_chars":
        lines = [visual_to_logical(ln) for ln in _clean_lines(text, visual=True)]
    elif name == "logical_bidi":
        lines = [_logical_bidi_line(ln) for ln in _clean_lines(text, visual=False)]
    else:  # logical_runs
        _, _, lines = _runs_readings(_clean_lines(text, visual=False), lexicon)
    lines = [sort_marks(dedupe_marks(SPACES_RE.sub(" ", ln).strip())) for ln in lines]
    good, bad = bracket_balance(lines)
    if bad > good:
        lines = [mirror_brackets(ln) for ln in lines]
    if marks_first if marks_first is not None else marks_before_base(lines, lexicon):
        lines = [move_marks_after_base(ln) for ln in lines]
    else:
        lines = [move_tanwin_to_final_letter(ln) for ln in lines]
    out = []
    for ln in lines:
        toks = finish_tokens(separate_scripts(ln).split(), lexicon)
        out.append(sort_marks(" ".join(toks)))
    return out


def repair_any(text: str, lexicon: Lexicon | None = None) -> str:
    """Detect the layout of an extracted text and return it in logical order.

    `visual_words` goes to `repair.repair_lines` (non-blank lines), `logical`
    only has its whitespace normalised, every other layout goes through
    `repair_with_profile`.

    >>> repair_any("شهدت  جمهورية مالي")
    'شهدت جمهورية مالي'
    """
    lexicon = lexicon or _lexicon()
    profile = detect_profile(text, lexicon)
    if profile.name == "logical":
        from .repair import normalize_whitespace

        return normalize_whitespace(text)
    if profile.name == "visual_words":
        from .repair import repair_lines

        lines = [ln for ln in text.splitlines() if ln.strip()]
        return "\n".join(r.text for r in repair_lines(lines, lexicon))
    return "\n".join(repair_with_profile(text, profile, lexicon))


__all__ = [
    "PROFILE_NAMES",
    "Profile",
    "detect_profile",
    "fold_presentation_forms",
    "repair_any",
    "repair_with_profile",
    "visual_to_logical",
]


def _unused(*_: object) -> float:  # pragma: no cover - placeholder to keep math imported
    return math.inf
