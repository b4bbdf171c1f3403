"""One visual-order token turned into its logical form, and how plausible it is as a word.

Digit and letter runs swap back (`م2020` → `2020م`), mirrored brackets and
guillemets turn round and go to the side they open or close, sentence
punctuation moves to the end, and a token whose letters were scrambled
(`ماتهج` → `هجمات`, `يف` → `في`) may be read rotated (`token_variants`).
The line model (`repair.lines`, `repair.chunks`) weighs these readings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from sahel_analysis.text.charmap import (
    COMBINING_RE,
    COMBINING_SET,
    HARAKAT,
    LTR_CHAR_RE,
    SHADDA,
    TANWIN,
    TANWIN_CARRIERS,
    WIDE_LETTER_RE,
    WIDE_LETTER_SET,
    WORD_FINAL_LETTERS,
    character_sets,
    is_edge_punctuation,
    split_edges,
)
from sahel_analysis.text.lexicon import (
    UNSEEN_ZIPF,
    Lexicon,
    letters_form,
    lexicon_for_key,
    lexicon_key,
    may_be_known,
    wordfreq_zipf,
)

# --- plausibility of a token (log10 probabilities)
# A token left ending on shadda after repair is probably a piece still cut: this much.
CUT_LOOKING_COST = 3.0
# Plausibility of tokens that are no word: a list label, bare punctuation, a number.
LABEL_LOGPROB = -5.0
PUNCTUATION_LOGPROB = -1.0
NUMBER_LOGPROB = -4.0

# --- scrambled tokens (Zipf)
# A core longer than this is no word (the longest in the seeds and benchmarks, with its marks
# and bidi controls, is 27 characters) and is never rotated: rotations cost its length squared.
MAX_ROTATED_CHARS = 64
# A token at least this frequent as written is a word and is never rotated.
RAW_WORD_ZIPF = 4.0
# A rotation must be this frequent, and this much more frequent than the token as written.
ROTATION_ZIPF = 3.5
ROTATION_MARGIN = 2.0
# ... and the token rare as written, or the rotation one of the commonest words (`مل` → `لم`).
RARE_AS_WRITTEN_ZIPF = 3.0
COMMON_ROTATION_ZIPF = 5.5
# A token unknown even through its clitics may rotate into a plain word this frequent.
UNSEEN_ROTATION_ZIPF = 3.0
# Pieces glued at a junction may rotate into a word this frequent (or known through its clitics).
CUT_ROTATION_ZIPF = 1.5
# A piece less frequent than this may be a tail and a head glued in display order.
FRAGMENT_ZIPF = 3.5

# Reading a token rotated rather than as written costs the prior odds that a token was
# scrambled at all (log10; about one token in a hundred in a visual-order extraction).
SCRAMBLE_COST = 2.0


@dataclass(frozen=True)
class RawToken:
    """A whitespace-separated token of a raw line and the width of the gap before it."""

    text: str
    gap: int


def tokenize_line(line: str) -> list[RawToken]:
    """Split a raw line into tokens, remembering each gap's width (run boundaries show there)."""
    out = []
    for m in re.finditer(r"(\s*)(\S+)", line):
        out.append(RawToken(m.group(2), len(m.group(1).expandtabs(1))))
    return out


def direction_runs(core: str) -> list[str]:
    """Split a core into left-to-right runs (digits, Latin) and right-to-left runs (Arabic).

    A separator between two digits (the `.` of `1.5`, the `-` of `2013-2018`)
    stays inside its number.
    """
    runs: list[list[str]] = []
    kinds: list[bool] = []
    for k, ch in enumerate(core):
        ltr = bool(LTR_CHAR_RE.match(ch))
        if not ltr and ch in ".,/-:%" and 0 < k < len(core) - 1:
            ltr = bool(LTR_CHAR_RE.match(core[k - 1]) and LTR_CHAR_RE.match(core[k + 1]))
        if kinds and kinds[-1] == ltr:
            runs[-1].append(ch)
        else:
            runs.append([ch])
            kinds.append(ltr)
    return ["".join(r) for r in runs]


