"""Extraction profiles: each extractor's layout is recognised and put back into reading order.

The snippets are real: short runs of lines copied from the benchmark fixtures
(`benchmarks/extracted/<engine>/<extractor>/`), with bidi controls, U+0000 and
presentation forms written as escapes. Each expected output is the logical
text of `benchmarks/corpus/`, except where the extractor itself lost a mark.
"""

from __future__ import annotations

import pytest

from sahel_analysis.extraction_profiles import (
    PDF,
    PROFILE_NAMES,
    RLE,
    Profile,
    _lexicon,
    _word_initial_marks,
    attach_brackets,
    attach_lone_quotes,
    attach_quotes,
    bracket_balance,
    close_false_spaces,
    detect_profile,
    fix_inverted_pairs,
    fix_item_number,
    fold_presentation_forms,
    glue_fragments,
    glue_number_suffix,
    group_visual_boxes,
    join_raw_mark_breaks,
    mark_lost_glyphs,
    marks_before_base,
    merge_fragments,
    move_marks_after_base,
    place_floating_tanwin,
    repair_any,
    repair_with_profile,
    visual_to_logical,
)

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


def test_seed_002_is_logical(root):
    """The web article (seed 002) is already in reading order and is left alone."""
    text = (root / "seeds" / "002_d789965f71b5187f.txt").read_text(encoding="utf-8")
    profile = detect_profile(text)
    assert profile.name == "logical", profile.evidence
    assert repair_any(text) == " ".join(text.split())


def test_seed_000_is_visual_words(root):
    """The visual-order study (seed 000) is the layout repair.repair_lines handles."""
    text = (root / "seeds" / "000_53ea0760ed01dd6f.txt").read_text(encoding="utf-8")
    profile = detect_profile(text)
    assert profile.name == "visual_words", profile.evidence
    assert profile.scores["visual_order_signs"] > 3 * profile.scores["logical_order_signs"]


def test_profile_carries_its_evidence():
    """A profile says why it was chosen, with the measurements behind it."""
    profile = detect_profile("ماع ذنم يلام ةيروهمج تدهش")
    assert profile.name in PROFILE_NAMES
    assert "reversed" in profile.evidence
    assert profile.scores["known_reversed"] > profile.scores["known_as_written"]


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


@pytest.mark.parametrize(
    ("visual", "logical"),
    [
        ("نم ةلسلس م2012 ماع", "عام 2012م سلسلة من"),  # digits keep their order, the suffix follows
        ("نويلم 2.1 نم رثكأ", "أكثر من 2.1 مليون"),  # a decimal is one run
        ("(G5  Sahel) ةعومجم", "مجموعة )G5  Sahel("),  # Latin words with a space are one run
        ("نم لقأ ىلإ", "إلى أقل من"),
    ],
)
def test_visual_to_logical(visual, logical):
    """A visual line is reversed, left-to-right runs are turned back, brackets are left to mirroring."""
    assert visual_to_logical(visual) == logical


@pytest.mark.parametrize(
    ("lines", "inverted"),
    [
        (
            ["مالي (MINUSMA) في", "عملية «سرفال»،", "1) الوضع الإنساني"],
            False,
        ),  # LibreOffice keeps logical glyphs
        (["مالي )MINUSMA( في", "عملية »سرفال«،", "1( الوضع الإنساني"], True),  # Chromium stores mirrored ones
    ],
)
def test_bracket_balance_tells_mirrored_glyphs(lines, inverted):
    """Brackets that cling to the wrong side mean the extractor stored mirrored glyphs."""
    good, bad = bracket_balance(lines)
    assert (bad > good) is inverted


@pytest.mark.parametrize(
    ("lines", "first"),
    [
        (["شهدت جمهورية مالي منذ عام 2012م سلسلًة من الأزمات"], True),  # Chromium through poppler
        (["وتبقى الهُوَّة بين الطرفين واسعة ً، مما يجعل"], False),  # LibreOffice through poppler
        (["غير أَّن الوجود الدولي", "وتأ َّس ست جماعة"], True),
        (["من نشاطها جنوب ًا نحو الصحراء"], True),  # Chromium through PyMuPDF: tanwin cut off before its alef
    ],
)
def test_marks_before_base(lines, first):
    """Where tanwin and cut words sit tells whether marks were put before their letter."""
    assert marks_before_base(lines) is first


