"""Find the enumerations in the repaired texts, check them against their announced counts, and read the coded lists.

Two sources of lists meet here. The extractor (`extract_lists`) finds what the
text itself marks as a list: numbered sections, lettered and bulleted items,
and enumerations announced in prose («يتكون البرنامج من ستة مفاهيم إستراتيجية
هي: …»). Where the text announces a count in words, the extractor checks that it
found that many items and says so when it did not. The coded lists
(`data/lists.yaml`) are a reader's coding of the same arguments: every item
quoted verbatim, glossed, categorised and tied to actors. Where the extractor
finds a list, the coded list must agree with it in count.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from sahel_analysis.coding.locate import locate_quote
from sahel_analysis.package_data import load_yaml
from sahel_analysis.text.normalize import normalize_arabic
from sahel_analysis.text.sentences import Span, split_sentences

CATEGORIES = (
    "political",
    "military_security",
    "religious_ideological",
    "international",
    "organisational",
    "socio_economic",
    "legal_judicial",
)
# What a coded list is in the argument: the synthesis compares instruments, challenges and conditions.
ROLES = (
    "instrument",
    "argument",
    "position",
    "goal",
    "challenge",
    "condition",
    "cause",
    "outcome",
    "threat",
    "structure",
    "detail",
)
# Roles whose items are parts of something else (a plan, a membership, a sub-list), left out of category counts.
SUMMARY_EXCLUDED_ROLES = ("structure", "detail")
KINDS = ("sections", "lettered", "bulleted", "announced", "cue", "ordinal")

PUNCT = "«»“”\"'()[]{}،؛:.!؟?,;…"
ITEM_TRIM = " \n\t،؛:.!؟?,;"
TOKEN_RE = re.compile(r"\S+")
SECTION_LABEL_RE = re.compile(r"^\d{1,2}[).]\s*")
LETTER_LABEL_RE = re.compile(r"^[\u0621-\u064a]\.\s*")
BULLET_LABEL_RE = re.compile("^\N{BULLET}\\s*")
# Letter labels follow the alphabetical (hijā'ī) or the abjad order.
LETTER_ORDERS = {
    "hijai": "أبتثجحخدذرزسشصضطظعغفقكلمنهوي",
    "abjad": "أبجدهوزحطيكلمنسعفصقرشتثخذضظغ",
}
# Articles and clitics a count word may carry («الثلاثة», «بالثلاثة»); kept short so «لست» is not six.
COUNT_PREFIXES = ("", "ال", "بال", "وال", "و")
ORDINAL_PREFIXES = ("", "و", "ف")
# How many words before a colon or «هي» a count word may stand and still announce the list.
COUNT_WINDOW = 10
# How far ahead an announced sentence list is looked for, in sentences.
SENTENCE_WINDOW = 15
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


@dataclass(frozen=True)
class CodedItem:
    """One item of a coded list: the verbatim Arabic, where it stands, its gloss, category and actors."""

    doc_id: str
    list_id: str
    item_no: int
    start: int
    end: int
    text: str
    gloss_en: str
    category: str
    actor_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class CodedList:
    """A coded list: what it is, the role it plays in the argument, and its items in order."""

    doc_id: str
    list_id: str
    title_en: str
    title_ar: str
    role: str
    items: tuple[CodedItem, ...]

    def __len__(self) -> int:
        return len(self.items)


@dataclass(frozen=True)
class Finding:
    """One finding of the synthesis, with the quote that evidences it and where the quote stands."""

    finding_en: str
    quote_ar: str
    doc_id: str
    paragraph: int
    sentence: int
    list_id: str = ""
    item_no: int = 0

    def __str__(self) -> str:
        return f"{self.finding_en} — «{self.quote_ar}» (doc {self.doc_id}, paragraph {self.paragraph})"


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
    from sahel_analysis.text.lexicon import lookup_form, wordfreq_zipf

    key = lookup_form(word.strip(PUNCT))
    if len(key) < 3 or key[0] not in set(letters):
        return False
    return wordfreq_zipf(key[1:]) >= wordfreq_zipf(key)


# --------------------------------------------------------------------------- tokens and spans


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    text: str


def _tokens(text: str, start: int, end: int) -> list[_Token]:
    return [_Token(start + m.start(), start + m.end(), m.group()) for m in TOKEN_RE.finditer(text[start:end])]


def _trim(text: str, start: int, end: int, strip_label: re.Pattern | None = None) -> tuple[int, int]:
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


def _clause_start(tokens: list[_Token], index: int) -> int:
    """Index of the first token of the clause that holds tokens[index] (after the last comma)."""
    i = index
    while i > 0 and not tokens[i - 1].text.endswith(("،", "؛", ":")):
        i -= 1
    return i


def _count_in(tokens: Sequence[_Token]) -> tuple[int | None, str]:
    """The last count word among `tokens`, as (value, word)."""
    for tok in reversed(tokens):
        value = count_value(tok.text)
        if value is not None:
            return value, tok.text.strip(PUNCT)
    return None, ""


def _is_conjunct(tok: _Token) -> bool:
    return has_proclitic(tok.text, "و")


def _starts_item(sentence: Span) -> bool:
    """Whether a sentence can open a fresh item: no و/ف/ل proclitic on its first word, or «كما …»."""
    first = sentence.text.split()[0] if sentence.text.split() else ""
    voc = vocabulary()
    if fold(first) in voc.additive_openers:
        return True
    return not has_proclitic(first, "".join(voc.non_item_prefixes))


def _continues(sentence: Span) -> bool:
    first = sentence.text.split()[0] if sentence.text.split() else ""
    voc = vocabulary()
    return fold(first) not in voc.additive_openers and has_proclitic(
        first, "".join(voc.continuation_prefixes)
    )


# --------------------------------------------------------------------------- splitting


def _cuts(tokens: list[_Token], kind: str) -> list[int]:
    """Offsets where a new item starts inside a run of tokens, for one kind of delimiter."""
    out = []
    for prev, tok in itertools.pairwise(tokens):
        if kind == "comma":
            cut = prev.text.endswith("،")
        elif kind == "paren_wa":
            cut = prev.text.endswith((")", "»")) and _is_conjunct(tok)
        else:
            cut = _is_conjunct(tok)
        if cut:
            out.append(tok.start)
    return out


def _nested_cue_start(text: str, tokens: list[_Token]) -> int | None:
    """Where a nested list opens inside a phrase («… خاصة مؤلفة من أفراد درك وضباط شرطة»)."""
    for i in range(1, len(tokens)):
        for cue in vocabulary().cues:
            if cue.mode == "phrase" and _match_cue(tokens, i, cue):
                return tokens[i].start
    return None


def _pieces(text: str, start: int, end: int, cuts: list[int]) -> list[tuple[int, int]]:
    bounds = [start, *cuts, end]
    spans = [_trim(text, a, b) for a, b in itertools.pairwise(bounds)]
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
    tokens = _tokens(text, start, end)
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
        elif not _continues(s):
            break
        last = i
    return _group_sentences(heads, sentences, last) if len(heads) >= 2 else []


def _shape_items(sentences: list[Span]) -> list[tuple[int, int]]:
    """Items one sentence each, as long as sentences look like fresh items (no «و»/«ف»/«ل» opener)."""
    out = [(sentences[0].start, sentences[0].end)]
    for s in sentences[1:]:
        if not _starts_item(s):
            break
        out.append((s.start, s.end))
    return out


def _ordinal_cut_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Items introduced by ordinals 1, 2, 3 … in order (أولاً … ثانياً …) inside [start, end)."""
    tokens = _tokens(text, start, end)
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
    sentences = list(split_sentences(text, [(after_colon, block_end)])[:SENTENCE_WINDOW])
    if not sentences:
        return [], ""
    first = sentences[0]
    for name, items in (
        ("ordinals", _ordinal_cut_items(text, first.start, sentences[-1].end)),
        ("anaphora", _anaphora_items(sentences)),
    ):
        if len(items) >= 2:
            return [_trim(text, a, b) for a, b in items], name
    inside = split_phrase_list(text, first.start, first.end, "clauses")
    by_sentence = _shape_items(sentences)
    readings = [("in-sentence", inside)] if len(inside) >= 2 else []
    readings.append(("sentences", by_sentence))
    if announced is not None:
        matching = [r for r in readings if len(r[1]) == announced]
        if len(matching) == 1:
            readings = matching
    name, items = readings[0]
    return [_trim(text, a, b) for a, b in items], name


