"""Find Gregorian dates in Arabic text and state each as ISO 8601 at the precision the text gives.

Every date is anchored on a year: a four-digit number with the cues that make it
a year (the م suffix, a year word such as عام, a month name, a preposition, a
range). Month names come in three naming systems (يناير, كانون الثاني, جانفي),
often two together ("تشرين الثاني/ نوفمبر"); they and the other cue words are
package data (data/date_words.yaml). Matching runs on text folded by
`normalize_with_offsets`, so harakat, alef forms and Arabic-Indic digits do not
matter, and every mention maps back to the exact original characters.

Why not dateparser: its Arabic support (1.5, tried on this corpus's sentences)
finds none of "2020م" or "عام 2018م", does not know the Levantine month names
(تشرين الثاني, أيار), keeps only "مايو 2013" of "9 أيار/ مايو 2013", gives a
month without its year the year of the run ("ففي فبراير 2020م" became February
of the current year) and returns substrings without offsets, ranges or periods
(أوائل, منذ). Everything this module must report would have to be rebuilt
around it, so it is not used.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from functools import cache

from sahel_analysis.extract.relative_dates import (
    FROM_DOCUMENT_DATE,
    FROM_EARLIER_DATE,
    Anchor,
    direction_after,
    following_days,
    in_text_dates,
    parse_anchor,
    relative_dates,
    relative_words,
    year_follower_pattern,
    year_of_day_month,
    year_of_month,
)
from sahel_analysis.package_data import load_yaml
from sahel_analysis.text.normalize import NormalizedText, normalize_arabic, normalize_with_offsets

PRECISIONS = ("day", "month", "year", "period")
LETTER = r"[\u0621-\u064a\u0671-\u06d3]"
CLITIC = r"[وفبل]?"
# Where a day-month without a year may look for the year of the same month.
YEAR_CONTEXT_CHARS = 400


@dataclass(frozen=True)
class DateMention:
    """A date in a text: where it is, what it says, and its ISO bounds.

    `date_start`/`date_end` are ISO 8601 at the known precision (`2020`,
    `2020-08`, `2020-08-18`). A `period` (a part of a year, a range, or a date
    opened by منذ) has its own bounds; an open end is the empty string.
    `inferred_year` marks a date the text does not write out in full, and
    `inferred_from` says what it was read from: `earlier_date`, the year of an
    earlier mention of the same month nearby ("في أغسطس 2021م … في 10 أغسطس"),
    or `document_date`, the document's publication date ("أمس", "يوم السبت",
    "15 شباط/فبراير", "العام الماضي"). A date whose text gives the year is never inferred.
    """

    start: int
    end: int
    surface: str
    date_start: str
    date_end: str
    precision: str
    inferred_year: bool = False
    doc_id: str = ""
    inferred_from: str = ""


@dataclass(frozen=True)
class DateWords:
    """The cue words of date_words.yaml, folded the way the matcher folds text."""

    months: Mapping[str, int]
    year_cues: tuple[str, ...]
    qualifiers: Mapping[str, str]
    since_words: tuple[str, ...]
    range_to: tuple[str, ...]
    range_between: tuple[str, ...]
    year_prepositions: tuple[str, ...]
    hijri_suffixes: tuple[str, ...]
    event_names: tuple[str, ...]
    year_range: tuple[int, int]


def _fold(word: str) -> str:
    return normalize_arabic(str(word)).strip()


@cache
def date_words() -> DateWords:
    """Load the month names and cue words (package data, read once on first use)."""
    raw = load_yaml("date_words.yaml")
    months = {_fold(name): int(number) for number, names in raw["months"].items() for name in names}
    qualifiers = {_fold(w): part for part, words in raw["period_qualifiers"].items() for w in words}
    return DateWords(
        months=months,
        year_cues=tuple(_fold(w) for w in raw["year_cues"]),
        qualifiers=qualifiers,
        since_words=tuple(_fold(w) for w in raw["since_words"]),
        range_to=tuple(_fold(w) for w in raw["range_to"]),
        range_between=tuple(_fold(w) for w in raw["range_between"]),
        year_prepositions=tuple(_fold(w) for w in raw["year_prepositions"]),
        hijri_suffixes=tuple(_fold(w) for w in raw["hijri_suffixes"]),
        event_names=tuple(_fold(w) for w in raw["event_names"]),
        year_range=tuple(raw["year_range"]),
    )


def _squeeze(words: str) -> str:
    return " ".join(words.split())


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class _Patterns:
    year: re.Pattern
    month_before: re.Pattern
    cue_before: re.Pattern
    qualifier_before: re.Pattern
    since_before: re.Pattern
    preposition_before: re.Pattern
    day_month: re.Pattern
    from_before: re.Pattern
    between_before: re.Pattern
    to_gap: re.Pattern
    and_gap: re.Pattern
    range_after: re.Pattern
    month_alone: re.Pattern
    month_cue_before: re.Pattern


@cache
def _patterns() -> _Patterns:
    w = date_words()
    months = _alternation(w.months)
    month_expr = (
        rf"(?<!{LETTER}){CLITIC}(?P<m1>{months})(?!{LETTER})"
        rf"(?:\s*[/(]\s*(?P<m2>{months})(?!{LETTER})\s*\)?)?"
    )

    def word_before(alt: str, name: str) -> re.Pattern:
        return re.compile(rf"(?<!{LETTER}){CLITIC}(?P<{name}>{alt})\s+$")

    return _Patterns(
        year=re.compile(r"(?<![\d.,\u066b\u066c])\d{4}(?![\d]|[.,\u066b\u066c]\d)"),
        month_before=re.compile(
            rf"(?:(?<!\d)(?P<day>\d{{1,2}})\s+)?{month_expr}\s+(?:من\s+)?(?:(?:{_alternation(w.year_cues)})\s+)?$"
        ),
        cue_before=word_before(_alternation(w.year_cues), "cue"),
        qualifier_before=word_before(_alternation(w.qualifiers), "qual"),
        since_before=word_before(_alternation(w.since_words), "since"),
        preposition_before=word_before(_alternation(w.year_prepositions), "prep"),
        day_month=re.compile(rf"(?<!\d)(?P<day>\d{{1,2}})\s+{month_expr}"),
        from_before=re.compile(rf"(?<!{LETTER}){CLITIC}(?P<w>(?:الفتره\s+)?من)\s+$"),
        between_before=re.compile(rf"(?<!{LETTER}){CLITIC}(?P<w>{_alternation(w.range_between)})\s+$"),
        to_gap=re.compile(rf"^\s*(?:(?:{_alternation(w.range_to)})\s+|[-\u2013\u2014]\s*)$"),
        and_gap=re.compile(r"^\s*و\s*$"),
        range_after=re.compile(rf"\s*(?:{_alternation(w.range_to)})\s+\d"),
        month_alone=re.compile(rf"{month_expr}(?!\s*\d)"),
        month_cue_before=word_before(_alternation(relative_words().month_alone_cues), "mcue"),
    )


@dataclass(frozen=True)
class _Atom:
    """A year-anchored date in folded coordinates, before ranges are joined."""

    start: int
    end: int
    date_start: str
    date_end: str
    precision: str
    bare_year: bool = False
    inferred_year: bool = False
    inferred_from: str = ""


def _third(part: str, year: int, month: int | None) -> tuple[str, str]:
    """ISO bounds of the early, mid or late third of a year or of a month."""
    index = {"early": 0, "mid": 1, "late": 2}[part]
    if month is None:
        first, last = 1 + 4 * index, 4 + 4 * index
        return f"{year}-{first:02d}", f"{year}-{last:02d}"
    last_day = calendar.monthrange(year, month)[1]
    first, last = (1, 10) if index == 0 else (11, 20) if index == 1 else (21, last_day)
    return f"{year}-{month:02d}-{first:02d}", f"{year}-{month:02d}-{last:02d}"


def _month_of(m: re.Match) -> int | None:
    """The month a month expression names; None when its two names disagree."""
    w = date_words()
    first = w.months[_squeeze(m.group("m1"))]
    if m.group("m2"):
        second = w.months[_squeeze(m.group("m2"))]
        if second != first:
            return None
    return first


def _year_atoms(folded: str) -> list[_Atom]:
    """Every year the text states, with the month, day, cue and qualifier in front of it."""
    w, p = date_words(), _patterns()
    low, high = w.year_range
    atoms = []
    for m in p.year.finditer(folded):
        year = int(m.group())
        if not low <= year <= high:
            continue
        start, end = m.start(), m.end()
        after = folded[end:]
        if any(re.match(rf"\s?{re.escape(s)}(?!{LETTER})", after) for s in w.hijri_suffixes):
            continue
        suffix = re.match(rf"\s?م(?!{LETTER})", after)
        if suffix:
            end += suffix.end()
        window = max(0, start - 60)
        precision, iso, month, cued = "year", f"{year}", None, bool(suffix)
        mm = p.month_before.search(folded, window, start)
        if mm and (month := _month_of(mm)) is not None:
            day = int(mm.group("day")) if mm.group("day") else None
            if day is not None and 1 <= day <= calendar.monthrange(year, month)[1]:
                start, precision, iso = mm.start("day"), "day", f"{year}-{month:02d}-{day:02d}"
            else:
                start, precision, iso = mm.start("m1"), "month", f"{year}-{month:02d}"
            cued = True
        else:
            month = None
            cm = p.cue_before.search(folded, window, start)
            if cm:
                start, cued = cm.start("cue"), True
        atom = _Atom(start, end, iso, iso, precision)
        qm = p.qualifier_before.search(folded, window, start)
        if qm and precision != "day":
            lo, hi = _third(w.qualifiers[_squeeze(qm.group("qual"))], year, month)
            atom = _Atom(qm.start("qual"), end, lo, hi, "period")
            cued = True
        sm = p.since_before.search(folded, window, atom.start)
        if sm:
            atom = replace(atom, start=sm.start("since"), date_end="", precision="period")
            cued = True
        if not cued:
            follows_punctuation = re.match(r"\s*(?:[^\w\s]|$)", folded[end:]) is not None
            strong = p.preposition_before.search(folded, window, start) is not None
            opens_range = p.range_after.match(folded, end) is not None
            followed = year_follower_pattern().match(folded, end) is not None
            atom = replace(atom, bare_year=not (follows_punctuation or strong or opens_range or followed))
        atoms.append(atom)
    return atoms


def _yearless_atoms(folded: str, atoms: list[_Atom]) -> list[_Atom]:
    """Day-month mentions without a year, dated from an earlier mention of the same month nearby."""
    w, p = date_words(), _patterns()
    taken = [(a.start, a.end) for a in atoms]
    out = []
    for m in p.day_month.finditer(folded):
        if any(s <= m.start("day") < e for s, e in taken):
            continue
        month = _month_of(m)
        if month is None:
            continue
        name = f"{int(m.group('day'))} {_squeeze(m.group('m1'))}"
        if name in w.event_names:
            continue
        earlier = [
            a
            for a in atoms
            if a.end <= m.start()
            and m.start() - a.end <= YEAR_CONTEXT_CHARS
            and "\n\n" not in folded[a.end : m.start()]
            and a.precision in ("month", "day")
            and int(a.date_start[5:7]) == month
        ]
        if not earlier:
            continue
        year = int(earlier[-1].date_start[:4])
        day = int(m.group("day"))
        if not 1 <= day <= calendar.monthrange(year, month)[1]:
            continue
        iso = f"{year}-{month:02d}-{day:02d}"
        out.append(
            _Atom(
                m.start("day"), m.end(), iso, iso, "day", inferred_year=True, inferred_from=FROM_EARLIER_DATE
            )
        )
    return out


def _refine(folded: str, atom: _Atom) -> _Atom:
    """A qualifier («مطلع», «أواخر») or منذ in front of an inferred month or year, as for a written one."""
    w, p = date_words(), _patterns()
    window = max(0, atom.start - 60)
    month_word = re.search(r"شهر\s+$", folded[window : atom.start])
    qm = p.qualifier_before.search(folded, window, window + month_word.start() if month_word else atom.start)
    if qm and atom.precision in ("month", "year"):
        month = int(atom.date_start[5:7]) if atom.precision == "month" else None
        lo, hi = _third(w.qualifiers[_squeeze(qm.group("qual"))], int(atom.date_start[:4]), month)
        atom = replace(atom, start=qm.start("qual"), date_start=lo, date_end=hi, precision="period")
    sm = p.since_before.search(folded, window, atom.start)
    if sm:
        atom = replace(atom, start=sm.start("since"), date_end="", precision="period")
    return atom


def _trimmed_end(folded: str, m: re.Match) -> int:
    """The end of a month expression without the white space its optional second name may leave."""
    end = m.end()
    while end > m.start() and folded[end - 1].isspace():
        end -= 1
    return end


def _anchored_atoms(folded: str, atoms: list[_Atom], anchor: Anchor) -> list[_Atom]:
    """Dates the text gives relative to its publication day, resolved against the document date.

    A day-month without a year takes the publication year (the year before when
    that would fall after publication); so does a month named alone after a cue
    («في أيلول», «مطلع أيلول»); weekdays, «أمس» and «العام الماضي» come from
    `relative_dates`. Spans a written date already holds are left to it.
    """
    w, p = date_words(), _patterns()
    taken = [(a.start, a.end) for a in atoms]
    found: list[_Atom] = []

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    def keep(atom: _Atom) -> None:
        atom = _refine(folded, atom)
        found.append(atom)
        taken.append((atom.start, atom.end))

    for m in p.day_month.finditer(folded):
        month = _month_of(m)
        if month is None or not free(m.start("day"), m.end()):
            continue
        day = int(m.group("day"))
        if f"{day} {_squeeze(m.group('m1'))}" in w.event_names:
            continue
        direction, end = direction_after(folded, _trimmed_end(folded, m))
        year = year_of_day_month(anchor, month, day, direction)
        if 1 <= day <= calendar.monthrange(year, month)[1]:
            iso = f"{year}-{month:02d}-{day:02d}"
            keep(
                _Atom(
                    m.start("day"), end, iso, iso, "day", inferred_year=True, inferred_from=FROM_DOCUMENT_DATE
                )
            )
    for m in p.month_alone.finditer(folded):
        month = _month_of(m)
        if month is None or not free(m.start("m1"), m.end()):
            continue
        window = max(0, m.start() - 60)
        cued = p.month_cue_before.search(folded, window, m.start()) or p.qualifier_before.search(
            folded, window, m.start()
        )
        if not cued:
            continue
        direction, end = direction_after(folded, _trimmed_end(folded, m))
        iso = f"{year_of_month(anchor, month, direction)}-{month:02d}"
        keep(
            _Atom(m.start("m1"), end, iso, iso, "month", inferred_year=True, inferred_from=FROM_DOCUMENT_DATE)
        )
    for r in relative_dates(folded, anchor, taken):
        keep(
            _Atom(
                r.start,
                r.end,
                r.date_start,
                r.date_end,
                r.precision,
                inferred_year=True,
                inferred_from=FROM_DOCUMENT_DATE,
            )
        )
    return found


def _join_ranges(folded: str, atoms: list[_Atom]) -> list[_Atom]:
    """Join "من A إلى B", "A-B", "A حتى B" and "بين A و B" into one period."""
    p = _patterns()
    atoms = sorted(atoms, key=lambda a: a.start)
    out: list[_Atom] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        b = atoms[i + 1] if i + 1 < len(atoms) else None
        joined = None
        if b is not None and not (a.bare_year and b.bare_year):
            gap = folded[a.end : b.start]
            window = max(0, a.start - 30)
            dash = re.fullmatch(r"\s*[-\u2013\u2014]\s*", gap)
            if p.to_gap.match(gap) and (not dash or (a.precision == b.precision == "year")):
                fm = p.from_before.search(folded, window, a.start)
                start = fm.start("w") if fm else a.start
                joined = _Atom(start, b.end, a.date_start, b.date_end or b.date_start, "period")
            elif p.and_gap.match(gap):
                bm = p.between_before.search(folded, window, a.start)
                if bm:
                    joined = _Atom(bm.start("w"), b.end, a.date_start, b.date_end, "period")
        if joined is not None and _bound(a.date_start, last=False) <= _bound(joined.date_end, last=True):
            out.append(joined)
            i += 2
            continue
        out.append(a)
        i += 1
    return out


def extract_dates(text: str, *, doc_id: str = "", doc_date: str = "") -> list[DateMention]:
    """Find the Gregorian dates in Arabic `text`, in order, each at the precision the text gives.

    A four-digit number is read as a year only with a cue (the م suffix, a year
    word, a month, a qualifier, منذ, a range, a strong preposition, or nothing
    but punctuation after it): "أنهى 2000 مقاتل" holds no date. A day-month
    without a year is dated only from an earlier mention of the same month
    nearby, and never when it names an event ("هجمات 11 سبتمبر").

    With `doc_date`, the document's publication date (YYYY[-MM[-DD]]), the dates
    news gives relative to it are resolved too (see `relative_dates`): a
    day-month or a month without a year, a weekday, «أمس», «اليوم», «الشهر
    الماضي», «العام الماضي». Each is marked inferred from the document date.
    Without it (or when it is not of that form) they stay unresolved.

    Args:
        text: Arabic text in logical order.
        doc_id: the document the text comes from, carried into each mention.
        doc_date: the document's publication date, YYYY[-MM[-DD]], or empty.

    Returns:
        The mentions, ordered by position; `text[m.start:m.end] == m.surface`.

    >>> [(m.surface, m.date_start, m.precision) for m in extract_dates("ففي فبراير 2020م قال الرئيس")]
    [('فبراير 2020م', '2020-02', 'month')]
    >>> m = extract_dates("في تشرين الثاني/ نوفمبر 2015، هاجم التنظيم")[0]
    >>> m.surface, m.date_start
    ('تشرين الثاني/ نوفمبر 2015', '2015-11')
    >>> [(m.date_start, m.date_end, m.precision) for m in extract_dates("برنامج من 2013 إلى 2018.")]
    [('2013', '2018', 'period')]
    """
    norm: NormalizedText = normalize_with_offsets(text)
    folded = norm.text
    atoms = _year_atoms(folded)
    atoms += _yearless_atoms(folded, [a for a in atoms if not a.bare_year])
    written = [a for a in atoms if not a.bare_year]
    atoms += [
        _Atom(
            r.start,
            r.end,
            r.date_start,
            r.date_end,
            "day",
            inferred_year=True,
            inferred_from=FROM_EARLIER_DATE,
        )
        for r in following_days(
            folded,
            [(a.start, a.end, a.date_start) for a in written if a.precision == "day"],
            [(a.start, a.end) for a in written],
        )
    ]
    anchor = parse_anchor(doc_date)
    written = [a for a in atoms if not a.bare_year]
    atoms += [
        _Atom(
            r.start, r.end, r.date_start, r.date_end, r.precision, inferred_year=bool(src), inferred_from=src
        )
        for r, src in in_text_dates(
            folded, [(a.start, a.end, a.date_start) for a in written], anchor.year if anchor else None
        )
    ]
    if anchor is not None:
        atoms += _anchored_atoms(folded, [a for a in atoms if not a.bare_year], anchor)
    atoms = [a for a in _join_ranges(folded, atoms) if not a.bare_year]
    mentions = []
    for a in sorted(atoms, key=lambda a: a.start):
        start, end = norm.span(a.start, a.end)
        mentions.append(
            DateMention(
                start,
                end,
                text[start:end],
                a.date_start,
                a.date_end,
                a.precision,
                a.inferred_year,
                doc_id,
                a.inferred_from,
            )
        )
    return mentions


def document_dates(rd) -> list[DateMention]:
    """Every date in a repaired document's text, carrying its doc id, resolved against its catalog date."""
    return extract_dates(rd.text, doc_id=rd.id, doc_date=rd.doc.date)


