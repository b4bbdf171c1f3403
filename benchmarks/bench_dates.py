"""Measure recall and precision of `sahel_analysis.extract.dates` on the dated events of real Arabic texts.

The texts are `sahel_news/NN.txt`, listed with their date, source and split in
`sahel_news/documents.csv`; the dated events a careful reader finds in them are
in `sahel_news/gold_dates.yaml` (a verbatim quote, the date, its precision).
Each text goes through `extract_dates` with its document date when
`documents.csv` gives one (the catalog's `date`, YYYY[-MM[-DD]]).

A gold event counts as found when a date the library extracts in the same
sentence (the sentence holding the start of the quote) equals the gold date at
the gold precision: same `precision`, same `date_start` and, for a period, same
`date_end` (empty for an open end). An extracted date counts as correct when it
matches a gold event of its sentence. Tuning and held-out files are reported
apart; tune only on the tuning part.

Usage::

    .venv/bin/python benchmarks/bench_dates.py [--misses [--split held_out]]
"""

from __future__ import annotations

import argparse
import csv
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

import yaml

from sahel_analysis.extract.dates import extract_dates
from sahel_analysis.text.sentences import split_sentences

HERE = Path(__file__).resolve().parent
NEWS = HERE / "sahel_news"


@dataclass(frozen=True)
class Gold:
    """One dated event of the gold annotation, located in its text."""

    file: str
    quote: str
    date_start: str
    date_end: str
    precision: str
    sentence: int


def _blocks(text: str) -> list[tuple[int, int]]:
    """The lines of `text` that hold something, as (start, end) offsets: sentences never cross them."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def sentence_index(starts: list[int], offset: int) -> int:
    """The index of the sentence holding character `offset`."""
    return max(0, bisect_right(starts, offset) - 1)


def parse_gold_date(value: str, precision: str) -> tuple[str, str]:
    """Gold `date` as (date_start, date_end): `start/end` for a period, one ISO date otherwise."""
    if precision == "period":
        start, _, end = value.partition("/")
        return start, end
    return value, value


def load_documents() -> list[dict[str, str]]:
    with (NEWS / "documents.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def load_gold(texts: dict[str, str]) -> list[Gold]:
    """The gold events, each checked to quote its text verbatim."""
    raw = yaml.safe_load((NEWS / "gold_dates.yaml").read_text(encoding="utf-8"))
    out = []
    for file, events in raw.items():
        text = texts[file]
        starts = [s.start for s in split_sentences(text, _blocks(text))]
        for e in events:
            at = text.find(e["quote"])
            if at < 0:
                raise SystemExit(f"gold_dates.yaml: {file}: quote not in the text: {e['quote']!r}")
            start, end = parse_gold_date(str(e["date"]), e["precision"])
            out.append(Gold(file, e["quote"], start, end, e["precision"], sentence_index(starts, at)))
    return out


def matches(m, g: Gold) -> bool:
    """Whether an extracted date states the gold date at the gold precision."""
    if m.precision != g.precision or m.date_start != g.date_start:
        return False
    return g.precision != "period" or m.date_end == g.date_end


def evaluate(docs: list[dict[str, str]], texts: dict[str, str], gold: list[Gold]) -> dict[str, dict]:
    """Per split: gold events, found ones, extracted dates, correct ones, and the misses."""
    results: dict[str, dict] = {}
    for d in docs:
        text = texts[d["file"]]
        starts = [s.start for s in split_sentences(text, _blocks(text))]
        kwargs = {"doc_date": d["date"]} if d["date"] else {}
        found = [
            (sentence_index(starts, m.start), m) for m in extract_dates(text, doc_id=d["file"], **kwargs)
        ]
        mine = [g for g in gold if g.file == d["file"]]
        r = results.setdefault(
            d["split"], {"gold": 0, "found": 0, "extracted": 0, "correct": 0, "misses": []}
        )
        r["gold"] += len(mine)
        for g in mine:
            if any(s == g.sentence and matches(m, g) for s, m in found):
                r["found"] += 1
            else:
                r["misses"].append(g)
        r["extracted"] += len(found)
        r["correct"] += sum(any(g.sentence == s and matches(m, g) for g in mine) for s, m in found)
    return results


def ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "n/a"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the gold events not found")
    parser.add_argument(
        "--split",
        default="tuning",
        help="the split whose misses --misses lists (tuning by default: held-out misses stay unread)",
    )
    args = parser.parse_args(argv)
    docs = load_documents()
    texts = {d["file"]: (NEWS / d["file"]).read_text(encoding="utf-8") for d in docs}
    gold = load_gold(texts)
    results = evaluate(docs, texts, gold)
    print(
        "| split | files | with a date | gold events | found | recall | dates extracted | correct | precision |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for split in ("tuning", "held_out"):
        r = results.get(split)
        if r is None:
            continue
        files = [d for d in docs if d["split"] == split]
        dated = sum(1 for d in files if d["date"])
        print(
            f"| {split} | {len(files)} | {dated} | {r['gold']} | {r['found']} | {ratio(r['found'], r['gold'])} "
            f"| {r['extracted']} | {r['correct']} | {ratio(r['correct'], r['extracted'])} |"
        )
    if args.misses:
        for split, r in results.items():
            if split != args.split:
                continue
            for g in r["misses"]:
                print(f"miss [{split}] {g.file} {g.date_start}{'/' + g.date_end if g.precision == 'period' else ''} "
                      f"({g.precision}): {g.quote}")  # fmt: skip


if __name__ == "__main__":
    main()
