"""Word plausibility for Arabic, from wordfreq's frequencies, and which word follows which.

The repair has to decide which cut pieces form a word, which scrambled token
is a real word, and in which order a line's runs read. It asks this module,
never a list of special cases: `Lexicon` scores single words (wordfreq, with a
back-off through clitics for words never seen as written) and `Bigrams` scores
word pairs (general Arabic bigram counts shipped as package data).
"""

from __future__ import annotations

import base64
import itertools
import json
import math
import pickle
import re
import zlib
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib.resources import files
from pathlib import Path

from wordfreq import get_frequency_dict, zipf_frequency

from sahel_analysis.text.charmap import BASIC_LETTERS, OUTSIDE_BMP_RE, bmp_translation
from sahel_analysis.text.normalize import Options, normalize_arabic

# Pronoun suffixes that attach to nouns and verbs, longest first.
ENCLITICS = ("هما", "كما", "هم", "هن", "كم", "ها", "نا", "ني", "ه", "ك", "ي")
# Proclitic stacks (conjunctions, prepositions, article), longest first.
PROCLITICS = ("وبال", "وكال", "فبال", "فال", "وال", "بال", "كال", "ولل", "فلل", "لل", "ال", "وب", "ول", "وس", "فس", "و", "ف", "ب", "ل", "س")  # fmt: skip
# What a word found only through its stem loses, in Zipf units.
BACKOFF_PENALTY = 1.0
# How far its stem may lift a word that wordfreq lists as written, in Zipf units.
MEASURED_LIFT = 0.75

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
_BARE_LETTERS = re.compile(f"[{BASIC_LETTERS}]+")


@cache
def _frequencies() -> dict[str, float]:
    """wordfreq's Arabic list as a dict (loaded on first use: loading the lists takes time)."""
    return get_frequency_dict("ar")


@lru_cache(maxsize=500_000)
def wordfreq_zipf(word: str) -> float:
    """Zipf frequency of an Arabic word in wordfreq's data (0 when unknown).

    Repair looks up hundreds of thousands of candidate glues and rotations, so
    bare letters go straight to the frequency list; `zipf_frequency`, which
    tokenizes first, gives the same value for them and is kept for the rest.

    >>> wordfreq_zipf("الساحل") == zipf_frequency("الساحل", "ar")
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

        A word never seen as written falls back on its stem (`stem_zipf`). A
        rare word listed as written keeps wordfreq's figure, lifted by its stem
        by at most MEASURED_LIFT: clitic forms are undercounted, but a form far
        rarer than its stem predicts is a rare combination (`فعدا`, though
        `عدا` is common), not a miscount. Single Arabic letters are noise in
        web frequency lists (list labels, abbreviations); in running text a
        lone letter is almost always a cut piece.

        >>> [Lexicon().zipf(w) for w in ("فعدا", "بتمرد", "تائج")]  # listed 1.56, 2.3; unlisted
        [2.31, 3.0, -1.0]
        """
        return _form_zipf(letters_form(word))

    def is_word(self, word: str, threshold: float = 3.0) -> bool:
        """Whether `word` is frequent enough to be trusted as a word."""
        return self.zipf(word) >= threshold

    def logprob(self, word: str) -> float:
        """log10 probability of the token as a word (zipf - 9), unseen tokens heavily penalised."""
        z = self.zipf(word)
        return z - 9.0 if z > 0 else -12.0


@cache
def frequent_forms(min_zipf: float) -> frozenset[str]:
    """The bare-letter forms wordfreq lists at `min_zipf` or above: for them `Lexicon.zipf` is wordfreq's own.

    Loaded data, like wordfreq's list: deciding that a text's words are
    common words then takes one set lookup each.
    """
    floor = 0.99 * 10 ** (min_zipf - 9)  # below any frequency that rounds up to min_zipf
    return frozenset(
        word
        for word, freq in _frequencies().items()
        if freq >= floor and _BARE_LETTERS.fullmatch(word) and wordfreq_zipf(word) >= min_zipf
    )


@cache
def default_lexicon() -> Lexicon:
    """The shared lexicon (wordfreq's Arabic list, loaded on first use)."""
    return Lexicon()


# Lexicons by `lexicon_key`: token scores are cached per lexicon, and a Lexicon is unhashable.
_LEXICONS: dict[int, Lexicon] = {}


def lexicon_key(lexicon: Lexicon) -> int:
    """A hashable key for a lexicon, so token scores can be cached per lexicon."""
    _LEXICONS.setdefault(id(lexicon), lexicon)
    return id(lexicon)


def lexicon_for_key(key: int) -> Lexicon:
    """The lexicon a `lexicon_key` stands for."""
    return _LEXICONS[key]


