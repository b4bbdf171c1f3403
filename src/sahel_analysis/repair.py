"""Turn Arabic extracted from a PDF in visual order back into logical reading order.

A visual-order extraction stores each printed line left to right: the words run
backwards, and extractors that emit a line as several runs put the runs in the
wrong order and cut a word in two where a run ends. Repair works line by line:

1. find the line's base direction (a list item laid out left to right keeps its
   bullet first and its closing colon last);
2. read the words back in logical order, either by reversing the whole line or,
   when cut pieces show that the line was emitted run by run, by the run model
   described in `_chunk_reading`; the reading whose words are most plausible
   Arabic wins (`Lexicon`);
3. fix each token: digit and letter runs swap back (`م2020` → `2020م`), mirrored
   brackets and guillemets turn round and go to the side they open or close,
   sentence punctuation moves to the end, pieces swapped inside a token rotate
   back into a word (`ماتهج` → `هجمات`).

Repair only reorders characters and changes whitespace; the only characters it
maps are the ones listed in `MAPPED_GLYPHS` (bullets and mirrored brackets).
Logical-order text passes through unchanged apart from whitespace.
"""

from __future__ import annotations

import itertools
import math
import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib.resources import files

import yaml

from .lexicon import Lexicon, lookup_form, wordfreq_zipf
from .normalize import charmap

SPACE_RE = re.compile(r"[ \t\u00a0]+")
LTR_CHAR_RE = re.compile(r"[0-9A-Za-z\u0660-\u0669\u06f0-\u06f9]")
ARABIC_LETTER_RE = re.compile("[\u0621-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff]")
COMBINING_RE = re.compile("[\u064b-\u065f\u0670]")
SHADDA = "\N{ARABIC SHADDA}"
# A chunk boundary that cuts no word is possible but rare: it costs this much (log10).
UNMERGED_JUNCTION_COST = 6.0
# A token left ending on shadda after repair is probably a piece still cut: this much.
CUT_LOOKING_COST = 3.0
# Evidence (log10) for each word pair the document attests elsewhere, per doubling of its count.
PAIR_EVIDENCE = 1.0
# Evidence (log10) from where labels, numbers and final full stops sit in a line.
LAYOUT_EVIDENCE = 3.0
# The least plausible glued word accepted (log10 probability; Zipf 2).
MIN_JOIN_LOGPROB = -7.0
BULLET = "\N{BULLET}"


@cache
def _tables() -> dict[str, object]:
    cm = charmap()
    return {
        "mirror": dict(cm["mirrored"]),
        "openers": set(cm["openers"]),
        "closers": set(cm["closers"]),
        "sentence": set(cm["sentence_punctuation"]),
        "bullets": dict(cm["bullets"]),
        "bidi": set(cm["bidi_controls"]),
    }


def mapped_glyphs() -> dict[str, str]:
    """The only characters repair may change, with what they become: bullets and mirrors."""
    t = _tables()
    return {**t["mirror"], **t["bullets"]}


def _is_edge_punct(ch: str) -> bool:
    t = _tables()
    return ch in t["sentence"] or ch in t["openers"] or ch in t["closers"] or ch in "\"'"


# --------------------------------------------------------------------------- tokens


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
    yield core[::-1]
    for k in range(1, len(core)):
        yield core[k:] + core[:k]


def unscramble_core(core: str, lexicon: Lexicon) -> str:
    """Rotate or reverse a token's letters back into a word when it is plainly not one.

    PDF extractors sometimes emit a word's pieces in display order (`ماتهج` for
    `هجمات`) or its letters reversed (`يف` for `في`). A token is changed only if
    it is not a known word and one reading is a frequent word.

    >>> unscramble_core("ماتهج", Lexicon())
    'هجمات'
    >>> unscramble_core("الساحل", Lexicon())
    'الساحل'
    """
    if len(core) < 2 or not ARABIC_LETTER_RE.search(core) or LTR_CHAR_RE.search(core):
        return core
    here = _raw_zipf(core)  # as written, no stem back-off: garbage can look stemmed
    if here >= 4.0:
        return core
    best, best_z = core, here
    for cand in _rotations(core):
        if COMBINING_RE.match(cand) or _is_edge_punct(cand[0]) or cand[0] == "\u060c":
            continue  # a word starts with a letter
        z = _raw_zipf(cand)
        if z > best_z:
            best, best_z = cand, z
    if best_z >= 3.5 and best_z - here >= 2.0 and (here < 3.0 or best_z >= 5.5):
        return best
    return core


