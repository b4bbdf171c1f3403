"""The lists' findings, per document and across documents: generic code computes the values, data words them.

The wording is data: per document in its coding (`list_findings` in
`coding/<doc_id>.yaml`), and in `data/list_findings.yaml` for the synthesis of
the documents it names and the generic findings of any document or corpus
nothing is coded for. Each finding is a template filled with
values counted here from the coded lists, the extractor and the texts, and backed
by a verbatim quote located in the repaired text.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import cache

import pandas as pd

from sahel_analysis.analysis.findings import SOURCE_LAYERS, Evidence, Finding
from sahel_analysis.analysis.lists import (
    Agreement,
    agreement,
    count_negotiation_words,
    named_actor_sets,
    named_only_by,
    shared_named_actors,
)
from sahel_analysis.coding.lists import (
    CATEGORIES,
    ROLES,
    SUMMARY_EXCLUDED_ROLES,
    CodedItem,
    CodedList,
    category_labels,
    category_nouns,
    coded_lists,
)
from sahel_analysis.coding.locate import locate_quote
from sahel_analysis.coding.store import coding_of
from sahel_analysis.extract.enumerations import Enumeration, extract_all_lists
from sahel_analysis.package_data import load_yaml

FINDINGS_DATA = "list_findings.yaml"
# How many of a role's largest categories a finding names («largest: political 6, …»).
TOP_CATEGORIES = 2
# The columns of a findings table, as the notebooks show it.
FRAME_COLUMNS = ("finding_en", "quote_ar", "doc_id", "paragraph", "sentence", "list_id", "item_no")
KEY_RE = re.compile(r"\[([^\]]*)\]")
# How many shared actors a finding names; the most widely named first, the rest counted.
MAX_NAMED_ACTORS = 12


@cache
def findings_data() -> dict:
    """The findings' wording and evidence, as written in `data/list_findings.yaml`."""
    return load_yaml(FINDINGS_DATA)


# --------------------------------------------------------------------------- templates


class TextKeyFormatter(string.Formatter):
    """`str.format` whose bracketed keys are always text, so `{doc[017][date]}` indexes by «017», not 17."""

    def get_field(self, field_name, args, kwargs):
        name = field_name.split("[", 1)[0]
        value = kwargs[name]
        for key in KEY_RE.findall(field_name[len(name) :]):
            value = value[key]
        return value, name


def render(template: str, values: Mapping[str, object], where: str = "") -> str:
    """Fill a finding's template with computed values; a name the values lack is an error naming the finding.

    >>> render("{n[017_x]} items in document {doc[017][id]}", {"n": {"017_x": 3}, "doc": {"017": {"id": "017"}}})
    '3 items in document 017'
    """
    try:
        return TextKeyFormatter().vformat(template, (), values)
    except KeyError as err:
        raise ValueError(f"{FINDINGS_DATA} {where}: no value {err} for the template {template!r}") from None


# --------------------------------------------------------------------------- values


def categories_phrase(items: Iterable[CodedItem]) -> str:
    """«label n, label n», largest category first (ties in vocabulary order)."""
    labels = category_labels()
    counts = Counter(i.category for i in items)
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], CATEGORIES.index(kv[0])))
    return ", ".join(f"{labels[c][0]} {n}" for c, n in ordered)


