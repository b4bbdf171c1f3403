"""Fragments (`sahel_analysis.repair.layouts.fragments`): pieces of printed lines joined, floating fathatan placed."""

from __future__ import annotations

from sahel_analysis.repair.layouts.fragments import merge_fragments, place_floating_tanwin
from sahel_analysis.repair.layouts.tokens import attach_brackets


def test_word_cut_at_a_mark_never_continues_with_a_number():
    """`احتجاجا ً` then `2022` is no cut word: the number keeps its place before its suffix."""
    lines = ["جندي، لكنها عانت نقصاً مزمناً. وفي", "مايو", "2022", "م أعلنت مالي انسحابها من المجموعة احتجاجا ً"]
    assert merge_fragments(lines)[-1].startswith("2022 م أعلنت")


def test_percent_sign_and_punctuation_follow_their_number():
    """A number's percent sign or comma on the next line joins it, without a space."""
    assert merge_fragments(["إلى أقل من", "40", "%", "من الاحتياجات"])[1:] == ["40 %", "من الاحتياجات"]
    assert attach_brackets(["من", "40", "%", "من"]) == ["من", "40%", "من"]
    assert merge_fragments(["بالقرار", "2690", "، واكتمل"])[1:] == ["2690 ، واكتمل"]


def test_fathatan_on_a_line_of_its_own_goes_on_the_bare_final_alef_below():
    lines = [
        "\u064b",
        "\u0646\u0632\u0648\u062d \u0623\u0643\u062b\u0631 \u0645\u0646 2.1 \u0645\u0644\u064a\u0648\u0646 "
        "\u0634\u062e\u0635 \u062f\u0627\u062e\u0644\u064a\u0627 \u0628\u062d\u0644\u0648\u0644 \u0639\u0627\u0645",
    ]
    assert place_floating_tanwin(lines) == [
        lines[1].replace("\u062f\u0627\u062e\u0644\u064a\u0627", "\u062f\u0627\u062e\u0644\u064a\u0627\u064b")
    ]


def test_floating_fathatan_skips_pronoun_suffixes_and_particles():
    # قوامها, لكنها end in a pronoun's alef, never in fathatan: only نقصا is left.
    below = "\u0642\u0648\u0627\u0645\u0647\u0627 \u0646\u062d\u0648 \u0644\u0643\u0646\u0647\u0627 \u0639\u0627\u0646\u062a \u0646\u0642\u0635\u0627"
    assert place_floating_tanwin(["\u064b", below]) == [below + "\u064b"]


def test_floating_fathatan_is_left_alone_when_the_count_does_not_match():
    below = "\u0643\u0645\u0627 \u0623\u0646 \u0627\u0644\u0648\u0636\u0639 \u0644\u0645 \u064a\u062a\u063a\u064a\u0631"  # كما أن الوضع لم يتغير
    assert place_floating_tanwin(["\u064b", below]) == ["\u064b", below]
    two = "\u062c\u0646\u0648\u0628\u0627 \u0646\u062d\u0648 \u0645\u0635\u062f\u0631\u0627"  # two candidates, one mark
    assert place_floating_tanwin(["\u064b", two]) == ["\u064b", two]