def iso_precision(iso: str) -> str:
    """The precision an ISO date is written at: `year`, `month` or `day`.

    >>> iso_precision("2020"), iso_precision("2020-08"), iso_precision("2020-08-18")
    ('year', 'month', 'day')
    """
    if re.fullmatch(r"\d{4}", iso):
        return "year"
    if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", iso):
        return "month"
    if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])-\d{2}", iso):
        date.fromisoformat(iso)
        return "day"
    raise ValueError(f"not an ISO 8601 date at year, month or day precision: {iso!r}")


def iso_interval(date_start: str, date_end: str | None = None) -> tuple[date, date | None]:
    """The first and last calendar day that ISO bounds cover.

    `date_end=None` means a single date (its own end); an empty `date_end`
    is an open end (a period opened by منذ) and gives None.

    >>> iso_interval("2020-02")
    (datetime.date(2020, 2, 1), datetime.date(2020, 2, 29))
    >>> iso_interval("2019", "2020-04")
    (datetime.date(2019, 1, 1), datetime.date(2020, 4, 30))
    >>> iso_interval("2012", "")
    (datetime.date(2012, 1, 1), None)
    """
    end = date_start if date_end is None else date_end
    return _bound(date_start, last=False), (_bound(end, last=True) if end else None)


def _bound(iso: str, *, last: bool) -> date:
    precision = iso_precision(iso)
    year = int(iso[:4])
    if precision == "year":
        return date(year, 12, 31) if last else date(year, 1, 1)
    month = int(iso[5:7])
    if precision == "month":
        return date(year, month, calendar.monthrange(year, month)[1] if last else 1)
    return date.fromisoformat(iso)


