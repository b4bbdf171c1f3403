"""Discovery: spot names of actors the gazetteer lacks, so a new document's actors can be curated.

Four patterns propose candidates: an organisational cue word and the name after
it (جماعة / حركة / تنظيم / كتيبة / ولاية / بعثة / عملية / مجلس / وزارة + name),
a title and the name after it (الرئيس / رئيس الوزراء / قائد + name), a Latin
acronym in brackets, and a short name in quotation marks («…», “…”). A candidate
is accounted for when gazetteer mentions cover it, or when
`data/actors_rejected.yaml` rejects it with a reason.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import pandas as pd

from sahel_analysis.extract.actors import extract_mentions, fold, fold_with_offsets
from sahel_analysis.extract.gazetteer import load_gazetteer, load_rejected
from sahel_analysis.text.normalize import PROCLITIC_STACKS

CUE_WORDS = ("جماعة", "حركة", "تنظيم", "كتيبة", "ولاية", "بعثة", "عملية", "مجلس", "وزارة")
TITLE_CUES = ("الرئيس", "رئيس الوزراء", "قائد")
MAX_NAME_WORDS = 4
# Words that end a name: prepositions (bare or with a pronoun), relatives, particles,
# pronouns, demonstratives, adverbs.
STOPWORD_TEXT = (
    "في من على إلى عن مع بين منذ ضد عبر حول خلال دون لدى عند بعد قبل حتى مثل "
    "الذي التي الذين اللذين اللتين اللاتي ما من هو هي هم هما أن إن أنه أنها قد لا لم لن "
    "أو أم ثم بل كما إذ إذا حين حيث كل بعض أي هذا هذه ذلك تلك هناك هنا "
    "أيضا أيضًا حاليا حاليًا آنذاك حينئذ فقط "
    "به بها له لها منه منها عليه عليها فيه فيها معه معها عنه عنها"
)


@cache
def stopwords() -> frozenset[str]:
    """The words that end a name, folded (built on first use)."""
    return frozenset(fold(w) for w in STOPWORD_TEXT.split())


WORD_RE = re.compile(r"\w+")
ACRONYM_RE = re.compile(r"\(([A-Z][A-Za-z0-9-]{1,11})\)")
QUOTED_RE = re.compile(r"[«“”]([^«»“”\n،,.؛:]{2,80})[»”“]")


@dataclass(frozen=True)
class Candidate:
    """A stretch of text that may name an actor: `text[start:end] == surface`."""

    doc_id: str
    start: int
    end: int
    surface: str
    pattern: str  # cue, title, acronym, quoted
    cue: str = ""


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


def _stems(token: str) -> set[str]:
    """A folded token without its proclitics, with and without the article."""
    out = {token}
    for p in PROCLITIC_STACKS:
        if token.startswith(p) and len(token) - len(p) >= 2:
            out.add(token[len(p) :])
    return out


@cache
def _cue_forms() -> dict[str, str]:
    forms = {}
    for cue in CUE_WORDS:
        forms[fold(cue)] = cue
        forms["ال" + fold(cue)] = cue
    return forms


def discover_candidates(text: str, doc_id: str = "") -> list[Candidate]:
    """Every candidate actor name in `text`, in text order.

    >>> [c.surface for c in discover_candidates("أعلنت حركة التوحيد والجهاد في غرب أفريقيا (MUJAO) و«داعش الصحراء»")]
    ['حركة التوحيد والجهاد', 'MUJAO', 'داعش الصحراء']
    """
    folded = fold_with_offsets(text)
    ft = folded.text
    tokens = [(m.start(), m.end()) for m in WORD_RE.finditer(ft)]
    cues = _cue_forms()
    title_first = {fold(t.split()[0]): t for t in TITLE_CUES}
    found: list[tuple[int, int, str, str]] = []
    for i, (s, e) in enumerate(tokens):
        cue, head, after = "", s, i + 1
        for stem in sorted(_stems(ft[s:e]), key=len, reverse=True):
            if stem in cues:
                cue, head = cues[stem], e - len(stem)
                break
            if stem in title_first:
                words = title_first[stem].split()
                rest = [fold(w) for w in words[1:]]
                if [ft[slice(*t)] for t in tokens[i + 1 : i + len(words)]] == rest:
                    cue, head, after = title_first[stem], e - len(stem), i + len(words)
                    break
        if not cue:
            continue
        name = _name_after(ft, tokens, after)
        if name:
            pattern = "title" if cue in TITLE_CUES else "cue"
            found.append((head, tokens[name[-1]][1], pattern, cue))
    for m in ACRONYM_RE.finditer(ft):
        found.append((m.start(1), m.end(1), "acronym", ""))
    for m in QUOTED_RE.finditer(ft):
        inner = m.group(1)
        if len(inner.split()) <= 6:
            lead = len(inner) - len(inner.lstrip())
            found.append((m.start(1) + lead, m.start(1) + len(inner.rstrip()), "quoted", ""))
    out = []
    for s, e, pattern, cue in sorted(found):
        a, b = folded.span(s, e)
        out.append(Candidate(doc_id, a, b, text[a:b], pattern, cue))
    return out


def _name_after(ft: str, tokens: list[tuple[int, int]], k: int) -> list[int]:
    """Indexes of the name tokens that follow a cue: joined by spaces only, no stopword, no number."""
    name: list[int] = []
    prev_end = tokens[k - 1][1] if k > 0 else 0
    while k < len(tokens) and len(name) < MAX_NAME_WORDS:
        s, e = tokens[k]
        word = ft[s:e]
        if ft[prev_end:s].strip() or word in stopwords() or word.isdigit():
            break
        name.append(k)
        prev_end = e
        k += 1
    return name


def _covered(c: Candidate, mentions: Iterable) -> bool:
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
    n_cue = len(c.cue.split()) if c.pattern in ("cue", "title") else 0
    inside = [any(a <= s and e <= b for a, b in spans) for s, e in words]
    if n_cue and all(inside[:n_cue]):
        return True
    return all(inside[n_cue:])


def _rejected(c: Candidate) -> Rejection | None:
    """The rejection that explains `c`: its form is the candidate or the candidate's first words."""
    key = fold(c.surface)
    for r in rejections():
        form = fold(r.form)
        if (key == form or key.startswith(form + " ")) and (not r.docs or c.doc_id in r.docs):
            return r
    return None


