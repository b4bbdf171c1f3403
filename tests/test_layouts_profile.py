"""Profile detection (`sahel_analysis.repair.layouts.profile`): the seeds' layouts and the evidence behind a profile."""

from __future__ import annotations

from sahel_analysis.repair.layouts.characters import letters_of, word_letters
from sahel_analysis.repair.layouts.pipeline import repair_any
from sahel_analysis.repair.layouts.profile import (
    PROFILE_NAMES,
    SPELT_BACKWARDS_MARGIN,
    detect_profile,
    letter_order_scores,
    may_be_spelt_backwards,
    may_name_other_layout,
    probe_words,
    surely_not_spelt_backwards,
)
from sahel_analysis.repair.structure import profile_sample
from sahel_analysis.text.lexicon import letters_form, token_letters_forms


def test_seed_002_is_logical(root):
    """The web article (seed 002) is already in reading order and is left alone."""
    text = (root / "seeds" / "002_d789965f71b5187f.txt").read_text(encoding="utf-8")
    profile = detect_profile(text)
    assert profile.name == "logical", profile.evidence
    assert repair_any(text) == " ".join(text.split())


def test_seed_000_is_visual_words(root):
    """The visual-order study (seed 000) is the layout repair.repair_lines handles."""
    text = (root / "seeds" / "000_53ea0760ed01dd6f.txt").read_text(encoding="utf-8")
    profile = detect_profile(text)
    assert profile.name == "visual_words", profile.evidence
    assert profile.scores["visual_order_signs"] > 3 * profile.scores["logical_order_signs"]


def test_profile_carries_its_evidence():
    """A profile says why it was chosen, with the measurements behind it."""
    profile = detect_profile("ماع ذنم يلام ةيروهمج تدهش")
    assert profile.name in PROFILE_NAMES
    assert "reversed" in profile.evidence
    assert profile.scores["known_reversed"] > profile.scores["known_as_written"]


def _sample_texts(root) -> list[str]:
    """Logical articles, the seeds and one extraction in six of every extractor's layouts."""
    paths = sorted((root / "benchmarks" / "sahel_news").glob("*.txt"))
    paths += sorted((root / "seeds").glob("*.txt"))
    paths += sorted((root / "tests" / "data" / "new_documents").glob("*.txt"))
    paths += [
        p for p in sorted((root / "benchmarks" / "extracted").rglob("*.txt"))[::6] if p.name != "VERSIONS.txt"
    ]
    return [p.read_text(encoding="utf-8") for p in paths]


def test_ruling_other_layouts_out_never_misses_one(root):
    """`may_name_other_layout` says False only where `detect_profile` names logical or visual_words."""
    ruled_out = 0
    for text in _sample_texts(root):
        sample = profile_sample(text)
        if not may_name_other_layout(sample):
            ruled_out += 1
            assert detect_profile(sample).name in ("logical", "visual_words")
    assert ruled_out >= 10  # the logical articles at least


def test_spelt_backwards_bounds_agree_with_the_scores(root):
    """The early-stopped probe of letter order decides as the full scores do."""
    for text in [*_sample_texts(root), "ماع ذنم يلام ةيروهمج تدهش", "شهدت جمهورية مالي منذ عام"]:
        written, reversed_, probes = letter_order_scores(text)
        assert may_be_spelt_backwards(text) == bool(probes and reversed_ > written + SPELT_BACKWARDS_MARGIN)
        if surely_not_spelt_backwards(probe_words(text)):
            assert not may_be_spelt_backwards(text)


def test_letters_of_every_token_at_once_match_token_by_token(root):
    for text in _sample_texts(root)[::4]:
        assert word_letters(text) == [w for w in map(letters_of, text.split()) if w]
        assert token_letters_forms(text) == [letters_form(t) for t in text.split()]
    assert word_letters("𝐀 ﻻ") == ["لا"]  # outside the BMP: token by token
    assert token_letters_forms("𝐀 ﻻ") == [letters_form("𝐀"), "لا"]


def test_a_web_article_with_one_long_paragraph_is_never_a_printed_line_layout():
    """Two short paragraphs and a long one (median under a printed line) are paragraphs, not pypdf lines."""
    short = (
        "أعلنت الحركة في بيان صدر في الأول من نوفمبر 2010 م، عن تأسيس جناح سياسي جديد و ما يتبعه من هياكل."
    )
    text = "\n".join([short, short + " وقالت إنها تمثل سكان الإقليم.", short * 5 + " منذ 50 عاما ."])
    assert detect_profile(text).name == "logical"
    assert repair_any(text).split() == text.split()
