"""The `sahel-analysis` command line: build the report and work with the corpus."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from importlib.metadata import version
from pathlib import Path

from sahel_analysis.atomic import remove_stale_temporaries
from sahel_analysis.corpus.catalog import decode_utf8, find_project_root, forget_loaded_corpus
from sahel_analysis.corpus.ingest import METADATA_NAME, Metadata, Planned, add_document, plan_folder
from sahel_analysis.corpus.repaired import CACHE_DIR, repair_document, repaired_corpus
from sahel_analysis.errors import SahelError
from sahel_analysis.extract.gazetteer import accept_actor, user_gazetteer_path
from sahel_analysis.repair import detect_visual_order, repair_text

QUESTION = (
    "Who stands where on negotiating with the jihadist groups of the African Sahel "
    "(Mali, Burkina Faso, Niger), what do the groups want, what stands in the way, "
    "and how does Mali's own counter-terrorism approach compare?"
)

MAX_WIDTH = 10_000  # characters of search context on each side

BUILD_DESCRIPTION = """Build the report, offline, in four steps (each printed as it starts):
  1. check the corpus (seeds/ and its catalog), and analyse the documents the corpus
     store lacks (on every core, --jobs N, or a Dask cluster with --scheduler);
  2. draw every figure into figures/ (PNG and SVG), while
  3. the numbered notebooks (notebooks/NN-*.ipynb) execute, each in a fresh kernel,
     as many at a time as there are cores (or --jobs), their outputs written back;
  4. publish them with Sphinx and myst-nb as a book in report/ (replaced whole):
     a page per notebook with its code hidden one click away, numbered and captioned
     figures, a table of contents, previous/next links and full-text search,
     and a page per document (its metadata, its text with actors, places and dates
     marked, its coded and automatic items) after the chapters.
