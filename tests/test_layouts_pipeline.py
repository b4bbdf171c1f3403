"""Extraction repair end to end: each extractor's layout is recognised and put back into reading order.

The snippets are real: short runs of lines copied from the benchmark fixtures
(`benchmarks/extracted/<engine>/<extractor>/`), with bidi controls, U+0000 and
presentation forms written as escapes. Each expected output is the logical
text of `benchmarks/corpus/`, except where the extractor itself lost a mark.
"""

from __future__ import annotations

import pytest

from sahel_analysis.repair.layouts.pipeline import repair_any, repair_with_profile
from sahel_analysis.repair.layouts.profile import Profile, detect_profile

# (profile, raw extraction, repaired text)
SNIPPETS = [
    pytest.param(
        "visual_chars",
        "نم ًةلسلس م2012 ماع ذنم يلام ةيروهمج تدهش\nيف ةيداوزألا تاكرحلا دُّر+متب تأدب ،ةقحالتملا تامزألا",
        "شهدت جمهورية مالي منذ عام 2012م سلسلةً من\nالأزمات المتلاحقة، بدأت بتمرُّد الحركات الأزوادية في",
        id="libreoffice/pdfplumber",  # LibreOffice via pdfplumber: spelt backwards, an unmapped mark glyph printed as "+"
    ),
    pytest.param(
        "visual_chars",
        "\ufede\ufe92\ufed7  ،«ل\ufe8e\ufed3\ufeae\ufeb3»  \ufe94\ufef4\ufee0\ufee4\ufecb  \ufeae\ufe92\ufecb  م2013  \ufeae\ufef3\ufe8e\ufee8\ufef3  \ufef2\ufed3  ي\ufeae\ufedc\ufeb4\ufecc\ufedfا\nد\ufe8e\ufecc\ufe91ألا ةد\ufeaa\ufecc\ufe98\ufee4\ufedfا \ufe94\ufee0\ufee3\ufe8e\ufedc\ufe98\ufee4\ufedfا \ufe8e\ufeec\ufe98\ufe9c\ufecc\ufe91 ة\ufeaa\ufea4\ufe98\ufee4\ufedfا \ufee2\ufee3ألا \ufeae\ufeb8\ufee8\ufe97 نأ",
        "العسكري في يناير 2013م عبر عملية «سرفال»، قبل\nأن تنشر الأمم المتحدة بعثتها المتكاملة المتعددة الأبعاد",
        id="chromium/pdfminer",  # Chromium via pdfminer: presentation forms, mirrored guillemets, number suffix
    ),
    pytest.param(
        "raw_bidi",
        "\u202bمن\u202c \u202bًة\u202c\u202bسلسل\u202c \u202bم\u202c2012 \u202bعام\u202c \u202bمنذ\u202c \u202bمالي\u202c \u202bجمهورية\u202c \u202bشهدت\u202c\n\u202bفي\u202c \u202bأزوادية\u202c\u202bل\u202c\u202bا\u202c \u202bالحركات\u202c \u202bد\u202c\u202bُّر\u202c\u202bم\u202c\u202bبت\u202c \u202bبدأت\u202c ،\u202bاحقة\u202c\u202bل\u202c\u202bالمت\u202c \u202bأزمات\u202c\u202bل\u202c\u202bا\u202c",
        "شهدت جمهورية مالي منذ عام 2012م سلسلةً من\nالأزمات المتلاحقة، بدأت بتمرُّد الحركات الأزوادية في",
        id="chromium/pdftotext-raw",  # pdftotext -raw on Chromium: pieces cut at marks, marks before their letter
    ),
    pytest.param(
        "raw_bidi",
        "\u202bعام\u202c \u202bمنذ\u202c \u202bمالي\u202c \u202bية\u202c\u202bجمهور\u202c \u202bشهدت\u202c\n2012\n\u202bمن\u202c ً \u202bسلسلة\u202c \u202bم\u202c\n\u202bفي\u202c \u202bالأزوادية\u202c \u202bحركات\u202c\u202bل\u202c\u202bا\u202c \u202bد\u202cُّ\u202bر\u202c\u202bبتم\u202c \u202bبدأت\u202c ،\u202bالمتلاحقة\u202c \u202bالأزمات\u202c",
        "شهدت جمهورية مالي منذ عام\n2012م سلسلةً من\nالأزمات المتلاحقة، بدأت بتمرُّد الحركات الأزوادية في",
        id="libreoffice/pdftotext-raw",  # pdftotext -raw on LibreOffice: the number on a line of its own
    ),
    pytest.param(
        "logical_bidi",
        "\u202bشهدت جمهورية مالي منذ عام \u202a2012\u202cم سلسلًة من\u202c\n\u202bالأزمات المتلاحقة\u202a ،\u202cبدأت بتمُّر د الحركات الأزوادية في\u202c\n\u202bلتحقيق الاستقرار في مالي (\u202a )MINUSMA\u202cفي العام\u202c",
        "شهدت جمهورية مالي منذ عام 2012م سلسلةً من\nالأزمات المتلاحقة، بدأت بتمرُّد الحركات الأزوادية في\nلتحقيق الاستقرار في مالي (MINUSMA) في العام",
        id="chromium/pdftotext",  # pdftotext on Chromium: comma and bracket in visual order inside LRE
    ),
    pytest.param(
        "logical_bidi",
        "\u202b\u202a )1\u202cمبدأ الحوار مع الجماعات المسلَّحة\u202c\n\u202bأوصى «مؤتمر الوفاق الوطني» في مالي عام \u202a2017\u202cم بفتح\u202c\n\u202bع ُرف لاحقا ً بالحوار مع الجهاديين\u202a .\u202cوقد أيَّد «الحوار الوطني\u202c",
        "1) مبدأ الحوار مع الجماعات المسلَّحة\nأوصى «مؤتمر الوفاق الوطني» في مالي عام 2017م بفتح\nعُرف لاحقاً بالحوار مع الجهاديين. وقد أيَّد «الحوار الوطني",
        id="libreoffice/pdftotext",  # pdftotext on LibreOffice: heading number, marks split off by a space
    ),
    pytest.param(
        "logical_runs",
        "م عبر عملية «سرفال»، قبل2013 العسكري في يناير\n في العام)MINUSMA( لتحقيق الاستقرار في مالي\n.على الأرض والماء مع خطاب الجماعات الجهادية",
        "العسكري في يناير 2013م عبر عملية «سرفال»، قبل\nلتحقيق الاستقرار في مالي (MINUSMA) في العام\nعلى الأرض والماء مع خطاب الجماعات الجهادية.",
        id="chromium/pymupdf",  # PyMuPDF on Chromium: runs left to right, full stop at the line start
    ),
    pytest.param(
        "logical_runs",
        " أوصى «مؤتمر الوفاق الوطني» في مالي عام2017م بفتح\n( يشترط قادةJNIM) عادةً رحيل القوات الأجنبية قبل\n.المحلية أكثر واقعيةً من المفاوضات الشاملة",
        "أوصى «مؤتمر الوفاق الوطني» في مالي عام 2017م بفتح\nيشترط قادة (JNIM) عادةً رحيل القوات الأجنبية قبل\nالمحلية أكثر واقعيةً من المفاوضات الشاملة.",
        id="libreoffice/pymupdf",  # PyMuPDF on LibreOffice: runs in order, brackets and full stop displaced
    ),
    pytest.param(
        "logical_runs",
        "م \ufeb3\ufee0\ufeb4\ufee0\ufe94ً \ufee3\ufee6 2012 \ufeb7\ufeec\ufeaaت \ufe9f\ufee4\ufeec\ufeeeر\ufef3\ufe94 \ufee3\ufe8e\ufedf\ufef2 \ufee3\ufee8\ufeac \ufecb\ufe8eم \n، \ufed7\ufe92\ufede «\ufeb3\ufeae\ufed3\ufe8eل» م \ufecb\ufe92\ufeae \ufecb\ufee4\ufee0\ufef4\ufe94 2013 ا\ufedf\ufecc\ufeb4\ufedc\ufeaeي \ufed3\ufef2 \ufef3\ufee8\ufe8e\ufef3\ufeae ",
        "شهدت جمهورية مالي منذ عام 2012م سلسلةً من\nالعسكري في يناير 2013م عبر عملية «سرفال»، قبل",
        id="chromium/pypdf",  # pypdf on Chromium: runs left to right, guillemets cut off their word
    ),
    pytest.param(
        "logical_runs",
        "د الحركات الأزوادية في +ُّالأزمات المتلاحقة، بدأت بتمر \nدة على مدن ُّ?حة متشد Cُّالشمال، ثم سيطرة جماعات مسل ",
        "الأزمات المتلاحقة، بدأت بتمرُّد الحركات الأزوادية في\nالشمال، ثم سيطرة جماعات مسلُّحة متشدُّدة على مدن",
        id="libreoffice/pypdf",  # pypdf on LibreOffice: a line cut at shadda glyphs, pieces last first
    ),
    pytest.param(
        "logical",
        "تأسَّست جماعة «نصرة الإسلام والمسلمين» (JNIM) في مارس 2017م بعد اندماج أربع جماعات هي: أنصار\n"
        "الدين، وكتيبة ماسينا، والمرابطون، وفرع الصحراء التابع لتنظيم القاعدة في بلاد المغرب الإسلامي (AQIM).",
        "تأسَّست جماعة «نصرة الإسلام والمسلمين» (JNIM) في مارس 2017م بعد اندماج أربع جماعات هي: أنصار\n"
        "الدين، وكتيبة ماسينا، والمرابطون، وفرع الصحراء التابع لتنظيم القاعدة في بلاد المغرب الإسلامي (AQIM).",
        id="corpus",  # the benchmark's own logical source text
    ),
]


