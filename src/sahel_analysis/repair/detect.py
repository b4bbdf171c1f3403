"""Whether a text is a visual-order extraction: directional signs counted per line and overall.

Sentence punctuation leading a word, a letter suffix before its digits,
common word pairs and relative pronouns read backwards point to visual
order; the same signs the right way round point to logical order. The
verdict and the counts travel as a `Detection`.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache

from sahel_analysis.package_data import load_yaml
from sahel_analysis.repair.evidence import pair_key
from sahel_analysis.repair.tokens import direction_runs
from sahel_analysis.text.charmap import (
    LTR_CHAR_RE,
    WIDE_LETTER_RE,
    character_sets,
    edge_punctuation,
    split_edges,
)
from sahel_analysis.text.lexicon import Lexicon, default_lexicon, token_letters_forms


@dataclass(frozen=True)
class Detection:
    """Whether a text is in visual order, how sure we are, and why.

    Code reads the counts (`visual_signs`, `logical_signs`, `lines`);
    `evidence` says the same in words for people (the command line prints it),
    or, for a text another extractor laid out, names that layout's evidence.
    """

    verdict: str  # "visual" or "logical" (or the profile of another extractor's layout)
    score: float  # share of evidence pointing to visual order, 0..1
    evidence: str
    line_scores: tuple[float, ...] = ()
    visual_signs: int = 0  # directional signs of visual order found
    logical_signs: int = 0  # ... and of logical order
    lines: int = 0  # non-blank lines read


def signs_evidence(visual_signs: int, logical_signs: int, lines: int) -> str:
    """The counts of a detection in words.

    >>> signs_evidence(3, 1, 2)
    '3 visual signs vs 1 logical signs in 2 lines'
    """
    return f"{visual_signs} visual signs vs {logical_signs} logical signs in {lines} lines"


# Relative pronouns: they follow the noun they qualify (`المدينة التي`).
RELATIVES = ("التي", "الذي", "الذين", "اللذان", "اللتان", "اللواتي")
# A visual verdict needs at least this many visual signs (and most of the signs):
# one stray sign in a short logical article must not reverse its word order.
MIN_VISUAL_SIGNS = 2
# Letters written onto a number in logical text: conjunctions, prepositions and the
# article (`و47.60`, `بـ2020`, `ال2`). Before digits they are not a suffix seen first.
PROCLITICS_BEFORE_DIGITS_RE = re.compile("[وف]?(?:[بلك]?(?:ال)?|لل)")
# A citation mark after a word (`المدينة.[1]`, `(2)`): its digits follow a bracket, not a suffix.
CITATION_OPENERS = ("[", "(")
# An ellipsis glued to the next word (`...لقد`, `…لكن`) is a writer's habit, not a sentence end.
ELLIPSIS_RE = re.compile("^[^.\N{HORIZONTAL ELLIPSIS}]*(?:\\.\\.|\N{HORIZONTAL ELLIPSIS})")


@cache
def _collocations() -> frozenset[tuple[str, str]]:
    return frozenset((pair_key(a), pair_key(b)) for a, b in load_yaml("collocations.yaml")["pairs"])


@cache
def _evidence_patterns() -> tuple[re.Pattern, re.Pattern]:
    """Regexes for `_line_evidence`: a token led by sentence punctuation, a token with digits or Latin."""
    edges = re.escape("".join(sorted(edge_punctuation())))
    sentence = re.escape("".join(sorted(character_sets().sentence)))
    led = re.compile(f"(?<!\\S)[{edges}]*[{sentence}]\\S*?{WIDE_LETTER_RE.pattern}")
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
    # `.التفاوض`: the full stop leads the word
    vis = sum(1 for m in led.finditer(line) if not ELLIPSIS_RE.match(m.group(0)))
    log = 0
    for tok in with_ltr.findall(line):
        runs = direction_runs(split_edges(tok)[1])
        letters = runs[0].replace("\N{ARABIC TATWEEL}", "") if runs else ""
        # `المدينة.[1]` is a word, its full stop and a citation mark: the digits open a bracket
        suffix_first = (
            len(runs) == 2
            and WIDE_LETTER_RE.match(runs[0])
            and not letters.endswith(CITATION_OPENERS)
            and runs[1][:1].isdigit()
        )
        if suffix_first and not PROCLITICS_BEFORE_DIGITS_RE.fullmatch(letters):
            vis += 1  # م2020: the suffix before the digits (not و2020, "and 2020")
        if len(runs) == 2 and runs[0][:1].isdigit() and WIDE_LETTER_RE.match(runs[1]):
            log += 1
    keys = token_letters_forms(line)  # each token's `pair_key`
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
    logical order. The verdict is visual only when most signs say so and there
    are at least `MIN_VISUAL_SIGNS` of them, so that a short logical article
    with one stray sign is never reversed.

    >>> detect_visual_order("ذهب الوفد إلى المدينة في الصباح. وصل الوزير إلى المدينة التي زارها.").verdict
    'logical'
    >>> detect_visual_order(".زارها التي المدينة إلى الوزير وصل .الصباح في المدينة إلى الوفد ذهب").verdict
    'visual'
    >>> detect_visual_order("ارتفع السعر إلى 47.45 جنيه للشراء، و47.55 جنيه للبيع.").verdict
    'logical'
    >>> detect_visual_order("وقع الانقلاب في العاصمة.[2] وأغلقت الحدود.[3] وحُل الدستور.[6]").verdict
    'logical'
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
    verdict = "visual" if total and score > 0.6 and vis_total >= MIN_VISUAL_SIGNS else "logical"
    evidence = signs_evidence(vis_total, log_total, len(lines))
    return Detection(verdict, score, evidence, tuple(per_line), vis_total, log_total, len(lines))