# --------------------------------------------------------------------------- inline detection


@dataclass(frozen=True)
class _Found:
    kind: str
    intro: tuple[int, int]
    items: tuple[tuple[int, int], ...]
    check: CountCheck
    warnings: tuple[str, ...] = ()


def _match_cue(tokens: list[_Token], i: int, cue: Cue) -> bool:
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


def _check(
    announced: int | None, word: str, items: Sequence, where: str
) -> tuple[CountCheck, tuple[str, ...]]:
    check = CountCheck(announced, len(items), word)
    return check, (() if check.ok else (f"{where}: {check}",))


def _announced_lists(text: str, sentence: Span, block_end: int) -> list[_Found]:
    """Lists announced inside one sentence: by a colon, by «هي» after a count, or by a cue phrase."""
    found = []
    tokens = _tokens(text, sentence.start, sentence.end)
    voc = vocabulary()
    for i, tok in enumerate(tokens):
        key = fold(tok.text)
        clause = tokens[_clause_start(tokens, i) : i + 1]
        where = f"list announced at {tok.start}"
        if tok.text.endswith(":"):
            colon = tok.end
            if not text[colon:block_end].strip():
                continue  # the list follows as paragraphs: a structural list
            announced, word = _count_in(clause[-COUNT_WINDOW:])
            if announced is None and key in voc.dual_pronouns:
                announced, word = 2, tok.text.strip(PUNCT)
            if announced is None and not any(fold(t.text) in voc.announcement_words for t in clause):
                continue
            items, _ = _sentence_list(text, colon, block_end, announced)
            check, warnings = _check(announced, word, items, where)
            intro = (clause[0].start, tok.end)
            found.append(_Found("announced", intro, tuple(items), check, warnings))
        elif key in voc.count_pronouns and not tok.text.endswith(("،", ".")):
            announced, word = _count_in(clause[-COUNT_WINDOW:-1])
            if announced is None:
                continue
            items = split_phrase_list(text, tok.end, sentence.end, "phrase")
            check, warnings = _check(announced, word, items, where)
            found.append(_Found("announced", (clause[0].start, tok.end), tuple(items), check, warnings))
        else:
            for cue in voc.cues:
                if not _match_cue(tokens, i, cue):
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
            elif not _continues(sentences[j]):
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
                elif not _continues(sentences[k]):
                    break
                k -= 1
            if len(before) == first_rank - 1:
                heads = before + heads
            else:
                warnings = (
                    f"list at {sentences[i].start} starts at rank {first_rank} and its earlier items were not found",
                )
        if len(heads) >= 2:
            items = tuple(_trim(text, a, b) for a, b in _group_sentences(heads, sentences, last))
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
    tail = _tokens(text, sentences[-1].start, sentences[-1].end) if sentences else []
    announced, word = _count_in(tail[-COUNT_WINDOW:])
    return (sentences[-1].start, prev.end), CountCheck(announced, 0, word)


