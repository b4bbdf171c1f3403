"""The REFI-QDA exchange: the .qdpx export validates and points at every quote, and what a QDA tool changes comes back."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
import xmlschema
import yaml
from conftest import ROOT, SEEDS, make_seed_project

from sahel_analysis.cli import main
from sahel_analysis.coding.qda_items import NAMESPACE, code_guid, selection_guid, source_guid
from sahel_analysis.coding.qdpx_import import import_qdpx
from sahel_analysis.corpus.repaired import repaired_corpus
from sahel_analysis.errors import SahelError
from sahel_analysis.export.qdpx import PROJECT_FILE, write_qdpx

XSD = ROOT / "tests" / "data" / "refi_qda" / "Project-mrt2019.xsd"
XS = "{http://www.w3.org/2001/XMLSchema}"
GUID_RE = re.compile(r"\{?[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}\}?")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A scratch project of the seeds and their codings."""
    root = make_seed_project(tmp_path_factory.mktemp("qdpx") / "project")
    shutil.copytree(ROOT / "coding", root / "coding")
    for extra in (root / "coding").glob("*.yaml"):
        if extra.stem not in SEEDS and extra.name != "gazetteer.yaml":
            extra.unlink()
    return root


@pytest.fixture(scope="module")
def exported(project) -> Path:
    return write_qdpx(project / "out", repaired_corpus(project), project).path


