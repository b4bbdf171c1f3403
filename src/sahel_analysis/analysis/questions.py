"""The report's questions answered by findings computed from the coding, each with its quotes, glosses and views.

The questions and the wording of their findings are data (data/questions.yaml);
here generic functions compute each finding's values from the coded stances,
events, aims, lists, themes and claims of any corpus. Every quote carries its
gloss and whose view it states, and a finding whose view is not the author's
must say so in its wording. A finding about some documents reads the same
when another document is added.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

import pandas as pd

from sahel_analysis.analysis.attribution import AUTHOR, view_phrase, view_phrases
from sahel_analysis.analysis.finding_templates import Count, render
from sahel_analysis.analysis.findings import Evidence, Finding, combined_view
from sahel_analysis.analysis.lists import count_negotiation_words
from sahel_analysis.analysis.periods import matrix_row, start_day, turning_points
from sahel_analysis.analysis.positions import PEACE_PROCESS_SUFFIX, selected_positions
from sahel_analysis.analysis.themes import SILENT, coded_evidence, side_view, themes
from sahel_analysis.coding.events import events, lane_of, lanes
from sahel_analysis.coding.lists import coded_lists, list_data
from sahel_analysis.coding.stances import (
    STANCES,
    Position,
    actor_groups,
    actor_labels,
    aims,
    claims,
    positions,
)
from sahel_analysis.errors import SahelError
from sahel_analysis.extract.actors import find_mentions
from sahel_analysis.package_data import load_yaml

QUESTIONS_FILE = "data/questions.yaml"


@dataclass(frozen=True)
class Answer:
    """One of the report's questions and the findings that answer it, in order."""

    question_id: str
    question_en: str
    findings: tuple[Finding, ...]


@cache
def questions_data() -> dict:
    """The whole of data/questions.yaml: view phrases, stance words and the questions."""
    return load_yaml("questions.yaml")


# --------------------------------------------------------------------------- shared pieces


def on_the_groups(p: Position) -> bool:
    """A stance on negotiating with the jihadist groups (not on the separatist peace process)."""
    return not matrix_row(p).endswith(PEACE_PROCESS_SUFFIX)


def stance_evidence(p) -> Evidence:
    """A stance or claim as a quote with its gloss (its English summary) and view."""
    return Evidence(p.doc_id, p.start, p.end, p.quote_ar, p.paragraph, p.summary_en, p.view)


def tally_en(pos: Sequence[Position]) -> str:
    """Stances as «3 for talks, 1 against talks», in STANCES order, zero counts left out."""
    words, counts = questions_data()["stance_words"], Counter(p.stance for p in pos)
    return ", ".join(f"{counts[s]} {words[s]}" for s in STANCES if counts[s]) or "none"


def attributed_finding(
    template: str, values: Mapping[str, object], evidence, where: str, subject: str = ""
) -> Finding:
    """A finding whose view is that of its quotes, said in its wording (an error if the template does not say it)."""
    view = combined_view(ev.view or AUTHOR for ev in evidence)
    statement = render(template, {**values, "view_en": view_phrase(view)}, where, QUESTIONS_FILE)
    unsaid = {ev.view for ev in evidence if ev.view and ev.view != AUTHOR} - {
        v for v, phrase in view_phrases().items() if phrase in statement
    }
    if unsaid:
        raise SahelError(
            QUESTIONS_FILE,
            f"finding {where}: its quotes are {sorted(unsaid)} views, which the wording does not say",
        )
    return Finding(statement, tuple(evidence), "coding", subject, view)


def names() -> dict[str, str]:
    """English names of actors, display groups and timeline lanes."""
    return {
        **{lane["id"]: lane["name_en"] for lane in lanes()},
        **{g["id"]: g["name_en"] for g in actor_groups()},
        **{a: v["name_en"] for a, v in actor_labels().items()},
    }


# --------------------------------------------------------------------------- kinds


