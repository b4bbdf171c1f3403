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


def best_of(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    from sahel_analysis.corpus import load_corpus
    from sahel_analysis.documents import repaired_corpus
    from sahel_analysis.normalize import normalize_arabic, normalize_with_offsets
    from sahel_analysis.repair import default_lexicon, detect_visual_order, repair_lines, repair_text

    docs = {d.id: d for d in load_corpus(ROOT)}
    logical = "\n".join(rd.text for rd in repaired_corpus(ROOT))
    reps = max(1, int(TARGET_MB * 2**20 / len(logical.encode("utf-8"))))
    big = (logical + "\n") * reps
    size = len(big.encode("utf-8")) / 2**20
    default_lexicon().zipf("تحميل")  # load wordfreq's lists before timing

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
    visual_lines = [ln for ln in docs["000"].raw_text.splitlines() if ln.strip()]
    vsize = len("\n".join(visual_lines).encode("utf-8")) / 2**20
    t = best_of(lambda: repair_lines(visual_lines), repeat=1)
    rows.append(("repair_lines, visual input (seed 000)", vsize, t))

    print("| operation | MB | seconds | MB/s |")
    print("|---|---:|---:|---:|")
    for name, mb, secs in rows:
        print(f"| {name} | {mb:.2f} | {secs:.3f} | {mb / secs:.2f} |")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.exit(main())
