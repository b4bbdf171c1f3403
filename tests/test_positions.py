"""Tests for the coded events and stances (coding.events, coding.stances) and their analysis (analysis.positions, analysis.periods): they agree with the texts and with the date extractor."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

import pytest
from conftest import seed_corpus
from matplotlib.figure import Figure

from sahel_analysis.analysis import periods as R
from sahel_analysis.analysis import positions as P
from sahel_analysis.analysis.findings import Finding, check_evidence
from sahel_analysis.coding import events as E
from sahel_analysis.coding import stances as S
from sahel_analysis.errors import SahelError
from sahel_analysis.export import DATASETS, to_csv
from sahel_analysis.extract.dates import PRECISIONS, extract_dates, iso_interval, iso_precision
from sahel_analysis.figures.positions import FIGURES, plot_timeline, timeline_end
from sahel_analysis.figures.render import house_style
from sahel_analysis.text.sentences import split_sentences

ID_RE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")


@pytest.fixture(scope="module")
def corpus(root):
    return seed_corpus(root)


@pytest.fixture(scope="module")
def reference(root):
    """The verified line-by-line reading of seed 000, lines joined as the repair joins them."""
    lines = (root / "tests/data/seed000_reference.tsv").read_text(encoding="utf-8").splitlines()
    return " ".join(line.split("\t", 1)[1].strip() for line in lines if "\t" in line)


def test_every_coded_quote_is_verbatim_in_its_repaired_text(corpus):
    """No event, stance or aim is lost: each quote is a substring of the repaired text of its document."""
    assert S.unlocated_items(corpus) == []


def test_seed_000_quotes_are_also_in_the_verified_reading(reference):
    """Quotes from seed 000 come from lines that read correctly, so they survive improvements to the repair."""
    items = [*E.coded_events(), *S.coded_positions(), *S.coded_aims()]
    missing = [i["id"] for i in items if i["doc_id"] == "000" and i["quote_ar"] not in reference]
    assert missing == []


def test_located_records_point_at_their_quotes(corpus):
    """Each record's offsets give back its quote, and its paragraph is the one holding the quote."""
    docs = {rd.id: rd for rd in corpus}
    for rec in [*E.events(corpus), *S.positions(corpus), *S.aims(corpus)]:
        rd = docs[rec.doc_id]
        assert rd.text[rec.start : rec.end] == rec.quote_ar
        assert rec.paragraph == rd.paragraph_index(rec.start)


def test_ids_are_unique_and_name_their_document():
    """Item ids never repeat, and e000-/p002- prefixes match the doc_id."""
    items = [*E.coded_events(), *S.coded_positions(), *S.coded_aims()]
    ids = [i["id"] for i in items]
    assert len(ids) == len(set(ids))
    for i in items:
        assert re.fullmatch(r"[epa]\d{3}-\d{2}", i["id"]) and i["id"][1:4] == i["doc_id"]


def test_stances_and_precisions_come_from_the_vocabularies():
    """Stances are supports/opposes/conditional/ambivalent; precisions day/month/year/period."""
    assert {p["stance"] for p in S.coded_positions()} <= set(S.STANCES)
    assert {e["precision"] for e in E.coded_events()} <= set(PRECISIONS)
    assert {e["event_type"] for e in E.coded_events()} <= set(E.event_types())


@pytest.mark.parametrize("item", E.coded_events(), ids=lambda e: e["id"])
def test_event_dates_are_iso_and_consistent_with_their_precision(item):
    """A point event has date_end == date_start at its precision; a period's end does not precede its start."""
    assert E.validate_iso(str(item["date_start"]), str(item["date_end"]), item["precision"]) == []


@pytest.mark.parametrize(
    "item", [p for p in S.coded_positions() if p.get("date_start")], ids=lambda p: p["id"]
)
def test_position_dates_are_iso(item):
    """A stance's date, when the text gives one, is ISO 8601 at some precision."""
    assert (
        E.validate_iso(
            str(item["date_start"]), str(item["date_start"]), iso_precision(str(item["date_start"]))
        )
        == []
    )