def stance_findings(corpus, entry: Mapping, where: str) -> list[Finding]:
    """Where the selected actors stand on negotiating with the jihadist groups, quoting the preferred stances."""
    select = dict(entry.get("select", {}))
    listed = select.pop("actors", None)
    pos = [p for p in positions(corpus) if on_the_groups(p) and (listed is None or p.actor_id in listed)]
    pos = selected_positions(pos, select)
    if not pos:
        return []
    prefer = list(entry.get("prefer", ()))
    ranked = sorted(
        pos, key=lambda p: (prefer.index(p.stance) if p.stance in prefer else len(prefer), p.doc_id, p.start)
    )
    quoted = sorted(ranked[: entry.get("quotes", 1)], key=lambda p: (p.doc_id, p.start))
    named = entry.get("name_en") or names().get(
        select.get("actor") or select.get("group") or select.get("lane") or "", ""
    )
    values = {
        "name_en": named,
        "tally_en": tally_en(pos),
        "conditions": " / ".join(sorted({p.conditions.rstrip(".") for p in pos if p.conditions}))
        or "none stated",
        "dates": ", ".join(sorted({p.date_start for p in pos if p.date_start}, key=start_day)) or "undated",
    }
    subject = select.get("actor") or select.get("lane") or select.get("group") or ",".join(listed or ())
    return [
        attributed_finding(entry["statement"], values, [stance_evidence(p) for p in quoted], where, subject)
    ]


def course_steps(pos: Sequence[Position], evts, lane: str, groups: Sequence[str]) -> list[object]:
    """A country's course: its state actors' dated stances, the stances told between them, and its coups, in order."""
    labels = actor_labels()
    own = [
        p for p in pos if lane_of(p.actor_id) == lane and labels.get(p.actor_id, {}).get("group") in groups
    ]
    own = [p for p in own if on_the_groups(p)]
    dated = [p for p in own if p.date_start]
    if not dated:
        return []
    steps = []
    for doc_id in sorted({p.doc_id for p in dated}):
        in_doc = [p for p in dated if p.doc_id == doc_id]
        lo, hi = min(p.start for p in in_doc), max(p.start for p in in_doc)
        steps += [p for p in own if p.doc_id == doc_id and lo <= p.start <= hi]
    # the undated stances told between two dated ones take the date before them, to keep the telling's order
    ordered, last = [], ""
    for p in sorted(steps, key=lambda p: (p.doc_id, p.start)):
        last = p.date_start or last
        ordered.append((start_day(last), p.doc_id, p.start, p))
    points = [e for e in turning_points(evts) if lane_of(e.actor_ids[0]) == lane]
    marks = [(start_day(e.date_start), "", -1, e) for e in points]
    return [x[-1] for x in sorted([*ordered, *marks], key=lambda x: x[:3])]


def course_findings(corpus, entry: Mapping, where: str) -> list[Finding]:
    """How each country's stance on negotiating with the jihadist groups moved, coup by coup."""
    pos, evts, words, named = positions(corpus), events(corpus), questions_data()["stance_words"], names()
    out = []
    for lane in entry["lanes"]:
        steps = course_steps(pos, evts, lane, entry["groups"])
        if not steps:
            continue
        shown = [
            f"{named.get(s.actor_id, s.actor_id)} {words[s.stance]} ({s.date_start or 'undated'})"
            if isinstance(s, Position)
            else f"[{s.event_type.replace('_', ' ')}: {s.label_en}, {s.date_start}]"
            for s in steps
        ]
        evidence = [stance_evidence(s) for s in steps if isinstance(s, Position)]
        values = {"country_en": named.get(lane, lane), "course": " → ".join(shown)}
        out.append(attributed_finding(entry["statement"], values, evidence, f"{where} {lane}", lane))
    return out


