"""Tests for sahel_analysis.extract.dates: Arabic dates found, bounded and stated at the precision the text gives."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sahel_analysis.corpus.repaired import repaired_corpus
from sahel_analysis.extract.dates import (
    PRECISIONS,
    DateBounds,
    date_bounds,
    date_words,
    document_dates,
    extract_dates,
    iso_interval,
    iso_precision,
)


def found(text):
    return [(m.surface, m.date_start, m.date_end, m.precision) for m in extract_dates(text)]


# (text, [(surface, date_start, date_end, precision), ...])
CASES = [
    # years, with and without the م suffix, before punctuation
    ("في عام 2018م بدأت البلديات", [("عام 2018م", "2018", "2018", "year")]),
    ("بعد عام 2020م، عن عزمها", [("بعد عام 2020م", "2020", "", "period")]),
    ("وفي 2020م، قال", [("2020م", "2020", "2020", "year")]),
    ("في عام 2016، كان التنظيم", [("عام 2016", "2016", "2016", "year")]),
    ("في عام 2020 مع ذلك", [("عام 2020", "2020", "2020", "year")]),
    ("أثناء حصار 2012.", [("2012", "2012", "2012", "year")]),
    # month names, each naming system alone and the two together
    ("ففي فبراير 2020م قال الرئيس", [("فبراير 2020م", "2020-02", "2020-02", "month")]),
    ("في تشرين الثاني/ نوفمبر 2015، وفندق", [("تشرين الثاني/ نوفمبر 2015", "2015-11", "2015-11", "month")]),
    ("في كانون الثاني/ يناير 2013. بل", [("كانون الثاني/ يناير 2013", "2013-01", "2013-01", "month")]),
    ("في كانون الأول/ ديسمبر 2015 بروتوكولا", [("كانون الأول/ ديسمبر 2015", "2015-12", "2015-12", "month")]),
    ("انقلاب أغسطس/آب 2020", [("أغسطس/آب 2020", "2020-08", "2020-08", "month")]),
    ("انقلاب آب/ أغسطس 2020", [("آب/ أغسطس 2020", "2020-08", "2020-08", "month")]),
    ("في أيار (مايو) 2013 صوّتت", [("أيار (مايو) 2013", "2013-05", "2013-05", "month")]),
    ("ففي أذار/ مارس 2013، شرع", [("أذار/ مارس 2013", "2013-03", "2013-03", "month")]),
    ("في نوفمبر 2015 هاجم", [("نوفمبر 2015", "2015-11", "2015-11", "month")]),
    ("في تموز 2014 وقع", [("تموز 2014", "2014-07", "2014-07", "month")]),
    ("في جانفي 2015 وقع", [("جانفي 2015", "2015-01", "2015-01", "month")]),
    ("في مارس من عام 2020 أعلن", [("مارس من عام 2020", "2020-03", "2020-03", "month")]),
    ("بين مارس ونوفمبر 2015", [("نوفمبر 2015", "2015-11", "2015-11", "month")]),
    # day-month-year
    ("في 9 أيار/ مايو 2013، عندما", [("9 أيار/ مايو 2013", "2013-05-09", "2013-05-09", "day")]),
    ("بعد هجمات 11 سبتمبر 2001م، أثير", [("11 سبتمبر 2001م", "2001-09-11", "2001-09-11", "day")]),
    # Arabic-Indic digits
    ("في ٢٠٢٠م", [("٢٠٢٠م", "2020", "2020", "year")]),
    ("في ٩ أيار/ مايو ٢٠١٣", [("٩ أيار/ مايو ٢٠١٣", "2013-05-09", "2013-05-09", "day")]),
    # parts of a year or month (period precision)
    ("حتى أوائل 2020م", [("أوائل 2020م", "2020-01", "2020-04", "period")]),
    ("في منتصف عام 2021", [("منتصف عام 2021", "2021-05", "2021-08", "period")]),
    ("بدءًا من أواخر 2016، أنهى", [("أواخر 2016", "2016-09", "2016-12", "period")]),
    ("في منتصف مايو 2020", [("منتصف مايو 2020", "2020-05-11", "2020-05-20", "period")]),
    ("في أواخر فبراير 2020", [("أواخر فبراير 2020", "2020-02-21", "2020-02-29", "period")]),
    # ranges and open periods
    ("برنامج من 2013 إلى 2018. ويهدف", [("من 2013 إلى 2018", "2013", "2018", "period")]),
    ("برنامج 2013-2018", [("2013-2018", "2013", "2018", "period")]),
    ("برنامج 2013–2018م", [("2013–2018م", "2013", "2018", "period")]),
    ("بين عامي 2013 و2018", [("بين عامي 2013 و2018", "2013", "2018", "period")]),
    ("في عام 2019 حتى أوائل 2020م، وحاولت", [("عام 2019 حتى أوائل 2020م", "2019", "2020-04", "period")]),
    ("زاد عدد الجماعات منذ عام 2012، وانتشر", [("منذ عام 2012", "2012", "", "period")]),
    ("منذ كانون الثاني/ يناير 2015، إذا", [("منذ كانون الثاني/ يناير 2015", "2015-01", "", "period")]),
    ("في عامي 2015 و2016", [("عامي 2015", "2015", "2015", "year"), ("2016", "2016", "2016", "year")]),
    # bad, partial and ambiguous inputs give nothing (or only what is certain)
    ("هجمات 11 سبتمبر غيرت العالم", []),
    ("في العقدين الماضيين", []),
    ("أنهى 2000 مقاتل التدريب", []),
    ("يخضع 500 إمام للتدريب", []),
    ("في 2016 كان التنظيم", []),
    ("في فبراير قال الرئيس", []),
    ("في عام 1441هـ", []),
    ("يبلغ العدد 12,2020 شخصًا", []),
    ("رقم 9999.", []),
    ("في 31 فبراير 2020", [("فبراير 2020", "2020-02", "2020-02", "month")]),
    ("في آذار/ يونيو 2015", [("2015", "2015", "2015", "year")]),
    ("من 2018 إلى 2013", [("2018", "2018", "2018", "year"), ("2013", "2013", "2013", "year")]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_dates_are_found_at_the_precision_the_text_gives(text, expected):
    """Each date comes out with its exact surface, ISO bounds and precision; non-dates give nothing."""
    assert found(text) == expected


def test_a_day_without_year_takes_the_year_of_the_same_month_nearby():
    """ "في 10 أغسطس" after "أغسطس 2021م" in the same sentence is 10 August 2021, marked as inferred."""
    text = "في أغسطس 2021م صداه على قادة التنظيم، حين نشر إياد أغ غالي في 10 أغسطس قبل خمسة أيام"
    mentions = extract_dates(text)
    assert [(m.surface, m.date_start, m.inferred_year) for m in mentions] == [
        ("أغسطس 2021م", "2021-08", False),
        ("10 أغسطس", "2021-08-10", True),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "في مارس 2020م أصدرت بيانًا، ثم في 10 أغسطس نشر رسالة",  # another month: no year to borrow
        "في سبتمبر 2015 تذكر الناس هجمات 11 سبتمبر",  # an event name never borrows a year
        "نشر رسالة في 10 أغسطس",  # no year anywhere
    ],
)
def test_a_day_without_year_stays_undated_without_evidence(text):
    """A day-month is dated only from the same month nearby, and never when it names an event."""
    assert all(not m.inferred_year for m in extract_dates(text))


def test_month_tables_cover_both_naming_systems():
    """Every month has a transliterated and a Syriac (Levantine) name in the data."""
    months = date_words().months
    for number in range(1, 13):
        assert sum(1 for n in months.values() if n == number) >= 2


@pytest.mark.parametrize(
    ("iso", "precision"), [("2020", "year"), ("2020-08", "month"), ("2020-08-18", "day")]
)
def test_iso_precision_reads_the_written_precision(iso, precision):
    """An ISO date's precision is the number of its parts."""
    assert iso_precision(iso) == precision