def _known_acronym(c: Candidate) -> bool:
    return c.pattern == "acronym" and any(
        c.surface == f.form for a in load_gazetteer().actors for f in a.latin_forms
    )


def unaccounted_candidates(rd) -> list[Candidate]:
    """Candidates in a repaired document that neither the gazetteer nor the rejection list explains.

    On a curated document this is empty; on a new document it is the list to curate.
    """
    mentions = sorted(extract_mentions(rd), key=lambda m: m.start)
    starts = [m.start for m in mentions]
    longest = max((m.end - m.start for m in mentions), default=0)

    def near(c: Candidate) -> list:
        """The mentions that may overlap `c`, found by bisection: linear time, not candidates × mentions."""
        return mentions[bisect_left(starts, c.start - longest) : bisect_left(starts, c.end)]

    return [
        c
        for c in discover_candidates(rd.text, rd.id)
        if not _covered(c, near(c)) and not _known_acronym(c) and _rejected(c) is None
    ]


def candidate_table(corpus: Iterable):
    """Every candidate with its verdict (gazetteer, rejected + reason, or new), as a DataFrame."""
    rows = []
    for rd in corpus:
        mentions = extract_mentions(rd)
        for c in discover_candidates(rd.text, rd.id):
            rejection = _rejected(c)
            if _covered(c, mentions) or _known_acronym(c):
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
