"""Actors: the gazetteer of who the documents name, where each is mentioned, and how they relate.

The gazetteer (`data/actors.yaml`) lists every actor with the Arabic forms the
texts use. `find_mentions` looks for those forms in a text regardless of
harakat, alef forms, alef maqsura and ta marbuta, reads the proclitics و ف ب ل ك
(and لل for the article) in front of a form, keeps the longest match where forms
overlap, and maps every hit back to the exact characters of the original, so
that `text[start:end] == surface` always holds. Titles (الرئيس الفرنسي) count as
the person they stand for only when that person's name follows them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from itertools import combinations

from sahel_analysis.errors import SahelError
from sahel_analysis.package_data import load_yaml
from sahel_analysis.text.normalize import PROCLITIC_STACKS, normalize_arabic

ACTOR_TYPES = (
    "state", "government", "person", "jihadist_group", "jihadist_subgroup", "separatist_movement",
    "foreign_state", "international_organization", "regional_organization", "military_operation",
    "national_institution", "civil_society", "other",
)  # fmt: skip
RELATION_TYPES = (
    "member_of", "part_of", "split_from", "founded_by", "led_by", "affiliated_with", "allied_with", "rival_of",
)  # fmt: skip
GAZETTEER_FILE = "data/actors.yaml"
REJECTED_FILE = "data/actors_rejected.yaml"
ID_RE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")

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
class Alias:
    """One surface form of an actor (or a title, or a form that names no actor)."""

    form: str
    actor_id: str | None  # None for generic titles and blocked forms
    kind: str = "name"  # name, title, latin, blocked
    docs: tuple[str, ...] = ()  # the form names the actor only in these documents
    future: bool = False  # kept for documents to come
    awaits_repair: bool = False  # in the verified reading of seed 000, not yet in its repair

    def applies_to(self, doc_id: str) -> bool:
        """Whether the form may be read as this actor in document `doc_id`."""
        return not self.docs or doc_id in self.docs


@dataclass(frozen=True)
class Relation:
    """A relation between two actors, stated by a verbatim quote of one document."""

    source_id: str
    relation: str
    target_id: str
    doc_id: str
    quote_ar: str
    note: str = ""


@dataclass(frozen=True)
class Actor:
    """One entry of the gazetteer."""

    id: str
    name_en: str
    name_ar: str
    actor_type: str
    country: str = ""
    name_fr: str = ""
    acronym: str = ""
    aliases: tuple[Alias, ...] = ()
    titles: tuple[Alias, ...] = ()
    latin_forms: tuple[Alias, ...] = ()
    relations: tuple[Relation, ...] = ()

    @property
    def label_en(self) -> str:
        """Short English label: the acronym where there is one, else the name without its gloss."""
        return self.acronym or re.sub(r"\s*\(.*\)$", "", self.name_en)


@dataclass(frozen=True)
class Gazetteer:
    """Every actor, the generic titles, and the forms that must never count as an actor."""

    actors: tuple[Actor, ...]
    generic_titles: tuple[Alias, ...] = ()
    blocked: tuple[Alias, ...] = ()

    def actor(self, actor_id: str) -> Actor:
        """The actor with id `actor_id`."""
        return self._index()[actor_id]

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._index()

    def _index(self) -> dict[str, Actor]:
        return self._by_id

    @cached_property
    def _by_id(self) -> dict[str, Actor]:
        return {a.id: a for a in self.actors}

    @cached_property
    def matcher(self) -> _Matcher:
        """The Aho-Corasick matcher over this gazetteer's forms (built on first use)."""
        return _Matcher(self)

    def all_forms(self) -> tuple[Alias, ...]:
        """Every form the matcher looks for: names, titles, Latin forms, blocked forms."""
        out: list[Alias] = []
        for a in self.actors:
            out += [*a.aliases, *a.titles, *a.latin_forms]
        return (*out, *self.generic_titles, *self.blocked)

    def relations(self) -> tuple[Relation, ...]:
        """Every relation, in gazetteer order."""
        return tuple(r for a in self.actors for r in a.relations)


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


# ----------------------------------------------------------------------------- loading