def _rotations(core: str) -> Iterable[str]:
    """The letters reversed (`يف` → `في`), then every rotation (`ماتهج` → `هجمات`).

    A core longer than any word (`MAX_ROTATED_CHARS`) has none: trying each
    rotation of a huge "word" would cost time quadratic in its length.
    """
    if len(core) > MAX_ROTATED_CHARS:
        return
    yield core[::-1]
    for k in range(1, len(core)):
        yield core[k:] + core[:k]


def looks_cut(core: str) -> bool:
    """A core that ends on shadda (with or without its haraka): where runs are cut."""
    marks = len(core) - len(core.rstrip(HARAKAT))
    return SHADDA in core[len(core) - marks :] if marks else False


@lru_cache(maxsize=200_000)
def word_shaped(cand: str) -> bool:
    """Whether letters in this order can spell an Arabic word at all.

    A word starts with a letter (not a mark, punctuation or an Arabic comma);
    ta marbuta and alef maqsura end it; tanwin sits on its last letter (or
    before a final alef or alef maqsura: `ميلًا`). A rotation or glue that
    breaks these (`دعٍم` from `مدعٍ`) is no word, whatever the lexicon says.

    >>> [word_shaped(w) for w in ("مدعٍ", "دعٍم", "ميلًا", "ةالمهم", "مِنطقة،")]
    [True, False, True, False, True]
    """
    if not cand or cand[0] in COMBINING_SET or is_edge_punctuation(cand[0]) or cand[0] == "\N{ARABIC COMMA}":
        return False
    last = len(cand) - 1
    while last >= 0 and cand[last] not in WIDE_LETTER_SET:
        last -= 1
    for final in WORD_FINAL_LETTERS:  # ta marbuta or alef maqsura before the last letter
        if -1 < cand.find(final) < last:
            return False
    tanwin = [k for k in map(cand.find, TANWIN) if k >= 0]
    if not tanwin:
        return True
    # after a tanwin only marks, punctuation and (last) a carrying alef may follow
    return all(
        k == last and cand[k] in TANWIN_CARRIERS
        for k in range(min(tanwin) + 1, len(cand))
        if cand[k] in WIDE_LETTER_SET
    )


def unscramble_core(core: str, lexicon: Lexicon) -> str:
    """Rotate or reverse a token's letters back into a word when it is plainly not one.

    PDF extractors sometimes emit a word's pieces in display order (`ماتهج` for
    `هجمات`, tail before head) or its letters reversed (`يف` for `في`). A token
    is changed only if it is not a known word and one reading is a frequent
    word. A token that ends on shadda is a piece still waiting for its tail,
    not a scrambled word, unless it is no word even through its clitics and
    a rotation is (`دونالمؤيِّ` → `المؤيِّدون`: head cut at the shadda, tail
    glued in front of it).

    >>> unscramble_core("ماتهج", Lexicon())
    'هجمات'
    >>> unscramble_core("الساحل", Lexicon())
    'الساحل'
    >>> unscramble_core("النُّ", Lexicon())
    'النُّ'
    >>> unscramble_core("دونالمؤيِّ", Lexicon())
    'المؤيِّدون'
    """
    if len(core) < 2 or not WIDE_LETTER_RE.search(core) or LTR_CHAR_RE.search(core):
        return core
    here = _raw_zipf(core)  # as written, no stem back-off: garbage can look stemmed
    if here >= RAW_WORD_ZIPF:
        return core
    best, best_z = core, here
    for cand in _rotations(core):
        if not word_shaped(cand) or looks_cut(cand):
            continue
        z = _raw_zipf(cand)
        if z > best_z:
            best, best_z = cand, z
    plain = here < RARE_AS_WRITTEN_ZIPF or best_z >= COMMON_ROTATION_ZIPF
    clear = best_z >= ROTATION_ZIPF and best_z - here >= ROTATION_MARGIN and plain
    if clear and not looks_cut(core):
        return best
    if best_z >= UNSEEN_ROTATION_ZIPF and lexicon.zipf(core) <= 0:
        return best  # nothing as written, not even through clitics: a plain word rotated
    return core


