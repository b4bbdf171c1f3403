"""Turn Arabic extracted from a PDF in visual order back into logical reading order.

A visual-order extraction stores each printed line left to right: the words run
backwards, and extractors that emit a line as several runs put the runs in the
wrong order and cut a word in two where a run ends. Repair works line by line:

1. find the line's base direction (a list item laid out left to right keeps its
   bullet first and its closing colon last);
2. list the line's readings: the whole line reversed, and every chunking under
   the run model of `_chunk_reading` whose junctions each glue a plausible cut
   word (`chunkings`; a piece holding a tail and a head in display order is
   rotated back, `_rotate_cut`);
3. score each reading with general and document evidence: how plausible its
   words are (`Lexicon`, wordfreq with clitic back-off), which word follows
   which in general Arabic (`lexicon.Bigrams`), the document's own recurring
   word pairs (`PairCounts`), the widths of the gaps where chunks would start
   (`BoundaryModel`, learned per document over passes), the neighbouring
   lines' edge words, and the layout (labels open a line, a paragraph's last
   line ends its sentence);
4. fix each token: digit and letter runs swap back (`م2020` → `2020م`), mirrored
   brackets and guillemets turn round and go to the side they open or close,
   sentence punctuation moves to the end, and a token whose letters were
   scrambled (`ماتهج` → `هجمات`, `يف` → `في`) is read rotated when its
   neighbours agree (`_token_variants`).

Repair only reorders characters and changes whitespace; the only characters it
maps are the ones listed by `mapped_glyphs` (bullets and mirrored brackets).
Logical-order text passes through unchanged apart from whitespace.
"""

from __future__ import annotations

import itertools
import math
import re
import statistics
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

from sahel_analysis.package_data import load_yaml
from sahel_analysis.text.lexicon import UNSEEN_ZIPF, Lexicon, default_bigrams, letters_form, wordfreq_zipf
from sahel_analysis.text.normalize import charmap

SPACE_RE = re.compile(r"[ \t\u00a0]+")
LTR_CHAR_RE = re.compile(r"[0-9A-Za-z\u0660-\u0669\u06f0-\u06f9]")
ARABIC_LETTER_RE = re.compile("[\u0621-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff]")
COMBINING_RE = re.compile("[\u064b-\u065f\u0670]")
# The same classes as sets, for the per-character loops of the chunking search.
ARABIC_LETTERS = frozenset(
    chr(c)
    for lo, hi in ((0x621, 0x64A), (0x66E, 0x6D3), (0x6D5, 0x6D5), (0x6FA, 0x6FF))
    for c in range(lo, hi + 1)
)
COMBINING = frozenset(chr(c) for c in [*range(0x64B, 0x660), 0x670])
SHADDA = "\N{ARABIC SHADDA}"
# Tanwin, short vowels, shadda and sukun: the marks that may follow a word's last letter.
HARAKAT = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652"
BULLET = "\N{BULLET}"
# Letters that only end a word (ta marbuta, alef maqsura), the tanwin marks, and the
# letters a tanwin may stand before at the end of a word (`ميلًا`).
WORD_FINAL_LETTERS = "\u0629\u0649"
TANWIN = "\u064b\u064c\u064d"
TANWIN_CARRIERS = "\u0627\u0649"
# Punctuation that closes a sentence (full stop, exclamation and question marks).
SENTENCE_END = ".!?\u061f\u06d4"

# --- word plausibility (log10 probabilities, Zipf units for frequencies)
# Gluing pieces that are plainly no words into no known word either (a cut name, or chance)
# costs this much beyond what the pieces cost apart (log10): it takes gap evidence to win.
UNMERGED_JUNCTION_COST = 6.0
# A token left ending on shadda after repair is probably a piece still cut: this much.
CUT_LOOKING_COST = 3.0
# The least plausible glued word accepted (log10 probability; Zipf 2).
MIN_JOIN_LOGPROB = -7.0
# The least frequent word a junction may glue (Zipf, before any CUT_LOOKING_COST: a cut word
# may end on shadda, `جلُّ`); below it the pieces are no cut word. When a piece is plainly
# no word (a lone letter, an unknown scrap), a rarer word will do (`ب` `اماكو` → `باماكو`).
MIN_GLUE_ZIPF = 2.0
MIN_GLUE_ZIPF_WITH_SCRAP = 1.0
# Plausibility of tokens that are no word: a list label, bare punctuation, a number.
LABEL_LOGPROB = -5.0
PUNCTUATION_LOGPROB = -1.0
NUMBER_LOGPROB = -4.0

# --- scrambled tokens (Zipf)
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

# --- the run model
# A word is cut into at most this many pieces (head, one middle, tail).
MAX_PIECES = 3
# A line is read as at most this many chunks, and in at most this many ways.
MAX_CHUNKS = 8
MAX_READINGS = 3000
# Conjunctions and prepositions of one letter: never printed on their own.
LONE_PROCLITICS = frozenset("وفبلك")

# --- other evidence (log10)
# Evidence for each word pair the document attests elsewhere, per doubling of its count.
PAIR_EVIDENCE = 1.0
# Weight of general Arabic word-pair evidence (log10 per pair, see lexicon.Bigrams); below 1
# because the pairs were counted in news text, pruned, and hashed.
LANGUAGE_EVIDENCE = 0.75
# Evidence from where labels, numbers and final full stops sit in a line.
LAYOUT_EVIDENCE = 3.0
# Weight of the document's clause openings (log10 per bit, see `ClauseOpenings`).
OPENING_EVIDENCE = math.log10(2)
# Pseudo-counts that pull a word's rate of following a clause end towards the document's.
OPENING_SMOOTHING = 2.0

# --- gap kinds (see BoundaryModel) and their prior pseudo-counts
INNER, PIECE, END = "inner", "piece", "end"
# The document's usual gap is almost always inside a run.
USUAL_GAP_PRIOR = {INNER: 20.0, PIECE: 1.0, END: 0.2}
# Any other width may be anything.
OTHER_GAP_PRIOR = {INNER: 2.0, PIECE: 1.0, END: 1.0}


@cache
@cache
def character_sets() -> dict[str, object]:
    """The character tables repair works with (`data/charmap.yaml`), as sets, read once.

    Shared by every caller: treat the returned tables as read-only.
    """
    cm = charmap()
    return {
        "mirror": dict(cm["mirrored"]),
        "openers": set(cm["openers"]),
        "closers": set(cm["closers"]),
        "sentence": set(cm["sentence_punctuation"]),
        "bullets": dict(cm["bullets"]),
        "bidi": set(cm["bidi_controls"]),
    }