Nothing is fetched from the network; the build fails if a page would load anything.
With --pdf, the whole book is also printed to one PDF by headless Chromium."""


def _fill_store(root: Path, args: argparse.Namespace) -> None:
    """Repair and analyse the documents the corpus store lacks, on every core or the Dask cluster asked for.

    The choice is also put in the environment, so notebook kernels started
    afterwards work the same way.
    """
    # the store reads Parquet and runs every extractor: only the commands that fill it pay for importing them
    from sahel_analysis.analysis.store import fill_store
    from sahel_analysis.corpus.parallel import JOBS_ENV, SCHEDULER_ENV, choose_workers

    workers = choose_workers(args.jobs, args.scheduler)
    os.environ[JOBS_ENV] = str(workers.jobs)
    if workers.scheduler:
        os.environ[SCHEDULER_ENV] = workers.scheduler
    filled = fill_store(
        root, workers, progress=lambda done, total: print(f"analysed {done}/{total} document(s)", flush=True)
    )
    if filled.computed:
        print(
            f"corpus store: {filled.computed} document(s) analysed {filled.where}, {filled.stored} already stored"
        )


def _cmd_build(args: argparse.Namespace) -> int:
    if not args.no_execute:  # the notebooks read the store; the book alone does not
        _fill_store(find_project_root(), args)
    print("build: loading the build tools (matplotlib, nbclient, Sphinx) …", flush=True)
    # the build stack (matplotlib, nbclient, Sphinx) costs seconds to import: only `build` pays it
    from sahel_analysis.report.publish import publish_report

    publish_report(
        find_project_root(),
        QUESTION,
        execute=not args.no_execute,
        pdf=args.pdf,
        announce=lambda s: print(s, flush=True),
    )
    return 0


def _cmd_repair(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if path.is_dir():
        raise SahelError(path, "is a folder, not a text file")
    if not path.is_file():
        raise SahelError(path, "no such file" if not path.exists() else "is not a regular file")
    text = decode_utf8(path.read_bytes(), path)
    if args.detect:
        verdict = detect_visual_order(text)
        print(f"{path}: {verdict.verdict} (score {verdict.score:.2f}, {verdict.evidence})")
        return 0
    sys.stdout.write(repair_text(text))
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    # pandas and every analysis: only `export` pays for them
    from sahel_analysis.export.qdpx import QDPX_NAME
    from sahel_analysis.export.writer import export_all, foreign_entries, record_export

    root = find_project_root()
    _fill_store(root, args)
    corpus = repaired_corpus(root)
    out = Path(args.dir)
    foreign = set(foreign_entries(out)) if args.force and args.dir.strip() else set()
    later = (QDPX_NAME,) if args.qdpx else ()
    for path in export_all(args.dir, corpus, force=args.force, project_root=root, also=later):
        print(f"wrote {path}")
        if path.name in foreign:
            print(f"  replaced {path}, which export had not written (--force)", file=sys.stderr)
    if args.qdpx:
        from sahel_analysis.export.qdpx import write_qdpx  # the QDA project: only `export --qdpx` builds it

        written = write_qdpx(out, corpus, find_project_root())
        record_export(out, [written.path])
        print(f"wrote {written.path} ({written.n_sources} sources, {written.n_selections} selections)")
        for item in written.unlocated:
            print(f"  not placed (quote not in the repaired text): {item}")
    return 0


def _cmd_import_qdpx(args: argparse.Namespace) -> int:
    from sahel_analysis.coding.qdpx_import import import_qdpx  # the repair and extractors: only this command

    root = find_project_root()
    for line in import_qdpx(Path(args.file), root, repaired_corpus(root)).lines():
        print(line)
    return 0


def _cmd_add(args: argparse.Namespace) -> int:
    # the draft coding runs the repair and every extractor: only `add` pays for importing them
    from sahel_analysis.coding.draft import write_draft

    root = find_project_root()
    for removed in remove_stale_temporaries(root / "coding"):  # a draft coding a killed add was writing
        print(f"removed {removed.relative_to(root)}, left by an add that was stopped")
    path = Path(args.file)
    given = Metadata(args.title, args.author or "", args.date or "", args.source or "", args.url or "")
    if path.is_dir():
        if args.title is not None or args.id is not None:
            raise SahelError(
                path, f"--title and --id name one FILE; give a folder's titles in its {METADATA_NAME}"
            )
        jobs = plan_folder(path, given)
    elif args.title is None:
        raise SahelError(path, "needs --title T (a folder takes titles from its metadata.csv or first lines)")
    else:
        jobs = (Planned(path, given),)
    batch = path.is_dir()
    skipped = 0
    for number, job in enumerate(jobs, start=1):
        step = f"[{number}/{len(jobs)}] " if batch else ""
        try:
            if job.problem:
                raise SahelError(job.file, job.problem)
            meta = job.metadata
            added = add_document(
                job.file,
                root,
                meta.title,
                meta.author,
                args.id,
                args.convert,
                date=meta.date,
                source=meta.source,
                url=meta.url,
            )
        except SahelError as exc:
            if not batch:
                raise
            print(f"{step}skipped {exc}", file=sys.stderr)
            skipped += 1
            continue
        forget_loaded_corpus()
        print(f"{step}added document {added.doc_id}: seeds/{added.file.name} ({added.source_form} order)")
        for note in added.notes:
            print(f"  note: {note}")
        draft = write_draft(root, repair_document(added.document, root / CACHE_DIR))  # this document alone
        if draft is not None:
            print(f"  wrote {draft.relative_to(root)}: its draft coding (status: automatic), to review")
    if batch:
        print(
            f"added {len(jobs) - skipped} of {len(jobs)} document(s) from {path}"
            + (f"; {skipped} skipped" if skipped else "")
        )
    if len(jobs) > skipped:
        _fill_store(root, args)  # the added documents' analyses, ready for export and build
        print(
            "run `sahel-analysis build` to include it in the report"
            if not batch
            else "run `sahel-analysis build` to include them in the report"
        )
    return 1 if skipped else 0


def _cmd_actors_accept(args: argparse.Namespace) -> int:
    actor = accept_actor(
        args.surface, args.type, args.name_en, actor_id=args.id or "", country=args.country or ""
    )
    print(
        f"accepted {actor.id} ({actor.actor_type}): «{actor.name_ar}» is now an actor in {user_gazetteer_path()}"
    )
    print("run `sahel-analysis build` to count its mentions")
    return 0


def _cmd_search(args: argparse.Namespace) -> int:
    # search and the terminal shaping helper pull in pandas and matplotlib: only `search` pays for them
    from sahel_analysis.analysis.search import format_hit, indexed_search, pattern
    from sahel_analysis.figures.render import shape_for_display

    if not args.query.strip():
        raise SahelError("QUERY", "is empty")
    if not 0 <= args.width <= MAX_WIDTH:
        raise SahelError("--width", f"is {args.width}: give 0 to {MAX_WIDTH} characters of context")
    pattern(args.query)  # a query with nothing to find fails before the corpus is read
    hits = indexed_search(find_project_root(), args.query, width=args.width)
    # reorder for display only on a terminal that asked for it; never when piped to a file
    display = shape_for_display if args.display and sys.stdout.isatty() else None
    for hit in hits:
        print(format_hit(hit, display))
    print(f"{len(hits)} hit(s)", file=sys.stderr)
    return 0


def add_worker_options(p: argparse.ArgumentParser) -> None:
    """--jobs and --scheduler: where each document's repair and analysis runs."""
    p.add_argument(
        "--jobs",
        type=int,
        metavar="N",
        help="analyse documents on N local processes (default: every core, or $SAHEL_JOBS; 1: this process)",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="analyse documents on the Dask cluster at ADDRESS, e.g. tcp://10.0.0.5:8786 "
        "(default: $SAHEL_SCHEDULER; started with `dask scheduler` and `dask worker ADDRESS`)",
    )


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser for `sahel-analysis`."""
    parser = argparse.ArgumentParser(
        prog="sahel-analysis",
        description="Repair, analyse and report on Arabic policy documents about the Sahel.\n"
        "Run a COMMAND with -h for what it does and an example.",
        epilog="examples:\n"
        "  sahel-analysis add article.txt --title 'مالي والحوار' --date 2022-03-01\n"
        "  sahel-analysis build               # then open report/index.html\n"
        "  sahel-analysis export out/\n"
        "  sahel-analysis search تمبكتو",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {version('sahel-analysis')}")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an unexpected error")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p = sub.add_parser(
        "build",
        help="execute the notebooks and publish the report as an offline HTML book in report/",
        description=BUILD_DESCRIPTION,
        epilog="examples:\n  sahel-analysis build               # then open report/index.html\n  sahel-analysis build --no-execute --pdf\n"
        "  sahel-analysis build --scheduler tcp://10.0.0.5:8786   # documents analysed on a Dask cluster",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--no-execute",
        action="store_true",
        help="build the book from the notebooks' committed outputs, without running them",
    )
    p.add_argument(
        "--pdf",
        action="store_true",
        help="also print the whole book to report/sahel-analysis-report.pdf (needs chromium)",
    )
    add_worker_options(p)
    p.set_defaults(func=_cmd_build)
    p = sub.add_parser(
        "repair",
        help="print FILE in logical reading order",
        description="Print FILE's text in logical reading order: a PDF extraction in visual order is "
        "detected and repaired, a logical text is printed as it is. FILE need not be catalogued.",
        epilog="examples:\n  sahel-analysis repair article.txt\n"
        "  sahel-analysis repair --detect article.txt   # the verdict and its scores only",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--detect", action="store_true", help="print the visual-order verdict and scores")
    p.set_defaults(func=_cmd_repair)
    p = sub.add_parser(
        "export",
        help="write the datasets (CSV) and datapackage.json into DIR",
        description="Write the datasets (CSV and Parquet) and datapackage.json into DIR. DIR must be new, "
        "empty, or written by an earlier export (it lists what it wrote in DIR/.sahel-export.json); "
        "never the project folder or its seeds/, coding/, notebooks/ or src/.",
        epilog="examples:\n  sahel-analysis export out/\n  sahel-analysis export out/ --qdpx   # also a project for QDA tools\n"
        "  sahel-analysis export out/ --jobs 1   # every document in this process",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("dir", metavar="DIR")
    p.add_argument(
        "--force",
        action="store_true",
        help="write into DIR even if it holds files export did not write (same names replaced, others kept)",
    )
    p.add_argument(
        "--qdpx",
        action="store_true",
        help="also write DIR/sahel-analysis.qdpx, a REFI-QDA project for NVivo, MAXQDA, ATLAS.ti, QualCoder",
    )
    add_worker_options(p)
    p.set_defaults(func=_cmd_export)
    p = sub.add_parser(
        "import-qdpx",
        help="bring back into coding/ the codings a QDA tool changed in a .qdpx (as reviewed, by an analyst)",
        description="Merge into coding/<doc_id>.yaml what a QDA tool (NVivo, MAXQDA, ATLAS.ti, QualCoder) "
        "changed, added or removed in a project written by `export DIR --qdpx`; the items it touches become "
        "reviewed, coded by an analyst. A report says what changed; nothing is written if a selection "
        "is unknown or outside its text.",
        epilog="example:\n  sahel-analysis import-qdpx out/sahel-analysis.qdpx",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", metavar="FILE")
    p.set_defaults(func=_cmd_import_qdpx)
    p = sub.add_parser(
        "add",
        help="register a new document (or every *.txt of a folder) in seeds/ (copied, never overwritten)",
        description="Register FILE in seeds/, or every *.txt in DIR (titles from DIR/metadata.csv, "
        "columns file,title,author,date,source,url, else from each file's first line). "
        "A draft coding (status: automatic) is written to coding/<id>.yaml for review.",
        epilog="examples:\n"
        "  sahel-analysis add article.txt --title 'مالي والحوار' --date 2022-03-01 --source 'Al Jazeera'\n"
        "  sahel-analysis add articles/   # every *.txt, with articles/metadata.csv\n"
        "  sahel-analysis add articles/ --jobs 2   # their analyses on two processes",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", metavar="FILE|DIR")
    p.add_argument("--title", metavar="T", help="the document's title (required for a FILE)")
    p.add_argument("--author", metavar="A")
    p.add_argument(
        "--id", metavar="ID", help="letters, digits, - and _, at most 32 (default: the next number)"
    )
    p.add_argument("--date", metavar="YYYY[-MM[-DD]]", help="publication date")
    p.add_argument("--source", metavar="S", help="publisher or outlet")
    p.add_argument("--url", metavar="U", help="where it was published (http or https)")
    p.add_argument("--convert", action="store_true", help="convert a Windows-1256 or UTF-16 file to UTF-8")
    add_worker_options(p)
    p.set_defaults(func=_cmd_add)
    p = sub.add_parser(
        "actors",
        help="the project's own actors (coding/gazetteer.yaml)",
        description="Manage the actors this project adds to the package's gazetteer, in coding/gazetteer.yaml.",
        epilog="example:\n  sahel-analysis actors accept 'سومايلا سيسي' --type person --name-en 'Soumaïla Cissé'",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actors_sub = p.add_subparsers(dest="actors_command", required=True, metavar="ACTION")
    p = actors_sub.add_parser(
        "accept",
        help="make a discovered name (a candidate) an actor of this project",
        description="Add SURFACE, as the text writes it, to coding/gazetteer.yaml as a new actor. "
        "It is matched in every document from the next command on; a clash with a known actor is refused "
        "before anything is written.",
        epilog="example:\n  sahel-analysis actors accept 'سومايلا سيسي' --type person --name-en 'Soumaïla Cissé' "
        "--country mali",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("surface", metavar="SURFACE", help="the Arabic name as the text writes it")
    p.add_argument("--type", required=True, metavar="T", help="actor type (CONTRACT vocabulary)")
    p.add_argument("--name-en", required=True, metavar="N", help="the English name")
    p.add_argument("--id", metavar="ID", help="the actor id (default: from the English name)")
    p.add_argument("--country", metavar="C", help="the country it belongs to or acts in")
    p.set_defaults(func=_cmd_actors_accept)
    p = sub.add_parser(
        "search",
        help="keyword in context across the corpus",
        description="Find QUERY in every document's repaired text, blind to diacritics, alef "
        "forms and attached clitics, and print each hit with its document and the words around it.",
        epilog="examples:\n  sahel-analysis search تمبكتو\n  sahel-analysis search 'نصرة الإسلام' --width 80",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
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
    except OSError as exc:  # a folder that cannot be written, a file that cannot be read, a full disk
        where = exc.filename if exc.filename is not None else args.command
        print(f"sahel-analysis: error: {where}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except Exception as exc:
        if args.debug:
            raise
        print(
            f"sahel-analysis: internal error in `{args.command}`: {type(exc).__name__}: "
            f"{' '.join(str(exc).split())[:300]} (rerun with --debug for the traceback, and please report it)",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())