def _structural_lists(text: str, paragraphs) -> list[_Found]:
    found = []
    # numbered sections
    heads = [(i, p) for i, p in enumerate(paragraphs) if p.kind == "heading" and p.number]
    if heads:
        items = tuple(_trim(text, p.start, p.end, SECTION_LABEL_RE) for _, p in heads)
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
        items = tuple(_trim(text, paragraphs[m].start, paragraphs[m].end, label_re) for m in members)
        where = f"list at {p.start}"
        warnings = _letter_warnings([paragraphs[m].number for m in members], where) if kind == "item" else ()
        if kind == "item" and j < len(paragraphs):
            stray = _stray_label(text, paragraphs[j], [paragraphs[m].number for m in members])
            if stray is not None:
                items += (_trim(text, stray, paragraphs[j].end, LETTER_LABEL_RE),)
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


# --------------------------------------------------------------------------- coded lists


@cache
def read_coded_lists() -> tuple[dict, ...]:
    """The coded lists as written in `data/lists.yaml` (no offsets yet)."""
    return tuple(load_yaml("lists.yaml")["lists"])


def coded_lists(corpus) -> tuple[CodedList, ...]:
    """The coded lists with every item located in its document's repaired text.

    Item 1 must occur once in the text (or follow its unique `after` anchor);
    item k > 1 is the first occurrence after item k-1, so short items of a
    list of names («وتشاد», «ومالي») are found where the list stands.

    Raises:
        ValueError: a quote is missing, or an item 1 or title is ambiguous.
    """
    texts = {rd.id: rd.text for rd in corpus}
    out = []
    for entry in read_coded_lists():
        doc_id, list_id = str(entry["doc_id"]), entry["list_id"]
        if doc_id not in texts:
            continue
        text = texts[doc_id]
        items: list[CodedItem] = []
        for raw in entry["items"]:
            quote, where = raw["text_ar"], f"{list_id} item {raw['item_no']}"
            if items:
                at = locate_quote(text, quote, where, after=items[-1].end, unique=False)
            elif raw.get("after"):
                anchor = locate_quote(text, raw["after"], f"{where} anchor")
                at = locate_quote(text, quote, where, after=anchor + len(raw["after"]), unique=False)
            else:
                at = locate_quote(text, quote, where)
            items.append(
                CodedItem(
                    doc_id,
                    list_id,
                    int(raw["item_no"]),
                    at,
                    at + len(quote),
                    quote,
                    raw["gloss_en"],
                    raw["category"],
                    tuple(raw.get("actor_ids") or ()),
                )
            )
        title_ar = entry.get("title_ar", "") or ""
        if title_ar:
            locate_quote(text, title_ar, f"{list_id} title", unique=False)
        out.append(CodedList(doc_id, list_id, entry["title_en"], title_ar, entry["role"], tuple(items)))
    return tuple(out)


def _overlaps(a, b) -> bool:
    return a.start < b.end and b.start < a.end


def matching_enumeration(coded: CodedList, found: Iterable[Enumeration]) -> Enumeration | None:
    """The extracted list that holds most of a coded list's items (and is mostly covered by them), if any."""
    best, best_score = None, 0
    for e in found:
        if e.doc_id != coded.doc_id:
            continue
        hits = sum(any(_overlaps(c, i) for i in e.items) for c in coded.items)
        covered = sum(any(_overlaps(c, i) for c in coded.items) for i in e.items)
        if 2 * hits > len(coded.items) and 2 * covered > len(e.items) and hits > best_score:
            best, best_score = e, hits
    return best


@dataclass(frozen=True)
class Agreement:
    """How a coded list and the extractor's list compare."""

    list_id: str
    doc_id: str
    title_en: str
    n_coded: int
    extracted_id: str
    n_extracted: int | None
    announced: int | None
    count_status: str

    @property
    def agrees(self) -> bool | None:
        """True/False when the extractor found the list, None when it did not."""
        return None if self.n_extracted is None else self.n_extracted == self.n_coded


