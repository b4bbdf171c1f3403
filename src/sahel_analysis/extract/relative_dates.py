"""Dates a news text gives relative to its day of publication: «أمس», «يوم السبت», «الشهر الماضي».

News in Arabic dates events by the publication day: «أمس», «مساء الجمعة» (the
latest Friday on or before it), «الأسبوع الماضي», «العام الماضي», and a month or
a day-month without its year («في أيلول/سبتمبر», «15 شباط/فبراير»: the
publication year, or the year before when that would be after publication).
None of these is a date without the document date (the catalog's `date`,
YYYY[-MM[-DD]]), so this module resolves them only against an `Anchor`;
`extract.dates` calls it and marks what it returns as inferred from the
document date. Its words are package data (`relative` in data/date_words.yaml).

Some dates need no document date, only the text's own: «من الغد» after a
written day, «بعد عام» after a written year («استقلالها في سنة 1959 … بعد
عام»: 1960), a decade of «القرن الماضي» (the century before the document date,
or before the latest year the text writes), and a name that carries its day
(«هجمات الحادي عشر من سبتمبر»: 2001-09-11); their words are `in_text`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from sahel_analysis.corpus.catalog import date_problem
from sahel_analysis.package_data import load_yaml
from sahel_analysis.text.normalize import normalize_arabic

LETTER = r"[\u0621-\u064a\u0671-\u06d3]"
CLITIC = r"[وفبل]?"
# What a resolved date was inferred from, carried by `DateMention.inferred_from`.
FROM_DOCUMENT_DATE = "document_date"
# … or an earlier date the text writes ("في أغسطس 2021م … في 10 أغسطس", "… وبث من الغد").
FROM_EARLIER_DATE = "earlier_date"


@dataclass(frozen=True)
class Anchor:
    """The document date a relative date is counted from, at the precision the catalog gives it."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def as_date(self) -> date | None:
        """The publication day, when the catalog gives one."""
        return date(self.year, self.month, self.day) if self.day and self.month else None


def parse_anchor(value: str) -> Anchor | None:
    """The document date as an Anchor; None when it is empty or not YYYY[-MM[-DD]] (a curator's words).

    >>> parse_anchor("2023-05-23"), parse_anchor("2023"), parse_anchor("2016/2017 (probable)")
    (Anchor(year=2023, month=5, day=23), Anchor(year=2023, month=None, day=None), None)
    """
    value = (value or "").strip()
    if not value or date_problem(value) is not None:
        return None
    parts = [int(p) for p in value.split("-")]
    return Anchor(*parts)


@dataclass(frozen=True)
class RelativeWords:
    """The `relative` words of date_words.yaml, folded the way the matcher folds text."""

    weekdays: Mapping[str, int]
    weekdays_needing_cue: tuple[str, ...]
    day_parts: tuple[str, ...]
    days_back: Mapping[str, int]
    today: tuple[str, ...]
    today_not_before: tuple[str, ...]
    today_not_after: tuple[str, ...]
    periods: Mapping[str, tuple[str, int]]
    past_markers: tuple[str, ...]
    next_markers: tuple[str, ...]
    month_alone_cues: tuple[str, ...]
    week_starts_on: int
    days_after_earlier: Mapping[str, int]


def _fold(word: object) -> str:
    return " ".join(normalize_arabic(str(word)).split())


@cache
def relative_words() -> RelativeWords:
    """Load the relative-date words (package data, read once on first use)."""
    raw = load_yaml("date_words.yaml")["relative"]
    periods = {_fold(w): (p["unit"], int(p["offset"])) for p in raw["periods"] for w in p["words"]}
    return RelativeWords(
        weekdays={_fold(w): int(n) for n, words in raw["weekdays"].items() for w in words},
        weekdays_needing_cue=tuple(_fold(w) for w in raw["weekdays_needing_cue"]),
        day_parts=tuple(_fold(w) for w in raw["day_parts"]),
        days_back={_fold(w): int(n) for n, words in raw["days_back"].items() for w in words},
        today=tuple(_fold(w) for w in raw["today"]),
        today_not_before=tuple(_fold(w) for w in raw["today_not_before"]),
        today_not_after=tuple(_fold(w) for w in raw["today_not_after"]),
        periods=periods,
        past_markers=tuple(_fold(w) for w in raw["past_markers"]),
        next_markers=tuple(_fold(w) for w in raw["next_markers"]),
        month_alone_cues=tuple(_fold(w) for w in raw["month_alone_cues"]),
        week_starts_on=int(raw["week_starts_on"]),
        days_after_earlier={
            _fold(w): int(n) for n, words in raw["days_after_earlier"].items() for w in words
        },
    )


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of folded words, longest first, any run of spaces between their parts."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