def test_every_event_date_is_found_by_the_extractor_or_explained(corpus):
    """The data and the date extractor agree: the event's date is found around its quote, or a note says why not."""
    rows = P.date_agreement(corpus)
    assert len(rows) == len(E.coded_events())
    unexplained = [r["event_id"] for r in rows if not r["agrees"] and not r["date_note"]]
    assert unexplained == []


def test_dated_stances_agree_with_the_extractor_or_are_explained(corpus):
    """A stance with a date either has that date found near its quote or carries a coding note."""
    docs = {rd.id: rd for rd in corpus}
    for p in S.positions(corpus):
        if not p.date_start:
            continue
        found = P.dates_near(docs[p.doc_id], p.start, p.end)
        assert any(p.date_start in (m.date_start, m.date_end) for m in found) or p.coding_note, p.id


def test_actor_ids_follow_the_convention_and_have_labels_and_lanes():
    """Ids are lowercase snake_case; stance holders have bilingual labels; event actors sit in a lane."""
    labels = S.actor_labels()
    groups = {g["id"] for g in S.actor_groups()}
    for p in S.coded_positions():
        assert ID_RE.fullmatch(p["actor_id"]) and ID_RE.fullmatch(p["target"])
        assert p["actor_id"] in labels
    for actor, label in labels.items():
        assert ID_RE.fullmatch(actor) and label["group"] in groups and label["name_ar"] and label["name_en"]
    for e in E.coded_events():
        assert all(ID_RE.fullmatch(a) for a in e["actor_ids"])
        assert E.lane_of(e["actor_ids"][0]) != "other", e["id"]


def test_conditional_stances_state_their_conditions():
    """A stance coded conditional says what the condition is."""
    for p in S.coded_positions():
        if p["stance"] == "conditional":
            assert p["conditions"], p["id"]


@pytest.mark.parametrize("name", ["events", "positions"])
def test_builders_give_the_contract_columns(corpus, name):
    """event_rows and position_rows fill every required column, with |-separated actor ids."""
    dataset = next(d for d in DATASETS if d.name == name)
    rows = dataset.rows(corpus)
    assert rows
    required = [f.name for f in dataset.fields]
    for row in rows:
        assert set(required) <= set(row)
        assert all(row[c] not in (None, "") for c in required if c not in ("date_start", "date_end"))
    if name == "events":
        assert any("|" in r["actor_ids"] for r in rows)
        assert all(all(ID_RE.fullmatch(a) for a in r["actor_ids"].split("|")) for r in rows)
    assert to_csv(dataset, rows).splitlines()[0].split(",")[: len(required)] == required


def test_the_damiba_coup_keeps_the_texts_date_and_carries_a_note(corpus):
    """The text says December 2021; the data keep it and say, in a note, that it was January 2022."""
    coup = next(e for e in E.events(corpus) if e.id == "e000-11")
    assert (coup.event_type, coup.date_start) == ("coup", "2021-12")
    assert "January 2022" in coup.analyst_note


def test_periods_run_between_the_turning_points(corpus):
    """Coups and changes of government cut the timeline into periods, plus an undated one."""
    labels = [p[0] for p in R.periods(E.events(corpus))]
    assert labels == ["before 2020-08", "2020-08 to 2021-05", "2021-05 to 2021-12", "from 2021-12", "undated"]


@pytest.mark.parametrize(
    ("turning_point", "side", "actor"),
    [
        ("Mali coup (2020-08)", "before", "ibrahim_boubacar_keita"),
        ("Mali coup (2020-08)", "after", "mali_transitional_authorities"),
        ("Mali coup (2020-08)", "after", "moctar_ouane"),
        ("Choguel Maïga appointed PM (2021-05)", "after", "choguel_maiga"),
        ("Burkina coup (Damiba) (2021-12)", "after", "burkina_faso_military_authorities"),
    ],
)
def test_stance_shifts_place_each_government_stance_around_its_coup(corpus, turning_point, side, actor):
    """The before/after table puts each dated government stance on the right side of its country's coup."""
    shifts = R.stance_shifts(S.positions(corpus), E.events(corpus))
    rows = shifts[(shifts["turning_point"] == turning_point) & (shifts["actor_id"] == actor)]
    assert list(rows["side"]) == [side]