def _raw_zipf(word: str) -> float:
    """wordfreq's Zipf for the letters of `word` only (wordfreq would split at punctuation)."""
    return wordfreq_zipf("".join(c for c in lookup_form(word) if c.isalpha()))


def fix_visual_token(token: str, lexicon: Lexicon) -> str:
    """Turn one visual-order token into its logical form.

    >>> lex = Lexicon()
    >>> [fix_visual_token(t, lex) for t in ["م،2020", "(1", "«والمسلمين", "نصرة»", ".أ", ")فصيل"]]
    ['2020م،', '1)', 'والمسلمين»', '«نصرة', 'أ.', '(فصيل']
    >>> fix_visual_token(".«ءالصحرا", lex)
    'الصحراء».'
    """
    t = _tables()
    mirror, openers = t["mirror"], t["openers"]
    lead, core, trail = split_edges(token)
    runs = _direction_runs(core)
    if len(runs) > 1:
        core = "".join(reversed(runs))
    core = unscramble_core(core, lexicon)
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
        return "".join(mirror.get(c, c) for c in token)
    return "".join(start) + core + "".join(tail) + "".join(end)


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
    """A repaired line: its logical text, the reading chosen, and the evidence."""

    text: str
    mode: str  # "logical", "reversed", "runs" or "empty"
    score: float
    joined: tuple[str, ...] = ()
    boundary_gaps: tuple[int, ...] = ()
    inner_gaps: tuple[int, ...] = ()


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
    return lexicon.zipf(core) < 3.5


def _strong_fragment(token: str, lexicon: Lexicon) -> bool:
    """A token that cannot stand as a word: a lone letter, an unknown form, or a shadda-cut piece."""
    _, core, _ = split_edges(token)
    if not _joinable(token):
        return False
    letters = sum(1 for c in core if ARABIC_LETTER_RE.match(c))
    z = lexicon.zipf(core)
    return letters <= 1 or z < 2.0 or (_looks_cut(core) and z < 4.0)


def _joinable(token: str) -> bool:
    """A token that can be a piece of a cut word: Arabic letters, no digits, not a label."""
    _, core, _ = split_edges(token)
    return bool(core) and bool(ARABIC_LETTER_RE.search(core)) and not LTR_CHAR_RE.search(core) and not _is_label(token)


def _subpiece_orders(pieces: Sequence[str]) -> list[str]:
    """Re-orderings of pieces where one piece itself holds two pieces in display order.

    `تهاأيَّ` + `د` → `أيَّدتها`: the extractor glued the tail and the head of
    a word, leaving its middle elsewhere.
    """
    out = []
    for idx, piece in enumerate(pieces):
        others = [p for k, p in enumerate(pieces) if k != idx]
        for k in range(2, len(piece) - 1):
            head, tail = piece[:k], piece[k:]
            if COMBINING_RE.match(tail) or sum(map(str.isalpha, tail)) < 2:
                continue
            for perm in itertools.permutations([head, tail, *others]):
                out.append("".join(perm))
    return out


@lru_cache(maxsize=200_000)
def _token_logprob(token: str, lexicon_id: int) -> float:
    lexicon = _LEXICONS[lexicon_id]
    if _is_label(token):
        return -5.0
    fixed = fix_visual_token(token, lexicon)
    _, core, _ = split_edges(fixed)
    if not core:
        return -1.0
    if LTR_CHAR_RE.search(core) and not ARABIC_LETTER_RE.search(core):
        return -4.0
    lp = lexicon.logprob(core)
    if _looks_cut(core) and lp < -4.0:
        lp -= CUT_LOOKING_COST  # a word rarely ends on shadda unless it is a short particle
    return lp


def _looks_cut(core: str) -> bool:
    """A core that ends on shadda (with or without its haraka): where runs are cut."""
    marks = len(core) - len(core.rstrip("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652"))
    return SHADDA in core[len(core) - marks :] if marks else False


_LEXICONS: dict[int, Lexicon] = {}


def _lp(token: str, lexicon: Lexicon) -> float:
    _LEXICONS.setdefault(id(lexicon), lexicon)
    return _token_logprob(token, id(lexicon))


def _valid_join(cand: str) -> bool:
    """A glued word keeps punctuation only at its edges and starts with a letter."""
    t = _tables()
    _, core, _ = split_edges(cand)
    if not core or COMBINING_RE.match(core):
        return False
    inner = set(t["sentence"]) | t["openers"] | t["closers"]
    return not any(c in inner for c in core)


