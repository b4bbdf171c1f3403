"""Enumerations in any text: lists the text itself marks (sections, lettered and bulleted items, lists in prose).

The extractor finds what the text marks as a list: numbered sections,
lettered and bulleted items, and enumerations announced in prose («يتكون
البرنامج من ستة مفاهيم إستراتيجية هي: …»). Where the text announces a count in
words, the extractor checks that it found that many items and says so when it
did not. It never reads a curated coding.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sahel_analysis.extract.enumeration_cues import (
    PUNCT,
    Token,
    clause_start,
    continues_item,
    count_in,
    fold,
    is_conjunct,
    match_cue,
    ordinal_value,
    starts_item,
    tokens_in,
    trim_span,
    vocabulary,
)
from sahel_analysis.text.sentences import Span, split_sentences

KINDS = ("sections", "lettered", "bulleted", "announced", "cue", "ordinal")

SECTION_LABEL_RE = re.compile(r"^\d{1,2}[).]\s*")
LETTER_LABEL_RE = re.compile(r"^[\u0621-\u064a]\.\s*")
BULLET_LABEL_RE = re.compile("^\N{BULLET}\\s*")
# Letter labels follow the alphabetical (hijā'ī) or the abjad order.
LETTER_ORDERS = {
    "hijai": "أبتثجحخدذرزسشصضطظعغفقكلمنهوي",
    "abjad": "أبجدهوزحطيكلمنسعفصقرشتثخذضظغ",
}
# How many words before a colon or «هي» a count word may stand and still announce the list.
COUNT_WINDOW = 10
# How far ahead an announced sentence list is looked for, in sentences.
SENTENCE_WINDOW = 15
# ... read from at most this many characters after the colon (15 sentences of a 2,000-character paragraph).
SENTENCE_WINDOW_CHARS = 30_000
# Ordinals announce an item only near the start of its sentence («أما ثاني أهم تحدي …»).
ORDINAL_WINDOW = 3
# A letter label misplaced by the repair is still looked for this many characters into the next paragraph.
STRAY_WINDOW = 60


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class ListItem:
    """One item of an enumeration found in a document; `text == document text[start:end]`."""

    doc_id: str
    list_id: str
    item_no: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class CountCheck:
    """How many items the text announced (in words), and how many the extractor found."""

    announced: int | None
    found: int
    word: str = ""

    @property
    def ok(self) -> bool:
        """True when no count was announced or the announced count was found."""
        return self.announced is None or self.announced == self.found

    @property
    def status(self) -> str:
        """`matches`, `mismatch` or `not announced`."""
        if self.announced is None:
            return "not announced"
        return "matches" if self.ok else "mismatch"

    def __str__(self) -> str:
        if self.announced is None:
            return f"no count announced; {self.found} items found"
        verdict = "as announced" if self.ok else "MISMATCH"
        return f"«{self.word}» announces {self.announced}; {self.found} items found ({verdict})"


@dataclass(frozen=True)
class Enumeration:
    """A list the text marks as such: its announcement (if any), its items and its count check."""

    doc_id: str
    list_id: str
    kind: str  # one of KINDS
    intro_start: int
    intro_end: int
    intro: str  # text[intro_start:intro_end], '' when nothing announces the list
    items: tuple[ListItem, ...]
    count_check: CountCheck
    warnings: tuple[str, ...] = ()

    @property
    def start(self) -> int:
        return min(self.intro_start if self.intro else self.items[0].start, self.items[0].start)

    @property
    def end(self) -> int:
        return self.items[-1].end

    def __len__(self) -> int:
        return len(self.items)


# --------------------------------------------------------------------------- splitting


def _cuts(tokens: list[Token], kind: str) -> list[int]:
    """Offsets where a new item starts inside a run of tokens, for one kind of delimiter."""
    out = []
    for prev, tok in itertools.pairwise(tokens):
        if kind == "comma":
            cut = prev.text.endswith("،")
        elif kind == "paren_wa":
            cut = prev.text.endswith((")", "»")) and is_conjunct(tok)
        else:
            cut = is_conjunct(tok)
        if cut:
            out.append(tok.start)
    return out


def _nested_cue_start(text: str, tokens: list[Token]) -> int | None:
    """Where a nested list opens inside a phrase («… خاصة مؤلفة من أفراد درك وضباط شرطة»)."""
    for i in range(1, len(tokens)):
        for cue in vocabulary().cues:
            if cue.mode == "phrase" and match_cue(tokens, i, cue):
                return tokens[i].start
    return None


def _pieces(text: str, start: int, end: int, cuts: list[int]) -> list[tuple[int, int]]:
    bounds = [start, *cuts, end]
    spans = [trim_span(text, a, b) for a, b in itertools.pairwise(bounds)]
    return [s for s in spans if s[1] > s[0]]


def split_phrase_list(text: str, start: int, end: int, mode: str) -> list[tuple[int, int]]:
    """Split the stretch of a sentence that holds a list into item spans.

    In `clauses` mode commas separate the items; in `phrase` mode the list ends at
    the clause's first comma and «و» joins the items. The strongest delimiter
    present decides, never an announced count (so the count check stays a
    check): a comma, then «و» after a closing bracket, then any «و» — so
    «حركة التوحيد والجهاد في غرب أفريقيا (MUJAO)» stays whole.

    >>> t = "تتكون من بوركينا فاسو وتشاد ومالي وموريتانيا والنيجر."
    >>> [t[a:b] for a, b in split_phrase_list(t, 9, len(t), "phrase")]
    ['بوركينا فاسو', 'وتشاد', 'ومالي', 'وموريتانيا', 'والنيجر']
    """
    if mode == "phrase":
        comma = text.find("،", start, end)
        end = comma if comma != -1 else end
        kinds = ("paren_wa", "wa")
    else:
        kinds = ("comma", "paren_wa", "wa")
    tokens = tokens_in(text, start, end)
    nested = _nested_cue_start(text, tokens) if mode == "phrase" else None
    for kind in kinds:
        cuts = _cuts(tokens, kind)
        if nested is not None:
            cuts = [c for c in cuts if c < nested]
        if cuts:
            return _pieces(text, start, end, cuts)
    return _pieces(text, start, end, [])


def _group_sentences(heads: list[int], sentences: list[Span], last: int) -> list[tuple[int, int]]:
    """Item spans from the sentences that open items, each running to the next (or to `last`)."""
    out = []
    for k, h in enumerate(heads):
        stop = heads[k + 1] - 1 if k + 1 < len(heads) else last
        out.append((sentences[h].start, sentences[stop].end))
    return out


def _anaphora_items(sentences: list[Span]) -> list[tuple[int, int]]:
    """Items that open with the same word («يجب …. يجب …. يجب …»), each with its continuations."""
    opener = fold(sentences[0].text.split()[0])
    heads, last = [0], 0
    for i, s in enumerate(sentences[1:], start=1):
        if fold(s.text.split()[0]) == opener:
            heads.append(i)
        elif not continues_item(s):
            break
        last = i
    return _group_sentences(heads, sentences, last) if len(heads) >= 2 else []


def _shape_items(sentences: list[Span]) -> list[tuple[int, int]]:
    """Items one sentence each, as long as sentences look like fresh items (no «و»/«ف»/«ل» opener)."""
    out = [(sentences[0].start, sentences[0].end)]
    for s in sentences[1:]:
        if not starts_item(s):
            break
        out.append((s.start, s.end))
    return out


def _ordinal_cut_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Items introduced by ordinals 1, 2, 3 … in order (أولاً … ثانياً …) inside [start, end)."""
    tokens = tokens_in(text, start, end)
    cuts, expected = [], 1
    for i, tok in enumerate(tokens):
        at_start = i == 0 or tokens[i - 1].text.endswith(("،", "؛", ":", ".", "؟", "!"))
        if at_start and ordinal_value(tok.text) == expected:
            cuts.append(tok.start)
            expected += 1
    if len(cuts) < 2:
        return []
    last_sentence_end = next((s.end for s in split_sentences(text, [(cuts[-1], end)])), end)
    return _pieces(text, cuts[0], last_sentence_end, cuts[1:])


