"""Tests for sahel_analysis.extract.enumerations: the detector on snippets, and the extractor on the corpus."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sahel_analysis.corpus.repaired import repaired_corpus
from sahel_analysis.extract import enumerations


@pytest.fixture(scope="module")
def rcorpus(root):
    return repaired_corpus(root)


@pytest.fixture(scope="module")
def docs(rcorpus):
    return {rd.id: rd for rd in rcorpus}


@pytest.fixture(scope="module")
def found(rcorpus):
    return enumerations.extract_all_lists(rcorpus)


# --------------------------------------------------------------------------- the detector on snippets

SIX = (
    "يتكون البرنامج من ستة مفاهيم إستراتيجية هي: إنشاء مؤسسات قوية ذات ثقة. استعادة الأمن في جميع أنحاء "
    "البلاد. تنفيذ سياسة المصالحة الوطنية. إعادة بناء نظام المدارس في مالي. تشكيل اقتصاد أقوى. تطبيق سياسة "
    "فعالة للتنمية الاجتماعية. لمواجهة الراديكالية تأسست وزارة الشؤون الدينية."
)
DETECTOR_CASES = [
    # (snippet, announced, found, status, first item, last item)
    (SIX, 6, 6, "matches", "إنشاء مؤسسات قوية ذات ثقة", "تطبيق سياسة فعالة للتنمية الاجتماعية"),
    (
        SIX.replace("ستة مفاهيم", "خمسة مفاهيم"),
        5,
        6,
        "mismatch",
        "إنشاء مؤسسات قوية ذات ثقة",
        "تطبيق سياسة فعالة للتنمية الاجتماعية",
    ),
    (
        "يجب أن تفي بالشروط الثلاثة التالية: يجب تنفيذ الاتفاق بشكل سريع. وهذا من شأنه أن يكون جبهة وطنية. "
        "يجب أن تتسم الإستراتيجية بالمرونة. يجب أن يتوصل جميع أصحاب المصالح إلى سبل التعاون.",
        3,
        3,
        "matches",
        "يجب تنفيذ الاتفاق بشكل سريع. وهذا من شأنه أن يكون جبهة وطنية",
        "يجب أن يتوصل جميع أصحاب المصالح إلى سبل التعاون",
    ),
    (
        "يجب أن تفي بالشروط الأربعة التالية: يجب تنفيذ الاتفاق. يجب تحديث الإستراتيجية. يجب تعزيز التعاون.",
        4,
        3,
        "mismatch",
        "يجب تنفيذ الاتفاق",
        "يجب تعزيز التعاون",
    ),
    (
        "وضعت الحكومة ثلاثة شروط هي: أولاً وقف إطلاق النار، ثانياً تسليم السلاح، ثالثاً الإفراج عن الرهائن.",
        3,
        3,
        "matches",
        "أولاً وقف إطلاق النار",
        "ثالثاً الإفراج عن الرهائن",
    ),
    (
        "والجماعات الإرهابية الثلاثة الكبرى في مالي هي القاعدة في بلاد المغرب الإسلامي (AQIM) وحركة التوحيد "
        "والجهاد في غرب أفريقيا (MUJAO) وتنظيم المرابطين الذي أنشأه مختار بالمختار.",
        3,
        3,
        "matches",
        "القاعدة في بلاد المغرب الإسلامي (AQIM)",
        "وتنظيم المرابطين الذي أنشأه مختار بالمختار",
    ),
    (
        "والجماعات الإرهابية الأربعة الكبرى هي القاعدة (AQIM) وحركة التوحيد والجهاد (MUJAO) وتنظيم المرابطين.",
        4,
        3,
        "mismatch",
        "القاعدة (AQIM)",
        "وتنظيم المرابطين",
    ),
    (
        "أنشأ إياد أغ غالي خليتين تابعتين هما: كتيبة أنصار الدين ماكينا وكتيبة خالد بن الوليد. ثم غادر.",
        2,
        2,
        "matches",
        "كتيبة أنصار الدين ماكينا",
        "وكتيبة خالد بن الوليد",
    ),
    (
        "يهدف البرنامج إلى علاج الأسباب الجذرية، بما في ذلك انعدام الأمان في الشمال، وتفكك المؤسسات العامة، "
        "والفساد المستشري.",
        None,
        3,
        "not announced",
        "انعدام الأمان في الشمال",
        "والفساد المستشري",
    ),
    (
        "مجموعة الساحل جي5، وهي منظمة تتكون من بوركينا فاسو وتشاد ومالي وموريتانيا والنيجر.",
        None,
        5,
        "not announced",
        "بوركينا فاسو",
        "والنيجر",
    ),
    (
        "أما التحدي الأمني الأكبر فهو تحقيق السلام. وهذا أمر ملح. أما ثاني أهم تحدي فهو الإرهاب. لكي نفهم ذلك ننظر.",
        None,
        2,
        "not announced",
        "أما التحدي الأمني الأكبر فهو تحقيق السلام. وهذا أمر ملح",
        "أما ثاني أهم تحدي فهو الإرهاب",
    ),
]


@pytest.mark.parametrize(("text", "announced", "n", "status", "first", "last"), DETECTOR_CASES)
def test_detector_finds_the_items_and_checks_the_announced_count(text, announced, n, status, first, last):
    """The first list in the snippet has the expected items, and its count check says whether they match."""
    enum = enumerations.detect_enumerations(text, "t")[0]
    assert enum.count_check.announced == announced
    assert len(enum) == n == enum.count_check.found
    assert enum.count_check.status == status
    assert (enum.items[0].text, enum.items[-1].text) == (first, last)
    assert bool(enum.warnings) == (status == "mismatch")


NOT_A_LIST = [
    "قال الرئيس المالي السابق: إن حكومته مستعدة للحوار مع قادة التنظيمات.",
    "على سبيل المثال: يسمح التفاوض بتمكين العناصر المعتدلة، ثم استهداف الأجنحة المتشددة.",
    "إستراتيجية وقائية مدتها خمس سنوات تعرف باسم برنامج الإجراءات الحكومية.",
    "في فاكولا وميسني، وهما قريتان بمنطقة سيكاسو.",
    "من المهم أولا التعرف على طبيعة الإرهاب وأبعاده.",
]


@pytest.mark.parametrize("text", NOT_A_LIST)
def test_colons_counts_and_ordinals_alone_open_no_list(text):
    """A colon before a quotation, a number of years, «وهما» without a count, a lone «أولا»: no list."""
    assert enumerations.detect_enumerations(text) == ()


def test_a_nested_list_ends_its_parent_item():
    """«… ولواءات تحقيق خاصة مؤلفة من أفراد درك وضباط شرطة»: three parts, the last holding a list of two."""
    text = "ويتكون من مدعٍ خاص ومجلس تحقيق خاص ولواءات تحقيق خاصة مؤلفة من أفراد درك وضباط شرطة."
    outer, inner = enumerations.detect_enumerations(text)
    assert [i.text for i in outer.items] == [
        "مدعٍ خاص",
        "ومجلس تحقيق خاص",
        "ولواءات تحقيق خاصة مؤلفة من أفراد درك وضباط شرطة",
    ]
    assert [i.text for i in inner.items] == ["أفراد درك", "وضباط شرطة"]


ITEM_POOL = [
    "إنشاء مؤسسات قوية ذات ثقة",
    "استعادة الأمن في جميع أنحاء البلاد",
    "تنفيذ سياسة المصالحة الوطنية",
    "إعادة بناء نظام المدارس",
    "تشكيل اقتصاد أقوى",
    "تطبيق سياسة فعالة للتنمية الاجتماعية",
    "تدريب الأئمة على الخطاب المعتدل",
    "تعزيز التعاون الإقليمي",
]
WORDS = {2: "اثنين", 3: "ثلاثة", 4: "أربعة", 5: "خمسة", 6: "ستة", 7: "سبعة", 8: "ثمانية"}


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(ITEM_POOL), min_size=2, max_size=8, unique=True), st.integers(2, 8))
def test_an_announced_sentence_list_is_counted_against_its_announcement(items, announced):
    """However many items follow «… من N مفاهيم هي:», all are found, offsets round-trip, and the check compares N."""
    text = (
        f"يتكون البرنامج من {WORDS[announced]} مفاهيم هي: "
        + " ".join(f"{i}." for i in items)
        + " لمواجهة التطرف تأسست وزارة."
    )
    enum = enumerations.detect_enumerations(text, "h")[0]
    assert [i.text for i in enum.items] == items
    assert all(text[i.start : i.end] == i.text for i in enum.items)
    assert enum.count_check.ok == (announced == len(items))


# --------------------------------------------------------------------------- text that announces no items


ENDS_WITHOUT_ITEMS = [
    "الشروط الثلاثة هي",  # a count and «هي» end the text: the items never come
    "وأعلنت الحكومة أن الشروط الثلاثة هي؟",
    "الشروط الثلاثة التالية: .",  # only punctuation after the colon
    "وتتكون من",  # a cue phrase with nothing after it
    "هي",
    "الثلاثة:",
]


@pytest.mark.parametrize("text", ENDS_WITHOUT_ITEMS)
def test_an_announcement_without_items_is_no_list(text):
    """A count or cue at the very end of a sentence or block announces nothing: no list, no crash (issue 19)."""
    assert enumerations.detect_enumerations(text) == ()


def test_an_announcement_at_the_end_of_one_block_leaves_the_next_block_intact():
    """A dangling «… الثلاثة هي» ends one paragraph; the list in the next is still found."""
    first = "الشروط الثلاثة هي"
    second = " والجماعات الثلاثة هي القاعدة (AQIM) وحركة التوحيد (MUJAO) وتنظيم المرابطين."
    text = first + second
    [enum] = enumerations.detect_enumerations(text, "n", [(0, len(first)), (len(first), len(text))])
    assert [i.text for i in enum.items] == ["القاعدة (AQIM)", "وحركة التوحيد (MUJAO)", "وتنظيم المرابطين"]


# Letters, punctuation and the words that announce lists, in any order, the cues as likely as a
# letter: text that ends a list cue anywhere (at a block's end, before a full stop, before nothing).
LETTERS = st.sampled_from("ابتثجحخدذرزسشصضطظعغفقكلمنهويةىأإآءؤئ")
MARKS = st.sampled_from(
    [" ", " ", " ", ".", "،", "؛", ":", "؟", "!", "\n", "«", "»", "(", ")", "1", "\N{BULLET}"]
)
CUES = st.sampled_from(
    [" هي ", " الثلاثة ", " ستة ", " هما ", " أولاً ", " ثانياً ", " بما في ذلك ", " تتكون من ", " التالية: "]
)
ARABICISH = st.lists(st.one_of(LETTERS, MARKS, CUES), max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(ARABICISH, st.data())
def test_the_detector_never_raises_on_arabic_text(text, data):
    """Whatever the text and however it is cut into blocks, detection returns lists whose items round-trip."""
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=4)))
    bounds = [0, *cuts, len(text)]
    blocks = list(itertools.pairwise(bounds))
    for enum in enumerations.detect_enumerations(text, "h", blocks):
        assert enum.items and all(i.text and text[i.start : i.end] == i.text for i in enum.items)


# --------------------------------------------------------------------------- the extractor on the corpus


def test_extracted_items_round_trip_and_are_numbered_from_one(found, docs):
    """Every extracted item is its document's text[start:end], and each list is numbered 1..n."""
    assert found
    for enum in found:
        text = docs[enum.doc_id].text
        assert [i.item_no for i in enum.items] == list(range(1, len(enum) + 1))
        assert all(text[i.start : i.end] == i.text and i.list_id == enum.list_id for i in enum.items)
        assert text[enum.intro_start : enum.intro_end] == enum.intro


def test_every_count_the_corpus_announces_is_found(found):
    """Where the texts announce a count in words (ستة، الثلاثة، هما), the extractor finds that many items."""
    announced = [e for e in found if e.count_check.announced is not None]
    assert {(e.doc_id, e.count_check.announced) for e in announced} >= {("002", 6), ("002", 3), ("002", 2)}
    assert all(e.count_check.ok for e in announced), [str(e.count_check) for e in announced]


def test_the_structural_lists_of_document_000_are_found(found):
    """Document 000 has four numbered sections, six lettered challenges (أ to ح) and two lists of five bullets."""
    kinds = [
        (e.kind, len(e))
        for e in found
        if e.doc_id == "000" and e.kind in ("sections", "lettered", "bulleted")
    ]
    assert kinds == [("sections", 4), ("bulleted", 5), ("lettered", 6), ("bulleted", 5)]