def direction_after(folded: str, end: int) -> tuple[str, int]:
    """`past` or `next` when a marker («الماضي», «المقبل») follows position `end`, with the marker's end."""
    w = relative_words()
    for name, words in (("past", w.past_markers), ("next", w.next_markers)):
        m = re.compile(rf"\s+(?:{alternation(words)})(?!{LETTER})").match(folded, end)
        if m:
            return name, m.end()
    return "", end


def year_of_day_month(anchor: Anchor, month: int, day: int, direction: str = "") -> int:
    """The year of a day-month without one: the latest on or before publication, or the next after it."""
    if anchor.month is None:
        return anchor.year
    pub = (anchor.month, anchor.day or 31)
    if direction == "next":
        return anchor.year + 1 if (month, day) <= pub else anchor.year
    return anchor.year - 1 if (month, day) > pub else anchor.year


def year_of_month(anchor: Anchor, month: int, direction: str = "") -> int:
    """The year of a month named without one; «أيلول الماضي» is strictly before the month of publication."""
    if anchor.month is None:
        return anchor.year
    if direction == "past":
        return anchor.year - 1 if month >= anchor.month else anchor.year
    if direction == "next":
        return anchor.year + 1 if month <= anchor.month else anchor.year
    return anchor.year - 1 if month > anchor.month else anchor.year


@dataclass(frozen=True)
class RelativeDate:
    """A date resolved against the document date, in the folded text's coordinates."""

    start: int
    end: int
    date_start: str
    date_end: str
    precision: str


def _free(span: tuple[int, int], taken: Sequence[tuple[int, int]]) -> bool:
    return not any(s < span[1] and span[0] < e for s, e in taken)


def _day(d: date) -> RelativeDate:
    iso = d.isoformat()
    return RelativeDate(0, 0, iso, iso, "day")


def _weekday_date(pub: date, weekday: int, direction: str) -> date:
    back = (pub.weekday() - weekday) % 7
    if direction == "past" and back == 0:
        back = 7
    if direction == "next":
        return pub + timedelta(days=(weekday - pub.weekday()) % 7 or 7)
    return pub - timedelta(days=back)


def _period(anchor: Anchor, unit: str, offset: int) -> RelativeDate | None:
    """«العام الماضي», «الشهر الجاري», «الأسبوع الماضي» as dates, when the anchor is precise enough."""
    if unit == "year":
        iso = f"{anchor.year + offset}"
        return RelativeDate(0, 0, iso, iso, "year")
    if unit == "month" and anchor.month is not None:
        index = anchor.year * 12 + anchor.month - 1 + offset
        iso = f"{index // 12}-{index % 12 + 1:02d}"
        return RelativeDate(0, 0, iso, iso, "month")
    pub = anchor.as_date
    if unit == "week" and pub is not None:
        week_start = pub - timedelta(days=(pub.weekday() - relative_words().week_starts_on) % 7)
        first = week_start + timedelta(days=7 * offset)
        return RelativeDate(0, 0, first.isoformat(), (first + timedelta(days=6)).isoformat(), "period")
    return None


@cache
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    w = relative_words()
    part = rf"(?:(?P<part>{alternation(w.day_parts)})\s+)?"
    back = re.compile(rf"(?<!{LETTER}){CLITIC}{part}(?P<back>{alternation(w.days_back)})(?!{LETTER})")
    today = re.compile(rf"(?<!{LETTER}){CLITIC}(?P<today>{alternation(w.today)})(?!{LETTER})")
    weekday = re.compile(rf"(?<!{LETTER}){CLITIC}{part}(?P<wd>{alternation(w.weekdays)})(?!{LETTER})")
    period = re.compile(rf"(?<!{LETTER}){CLITIC}(?P<per>{alternation(w.periods)})(?!{LETTER})")
    return back, today, weekday, period


def _next_word(folded: str, end: int) -> str:
    m = re.compile(rf"\s+({LETTER}+)").match(folded, end)
    return m.group(1) if m else ""


def _previous_word(folded: str, start: int) -> str:
    m = re.search(rf"({LETTER}+)\s+$", folded[max(0, start - 30) : start])
    return m.group(1) if m else ""


