"""A project's own actors: `coding/gazetteer.yaml` extends the package gazetteer; `actors accept` writes it."""

from __future__ import annotations

import pytest

from sahel_analysis.cli import main
from sahel_analysis.corpus.catalog import ROOT_ENV
from sahel_analysis.errors import SahelError
from sahel_analysis.extract.actors import find_mentions
from sahel_analysis.extract.gazetteer import (
    accept_actor,
    load_gazetteer,
    read_user_actors,
    user_gazetteer_path,
)

NEW_NAME = "جبهة تحرير ماسينا التجريبية"


@pytest.fixture
def project(seed_project, monkeypatch):
    """A scratch project (the seeds only) that the library takes for the current one."""
    monkeypatch.setenv(ROOT_ENV, str(seed_project))
    return seed_project


def test_an_accepted_name_is_matched_as_an_actor_from_then_on(project):
    """After `accept`, the name is an actor of the project, found with its proclitics like any other."""
    assert not [m for m in find_mentions(f"قالت {NEW_NAME}", "x") if m.actor_id == "test_liberation_front"]
    actor = accept_actor(NEW_NAME, "jihadist_group", "Test Liberation Front", country="Mali", root=project)
    assert actor.id == "test_liberation_front"
    assert user_gazetteer_path(project).is_file()
    found = find_mentions(f"وقالت ل{NEW_NAME} إن", "x", gazetteer=load_gazetteer())
    assert [(m.actor_id, m.surface) for m in found] == [("test_liberation_front", NEW_NAME)]


def test_the_package_actors_stay_when_a_project_adds_its_own(project):
    """The project's actors are added to the package's, never instead of them."""
    before = {a.id for a in load_gazetteer().actors}
    accept_actor(NEW_NAME, "jihadist_group", "Test Liberation Front", root=project)
    assert {a.id for a in load_gazetteer().actors} == before | {"test_liberation_front"}


@pytest.mark.parametrize(
    ("surface", "kwargs", "problem"),
    [
        ("مالي", {"actor_type": "state", "name_en": "Mali again", "actor_id": "mali_again"}, "names both"),
        (NEW_NAME, {"actor_type": "state", "name_en": "Mali"}, "already in the package"),
        (NEW_NAME, {"actor_type": "militia", "name_en": "X"}, "not one of"),
        ("  ", {"actor_type": "state", "name_en": "X"}, "is empty"),
    ],
)
def test_a_clash_is_one_line_and_leaves_the_file_as_it_was(project, surface, kwargs, problem):
    """A form or id already taken, or a type outside the vocabulary, is refused before anything is written."""
    with pytest.raises(SahelError, match=problem):
        accept_actor(surface, root=project, **kwargs)
    assert not user_gazetteer_path(project).exists()


def test_the_command_line_accepts_a_candidate(project, capsys):
    """`sahel-analysis actors accept SURFACE --type T --name-en N` says what it did."""
    code = main(
        ["actors", "accept", NEW_NAME, "--type", "jihadist_group", "--name-en", "Test Liberation Front"]
    )
    out = capsys.readouterr().out
    assert code == 0 and "accepted test_liberation_front" in out
    assert (
        main(["actors", "accept", NEW_NAME, "--type", "jihadist_group", "--name-en", "Test Liberation Front"])
        == 1
    )
    assert "defined twice" in capsys.readouterr().err


def test_a_user_gazetteer_with_an_alias_is_refused_in_one_line(tmp_path):
    path = tmp_path / "gazetteer.yaml"
    path.write_text("x: &a [1]\nactors: *a\n", encoding="utf-8")
    with pytest.raises(SahelError) as error:
        read_user_actors(path)
    assert "gazetteer.yaml" in str(error.value) and "alias" in str(error.value)