def agreement(corpus) -> tuple[Agreement, ...]:
    """Each coded list beside the extracted list it corresponds to (if the extractor found one)."""
    found = extract_all_lists(corpus)
    out = []
    for cl in coded_lists(corpus):
        e = matching_enumeration(cl, found)
        out.append(
            Agreement(
                cl.list_id,
                cl.doc_id,
                cl.title_en,
                len(cl),
                e.list_id if e else "",
                len(e) if e else None,
                e.count_check.announced if e else None,
                e.count_check.status if e else "",
            )
        )
    return tuple(out)


def list_item_rows(corpus) -> list[dict[str, object]]:
    """Rows of `list_items.csv`: every coded item, in list order (the CONTRACT columns first)."""
    found = extract_all_lists(corpus)
    docs = {rd.id: rd for rd in corpus}
    rows = []
    for cl in coded_lists(corpus):
        e = matching_enumeration(cl, found)
        rd = docs[cl.doc_id]
        for item in cl.items:
            rows.append(
                {
                    "doc_id": item.doc_id,
                    "list_id": item.list_id,
                    "item_no": item.item_no,
                    "text_ar": item.text,
                    "gloss_en": item.gloss_en,
                    "category": item.category,
                    "actor_ids": "|".join(item.actor_ids),
                    "list_title_en": cl.title_en,
                    "role": cl.role,
                    "start": item.start,
                    "end": item.end,
                    "paragraph": rd.paragraph_index(item.start),
                    "extracted_list_id": e.list_id if e else "",
                }
            )
    return rows


# --------------------------------------------------------------------------- tables for notebooks


def items_table(corpus, *, doc_id: str | None = None, roles: Sequence[str] | None = None):
    """The coded items as a DataFrame (one row per item), optionally for one document or some roles."""
    import pandas as pd

    rows = list_item_rows(corpus)
    df = pd.DataFrame(rows)
    if doc_id is not None:
        df = df[df["doc_id"] == doc_id]
    if roles is not None:
        df = df[df["role"].isin(list(roles))]
    return df.reset_index(drop=True)


def category_counts(corpus, *, doc_id: str | None = None, by: str = "list_id"):
    """Items per category, one row per list (or per document with `by="doc_id"`), categories as columns.

    Lists that are only structure or detail (sections, memberships, sub-lists)
    are left out, so each argument is counted once.
    """
    df = items_table(corpus, doc_id=doc_id)
    df = df[~df["role"].isin(SUMMARY_EXCLUDED_ROLES)]
    table = df.groupby([by, "category"]).size().unstack(fill_value=0)
    table = table.reindex(columns=[c for c in CATEGORIES if c in table.columns])
    order = list(dict.fromkeys(df[by]))
    return table.reindex(order)


def list_summary(corpus, *, doc_id: str | None = None):
    """One row per coded list: title, role, items, extractor agreement and the announced count."""
    import pandas as pd

    rows = [
        {
            "list_id": a.list_id,
            "doc_id": a.doc_id,
            "title_en": a.title_en,
            "items": a.n_coded,
            "extracted_as": a.extracted_id or "—",
            "extracted_items": a.n_extracted if a.n_extracted is not None else "—",
            "announced_in_words": a.announced if a.announced is not None else "—",
            "agrees": {True: "yes", False: "NO", None: "not extracted"}[a.agrees],
        }
        for a in agreement(corpus)
        if doc_id is None or a.doc_id == doc_id
    ]
    return pd.DataFrame(rows).set_index("list_id")


def enumeration_table(corpus, *, doc_id: str | None = None):
    """One row per extracted list: kind, items, the count check and any warning."""
    import pandas as pd

    rows = [
        {
            "list_id": e.list_id,
            "doc_id": e.doc_id,
            "kind": e.kind,
            "items": len(e),
            "count_check": str(e.count_check),
            "first_item": e.items[0].text[:60],
            "warnings": "; ".join(e.warnings),
        }
        for e in extract_all_lists(corpus)
        if doc_id is None or e.doc_id == doc_id
    ]
    return pd.DataFrame(rows).set_index("list_id")


def coded_list(corpus, list_id: str):
    """One coded list as a DataFrame: item number, Arabic, gloss, category and actors."""
    import pandas as pd

    for cl in coded_lists(corpus):
        if cl.list_id == list_id:
            return pd.DataFrame(
                [
                    {
                        "item_no": i.item_no,
                        "text_ar": i.text,
                        "gloss_en": i.gloss_en,
                        "category": i.category,
                        "actor_ids": ", ".join(i.actor_ids),
                    }
                    for i in cl.items
                ]
            ).set_index("item_no")
    raise KeyError(list_id)


