"""`sahel-analysis build` says what it does: in its help, and from its first second."""

from __future__ import annotations

import pytest

from sahel_analysis.cli import build_parser


def test_build_help_describes_each_step_and_gives_an_example(capsys):
    """`build -h` lists the four steps, the offline rule, the options and an example."""
    with pytest.raises(SystemExit):
        build_parser().parse_args(["build", "-h"])
    text = capsys.readouterr().out
    for words in ("check the corpus", "figures/", "notebooks (notebooks/NN-*.ipynb) execute", "Sphinx", "network"):
        assert words in text
    assert "--no-execute" in text and "--pdf" in text and "sahel-analysis build" in text.split("example")[-1]