def aim_findings(corpus, entry: Mapping, where: str) -> list[Finding]:
    """What each document says each armed group seeks, the groups with most aims first."""
    found = aims(corpus)
    groups = Counter((a.doc_id, a.actor_id) for a in found)
    top = [
        k
        for doc_id in sorted({d for d, _ in groups})
        for k in sorted((k for k in groups if k[0] == doc_id), key=lambda k: (-groups[k], k))[
            : entry.get("top", len(groups))
        ]
    ]
    out = []
    for doc_id, actor in top:
        mine = [a for a in found if (a.doc_id, a.actor_id) == (doc_id, actor)]
        evidence = [
            Evidence(a.doc_id, a.start, a.end, a.quote_ar, a.paragraph, a.aim_en, a.view) for a in mine
        ]
        values = {
            "name_en": names().get(actor, actor),
            "doc_id": doc_id,
            "n": Count(len(mine)),
            "aims": "; ".join(a.aim_en.rstrip(".") for a in mine),
        }
        out.append(
            attributed_finding(entry["statement"], values, evidence, f"{where} {doc_id}/{actor}", actor)
        )
    return out


def list_findings_of_roles(corpus, entry: Mapping, where: str) -> list[Finding]:
    """Each coded list of the given roles (challenges, conditions), every item quoted with its gloss and view."""
    found = coded_evidence(corpus)
    out = []
    for cl in coded_lists(corpus):
        if cl.role not in entry["roles"]:
            continue
        evidence = [found[(cl.list_id, i.item_no)] for i in cl.items]
        values = {"title_en": cl.title_en, "doc_id": cl.doc_id, "n": Count(len(cl))}
        out.append(
            attributed_finding(entry["statement"], values, evidence, f"{where} {cl.list_id}", cl.list_id)
        )
    return out


def authors_own_stances(rd, stances: Sequence) -> list:
    """The stances a document's author takes: in the author's own voice, and held by the author as an actor.

    A stance stated in the author's voice may be another actor's (the author
    expects the excluded groups to obstruct talks): it is the author's view,
    not the author's stance. The author is the actor the catalog's author line
    names (`find_mentions` over `author_ar`); when no actor is named there,
    every stance in the author's own voice counts.
    """
    voiced = [p for p in stances if p.view == AUTHOR]
    authors = {m.actor_id for m in find_mentions(rd.doc.author_ar, rd.id)} if rd.doc.author_ar else set()
    return [p for p in voiced if p.actor_id in authors] if authors else voiced


def silence_findings(corpus, entry: Mapping, where: str) -> list[Finding]:
    """Per document: silent on negotiating with the jihadist groups, or its author's own stance on it."""
    pos, named = positions(corpus), names()
    out = []
    for rd in corpus:
        mine = [p for p in pos if p.doc_id == rd.id]
        on_groups = [p for p in mine if on_the_groups(p)]
        n_words = count_negotiation_words(rd.text)
        at = f"{where} {rd.id}"
        if not on_groups and n_words == 0:
            track = [p for p in mine if not on_the_groups(p)][:1]
            instead = ""
            if track:
                target = named.get(track[0].target, track[0].target)
                view = {"target_en": target, "view_en": view_phrase(track[0].view)}
                instead = render(entry["instead"], view, at, QUESTIONS_FILE)
            values = {"doc_id": rd.id, "n_words": Count(n_words), "instead": instead}
            evidence = [stance_evidence(p) for p in track]
            out.append(attributed_finding(entry["statement_silent"], values, evidence, at, rd.id))
            continue
        own = authors_own_stances(rd, on_groups)
        if own:
            values = {"doc_id": rd.id, "n_words": Count(n_words), "tally_en": tally_en(own)}
            out.append(
                attributed_finding(
                    entry["statement_stance"], values, [stance_evidence(p) for p in own], at, rd.id
                )
            )
    return out


