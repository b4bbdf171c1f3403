"""Place mentions: where the place gazetteer's forms occur in a text, with offsets and precision.

Matching is the actor matcher's (`extract.actors.find_mentions`) run over the
place gazetteer: the same folding of harakat, alef forms, alef maqsura and ta
marbuta, the same proclitics (بتمبكتو, وفي موبتي), longest form first, and
offsets mapped back so that `text[start:end] == surface` always holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from sahel_analysis.extract.actors import extract_mentions, find_mentions
from sahel_analysis.extract.gazetteer import load_gazetteer
from sahel_analysis.extract.place_gazetteer import PRECISIONS, Place, PlaceGazetteer, load_place_gazetteer

# Actors that are organisations: a place in their name (عملية نواكشوط) says nothing of where an event is.
ORGANISATION_TYPES = frozenset({"international_organization", "regional_organization"})
# Characters either side of a quote within which its sentences' places may locate it.
PLACE_CONTEXT_CHARS = 120


@dataclass(frozen=True)
class PlaceMention:
    """One mention of a place in a document's text: `text[start:end] == surface`."""

    doc_id: str
    place_id: str
    start: int
    end: int
    surface: str
    precision: str  # town, region, area or country
    paragraph: int = 0
    sentence: int = 0
    prefix: str = ""  # proclitics written before the surface (ب, في is a word of its own)
    form: str = ""  # the gazetteer form that matched


def find_place_mentions(
    text: str,
    doc_id: str = "",
    *,
    places: PlaceGazetteer | None = None,
    paragraph_starts: Sequence[int] = (0,),
    sentence_starts: Sequence[int] = (0,),
) -> list[PlaceMention]:
    """Every mention of a gazetteer place in `text`, in text order.

    >>> [(m.place_id, m.surface, m.prefix) for m in find_place_mentions("هجمات بتمبكتو وفي موبتي")]
    [('timbuktu_mli', 'تمبكتو', 'ب'), ('mopti_mli', 'موبتي', '')]
    >>> [(m.place_id, m.precision) for m in find_place_mentions("قريتان بمنطقة سيكاسو في شمالي مالي")]
    [('sikasso_region', 'region'), ('northern_mali', 'area')]
    """
    gaz = places or load_place_gazetteer()
    found = find_mentions(
        text,
        doc_id,
        gazetteer=gaz.matching_gazetteer,
        paragraph_starts=paragraph_starts,
        sentence_starts=sentence_starts,
    )
    return [
        PlaceMention(
            doc_id=doc_id,
            place_id=m.actor_id,
            start=m.start,
            end=m.end,
            surface=m.surface,
            precision=gaz.place(m.actor_id).precision,
            paragraph=m.paragraph,
            sentence=m.sentence,
            prefix=m.prefix,
            form=m.alias,
        )
        for m in found
    ]


@cache  # one entry per document: every dataset of an export asks for them again
def _document_place_mentions(doc_id: str, text: str, paragraphs: tuple[int, ...], sentences: tuple[int, ...]):
    return tuple(find_place_mentions(text, doc_id, paragraph_starts=paragraphs, sentence_starts=sentences))


def extract_place_mentions(rd) -> list[PlaceMention]:
    """Every place mention in one repaired document (cached by its text)."""
    return list(
        _document_place_mentions(
            rd.id, rd.text, tuple(p.start for p in rd.paragraphs), tuple(s.start for s in rd.sentences())
        )
    )


def corpus_place_mentions(corpus: Iterable) -> list[PlaceMention]:
    """Every place mention in every document, document by document."""
    return [m for rd in corpus for m in extract_place_mentions(rd)]


