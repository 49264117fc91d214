"""The bundled 2024 plan, built by the CLI, against the checkable rules of nd30.md §11.

`plangen check` (plangen.conformance) judges each rule on effective properties; here every
rule must pass on the 2024 plan, as written and issued electronically, and the values the
document must show (its number, date, signer, appendix reference) are the plan's.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docx.oxml.ns import qn

from conftest import PLANS, run
from docxprops import NS, Doc
from pdfpage import Page, read_pdf, to_pdf
from plangen.conformance import Layout, Result, check


@pytest.fixture(scope="module", params=["as-written", "electronic"])
def issue(request: pytest.FixtureRequest) -> str:
    """The document is checked as written (numbered, dated) and issued electronically."""
    return request.param


@pytest.fixture(scope="module")
def doc2024(issue: str, doc2024: Doc, electronic2024: Doc) -> Doc:
    return electronic2024 if issue == "electronic" else doc2024


@pytest.fixture(scope="module")
def layout(doc2024: Doc) -> Layout:
    return Layout(doc2024)


@pytest.fixture(scope="module")
def results(doc2024: Doc) -> dict[str, Result]:
    return {result.rule.id: result for result in check(doc2024)}


def failed(results: dict[str, Result], *ids: str) -> list[tuple[str, str, object]]:
    """The rules among `ids` that do not pass, with why: [] when all of them pass."""
    return [
        (i, results[i].status, results[i].reason or results[i].problems)
        for i in ids
        if results[i].status != "pass"
    ]


def test_every_rule_that_applies_passes(results: dict[str, Result], issue: str) -> None:
    assert [r.rule.id for r in results.values() if r.status == "fail"] == []
    # what a KẾ HOẠCH without a công văn's parts, a decision's or a second appendix lacks
    not_applicable = {i for i, r in results.items() if r.status == "na"}
    assert not_applicable == {
        *("R22", "R28", "R42", "P01", "P02", "P03"),  # printed: below
        "R26",  # no parent agency line
        *("R35", "R43", "R44", "R45", "R46", "R71"),  # công văn
        *("R53", "R54", "R55", "R72"),  # quyết định
        *("R56", "R57"),  # no Phần, Chương or Mục 1 headings
        "R74",  # one appendix
        *("R79", "R80", "R81", "R82"),  # no urgency, distribution, drafter or address
    } | ({"R30", "R37"} if issue == "electronic" else set())  # no number nor day yet


# -- Page and section ------------------------------------------------------------------


def test_R01_R09b_a4_margins_fonts(results: dict[str, Result], doc2024: Doc) -> None:
    assert failed(results, "R01", "R02", "R03", "R04", "R05", "R06") == []
    assert failed(results, "R07", "R08", "R09", "R09b") == []
    landscape = [s for s in doc2024.sections() if s.find("w:pgSz", NS).get(qn("w:orient"))]
    assert len(landscape) == 1, "the bundled plan has a task appendix"


def test_R10_R14_page_numbers_in_the_header_from_page_two(results: dict[str, Result]) -> None:
    assert failed(results, "R10", "R11", "R12", "R13", "R14") == []


# -- Quốc hiệu, Tiêu ngữ, agency, number, date -------------------------------------------


def test_R15_R23_national_title_and_motto(results: dict[str, Result], layout: Layout) -> None:
    assert failed(results, "R15", "R16", "R17", "R18", "R19", "R20", "R21", "R23") == []
    assert layout.header_table is layout.doc.body[0], "nothing stands above the header"


def test_R18_an_issued_document_has_no_draft_mark(doc2024: Doc) -> None:
    for part in doc2024.header_parts().values():
        assert "DỰ THẢO" not in "".join(t.text or "" for t in part.iter(qn("w:t")))


def test_R24_R27_issuing_agency(results: dict[str, Result], layout: Layout) -> None:
    assert failed(results, "R24", "R25", "R27") == []
    assert [p.text for p in layout.agency] == ["ỦY BAN NHÂN DÂN\nTỈNH THỪA THIÊN HUẾ"]


def test_R29_R34_number_and_symbol(results: dict[str, Result], layout: Layout, issue: str) -> None:
    assert failed(results, "R29", "R31", "R32", "R33", "R34") == []
    assert layout.number is not None
    written = "Số:      /KH-UBND" if issue == "electronic" else "Số: 26/KH-UBND"
    assert layout.number.text == written


def test_R36_R39_place_and_date(results: dict[str, Result], layout: Layout, issue: str) -> None:
    assert failed(results, "R36", "R38", "R39") == []
    assert layout.date is not None
    if issue == "electronic":  # the system stamps day and month into the blanks (Art. 15.3)
        assert layout.date.text == "Thừa Thiên Huế, ngày      tháng      năm 2024"
    else:
        assert layout.date.text == "Thừa Thiên Huế, ngày 22 tháng 01 năm 2024"
        assert failed(results, "R30", "R37") == []


# -- Title block and body ------------------------------------------------------------


def test_R40_R41_type_name_and_subject(results: dict[str, Result], layout: Layout) -> None:
    assert failed(results, "R40", "R41") == []
    assert layout.title is not None and layout.title.text == "KẾ HOẠCH"
    # set on two lines (w:br) where a văn thư breaks it: before the locality
    assert [p.text for p in layout.subject] == [
        "Triển khai thực hiện đề án phát triển công nghiệp nông thôn\ntỉnh Thừa Thiên Huế năm 2024"
    ]


def test_R47_R52_body_and_bases(results: dict[str, Result], layout: Layout) -> None:
    assert failed(results, "R47", "R48", "R49", "R50", "R51", "R52") == []
    assert len(layout.text_body) > 40
    bases = [p for p in layout.body if p.text.startswith("Căn cứ")]
    assert len(bases) == 2 and all(p.text.endswith(";") for p in bases)


def test_R58_R60_heading_hierarchy(results: dict[str, Result], layout: Layout) -> None:
    assert failed(results, "R58", "R59", "R60") == []
    romans = [p.text.split(".")[0] for p in layout.body if p.style_id == "Muc"]
    assert romans == ["I", "II", "III", "IV"]


def test_R83_body_ends_with_the_end_mark(results: dict[str, Result]) -> None:
    assert failed(results, "R83") == []


# -- Signature and Nơi nhận ------------------------------------------------------------


def test_R61_R65_signature_block(results: dict[str, Result], layout: Layout) -> None:
    assert failed(results, "R61", "R62", "R63", "R64", "R65") == []
    _, right = layout.signature_cells()
    assert [p.text for p in right] == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Phan Quý Phương",
    ]


def test_R66_R70_recipients(results: dict[str, Result], layout: Layout) -> None:
    assert failed(results, "R66", "R67", "R68", "R69", "R70") == []
    assert len(layout.recipients) >= 6 and layout.recipients[-1].text == "- Lưu: VT, CT."


# -- Appendix ------------------------------------------------------------------------


def test_R73_R78_appendix(results: dict[str, Result], layout: Layout, issue: str) -> None:
    assert failed(results, "R73", "R75", "R76", "R77", "R78") == []
    ((_, heading),) = layout.appendices
    reference = layout.after(heading, 2)[1]
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


def test_R84_core_properties_come_from_the_plan(
    results: dict[str, Result], doc2024: Doc, issue: str
) -> None:
    assert failed(results, "R84") == []
    props = doc2024.document.core_properties
    assert props.author == "Ủy ban nhân dân tỉnh Thừa Thiên Huế"
    issued = (1, 1) if issue == "electronic" else (1, 22)  # no date yet: the plan year's start
    assert (props.created.year, props.created.month, props.created.day) == (2024, *issued)


# -- On the rendered page ---------------------------------------------------------------


@pytest.fixture(scope="module")
def printed(built: dict[str, Path], pages2024: list[Page]) -> dict[str, Result]:
    return {r.rule.id: r for r in check(Doc(built["2024"]), pages2024)}


def test_page_rules_lengths_numbers_and_signature(printed: dict[str, Result]) -> None:
    assert failed(printed, "R22", "R28", "R42", "P01", "P02", "P03") == []


@pytest.fixture(scope="module")
def long_appendix(tmp_path_factory: pytest.TempPathFactory) -> list[Page]:
    """Hưng Yên's plan as printed: its task appendix runs over several landscape pages
    (the 2024 plan's fits on one)."""
    out = tmp_path_factory.mktemp("long-appendix") / "hung-yen-2021.docx"
    code, output = run("build", str(PLANS / "hung-yen-2021.yaml"), "-o", str(out))
    assert code == 0, output
    return read_pdf(to_pdf(out, out.parent))


def test_page_appendix_is_landscape_with_its_own_numbering(
    pages2024: list[Page], long_appendix: list[Page]
) -> None:
    portrait = [p for p in pages2024 if not p.landscape]
    landscape = [p for p in pages2024 if p.landscape]
    assert len(portrait) >= 3 and landscape
    assert landscape[0].find("Phụ lục") is not None
    continued = [p for p in long_appendix if p.landscape]
    assert len(continued) >= 2, "the task appendix runs over more than one page"
    assert continued[0].find("Phụ lục") is not None
    assert [line.text for line in continued[1].lines[:1]] == ["2"]