def rotate_cut(lead: str, core: str, pieces: Sequence[str], lexicon: Lexicon) -> str:
    """Put back a glued word one of whose pieces holds a tail and a head in display order.

    The extractor may emit a word's tail and head as one token (`تهاأيَّ`: tail
    `تها`, head `أيَّ`) and its middle apart (`د`). Glued head first, the
    letters stand in the wrong rotation (`تهاأيَّد`); rotating at a point
    inside such a piece puts them back (`أيَّدتها`). Only pieces that are no
    confident word are split, and the rotation must be a word while the glue
    as written is none: a frequent one, or any known one if the word was cut
    at a shadda (a head or middle piece ends on one), as runs usually are.
    """
    if len(core) > MAX_ROTATED_CHARS:
        return core
    # the letters of each character: a rotation's lookup form is the rotation of these
    letters = [letters_form(c) for c in core]
    if may_be_known("".join(letters)) and lexicon.zipf(core) > 0:
        return core
    offsets, at = [], -len(lead)
    for piece in pieces:
        offsets.append((at, at + len(piece), lexicon.zipf(split_edges(piece)[1]) < FRAGMENT_ZIPF))
        at += len(piece)
    at_shadda = any(looks_cut(core[: min(end, len(core))]) for _, end, _ in offsets)
    best, best_z = core, UNSEEN_ZIPF
    for start, end, scrambled in offsets:
        for k in range(max(start + 1, 1), min(end, len(core))) if scrambled else ():
            if not may_be_known("".join(letters[k:]) + "".join(letters[:k])):
                continue  # Zipf 0 at best: below CUT_ROTATION_ZIPF, so never the result
            cand = core[k:] + core[:k]
            if not word_shaped(cand) or looks_cut(cand):
                continue
            z = max(_raw_zipf(cand), lexicon.zipf(cand))
            if z > best_z and (z >= ROTATION_ZIPF or at_shadda):
                best, best_z = cand, z
    return best if best_z >= CUT_ROTATION_ZIPF else core


def _raw_zipf(word: str) -> float:
    """wordfreq's Zipf for the letters of `word` only (wordfreq would split at punctuation)."""
    return wordfreq_zipf(letters_form(word))


def fix_visual_token(token: str, lexicon: Lexicon) -> str:
    """Turn one visual-order token into its logical form.

    >>> lex = Lexicon()
    >>> [fix_visual_token(t, lex) for t in ["م،2020", "(1", "«والمسلمين", "نصرة»", ".أ", ")فصيل"]]
    ['2020م،', '1)', 'والمسلمين»', '«نصرة', 'أ.', '(فصيل']
    >>> fix_visual_token(".«ءالصحرا", lex)
    'الصحراء».'
    """
    return _fix_token(token, lexicon_key(lexicon))


@lru_cache(maxsize=200_000)
def _fix_token(token: str, lexicon_id: int) -> str:
    start, core, end = _token_parts(token)
    return start + unscramble_core(core, lexicon_for_key(lexicon_id)) + end


@lru_cache(maxsize=200_000)
def _token_parts(token: str) -> tuple[str, str, str]:
    """A visual-order token as what opens it, its core and what closes it, in logical order.

    Digit and letter runs are swapped back and brackets mirrored; the core's
    letters are left as they are (see `unscramble_core`).
    """
    t = character_sets()
    mirror, openers = t.mirror, t.openers
    lead, core, trail = split_edges(token)
    runs = direction_runs(core)
    if len(runs) > 1:
        core = "".join(reversed(runs))
    start, end = [], []
    for ch in lead:  # visual: what leads on the left trails in logical order
        m = mirror.get(ch, ch)
        if ch in mirror and m in openers:
            start.append(m)
        else:
            end.insert(0, m)
    tail = []
    for ch in trail:
        m = mirror.get(ch, ch)
        if ch in mirror and m in openers:
            start.insert(0, m)
        else:
            tail.append(m)
    if not core:  # punctuation only: keep it as written, mirrored
        return "", "", "".join(mirror.get(c, c) for c in token)
    return "".join(start), core, "".join(tail) + "".join(end)