def actors_by_list(corpus, *, doc_id: str | None = None):
    """Which actors each list's items involve: one row per (list, actor), with the item numbers."""
    import pandas as pd

    rows = []
    for cl in coded_lists(corpus):
        if doc_id is not None and cl.doc_id != doc_id:
            continue
        seen: dict[str, list[int]] = {}
        for item in cl.items:
            for actor in item.actor_ids:
                seen.setdefault(actor, []).append(item.item_no)
        for actor, nos in seen.items():
            rows.append({"list_id": cl.list_id, "actor_id": actor, "items": ", ".join(map(str, nos))})
    return pd.DataFrame(rows, columns=["list_id", "actor_id", "items"])


# --------------------------------------------------------------------------- synthesis


def _list_data() -> dict:
    return load_yaml("lists.yaml")


def category_labels() -> dict[str, tuple[str, str]]:
    """Each category's (English, Arabic) label, in vocabulary order."""
    raw = _list_data()["categories"]
    return {c: (raw[c]["en"], raw[c]["ar"]) for c in CATEGORIES}


def count_negotiation_words(text: str) -> int:
    """How many words of `text` speak of negotiating, dialogue, talks or mediation.

    >>> count_negotiation_words("أعلن فتح الحوار والمفاوضات مع الوسيط.")
    3
    """
    stems = [fold(s) for s in _list_data()["negotiation_stems"]]
    return sum(any(stem in fold(word) for stem in stems) for word in text.split())


def instruments_by_document(corpus, roles: Sequence[str] = ("instrument",)):
    """Coded items of the given roles per category (rows) and document (columns), zeros included."""
    df = items_table(corpus, roles=roles)
    table = df.groupby(["category", "doc_id"]).size().unstack(fill_value=0)
    table = table.reindex(index=list(CATEGORIES), columns=sorted(df["doc_id"].unique()), fill_value=0)
    return table


def _named_actor_sets(corpus) -> tuple[dict[str, set[str]], str]:
    """Actors each document names: from the actor mentions when that module exists, else from the coded lists."""
    docs = [rd.id for rd in corpus]
    try:
        from sahel_analysis.extract import actors  # built by a sibling analysis; optional here

        types = {r["actor_id"]: r["actor_type"] for r in actors.actor_rows(corpus)}
        sets: dict[str, set[str]] = {d: set() for d in docs}
        for row in actors.mention_rows(corpus):
            if types.get(row["actor_id"], "other") != "other":
                sets[str(row["doc_id"])].add(row["actor_id"])
        return sets, "actor mentions"
    except (ImportError, AttributeError):
        sets = {d: set() for d in docs}
        for cl in coded_lists(corpus):
            for item in cl.items:
                sets[cl.doc_id].update(item.actor_ids)
        return sets, "coded lists"


def actor_overlap(corpus):
    """Which actors both documents name and which only one does (one row per actor, sorted)."""
    import pandas as pd

    sets, source = _named_actor_sets(corpus)
    docs = sorted(sets)
    rows = []
    for actor in sorted(set().union(*sets.values())):
        present = [d for d in docs if actor in sets[d]]
        rows.append(
            {
                "actor_id": actor,
                **{f"in_{d}": actor in sets[d] for d in docs},
                "where": "both" if len(present) == len(docs) else f"{present[0]} only",
                "source": source,
            }
        )
    return pd.DataFrame(rows)


def _locate(rd, quote: str) -> tuple[int, int]:
    """(paragraph, sentence) indices of a quote in a repaired document."""
    at = rd.text.index(quote)
    sentence = next((k for k, s in enumerate(rd.sentences()) if s.start <= at < s.end), -1)
    return rd.paragraph_index(at), sentence


def _coded(corpus) -> dict[str, CodedList]:
    return {cl.list_id: cl for cl in coded_lists(corpus)}