# ACLED's `time_precision` codes, each with the longest span in days it allows (see DateBounds).
ACLED_TIME_PRECISION_DAYS = ((1, 1), (2, 7), (3, 31))


@dataclass(frozen=True)
class DateBounds:
    """The first and last calendar day a date allows, and its ACLED-style time precision.

    Dates written at mixed precision (`2012`, `2013-01`, `2001-09-11`) do not sort
    or parse as dates; their bounds do. `date_max` is None for an open end (a
    period opened by منذ: the text allows no last day).

    `time_precision` follows the ACLED Codebook (Armed Conflict Location & Event
    Data Project, "Event Time: time precision", acleddata.com/knowledge-base/codebook):
    1, the source gives the actual date; 2, it says the event happened during a
    week or "a similar period of time"; 3, it gives only a month ("in the past two
    or three weeks", "in January"). ACLED has no code coarser than a month, since
    an event known only to the year does not enter ACLED: a year, a longer period
    or an open end has no time precision here (None), rather than a code ACLED
    would read differently.
    """

    date_min: date | None
    date_max: date | None
    time_precision: int | None


def date_bounds(date_start: str, date_end: str = "", precision: str = "") -> DateBounds:
    """The bounds of ISO dates at any precision; an empty `date_end` is an open end only for a `period`.

    >>> date_bounds("2020-02", "2020-02", "month")
    DateBounds(date_min=datetime.date(2020, 2, 1), date_max=datetime.date(2020, 2, 29), time_precision=3)
    >>> date_bounds("2001-09-11").time_precision, date_bounds("2012", "", "period").date_max
    (1, None)
    >>> date_bounds("2019", "2020-04", "period").time_precision is None
    True
    """
    if not date_start:
        return DateBounds(None, None, None)
    single = not date_end and precision != "period"
    first, last = iso_interval(date_start, None if single else date_end)
    span = (last - first).days + 1 if last else None
    code = next((c for c, days in ACLED_TIME_PRECISION_DAYS if span is not None and span <= days), None)
    return DateBounds(first, last, code)