def qde(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(PROJECT_FILE).decode("utf-8")


# ----------------------------------------------------------------------------- the schema


def check_against_xsd(element: ET.Element, type_name: str, types: dict, where: str = "Project") -> None:
    """Check an element against a complexType of the REFI-QDA XSD: its attributes and the order of its children.

    A by-hand reading of the schema (its sequences, choices, required attributes
    and GUID pattern), used when neither xmlschema nor lxml is installed.
    """
    ctype = types[type_name]
    attrs = {a.get("name"): a for a in ctype.iter(f"{XS}attribute")}
    for name, a in attrs.items():
        if a.get("use") == "required":
            assert name in element.attrib, f"{where}: attribute {name} is required"
    for name, value in element.attrib.items():
        assert name in attrs, f"{where}: attribute {name} is not in {type_name}"
        if attrs[name].get("type") == "GUIDType":
            assert GUID_RE.fullmatch(value), f"{where}: {name}={value!r} is not a GUID"
        if attrs[name].get("type") == "xsd:integer":
            assert re.fullmatch(r"-?\d+", value), f"{where}: {name}={value!r}"
    declared = [e for e in ctype.iter(f"{XS}element")]
    order = [e.get("name") for e in declared]
    kinds = {e.get("name"): e.get("type") for e in declared}
    is_choice = ctype.find(f"{XS}choice") is not None
    previous = -1
    for child in element:
        tag = child.tag.removeprefix(f"{{{NAMESPACE}}}")
        assert tag in kinds, f"{where}: <{tag}> is not allowed in {type_name}"
        if not is_choice:
            assert order.index(tag) >= previous, f"{where}: <{tag}> out of order in {type_name}"
            previous = order.index(tag)
        if kinds[tag] in types:
            check_against_xsd(child, kinds[tag], types, f"{where}/{tag}")


def test_project_qde_is_valid_against_the_refi_qda_schema(exported):
    """project.qde validates against the REFI-QDA Project XSD (xmlschema), and by hand for the parts we rely on."""
    text = qde(exported)
    xmlschema.XMLSchema(str(XSD)).validate(text)
    schema = ET.parse(XSD).getroot()
    types = {t.get("name"): t for t in schema.iter(f"{XS}complexType")}
    root = ET.fromstring(text)
    assert root.tag == f"{{{NAMESPACE}}}Project"
    check_against_xsd(root, "ProjectType", types)
    for tag, needed in (("CodeBook", 1), ("Sources", 1), ("Notes", 1)):
        assert len(root.findall(f"{{{NAMESPACE}}}{tag}")) == needed, tag


def test_the_hand_check_catches_what_the_schema_forbids():
    """The by-hand check fails a selection without positions and an element out of place."""
    schema = ET.parse(XSD).getroot()
    types = {t.get("name"): t for t in schema.iter(f"{XS}complexType")}
    bad = ET.fromstring(f'<Project xmlns="{NAMESPACE}" name="x"><Sources><TextSource guid="{code_guid("a")}">'
                        f'<PlainTextSelection guid="{code_guid("b")}" startPosition="1"/></TextSource></Sources></Project>')  # fmt: skip
    with pytest.raises(AssertionError, match="endPosition"):
        check_against_xsd(bad, "ProjectType", types)
    misplaced = ET.fromstring(f'<Project xmlns="{NAMESPACE}" name="x"><Sources/><CodeBook/></Project>')
    with pytest.raises(AssertionError, match="out of order"):
        check_against_xsd(misplaced, "ProjectType", types)


# ----------------------------------------------------------------------------- the export


def test_exporting_twice_gives_byte_identical_files(project, exported, tmp_path):
    again = write_qdpx(tmp_path, repaired_corpus(project), project).path
    assert again.read_bytes() == exported.read_bytes()
    with zipfile.ZipFile(again) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_sources_hold_the_repaired_text_and_every_selection_its_quote(project, exported):
    """Each source is the repaired text; each selection's offsets (code points) select its item's quote."""
    texts = {rd.id: rd.text for rd in repaired_corpus(project)}
    root = ET.fromstring(qde(exported))
    n = {"position": 0, "event": 0, "list_item": 0, "mention": 0}
    with zipfile.ZipFile(exported) as z:
        for source in root.iter(f"{{{NAMESPACE}}}TextSource"):
            doc_id = source.get("name")
            path = source.get("plainTextPath").removeprefix("internal://")
            text = z.read(f"sources/{path}").decode("utf-8")
            assert text == texts[doc_id]
            assert all(ord(c) <= 0xFFFF for c in text), "code points and UTF-16 units agree"
            coding = yaml.safe_load((project / "coding" / f"{doc_id}.yaml").read_text(encoding="utf-8"))
            quotes = {f"event {e['id']}": e["quote_ar"] for e in coding["events"]}
            quotes |= {f"position {p['id']}": p["quote_ar"] for p in coding["positions"]}
            quotes |= {f"aim {a['id']}": a["quote_ar"] for a in coding["aims"]}
            quotes |= {f"list_item {lst['list_id']}#{i['item_no']}": i["text_ar"]
                       for lst in coding["lists"] for i in lst["items"]}  # fmt: skip
            named = set()
            for sel in source.iter(f"{{{NAMESPACE}}}PlainTextSelection"):
                start, end = int(sel.get("startPosition")), int(sel.get("endPosition"))
                kind = sel.get("name").split()[0]
                n[kind] = n.get(kind, 0) + 1
                if sel.get("name") in quotes:
                    assert text[start:end] == quotes[sel.get("name")], sel.get("name")
                    named.add(sel.get("name"))
            assert named == set(quotes), set(quotes) - named
    assert all(n[k] > 0 for k in ("position", "event", "list_item", "mention"))


def test_the_code_book_has_the_groups_and_every_code_a_selection_uses(exported):
    root = ET.fromstring(qde(exported))
    codes = {c.get("guid"): c for c in root.iter(f"{{{NAMESPACE}}}Code")}
    tops = [c.get("name").split(" — ")[0] for c in root.find(f"{{{NAMESPACE}}}CodeBook")[0]]
    assert tops[:2] == ["Actors", "Stances on negotiation"] and "Event types" in tops
    assert {c.get("name") for c in codes.values()} >= {
        "supports",
        "opposes",
        "political",
        "coup",
        "member_of",
    }
    assert all(c.get("color", "").startswith("#") for c in codes.values())
    used = {r.get("targetGUID") for r in root.iter(f"{{{NAMESPACE}}}CodeRef")}
    assert used <= set(codes)
    assert codes[code_guid("stance/supports")].findtext(f"{{{NAMESPACE}}}Description") == "supports — يؤيد"


def test_analyst_notes_are_notes_linked_to_their_selection(exported):
    root = ET.fromstring(qde(exported))
    notes = {n.get("guid"): n for n in root.iter(f"{{{NAMESPACE}}}Note")}
    refs = {r.get("targetGUID") for r in root.iter(f"{{{NAMESPACE}}}NoteRef")}
    assert notes and refs == set(notes)
    event = next(
        s for s in root.iter(f"{{{NAMESPACE}}}PlainTextSelection") if s.get("name") == "event e000-01"
    )
    note = notes[event.find(f"{{{NAMESPACE}}}NoteRef").get("targetGUID")]
    assert "after 2020" in note.findtext(f"{{{NAMESPACE}}}PlainTextContent")


# ----------------------------------------------------------------------------- the way back


def selection_block(xml: str, guid: str) -> re.Match:
    found = re.search(rf'<PlainTextSelection guid="{guid}".*?</PlainTextSelection>\s*', xml, re.S)
    assert found, guid
    return found


def rewrite(qdpx: Path, target: Path, edit) -> Path:
    """A copy of a .qdpx whose project.qde `edit` changed, as a QDA tool writes it back."""
    with zipfile.ZipFile(qdpx) as z, zipfile.ZipFile(target, "w") as out:
        for name in z.namelist():
            data = z.read(name)
            out.writestr(name, edit(data.decode("utf-8")).encode("utf-8") if name == PROJECT_FILE else data)
    return target


def stance_selection(start: int, end: int, *keys: str) -> str:
    codings = "".join(f'<Coding guid="{code_guid("new" + k)}"><CodeRef targetGUID="{code_guid(k)}"/></Coding>'
                      for k in keys)  # fmt: skip
    return (f'<PlainTextSelection guid="0b8e6a43-5a6c-4d2e-9a55-3f2a7e1c0001" name="new stance" '
            f'startPosition="{start}" endPosition="{end}"><Description>Added in a QDA tool</Description>'
            f"{codings}</PlainTextSelection>")  # fmt: skip


def test_round_trip_changes_exactly_what_the_tool_changed(project, exported, tmp_path):
    """Add a stance selection, remove one, change one's stance: the coding file changes in just those items."""
    work = tmp_path / "project"
    shutil.copytree(project, work)
    before = yaml.safe_load((work / "coding" / "000.yaml").read_text(encoding="utf-8"))
    text = next(rd.text for rd in repaired_corpus(work) if rd.id == "000")
    quote = "يدعم الحوار"
    start = text.find(quote) if quote in text else 100
    end = start + 40
    changed_id, removed_id = before["positions"][1]["id"], before["positions"][0]["id"]
    old_stance = before["positions"][1]["stance"]
    new_stance = "opposes" if old_stance != "opposes" else "supports"

    def edit(xml: str) -> str:
        xml = xml.replace(selection_block(xml, selection_guid("000", "position", removed_id)).group(0), "")
        block = selection_block(xml, selection_guid("000", "position", changed_id)).group(0)
        xml = xml.replace(
            block, block.replace(code_guid(f"stance/{old_stance}"), code_guid(f"stance/{new_stance}"))
        )
        new = stance_selection(
            start, end, "stance/conditional", "actor/jnim", "target/terrorist_organizations", "view/reported"
        )
        return xml.replace("</PlainTextSelection>", "</PlainTextSelection>" + new, 1)

    report = import_qdpx(rewrite(exported, tmp_path / "edited.qdpx", edit), work, repaired_corpus(work))
    assert report.removed == (f"000: position {removed_id}",)
    assert len(report.changed) == 1 and "stance" in report.changed[0]
    assert len(report.added) == 1 and report.added[0].startswith("000: position p000-")
    assert [p.name for p in report.written] == ["000.yaml"]
    after = yaml.safe_load((work / "coding" / "000.yaml").read_text(encoding="utf-8"))
    assert (work / "coding" / "000.yaml").read_text(encoding="utf-8").startswith("# The coding of document")
    by_id = {p["id"]: p for p in after["positions"]}
    assert removed_id not in by_id
    assert by_id[changed_id]["stance"] == new_stance
    assert by_id[changed_id]["status"] == "reviewed" and by_id[changed_id]["coded_by"] == "analyst"
    added = by_id[report.added[0].split()[2]]
    assert added == {**added, "stance": "conditional", "actor_id": "jnim", "target": "terrorist_organizations",
                     "quote_ar": text[start:end], "summary_en": "Added in a QDA tool", "status": "reviewed",
                     "coded_by": "analyst"}  # fmt: skip
    untouched = [p for p in before["positions"] if p["id"] not in (changed_id, removed_id)]
    assert [p for p in after["positions"] if p["id"] in {u["id"] for u in untouched}] == untouched
    for kind in ("events", "aims", "lists", "notes", "list_findings", "relations"):
        assert after.get(kind) == before.get(kind), kind
    assert (work / "coding" / "002.yaml").read_bytes() == (project / "coding" / "002.yaml").read_bytes()


def test_claims_go_out_as_selections_and_come_back_changed_added_and_removed(project, exported, tmp_path):
    """A claim is a selection coded with its kind and view; a tool's edits to claims land in `claims`."""
    work = tmp_path / "project"
    shutil.copytree(project, work)
    before = yaml.safe_load((work / "coding" / "000.yaml").read_text(encoding="utf-8"))
    text = next(rd.text for rd in repaired_corpus(work) if rd.id == "000")
    claims = before["claims"]
    changed, removed = claims[1], claims[0]
    xml = qde(exported)
    block = selection_block(xml, selection_guid("000", "claim", changed["id"])).group(0)
    assert code_guid(f"claim/{changed['kind']}") in block and code_guid(f"view/{changed['view']}") in block
    new_kind = "recommendation" if changed["kind"] != "recommendation" else "assessment"
    start = text.index(claims[-1]["quote_ar"]) + len(claims[-1]["quote_ar"]) + 1
    end = start + 30

    def edit(xml: str) -> str:
        xml = xml.replace(selection_block(xml, selection_guid("000", "claim", removed["id"])).group(0), "")
        block = selection_block(xml, selection_guid("000", "claim", changed["id"])).group(0)
        xml = xml.replace(
            block, block.replace(code_guid(f"claim/{changed['kind']}"), code_guid(f"claim/{new_kind}"))
        )
        added = stance_selection(start, end, "claim/framing", "view/reported")
        return xml.replace("</PlainTextSelection>", "</PlainTextSelection>" + added, 1)

    report = import_qdpx(rewrite(exported, tmp_path / "claims.qdpx", edit), work, repaired_corpus(work))
    assert report.removed == (f"000: claim {removed['id']}",)
    assert report.changed == (f"000: claim {changed['id']} (kind)",)
    assert len(report.added) == 1 and report.added[0].startswith("000: claim c000-")
    after = {c["id"]: c for c in yaml.safe_load((work / "coding" / "000.yaml").read_text("utf-8"))["claims"]}
    assert removed["id"] not in after and after[changed["id"]]["kind"] == new_kind
    added = after[report.added[0].split()[2]]
    assert added == {**added, "kind": "framing", "view": "reported", "quote_ar": text[start:end],
                     "summary_en": "Added in a QDA tool", "status": "reviewed", "coded_by": "analyst"}  # fmt: skip


def test_an_unchanged_project_imports_as_no_change(project, exported, tmp_path):
    work = tmp_path / "project"
    shutil.copytree(project, work)
    report = import_qdpx(exported, work, repaired_corpus(work))
    assert report.lines() == ["no coding changed"] and report.written == ()


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda x: x.replace(f'guid="{source_guid("000")}" name="000"', f'guid="{code_guid("x")}" name="x"'),
         "unknown source"),
        (lambda x: x.replace("</PlainTextSelection>", "</PlainTextSelection>" + stance_selection(
            10, 10_000_000, "stance/supports"), 1), "outside the text"),
        (lambda x: x.replace("</PlainTextSelection>", "</PlainTextSelection>" + stance_selection(
            10, 20, "made/up"), 1), "unknown code"),
        (lambda x: x.replace("</PlainTextSelection>", "</PlainTextSelection>" + stance_selection(
            10, 20, "stance/supports", "actor/jnim"), 1), "needs a target code"),
    ],
)  # fmt: skip
def test_what_cannot_be_placed_stops_the_import_in_one_line(project, exported, tmp_path, edit, message):
    work = tmp_path / "project"
    shutil.copytree(project, work)
    before = {p.name: p.read_bytes() for p in (work / "coding").glob("*.yaml")}
    with pytest.raises(SahelError, match=message) as err:
        import_qdpx(rewrite(exported, tmp_path / "bad.qdpx", edit), work, repaired_corpus(work))
    assert "\n" not in str(err.value)
    assert {p.name: p.read_bytes() for p in (work / "coding").glob("*.yaml")} == before


def test_cli_exports_the_qdpx_and_imports_it_back(project, tmp_path, monkeypatch, capsys):
    work = tmp_path / "project"
    shutil.copytree(project, work)
    monkeypatch.chdir(work)
    monkeypatch.delenv("SAHEL_ANALYSIS_ROOT", raising=False)
    assert main(["export", str(tmp_path / "out"), "--qdpx"]) == 0
    path = tmp_path / "out" / "sahel-analysis.qdpx"
    assert path.is_file() and str(path) in capsys.readouterr().out
    assert main(["import-qdpx", str(path)]) == 0
    assert "no coding changed" in capsys.readouterr().out
    assert main(["import-qdpx", str(tmp_path / "missing.qdpx")]) == 1
    assert "no such file" in capsys.readouterr().err
