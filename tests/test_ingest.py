"""`add` registers a new document safely, and every bad input gets a one-line error."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from conftest import NEW_DOCUMENTS as NEW
from conftest import SEEDS

from sahel_analysis.atomic import exclusive_lock
from sahel_analysis.cli import main
from sahel_analysis.corpus.catalog import (
    LOCK_NAME,
    TEXT_KEY_FIELD,
    catalog_lock,
    forget_loaded_corpus,
    load_corpus,
    read_catalog,
    text_key,
)
from sahel_analysis.corpus.ingest import add_document
from sahel_analysis.errors import SahelError


@pytest.fixture
def project(seed_project):
    """A scratch project holding only the seeds, free to change."""
    return seed_project


def snapshot(project: Path) -> dict[str, str]:
    """Every file in seeds/ with its checksum, but the (empty) lock file an add leaves."""
    files = (project / "seeds").iterdir()
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in files if p.name != LOCK_NAME}


def refused(project: Path, file: Path, **kwargs) -> str:
    """Add must fail with one line naming the file, and leave seeds/ exactly as it was."""
    before = snapshot(project)
    with pytest.raises(SahelError) as info:
        add_document(file, project, kwargs.pop("title", "عنوان"), **kwargs)
    assert snapshot(project) == before
    message = str(info.value)
    assert "\n" not in message
    return message


def test_logical_article_is_added_and_loads(project):
    """A logical Arabic article is copied under a new id, catalogued, and loads with the corpus."""
    added = add_document(NEW / "article_logical.txt", project, "مقال تجريبي", author="Test Author")
    assert added.doc_id == "003" and added.source_form == "logical"
    docs = {d.id: d for d in load_corpus(project)}
    assert docs["003"].raw_text == (NEW / "article_logical.txt").read_text(encoding="utf-8")


def test_visual_extraction_is_detected(project):
    """A visual-order extraction is catalogued as visual, so the build repairs it."""
    added = add_document(NEW / "article_visual.txt", project, "Test article (visual)", doc_id="test-visual")
    assert added.source_form == "visual"


def test_existing_catalog_entries_stay_byte_for_byte(project):
    """Adding appends: the catalog's earlier text is kept exactly, comments included."""
    old = (project / "seeds" / "catalog.yaml").read_text(encoding="utf-8")
    add_document(NEW / "article_logical.txt", project, "مقال")
    assert (project / "seeds" / "catalog.yaml").read_text(encoding="utf-8").startswith(old.rstrip("\n"))


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "is empty"),
        (b"   \n\n", "is empty"),
        (bytes(range(256)) * 8, "binary"),
        ("نص عربي طويل بما يكفي للاختبار هنا".encode("cp1256"), "Windows-1256"),
        ("نص عربي طويل بما يكفي للاختبار هنا".encode("utf-16"), "UTF-16"),
        (b"just English text, no Arabic here at all", "no Arabic"),
    ],
)
def test_bad_files_are_refused(project, tmp_path, content, expected):
    """Empty, binary, non-UTF-8 and non-Arabic files are refused with the reason."""
    source = tmp_path / "input.txt"
    source.write_bytes(content)
    message = refused(project, source)
    assert expected in message and "input.txt" in message


def test_windows_1256_is_converted_with_consent(project, tmp_path):
    """With --convert, a Windows-1256 file is stored as UTF-8 and the note says so."""
    source = tmp_path / "cp.txt"
    source.write_bytes((NEW / "article_logical.txt").read_text(encoding="utf-8").encode("cp1256"))
    added = add_document(source, project, "مقال", convert=True)
    assert any("converted from Windows-1256" in n for n in added.notes)
    added.file.read_bytes().decode("utf-8")


def test_bom_and_crlf_are_accepted(project, tmp_path):
    """A BOM and CRLF line ends are kept in the seed and read as ordinary text."""
    source = tmp_path / "bom.txt"
    text = (NEW / "article_logical.txt").read_text(encoding="utf-8")
    source.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    added = add_document(source, project, "مقال")
    assert len(added.notes) == 2
    doc = next(d for d in load_corpus(project) if d.id == added.doc_id)
    assert doc.raw_text.startswith("أعلنت")


def test_duplicate_document_is_refused(project, root):
    """A file already in the corpus (same checksum) is refused, naming the existing id."""
    message = refused(project, root / "seeds" / SEEDS["002"])
    assert "already in the corpus as document 002" in message