def test_lost_glyphs_are_marked_and_dropped():
    """(cid:N), U+0000 and stray bytes inside a word are lost marks: the word is glued back."""
    assert mark_lost_glyphs("ةح(cid:4)") == "ةح\x00"
    assert mark_lost_glyphs("دُّر+متب") == "دُّر\x00متب"
    assert mark_lost_glyphs("(JNIM) و(AQIM)") == "(JNIM) و(AQIM)"  # real Latin text is kept
    assert glue_fragments(["بتمر\x00", "د"]) == ["بتمر\x00د"]


def test_presentation_forms_fold_to_letters():
    """Presentation forms become base letters; in visual text a ligature is written reversed."""
    assert fold_presentation_forms("\ufeb7\ufeec\ufeaaت") == "شهدت"
    assert fold_presentation_forms("\ufefb", visual=True) == "ال"


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


# pdftotext -raw on LibreOffice: a printed line drawn left to right, cut into lines at marks
# (`10_algiers_agreement`): each line ending on a mark goes on to its right on the next line.
RAW_LIBREOFFICE_CUT_AT_MARKS = (
    "ٍ\n"
    "\u202bصلاحيات\u202c \u202bالشمالية\u202c \u202bالمناطق\u202c \u202bومنح\u202c ،\u202bجيش\u202c\u202bل\u202c"
    "\u202bا\u202c \u202bفي\u202c \u202bالمقاتلين\u202c \u202bج\u202c\u202bم\u202c\u202bد\u202c\n"
    "ٍ\n"
    "\u202bلأسباب\u202cً \u202bبطيئا\u202c َّ\n"
    "\u202bظل\u202c \u202bالتطبيق\u202c َّ\n"
    "\u202bأن\u202c \u202bغير\u202c .\u202bشؤونها\u202c \u202bإدارة\u202c \u202bفي\u202c \u202bأوسع\u202c"
)

# The same layout (`04_burkina_faso`): a line opening on a damma and a space ends the word (تُعدُّ)
# whose other letters close the line before.
RAW_LIBREOFFICE_OPENS_ON_MARK = (
    "\u202bمن\u202c ً \u202bرا\u202cُّ\u202bر\u202c\u202bتض\u202c \u202bالساحل\u202c \u202bدول\u202c \u202bأكثر\u202c"
    " \u202bمن\u202c \u202bاليوم\u202c \u202bفاسو\u202c \u202bبوركينا\u202c ُّ\n"
    "\u202bعد\u202c\n"
    "ُ \u202bت\u202c\n"
    "\u202bنزوح\u202c \u202bإلى\u202c \u202bالإغاثة\u202c \u202bمنظمات\u202c \u202bتقديرات\u202c \u202bتشير\u202c"
    " \u202bإذ\u202c \u202bح؛\u202cَّ\u202bل\u202c\u202bالمس\u202c \u202bالعنف\u202c"
)

# The same layout (`19_mauritania`): a number and its percent sign on lines of their own, and a
# tanwin opening a line after one ending on a comma (the comma follows the word the tanwin ends).
RAW_LIBREOFFICE_PERCENT = (
    "\u202bحو\u202c\u202bن\u202c\u202bب\u202c \u202bالدفاعي\u202c \u202bإنفاقها\u202c \u202bنواكشوط\u202c"
    " \u202bرفعت\u202c \u202bما\u202c\u202bك\u202c .\u202bم\u202c\n"
    "7.5\n"
    "%\n"
    "\u202bطول\u202c \u202bعلى\u202c »\u202bِّر\u202c\u202bك\u202c\u202bالمب\u202c \u202bالإنذار\u202c"
    " \u202b«مراكز\u202c \u202bفي\u202c \u202bواستثمرت\u202c ،\n"
    "ً \u202bيا\u202c\u202bسنو\u202c"
)


