"""The coded stances on negotiation, the groups' aims and the authors' claims, read from each coding and located.

A stance says who stands where on negotiating; a claim records what the author
argues (a framing, a verdict on a policy, a recommendation). Each carries `view`,
whose view it is (the author's own, reported, or reported and then criticised),
so findings never present a reported view as the author's.

Each stance (`Position`), aim and claim carries `doc_id`, `start`, `end` and
`text[start:end] == quote_ar`; they live in `coding/<doc_id>.yaml`,
while `data/positions.yaml` names the actors' display labels and groups, and
which targets and actors belong to the separatist peace process.
"""

from __future__ import annotations

from dataclasses import dataclass

from sahel_analysis.coding.events import Unlocated, coded_events, locate_item, located_items, texts_by_id
from sahel_analysis.coding.relations import coded_relations
from sahel_analysis.coding.store import coded_items
from sahel_analysis.coding.vocabulary import STANCES as STANCES
from sahel_analysis.package_data import load_yaml


@dataclass(frozen=True)
class Position:
    """A stance on negotiation that a document attributes to one actor, located in its repaired text."""

    id: str
    doc_id: str
    start: int
    end: int
    quote_ar: str
    paragraph: int
    actor_id: str
    stance: str
    target: str
    date_start: str
    conditions: str
    summary_en: str
    attributed_by: str = ""
    analyst_note: str = ""
    coding_note: str = ""
    status: str = "reviewed"
    coded_by: str = "analyst"
    view: str = ""  # author, reported or reported_criticised (coding.vocabulary.VIEWS); "" in a draft


@dataclass(frozen=True)
class Aim:
    """What a document says an armed group seeks, from negotiating or beyond it."""

    id: str
    doc_id: str
    start: int
    end: int
    quote_ar: str
    paragraph: int
    actor_id: str
    kind: str
    aim_en: str
    view: str = ""  # whose view the aim is (coding.vocabulary.VIEWS)
    analyst_note: str = ""


@dataclass(frozen=True)
class Claim:
    """An author's framing, assessment or recommendation, located in its document's repaired text."""

    id: str
    doc_id: str
    start: int
    end: int
    quote_ar: str
    paragraph: int
    view: str
    summary_en: str
    kind: str = ""  # framing, assessment or recommendation (coding.vocabulary.CLAIM_KINDS)
    analyst_note: str = ""
    coding_note: str = ""
    status: str = "reviewed"
    coded_by: str = "analyst"


# ----------------------------------------------------------------------------- data


def coded_positions(*, include_automatic: bool = False) -> list[dict]:
    """The stances of the project's codings, as coded (reviewed ones unless `include_automatic`)."""
    return coded_items("positions", include_automatic=include_automatic)


def coded_aims(*, include_automatic: bool = False) -> list[dict]:
    """The aims of the project's codings, as coded (reviewed ones unless `include_automatic`)."""
    return coded_items("aims", include_automatic=include_automatic)


def coded_claims(*, include_automatic: bool = False) -> list[dict]:
    """The claims of the project's codings, as coded (reviewed ones unless `include_automatic`)."""
    return coded_items("claims", include_automatic=include_automatic)


def actor_labels() -> dict[str, dict]:
    """Arabic and English names and display group of every actor holding a stance."""
    return {k: dict(v) for k, v in load_yaml("positions.yaml")["actors"].items()}


def actor_groups() -> list[dict]:
    """The display groups of the stance matrix, in order: id, name_ar, name_en."""
    return [dict(g) for g in load_yaml("positions.yaml")["groups"]]


def central_government_groups() -> tuple[str, ...]:
    """The display groups that hold the states' central governments and leaders (`central_government: true`)."""
    return tuple(g["id"] for g in actor_groups() if g.get("central_government"))


def peace_process_targets() -> tuple[str, ...]:
    """Targets of the peace process with the former separatist movements, kept apart from the jihadist groups."""
    return tuple(load_yaml("positions.yaml")["peace_process"]["targets"])


def peace_process_actors() -> tuple[str, ...]:
    """Actors all of whose stances belong to the separatist peace process (the former movements themselves)."""
    return tuple(load_yaml("positions.yaml")["peace_process"]["actors"])


# ----------------------------------------------------------------------------- locating


def positions(corpus, *, include_automatic: bool = False) -> list[Position]:
    """Every coded stance whose quote is in the repaired text, in document and text order.

    Analyses read the reviewed stances; the export adds automatic ones (`include_automatic`).
    """
    docs = texts_by_id(corpus)
    out = []
    for p, located in located_items(coded_positions(include_automatic=include_automatic), docs):
        out.append(
            Position(
                **located,
                actor_id=p["actor_id"],
                stance=p["stance"],
                target=p["target"],
                date_start=str(p.get("date_start") or ""),
                conditions=p.get("conditions") or "",
                summary_en=p["summary_en"],
                attributed_by=p.get("attributed_by", ""),
                analyst_note=p.get("analyst_note", ""),
                coding_note=p.get("coding_note", ""),
                status=p["status"],
                coded_by=p["coded_by"],
                view=p.get("view", ""),
            )
        )
    return sorted(out, key=lambda p: (p.doc_id, p.start, p.id))


def aims(corpus) -> list[Aim]:
    """What the texts say the armed groups seek, located in the repaired text."""
    docs = texts_by_id(corpus)
    out = []
    for a in coded_aims():
        where = locate_item(a, docs)
        if where is not None:
            out.append(
                Aim(
                    a["id"],
                    a["doc_id"],
                    *where[:2],
                    a["quote_ar"],
                    where[2],
                    a["actor_id"],
                    a["kind"],
                    a["aim_en"],
                    a.get("view", ""),
                    a.get("analyst_note", ""),
                )
            )
    return sorted(out, key=lambda a: (a.doc_id, a.start))


def claims(corpus, *, include_automatic: bool = False) -> list[Claim]:
    """Every coded claim whose quote is in its repaired text, in document and text order."""
    docs = texts_by_id(corpus)
    out = []
    for c, located in located_items(coded_claims(include_automatic=include_automatic), docs):
        out.append(
            Claim(
                **located,
                view=c.get("view", ""),
                summary_en=c.get("summary_en", ""),
                kind=c.get("kind", ""),
                analyst_note=c.get("analyst_note", ""),
                coding_note=c.get("coding_note", ""),
                status=c["status"],
                coded_by=c["coded_by"],
            )
        )
    return sorted(out, key=lambda c: (c.doc_id, c.start, c.id))


def unlocated_items(corpus) -> list[Unlocated]:
    """Coded events, positions, aims, claims and relations whose quote is not in the repaired text (should be none)."""
    docs = texts_by_id(corpus)
    items = [*coded_events(), *coded_positions(), *coded_aims(), *coded_claims(), *coded_relations()]
    return [Unlocated(i["id"], i["doc_id"], i["quote_ar"]) for i in items if locate_item(i, docs) is None]