def synthesis_findings(corpus, *, as_text: bool = False) -> list[Finding] | list[str]:
    """The synthesis of the two documents as findings, each with its quote and where it stands.

    Every number is counted from the coded lists or the texts; every quote is a
    verbatim substring of the repaired text of `doc_id`. With `as_text=True`
    the findings come back as plain strings (for the report's index page).
    """
    docs = {rd.id: rd for rd in corpus}
    if not {"000", "002"} <= set(docs):
        return []
    lists = _coded(corpus)
    labels = category_labels()
    out: list[Finding] = []

    def add(finding: str, doc_id: str, quote: str, list_id: str = "", item_no: int = 0) -> None:
        paragraph, sentence = _locate(docs[doc_id], quote)
        out.append(Finding(finding, quote, doc_id, paragraph, sentence, list_id, item_no))

    def item(list_id: str, no: int) -> CodedItem:
        return lists[list_id].items[no - 1]

    instr = instruments_by_document(corpus)
    n_instr = {d: int(instr[d].sum()) for d in instr.columns}
    top_002 = instr["002"].sort_values(ascending=False, kind="stable").index[:2].tolist()
    add(
        f"Document 000 weighs one instrument, negotiation: {len(lists['000_challenges'])} challenges, "
        f"{len(lists['000_conditions'])} conditions for success and {len(lists['000_group_goals'])} goals the "
        f"groups pursue by negotiating; only {n_instr['000']} items (the opening options and the closing "
        "recommendation) name instruments at all.",
        "000",
        "والشروط التي يجب توافرها لنجاح عملية التفاوض",
    )
    programme = lists["002_government_programme"]
    n_lists_002 = sum(1 for cl in lists.values() if cl.doc_id == "002" and cl.role == "instrument")
    add(
        f"Document 002 inventories Mali's instruments: {n_instr['002']} items in {n_lists_002} lists, spread over "
        f"{int((instr['002'] > 0).sum())} of the {len(CATEGORIES)} categories (largest: "
        + ", ".join(f"{labels[c][0]} {int(instr.loc[c, '002'])}" for c in top_002)
        + f"); its core is a preventive programme of {len(programme)} strategic concepts.",
        "002",
        "يعتمد نهج الحكومة المالية لمواجهة الإرهاب وعنف المتطرفين على الوقاية وحفظ الأمن بشكل تعاوني",
    )
    neg = {d: count_negotiation_words(docs[d].text) for d in ("000", "002")}
    add(
        f"They part on negotiating with jihadists: words for negotiation, dialogue, talks or mediation occur "
        f"{neg['000']} times in document 000 and {neg['002']} times in document 002, whose only negotiated track "
        "is peace with the former Azawad separatists.",
        "002",
        item("002_security_challenges", 1).text,
        "002_security_challenges",
        1,
    )
    rec = lists["000_recommendation"]
    n_military = sum(i.category == "military_security" for i in programme.items)
    add(
        "Both reject force alone: document 000 closes by recommending military action together with political "
        f"dialogue; in document 002 only {n_military} of the programme's {len(programme)} concepts is "
        "military or security.",
        "000",
        rec.items[1].text,
        rec.list_id,
        2,
    )
    rel = {
        d: Counter(
            cl.role
            for cl in lists.values()
            if cl.doc_id == d and cl.role not in SUMMARY_EXCLUDED_ROLES
            for i in cl.items
            if i.category == "religious_ideological"
        )
        for d in ("000", "002")
    }

    def by_role(counts: Counter) -> str:
        total = sum(counts.values())
        if len(counts) == 1:
            return f"{total} religious or ideological items, all in {next(iter(counts))} lists"
        parts = ", ".join(
            f"{n} {role}{'s' if n > 1 else ''}"
            for role, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        )
        return f"{total} religious or ideological items: {parts}"

    add(
        "Religion is an obstacle in document 000: its first challenge is whether the state is religious or "
        f"secular ({by_role(rel['000'])}).",
        "000",
        item("000_challenges", 1).text,
        "000_challenges",
        1,
    )
    add(
        f"Religion is an instrument in document 002 ({by_role(rel['002'])}): a ministry, imam training in "
        "Morocco and a counter-narrative campaign, its «Islamic diplomacy».",
        "002",
        item("002_religious_measures", 3).text,
        "002_religious_measures",
        3,
    )
    add(
        "International actors are a complication for document 000 (France's stance, no accepted international "
        "mediator) …",
        "000",
        item("000_challenges", 5).text,
        "000_challenges",
        5,
    )
    add(
        "… and a condition of success for document 002, which asks for cooperation at national, regional and "
        "international level.",
        "002",
        item("002_conditions", 3).text,
        "002_conditions",
        3,
    )
    legal_000 = [
        f"{i.gloss_en.lower()} ({cl.role})"
        for cl in lists.values()
        if cl.doc_id == "000" and cl.role not in SUMMARY_EXCLUDED_ROLES
        for i in cl.items
        if i.category == "legal_judicial"
    ]
    add(
        f"Only document 002 builds a judicial institution: the special judicial pole, with "
        f"{len(lists['002_judicial_pole'])} parts; document 000's {len(legal_000)} legal items are "
        + "; ".join(legal_000)
        + ".",
        "002",
        lists["002_judicial_pole"].title_ar,
        "002_judicial_pole",
    )
    overlap = actor_overlap(corpus)
    shared = overlap[overlap["where"] == "both"]["actor_id"].tolist()
    only = overlap["where"].value_counts()
    add(
        f"The documents share {len(shared)} of {len(overlap)} actors ({', '.join(shared)}); "
        f"{int(only.get('000 only', 0))} are named only in document 000 and {int(only.get('002 only', 0))} only in "
        "document 002. Iyad Ag Ghali leads JNIM in document 000 and founds Ansar Dine's cells in document 002.",
        "002",
        "أنشأ إياد أغ غالي خليتين تابعتين",
    )
    catalog = {rd.id: rd.doc for rd in corpus}
    add(
        f"Limitation: two documents only, from different standpoints and years. Document 000 (dated "
        f"{catalog['000'].date}) is by an Egyptian researcher on security and terrorism, writing about "
        "negotiation across three states …",
        "000",
        "باحث في قضايا الأمن والإرهاب، مصر",
    )
    add(
        f"… document 002 (date: {catalog['002'].date}) is by a Malian gendarmerie officer presenting his own "
        "government's approach, before the coups of 2020-2022 that document 000 describes.",
        "002",
        "الملازم أول محمد كيتا/ قيادة المدارس للدرك الوطني",
    )
    if as_text:
        return [str(f) for f in out]
    return out


