"""Throughput of normalisation and repair, in MB/s of UTF-8 text, on one core.

Run: `.venv/bin/python benchmarks/bench_speed.py`. It repeats the corpus's text
to a few MB, times each operation (best of three) and prints a Markdown table
for the README. It is a script, not a test: speed is reported, never asserted.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_MB = 4.0
# Runs per timing of the per-document rows (the best is reported: the machine may be shared).
REPEAT = 5


def clear_memo_caches() -> None:
    """Empty the package's bounded memo caches (token scores, line readings), keep its loaded data.

    Repair memoises per token and per line, so a second run over the same text
    would time the caches. Unbounded caches hold loaded data (wordfreq's list,
    the word-pair table, character tables): loading them is a one-off cost
    reported apart, not throughput.
    """
    import functools

    for name, module in list(sys.modules.items()):
        if not name.startswith("sahel_analysis"):
            continue
        for obj in vars(module).values():
            if isinstance(obj, functools._lru_cache_wrapper) and obj.cache_info().maxsize is not None:
                obj.cache_clear()


def best_of(fn, repeat: int = 3) -> float:
    """Best wall time of `repeat` runs, each from empty memo caches."""
    times = []
    for _ in range(repeat):
        clear_memo_caches()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def size_mb(*texts: str) -> float:
    """Size of the texts in MB of UTF-8."""
    return sum(len(t.encode("utf-8")) for t in texts) / 2**20


def visual_extractions() -> list[str]:
    """The benchmark's extractions that repair reads as visual word order (`repair_lines`)."""
    from sahel_analysis.repair.structure import build_structure

    texts = []
    for path in sorted((ROOT / "benchmarks/extracted").rglob("*.txt")):
        if path.name != "VERSIONS.txt":
            text = path.read_text(encoding="utf-8")
            if build_structure(text).source_form == "visual":
                texts.append(text)
    return texts


def short_logical_documents() -> list[str]:
    """News-sized logical articles (1-3 KB): the real passages of `sahel_news` read as logical, and the test article."""
    from sahel_analysis.repair.structure import build_structure

    paths = [
        *sorted((ROOT / "benchmarks/sahel_news").glob("*.txt")),
        ROOT / "tests/data/new_documents/article_logical.txt",
    ]
    texts = [p.read_text(encoding="utf-8") for p in paths]
    return [t for t in texts if build_structure(t).source_form == "logical"]


def main() -> int:
    from sahel_analysis.corpus.catalog import load_corpus
    from sahel_analysis.corpus.repaired import repaired_corpus
    from sahel_analysis.repair import repair_text
    from sahel_analysis.repair.detect import detect_visual_order
    from sahel_analysis.repair.lines import repair_lines
    from sahel_analysis.text.lexicon import default_bigrams, default_lexicon
    from sahel_analysis.text.normalize import normalize_arabic, normalize_with_offsets

    start = time.perf_counter()
    default_lexicon().zipf("تحميل")  # load wordfreq's list and the word-pair table before timing
    default_bigrams()
    repair_text("شهدت جمهورية مالي منذ عام 2012م سلسلةً من الأزمات")  # and the tables built from them
    loading = time.perf_counter() - start

    docs = {d.id: d for d in load_corpus(ROOT)}
    logical = "\n".join(rd.text for rd in repaired_corpus(ROOT))
    reps = max(1, int(TARGET_MB * 2**20 / len(logical.encode("utf-8"))))
    big = (logical + "\n") * reps
    size = len(big.encode("utf-8")) / 2**20

    rows = []
    t = best_of(lambda: big.translate({}))
    rows.append(("bare str.translate (reference)", size, t))
    t = best_of(lambda: normalize_arabic(big))
    rows.append(("normalize_arabic", size, t))
    t = best_of(lambda: normalize_with_offsets(big), repeat=1)
    rows.append(("normalize_with_offsets", size, t))
    t = best_of(lambda: detect_visual_order(big), repeat=1)
    rows.append(("detect_visual_order", size, t))
    t = best_of(lambda: repair_text(big), repeat=1)
    rows.append(("repair_text, logical input (pass-through)", size, t))
    # Visual-order text that is all different: seed 000 and the visual test article.
    article = (ROOT / "tests/data/new_documents/article_visual.txt").read_text(encoding="utf-8")
    visual = docs["000"].raw_text + "\n\n\n" + article
    vsize = len(visual.encode("utf-8")) / 2**20
    t = best_of(lambda: repair_text(visual), repeat=3)
    rows.append(("repair_text, visual input (seed 000 + test article)", vsize, t))
    visual_lines = [ln for ln in docs["000"].raw_text.splitlines() if ln.strip()]
    lsize = len("\n".join(visual_lines).encode("utf-8")) / 2**20
    t = best_of(lambda: repair_lines(visual_lines), repeat=3)
    rows.append(("repair_lines, visual input (seed 000 lines)", lsize, t))
    seed = docs["000"].raw_text
    t = best_of(lambda: repair_text(seed), repeat=REPEAT)
    rows.append(("repair_text, visual input (seed 000 alone)", size_mb(seed), t))
    extractions = visual_extractions()
    t = best_of(lambda: [repair_text(x) for x in extractions], repeat=REPEAT)
    rows.append(
        (
            f"repair_text, visual benchmark extractions ({len(extractions)}, one at a time)",
            size_mb(*extractions),
            t,
        )
    )
    articles = short_logical_documents()
    t = best_of(lambda: [repair_text(x) for x in articles], repeat=REPEAT)
    rows.append(
        (f"repair_text, short logical articles ({len(articles)}, one at a time)", size_mb(*articles), t)
    )

    print(f"One-off data loading (wordfreq list, word-pair table, tables built from them): {loading:.2f} s\n")
    print("| operation | MB | seconds | MB/s |")
    print("|---|---:|---:|---:|")
    for name, mb, secs in rows:
        rate = mb / secs
        print(
            f"| {name} | {mb:.2f} | {secs:.3f} | {rate:.2f} |"
            if rate >= 1
            else f"| {name} | {mb:.3f} | {secs:.3f} | {rate:.3f} |"
        )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.exit(main())
