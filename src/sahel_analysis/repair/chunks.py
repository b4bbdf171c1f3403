"""The run model: a visual line read as chunks in the wrong order, and the cut words glued at their junctions.

An extractor that emits the runs of a right-to-left line from right to left,
each in display order, writes chunks X1 X2 … Xk and cuts a word where a run
ends. `chunkings` lists every chunking whose junctions each glue a plausible
cut word; `chunk_reading` reads one (each chunk reversed, the pieces glued,
`best_join`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from sahel_analysis.repair.tokens import (
    FRAGMENT_ZIPF,
    fragmentish,
    joinable,
    looks_cut,
    raw_token_logprob,
    rotate_cut,
    strong_fragment,
    token_logprob,
    word_shaped,
)
from sahel_analysis.text.charmap import WORD_FINAL_LETTERS, character_sets, split_edges
from sahel_analysis.text.lexicon import Lexicon, letters_form, lexicon_for_key, lexicon_key, may_be_known

# --- glued words (log10 probabilities, Zipf units for frequencies)
# Gluing pieces that are plainly no words into no known word either (a cut name, or chance)
# costs this much beyond what the pieces cost apart (log10): it takes gap evidence to win.
UNMERGED_JUNCTION_COST = 6.0
# The least plausible glued word accepted (log10 probability; Zipf 2).
MIN_JOIN_LOGPROB = -7.0
# The least frequent word a junction may glue (Zipf, before any CUT_LOOKING_COST: a cut word
# may end on shadda, `جلُّ`); below it the pieces are no cut word. When a piece is plainly
# no word (a lone letter, an unknown scrap), a rarer word will do (`ب` `اماكو` → `باماكو`).
MIN_GLUE_ZIPF = 2.0
MIN_GLUE_ZIPF_WITH_SCRAP = 1.0

# --- the run model
# A word is cut into at most this many pieces (head, one middle, tail).
MAX_PIECES = 3
# A line is read as at most this many chunks, and in at most this many ways.
MAX_CHUNKS = 8
MAX_READINGS = 3000
# Conjunctions and prepositions of one letter: never printed on their own.
LONE_PROCLITICS = frozenset("وفبلك")


def _valid_join(cand: str) -> bool:
    """A glued word keeps punctuation only at its edges and is shaped like a word."""
    _, core, _ = split_edges(cand)
    if not word_shaped(core):
        return False
    inner = _inner_punctuation()
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
    return _best_join(tuple(pieces), lexicon_key(lexicon))


@lru_cache(maxsize=100_000)
def _best_join(pieces: tuple[str, ...], lexicon_id: int) -> tuple[str, float]:
    lexicon = lexicon_for_key(lexicon_id)
    word = "".join(pieces)
    if not all(joinable(p) for p in pieces) or not _valid_join(word):
        return word, float("-inf")
    lead, core, trail = split_edges(word)
    word = lead + rotate_cut(lead, core, pieces, lexicon) + trail
    return word, token_logprob(word, lexicon_id)


def _joins_well(pieces: Sequence[str], lexicon: Lexicon) -> bool:
    _, lp = best_join(pieces, lexicon)
    return lp >= MIN_JOIN_LOGPROB and lp > sum(raw_token_logprob(p, lexicon) for p in pieces)


@lru_cache(maxsize=200_000)
def _glue_admissible_cached(pieces: tuple[str, ...], lexicon_id: int) -> bool:
    return glue_admissible(pieces, lexicon_for_key(lexicon_id))


@dataclass(frozen=True)
class PieceFacts:
    """What a token brings to every junction it may be a piece of, worked out once per token.

    A line's tokens meet at a hundred junctions or so, nearly all of which
    glue no word; these facts rule most of them out without building the
    glued word (`surely_inadmissible`).
    """

    joinable: bool
    strong: bool  # `strong_fragment`
    scrambled: bool  # rare enough to hold a tail and a head (`rotate_cut` splits it)
    opens_word: bool  # its core starts as a word may start
    final_letter: bool  # ta marbuta or alef maqsura in its core: it can only end a word
    core_punct: bool  # sentence punctuation or a bracket inside its core
    lead_punct: bool  # ... leading it
    trail_punct: bool  # ... trailing it
    lead: int  # length of its leading punctuation
    trail: int  # ... and trailing
    letters: tuple[str, ...]  # each character's lookup letters (`letters_form`)


@lru_cache(maxsize=200_000)
def piece_facts(token: str, lexicon_id: int) -> PieceFacts:
    """The `PieceFacts` of a token (cached per token)."""
    lexicon = lexicon_for_key(lexicon_id)
    lead, core, trail = split_edges(token)
    inner = _inner_punctuation()
    shaped = word_shaped(core[:1]) if core else False
    return PieceFacts(
        joinable=joinable(token),
        strong=strong_fragment(token, lexicon),
        scrambled=lexicon.zipf(core) < FRAGMENT_ZIPF,
        opens_word=shaped,
        final_letter=any(c in WORD_FINAL_LETTERS for c in core),
        core_punct=any(c in inner for c in core),
        lead_punct=any(c in inner for c in lead),
        trail_punct=any(c in inner for c in trail),
        lead=len(lead),
        trail=len(trail),
        letters=tuple(letters_form(c) for c in token),
    )


def surely_inadmissible(pieces: Sequence[str], lexicon_id: int) -> bool:
    """True when pieces (head first) surely glue no admissible word; False when `glue_admissible` must decide.

    From each piece's facts alone: the glue would hold punctuation, a word-final
    letter before its end, or open with a mark (`_valid_join`); or, unless
    every piece is a plain fragment, neither the glue nor any rotation that
    `rotate_cut` tries is in the word list, even through its clitics
    (`may_be_known`), so none reaches a glue word's frequency.
    """
    facts = [piece_facts(p, lexicon_id) for p in pieces]
    last = len(facts) - 1
    for k, f in enumerate(facts):
        if not f.joinable or f.core_punct or (k and f.lead_punct):
            return True
        if k < last and (f.trail_punct or f.final_letter):
            return True
    if not facts[0].opens_word:
        return True
    if all(f.strong for f in facts):
        return False
    letters = [c for f in facts for c in f.letters]
    letters = letters[facts[0].lead : len(letters) - facts[-1].trail]  # the glued core's characters
    if may_be_known("".join(letters)):
        return False
    size, at = len(letters), -facts[0].lead
    for piece, f in zip(pieces, facts, strict=True):
        if f.scrambled:  # the rotations `rotate_cut` tries inside this piece
            for k in range(max(at + 1, 1), min(at + len(piece), size)):
                if may_be_known("".join(letters[k:]) + "".join(letters[:k])):
                    return False
        at += len(piece)
    return True


@cache
def _inner_punctuation() -> frozenset[str]:
    """Punctuation a glued word may hold only at its edges."""
    t = character_sets()
    return frozenset(t.sentence) | t.openers | t.closers


def glue_admissible(pieces: tuple[str, ...], lexicon: Lexicon) -> bool:
    """Whether pieces (head first) may be one word cut at run boundaries.

    Either the glue is a plausible word, or every piece is plainly no word
    (a cut name the lexicon cannot know).
    """
    if surely_inadmissible(pieces, lexicon_key(lexicon)):
        return False
    word = "".join(pieces)
    if not all(joinable(p) for p in pieces) or not _valid_join(word):
        return False
    if all(strong_fragment(p, lexicon) for p in pieces):
        return True  # pieces that are no words: a cut word, known or not (checked first: cheap)
    lead, core, _ = split_edges(word)
    return is_glue_word(rotate_cut(lead, core, pieces, lexicon), pieces, lexicon)


def is_glue_word(word: str, pieces: Sequence[str], lexicon: Lexicon) -> bool:
    """Whether a glued word is frequent enough to be the word that was cut.

    Two words side by side may happen to spell a rare compound (`وبوركينا`
    `فاسو` → `وبوركينافاسو`); a scrap that cannot stand alone asks less.
    """
    z = lexicon.zipf(split_edges(word)[1])
    scrap = any(strong_fragment(p, lexicon) for p in pieces)
    return z >= MIN_GLUE_ZIPF or (scrap and z >= MIN_GLUE_ZIPF_WITH_SCRAP)


def _attaches_forward(token: str) -> bool:
    """A lone proclitic letter (و ف ب ل ك): in print it is always written onto the next word."""
    lead, core, trail = split_edges(token)
    return not lead and not trail and core in LONE_PROCLITICS


def merge_adjacent(out: list[str], lexicon: Lexicon, joined: list[str]) -> list[str]:
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
        fragments = strong_fragment(a, lexicon) and strong_fragment(b, lexicon)
        if looks_cut(split_edges(a)[1]):  # a head cut at the shadda takes any scrap as its tail
            fragments = fragmentish(b, lexicon)
        if (fragments and _joins_well((a, b), lexicon)) or (
            _attaches_forward(a)
            and joinable(b)
            and is_glue_word(best_join((a, b), lexicon)[0], (a, b), lexicon)
        ):
            word, _ = best_join((a, b), lexicon)
            out[i : i + 2] = [word]
            joined.append(word)
            continue
        i += 1
    return out


def chunk_groups(n: int, starts: Sequence[int]) -> list[list[int]]:
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


def chunk_reading(tokens: Sequence[str], starts: Sequence[int], lexicon: Lexicon):
    """Read a line emitted as chunks in the wrong order: reverse each chunk, keep their order.

    An extractor that emits the runs of a right-to-left line from right to left,
    each in display order, writes chunks X1 X2 … Xk. Reversing each chunk in
    place gives logical order; the word cut at each junction is glued back,
    head first (`chunk_groups`). Returns the reading's tokens, the glued
    words and a penalty for glues that make no word, or None if a junction
    cannot be a cut word (a piece with digits, more than three pieces).
    """
    out: list[str] = []
    joined: list[str] = []
    penalty = 0.0
    for group in chunk_groups(len(tokens), starts):
        if len(group) == 1:
            out.append(tokens[group[0]])
            continue
        pieces = [tokens[i] for i in reversed(group)]
        if len(group) > MAX_PIECES or not all(joinable(p) for p in pieces):
            return None
        word, lp = best_join(pieces, lexicon)
        if not is_glue_word(word, pieces, lexicon):
            # gluing into a non-word must never look cheaper than leaving the pieces apart
            penalty += (
                max(0.0, lp - sum(raw_token_logprob(p, lexicon) for p in pieces)) + UNMERGED_JUNCTION_COST
            )
        out.append(word)
        joined.append(word)
    return merge_adjacent(out, lexicon, joined), joined, penalty


def chunkings(
    tokens: Sequence[str], lexicon: Lexicon, max_chunks: int = MAX_CHUNKS
) -> Iterator[tuple[int, ...]]:
    """Every chunking of a line whose junctions each glue a plausible cut word, fewest chunks first.

    The whole line reversed (one chunk) comes first. A chunking of k chunks has
    k-1 junctions, and each glues pieces that sit far apart in the raw line:
    the first token of a chunk and the last of the next (`chunk_groups`).
    Junctions that cannot be a word prune the search at once, so every chunk
    start can be tried: a line has a few dozen readings, not thousands. A line
    of loose letters could still have millions; past MAX_READINGS the
    chunkings with more chunks are not tried.

    >>> list(chunkings("ى خِيارات التعامل في شتَّ".split(), Lexicon()))
    [(0,), (0, 1), (0, 2), (0, 3), (0, 4)]
    """
    n = len(tokens)
    yield (0,)
    key = lexicon_key(lexicon)
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