def test_raw_line_ending_on_mark_continues_on_the_next_line():
    """A pdftotext -raw line ending on a mark outside its pieces is joined to the next, no space between."""
    lines = [f"{RLE}ظل{PDF} {RLE}التطبيق{PDF} َّ", f"{RLE}أن{PDF} {RLE}غير{PDF}"]
    assert join_raw_mark_breaks(lines) == [f"{RLE}ظل{PDF} {RLE}التطبيق{PDF} َّ{RLE}أن{PDF} {RLE}غير{PDF}"]


def test_raw_line_opening_on_mark_and_space_continues_the_line_before():
    """`ُ ت` after `عد` is the first letter of تُعد: the pieces are joined and the gap dropped."""
    assert join_raw_mark_breaks([f"{RLE}عد{PDF}", f"ُ {RLE}ت{PDF}"]) == [f"{RLE}عد{PDF}ُ{RLE}ت{PDF}"]


def test_raw_tanwin_opening_a_line_starts_a_run_unless_a_comma_precedes():
    """LibreOffice draws a final alef's tanwin before the space left of its word: a run may open on it."""
    after_number = ["VDP", f"ً {RLE}قصيرا{PDF}"]
    assert join_raw_mark_breaks(after_number) == after_number
    after_comma = [f"{RLE}واستثمرت{PDF} ،", f"ً {RLE}سنويا{PDF}"]
    assert join_raw_mark_breaks(after_comma) == [f"{RLE}واستثمرت{PDF} ،ً{RLE}سنويا{PDF}"]


def test_raw_chromium_lines_are_not_joined():
    """Chromium keeps marks inside the RLE pieces: no line ends or opens on a bare mark."""
    lines = [f"{RLE}عن{PDF} {RLE}ع{PDF}{RLE}ِّق{PDF} {RLE}ُو{PDF}", f"{RLE}مسار{PDF} 2015"]
    assert join_raw_mark_breaks(lines) == lines


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            RAW_LIBREOFFICE_CUT_AT_MARKS,
            "دمج المقاتلين في الجيش، ومنح المناطق الشمالية صلاحياتٍ\n"
            "أوسع في إدارة شؤونها. غير أنَّ التطبيق ظلَّ بطيئاً لأسبابٍ",
        ),
        (
            RAW_LIBREOFFICE_OPENS_ON_MARK,
            "تُعدُّ بوركينا فاسو اليوم من أكثر دول الساحل تضرُّراً من\n"
            "العنف المسلَّح؛ إذ تشير تقديرات منظمات الإغاثة إلى نزوح",
        ),
        (
            RAW_LIBREOFFICE_PERCENT,
            "م. كما رفعت نواكشوط إنفاقها الدفاعي بنحو\n7.5%\nسنوياً، واستثمرت في «مراكز الإنذار المبكِّر» على طول",
        ),
    ],
)
def test_libreoffice_raw_runs_cut_at_marks_are_put_back(raw, expected):
    """pdftotext -raw on LibreOffice: the pieces of a run cut at marks come back as one line."""
    assert detect_profile(raw).name == "raw_bidi"
    assert repair_any(raw) == expected


def test_word_cut_at_a_mark_never_continues_with_a_number():
    """`احتجاجا ً` then `2022` is no cut word: the number keeps its place before its suffix."""
    lines = ["جندي، لكنها عانت نقصاً مزمناً. وفي", "مايو", "2022", "م أعلنت مالي انسحابها من المجموعة احتجاجا ً"]
    assert merge_fragments(lines)[-1].startswith("2022 م أعلنت")


def test_percent_sign_and_punctuation_follow_their_number():
    """A number's percent sign or comma on the next line joins it, without a space."""
    assert merge_fragments(["إلى أقل من", "40", "%", "من الاحتياجات"])[1:] == ["40 %", "من الاحتياجات"]
    assert attach_brackets(["من", "40", "%", "من"]) == ["من", "40%", "من"]
    assert merge_fragments(["بالقرار", "2690", "، واكتمل"])[1:] == ["2690 ، واكتمل"]


