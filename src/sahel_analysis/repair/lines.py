"""Turn Arabic extracted from a PDF in visual order back into logical reading order.

A visual-order extraction stores each printed line left to right: the words run
backwards, and extractors that emit a line as several runs put the runs in the
wrong order and cut a word in two where a run ends. Repair works line by line:

1. find the line's base direction (a list item laid out left to right keeps its
   bullet first and its closing colon last);
2. list the line's readings: the whole line reversed, and every chunking under
   the run model of `repair.chunks` whose junctions each glue a plausible cut
   word (`chunkings`; a piece holding a tail and a head in display order is
   rotated back, `repair.tokens.rotate_cut`);
3. score each reading with general and document evidence (`repair.evidence`):
   how plausible its words are (`Lexicon`, wordfreq with clitic back-off),
   which word follows which in general Arabic (`lexicon.Bigrams`), the
   document's own recurring word pairs (`PairCounts`), the widths of the gaps
   where chunks would start (`BoundaryModel`, learned per document over
   passes), the neighbouring lines' edge words, and the layout (labels open a
   line, a paragraph's last line ends its sentence);
4. fix each token (`repair.tokens`): digit and letter runs swap back (`م2020` →
   `2020م`), mirrored brackets and guillemets turn round and go to the side
   they open or close, sentence punctuation moves to the end, and a token
   whose letters were scrambled (`ماتهج` → `هجمات`, `يف` → `في`) is read
   rotated when its neighbours agree (`token_variants`).

Repair only reorders characters and changes whitespace; the only characters it
maps are the ones listed by `mapped_glyphs` (bullets and mirrored brackets).
Logical-order text passes through unchanged apart from whitespace.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache

from sahel_analysis.repair.chunks import chunk_reading, chunkings
from sahel_analysis.repair.evidence import (
    END,
    INNER,
    PIECE,
    BoundaryModel,
    ClauseOpenings,
    LineContext,
    LineRepair,
    PairCounts,
    boundary_kinds,
    clause_openings,
    document_bigrams,
    layout_bonus,
    opening_bonus,
    pair_bonus,
    pair_evidence,
    usual_gap,
)
from sahel_analysis.repair.tokens import RawToken, token_variants, tokenize_line
from sahel_analysis.text.charmap import BULLET, SPACES_RE, character_sets, split_edges
from sahel_analysis.text.lexicon import Lexicon, default_lexicon, lexicon_for_key, lexicon_key

# A printed line holds at most a few dozen words (20 in the seeds and the benchmark's
# extractions); longer lines are repaired in pieces of this many tokens.
MAX_LINE_TOKENS = 32
NON_SPACE_RE = re.compile(r"\S+")


def _attach_punctuation(tokens: Sequence[str]) -> str:
    """Join tokens with single spaces, gluing standalone punctuation to its word."""
    t = character_sets()
    out: list[str] = []
    pending_open = ""
    for tok in tokens:
        if not tok:
            continue
        if all(c in t.sentence or c in t.closers for c in tok) and out:
            out[-1] += tok
        elif all(c in t.openers for c in tok):
            pending_open += tok
        else:
            out.append(pending_open + tok)
            pending_open = ""
    if pending_open:
        out.append(pending_open)
    return " ".join(out)


def best_variants(
    tokens: Sequence[str], context: LineContext, lexicon: Lexicon, glued: Iterable[str] = ()
) -> tuple[float, list[str]]:
    """The most plausible logical form of each token, and the reading's log10 plausibility.

    Each token's readings (`token_variants`) are weighed with general Arabic
    word-pair evidence between neighbours and across the line's ends
    (`lexicon.Bigrams`); a Viterbi pass finds the best combination. A word
    glued from cut pieces keeps the letter order its pieces gave it: another
    order is another chunking, scored on its own.
    """
    score, texts = _best_variants(
        tuple(tokens), context.before, context.after, lexicon_key(lexicon), frozenset(glued)
    )
    return score, list(texts)


@lru_cache(maxsize=50_000)
def _best_variants(
    tokens: tuple[str, ...], before: str, after: str, key: int, glued: frozenset[str]
) -> tuple[float, tuple[str, ...]]:
    """`best_variants`, cached: the passes of `repair_lines` rescore a reading whose neighbours did not change."""
    paths: list[tuple[float, list[str]]] = [(0.0, [])]  # best path ending in each reading of the last token
    for tok in tokens:
        step = []
        variants = token_variants(tok, key)
        for text, lp in variants[:1] if tok in glued else variants:
            score, history = max(
                ((s + pair_evidence(h[-1] if h else before, text), h) for s, h in paths),
                key=lambda p: p[0],
            )
            step.append((score + lp, [*history, text]))
        paths = step
    score, texts = max(((s + pair_evidence(h[-1], after), h) for s, h in paths), key=lambda p: p[0])
    return score, tuple(texts)


Reading = tuple[tuple[int, ...], list[str], list[str], float]


@lru_cache(maxsize=4096)
def _line_readings(
    line: str, lexicon_id: int
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[RawToken, ...], tuple[Reading, ...]]:
    """A raw line's bullet prefix and suffix, its tokens, and every admissible chunk reading.

    What a line can be read as depends on the line alone, so the passes of
    `repair_lines` share it and only rescore it (cached per line).
    """
    lexicon = lexicon_for_key(lexicon_id)
    t = character_sets()
    raw = [RawToken("".join(c for c in tok.text if c not in t.bidi), tok.gap) for tok in tokenize_line(line)]
    raw = [r for r in raw if r.text]
    prefix: list[str] = []
    suffix: list[str] = []
    bullets = t.bullets
    if raw and raw[0].text in bullets:
        # A list item laid out left to right: bullet first, closing punctuation last.
        prefix = [BULLET]
        raw = raw[1:]
        while raw and all(c in t.sentence for c in raw[-1].text):
            suffix.insert(0, raw[-1].text)
            raw = raw[:-1]
        if raw:
            lead, core, trail = split_edges(raw[-1].text)
            if trail and all(c in t.sentence for c in trail):
                suffix.insert(0, trail)
                raw[-1] = RawToken(lead + core, raw[-1].gap)
    elif raw and raw[-1].text in bullets:
        prefix = [BULLET]
        raw = raw[:-1]
    tokens = [r.text for r in raw]
    readings = []
    for starts in chunkings(tokens, lexicon) if tokens else ():
        reading = chunk_reading(tokens, starts, lexicon)
        if reading is not None:
            readings.append((starts, *reading))
    return tuple(prefix), tuple(suffix), tuple(raw), tuple(readings)


@lru_cache(maxsize=4096)
def _own_openings(line: str, lexicon_id: int) -> tuple[Counter, Counter]:
    """The clause openings a line contributes itself (left out when it is scored)."""
    return clause_openings([line], lexicon_for_key(lexicon_id))


@lru_cache(maxsize=4096)
def _own_pairs(line: str, lexicon_id: int) -> Counter:
    """The document word pairs a line contributes itself (left out when it is scored)."""
    return document_bigrams([line], lexicon_for_key(lexicon_id))


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
    prefix, suffix, raw, readings = _line_readings(line, lexicon_key(lexicon))
    if not (raw or prefix or suffix):
        return LineRepair("", "empty", 0.0)
    boundary_model = boundary_model or BoundaryModel(usual=usual_gap([r.gap for r in raw[1:]]))
    context = context or LineContext()
    own = _own_pairs(line, lexicon_key(lexicon)) if context.bigrams is not None else Counter()
    own_openings = _own_openings(line, lexicon_key(lexicon)) if context.openings is not None else None
    best = None
    for starts, cand_tokens, cand_joined, penalty in readings:
        score, fixed = _best_variants(
            tuple(cand_tokens), context.before, context.after, lexicon_key(lexicon), frozenset(cand_joined)
        )
        score += boundary_model.log_likelihood(raw, starts) - penalty
        score += pair_bonus(cand_tokens, context, own) + layout_bonus(fixed, context)
        if own_openings is not None:
            score += opening_bonus(fixed, context, own_openings)
        if best is None or score > best[0] + 1e-6:
            best = (score, starts, fixed, cand_joined)
    if best is None:
        return LineRepair(_attach_punctuation([*prefix, *suffix]), "empty", 0.0)
    score, best_starts, fixed, joined = best
    mode = "reversed" if len(best_starts) == 1 else "runs"
    kinds = boundary_kinds(len(raw), best_starts)
    gaps = {
        kind: tuple(raw[s].gap for s in range(1, len(raw)) if kinds[s] == kind)
        for kind in (INNER, PIECE, END)
    }
    text = _attach_punctuation([*prefix, *fixed, *suffix])
    return LineRepair(text, mode, score, tuple(joined), gaps[PIECE], gaps[INNER], gaps[END])


def split_long_line(line: str, max_tokens: int = MAX_LINE_TOKENS) -> list[str]:
    """A visual line cut into pieces of at most `max_tokens` tokens, in logical order.

    A printed line holds a few dozen words; the readings of a line grow with its
    length, so a longer "line" (a paragraph saved without breaks, or hostile
    input) is read as several: its pieces cut at spaces, in reverse (a visual
    line runs backwards), each repaired as a line. A short line is its own piece.

    >>> split_long_line("a b c d e", max_tokens=2)
    ['e', 'c d', 'a b']
    """
    spans = [m.span() for m in NON_SPACE_RE.finditer(line)]
    if len(spans) <= max_tokens:
        return [line]
    cuts = [spans[k][0] for k in range(max_tokens, len(spans), max_tokens)]
    edges = [0, *cuts, len(line)]
    return [line[a:b].strip() for a, b in itertools.pairwise(edges)][::-1]


def join_line_repairs(parts: Sequence[LineRepair]) -> LineRepair:
    """One line's repair from the repairs of its pieces (`split_long_line`), in logical order."""
    if len(parts) == 1:
        return parts[0]
    texts = [r.text for r in parts if r.text]
    return LineRepair(
        " ".join(texts),
        "runs" if texts else "empty",
        sum(r.score for r in parts),
        tuple(w for r in parts for w in r.joined),
        tuple(g for r in parts for g in r.boundary_gaps),
        tuple(g for r in parts for g in r.inner_gaps),
        tuple(g for r in parts for g in r.end_gaps),
    )


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
    word pairs. A line longer than `MAX_LINE_TOKENS` is repaired as pieces
    (`split_long_line`), so time grows linearly with the text.

    Args:
        lines: the raw lines, in file order.
        paragraph_breaks: per line, True if a new paragraph starts after it
            (no neighbour context crosses it).
    """
    breaks_given = list(paragraph_breaks) if paragraph_breaks is not None else [False] * len(lines)
    pieces = [split_long_line(ln) for ln in lines]
    if all(len(p) == 1 for p in pieces):
        return repair_piece_lines(lines, lexicon, passes, breaks_given)
    flat = [piece for p in pieces for piece in p]
    flat_breaks = [
        brk and k == len(p) - 1 for p, brk in zip(pieces, breaks_given, strict=True) for k in range(len(p))
    ]
    repaired = iter(repair_piece_lines(flat, lexicon, passes, flat_breaks))
    return [join_line_repairs([next(repaired) for _ in p]) for p in pieces]


def repair_piece_lines(
    lines: Sequence[str], lexicon: Lexicon | None, passes: int, breaks: Sequence[bool]
) -> list[LineRepair]:
    """`repair_lines` on lines of at most `MAX_LINE_TOKENS` tokens each."""
    lexicon = lexicon or default_lexicon()
    bigrams = PairCounts.of(document_bigrams(lines, lexicon))
    openings = ClauseOpenings.of(*clause_openings(lines, lexicon))
    usual = usual_gap(tok.gap for ln in lines for tok in tokenize_line(ln)[1:])
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
    return "\n".join(
        (SPACES_RE.sub(" ", ln) if "  " in ln or "\t" in ln or "\N{NO-BREAK SPACE}" in ln else ln).strip()
        for ln in text.splitlines()
    )


def median_length(lines: Iterable[str]) -> float:
    """Median length of non-empty lines (a justified line's typical width)."""
    lengths = [len(ln) for ln in lines if ln.strip()]
    return statistics.median(lengths) if lengths else 0.0
