"""Word plausibility for Arabic, from wordfreq's frequencies and the document's own vocabulary.

The repair has to decide which cut pieces form a word and which scrambled token
is a real word. It asks this module, never a list of special cases.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib.resources import files

from .normalize import Options, normalize_arabic

# Pronoun suffixes that attach to nouns and verbs, longest first.
ENCLITICS = ("هما", "كما", "هم", "هن", "كم", "ها", "نا", "ني", "ه", "ك", "ي")
# Proclitic stacks (conjunctions, prepositions, article), longest first.
PROCLITICS = ("وبال", "وكال", "فبال", "فال", "وال", "بال", "كال", "ولل", "فلل", "لل", "ال", "وب", "ول", "وس", "فس", "و", "ف", "ب", "ل", "س")
# What a word found only through its stem loses, in Zipf units.
BACKOFF_PENALTY = 1.0

# Zipf scale: log10 of frequency per billion words. A word never seen gets this.
UNSEEN_ZIPF = -1.0
# The one single letter that is a word of its own in running text: the conjunction و.
LONE_WAW_ZIPF = 3.0
# Foldings used for lookups: harakat and tatweel never decide whether a word exists.
_LOOKUP = Options(alef=False, alef_maqsura=False, ta_marbuta=False, digits=False)


def lookup_form(word: str) -> str:
    """The form a word is looked up under: no harakat, tatweel or presentation forms.

    >>> lookup_form("شتَّى")
    'شتى'
    """
    return normalize_arabic(word, _LOOKUP)


# Bare Arabic letters: a string of only these is looked up in wordfreq's list as it is.
_BARE_LETTERS = re.compile("[\u0621-\u064a]+")


@cache
def _frequencies() -> dict[str, float]:
    """wordfreq's Arabic list as a dict (loaded on first use: loading the lists takes time)."""
    from wordfreq import get_frequency_dict

    return get_frequency_dict("ar")


@lru_cache(maxsize=500_000)
def wordfreq_zipf(word: str) -> float:
    """Zipf frequency of an Arabic word in wordfreq's data (0 when unknown).

    Repair looks up hundreds of thousands of candidate glues and rotations, so
    bare letters go straight to the frequency list; `zipf_frequency`, which
    tokenizes first, gives the same value for them and is kept for the rest.

    >>> wordfreq_zipf("الساحل") == __import__("wordfreq").zipf_frequency("الساحل", "ar")
    True
    """
    if not word:
        return 0.0
    if _BARE_LETTERS.fullmatch(word):
        freq = _frequencies().get(word)
        if freq is None:
            return 0.0
        # wordfreq keeps 3 significant digits of a frequency and reports Zipf to 2 decimals
        return round(math.log10(round(freq, math.floor(-math.log10(freq)) + 3)) + 9, 2)
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "ar")


@dataclass
class Lexicon:
    """Scores how plausible a token is as an Arabic word.

    wordfreq knows general Arabic; `extra` holds words known from the corpus
    itself (e.g. names that recur in a document), which count as seen.
    """

    extra: Counter = field(default_factory=Counter)

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> Lexicon:
        """Build a lexicon whose extra vocabulary is every token seen in `texts`."""
        counts: Counter = Counter()
        for text in texts:
            counts.update(lookup_form(t) for t in text.split())
        return cls(counts)

    def zipf(self, word: str) -> float:
        """Zipf frequency of `word`, bare letters only; single letters count as unseen.

        Single Arabic letters are noise in web frequency lists (list labels,
        abbreviations); in running text a lone letter is almost always a cut piece.
        """
        return _form_zipf(letters_form(word))

    def is_word(self, word: str, threshold: float = 3.0) -> bool:
        """Whether `word` is frequent enough to be trusted as a word."""
        return self.zipf(word) >= threshold

    def logprob(self, word: str) -> float:
        """log10 probability of the token as a word (zipf - 9), unseen tokens heavily penalised."""
        z = self.zipf(word)
        return z - 9.0 if z > 0 else -12.0


@lru_cache(maxsize=500_000)
def letters_form(word: str) -> str:
    """The letters of `word`'s lookup form: no marks, no punctuation, no digits.

    >>> letters_form("«شتَّى،")
    'شتى'
    """
    return "".join(c for c in lookup_form(word) if c.isalpha())