COPIES = {
    "a byte-order mark": lambda b: b"\xef\xbb\xbf" + b,
    "CRLF line ends": lambda b: b.replace(b"\n", b"\r\n"),
    "CR line ends": lambda b: b.replace(b"\n", b"\r"),
    "an extra final newline": lambda b: b + b"\n",
    "no final newline": lambda b: b.rstrip(b"\n"),
    "trailing spaces and tabs": lambda b: b.replace(b"\n", b" \t\n", 5) + b"  \n\n",
    "all of them": lambda b: b"\xef\xbb\xbf" + b.replace(b"\n", b"  \r\n") + b"\r\n",
}


@pytest.mark.parametrize("change", COPIES)
def test_a_copy_differing_only_in_bom_line_ends_or_trailing_space_is_a_duplicate(
    project, root, tmp_path, change
):
    """The same text with a BOM, CRLF or CR, an extra final newline or trailing blanks duplicates the seed."""
    copy = tmp_path / "copy.txt"
    copy.write_bytes(COPIES[change]((root / "seeds" / SEEDS["000"]).read_bytes()))
    message = refused(project, copy)
    assert message == (
        f"{copy}: duplicates document 000 (seeds/{SEEDS['000']}): the same text once a byte-order mark, "
        "line ends and trailing white space are set aside"
    )


def test_a_copy_of_an_added_document_is_a_duplicate_and_the_seed_keeps_the_bytes_given(project, tmp_path):
    """The seed stores the user's bytes (BOM, CRLF and all); the catalog keeps the key the next add compares."""
    given = b"\xef\xbb\xbf" + UTF8.replace(b"\n", b"\r\n")
    (tmp_path / "given.txt").write_bytes(given)
    added = add_document(tmp_path / "given.txt", project, "مقال")
    assert added.file.read_bytes() == given
    entry = next(e for e in read_catalog(project / "seeds") if e["id"] == added.doc_id)
    assert entry[TEXT_KEY_FIELD] == text_key(ARTICLE) == text_key(given.decode("utf-8"))
    (tmp_path / "plain.txt").write_bytes(UTF8 + b"\n\n")
    assert f"duplicates document {added.doc_id} (seeds/{added.file.name})" in refused(
        project, tmp_path / "plain.txt"
    )


def test_a_catalog_without_text_keys_still_recognises_duplicates(project, tmp_path):
    """Entries written before the key existed get it from their seed when add compares."""
    added = add_document(NEW / "article_logical.txt", project, "مقال")
    catalog = project / "seeds" / "catalog.yaml"
    catalog.write_text(
        "".join(
            line
            for line in catalog.read_text(encoding="utf-8").splitlines(True)
            if TEXT_KEY_FIELD not in line
        ),
        encoding="utf-8",
    )
    assert all(TEXT_KEY_FIELD not in e for e in read_catalog(project / "seeds"))
    (tmp_path / "crlf.txt").write_bytes(UTF8.replace(b"\n", b"\r\n"))
    assert f"duplicates document {added.doc_id}" in refused(project, tmp_path / "crlf.txt")


def test_a_change_inside_a_line_is_a_new_document(project, tmp_path):
    """Only the BOM, line ends and trailing white space are set aside: a doubled inner space is a change."""
    (tmp_path / "a.txt").write_bytes(UTF8)
    (tmp_path / "b.txt").write_bytes(UTF8.replace(b" ", b"  ", 1))
    assert (
        add_document(tmp_path / "a.txt", project, "مقال").doc_id
        != add_document(tmp_path / "b.txt", project, "مقال").doc_id
    )


@pytest.mark.parametrize("bad", ["abc", "A" * 64])
def test_a_malformed_text_key_in_the_catalog_is_one_line(project, bad):
    catalog = project / "seeds" / "catalog.yaml"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(
        re.sub(r"^( *)sha256:", rf"\1{TEXT_KEY_FIELD}: {bad}\n\1sha256:", text, count=1, flags=re.M)
    )
    with pytest.raises(SahelError, match=f"has a {TEXT_KEY_FIELD} that is not 64 lowercase hex digits"):
        read_catalog(project / "seeds")


