"""Arabic labels are right for the installed matplotlib, figures draw every glyph, and are stable."""

from __future__ import annotations

import hashlib
import io
import itertools
import json
import os
import warnings
from dataclasses import replace

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pytest
from conftest import seed_corpus
from matplotlib.colors import to_rgb

from sahel_analysis.figures import render
from sahel_analysis.figures.registry import figure_registry

HASHES = "figure_hashes.json"


def test_native_matplotlib_gets_logical_text():
    """With libraqm, a label is passed through in logical order, untouched."""
    assert render.arabic_label("نصرة الإسلام والمسلمين", native=True) == "نصرة الإسلام والمسلمين"


def test_old_renderers_get_shaped_and_reordered_text():
    """Without shaping, the label is reshaped into presentation forms and reordered for display."""
    shaped = render.arabic_label("مالي", native=False)
    assert shaped != "مالي" and render.PRESENTATION_RE.search(shaped)


def test_this_matplotlib_shapes_natively():
    """The pinned matplotlib (>= 3.11) has libraqm, so labels go in as logical text."""
    assert render.has_native_shaping()


def test_dollar_signs_never_reach_mathtext():
    """A `$` is escaped, so a label is never parsed as mathematics."""
    assert render.arabic_label("10$ مليون", native=True) == r"10\$ مليون"


def test_house_style_leaves_no_global_state():
    """The house style applies inside the block only."""
    before = dict(matplotlib.rcParams)
    with render.house_style():
        assert matplotlib.rcParams["svg.hashsalt"] == "sahel-analysis"
    assert dict(matplotlib.rcParams) == before


@pytest.fixture(scope="module")
def figures(root):
    corpus = seed_corpus(root)
    made = {}
    for stem, make in figure_registry(corpus):
        with warnings.catch_warnings(record=True) as caught, render.house_style():
            warnings.simplefilter("always")
            fig = make(corpus)
            buf = io.BytesIO()
            fig.savefig(buf, format="png", metadata={"Software": None})
        made[stem] = (fig, buf.getvalue(), [str(w.message) for w in caught])
        plt.close(fig)
    return made


def test_no_figure_misses_a_glyph(figures):
    """No figure emits a missing-glyph warning: the project font covers every character."""
    for stem, (_, _, caught) in figures.items():
        assert not [w for w in caught if "missing from font" in w or "Glyph" in w], stem


def test_no_label_holds_presentation_forms(figures):
    """Labels are stored in logical order, never pre-shaped (matplotlib shapes them)."""
    for stem, (fig, _, _) in figures.items():
        for text in fig.findobj(matplotlib.text.Text):
            assert not render.PRESENTATION_RE.search(text.get_text()), (stem, text.get_text())


def test_figures_match_their_recorded_hashes(figures, root):
    """Each figure's PNG is byte-identical to the recorded one (image regression, hash mode).

    After an intended change, regenerate with SAHEL_UPDATE_FIGURE_HASHES=1 and look at the PNGs.
    """
    path = root / "tests" / "data" / HASHES
    current = {stem: hashlib.sha256(png).hexdigest() for stem, (_, png, _) in sorted(figures.items())}
    if os.environ.get("SAHEL_UPDATE_FIGURE_HASHES") == "1":
        path.write_text(json.dumps(current, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    assert path.exists(), "no recorded hashes: run with SAHEL_UPDATE_FIGURE_HASHES=1 and look at the figures"
    recorded = json.loads(path.read_text(encoding="utf-8"))
    assert current == recorded


@pytest.mark.parametrize("n", range(1, 41))
def test_documents_get_distinct_colours_at_any_corpus_size(n):
    """No two of n documents share a colour (nor two nearly alike), and the first eight keep the Okabe-Ito order."""
    ids = [f"{k:03}" for k in range(n)]
    colours = render.document_colours(ids)
    assert list(colours) == ids and colours == render.document_colours(ids)
    rgb = [to_rgb(c) for c in colours.values()]
    closest = min(
        (
            sum((x - y) ** 2 for x, y in zip(a, b, strict=True)) ** 0.5
            for a, b in itertools.combinations(rgb, 2)
        ),
        default=1,
    )
    assert closest > (0.09 if n <= 20 else 0.05)
    if n <= len(render.PALETTE):
        assert tuple(colours.values()) == render.PALETTE[:n]


@pytest.fixture(scope="module")
def thirty_documents(root):
    """The two seeds and 28 copies of them under new ids: a corpus of 30 documents."""
    seeds = seed_corpus(root)
    copies = [replace(rd, doc=replace(rd.doc, id=f"c{k:02}-{rd.id}")) for k in range(14) for rd in seeds]
    return [*seeds, *copies]


def test_figures_of_thirty_documents_build_without_a_legend_entry_per_document(thirty_documents):
    """Every figure builds for 30 documents, and no legend lists them one by one."""
    for stem, make in figure_registry(thirty_documents):
        with render.house_style():
            fig = make(thirty_documents)
        legends = [a.get_legend() for a in fig.axes if a.get_legend() is not None] + list(fig.legends)
        assert all(len(legend.get_texts()) < 10 for legend in legends), stem
        plt.close(fig)