@lru_cache(maxsize=500_000)
def letters_form(word: str) -> str:
    """The letters of `word`'s lookup form: no marks, no punctuation, no digits.

    >>> letters_form("«شتَّى،")
    'شتى'
    """
    if OUTSIDE_BMP_RE.search(word):  # the table holds the Basic Multilingual Plane
        return "".join(c for c in lookup_form(word) if c.isalpha())
    return word.translate(_letters_table())


def token_letters_forms(text: str) -> list[str]:
    """`letters_form` of each whitespace-separated token of `text`.

    Detection keys every word of every document: a word seen before is
    remembered, a new one takes one `str.translate` (`_letters_table`).

    >>> token_letters_forms("«شتَّى، 2020 و")
    ['شتى', '', 'و']
    """
    return [letters_form(t) for t in text.split()]


@cache
def _letters_table() -> dict[int, str]:
    """Each BMP character whose `letters_form` is not itself, and that form (loaded data)."""
    return bmp_translation(lambda ch: "".join(c for c in lookup_form(ch) if c.isalpha()))


@lru_cache(maxsize=500_000)
def _form_zipf(form: str) -> float:
    if len(form) <= 1:
        return LONE_WAW_ZIPF if form == "و" else UNSEEN_ZIPF
    z = wordfreq_zipf(form)
    if z >= 3.5:
        return z
    stem = stem_zipf(form)
    if z > 0:  # measured: its stem may lift it only a little (`فعدا` is rare though `عدا` is common)
        return max(z, min(stem, z + MEASURED_LIFT))
    return stem if stem > 0 else UNSEEN_ZIPF


@lru_cache(maxsize=500_000)
def stem_zipf(form: str) -> float:
    """Zipf of a word seen only with other clitics: its best known stem, less a penalty.

    `تمددها` and `وقبولها` are rare as written but their stems are common; a
    cut piece glued back into such a word must still count as a word.

    >>> stem_zipf("وقبولها") > 2.5
    True
    >>> stem_zipf("تائج")
    -1.0
    """
    best = UNSEEN_ZIPF
    # bare letters: a stem missing from the list has Zipf 0, so a set lookup rules it out
    listed = _frequencies() if _BARE_LETTERS.fullmatch(form) else None
    for stem, clitics in clitic_stems(form):
        if listed is not None and stem not in listed:
            continue
        z = wordfreq_zipf(stem)
        if z >= 3.0:
            best = max(best, z - BACKOFF_PENALTY * clitics)
    return best


def clitic_stems(form: str) -> Iterator[tuple[str, int]]:
    """Each stem of 3+ letters left when known clitics are taken off `form`, with how many (1 or 2)."""
    for pre in _clitic_edges(form, _PROCLITIC_SET, _PROCLITIC_LENGTHS, start=True):
        rest = form[len(pre) :]
        for suf in _clitic_edges(rest, _ENCLITIC_SET, _ENCLITIC_LENGTHS, start=False):
            if pre == "" and suf == "":
                continue
            stem = rest[: len(rest) - len(suf)] if suf else rest
            if len(stem) >= 3:
                yield stem, 1 + (pre != "" and suf != "")


def may_be_known(form: str) -> bool:
    """False only if `form` surely has no Zipf above 0, as written or through a stem: set lookups only.

    Repair tries many rotations and glues of which few are words; this rules
    most out without computing a frequency. For a bare-letter form of two or
    more letters, False means `wordfreq_zipf(form)` is 0 and `stem_zipf(form)`
    (so `Lexicon.zipf`) is UNSEEN_ZIPF; anything else answers True.

    >>> may_be_known("الساحل"), may_be_known("لحاسلا")
    (True, False)
    """
    n = len(form)
    if n <= 1 or not _BARE_LETTERS.fullmatch(form):
        return True
    listed = _frequencies()
    if form in listed:
        return True
    if n < 4:  # a stem keeps 3 letters and a clitic at least one
        return False
    # the stems of `clitic_stems`, without building its lists
    heads = [k for k in _PROCLITIC_LENGTHS if k <= n - 3 and form[:k] in _PROCLITIC_SET]
    tails = [k for k in _ENCLITIC_LENGTHS if k <= n - 3 and form[n - k :] in _ENCLITIC_SET]
    for a in (0, *heads):
        for b in (0, *tails):
            if (a or b) and n - a - b >= 3 and form[a : n - b] in listed:
                return True
    return False


_PROCLITIC_SET = frozenset(PROCLITICS)
_ENCLITIC_SET = frozenset(ENCLITICS)
_PROCLITIC_LENGTHS = sorted({len(p) for p in PROCLITICS})
_ENCLITIC_LENGTHS = sorted({len(p) for p in ENCLITICS})