@pytest.mark.parametrize(
    ("bad_id", "reason"),
    [
        ("../x", "is a path"),
        ("a/b", "is a path"),
        ("..", "is a path"),
        ("", "id is empty"),
        ("x" * 33, "33 characters long, over the limit of 32"),
        ("white space", "white space"),
        ("abc\n", "white space"),
        ("é1", "ids take only letters A-Z"),
        ("-x", "begin it with a letter or a digit"),
    ],
)
def test_a_bad_id_is_refused_naming_the_problem(project, bad_id, reason):
    """An id that is a path, too long or not a plain name is refused, saying which."""
    message = refused(project, NEW / "article_logical.txt", doc_id=bad_id)
    assert reason in message


def test_a_32_character_id_is_allowed(project):
    """The length limit is 32: an id of exactly 32 characters goes in."""
    assert add_document(NEW / "article_logical.txt", project, "t", doc_id="x" * 32).doc_id == "x" * 32


@pytest.mark.parametrize("taken", ["002", "TEST"])
def test_a_taken_id_is_refused(project, taken):
    """An id already in the catalog, or differing from one only in case, is refused."""
    add_document(NEW / "article_visual.txt", project, "t", doc_id="test")
    message = refused(project, NEW / "article_logical.txt", doc_id=taken)
    assert "already taken" in message or "differs only in case" in message


def test_very_large_file_is_refused(project, tmp_path, monkeypatch):
    """A file over the size limit is refused before anything is copied."""
    monkeypatch.setattr("sahel_analysis.corpus.ingest.MAX_BYTES", 1000)
    source = tmp_path / "big.txt"
    source.write_text("نص " * 1000, encoding="utf-8")
    assert "limit" in refused(project, source)


def test_cli_add_error_is_one_line_without_traceback(capsys, tmp_path, monkeypatch, project):
    """The CLI prints one line on stderr and exits 1, with no traceback."""
    monkeypatch.setenv("SAHEL_ANALYSIS_ROOT", str(project))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["add", str(empty), "--title", "x"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "empty.txt" in err and "Traceback" not in err


def test_metadata_is_catalogued_and_loaded(project):
    """--date, --source and --url are stored in the catalog and reach the Document record."""
    added = add_document(
        NEW / "article_logical.txt",
        project,
        "مقال",
        date="2022-01",
        source="Agence Test",
        url="https://example.org/mali",
    )
    doc = {d.id: d for d in load_corpus(project)}[added.doc_id]
    assert (doc.date, doc.source, doc.url) == ("2022-01", "Agence Test", "https://example.org/mali")


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("date", "2022/01/15", "--date '2022/01/15' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"),
        ("date", "2022-02-30", "not a day of the calendar"),
        ("url", "ftp://example.org", "must start with http:// or https://"),
        ("url", "https://", "needs a host"),
        ("source", "a\x07b", "the source holds control characters"),
        ("author", "\udcff", "not UTF-8"),
    ],
)
def test_bad_metadata_is_refused_in_one_line(project, field, value, expected):
    """A malformed date, a url that is not http(s), or control bytes in a field: one line, nothing written."""
    assert expected in refused(project, NEW / "article_logical.txt", **{field: value})


def test_a_title_can_come_from_the_first_line(project):
    """With no title, the file's first line is the title, and a note says so."""
    added = add_document(NEW / "article_logical.txt", project, None)
    doc = {d.id: d for d in load_corpus(project)}[added.doc_id]
    assert doc.title_ar.startswith("أعلنت الحكومة الانتقالية في مالي")
    assert any("first line" in note for note in added.notes)


ARTICLE = (NEW / "article_logical.txt").read_text(encoding="utf-8")
UTF8 = ARTICLE.encode("utf-8")
MID_CHARACTER = next(i for i in range(300, len(UTF8)) if 0x80 <= UTF8[i] < 0xC0)  # a continuation byte


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (UTF8[:MID_CHARACTER], "cut short"),
        (ARTICLE[:50].encode("utf-8") + b"\xff" + ARTICLE[50:].encode("utf-8"), "damaged byte 0xff"),
        (ARTICLE.encode("utf-16-le")[:301], "odd number of bytes"),
        (
            b"\xff\xfe" + ARTICLE[:40].encode("utf-16-le") + b"\x00\xd8" + ARTICLE[40:].encode("utf-16-le"),
            "lone surrogate",
        ),
        (
            b"\x7fELF\x02\x01\x01\x00" + bytes(300) + b"\x02\x00\x3e\x00" * 40,
            "not text in UTF-8, UTF-16 or Windows-1256",
        ),
    ],
)
def test_convert_refuses_what_does_not_decode_cleanly(project, tmp_path, content, expected):
    """--convert never stores mojibake: damaged UTF-8 and UTF-16, and binaries, are one-line refusals."""
    source = tmp_path / "input.txt"
    source.write_bytes(content)
    assert expected in refused(project, source, convert=True)


