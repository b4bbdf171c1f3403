"""Tests for sahel_analysis.analysis.lists: the enumeration detector, the coded lists and the synthesis."""

from __future__ import annotations

import re
from importlib.resources import files

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sahel_analysis.analysis import lists
from sahel_analysis.corpus.repaired import repaired_corpus
from sahel_analysis.export import DATASETS


@pytest.fixture(scope="module")
def rcorpus(root):
    return repaired_corpus(root)


@pytest.fixture(scope="module")
def docs(rcorpus):
    return {rd.id: rd for rd in rcorpus}


@pytest.fixture(scope="module")
def coded(rcorpus):
    return lists.coded_lists(rcorpus)


@pytest.fixture(scope="module")
def found(rcorpus):
    return lists.extract_all_lists(rcorpus)


# --------------------------------------------------------------------------- vocabulary

COUNT_CASES = [
    ("ستة", 6),
    ("الثلاثة", 3),
    ("ثلاث", 3),
    ("خمسة", 5),
    ("أربعة", 4),
    ("وخمسة", 5),
    ("بالثلاثة", 3),
    ("«ستة»", 6),
    ("لست", None),
    ("مفاهيم", None),
    ("2013", None),
]


@pytest.mark.parametrize(("word", "value"), COUNT_CASES)
def test_count_words_are_read_with_their_article_and_conjunction(word, value):
    """Count words announce their number, with or without ال / و; other words announce nothing."""
    assert lists.count_value(word) == value


ORDINAL_CASES = [
    ("أولاً", 1),
    ("ثانياً", 2),
    ("وثالثا", 3),
    ("ثاني", 2),
    ("الأول", 1),
    ("ثم", None),
    ("أولئك", None),
]


@pytest.mark.parametrize(("word", "value"), ORDINAL_CASES)
def test_ordinal_cues_give_the_rank_of_their_item(word, value):
    """Ordinal cues (أولاً، ثانياً / الأول / ثاني) give the item's rank."""
    assert lists.ordinal_value(word) == value


PROCLITIC_CASES = [
    ("وتشاد", "و", True),
    ("ومالي", "و", True),
    ("والنيجر", "و", True),
    ("ولواءات", "و", True),
    ("وزارة", "و", False),
    ("وحدات", "و", False),
    ("وسط", "و", False),
    ("لمواجهة", "ل", True),
]


@pytest.mark.parametrize(("word", "letters", "expected"), PROCLITIC_CASES)
def test_a_conjunction_is_told_from_a_root_letter(word, letters, expected):
    """«وتشاد» is و + تشاد, but «وزارة» and «وحدات» begin with a root wāw."""
    assert lists.has_proclitic(word, letters) is expected


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
    enum = lists.detect_enumerations(text, "t")[0]
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
    assert lists.detect_enumerations(text) == ()


def test_a_nested_list_ends_its_parent_item():
    """«… ولواءات تحقيق خاصة مؤلفة من أفراد درك وضباط شرطة»: three parts, the last holding a list of two."""
    text = "ويتكون من مدعٍ خاص ومجلس تحقيق خاص ولواءات تحقيق خاصة مؤلفة من أفراد درك وضباط شرطة."
    outer, inner = lists.detect_enumerations(text)
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
    enum = lists.detect_enumerations(text, "h")[0]
    assert [i.text for i in enum.items] == items
    assert all(text[i.start : i.end] == i.text for i in enum.items)
    assert enum.count_check.ok == (announced == len(items))


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


# --------------------------------------------------------------------------- the coded lists


def test_every_coded_item_and_title_is_verbatim(coded, docs):
    """Every coded item is a verbatim substring of its document's repaired text, at the offsets given."""
    for cl in coded:
        text = docs[cl.doc_id].text
        assert cl.title_ar in text, cl.list_id
        for item in cl.items:
            assert text[item.start : item.end] == item.text, (cl.list_id, item.item_no)


def test_coded_lists_are_numbered_one_to_n():
    """Each coded list's items are numbered 1..n without gaps, in the data file itself."""
    for entry in lists.read_coded_lists():
        assert [i["item_no"] for i in entry["items"]] == list(range(1, len(entry["items"]) + 1)), entry[
            "list_id"
        ]


def test_coded_lists_have_unique_ids_and_known_documents(docs):
    """List ids are unique and start with their document's id."""
    ids = [e["list_id"] for e in lists.read_coded_lists()]
    assert len(ids) == len(set(ids))
    for entry in lists.read_coded_lists():
        assert entry["doc_id"] in docs and entry["list_id"].startswith(entry["doc_id"] + "_")