def best_join(pieces: Sequence[str], lexicon: Lexicon) -> tuple[str, float]:
    """Glue cut pieces, given in reading order, into a word; return it and its log-probability.

    If plain concatenation is not a word, sub-pieces glued in display order are
    tried (`_subpiece_orders`), and kept only when they make a frequent word.
    """
    if not all(_joinable(p) for p in pieces):
        return "".join(pieces), float("-inf")
    word = "".join(pieces)
    lp = _lp(word, lexicon) if _valid_join(word) else float("-inf")
    if lp >= MIN_JOIN_LOGPROB or len(pieces) > 2:
        return word, lp
    best, best_lp = word, lp
    if all(lexicon.zipf(split_edges(p)[1]) >= 2.0 for p in pieces):
        return best, best_lp
    for cand in _subpiece_orders(pieces):
        if _valid_join(cand):
            c_lp = _lp(cand, lexicon)
            if c_lp > best_lp and c_lp >= -5.5:
                best, best_lp = cand, c_lp
    return best, best_lp


def _joins_well(pieces: Sequence[str], lexicon: Lexicon) -> bool:
    _, lp = best_join(pieces, lexicon)
    return lp >= MIN_JOIN_LOGPROB and lp > sum(_lp(p, lexicon) for p in pieces)


def _merge_adjacent(out: list[str], lexicon: Lexicon, joined: list[str]) -> list[str]:
    """Glue neighbouring cut pieces where that makes a word (`ن` `تائج` → `نتائج`)."""
    out = list(out)
    i = 0
    while i < len(out) - 1:
        a, b = out[i], out[i + 1]
        if _strong_fragment(a, lexicon) and _strong_fragment(b, lexicon) and _joins_well((a, b), lexicon):
            word, _ = best_join((a, b), lexicon)
            out[i : i + 2] = [word]
            joined.append(word)
            continue
        i += 1
    return out


def _chunk_reading(tokens: Sequence[str], starts: Sequence[int], lexicon: Lexicon):
    """Read a line emitted as chunks in the wrong order: reverse each chunk, keep their order.

    An extractor that emits the runs of a right-to-left line from right to left,
    each in display order, writes chunks X1 X2 … Xk. Reversing each chunk in
    place gives logical order, except that a word cut at a chunk boundary now
    has its pieces on both sides of the junction (the first token of Xi and the
    last of Xi+1), which are glued back, head first. A chunk of one token is
    the middle of a word cut twice.
    """
    bounds = [*starts, len(tokens)]
    groups: list[list[str]] = []
    for k in range(len(starts)):
        rev = list(reversed(tokens[bounds[k] : bounds[k + 1]]))
        for j, tok in enumerate(rev):
            if j == 0 and k > 0:  # the junction: this token continues the word before it
                groups[-1].append(tok)
            else:
                groups.append([tok])
    out: list[str] = []
    joined: list[str] = []
    penalty = 0.0
    for group in groups:
        if len(group) == 1:
            out.append(group[0])
            continue
        if len(group) > 3 or not all(_joinable(p) for p in group):
            return None  # a junction cuts a word: its pieces are letters
        word, lp = best_join(group[::-1], lexicon)
        if lp < MIN_JOIN_LOGPROB:
            # gluing into a non-word must never look cheaper than leaving the pieces
            penalty += max(0.0, lp - sum(_lp(p, lexicon) for p in group)) + UNMERGED_JUNCTION_COST
        out.append(word)
        joined.append(word)
    return _merge_adjacent(out, lexicon, joined), joined, penalty


def _boundary_positions(raw: Sequence[RawToken], lexicon: Lexicon) -> list[int]:
    """Positions where a chunk may start: beside a cut piece, or at an unusually wide gap."""
    n = len(raw)
    frag = [_fragmentish(t.text, lexicon) or _strong_fragment(t.text, lexicon) for t in raw]
    usual = Counter(t.gap for t in raw[1:]).most_common(1)[0][0] if n > 1 else 1
    return [s for s in range(1, n) if frag[s] or frag[s - 1] or raw[s].gap != usual]


def _layouts(raw: Sequence[RawToken], lexicon: Lexicon, max_chunks: int = 5) -> Iterable[tuple[int, ...]]:
    """Chunk layouts worth scoring: whole-line reversal, and chunkings that start at likely positions."""
    yield (0,)
    n = len(raw)
    if n < 2:
        return
    if not (_joinable(raw[0].text) and _joinable(raw[-1].text)):
        return
    positions = _boundary_positions(raw, lexicon)
    if len(positions) > 14:
        positions = positions[:14]
    for k in range(1, max_chunks):
        for combo in itertools.combinations(positions, k):
            yield (0, *combo)


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


