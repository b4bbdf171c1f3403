"""Naming the layout of an extracted text (its *profile*) from evidence in the text alone.

Bidi controls, letters spelt backwards, word pairs read backwards and the
gain from reading a line's runs in another order tell the layouts apart
(`detect_profile`); the `Profile` returned carries the measurements, so a
caller can see how clear-cut the decision was. The names are
`PROFILE_NAMES`.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

from sahel_analysis.repair.detect import detect_visual_order
from sahel_analysis.repair.layouts.characters import clean_lines, fold_presentation_forms, word_letters
from sahel_analysis.repair.layouts.runs import runs_readings
from sahel_analysis.text.charmap import ARABIC_LETTERS, LETTER_RE, LRE, LRO, LTR_ALNUM, MARKS, RLE, RLO
from sahel_analysis.text.lexicon import Lexicon, default_lexicon, frequent_forms, may_be_known

# Layout-score gain (`layout_score`) from reordering runs above which a text counts as `logical_runs`.
RUNS_GAIN = 1.0
# Longest median line (characters) of a text still laid out as printed lines: pypdf and
# PyMuPDF emit one printed line per line, so a text of paragraph-long lines has no runs to rotate.
PRINTED_LINE_MAX = 160


def paragraph_lines(lines: Sequence[str]) -> bool:
    """Whether a text's lines are paragraphs rather than printed lines.

    Most lines longer than a printed line, or any twice as long as one: no
    page prints a 320-character line, so a web article of two short
    paragraphs and a long one is not a PDF extraction, whatever its median.
    """
    lengths = [len(ln) for ln in lines]
    return bool(lengths) and (
        statistics.median(lengths) > PRINTED_LINE_MAX or max(lengths) > 2 * PRINTED_LINE_MAX
    )


# A probe word at least this frequent (Zipf) is known: finding it is evidence, not chance.
KNOWN_ZIPF = 3.5
# A text is spelt backwards when the share of probe words known reversed exceeds the share known
# as written by more than this.
SPELT_BACKWARDS_MARGIN = 0.2
PROFILE_NAMES = ("logical", "visual_words", "visual_chars", "raw_bidi", "logical_bidi", "logical_runs")


@dataclass(frozen=True)
class Profile:
    """The layout an extractor gave a text, with the evidence that named it.

    `scores` holds the measurements (shares between 0 and 1, counts) so a
    caller can see how clear-cut the decision was.
    """

    name: str
    evidence: str
    scores: dict[str, float] = field(default_factory=dict, hash=False, compare=False)


def _known(word: str, lexicon: Lexicon, threshold: float = KNOWN_ZIPF) -> bool:
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
    lexicon = lexicon or default_lexicon()
    written = reversed_ = 0
    words = probe_words(text)
    probes = len(words)
    seen: dict[str, tuple[bool, bool]] = {}
    for letters in words:
        if letters not in seen:
            seen[letters] = (_known(letters, lexicon), _known(letters[::-1], lexicon))
        a, b = seen[letters]
        written += a
        reversed_ += b
    if not probes:
        return 0.0, 0.0, 0
    return written / probes, reversed_ / probes, probes


def probe_words(text: str) -> list[str]:
    """The letters of each token `letter_order_scores` probes: 3+ Arabic letters, no palindrome."""
    return [letters for letters in word_letters(text) if len(letters) >= 3 and letters != letters[::-1]]


def may_be_spelt_backwards(text: str, lexicon: Lexicon | None = None) -> bool:
    """False when `detect_profile` surely finds no words spelt backwards (no `visual_chars`).

    The probes of `letter_order_scores`: all of them as written, then
    reversed only until the probes left could no longer lift the share known
    reversed above the share known as written by the margin. On logical
    text, where most probes are words as written, that is after a few.
    """
    lexicon = lexicon or default_lexicon()
    words = probe_words(text)
    if surely_not_spelt_backwards(words):
        return False
    probes = len(words)
    known = {letters: _known(letters, lexicon) for letters in dict.fromkeys(words)}
    written = sum(known[letters] for letters in words)
    reversed_ = 0
    known_reversed: dict[str, bool] = {}
    for k, letters in enumerate(words):
        if (reversed_ + probes - k) / probes <= written / probes + SPELT_BACKWARDS_MARGIN:
            return False  # even if every probe left were known reversed
        if letters not in known_reversed:
            known_reversed[letters] = _known(letters[::-1], lexicon)
        reversed_ += known_reversed[letters]
    return bool(probes) and reversed_ / probes > written / probes + SPELT_BACKWARDS_MARGIN


def surely_not_spelt_backwards(words: Sequence[str]) -> bool:
    """True when probe words are surely not spelt backwards, from set lookups alone.

    Common words as written (`frequent_forms`) count known as written for
    sure, and a reversed probe the word list has not even through its
    clitics (`may_be_known`) is surely not known reversed: with these bounds
    most logical texts are decided without a frequency.
    """
    if not words:
        return True
    probes = len(words)
    common = frequent_forms(KNOWN_ZIPF)
    written = sum(letters in common for letters in words)  # at least this many known as written
    reversed_ = 0  # at most this many known reversed
    for k, letters in enumerate(words):
        if (reversed_ + probes - k) / probes <= written / probes + SPELT_BACKWARDS_MARGIN:
            return True
        reversed_ += may_be_known(letters[::-1])
    return reversed_ / probes <= written / probes + SPELT_BACKWARDS_MARGIN


def may_name_other_layout(text: str, lexicon: Lexicon | None = None) -> bool:
    """False when `detect_profile(text)` surely names `logical` or `visual_words`: cheaper than naming it.

    Without bidi controls only letters spelt backwards (`visual_chars`) or
    rotated runs (`logical_runs`) name another extractor's layout, and a text
    of paragraph-long lines has no runs: on such text the word-pair signs
    and the run search are skipped.
    """
    if any(c in text for c in (RLE, RLO, LRE, LRO)):
        return True
    if may_be_spelt_backwards(text, lexicon):
        return True
    lines = [ln for ln in text.splitlines() if ln.strip()]
    return not paragraph_lines(lines)


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
    plain = [
        re.sub(f"[^{ARABIC_LETTERS}{MARKS}\\s]", " ", ln)
        for ln in lines
        if ln.strip() and not re.search(f"[{LTR_ALNUM}]", ln)
    ]
    if not plain:
        return 0, 0
    detection = detect_visual_order("\n".join(plain), lexicon)
    return detection.visual_signs, detection.logical_signs


def detect_profile(text: str, lexicon: Lexicon | None = None) -> Profile:
    """Name the layout of an extracted text from evidence in the text alone.

    Bidi controls tell pdftotext's two modes apart (one embedding per line vs
    one per word piece); letters spelt backwards (checked against wordfreq)
    mean a fully visual text; for letters in logical order, word pairs read
    backwards mean visual word order (`word_order_signs`), and a clear gain
    from reading a line's runs in another order (`runs_readings`) means
    rotated runs; otherwise the text is logical.

    >>> detect_profile("شهدت جمهورية مالي منذ عام 2012م سلسلةً من الأزمات المتلاحقة.").name
    'logical'
    >>> detect_profile("ةيداوزألا تاكرحلا درمتب تأدب ،ةقحالتملا تامزألا").name
    'visual_chars'
    >>> detect_profile("\\u202bعام\\u202c \\u202bمنذ\\u202c \\u202bمالي\\u202c \\u202bجمهورية\\u202c").name
    'raw_bidi'
    """
    lexicon = lexicon or default_lexicon()
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
    if probes and reversed_ > written + SPELT_BACKWARDS_MARGIN:
        return Profile("visual_chars", base + "; words spelt backwards (fully visual)", scores)
    if rle and rle >= 0.5 * len(lines):
        return Profile("logical_bidi", base + "; an embedding per line (pdftotext)", scores)
    vis, log = word_order_signs(lines, lexicon)
    scores["visual_order_signs"], scores["logical_order_signs"] = vis, log
    order = f"; word pairs: {vis} read backwards, {log} forwards"
    if vis >= 3 and vis >= 3 * log:
        return Profile("visual_words", base + order + " (visual word order)", scores)
    if paragraph_lines(lines):
        return Profile("logical", base + order + "; lines are paragraphs, not printed lines", scores)
    _, gain, _ = runs_readings(clean_lines(text, visual=False), lexicon)
    scores["runs_gain"] = gain
    if gain >= RUNS_GAIN:
        return Profile(
            "logical_runs", base + order + f"; reordering runs gains {gain:g} (pypdf/PyMuPDF)", scores
        )
    return Profile("logical", base + order, scores)
