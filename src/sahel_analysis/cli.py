"""The `sahel-analysis` command line: build the report and work with the corpus."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib.metadata import version
from pathlib import Path

from .errors import SahelError

QUESTION = (
    "Who stands where on negotiating with the jihadist groups of the African Sahel "
    "(Mali, Burkina Faso, Niger), what do the groups want, what stands in the way, "
    "and how does Mali's own counter-terrorism approach compare?"
)


def _cmd_build(args: argparse.Namespace) -> int:
    from . import build, report
    from .corpus import find_project_root, load_corpus

    root = find_project_root()
    load_corpus(root)  # fail early, with a one-line message, on a bad seed or catalog
    out = root / "report"
    figures_dir = root / "figures"
    figures_dir.mkdir(exist_ok=True)
    try:
        from .figures import save_all_figures
    except ImportError:  # no figures yet in this version
        save_all_figures = None
    if save_all_figures is not None:
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
    from .corpus import decode_utf8

    path = Path(args.file)
    if not path.is_file():
        raise SahelError(path, "no such file")
    text = decode_utf8(path.read_bytes(), path)
    from .repair import repair_text

    if args.detect:
        from .repair import detect_visual_order

        verdict = detect_visual_order(text)
        print(f"{path}: {verdict.verdict} (score {verdict.score:.2f}, {verdict.evidence})")
        return 0
    sys.stdout.write(repair_text(text))
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from .corpus import find_project_root
    from .documents import repaired_corpus
    from .export import export_all

    corpus = repaired_corpus(find_project_root())
    out = Path(args.dir)
    for path in export_all(out, corpus):
        print(f"wrote {path}")
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


if __name__ == "__main__":
    sys.exit(main())