def _rotation(core: str, lexicon: Lexicon) -> str | None:
    """The best plain word among the core's rotations, if the core may be scrambled at all.

    Unlike `unscramble_core` this decides nothing: the line's context weighs
    the rotation against the core as written (`token_variants`).
    """
    if len(core) < 2 or not WIDE_LETTER_RE.search(core) or LTR_CHAR_RE.search(core):
        return None
    if _raw_zipf(core) >= RAW_WORD_ZIPF or (looks_cut(core) and lexicon.zipf(core) > 0):
        return None  # a word; or a piece waiting for its tail, unless no word at all
    best, best_z = None, UNSEEN_ROTATION_ZIPF
    for cand in _rotations(core):
        if word_shaped(cand) and not looks_cut(cand):
            z = _raw_zipf(cand)
            if z >= best_z:
                best, best_z = cand, z
    return best


def is_label(token: str) -> bool:
    """A list label such as `أ.` or `.ب`: one letter with a full stop, not a cut piece."""
    lead, core, trail = split_edges(token)
    return len(core) == 1 and bool(WIDE_LETTER_RE.match(core)) and "." in lead + trail


def fragmentish(token: str, lexicon: Lexicon) -> bool:
    """Whether a token looks like a piece of a cut word rather than a word."""
    _, core, _ = split_edges(token)
    if not core or LTR_CHAR_RE.search(core) or is_label(token):
        return False
    letters = [c for c in core if WIDE_LETTER_RE.match(c)]
    if len(letters) <= 1:
        return True
    if looks_cut(core) or COMBINING_RE.match(core):
        return True
    return lexicon.zipf(core) < FRAGMENT_ZIPF


def strong_fragment(token: str, lexicon: Lexicon) -> bool:
    """A token that cannot stand as a word: a lone letter, an unknown form, or a shadda-cut piece."""
    return _strong_fragment_cached(token, lexicon_key(lexicon))


@lru_cache(maxsize=200_000)
def _strong_fragment_cached(token: str, lexicon_id: int) -> bool:
    lexicon = lexicon_for_key(lexicon_id)
    _, core, _ = split_edges(token)
    if not joinable(token):
        return False
    letters = sum(1 for c in core if WIDE_LETTER_RE.match(c))
    z = lexicon.zipf(core)
    return letters <= 1 or z < 2.0 or (looks_cut(core) and z < 4.0)


def joinable(token: str) -> bool:
    """A token that can be a piece of a cut word: Arabic letters, no digits, not a label."""
    _, core, _ = split_edges(token)
    return (
        bool(core)
        and bool(WIDE_LETTER_RE.search(core))
        and not LTR_CHAR_RE.search(core)
        and not is_label(token)
    )


@lru_cache(maxsize=200_000)
def token_logprob(token: str, lexicon_id: int) -> float:
    return _core_logprob(token, split_edges(_fix_token(token, lexicon_id))[1], lexicon_id)


@lru_cache(maxsize=200_000)
def token_variants(token: str, lexicon_id: int) -> tuple[tuple[str, float], ...]:
    """The readings of a token, with their log10 plausibility: as written, and rotated.

    A rotation (`يف` → `في`, `ماتهج` → `هجمات`) pays SCRAMBLE_COST, the prior
    odds that a token was scrambled at all; then the line's word pairs decide.
    `مل` → `لم` and the cut tail `نا` → `ان` look alike as tokens; their
    neighbours tell them apart.
    """
    start, core, end = _token_parts(token)
    out = [(start + core + end, _core_logprob(token, core, lexicon_id))]
    rotated = _rotation(core, lexicon_for_key(lexicon_id))
    if rotated is not None:
        out.append((start + rotated + end, _core_logprob(token, rotated, lexicon_id) - SCRAMBLE_COST))
    return tuple(out)


def _core_logprob(token: str, core: str, lexicon_id: int) -> float:
    """log10 plausibility of a token whose core reads `core`."""
    lexicon = lexicon_for_key(lexicon_id)
    if is_label(token):
        return LABEL_LOGPROB
    if not core:
        return PUNCTUATION_LOGPROB
    if LTR_CHAR_RE.search(core) and not WIDE_LETTER_RE.search(core):
        return NUMBER_LOGPROB
    lp = lexicon.logprob(core)
    if looks_cut(core) and lp < -4.0:
        lp -= CUT_LOOKING_COST  # a word rarely ends on shadda unless it is a short particle
    return lp


def raw_token_logprob(token: str, lexicon: Lexicon) -> float:
    """log10 plausibility of a raw token as a word, after its visual-order fixes."""
    return token_logprob(token, lexicon_key(lexicon))
