"""Measure how fast `sahel_analysis.extract.actors.find_mentions` reads text, in MB/s of UTF-8 on one core.

The text is the two repaired seed documents and the 16 benchmark paragraphs in
``corpus/``, repeated until it holds at least ``--mb`` megabytes. The first call
builds the automaton (timed apart); the figure is the best of ``--runs`` calls,
in wall-clock time and in the CPU time of this process (steadier on a busy
machine).
A second figure adds numbering each mention's sentence, with the sentence
boundaries found by `documents.split_sentences` inside the timing.

Usage::

    .venv/bin/python benchmarks/bench_mentions.py [--mb 4] [--runs 5]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from sahel_analysis.corpus.repaired import repaired_corpus
from sahel_analysis.extract.actors import find_mentions
from sahel_analysis.extract.gazetteer import load_gazetteer
from sahel_analysis.text.sentences import split_sentences

HERE = Path(__file__).resolve().parent


def sample_text(megabytes: float) -> str:
    """The corpus and the benchmark paragraphs, repeated to at least `megabytes` MB of UTF-8."""
    pieces = [rd.text for rd in repaired_corpus(HERE.parent)]
    pieces += [p.read_text(encoding="utf-8") for p in sorted((HERE / "corpus").glob("*.txt"))]
    unit = "\n\n".join(pieces)
    size = len(unit.encode("utf-8"))
    return "\n\n".join([unit] * max(1, int(megabytes * 1e6 / size + 0.999)))


def best_of(runs: int, fn, clock=time.perf_counter) -> tuple[float, object]:
    """The shortest of `runs` timings of `fn()` on `clock`, and its result."""
    best, result = float("inf"), None
    for _ in range(runs):
        t0 = clock()
        result = fn()
        best = min(best, clock() - t0)
    return best, result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=4.0, help="megabytes of text to search (default 4)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs; the best is reported (default 5)")
    args = parser.parse_args(argv)

    text = sample_text(args.mb)
    mb = len(text.encode("utf-8")) / 1e6
    t0 = time.perf_counter()
    find_mentions("مالي", gazetteer=load_gazetteer())
    setup = time.perf_counter() - t0

    seconds, mentions = best_of(args.runs, lambda: find_mentions(text, "bench"))
    cpu, _ = best_of(args.runs, lambda: find_mentions(text, "bench"), time.process_time)

    def with_sentences():
        starts = [s.start for s in split_sentences(text, [(0, len(text))])]
        return find_mentions(text, "bench", sentence_starts=starts)

    seconds_s, _ = best_of(args.runs, with_sentences)
    print(f"text: {mb:.2f} MB UTF-8, {len(text):,} characters; gazetteer load + automaton: {setup:.2f} s")
    print(f"find_mentions: {len(mentions):,} mentions in {seconds:.3f} s = {mb / seconds:.1f} MB/s")
    print(f"find_mentions, CPU time of this process: {cpu:.3f} s = {mb / cpu:.1f} MB/s")
    print(f"with sentence numbering: {seconds_s:.3f} s = {mb / seconds_s:.1f} MB/s")


if __name__ == "__main__":
    main()
