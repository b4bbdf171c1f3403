"""Measure how add, search, export and build grow with the corpus: synthetic corpora of 10^2, 10^3 (10^4) documents.

The documents are built deterministically from Arabic text the project ships
(the benchmark paragraphs in ``corpus/``, the Sahel texts in ``sahel_news/``,
the logical test article): each is 20-40 sentences drawn with a seeded random
generator, with a numbered opening line so no two are duplicates. A copy of the
project (seeds, codings, notebooks) grows to each size in turn through the real
command line (``add DIR``), and at each size the script times, as whole
processes, with their peak memory (``wait4``'s maximum resident set size):

- ``add DIR`` of the new batch, and its cost per document;
- ``search`` for a common and a rare word (the first search after an add also
  brings the search index up to date);
- ``export``;
- ``build --no-execute`` (the book around the committed notebooks) and, with
  ``--execute``, ``build`` (every notebook over the grown corpus).

Usage::

    .venv/bin/python benchmarks/bench_scale.py [--sizes 100 1000] [--execute] [--keep DIR] [--steps add ...]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
COPIED = ("seeds", "coding", "notebooks", "tests/data", "benchmarks/results", ".cache/repair")
SENTENCE_END = re.compile(r"(?<=[.!؟?])\s+")
QUERIES = {"common word": "مالي", "rare word": "تمبكتو"}
STEPS = ("add", "search", "export", "build")


def source_sentences() -> list[str]:
    """The shipped Arabic sentences the synthetic documents are drawn from, in a fixed order."""
    files = [
        *sorted((HERE / "corpus").glob("*.txt")),
        *sorted((HERE / "sahel_news").glob("*.txt")),
        ROOT / "tests/data/new_documents/article_logical.txt",
    ]
    sentences = []
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            sentences += [s.strip() for s in SENTENCE_END.split(line) if len(s.strip()) > 20]
    return sentences


def write_documents(folder: Path, first: int, count: int, sentences: list[str]) -> None:
    """Documents first..first+count-1, each a numbered opening line and 20-40 drawn sentences, one paragraph per 5."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(first, first + count):
        rng = random.Random(number)
        drawn = [rng.choice(sentences) for _ in range(rng.randint(20, 40))]
        paragraphs = [" ".join(drawn[i : i + 5]) for i in range(0, len(drawn), 5)]
        text = f"وثيقة تجريبية رقم {number}\n\n" + "\n\n".join(paragraphs) + "\n"
        (folder / f"synthetic_{number:06d}.txt").write_text(text, encoding="utf-8")


def copy_project(target: Path) -> None:
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)


def timed(project: Path, *args: str) -> tuple[float, float]:
    """Run one command of the CLI as its own process: (wall seconds, peak resident memory in MB)."""
    env = {**os.environ, "SAHEL_ANALYSIS_ROOT": str(project), "MPLBACKEND": "Agg"}
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "sahel_analysis.cli", *args],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(args)} failed: {proc.stderr.read().decode()[-2000:]}")
    return seconds, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000], help="corpus sizes to grow to")
    parser.add_argument(
        "--execute", action="store_true", help="also time `build` with every notebook executed"
    )
    parser.add_argument(
        "--keep", type=Path, help="grow the project in DIR and keep it (default: a temporary folder)"
    )
    parser.add_argument(
        "--steps",
        nargs="+",
        choices=STEPS,
        default=list(STEPS),
        help="what to time at each size (add always runs: it grows the corpus); e.g. --steps add for 10^4",
    )
    args = parser.parse_args()
    sentences = source_sentences()
    commit = subprocess.run(
        ["git", "log", "--oneline", "-1"], cwd=ROOT, capture_output=True, text=True
    ).stdout
    print(f"measured at {commit.strip()[:80]}, on {os.cpu_count()} cores", flush=True)
    work = args.keep or Path(tempfile.mkdtemp(prefix="sahel-scale-"))
    project = work / "project"
    if not project.exists():
        copy_project(project)
    rows = []
    have = 0
    for size in sorted(args.sizes):
        batch = work / f"batch_{size}"
        write_documents(batch, have + 1, size - have, sentences)
        add_s, add_mb = timed(project, "add", str(batch))
        row = {
            "documents": size,
            "add (s per document)": f"{add_s / (size - have):.3f}",
            "add peak (MB)": add_mb,
        }
        have = size
        for name, query in QUERIES.items() if "search" in args.steps else ():
            first, _ = timed(project, "search", query)
            warm, mb = timed(project, "search", query)
            row[f"search {name}: first / warm (s)"] = f"{first:.2f} / {warm:.2f}"
            row["search peak (MB)"] = mb
        if "export" in args.steps:
            out = work / f"export_{size}"
            row["export (s)"], row["export peak (MB)"] = timed(project, "export", str(out), "--force")
        if "build" in args.steps:
            row["build --no-execute (s)"], row["build peak (MB)"] = timed(project, "build", "--no-execute")
        if args.execute and "build" in args.steps:
            row["build (s)"], row["build executed peak (MB)"] = timed(project, "build")
        rows.append(row)
        print(row, flush=True)
    header = list(rows[0])
    print("\n| " + " | ".join(header) + " |")
    print("|" + "---:|" * len(header))
    for row in rows:
        cells = [f"{v:.1f}" if isinstance(v, float) else str(v) for v in row.values()]
        print("| " + " | ".join(cells) + " |")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