def roles_phrase(noun: str, roles: Counter) -> str:
    """How many items of one category there are and in which roles of list.

    >>> roles_phrase("legal", Counter({"challenge": 2}))
    '2 legal items, all in challenge lists'
    >>> roles_phrase("legal", Counter({"instrument": 3, "goal": 1}))
    '4 legal items: 3 instruments, 1 goal'
    """
    total = sum(roles.values())
    if len(roles) == 1:
        return f"{total} {noun} items, all in {next(iter(roles))} lists"
    parts = ", ".join(
        f"{n} {role}{'s' if n > 1 else ''}"
        for role, n in sorted(roles.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    return f"{total} {noun} items: {parts}"


def list_values(coded: Sequence[CodedList]) -> dict[str, dict]:
    """Values of every coded list, by list id: its size, categories and actors."""
    return {
        "n": {cl.list_id: len(cl) for cl in coded},
        "categories": {cl.list_id: categories_phrase(cl.items) for cl in coded},
        "n_categories": {cl.list_id: len({i.category for i in cl.items}) for cl in coded},
        "actors": {cl.list_id: ", ".join(sorted({a for i in cl.items for a in i.actor_ids})) for cl in coded},
        "count": {cl.list_id: Counter(i.category for i in cl.items) for cl in coded},
    }


def document_values(
    rd, coded: Sequence[CodedList], agreements: Sequence[Agreement], found: Sequence[Enumeration]
) -> dict[str, object]:
    """Values of one document: its coded lists, what the extractor finds, and its text.

    Args:
        rd: the repaired document.
        coded, agreements, found: its coded lists, their agreement with the
            extractor, and the lists the extractor finds in it.
    """
    labels, nouns = category_labels(), category_nouns()
    announced = [e for e in found if e.count_check.announced is not None]
    extracted = [a for a in agreements if a.agrees is not None]
    counted = [cl for cl in coded if cl.role not in SUMMARY_EXCLUDED_ROLES]
    by_role = {r: Counter(i.category for cl in coded if cl.role == r for i in cl.items) for r in ROLES}
    top = {
        r: sorted(counts.items(), key=lambda kv: (-kv[1], CATEGORIES.index(kv[0])))[:TOP_CATEGORIES]
        for r, counts in by_role.items()
    }
    in_category = {c: [(cl, i) for cl in counted for i in cl.items if i.category == c] for c in CATEGORIES}
    return {
        "id": rd.id,
        "date": rd.doc.date,
        "n_lists": len(coded),
        "n_items": sum(len(cl) for cl in coded),
        "n_extracted": len(extracted),
        "n_agreeing": sum(bool(a.agrees) for a in extracted),
        "n_enumerations": len(found),
        "n_enumerated_items": sum(len(e) for e in found),
        "has_no_lists": not coded and not found,
        "n_announced": len(announced),
        "n_announced_ok": sum(e.count_check.ok for e in announced),
        "announced_counts": ", ".join(f"«{e.count_check.word}» {e.count_check.announced}" for e in announced),
        "negotiation_words": count_negotiation_words(rd.text),
        "role_items": {r: sum(counts.values()) for r, counts in by_role.items()},
        "role_lists": {r: sum(cl.role == r for cl in coded) for r in ROLES},
        "role_categories": {r: len(counts) for r, counts in by_role.items()},
        "role_top_categories": {r: ", ".join(f"{labels[c][0]} {n}" for c, n in top[r]) for r in ROLES},
        "category_by_role": {
            c: roles_phrase(nouns[c], Counter(cl.role for cl, _ in pairs)) for c, pairs in in_category.items()
        },
        "category_items": {
            c: "; ".join(f"{i.gloss_en.lower()} ({cl.role})" for cl, i in pairs)
            for c, pairs in in_category.items()
        },
        "n_category_items": {c: len(pairs) for c, pairs in in_category.items()},
        "actor_items": Counter(a for cl in coded for i in cl.items for a in set(i.actor_ids)),
        "actor_lists": Counter(a for cl in coded for a in {a for i in cl.items for a in i.actor_ids}),
    }


def corpus_values(
    corpus, coded: Sequence[CodedList], among: Iterable[str] | None = None
) -> dict[str, object]:
    """Values across the documents: how many there are, and the actors they share.

    The actor values count over the documents `among` (every document by
    default); an actor is shared when more than one of them names it, so what
    two documents share does not change when a third is added.
    """
    sets = named_actor_sets(corpus)
    wanted = set(sets) if among is None else {str(d) for d in among}
    compared = {d: s for d, s in sets.items() if d in wanted}
    shared = shared_named_actors(compared)
    return {
        "n_documents": len(sets),
        "n_coded_documents": len({cl.doc_id for cl in coded}),
        "n_coded_lists": len(coded),
        "n_categories_all": len(CATEGORIES),
        "n_actors": len(set().union(*compared.values())),
        "n_shared_actors": len(shared),
        "shared_actors": ", ".join(sorted(shared[:MAX_NAMED_ACTORS]))
        + (f" and {len(shared) - MAX_NAMED_ACTORS} more" if len(shared) > MAX_NAMED_ACTORS else ""),
        "only_actors": {d: len(only) for d, only in named_only_by(compared).items()},
    }


# --------------------------------------------------------------------------- evidence and findings


def _quote(rd, quote: str, start: int, subject: str) -> tuple[tuple[Evidence, ...], str]:
    return (Evidence(rd.id, start, start + len(quote), quote, rd.paragraph_index(start)),), subject


def evidence_of(
    spec: Mapping | None,
    docs: Mapping,
    coded: Mapping[str, CodedList],
    found: Sequence[Enumeration],
    where: str,
) -> tuple[tuple[Evidence, ...], str]:
    """The quote a finding cites and the subject it is about, from its evidence spec (see the data file)."""
    if not spec:
        return (), ""
    if "item" in spec:
        list_id, no = spec["item"]
        item = coded[list_id].items[int(no) - 1]
        return _quote(docs[item.doc_id], item.text, item.start, item.item_id)
    if "title" in spec:
        cl = coded[spec["title"]]
        rd = docs[cl.doc_id]
        return _quote(rd, cl.title_ar, locate_quote(rd.text, cl.title_ar, where, unique=False), cl.list_id)
    if "quote" in spec:
        rd = docs[str(spec["doc"])]
        return _quote(rd, spec["quote"], locate_quote(rd.text, spec["quote"], where), spec.get("list", ""))
    if "coded" in spec:
        first = next(iter(coded.values()))
        return evidence_of({"title": first.list_id}, docs, coded, found, where)
    if "extracted" in spec:
        candidates = [e for e in found if spec["extracted"] == "first" or e.count_check.announced is not None]
        e = candidates[0]
        if e.intro:
            return _quote(docs[e.doc_id], e.intro, e.intro_start, e.list_id)
        return _quote(docs[e.doc_id], e.items[0].text, e.items[0].start, e.list_id)
    raise ValueError(f"{FINDINGS_DATA} {where}: unknown evidence {dict(spec)}")


def render_findings(
    entries: Sequence[Mapping],
    values: Mapping[str, object],
    docs: Mapping,
    coded: Mapping[str, CodedList],
    found: Sequence[Enumeration],
    where: str,
) -> list[Finding]:
    """The findings of some data entries, each whose `when` value holds, rendered and evidenced."""
    out = []
    for k, entry in enumerate(entries, start=1):
        at = f"{where} #{k}"
        if entry.get("when") and not values[entry["when"]]:
            continue
        layer = entry.get("layer", SOURCE_LAYERS[0])
        evidence, subject = evidence_of(entry.get("evidence"), docs, coded, found, at)
        out.append(Finding(render(entry["statement"], values, at), evidence, layer, subject))
    return out


def document_findings(corpus, doc_id: str) -> list[Finding]:
    """The findings of one document's lists: those coded for it in the data, else the generic ones."""
    docs = {rd.id: rd for rd in corpus}
    if doc_id not in docs:
        return []
    all_coded = coded_lists(corpus)
    coded = {cl.list_id: cl for cl in all_coded if cl.doc_id == doc_id}
    found = [e for e in extract_all_lists(corpus) if e.doc_id == doc_id]
    agreements = [a for a in agreement(corpus) if a.doc_id == doc_id]
    values = {
        **list_values(all_coded),
        **document_values(docs[doc_id], list(coded.values()), agreements, found),
    }
    coding = coding_of(doc_id)
    entries = (coding.list_findings if coding else ()) or findings_data()["generic"]["document"]
    return render_findings(entries, values, docs, coded, found, f"document {doc_id}")


def synthesis_findings(corpus, *, as_text: bool = False) -> list[Finding] | list[str]:
    """The synthesis across the documents as findings, each with its quote and where it stands.

    The synthesis the data codes applies when the corpus holds the documents it
    compares; otherwise the generic findings do. With `as_text=True` the
    findings come back as one-line strings.
    """
    docs = {rd.id: rd for rd in corpus}
    all_coded = coded_lists(corpus)
    found = extract_all_lists(corpus)
    agreements = agreement(corpus)
    per_doc = {
        d: document_values(
            rd,
            [cl for cl in all_coded if cl.doc_id == d],
            [a for a in agreements if a.doc_id == d],
            [e for e in found if e.doc_id == d],
        )
        for d, rd in docs.items()
    }
    data = findings_data()
    compared = [str(d) for d in data["synthesis"]["documents"]]
    coded_synthesis = set(compared) <= set(docs)
    among = compared if coded_synthesis else None
    values = {**list_values(all_coded), **corpus_values(corpus, all_coded, among), "doc": per_doc}
    entries = data["synthesis"]["findings"] if coded_synthesis else data["generic"]["synthesis"]
    coded = {cl.list_id: cl for cl in all_coded}
    out = render_findings(entries, values, docs, coded, found, "synthesis")
    return [str(f) for f in out] if as_text else out


# --------------------------------------------------------------------------- tables


def sentence_index(rd, at: int) -> int:
    """Index of the sentence of `rd` that holds offset `at` (-1 between sentences)."""
    return next((k for k, s in enumerate(rd.sentences()) if s.start <= at < s.end), -1)


def findings_frame(corpus, findings: Iterable[Finding]):
    """Findings as a DataFrame, one row each: the finding, its quote and where the quote stands."""
    docs = {rd.id: rd for rd in corpus}
    items = {i.item_id: (i.list_id, i.item_no) for cl in coded_lists(corpus) for i in cl.items}
    rows = []
    for f in findings:
        ev = f.evidence[0] if f.evidence else None
        list_id, item_no = items.get(f.subject, (f.subject, ""))
        rows.append(
            {
                "finding_en": f.statement_en,
                "quote_ar": f.quote_ar,
                "doc_id": ev.doc_id if ev else "",
                "paragraph": ev.paragraph if ev else None,
                "sentence": sentence_index(docs[ev.doc_id], ev.start) if ev else None,
                "list_id": list_id,
                "item_no": item_no,
            }
        )
    return pd.DataFrame(rows, columns=list(FRAME_COLUMNS))


def findings_table(corpus):
    """The synthesis findings as a DataFrame: finding, quote, document, paragraph and sentence."""
    return findings_frame(corpus, synthesis_findings(corpus))
