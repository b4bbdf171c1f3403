"""Actor mentions: where the gazetteer's forms occur in a text, mapped back to its exact characters.

`find_mentions` looks for the forms of `extract.gazetteer` in a text regardless of
harakat, alef forms, alef maqsura and ta marbuta, reads the proclitics و ف ب ل ك
(and لل for the article) in front of a form, keeps the longest match where forms
overlap, and maps every hit back to the exact characters of the original, so
that `text[start:end] == surface` always holds. Titles (الرئيس الفرنسي) count as
the person they stand for only when that person's name follows them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import ahocorasick

from sahel_analysis.extract.gazetteer import Actor, Alias, Gazetteer, load_gazetteer
from sahel_analysis.text.normalize import PROCLITIC_STACKS, normalize_arabic

# Proclitics read in front of a form: conjunctions and prepositions only. The
# article belongs to the form itself, so مالي never matches inside المالي.
PREFIXES = frozenset({"", *(p for p in PROCLITIC_STACKS if "ال" not in p and not p.endswith("لل"))})
# ل + ال is written لل: a form starting with ال is then found from its second
# letter, after ل, ول or فل (للقاعدة, وللقوات).
LAM_PREFIXES = frozenset(p[:-1] for p in PROCLITIC_STACKS if p.endswith("لل"))
MAX_PREFIX = max(len(p) for p in PREFIXES | LAM_PREFIXES)
# Between a title and the name it introduces: spaces and at most one word (آنذاك, المالي).
TITLE_GAP_RE = re.compile(r"\s+(?:\w+\s+)?")
SENTENCE_BREAK_RE = re.compile(r"[.!?\u061f\n]")


# ----------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Mention:
    """One mention of an actor in a document's repaired text: `text[start:end] == surface`."""

    doc_id: str
    actor_id: str
    start: int
    end: int
    surface: str
    paragraph: int
    sentence: int
    alias: str = ""  # the gazetteer form that matched (the name, when a title precedes it)
    prefix: str = ""  # proclitics written before the surface (و, ب, ل …)
    kind: str = "name"  # name, title, latin
    title: str = ""  # the title form folded into this mention, if any


# ----------------------------------------------------------------------------- folding with offsets


@cache
def _fold_table() -> list[str]:
    """`normalize_arabic` as a list indexed by code point: `str.translate` runs twice as fast on it."""
    return [normalize_arabic(chr(c)) for c in range(0x10000)]


@cache
def _reshaping_chars_re() -> re.Pattern:
    """Characters whose folded form is not exactly one character (dropped marks, ligatures)."""
    table = _fold_table()
    chars = "".join(chr(c) for c, v in enumerate(table) if len(v) != 1 and not 0xD800 <= c < 0xE000)
    return re.compile(f"[{re.escape(chars)}]")