def findings_table(corpus):
    """The synthesis findings as a DataFrame: finding, quote, document, paragraph and sentence."""
    import pandas as pd

    return pd.DataFrame(
        [
            {
                "finding_en": f.finding_en,
                "quote_ar": f.quote_ar,
                "doc_id": f.doc_id,
                "paragraph": f.paragraph,
                "sentence": f.sentence,
                "list_id": f.list_id,
                "item_no": f.item_no or "",
            }
            for f in synthesis_findings(corpus)
        ]
    )


def _finding(docs, doc_id: str, finding: str, quote: str, list_id: str = "", item_no: int = 0) -> Finding:
    paragraph, sentence = _locate(docs[doc_id], quote)
    return Finding(finding, quote, doc_id, paragraph, sentence, list_id, item_no)


def findings_frame(findings: Iterable[Finding]):
    """Findings as a DataFrame, one row each: the finding, its quote and where the quote stands."""
    import pandas as pd

    cols = ["finding_en", "quote_ar", "doc_id", "paragraph", "sentence", "list_id", "item_no"]
    return pd.DataFrame(
        [{c: getattr(f, c) if c != "item_no" else (f.item_no or "") for c in cols} for f in findings],
        columns=cols,
    )


def _categories_phrase(items: Iterable[CodedItem]) -> str:
    labels = category_labels()
    counts = Counter(i.category for i in items)
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], CATEGORIES.index(kv[0])))
    return ", ".join(f"{labels[c][0]} {n}" for c, n in ordered)


def document_findings(corpus, doc_id: str) -> list[Finding]:
    """The findings of one document's lists (notebooks 04 and 05), computed from the coded lists.

    Each finding carries a verbatim quote and the paragraph and sentence it stands in.
    """
    docs = {rd.id: rd for rd in corpus}
    if doc_id not in docs:
        return []
    cls = {cl.list_id: cl for cl in coded_lists(corpus) if cl.doc_id == doc_id}
    agreements = [a for a in agreement(corpus) if a.doc_id == doc_id]
    extracted = [a for a in agreements if a.agrees is not None]
    n_items = sum(len(cl) for cl in cls.values())
    out: list[Finding] = []

    def item(list_id: str, no: int) -> CodedItem:
        return cls[list_id].items[no - 1]

    def add(finding: str, quote: str, list_id: str = "", item_no: int = 0) -> None:
        out.append(_finding(docs, doc_id, finding, quote, list_id, item_no))

    if doc_id == "000":
        add(
            f"Document 000 is built of lists: {len(cls)} coded lists with {n_items} items; the extractor finds "
            f"{len(extracted)} of them and agrees on the count of {sum(bool(a.agrees) for a in extracted)}.",
            cls["000_study_sections"].title_ar,
            "000_study_sections",
        )
        against, for_, problems = (
            cls["000_arguments_against"],
            cls["000_arguments_for"],
            cls["000_problems_of_negotiation"],
        )
        add(
            f"The author gives the supporters of negotiation more arguments ({len(for_)}) than its opponents "
            f"({len(against)}), then lists {len(problems)} problems with the supporters' view.",
            item("000_problems_of_negotiation", 1).text,
            "000_problems_of_negotiation",
            1,
        )
        jnim = [(cl.list_id, i.item_no) for cl in cls.values() for i in cl.items if "jnim" in i.actor_ids]
        isgs = [(cl.list_id, i.item_no) for cl in cls.values() for i in cl.items if "isgs" in i.actor_ids]
        add(
            f"JNIM is the group the question turns on: it is involved in {len(jnim)} items across "
            f"{len({lid for lid, _ in jnim})} lists; ISGS appears in {len(isgs)}, as the group that opposed talks.",
            item("000_group_stances", 1).text,
            "000_group_stances",
            1,
        )
        challenges = cls["000_challenges"]
        add(
            f"The {len(challenges)} challenges span {len({i.category for i in challenges.items})} categories "
            f"({_categories_phrase(challenges.items)}); the first is the nature of the state, religious or secular.",
            item("000_challenges", 1).text,
            "000_challenges",
            1,
        )
        conditions = cls["000_conditions"]
        add(
            f"The {len(conditions)} conditions for success are {_categories_phrase(conditions.items)}; the only "
            "outside help they name is an accepted mediator, perhaps a neighbouring state.",
            item("000_conditions", 5).text,
            "000_conditions",
            5,
        )
        rec = cls["000_recommendation"]
        add(
            f"The closing recommendation ({_categories_phrase(rec.items)}) keeps military action alongside "
            "political dialogue, to neutralise the moderates.",
            item("000_recommendation", 2).text,
            "000_recommendation",
            2,
        )
    elif doc_id == "002":
        announced = [e for e in extract_lists(docs[doc_id]) if e.count_check.announced is not None]
        add(
            f"Document 002 announces {len(announced)} counts in words ("
            + ", ".join(f"«{e.count_check.word}» {e.count_check.announced}" for e in announced)
            + f"); the extractor finds exactly that many items in {sum(e.count_check.ok for e in announced)} of them.",
            cls["002_government_programme"].title_ar,
            "002_government_programme",
        )
        groups = [i for lid in ("002_transnational_groups", "002_ansar_dine_cells") for i in cls[lid].items]
        add(
            f"The threat is {len(groups)} named groups: {len(cls['002_transnational_groups'])} transnational "
            f"(AQIM, MUJAO, Al-Mourabitoun) and {len(cls['002_ansar_dine_cells'])} local cells of Ansar Dine "
            "created by Iyad Ag Ghali in 2015.",
            cls["002_transnational_groups"].title_ar,
            "002_transnational_groups",
        )
        causes, programme = cls["002_root_causes"], cls["002_government_programme"]
        add(
            f"The root causes of the 2012 crisis are mostly not military ({_categories_phrase(causes.items)}), "
            f"and so is the programme that answers them ({_categories_phrase(programme.items)}).",
            cls["002_root_causes"].title_ar,
            "002_root_causes",
        )
        religious = cls["002_religious_measures"]
        add(
            f"Religion is an instrument: {len(religious)} measures ({_categories_phrase(religious.items)}), "
            "among them an Islamic cooperation agreement with Morocco.",
            item("002_religious_measures", 3).text,
            "002_religious_measures",
            3,
        )
        policing = cls["002_policing_measures"]
        add(
            f"Policing rests on cooperation between forces: {len(policing)} measures "
            f"({_categories_phrase(policing.items)}), including a crisis-management operations centre.",
            item("002_policing_measures", 4).text,
            "002_policing_measures",
            4,
        )
        regional = cls["002_regional_initiatives"]
        actors_named = sorted({a for i in regional.items for a in i.actor_ids})
        add(
            f"Mali's answer is regional too: {len(regional)} initiatives ({_categories_phrase(regional.items)}), "
            f"involving {', '.join(actors_named)}.",
            item("002_regional_initiatives", 1).text,
            "002_regional_initiatives",
            1,
        )
        add(
            f"A special judicial pole of {len(cls['002_judicial_pole'])} parts prosecutes terrorism and "
            "transnational crime.",
            "القطب القضائي الخاص لمواجهة الإرهاب والجرائم التي تتخطى الحدود",
            "002_judicial_pole",
        )
        conditions = cls["002_conditions"]
        add(
            f"The closing conditions are {_categories_phrase(conditions.items)}: the peace agreement first.",
            item("002_conditions", 1).text,
            "002_conditions",
            1,
        )
    return out


