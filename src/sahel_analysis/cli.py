"""The `sahel-analysis` command line: build the report and work with the corpus."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib.metadata import version
from pathlib import Path

from sahel_analysis.corpus.catalog import decode_utf8, find_project_root, forget_loaded_corpus, load_corpus
from sahel_analysis.corpus.ingest import add_document
from sahel_analysis.corpus.repaired import repaired_corpus
from sahel_analysis.errors import SahelError
from sahel_analysis.repair import detect_visual_order, repair_text

QUESTION = (
    "Who stands where on negotiating with the jihadist groups of the African Sahel "
    "(Mali, Burkina Faso, Niger), what do the groups want, what stands in the way, "
    "and how does Mali's own counter-terrorism approach compare?"
)


def _cmd_build(args: argparse.Namespace) -> int:
    # the build stack (matplotlib, nbclient, nbconvert) costs seconds to import: only `build` pays it
    from sahel_analysis.figures.registry import save_all_figures
    from sahel_analysis.report import build
    from sahel_analysis.report import html as report

    root = find_project_root()
    load_corpus(root)  # fail early, with a one-line message, on a bad seed or catalog
    out = root / "report"
    figures_dir = root / "figures"
    figures_dir.mkdir(exist_ok=True)
    for path in save_all_figures(root, figures_dir):
        print(f"wrote {path.relative_to(root)}")
    runs = build.execute_all(root / "notebooks")
    report.write_assets(out)
    pages = [report.render_notebook(run.path, out) for run in runs]
    findings = report.report_findings(root)
    index = report.render_index(pages, out, QUESTION, findings)
    print(f"wrote {index.relative_to(root)} and {len(pages)} notebook page(s)")
    return 0


def _cmd_repair(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise SahelError(path, "no such file")
    text = decode_utf8(path.read_bytes(), path)
    if args.detect:
        verdict = detect_visual_order(text)
        print(f"{path}: {verdict.verdict} (score {verdict.score:.2f}, {verdict.evidence})")
        return 0
    sys.stdout.write(repair_text(text))
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from sahel_analysis.export import export_all  # pandas and every analysis: only `export` pays for them

    corpus = repaired_corpus(find_project_root())
    out = Path(args.dir)
    for path in export_all(out, corpus):
        print(f"wrote {path}")
    return 0


def _cmd_add(args: argparse.Namespace) -> int:
    root = find_project_root()
    added = add_document(Path(args.file), root, args.title, args.author or "", args.id, args.convert)
    forget_loaded_corpus()
    print(f"added document {added.doc_id}: seeds/{added.file.name} ({added.source_form} order)")
    for note in added.notes:
        print(f"  note: {note}")
    print("run `sahel-analysis build` to include it in the report")
    return 0


def _cmd_search(args: argparse.Namespace) -> int:
    # search and the terminal shaping helper pull in pandas and matplotlib: only `search` pays for them
    from sahel_analysis.analysis.search import format_hit, search
    from sahel_analysis.figures.render import shape_for_display

    if not args.query.strip():
        raise SahelError("QUERY", "is empty")
    hits = search(repaired_corpus(find_project_root()), args.query, width=args.width)
    # reorder for display only on a terminal that asked for it; never when piped to a file
    display = shape_for_display if args.display and sys.stdout.isatty() else None
    for hit in hits:
        print(format_hit(hit, display))
    print(f"{len(hits)} hit(s)", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser for `sahel-analysis`."""
    parser = argparse.ArgumentParser(
        prog="sahel-analysis",
        description="Repair, analyse and report on Arabic policy documents about the Sahel.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {version('sahel-analysis')}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p = sub.add_parser("build", help="execute the notebooks in order, write figures/ and report/")
    p.set_defaults(func=_cmd_build)
    p = sub.add_parser("repair", help="print FILE in logical reading order")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--detect", action="store_true", help="print the visual-order verdict and scores")
    p.set_defaults(func=_cmd_repair)
    p = sub.add_parser("export", help="write the datasets (CSV) and datapackage.json into DIR")
    p.add_argument("dir", metavar="DIR")
    p.set_defaults(func=_cmd_export)
    p = sub.add_parser("add", help="register a new document in seeds/ (copied, never overwritten)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--title", required=True, metavar="T")
    p.add_argument("--author", metavar="A")
    p.add_argument("--id", metavar="ID")
    p.add_argument("--convert", action="store_true", help="convert a Windows-1256 or UTF-16 file to UTF-8")
    p.set_defaults(func=_cmd_add)
    p = sub.add_parser("search", help="keyword in context across the corpus")
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--width", type=int, default=40, help="characters of context on each side")
    p.add_argument(
        "--display",
        action="store_true",
        help="shape and reorder Arabic for a terminal without bidi support (only on a terminal)",
    )
    p.set_defaults(func=_cmd_search)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; errors are one line on stderr and a non-zero exit, never a traceback."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except SahelError as exc:
        print(f"sahel-analysis: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("sahel-analysis: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `sahel-analysis search … | head`
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