def _clitic_edges(word: str, known: frozenset[str], lengths: list[int], start: bool) -> list[str]:
    """ "" and every known clitic that `word` starts (or ends) with: a set lookup per length."""
    edges = [""]
    for n in lengths:
        if n < len(word):
            edge = word[:n] if start else word[len(word) - n :]
            if edge in known:
                edges.append(edge)
    return edges


# --------------------------------------------------------------------------- word pairs

# Package data: general Arabic word-pair evidence (see `Bigrams`, `build_bigram_data`).
BIGRAM_DATA = "data/arabic_bigrams.json"
# Pairs seen fewer times than this in the source corpus are left out of the data.
BIGRAM_MIN_COUNT = 2
# Absolute discounting: what each seen pair gives up for the followers never seen.
BIGRAM_DISCOUNT = 0.75
# Evidence is clipped to this many log10 units either way: one pair never decides a line alone.
BIGRAM_CLIP = 2.0
# Evidence is stored in steps of 1/BIGRAM_SCALE log10 units, as signed bytes.
BIGRAM_SCALE = 20
# Words and pairs are keyed by a hash of this many bits: an unknown pair passes for a kept
# one once in 2**BIGRAM_HASH_BITS / (number of kept pairs), about 1 in 400.
BIGRAM_HASH_BITS = 30


def _pair_hash(text: str) -> int:
    """A stable hash of a word or a `first second` pair (collisions are rare and harmless)."""
    return zlib.crc32(text.encode("utf-8")) >> (32 - BIGRAM_HASH_BITS)


def _pack(values: Sequence[int], typecode: str) -> str:
    """Pack integers as zlib-compressed byte planes in base64 (sorted hashes go in as deltas)."""
    raw = array(typecode, values).tobytes()
    size = array(typecode).itemsize
    planes = b"".join(raw[k::size] for k in range(size))  # high bytes compress apart from low ones
    return base64.b64encode(zlib.compress(planes, 9)).decode("ascii")


def _unpack(text: str, typecode: str) -> array:
    planes = zlib.decompress(base64.b64decode(text))
    size = array(typecode).itemsize
    n = len(planes) // size
    raw = bytearray(len(planes))
    for k in range(size):
        raw[k::size] = planes[k * n : (k + 1) * n]
    return array(typecode, bytes(raw))