def _score(tokens: Sequence[str], lexicon: Lexicon) -> float:
    return sum(_lp(t, lexicon) for t in tokens)


@dataclass(frozen=True)
class LineContext:
    """What repair knows around a line: the document's word pairs and its neighbours' edge words."""

    bigrams: Counter = field(default_factory=Counter)
    before: str = ""  # last word of the previous line of the paragraph, logical order
    after: str = ""  # first word of the next line
    short: bool = False  # a short line: the last of its paragraph


def _pair_key(word: str) -> str:
    return "".join(c for c in lookup_form(word) if c.isalpha())


def document_bigrams(lines: Iterable[str]) -> Counter:
    """Word pairs of a visual-order document, in logical order, from single-spaced neighbours.

    Two whole words next to each other in a visual line are next to each other
    in the text, in reverse order, unless a chunk boundary falls between them
    (rare): the document's own phrases ("نصرة الإسلام") become evidence.
    """
    pairs: Counter = Counter()
    for line in lines:
        toks = tokenize_line(line)
        for left, right in itertools.pairwise(toks):
            if right.gap == 1:
                pairs[(_pair_key(right.text), _pair_key(left.text))] += 1
    return pairs


def _layout_bonus(tokens: Sequence[str], context: LineContext) -> float:
    """Generic evidence about where a line starts and ends.

    A list label (`أ.`) or section number (`(1`) opens its line; the short last
    line of a paragraph ends its sentence.
    """
    t = _tables()
    bonus = 0.0
    for k, tok in enumerate(tokens):
        lead, core, trail = split_edges(tok)
        is_number = core.isdigit() and len(core) <= 2 and any(c in "().-" for c in lead + trail)
        if (_is_label(tok) or is_number) and k > 0:
            bonus -= LAYOUT_EVIDENCE
    if context.short and tokens:
        last = tokens[-1]
        ends = last[-1] in t["sentence"] and last[-1] not in "\u060c,"
        first = split_edges(tokens[0])[0]
        if ends or any(c in ".!\u061f" for c in first):
            bonus += LAYOUT_EVIDENCE if ends else 0.0
    return bonus


def _pair_bonus(tokens: Sequence[str], context: LineContext, own: Counter) -> float:
    """Evidence from attested word pairs: inside the reading and across the line's ends."""
    if not context.bigrams:
        return 0.0
    keys = [_pair_key(t) for t in tokens]
    pairs = list(itertools.pairwise(keys))
    if context.before:
        pairs.append((_pair_key(context.before), keys[0]))
    if context.after:
        pairs.append((keys[-1], _pair_key(context.after)))
    bonus = 0.0
    for pair in pairs:
        seen = context.bigrams.get(pair, 0) - own.get(pair, 0)
        if seen > 0 and all(pair):
            bonus += PAIR_EVIDENCE * math.log2(1 + seen)
    return bonus


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
    boundary_model = boundary_model or BoundaryModel()
    t = _tables()
    raw = [RawToken("".join(c for c in tok.text if c not in t["bidi"]), tok.gap) for tok in tokenize_line(line)]
    raw = [r for r in raw if r.text]
    if not raw:
        return LineRepair("", "empty", 0.0)
    prefix: list[str] = []
    suffix: list[str] = []
    bullets = t["bullets"]
    if raw[0].text in bullets:
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
    elif raw[-1].text in bullets:
        prefix = [BULLET]
        raw = raw[:-1]
    tokens = [r.text for r in raw]
    context = context or LineContext()
    own = document_bigrams([line]) if context.bigrams else Counter()
    best = None
    for starts in _layouts(raw, lexicon):
        reading = _chunk_reading(tokens, starts, lexicon)
        if reading is None:
            continue
        cand_tokens, cand_joined, penalty = reading
        score = _score(cand_tokens, lexicon) - penalty + boundary_model.log_likelihood(raw, starts)
        score += _pair_bonus(cand_tokens, context, own) + _layout_bonus(cand_tokens, context)
        if best is None or score > best[0] + 1e-6:
            best = (score, starts, cand_tokens, cand_joined)
    score, best_starts, best_tokens, joined = best
    mode = "reversed" if len(best_starts) == 1 else "runs"
    gaps_b = tuple(raw[s].gap for s in best_starts[1:])
    gaps_i = tuple(raw[s].gap for s in range(1, len(raw)) if s not in best_starts)
    fixed = [fix_visual_token(tok, lexicon) for tok in best_tokens]
    text = _attach_punctuation([*prefix, *fixed, *suffix])
    return LineRepair(text, mode, score, tuple(joined), gaps_b, gaps_i)


