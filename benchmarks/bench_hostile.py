"""Time on hostile text: huge words, huge lines, large documents and an alias-bomb catalog.

Run: `.venv/bin/python benchmarks/bench_hostile.py` (about 3 minutes; `--full`
adds the 10 MB visual line, about 10 minutes more). Each case prints its size,
its wall time, and its throughput where size matters, as a Markdown table. It
is a script, not a test: time is reported, never asserted; the tests pin the
bounds that keep it linear (tests/test_hardening.py).

Cases, each from issue 16's list:
- one "word" of 2,000,000 letters, alone and inside a visual-order document
  (repair tried every rotation of it: quadratic);
- one line of visual-order words, 0.25 and 1 MB (10 MB with --full): every
  way of cutting the line into runs was read (quadratic, hours for 1 MB);
- one line of logical text, 10 MB: detection, repair (pass-through) and search;
- the automatic analysis `add` runs on a new document (repair, every
  extractor, the draft coding), on logical documents of 1 and 4 MiB;
- a catalog that is a YAML alias bomb (a billion list items if expanded).
"""

from __future__ import annotations

import argparse
import contextlib
import random
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = ROOT / "tests" / "data" / "hostile"
MB = 1_000_000


def seed_text(visual: bool) -> str:
    """The seeds' text in visual (000) or logical (002) order."""
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import SEEDS

    return (ROOT / "seeds" / SEEDS["000" if visual else "002"]).read_text(encoding="utf-8")


def one_line(words: list[str], nbytes: int) -> str:
    """The words drawn at random (fixed seed) on one line, to about `nbytes` bytes of UTF-8.

    Drawn, not repeated in order: repair memoises per line piece, and a text
    that repeats itself would time the memo, not the repair.
    """
    pick = random.Random(16).choice
    out, size = [], 0
    while size < nbytes:
        word = pick(words)
        out.append(word)
        size += len(word.encode("utf-8")) + 1
    return " ".join(out)


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def row(case: str, size: str, seconds: float, megabytes: float | None = None) -> None:
    rate = f"{megabytes / seconds:.3f}" if megabytes else ""
    print(f"| {case} | {size} | {seconds:.2f} | {rate} |", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="also time a 10 MB visual-order line")
    args = parser.parse_args()

    from sahel_analysis.analysis import automatic
    from sahel_analysis.analysis.search import search
    from sahel_analysis.coding.draft import write_draft
    from sahel_analysis.corpus.catalog import CATALOG_NAME, load_corpus
    from sahel_analysis.errors import SahelError
    from sahel_analysis.repair import repair_text
    from sahel_analysis.repair.detect import detect_visual_order
    from sahel_analysis.text.lexicon import default_bigrams, default_lexicon

    default_lexicon().zipf("تحميل")  # load wordfreq's list and the word-pair table before timing
    default_bigrams()
    visual, logical = seed_text(visual=True), seed_text(visual=False)
    print("| case | size | seconds | MB/s |\n|---|---:|---:|---:|")

    word = ("بسم" * 700_000)[:2_000_000]
    row("repair: one word alone", "2,000,000 letters", timed(lambda: repair_text(word)))
    inside = visual[:3000] + "\n" + word + "\n" + visual[3000:6000]
    row("repair: the word inside a visual document", "2,000,000 letters", timed(lambda: repair_text(inside)))

    for megabytes in (0.25, 1.0, *((10.0,) if args.full else ())):
        line = one_line(visual.split(), int(megabytes * MB))
        size = f"{len(line.encode()) / MB:.2f} MB"
        row("repair: one visual-order line", size, timed(lambda line=line: repair_text(line)), megabytes)

    line = one_line(logical.split(), 10 * MB)
    size = f"{len(line.encode()) / MB:.1f} MB"
    row("detect: one logical line", size, timed(lambda: detect_visual_order(line)), 10)
    row("repair: one logical line", size, timed(lambda: repair_text(line)), 10)
    held = automatic.uncatalogued("big", "big", line)
    row("search: one logical line", size, timed(lambda: search([held], "مالي")), 10)

    for mebibytes in (1, 4):
        text = logical * (mebibytes * 2**20 // len(logical.encode()) + 1)
        project = Path(tempfile.mkdtemp(prefix="sahel-bench-"))
        try:

            def analyse(text=text, project=project) -> None:
                write_draft(project, automatic.uncatalogued("big", "big", text))

            seconds = timed(analyse)
        finally:
            shutil.rmtree(project)
        size = f"{len(text.encode()) / 2**20:.1f} MiB"
        row(
            "add's analysis (repair, extractors, draft) of a logical document",
            size,
            seconds,
            len(text.encode()) / MB,
        )

    project = Path(tempfile.mkdtemp(prefix="sahel-bench-"))
    try:
        (project / "seeds").mkdir()
        shutil.copy(HOSTILE / "alias_bomb_catalog.yaml", project / "seeds" / CATALOG_NAME)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.perf_counter()
        with contextlib.suppress(SahelError):
            load_corpus(project)
        seconds = time.perf_counter() - start
        grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak
        row(
            f"load a catalog that is an alias bomb (refused; peak memory +{grown // 1024} MB)",
            "329 B",
            seconds,
        )
    finally:
        shutil.rmtree(project)
    return 0


if __name__ == "__main__":
    sys.exit(main())
