"""Hostile inputs: every command gives the right result or one line on stderr, and hostile text costs linear time.

The inputs live in tests/data/hostile/ (see its README); huge ones are made here.
No test is timed: the time is in benchmarks/bench_hostile.py. What is pinned
instead is the bound that keeps the time linear (a line read in pieces, a huge
word never rotated).
"""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, SEEDS

from sahel_analysis.cli import main
from sahel_analysis.corpus.catalog import CATALOG_NAME, ROOT_ENV, forget_loaded_corpus
from sahel_analysis.repair import lines, repair_text, tokens
from sahel_analysis.repair.lines import MAX_LINE_TOKENS, split_long_line
from sahel_analysis.repair.tokens import MAX_ROTATED_CHARS, unscramble_core
from sahel_analysis.report.build import clear_notebook_leftovers
from sahel_analysis.report.publish import clear_build_leftovers
from sahel_analysis.text.lexicon import Lexicon
from sahel_analysis.text.normalize import Options, normalize_arabic

HOSTILE = ROOT / "tests" / "data" / "hostile"
TEXTS = sorted(p.name for p in HOSTILE.glob("*.txt"))
CATALOGS = sorted(p.name for p in HOSTILE.glob("*_catalog.yaml"))
VISUAL_SEED = ROOT / "seeds" / SEEDS["000"]


def run(capsys, *args: str) -> tuple[int, str, str]:
    """Run the CLI in this process; return its status, stdout and stderr."""
    forget_loaded_corpus()
    status = main(list(args))
    out = capsys.readouterr()
    return status, out.out, out.err


def assert_result_or_one_line(status: int, err: str, name: str) -> None:
    """Success, or one line on stderr naming the problem: never a traceback or an internal error."""
    assert "Traceback" not in err and "internal error" not in err, err
    if status != 0:
        assert status == 1 and err.count("\n") == 1 and err.startswith("sahel-analysis: error: "), err
        assert name in err or "QUERY" in err or "--" in err, err


@pytest.mark.parametrize("name", TEXTS)
@pytest.mark.parametrize("detect", [False, True])
def test_repair_of_a_hostile_file_is_a_result_or_one_line(capsys, name, detect):
    status, _, err = run(capsys, "repair", *(["--detect"] if detect else []), str(HOSTILE / name))
    assert_result_or_one_line(status, err, name)


@pytest.mark.parametrize("name", TEXTS)
@pytest.mark.parametrize("convert", [False, True])
def test_add_of_a_hostile_file_is_a_result_or_one_line_and_the_catalog_still_parses(
    capsys, seed_project, monkeypatch, name, convert
):
    monkeypatch.setenv(ROOT_ENV, str(seed_project))
    monkeypatch.setattr("sahel_analysis.coding.draft.draft_document", lambda root, doc_id: None)
    args = ["add", str(HOSTILE / name), "--title", "t", *(["--convert"] if convert else [])]
    status, _, err = run(capsys, *args)
    assert_result_or_one_line(status, err, name)
    catalog = yaml.safe_load((seed_project / "seeds" / CATALOG_NAME).read_text(encoding="utf-8"))
    assert len(catalog["documents"]) == len(SEEDS) + (status == 0)
    assert not [p for p in (seed_project / "seeds").iterdir() if "tmp" in p.name]


@pytest.mark.parametrize("name", TEXTS)
def test_search_for_a_hostile_query_is_a_result_or_one_line(capsys, monkeypatch, name):
    monkeypatch.chdir(ROOT)
    query = (HOSTILE / name).read_bytes().decode("utf-8", "surrogateescape")[:200]
    status, _, err = run(capsys, "search", query)
    assert_result_or_one_line(status, err, name)


@pytest.mark.parametrize("query", ["ـــ", "ًٌٍ", "ـًـ"])
def test_a_query_of_tatweel_or_diacritics_only_says_it_has_no_letters(capsys, query):
    status, _, err = run(capsys, "search", query)
    assert status == 1 and err.count("\n") == 1 and "the query has no letters" in err


