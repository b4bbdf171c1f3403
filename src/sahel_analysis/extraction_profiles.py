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
    are turned back; pdfminer's one-box-per-paragraph output is first
    regrouped into printed lines (`group_visual_boxes`).
``raw_bidi``
    pdftotext ``-raw``: visual word order, every Arabic piece wrapped in
    RLE…PDF with its letters logical, pieces cut at every mark glyph. The
    pieces are turned into visual order and repaired as ``visual_chars``;
    a LibreOffice run cut at marks onto lines of its own, left piece first,
    is joined back first (`join_raw_mark_breaks`).
``logical_bidi``
    pdftotext's default: logical order, lines wrapped in RLE…PDF, and the
    left-to-right pieces (LRE…PDF) hold the neighbouring punctuation in visual
    order (``المحلية<LRE> ،<PDF>وهو``): those pieces are turned round.
``logical_runs``
    pypdf, PyMuPDF: logical order inside each run, but the runs of a line that
    holds numbers, Latin, brackets or a cut mark are emitted in the wrong
    order; each line gets the reading that looks best formed
    (`_runs_readings`).

After the layout is undone, the same steps run for every profile: brackets
are mirrored when the extractor stored the mirrored glyph (decided per
document by checking which way brackets cling, `bracket_balance`), marks are
put after their letter when the extractor put them first (decided per
document, `marks_before_base`), pieces of printed lines emitted out of order
are put back (`reorder_fragments`, `merge_fragments`), and words cut at marks,
lost glyphs or stray spaces are glued back where the lexicon agrees
(`glue_fragments`).

Glyph-level damage is repaired only where the fix is general: presentation
forms become base letters (NFKC on those code points only), bidi controls go,
glyphs the extractor could not map (U+0000, ``(cid:N)``, stray bytes inside an
Arabic word) are dropped and the word is glued back. A mark whose identity
the extractor lost (the haraka under a shadda printed as U+0000 or as a stray
byte) is not guessed, so such words keep a bare or wrong shadda.

>>> repair_any("ةيروهمج تدهش\\nنم ةلسلس م2012 ماع")
'شهدت جمهورية\\nعام 2012م سلسلة من'
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from .lexicon import Lexicon, lookup_form
from .normalize import presentation_forms

# The fewest characters a full printed line is assumed to hold (for grouping pdfminer's boxes).
FULL_LINE_MIN = 40
# Layout-score gain (`_layout_score`) from reordering runs above which a text counts as `logical_runs`.
RUNS_GAIN = 1.0
PROFILE_NAMES = ("logical", "visual_words", "visual_chars", "raw_bidi", "logical_bidi", "logical_runs")

RLE, LRE, RLO, LRO, PDF = "\u202b", "\u202a", "\u202e", "\u202d", "\u202c"
LOST = "\x00"  # a glyph the extractor could not map to text
CUT = "\ue000"  # private use: "a word may have been cut here", removed before output
MARKS = "\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
MARK_RE = re.compile(f"[{MARKS}]")
HAMZA_ALEFS = "\u0623\u0625\u0622"
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
PERCENT = "%\u066a"  # percent sign, Arabic percent sign
SHADDA = "\u0651"
# Ordinary punctuation an unmapped glyph can still print as, told apart by where it stands (`mark_lost_glyphs`).
WORD_INNER_JUNK = "[]{}:;"
LATIN_RE = re.compile("[A-Za-z\u00c0-\u024f]")
CID_RE = re.compile(r"\(cid:\d+\)")
SPACES_RE = re.compile(r"[ \t\u00a0]+")
# Characters an unmapped glyph never turns into, because they are ordinary in Arabic text.
ORDINARY = set(" \t\n.,;:!()[]{}«»\"'-/%\u060c\u061b\u061f\u066a\u066b\u066c\u0640")


def _charmap_sets() -> dict[str, object]:
    """The character tables repair shares (`data/charmap.yaml`), as sets, read once."""
    from .repair import character_sets

    return character_sets()