@dataclass(frozen=True)
class FoldedText:
    """A text folded for matching, with a piecewise map from folded offsets back to the original.

    Same folding and same span semantics as `normalize.normalize_with_offsets`,
    but the map stores one breakpoint per dropped or expanded character instead
    of one offset per character, which keeps matching above 10 MB/s.
    """

    original: str
    text: str
    breaks: tuple[int, ...]  # folded offset where a segment starts
    bases: tuple[int, ...]  # original offset of that folded offset
    fixed: tuple[bool, ...]  # segment maps every folded char to one original char (a ligature)

    def offset(self, i: int) -> int:
        """Original offset of folded offset `i` (`len(text)` maps to `len(original)`)."""
        k = bisect_right(self.breaks, i) - 1
        return self.bases[k] if self.fixed[k] else self.bases[k] + (i - self.breaks[k])

    def offsets(self, positions: Iterable[int]) -> list[int]:
        """Original offsets of ascending folded `positions`, in one walk over the breakpoints."""
        breaks, bases, fixed = self.breaks, self.bases, self.fixed
        last = len(breaks) - 1
        out = []
        k = 0
        for p in positions:
            while k < last and breaks[k + 1] <= p:
                k += 1
            out.append(bases[k] if fixed[k] else bases[k] + p - breaks[k])
        return out

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the folded text to the original, trailing marks included.

        >>> f = fold_with_offsets("إلى التدخُّل")
        >>> i = f.text.index("التدخل"); f.original[slice(*f.span(i, i + 6))]
        'التدخُّل'
        """
        if start >= end:
            return self.offset(start), self.offset(start)
        return self.offset(start), max(self.offset(end - 1) + 1, self.offset(end))


def fold(text: str) -> str:
    """Fold `text` exactly as `normalize_arabic` does with the default options.

    >>> fold("أنصار الدِّين")
    'انصار الدين'
    """
    return text.translate(_fold_table())


def fold_with_offsets(text: str) -> FoldedText:
    """Fold `text` and keep the map back to its offsets.

    >>> f = fold_with_offsets("نصرة الإسلام")
    >>> f.text, f.span(5, 12)
    ('نصره الاسلام', (5, 12))
    """
    table = _fold_table()
    breaks, bases, fixed = [0], [0], [False]
    delta = 0  # original offset minus folded offset, in the current segment
    for m in _reshaping_chars_re().finditer(text):
        i = m.start()
        width = len(table[ord(text[i])])
        at = i - delta
        if width == 0:
            delta += 1
            breaks.append(at)
            bases.append(at + delta)
            fixed.append(False)
        else:
            breaks += [at, at + width]
            bases += [i, i + 1]
            fixed += [True, False]
            delta = i + 1 - (at + width)
    return FoldedText(text, text.translate(table), tuple(breaks), tuple(bases), tuple(fixed))


# ----------------------------------------------------------------------------- matching


@dataclass(frozen=True)
class _Entry:
    alias: Alias
    length: int  # folded length of the whole form: longest match wins
    lam: bool  # found from its second letter after ل (للقاعدة)
    order: int  # gazetteer order, to break ties deterministically


class _Matcher:
    """An Aho-Corasick automaton over every folded form of a gazetteer."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        keys: dict[str, list[_Entry]] = defaultdict(list)
        for order, alias in enumerate(gazetteer.all_forms()):
            if alias.kind == "latin":
                keys[alias.form].append(_Entry(alias, len(alias.form), False, order))
                continue
            key = fold(alias.form)
            keys[key].append(_Entry(alias, len(key), False, order))
            if key.startswith("ال") and len(key) > 3:
                keys[key[1:]].append(_Entry(alias, len(key), True, order))
        self.automaton = ahocorasick.Automaton()
        for key, entries in keys.items():
            options = tuple((self._prefixes(e), frozenset(e.alias.docs), e) for e in entries)
            self.automaton.add_word(key, (len(key), key[-1].isalnum(), options))
        self.automaton.make_automaton()
        self.person = {a.id for a in gazetteer.actors if a.actor_type == "person"}

    @staticmethod
    def _prefixes(entry: _Entry) -> frozenset[str]:
        """The proclitics that may stand before this entry's form."""
        if entry.alias.kind == "latin":
            return frozenset({""})
        return LAM_PREFIXES if entry.lam else PREFIXES

    def hits(self, folded: str, doc_id: str) -> list[tuple[int, int, int, int, int, Alias]]:
        """Every form found at a word boundary, in folded offsets.

        Each hit is (start, -length, gazetteer order, prefix start, end, alias): sorting
        the tuples orders hits by start, longest form first.
        """
        out = []
        n = len(folded)
        isalnum = str.isalnum
        for last, (size, closes_word, options) in self.automaton.iter(folded):
            end = last + 1
            if closes_word and end < n and isalnum(folded[end]):
                continue
            start = word = end - size
            while word > 0 and isalnum(folded[word - 1]) and start - word <= MAX_PREFIX:
                word -= 1
            prefix = folded[word:start] if word != start else ""
            for allowed, docs, entry in options:
                if prefix in allowed and (not docs or doc_id in docs):
                    out.append((start, -entry.length, entry.order, word, end, entry.alias))
        return out

    def resolve(self, folded: str, doc_id: str) -> list[tuple[int, int, int, Alias, str]]:
        """Longest non-overlapping hits, titles bound to their person: (prefix start, start, end, alias, title).

        Overlapping hits form clusters; inside a cluster the longest form wins,
        then the next longest that overlaps nothing chosen, and so on.
        """
        hits = self.hits(folded, doc_id)
        hits.sort()  # the automaton reports hits by end offset, so this list is nearly sorted already
        kept = []
        i, n = 0, len(hits)
        while i < n:
            j, reach = i + 1, hits[i][4]
            while j < n and hits[j][0] < reach:
                reach = max(reach, hits[j][4])
                j += 1
            if j == i + 1:
                kept.append(hits[i])
            else:
                chosen: list = []
                for h in sorted(hits[i:j], key=lambda h: (h[1], h[0], h[2])):
                    if all(h[4] <= c[0] or h[0] >= c[4] for c in chosen):
                        chosen.append(h)
                kept += sorted(chosen)
            i = j
        return self._bind_titles(folded, [(h[3], h[0], h[4], h[5]) for h in kept])

    def _bind_titles(self, folded: str, kept: list) -> list[tuple[int, int, int, Alias, str]]:
        out: list[tuple[int, int, int, Alias, str]] = []
        skip = -1
        for i, (word, start, end, alias) in enumerate(kept):
            if i == skip or alias.kind == "blocked":
                continue
            if alias.kind != "title":
                if alias.kind == "latin" and _is_apposition(folded, start, end, out, alias.actor_id):
                    continue
                out.append((word, start, end, alias, ""))
                continue
            nxt = kept[i + 1] if i + 1 < len(kept) else None
            if (
                nxt is not None
                and nxt[3].kind == "name"
                and nxt[3].actor_id in self.person
                and alias.actor_id in (None, nxt[3].actor_id)
                and TITLE_GAP_RE.fullmatch(folded, end, nxt[0])
            ):
                out.append((word, start, nxt[2], nxt[3], alias.form))
                skip = i + 1
                continue
            if alias.actor_id is None:
                continue
            if alias.docs or self._named_later(folded, kept, i + 1, end, alias.actor_id):
                out.append((word, start, end, alias, ""))
        return out

    @staticmethod
    def _named_later(folded: str, kept: list, k: int, end: int, actor_id: str) -> bool:
        """Whether the person's name follows before the sentence ends."""
        while k < len(kept) and not SENTENCE_BREAK_RE.search(folded, end, kept[k][1]):
            if kept[k][3].actor_id == actor_id and kept[k][3].kind == "name":
                return True
            k += 1
        return False


