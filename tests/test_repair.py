"""Repair reorders characters and whitespace only, reproduces the verified reading of seed 000,
and leaves logical text alone."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sahel_analysis.repair.detect import detect_visual_order
from sahel_analysis.repair.lines import normalize_whitespace, repair_visual_line
from sahel_analysis.repair.structure import build_structure, repair_text
from sahel_analysis.repair.tokens import fix_visual_token
from sahel_analysis.text.charmap import mapped_glyphs

WORDS = [
    "الحكومة", "التفاوض", "مع", "التنظيمات", "الإرهابية", "في", "مِنطقة", "الساحل", "الإفريقي",
    "أعلنت", "مالي", "وبوركينا", "فاسو", "النيجر", "جماعة", "نصرة", "الإسلام", "والمسلمين",
    "التدخُّل", "شتَّى", "المتشدِّدة", "قوَّات", "على", "إلى", "من", "عن", "الحوار", "السلام",
]  # fmt: skip


@pytest.fixture(scope="module")
def seed000(corpus):
    """Seed 000 repaired once for the whole module (repair takes seconds)."""
    return build_structure(corpus["000"].raw_text)


def reference(root) -> dict[int, str]:
    rows = (root / "tests" / "data" / "seed000_reference.tsv").read_text(encoding="utf-8").splitlines()
    return {int(n): text for n, text in (r.split("\t") for r in rows)}


def folded(text: str) -> Counter:
    """Non-space characters with mapped glyphs folded to one class each (bullets, bracket pairs)."""
    fold = {}
    for src, dst in mapped_glyphs().items():
        key = "bullet" if dst == "\N{BULLET}" else "".join(sorted({src, dst}))
        fold[src] = fold[dst] = key
    return Counter(fold.get(c, c) for c in text if not c.isspace())


def test_every_seed_line_keeps_its_characters(corpus, seed000):
    """Each repaired line of seed 000 holds exactly the raw line's characters (mapped glyphs folded)."""
    doc = seed000
    raw = corpus["000"].raw_text.split("\n")
    for number, text in doc.lines:
        assert folded(text) == folded(raw[number - 1]), number


def test_seed_000_matches_the_verified_reading(seed000, root):
    """Every line of seed 000 repairs exactly to the verified reference."""
    ref = reference(root)
    got = dict(seed000.lines)
    assert [n for n, text in ref.items() if got.get(n) != text] == []
    assert sorted(got) == sorted(ref)


def test_seed_000_blocks_match_the_verified_division(corpus, root):
    """Every verified block of seed 000 (kind, span, text) comes out exact, in order."""
    from sahel_analysis.analysis.evaluation import block_agreement, read_block_reference, read_reference
    from sahel_analysis.corpus.repaired import RepairedDocument

    data = root / "tests" / "data"
    blocks = read_block_reference(data / "seed000_paragraphs.tsv")
    structure = build_structure(corpus["000"].raw_text)
    rd = RepairedDocument(corpus["000"], structure, structure.as_text())
    result = block_agreement(rd, read_reference(data / "seed000_reference.tsv"), blocks)
    assert result.differing == (), f"{result.exact} of {result.lines} blocks exact"
    spans = [(p.raw_lines[0], p.raw_lines[-1]) for p in rd.paragraphs]
    assert spans == [(b.first_line, b.last_line) for b in blocks]  # same division, same reading order


def test_paragraphs_are_the_reference_lines_joined(seed000):
    """A paragraph is its raw lines' repaired texts joined by spaces, in order."""
    doc = seed000
    lines = dict(doc.lines)
    for p in doc.paragraphs:
        assert p.text == " ".join(lines[n] for n in p.raw_lines)


def test_title_block_moves_to_metadata(seed000):
    """The title block in the middle of seed 000 becomes metadata and opens the repaired text."""
    doc = seed000
    assert doc.metadata == {
        "title": "إشكالية التفاوض مع التنظيمات الإرهابية",
        "subtitle": "قراءة في تجرِبة مِنطقة الساحل الإفريقي",
        "author": "د. حمدي بشير",
        "affiliation": "باحث في قضايا الأمن والإرهاب، مصر",
    }
    assert [p.kind for p in doc.paragraphs[:4]] == ["title", "subtitle", "author", "affiliation"]


def test_headings_items_and_bullets_are_found(seed000):
    """Numbered headings 1-4, lettered items أ-ح and the bullet items are recognised."""
    doc = seed000
    headings = [p.number for p in doc.paragraphs if p.kind == "heading" and p.number]
    items = [p.number for p in doc.paragraphs if p.kind == "item"]
    assert headings == ["1", "2", "3", "4"]
    assert items == ["أ", "ب", "ت", "ث", "ج", "ح"]
    assert sum(p.kind == "bullet" for p in doc.paragraphs) == 10


