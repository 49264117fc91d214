"""`plangen check`: every document plangen emits conforms; hand-made bad ones fail, rule by rule.

Each bad document is a bundled one with one family of faults put in by python-docx (or,
for the default-styled Word document, none of the decree at all), and the test says which
rules fail, so every rule of nd30.md §11 is shown able to fail.
"""

from __future__ import annotations

import copy
import json
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocumentType
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph
from lxml import etree

from conftest import PLANS, run
from pdfpage import soffice
from planfiles import plan, with_yaml, write
from plangen.conformance import RULES, Result, check_files
from plangen.docxprops import Doc

BUNDLED = sorted(p.stem for p in PLANS.glob("*.yaml") if p.name != "units.yaml")


@pytest.fixture(scope="module")
def emitted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every bundled plan, built by one `plangen build plans/`."""
    out = tmp_path_factory.mktemp("emitted")
    code, output = run("build", str(PLANS), "-o", str(out))
    assert code == 0, output
    return {name: out / f"{name}.docx" for name in BUNDLED}


def statuses(results: list[Result]) -> dict[str, str]:
    return {r.rule.id: r.status for r in results}


def failing(path: Path) -> list[str]:
    (results,) = check_files([path])
    assert isinstance(results, list), results
    return [r.rule.id for r in results if r.status == "fail"]


# -- Every emitted document conforms ---------------------------------------------------


AS_ISSUED = {"bnnmt-qd-2200-2026": ["R73"]}
"""Faults of a document as its office issued it, which its plan keeps on purpose (seed 006:
the text never points to its appendix; the plan says `quiet: [appendix-unmentioned]`).
check reports them like any other fault. (Seed 005's Phụ lục 01–05 are files of their own,
which its document names in a custom property: see the test below.)"""


def summary(output: str, path: Path | str) -> str:
    (line,) = [
        line for line in output.splitlines() if line.startswith(f"{path}: ") and "N/A (" in line
    ]
    return line


def test_check_passes_every_emitted_document(emitted: dict[str, Path]) -> None:
    conforming = [path for name, path in emitted.items() if name not in AS_ISSUED]
    code, output = run("check", *map(str, conforming))
    assert code == 0, "\n".join(line for line in output.splitlines() if "FAIL" in line)
    for path in conforming:
        assert f"{path}: R15 PASS" in output
        line = summary(output, path)
        assert " 0 FAIL, " in line and line.endswith("N/A (đạt Nghị định 30; conforms)")
    for name, expected in AS_ISSUED.items():
        assert failing(emitted[name]) == expected
        code, output = run("check", str(emitted[name]))
        assert code == 1 and "(chưa đạt Nghị định 30; does not conform)" in output


def test_check_passes_every_document_issued_electronically(tmp_path: Path) -> None:
    code, output = run("build", "--electronic", str(PLANS), "-o", str(tmp_path))
    assert code == 0, output
    documents = {path.stem: path for path in tmp_path.glob("*.docx")}
    assert sorted(documents) == BUNDLED
    for name, path in documents.items():
        assert failing(path) == AS_ISSUED.get(name, []), name


@pytest.mark.parametrize("name", BUNDLED)
def test_the_rules_that_apply_to_each_kind_are_checked(emitted: dict[str, Path], name: str) -> None:
    (results,) = check_files([emitted[name]])
    assert isinstance(results, list)
    status = statuses(results)
    assert [rule for rule, s in status.items() if s == "fail"] == AS_ISSUED.get(name, [])
    # every document has these parts, so these rules are judged, not skipped
    common = ["R01", "R07", "R10", "R15", "R19", "R24", "R29", "R36", "R47", "R61", "R66", "R70"]
    assert [rule for rule in common if status[rule] != "pass"] == []
    if name.startswith("ha-tinh-cv"):
        assert [status[r] for r in ("R35", "R44", "R45", "R46", "R71")] == ["pass"] * 5
        assert status["R40"] == status["R34"] == "na"
    else:
        assert status["R40"] == status["R41"] == status["R34"] == "pass"
    if "-qd-" in name:
        assert [status[r] for r in ("R52", "R53", "R54", "R55", "R72")] == ["pass"] * 5
    else:
        assert status["R53"] == status["R54"] == "na"


def test_json_lists_each_rule_with_status_place_and_source(emitted: dict[str, Path]) -> None:
    code, output = run("check", "--format", "json", str(emitted["2024"]))
    assert code == 0
    (report,) = json.loads(output)
    assert report["file"] == str(emitted["2024"])
    assert report["summary"]["fail"] == 0
    assert report["summary"]["pass"] + report["summary"]["na"] == len(RULES)
    first = report["rules"][0]
    assert first == {
        "id": "R01",
        "status": "pass",
        "tag": "MUST",
        "rule": "Portrait sections are A4 (210 × 297 mm)",
        "source": "Phụ lục I, I.1–2",
        "problems": [],
    }
    assert [r["id"] for r in report["rules"]][-3:] == ["P01", "P02", "P03"]
    assert next(r for r in report["rules"] if r["id"] == "P01")["reason"] == (
        "cần --render (needs --render)"
    )


# -- Files that are not Word documents -----------------------------------------------


def test_a_file_that_is_not_a_docx_is_exit_2_with_its_name(
    emitted: dict[str, Path], tmp_path: Path
) -> None:
    text = tmp_path / "notes.docx"
    text.write_text("không phải Word", encoding="utf-8")
    code, output = run("check", str(text), str(emitted["2024"]))
    assert code == 2
    assert f"{text}:1:1: -: không phải tệp .docx hợp lệ" in output
    assert "(not a .docx) [docx-invalid]" in output and "Traceback" not in output
    assert f"{emitted['2024']}: R01 PASS" in output, "the good file is still checked"


# -- Hand-made bad documents -----------------------------------------------------------


DEFAULT_FAILS = [
    "R01",  # Letter paper
    "R03",  # 25.4 mm margins
    "R04",
    "R06",
    "R07",  # the theme font, not Times New Roman
    "R10",  # no page numbers
    "R15",  # no Quốc hiệu
    "R29",  # no Số
    "R36",  # no date
    "R40",  # no type name
    "R47",  # left-aligned, 11 pt, no indent
    "R48",
    "R49",
    "R61",  # no signature, no Nơi nhận
    "R66",
    "R83",  # no './.'
]


def test_a_default_styled_word_document_fails(tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("Kế hoạch tổ chức hội nghị tổng kết năm.")
    path = tmp_path / "default.docx"
    document.save(str(path))
    code, output = run("check", str(path))
    assert code == 1
    assert failing(path) == DEFAULT_FAILS
    assert f"{path}: R07 FAIL" in output
    assert "«Kế hoạch tổ chức hội nghị tổng kết năm.»: phông 'Cambria'" in output
    assert "(chưa đạt Nghị định 30; does not conform)" in output


def paragraph(document: DocumentType, start: str, nth: int = 0) -> Paragraph:
    """The nth paragraph anywhere (tables, headers too) whose text starts with `start`."""
    roots = [document.element.body]
    for section in document.sections:
        roots += [section.header._element, section.first_page_header._element]
    found = [
        p
        for root in roots
        for p in root.iter(qn("w:p"))
        if "".join(t.text or "" for t in p.iter(qn("w:t"))).startswith(start)
    ]
    return Paragraph(found[nth], document._body)


def restyle(
    para: Paragraph, size: float | None = None, bold: bool | None = None, **run_props: object
) -> Paragraph:
    for piece in para.runs:
        if size is not None:
            piece.font.size = Pt(size)
        if bold is not None:
            piece.bold = bold
        for name, value in run_props.items():
            setattr(piece.font, name, value)
    return para


def retext(para: Paragraph, text: str) -> Paragraph:
    para.runs[0].text = text
    for extra in para.runs[1:]:
        extra.text = ""
    return para


def remove(element: etree._Element) -> None:
    element.getparent().remove(element)


def page_faults(document: DocumentType) -> None:
    first = document.sections[0]
    first.page_width, first.page_height = Pt(612), Pt(792)  # Letter
    first.top_margin, first.bottom_margin = Pt(30), Pt(80)
    first.left_margin, first.right_margin = Pt(72), Pt(72)


def landscape_first(document: DocumentType) -> None:
    first = document.sections[0]
    first.orientation = 1
    first.page_width, first.page_height = first.page_height, first.page_width


def font_faults(document: DocumentType) -> None:
    restyle(paragraph(document, "Tiếp tục triển khai"), name="Arial")
    for piece in paragraph(document, "Các sở ngành").runs:
        piece.font.color.rgb = RGBColor(0xFF, 0, 0)
    restyle(paragraph(document, "UBND tỉnh ban hành"), name=".VnTime")
    para = paragraph(document, "Căn cứ Quyết định số 597")
    retext(para, unicodedata.normalize("NFD", para.text))


def number_faults(document: DocumentType) -> None:
    header = document.sections[0].header._element
    page = Paragraph(
        next(p for p in header.iter(qn("w:p")) if p.xpath(".//w:instrText")), document._body
    )
    page.alignment = WD_ALIGN_PARAGRAPH.LEFT
    for node in page._p.iter(qn("w:r")):
        props = node.get_or_add_rPr()
        props.get_or_add_sz().set(qn("w:val"), "20")
        props.get_or_add_b()
    document.sections[0].different_first_page_header_footer = False
    numbering = document.sections[0]._sectPr.find(qn("w:pgNumType"))
    numbering.set(qn("w:fmt"), "lowerRoman")
    numbering.set(qn("w:start"), "3")


def no_page_field(document: DocumentType) -> None:
    for node in list(document.sections[0].header._element.iter(qn("w:p"))):
        remove(node)


def national_faults(document: DocumentType) -> None:
    restyle(paragraph(document, "CỘNG HÒA"), size=11, italic=True)
    para = paragraph(document, "Độc lập")
    retext(para, "Độc lập – Tự do – Hạnh phúc")


def motto_faults(document: DocumentType) -> None:
    national = paragraph(document, "CỘNG HÒA")
    national.paragraph_format.line_spacing = 2.0
    motto = restyle(paragraph(document, "Độc lập"), size=12, bold=False)
    motto.alignment = WD_ALIGN_PARAGRAPH.LEFT
    remove(motto._p.getnext())  # the rule paragraph under it


def national_outside(document: DocumentType) -> None:
    para = paragraph(document, "CỘNG HÒA")._p
    document.element.body.insert(0, para)


def text_above(document: DocumentType) -> None:
    above = copy.deepcopy(paragraph(document, "Tiếp tục triển khai")._p)
    document.element.body.insert(0, above)
    retext(Paragraph(above, document._body), "Dự thảo lần 2")


def agency_faults(document: DocumentType) -> None:
    para = restyle(paragraph(document, "ỦY BAN NHÂN DÂN"), size=14, bold=False)
    retext(para, "Ủy ban nhân dân tỉnh Thừa Thiên Huế")
    para.alignment = WD_ALIGN_PARAGRAPH.LEFT


def parent_partly_bold(document: DocumentType) -> None:
    para = paragraph(document, "ỦY BAN NHÂN DÂN")
    retext(para, "UBND TỈNH ")
    para.runs[0].bold = False
    para.add_run("THỪA THIÊN HUẾ").bold = True
    para.add_run().add_break()
    para.add_run("SỞ CÔNG THƯƠNG").bold = True


def symbol_faults(document: DocumentType) -> None:
    para = restyle(retext(paragraph(document, "Số:"), "Số: 5/QĐ-UBND-2024"), size=12, bold=True)
    para.alignment = WD_ALIGN_PARAGRAPH.LEFT


def date_faults(document: DocumentType) -> None:
    para = retext(paragraph(document, "Thừa Thiên Huế, ngày"), "Huế, ngày 5 tháng 1 năm 2024")
    restyle(para, size=12, bold=True, italic=False)


def date_in_another_row(document: DocumentType) -> None:
    para = paragraph(document, "Thừa Thiên Huế, ngày")._p
    paragraph(document, "Độc lập")._p.getparent().append(para)


def title_faults(document: DocumentType) -> None:
    title = restyle(retext(paragraph(document, "KẾ HOẠCH"), "Kế hoạch"), size=12, italic=True)
    title.alignment = WD_ALIGN_PARAGRAPH.LEFT
    restyle(paragraph(document, "Triển khai thực hiện đề án"), bold=False)


def no_title(document: DocumentType) -> None:
    remove(paragraph(document, "KẾ HOẠCH")._p)


def letter_faults(document: DocumentType) -> None:
    retext(paragraph(document, "Số:"), "Số: 8287/KH-UBND")
    subject = restyle(paragraph(document, "V/v"), size=14, bold=True)
    subject.paragraph_format.space_before = Pt(0)
    restyle(paragraph(document, "Kính gửi"), size=12, italic=True)
    retext(paragraph(document, "- Như trên"), "- Bộ Công Thương;")


def letter_subject_elsewhere(document: DocumentType) -> None:
    subject = paragraph(document, "V/v")._p
    paragraph(document, "Hà Tĩnh, ngày")._p.addnext(subject)


def letter_with_a_title(document: DocumentType) -> None:
    title = copy.deepcopy(paragraph(document, "ỦY BAN NHÂN DÂN")._p)
    document.element.body.find(qn("w:tbl")).addnext(title)
    retext(Paragraph(title, document._body), "THÔNG BÁO").alignment = WD_ALIGN_PARAGRAPH.CENTER


def body_faults(document: DocumentType) -> None:
    paragraph(document, "Tiếp tục triển khai").alignment = WD_ALIGN_PARAGRAPH.LEFT
    restyle(paragraph(document, "Các sở ngành"), size=12)
    paragraph(document, "UBND tỉnh ban hành").paragraph_format.first_line_indent = Pt(0)
    spaced = paragraph(document, "a) Hỗ trợ phát triển").paragraph_format
    spaced.space_before = spaced.space_after = Pt(0)
    paragraph(document, "b) Triển khai Chương trình").paragraph_format.line_spacing = 2.5


def basis_faults(document: DocumentType) -> None:
    restyle(paragraph(document, "Căn cứ Quyết định số 597"), italic=False)


def decision_faults(document: DocumentType) -> None:
    last = paragraph(document, "Theo đề nghị của")
    retext(last, last.text.rstrip(".") + ";")
    restyle(paragraph(document, "QUYẾT ĐỊNH:"), bold=False)
    paragraph(document, "Điều 1.").runs[0].bold = False
    retext(paragraph(document, "- Như Điều"), "- Sở Tài chính;")


def heading_faults(document: DocumentType) -> None:
    mission = paragraph(document, "I. MỤC ĐÍCH")
    for label in ("Mục 1", "Chương I"):
        inserted = copy.deepcopy(paragraph(document, "Tiếp tục triển khai")._p)
        mission._p.addprevious(inserted)
        retext(Paragraph(inserted, document._body), label)
    retext(mission, "I. Mục đích, yêu cầu")
    restyle(paragraph(document, "1. Mục đích"), bold=False)
    restyle(paragraph(document, "b) Triển khai Chương trình"), bold=True)
    retext(paragraph(document, "III. "), "V. TỔ CHỨC THỰC HIỆN")


def signature_faults(document: DocumentType) -> None:
    restyle(paragraph(document, "PHÓ CHỦ TỊCH"), bold=False)
    restyle(retext(paragraph(document, "Phan Quý Phương"), "TS. Phan Quý Phương"), italic=True)


def deputy_without_title(document: DocumentType) -> None:
    remove(paragraph(document, "PHÓ CHỦ TỊCH")._p)


def authority_in_lower_case(document: DocumentType) -> None:
    retext(paragraph(document, "TM. ỦY BAN"), "TM. Ủy ban nhân dân")


def recipient_faults(document: DocumentType) -> None:
    head = restyle(paragraph(document, "Nơi nhận:"), size=13, italic=False)
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    restyle(retext(paragraph(document, "- Bộ Công Thương;"), "Bộ Công Thương;"), size=12, bold=True)
    retext(paragraph(document, "- TT Tỉnh ủy"), "- TT Tỉnh ủy, TT HĐND tỉnh")
    retext(paragraph(document, "- Lưu:"), "- Lưu VT")


def recipients_below_the_table(document: DocumentType) -> None:
    cell = paragraph(document, "Nơi nhận:")._p.getparent()
    table = cell.getparent().getparent()
    for para in reversed([p for p in cell.findall(qn("w:p"))]):
        table.addnext(para)
    cell.append(OxmlElement("w:p"))


def appendix_faults(document: DocumentType) -> None:
    heading = restyle(paragraph(document, "Phụ lục"), size=13, bold=False)
    heading.alignment = WD_ALIGN_PARAGRAPH.LEFT
    paragraph(document, "(Kèm theo").runs[0].italic = False
    title = paragraph(document, "DANH MỤC")
    retext(title, title.text.capitalize())
    document.sections[-1]._sectPr.remove(document.sections[-1]._sectPr.find(qn("w:pgNumType")))


def appendix_unmentioned(document: DocumentType) -> None:
    retext(paragraph(document, "(Chi tiết các nhiệm vụ"), "(Chi tiết các nhiệm vụ kèm theo.)")


def two_appendices_unnumbered(document: DocumentType) -> None:
    heading = paragraph(document, "Phụ lục")._p
    block = [heading, *heading.itersiblings()][:3]
    body = document.element.body
    sect = body.find(qn("w:sectPr"))
    for para in block:
        sect.addprevious(copy.deepcopy(para))


def other_faults(document: DocumentType) -> None:
    urgent = copy.deepcopy(paragraph(document, "Số:")._p)
    paragraph(document, "Số:")._p.addnext(urgent)
    retext(Paragraph(urgent, document._body), "KHẨN")
    notice = copy.deepcopy(urgent)
    document.element.body.insert(0, notice)
    retext(Paragraph(notice, document._body), "LƯU HÀNH NỘI BỘ")
    mark = copy.deepcopy(paragraph(document, "- Lưu:")._p)
    paragraph(document, "- Lưu:")._p.addnext(mark)
    restyle(retext(Paragraph(mark, document._body), "PL.(300)"), size=12)
    footer = document.sections[0].first_page_footer
    footer.is_linked_to_previous = False
    restyle(footer.paragraphs[0], size=10)
    footer.paragraphs[0].add_run("Địa chỉ: 16 Lê Lợi, Huế; ĐT: 0234 3822 000").font.size = Pt(10)
    last = paragraph(document, "Trên đây là")
    retext(last, last.text.replace("./.", "."))
    document.core_properties.title = "Kế hoạch"


FAULTS: list[tuple[str, Callable[[DocumentType], None], list[str]]] = [
    ("2024", page_faults, ["R01", "R03", "R04", "R05", "R06"]),
    ("2024", landscape_first, ["R02"]),
    ("2024", font_faults, ["R07", "R08", "R09", "R09b"]),
    ("2024", number_faults, ["R11", "R12", "R13", "R14"]),
    ("2024", no_page_field, ["R10"]),
    ("2024", national_faults, ["R16", "R19"]),
    ("2024", motto_faults, ["R20", "R21", "R23"]),
    ("2024", national_outside, ["R17", "R19"]),
    ("2024", text_above, ["R18"]),
    ("2024", agency_faults, ["R24", "R25", "R27"]),
    ("2024", parent_partly_bold, ["R26"]),
    ("2024", symbol_faults, ["R29", "R30", "R31", "R32", "R33", "R34"]),
    ("2024", date_faults, ["R36", "R37", "R38"]),
    ("2024", date_in_another_row, ["R39"]),
    ("2024", title_faults, ["R40", "R41"]),
    ("2024", no_title, ["R40"]),
    ("ha-tinh-cv-8287-2019", letter_faults, ["R35", "R45", "R46", "R71"]),
    ("ha-tinh-cv-8287-2019", letter_subject_elsewhere, ["R44"]),
    ("ha-tinh-cv-8287-2019", letter_with_a_title, ["R34", "R41", "R43"]),
    ("2024", body_faults, ["R47", "R48", "R49", "R50", "R51"]),
    ("2024", basis_faults, ["R52"]),
    ("hai-phong-qd-191-2021", decision_faults, ["R53", "R54", "R55", "R72"]),
    ("2024", heading_faults, ["R56", "R57", "R58", "R59", "R60"]),
    ("2024", signature_faults, ["R62", "R63", "R64"]),
    ("2024", deputy_without_title, ["R65"]),
    ("2024", authority_in_lower_case, ["R61", "R67"]),
    ("2024", recipient_faults, ["R66", "R68", "R69", "R70"]),
    ("2024", recipients_below_the_table, ["R67"]),
    ("2024", appendix_faults, ["R75", "R76", "R77", "R78"]),
    ("2024", appendix_unmentioned, ["R73"]),
    ("2024", two_appendices_unnumbered, ["R74"]),
    ("2024", other_faults, ["R79", "R80", "R81", "R82", "R83", "R84"]),
]


def faulty(source: Path, folder: Path, fault: Callable[[DocumentType], None]) -> Path:
    document = Document(str(source))
    fault(document)
    path = folder / f"{fault.__name__}.docx"
    document.save(str(path))
    return path


@pytest.mark.parametrize(
    ("name", "fault", "expected"), FAULTS, ids=[f.__name__ for _, f, _ in FAULTS]
)
def test_a_fault_fails_its_rules_and_no_others(
    emitted: dict[str, Path],
    tmp_path: Path,
    name: str,
    fault: Callable[[DocumentType], None],
    expected: list[str],
) -> None:
    path = faulty(emitted[name], tmp_path, fault)
    assert failing(path) == expected
    code, _ = run("check", str(path))
    assert code == 1


def test_each_problem_says_where(emitted: dict[str, Path], tmp_path: Path) -> None:
    (results,) = check_files([faulty(emitted["2024"], tmp_path, body_faults)])
    assert isinstance(results, list)
    justified = next(r for r in results if r.rule.id == "R47")
    assert [(p.where, p.message) for p in justified.problems] == [
        (
            "«Tiếp tục triển khai thực hiện các nội dung chương trình, nh…»",
            "căn trái, cần căn đều hai bên (not justified)",
        )
    ]


# -- On the printed page -----------------------------------------------------------------


def printed_faults(document: DocumentType) -> None:
    for start in ("Độc lập", "ỦY BAN NHÂN DÂN", "Triển khai thực hiện đề án"):
        rule = paragraph(document, start)._p.getnext()
        indent = rule.find(qn("w:pPr")).find(qn("w:ind"))
        side = "1700" if start == "Độc lập" else "0"
        indent.set(qn("w:left"), side)
        indent.set(qn("w:right"), side)
    restyle(paragraph(document, "CỘNG HÒA"), size=17)
    document.sections[0].different_first_page_header_footer = False
    name = paragraph(document, "Phan Quý Phương")
    name.paragraph_format.page_break_before = True
    row = next(a for a in name._p.iterancestors() if a.tag == qn("w:tr"))
    for keep in row.iter(qn("w:cantSplit")):  # the row would carry the break to the next page
        keep.getparent().remove(keep)


def test_render_checks_the_printed_page_in_one_libreoffice_run(
    emitted: dict[str, Path], tmp_path: Path
) -> None:
    soffice()
    bad = faulty(emitted["2024"], tmp_path, printed_faults)
    paths = [*emitted.values(), bad]
    checked = check_files(paths, render=True)
    failures = {
        path.stem: [r.rule.id for r in results if r.status == "fail"]
        for path, results in zip(paths, checked, strict=True)
        if isinstance(results, list)
    }
    assert failures.pop("printed_faults") == [
        "R13",  # titlePg off: page 1 is numbered …
        "R16",  # … and the 17 pt Quốc hiệu
        "R22",
        "R28",
        "R42",
        "P01",  # … no longer fits on one line
        "P02",
        "P03",
    ]
    known = AS_ISSUED
    assert {name: ids for name, ids in failures.items() if ids} == known
    for results in checked:
        assert isinstance(results, list)
        assert {r.rule.id for r in results if r.rule.printed and r.status == "na"} <= {
            "R26",
            "R42",
        }


def test_every_rule_can_fail() -> None:
    shown = {rule for _, _, expected in FAULTS for rule in expected} | set(DEFAULT_FAILS)
    shown |= {"R22", "R28", "R42", "P01", "P02", "P03"}  # the printed faults above
    assert sorted(rule.id for rule, _ in RULES if rule.id not in shown) == []


PARTS = """
numbering: ["Phần thứ nhất", I, "1"]
sections:
  - title: Kết quả thực hiện
    sections:
      - {title: Về sản xuất, text: Sản xuất ổn định.}
      - {title: Về thị trường, text: Thị trường mở rộng.}
  - title: Phương hướng năm sau
    sections:
      - {title: Mục tiêu, text: Giữ tốc độ tăng trưởng.}