def test_conjunction_waw_before_a_number_is_its_prefix():
    """`و` cut off a number (`و 2021م`) is glued back to it, and the suffix still follows."""
    assert glue_number_suffix(["2019", "م", "و", "2021", "م."]) == ["2019م", "و2021م."]
    assert glue_number_suffix(["2019", "و", "2021"]) == ["2019", "و2021"]


def test_tanwin_opening_a_token_is_not_moved_onto_hamza_alef():
    """Marks before a hamza-alef are its own (`ُأنشئت`), but tanwin never starts a word."""
    assert [t.replace("\ue000", "") for t in glue_fragments(["فراغا", "ًأمنياً"])] == ["فراغاً", "أمنياً"]
    assert glue_fragments(["ُأنشئت"]) == ["أُنشئت"]


def test_lone_stray_letter_between_arabic_words_is_a_lost_glyph():
    """An unmapped glyph printed as a lone lowercase letter between Arabic words is dropped."""
    raw = "باحسناب  رمألا  ،ذ g\nدُّر+متب"  # `+` inside a word: the text shows lost glyphs
    assert mark_lost_glyphs(raw) == "باحسناب  رمألا  ،ذ \x00\nدُّر\x00متب"
    assert mark_lost_glyphs("مالي (G5 Sahel) و") == "مالي (G5 Sahel) و"


def test_pdfminer_box_opening_with_a_space_continues_the_line():
    """A box that opens on a space followed a gap inside its printed line, so it joins the box before."""
    assert group_visual_boxes(["ماظنلا", " ةداعإل", " يركسعلا"]) == ["ماظنلا ةداعإل يركسعلا"]


def test_single_space_in_double_spaced_line_closes_a_cut_word():
    """On a justified pdfminer line words are two spaces apart: a single space cutting a known word goes."""
    assert close_false_spaces("ماع  ذنم  يلام  ةي روهمج  تدهش") == "ماع  ذنم  يلام  ةيروهمج  تدهش"
    two_words = "ىلإ جاتحي  هنكل  ىلإ  لوحتي"  # يحتاج إلى: the glued form is no word
    assert close_false_spaces(two_words) == two_words
    assert close_false_spaces("ةي روهمج تدهش") == "ةي روهمج تدهش"  # single-spaced line: no evidence


def test_word_final_cut_marks_turn_the_pieces_round():
    """pypdf on LibreOffice: pieces cut at word-final shaddas come last first; they are turned round."""
    raw = " بطيئاً لأسبابٍ J\u0650\u0651 التطبيق ظل J\u0650\u0651أوسع في إدارة شؤونها. غير أن"
    assert repair_with_profile(raw, Profile("logical_runs", "")) == [
        "أوسع في إدارة شؤونها. غير أن\u0650\u0651 التطبيق ظل\u0650\u0651 بطيئاً لأسبابٍ"
    ]


def test_tanwin_between_words_stays_with_the_word_before():
    """Marks first (LibreOffice through pdfplumber), but a tanwin between two words ends the first."""
    assert move_marks_after_base("إنسانية ٍعاجلة") == "إنسانيةٍ عاجلة"
    assert move_marks_after_base("بعيدا ً عن") == "بعيداً عن"
    assert move_marks_after_base("واسعةٌ من") == "واسعةٌ من"
    assert move_marks_after_base("سلسل ًة من").replace("\ue000", "") == "سلسل ةً من"  # a cut tail: moved on


def test_pdfminer_box_opening_on_a_mark_joins_despite_padded_gaps():
    """A justified line's double-spaced gaps do not make a box opening on a mark look too wide to join."""
    boxes = [
        "فارتعالاو حالسلا عزن تاموكحلا طرتشت امنيب ،راوح  يأ",  # a full line sets the width
        "ام  وهو  ،ةيلحملا  ةح\x00",
        "َّ لسملا  تاعامجلا  ةداق  عم  لصاوت  تاونق",
    ]
    assert group_visual_boxes(boxes)[1:] == [
        "ام  وهو  ،ةيلحملا  ةح\x00َّ لسملا  تاعامجلا  ةداق  عم  لصاوت  تاونق"
    ]