def locating_rank(place: Place) -> int:
    """How well a place locates something, best first: town, region, area in one country, country, area across countries.

    An area that lies in no one country (the Sahel, West Africa) says less about
    where a thing happened than a country the same passage names.

    >>> [locating_rank(Place("x", "", "", p, iso3)) for p, iso3 in
    ...  (("town", "MLI"), ("area", "MLI"), ("country", "MLI"), ("area", ""))]
    [0, 2, 3, 4]
    """
    if place.precision == "area" and not place.iso3:
        return len(PRECISIONS)
    return PRECISIONS.index(place.precision)


def most_precise(mentions: Iterable[PlaceMention]) -> PlaceMention | None:
    """The mention that locates best (`locating_rank`: a town before a region, an area, a country), the first of equals."""
    gaz = load_place_gazetteer()
    ranked = sorted(enumerate(mentions), key=lambda im: (locating_rank(gaz.place(im[1].place_id)), im[0]))
    return ranked[0][1] if ranked else None


def place_of_span(rd, start: int, end: int, margin: int = PLACE_CONTEXT_CHARS) -> Place | None:
    """The place a passage is about: the place that locates best in text[start:end] or the sentences around it.

    Used to locate a coded event or stance by its quote: a town in the sentence
    beats a country in the quote (the sentence says where the quote's event
    happened); between places that locate equally well the quote's own comes
    first. Around the quote, only its sentences within `margin` characters count:
    a long sentence names other things' places too. A place inside an
    organisation's longer name (عملية نواكشوط, مجموعة الساحل) does not place
    anything: the organisation is not at the place. None when no place is left.
    """
    lo, hi = start, end
    for s in rd.sentences():
        if s.start <= start < s.end:
            lo = min(lo, s.start)
        if s.start < end <= s.end:
            hi = max(hi, s.end)
    lo, hi = max(lo, start - margin), min(hi, end + margin)
    actors = load_gazetteer()
    names = [
        (a.start, a.end) for a in extract_mentions(rd)
        if lo <= a.start and a.end <= hi and a.actor_id in actors
        and actors.actor(a.actor_id).actor_type in ORGANISATION_TYPES
    ]  # fmt: skip
    near = [
        m for m in extract_place_mentions(rd)
        if lo <= m.start and m.end <= hi and not any(a <= m.start and m.end <= b and b - a > m.end - m.start for a, b in names)
    ]  # fmt: skip
    inside = [m for m in near if start <= m.start and m.end <= end]
    best = most_precise([*inside, *(m for m in near if m not in inside)])
    return load_place_gazetteer().place(best.place_id) if best else None


# ----------------------------------------------------------------------------- export rows


def place_rows(corpus: Iterable) -> list[dict[str, object]]:
    """One row per gazetteer place for places.csv, with how often and where the corpus names it."""
    corpus = list(corpus)
    found = corpus_place_mentions(corpus)
    counts: dict[str, int] = {}
    docs: dict[str, set[str]] = {}
    for m in found:
        counts[m.place_id] = counts.get(m.place_id, 0) + 1
        docs.setdefault(m.place_id, set()).add(m.doc_id)
    return [
        {"place_id": p.id, "name_ar": p.name_ar, "name_en": p.name_en, "iso3": p.iso3, "admin1": p.admin1,
         "latitude": "" if p.latitude is None else p.latitude, "longitude": "" if p.longitude is None else p.longitude,
         "precision": p.precision, "source": p.source, "n_mentions": counts.get(p.id, 0),
         "doc_ids": "|".join(sorted(docs.get(p.id, ()))), "note": p.note}
        for p in load_place_gazetteer().places
    ]  # fmt: skip


def place_mention_rows(corpus: Iterable) -> list[dict[str, object]]:
    """One row per place mention for place_mentions.csv."""
    return [
        {"doc_id": m.doc_id, "place_id": m.place_id, "start": m.start, "end": m.end, "surface": m.surface,
         "precision": m.precision, "paragraph": m.paragraph, "sentence": m.sentence, "prefix": m.prefix}
        for m in corpus_place_mentions(corpus)
    ]  # fmt: skip