closing: Trên đây là kế hoạch.
"""


def test_each_part_numbers_its_muc_from_i_again(tmp_path: Path) -> None:
    """Under 'Phần thứ nhất', 'Phần thứ hai' the mục restart at I. (as plangen numbers them);
    a gap inside one part still fails."""
    out = tmp_path / "parts.docx"
    code, output = run("build", str(write(tmp_path, with_yaml(PARTS))), "-o", str(out))
    assert code == 0, output
    (results,) = check_files([out])
    assert isinstance(results, list)
    assert [statuses(results)[rule] for rule in ("R56", "R58", "R60")] == ["pass"] * 3
    assert failing(out) == []
    document = Document(str(out))
    retext(paragraph(document, "II. VỀ THỊ TRƯỜNG"), "III. VỀ THỊ TRƯỜNG")
    document.save(str(out))
    (results,) = check_files([out])
    assert isinstance(results, list)
    [r60] = [r for r in results if r.rule.id == "R60"]
    assert [(p.where, p.message) for p in r60.problems] == [
        ("«III. VỀ THỊ TRƯỜNG»", "cần mục II (Roman numbering has a gap)")
    ]


SEPARATE = """
separate_appendices: [Phụ lục 01]
sections:
  - title: Nhiệm vụ
    text:
      - Rà soát quy hoạch các cụm công nghiệp.
      - {text: (Chi tiết tại Phụ lục 01 đính kèm), align: center}