def test_pdfminer_box_opening_on_a_mark_after_a_whole_letter_starts_the_next_line():
    """A mark opening a box continues the word before only when that box ends on the rest of its cluster.

    LibreOffice draws shadda and haraka as two glyphs; pdfminer cuts between
    them and the haraka, often unmapped, ends the box before. A box that ends
    on a whole letter instead is the end of its line, and the mark opening the
    next box ends the last word of the next line (أنَّ, visually `َّنأ`).
    """
    full = "ةطاسولا لعجي امم ةعساو نيفرطلا نيب ةيلحملا رثكأ ريغ"
    padded = "  ".join(["لبقا", "ةداق", "ليحر", "ءاقل", "دقعا", "لوقا", "نمأل", "ربكا", "رصنل", "رشنل"])
    assert group_visual_boxes([full, padded, "\x00يأ"]) == [full, padded, "\x00يأ"]
    assert group_visual_boxes([full, padded, "َّيأ"]) == [full, padded, "َّيأ"]
    assert group_visual_boxes([full, padded + " \x00", "َّيأ"]) == [full, padded + " \x00َّيأ"]
    assert group_visual_boxes([padded + "  :", "َّنك"]) == [padded + "  :َّنك"]  # a stray byte for the haraka


def test_pdfminer_box_opening_on_tanwin_starts_the_next_line():
    """Tanwin ends a word: a box opening on it holds the logical end of the next printed line."""
    assert group_visual_boxes(["بالقنالا  \x00", "ٍعساو  ٍ"]) == ["بالقنالا  \x00", "ٍعساو  ٍ"]


@pytest.mark.parametrize(
    ("left", "joined"),
    [
        ("نم ةلسلس م", True),
        ("ماع  ذنم  .م", True),
        ("لمتكاو  ،", True),
        ("نم  %", True),
        ("نم ", True),
        ("ىلإ لوحتي", False),
        ("ةيقرشلا، حتفو", False),
    ],
)
def test_pdfminer_number_touching_a_whole_word_starts_the_next_line(left, joined):
    """A number touches a one-letter suffix or its punctuation; a longer word only across a line break."""
    expected = [left + "2012"] if joined else [left, "2012"]
    assert group_visual_boxes([left, "2012"]) == expected


def test_pdfminer_box_after_a_number_opening_on_a_word_starts_the_next_line():
    """After a number a box goes on only when it opens on a space or a bracket."""
    assert group_visual_boxes(["2012", " ماع"]) == ["2012 ماع"]
    assert group_visual_boxes(["2012", "ماع يف"]) == ["2012", "ماع يف"]
    assert group_visual_boxes([")", "AQIM", "( ةدعاقلا"]) == [")AQIM( ةدعاقلا"]


def test_pdfminer_box_over_two_printed_lines_opens_both_lines():
    """A box of two lines with no blank between holds the leftmost piece of two printed lines.

    pdfminer prints it among the pieces of the upper line (it sorts boxes by
    the middle of their height): its first line opens that line, its second
    opens the next, whose other pieces follow.
    """
    boxes = ["ةيروهمج تدهش", "يلام \nيف ", "ةيلاتتم ثادحأ", "ذنم"]
    assert group_visual_boxes(boxes) == ["يلام ةيروهمج تدهش", "يف ةيلاتتم ثادحأ", "ذنم"]
    # printed between two pieces of the upper line: a piece opening on a space still continues it
    boxes = ["2021", "م  لتقم\nٍعارص يف", " ربمتبس يف", "لخدو"]
    assert group_visual_boxes(boxes) == ["م  لتقم2021 ربمتبس يف", "ٍعارص يفلخدو"]


def test_pdfminer_box_lines_that_continue_each_other_stay_one_piece():
    """Lines of one box that touch like pieces of a line (`م` and its number) are not split apart."""
    assert group_visual_boxes(["م\n2023", " ربمتبس"]) == ["م2023 ربمتبس"]


def test_pdfminer_boxes_of_whole_lines_are_kept_as_printed_lines():
    """When most boxes hold several lines (Chromium), the lines are printed lines and are not moved."""
    boxes = ["ةيروهمج تدهش\nيلام  ماع", "ةلسلس  نم\nثادحأ"]
    assert group_visual_boxes(boxes) == ["ةيروهمج تدهش", "يلام  ماع", "ةلسلس  نم", "ثادحأ"]