def _alias(item: object, actor_id: str | None, kind: str, where: str) -> Alias:
    if isinstance(item, str):
        return Alias(item, actor_id, kind)
    if isinstance(item, Mapping) and isinstance(item.get("form"), str):
        unknown = set(item) - {"form", "docs", "future", "awaits_repair", "note"}
        if unknown:
            raise SahelError(where, f"unknown alias keys {sorted(unknown)} for {item['form']!r}")
        return Alias(
            item["form"],
            actor_id,
            kind,
            tuple(str(d) for d in item.get("docs", ())),
            bool(item.get("future", False)),
            bool(item.get("awaits_repair", False)),
        )
    raise SahelError(where, f"an alias must be a string or a mapping with 'form', not {item!r}")


def parse_gazetteer(data: Mapping, blocked: Iterable[str] = (), where: str = GAZETTEER_FILE) -> Gazetteer:
    """Build and check a gazetteer from its YAML structure.

    Raises SahelError when an id is malformed or repeated, a type or relation is
    outside the CONTRACT vocabulary, a relation points at no actor, or one form
    names two actors in the same document.
    """
    actors = []
    for raw in data.get("actors", []):
        aid = raw.get("id", "")
        if not ID_RE.fullmatch(aid):
            raise SahelError(where, f"actor id {aid!r} is not lowercase snake_case")
        if raw.get("actor_type") not in ACTOR_TYPES:
            raise SahelError(where, f"{aid}: actor_type {raw.get('actor_type')!r} is not in the vocabulary")
        acronym = str(raw.get("acronym", "") or "")
        latin = [*([acronym] if acronym else []), *raw.get("latin_forms", [])]
        relations = []
        for rel in raw.get("relations", []) or []:
            if rel.get("relation") not in RELATION_TYPES:
                raise SahelError(where, f"{aid}: relation {rel.get('relation')!r} is not in the vocabulary")
            relations.append(
                Relation(
                    aid,
                    rel["relation"],
                    rel["target"],
                    str(rel["doc_id"]),
                    rel["quote_ar"],
                    rel.get("note", ""),
                )
            )
        actors.append(
            Actor(
                id=aid,
                name_en=raw["name_en"],
                name_ar=raw["name_ar"],
                actor_type=raw["actor_type"],
                country=raw.get("country", "") or "",
                name_fr=raw.get("name_fr", "") or "",
                acronym=acronym,
                aliases=tuple(_alias(x, aid, "name", where) for x in raw.get("aliases_ar", [])),
                titles=tuple(_alias(x, aid, "title", where) for x in raw.get("titles_ar", []) or []),
                latin_forms=tuple(_alias(x, aid, "latin", where) for x in dict.fromkeys(latin)),
                relations=tuple(relations),
            )
        )
    gaz = Gazetteer(
        tuple(actors),
        tuple(_alias(x, None, "title", where) for x in data.get("generic_titles", [])),
        tuple(Alias(f, None, "blocked") for f in blocked),
    )
    _check(gaz, where)
    return gaz


def _check(gaz: Gazetteer, where: str) -> None:
    ids = [a.id for a in gaz.actors]
    repeated = sorted(i for i, n in Counter(ids).items() if n > 1)
    if repeated:
        raise SahelError(where, f"actor ids defined twice: {repeated}")
    for rel in gaz.relations():
        if rel.target_id not in gaz:
            raise SahelError(where, f"{rel.source_id}: relation target {rel.target_id!r} is not an actor")
        if not rel.quote_ar.strip():
            raise SahelError(where, f"{rel.source_id} {rel.relation} {rel.target_id}: empty quote")
    seen: dict[tuple[str, str], str] = {}
    for alias in gaz.all_forms():
        key = fold(alias.form) if alias.kind != "latin" else alias.form
        for scope in alias.docs or ("*",):
            owner = seen.setdefault((key, scope), alias.actor_id or "")
            if owner != (alias.actor_id or ""):
                raise SahelError(where, f"form {alias.form!r} names both {owner!r} and {alias.actor_id!r}")


@cache
def load_rejected() -> Mapping:
    """The curated non-actors: discovery candidates rejected with a reason, and blocked forms."""
    return load_yaml(REJECTED_FILE.removeprefix("data/"))