# LibreOffice through pdfminer: every box of a printed line is a paragraph of its own, left box first.
# The haraka under each shadda was an unmapped glyph (`+`, `?`, `C`): it is dropped, not guessed, and
# the shadda keeps the damma LibreOffice's ToUnicode map gave it.
PDFMINER_BOXES = (
    "نم  ً ةلسلس  م\n\n2012\n\n ماع  ذنم  يلام  ةي روهمج  تدهش\n\nيف  ةيداوزألا  تاكرحلا  د+\n\n"
    "ُّ رمتب  تأدب  ،ةقحالتملا  تامزألا\n\nندم  ىلع  ةد?\n\nُّدشتم  ةحC\n\nُّ لسم  تاعامج  ةرطيس  مث  ،لامشلا"
    "\n\nل +\n\nُّخدتلا  ىلإ  اسنرف  كلذ  عفد  دقو  .لاديكو  واغو  وتكبمت"
)


PDFMINER_BOXES_REPAIRED = [
    "شهدت جمهورية مالي منذ عام 2012م سلسلةً من",
    "الأزمات المتلاحقة، بدأت بتمرُّد الحركات الأزوادية في",
    "الشمال، ثم سيطرة جماعات مسلُّحة متشدُّدة على مدن",
    "تمبكتو وغاو وكيدال. وقد دفع ذلك فرنسا إلى التدخُّل",
]


