"""Discovery: spot names of actors the gazetteer lacks, ranked with their evidence, so a new document's actors can be curated.

Patterns propose candidates (`extract.name_patterns` reads names whole): a
person title and the personal name after it (الرئيس محمد بازوم → محمد بازوم),
an organisation head through the end of its name (جماعة نصرة الإسلام والمسلمين),
a name followed by its role (سومايلا سيسي، زعيم المعارضة), a state the place
gazetteer knows from pycountry's Arabic names (ليبيا, هولندا), a Latin acronym in
brackets, and a short name in quotation marks («…», “…”). Each candidate has a
confidence (the pattern's, from `data/discovery.yaml`). A candidate is accounted
for when gazetteer mentions cover it, or when `data/actors_rejected.yaml`
rejects it with a reason.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

import pandas as pd

from sahel_analysis.extract.actors import Mention, extract_mentions, find_mentions, fold, fold_with_offsets
from sahel_analysis.extract.capitals import capital_gazetteer
from sahel_analysis.extract.gazetteer import load_gazetteer, load_rejected
from sahel_analysis.extract.name_patterns import SpanIndex, discovery_words, name_spans, stems
from sahel_analysis.extract.places import PlaceMention, extract_place_mentions, find_place_mentions

WORD_RE = re.compile(r"\w+")
ACRONYM_RE = re.compile(r"\(([A-Z][A-Za-z0-9-]{1,11})\)")
# An acronym written bare among Arabic words (محطة الأنباء الحكومية RTB): capitals only.
BARE_ACRONYM_RE = re.compile(r"(?<![\w(])([A-Z]{2,6})(?![\w)])")
QUOTED_RE = re.compile(r"[«“”]([^«»“”\n،,.؛:]{2,80})[»”“]|\"([^\"«»“”\n،,.؛:]{2,80})\"")
# A quotation longer than this is a statement unless an organisation head opens it.
MAX_QUOTED_NAME_WORDS = 3
PATTERNS = ("cue", "title", "apposition", "state", "capital", "acronym", "quoted")
KINDS = {
    "title": "person",
    "apposition": "person",
    "cue": "organisation",
    "state": "state",
    "capital": "state",
}
CANDIDATE_KINDS = ("", *sorted(set(KINDS.values())))  # "" when the pattern cannot tell (acronym, quoted)
# A definite nisba adjective right after a state's name: السودان الفرنسي.
NISBA_AFTER_RE = re.compile(r"[ \t]+(ال\w{2,}(?:ي|يه))\b")
# The word right before a spot (spaces between), as the end of the text searched.
VERB_BEFORE_RE = re.compile(r"(\w+)[ \t]+$")
# Each extra time a document names a candidate raises its score by this much (up to 1).
REPEAT_BONUS = 0.05


@dataclass(frozen=True)
class Candidate:
    """A stretch of text that may name an actor: `text[start:end] == surface`, found by `pattern`.

    `cue` is the title or head that introduced it (outside the surface for a
    title, inside it for an organisation head); `kind` what it would be
    (person, organisation, state, or "" when the pattern cannot tell);
    `confidence` how often the pattern finds a whole actor name.
    """

    doc_id: str
    start: int
    end: int
    surface: str
    pattern: str  # one of PATTERNS
    cue: str = ""
    kind: str = ""
    confidence: float = 0.0


@dataclass(frozen=True)
class Rejection:
    """A candidate form that is not an actor, and why."""

    form: str
    reason: str
    docs: tuple[str, ...] = ()
    artefact: bool = False  # the candidate exists only because the repair still garbles the line


@cache
def rejections() -> tuple[Rejection, ...]:
    """The rejected candidates listed in `data/actors_rejected.yaml`."""
    return tuple(
        Rejection(r["form"], r["reason"], tuple(str(d) for d in r.get("docs", ())), bool(r.get("artefact")))
        for r in load_rejected().get("rejected", []) or []
    )


def discover_candidates(
    text: str,
    doc_id: str = "",
    *,
    mentions: Sequence[Mention] | None = None,
    places: Sequence[PlaceMention] | None = None,
) -> list[Candidate]:
    """Every candidate actor name in `text`, in text order.

    `mentions` and `places` (found in `text` when not given) are spans no
    personal name runs into; a country among `places` not inside a gazetteer
    mention or a longer name is a state candidate.

    >>> [c.surface for c in discover_candidates("أعلنت حركة التوحيد والجهاد في غرب أفريقيا (MUJAO) و«داعش الصحراء»")]
    ['حركة التوحيد والجهاد في غرب أفريقيا', 'MUJAO', 'داعش الصحراء']
    """
    mentions = find_mentions(text, doc_id) if mentions is None else mentions
    places = find_place_mentions(text, doc_id) if places is None else places
    folded = fold_with_offsets(text)
    ft = folded.text
    confidence = discovery_words().confidence
    # folded offsets of the known spans: the original offsets are equal wherever folding kept length
    to_folded = _folded_offsets(folded, [p for m in (*mentions, *places) for p in (m.start, m.end)])
    taken = list(zip(to_folded[::2], to_folded[1::2], strict=True))
    found: list[tuple[int, int, str, str, float]] = []
    for n in name_spans(ft, taken):
        a, b = folded.span(n.cue_start, n.cue_end)
        found.append((n.start, n.end, n.pattern, text[a:b], confidence[n.confidence_key]))
    for m in (*ACRONYM_RE.finditer(ft), *BARE_ACRONYM_RE.finditer(ft)):
        found.append((m.start(1), m.end(1), "acronym", "", confidence["acronym"]))
    seen = {f[:2] for f in found}
    for m in QUOTED_RE.finditer(ft):
        group = 1 if m.group(1) is not None else 2
        inner = m.group(group)
        if quoted_name(inner):
            lead = len(inner) - len(inner.lstrip())
            span = (m.start(group) + lead, m.start(group) + len(inner.rstrip()))
            if span not in seen:
                found.append((*span, "quoted", "", confidence["quoted"]))
    quotes = SpanIndex((s, e) for s, e, pattern, _, _ in found if pattern == "quoted")
    found = [f for f in found if not (f[2] == "cue" and quotes.holds(f[0], f[1]))]
    names = SpanIndex(
        (s, e) for s, e, pattern, _, _ in found if pattern in ("cue", "title", "apposition", "quoted")
    )
    actor_spans = SpanIndex(taken[: len(mentions)])
    for (s, e), p in zip(taken[len(mentions) :], places, strict=True):
        known = actor_spans.overlaps(s, e) or names.holds(s, e)
        if p.precision == "country" and not known:
            found.append((s, state_name_end(ft, e), "state", "", confidence["state"]))
    found += capitals_as_actors(text, doc_id, ft, folded, actor_spans, confidence["capital"])
    out = []
    for s, e, pattern, cue, conf in sorted(set(found)):
        a, b = folded.span(s, e)
        out.append(Candidate(doc_id, a, b, text[a:b], pattern, cue, KINDS.get(pattern, ""), conf))
    return out


def capitals_as_actors(
    text: str, doc_id: str, ft: str, folded, known: SpanIndex, confidence: float
) -> list[tuple]:
    """Capitals written right after a verb, standing for their state (وأعلنت باريس): (start, end, pattern, cue, confidence).

    A capital with a proclitic (بباريس) or after a preposition is a place, and one
    inside a gazetteer mention is that actor's.
    """
    words = discovery_words()
    out = []
    spots = find_mentions(text, doc_id, gazetteer=capital_gazetteer())
    where = _pairs(_folded_offsets(folded, [p for spot in spots for p in (spot.start, spot.end)]))
    for m, (s, e) in zip(spots, where, strict=True):
        verb = VERB_BEFORE_RE.search(ft, max(0, s - 40), s)
        if m.prefix or verb is None or known.overlaps(s, e):
            continue
        if not any(v in words.verbs for v in stems(verb.group(1))):
            continue
        a, b = folded.span(*verb.span(1))
        out.append((s, e, "capital", text[a:b], confidence))
    return out


def _pairs(flat: list[int]) -> list[tuple[int, int]]:
    return list(zip(flat[::2], flat[1::2], strict=True))


def quoted_name(inner: str) -> bool:
    """Whether a quotation may be a name: a few words not opening on a verb, or an organisation head and its name."""
    words = discovery_words()
    tokens = [fold(t) for t in WORD_RE.findall(inner)]
    if not tokens or tokens[0] in words.verbs or tokens[0] in words.stopwords:
        return False
    if len(tokens) <= MAX_QUOTED_NAME_WORDS:
        return True
    return len(tokens) <= 6 and any(h in words.heads for h in stems(tokens[0]))


def state_name_end(ft: str, end: int) -> int:
    """Where a state's name ends: after a definite adjective that makes it another polity (السودان الفرنسي)."""
    m = NISBA_AFTER_RE.match(ft, end)
    if m is None:
        return end
    words = discovery_words()
    adjective = m.group(1)
    return end if adjective in words.generic or adjective in words.title_modifiers else m.end(1)