@cache
def load_gazetteer() -> Gazetteer:
    """The project gazetteer (package data, read once on first use)."""
    blocked = [b["form"] for b in load_rejected().get("blocked", [])]
    return parse_gazetteer(load_yaml(GAZETTEER_FILE.removeprefix("data/")), blocked)


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
        import ahocorasick

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
        doc_id: the document, for forms bound to one document (الحكومة in 002).
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
    found = gaz.matcher.resolve(folded.text, doc_id)
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


@lru_cache(maxsize=16)
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


def mention_counts(corpus: Sequence, gazetteer: Gazetteer | None = None):
    """Mentions per actor per document, as a DataFrame: one row per mentioned actor, most mentioned first."""
    import pandas as pd

    gaz = gazetteer or load_gazetteer()
    counts = Counter((m.actor_id, m.doc_id) for m in corpus_mentions(corpus))
    docs = [rd.id for rd in corpus]
    rows = []
    for actor in gaz.actors:
        per_doc = {d: counts.get((actor.id, d), 0) for d in docs}
        if sum(per_doc.values()):
            rows.append(
                {"actor_id": actor.id, "name_en": actor.name_en, "name_ar": actor.name_ar,
                 "actor_type": actor.actor_type, **per_doc, "total": sum(per_doc.values())}
            )  # fmt: skip
    table = pd.DataFrame(rows).set_index("actor_id")
    return table.sort_values(["total", *docs], ascending=False, kind="stable")


def cooccurrence(corpus: Sequence, actor_ids: Sequence[str] | None = None):
    """Sentences in which each pair of actors is mentioned together, as a symmetric DataFrame.

    The diagonal holds the number of sentences that mention the actor at all.
    """
    import pandas as pd

    per_sentence: dict[tuple[str, int], set[str]] = defaultdict(set)
    for m in corpus_mentions(corpus):
        per_sentence[(m.doc_id, m.sentence)].add(m.actor_id)
    ids = list(actor_ids) if actor_ids is not None else list(mention_counts(corpus).index)
    wanted = set(ids)
    pairs: Counter = Counter()
    for actors in per_sentence.values():
        present = sorted(actors & wanted)
        pairs.update((a, a) for a in present)
        for a, b in combinations(present, 2):
            pairs[(a, b)] += 1
            pairs[(b, a)] += 1
    return pd.DataFrame([[pairs.get((a, b), 0) for b in ids] for a in ids], index=ids, columns=ids)


def cooccurring_pairs(corpus: Sequence, n: int = 10, named_only: bool = True):
    """The pairs of actors most often named in the same sentence, with the first such sentence.

    Collective actors (type `other`, the generic terrorist organisations) are left
    out with `named_only`, so the pairs say who is tied to whom by name.
    """
    import pandas as pd

    gaz = load_gazetteer()
    texts = {rd.id: rd for rd in corpus}
    where: dict[tuple[str, str], list[tuple[str, int, int, int]]] = defaultdict(list)
    per_sentence: dict[tuple[str, int], dict[str, int]] = defaultdict(dict)
    for m in corpus_mentions(corpus):
        if not named_only or _is_named(gaz.actor(m.actor_id)):
            per_sentence[(m.doc_id, m.sentence)].setdefault(m.actor_id, m.start)
    for (doc, sent), present in per_sentence.items():
        for a, b in combinations(sorted(present), 2):
            where[(a, b)].append((doc, sent, min(present[a], present[b]), max(present[a], present[b])))
    ranked = sorted(where.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:n]
    rows = []
    for (a, b), hits in ranked:
        doc, _, first, last = hits[0]
        rd = texts[doc]
        start, end = clause_around(rd.text, first, last + 1, limit=240)
        rows.append(
            {"actor_a": gaz.actor(a).label_en, "actor_b": gaz.actor(b).label_en, "sentences": len(hits),
             "docs": "|".join(sorted({h[0] for h in hits})), "doc_id": doc,
             "paragraph": rd.paragraph_index(first), "quote_ar": rd.text[start:end]}
        )  # fmt: skip
    return pd.DataFrame(rows)