def test_logical_seed_passes_through(corpus):
    """Seed 002 is detected as logical and comes out unchanged apart from whitespace."""
    raw = corpus["002"].raw_text
    assert detect_visual_order(raw).verdict == "logical"
    assert repair_text(raw) == normalize_whitespace(raw).strip() + "\n"


def test_visual_seed_is_detected(corpus):
    """Seed 000 is detected as visual order with a clear score."""
    verdict = detect_visual_order(corpus["000"].raw_text)
    assert verdict.verdict == "visual" and verdict.score > 0.8


def test_repaired_text_is_detected_as_logical(seed000):
    """Repairing is idempotent: the repaired text reads as logical and passes through again."""
    once = seed000.as_text()
    assert detect_visual_order(once).verdict == "logical"
    assert repair_text(once) == once


TOKEN_CASES = [
    ("م2020", "2020م"),
    ("م،2021", "2021م،"),
    ("(1", "1)"),
    (".أ", "أ."),
    ("«والمسلمين", "والمسلمين»"),
    ("نصرة»", "«نصرة"),
    (")فصيل", "(فصيل"),
    ("حرام(", "حرام)"),
    (".«ءالصحرا", "الصحراء»."),
    ("يف", "في"),
    ("ماتهج", "هجمات"),
    ("الساحل", "الساحل"),
]


def test_visual_tokens_turn_logical():
    """Digit runs, brackets, guillemets, leading punctuation and scrambled pieces are fixed."""
    from sahel_analysis.text.lexicon import default_lexicon

    lex = default_lexicon()
    assert [fix_visual_token(raw, lex) for raw, _ in TOKEN_CASES] == [want for _, want in TOKEN_CASES]


def to_visual(words: list[str]) -> str:
    """Write a logical line the way a visual-order extractor does: words right to left."""
    return " ".join(reversed(words))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12))
def test_reversed_lines_keep_characters_and_read_back(words):
    """A line written in visual order repairs to a permutation of its characters, in logical order."""
    raw = to_visual(words)
    out = repair_visual_line(raw).text
    assert folded(out) == folded(raw)
    assert out.split() == words or sorted(out.split()) == sorted(words)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=3, max_size=15), st.integers(min_value=1, max_value=3))
def test_logical_text_with_spacing_noise_passes_through(words, spaces):
    """Logical text comes out with the same words in the same order, whatever its spacing."""
    text = (" " * spaces).join(words) + " في عام 2020م، على سبيل المثال."
    assert repair_text(text).split() == text.split()


def test_profile_sample_keeps_short_texts_whole():
    from sahel_analysis.repair.structure import profile_sample

    assert profile_sample("سطر أول\nسطر ثان", budget=100) == "سطر أول\nسطر ثان"


def test_profile_sample_takes_whole_lines_from_across_a_long_text():
    from sahel_analysis.repair.structure import profile_sample

    lines = [f"السطر {i}" for i in range(1000)]
    sample = profile_sample("\n".join(lines), budget=400).splitlines()
    assert set(sample) <= set(lines)  # whole lines only
    assert sample[0] == lines[0] and int(sample[-1].split()[1]) > 700  # beginning to end
    assert 300 <= sum(len(s) + 1 for s in sample) <= 600


def test_long_logical_text_is_named_logical_from_its_sample(corpus):
    from sahel_analysis.repair.structure import PROFILE_SAMPLE_CHARS

    text = (corpus["002"].raw_text + "\n") * (PROFILE_SAMPLE_CHARS // len(corpus["002"].raw_text) + 3)
    structured = build_structure(text)
    assert structured.source_form == "logical"
    assert structured.paragraphs[0].text == " ".join(corpus["002"].raw_text.split())


def test_summing_up_marker_after_a_full_stop_opens_a_paragraph_even_after_a_full_line():
    from sahel_analysis.repair.structure import group_paragraphs

    full = "كلمة " * 16
    lines = [
        (1, full + "أولى"),
        (3, full + "نهاية الجملة."),  # a full line that happens to end its paragraph
        (5, "وفي المجمل فإن " + full),
        (7, full + "أخيرة."),
        (9, "قصير."),
    ]
    blocks = group_paragraphs(lines, {}, {})
    assert [b["lines"] for b in blocks] == [[1, 3], [5, 7, 9]]


def test_ordinary_connective_after_a_full_line_continues_the_paragraph():
    from sahel_analysis.repair.structure import group_paragraphs

    full = "كلمة " * 16
    lines = [(1, full + "أولى"), (3, full + "نهاية الجملة."), (5, "وفي العام التالي " + full), (7, "قصير.")]
    assert [b["lines"] for b in group_paragraphs(lines, {}, {})] == [[1, 3, 5, 7]]