def actor_matrix(corpus, doc_id: str):
    """Actors (rows) by coded list (columns): the numbers of the items that involve each actor."""
    import pandas as pd

    cls = [cl for cl in coded_lists(corpus) if cl.doc_id == doc_id and cl.role not in SUMMARY_EXCLUDED_ROLES]
    cells: dict[str, dict[str, str]] = {}
    for cl in cls:
        for item in cl.items:
            for actor in item.actor_ids:
                row = cells.setdefault(actor, {})
                row[cl.list_id] = (
                    f"{row[cl.list_id]}, {item.item_no}" if cl.list_id in row else str(item.item_no)
                )
    columns = [cl.list_id for cl in cls]
    df = pd.DataFrame.from_dict(cells, orient="index").reindex(columns=columns).fillna("")
    df.columns = [c.removeprefix(f"{doc_id}_") for c in columns]
    df["items"] = [sum(len(v.split(", ")) for v in row if v) for row in df.drop(columns=[]).values.tolist()]
    return df.sort_values("items", ascending=False, kind="stable").rename_axis("actor_id")


def group_relations(corpus, doc_id: str = "002"):
    """The stated relations (actors gazetteer) of the armed groups a document's threat lists name."""
    import pandas as pd

    groups = {
        a
        for cl in coded_lists(corpus)
        if cl.doc_id == doc_id and cl.role == "threat"
        for i in cl.items
        for a in i.actor_ids
    }
    try:
        from sahel_analysis.extract import actors
    except ImportError:
        return pd.DataFrame(columns=["source_id", "relation", "target_id", "quote_ar"])
    rel = actors.relation_table(corpus)
    rel = rel[(rel["doc_id"] == doc_id) & (rel["source_id"].isin(groups) | rel["target_id"].isin(groups))]
    return rel[["source_id", "relation", "target_id", "quote_ar"]].reset_index(drop=True)


def theme_comparison(corpus):
    """Where the two documents agree and differ, theme by theme, each side with its coded item and quote."""
    import pandas as pd

    items = {(cl.list_id, i.item_no): i for cl in coded_lists(corpus) for i in cl.items}
    docs = {rd.id: rd for rd in corpus}
    rows = []
    for theme in _list_data()["themes"]:
        row = {"theme": theme["theme_en"], "verdict": theme["verdict"], "note_en": theme["note_en"]}
        for doc_id, (list_id, no) in sorted(theme["evidence"].items()):
            if (list_id, no) not in items:
                continue
            item = items[(list_id, no)]
            row[f"{doc_id}_gloss_en"] = item.gloss_en
            row[f"{doc_id}_quote_ar"] = item.text
            row[f"{doc_id}_paragraph"] = docs[doc_id].paragraph_index(item.start)
        rows.append(row)
    return pd.DataFrame(rows).set_index("theme")