def relation_table(corpus: Sequence | None = None, gazetteer: Gazetteer | None = None):
    """Every relation with both actors' names, as a DataFrame (and where the quote sits, given the corpus)."""
    import pandas as pd

    return pd.DataFrame(relation_rows(corpus or (), gazetteer))


def actor_table(gazetteer: Gazetteer | None = None):
    """The bilingual gazetteer as a DataFrame, grouped by actor type in vocabulary order."""
    import pandas as pd

    gaz = gazetteer or load_gazetteer()
    rows = [
        {"actor_type": a.actor_type, "actor_id": a.id, "name_ar": a.name_ar, "name_en": a.name_en,
         "name_fr": a.name_fr, "acronym": a.acronym, "country": a.country}
        for a in sorted(gaz.actors, key=lambda a: ACTOR_TYPES.index(a.actor_type))
    ]  # fmt: skip
    return pd.DataFrame(rows).set_index(["actor_type", "actor_id"])


def count_by_type(gazetteer: Gazetteer | None = None) -> dict[str, int]:
    """How many actors the gazetteer defines of each type, in vocabulary order."""
    gaz = gazetteer or load_gazetteer()
    counts = Counter(a.actor_type for a in gaz.actors)
    return {t: counts[t] for t in ACTOR_TYPES if counts[t]}


# ----------------------------------------------------------------------------- quotes and findings

CLAUSE_ENDS = ".!?\u061f\u061b;\n"
PHRASE_ENDS = CLAUSE_ENDS + "\u060c,:"


