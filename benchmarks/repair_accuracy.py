"""Score Arabic reading-order repairers on real PDF extractions.

Reads the logical-order source paragraphs in ``corpus/`` and the committed
extractor outputs in ``extracted/<engine>/<extractor>/``, runs every repairer
on every extraction, and reports word accuracy per engine/extractor pair as
Markdown tables, printed and written to ``results/repair_accuracy.md``.

Word accuracy of one document: both sides are NFKC-normalised (presentation
forms become base letters), bidi control characters and tatweel are removed,
the text is split on whitespace, and the sizes of the matching blocks of
``difflib.SequenceMatcher(None, src_words, out_words, autojunk=False)`` are
summed and divided by the number of source words.  The whole document is
compared as one word sequence, because line wrapping differs from the
source.  A table cell is the micro-average over all documents (matched words
/ source words).  The skeleton table does the same after dropping every
character that is not an Arabic letter, Latin letter or digit (harakat and
punctuation go), to separate ordering errors from mark/bracket errors.

The extraction profile says, per extractor, whether the raw text is in
logical or visual order: the share of source words (letters only, 3+ letters,
not palindromes) found in the extraction as is vs reversed, and the share of
adjacent recognised word pairs in source order vs reversed.

Nothing here reads a PDF or touches the network.

A repairer that raises is shown as ``err`` for that engine/extractor pair
(the exception goes to stderr); one that cannot be imported as ``n/a``.

Usage::

    python repair_accuracy.py [--per-file]
    python repair_accuracy.py --diff chromium/pypdf [--repairer bidi]
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import importlib.metadata
import itertools
import re
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS_DIR = HERE / "corpus"
EXTRACTED_DIR = HERE / "extracted"
RESULTS_FILE = HERE / "results" / "repair_accuracy.md"

# The project's own repairer: change these two names if the API moves.
PROJECT_MODULE = "sahel_analysis.repair.layouts"
PROJECT_FUNCTION = "repair_any"

BIDI_CONTROLS = dict.fromkeys([0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)])
TATWEEL = 0x0640
STRIP_TABLE = {**BIDI_CONTROLS, TATWEEL: None}
NOT_WORD_CHAR = re.compile(r"[^\u0621-\u064A\u0671-\u06D3A-Za-z0-9]")
ARABIC_LETTERS = re.compile(r"[^\u0621-\u064A\u0671-\u06D3]")
LATIN_LETTERS = re.compile(r"[A-Za-z]")

Repairer = Callable[[str], str]


# --------------------------------------------------------------------------
# Repairers
# --------------------------------------------------------------------------


def project_repairer() -> Repairer | None:
    """Return the project's repair function, or None if it cannot be imported."""
    try:
        module = importlib.import_module(PROJECT_MODULE)
        return getattr(module, PROJECT_FUNCTION)
    except Exception as exc:  # a half-written module must not stop the benchmark
        print(f"{PROJECT_MODULE}.{PROJECT_FUNCTION} unavailable: {exc!r}", file=sys.stderr)
        return None


def repair_none(raw: str) -> str:
    """Return the extraction unchanged (baseline)."""
    return raw


def repair_bidi(raw: str) -> str:
    """python-bidi ``get_display`` per line (Rust unicode-bidi; reorders, no mirroring)."""
    from bidi import get_display

    return "\n".join(get_display(line) for line in raw.split("\n"))


def repair_bidi_py(raw: str) -> str:
    """python-bidi ``bidi.algorithm.get_display`` per line (pure Python; also mirrors brackets)."""
    from bidi.algorithm import get_display

    return "\n".join(get_display(line) for line in raw.split("\n"))


def repair_naive(raw: str) -> str:
    """Reverse the order of the whitespace-separated words of every line."""
    return "\n".join(" ".join(reversed(line.split())) for line in raw.split("\n"))


def arabic_repair_repairer() -> Repairer | None:
    """Return ``arabic_repair.repair`` (de-shape + reorder baked text), if installed."""
    try:
        from arabic_repair import repair
    except ImportError:
        return None
    return repair