@dataclass
class BoundaryModel:
    """P(a chunk starts here | width of the gap before the token), learned per document.

    Extractors mark chunk boundaries differently (an extra space, none at all).
    The first pass assumes nothing (every gap equally likely to be a boundary);
    each later pass counts the boundaries the previous pass chose.
    """

    boundary: Counter = field(default_factory=Counter)
    inner: Counter = field(default_factory=Counter)
    prior: float = 0.05

    def probability(self, gap: int) -> float:
        b, i = self.boundary[gap], self.inner[gap]
        return (b + self.prior * 4) / (b + i + 4)

    def log_likelihood(self, raw: Sequence[RawToken], starts: Sequence[int]) -> float:
        """log10 P(this chunking's boundaries and non-boundaries | the line's gaps)."""
        chosen = set(starts[1:])
        total = 0.0
        for s in range(1, len(raw)):
            p = self.probability(raw[s].gap)
            total += math.log10(p if s in chosen else 1.0 - p)
        return total

    @classmethod
    def fit(cls, repairs: Iterable[LineRepair]) -> BoundaryModel:
        model = cls()
        for rep in repairs:
            model.boundary.update(rep.boundary_gaps)
            model.inner.update(rep.inner_gaps)
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
    text = files("sahel_analysis").joinpath("data/collocations.yaml").read_text(encoding="utf-8")
    return frozenset((_pair_key(a), _pair_key(b)) for a, b in yaml.safe_load(text)["pairs"])


def _line_evidence(line: str, lexicon: Lexicon) -> tuple[int, int]:
    """(visual, logical) evidence counts for one line.

    Directional signs only: sentence punctuation leading a word, a letter suffix
    before its digits, a common word pair read backwards, a relative pronoun
    before the noun it follows.
    """
    t = _tables()
    toks = line.split()
    keys = [_pair_key(x) for x in toks]
    vis = log = 0
    colloc = _collocations()
    for k, tok in enumerate(toks):
        lead, core, trail = split_edges(tok)
        if lead and any(c in t["sentence"] for c in lead) and core and ARABIC_LETTER_RE.search(core):
            vis += 1
        runs = _direction_runs(core)
        if len(runs) == 2 and ARABIC_LETTER_RE.match(runs[0]) and runs[1][:1].isdigit():
            vis += 1  # م2020: the suffix before the digits
        if len(runs) == 2 and runs[0][:1].isdigit() and ARABIC_LETTER_RE.match(runs[1]):
            log += 1
        if k + 1 < len(toks):
            pair = (keys[k], keys[k + 1])
            if pair in colloc:
                log += 1
            if pair[::-1] in colloc:
                vis += 1
        if keys[k] in RELATIVES:
            if k > 0 and keys[k - 1].startswith("ال"):
                log += 1
            if k + 1 < len(toks) and keys[k + 1].startswith("ال"):
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
    bigrams = document_bigrams(lines)
    breaks = list(paragraph_breaks) if paragraph_breaks is not None else [False] * len(lines)
    model = BoundaryModel()
    typical = median_length(lines)
    short = [len(ln.strip()) < 0.75 * typical for ln in lines]
    repairs = [
        repair_visual_line(ln, lexicon, model, LineContext(short=sh)) for ln, sh in zip(lines, short, strict=True)
    ]
    for _ in range(passes - 1):
        model = BoundaryModel.fit(repairs)
        words = [r.text.split() for r in repairs]
        new = []
        for i, ln in enumerate(lines):
            before = words[i - 1][-1] if i > 0 and words[i - 1] and not breaks[i - 1] else ""
            after = words[i + 1][0] if i + 1 < len(lines) and words[i + 1] and not breaks[i] else ""
            new.append(repair_visual_line(ln, lexicon, model, LineContext(bigrams, before, after, short[i])))
        repairs = new
    return repairs


def normalize_whitespace(text: str) -> str:
    """Collapse runs of spaces inside lines and strip line ends (for logical text)."""
    return "\n".join(SPACE_RE.sub(" ", ln).strip() for ln in text.splitlines())


def repair_text(text: str) -> str:
    """Return `text` in logical order, paragraphs separated by one blank line.

    Visual-order text is repaired and regrouped into paragraphs (title block
    first); logical text comes out unchanged apart from whitespace.
    """
    from .structure import build_structure

    return build_structure(text).as_text()


def median_length(lines: Iterable[str]) -> float:
    """Median length of non-empty lines (a justified line's typical width)."""
    lengths = [len(ln) for ln in lines if ln.strip()]
    return statistics.median(lengths) if lengths else 0.0