@pytest.mark.parametrize("bad", ["20", "2020-13", "2020-02-30", "2020/08", "August 2020", ""])
def test_iso_precision_rejects_what_is_not_iso(bad):
    """Malformed dates raise ValueError rather than being guessed."""
    with pytest.raises(ValueError):
        iso_precision(bad)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2020", None, (date(2020, 1, 1), date(2020, 12, 31))),
        ("2020-02", None, (date(2020, 2, 1), date(2020, 2, 29))),
        ("2013", "2018", (date(2013, 1, 1), date(2018, 12, 31))),
        ("2012", "", (date(2012, 1, 1), None)),
    ],
)
def test_iso_interval_covers_every_day_of_the_stated_precision(start, end, expected):
    """A month covers all its days; an empty end is open."""
    assert iso_interval(start, end) == expected


def test_every_date_in_the_corpus_round_trips_and_is_well_formed(root):
    """In both documents each mention's offsets give its surface, and its dates match its precision."""
    for rd in repaired_corpus(root):
        for m in document_dates(rd):
            assert rd.text[m.start : m.end] == m.surface
            assert m.doc_id == rd.id
            assert m.precision in PRECISIONS
            iso_precision(m.date_start)
            if m.precision != "period":
                assert m.date_end == m.date_start and iso_precision(m.date_start) == m.precision
            elif m.date_end:
                assert iso_interval(m.date_start)[0] <= iso_interval(m.date_end)[0]


