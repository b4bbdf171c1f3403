"""What a document tells about its own lines: word pairs, clause openings, gap widths, neighbours.

A visual-order document's surely adjacent words (`certain_adjacencies`) give
its recurring word pairs (`PairCounts`) and which words follow clause ends
(`ClauseOpenings`); the widths of the gaps where chunks start are learned
over the passes of `repair.lines.repair_lines` (`BoundaryModel`, from each
pass's `LineRepair`s). The bonuses here turn this evidence, and the general
word pairs of `lexicon.Bigrams`, into log10 scores for a reading of a line.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from sahel_analysis.repair.tokens import RawToken, fragmentish, is_label, tokenize_line
from sahel_analysis.text.charmap import SENTENCE_END, character_sets, split_edges
from sahel_analysis.text.lexicon import Lexicon, default_bigrams, default_lexicon, letters_form

# --- evidence weights (log10)
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


@dataclass(frozen=True)
class LineContext:
    """What repair knows around a line: the document's word pairs and its neighbours' edge words."""

    bigrams: PairCounts | None = None
    before: str = ""  # last word of the previous line of the paragraph, logical order
    after: str = ""  # first word of the next line
    short: bool = False  # a short line: the last of its paragraph
    openings: ClauseOpenings | None = None


def pair_key(word: str) -> str:
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
        whole = [not fragmentish(tok.text, lexicon) for tok in toks]
        for k in range(len(toks) - 1):
            if toks[k + 1].gap == 1 and whole[k] and whole[k + 1]:
                yield toks[k + 1].text, toks[k].text


def document_bigrams(lines: Iterable[str], lexicon: Lexicon | None = None) -> Counter:
    """Word pairs of a visual-order document, in logical order, from its certain adjacencies.

    The document's own phrases ("نصرة الإسلام") become evidence.
    """
    return Counter((pair_key(a), pair_key(b)) for a, b in certain_adjacencies(lines, lexicon))


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


def ends_clause(token: str) -> bool:
    """True if a token carries a comma, semicolon, colon or full stop on an edge (either side:
    a raw token's punctuation may still be mirrored)."""
    lead, _, trail = split_edges(token)
    sentence = character_sets().sentence
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
        seen[pair_key(word)] += 1
        opens[pair_key(word)] += ends_clause(before)
    return opens, seen


@dataclass(frozen=True)
class ClauseOpenings:
    """Which words of a document follow clause ends, to tell where a comma's next word belongs.

    Two readings of a line may differ only in which word follows a comma (a
    line cut into runs, read with its first run moved to the end). A word's
    rate of following a comma or full stop elsewhere in the document, pulled
    towards the document's overall rate, weighs each junction: `التنظيمات`
    never follows a comma in the visual-order seed, so `العسكري، التنظيمات` is unlikely.
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
        key = pair_key(word)
        own_opens, own_seen = own or (Counter(), Counter())
        seen = self.seen.get(key, 0) - own_seen.get(key, 0)
        if not previous or seen <= 0:
            return 0.0
        opens = self.opens.get(key, 0) - own_opens.get(key, 0)
        rate = (opens + OPENING_SMOOTHING * self.overall) / (seen + OPENING_SMOOTHING)
        if ends_clause(previous):
            return math.log2(rate / self.overall)
        return math.log2((1 - rate) / (1 - self.overall))


def opening_bonus(tokens: Sequence[str], context: LineContext, own: tuple[Counter, Counter]) -> float:
    """Evidence from which words follow clause ends, inside the reading and across its ends."""
    if context.openings is None or not tokens:
        return 0.0
    junctions = [*itertools.pairwise(tokens)]
    if context.before:
        junctions.append((context.before, tokens[0]))
    if context.after:
        junctions.append((tokens[-1], context.after))
    return OPENING_EVIDENCE * sum(context.openings.evidence(a, b, own) for a, b in junctions)


def layout_bonus(tokens: Sequence[str], context: LineContext) -> float:
    """Generic evidence about where a line starts and ends (tokens already in logical form).

    A list label (`أ.`) or section number (`1)`) opens its line; the short last
    line of a paragraph ends its sentence.
    """
    bonus = 0.0
    for k, tok in enumerate(tokens):
        lead, core, trail = split_edges(tok)
        is_number = core.isdigit() and len(core) <= 2 and any(c in "().-" for c in lead + trail)
        if (is_label(tok) or is_number) and k > 0:
            bonus -= LAYOUT_EVIDENCE
    if context.short and tokens and tokens[-1][-1] in SENTENCE_END:
        bonus += LAYOUT_EVIDENCE
    return bonus


def pair_bonus(tokens: Sequence[str], context: LineContext, own: Counter) -> float:
    """Evidence from attested word pairs: inside the reading and across the line's ends."""
    if context.bigrams is None:
        return 0.0
    keys = [pair_key(t) for t in tokens]
    pairs = list(itertools.pairwise(keys))
    if context.before:
        pairs.append((pair_key(context.before), keys[0]))
    if context.after:
        pairs.append((keys[-1], pair_key(context.after)))
    bonus = 0.0
    for pair in pairs:
        bonus += PAIR_EVIDENCE * context.bigrams.evidence(pair, own.get(pair, 0))
    return bonus


@lru_cache(maxsize=200_000)
def pair_evidence(first: str, second: str) -> float:
    """General word-pair evidence between two words in logical order (0 without the data or a word)."""
    bigrams = default_bigrams()
    first, second = letters_form(first), letters_form(second)
    return LANGUAGE_EVIDENCE * bigrams.evidence(first, second) if bigrams and first and second else 0.0


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


def boundary_kinds(n: int, starts: Sequence[int]) -> list[str]:
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


def usual_gap(gaps: Iterable[int]) -> int:
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
        kinds = boundary_kinds(len(raw), starts)
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
