"""The catalog index gives exactly the parsed catalog's entries, is ignored when stale, and spares `add` the parse."""

from __future__ import annotations

from conftest import NEW_DOCUMENTS as NEW

from sahel_analysis.corpus import catalog as catalog_module
from sahel_analysis.corpus.catalog import (
    CATALOG_NAME,
    INDEX_VERSION,
    forget_loaded_corpus,
    load_corpus,
    parse_catalog_entries,
    read_catalog_file,
)
from sahel_analysis.corpus.catalog_index import index_path, read_index, stamp_of, write_index
from sahel_analysis.corpus.ingest import add_document

ARTICLE = (NEW / "article_logical.txt").read_text(encoding="utf-8")


def variant(folder, n):
    path = folder / f"article_{n}.txt"
    path.write_text(f"{ARTICLE}\nنسخة رقم {n}\n", encoding="utf-8")
    return path


def parsed(project):
    catalog = project / "seeds" / CATALOG_NAME
    return parse_catalog_entries(catalog.read_text(encoding="utf-8"), catalog)


def test_reading_writes_an_index_that_reads_back_as_the_parsed_entries(seed_project):
    first = read_catalog_file(seed_project / "seeds")
    stamp = stamp_of(first.text)
    assert read_index(index_path(seed_project / "seeds"), INDEX_VERSION, stamp) == parsed(seed_project)
    again = read_catalog_file(seed_project / "seeds")
    assert again.indexed and again.entries == first.entries


def test_an_index_of_another_catalog_text_or_code_version_is_not_believed(seed_project):
    seeds = seed_project / "seeds"
    catalog = read_catalog_file(seeds)
    path = index_path(seeds)
    assert read_index(path, "another version", catalog.stamp) is None
    assert read_index(path, INDEX_VERSION, stamp_of(catalog.text + "\n")) is None
    # an index that lies about the entries but names an older text: the catalog is parsed again
    write_index(path, INDEX_VERSION, catalog.entries[:1], stamp_of("an older catalog"))
    assert read_catalog_file(seeds).entries == parsed(seed_project)


def test_a_line_cut_short_or_written_twice_makes_the_index_stale(seed_project, tmp_path):
    seeds = seed_project / "seeds"
    add_document(variant(tmp_path, 1), seed_project, "مقال")
    catalog = read_catalog_file(seeds)
    path = index_path(seeds)
    whole = path.read_text(encoding="utf-8")
    lines = whole.splitlines(keepends=True)
    path.write_text(whole[:-5], encoding="utf-8")
    assert read_index(path, INDEX_VERSION, catalog.stamp) is None
    path.write_text("".join([*lines[:-1], lines[-2], lines[-1]]), encoding="utf-8")
    assert read_index(path, INDEX_VERSION, catalog.stamp) is None


def test_adds_append_to_the_index_without_parsing_the_catalog_again(seed_project, tmp_path, monkeypatch):
    """After the first add has read the catalog, later adds neither parse it nor read it back from disk."""
    add_document(variant(tmp_path, 0), seed_project, "مقال")

    def no_parse(*args, **kwargs):
        raise AssertionError("the catalog was parsed again")

    monkeypatch.setattr(catalog_module, "load_yaml_safely", no_parse)
    for n in range(1, 4):
        add_document(variant(tmp_path, n), seed_project, "مقال")
    monkeypatch.undo()
    seeds = seed_project / "seeds"
    catalog = read_catalog_file(seeds)
    assert catalog.indexed and catalog.entries == parsed(seed_project)
    assert read_index(index_path(seeds), INDEX_VERSION, catalog.stamp) == parsed(seed_project)


def test_a_catalog_edited_by_hand_between_adds_is_read_again(seed_project, tmp_path):
    seeds = seed_project / "seeds"
    add_document(variant(tmp_path, 0), seed_project, "مقال")
    catalog = seeds / CATALOG_NAME
    catalog.write_text(catalog.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
    added = add_document(variant(tmp_path, 1), seed_project, "مقال")
    entries = parsed(seed_project)
    assert entries[-1]["id"] == added.doc_id and read_catalog_file(seeds).entries == entries
    assert "# a comment\n" in catalog.read_text(encoding="utf-8")


def test_the_added_document_is_the_one_load_corpus_returns(seed_project, tmp_path):
    added = add_document(variant(tmp_path, 0), seed_project, "مقال")
    forget_loaded_corpus()
    assert load_corpus(seed_project)[-1] == added.document