def test_the_separatist_peace_process_stays_out_of_the_coup_comparison(corpus):
    """Doc 002's stances on the former separatists are not compared with stances on the jihadist groups."""
    shifts = R.stance_shifts(S.positions(corpus), E.events(corpus))
    assert not set(shifts["doc_id"]) - {"000"}


def test_stance_matrix_has_one_row_per_actor_and_only_known_stances(corpus):
    """Each actor is one row (a second one for the separatist peace process); cells hold known stances."""
    pos = S.positions(corpus)
    matrix = R.stance_matrix(pos, E.events(corpus))
    assert sorted(matrix.index) == sorted({R.matrix_row(p) for p in pos})
    assert matrix.loc["mali_government:peace_process", "group"] == "peace_process"
    for column in matrix.columns.drop("group"):
        for cell in matrix[column]:
            assert set(cell) <= set(S.STANCES)
    assert matrix.loc["isgs", "undated"] == ("opposes",)


@dataclass(frozen=True)
class _Doc:
    """A stand-in for a repaired document: one paragraph, sentences split as the corpus splits them."""

    id: str
    text: str

    def sentences(self):
        return split_sentences(self.text, [(0, len(self.text))])

    def paragraph_index(self, offset):
        return 0


def test_uncoded_dated_sentences_lists_dates_no_event_covers():
    """A dated sentence with no coded quote is listed for review; text without dates gives nothing."""
    text = "في عام 1999م وقع حدث لم يرمز. لا تاريخ هنا."
    listed = P.uncoded_dated_sentences([_Doc("999", text)])
    assert [(s.text, [m.surface for m in s.dates]) for s in listed] == [
        ("في عام 1999م وقع حدث لم يرمز.", ["عام 1999م"])
    ]


def test_uncoded_dated_sentences_in_the_corpus_really_hold_uncoded_dates(corpus):
    """Every listed sentence holds a date and overlaps no coded quote."""
    evts = E.events(corpus)
    for s in P.uncoded_dated_sentences(corpus):
        assert s.dates and extract_dates(s.text)
        assert not any(e.doc_id == s.doc_id and e.start < s.end and e.end > s.start for e in evts)


def test_findings_are_coding_records_whose_quotes_sit_at_their_offsets(corpus):
    """Each finding is a Finding from the coding layer, its quote the text at its offsets, its subject a coded item."""
    docs = {rd.id: rd.text for rd in corpus}
    found = P.findings(corpus)
    assert len(found) >= 8
    assert all(isinstance(f, Finding) and f.source_layer == "coding" and f.statement_en for f in found)
    assert check_evidence(found, docs) == []
    coded = {i["id"] for i in (*E.coded_events(), *S.coded_positions())}
    assert {f.subject for f in found} <= coded


def test_the_findings_table_glosses_each_quote(corpus):
    """The notebook's table: one row per finding, each quote with its English gloss and the item quoted."""
    found = P.findings(corpus)
    table = P.findings_table(found)
    assert list(table.columns) == ["finding", "quote_ar", "quote_gloss_en", "doc_id", "paragraph", "item"]
    assert len(table) == len(found) and table["quote_gloss_en"].all()


def test_the_timeline_ends_at_the_half_year_after_the_newest_document(corpus):
    """The end is computed, not fixed: the newest full ISO document date, else the latest event, rounded up."""
    evts = E.events(corpus)
    dated = [
        date.fromisoformat(rd.doc.date) for rd in corpus if re.fullmatch(r"\d{4}-\d{2}-\d{2}", rd.doc.date)
    ]
    newest = max(dated) if dated else max(iso_interval(e.date_start, e.date_end or None)[1] for e in evts)
    end = timeline_end(corpus, evts)
    assert end > newest and (end - newest).days <= 184 and end.day == 1 and end.month in (1, 7)