def test_the_corpus_dates_include_the_known_ones(root):
    """The dates an analyst reads in the texts are all found."""
    got = {(rd.id, m.date_start, m.date_end) for rd in repaired_corpus(root) for m in document_dates(rd)}
    for expected in [
        ("000", "2001-09-11", "2001-09-11"),
        ("000", "2020-02", "2020-02"),
        ("000", "2021-12", "2021-12"),
        ("000", "2021-08-10", "2021-08-10"),
        ("000", "2019", "2020-04"),
        ("002", "2013", "2018"),
        ("002", "2013-05-09", "2013-05-09"),
        ("002", "2012", ""),
    ]:
        assert expected in got


WORDS = [
    "في",
    "عام",
    "منذ",
    "من",
    "إلى",
    "أوائل",
    "مارس",
    "آذار/",
    "نوفمبر",
    "بين",
    "و",
    "قال",
    "م",
    "،",
    ".",
    "-",
]
NUMBERS = st.integers(min_value=0, max_value=3000).map(str) | st.sampled_from(["٢٠٢٠", "2020م", "11"])
TOKENS = st.lists(st.sampled_from(WORDS) | NUMBERS, max_size=25).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(TOKENS)
def test_offsets_round_trip_on_any_mix_of_words_and_numbers(text):
    """Whatever the input, every mention points at its own surface and has valid ISO dates."""
    for m in extract_dates(text):
        assert text[m.start : m.end] == m.surface
        assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", m.date_start)
        assert m.date_end == "" or re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", m.date_end)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789٠١٢٣٤٥٦٧٨٩ مفبراينوأاسطعم،./-()"), max_size=60))
def test_extraction_never_fails_on_arbitrary_text(text):
    """Random strings of digits, letters and punctuation give mentions or nothing, never an error."""
    for m in extract_dates(text):
        assert text[m.start : m.end] == m.surface


@pytest.mark.parametrize(
    ("start", "end", "precision", "bounds", "code"),
    [
        ("2001-09-11", "2001-09-11", "day", ("2001-09-11", "2001-09-11"), 1),
        ("2020-09-01", "2020-09-05", "period", ("2020-09-01", "2020-09-05"), 2),
        ("2020-02", "2020-02", "month", ("2020-02-01", "2020-02-29"), 3),
        ("2012", "2012", "year", ("2012-01-01", "2012-12-31"), None),
        ("2016-09", "2016-12", "period", ("2016-09-01", "2016-12-31"), None),
        ("2015-01", "", "period", ("2015-01-01", None), None),
        ("2019-11", "", "", ("2019-11-01", "2019-11-30"), 3),
    ],
)
def test_date_bounds_are_the_first_and_last_day_the_text_allows(start, end, precision, bounds, code):
    """Any precision gives full ISO bounds; ACLED's 1/2/3 for a day, a week, a month, none beyond; open ends stay open."""
    b = date_bounds(start, end, precision)
    assert (b.date_min.isoformat(), b.date_max and b.date_max.isoformat()) == bounds
    assert b.time_precision == code


def test_date_bounds_of_no_date_are_empty():
    assert date_bounds("") == DateBounds(None, None, None)


# ----------------------------------------------------------------------------- dates relative to the document date

PUBLISHED = "2023-05-23"  # a Tuesday