def _sentence_list(
    text: str, after_colon: int, block_end: int, announced: int | None
) -> tuple[list[tuple[int, int]], str]:
    """Items of a list announced by a colon with text after it, and the reading that found them.

    Ordinals (أولاً … ثانياً) and a repeated opener («يجب … يجب …») decide
    when present. Otherwise the list is either inside the sentence after the
    colon («هما: كتيبة … وكتيبة …») or one sentence per item («هي: إنشاء … .
    استعادة … .»); the announced count chooses between those two readings
    when exactly one of them matches it, and the sentence reading is preferred
    only when the first sentence cannot be split.
    """
    # only the first sentences matter: splitting the whole block after every colon would cost its length squared
    window_end = min(block_end, after_colon + SENTENCE_WINDOW_CHARS)
    sentences = list(split_sentences(text, [(after_colon, window_end)])[:SENTENCE_WINDOW])
    if not sentences:
        return [], ""
    first = sentences[0]
    for name, items in (
        ("ordinals", _ordinal_cut_items(text, first.start, sentences[-1].end)),
        ("anaphora", _anaphora_items(sentences)),
    ):
        if len(items) >= 2:
            return _trimmed(text, items), name
    inside = split_phrase_list(text, first.start, first.end, "clauses")
    by_sentence = _shape_items(sentences)
    readings = [("in-sentence", inside)] if len(inside) >= 2 else []
    readings.append(("sentences", by_sentence))
    if announced is not None:
        matching = [r for r in readings if len(r[1]) == announced]
        if len(matching) == 1:
            readings = matching
    name, items = readings[0]
    return _trimmed(text, items), name