@cache
def _lexicon() -> Lexicon:
    """The project's shared lexicon; imported late because loading wordfreq takes time."""
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
    """A word frequent enough (Zipf 3.5) that finding it is evidence, not chance."""
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


def word_order_signs(lines: Sequence[str], lexicon: Lexicon | None = None) -> tuple[int, int]:
    """(visual, logical) word-order signs from word pairs alone, for text whose letters are logical.

    `repair.detect_visual_order` weighs common word pairs and relative
    pronouns read forwards or backwards, but also punctuation and digit
    positions, which extractors that rotate runs (pypdf, PyMuPDF) disturb
    on lines that are otherwise in order. So only lines without digits or
    Latin are used, with punctuation blanked out: what remains is evidence
    about the order of the words themselves.

    >>> word_order_signs(["ذهب الوفد إلى المدينة التي زارها"])
    (0, 1)
    """
    from .repair import detect_visual_order

    plain = [
        re.sub(f"[^{ARABIC_LETTERS}{MARKS}\\s]", " ", ln)
        for ln in lines
        if ln.strip() and not re.search(f"[{LTR_ALNUM}]", ln)
    ]
    if not plain:
        return 0, 0
    evidence = detect_visual_order("\n".join(plain), lexicon).evidence
    m = re.match(r"(\d+) visual signs vs (\d+) logical signs", evidence)
    return (int(m.group(1)), int(m.group(2))) if m else (0, 0)


def detect_profile(text: str, lexicon: Lexicon | None = None) -> Profile:
    """Name the layout of an extracted text from evidence in the text alone.

    Bidi controls tell pdftotext's two modes apart (one embedding per line vs
    one per word piece); letters spelt backwards (checked against wordfreq)
    mean a fully visual text; for letters in logical order, word pairs read
    backwards mean visual word order (`word_order_signs`), and a clear gain
    from reading a line's runs in another order (`_runs_readings`) means
    rotated runs; otherwise the text is logical.

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
    scores = {
        "known_as_written": round(written, 3),
        "known_reversed": round(reversed_, 3),
        "probes": probes,
        "rle_per_token": round(rle / arabic_tokens, 3) if arabic_tokens else 0.0,
        "lre": lre,
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
    vis, log = word_order_signs(lines, lexicon)
    scores["visual_order_signs"], scores["logical_order_signs"] = vis, log
    order = f"; word pairs: {vis} read backwards, {log} forwards"
    if vis >= 3 and vis >= 3 * log:
        return Profile("visual_words", base + order + " (visual word order)", scores)
    _, gain, _ = _runs_readings(_clean_lines(text, visual=False), lexicon)
    scores["runs_gain"] = gain
    if gain >= RUNS_GAIN:
        return Profile(
            "logical_runs", base + order + f"; reordering runs gains {gain:g} (pypdf/PyMuPDF)", scores
        )
    return Profile("logical", base + order, scores)


# --------------------------------------------------------------------------- characters


@cache
def _presentation_table(visual: bool) -> dict[int, str]:
    """`str.translate` table for `fold_presentation_forms`, built once per direction."""
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
    """An Arabic letter, mark or placeholder: what a cut word is made of."""
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
    alone or at the edge of an Arabic word next to a mark are treated alike,
    and so are square brackets, braces, colons and semicolons inside an
    Arabic word or between a shadda and a space (`ر]َّكبملا`, `تعسَّ: وو`):
    punctuation never stands there, an unmapped glyph next to a shadda does.

    >>> mark_lost_glyphs("دُّر+متب (JNIM)") == "دُّر\\x00متب (JNIM)"
    True
    >>> mark_lost_glyphs("ةح(cid:4)") == "ةح\\x00"
    True
    """
    text = CID_RE.sub(LOST, text)
    text = re.sub("[\u0080-\u009f]", LOST, text)
    chars = list(text)
    inner = edge = 0
    for i in range(1, len(chars) - 1):
        ch, before, after = chars[i], chars[i - 1], chars[i + 1]
        digit_on_mark = ch.isdigit() and (MARK_RE.match(before) or MARK_RE.match(after)) is not None
        if (_junk_candidate(ch) or digit_on_mark) and _is_arabic(before) and _is_arabic(after):
            chars[i] = LOST
            inner += 1
        elif _junk_candidate(ch) and (
            (_is_arabic(before) and after.isspace()) or (before.isspace() and _is_arabic(after))
        ):
            edge += 1
    if inner or edge >= 2 or LOST in text:
        # The extractor prints unmapped glyphs: clear them at word edges and standing alone too.
        for i, ch in enumerate(chars):
            if not _junk_candidate(ch):
                continue
            before = chars[i - 1] if i else " "
            after = chars[i + 1] if i + 1 < len(chars) else " "
            alone = before.isspace() and after.isspace()
            if (
                (alone and not ch.isalnum())
                or (alone and ch.isalpha() and _near_arabic(chars, i))
                or (_is_arabic(before) and (after.isspace() or after in "()"))
                or (_is_arabic(after) and before.isspace() and not (ch.isalnum() and LETTER_RE.match(after)))
            ):
                chars[i] = LOST
        # Punctuation never sits inside a word, nor right after a shadda before a space (`تعسَّ: وو`).
        for i, ch in enumerate(chars):
            if ch not in WORD_INNER_JUNK or not 0 < i < len(chars) - 1:
                continue
            before, after = chars[i - 1], chars[i + 1]
            if (_is_arabic(before) and _is_arabic(after)) or (
                SHADDA in (before, after) and (before.isspace() or after.isspace())
            ):
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
        if _is_arabic(line[m.start() - 1]) and _is_arabic(line[m.end()])
    ]
    if doubles < 2 or not singles or len(singles) * 2 > doubles:
        return line
    singles = [i for i in singles if LOST not in (line[i - 1], line[i + 1])]
    lexicon = lexicon or _lexicon()
    for i in reversed(singles):
        left = line[:i].split(" ")[-1]
        right = line[i + 1 :].split(" ")[0]
        if all(_is_mark(c) for c in left) and not line[: i - len(left)].strip():
            continue  # marks opening the box: their letter may end the box before
        if LETTER_RE.match(line[i - 1]) and LETTER_RE.match(line[i + 1]):
            whole = _zipf((left + right)[::-1], lexicon)
            if whole <= max(_zipf(left[::-1], lexicon), _zipf(right[::-1], lexicon)):
                continue
        line = line[:i] + line[i + 1 :]
    return line


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
    """A character a bracket can cling to (letter, digit, mark)."""
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
                and lexicon.zipf(_letters(core) + _letters(_core(nxt)[1])) >= 3.0
                and lexicon.zipf(_letters(core)) < 3.0
            ):
                before += 1  # `تأَّس ست`: cut right after the letter that follows the marks
    return before, after