@dataclass(frozen=True)
class Bigrams:
    """How much more (or less) likely a word is after another than on its own, in general Arabic.

    Word plausibility alone cannot tell where a line's runs belong when every
    order uses the same words; which word follows which can (`أكثر التنظيمات
    ميلًا` over `التنظيمات ميلًا`). The evidence for a pair is
    log10 P(second | first) / P(second) from a large Arabic corpus's bigram
    counts with absolute discounting: a pair seen often is evidence for, a
    pair never seen (or too rare to be kept) is evidence against in proportion
    to how few followers the first word takes. Words are looked up by their
    letters (no harakat); unknown words give no evidence.

    The data holds, per word, the evidence of an unseen pair after it, and per
    kept pair its own evidence, both keyed by a BIGRAM_HASH_BITS-bit hash so that the table
    stays small; `build_bigram_data` makes it.
    """

    word_hashes: array  # sorted
    unseen: array  # per word: evidence of an unseen pair after it, in 1/BIGRAM_SCALE units
    pair_hashes: array  # sorted
    pair_evidence: array  # per pair, in 1/BIGRAM_SCALE units

    @classmethod
    def from_json(cls, text: str) -> Bigrams:
        data = json.loads(text)
        if data["scale"] != BIGRAM_SCALE or data["hash_bits"] != BIGRAM_HASH_BITS:
            raise ValueError("bigram data was built with other settings: rebuild it (build_bigram_data)")
        return cls(
            array("I", itertools.accumulate(_unpack(data["words"]["hashes"], "I"))),
            _unpack(data["words"]["unseen"], "b"),
            array("I", itertools.accumulate(_unpack(data["pairs"]["hashes"], "I"))),
            _unpack(data["pairs"]["evidence"], "b"),
        )

    @staticmethod
    def _find(hashes: array, key: int) -> int:
        k = bisect_left(hashes, key)
        return k if k < len(hashes) and hashes[k] == key else -1

    def evidence(self, first: str, second: str) -> float:
        """log10 P(second | first) / P(second), clipped; 0 when either word is unknown.

        >>> bg = Bigrams.from_counts({"في": {"مالي": 8, "الساحل": 3}, "مالي": {"في": 2}})
        >>> bg.evidence("في", "مالي") > 0 > bg.evidence("مالي", "الساحل")
        True
        >>> bg.evidence("في", "مجهول")
        0.0
        """
        a = self._find(self.word_hashes, _pair_hash(first))
        if a < 0 or self._find(self.word_hashes, _pair_hash(second)) < 0:
            return 0.0
        k = self._find(self.pair_hashes, _pair_hash(f"{first} {second}"))
        return (self.pair_evidence[k] if k >= 0 else self.unseen[a]) / BIGRAM_SCALE

    @classmethod
    def from_counts(cls, followers: dict[str, dict[str, int]], min_count: int = 1) -> Bigrams:
        """Build the evidence tables from bigram counts (`followers[first][second]`).

        Pairs seen fewer than `min_count` times are not kept; their share of the
        first word's followers is spread over every follower not kept, in
        proportion to its frequency, so that leaving them out does not make a
        frequent first word look as if it never took a rare follower.
        """
        unigram: Counter = Counter()
        for after in followers.values():
            unigram.update(after)
        total = sum(unigram.values())

        def quantize(value: float) -> int:
            return round(max(-BIGRAM_CLIP, min(BIGRAM_CLIP, value)) * BIGRAM_SCALE)

        words: dict[int, int] = {_pair_hash(w): 0 for w in unigram}
        pairs: dict[int, int] = {}
        for first, after in followers.items():
            count = sum(after.values())
            backoff = BIGRAM_DISCOUNT * len(after) / count  # P(b | first) / P(b) for a pair never seen
            kept = {w: c for w, c in after.items() if c >= min_count}
            pruned = sum(c - BIGRAM_DISCOUNT for w, c in after.items() if w not in kept) / count
            others = max(1.0 - sum(unigram[w] for w in kept) / total, 1e-9)  # frequency share not kept
            words[_pair_hash(first)] = quantize(math.log10(backoff + pruned / others))
            for second, c in kept.items():
                ratio = (c - BIGRAM_DISCOUNT) / count / (unigram[second] / total) + backoff
                pairs[_pair_hash(f"{first} {second}")] = quantize(math.log10(ratio))
        wk, pk = sorted(words), sorted(pairs)
        return cls(
            array("I", wk),
            array("b", [words[h] for h in wk]),
            array("I", pk),
            array("b", [pairs[h] for h in pk]),
        )

    def to_json(self, about: dict[str, object]) -> str:
        """The package data file: `about` (provenance) and the packed tables."""

        def deltas(hashes: array) -> list[int]:
            return [hashes[0], *(b - a for a, b in itertools.pairwise(hashes))] if hashes else []

        return json.dumps(
            {
                **about,
                "scale": BIGRAM_SCALE,
                "hash_bits": BIGRAM_HASH_BITS,
                "words": {"hashes": _pack(deltas(self.word_hashes), "I"), "unseen": _pack(self.unseen, "b")},
                "pairs": {
                    "hashes": _pack(deltas(self.pair_hashes), "I"),
                    "evidence": _pack(self.pair_evidence, "b"),
                },
            },
            ensure_ascii=False,
            indent=1,
        )


def build_bigram_data(source: str, out: str, min_count: int = BIGRAM_MIN_COUNT) -> None:
    """Rebuild data/arabic_bigrams.json from ar-corrector's bigram counts.

    The source is `ar_corrector/resources/ngram_plus1.pickle` from the
    ar-corrector 1.1.6 wheel on PyPI (MIT licence, © 2021 Bassel Kassem): a
    dict from one-word tuples to Counters of the next word, counted over an
    Arabic news corpus of about 33 million words. Only pairs of plain Arabic
    words are kept, and only pairs seen at least `min_count` times. (The
    pickle is unpickled: use only the file from that wheel.)
    """
    with open(source, "rb") as fh:
        counts = pickle.load(fh)  # a published data file, see the docstring
    plain = re.compile(f"[{BASIC_LETTERS}]+")
    followers = {}
    for key, after in counts.items():
        if len(key) == 1 and plain.fullmatch(key[0]):
            kept = {w: c for w, c in after.items() if plain.fullmatch(w)}
            if kept:
                followers[key[0]] = kept
    about = {
        "about": "General Arabic word-pair evidence for sahel_analysis.text.lexicon.Bigrams.",
        "source": "ar-corrector 1.1.6 (PyPI), ar_corrector/resources/ngram_plus1.pickle",
        "licence": "MIT, Copyright (c) 2021 Bassel Kassem",
        "built_by": "sahel_analysis.text.lexicon.build_bigram_data",
        "min_count": min_count,
        "discount": BIGRAM_DISCOUNT,
        "hash": f"top {BIGRAM_HASH_BITS} bits of the crc32 of the UTF-8 word, or of 'first second'",
    }
    Path(out).write_text(Bigrams.from_counts(followers, min_count).to_json(about), encoding="utf-8")


@cache
def default_bigrams() -> Bigrams | None:
    """The packaged word-pair evidence, or None if the data file is not installed."""
    path = files("sahel_analysis").joinpath(BIGRAM_DATA)
    if not path.is_file():
        return None
    return Bigrams.from_json(path.read_text(encoding="utf-8"))