@pytest.mark.parametrize("width", ["-5", "10001"])
def test_a_search_width_out_of_range_is_refused(capsys, width):
    status, _, err = run(capsys, "search", "--width", width, "مالي")
    assert (
        status == 1
        and err == f"sahel-analysis: error: --width: is {width}: give 0 to 10000 characters of context\n"
    )


@pytest.mark.parametrize("catalog", CATALOGS)
@pytest.mark.parametrize("command", [["search", "مالي"], ["export", "out"], ["repair", str(VISUAL_SEED)]])
def test_a_hostile_catalog_is_one_line_for_every_command(capsys, seed_project, monkeypatch, catalog, command):
    """An alias bomb or a non-UTF-8 byte in the catalog: one line naming it (repair does not read it)."""
    (seed_project / "seeds" / CATALOG_NAME).write_bytes((HOSTILE / catalog).read_bytes())
    monkeypatch.setenv(ROOT_ENV, str(seed_project))
    monkeypatch.chdir(seed_project)
    status, _, err = run(capsys, *command)
    assert_result_or_one_line(status, err, CATALOG_NAME)
    assert (status == 0) == (command[0] == "repair")


def test_an_unreadable_file_is_one_line(capsys, tmp_path, monkeypatch):
    source = tmp_path / "a.txt"
    source.write_text("نص", encoding="utf-8")

    def unreadable(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", unreadable)
    status, _, err = run(capsys, "repair", str(source))
    assert status == 1 and err == f"sahel-analysis: error: {source}: Permission denied\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_folder_or_a_pipe_given_to_repair_is_named_for_what_it_is(capsys, tmp_path):
    os.mkfifo(tmp_path / "pipe")
    assert run(capsys, "repair", str(tmp_path))[2].endswith(": is a folder, not a text file\n")
    assert run(capsys, "repair", str(tmp_path / "pipe"))[2].endswith(": is not a regular file\n")


@pytest.mark.parametrize("name", ["figures", "report"])
def test_build_with_an_output_folder_that_is_a_file_is_one_line(capsys, seed_project, monkeypatch, name):
    (seed_project / name).write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(ROOT_ENV, str(seed_project))
    status, _, err = run(capsys, "build", "--no-execute")
    assert status == 1 and err.count("\n") == 1
    assert f"{seed_project / name}: is a file, not a folder" in err


def test_build_removes_what_a_killed_build_left(seed_project):
    """Temporaries of a dead process in figures/ and notebooks/, and older NN-*.ipynb.tmp, go at the next build."""
    (seed_project / "figures").mkdir()
    (seed_project / "notebooks").mkdir()
    left = [
        seed_project / "figures" / ".actors.png.999999999-0badcafe.sahel-tmp",
        seed_project / "notebooks" / ".01-x.ipynb.999999999-0badcafe.sahel-tmp",
        seed_project / "notebooks" / "01-x.ipynb.tmp",
    ]
    kept = seed_project / "notebooks" / "01-x.ipynb"
    for path in [*left, kept]:
        path.write_text("{}", encoding="utf-8")
    assert sorted(clear_build_leftovers(seed_project)) == sorted(left)
    assert [p.name for p in (seed_project / "notebooks").iterdir()] == [kept.name]
    assert clear_notebook_leftovers(seed_project / "notebooks") == []


def test_a_long_visual_line_is_read_in_pieces_of_bounded_length(monkeypatch):
    """A line of 2,000 words is read as pieces of at most MAX_LINE_TOKENS tokens: readings never grow with it."""
    words = VISUAL_SEED.read_text(encoding="utf-8").split()
    long_line = " ".join((words * (2000 // len(words) + 1))[:2000])
    longest = []
    real = lines.chunkings

    def counting(toks, lexicon, *args, **kwargs):
        longest.append(len(toks))
        return real(toks, lexicon, *args, **kwargs)

    monkeypatch.setattr(lines, "chunkings", counting)
    text = repair_text("\n".join([long_line, *VISUAL_SEED.read_text(encoding="utf-8").splitlines()[:40]]))
    assert max(longest) <= MAX_LINE_TOKENS
    assert len(text.split()) >= 2000


def test_a_long_line_is_cut_at_spaces_and_read_backwards():
    """Pieces keep every character but the spaces at the cuts, last piece first (a visual line runs backwards)."""
    line = " ".join(f"w{k}" for k in range(70))
    pieces = split_long_line(line, max_tokens=32)
    assert [len(p.split()) for p in pieces] == [6, 32, 32]
    assert " ".join(reversed(pieces)) == line
    assert split_long_line("a  b", max_tokens=2) == ["a  b"]


def test_a_core_longer_than_any_word_is_never_rotated(monkeypatch):
    """Rotating a huge "word" would cost its length squared: it is kept as written, no rotation tried."""
    tried = []
    monkeypatch.setattr(tokens, "word_shaped", lambda cand: tried.append(cand) or True)
    core = ("ماتهج" * (MAX_ROTATED_CHARS // 5 + 1))[: MAX_ROTATED_CHARS + 1]
    assert unscramble_core(core, Lexicon()) == core
    assert tried == []


def test_a_huge_word_in_a_visual_document_comes_out_whole():
    """A 200,000-letter word inside a visual-order document is kept, letter for letter."""
    word = ("بسم" * 70_000)[:200_000]
    seed = VISUAL_SEED.read_text(encoding="utf-8")
    text = repair_text(seed[:3000] + "\n" + word + "\n" + seed[3000:6000])
    assert word in text or word[::-1] in text


ARABIC_BLOCKS = (range(0x0600, 0x0700), range(0x0750, 0x0780), range(0xFB50, 0xFE00), range(0xFE70, 0xFF00))


def test_normalising_is_idempotent_on_every_arabic_character_and_ligature():
    """«ﷹ» expands to صلى, whose alef maqsura folds too: a second pass changes nothing, under every option."""
    assert normalize_arabic("«ﷹ»") == normalize_arabic(normalize_arabic("«ﷹ»")) == "«صلي»"
    chars = "".join(chr(code) for block in ARABIC_BLOCKS for code in block)
    for flags in itertools.product([True, False], repeat=len(Options.__dataclass_fields__)):
        options = Options(*flags)
        once = [normalize_arabic(ch, options) for ch in chars]
        assert [normalize_arabic(o, options) for o in once] == once, options


@pytest.mark.parametrize(("codec", "label"), [("utf-16-be", "UTF-16BE"), ("utf-16-le", "UTF-16LE")])
def test_utf16_without_a_bom_is_named_with_its_byte_order_and_converted(
    capsys, seed_project, monkeypatch, codec, label
):
    """Arabic UTF-16 without a BOM is all bytes below 0x80 ("UTF-8" with NULs): it is called UTF-16, not binary."""
    monkeypatch.setenv(ROOT_ENV, str(seed_project))
    monkeypatch.setattr("sahel_analysis.coding.draft.draft_document", lambda root, doc_id: None)
    text = (ROOT / "tests" / "data" / "new_documents" / "article_logical.txt").read_text(encoding="utf-8")
    source = seed_project.parent / "no_bom.txt"
    source.write_bytes(text.encode(codec))
    status, _, err = run(capsys, "add", str(source), "--title", "t")
    assert status == 1 and err.count("\n") == 1
    assert f"looks like {label}: convert it with `iconv -f {label} -t UTF-8" in err and "--convert" in err
    status, out, _ = run(capsys, "add", str(source), "--title", "t", "--convert")
    assert status == 0 and f"converted from {label} to UTF-8" in out


def test_a_logical_line_starting_with_markup_is_not_reordered():
    """A markup tag is one unit, not brackets a run-reversing reading could balance better."""
    line = "</td></tr> هذا نص عربي منطقي عادي في سطر واحد"
    assert repair_text(line).strip() == line
    assert repair_text(line + "\nوهذا سطر ثان عادي <br/> فيه وسم").rstrip().endswith("<br/> فيه وسم")
