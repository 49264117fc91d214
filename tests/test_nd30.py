"""The bundled 2024 plan, built by the CLI, against the checkable rules of nd30.md §11.

Each test is named after the rule it enforces. XML checks read effective properties
(run → style chain → defaults); the rendered-page checks read LibreOffice's PDF.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from docx.oxml.ns import qn

from docxprops import NS, Doc, Para
from pdfpage import MM, Page

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
TYPE_NAMES = {
    "NGHỊ QUYẾT",
    "QUYẾT ĐỊNH",
    "CHỈ THỊ",
    "QUY CHẾ",
    "QUY ĐỊNH",
    "THÔNG CÁO",
    "THÔNG BÁO",
    "HƯỚNG DẪN",
    "CHƯƠNG TRÌNH",
    "KẾ HOẠCH",
    "PHƯƠNG ÁN",
    "ĐỀ ÁN",
    "DỰ ÁN",
    "BÁO CÁO",
    "BIÊN BẢN",
    "TỜ TRÌNH",
}
R29 = re.compile(r"^Số: *(0[1-9]|[1-9][0-9]+)? *\/[A-ZĐ][A-Za-zĐđ]*(-[A-ZĐ0-9][A-Za-zĐđ0-9&]*)+$")
R36 = re.compile(r"^[^,]+, ngày (0[1-9]|[12][0-9]|3[01]) tháng (01|02|[3-9]|1[0-2]) năm [0-9]{4}$")


@pytest.fixture(scope="module", params=["as-written", "electronic"])
def issue(request: pytest.FixtureRequest) -> str:
    """The document is checked as written (numbered, dated) and issued electronically."""
    return request.param


@pytest.fixture(scope="module")
def doc2024(issue: str, doc2024: Doc, electronic2024: Doc) -> Doc:
    return electronic2024 if issue == "electronic" else doc2024


def twips(element, attr: str) -> int:
    return int(element.get(qn(f"w:{attr}")))


def header(doc: Doc) -> tuple[list[Para], list[Para], list[Para], list[Para]]:
    table = doc.tables()[0]
    return (
        doc.cell_paragraphs(table, 0, 0),
        doc.cell_paragraphs(table, 0, 1),
        doc.cell_paragraphs(table, 1, 0),
        doc.cell_paragraphs(table, 1, 1),
    )


def texts(paragraphs: list[Para]) -> list[Para]:
    return [p for p in paragraphs if p.text.strip()]


def signature(doc: Doc) -> tuple[list[Para], list[Para]]:
    table = doc.tables()[1]
    return doc.cell_paragraphs(table, 0, 0), doc.cell_paragraphs(table, 0, 1)


def body(doc: Doc) -> list[Para]:
    """Paragraphs between the title block and the signature table."""
    out, started = [], False
    for child in doc.body:
        if child.tag == qn("w:tbl") and started:
            break
        if child.tag == qn("w:p"):
            para = doc.para(child)
            if started and para.text.strip():
                out.append(para)
            if (
                para.style_id == "DuongKe"
                and not started
                and out == []
                and child.getprevious() is not None
                and doc.para(child.getprevious()).style_id == "TrichYeu"
            ):
                started = True
    return out


# -- Page and section ------------------------------------------------------------------


def test_R01_R03_R06_portrait_sections_are_a4_with_margins_in_range(doc2024: Doc) -> None:
    portrait = [
        s for s in doc2024.sections() if s.find("w:pgSz", NS).get(qn("w:orient")) != "landscape"
    ]
    assert portrait
    for sect in portrait:
        size, margin = sect.find("w:pgSz", NS), sect.find("w:pgMar", NS)
        assert (twips(size, "w"), twips(size, "h")) == (11906, 16838)
        assert 1134 <= twips(margin, "top") <= 1417
        assert 1134 <= twips(margin, "bottom") <= 1417
        assert 1701 <= twips(margin, "left") <= 1984
        assert 850 <= twips(margin, "right") <= 1134


def test_R02_landscape_sections_hold_a_table_and_the_first_is_portrait(doc2024: Doc) -> None:
    sections = doc2024.sections()
    assert sections[0].find("w:pgSz", NS).get(qn("w:orient")) != "landscape"
    landscape = [s for s in sections if s.find("w:pgSz", NS).get(qn("w:orient")) == "landscape"]
    assert landscape, "the bundled plan has a task appendix"
    for sect in landscape:
        size = sect.find("w:pgSz", NS)
        assert (twips(size, "w"), twips(size, "h")) == (16838, 11906)
    # the body after the last section break (the appendix) contains the table
    breaks = [
        p for p in doc2024.body.findall("w:p", NS) if p.find("w:pPr/w:sectPr", NS) is not None
    ]
    after = breaks[-1].itersiblings()
    assert any(el.tag == qn("w:tbl") for el in after)


def test_R07_R08_R09_every_run_is_black_unicode_times_new_roman(doc2024: Doc) -> None:
    runs = [run for para in doc2024.all_paragraphs() for run in para.runs()]
    assert len(runs) > 100
    assert {run.font for run in runs} == {"Times New Roman"}
    assert {run.color for run in runs} <= {"auto", "000000"}
    assert not any(run.highlighted for run in runs)
    for part in doc2024.header_parts().values():
        for fonts in part.iter(qn("w:rFonts")):
            assert not fonts.get(qn("w:ascii"), "").startswith((".Vn", "VNI"))


def test_R09b_all_text_is_nfc(doc2024: Doc) -> None:
    text = "".join(p.text for p in doc2024.all_paragraphs())
    assert text == unicodedata.normalize("NFC", text)


# -- Page numbers ----------------------------------------------------------------------


def test_R10_R12_page_number_is_a_centred_page_field_in_the_header(doc2024: Doc) -> None:
    default = doc2024.header_parts()["default"]
    assert "PAGE" in "".join(t.text for t in default.iter(qn("w:instrText")))
    para = doc2024.para(default.find("w:p", NS))
    assert para.alignment == "center"
    run = next(r for r in para.element.iter(qn("w:r")) if r.find("w:t", NS) is not None)
    from docxprops import Run

    number = Run(run, para)
    assert 13 <= number.size <= 14 and not number.bold and not number.italic
    footers = [ref for ref in doc2024.sections()[0].findall("w:footerReference", NS)]
    for ref in footers:
        blob = doc2024.document.part.rels[ref.get(qn("r:id"))].target_part.blob
        assert b"PAGE" not in blob


def test_R13_R14_no_number_on_page_one_and_arabic_from_one(doc2024: Doc) -> None:
    first = doc2024.sections()[0]
    assert first.find("w:titlePg", NS) is not None
    first_header = doc2024.header_parts()["first"]
    assert "PAGE" not in "".join(t.text for t in first_header.iter(qn("w:instrText")))
    numbering = first.find("w:pgNumType", NS)
    assert numbering.get(qn("w:fmt"), "decimal") == "decimal"
    assert numbering.get(qn("w:start"), "1") == "1"


# -- Quốc hiệu, Tiêu ngữ, agency, number, date -------------------------------------------


def test_R15_R20_R23_national_title_and_motto_on_the_right(doc2024: Doc) -> None:
    _, right, _, _ = header(doc2024)
    lines = texts(right)
    assert lines[0].text == QUOC_HIEU
    assert lines[0].all("bold") == {True} and lines[0].all("italic") == {False}
    assert {12 <= s <= 13 for s in lines[0].all("size")} == {True}
    assert lines[1].text == TIEU_NGU
    assert lines[1].all("bold") == {True} and lines[1].all("italic") == {False}
    assert {13 <= s <= 14 for s in lines[1].all("size")} == {True}
    assert lines[0].alignment == lines[1].alignment == "center"
    assert right[1].element is lines[1].element, "no blank paragraph between them"
    for para in lines[:2]:
        assert para.spacing[2] <= 240 and para.spacing[3] == "auto"


def test_R17_R18_national_title_tops_the_right_cell_of_the_first_row(doc2024: Doc) -> None:
    assert doc2024.body[0].tag == qn("w:tbl"), "nothing stands above the header table"
    _, right, _, _ = header(doc2024)
    assert texts(right)[0].text == QUOC_HIEU


def test_R18_an_issued_document_has_no_draft_mark(doc2024: Doc) -> None:
    for part in doc2024.header_parts().values():
        assert "DỰ THẢO" not in "".join(t.text or "" for t in part.iter(qn("w:t")))


def test_R21_a_rule_follows_the_motto(doc2024: Doc) -> None:
    _, right, _, _ = header(doc2024)
    assert right[2].border_bottom() and not right[2].text


def test_R24_R28_issuing_agency_upper_case_bold_centred_with_rule(doc2024: Doc) -> None:
    left, _, _, _ = header(doc2024)
    agency = texts(left)
    assert [p.text for p in agency] == ["ỦY BAN NHÂN DÂN\nTỈNH THỪA THIÊN HUẾ"]
    for para in agency:
        assert para.text == para.text.upper()
        assert {12 <= s <= 13 for s in para.all("size")} == {True}
        assert para.all("bold") == {True}
        assert para.alignment == "center"
    rule = left[-1]
    assert rule.border_bottom() and rule.alignment == "center"
    ind = rule.element.find("w:pPr/w:ind", NS)
    assert ind.get(qn("w:left")) == ind.get(qn("w:right")), "the rule is centred"


def test_R29_R34_number_and_symbol_in_the_decree_form(doc2024: Doc, issue: str) -> None:
    _, _, number_cell, _ = header(doc2024)
    number = texts(number_cell)[0]
    assert number.text == ("Số:      /KH-UBND" if issue == "electronic" else "Số: 26/KH-UBND")
    assert R29.match(number.text)
    assert number.all("size") == {13.0} and number.all("bold") == {False}
    assert number.all("italic") == {False} and number.alignment == "center"
    symbol = number.text.split("/", 1)[1]
    assert " " not in symbol and not re.search(r"\d{4}", symbol)
    assert symbol.split("-")[0] == "KH"


def test_R36_R39_place_and_date_italic_in_the_number_row(doc2024: Doc, issue: str) -> None:
    _, _, _, date_cell = header(doc2024)
    line = texts(date_cell)[0]
    if issue == "electronic":  # the system stamps day and month into the blanks (Art. 15.3)
        assert line.text == "Thừa Thiên Huế, ngày      tháng      năm 2024"
    else:
        assert line.text == "Thừa Thiên Huế, ngày 22 tháng 01 năm 2024"
        assert R36.match(line.text)
    assert line.all("italic") == {True} and line.all("bold") == {False}
    assert {13 <= s <= 14 for s in line.all("size")} == {True}
    assert line.alignment == "center"


# -- Title block and body ------------------------------------------------------------


def test_R40_R42_type_name_and_subject_centred_bold_with_rule(doc2024: Doc) -> None:
    paragraphs = [p for p in doc2024.body_paragraphs()]
    title_index = next(i for i, p in enumerate(paragraphs) if p.text.strip())
    title, subject, rule = paragraphs[title_index : title_index + 3]
    assert title.text == "KẾ HOẠCH" and title.text in TYPE_NAMES
    assert title.alignment == subject.alignment == "center"
    for para in (title, subject):
        assert para.all("bold") == {True} and para.all("italic") == {False}
        assert {13 <= s <= 14 for s in para.all("size")} == {True}
    assert subject.text != subject.text.upper()
    assert subject.text.startswith("Triển khai thực hiện đề án phát triển công nghiệp nông thôn")
    assert rule.border_bottom() and not rule.text


def test_R47_R51_body_is_justified_indented_spaced_in_one_size(doc2024: Doc) -> None:
    paragraphs = body(doc2024)
    assert len(paragraphs) > 40
    sizes = set()
    for para in paragraphs:
        assert para.alignment == "both", para.text
        assert para.first_line in range(547, 588) or para.first_line in range(700, 741)
        before, after, line, rule = para.spacing
        assert before + after >= 120
        assert rule == "auto" and 240 <= line <= 360
        sizes |= para.all("size")
        assert {13 <= s <= 14 for s in para.all("size")} == {True}
    assert len(sizes) == 1


def test_R52_R53_bases_are_italic_and_end_with_semicolons(doc2024: Doc) -> None:
    bases = [p for p in body(doc2024) if p.text.startswith(("Căn cứ", "Thực hiện"))]
    assert len(bases) == 2
    for para in bases:
        assert para.all("italic") == {True}
        assert para.text.endswith(";")


def test_R58_R60_heading_hierarchy(doc2024: Doc) -> None:
    paragraphs = body(doc2024)
    romans = [p for p in paragraphs if re.match(r"^[IVXLC]+\. ", p.text)]
    assert [p.text.split(".")[0] for p in romans] == ["I", "II", "III", "IV"]
    for para in romans:
        assert para.all("bold") == {True} and para.text == para.text.upper()
    titled = [
        p
        for p in paragraphs
        if re.match(r"^[0-9]+\. ", p.text)
        and not p.text.endswith(".")
        and len(p.text.split()) <= 15
    ]
    assert titled and all(p.all("bold") == {True} for p in titled)
    for para in paragraphs:
        if re.match(r"^[a-zđ]\) ", para.text):
            assert para.all("bold") == {False}


def test_R83_body_ends_with_the_end_mark(doc2024: Doc) -> None:
    assert body(doc2024)[-1].text.endswith("./.")


# -- Signature and Nơi nhận ------------------------------------------------------------


def test_R61_R65_signature_block(doc2024: Doc) -> None:
    _, right = signature(doc2024)
    lines = texts(right)
    assert [p.text for p in lines] == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Phan Quý Phương",
    ]
    for para in lines[:3]:
        assert para.all("bold") == {True} and para.text == para.text.upper()
        assert {13 <= s <= 14 for s in para.all("size")} == {True}
    name = lines[-1]
    assert name.all("bold") == {True} and name.all("italic") == {False}
    assert name.text != name.text.upper() and name.alignment == "center"
    assert {13 <= s <= 14 for s in name.all("size")} == {True}
    assert not name.text.startswith(("GS.", "PGS.", "TS.", "ThS.", "KS.", "BS.", "CN."))


def test_R66_R70_recipients(doc2024: Doc) -> None:
    left, _ = signature(doc2024)
    lines = texts(left)
    head, entries = lines[0], lines[1:]
    assert head.text == "Nơi nhận:"
    assert head.all("bold") == {True} and head.all("italic") == {True}
    assert head.all("size") == {12.0} and head.alignment == "left" and head.first_line == 0
    assert len(entries) >= 5
    for entry in entries:
        assert entry.text.startswith("- ")
        assert entry.all("size") == {11.0}
        assert entry.all("bold") == {False} and entry.all("italic") == {False}
    assert all(e.text.endswith(";") for e in entries[:-1])
    assert re.match(r"^- Lưu: VT(, ?[^.]+)?\.", entries[-1].text)


# -- Appendix ------------------------------------------------------------------------


def appendix(doc: Doc) -> list[Para]:
    breaks = [p for p in doc.body.findall("w:p", NS) if p.find("w:pPr/w:sectPr", NS) is not None]
    return [doc.para(el) for el in breaks[0].itersiblings() if el.tag == qn("w:p")]


def test_R73_body_mentions_the_appendix(doc2024: Doc) -> None:
    assert any("Phụ lục" in p.text for p in body(doc2024))


def test_R75_R77_appendix_heading_block(doc2024: Doc, issue: str) -> None:
    heading, title, reference = texts(appendix(doc2024))[:3]
    assert heading.text == "Phụ lục"
    assert heading.alignment == "center" and heading.all("bold") == {True}
    assert heading.all("italic") == {False} and heading.all("size") == {14.0}
    assert title.text == title.text.upper() and title.all("bold") == {True}
    assert title.alignment == "center"
    assert re.match(r"^\(Kèm theo .+\)$", reference.text)
    if issue == "electronic":  # positions kept, not filled in (Phụ lục I III.1.c)
        assert reference.text == (
            "(Kèm theo Kế hoạch số      /KH-UBND ngày      tháng      năm 2024 "
            "của Ủy ban nhân dân tỉnh Thừa Thiên Huế)"
        )
    else:
        assert reference.text == (
            "(Kèm theo Kế hoạch số 26/KH-UBND ngày 22 tháng 01 năm 2024 "
            "của Ủy ban nhân dân tỉnh Thừa Thiên Huế)"
        )
    assert reference.all("italic") == {True}
    assert {13 <= s <= 14 for s in reference.all("size")} == {True}


def test_R78_appendix_is_a_new_section_numbered_from_one(doc2024: Doc) -> None:
    last = doc2024.sections()[-1]
    assert last.find("w:pgNumType", NS).get(qn("w:start")) == "1"
    assert last.find("w:type", NS) is None or last.find("w:type", NS).get(qn("w:val")) == "nextPage"


def test_appendix_table_header_repeats_and_lists_every_task(doc2024: Doc) -> None:
    table = doc2024.tables()[-1]
    rows = table.findall("w:tr", NS)
    assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
    heads = ["".join(t.text for t in tc.iter(qn("w:t"))) for tc in rows[0].findall("w:tc", NS)]
    assert heads == [
        "TT",
        "Nội dung",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Sản phẩm",
        "Thời hạn hoàn thành",
    ]
    numbers = [
        "".join(t.text for t in row.findall("w:tc", NS)[0].iter(qn("w:t"))) for row in rows[1:]
    ]
    assert numbers == [str(n) for n in range(1, len(rows))]


def test_R84_core_properties_come_from_the_plan(doc2024: Doc, issue: str) -> None:
    props = doc2024.document.core_properties
    assert props.title.startswith("Triển khai thực hiện đề án")
    assert props.author == "Ủy ban nhân dân tỉnh Thừa Thiên Huế"
    issued = (1, 1) if issue == "electronic" else (1, 22)  # no date yet: the plan year's start
    assert (props.created.year, props.created.month, props.created.day) == (2024, *issued)


# -- On the rendered page ---------------------------------------------------------------


def test_page_national_title_and_motto_each_on_one_line(pages2024: list[Page]) -> None:
    first = pages2024[0]
    assert first.find(QUOC_HIEU) is not None, [line.text for line in first.lines[:6]]
    assert first.find(TIEU_NGU) is not None


def test_page_rule_under_motto_is_as_long_as_the_motto(pages2024: list[Page]) -> None:
    first = pages2024[0]
    motto = first.find(TIEU_NGU)
    rule = first.rule_below(motto)
    assert rule is not None
    assert abs(rule.width - motto.width) <= 0.25 * motto.width
    assert abs((rule.x0 + rule.x1) / 2 - (motto.x0 + motto.x1) / 2) < 2 * MM


def test_page_rule_under_agency_is_a_third_to_a_half(pages2024: list[Page]) -> None:
    first = pages2024[0]
    agency = first.find("TỈNH THỪA THIÊN HUẾ")
    rule = first.rule_below(agency)
    assert rule is not None
    assert 0.25 * agency.width <= rule.width <= 0.6 * agency.width
    assert abs((rule.x0 + rule.x1) / 2 - (agency.x0 + agency.x1) / 2) < 2 * MM


def test_page_rule_under_subject_is_a_third_to_a_half(pages2024: list[Page]) -> None:
    first = pages2024[0]
    title = first.find("KẾ HOẠCH")
    rule = min((r for r in first.rules if r.y > title.bottom), key=lambda r: r.y)
    subject_lines = [line for line in first.lines if title.bottom < line.top < rule.y]
    assert 1 <= len(subject_lines) <= 3
    assert rule.y - max(line.bottom for line in subject_lines) < 12, "the rule sits under it"
    widest = max(line.width for line in subject_lines)
    assert 0.25 * widest <= rule.width <= 0.6 * widest


def _top_number(page: Page) -> str | None:
    """The text in the top margin (above 20 mm), if any."""
    top = [line.text for line in page.lines if line.bottom < 20 * MM]
    return top[0] if top else None


def test_page_numbers_none_on_page_one_then_from_two(pages2024: list[Page]) -> None:
    portrait = [p for p in pages2024 if not p.landscape]
    assert len(portrait) >= 3
    assert _top_number(portrait[0]) is None
    for page in portrait[1:]:
        assert _top_number(page) == str(page.number)


def test_page_appendix_is_landscape_with_its_own_numbering(pages2024: list[Page]) -> None:
    landscape = [p for p in pages2024 if p.landscape]
    assert len(landscape) >= 2, "the task appendix runs over more than one page"
    assert landscape[0].find("Phụ lục") is not None
    assert _top_number(landscape[0]) is None
    for offset, page in enumerate(landscape[1:], 2):
        assert _top_number(page) == str(offset)


@pytest.mark.parametrize("text", ["TM. ỦY BAN NHÂN DÂN", "Phan Quý Phương", "Nơi nhận:"])
def test_page_signature_block_is_printed(pages2024: list[Page], text: str) -> None:
    assert any(page.find(text) for page in pages2024 if not page.landscape)