def arabic_extract_repairer() -> Repairer | None:
    """Return arabic-extract's post-extraction pipeline, if installed.

    Its public ``extract(path)`` takes a PDF and runs pdfplumber itself; the
    step it applies to already-extracted text is ``_pipeline.run_pipeline``
    (``arabic_repair.repair`` then NFKC, or CAMeL Tools if installed).
    """
    try:
        from arabic_extract._pipeline import run_pipeline
    except ImportError:
        return None
    return lambda raw: run_pipeline(raw, normalize=True)


def build_repairers() -> dict[str, Repairer | None]:
    """Return the repairers to score, in column order; None means unavailable."""
    return {
        "sahel_analysis": project_repairer(),
        "none": repair_none,
        "bidi": repair_bidi,
        "bidi-py": repair_bidi_py,
        "naive": repair_naive,
        "arabic-repair": arabic_repair_repairer(),
        "arabic-extract": arabic_extract_repairer(),
    }


# --------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------


def normalize(text: str) -> str:
    """NFKC-normalise and drop bidi controls and tatweel."""
    return unicodedata.normalize("NFKC", text).translate(STRIP_TABLE)


def words(text: str) -> list[str]:
    """Return the normalised whitespace-separated words of *text*."""
    return normalize(text).split()


def skeleton_words(text: str) -> list[str]:
    """Return the words with everything but letters and digits removed."""
    return [s for w in words(text) if (s := NOT_WORD_CHAR.sub("", w))]


def matched_words(src: list[str], out: list[str]) -> int:
    """Return the number of source words matched in order by *out*."""
    matcher = difflib.SequenceMatcher(None, src, out, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks())


@dataclass
class Tally:
    """Matched and total source words, summed over documents."""

    matched: int = 0
    total: int = 0
    failed: bool = False

    def add(self, matched: int, total: int) -> None:
        """Add one document's counts."""
        self.matched += matched
        self.total += total

    def cell(self) -> str:
        """Format as a percentage table cell."""
        if self.failed:
            return "err"
        return f"{100 * self.matched / self.total:.1f}" if self.total else "n/a"


@dataclass
class Profile:
    """Raw-extraction statistics for one engine/extractor pair."""

    src_words: int = 0
    as_is: int = 0
    reversed_: int = 0
    pairs_forward: int = 0
    pairs_backward: int = 0
    controls: int = 0
    arabic_chars: int = 0
    presentation_forms: int = 0
    cid_glyphs: int = 0
    nul_chars: int = 0
    lone_marks: int = 0
    stray_latin: int = 0

    def order(self) -> str:
        """Summarise character and word order as a short label."""
        chars = "visual" if self.reversed_ > self.as_is else "logical"
        total = self.pairs_forward + self.pairs_backward
        forward = self.pairs_forward / total if total else 0.0
        words_ = "visual" if forward < 0.4 else "logical" if forward > 0.6 else "mixed"
        return f"chars {chars}, words {words_}"


def profile_document(src: str, raw: str, prof: Profile) -> None:
    """Accumulate order and artefact statistics of one raw extraction."""
    src_sk = [ARABIC_LETTERS.sub("", w) for w in words(src)]
    out_lines = [[ARABIC_LETTERS.sub("", w) for w in line.split()] for line in normalize(raw).split("\n")]
    out_set = {w for line in out_lines for w in line}
    probes = [w for w in src_sk if len(w) >= 3 and w != w[::-1]]
    prof.src_words += len(probes)
    prof.as_is += sum(w in out_set for w in probes)
    prof.reversed_ += sum(w[::-1] in out_set for w in probes)

    vocab = {w for w in src_sk if len(w) >= 2}
    bigrams = {(a, b) for a, b in itertools.pairwise(src_sk) if a != b}
    for line in out_lines:
        known = [w if w in vocab else w[::-1] if w[::-1] in vocab else None for w in line]
        for a, b in itertools.pairwise(known):
            if a and b:
                prof.pairs_forward += (a, b) in bigrams
                prof.pairs_backward += (b, a) in bigrams

    prof.controls += sum(ord(c) in BIDI_CONTROLS for c in raw)
    prof.presentation_forms += sum(0xFB50 <= ord(c) <= 0xFDFF or 0xFE70 <= ord(c) <= 0xFEFF for c in raw)
    prof.arabic_chars += sum(
        0x0600 <= ord(c) <= 0x06FF or 0xFB50 <= ord(c) <= 0xFDFF or 0xFE70 <= ord(c) <= 0xFEFF for c in raw
    )
    prof.cid_glyphs += raw.count("(cid:")
    prof.nul_chars += raw.count("\0")
    prof.lone_marks += sum(unicodedata.category(w[0]) == "Mn" for w in words(raw))
    prof.stray_latin += max(0, len(LATIN_LETTERS.findall(raw)) - len(LATIN_LETTERS.findall(src)))


