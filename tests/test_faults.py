"""Faults (issue 16): `add`, `export` and `build` killed at random points, and `add`s racing in pairs, lose nothing.

Each killed command runs as its own process (SIGKILL: no cleanup, no `finally`)
in a copy of the project, after a seeded random delay. After each kill the
catalog must parse, every document added before must still be there byte for
byte, and the same command run again must succeed and leave no temporary or
partial file behind.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import NEW_DOCUMENTS, ROOT, SEEDS, make_seed_project

from sahel_analysis.atomic import TEMP_NAME_RE
from sahel_analysis.corpus.catalog import ROOT_ENV, forget_loaded_corpus, load_corpus, read_catalog, sha256_of
from sahel_analysis.corpus.ingest import SEED_NAME_RE, add_document
from sahel_analysis.export.writer import MANIFEST_NAME

# What `build --no-execute` reads besides seeds/ (as tests/test_end_to_end.py copies it).
COPIED = ("coding", "notebooks", "tests/data", "benchmarks/results", ".cache/repair")
# Names a killed command may leave: our temporaries (old and new forms), an older build's notebook
# temporary, and the report folders `swap_in` renames aside.
LEFTOVER_RE = re.compile(rf"{TEMP_NAME_RE.pattern}|\.ipynb\.tmp$|^\.report\.(previous|new)$|\.tmp$")
ARTICLE = (NEW_DOCUMENTS / "article_logical.txt").read_text(encoding="utf-8")
# Seeded kills: (command, the longest delay before the kill in seconds), drawn up to about the
# command's own run time so that a kill lands in start-up, the analysis or the writes. Each kill
# costs a full run after it: the loop is bounded to keep the test near a minute.
KILLS = (("add", 4.0), ("export", 5.0), ("build", 10.0))


def variant(folder: Path, n: int) -> Path:
    """A new logical article, different from every other variant."""
    path = folder / f"article_{n}.txt"
    path.write_text(f"{ARTICLE}\nنسخة رقم {n}\n", encoding="utf-8")
    return path


def command(project: Path, name: str, n: int) -> list[str]:
    """The command line of one `add`, `export` or `build --no-execute` in `project`."""
    if name == "add":
        return ["add", str(variant(project.parent, n)), "--title", f"مقال {n}"]
    if name == "export":
        return ["export", str(project / "out")]
    return ["build", "--no-execute"]


def start(project: Path, args: list[str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "sahel_analysis.cli", *args],
        cwd=project,
        env={**os.environ, ROOT_ENV: str(project)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def documents(project: Path) -> dict[str, bytes]:
    """Every catalogued document's seed bytes, by id (the catalog must parse, the checksums hold)."""
    forget_loaded_corpus()
    docs = load_corpus(project)
    return {d.id: (project / "seeds" / d.file).read_bytes() for d in docs}


def leftovers(*folders: Path) -> list[Path]:
    """Temporaries or renamed-aside folders anywhere under `folders`."""
    found = []
    for folder in folders:
        for dirpath, dirnames, filenames in os.walk(folder):
            found += [Path(dirpath, n) for n in [*dirnames, *filenames] if LEFTOVER_RE.search(n)]
    return found


def assert_whole(project: Path) -> None:
    """No partial file: every seed is catalogued, every exported file is the one its manifest names."""
    catalogued = {e["file"] for e in read_catalog(project / "seeds")}
    seeds = {p.name for p in (project / "seeds").iterdir() if SEED_NAME_RE.fullmatch(p.name)}
    assert seeds == catalogued
    manifest = project / "out" / MANIFEST_NAME
    if manifest.exists():
        files = json.loads(manifest.read_text(encoding="utf-8"))["files"]
        for name, sha in files.items():
            assert sha256_of((project / "out" / name).read_bytes()) == sha, name
    for notebook in (project / "notebooks").glob("*.ipynb"):
        json.loads(notebook.read_text(encoding="utf-8"))
    if (project / "report").exists():
        assert (project / "report" / "index.html").is_file()


@pytest.mark.end_to_end
def test_commands_killed_at_random_points_lose_nothing_and_the_next_run_clears_up(tmp_path):
    """kill -9 of add, export and build after seeded random delays: the catalog parses, earlier documents are
    byte-identical, and the command run again succeeds and leaves no temporary or partial file."""
    project = make_seed_project(tmp_path / "project")
    for name in COPIED:
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, project / name)
    draw = random.Random(16)
    for n, (name, longest) in enumerate(KILLS):
        before = documents(project)
        process = start(project, command(project, name, 2 * n))
        time.sleep(draw.uniform(0.2, longest))
        process.send_signal(signal.SIGKILL)
        process.communicate()
        after = documents(project)
        assert {k: v for k, v in after.items() if k in before} == before, f"{name} #{n} lost a document"
        rerun = start(project, command(project, name, 2 * n + 1))
        out, err = rerun.communicate(timeout=300)
        assert rerun.returncode == 0, f"{name} #{n} after a kill: {out}{err}"
        assert "Traceback" not in err
        assert leftovers(*(project / d for d in ("seeds", "coding", "out", "notebooks", "figures"))) == []
        assert not [p for p in project.iterdir() if LEFTOVER_RE.search(p.name)]
        assert_whole(project)
        if name == "add":
            assert len(documents(project)) in (len(before) + 1, len(before) + 2)
    final = documents(project)
    assert set(SEEDS) <= set(final) and len(set(final.values())) == len(final)


def _add_when_told(path: Path, project: Path, go, delay: float) -> None:
    """Wait for the start signal (and a stagger), add `path`, and exit 0 only if it landed."""
    go.wait(10)
    time.sleep(delay)
    try:
        add_document(path, project, "مقال")
    except BaseException:
        os._exit(1)
    os._exit(0)


def test_twenty_pairs_of_simultaneous_adds_each_land_exactly_once(seed_project, tmp_path):
    """Twenty rounds of two adds started together (staggered by 0-5 ms, seeded): each entry lands once,
    under its own id, and every seed file is catalogued."""
    context = multiprocessing.get_context("fork")
    draw = random.Random(20)
    paths = []
    for pair in range(20):
        go = context.Event()
        both = [variant(tmp_path, 2 * pair), variant(tmp_path, 2 * pair + 1)]
        children = [
            context.Process(target=_add_when_told, args=(p, seed_project, go, draw.uniform(0, 0.005)))
            for p in both
        ]
        for child in children:
            child.start()
        go.set()
        for child in children:
            child.join(30)
        assert [c.exitcode for c in children] == [0, 0], f"pair {pair}"
        paths += both
    forget_loaded_corpus()
    docs = load_corpus(seed_project)
    ids = [d.id for d in docs]
    assert len(ids) == len(set(ids)) == len(SEEDS) + 40
    assert sorted(d.raw_text for d in docs if d.id not in SEEDS) == sorted(p.read_text() for p in paths)
    assert {p.name for p in (seed_project / "seeds").glob("*.txt")} == {d.file for d in docs}
