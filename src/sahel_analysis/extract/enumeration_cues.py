"""The words and spans enumerations are found by: count words, ordinals, cue phrases, clitics and tokens.

The vocabulary is data (`data/count_words.yaml`), read once; the helpers here
read one word or one run of tokens and hold for any Arabic text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from sahel_analysis.package_data import load_yaml
from sahel_analysis.text.lexicon import lookup_form, wordfreq_zipf
from sahel_analysis.text.normalize import normalize_arabic
from sahel_analysis.text.sentences import Span

PUNCT = "«»“”\"'()[]{}،؛:.!؟?,;…"
ITEM_TRIM = " \n\t،؛:.!؟?,;"
TOKEN_RE = re.compile(r"\S+")
# Articles and clitics a count word may carry («الثلاثة», «بالثلاثة»); kept short so «لست» is not six.
COUNT_PREFIXES = ("", "ال", "بال", "وال", "و")
ORDINAL_PREFIXES = ("", "و", "ف")


# --------------------------------------------------------------------------- vocabulary


@dataclass(frozen=True)
class Cue:
    """A phrase that opens a list inside a sentence (`data/count_words.yaml`)."""

    phrase: str
    words: tuple[str, ...]
    mode: str  # clauses or phrase
    after_comma: bool


@dataclass(frozen=True)
class Vocabulary:
    """The folded word lists the detector matches against."""

    cardinals: tuple[tuple[str, int], ...]
    dual_pronouns: frozenset[str]
    count_pronouns: frozenset[str]
    ordinals: tuple[tuple[str, int], ...]
    announcement_words: frozenset[str]
    cues: tuple[Cue, ...]
    continuation_prefixes: tuple[str, ...]
    non_item_prefixes: tuple[str, ...]
    additive_openers: frozenset[str]


def fold(word: str) -> str:
    """Fold a word for matching: punctuation stripped, hamza, ta marbuta and harakat folded.

    >>> fold("«الثلاثة»")
    'الثلاثه'
    >>> fold("أولاً،")
    'اولا'
    """
    return normalize_arabic(word.strip(PUNCT))


@cache
def vocabulary() -> Vocabulary:
    """The detector's vocabulary, read once from `data/count_words.yaml`."""
    raw = load_yaml("count_words.yaml")
    return Vocabulary(
        cardinals=tuple((fold(k), int(v)) for k, v in raw["cardinals"].items()),
        dual_pronouns=frozenset(fold(w) for w in raw["dual_pronouns"]),
        count_pronouns=frozenset(fold(w) for w in raw["count_pronouns"]),
        ordinals=tuple((fold(k), int(v)) for k, v in raw["ordinals"].items()),
        announcement_words=frozenset(fold(w) for w in raw["announcement_words"]),
        cues=tuple(
            Cue(c["phrase"], tuple(fold(w) for w in c["phrase"].split()), c["mode"], bool(c["after_comma"]))
            for c in raw["cue_phrases"]
        ),
        continuation_prefixes=tuple(raw["continuation_prefixes"]),
        non_item_prefixes=tuple(raw["non_item_prefixes"]),
        additive_openers=frozenset(fold(w) for w in raw["additive_openers"]),
    )


def _lookup(word: str, table: tuple[tuple[str, int], ...], prefixes: tuple[str, ...]) -> int | None:
    key = fold(word)
    values = dict(table)
    for prefix in prefixes:
        if key.startswith(prefix) and key[len(prefix) :] in values:
            return values[key[len(prefix) :]]
    return None


def count_value(word: str) -> int | None:
    """The number a count word announces, with or without its article, else None.

    >>> count_value("الثلاثة"), count_value("ستة"), count_value("لست"), count_value("مفاهيم")
    (3, 6, None, None)
    """
    return _lookup(word, vocabulary().cardinals, COUNT_PREFIXES)