def relative_dates(folded: str, anchor: Anchor, taken: Sequence[tuple[int, int]]) -> list[RelativeDate]:
    """Days, weekdays and periods counted from the publication day, outside the spans already `taken`.

    `folded` is text folded by `normalize_arabic`. A weekday right before a
    written date («الثلاثاء 18 أغسطس 2020») is part of that date, not a date of
    its own; «أمس الجمعة» is one date. Days and weekdays need a publication
    day, «الشهر الماضي» a month, «العام الماضي» a year.
    """
    w = relative_words()
    back_re, today_re, weekday_re, period_re = _patterns()
    pub = anchor.as_date
    out: list[RelativeDate] = []
    taken = list(taken)

    def add(found: RelativeDate | None, start: int, end: int) -> None:
        if found is not None and _free((start, end), taken):
            out.append(RelativeDate(start, end, found.date_start, found.date_end, found.precision))
            taken.append((start, end))

    for m in period_re.finditer(folded):
        unit, offset = w.periods[" ".join(m.group("per").split())]
        add(_period(anchor, unit, offset), m.start("per"), m.end())
    if pub is None:
        return sorted(out, key=lambda r: r.start)
    days: list[tuple[int, int, date]] = []
    for m in back_re.finditer(folded):
        start = m.start("part") if m.group("part") else m.start("back")
        days.append((start, m.end(), pub - timedelta(days=w.days_back[" ".join(m.group("back").split())])))
    for m in today_re.finditer(folded):
        after, before = _next_word(folded, m.end()), _previous_word(folded, m.start())
        if after in w.today_not_before or before in w.today_not_after:
            continue
        days.append((m.start("today"), m.end(), pub))
    for start, end, day in sorted(days):
        wm = re.compile(rf"\s+{CLITIC}(?:{alternation(w.weekdays)})(?!{LETTER})").match(folded, end)
        add(_day(day), start, wm.end() if wm else end)
    written_starts = [s for s, _ in taken]
    for m in weekday_re.finditer(folded):
        name = m.group("wd")
        if name in w.weekdays_needing_cue and not m.group("part"):
            continue
        gap = re.compile(r"[\s،,(]*").match(folded, m.end()).end()
        if gap in written_starts:
            continue
        direction, end = direction_after(folded, m.end())
        start = m.start("part") if m.group("part") else m.start("wd")
        add(_day(_weekday_date(pub, w.weekdays[name], direction)), start, end)
    return sorted(out, key=lambda r: r.start)


def latest_before(
    folded: str, dates: Sequence[tuple[int, int, str]], at: int, within: int
) -> tuple[int, int, str] | None:
    """The last of `dates` (start, end, ISO) ending before `at` on the same line, at most `within` characters before.

    What «من الغد» and «بعد عام» count from: the date the writer just gave.
    """
    earlier = [d for d in dates if d[1] <= at and at - d[1] <= within and "\n" not in folded[d[1] : at]]
    return earlier[-1] if earlier else None


# How far after a written day «من الغد» may stand and still count from it, within its line.
FOLLOWING_DAY_CHARS = 200


def following_days(
    folded: str, days: Sequence[tuple[int, int, str]], taken: Sequence[tuple[int, int]]
) -> list[RelativeDate]:
    """«من الغد», «في اليوم التالي» counted from the written day just before them (`days`: start, end, ISO day).

    The day must stand earlier on the same line, at most FOLLOWING_DAY_CHARS
    before; no document date is needed ("أرسل في 2 مارس 2017 … وبث من الغد").
    """
    w = relative_words()
    if not w.days_after_earlier:
        return []
    pattern = re.compile(rf"(?<!{LETTER}){CLITIC}(?P<after>{alternation(w.days_after_earlier)})(?!{LETTER})")
    out = []
    for m in pattern.finditer(folded):
        if not _free((m.start("after"), m.end()), taken):
            continue
        earlier = latest_before(folded, days, m.start(), FOLLOWING_DAY_CHARS)
        if earlier is None:
            continue
        day = date.fromisoformat(earlier[2]) + timedelta(
            days=w.days_after_earlier[" ".join(m.group("after").split())]
        )
        out.append(RelativeDate(m.start("after"), m.end(), day.isoformat(), day.isoformat(), "day"))
    return out


# ----------------------------------------------------------------------------- dates given through the text's own dates

# What a date resolved from the text itself was inferred from, besides an earlier date
# (FROM_EARLIER_DATE) and the document date: «القرن الماضي» counted from the latest year
# the text writes.
FROM_LATEST_TEXT_YEAR = "latest_text_year"
# How far after an earlier date «بعد عام» may stand and still count from it, within its line.
YEARS_AFTER_CHARS = 300


@dataclass(frozen=True)
class InTextWords:
    """The `in_text` words of date_words.yaml, folded the way the matcher folds text."""

    years_after_earlier: Mapping[str, int]
    years_after_not_before: tuple[str, ...]
    decades: Mapping[str, int]
    centuries: Mapping[str, int]
    relative_centuries: Mapping[str, int]
    year_followers: tuple[str, ...]