def pct(part: int, whole: int) -> str:
    """Format part/whole as a percentage string."""
    return f"{100 * part / whole:.0f}%" if whole else "n/a"


# --------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    """Render a simple Markdown table."""
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def versions() -> str:
    """Return the versions of the scored third-party repairers."""
    parts = []
    for dist in ("python-bidi", "arabic-repair", "arabic-extract", "arabic-rt"):
        try:
            parts.append(f"{dist} {importlib.metadata.version(dist)}")
        except importlib.metadata.PackageNotFoundError:
            parts.append(f"{dist} not installed")
    return ", ".join(parts)


def run(per_file: bool) -> str:
    """Score everything and return the Markdown report."""
    sources = {p.stem: p.read_text(encoding="utf-8") for p in sorted(CORPUS_DIR.glob("*.txt"))}
    repairers = build_repairers()
    pairs = sorted(p for p in EXTRACTED_DIR.glob("*/*") if p.is_dir())
    if not pairs:
        raise SystemExit("no extractions under extracted/: run extract_pdfs.py first")

    acc_rows, skel_rows, prof_rows = [], [], []
    totals = {name: Tally() for name in repairers}
    skel_totals = {name: Tally() for name in repairers}
    for pair in pairs:
        label = f"{pair.parent.name}/{pair.name}"
        prof = Profile()
        tallies = {name: Tally() for name in repairers}
        skel = {name: Tally() for name in repairers}
        for stem, src in sources.items():
            raw_path = pair / f"{stem}.txt"
            if not raw_path.exists():
                continue
            raw = raw_path.read_text(encoding="utf-8")
            profile_document(src, raw, prof)
            src_w, src_s = words(src), skeleton_words(src)
            for name, repair in repairers.items():
                if repair is None or tallies[name].failed:
                    continue
                try:
                    out = repair(raw)
                except Exception as exc:  # a repairer crashing is a result, not a harness bug
                    print(f"{name} failed on {label}/{stem}: {exc!r}", file=sys.stderr)
                    tallies[name].failed = skel[name].failed = True
                    continue
                m = matched_words(src_w, words(out))
                tallies[name].add(m, len(src_w))
                skel[name].add(matched_words(src_s, skeleton_words(out)), len(src_s))
                if per_file:
                    print(f"{label:28} {stem:28} {name:15} {100 * m / len(src_w):5.1f}")
        for name in repairers:
            totals[name].add(tallies[name].matched, tallies[name].total)
            skel_totals[name].add(skel[name].matched, skel[name].total)
            totals[name].failed |= tallies[name].failed
            skel_totals[name].failed |= skel[name].failed
        cells = ["n/a" if repairers[n] is None else tallies[n].cell() for n in repairers]
        skel_cells = ["n/a" if repairers[n] is None else skel[n].cell() for n in repairers]
        acc_rows.append([label, prof.order(), *cells])
        skel_rows.append([label, *skel_cells])
        prof_rows.append(
            [
                label,
                prof.order(),
                pct(prof.as_is, prof.src_words),
                pct(prof.reversed_, prof.src_words),
                pct(prof.pairs_forward, prof.pairs_forward + prof.pairs_backward),
                str(prof.controls),
                pct(prof.presentation_forms, prof.arabic_chars),
                str(prof.cid_glyphs),
                str(prof.nul_chars),
                str(prof.lone_marks),
                str(prof.stray_latin),
            ]
        )
    mean = ["n/a" if repairers[n] is None else totals[n].cell() for n in repairers]
    skel_mean = ["n/a" if repairers[n] is None else skel_totals[n].cell() for n in repairers]
    acc_rows.append(["**all**", "", *mean])
    skel_rows.append(["**all**", *skel_mean])

    names = list(repairers)
    n_words = sum(len(words(s)) for s in sources.values())
    return (
        "\n\n".join(
            [
                "# Repair accuracy on real PDF extractions",
                f"{len(sources)} documents, {n_words} source words; {len(pairs)} engine/extractor "
                f"pairs. Cells: % of source words recovered in order (micro-average). "
                f"`n/a`: repairer not importable; `err`: it raised. Peers: {versions()}.",
                "## Word accuracy (NFKC, bidi controls and tatweel removed)",
                markdown_table(["engine/extractor", "raw order", *names], acc_rows),
                "## Skeleton word accuracy (letters and digits only: harakat, punctuation, brackets ignored)",
                markdown_table(["engine/extractor", *names], skel_rows),
                "## Extraction profile (raw text)",
                "as is / reversed: source words (3+ letters) found unchanged / letter-reversed; "
                "pairs fwd: adjacent recognised words in source order; controls: bidi control "
                "characters; pres. forms: share of Arabic characters in U+FB50-FDFF/U+FE70-FEFF; "
                "cid: unmapped glyphs printed as `(cid:N)`; NUL: U+0000 characters; mark-first: "
                "whitespace-separated tokens that start with a haraka/shadda (a split word); "
                "stray Latin: Latin letters beyond those in the source (unmapped glyphs decoded as ASCII).",
                markdown_table(
                    [
                        "engine/extractor",
                        "order",
                        "as is",
                        "reversed",
                        "pairs fwd",
                        "controls",
                        "pres. forms",
                        "cid",
                        "NUL",
                        "mark-first",
                        "stray Latin",
                    ],
                    prof_rows,
                ),
            ]
        )
        + "\n"
    )