def theme_findings(corpus, entry: Mapping, where: str) -> list[Finding]:
    """Each coded theme as a finding: the verdict, each document's side with its view (or silence), the note."""
    verdicts = list_data()["verdicts"]
    out = []
    for t in themes(corpus):
        sides = "; ".join(
            f"document {s.doc_id}: {SILENT if side_view(s) == SILENT else view_phrase(side_view(s))}"
            for s in t.sides
        )
        values = {
            "theme_en": t.theme_en,
            "verdict_en": verdicts[t.verdict],
            "note_en": t.note_en,
            "sides_en": sides,
        }
        evidence = [s.evidence for s in t.sides]
        out.append(
            attributed_finding(entry["statement"], values, evidence, f"{where} {t.theme_en}", t.theme_en)
        )
    return out


def claim_findings(corpus, entry: Mapping, where: str) -> list[Finding]:
    """Per document, in text order, the first n claims of each kind `take` names (the last -n for n < 0; of the entry's `view`).

    With `criticised: true` each view the author reports and criticises is
    shown too, followed by the author's next claim of his own, which answers it:
    the reader sees the criticised view and the author's answer together.
    """
    every = claims(corpus)
    wanted = [c for c in every if not entry.get("view") or c.view == entry["view"]]
    out = []
    for doc_id in sorted({c.doc_id for c in every}):
        mine = [c for c in every if c.doc_id == doc_id]
        chosen = {
            c.id
            for kind, n in entry["take"].items()
            for c in [c for c in wanted if c in mine and c.kind == kind][
                slice(n) if n >= 0 else slice(n, None)
            ]
        }
        if entry.get("criticised"):
            for k, c in enumerate(mine):
                if c.view == "reported_criticised":
                    answer = next((a for a in mine[k + 1 :] if a.view == AUTHOR), None)
                    chosen |= {c.id, answer.id} if answer else {c.id}
        for c in (c for c in mine if c.id in chosen):
            values = {"doc_id": doc_id, "kind": c.kind, "summary_en": c.summary_en}
            out.append(
                attributed_finding(entry["statement"], values, [stance_evidence(c)], f"{where} {c.id}", c.id)
            )
    return out


KINDS: dict[str, Callable[..., list[Finding]]] = {
    "stances": stance_findings,
    "course": course_findings,
    "aims": aim_findings,
    "lists": list_findings_of_roles,
    "silence": silence_findings,
    "themes": theme_findings,
    "claims": claim_findings,
}


# --------------------------------------------------------------------------- answers


def answers(corpus, questions: Sequence[Mapping] | None = None) -> list[Answer]:
    """Each question of data/questions.yaml (or `questions`) with the findings that answer it in this corpus."""
    out = []
    for q in questions_data()["questions"] if questions is None else questions:
        found: list[Finding] = []
        for k, entry in enumerate(q["findings"], start=1):
            where = f"{q['id']}#{k}"
            if entry.get("kind") not in KINDS:
                raise SahelError(QUESTIONS_FILE, f"finding {where}: unknown kind {entry.get('kind')!r}")
            found += KINDS[entry["kind"]](corpus, entry, where)
        out.append(Answer(q["id"], q["question_en"], tuple(found)))
    return out


def answers_frame(found: Sequence[Answer]):
    """The answers as a table, one row per quote: question, finding, view, quote, gloss, document, paragraph."""
    rows = [
        {
            "question": a.question_en,
            "finding": f.statement_en,
            "view": ev.view or AUTHOR,
            "quote_ar": ev.quote_ar,
            "gloss_en": ev.gloss_en,
            "doc_id": ev.doc_id,
            "paragraph": ev.paragraph,
        }
        for a in found
        for f in a.findings
        for ev in f.evidence
    ]
    return pd.DataFrame(
        rows, columns=["question", "finding", "view", "quote_ar", "gloss_en", "doc_id", "paragraph"]
    )


def answers_text(found: Sequence[Answer]) -> list[str]:
    """The answers as plain lines: each question, then each finding with its first quote."""
    lines = []
    for a in found:
        lines.append(a.question_en)
        lines += [f"- {f}" for f in a.findings]
    return lines