# (text, [(surface, date_start, date_end, precision), ...]) with the document published on PUBLISHED
RELATIVE_CASES = [
    # a day-month with the year implied: the publication year, or the year before if later than publication
    ("أعلن الجيش في 15 شباط/فبراير بدء العملية", [("15 شباط/فبراير", "2023-02-15", "2023-02-15", "day")]),
    ("وقع الهجوم في 3 أغسطس قرب الحدود", [("3 أغسطس", "2022-08-03", "2022-08-03", "day")]),
    ("في 23 مايو وصل الوفد", [("23 مايو", "2023-05-23", "2023-05-23", "day")]),
    ("اختطف الصحفي في 26 يوليو الماضي", [("26 يوليو الماضي", "2022-07-26", "2022-07-26", "day")]),
    ("وتنتهي المهلة في 31 ديسمبر المقبل", [("31 ديسمبر المقبل", "2023-12-31", "2023-12-31", "day")]),
    # a weekday: the latest such day on or before publication; «الماضي» strictly before
    ("قُتل جنديان الجمعة في كمين", [("الجمعة", "2023-05-19", "2023-05-19", "day")]),
    ("هاجم مسلحون القرية يوم السبت", [("يوم السبت", "2023-05-20", "2023-05-20", "day")]),
    ("اندلعت اشتباكات مساء الأحد", [("مساء الأحد", "2023-05-21", "2023-05-21", "day")]),
    ("وصل الوفد صباح الاثنين إلى العاصمة", [("صباح الاثنين", "2023-05-22", "2023-05-22", "day")]),
    ("أعلنت الحكومة الثلاثاء حظر التجول", [("الثلاثاء", "2023-05-23", "2023-05-23", "day")]),
    ("عُقد الاجتماع الثلاثاء الماضي", [("الثلاثاء الماضي", "2023-05-16", "2023-05-16", "day")]),
    ("تبدأ المفاوضات الخميس المقبل", [("الخميس المقبل", "2023-05-25", "2023-05-25", "day")]),
    # days counted back from publication
    ("قال المتحدث أمس إن القوات انسحبت", [("أمس", "2023-05-22", "2023-05-22", "day")]),
    ("سُمع إطلاق نار مساء أمس في المدينة", [("مساء أمس", "2023-05-22", "2023-05-22", "day")]),
    ("وقعت انفجارات الليلة الماضية", [("الليلة الماضية", "2023-05-22", "2023-05-22", "day")]),
    (
        "أعلن المجلس العسكري اليوم الثلاثاء تشكيل الحكومة",
        [("اليوم الثلاثاء", "2023-05-23", "2023-05-23", "day")],
    ),
    ("وصل الرئيس أول أمس إلى نيامي", [("أول أمس", "2023-05-21", "2023-05-21", "day")]),
    # a month with the year implied, alone or with a part of it
    ("اجتمع القادة في أيلول/سبتمبر", [("أيلول/سبتمبر", "2022-09", "2022-09", "month")]),
    ("تراجعت الهجمات خلال شهر مارس", [("مارس", "2023-03", "2023-03", "month")]),
    ("انسحبت القوات مطلع أيلول/سبتمبر", [("مطلع أيلول/سبتمبر", "2022-09-01", "2022-09-10", "period")]),
    ("وقعت الاشتباكات أواخر شهر أبريل", [("أواخر شهر أبريل", "2023-04-21", "2023-04-30", "period")]),
    ("عادت اللجنة منتصف أيار", [("منتصف أيار", "2023-05-11", "2023-05-20", "period")]),
    ("أُجريت الانتخابات في يونيو الماضي", [("يونيو الماضي", "2022-06", "2022-06", "month")]),
    # last week, last month, last year
    ("زار الوزير باماكو الأسبوع الماضي", [("الأسبوع الماضي", "2023-05-15", "2023-05-21", "period")]),
    ("تراجعت الهجمات الشهر الماضي", [("الشهر الماضي", "2023-04", "2023-04", "month")]),
    ("شهد العام الماضي انقلابين", [("العام الماضي", "2022", "2022", "year")]),
    ("في نهاية العام الماضي غادرت القوات", [("نهاية العام الماضي", "2022-09", "2022-12", "period")]),
    ("تضاعفت الهجمات منذ العام الماضي", [("منذ العام الماضي", "2022", "", "period")]),
    # what is not a date of its own, even with the document date
    ("الثلاثاء 18 أغسطس 2020 اعتقل الجنود الرئيس", [("18 أغسطس 2020", "2020-08-18", "2020-08-18", "day")]),
    ("وصل الوفدان الاثنين معًا", []),
    ("في اليوم الأول من الهجوم", []),
    ("في ذلك اليوم انسحبت القوات", []),
    ("يمارس الجيش الضغط على الجماعات", []),
    ("بعد هجمات 11 سبتمبر تغير العالم", []),
]