@cache
def in_text_words() -> InTextWords:
    """Load the words for dates given through the text's own dates (package data, read once)."""
    raw = load_yaml("date_words.yaml")["in_text"]
    return InTextWords(
        years_after_earlier={_fold(w): int(n) for n, ws in raw["years_after_earlier"].items() for w in ws},
        years_after_not_before=tuple(_fold(w) for w in raw["years_after_not_before"]),
        decades={_fold(w): int(n) for n, ws in raw["decades"].items() for w in ws},
        centuries={_fold(w): int(n) for n, ws in raw["centuries"].items() for w in ws},
        relative_centuries={_fold(w): int(n) for n, ws in raw["relative_centuries"].items() for w in ws},
        year_followers=tuple(_fold(w) for w in raw["year_followers"]),
    )


def year_follower_pattern() -> re.Pattern:
    """A word right after a bare four-digit number that makes it a year («في 2011 حيث …»)."""
    return re.compile(rf"\s+{CLITIC}(?:{alternation(in_text_words().year_followers)})(?!{LETTER})")


def years_after(
    folded: str, written: Sequence[tuple[int, int, str]], taken: Sequence[tuple[int, int]]
) -> list[RelativeDate]:
    """«بعد عام», «في العام التالي» counted from the latest date written before them on the same line.

    `written`: (start, end, ISO start) of the dates the text writes out. The
    result is a year. «بعد عام من …» counts from the event it names, not from
    the date before it, so it is left alone.
    """
    w = in_text_words()
    pattern = re.compile(
        rf"(?<!{LETTER}){CLITIC}(?P<after>{alternation(w.years_after_earlier)})(?!{LETTER})(?!\s*\d)"
    )
    out = []
    for m in pattern.finditer(folded):
        following = re.match(rf"\s+({LETTER}+)", folded[m.end() :])
        if following and following.group(1) in w.years_after_not_before:
            continue
        if not _free((m.start("after"), m.end()), taken):
            continue
        earlier = latest_before(folded, written, m.start(), YEARS_AFTER_CHARS)
        if earlier is None:
            continue
        year = int(earlier[2][:4]) + w.years_after_earlier[" ".join(m.group("after").split())]
        out.append(RelativeDate(m.start("after"), m.end(), f"{year}", f"{year}", "year"))
    return out


def decades(
    folded: str, reference_year: int | None, taken: Sequence[tuple[int, int]]
) -> list[tuple[RelativeDate, bool]]:
    """A decade of a named century («ثمانينيات القرن العشرين») or of the one before `reference_year`.

    Returns each decade as a period with whether it needed `reference_year`
    («القرن الماضي»); without a reference year those are left out.
    """
    w = in_text_words()
    century = alternation([*w.centuries, *w.relative_centuries])
    pattern = re.compile(
        rf"(?<!{LETTER}){CLITIC}(?:ال)?(?P<dec>{alternation(w.decades)})\s+(?:من\s+)?(?P<cent>{century})(?!{LETTER})"
    )
    out = []
    for m in pattern.finditer(folded):
        if not _free((m.start("dec"), m.end()), taken):
            continue
        cent = " ".join(m.group("cent").split())
        relative = cent in w.relative_centuries
        if relative:
            if reference_year is None:
                continue
            base = (reference_year // 100 + w.relative_centuries[cent]) * 100
        else:
            base = w.centuries[cent]
        first = base + w.decades[" ".join(m.group("dec").split())]
        start = m.start("dec") - (2 if folded[m.start("dec") - 2 : m.start("dec")] == "ال" else 0)
        out.append((RelativeDate(start, m.end(), f"{first}", f"{first + 9}", "period"), relative))
    return out


def in_text_dates(
    folded: str, written: Sequence[tuple[int, int, str]], document_year: int | None
) -> list[tuple[RelativeDate, str]]:
    """Years after an earlier date and decades, each with what it was inferred from.

    `written`: (start, end, ISO start) of the dates the text writes out, in
    order; `document_year`: the year of the document date, if any. A decade of
    a named century is written out in full: its `inferred_from` is empty.
    """
    taken = [(s, e) for s, e, _ in written]
    out: list[tuple[RelativeDate, str]] = []
    for r in years_after(folded, written, taken):
        out.append((r, FROM_EARLIER_DATE))
        taken.append((r.start, r.end))
    latest = max((int(iso[:4]) for _, _, iso in written), default=None)
    reference = document_year if document_year is not None else latest
    relative_from = FROM_DOCUMENT_DATE if document_year is not None else FROM_LATEST_TEXT_YEAR
    for r, relative in decades(folded, reference, taken):
        out.append((r, relative_from if relative else ""))
    return out