def print_diff(pair: str, repairer: str, limit: int) -> None:
    """Print the word-level differences between source and repaired extraction."""
    repair = build_repairers()[repairer]
    if repair is None:
        raise SystemExit(f"repairer {repairer!r} is not available")
    for src_path in sorted(CORPUS_DIR.glob("*.txt")):
        raw_path = EXTRACTED_DIR / pair / src_path.name
        if not raw_path.exists():
            continue
        src = words(src_path.read_text(encoding="utf-8"))
        out = words(repair(raw_path.read_text(encoding="utf-8")))
        matcher = difflib.SequenceMatcher(None, src, out, autojunk=False)
        ops = [op for op in matcher.get_opcodes() if op[0] != "equal"][:limit]
        print(f"== {pair} [{repairer}] {src_path.stem}")
        for tag, i1, i2, j1, j2 in ops:
            print(f"  {tag:7} {' '.join(src[i1:i2])!r} -> {' '.join(out[j1:j2])!r}")


def main() -> None:
    """Parse arguments, print the report and write it to results/."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-file", action="store_true", help="also print per-document accuracy lines")
    parser.add_argument(
        "--diff", metavar="ENGINE/EXTRACTOR", help="only print word diffs for one pair (no report written)"
    )
    parser.add_argument(
        "--repairer", default="none", help="repairer whose output --diff shows (default: none)"
    )
    parser.add_argument("--limit", type=int, default=10, help="differences shown per document with --diff")
    args = parser.parse_args()
    if args.diff:
        print_diff(args.diff, args.repairer, args.limit)
        return
    report = run(args.per_file)
    RESULTS_FILE.parent.mkdir(parents=True, exist_ok=True)
    RESULTS_FILE.write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
