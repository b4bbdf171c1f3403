"""Profile detection (`sahel_analysis.repair.layouts.profile`): the seeds' layouts and the evidence behind a profile."""

from __future__ import annotations

from sahel_analysis.repair.layouts.pipeline import repair_any
from sahel_analysis.repair.layouts.profile import PROFILE_NAMES, detect_profile


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