def _word_initial_marks(tokens: Sequence[str], lexicon: Lexicon) -> float:
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

    >>> _word_initial_marks(["ُتعد", "بوركينا", "فاسو"], _lexicon())
    1.0
    >>> _word_initial_marks(["ُتع", "\\x00د", "بوركينا"], _lexicon())
    1.0
    >>> _word_initial_marks(["المسل", "َّحة"], _lexicon())
    0.0
    """
    found = 0.0
    for k, tok in enumerate(tokens):
        core = _core(tok)[1]
        j = k
        while j + 1 < len(tokens) and LOST in (core[-1:], tokens[j + 1][:1]):
            j += 1  # a word cut at a lost glyph: read it whole
            core += _core(tokens[j])[1]
        m = re.match(f"((?:(?![{TANWIN}])[{MARK_CHARS}])+)([{ARABIC_LETTERS}])", core)
        word = _letters(core)
        if not m or m.group(2) in HAMZA_ALEFS or len(word) < 2 or lexicon.zipf(word) < 3.0:
            continue  # a mark before a hamza-alef is put first by every extractor (`glue_fragments`)
        prev = _core(tokens[k - 1])[1] if k else ""
        if prev and _pure_arabic(prev) and _zipf(prev + word, lexicon) >= 3.0:
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


def _core(token: str) -> tuple[str, str, str]:
    """Split a token into leading punctuation, Arabic core and trailing punctuation."""
    i, j = 0, len(token)
    while i < j and not (_is_arabic(token[i]) or token[i].isalnum()):
        i += 1
    while j > i and not (_is_arabic(token[j - 1]) or token[j - 1].isalnum()):
        j -= 1
    return token[:i], token[i:j], token[j:]


def _pure_arabic(core: str) -> bool:
    """A core of Arabic letters and marks only: the only kind of piece that is glued."""
    return bool(core) and all(_is_arabic(c) for c in core) and bool(LETTER_RE.search(core))


def _zipf(word: str, lexicon: Lexicon) -> float:
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
    _, ca, ta = _core(a)
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
    hint = (
        ca[-1] in (LOST, CUT) or cb[0] in (LOST, CUT) or na == 1 or nb == 1 or _yeh_after_non_joiner(ca, cb)
    )
    if hint:
        # glue unless both sides are words that the glued form is rarer than
        return (zab >= 2.5 or (zab >= 1.5 and min(za, zb) < 1.0)) and zab >= min(za, zb) - 0.5
    if _is_mark(ca[-1]):
        return zab >= 3.0 and zab >= min(za, zb)
    return zab >= 4.0 and min(za, zb) < 3.0 and zab > max(za, zb)


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
    lexicon = lexicon or _lexicon()
    # Not tanwin: it only ever ends a word, so tanwin opening a token belongs to the token before.
    tokens = [re.sub(f"^((?:(?![{TANWIN}])[{MARK_CHARS}])+)([{HAMZA_ALEFS}])", r"\2\1", t) for t in tokens]
    out: list[str] = []
    for i, tok in enumerate(tokens):
        lead = len(tok) - len(tok.lstrip(MARK_CHARS))
        if out and 0 < lead < len(tok) and _pure_arabic(_core(out[-1])[1]) and not _core(out[-1])[2]:
            # No word starts with a mark: it ends the word before, and the split may cut a word.
            out[-1] += tok[:lead] + CUT
            tok = tok[lead:]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if out and _should_glue(out[-1], tok, lexicon) and not _belongs_to_next(out[-1], tok, nxt, lexicon):
            out[-1] += tok
        else:
            out.append(tok)
    return out


def _belongs_to_next(prev: str, tok: str, nxt: str, lexicon: Lexicon) -> bool:
    """Whether a one-letter piece makes a better word with the token after it than with the one before."""
    core = _core(tok)[1]
    if _is_mark(prev[-1:]) or len(LETTER_RE.findall(core)) != 1 or not nxt:
        return False  # a word cut at a mark continues after the mark
    if not (_should_glue(tok, nxt, lexicon) or MARK_RE.match(nxt[:1])):
        return False
    return _zipf(core + _core(nxt)[1], lexicon) > _zipf(_core(prev)[1] + core, lexicon)


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
        lead, core, _ = _core(tok)
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
    t = _charmap_sets()
    mirror, sentence = t["mirror"], t["sentence"]
    out = []
    for tok in tokens:
        core = tok.rstrip("".join(sentence))
        if (
            len(core) > 2
            and core[0] in t["closers"]
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
    t = _charmap_sets()
    toks = [re.sub(f"^([{PERCENT}])([{DIGITS}]+(?:[.,][{DIGITS}]+)?)", r"\2\1", tok) for tok in tokens]
    if (
        len(toks) >= 2
        and re.fullmatch(f"[{DIGITS}]+", toks[0])
        and toks[1][:1] == "("
        and len(toks[1]) > 1
        and not any(c in t["closers"] for tok in toks[1:] for c in tok)
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
    toks = [t for t in toks if t and not all(_is_mark(c) for c in t)]
    return fix_item_number(fix_inverted_pairs(attach_quotes(attach_brackets(toks))))


# --------------------------------------------------------------------------- profiles


def _raw_bidi_to_visual(line: str) -> str:
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
            and (not set(ln.split(" ", 1)[0]) & set(TANWIN) or prev[-1] in _charmap_sets()["sentence"])
        )
        if ln.strip() and (ends_on_mark or opens_cut):
            if opens_cut:  # the space after the marks is the gap pdftotext saw, not a word break
                ln = re.sub(f"^([{MARKS}]+) +", r"\1", ln)
            out[-1] = prev + ln.lstrip()
        else:
            out.append(ln)
    return out


def _logical_bidi_line(line: str) -> str:
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
    return -1.0 if end and _is_mark(end) else 0.0


def _portions_line(line: str, lexicon: Lexicon, marks_after: bool = False) -> str:
    """Read a line whose runs were emitted in logical order, each right to left (LibreOffice).

    Left-to-right runs stay where they are. Each stretch between them is read
    like a whole Chromium line (`_runs_line`), after putting back in order the
    pieces of a stretch the extractor cut at marks (`_unrotate_cut_stretch`).
    """
    closers = _charmap_sets()["closers"]
    out = []
    pos = 0
    for s, e in [*_ltr_spans(line), (len(line), len(line))]:
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


def _layout_score(line: str) -> float:
    """How well-formed a candidate logical line looks: brackets, punctuation and suffix positions.

    Rewards brackets and straight quotes that cling consistently and
    one-letter suffixes after their number (`2012م`); penalises a word starting with sentence
    punctuation, a lone letter or mark, and punctuation opening the line.
    """
    sentence = _charmap_sets()["sentence"]
    line = separate_scripts(line)  # score what the token steps will see
    good, bad = bracket_balance([line])
    score = float(abs(good - bad))  # orientation is fixed per document later (`mirror_brackets`)
    score += _quote_balance(line)
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
        left = i > 0 and _wordish(line[i - 1])
        right = i + 1 < len(line) and _wordish(line[i + 1])
        if left != right:
            score += 1.0 if right == (k % 2 == 0) else -1.0
    return score


def _runs_readings(lines: Sequence[str], lexicon: Lexicon) -> tuple[str, float, list[str]]:
    """Read every line of a document whose runs may have been emitted out of order.

    Each line has four candidate readings: as written, as a Chromium line
    (`_runs_line`: runs left to right, with or without stretches ending at
    quotes and brackets) and as a LibreOffice line (`_portions_line`: runs in
    order, each right to left). The reading with the best `_layout_score`
    wins; a tie goes to the layout that gains most over the whole document,
    if it gains at all, and otherwise keeps the line as written.
    Returns that layout's name, the document's total gain and the lines.
    """
    lines = [ln.strip() for ln in lines]
    before, after = mark_order_evidence(lines, lexicon)
    marks_after = after > before  # only on evidence: without any, the cut marks decide nothing
    base = [_layout_score(ln) for ln in lines]
    readings = {
        "visual": [_runs_line(ln) for ln in lines],
        "visual_quotes": [_runs_line(ln, split_quotes=True) for ln in lines],
        "portions": [_portions_line(ln, lexicon, marks_after) for ln in lines],
    }
    scores = {name: [_layout_score(c) for c in cand] for name, cand in readings.items()}
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


def _starts_cut(line: str) -> bool:
    """A line that opens on a mark or lost glyph: the tail of a word begun elsewhere.

    A mark before a hamza-alef (`ُأنشئت`) is not: extractors put that mark first
    even when the word starts the line.
    """
    if not line or not (MARK_RE.match(line[0]) or line[0] in (LOST, CUT)):
        return False
    rest = line.lstrip(MARK_CHARS + LOST + CUT)
    return not rest or rest[0] not in "\u0623\u0625\u0622\u0627"


def _ends_cut(tokens: Sequence[str]) -> bool:
    """A line whose last token is a mark split off a word that continues elsewhere (`ق ُ`)."""
    return (
        len(tokens) >= 2
        and all(_is_mark(c) for c in tokens[-1])
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
        _, a_core, a_trail = _core(xt[-1])
        if a_core and LETTER_RE.match(a_core[-1]) and not a_trail:
            score += 1.0
            tail = yt[0].lstrip(MARK_CHARS + LOST + CUT)
            if tail and _zipf(a_core + tail, lexicon) >= 3.0:
                score += 2.0
        else:
            score -= 2.0
    if xt and _ends_cut(xt):
        if not yt:
            return score - 1.0
        word = xt[-2] + y.split()[0]
        # A word cut at its mark goes on with letters, never with a number or Latin run.
        ltr = re.match(f"[{LTR_ALNUM}]", yt[0]) is not None
        score += 2.0 if not ltr and _zipf(_core(word)[1], lexicon) >= 3.0 else -1.0
    if not xt or not yt:
        return score
    a, b = xt[-1], yt[0]
    _, b_core, _ = _core(b)
    if re.fullmatch(f"[{DIGITS}]+", a) and len(b_core) == 1 and LETTER_RE.match(b_core):
        score += 2.0
    openers, closers = _charmap_sets()["openers"], _charmap_sets()["closers"]
    if a[-1] in openers and re.match(f"[{LTR_ALNUM}]", b):
        score += 1.0
    if re.search(f"[{DIGITS}]$", a) and (b[0] in PERCENT or b[0] in _charmap_sets()["sentence"]):
        score += 1.0  # `2690` `،`, `40` `%`: a number's percent sign and punctuation follow it
    if a == "\u0648" and re.match(f"[{DIGITS}]", b):
        score += 1.0  # `و` `2021م`: the conjunction is the prefix of the number after it
    if b[0] in closers and re.search(f"[{LTR_ALNUM}]$", a):
        score += 1.0
    a_core = _core(a)[1]
    if _pure_arabic(a_core) and _pure_arabic(b_core) and not _core(a)[2] and not _core(b)[0]:
        za, zb = _zipf(a_core, lexicon), _zipf(b_core, lexicon)
        if min(za, zb) < 2.5 and _zipf(a_core + b_core, lexicon) >= 3.5:
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
    lexicon = lexicon or _lexicon()
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
    lexicon = lexicon or _lexicon()
    out: list[str] = []
    for ln in lines:
        if out and out[-1] and ln and _fragment_junction(out[-1], ln, lexicon) > 0:
            a, b = out[-1].split()[-1], ln.split()[0]
            if _starts_cut(ln) or _ends_cut(out[-1].split()):
                out[-1] = out[-1] + ln
            elif _pure_arabic(_core(a)[1]) and _pure_arabic(_core(b)[1]):
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
    _, core, _ = _core(token)
    if not core or not _pure_arabic(core) or core[-1] != "\u0627":
        return False
    stem = _letters(core)[:-1]
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
            trail = _core(below[k])[2]
            below[k] = below[k][: len(below[k]) - len(trail)] + FATHATAN + trail
        out[i] = " ".join(t for t in tokens if t != FATHATAN) or None
        out[i + 1] = " ".join(below)
    return [ln for ln in out if ln is not None]  # an emptied line goes, lest it read as a paragraph break


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
    if _is_mark(first):
        if first in TANWIN or _ltr_only(left):
            return False
        return not (LETTER_RE.match(end) or end in "«»")
    brackets = _charmap_sets()["openers"] | _charmap_sets()["closers"]
    if _ltr_only(right):
        if end.isspace() or end in brackets:
            return True
        word = left.split()[-1] if left.split() else ""
        return len(_letters(word)) <= 1
    if _ltr_only(left):
        return first in brackets
    return False


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
    brackets = _charmap_sets()["openers"] | _charmap_sets()["closers"]
    groups: list[str] = []
    last = ""
    for box in boxes:
        joined = False
        first = box[:1]
        end = last.rstrip()[-1:]
        if (
            groups
            and MARK_RE.match(first)
            and _is_arabic(end)
            and width(groups[-1]) + width(box) <= 1.15 * full
        ):
            joined = True  # a box opening on a mark ends the word cut at the end of the box before
        elif groups and len(last) < 0.8 * raw_full and len(groups[-1]) + len(box) <= 1.15 * raw_full:
            joined = (
                (_ltr_only(last) and (first.isspace() or first in brackets))
                or (first.isspace() and _ltr_only(last))
                or (_ltr_only(box) and (end in brackets or _is_arabic(end) or last[-1:].isspace()))
                or (_is_mark(first) and _is_arabic(end))
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


def _clean_lines(text: str, visual: bool) -> list[str]:
    """Split into lines after folding presentation forms and marking lost glyphs."""
    text = text.replace("\r\n", "\n").replace("\f", "\n")
    text = fold_presentation_forms(text, visual=visual)
    text = mark_lost_glyphs(text)
    # A line of nothing but lost glyphs says nothing about where they belonged.
    return ["" if ln.strip(" \t" + LOST) == "" else ln for ln in text.split("\n")]


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
    lexicon = lexicon or _lexicon()
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
        raw_lines = join_raw_mark_breaks(_clean_lines(text, visual=False))
        lines = [visual_to_logical(_raw_bidi_to_visual(ln)) for ln in raw_lines]
    elif name == "visual_chars":
        raw_lines = [close_false_spaces(ln) for ln in _clean_lines(text, visual=True)]
        if sum(1 for ln in raw_lines if not ln.strip()) >= 0.3 * len(raw_lines):
            # One text box per paragraph (pdfminer on LibreOffice): rebuild the printed lines first.
            boxes = "\n".join(raw_lines).split("\n\n")  # a box's lines have no blank line between
            raw_lines = group_visual_boxes([b.strip("\n") for b in boxes if b.strip()])
        lines = [visual_to_logical(ln) for ln in raw_lines]
    elif name == "logical_bidi":
        lines = [_logical_bidi_line(ln) for ln in _clean_lines(text, visual=False)]
    else:  # logical_runs
        _, _, lines = _runs_readings(_clean_lines(text, visual=False), lexicon)
    lines = [sort_marks(dedupe_marks(SPACES_RE.sub(" ", strip_bidi_controls(ln)).strip())) for ln in lines]
    good, bad = bracket_balance(lines)
    if bad > good:
        lines = [mirror_brackets(ln) for ln in lines]
    if name == "visual_chars":
        # Characters sorted by position put a mark after its letter in visual order (`_word_initial_marks`).
        before, after = mark_order_evidence(lines, lexicon)
        before += sum(_word_initial_marks(ln.split(), lexicon) for ln in lines)
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
        block = [ln for ln in block if any(not _is_mark(c) and not c.isspace() for c in ln)]
        for ln in merge_fragments(reorder_fragments(block, lexicon), lexicon):
            toks = finish_tokens(separate_scripts(ln).split(), lexicon)
            out.append(sort_marks(" ".join(toks)))
    return out


def repair_any(text: str, lexicon: Lexicon | None = None) -> str:
    """Detect the layout of an extracted text and return it in logical order.

    The caller need not know which extractor produced the text: the profile
    decides. `visual_words` goes to `repair.repair_lines` (non-blank lines),
    the repairer built for that layout; `logical` text is only given single
    spaces, since reordering correct text can only damage it; every other
    layout goes through `repair_with_profile`.

    >>> repair_any("شهدت  جمهورية مالي")
    'شهدت جمهورية مالي'
    >>> repair_any("ماع ذنم يلام ةيروهمج تدهش")
    'شهدت جمهورية مالي منذ عام'
    """
    lexicon = lexicon or _lexicon()
    profile = detect_profile(text, lexicon)
    if profile.name == "logical":
        return "\n".join(SPACES_RE.sub(" ", ln).strip() for ln in text.splitlines())
    if profile.name == "visual_words":
        from .repair import repair_lines

        lines = [ln for ln in text.splitlines() if ln.strip()]
        return "\n".join(r.text for r in repair_lines(lines, lexicon=lexicon))
    return "\n".join(repair_with_profile(text, profile, lexicon))


__all__ = [
    "PROFILE_NAMES",
    "Profile",
    "bracket_balance",
    "detect_profile",
    "fold_presentation_forms",
    "glue_fragments",
    "mark_lost_glyphs",
    "marks_before_base",
    "mirror_brackets",
    "reorder_fragments",
    "repair_any",
    "repair_with_profile",
    "visual_to_logical",
]