@lru_cache(maxsize=16)
def _matcher_of(gazetteer: Gazetteer) -> _Matcher:
    """The matcher over a gazetteer's forms, built on first use (gazetteers hash by identity)."""
    return _Matcher(gazetteer)


def _is_apposition(folded: str, start: int, end: int, previous: list, actor_id: str | None) -> bool:
    """A Latin acronym in brackets right after the actor's Arabic name repeats it: (MINUSMA)."""
    if not previous or previous[-1][3].actor_id != actor_id:
        return False
    if start == 0 or folded[start - 1] != "(" or folded[end : end + 1] != ")":
        return False
    return folded[previous[-1][2] : start - 1].strip() == ""


def find_mentions(
    text: str,
    doc_id: str = "",
    *,
    gazetteer: Gazetteer | None = None,
    paragraph_starts: Sequence[int] = (0,),
    sentence_starts: Sequence[int] = (0,),
) -> list[Mention]:
    """Find every mention of a gazetteer actor in `text`, in text order.

    Args:
        text: the text to search (a document's repaired text).
        doc_id: the document, for forms bound to one document (الحكومة meaning one government).
        gazetteer: defaults to the project gazetteer.
        paragraph_starts, sentence_starts: sorted start offsets, to number each mention's
            paragraph and sentence (0-based).

    Returns:
        Mentions with `text[m.start:m.end] == m.surface`; proclitics stay outside the surface.

    >>> [(m.actor_id, m.surface, m.prefix) for m in find_mentions("طالبت الجماعة بانسحاب فرنسا وداعش الصحراء")]
    [('france', 'فرنسا', ''), ('isgs', 'داعش الصحراء', 'و')]
    >>> [(m.actor_id, m.surface) for m in find_mentions("موقف الرئيس الفرنسي إيمانويل ماكرون")]
    [('emmanuel_macron', 'الرئيس الفرنسي إيمانويل ماكرون')]
    """
    gaz = gazetteer or load_gazetteer()
    folded = fold_with_offsets(text)
    found = _matcher_of(gaz).resolve(folded.text, doc_id)
    # hits do not overlap, so (word, start, end - 1, end) rises through the text: map in one walk
    where = iter(folded.offsets(p for h in found for p in (h[0], h[1], h[2] - 1, h[2])))
    paragraphs, sentences = _Counter(paragraph_starts), _Counter(sentence_starts)
    out = []
    for _word, _start, _end, alias, title in found:
        p, a, last, after = next(where), next(where), next(where), next(where)
        b = max(last + 1, after)
        out.append(
            Mention(
                doc_id=doc_id,
                actor_id=alias.actor_id or "",
                start=a,
                end=b,
                surface=text[a:b],
                paragraph=paragraphs.index_of(a),
                sentence=sentences.index_of(a),
                alias=alias.form,
                prefix=text[p:a],
                kind=alias.kind,
                title=title,
            )
        )
    return out


class _Counter:
    """Index of the block (paragraph, sentence) holding each of a rising series of offsets."""

    def __init__(self, starts: Sequence[int]) -> None:
        self.starts, self.k = starts, 0

    def index_of(self, offset: int) -> int:
        starts, k = self.starts, self.k
        while k + 1 < len(starts) and starts[k + 1] <= offset:
            k += 1
        self.k = k
        return k


def form_occurs(form: str, text: str) -> bool:
    """Whether `form` occurs in `text` as a whole word (clitics and foldings allowed), overlaps aside.

    >>> form_occurs("القاعدة", "المبايعة للقاعدة في المنطقة")
    True
    >>> form_occurs("مالي", "الرئيس المالي")
    False
    """
    gaz = Gazetteer((Actor("x", "x", form, "other", aliases=(Alias(form, "x"),)),))
    return bool(_Matcher(gaz).hits(fold(text), ""))


# ----------------------------------------------------------------------------- the corpus


@cache  # one entry per document: every dataset of an export asks for them again
def _document_mentions(doc_id: str, text: str, paragraphs: tuple[int, ...], sentences: tuple[int, ...]):
    return tuple(find_mentions(text, doc_id, paragraph_starts=paragraphs, sentence_starts=sentences))


def extract_mentions(rd) -> list[Mention]:
    """Every actor mention in one repaired document (cached by its text).

    Paragraph and sentence numbers index `rd.paragraphs` and `rd.sentences()`.
    """
    return list(
        _document_mentions(
            rd.id, rd.text, tuple(p.start for p in rd.paragraphs), tuple(s.start for s in rd.sentences())
        )
    )


def corpus_mentions(corpus: Iterable) -> list[Mention]:
    """Every mention in every document, document by document."""
    return [m for rd in corpus for m in extract_mentions(rd)]
