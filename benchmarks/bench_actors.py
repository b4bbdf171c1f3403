"""Actor recall and candidate precision on real Arabic texts (benchmarks/sahel_news/), tuning and held-out apart.

For every text of `benchmarks/sahel_news/documents.csv` the gold actors of
`gold_actors.yaml` (annotated by reading) are compared with what the library
finds in the text as written:

- recall from the gazetteer: the share of (text, actor) pairs one of whose
  forms a gazetteer mention finds;
- recall counting candidates: the same, when discovery's new candidates
  (`extract.discovery`, those the gazetteer and the rejection list do not
  explain) count too;
- precision of candidates: the share of distinct candidates (text, surface)
  whose span is a gold name whole, no fragment.

A span finds a gold occurrence when it ends where the name ends and starts at
its first word, or at its second (a head left out: أنصار الدين for جماعة أنصار
الدين), or before it by nothing but what introduced it (a candidate's cue:
قوات الحرس الرئاسي; a mention's title: الرئيس محمد بازوم).

    .venv/bin/python benchmarks/bench_actors.py [--verbose [--split held_out]]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

import yaml

from sahel_analysis.extract import discovery
from sahel_analysis.extract.actors import find_mentions, fold
from sahel_analysis.text.normalize import PROCLITIC_STACKS

HERE = Path(__file__).resolve().parent / "sahel_news"
PREFIXES = {"", *(p for p in PROCLITIC_STACKS if "ال" not in p), "لل", "ولل", "فلل"}
WORD_RE = re.compile(r"\w+")


def occurrences(form: str, text: str) -> list[tuple[int, int]]:
    """Where `form` stands in `text` as whole words, proclitics allowed before it."""
    out = []
    for m in re.finditer(re.escape(form), text):
        s, e = m.span()
        if e < len(text) and text[e].isalnum():
            continue
        w = s
        while w > 0 and text[w - 1].isalnum():
            w -= 1
        if text[w:s] in PREFIXES:
            out.append((s, e))
    if form.startswith("ال"):  # ل + ال is written لل: للمجلس
        out += [(s, e) for s, e in occurrences(form[1:], text) if text[s - 1 : s] == "ل"]
    return sorted(set(out))


def finds(span: tuple[int, int], occ: tuple[int, int], text: str, before_ok) -> bool:
    """Whether `span` finds the gold occurrence `occ` whole (see the module docstring)."""
    s, e = span
    os_, oe = occ
    if e != oe:
        return False
    words = [m.start() + os_ for m in WORD_RE.finditer(text[os_:oe])]
    if s >= os_:
        return s == os_ or (len(words) > 1 and s == words[1])
    return before_ok(fold(text[s:os_]).strip())


def candidates_of(text: str, doc_id: str, mentions):
    """The new candidates discovery reports for `text` (the version installed, or an older one)."""
    if hasattr(discovery, "unexplained"):
        found = discovery.discover_candidates(text, doc_id, mentions=mentions)
        return discovery.unexplained(found, mentions)
    # an older discovery module (before whole names): same verdict, its private helpers
    return [
        c
        for c in discovery.discover_candidates(text, doc_id)
        if not discovery._covered(c, mentions)
        and not discovery._known_acronym(c)
        and discovery._rejected(c) is None
    ]


def cue_ok(c):
    """What may stand before the gold name inside a right candidate: its cue, for an organisation head."""
    cue = fold(getattr(c, "cue", "") or "")
    return lambda extra: c.pattern in ("cue", "title") and bool(cue) and extra == cue


def measure(verbose: bool, verbose_split: str = "tuning") -> dict[str, dict[str, float]]:
    gold = yaml.safe_load((HERE / "gold_actors.yaml").read_text(encoding="utf-8"))
    rows = list(csv.DictReader((HERE / "documents.csv").open(encoding="utf-8")))
    stats: dict[str, dict[str, int]] = {}
    for row in rows:
        stem = row["file"].removesuffix(".txt")
        text = (HERE / row["file"]).read_text(encoding="utf-8")
        doc_id = f"news_{stem}"
        mentions = find_mentions(text, doc_id)
        cands = candidates_of(text, doc_id, mentions)
        actors = gold.get(stem, [])
        occ = {a["name"]: [o for f in a["forms"] for o in occurrences(f, text)] for a in actors}
        for a in actors:
            if not occ[a["name"]]:
                raise SystemExit(f"{row['file']}: no form of {a['name']} occurs in the text")
        s = stats.setdefault(row["split"], dict.fromkeys(("actors", "gaz", "all", "cands", "right"), 0))
        missed = []
        for a in actors:
            by_gaz = any(
                finds((m.start, m.end), o, text, lambda x: True) for m in mentions for o in occ[a["name"]]
            )
            by_cand = any(finds((c.start, c.end), o, text, cue_ok(c)) for c in cands for o in occ[a["name"]])
            s["actors"] += 1
            s["gaz"] += by_gaz
            s["all"] += by_gaz or by_cand
            if not (by_gaz or by_cand):
                missed.append(f"{a['name']} «{a['forms'][0]}»")
        distinct: dict[str, list] = {}
        for c in cands:
            distinct.setdefault(fold(c.surface), []).append(c)
        wrong = []
        for group in distinct.values():
            ok = any(
                finds((c.start, c.end), o, text, cue_ok(c))
                for c in group
                for os_ in occ.values()
                for o in os_
            )
            s["cands"] += 1
            s["right"] += ok
            if not ok:
                wrong.append(f"«{group[0].surface}» ({group[0].pattern})")
        if verbose and row["split"] == verbose_split:
            print(f"{row['file']} [{row['split']}] missed: {', '.join(missed) or '-'}")
            print(f"{' ' * len(row['file'])}   wrong candidates: {', '.join(wrong) or '-'}")
    return {
        split: {
            "actors": s["actors"],
            "recall_gazetteer": s["gaz"] / s["actors"],
            "recall_with_candidates": s["all"] / s["actors"],
            "candidates": s["cands"],
            "precision_candidates": s["right"] / s["cands"] if s["cands"] else 1.0,
        }
        for split, s in stats.items()
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--verbose", action="store_true", help="list the actors missed and the wrong candidates"
    )
    parser.add_argument(
        "--split",
        default="tuning",
        help="the split whose misses --verbose lists (tuning by default: held-out misses stay unread)",
    )
    args = parser.parse_args(argv)
    results = measure(args.verbose, args.split)
    print(
        f"{'split':<10} {'actors':>6} {'recall gazetteer':>17} {'recall +candidates':>19} {'candidates':>10} {'precision':>9}"
    )
    for split in sorted(results, key=lambda x: x != "tuning"):
        r = results[split]
        print(
            f"{split:<10} {r['actors']:>6} {r['recall_gazetteer']:>17.2f} {r['recall_with_candidates']:>19.2f}"
            f" {r['candidates']:>10} {r['precision_candidates']:>9.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