def test_categories_and_roles_come_from_the_vocabulary(coded):
    """Every item's category is a CONTRACT category, every list's role one of lists.ROLES."""
    for cl in coded:
        assert cl.role in lists.ROLES, cl.list_id
        for item in cl.items:
            assert item.category in lists.CATEGORIES, (cl.list_id, item.item_no)
    assert set(lists.category_labels()) == set(lists.CATEGORIES)


def test_actor_ids_follow_the_convention_and_the_gazetteer(coded):
    """Actor ids are lowercase snake_case and, once the gazetteer exists, defined in it."""
    used = {a for cl in coded for i in cl.items for a in i.actor_ids}
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", a) for a in used)
    gazetteer = files("sahel_analysis").joinpath("data/actors.yaml")
    if not gazetteer.is_file():
        pytest.skip("no actor gazetteer yet")
    known = {a["id"] for a in yaml.safe_load(gazetteer.read_text(encoding="utf-8"))["actors"]}
    assert used <= known, sorted(used - known)


def test_coded_lists_agree_with_the_extractor(coded, found):
    """Where the extractor finds a list, the coded list has as many items, in the same order."""
    matched = 0
    for cl in coded:
        enum = lists.matching_enumeration(cl, found)
        if enum is None:
            continue
        matched += 1
        assert len(cl) == len(enum), (cl.list_id, enum.list_id)
        for c, e in zip(cl.items, enum.items, strict=True):
            assert c.start < e.end and e.start < c.end, (cl.list_id, c.item_no)
    assert matched >= 15


def test_every_extracted_list_is_coded(coded, found):
    """Nothing the extractor finds is left uncoded."""
    matched = {e.list_id for cl in coded if (e := lists.matching_enumeration(cl, found))}
    assert [e.list_id for e in found if e.list_id not in matched] == []


REQUIRED_LISTS = [
    ("000_policy_options", 3),
    ("000_arguments_against", 5),
    ("000_arguments_for", 8),
    ("000_problems_of_negotiation", 4),
    ("000_group_goals", 5),
    ("000_challenges", 6),
    ("000_conditions", 5),
    ("000_recommendation", 3),
    ("002_root_causes", 5),
    ("002_government_programme", 6),
    ("002_religious_measures", 5),
    ("002_policing_measures", 5),
    ("002_regional_initiatives", 5),
    ("002_judicial_pole", 3),
    ("002_conditions", 3),
]


@pytest.mark.parametrize(("list_id", "n"), REQUIRED_LISTS)
def test_the_arguments_of_both_documents_are_coded(coded, list_id, n):
    """The lists the analysis rests on are coded, with the number of items the texts give."""
    assert len({cl.list_id: cl for cl in coded}[list_id]) == n


def test_list_item_rows_have_the_contract_columns(rcorpus):
    """list_items.csv rows carry the CONTRACT columns, one per coded item."""
    [dataset] = [d for d in DATASETS if d.name == "list_items"]
    rows = dataset.rows(rcorpus)
    assert rows and all({f.name for f in dataset.fields} <= set(r) for r in rows)
    assert len(rows) == sum(len(e["items"]) for e in lists.read_coded_lists())


# --------------------------------------------------------------------------- synthesis and figures


def test_synthesis_findings_quote_the_texts_where_they_say(rcorpus, docs):
    """Each finding's quote is verbatim in its document, in the paragraph the finding names."""
    findings = lists.synthesis_findings(rcorpus)
    assert len(findings) >= 8
    for f in findings:
        rd = docs[f.doc_id]
        at = rd.text.index(f.quote_ar)
        assert rd.paragraph_index(at) == f.paragraph
        assert rd.sentences()[f.sentence].start <= at < rd.sentences()[f.sentence].end
    texts = lists.synthesis_findings(rcorpus, as_text=True)
    assert all(isinstance(t, str) and t for t in texts) and len(texts) == len(findings)


def test_negotiation_is_counted_in_both_documents(docs):
    """Document 000 speaks of negotiation throughout; document 002 never does."""
    assert lists.count_negotiation_words(docs["000"].text) > 50
    assert lists.count_negotiation_words(docs["002"].text) == 0


def test_figures_draw_with_arabic_labels(rcorpus):
    """Each declared figure is a Figure whose labels carry Arabic."""
    from matplotlib.figure import Figure

    from sahel_analysis.figures.lists import FIGURES
    from sahel_analysis.figures.render import house_style

    for make in FIGURES.values():
        with house_style():
            fig = make(rcorpus)
        assert isinstance(fig, Figure)
        labels = " ".join(t.get_text() for t in fig.axes[0].get_yticklabels())
        assert re.search("[\u0600-\u06ff]", labels)
