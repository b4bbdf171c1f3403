"""Who the documents name, in tables: mentions per actor, shared sentences, quotes in context, findings, export rows.

Everything here is computed from the mentions `extract.actors` finds and the
gazetteer `extract.gazetteer` holds, for any corpus.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from itertools import combinations

import pandas as pd

from sahel_analysis.analysis.finding_templates import FINDINGS_FILE, Count, finding_entries, render
from sahel_analysis.analysis.findings import Evidence, Finding, findings_rows
from sahel_analysis.coding.relations import stated_relations
from sahel_analysis.errors import SahelError
from sahel_analysis.extract.actors import corpus_mentions, extract_mentions
from sahel_analysis.extract.gazetteer import ACTOR_TYPES, Actor, Gazetteer, load_gazetteer
from sahel_analysis.package_data import load_yaml

# ----------------------------------------------------------------------------- tables


def mention_counts(corpus: Sequence, gazetteer: Gazetteer | None = None):
    """Mentions per actor per document, as a DataFrame: one row per mentioned actor, most mentioned first."""
    gaz = gazetteer or load_gazetteer()
    counts = Counter((m.actor_id, m.doc_id) for m in corpus_mentions(corpus))
    docs = [rd.id for rd in corpus]
    rows = []
    for actor in gaz.actors:
        per_doc = {d: counts.get((actor.id, d), 0) for d in docs}
        if sum(per_doc.values()):
            rows.append(
                {"actor_id": actor.id, "name_en": actor.name_en, "name_ar": actor.name_ar,
                 "actor_type": actor.actor_type, **per_doc, "total": sum(per_doc.values())}
            )  # fmt: skip
    table = pd.DataFrame(rows).set_index("actor_id")
    return table.sort_values(["total", *docs], ascending=False, kind="stable")


def cooccurrence(corpus: Sequence, actor_ids: Sequence[str] | None = None):
    """Sentences in which each pair of actors is mentioned together, as a symmetric DataFrame.

    The diagonal holds the number of sentences that mention the actor at all.
    """
    per_sentence: dict[tuple[str, int], set[str]] = defaultdict(set)
    for m in corpus_mentions(corpus):
        per_sentence[(m.doc_id, m.sentence)].add(m.actor_id)
    ids = list(actor_ids) if actor_ids is not None else list(mention_counts(corpus).index)
    wanted = set(ids)
    pairs: Counter = Counter()
    for actors in per_sentence.values():
        present = sorted(actors & wanted)
        pairs.update((a, a) for a in present)
        for a, b in combinations(present, 2):
            pairs[(a, b)] += 1
            pairs[(b, a)] += 1
    return pd.DataFrame([[pairs.get((a, b), 0) for b in ids] for a in ids], index=ids, columns=ids)


def cooccurring_pairs(corpus: Sequence, n: int = 10, named_only: bool = True):
    """The pairs of actors most often named in the same sentence, with the first such sentence.

    Collective actors (type `other`, or marked `collective` in data/actors.yaml) are
    left out with `named_only`, so the pairs say who is tied to whom by name.
    """
    gaz = load_gazetteer()
    texts = {rd.id: rd for rd in corpus}
    where: dict[tuple[str, str], list[tuple[str, int, int, int]]] = defaultdict(list)
    per_sentence: dict[tuple[str, int], dict[str, int]] = defaultdict(dict)
    for m in corpus_mentions(corpus):
        if not named_only or is_named(gaz.actor(m.actor_id)):
            per_sentence[(m.doc_id, m.sentence)].setdefault(m.actor_id, m.start)
    for (doc, sent), present in per_sentence.items():
        for a, b in combinations(sorted(present), 2):
            where[(a, b)].append((doc, sent, min(present[a], present[b]), max(present[a], present[b])))
    ranked = sorted(where.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:n]
    rows = []
    for (a, b), hits in ranked:
        doc, _, first, last = hits[0]
        rd = texts[doc]
        start, end = clause_around(rd.text, first, last + 1, limit=240)
        rows.append(
            {"actor_a": gaz.actor(a).label_en, "actor_b": gaz.actor(b).label_en, "sentences": len(hits),
             "docs": "|".join(sorted({h[0] for h in hits})), "doc_id": doc,
             "paragraph": rd.paragraph_index(first), "quote_ar": rd.text[start:end]}
        )  # fmt: skip
    return pd.DataFrame(rows)


def relation_table(corpus: Sequence | None = None, gazetteer: Gazetteer | None = None):
    """Every relation with both actors' names, as a DataFrame (and where the quote sits, given the corpus)."""
    return pd.DataFrame(relation_rows(corpus or (), gazetteer))