closing: Trên đây là kế hoạch.
"""


def test_an_appendix_issued_as_a_file_of_its_own_is_accounted_for(tmp_path: Path) -> None:
    """The document names its separately issued appendices (custom property 'Phụ lục ở tệp
    riêng'), so the body may point to them (Phụ lục I III.1.d); any other mention still fails."""
    out = tmp_path / "kh.docx"
    code, output = run("build", str(write(tmp_path, with_yaml(SEPARATE))), "-o", str(out))
    assert code == 0, output
    assert Doc(out).custom_property("Phụ lục ở tệp khác") == "Phụ lục 01"
    assert failing(out) == []
    document = Document(str(out))
    retext(paragraph(document, "(Chi tiết"), "(Chi tiết tại Phụ lục 02 đính kèm)")
    document.save(str(out))
    (results,) = check_files([out])
    assert isinstance(results, list)
    [r73] = [r for r in results if r.rule.id == "R73"]
    assert [(p.where, p.message) for p in r73.problems] == [
        (
            "«(Chi tiết tại Phụ lục 02 đính kèm)»",
            "nhắc đến phụ lục nhưng không có phụ lục (missing)",
        )
    ]


def test_a_mention_silenced_at_its_paragraph_is_accounted_for_too(tmp_path: Path) -> None:
    quiet = SEPARATE.replace("separate_appendices: [Phụ lục 01]\n", "").replace(
        "align: center}", "align: center, quiet: [appendix-missing]}"
    )
    out = tmp_path / "kh.docx"
    code, output = run("build", str(write(tmp_path, with_yaml(quiet))), "-o", str(out))
    assert code == 0, output
    assert Doc(out).custom_property("Phụ lục ở tệp khác") == "Phụ lục 01"
    assert failing(out) == []


def test_a_document_whose_only_appendix_is_its_own_file_conforms(tmp_path: Path) -> None:
    appendix = {"title": "Danh mục nhiệm vụ", "table": "tasks", "separate": True}
    data = plan(closing="Chi tiết tại Phụ lục kèm theo.", appendices=[appendix])
    out = tmp_path / "kh.docx"
    code, output = run("build", str(write(tmp_path, data)), "-o", str(out))
    assert code == 0, output
    assert Doc(out).custom_property("Phụ lục ở tệp khác") == "Phụ lục"
    assert failing(out) == []


def test_a_document_without_separate_appendices_has_no_custom_properties(
    emitted: dict[str, Path],
) -> None:
    assert Doc(emitted["2024"]).custom_property("Phụ lục ở tệp khác") is None
    with zipfile.ZipFile(emitted["2024"]) as package:
        assert "docProps/custom.xml" not in package.namelist()
