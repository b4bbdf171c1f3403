"""Name patterns: where a person's or an organisation's whole name starts and ends in a folded text.

Three patterns read the tokens of a folded text (`extract.actors.fold`): a
person title and the personal name after it (الرئيس محمد بازوم), an
organisation head and its name through to its end (جماعة نصرة الإسلام
والمسلمين, حركة التوحيد والجهاد في غرب أفريقيا, تنظيم «داعش»), and a name
followed by a comma and its role (سومايلا سيسي، زعيم المعارضة). The words they
read (titles, heads, stop words, verbs) are data: `data/discovery.yaml`.
Spans outside any name (a gazetteer actor, a place) are passed in as `taken`,
so a title followed by a known state (رئيس مالي) proposes nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

from sahel_analysis.extract.actors import fold
from sahel_analysis.extract.place_gazetteer import is_common_word
from sahel_analysis.package_data import load_yaml
from sahel_analysis.text.normalize import PROCLITIC_STACKS

DISCOVERY_FILE = "discovery.yaml"
WORD_RE = re.compile(r"\w+")
OPEN_QUOTES, CLOSE_QUOTES = '«“"', '»”"'
COMMA_RE = re.compile(r"\s*[،,]\s*")
MAX_PERSON_WORDS = 4
MAX_ORGANISATION_WORDS = 9
# A word this frequent in Arabic (wordfreq Zipf) is a common word, not a rare proper noun.
PROPER_NOUN_MAX_ZIPF = 3.2
# Geography words that carry an organisation's name on after «في» (في بلاد المغرب, في غرب أفريقيا).
REGION_WORDS = ("بلاد", "غرب", "شمال", "جنوب", "شرق", "وسط", "منطقة", "الصحراء", "الساحل", "المغرب")


@dataclass(frozen=True)
class DiscoveryWords:
    """The folded word lists of `data/discovery.yaml`."""

    titles: tuple[tuple[str, ...], ...]  # person titles as token tuples, longest first
    title_modifiers: frozenset[str]
    heads: frozenset[str]
    generic: frozenset[str]
    name_adjectives: frozenset[str]
    roles: frozenset[str]
    verbs: frozenset[str]
    stopwords: frozenset[str]
    breakers: frozenset[str]
    links: frozenset[str]
    patronymics: frozenset[str]
    confidence: dict[str, float]


def _folded_set(words) -> frozenset[str]:
    items = words.split() if isinstance(words, str) else words
    return frozenset(fold(w) for w in items)


@cache
def discovery_words() -> DiscoveryWords:
    """The discovery word lists, folded, read once."""
    data = load_yaml(DISCOVERY_FILE)
    titles = sorted({tuple(fold(t).split()) for t in data["person_titles"]}, key=lambda t: (-len(t), t))
    return DiscoveryWords(
        titles=tuple(titles),
        title_modifiers=_folded_set(data["title_modifiers"]),
        heads=_folded_set(data["organisation_heads"]),
        generic=_folded_set(data["generic_after_head"]),
        name_adjectives=_folded_set(data["name_adjectives"]),
        roles=_folded_set(data["roles"]),
        verbs=_folded_set(data["verbs"]),
        stopwords=_folded_set(data["stopwords"]),
        breakers=_folded_set(data["name_breakers"]),
        links=_folded_set(data["name_links"]),
        patronymics=_folded_set(data["patronymics"]),
        confidence={str(k): float(v) for k, v in data["confidence"].items()},
    )


@dataclass(frozen=True)
class NameSpan:
    """A name found by a pattern, in folded offsets: `start:end` is the name, `cue` what introduced it."""

    start: int
    end: int
    pattern: str  # title, cue, quoted, apposition (a role or a patronymic marks the name)
    cue_start: int  # where the title, head or role that introduced it stands
    cue_end: int
    confidence_key: str = ""  # the key of `confidence` that ranks it


def stems(token: str) -> list[str]:
    """A folded token and its readings without proclitics, longest first (بالرئيس → الرئيس, رئيس)."""
    out = [token]
    for p in PROCLITIC_STACKS:
        if token.startswith(p) and len(token) - len(p) >= 2:
            out.append(token[len(p) :])
    return sorted(dict.fromkeys(out), key=len, reverse=True)


@cache
def is_rare(word: str) -> bool:
    """Whether a folded word is rare in Arabic (a foreign or proper name: بنسودا, ماسينا), however folding spelt it."""
    return not is_common_word(word, PROPER_NOUN_MAX_ZIPF)


class SpanIndex:
    """Spans sorted by start with the furthest end so far, so overlap and containment are found by bisection."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [a for a, _ in ordered]
        self.reach = list(accumulate((b for _, b in ordered), max))

    def furthest_end(self, start: int, end: int) -> int | None:
        """The furthest end of a span overlapping [start, end), or None when none does."""
        i = bisect_left(self.starts, end)
        return self.reach[i - 1] if i and self.reach[i - 1] > start else None

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a span overlaps [start, end)."""
        return self.furthest_end(start, end) is not None

    def holds(self, start: int, end: int) -> bool:
        """Whether one span holds [start, end) whole."""
        i = bisect_right(self.starts, start)
        return bool(i) and self.reach[i - 1] >= end


class TokenText:
    """A folded text split into word tokens, with what lies between them and the spans already taken."""

    def __init__(self, ft: str, taken: Sequence[tuple[int, int]] = ()) -> None:
        self.ft = ft
        self.spans = [(m.start(), m.end()) for m in WORD_RE.finditer(ft)]
        self.words = [ft[s:e] for s, e in self.spans]
        self.taken = SpanIndex(taken)

    def __len__(self) -> int:
        return len(self.spans)

    def gap(self, k: int) -> str:
        """The characters between token k-1 and token k (the text before the first)."""
        before = self.spans[k - 1][1] if k > 0 else 0
        return self.ft[before : self.spans[k][0]]

    def joined(self, k: int) -> bool:
        """Whether token k follows token k-1 across spaces only."""
        return k > 0 and not self.gap(k).strip()

    def is_taken(self, k: int) -> bool:
        """Whether token k lies in a span passed as taken (a known actor or place)."""
        return self.taken.overlaps(*self.spans[k])

    def taken_end(self, k: int) -> int:
        """The index after the last token of the taken span holding token k (k itself if none)."""
        end = self.taken.furthest_end(*self.spans[k])
        if end is None:
            return k
        return bisect_left(self.spans, (end, end), lo=k)


def _ends_name(w: DiscoveryWords, word: str) -> bool:
    return word in w.stopwords or word in w.verbs or word in w.breakers or word.isdigit()


def _definite(word: str) -> bool:
    return word.startswith("ال") and len(word) > 3


def _nisba(word: str) -> bool:
    """A definite adjective of origin (الفرنسي, المالية): it qualifies a title, it names nobody."""
    return _definite(word) and (word.endswith("ي") or word.endswith("يه"))


# ----------------------------------------------------------------------------- title + name


def match_title(tt: TokenText, i: int, w: DiscoveryWords) -> tuple[str, int] | None:
    """The longest person title starting at token i (proclitics allowed), and the index after it."""
    first_stems = stems(tt.words[i])
    for title in w.titles:
        if title[0] not in first_stems:
            continue
        rest = tt.words[i + 1 : i + len(title)]
        if tuple(rest) == title[1:] and all(tt.joined(k) for k in range(i + 1, i + len(title))):
            return " ".join(title), i + len(title)
    return None


def personal_name(tt: TokenText, k: int, w: DiscoveryWords) -> list[int]:
    """The tokens of a personal name starting at token k: 2 to 4 words joined by spaces, or nothing."""
    name: list[int] = []
    while k < len(tt) and len(name) < MAX_PERSON_WORDS:
        word = tt.words[k]
        if (name and not tt.joined(k)) or _ends_name(w, word) or tt.is_taken(k):
            break
        if word in w.title_modifiers or word in w.generic or word in w.heads or word in w.roles:
            break
        if _definite(word) and not (name and (tt.words[name[-1]] in w.links or is_rare(word[2:]))):
            break
        if name and match_title(tt, k, w) is not None:
            break
        name.append(k)
        k += 1
    if (
        len(name) == MAX_PERSON_WORDS
        and k < len(tt)
        and tt.joined(k)
        and not _ends_name(w, tt.words[k])
        and match_title(tt, k, w) is None
    ):
        return []  # runs on past four words: not a name whose end we know
    return name if len(name) >= 2 else []


def title_names(tt: TokenText, w: DiscoveryWords) -> list[NameSpan]:
    """Person title, optional qualifiers, then a personal name: الرئيس المالي الانتقالي عاصيمي غويتا."""
    out = []
    for i in range(len(tt)):
        found = match_title(tt, i, w)
        if found is None:
            continue
        title, k = found
        construct = not _definite(title.split()[-1])
        if construct and k < len(tt) and tt.joined(k):
            if tt.is_taken(k):  # رئيس مالي, زعيم جماعة نصرة الإسلام: the genitive is a known actor
                k = tt.taken_end(k)
            elif _definite(tt.words[k]) and tt.words[k] not in w.title_modifiers:
                k += 1  # وزير الخارجية, زعيم المعارضة
        while k < len(tt) and tt.joined(k) and (tt.words[k] in w.title_modifiers or _nisba(tt.words[k])):
            k += 1
        if k >= len(tt) or not tt.joined(k):
            continue
        name = personal_name(tt, k, w)
        if name:
            cue = (tt.spans[i][1] - len(title.split()[0]), tt.spans[found[1] - 1][1])
            out.append(NameSpan(tt.spans[name[0]][0], tt.spans[name[-1]][1], "title", *cue, "title"))
    return out


# ----------------------------------------------------------------------------- name, role


def _name_before(tt: TokenText, k: int, w: DiscoveryWords) -> list[int]:
    """The tokens of a personal name ending at token k-1, read backwards to where it starts."""
    name: list[int] = []
    j = k - 1
    while j >= 0 and len(name) <= MAX_PERSON_WORDS:
        word = tt.words[j]
        if _ends_name(w, word) or tt.is_taken(j) or word in w.title_modifiers or word in w.generic:
            break
        if word in w.roles or word in w.heads or match_title(tt, j, w) is not None:
            break
        leftmost = not tt.joined(j) or j == 0 or _ends_name(w, tt.words[j - 1])
        linked = j > 0 and tt.words[j - 1] in w.links
        if _definite(word) and not (leftmost or linked or is_rare(word[2:])):
            break
        name.insert(0, j)
        if not tt.joined(j):
            break
        j -= 1
    return name if 2 <= len(name) <= MAX_PERSON_WORDS else []


def _without_conjunction(tt: TokenText, name: list[int]) -> int:
    """Where a name starts in folded offsets: after a conjunction و or ف written on its first word."""
    start = tt.spans[name[0]][0]
    first = tt.words[name[0]]
    return start + 1 if first[0] in "وف" and len(first) > 3 and not is_rare(first[1:]) else start


def appositions(tt: TokenText, w: DiscoveryWords) -> list[NameSpan]:
    """A personal name then its role: «سومايلا سيسي، زعيم المعارضة», «محمد كوفا (أمير …)», «أعلن عاصمي غوتا رئيس …».

    With nothing between name and role, a verb must stand before the name. One
    of its words must be rare in Arabic (a foreign name), unless a bracket
    follows a name that opens a list item (… ) وجمال عكاشة (أمير …).
    """
    out = []
    for k in range(1, len(tt)):
        if tt.words[k] not in w.roles:
            continue
        gap = tt.gap(k).strip()
        if gap not in ("", "،", ",", "("):
            continue
        name = _name_before(tt, k, w)
        if not name:
            continue
        if not gap and not (name[0] > 0 and tt.words[name[0] - 1] in w.verbs):
            continue
        conjoined = tt.words[name[0]][0] in "وف" and name[0] > 0 and not tt.joined(name[0])
        if not any(is_rare(tt.words[j]) for j in name) and not (gap == "(" and conjoined):
            continue
        start = _without_conjunction(tt, name)
        out.append(NameSpan(start, tt.spans[name[-1]][1], "apposition", *tt.spans[k], "apposition"))
    return out


def patronymic_names(tt: TokenText, w: DiscoveryWords) -> list[NameSpan]:
    """A name built on أغ, بن, ولد (بلال أغ الشريف): a given name, the link, a family name."""
    out = []
    for k in range(1, len(tt) - 1):
        if tt.words[k] not in w.patronymics or not (tt.joined(k) and tt.joined(k + 1)):
            continue
        before, after = tt.words[k - 1], tt.words[k + 1]
        if _ends_name(w, before) or _definite(before) or tt.is_taken(k - 1) or tt.is_taken(k + 1):
            continue
        if _ends_name(w, after) or after in w.generic or after in w.breakers:
            continue
        if before in w.roles or before in w.heads or before in w.breakers:
            continue
        start = _without_conjunction(tt, [k - 1])
        out.append(NameSpan(start, tt.spans[k + 1][1], "apposition", *tt.spans[k], "patronymic"))
    return out


# ----------------------------------------------------------------------------- organisation head + name


def _quoted_after(tt: TokenText, k: int) -> tuple[int, int] | None:
    """The folded span inside quotation marks opening right before token k, if any."""
    gap = tt.gap(k)
    if not gap.strip() or gap.strip()[-1] not in OPEN_QUOTES:
        return None
    ft, start = tt.ft, tt.spans[k][0]
    for close in range(start, min(len(ft), start + 80)):
        if ft[close] in CLOSE_QUOTES:
            return (start, close) if ft[start:close].strip() else None
        if ft[close] in "\n.؛":
            return None
    return None


def _definite_chain(tt: TokenText, k: int, w: DiscoveryWords, n: int, coordinate: bool = True) -> int:
    """Past definite words and their «و» coordinations (الدعوة والقتال, الإسلام والمسلمين).

    A coordination does not follow an adjective of origin unless it is one too
    (القوات الفرنسية والأفريقية, not الجيش المالي والمرافق), nor open another
    organisation (الاتحاد الأوروبي | والاتحاد الأفريقي).
    """
    while k < len(tt) and n < MAX_ORGANISATION_WORDS and tt.joined(k):
        word = tt.words[k]
        conjoined = word.startswith("و") and _definite(word[1:])
        bare = word[1:] if conjoined else word
        if (
            not _definite(bare)
            or _ends_name(w, bare)
            or (tt.words[k - 1] in w.generic and bare not in w.generic)
        ):
            break
        adjective = _nisba(tt.words[k - 1]) and k >= 2 and _definite(tt.words[k - 2].removeprefix("و"))
        if conjoined and (not coordinate or bare[2:] in w.heads or (adjective and not _nisba(bare))):
            break
        if match_title(tt, k, w) is not None:  # الحرس الرئاسي | الجنرال عبد الرحمن تشياني
            break
        k, n = k + 1, n + 1
    return k


def _continuation(tt: TokenText, k: int, w: DiscoveryWords, n: int) -> int:
    """Past «لتحرير أزواد», «للحماية والاستعادة», «في بلاد المغرب الإسلامي», «في غرب أفريقيا»: the rest of a long name."""
    if k >= len(tt) or not tt.joined(k):
        return k
    word = tt.words[k]
    if word == "في" and k + 1 < len(tt) and tt.joined(k + 1):
        nxt = tt.words[k + 1]
        if nxt in {fold(r) for r in REGION_WORDS}:
            j = k + 2
            if nxt.startswith("ال"):
                return _definite_chain(tt, j, w, n + 2, coordinate=False)
            if (
                j < len(tt)
                and tt.joined(j)
                and (_definite(tt.words[j]) or tt.is_taken(j) or is_rare(tt.words[j]))
            ):
                return _definite_chain(tt, j + 1, w, n + 3, coordinate=False)
        return k
    if word.startswith("لل") and len(word) > 4 and not _ends_name(w, word):
        return _definite_chain(tt, k + 1, w, n + 1)  # للحماية والاستعادة, للأنباء
    if word.startswith("ل") and len(word) > 3 and not _ends_name(w, word):
        j = k + 1  # لتحرير + a definite word or a name
        if j < len(tt) and tt.joined(j):
            nxt = tt.words[j]
            if tt.is_taken(j) or is_rare(nxt):
                return tt.taken_end(j) if tt.is_taken(j) else j + 1
            if _definite(nxt):
                return _definite_chain(tt, j + 1, w, n + 2)
    return k


def _head_at(tt: TokenText, i: int, w: DiscoveryWords) -> str | None:
    """The organisation head token i holds (proclitics aside), with its article if written."""
    return next((s for s in stems(tt.words[i]) if s in w.heads or (s[:2] == "ال" and s[2:] in w.heads)), None)


def organisation_names(tt: TokenText, w: DiscoveryWords) -> list[NameSpan]:
    """An organisation head and its name through to its end, or nothing for a description.

    A name after a head is definite (الكتيبة الخضراء, جماعة أنصار الدين), quoted
    (تنظيم «المرابطون»), a rare proper noun (كتيبة ماسينا) or a known actor or
    place (وكالة نواكشوط للأنباء), and may go on with «ل…» or «في بلاد …». Generic
    words (تابعة, المسلحة, الوطنية) end it, unless such a continuation follows.
    """
    out = []
    for i in range(len(tt) - 1):
        head = _head_at(tt, i, w)
        if head is None:
            continue
        start, k = tt.spans[i][1] - len(head), i + 1
        if tt.words[i][: start - tt.spans[i][0]].endswith("لل"):
            start, head = start - 1, "ال" + head  # للقوات: ل + القوات, the article's ل kept
        quoted = _quoted_after(tt, k)
        if quoted is not None and not tt.joined(k):
            out.append(NameSpan(*quoted, "quoted", start, tt.spans[i][1], "quoted_head"))
            continue
        word = tt.words[k]
        if not tt.joined(k) or _ends_name(w, word):
            continue
        if _definite(head) or _definite(word):
            if not _definite(head) and word in w.generic:
                continue
            end = _definite_chain(tt, k, w, 1)
        elif word in w.generic or word in w.name_adjectives:
            continue
        elif tt.is_taken(k):
            end = tt.taken_end(k)  # a known actor or place: وكالة نواكشوط, اتحاد بوركينا فاسو
        elif is_rare(word):
            end = k + 1  # a proper noun: كتيبة ماسينا, قبيلة إيفوغاس
        elif (
            k + 1 < len(tt)
            and tt.joined(k + 1)
            and _definite(tt.words[k + 1])
            and tt.words[k + 1] not in w.generic
        ):
            end = _definite_chain(tt, k + 1, w, 2)  # نصرة الإسلام والمسلمين, أنصار الدين
        else:
            continue
        # a continuation needs a name word before it: التنظيم | للانضمام is a verb's noun
        longer = _continuation(tt, end, w, end - i) if end > k else end
        if longer == end:  # no continuation: generic words at the end are a description
            while end > k and tt.words[end - 1] in w.generic:
                end -= 1
            if all(tt.words[j] in w.name_adjectives for j in range(k, end)):
                continue  # القوة الوطنية, جبهة وطنية: nothing but description
            longer = end
        out.append(NameSpan(start, tt.spans[longer - 1][1], "cue", start, tt.spans[i][1], "cue"))
    return out


def name_spans(ft: str, taken: Sequence[tuple[int, int]] = ()) -> list[NameSpan]:
    """Every name the three patterns find in folded text `ft`, in text order."""
    w = discovery_words()
    tt = TokenText(ft, taken)
    found = title_names(tt, w) + organisation_names(tt, w) + appositions(tt, w) + patronymic_names(tt, w)
    return sorted(found, key=lambda n: (n.start, -n.end, n.pattern))