@pytest.mark.parametrize("codec", ["utf-16-be", "utf-16-le", "utf-16"])
def test_utf16_in_either_byte_order_is_converted(project, tmp_path, codec):
    """UTF-16 with or without a byte-order mark, in either order, is converted to the same UTF-8 text."""
    source = tmp_path / "u16.txt"
    source.write_bytes(ARTICLE.encode(codec))
    added = add_document(source, project, "مقال", convert=True)
    assert added.file.read_bytes() == ARTICLE.encode("utf-8")


def test_truncated_utf8_without_convert_says_it_was_cut(project, tmp_path):
    """Truncated UTF-8 is called what it is, not Windows-1256."""
    source = tmp_path / "cut.txt"
    source.write_bytes(UTF8[:MID_CHARACTER])
    message = refused(project, source)
    assert "cut short" in message and "Windows-1256" not in message


def test_a_folder_or_a_pipe_is_named_for_what_it_is(project, tmp_path):
    """A folder or a FIFO given as FILE gets an error saying what it is, not 'no such file'."""
    import os

    assert "is a folder" in refused(project, tmp_path)
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    assert "not a regular file" in refused(project, fifo)


def reloaded(project: Path):
    """The corpus as the files now hold it (another process changed them)."""
    forget_loaded_corpus()
    return load_corpus(project)


def _variant(tmp_path: Path, n: int) -> Path:
    path = tmp_path / f"article_{n}.txt"
    path.write_text(f"{ARTICLE}\nنسخة رقم {n}\n", encoding="utf-8")
    return path


def _add_in_child(path: Path, project: Path) -> None:
    import os

    try:
        add_document(path, project, "مقال")
    except BaseException:
        os._exit(1)
    os._exit(0)


def test_simultaneous_adds_each_land_once_under_their_own_id(project, tmp_path):
    """Twenty adds started at once: every entry is catalogued exactly once, no id is shared, no file is lost."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    paths = [_variant(tmp_path, n) for n in range(20)]
    children = [context.Process(target=_add_in_child, args=(p, project)) for p in paths]
    for child in children:
        child.start()
    for child in children:
        child.join(30)
    assert [c.exitcode for c in children] == [0] * 20
    docs = load_corpus(project)
    ids = [d.id for d in docs]
    assert len(ids) == len(set(ids)) == 22
    assert sorted(d.raw_text for d in docs if d.id not in SEEDS) == sorted(p.read_text() for p in paths)
    assert {p.name for p in (project / "seeds").glob("*.txt")} == {d.file for d in docs}


STEPS = ["seed written", "catalog written", "seed renamed", "catalog renamed"]


def _killed_at(step: str, path: Path, project: Path) -> None:
    """Add `path`, but die like kill -9 (no cleanup, no finally) at `step`."""
    import os

    from sahel_analysis.corpus import ingest

    write, commit = ingest.write_temporary, ingest.commit_temporary
    seen: list[str] = []

    def die_after(name: str) -> None:
        seen.append(name)
        if name == step:
            os._exit(9)

    def write_then_maybe_die(target, writer, durable=False):
        tmp = write(target, writer, durable)
        die_after("seed written" if target.suffix == ".txt" else "catalog written")
        return tmp

    def commit_then_maybe_die(tmp, target, durable=False):
        result = commit(tmp, target, durable)
        die_after("seed renamed" if target.suffix == ".txt" else "catalog renamed")
        return result

    ingest.write_temporary, ingest.commit_temporary = write_then_maybe_die, commit_then_maybe_die
    add_document(path, project, "مقال")
    os._exit(0)


@pytest.mark.parametrize("step", STEPS)
def test_a_kill_at_any_step_loses_nothing_and_the_next_add_clears_what_it_left(project, tmp_path, step):
    """kill -9 between any two writes: the catalog still loads (with or without the entry), and the next add
    removes every temporary and uncatalogued copy, then lands itself."""
    import multiprocessing

    before = {d.id for d in reloaded(project)}
    child = multiprocessing.get_context("fork").Process(
        target=_killed_at, args=(step, _variant(tmp_path, 1), project)
    )
    child.start()
    child.join(30)
    assert child.exitcode == 9
    assert before <= {d.id for d in reloaded(project)}
    add_document(_variant(tmp_path, 2), project, "مقال")
    names = {p.name for p in (project / "seeds").iterdir()}
    assert not [n for n in names if n.endswith(".sahel-tmp")]
    assert {n for n in names if n.endswith(".txt")} == {d.file for d in reloaded(project)}


def test_a_failed_catalog_write_takes_the_seed_back(project, monkeypatch):
    """An I/O error renaming the catalog is one line, and seeds/ is left exactly as it was."""
    from sahel_analysis.corpus import ingest

    commit = ingest.commit_temporary

    def failing(tmp, target, durable=False):
        if target.name == "catalog.yaml":
            tmp.unlink()
            raise OSError(5, "Input/output error", str(target))
        return commit(tmp, target, durable)

    monkeypatch.setattr(ingest, "commit_temporary", failing)
    message = refused(project, NEW / "article_logical.txt")
    assert "cannot write: Input/output error" in message


def test_a_held_catalog_lock_is_waited_for_then_refused_in_one_line(project):
    """The catalog lock is a FileLock on seeds/.catalog.lock: a second holder waits, then gets one line."""
    seeds = project / "seeds"
    with catalog_lock(seeds):
        with pytest.raises(SahelError) as info, exclusive_lock(seeds / LOCK_NAME, wait_seconds=0.2):
            pass
        assert (
            str(info.value)
            == f"{seeds / LOCK_NAME}: another sahel-analysis command has held this lock for 0 s"
        )
    with exclusive_lock(seeds / LOCK_NAME, wait_seconds=0.2):
        assert (seeds / LOCK_NAME).is_file()


def test_a_lock_file_that_cannot_be_created_is_one_line(project):
    """seeds/ read-only, or the lock's name taken by a folder: add names the lock file and adds nothing."""
    (project / "seeds" / LOCK_NAME).mkdir()
    message = refused(project, NEW / "article_logical.txt")
    assert message == f"{project / 'seeds' / LOCK_NAME}: cannot create the lock file: Is a directory"


