"""Verdicts on the stances around a turning point: continuity, a shift, or a broadening of support."""

from __future__ import annotations

from conftest import seed_corpus

from sahel_analysis.analysis.periods import BROADENING, shift_summary
from sahel_analysis.coding.events import Event, events
from sahel_analysis.coding.stances import Position, positions


def event(date: str, actor: str) -> Event:
    return Event("e", "x", 0, 1, "q", 0, "coup", date, date, "month", (actor,), "coup", "Coup")


def stance(actor: str, date: str, stance: str = "supports") -> Position:
    return Position("p", "x", 0, 1, "q", 0, actor, stance, "terrorist_organizations", date, "", "s")


def test_support_passing_from_local_actors_to_the_central_authorities_is_a_broadening():
    """Local talks before a coup, the new central authorities' talks after: not continuity."""
    pos = [
        stance("burkina_faso_northern_municipalities", "2018"),
        stance("burkina_faso_military_authorities", "2022-02"),
    ]
    verdict = shift_summary(pos, [event("2022-01", "burkina_faso_military_authorities")])["verdict"]
    assert list(verdict) == [BROADENING]


def test_central_support_on_both_sides_is_continuity():
    pos = [stance("ibrahim_boubacar_keita", "2020-02"), stance("mali_transitional_authorities", "2020-09")]
    verdict = shift_summary(pos, [event("2020-08", "mali_military_junta")])["verdict"]
    assert list(verdict) == ["continuity"]


def test_burkina_fasos_course_around_its_coup_is_a_broadening(root):
    corpus = seed_corpus(root)
    summary = shift_summary(positions(corpus), events(corpus))
    burkina = summary[summary["country"] == "burkina_faso"]
    assert list(burkina["verdict"]) == [BROADENING]
