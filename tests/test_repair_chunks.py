"""The quick tests that rule junctions out before a glued word is built: never a junction that counts.

`surely_inadmissible` and `may_be_known` only save time: every junction they
rule out must be one the full test (`_valid_join`, `rotate_cut`,
`is_glue_word`) rejects. Checked over every junction the chunking search of
seed 000 tries, and over the benchmark's visual extractions' first lines.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sahel_analysis.repair import chunks
from sahel_analysis.repair.chunks import is_glue_word, surely_inadmissible
from sahel_analysis.repair.tokens import joinable, rotate_cut, strong_fragment, tokenize_line
from sahel_analysis.text.charmap import split_edges
from sahel_analysis.text.lexicon import Lexicon, lexicon_key, may_be_known, stem_zipf, wordfreq_zipf

ROOT = Path(__file__).resolve().parents[1]


def full_glue_test(pieces: tuple[str, ...], lexicon: Lexicon) -> bool:
    """`glue_admissible` without its quick tests."""
    word = "".join(pieces)
    if not all(joinable(p) for p in pieces) or not chunks._valid_join(word):
        return False
    if all(strong_fragment(p, lexicon) for p in pieces):
        return True
    lead, core, _ = split_edges(word)
    return is_glue_word(rotate_cut(lead, core, pieces, lexicon), pieces, lexicon)


def tried_junctions(lines: list[str], lexicon: Lexicon) -> set[tuple[str, ...]]:
    """Every junction's pieces (head first) the chunking search tries on these lines."""
    tried: set[tuple[str, ...]] = set()
    real = chunks._glue_admissible_cached

    def spy(pieces, key):
        tried.add(pieces)
        return real(pieces, key)

    chunks._glue_admissible_cached = spy
    try:
        for line in lines:
            list(chunks.chunkings([t.text for t in tokenize_line(line)], lexicon))
    finally:
        chunks._glue_admissible_cached = real
    return tried


@pytest.fixture(scope="module")
def seed_junctions() -> set[tuple[str, ...]]:
    seed = next((ROOT / "seeds").glob("000_*.txt")).read_text(encoding="utf-8")
    lines = [ln for ln in seed.splitlines() if ln.strip()]
    return tried_junctions(lines, Lexicon())


def test_quick_junction_tests_rule_out_only_what_the_full_test_rejects(seed_junctions):
    lexicon = Lexicon()
    key = lexicon_key(lexicon)
    wrongly = [p for p in seed_junctions if surely_inadmissible(p, key) and full_glue_test(p, lexicon)]
    assert wrongly == []


def test_quick_junction_tests_rule_out_most_junctions(seed_junctions):
    key = lexicon_key(Lexicon())
    ruled_out = sum(surely_inadmissible(p, key) for p in seed_junctions)
    assert ruled_out > 0.8 * len(seed_junctions)


def test_quick_junction_tests_hold_on_the_benchmark_extractions():
    lexicon = Lexicon()
    key = lexicon_key(lexicon)
    lines = []
    for path in sorted((ROOT / "benchmarks/extracted").rglob("*.txt"))[::12]:
        if path.name != "VERSIONS.txt":
            lines += [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()][:15]
    junctions = tried_junctions(lines, lexicon)
    assert [p for p in junctions if surely_inadmissible(p, key) and full_glue_test(p, lexicon)] == []


@pytest.mark.parametrize(
    "form", ["الساحل", "لحاسلا", "وبالمفاوضات", "تاضوافملابو", "كتابهما", "تائج", "فعدا", "مل", "و", "abc"]
)
def test_a_form_ruled_out_has_no_frequency_even_through_its_clitics(form):
    if not may_be_known(form):
        assert wordfreq_zipf(form) == 0
        assert stem_zipf(form) < 0
        assert Lexicon().zipf(form) < 0


def test_known_words_and_their_clitic_forms_are_never_ruled_out():
    assert all(may_be_known(f) for f in ("الساحل", "وبالمفاوضات", "كتابهما", "و", "abc"))
    assert not may_be_known("لحاسلا")