_tables = character_sets


def mapped_glyphs() -> dict[str, str]:
    """The only characters repair may change, with what they become: bullets and mirrors."""
    t = _tables()
    return {**t["mirror"], **t["bullets"]}


@cache
def _edge_punctuation() -> frozenset[str]:
    t = _tables()
    return frozenset(t["sentence"] | t["openers"] | t["closers"] | set("\"'"))


def _is_edge_punct(ch: str) -> bool:
    return ch in _edge_punctuation()


# --------------------------------------------------------------------------- tokens


@lru_cache(maxsize=200_000)
def split_edges(token: str) -> tuple[str, str, str]:
    """Split a token into leading punctuation, core and trailing punctuation.

    >>> split_edges(".«ءالصحرا")
    ('.«', 'ءالصحرا', '')
    >>> split_edges("م،2020")
    ('', 'م،2020', '')
    """
    i, j = 0, len(token)
    while i < j and _is_edge_punct(token[i]):
        i += 1
    while j > i and _is_edge_punct(token[j - 1]):
        j -= 1
    return token[:i], token[i:j], token[j:]


def _direction_runs(core: str) -> list[str]:
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
    """The letters reversed (`يف` → `في`), then every rotation (`ماتهج` → `هجمات`)."""
    yield core[::-1]
    for k in range(1, len(core)):
        yield core[k:] + core[:k]


def _looks_cut(core: str) -> bool:
    """A core that ends on shadda (with or without its haraka): where runs are cut."""
    marks = len(core) - len(core.rstrip(HARAKAT))
    return SHADDA in core[len(core) - marks :] if marks else False


@lru_cache(maxsize=200_000)
def _word_shaped(cand: str) -> bool:
    """Whether letters in this order can spell an Arabic word at all.

    A word starts with a letter (not a mark, punctuation or an Arabic comma);
    ta marbuta and alef maqsura end it; tanwin sits on its last letter (or
    before a final alef or alef maqsura: `ميلًا`). A rotation or glue that
    breaks these (`دعٍم` from `مدعٍ`) is no word, whatever the lexicon says.

    >>> [_word_shaped(w) for w in ("مدعٍ", "دعٍم", "ميلًا", "ةالمهم", "مِنطقة،")]
    [True, False, True, False, True]
    """
    if not cand or cand[0] in COMBINING or _is_edge_punct(cand[0]) or cand[0] == "\u060c":
        return False
    last = len(cand) - 1
    while last >= 0 and cand[last] not in ARABIC_LETTERS:
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
        if cand[k] in ARABIC_LETTERS
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
    if len(core) < 2 or not ARABIC_LETTER_RE.search(core) or LTR_CHAR_RE.search(core):
        return core
    here = _raw_zipf(core)  # as written, no stem back-off: garbage can look stemmed
    if here >= RAW_WORD_ZIPF:
        return core
    best, best_z = core, here
    for cand in _rotations(core):
        if not _word_shaped(cand) or _looks_cut(cand):
            continue
        z = _raw_zipf(cand)
        if z > best_z:
            best, best_z = cand, z
    plain = here < RARE_AS_WRITTEN_ZIPF or best_z >= COMMON_ROTATION_ZIPF
    clear = best_z >= ROTATION_ZIPF and best_z - here >= ROTATION_MARGIN and plain
    if clear and not _looks_cut(core):
        return best
    if best_z >= UNSEEN_ROTATION_ZIPF and lexicon.zipf(core) <= 0:
        return best  # nothing as written, not even through clitics: a plain word rotated
    return core


def _rotate_cut(lead: str, core: str, pieces: Sequence[str], lexicon: Lexicon) -> str:
    """Put back a glued word one of whose pieces holds a tail and a head in display order.

    The extractor may emit a word's tail and head as one token (`تهاأيَّ`: tail
    `تها`, head `أيَّ`) and its middle apart (`د`). Glued head first, the
    letters stand in the wrong rotation (`تهاأيَّد`); rotating at a point
    inside such a piece puts them back (`أيَّدتها`). Only pieces that are no
    confident word are split, and the rotation must be a word while the glue
    as written is none: a frequent one, or any known one if the word was cut
    at a shadda (a head or middle piece ends on one), as runs usually are.
    """
    if lexicon.zipf(core) > 0:
        return core
    offsets, at = [], -len(lead)
    for piece in pieces:
        offsets.append((at, at + len(piece), lexicon.zipf(split_edges(piece)[1]) < FRAGMENT_ZIPF))
        at += len(piece)
    at_shadda = any(_looks_cut(core[: min(end, len(core))]) for _, end, _ in offsets)
    best, best_z = core, UNSEEN_ZIPF
    for start, end, scrambled in offsets:
        for k in range(max(start + 1, 1), min(end, len(core))) if scrambled else ():
            cand = core[k:] + core[:k]
            if not _word_shaped(cand) or _looks_cut(cand):
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
    return _fix_token(token, _lexicon_key(lexicon))


@lru_cache(maxsize=200_000)
def _fix_token(token: str, lexicon_id: int) -> str:
    start, core, end = _token_parts(token)
    return start + unscramble_core(core, _LEXICONS[lexicon_id]) + end