def actor_table(gazetteer: Gazetteer | None = None):
    """The bilingual gazetteer as a DataFrame, grouped by actor type in vocabulary order."""
    gaz = gazetteer or load_gazetteer()
    rows = [
        {"actor_type": a.actor_type, "actor_id": a.id, "name_ar": a.name_ar, "name_en": a.name_en,
         "name_fr": a.name_fr, "acronym": a.acronym, "country": a.country}
        for a in sorted(gaz.actors, key=lambda a: ACTOR_TYPES.index(a.actor_type))
    ]  # fmt: skip
    return pd.DataFrame(rows).set_index(["actor_type", "actor_id"])


def count_by_type(gazetteer: Gazetteer | None = None) -> dict[str, int]:
    """How many actors the gazetteer defines of each type, in vocabulary order."""
    gaz = gazetteer or load_gazetteer()
    counts = Counter(a.actor_type for a in gaz.actors)
    return {t: counts[t] for t in ACTOR_TYPES if counts[t]}


# ----------------------------------------------------------------------------- quotes and findings

CLAUSE_ENDS = ".!?\u061f\u061b;\n"
PHRASE_ENDS = CLAUSE_ENDS + "\u060c,:"


def clause_around(text: str, start: int, end: int, limit: int = 180) -> tuple[int, int]:
    """The clause holding text[start:end]: sentence-level if short enough, else comma-level.

    >>> t = "قال الرئيس: نعم، وافقت جماعة نصرة الإسلام والمسلمين على الحوار. ثم غادر."
    >>> a, b = clause_around(t, 23, 52); t[a:b]
    'قال الرئيس: نعم، وافقت جماعة نصرة الإسلام والمسلمين على الحوار.'
    >>> a, b = clause_around(t, 23, 52, limit=50); t[a:b]
    'وافقت جماعة نصرة الإسلام والمسلمين على الحوار.'
    """
    for stops in (CLAUSE_ENDS, PHRASE_ENDS):
        a = max(text.rfind(c, 0, start) for c in stops) + 1
        ends = [i for i in (text.find(c, end) for c in stops) if i != -1]
        b = min(ends) + 1 if ends else len(text)
        while a < start and text[a].isspace():
            a += 1
        while b > end and text[b - 1].isspace():
            b -= 1
        if b - a <= limit:
            return a, b
    half = max(0, (limit - (end - start)) // 2)
    a = text.rfind(" ", 0, max(0, start - half)) + 1
    b = text.find(" ", min(len(text), end + half))
    return a, b if b != -1 else len(text)


def keyword_in_context(corpus: Sequence, actor_id: str, width: int = 45):
    """Each mention of `actor_id` with the words around it, as a DataFrame (before / mention / after).

    "before" is the text that precedes the mention in reading order (to its right
    on the page), "after" the text that follows it; cut words at the edges are dropped.
    """
    rows = []
    for rd in corpus:
        for m in extract_mentions(rd):
            if m.actor_id != actor_id:
                continue
            head = m.start - len(m.prefix)
            before = rd.text[max(0, head - width) : head].split()
            after = rd.text[m.end : m.end + width].split()
            rows.append(
                {"doc_id": m.doc_id, "paragraph": m.paragraph,
                 "before": " ".join(before[1:] if head - width > 0 else before),
                 "mention": m.prefix + m.surface,
                 "after": " ".join(after[:-1] if m.end + width < len(rd.text) else after)}
            )  # fmt: skip
    return pd.DataFrame(rows, columns=["doc_id", "paragraph", "before", "mention", "after"])


def first_evidence(rd, actor_id: str) -> Evidence | None:
    """The clause around the first mention of `actor_id` in a document, or None if it is not mentioned."""
    for m in extract_mentions(rd):
        if m.actor_id == actor_id:
            a, b = clause_around(rd.text, m.start, m.end)
            return Evidence(rd.id, a, b, rd.text[a:b], m.paragraph)
    return None


def _first_quote(rd, actor_id: str) -> tuple[str, int]:
    """The first quote and its paragraph, ("", -1) when the actor is not mentioned."""
    ev = first_evidence(rd, actor_id)
    return (ev.quote_ar, ev.paragraph) if ev is not None else ("", -1)


def central_actors(corpus: Sequence, n: int = 3, named_only: bool = False):
    """The `n` actors each document mentions most, with their share of its mentions and a quote.

    With `named_only`, collective actors (type `other`, or marked `collective` in
    data/actors.yaml) are left out, so named actors show through.
    """
    gaz = load_gazetteer()
    rows = []
    for rd in corpus:
        counts = Counter(m.actor_id for m in extract_mentions(rd))
        total = sum(counts.values())
        ranked = [
            (aid, c) for aid, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
            if not named_only or is_named(gaz.actor(aid))
        ][:n]  # fmt: skip
        for rank, (aid, count) in enumerate(ranked, 1):
            quote, para = _first_quote(rd, aid)
            actor = gaz.actor(aid)
            rows.append(
                {"doc_id": rd.id, "rank": rank, "actor_id": aid, "name_en": actor.name_en, "name_ar": actor.name_ar,
                 "mentions": count, "share": round(count / total, 3), "quote_ar": quote, "paragraph": para}
            )  # fmt: skip
    return pd.DataFrame(rows)


@cache
def collective_actor_ids() -> frozenset[str]:
    """Actors data/actors.yaml marks `collective`: a class of actors named as a class, not one actor."""
    return frozenset(a["id"] for a in load_yaml("actors.yaml")["actors"] if a.get("collective"))


def is_named(actor: Actor) -> bool:
    """Whether an actor is one named actor: neither of type `other` nor marked collective."""
    return actor.actor_type != "other" and actor.id not in collective_actor_ids()


def shared_actors(corpus: Sequence):
    """Actors mentioned in more than one document, with their count and first quote in each."""
    gaz = load_gazetteer()
    docs_of: dict[str, list[str]] = defaultdict(list)
    counts = Counter((m.actor_id, m.doc_id) for m in corpus_mentions(corpus))
    for (aid, doc), _ in sorted(counts.items()):
        docs_of[aid].append(doc)
    rows = []
    for actor in gaz.actors:
        if len(docs_of.get(actor.id, ())) < 2:
            continue
        for rd in corpus:
            if (actor.id, rd.id) in counts:
                quote, para = _first_quote(rd, actor.id)
                rows.append(
                    {"actor_id": actor.id, "name_en": actor.name_en, "name_ar": actor.name_ar, "doc_id": rd.id,
                     "mentions": counts[(actor.id, rd.id)], "quote_ar": quote, "paragraph": para}
                )  # fmt: skip
    return pd.DataFrame(rows)


def _by_mentions(counts: Counter) -> list[str]:
    return [a for a, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _spread(entry: Mapping, n: int, where: str) -> str:
    """How many documents name an actor, in the entry's `spread` wording (`two` or `more`).

    The wording depends on the documents naming the actor only, never on the
    corpus size, so a finding about two documents reads the same when a third is added.
    """
    key = "two" if n == 2 else "more"
    return render(entry["spread"][key], {"n": Count(n)}, f"{where}/spread/{key}")


def most_naming(rows: Sequence, limit: int | None) -> list:
    """The `limit` rows (one per document) with most mentions, kept in corpus order; all rows without a limit."""
    if limit is None or len(rows) <= limit:
        return list(rows)
    keep = {id(r) for r in sorted(rows, key=lambda r: -r.mentions)[:limit]}
    return [r for r in rows if id(r) in keep]


def actor_findings(corpus: Sequence, entries: Sequence[Mapping] | None = None) -> list[Finding]:
    """What each document centres on and who appears in more than one, as findings with their quotes.

    Each entry of data/findings.yaml (`actors`) is computed over the corpus's
    mentions: the most mentioned actor of each document, overall and among named
    actors; the armed groups each document names; and the named people, groups
    and operations more than one document names (worded by the documents naming
    them, not by the corpus size). Each finding quotes the clause of the
    actor's first mention in the document it speaks of. `entries` replaces the
    data's entries (for a test or a new wording).
    """
    gaz = load_gazetteer()
    found: list[Finding] = []
    texts = {rd.id: rd for rd in corpus}

    def add(entry: Mapping, values: dict, actor_id: str, rd) -> None:
        statement = render(entry["statement"], values, f"actors/{entry.get('id', '?')}")
        ev = first_evidence(rd, actor_id)
        found.append(Finding(statement, (ev,) if ev is not None else (), "extract", actor_id))

    seen = set()
    for entry in finding_entries("actors") if entries is None else entries:
        kind, where = entry.get("kind"), f"actors/{entry.get('id', '?')}"
        types = tuple(entry.get("types", ()))
        if kind == "most_mentioned":
            for r in central_actors(corpus, n=1, named_only=bool(entry.get("named_only"))).itertuples():
                if (r.doc_id, r.actor_id) in seen:
                    continue
                seen.add((r.doc_id, r.actor_id))
                values = {"doc_id": r.doc_id, "name_en": gaz.actor(r.actor_id).name_en,
                          "mentions": Count(r.mentions), "share": r.share}  # fmt: skip
                add(entry, values, r.actor_id, texts[r.doc_id])
        elif kind == "armed_groups":
            for rd in corpus:
                counts = Counter(m.actor_id for m in extract_mentions(rd))
                armed = [
                    a
                    for a in _by_mentions(counts)
                    if gaz.actor(a).actor_type in types and is_named(gaz.actor(a))
                ]
                if armed:
                    values = {"doc_id": rd.id, "n": Count(len(armed)),
                              "names": ", ".join(gaz.actor(a).label_en for a in armed)}  # fmt: skip
                    add(entry, values, armed[0], rd)
        elif kind == "shared":
            shared = shared_actors(corpus)
            bridges = [
                a for a in dict.fromkeys(shared.get("actor_id", []))
                if gaz.actor(a).actor_type in types and is_named(gaz.actor(a))
            ]  # fmt: skip
            for aid in bridges:
                naming = list(shared[shared["actor_id"] == aid].itertuples())
                per_doc = most_naming(naming, entry.get("documents_up_to"))
                counts_text = ", ".join(
                    render(
                        entry["count"], {"mentions": Count(r.mentions), "doc_id": r.doc_id}, f"{where}/count"
                    )
                    for r in per_doc
                )
                if len(naming) > len(per_doc):
                    more = {"n": Count(len(naming) - len(per_doc))}
                    counts_text += render(entry["more"], more, f"{where}/more")
                spread = _spread(entry, len(naming), where)
                for r in per_doc:
                    values = {"name_en": gaz.actor(aid).name_en, "doc_id": r.doc_id, "counts": counts_text,
                              "spread": spread}  # fmt: skip
                    add(entry, values, aid, texts[r.doc_id])
        else:
            raise SahelError(FINDINGS_FILE, f"finding {where}: unknown kind {kind!r}")
    return found


def actor_findings_table(findings: Sequence[Finding]):
    """Actor findings as a DataFrame: finding, actor_id, doc_id, paragraph and quote_ar."""
    table = pd.DataFrame(
        findings_rows(findings), columns=["finding", "subject", "doc_id", "paragraph", "quote_ar"]
    )
    return table.rename(columns={"subject": "actor_id"})


# ----------------------------------------------------------------------------- export rows


def actor_rows(corpus: Iterable) -> list[dict[str, object]]:
    """One row per actor for actors.csv (with how often and where it is mentioned)."""
    gaz = load_gazetteer()
    corpus = list(corpus)
    counts = Counter(m.actor_id for m in corpus_mentions(corpus))
    docs = defaultdict(set)
    for m in corpus_mentions(corpus):
        docs[m.actor_id].add(m.doc_id)
    return [
        {"actor_id": a.id, "name_en": a.name_en, "name_ar": a.name_ar, "name_fr": a.name_fr,
         "acronym": a.acronym, "actor_type": a.actor_type, "country": a.country,
         "n_mentions": counts.get(a.id, 0), "doc_ids": "|".join(sorted(docs.get(a.id, ())))}
        for a in gaz.actors
    ]  # fmt: skip


def alias_rows(corpus: Iterable) -> list[dict[str, object]]:
    """One row per Arabic form of each actor for aliases.csv (titles and flagged forms included)."""
    gaz = load_gazetteer()
    used = Counter()
    for m in corpus_mentions(list(corpus)):
        used[(m.actor_id, m.alias)] += 1
        if m.title:
            used[(m.actor_id, m.title)] += 1
    return [
        {"actor_id": a.id, "alias_ar": al.form, "kind": al.kind, "docs": "|".join(al.docs),
         "future": al.future, "awaits_repair": al.awaits_repair, "n_mentions": used.get((a.id, al.form), 0)}
        for a in gaz.actors
        for al in (*a.aliases, *a.titles)
    ]  # fmt: skip


def mention_rows(corpus: Iterable) -> list[dict[str, object]]:
    """One row per mention for mentions.csv."""
    return [
        {"doc_id": m.doc_id, "actor_id": m.actor_id, "start": m.start, "end": m.end, "surface": m.surface,
         "paragraph": m.paragraph, "sentence": m.sentence, "alias": m.alias, "prefix": m.prefix,
         "kind": m.kind, "title": m.title}
        for m in corpus_mentions(list(corpus))
    ]  # fmt: skip


def relation_rows(
    corpus: Iterable, gazetteer: Gazetteer | None = None, *, include_automatic: bool = False
) -> list[dict[str, object]]:
    """One row per stated relation (coding.relations) for relations.csv, with where its quote sits in the text.

    A relation of a document outside the corpus is left out; one whose quote
    is not in its document's text keeps empty offsets.
    """
    gaz = gazetteer or load_gazetteer()
    texts = {rd.id: rd for rd in corpus}
    names = {a.id: a.label_en for a in gaz.actors}
    rows = []
    for r in stated_relations(gaz, include_automatic=include_automatic):
        rd = texts.get(r.doc_id)
        if rd is None:
            continue
        at = rd.text.find(r.quote_ar)
        rows.append(
            {"source_id": r.source_id, "relation": r.relation, "target_id": r.target_id, "doc_id": r.doc_id,
             "quote_ar": r.quote_ar, "source_en": names.get(r.source_id, ""), "target_en": names.get(r.target_id, ""),
             "start": at if at >= 0 else "", "end": at + len(r.quote_ar) if at >= 0 else "",
             "paragraph": rd.paragraph_index(at) if at >= 0 else "", "note": r.note,
             "coded_by": getattr(r, "coded_by", "analyst")}
        )  # fmt: skip
    return rows