def _folded_offsets(folded, offsets: Iterable[int]) -> list[int]:
    """Folded offsets of original offsets (inverse of `FoldedText.offset`, by bisection on it)."""
    n = len(folded.text)
    out = []
    for target in offsets:
        lo, hi = 0, n
        while lo < hi:
            mid = (lo + hi) // 2
            if folded.offset(mid) < target:
                lo = mid + 1
            else:
                hi = mid
        out.append(lo)
    return out


def covered(c: Candidate, mentions: Iterable) -> bool:
    """Whether gazetteer mentions explain the candidate.

    They do when a mention holds the cue word itself (جماعة نصرة الإسلام والمسلمين
    …: whatever follows the known name is not part of it), or when mentions
    cover every word of the name (تنظيم كتيبة ماسينا). A known name followed by
    unknown words after an outside cue (بعثة الأمم المتحدة لحفظ السلام) stays new.
    """
    spans = [(m.start, m.end) for m in mentions if m.end > c.start and m.start < c.end]
    if not spans:
        return False
    words = [(c.start + m.start(), c.start + m.end()) for m in WORD_RE.finditer(c.surface)]
    n_cue = len(c.cue.split()) if c.pattern == "cue" else 0
    inside = [any(a <= s and e <= b for a, b in spans) for s, e in words]
    if n_cue and all(inside[:n_cue]):
        return True
    return all(inside[n_cue:])