def test_stale_temporaries_of_older_versions_are_cleared(project):
    """A hidden temporary left in seeds/ by a killed add (old or new naming) is removed by the next add."""
    seeds = project / "seeds"
    (seeds / ".003_abc.txt.tmp12345").write_bytes(b"x" * 1000)
    (seeds / ".catalog.yaml.999999-0a1b.sahel-tmp").write_text("documents: [")
    added = add_document(NEW / "article_logical.txt", project, "مقال")
    assert not list(seeds.glob(".*tmp*")) and sum("temporary" in n for n in added.notes) == 2


def test_add_parses_the_catalog_once(project, monkeypatch):
    """One add reads and parses the catalog once (the new entry alone is checked on its own)."""
    from sahel_analysis.corpus import catalog

    calls = []
    parse = catalog.load_yaml_safely
    monkeypatch.setattr(
        catalog, "load_yaml_safely", lambda text, path: calls.append(path) or parse(text, path)
    )
    add_document(NEW / "article_logical.txt", project, "مقال")
    assert len(calls) == 1


def test_an_empty_catalog_takes_its_first_entry(tmp_path):
    """`documents: []` becomes a block list holding the first document, numbered 000."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "catalog.yaml").write_text("# mine\ndocuments: []\n", encoding="utf-8")
    added = add_document(NEW / "article_logical.txt", tmp_path, "مقال")
    assert added.doc_id == "000" and [d.id for d in load_corpus(tmp_path)] == ["000"]
    assert (
        (tmp_path / "seeds" / "catalog.yaml").read_text(encoding="utf-8").startswith("# mine\ndocuments:\n")
    )


def cli(monkeypatch, project: Path, *args: str) -> int:
    monkeypatch.setenv("SAHEL_ANALYSIS_ROOT", str(project))
    return main(["add", *args])


def test_cli_add_stores_date_source_and_url(project, monkeypatch, capsys):
    """`add FILE --title --date --source --url` catalogues the metadata and reports the new id."""
    code = cli(
        monkeypatch,
        project,
        str(NEW / "article_logical.txt"),
        *(
            "--title",
            "مقال",
            "--date",
            "2022-01-15",
            "--source",
            "Test wire",
            "--url",
            "https://example.org/a",
        ),
    )
    assert code == 0 and "added document 003" in capsys.readouterr().out
    doc = {d.id: d for d in load_corpus(project)}["003"]
    assert (doc.date, doc.source, doc.url) == ("2022-01-15", "Test wire", "https://example.org/a")


def test_cli_add_removes_a_draft_coding_temporary_a_killed_add_left(project, monkeypatch, capsys):
    """A draft coding half-written by a killed add (its process gone) is removed by the next add, and said."""
    monkeypatch.setattr("sahel_analysis.coding.draft.draft_document", lambda root, doc_id: None)
    (project / "coding").mkdir()
    left = project / "coding" / ".003.yaml.999999999-0badcafe.sahel-tmp"
    left.write_text("events: [", encoding="utf-8")
    assert cli(monkeypatch, project, str(NEW / "article_logical.txt"), "--title", "مقال") == 0
    assert not left.exists()
    assert "removed coding/.003.yaml.999999999-0badcafe.sahel-tmp, left by an add that was stopped" in (
        capsys.readouterr().out
    )


def test_cli_add_file_needs_a_title(project, monkeypatch, capsys):
    """A single FILE without --title is one line of error (only a folder takes first lines)."""
    assert cli(monkeypatch, project, str(NEW / "article_logical.txt")) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "needs --title" in err


def make_folder(tmp_path: Path, metadata: str | None) -> Path:
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "a_logical.txt").write_bytes((NEW / "article_logical.txt").read_bytes())
    (folder / "b_visual.txt").write_bytes((NEW / "article_visual.txt").read_bytes())
    (folder / "c_empty.txt").write_bytes(b"")
    (folder / "notes.md").write_text("not a document", encoding="utf-8")
    if metadata is not None:
        (folder / "metadata.csv").write_text(metadata, encoding="utf-8")
    return folder


def test_cli_add_folder_adds_each_text_and_skips_a_bad_one(project, tmp_path, monkeypatch, capsys):
    """`add DIR`: one progress line per file, metadata.csv titles and dates, first lines otherwise,
    the empty file skipped in one line while the others go in; exit 1 because one was skipped."""
    folder = make_folder(
        tmp_path,
        "file,title,author,date,source,url\n"
        "b_visual.txt,Visual test article,A. Writer,2021-06,Test wire,https://example.org/b\n",
    )
    assert cli(monkeypatch, project, str(folder), "--source", "Default source") == 1
    out, err = capsys.readouterr()
    assert [line.split(" document")[0] for line in out.splitlines() if line.startswith("[")] == [
        "[1/3] added",
        "[2/3] added",
    ]
    assert err.splitlines() == [line for line in err.splitlines() if line.startswith("[3/3] skipped")]
    assert "c_empty.txt: is empty" in err and "added 2 of 3 document(s)" in out
    docs = {d.origin.rsplit(" ", 1)[-1]: d for d in load_corpus(project) if d.id not in SEEDS}
    visual, logical = docs["b_visual.txt"], docs["a_logical.txt"]
    assert (visual.title_en, visual.author_en, visual.date, visual.source) == (
        "Visual test article",
        "A. Writer",
        "2021-06",
        "Test wire",
    )
    assert logical.title_ar.startswith("أعلنت الحكومة") and logical.source == "Default source"


def test_a_malformed_metadata_csv_adds_nothing(project, tmp_path, monkeypatch, capsys):
    """An unknown column in metadata.csv is one error for the whole folder, before any file goes in."""
    folder = make_folder(tmp_path, "file,titel\na_logical.txt,x\n")
    before = snapshot(project)
    assert cli(monkeypatch, project, str(folder)) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unknown column(s) 'titel'" in err
    assert snapshot(project) == before


def test_a_file_listed_in_metadata_but_absent_is_skipped(project, tmp_path, monkeypatch, capsys):
    """A metadata.csv row naming a missing file is reported in one line; the rest go in."""
    folder = make_folder(tmp_path, "file,title\nmissing.txt,Gone\n")
    (folder / "c_empty.txt").unlink()
    assert cli(monkeypatch, project, str(folder)) == 1
    out, err = capsys.readouterr()
    assert "missing.txt: is listed in metadata.csv but is not in the folder" in err
    assert "added 2 of 3" in out