def clause_around(text: str, start: int, end: int, limit: int = 180) -> tuple[int, int]:
    """The clause holding text[start:end]: sentence-level if short enough, else comma-level.

    >>> t = "قال الرئيس: نعم، وافقت جماعة نصرة الإسلام والمسلمين على الحوار. ثم غادر."
    >>> a, b = clause_around(t, 23, 52); t[a:b]
    'قال الرئيس: نعم، وافقت جماعة نصرة الإسلام والمسلمين على الحوار.'
    >>> a, b = clause_around(t, 23, 52, limit=50); t[a:b]
    'وافقت جماعة نصرة الإسلام والمسلمين على الحوار.'
    """
    for stops in (CLAUSE_ENDS, PHRASE_ENDS):
        a = max(text.rfind(c, 0, start) for c in stops) + 1
        ends = [i for i in (text.find(c, end) for c in stops) if i != -1]
        b = min(ends) + 1 if ends else len(text)
        while a < start and text[a].isspace():
            a += 1
        while b > end and text[b - 1].isspace():
            b -= 1
        if b - a <= limit:
            return a, b
    half = max(0, (limit - (end - start)) // 2)
    a = text.rfind(" ", 0, max(0, start - half)) + 1
    b = text.find(" ", min(len(text), end + half))
    return a, b if b != -1 else len(text)


def keyword_in_context(corpus: Sequence, actor_id: str, width: int = 45):
    """Each mention of `actor_id` with the words around it, as a DataFrame (before / mention / after).

    "before" is the text that precedes the mention in reading order (to its right
    on the page), "after" the text that follows it; cut words at the edges are dropped.
    """
    import pandas as pd

    rows = []
    for rd in corpus:
        for m in extract_mentions(rd):
            if m.actor_id != actor_id:
                continue
            head = m.start - len(m.prefix)
            before = rd.text[max(0, head - width) : head].split()
            after = rd.text[m.end : m.end + width].split()
            rows.append(
                {"doc_id": m.doc_id, "paragraph": m.paragraph,
                 "before": " ".join(before[1:] if head - width > 0 else before),
                 "mention": m.prefix + m.surface,
                 "after": " ".join(after[:-1] if m.end + width < len(rd.text) else after)}
            )  # fmt: skip
    return pd.DataFrame(rows, columns=["doc_id", "paragraph", "before", "mention", "after"])


def _first_quote(rd, actor_id: str) -> tuple[str, int]:
    for m in extract_mentions(rd):
        if m.actor_id == actor_id:
            a, b = clause_around(rd.text, m.start, m.end)
            return rd.text[a:b], m.paragraph
    return "", -1


def central_actors(corpus: Sequence, n: int = 3, named_only: bool = False):
    """The `n` actors each document mentions most, with their share of its mentions and a quote.

    With `named_only`, collective actors (type `other` and the generic
    terrorist-organisations entry) are left out, so named actors show through.
    """
    import pandas as pd

    gaz = load_gazetteer()
    rows = []
    for rd in corpus:
        counts = Counter(m.actor_id for m in extract_mentions(rd))
        total = sum(counts.values())
        ranked = [
            (aid, c) for aid, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
            if not named_only or _is_named(gaz.actor(aid))
        ][:n]  # fmt: skip
        for rank, (aid, count) in enumerate(ranked, 1):
            quote, para = _first_quote(rd, aid)
            actor = gaz.actor(aid)
            rows.append(
                {"doc_id": rd.id, "rank": rank, "actor_id": aid, "name_en": actor.name_en, "name_ar": actor.name_ar,
                 "mentions": count, "share": round(count / total, 3), "quote_ar": quote, "paragraph": para}
            )  # fmt: skip
    return pd.DataFrame(rows)


def _is_named(actor: Actor) -> bool:
    return actor.actor_type != "other" and actor.id not in (
        "terrorist_organizations",
        "excluded_organizations",
    )


def shared_actors(corpus: Sequence):
    """Actors mentioned in more than one document, with their count and first quote in each."""
    import pandas as pd

    gaz = load_gazetteer()
    docs_of: dict[str, list[str]] = defaultdict(list)
    counts = Counter((m.actor_id, m.doc_id) for m in corpus_mentions(corpus))
    for (aid, doc), _ in sorted(counts.items()):
        docs_of[aid].append(doc)
    rows = []
    for actor in gaz.actors:
        if len(docs_of.get(actor.id, ())) < 2:
            continue
        for rd in corpus:
            if (actor.id, rd.id) in counts:
                quote, para = _first_quote(rd, actor.id)
                rows.append(
                    {"actor_id": actor.id, "name_en": actor.name_en, "name_ar": actor.name_ar, "doc_id": rd.id,
                     "mentions": counts[(actor.id, rd.id)], "quote_ar": quote, "paragraph": para}
                )  # fmt: skip
    return pd.DataFrame(rows)


ARMED_TYPES = ("jihadist_group", "jihadist_subgroup", "separatist_movement")
BRIDGE_TYPES = ("person", "jihadist_group", "jihadist_subgroup", "military_operation", "separatist_movement")


def _mentions_word(n: int) -> str:
    return f"{n} mention" if n == 1 else f"{n} mentions"


def actor_findings(corpus: Sequence):
    """The notebook's findings, computed: what each document centres on and who appears in both.

    One row per finding, each with an English statement, a verbatim Arabic quote
    and where it comes from (document and paragraph): the most mentioned actor
    of each document, overall and among named actors; the armed groups each
    document names; and the named people, groups and operations both share.
    """
    import pandas as pd

    gaz = load_gazetteer()
    rows = []

    def add(finding: str, actor_id: str, rd) -> None:
        quote, para = _first_quote(rd, actor_id)
        rows.append(
            {"finding": finding, "actor_id": actor_id, "doc_id": rd.id, "paragraph": para, "quote_ar": quote}
        )

    texts = {rd.id: rd for rd in corpus}
    seen = set()
    for named in (False, True):
        for r in central_actors(corpus, n=1, named_only=named).itertuples():
            if (r.doc_id, r.actor_id) in seen:
                continue
            seen.add((r.doc_id, r.actor_id))
            what = "named actor" if named else "actor"
            add(
                f"Document {r.doc_id} centres on {gaz.actor(r.actor_id).name_en}: its most mentioned {what} "
                f"({_mentions_word(r.mentions)}, {r.share:.0%} of the document's actor mentions).",
                r.actor_id,
                texts[r.doc_id],
            )
    for rd in corpus:
        counts = Counter(m.actor_id for m in extract_mentions(rd))
        armed = [
            a for a, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
            if gaz.actor(a).actor_type in ARMED_TYPES and _is_named(gaz.actor(a))
        ]  # fmt: skip
        if armed:
            names = ", ".join(gaz.actor(a).label_en for a in armed)
            add(
                f"Document {rd.id} names {len(armed)} armed groups and units, most often first: {names}.",
                armed[0],
                rd,
            )
    shared = shared_actors(corpus)
    bridges = [
        a for a in dict.fromkeys(shared.get("actor_id", []))
        if gaz.actor(a).actor_type in BRIDGE_TYPES and _is_named(gaz.actor(a))
    ]  # fmt: skip
    for aid in bridges:
        per_doc = shared[shared["actor_id"] == aid]
        counts_text = ", ".join(f"{_mentions_word(r.mentions)} in {r.doc_id}" for r in per_doc.itertuples())
        for r in per_doc.itertuples():
            add(
                f"{gaz.actor(aid).name_en} appears in both documents ({counts_text}); here in {r.doc_id}.",
                aid,
                texts[r.doc_id],
            )
    return pd.DataFrame(rows, columns=["finding", "actor_id", "doc_id", "paragraph", "quote_ar"])


# ----------------------------------------------------------------------------- export rows


def actor_rows(corpus: Iterable) -> list[dict[str, object]]:
    """One row per actor for actors.csv (with how often and where it is mentioned)."""
    gaz = load_gazetteer()
    corpus = list(corpus)
    counts = Counter(m.actor_id for m in corpus_mentions(corpus))
    docs = defaultdict(set)
    for m in corpus_mentions(corpus):
        docs[m.actor_id].add(m.doc_id)
    return [
        {"actor_id": a.id, "name_en": a.name_en, "name_ar": a.name_ar, "name_fr": a.name_fr,
         "acronym": a.acronym, "actor_type": a.actor_type, "country": a.country,
         "n_mentions": counts.get(a.id, 0), "doc_ids": "|".join(sorted(docs.get(a.id, ())))}
        for a in gaz.actors
    ]  # fmt: skip


def alias_rows(corpus: Iterable) -> list[dict[str, object]]:
    """One row per Arabic form of each actor for aliases.csv (titles and flagged forms included)."""
    gaz = load_gazetteer()
    used = Counter()
    for m in corpus_mentions(list(corpus)):
        used[(m.actor_id, m.alias)] += 1
        if m.title:
            used[(m.actor_id, m.title)] += 1
    return [
        {"actor_id": a.id, "alias_ar": al.form, "kind": al.kind, "docs": "|".join(al.docs),
         "future": al.future, "awaits_repair": al.awaits_repair, "n_mentions": used.get((a.id, al.form), 0)}
        for a in gaz.actors
        for al in (*a.aliases, *a.titles)
    ]  # fmt: skip


def mention_rows(corpus: Iterable) -> list[dict[str, object]]:
    """One row per mention for mentions.csv."""
    return [
        {"doc_id": m.doc_id, "actor_id": m.actor_id, "start": m.start, "end": m.end, "surface": m.surface,
         "paragraph": m.paragraph, "sentence": m.sentence, "alias": m.alias, "prefix": m.prefix,
         "kind": m.kind, "title": m.title}
        for m in corpus_mentions(list(corpus))
    ]  # fmt: skip


def relation_rows(corpus: Iterable, gazetteer: Gazetteer | None = None) -> list[dict[str, object]]:
    """One row per relation for relations.csv, with where its quote sits in the repaired text."""
    gaz = gazetteer or load_gazetteer()
    texts = {rd.id: rd for rd in corpus}
    rows = []
    for r in gaz.relations():
        rd = texts.get(r.doc_id)
        at = rd.text.find(r.quote_ar) if rd is not None else -1
        rows.append(
            {"source_id": r.source_id, "relation": r.relation, "target_id": r.target_id, "doc_id": r.doc_id,
             "quote_ar": r.quote_ar, "source_en": gaz.actor(r.source_id).label_en,
             "target_en": gaz.actor(r.target_id).label_en,
             "start": at if at >= 0 else "", "end": at + len(r.quote_ar) if at >= 0 else "",
             "paragraph": rd.paragraph_index(at) if at >= 0 else "", "note": r.note}
        )  # fmt: skip
    return rows