def test_aims_belong_to_armed_groups():
    """The aims are attributed to armed groups, each with its kind."""
    groups = {a: v["group"] for a, v in S.actor_labels().items()}
    for a in S.coded_aims():
        assert groups.get(a["actor_id"]) == "armed_groups", a["id"]
        assert a["kind"] in ("goal", "condition", "strategy", "general")


@pytest.mark.parametrize("stem", ["events-timeline-2001", "events-timeline-2012", "stance-matrix"])
def test_figures_build_from_the_corpus_with_bilingual_labels(corpus, stem):
    """Each declared figure is a Figure whose labels carry Arabic in logical order next to English."""
    with house_style():
        fig = FIGURES[stem](corpus)
    assert isinstance(fig, Figure)
    texts = [t.get_text() for ax in fig.axes for t in [*ax.texts, *ax.get_yticklabels()]]
    assert any(re.search("[\u0600-\u06ff]", t) for t in texts)
    assert any(re.search("[A-Za-z]", t) for t in texts)
    assert not any("$" in t and "\\$" not in t for t in texts)


def test_the_timeline_from_2012_leaves_out_what_ended_before(corpus):
    """The 2012 view drops the 9/11 attacks but keeps the open-ended Western debate that began then."""
    fig = plot_timeline(E.events(corpus), since=date(2012, 1, 1))
    labels = {t.get_text().strip() for t in fig.axes[0].texts}
    assert "9/11 attacks" not in labels and "Western debate on talks" in labels


def test_a_finding_template_naming_an_uncomputed_field_fails_in_one_line_naming_the_file_and_entry(corpus):
    entry = {"id": "broken", "kind": "stances", "statement": "{n} stances, {no_such_field}", "quote": {}}
    with pytest.raises(SahelError) as err:
        P.findings(corpus, entries=[entry])
    message = str(err.value)
    assert "\n" not in message
    assert message.startswith("data/findings.yaml: ") and "positions/broken" in message
    assert "{no_such_field}" in message


def test_the_stance_findings_count_the_documents_their_stances_come_from(corpus):
    """«in the two texts» is computed: the number of documents holding a coded stance, in words."""
    entry = {
        "id": "all",
        "kind": "stances",
        "statement": "{n} in {n_documents:w} text{n_documents:s} ({doc_ids})",
    }
    (finding,) = P.findings(corpus, entries=[entry])
    docs = sorted({p.doc_id for p in S.positions(corpus)})
    assert finding.statement_en == f"{len(S.positions(corpus))} in two texts ({', '.join(docs)})"
    one = P.findings(corpus[:1], entries=[entry])[0].statement_en
    assert one.endswith(f"in one text ({corpus[0].id})")


def test_findings_over_a_third_document_stay_true(corpus):
    """A copy of a seed under a new id holds no coded stance: the findings do not raise and still count two texts."""
    third = replace(corpus[-1], doc=replace(corpus[-1].doc, id="copy"))
    bigger = [*corpus, third]
    found = P.findings(bigger)
    assert [f.statement_en for f in found] == [f.statement_en for f in P.findings(corpus)]
    assert check_evidence(found, {rd.id: rd.text for rd in bigger}) == []
    assert P.findings([third]) == []


def test_date_readings_are_readable_text():
    """Each date found is a row of plain strings (no tuples); a text with no date says so."""
    table = P.date_readings(["في تشرين الثاني/ نوفمبر 2015", "هجمات 11 سبتمبر"])
    assert table.map(lambda v: isinstance(v, str)).all().all()
    assert table.iloc[0][["found", "date_start", "precision"]].tolist() == [
        "تشرين الثاني/ نوفمبر 2015",
        "2015-11",
        "month",
    ]
    assert table.iloc[1]["found"] == "(no date)"