def ordinal_value(word: str) -> int | None:
    """The rank an ordinal cue gives its item, else None.

    >>> ordinal_value("ثانياً"), ordinal_value("وثالثا"), ordinal_value("ثاني"), ordinal_value("ثم")
    (2, 3, 2, None)
    """
    return _lookup(word, vocabulary().ordinals, ORDINAL_PREFIXES)


def has_proclitic(word: str, letters: Iterable[str]) -> bool:
    """Whether `word` starts with one of the one-letter proclitics `letters` rather than a root letter.

    A word is read as clitic + word when the rest is at least as common an Arabic
    word as the whole (wordfreq): «وتشاد» is و + تشاد, «وزارة» is one word.

    >>> has_proclitic("وتشاد", "و"), has_proclitic("وزارة", "و"), has_proclitic("لمواجهة", "ول")
    (True, False, True)
    """
    key = lookup_form(word.strip(PUNCT))
    if len(key) < 3 or key[0] not in set(letters):
        return False
    return wordfreq_zipf(key[1:]) >= wordfreq_zipf(key)


# --------------------------------------------------------------------------- tokens and spans


@dataclass(frozen=True)
class Token:
    """A run of non-blank characters and its offsets in the document."""

    start: int
    end: int
    text: str


def tokens_in(text: str, start: int, end: int) -> list[Token]:
    """The tokens of text[start:end], with offsets into the whole text."""
    return [Token(start + m.start(), start + m.end(), m.group()) for m in TOKEN_RE.finditer(text[start:end])]


def trim_span(text: str, start: int, end: int, strip_label: re.Pattern | None = None) -> tuple[int, int]:
    """Shrink [start, end) past a label, surrounding blanks and trailing punctuation."""
    if strip_label is not None:
        m = strip_label.match(text[start:end])
        if m:
            start += m.end()
    while start < end and text[start] in ITEM_TRIM:
        start += 1
    while end > start and text[end - 1] in ITEM_TRIM:
        end -= 1
    return start, end


def clause_start(tokens: list[Token], index: int) -> int:
    """Index of the first token of the clause that holds tokens[index] (after the last comma)."""
    i = index
    while i > 0 and not tokens[i - 1].text.endswith(("،", "؛", ":")):
        i -= 1
    return i


def count_in(tokens: Sequence[Token]) -> tuple[int | None, str]:
    """The last count word among `tokens`, as (value, word)."""
    for tok in reversed(tokens):
        value = count_value(tok.text)
        if value is not None:
            return value, tok.text.strip(PUNCT)
    return None, ""


def is_conjunct(tok: Token) -> bool:
    """Whether a token opens with the conjunction «و» (and not a root wāw)."""
    return has_proclitic(tok.text, "و")


def starts_item(sentence: Span) -> bool:
    """Whether a sentence can open a fresh item: no و/ف/ل proclitic on its first word, or «كما …»."""
    first = sentence.text.split()[0] if sentence.text.split() else ""
    voc = vocabulary()
    if fold(first) in voc.additive_openers:
        return True
    return not has_proclitic(first, "".join(voc.non_item_prefixes))


def continues_item(sentence: Span) -> bool:
    """Whether a sentence carries on the item before it (a و/ف proclitic on its first word, not «كما …»)."""
    first = sentence.text.split()[0] if sentence.text.split() else ""
    voc = vocabulary()
    return fold(first) not in voc.additive_openers and has_proclitic(
        first, "".join(voc.continuation_prefixes)
    )


def match_cue(tokens: list[Token], i: int, cue: Cue) -> bool:
    """Whether the cue phrase starts at tokens[i], within one clause (and after a comma when it must)."""
    if i + len(cue.words) > len(tokens):
        return False
    for k, word in enumerate(cue.words):
        key = fold(tokens[i + k].text)
        if k == 0 and key != word and key[:1] in "وف" and key[1:] == word:
            key = key[1:]
        if key != word:
            return False
        if k < len(cue.words) - 1 and tokens[i + k].text.endswith(("،", ".")):
            return False
    return not cue.after_comma or (i > 0 and tokens[i - 1].text.endswith("،"))