@pytest.mark.parametrize(("profile", "raw", "expected"), SNIPPETS)
def test_snippet_is_detected(profile, raw, expected):
    """Each extractor's snippet is named by its own profile."""
    assert detect_profile(raw).name == profile


@pytest.mark.parametrize(("profile", "raw", "expected"), SNIPPETS)
def test_snippet_is_repaired(profile, raw, expected):
    """repair_any turns each snippet into the corpus text, line for line."""
    assert repair_any(raw) == expected


def test_pdfminer_boxes_are_regrouped_into_lines():
    """Boxes of one printed line are joined left to right before the line is turned round."""
    assert detect_profile(PDFMINER_BOXES).name == "visual_chars"
    assert repair_any(PDFMINER_BOXES).split("\n") == PDFMINER_BOXES_REPAIRED


@pytest.mark.parametrize("name", ["logical", "visual_words", "no_such_profile"])
def test_repair_with_profile_refuses_what_it_does_not_handle(name):
    """logical and visual_words belong to repair_any; an unknown name is an error."""
    with pytest.raises(ValueError):
        repair_with_profile("شهدت", Profile(name, ""))


def test_blank_lines_keep_paragraph_breaks():
    """A blank line between paragraphs survives the repair."""
    raw = "يلام ةيروهمج تدهش\nةقحالتملا تامزألا\nلامشلا يف\n\nتاضوافملا نم\n.ةلماشلا"
    assert repair_with_profile(raw, Profile("visual_chars", "")) == [
        "شهدت جمهورية مالي",
        "الأزمات المتلاحقة",
        "في الشمال",
        "",
        "من المفاوضات",
        "الشاملة.",
    ]


@pytest.mark.parametrize("name", ["visual_chars", "raw_bidi", "logical_bidi", "logical_runs"])
@pytest.mark.parametrize(
    "raw",
    ["", "\n\n", "2012", "Hello (G5 Sahel)", "\u202bعام\u202c", "(cid:3)\x00", "ُّ", "مالي\n\nالنيجر"],
)
def test_odd_inputs_do_not_break_repair(name, raw):
    """Empty text, bare numbers, Latin, lone marks and lost glyphs come out as clean lines."""
    lines = repair_with_profile(raw, Profile(name, ""))
    assert all(isinstance(ln, str) for ln in lines)
    assert not any(c in "".join(lines) for c in "\u202a\u202b\u202c\x00")
