"""A grown corpus end to end: the project copied, two documents added with metadata, exported, built and tested.

The copy holds what the commands read (seeds/, coding/, the notebooks and the
files they read); the package runs from the checkout. The corpus tests (marker
`corpus`) then run against the copy through `$SAHEL_ANALYSIS_ROOT`.
"""

from __future__ import annotations

import csv
import html
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import NEW_DOCUMENTS, ROOT, SEEDS

from sahel_analysis.corpus.catalog import ROOT_ENV, forget_loaded_corpus, load_corpus

pytestmark = pytest.mark.end_to_end

# What the commands and notebooks read, copied; the repair cache only saves time (it is keyed by checksum and code).
COPIED = ("seeds", "coding", "notebooks", "tests/data", "benchmarks/results", ".cache/repair")
LOGICAL = {
    "title": "مقال تجريبي عن الساحل",
    "date": "2022-01-20",
    "source": "Test wire",
    "url": "https://example.org/a",
}
VISUAL = {"title": "A test article in visual order", "date": "2022-02", "source": "Test agency", "url": ""}
# Datasets every document has rows in, from its automatic analysis (`dates` where it is exported).
PER_DOCUMENT = ("documents", "mentions", "events", "dates")
LISTING_PAGES = ("index.html", "00-corpus.html")


def run(project: Path, *args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, ROOT_ENV: str(project)}
    out = subprocess.run(
        [sys.executable, "-m", "sahel_analysis.cli", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    return out


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def grown(tmp_path_factory):
    """The copied project after `add FILE`, `add DIR` (metadata.csv) and `export`: (project, new ids)."""
    project = tmp_path_factory.mktemp("grown")
    for name in COPIED:
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, project / name)
    before = {d.id for d in load_corpus(project)}
    meta = LOGICAL
    run(
        project,
        *("add", str(NEW_DOCUMENTS / "article_logical.txt"), "--title", meta["title"]),
        *("--date", meta["date"], "--source", meta["source"], "--url", meta["url"]),
    )
    incoming = project.parent / f"{project.name}-incoming"
    incoming.mkdir()
    shutil.copy(NEW_DOCUMENTS / "article_visual.txt", incoming / "visual.txt")
    (incoming / "metadata.csv").write_text(
        f"file,title,date,source\nvisual.txt,{VISUAL['title']},{VISUAL['date']},{VISUAL['source']}\n",
        encoding="utf-8",
    )
    out = run(project, "add", str(incoming))
    assert "[1/1] added document" in out.stdout
    run(project, "export", str(project / "out"))
    forget_loaded_corpus()
    new = [d for d in load_corpus(project) if d.id not in before]
    return project, {d.id: d for d in new}


def test_added_documents_carry_their_metadata(grown):
    """Both documents are catalogued with their titles, dates, sources and urls, and exported so."""
    project, new = grown
    assert sorted(d.source_form for d in new.values()) == ["logical", "visual"]
    rows = {r["doc_id"]: r for r in read_csv(project / "out" / "documents.csv")}
    for doc_id, doc in new.items():
        meta = LOGICAL if doc.source_form == "logical" else VISUAL
        assert meta["title"] in (doc.title_ar, doc.title_en)
        assert {k: rows[doc_id][k] for k in ("date", "source", "url")} == {
            k: meta[k] for k in ("date", "source", "url")
        }


def test_every_dataset_holds_the_new_documents_where_it_should(grown):
    """Each per-document dataset has rows for each new document; a draft coding exists for each."""
    project, new = grown
    for name in PER_DOCUMENT:
        path = project / "out" / f"{name}.csv"
        if name == "dates" and not path.exists():
            continue
        ids = {r["doc_id"] for r in read_csv(path)}
        assert set(new) <= ids, (name, sorted(set(new) - ids))
    if (ROOT / "coding").is_dir():
        assert all((project / "coding" / f"{doc_id}.yaml").is_file() for doc_id in new)


def test_the_seeds_rows_do_not_change_when_documents_are_added(grown, tmp_path):
    """Every exported row about a seed is the same in the grown corpus as in the checkout's."""
    project, _ = grown
    run(ROOT, "export", str(tmp_path / "checkout"))
    for path in sorted((project / "out").glob("*.csv")):
        grown_rows = read_csv(path)
        if not grown_rows or "doc_id" not in grown_rows[0]:
            continue
        checkout_rows = read_csv(tmp_path / "checkout" / path.name)
        for seed in SEEDS:
            assert [r for r in grown_rows if r["doc_id"] == seed] == [
                r for r in checkout_rows if r["doc_id"] == seed
            ], (path.name, seed)


def test_the_corpus_tests_pass_on_the_grown_corpus(grown):
    """The tests marked `corpus` hold with the two documents added."""
    project, _ = grown
    env = {**os.environ, ROOT_ENV: str(project)}
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-m",
            "corpus",
            "-o",
            "addopts=",
            "-p",
            "no:cacheprovider",
            "tests",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
    assert " passed" in out.stdout


def test_the_build_reports_the_new_documents(grown):
    """`build` succeeds on the grown corpus; the corpus chapter lists the new documents by title,
    and so does index.html wherever it lists the seeds."""
    project, new = grown
    run(project, "build", timeout=600)
    seeds = [d for d in load_corpus(project) if d.id in SEEDS]
    for name in LISTING_PAGES:
        text = html.unescape((project / "report" / name).read_text(encoding="utf-8"))
        if name == "index.html" and not all(d.title in text for d in seeds):
            continue
        for doc in new.values():
            assert doc.title in text, (name, doc.id)


# A checkout copied whole (what a researcher has), without what is rebuilt or private to this one.
TOP_NOT_COPIED = {".git", ".venv", "report", "build", ".pytest_cache"}


def not_copied(folder: str, names: list[str]) -> set[str]:
    """Rebuilt or private folders at the top of the checkout, and caches anywhere."""
    top = Path(folder) == ROOT
    return {
        n for n in names if (top and n in TOP_NOT_COPIED) or n == "__pycache__" or n.endswith(".egg-info")
    }


def test_the_whole_suite_passes_after_add_and_build(tmp_path):
    """A researcher adds documents to their checkout and builds: every other test still passes there."""
    checkout = tmp_path / "checkout"
    shutil.copytree(ROOT, checkout, ignore=not_copied)
    env = {**os.environ, "PYTHONPATH": str(checkout / "src"), "PYTHONHASHSEED": "0"}
    env.pop(ROOT_ENV, None)
    env.pop("MPLBACKEND", None)

    def step(*args: str, timeout: int = 600) -> subprocess.CompletedProcess:
        out = subprocess.run(args, cwd=checkout, env=env, capture_output=True, text=True, timeout=timeout)
        assert out.returncode == 0, " ".join(args[:4]) + "\n" + out.stdout[-3000:] + out.stderr[-2000:]
        return out

    cli = (sys.executable, "-m", "sahel_analysis.cli")
    step(
        *cli,
        "add",
        str(NEW_DOCUMENTS / "article_logical.txt"),
        "--title",
        LOGICAL["title"],
        "--date",
        "2022-01-20",
    )
    step(*cli, "add", str(NEW_DOCUMENTS / "article_visual.txt"), "--title", VISUAL["title"])
    step(*cli, "build")
    out = step(
        sys.executable, "-m", "pytest", "-q", "-m", "not end_to_end", "-p", "no:cacheprovider", timeout=900
    )
    assert " passed" in out.stdout and " failed" not in out.stdout