@pytest.mark.parametrize(("text", "expected"), RELATIVE_CASES, ids=[c[0] for c in RELATIVE_CASES])
def test_dates_relative_to_publication_are_resolved_with_the_document_date(text, expected):
    """With the document date, news dates relative to it get ISO bounds and the precision a reader gives them."""
    got = [
        (m.surface, m.date_start, m.date_end, m.precision) for m in extract_dates(text, doc_date=PUBLISHED)
    ]
    assert got == expected


@pytest.mark.parametrize(("text", "expected"), RELATIVE_CASES, ids=[c[0] for c in RELATIVE_CASES])
def test_dates_relative_to_publication_stay_unresolved_without_the_document_date(text, expected):
    """Without a document date (or with one in words) nothing relative is resolved: only written years remain."""
    for doc_date in ("", "2016/2017 (probable; not stated)"):
        assert all(not m.inferred_year for m in extract_dates(text, doc_date=doc_date))


def test_resolved_dates_are_marked_inferred_from_the_document_date():
    """Each date read from the document date says so; a date whose text gives the year never is."""
    text = "في مارس 2020 ثم في 10 مارس، وأعلن الجيش أمس أن هجوم 4 يناير 2021 وقع في 3 أغسطس"
    got = [(m.surface, m.inferred_year, m.inferred_from) for m in extract_dates(text, doc_date=PUBLISHED)]
    assert got == [
        ("مارس 2020", False, ""),
        ("10 مارس", True, "earlier_date"),
        ("أمس", True, "document_date"),
        ("4 يناير 2021", False, ""),
        ("3 أغسطس", True, "document_date"),
    ]


@pytest.mark.parametrize(
    ("doc_date", "expected"),
    [
        ("2023", [("العام الماضي", "2022"), ("3 أغسطس", "2023-08-03")]),  # a year: no weekday, no month back
        ("2023-05", [("الشهر الماضي", "2023-04"), ("العام الماضي", "2022"), ("3 أغسطس", "2022-08-03")]),
    ],
)
def test_a_coarse_document_date_resolves_only_what_its_precision_allows(doc_date, expected):
    """A weekday or «أمس» needs the day of publication, «الشهر الماضي» its month, «العام الماضي» its year."""
    text = "قال أمس إن هجوم الجمعة والشهر الماضي والعام الماضي وفي 3 أغسطس"
    assert [(m.surface, m.date_start) for m in extract_dates(text, doc_date=doc_date)] == expected


def test_document_dates_resolve_against_the_catalog_date():
    """`document_dates` passes the document's catalog date: every caller resolves the same way."""

    class Doc:
        date = PUBLISHED

    class Repaired:
        id, doc, text = "x1", Doc(), "قُتل جنديان الجمعة في كمين"

    (m,) = document_dates(Repaired())
    assert (m.doc_id, m.date_start, m.inferred_from) == ("x1", "2023-05-19", "document_date")


RELATIVE_WORDS = [
    "أمس",
    "اليوم",
    "الجمعة",
    "يوم",
    "مساء",
    "الماضي",
    "المقبل",
    "الشهر",
    "العام",
    "شهر",
    "مطلع",
    "في",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS + RELATIVE_WORDS) | NUMBERS, max_size=25).map(" ".join),
    st.sampled_from(["2023", "2023-05", "2023-05-23", "2024-02-29", "2023-01-01"]),
)
def test_offsets_round_trip_with_any_document_date(text, doc_date):
    """With a document date too, every mention points at its own surface and has valid ISO bounds."""
    for m in extract_dates(text, doc_date=doc_date):
        assert text[m.start : m.end] == m.surface
        iso_interval(m.date_start, m.date_end if m.precision == "period" else None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وصل الوفد في 2 مارس 2017 وبدأ المحادثات من الغد", ("من الغد", "2017-03-03")),
        ("اعتُقل في 30 يونيو 2020، ثم أُفرج عنه في اليوم التالي", ("في اليوم التالي", "2020-07-01")),
    ],
)
def test_the_next_day_counts_from_the_written_day_before_it(text, expected):
    """«من الغد» after a written day on the same line is the day after it, without any document date."""
    m = extract_dates(text)[-1]
    assert (m.surface, m.date_start, m.precision, m.inferred_from) == (*expected, "day", "earlier_date")


def test_the_next_day_without_a_written_day_before_it_is_no_date():
    """«من الغد» with no written day before it on its line names no date."""
    assert (
        extract_dates("وصل الوفد في مارس 2017\nوبدأ المحادثات من الغد")
        == extract_dates("وصل الوفد في مارس 2017")[:1]
    )