@lru_cache(maxsize=200_000)
def _token_parts(token: str) -> tuple[str, str, str]:
    """A visual-order token as what opens it, its core and what closes it, in logical order.

    Digit and letter runs are swapped back and brackets mirrored; the core's
    letters are left as they are (see `unscramble_core`).
    """
    t = _tables()
    mirror, openers = t["mirror"], t["openers"]
    lead, core, trail = split_edges(token)
    runs = _direction_runs(core)
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
    the rotation against the core as written (`_token_variants`).
    """
    if len(core) < 2 or not ARABIC_LETTER_RE.search(core) or LTR_CHAR_RE.search(core):
        return None
    if _raw_zipf(core) >= RAW_WORD_ZIPF or (_looks_cut(core) and lexicon.zipf(core) > 0):
        return None  # a word; or a piece waiting for its tail, unless no word at all
    best, best_z = None, UNSEEN_ROTATION_ZIPF
    for cand in _rotations(core):
        if _word_shaped(cand) and not _looks_cut(cand):
            z = _raw_zipf(cand)
            if z >= best_z:
                best, best_z = cand, z
    return best


_LEXICONS: dict[int, Lexicon] = {}


def _lexicon_key(lexicon: Lexicon) -> int:
    """A hashable key for a lexicon, so token scores can be cached per lexicon."""
    _LEXICONS.setdefault(id(lexicon), lexicon)
    return id(lexicon)


# --------------------------------------------------------------------------- lines


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


@dataclass(frozen=True)
class LineRepair:
    """A repaired line: its logical text, the reading chosen, and the evidence.

    The gaps are what `BoundaryModel.fit` learns from: the width before each
    token that starts a chunk holding a cut piece (`boundary_gaps`), before the
    token that starts the last chunk (`end_gaps`: the line's logical end), and
    before every other token (`inner_gaps`).
    """

    text: str
    mode: str  # "logical", "reversed", "runs" or "empty"
    score: float
    joined: tuple[str, ...] = ()
    boundary_gaps: tuple[int, ...] = ()
    inner_gaps: tuple[int, ...] = ()
    end_gaps: tuple[int, ...] = ()


def _is_label(token: str) -> bool:
    """A list label such as `أ.` or `.ب`: one letter with a full stop, not a cut piece."""
    lead, core, trail = split_edges(token)
    return len(core) == 1 and bool(ARABIC_LETTER_RE.match(core)) and "." in lead + trail


def _fragmentish(token: str, lexicon: Lexicon) -> bool:
    """Whether a token looks like a piece of a cut word rather than a word."""
    _, core, _ = split_edges(token)
    if not core or LTR_CHAR_RE.search(core) or _is_label(token):
        return False
    letters = [c for c in core if ARABIC_LETTER_RE.match(c)]
    if len(letters) <= 1:
        return True
    if _looks_cut(core) or COMBINING_RE.match(core):
        return True
    return lexicon.zipf(core) < FRAGMENT_ZIPF


def _strong_fragment(token: str, lexicon: Lexicon) -> bool:
    """A token that cannot stand as a word: a lone letter, an unknown form, or a shadda-cut piece."""
    return _strong_fragment_cached(token, _lexicon_key(lexicon))


@lru_cache(maxsize=200_000)
def _strong_fragment_cached(token: str, lexicon_id: int) -> bool:
    lexicon = _LEXICONS[lexicon_id]
    _, core, _ = split_edges(token)
    if not _joinable(token):
        return False
    letters = sum(1 for c in core if ARABIC_LETTER_RE.match(c))
    z = lexicon.zipf(core)
    return letters <= 1 or z < 2.0 or (_looks_cut(core) and z < 4.0)


def _joinable(token: str) -> bool:
    """A token that can be a piece of a cut word: Arabic letters, no digits, not a label."""
    _, core, _ = split_edges(token)
    return (
        bool(core)
        and bool(ARABIC_LETTER_RE.search(core))
        and not LTR_CHAR_RE.search(core)
        and not _is_label(token)
    )


@lru_cache(maxsize=200_000)
def _token_logprob(token: str, lexicon_id: int) -> float:
    return _core_logprob(token, split_edges(_fix_token(token, lexicon_id))[1], lexicon_id)


@lru_cache(maxsize=200_000)
def _token_variants(token: str, lexicon_id: int) -> tuple[tuple[str, float], ...]:
    """The readings of a token, with their log10 plausibility: as written, and rotated.

    A rotation (`يف` → `في`, `ماتهج` → `هجمات`) pays SCRAMBLE_COST, the prior
    odds that a token was scrambled at all; then the line's word pairs decide.
    `مل` → `لم` and the cut tail `نا` → `ان` look alike as tokens; their
    neighbours tell them apart.
    """
    start, core, end = _token_parts(token)
    out = [(start + core + end, _core_logprob(token, core, lexicon_id))]
    rotated = _rotation(core, _LEXICONS[lexicon_id])
    if rotated is not None:
        out.append((start + rotated + end, _core_logprob(token, rotated, lexicon_id) - SCRAMBLE_COST))
    return tuple(out)


def _core_logprob(token: str, core: str, lexicon_id: int) -> float:
    """log10 plausibility of a token whose core reads `core`."""
    lexicon = _LEXICONS[lexicon_id]
    if _is_label(token):
        return LABEL_LOGPROB
    if not core:
        return PUNCTUATION_LOGPROB
    if LTR_CHAR_RE.search(core) and not ARABIC_LETTER_RE.search(core):
        return NUMBER_LOGPROB
    lp = lexicon.logprob(core)
    if _looks_cut(core) and lp < -4.0:
        lp -= CUT_LOOKING_COST  # a word rarely ends on shadda unless it is a short particle
    return lp


def _lp(token: str, lexicon: Lexicon) -> float:
    """log10 plausibility of a raw token as a word, after its visual-order fixes."""
    return _token_logprob(token, _lexicon_key(lexicon))


def _valid_join(cand: str) -> bool:
    """A glued word keeps punctuation only at its edges and is shaped like a word."""
    t = _tables()
    _, core, _ = split_edges(cand)
    if not _word_shaped(core):
        return False
    inner = set(t["sentence"]) | t["openers"] | t["closers"]
    return not any(c in inner for c in core)


def best_join(pieces: Sequence[str], lexicon: Lexicon) -> tuple[str, float]:
    """Glue cut pieces, given in reading order, into a word; return it and its log-probability.

    The pieces go head first. When the glue is no word, it may still hold two
    pieces in display order, tail before head (`تهاأيَّ` + `د`: the tail `تها`
    was glued in front of the head `أيَّ`, the middle `د` was emitted apart);
    rotating the glued letters puts them back (`أيَّدتها`).

    >>> best_join(["شتَّ", "ى"], Lexicon())[0]
    'شتَّى'
    >>> best_join(["تهاأيَّ", "د"], Lexicon())[0]
    'أيَّدتها'
    """
    return _best_join(tuple(pieces), _lexicon_key(lexicon))


@lru_cache(maxsize=100_000)
def _best_join(pieces: tuple[str, ...], lexicon_id: int) -> tuple[str, float]:
    lexicon = _LEXICONS[lexicon_id]
    word = "".join(pieces)
    if not all(_joinable(p) for p in pieces) or not _valid_join(word):
        return word, float("-inf")
    lead, core, trail = split_edges(word)
    word = lead + _rotate_cut(lead, core, pieces, lexicon) + trail
    return word, _token_logprob(word, lexicon_id)


def _joins_well(pieces: Sequence[str], lexicon: Lexicon) -> bool:
    _, lp = best_join(pieces, lexicon)
    return lp >= MIN_JOIN_LOGPROB and lp > sum(_lp(p, lexicon) for p in pieces)


@lru_cache(maxsize=200_000)
def _glue_admissible_cached(pieces: tuple[str, ...], lexicon_id: int) -> bool:
    return _glue_admissible(pieces, _LEXICONS[lexicon_id])


def _glue_admissible(pieces: tuple[str, ...], lexicon: Lexicon) -> bool:
    """Whether pieces (head first) may be one word cut at run boundaries.

    Either the glue is a plausible word, or every piece is plainly no word
    (a cut name the lexicon cannot know).
    """
    word = "".join(pieces)
    if not all(_joinable(p) for p in pieces) or not _valid_join(word):
        return False
    if all(_strong_fragment(p, lexicon) for p in pieces):
        return True  # pieces that are no words: a cut word, known or not (checked first: cheap)
    lead, core, _ = split_edges(word)
    return _is_glue_word(_rotate_cut(lead, core, pieces, lexicon), pieces, lexicon)


def _is_glue_word(word: str, pieces: Sequence[str], lexicon: Lexicon) -> bool:
    """Whether a glued word is frequent enough to be the word that was cut.

    Two words side by side may happen to spell a rare compound (`وبوركينا`
    `فاسو` → `وبوركينافاسو`); a scrap that cannot stand alone asks less.
    """
    z = lexicon.zipf(split_edges(word)[1])
    scrap = any(_strong_fragment(p, lexicon) for p in pieces)
    return z >= MIN_GLUE_ZIPF or (scrap and z >= MIN_GLUE_ZIPF_WITH_SCRAP)


def _attaches_forward(token: str) -> bool:
    """A lone proclitic letter (و ف ب ل ك): in print it is always written onto the next word."""
    lead, core, trail = split_edges(token)
    return not lead and not trail and core in LONE_PROCLITICS


def _merge_adjacent(out: list[str], lexicon: Lexicon, joined: list[str]) -> list[str]:
    """Glue neighbours that are one word cut but not reordered.

    Two adjacent pieces that make a word: both plainly no words (`ن` `تائج` →
    `نتائج`), or a head cut at the shadda and a scrap that is no confident word
    (`ووسَّ` `عت` → `ووسَّعت`); and a lone conjunction or preposition letter with
    the word after it (`و` `تعدُّ` → `وتعدُّ`).
    """
    out = list(out)
    i = 0
    while i < len(out) - 1:
        a, b = out[i], out[i + 1]
        fragments = _strong_fragment(a, lexicon) and _strong_fragment(b, lexicon)
        if _looks_cut(split_edges(a)[1]):  # a head cut at the shadda takes any scrap as its tail
            fragments = _fragmentish(b, lexicon)
        if (fragments and _joins_well((a, b), lexicon)) or (
            _attaches_forward(a)
            and _joinable(b)
            and _is_glue_word(best_join((a, b), lexicon)[0], (a, b), lexicon)
        ):
            word, _ = best_join((a, b), lexicon)
            out[i : i + 2] = [word]
            joined.append(word)
            continue
        i += 1
    return out


def _chunk_groups(n: int, starts: Sequence[int]) -> list[list[int]]:
    """Token indices of a chunking in reading order, a cut word's pieces grouped tail first.

    Reversing each chunk in place gives logical order, except that a word cut
    at a chunk boundary has its pieces on both sides of the junction: the
    first token of one chunk (the tail) and the last token of the next (the
    head). A chunk of one token is the middle of a word cut twice.
    """
    bounds = [*starts, n]
    groups: list[list[int]] = []
    for k in range(len(starts)):
        for j, idx in enumerate(range(bounds[k + 1] - 1, bounds[k] - 1, -1)):
            if j == 0 and k > 0:  # the junction: this token continues the word before it
                groups[-1].append(idx)
            else:
                groups.append([idx])
    return groups


def _chunk_reading(tokens: Sequence[str], starts: Sequence[int], lexicon: Lexicon):
    """Read a line emitted as chunks in the wrong order: reverse each chunk, keep their order.

    An extractor that emits the runs of a right-to-left line from right to left,
    each in display order, writes chunks X1 X2 … Xk. Reversing each chunk in
    place gives logical order; the word cut at each junction is glued back,
    head first (`_chunk_groups`). Returns the reading's tokens, the glued
    words and a penalty for glues that make no word, or None if a junction
    cannot be a cut word (a piece with digits, more than three pieces).
    """
    out: list[str] = []
    joined: list[str] = []
    penalty = 0.0
    for group in _chunk_groups(len(tokens), starts):
        if len(group) == 1:
            out.append(tokens[group[0]])
            continue
        pieces = [tokens[i] for i in reversed(group)]
        if len(group) > MAX_PIECES or not all(_joinable(p) for p in pieces):
            return None
        word, lp = best_join(pieces, lexicon)
        if not _is_glue_word(word, pieces, lexicon):
            # gluing into a non-word must never look cheaper than leaving the pieces apart
            penalty += max(0.0, lp - sum(_lp(p, lexicon) for p in pieces)) + UNMERGED_JUNCTION_COST
        out.append(word)
        joined.append(word)
    return _merge_adjacent(out, lexicon, joined), joined, penalty


def chunkings(
    tokens: Sequence[str], lexicon: Lexicon, max_chunks: int = MAX_CHUNKS
) -> Iterator[tuple[int, ...]]:
    """Every chunking of a line whose junctions each glue a plausible cut word, fewest chunks first.

    The whole line reversed (one chunk) comes first. A chunking of k chunks has
    k-1 junctions, and each glues pieces that sit far apart in the raw line:
    the first token of a chunk and the last of the next (`_chunk_groups`).
    Junctions that cannot be a word prune the search at once, so every chunk
    start can be tried: a line has a few dozen readings, not thousands. A line
    of loose letters could still have millions; past MAX_READINGS the
    chunkings with more chunks are not tried.

    >>> list(chunkings("ى خِيارات التعامل في شتَّ".split(), Lexicon()))
    [(0,), (0, 1), (0, 2), (0, 3), (0, 4)]
    """
    n = len(tokens)
    yield (0,)
    key = _lexicon_key(lexicon)
    admissible = lru_cache(maxsize=None)(
        lambda group: _glue_admissible_cached(tuple(tokens[i] for i in reversed(group)), key)
    )

    def extend(starts: tuple[int, ...], pending: tuple[int, ...], k: int) -> Iterator[tuple[int, ...]]:
        """Chunkings of k chunks that begin with `starts`; `pending` is the open junction's pieces."""
        s = starts[-1]
        for e in (n,) if len(starts) == k else range(s + 1, n):  # where the current chunk ends
            group = (*pending, e - 1)
            if e - s >= 2 or e == n:  # the junction's word is complete
                if len(group) <= MAX_PIECES and admissible(group):
                    yield from [starts] if e == n else extend((*starts, e), (s,), k)
            elif len(group) < MAX_PIECES:
                yield from extend((*starts, e), group, k)  # a one-token chunk: a word's middle

    count = 1
    for k in range(2, min(max_chunks, n) + 1):
        for e in range(1, n):  # the first chunk ends at e; its first token is the first tail
            for starts in extend((0, e), (0,), k):
                yield starts
                count += 1
                if count >= MAX_READINGS:
                    return


def _attach_punctuation(tokens: Sequence[str]) -> str:
    """Join tokens with single spaces, gluing standalone punctuation to its word."""
    t = _tables()
    out: list[str] = []
    pending_open = ""
    for tok in tokens:
        if not tok:
            continue
        if all(c in t["sentence"] or c in t["closers"] for c in tok) and out:
            out[-1] += tok
        elif all(c in t["openers"] for c in tok):
            pending_open += tok
        else:
            out.append(pending_open + tok)
            pending_open = ""
    if pending_open:
        out.append(pending_open)
    return " ".join(out)


@dataclass(frozen=True)
class LineContext:
    """What repair knows around a line: the document's word pairs and its neighbours' edge words."""

    bigrams: PairCounts | None = None
    before: str = ""  # last word of the previous line of the paragraph, logical order
    after: str = ""  # first word of the next line
    short: bool = False  # a short line: the last of its paragraph
    openings: ClauseOpenings | None = None


def _pair_key(word: str) -> str:
    """A word as document pairs and collocations key it: its letters, no marks or punctuation."""
    return letters_form(word)


def certain_adjacencies(lines: Iterable[str], lexicon: Lexicon | None = None) -> Iterator[tuple[str, str]]:
    """Pairs of raw tokens of visual-order lines that are surely adjacent, in logical order.

    Two whole words next to each other in a visual line, one space apart, are
    next to each other in the text, in reverse order. A line's first and last
    tokens are left out (that is where the pieces of cut words sit), and so is
    any token that looks like a piece, so a cut word never votes for itself.
    """
    lexicon = lexicon or default_lexicon()
    for line in lines:
        toks = tokenize_line(line)[1:-1]
        whole = [not _fragmentish(tok.text, lexicon) for tok in toks]
        for k in range(len(toks) - 1):
            if toks[k + 1].gap == 1 and whole[k] and whole[k + 1]:
                yield toks[k + 1].text, toks[k].text


def document_bigrams(lines: Iterable[str], lexicon: Lexicon | None = None) -> Counter:
    """Word pairs of a visual-order document, in logical order, from its certain adjacencies.

    The document's own phrases ("نصرة الإسلام") become evidence.
    """
    return Counter((_pair_key(a), _pair_key(b)) for a, b in certain_adjacencies(lines, lexicon))


@dataclass(frozen=True)
class PairCounts:
    """A document's attested word pairs with their margins, to tell a phrase from chance.

    Frequent words meet often by chance (`التنظيمات في`); a pair is evidence
    only if it occurs more often than its words' own counts predict.
    """

    pairs: Counter
    left: Counter
    right: Counter
    total: int

    @classmethod
    def of(cls, pairs: Counter) -> PairCounts:
        left: Counter = Counter()
        right: Counter = Counter()
        for (a, b), c in pairs.items():
            left[a] += c
            right[b] += c
        return cls(pairs, left, right, sum(pairs.values()))

    def evidence(self, pair: tuple[str, str], own: int = 0) -> float:
        """log2 of how much more often the pair occurs than chance, leaving out `own` occurrences.

        >>> pc = PairCounts.of(Counter({("نصرة", "الإسلام"): 3, ("في", "مالي"): 2, ("في", "الساحل"): 8, ("من", "مالي"): 6}))
        >>> pc.evidence(("نصرة", "الإسلام")) > 1.0, pc.evidence(("في", "مالي"))
        (True, 0.0)
        """
        seen = self.pairs.get(pair, 0) - own
        if seen <= 0 or not all(pair):
            return 0.0
        expected = self.left[pair[0]] * self.right[pair[1]] / max(self.total, 1)
        return max(0.0, math.log2((1 + seen) / (1 + expected)))


def _ends_clause(token: str) -> bool:
    """True if a token carries a comma, semicolon, colon or full stop on an edge (either side:
    a raw token's punctuation may still be mirrored)."""
    lead, _, trail = split_edges(token)
    sentence = _tables()["sentence"]
    return any(c in sentence for c in lead + trail)


def clause_openings(lines: Iterable[str], lexicon: Lexicon | None = None) -> tuple[Counter, Counter]:
    """How often each word of a visual-order document follows a clause end, and how often it is seen.

    Counted over the document's `certain_adjacencies`: in `ومع ذلك،` the word
    `ومع` follows a full stop, while `التنظيمات` follows `مع` or `التفاوض`,
    hardly ever a comma. Returns (after punctuation, seen), keyed by letters.
    """
    opens: Counter = Counter()
    seen: Counter = Counter()
    for before, word in certain_adjacencies(lines, lexicon):
        seen[_pair_key(word)] += 1
        opens[_pair_key(word)] += _ends_clause(before)
    return opens, seen


@dataclass(frozen=True)
class ClauseOpenings:
    """Which words of a document follow clause ends, to tell where a comma's next word belongs.

    Two readings of a line may differ only in which word follows a comma (a
    line cut into runs, read with its first run moved to the end). A word's
    rate of following a comma or full stop elsewhere in the document, pulled
    towards the document's overall rate, weighs each junction: `التنظيمات`
    never follows a comma in seed 000, so `العسكري، التنظيمات` is unlikely.
    """

    opens: Counter
    seen: Counter
    overall: float

    @classmethod
    def of(cls, opens: Counter, seen: Counter) -> ClauseOpenings:
        return cls(opens, seen, (1 + sum(opens.values())) / (2 + sum(seen.values())))

    def evidence(self, previous: str, word: str, own: tuple[Counter, Counter] | None = None) -> float:
        """log2 of how much likelier the junction is given the word than for any word.

        `own` holds the counts the scored line contributed itself, left out.

        >>> co = ClauseOpenings.of(Counter({"ومع": 4}), Counter({"ومع": 4, "التنظيمات": 30, "في": 6}))
        >>> co.evidence("ذلك.", "ومع") > 1.0, co.evidence("العسكري،", "التنظيمات") < -2.0
        (True, True)
        """
        key = _pair_key(word)
        own_opens, own_seen = own or (Counter(), Counter())
        seen = self.seen.get(key, 0) - own_seen.get(key, 0)
        if not previous or seen <= 0:
            return 0.0
        opens = self.opens.get(key, 0) - own_opens.get(key, 0)
        rate = (opens + OPENING_SMOOTHING * self.overall) / (seen + OPENING_SMOOTHING)
        if _ends_clause(previous):
            return math.log2(rate / self.overall)
        return math.log2((1 - rate) / (1 - self.overall))


def _opening_bonus(tokens: Sequence[str], context: LineContext, own: tuple[Counter, Counter]) -> float:
    """Evidence from which words follow clause ends, inside the reading and across its ends."""
    if context.openings is None or not tokens:
        return 0.0
    junctions = [*itertools.pairwise(tokens)]
    if context.before:
        junctions.append((context.before, tokens[0]))
    if context.after:
        junctions.append((tokens[-1], context.after))
    return OPENING_EVIDENCE * sum(context.openings.evidence(a, b, own) for a, b in junctions)


def _layout_bonus(tokens: Sequence[str], context: LineContext) -> float:
    """Generic evidence about where a line starts and ends (tokens already in logical form).

    A list label (`أ.`) or section number (`1)`) opens its line; the short last
    line of a paragraph ends its sentence.
    """
    bonus = 0.0
    for k, tok in enumerate(tokens):
        lead, core, trail = split_edges(tok)
        is_number = core.isdigit() and len(core) <= 2 and any(c in "().-" for c in lead + trail)
        if (_is_label(tok) or is_number) and k > 0:
            bonus -= LAYOUT_EVIDENCE
    if context.short and tokens and tokens[-1][-1] in SENTENCE_END:
        bonus += LAYOUT_EVIDENCE
    return bonus


def _pair_bonus(tokens: Sequence[str], context: LineContext, own: Counter) -> float:
    """Evidence from attested word pairs: inside the reading and across the line's ends."""
    if context.bigrams is None:
        return 0.0
    keys = [_pair_key(t) for t in tokens]
    pairs = list(itertools.pairwise(keys))
    if context.before:
        pairs.append((_pair_key(context.before), keys[0]))
    if context.after:
        pairs.append((keys[-1], _pair_key(context.after)))
    bonus = 0.0
    for pair in pairs:
        bonus += PAIR_EVIDENCE * context.bigrams.evidence(pair, own.get(pair, 0))
    return bonus


def _best_variants(
    tokens: Sequence[str], context: LineContext, lexicon: Lexicon, glued: Iterable[str] = ()
) -> tuple[float, list[str]]:
    """The most plausible logical form of each token, and the reading's log10 plausibility.

    Each token's readings (`_token_variants`) are weighed with general Arabic
    word-pair evidence between neighbours and across the line's ends
    (`lexicon.Bigrams`); a Viterbi pass finds the best combination. A word
    glued from cut pieces keeps the letter order its pieces gave it: another
    order is another chunking, scored on its own.
    """
    key = _lexicon_key(lexicon)
    glued = set(glued)
    paths: list[tuple[float, list[str]]] = [(0.0, [])]  # best path ending in each reading of the last token
    for tok in tokens:
        step = []
        variants = _token_variants(tok, key)
        for text, lp in variants[:1] if tok in glued else variants:
            score, history = max(
                ((s + _pair_evidence(h[-1] if h else context.before, text), h) for s, h in paths),
                key=lambda p: p[0],
            )
            step.append((score + lp, [*history, text]))
        paths = step
    score, texts = max(((s + _pair_evidence(h[-1], context.after), h) for s, h in paths), key=lambda p: p[0])
    return score, texts


@lru_cache(maxsize=200_000)
def _pair_evidence(first: str, second: str) -> float:
    """General word-pair evidence between two words in logical order (0 without the data or a word)."""
    bigrams = default_bigrams()
    first, second = letters_form(first), letters_form(second)
    return LANGUAGE_EVIDENCE * bigrams.evidence(first, second) if bigrams and first and second else 0.0


def _boundary_kinds(n: int, starts: Sequence[int]) -> list[str]:
    """Each gap's kind under a chunking: inside a chunk, before a chunk, or before the last chunk.

    The last chunk starts with the line's logical last word, so its gap is where
    the extractor wrapped from one edge of the printed line to the other; the
    other chunk starts hold the tail of a cut word. Extractors mark the two
    differently, so the boundary model learns them apart.
    """
    kinds = [INNER] * n
    for s in starts[1:-1]:
        kinds[s] = PIECE
    if len(starts) > 1:
        kinds[starts[-1]] = END
    return kinds


Reading = tuple[tuple[int, ...], list[str], list[str], float]


@lru_cache(maxsize=4096)
def _line_readings(
    line: str, lexicon_id: int
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[RawToken, ...], tuple[Reading, ...]]:
    """A raw line's bullet prefix and suffix, its tokens, and every admissible chunk reading.

    What a line can be read as depends on the line alone, so the passes of
    `repair_lines` share it and only rescore it (cached per line).
    """
    lexicon = _LEXICONS[lexicon_id]
    t = _tables()
    raw = [
        RawToken("".join(c for c in tok.text if c not in t["bidi"]), tok.gap) for tok in tokenize_line(line)
    ]
    raw = [r for r in raw if r.text]
    prefix: list[str] = []
    suffix: list[str] = []
    bullets = t["bullets"]
    if raw and raw[0].text in bullets:
        # A list item laid out left to right: bullet first, closing punctuation last.
        prefix = [BULLET]
        raw = raw[1:]
        while raw and all(c in t["sentence"] for c in raw[-1].text):
            suffix.insert(0, raw[-1].text)
            raw = raw[:-1]
        if raw:
            lead, core, trail = split_edges(raw[-1].text)
            if trail and all(c in t["sentence"] for c in trail):
                suffix.insert(0, trail)
                raw[-1] = RawToken(lead + core, raw[-1].gap)
    elif raw and raw[-1].text in bullets:
        prefix = [BULLET]
        raw = raw[:-1]
    tokens = [r.text for r in raw]
    readings = []
    for starts in chunkings(tokens, lexicon) if tokens else ():
        reading = _chunk_reading(tokens, starts, lexicon)
        if reading is not None:
            readings.append((starts, *reading))
    return tuple(prefix), tuple(suffix), tuple(raw), tuple(readings)


@lru_cache(maxsize=4096)
def _own_openings(line: str, lexicon_id: int) -> tuple[Counter, Counter]:
    """The clause openings a line contributes itself (left out when it is scored)."""
    return clause_openings([line], _LEXICONS[lexicon_id])


@lru_cache(maxsize=4096)
def _own_pairs(line: str, lexicon_id: int) -> Counter:
    """The document word pairs a line contributes itself (left out when it is scored)."""
    return document_bigrams([line], _LEXICONS[lexicon_id])


def repair_visual_line(
    line: str,
    lexicon: Lexicon | None = None,
    boundary_model: BoundaryModel | None = None,
    context: LineContext | None = None,
) -> LineRepair:
    """Repair one visual-order line into logical order.

    >>> repair_visual_line(" .التفاوض عملية لنجاح توافر").text
    'توافر لنجاح عملية التفاوض.'
    >>> repair_visual_line("ى خِيارات الإرهاب مكافحة  التهديدات مع التعامل في شتَّ").text
    'مكافحة الإرهاب خِيارات شتَّى في التعامل مع التهديدات'
    """
    lexicon = lexicon or default_lexicon()
    prefix, suffix, raw, readings = _line_readings(line, _lexicon_key(lexicon))
    if not (raw or prefix or suffix):
        return LineRepair("", "empty", 0.0)
    boundary_model = boundary_model or BoundaryModel(usual=_usual_gap([r.gap for r in raw[1:]]))
    context = context or LineContext()
    own = _own_pairs(line, _lexicon_key(lexicon)) if context.bigrams is not None else Counter()
    own_openings = _own_openings(line, _lexicon_key(lexicon)) if context.openings is not None else None
    best = None
    for starts, cand_tokens, cand_joined, penalty in readings:
        score, fixed = _best_variants(cand_tokens, context, lexicon, cand_joined)
        score += boundary_model.log_likelihood(raw, starts) - penalty
        score += _pair_bonus(cand_tokens, context, own) + _layout_bonus(fixed, context)
        if own_openings is not None:
            score += _opening_bonus(fixed, context, own_openings)
        if best is None or score > best[0] + 1e-6:
            best = (score, starts, fixed, cand_joined)
    if best is None:
        return LineRepair(_attach_punctuation([*prefix, *suffix]), "empty", 0.0)
    score, best_starts, fixed, joined = best
    mode = "reversed" if len(best_starts) == 1 else "runs"
    kinds = _boundary_kinds(len(raw), best_starts)
    gaps = {
        kind: tuple(raw[s].gap for s in range(1, len(raw)) if kinds[s] == kind)
        for kind in (INNER, PIECE, END)
    }
    text = _attach_punctuation([*prefix, *fixed, *suffix])
    return LineRepair(text, mode, score, tuple(joined), gaps[PIECE], gaps[INNER], gaps[END])


def _usual_gap(gaps: Iterable[int]) -> int:
    """The commonest gap width: what separates words inside a run."""
    counts = Counter(gaps)
    return counts.most_common(1)[0][0] if counts else 1


@dataclass
class BoundaryModel:
    """P(kind of gap | its width), learned per document.

    Each gap of a line is inside a chunk (INNER), before a chunk that starts
    with a cut word's tail (PIECE), or before the last chunk (END: the seam
    where the extractor wrapped from the printed line's right edge to its left).
    Extractors mark these differently (an extra space, none at all), so the
    model starts from a weak prior: the usual gap is almost always inside a run,
    any other width may be anything. Each pass of `repair_lines` then counts
    the kinds the previous pass chose.
    """

    counts: dict[str, Counter] = field(default_factory=lambda: {k: Counter() for k in (INNER, PIECE, END)})
    usual: int = 1
    _logs: dict[tuple[str, int], float] = field(default_factory=dict, repr=False, compare=False)

    def _prior(self, kind: str, gap: int) -> float:
        return (USUAL_GAP_PRIOR if gap == self.usual else OTHER_GAP_PRIOR)[kind]

    def probability(self, kind: str, gap: int) -> float:
        """P(kind | gap), with the prior as pseudo-counts."""
        total = sum(self.counts[k][gap] + self._prior(k, gap) for k in (INNER, PIECE, END))
        return (self.counts[kind][gap] + self._prior(kind, gap)) / total

    def log_probability(self, kind: str, gap: int) -> float:
        """log10 P(kind | gap), remembered: a model is not changed once it scores lines."""
        key = (kind, gap)
        if key not in self._logs:
            self._logs[key] = math.log10(self.probability(kind, gap))
        return self._logs[key]

    def log_likelihood(self, raw: Sequence[RawToken], starts: Sequence[int]) -> float:
        """log10 P(this chunking's kind for every gap | the line's gaps)."""
        kinds = _boundary_kinds(len(raw), starts)
        return sum(self.log_probability(kinds[s], raw[s].gap) for s in range(1, len(raw)))

    @classmethod
    def fit(cls, repairs: Iterable[LineRepair], usual: int = 1) -> BoundaryModel:
        """Count the gap kinds that a pass of repair chose."""
        model = cls(usual=usual)
        for rep in repairs:
            model.counts[PIECE].update(rep.boundary_gaps)
            model.counts[INNER].update(rep.inner_gaps)
            model.counts[END].update(rep.end_gaps)
        return model


# --------------------------------------------------------------------------- detection


@dataclass(frozen=True)
class Detection:
    """Whether a text is in visual order, how sure we are, and why."""

    verdict: str  # "visual" or "logical"
    score: float  # share of evidence pointing to visual order, 0..1
    evidence: str
    line_scores: tuple[float, ...] = ()


RELATIVES = ("التي", "الذي", "الذين", "اللذان", "اللتان", "اللواتي")


@cache
def _collocations() -> frozenset[tuple[str, str]]:
    return frozenset((_pair_key(a), _pair_key(b)) for a, b in load_yaml("collocations.yaml")["pairs"])


@cache
def _evidence_patterns() -> tuple[re.Pattern, re.Pattern]:
    """Regexes for `_line_evidence`: a token led by sentence punctuation, a token with digits or Latin."""
    edges = re.escape("".join(sorted(_edge_punctuation())))
    sentence = re.escape("".join(sorted(_tables()["sentence"])))
    led = re.compile(f"(?<!\\S)[{edges}]*[{sentence}]\\S*?{ARABIC_LETTER_RE.pattern}")
    ltr = LTR_CHAR_RE.pattern[1:-1]
    return led, re.compile(f"(?<!\\S)[^\\s{ltr}]*[{ltr}]\\S*")


def _line_evidence(line: str, lexicon: Lexicon) -> tuple[int, int]:
    """(visual, logical) evidence counts for one line.

    Directional signs only: sentence punctuation leading a word, a letter suffix
    before its digits, a common word pair read backwards, a relative pronoun
    before the noun it follows. Detection reads whole documents, so the signs
    are found with regexes and set lookups rather than token by token.
    """
    led, with_ltr = _evidence_patterns()
    vis = len(led.findall(line))  # `.التفاوض`: the full stop leads the word
    log = 0
    for tok in with_ltr.findall(line):
        runs = _direction_runs(split_edges(tok)[1])
        if len(runs) == 2 and ARABIC_LETTER_RE.match(runs[0]) and runs[1][:1].isdigit():
            vis += 1  # م2020: the suffix before the digits
        if len(runs) == 2 and runs[0][:1].isdigit() and ARABIC_LETTER_RE.match(runs[1]):
            log += 1
    keys = [_pair_key(x) for x in line.split()]
    colloc = _collocations()
    for pair in itertools.pairwise(keys):
        if pair in colloc:
            log += 1
        if pair[::-1] in colloc:
            vis += 1
    for k, key in enumerate(keys):
        if key in RELATIVES:
            if k > 0 and keys[k - 1].startswith("ال"):
                log += 1
            if k + 1 < len(keys) and keys[k + 1].startswith("ال"):
                vis += 1
    return vis, log


def detect_visual_order(text: str, lexicon: Lexicon | None = None) -> Detection:
    """Score how likely `text` is a visual-order extraction, per line and overall.

    Evidence: sentence punctuation leading a word (`.التفاوض`), a letter
    suffix before its digits (`م2020`), and prepositions that follow the noun
    they govern (`الحكومات في` read right to left) against the same signs of
    logical order.

    >>> detect_visual_order("ذهب الوفد إلى المدينة في الصباح.").verdict
    'logical'
    >>> detect_visual_order(".الصباح في المدينة إلى الوفد ذهب").verdict
    'visual'
    """
    lexicon = lexicon or default_lexicon()
    lines = [ln for ln in text.splitlines() if ln.strip()]
    per_line = []
    vis_total = log_total = 0
    for ln in lines:
        v, lg = _line_evidence(ln, lexicon)
        vis_total += v
        log_total += lg
        per_line.append(v / (v + lg) if v + lg else 0.5)
    total = vis_total + log_total
    score = vis_total / total if total else 0.0
    verdict = "visual" if total and score > 0.6 else "logical"
    evidence = f"{vis_total} visual signs vs {log_total} logical signs in {len(lines)} lines"
    return Detection(verdict, score, evidence, tuple(per_line))


# --------------------------------------------------------------------------- documents


@cache
def default_lexicon() -> Lexicon:
    """The shared lexicon (wordfreq's Arabic list, loaded on first use)."""
    return Lexicon()


def repair_lines(
    lines: Sequence[str],
    lexicon: Lexicon | None = None,
    passes: int = 3,
    paragraph_breaks: Sequence[bool] | None = None,
) -> list[LineRepair]:
    """Repair a document's visual-order lines together.

    Each pass learns from the previous one: which gap widths mark chunk
    boundaries (`BoundaryModel`), and how each line's neighbours begin and end,
    so a line's first and last words can be checked against the document's own
    word pairs.

    Args:
        lines: the raw lines, in file order.
        paragraph_breaks: per line, True if a new paragraph starts after it
            (no neighbour context crosses it).
    """
    lexicon = lexicon or default_lexicon()
    bigrams = PairCounts.of(document_bigrams(lines, lexicon))
    openings = ClauseOpenings.of(*clause_openings(lines, lexicon))
    breaks = list(paragraph_breaks) if paragraph_breaks is not None else [False] * len(lines)
    usual = _usual_gap(tok.gap for ln in lines for tok in tokenize_line(ln)[1:])
    model = BoundaryModel(usual=usual)
    typical = median_length(lines)
    short = [len(ln.strip()) < 0.75 * typical for ln in lines]
    repairs = [
        repair_visual_line(ln, lexicon, model, LineContext(short=sh))
        for ln, sh in zip(lines, short, strict=True)
    ]
    for _ in range(passes - 1):
        model = BoundaryModel.fit(repairs, usual)
        words = [r.text.split() for r in repairs]
        new = []
        for i, ln in enumerate(lines):
            before = words[i - 1][-1] if i > 0 and words[i - 1] and not breaks[i - 1] else ""
            after = words[i + 1][0] if i + 1 < len(lines) and words[i + 1] and not breaks[i] else ""
            context = LineContext(bigrams, before, after, short[i], openings)
            new.append(repair_visual_line(ln, lexicon, model, context))
        repairs = new
    return repairs


def normalize_whitespace(text: str) -> str:
    """Collapse runs of spaces inside lines and strip line ends (for logical text)."""
    return "\n".join(SPACE_RE.sub(" ", ln).strip() for ln in text.splitlines())


def median_length(lines: Iterable[str]) -> float:
    """Median length of non-empty lines (a justified line's typical width)."""
    lengths = [len(ln) for ln in lines if ln.strip()]
    return statistics.median(lengths) if lengths else 0.0