def _trimmed(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans trimmed of blanks and punctuation, those left empty dropped («هي: .» has no item)."""
    trimmed = (trim_span(text, a, b) for a, b in spans)
    return [(a, b) for a, b in trimmed if b > a]


# --------------------------------------------------------------------------- inline detection


@dataclass(frozen=True)
class _Found:
    kind: str
    intro: tuple[int, int]
    items: tuple[tuple[int, int], ...]
    check: CountCheck
    warnings: tuple[str, ...] = ()


def _check(
    announced: int | None, word: str, items: Sequence, where: str
) -> tuple[CountCheck, tuple[str, ...]]:
    check = CountCheck(announced, len(items), word)
    return check, (() if check.ok else (f"{where}: {check}",))


def _announced_lists(text: str, sentence: Span, block_end: int) -> list[_Found]:
    """Lists announced inside one sentence: by a colon, by «هي» after a count, or by a cue phrase."""
    found = []
    tokens = tokens_in(text, sentence.start, sentence.end)
    voc = vocabulary()
    for i, tok in enumerate(tokens):
        key = fold(tok.text)
        clause = tokens[clause_start(tokens, i) : i + 1]
        where = f"list announced at {tok.start}"
        if tok.text.endswith(":"):
            colon = tok.end
            if not text[colon:block_end].strip():
                continue  # the list follows as paragraphs: a structural list
            announced, word = count_in(clause[-COUNT_WINDOW:])
            if announced is None and key in voc.dual_pronouns:
                announced, word = 2, tok.text.strip(PUNCT)
            if announced is None and not any(fold(t.text) in voc.announcement_words for t in clause):
                continue
            items, _ = _sentence_list(text, colon, block_end, announced)
            if not items:
                continue  # nothing but punctuation follows the colon
            check, warnings = _check(announced, word, items, where)
            intro = (clause[0].start, tok.end)
            found.append(_Found("announced", intro, tuple(items), check, warnings))
        elif key in voc.count_pronouns and not tok.text.endswith(("،", ".")):
            announced, word = count_in(clause[-COUNT_WINDOW:-1])
            if announced is None:
                continue
            items = split_phrase_list(text, tok.end, sentence.end, "phrase")
            if not items:
                continue  # «… الثلاثة هي» ends its sentence: the items, if any, are elsewhere
            check, warnings = _check(announced, word, items, where)
            found.append(_Found("announced", (clause[0].start, tok.end), tuple(items), check, warnings))
        else:
            for cue in voc.cues:
                if not match_cue(tokens, i, cue):
                    continue
                last = tokens[i + len(cue.words) - 1]
                items = split_phrase_list(text, last.end, sentence.end, cue.mode)
                if len(items) >= 2:
                    check = CountCheck(None, len(items))
                    found.append(_Found("cue", (tok.start, last.end), tuple(items), check))
                break
    return found


def _sentence_ordinal(sentence: Span) -> int | None:
    for word in sentence.text.split()[:ORDINAL_WINDOW]:
        value = ordinal_value(word)
        if value is not None:
            return value
    return None


def _ordinal_lists(text: str, sentences: list[Span]) -> list[_Found]:
    """Runs of sentences numbered by ordinals near their start (… أما ثاني أهم تحدي …).

    A run that starts at rank k > 1 takes its first k-1 items from the sentences
    before it that open with the same word («أما … . أما ثاني …»).
    """
    found = []
    ranks = [_sentence_ordinal(s) for s in sentences]
    i = 0
    while i < len(sentences):
        if ranks[i] is None:
            i += 1
            continue
        first_rank, heads, j, last = ranks[i], [i], i + 1, i
        while j < len(sentences):
            if ranks[j] == first_rank + len(heads):
                heads.append(j)
            elif not continues_item(sentences[j]):
                break
            last = j
            j += 1
        warnings: tuple[str, ...] = ()
        if first_rank > 1:
            opener = fold(sentences[i].text.split()[0])
            before, k = [], i - 1
            while k >= 0 and len(before) < first_rank - 1:
                if fold(sentences[k].text.split()[0]) == opener:
                    before.insert(0, k)
                elif not continues_item(sentences[k]):
                    break
                k -= 1
            if len(before) == first_rank - 1:
                heads = before + heads
            else:
                warnings = (
                    f"list at {sentences[i].start} starts at rank {first_rank} and its earlier items were not found",
                )
        if len(heads) >= 2:
            items = tuple(trim_span(text, a, b) for a, b in _group_sentences(heads, sentences, last))
            found.append(_Found("ordinal", (0, 0), items, CountCheck(None, len(items)), warnings))
        i = j
    return found


def _inline_lists(text: str, blocks: Sequence[tuple[int, int]]) -> list[_Found]:
    found: list[_Found] = []
    for block_start, block_end in blocks:
        sentences = list(split_sentences(text, [(block_start, block_end)]))
        for s in sentences:
            found += _announced_lists(text, s, block_end)
        taken = [(f.items[0][0], f.items[-1][1]) for f in found]
        for f in _ordinal_lists(text, sentences):
            if not any(a < f.items[-1][1] and f.items[0][0] < b for a, b in taken):
                found.append(f)
    return found


def _finish(doc_id: str, text: str, found: Iterable[_Found]) -> tuple[Enumeration, ...]:
    """Number the lists in reading order and turn spans into records."""
    ordered = sorted(found, key=lambda f: (f.items[0][0], -f.items[-1][1]))
    out = []
    for n, f in enumerate(ordered, start=1):
        list_id = f"{doc_id}-L{n:02d}"
        items = tuple(
            ListItem(doc_id, list_id, k, a, b, text[a:b]) for k, (a, b) in enumerate(f.items, start=1)
        )
        intro_text = text[f.intro[0] : f.intro[1]] if f.intro[1] > f.intro[0] else ""
        out.append(
            Enumeration(
                doc_id, list_id, f.kind, f.intro[0], f.intro[1], intro_text, items, f.check, f.warnings
            )
        )
    return tuple(out)


def detect_enumerations(
    text: str, doc_id: str = "", blocks: Sequence[tuple[int, int]] | None = None
) -> tuple[Enumeration, ...]:
    """Find the lists announced in running prose, each with its count check.

    Three signals open a list: a colon after a count word or an announcing word
    («… ستة مفاهيم إستراتيجية هي:», «… الشروط الثلاثة التالية:»), «هي» after a
    count word without a colon, and cue phrases («بما في ذلك», «، منها», «تتكون
    من»). Runs of sentences numbered by ordinals (أولاً، ثانياً / أول، ثاني) are
    lists too. `blocks` are the paragraphs (default: the whole text as one).

    >>> t = "يجب أن تفي بالشروط الثلاثة التالية: يجب تنفيذ الاتفاق. يجب تحديث الإستراتيجية. وهذا مهم. يجب تعزيز التعاون."
    >>> [e] = detect_enumerations(t)
    >>> [i.text for i in e.items]
    ['يجب تنفيذ الاتفاق', 'يجب تحديث الإستراتيجية. وهذا مهم', 'يجب تعزيز التعاون']
    >>> str(e.count_check)
    '«الثلاثة» announces 3; 3 items found (as announced)'
    """
    blocks = blocks if blocks is not None else [(0, len(text))]
    return _finish(doc_id, text, _inline_lists(text, blocks))


# --------------------------------------------------------------------------- structural lists


def _letter_warnings(labels: list[str], where: str) -> tuple[str, ...]:
    for order in LETTER_ORDERS.values():
        if "".join(labels) == order[: len(labels)]:
            return ()
    return (f"{where}: letter labels {' '.join(labels)} skip or repeat a letter",)


def _stray_label(text: str, paragraph, labels: list[str]) -> int | None:
    """Where the next letter label («ح.») stands near the start of a paragraph that a repair mis-ordered."""
    for order in LETTER_ORDERS.values():
        if "".join(labels) == order[: len(labels)] and len(labels) < len(order):
            m = re.search(
                rf"(?:^|\s)({order[len(labels)]}\.\s)", text[paragraph.start : paragraph.end][:STRAY_WINDOW]
            )
            if paragraph.kind == "paragraph" and m:
                return paragraph.start + m.start(1)
    return None


def _intro_of(text: str, paragraphs, index: int) -> tuple[tuple[int, int], CountCheck | None]:
    """The paragraph before a structural list, when it ends with a colon, and the count it announces."""
    if index == 0:
        return (0, 0), None
    prev = paragraphs[index - 1]
    if prev.kind != "paragraph" or not prev.text.rstrip().endswith(":"):
        return (0, 0), None
    sentences = split_sentences(text, [(prev.start, prev.end)])
    tail = tokens_in(text, sentences[-1].start, sentences[-1].end) if sentences else []
    announced, word = count_in(tail[-COUNT_WINDOW:])
    return (sentences[-1].start, prev.end), CountCheck(announced, 0, word)


def _structural_lists(text: str, paragraphs) -> list[_Found]:
    found = []
    # numbered sections
    heads = [(i, p) for i, p in enumerate(paragraphs) if p.kind == "heading" and p.number]
    if heads:
        items = tuple(trim_span(text, p.start, p.end, SECTION_LABEL_RE) for _, p in heads)
        numbers = [int(p.number) for _, p in heads]
        warnings = (
            ()
            if numbers == list(range(1, len(numbers) + 1))
            else (f"section numbers {numbers} are not 1..n",)
        )
        intro, announced = _intro_of(text, paragraphs, heads[0][0])
        check = CountCheck(
            announced.announced if announced else None, len(items), announced.word if announced else ""
        )
        found.append(_Found("sections", intro, items, check, warnings))
    # lettered items: maximal runs of consecutive item paragraphs
    # bulleted items: bullets of one section; a bullet ending in a colon is a run-in heading whose
    # body paragraphs may stand between it and the next bullet
    i = 0
    while i < len(paragraphs):
        p = paragraphs[i]
        if p.kind not in ("item", "bullet"):
            i += 1
            continue
        kind = p.kind
        members, j = [i], i + 1
        while j < len(paragraphs):
            q = paragraphs[j]
            if q.kind == kind:
                members.append(j)
            elif (
                kind == "bullet"
                and q.kind == "paragraph"
                and paragraphs[members[-1]].text.rstrip().endswith(":")
            ):
                pass
            else:
                break
            j += 1
        label_re = LETTER_LABEL_RE if kind == "item" else BULLET_LABEL_RE
        items = tuple(trim_span(text, paragraphs[m].start, paragraphs[m].end, label_re) for m in members)
        where = f"list at {p.start}"
        warnings = _letter_warnings([paragraphs[m].number for m in members], where) if kind == "item" else ()
        if kind == "item" and j < len(paragraphs):
            stray = _stray_label(text, paragraphs[j], [paragraphs[m].number for m in members])
            if stray is not None:
                items += (trim_span(text, stray, paragraphs[j].end, LETTER_LABEL_RE),)
                warnings += (
                    f"{where}: the next label stands inside the paragraph at {paragraphs[j].start}; "
                    "its line may be out of order in the repair",
                )
                j += 1
        intro, announced = _intro_of(text, paragraphs, i)
        check, extra = _check(
            announced.announced if announced else None, announced.word if announced else "", items, where
        )
        found.append(
            _Found("lettered" if kind == "item" else "bulleted", intro, items, check, warnings + extra)
        )
        i = j
    return found


def extract_lists(rd) -> tuple[Enumeration, ...]:
    """Every list in a repaired document: sections, lettered and bulleted items, and lists in prose.

    Args:
        rd: a `RepairedDocument` (its paragraphs already carry kind and number).

    Returns:
        The lists in reading order, ids `<doc>-L01`, `<doc>-L02` …; each item's
        `text == rd.text[start:end]`.
    """
    body = [p for p in rd.paragraphs if p.kind not in ("title", "subtitle", "author", "affiliation")]
    found = _structural_lists(rd.text, rd.paragraphs)
    found += _inline_lists(rd.text, [(p.start, p.end) for p in body])
    return _finish(rd.id, rd.text, found)


def extract_all_lists(corpus) -> tuple[Enumeration, ...]:
    """The lists of every document in the corpus, document by document."""
    return tuple(e for rd in corpus for e in extract_lists(rd))