def test_pdfminer_two_line_box_is_read_off_the_missing_blank_line():
    """pdfminer ends every box with a blank line, so two text lines with none between are one box."""
    raw = "ةيروهمج تدهش\n\nيلام \nيف \n\nةيلاتتم ثادحأ\n\nذنم\n"
    assert repair_with_profile(raw, Profile("visual_chars", "")) == [
        "شهدت جمهورية مالي",
        "أحداث متتالية في",
        "منذ",
    ]


@pytest.mark.parametrize(
    ("pieces", "word"),
    [(["عسكر", "يين"], "عسكريين"), (["الجزائر", "ية،"], "الجزائرية،"), (["للتمو", "يل."], "للتمويل.")],
)
def test_yeh_after_a_non_joining_letter_is_glued_back(pieces, word):
    """An extractor takes the gap before an initial yeh after ر، و، ز for a word space: it is a cut."""
    assert glue_fragments(pieces) == [word]


def test_yeh_after_a_non_joining_letter_keeps_two_real_words():
    """Two words stay apart when gluing them makes no better word (`في يوم` is not glued)."""
    assert glue_fragments(["إلى", "يوم"]) == ["إلى", "يوم"]
    assert glue_fragments(["دور", "يوم"]) == ["دور", "يوم"]


def test_straight_quotes_alternate_opening_and_closing():
    """A closing quote that opens the next token goes back to the word it closes."""
    assert attach_quotes(["تفرض", '"الزكاة', '"على', "السكان"]) == ["تفرض", '"الزكاة"', "على", "السكان"]
    assert attach_quotes(["على", 'قال"', "الزكاة"]) == ["على", 'قال"', "الزكاة"]  # an odd count: left alone


def test_bracket_pair_wrapping_a_token_the_wrong_way_is_turned_round():
    """`)JNIM(` can only be (JNIM) inverted, whatever the document's bracket orientation."""
    assert fix_inverted_pairs([")JNIM(", "»فاغنر«،", "(AES)", ")"]) == ["(JNIM)", "«فاغنر»،", "(AES)", ")"]


def test_leading_item_number_gets_its_closing_bracket_back():
    """`1 (الوضع` is the item `1) الوضع` whose bracket stayed on the Arabic run; `%40` is 40%."""
    assert fix_item_number(["1", "(الوضع", "الإنساني"]) == ["1)", "الوضع", "الإنساني"]
    assert fix_item_number(["2", "(JNIM)", "عادة"]) == ["2", "(JNIM)", "عادة"]  # a real bracket pair
    assert fix_item_number(["أقل", "من", "%40"]) == ["أقل", "من", "40%"]


def test_layout_score_prefers_quotes_that_open_and_close_in_turn():
    """Of two readings of a line, the one whose straight quotes cling as a pair scores higher."""
    from sahel_analysis.extraction_profiles import _layout_score

    assert _layout_score('كما تفرض "الزكاة" على السكان') > _layout_score('كما تفرض الزكاة" "على السكان')


def test_punctuation_inside_a_word_or_after_a_shadda_is_a_lost_glyph():
    """In a text that shows unmapped glyphs, `]` inside a word or `:` between a shadda and a space is one."""
    raw = "ةحَّل(cid:4)سملا »ر]َّكبملا راذنإلا« تعسَّ: وو"
    assert mark_lost_glyphs(raw) == "ةحَّل\x00سملا »ر\x00َّكبملا راذنإلا« تعسَّ\x00 وو"
    assert mark_lost_glyphs("قال: [النص] (JNIM)") == "قال: [النص] (JNIM)"  # no lost glyph elsewhere


# Chromium through pdfplumber (`extracted/chromium/pdfplumber/04_burkina_faso.txt`, line 1).
PLUMBER_04_LINE_1 = (
    "\ufee6\ufee3 \u0627 \u064b \u0631\ufeae\x00 \ufec0\ufe97 "
    "\ufede\ufea3\ufe8e\ufeb4\ufedf\u0627 \u0644\u0648\u062f "
    "\ufeae\ufe9c\ufedb\u0623 \ufee6\ufee3 \u0645\ufeee\ufef4\ufedf\u0627 "
    "\ufeee\ufeb3\ufe8e\ufed3 \ufe8e\ufee8\ufef4\ufedb\u0631\ufeee\ufe91 \ufeaa\x00 "
    "\ufecc\ufe97\u064f"
)