@lru_cache(maxsize=500_000)
def _form_zipf(form: str) -> float:
    if len(form) <= 1:
        return LONE_WAW_ZIPF if form == "و" else UNSEEN_ZIPF
    z = wordfreq_zipf(form)
    if z >= 3.5:
        return z
    z = max(z, stem_zipf(form))
    return z if z > 0 else UNSEEN_ZIPF


@lru_cache(maxsize=500_000)
def stem_zipf(form: str) -> float:
    """Zipf of a word seen only with other clitics: its best known stem, less a penalty.

    `تمددها` and `وقبولها` are rare as written but their stems are common; a
    cut piece glued back into such a word must still count as a word.

    >>> stem_zipf("وقبولها") > 3
    True
    >>> stem_zipf("تائج")
    -1.0
    """
    best = UNSEEN_ZIPF
    for pre in ("", *PROCLITICS):
        if not form.startswith(pre):
            continue
        rest = form[len(pre) :]
        for suf in ("", *ENCLITICS):
            if (pre == "" and suf == "") or not rest.endswith(suf):
                continue
            stem = rest[: len(rest) - len(suf)] if suf else rest
            if len(stem) < 3:
                continue
            z = wordfreq_zipf(stem)
            if z >= 3.0:
                best = max(best, z - BACKOFF_PENALTY * (1 + (pre != "" and suf != "")))
    return best


# --------------------------------------------------------------------------- word pairs

# Package data: general Arabic word-pair counts (see `Bigrams` and data/README.md).
BIGRAM_DATA = "data/arabic_bigrams.tsv.gz"
# Absolute discounting: what each seen pair gives up for the followers never seen.
BIGRAM_DISCOUNT = 0.75
# Evidence is clipped to this many log10 units either way: one pair never decides a line alone.
BIGRAM_CLIP = 2.0


@dataclass(frozen=True)
class Bigrams:
    """How much more (or less) likely a word is after another than on its own, in general Arabic.

    Word plausibility alone cannot tell where a line's runs belong when every
    order uses the same words; which word follows which can (`العاصمة
    الأفغانية` over `العاصمة رسالةً`). The counts come from a large Arabic
    news corpus, pruned to pairs seen several times; an unseen pair falls back
    on the follower's own frequency (absolute discounting), so it counts
    against the pair in proportion to how many followers the first word is
    known to take.
    """

    words: dict[str, tuple[int, int, int]]  # follower count, count as first word, distinct followers
    pairs: dict[str, int]  # "first second" -> count
    total: int

    @classmethod
    def load(cls, text: str) -> Bigrams:
        """Read the TSV: `word count first_count followers` rows, a blank line, `first second count` rows."""
        head, _, tail = text.partition("\n\n")
        words = {}
        for row in head.splitlines():
            w, c, f, n = row.split("\t")
            words[w] = (int(c), int(f), int(n))
        pairs = {}
        for row in tail.splitlines():
            a, b, c = row.split("\t")
            pairs[f"{a} {b}"] = int(c)
        return cls(words, pairs, sum(c for c, _, _ in words.values()))

    def evidence(self, first: str, second: str) -> float:
        """log10 P(second | first) / P(second), clipped; 0 when either word is unknown.

        >>> bg = Bigrams({"في": (10, 10, 2), "مالي": (5, 0, 0), "السلام": (5, 0, 0)}, {"في مالي": 8}, 20)
        >>> bg.evidence("في", "مالي") > 0 > bg.evidence("في", "السلام")
        True
        """
        a, b = self.words.get(first), self.words.get(second)
        if not a or not b or not a[1] or not b[0]:
            return 0.0
        p_b = b[0] / self.total
        seen = max(self.pairs.get(f"{first} {second}", 0) - BIGRAM_DISCOUNT, 0.0) / a[1]
        p = seen + BIGRAM_DISCOUNT * a[2] / a[1] * p_b
        return max(-BIGRAM_CLIP, min(BIGRAM_CLIP, math.log10(p / p_b)))


@cache
def default_bigrams() -> Bigrams | None:
    """The packaged pair counts, or None if the data file is not installed."""
    import gzip

    path = files("sahel_analysis").joinpath(BIGRAM_DATA)
    if not path.is_file():
        return None
    return Bigrams.load(gzip.decompress(path.read_bytes()).decode("utf-8"))