@cache
def exclusions() -> tuple[Rejection, ...]:
    """The names deliberately left out of the gazetteer (`excluded` in `data/actors_rejected.yaml`)."""
    return tuple(
        Rejection(r["form"], r["reason"], tuple(str(d) for d in r.get("docs", ())))
        for r in load_rejected().get("excluded", []) or []
    )


def rejection_of(c: Candidate) -> Rejection | None:
    """The rejection (or exclusion) that explains `c`: its form is the candidate or the candidate's first words."""
    key = fold(c.surface)
    for r in (*rejections(), *exclusions()):
        form = fold(r.form)
        if (key == form or key.startswith(form + " ")) and (not r.docs or c.doc_id in r.docs):
            return r
    return None


def known_acronym(c: Candidate) -> bool:
    """Whether an acronym candidate is a Latin form of a gazetteer actor."""
    return c.pattern == "acronym" and any(
        c.surface == f.form for a in load_gazetteer().actors for f in a.latin_forms
    )


def unexplained(candidates: Iterable[Candidate], mentions: Sequence[Mention]) -> list[Candidate]:
    """The candidates neither the gazetteer (`mentions`) nor the rejection list explains."""
    mentions = sorted(mentions, key=lambda m: m.start)
    starts = [m.start for m in mentions]
    longest = max((m.end - m.start for m in mentions), default=0)

    def near(c: Candidate) -> list:
        """The mentions that may overlap `c`, found by bisection: linear time, not candidates × mentions."""
        return mentions[bisect_left(starts, c.start - longest) : bisect_left(starts, c.end)]

    return [
        c for c in candidates if not covered(c, near(c)) and not known_acronym(c) and rejection_of(c) is None
    ]


def unaccounted_candidates(rd) -> list[Candidate]:
    """Candidates in a repaired document that neither the gazetteer nor the rejection list explains.

    On a curated document this is empty; on a new document it is the list to curate.
    """
    mentions = extract_mentions(rd)
    found = discover_candidates(rd.text, rd.id, mentions=mentions, places=extract_place_mentions(rd))
    return unexplained(found, mentions)


def candidate_score(c: Candidate, times: int) -> float:
    """A candidate's rank: its pattern's confidence, a little more for each time the document names it."""
    return round(min(1.0, c.confidence + REPEAT_BONUS * (times - 1)), 2)


def ranked_candidates(found: Sequence[Candidate]) -> list[tuple[Candidate, int, float]]:
    """Each distinct candidate surface once (its first place), with times named and score, best first."""
    times = Counter(fold(c.surface) for c in found)
    first: dict[str, Candidate] = {}
    for c in found:
        first.setdefault(fold(c.surface), c)
    rows = [(c, times[k], candidate_score(c, times[k])) for k, c in first.items()]
    return sorted(rows, key=lambda r: (-r[2], r[0].start))


def candidate_table(corpus: Iterable):
    """Every candidate with its verdict (gazetteer, rejected + reason, or new), as a DataFrame."""
    rows = []
    for rd in corpus:
        mentions = extract_mentions(rd)
        for c in discover_candidates(rd.text, rd.id, mentions=mentions, places=extract_place_mentions(rd)):
            rejection = rejection_of(c)
            if covered(c, mentions) or known_acronym(c):
                verdict, reason = "gazetteer", ""
            elif rejection is not None:
                verdict, reason = "rejected", rejection.reason
            else:
                verdict, reason = "new", ""
            rows.append(
                {"doc_id": c.doc_id, "start": c.start, "surface": c.surface, "pattern": c.pattern,
                 "verdict": verdict, "reason": reason}
            )  # fmt: skip
    return pd.DataFrame(rows, columns=["doc_id", "start", "surface", "pattern", "verdict", "reason"])