def test_marks_sorted_by_position_precede_their_letter_and_are_put_back():
    # pdfplumber sorts a line's characters by left edge; a zero-width mark drawn inside its
    # letter comes after it in visual order, so before it once the line is read right to left.
    assert _word_initial_marks(["\u064f\u062a\u0639", "\x00\u062f", "\u0628\u0648\u0631"], _lexicon()) == 1.0
    out = repair_any(PLUMBER_04_LINE_1)
    assert out.startswith("\u062a\u064f\u0639\u062f \u0628\u0648\u0631\u0643\u064a\u0646\u0627")
    assert "\u062a\u0636\u0631\u0631\u0627\u064b \u0645\u0646" in out  # تضرراً من (the shadda glyph is lost)


def test_word_initial_mark_evidence_ignores_a_word_cut_before_its_mark():
    assert (
        _word_initial_marks(["\u0627\u0644\u0645\u0633\u0644", "\u064e\u0651\u062d\u0629"], _lexicon()) == 0.0
    )


def test_fathatan_on_a_line_of_its_own_goes_on_the_bare_final_alef_below():
    lines = [
        "\u064b",
        "\u0646\u0632\u0648\u062d \u0623\u0643\u062b\u0631 \u0645\u0646 2.1 \u0645\u0644\u064a\u0648\u0646 "
        "\u0634\u062e\u0635 \u062f\u0627\u062e\u0644\u064a\u0627 \u0628\u062d\u0644\u0648\u0644 \u0639\u0627\u0645",
    ]
    assert place_floating_tanwin(lines) == [
        lines[1].replace("\u062f\u0627\u062e\u0644\u064a\u0627", "\u062f\u0627\u062e\u0644\u064a\u0627\u064b")
    ]


def test_floating_fathatan_skips_pronoun_suffixes_and_particles():
    # قوامها, لكنها end in a pronoun's alef, never in fathatan: only نقصا is left.
    below = "\u0642\u0648\u0627\u0645\u0647\u0627 \u0646\u062d\u0648 \u0644\u0643\u0646\u0647\u0627 \u0639\u0627\u0646\u062a \u0646\u0642\u0635\u0627"
    assert place_floating_tanwin(["\u064b", below]) == [below + "\u064b"]


def test_floating_fathatan_is_left_alone_when_the_count_does_not_match():
    below = "\u0643\u0645\u0627 \u0623\u0646 \u0627\u0644\u0648\u0636\u0639 \u0644\u0645 \u064a\u062a\u063a\u064a\u0631"  # كما أن الوضع لم يتغير
    assert place_floating_tanwin(["\u064b", below]) == ["\u064b", below]
    two = "\u062c\u0646\u0648\u0628\u0627 \u0646\u062d\u0648 \u0645\u0635\u062f\u0631\u0627"  # two candidates, one mark
    assert place_floating_tanwin(["\u064b", two]) == ["\u064b", two]


def test_lone_straight_quotes_cling_by_their_turn_across_lines():
    lines = [
        '\u0639\u0644\u0649 " \u0645\u062a\u0637\u0648\u0639\u064a',
        '\u0627\u0644\u0648\u0637\u0646 " (VDP)\u060c',
    ]
    assert attach_lone_quotes(lines) == [
        '\u0639\u0644\u0649 "\u0645\u062a\u0637\u0648\u0639\u064a',
        '\u0627\u0644\u0648\u0637\u0646" (VDP)\u060c',
    ]
    # a line of nothing but quotes is counted, not changed
    assert attach_lone_quotes(['" "', '\u0641\u064a " \u0627\u0644\u062d\u0645\u0627\u064a\u0629"']) == [
        '" "',
        '\u0641\u064a "\u0627\u0644\u062d\u0645\u0627\u064a\u0629"',
    ]
