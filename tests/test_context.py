"""Plan → finished strings: numbering, derived duties, totals, citations, the appendix rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from planfiles import plan, write
from plangen import context
from plangen.model import Plan
from plangen.validation import validate

MINIMAL = Path(__file__).parent / "plans" / "minimal.yaml"


@pytest.fixture(scope="module")
def minimal() -> Plan:
    return validate(MINIMAL).plan


@pytest.fixture(scope="module")
def texts(minimal: Plan) -> list[str]:
    return [block.text for block in context.body(minimal)]


def test_bases_are_cited_in_the_standard_wording(texts: list[str]) -> None:
    assert texts[0] == (
        "Căn cứ Quyết định số 597/QĐ-UBND ngày 12/3/2019 của UBND tỉnh "
        "về việc phê duyệt đề án phát triển CNNT;"
    )


def test_a_law_is_cited_by_name_and_long_date(texts: list[str]) -> None:
    assert texts[1] == "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"


def test_the_last_basis_ends_with_a_full_stop_when_no_preamble_follows(tmp_path: Path) -> None:
    built = validate(write(tmp_path, plan())).plan
    assert context.basis_text(built, 0).endswith("về công nghiệp.")
    assert context.basis_text(built, 0).startswith("Thực hiện Kế hoạch số 18/KH-UBND")


def test_sections_are_numbered_roman_arabic_then_letters(texts: list[str]) -> None:
    headings = [t for t in texts if t[:3] in {"I. ", "II.", "III", "IV.", "V. "}]
    assert headings == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. CHỈ TIÊU",
        "III. NỘI DUNG THỰC HIỆN",
        "IV. KINH PHÍ THỰC HIỆN",
        "V. TỔ CHỨC THỰC HIỆN",
    ]
    assert "1. Mục đích" in texts and "2. Yêu cầu" in texts


def test_bullets_take_a_dash_and_sub_bullets_a_plus(texts: list[str]) -> None:
    start = texts.index("- Phân công rõ:")
    assert texts[start - 1] == "- Bám sát thực tiễn."
    assert texts[start + 1 : start + 3] == ["+ Đơn vị chủ trì", "+ Đơn vị phối hợp"]


def test_targets_read_as_sentences_with_vietnamese_numbers(texts: list[str]) -> None:
    assert "- Tốc độ tăng giá trị sản xuất công nghiệp đạt 7-8%." in texts
    assert "- Tổng giá trị sản xuất công nghiệp đạt trên 1.110 tỷ đồng." in texts


def test_tasks_are_numbered_and_end_with_their_assignment(texts: list[str]) -> None:
    start = texts.index("1. Đầu tư hạ tầng cụm công nghiệp")
    assert texts[start + 1] == "- Rà soát quy hoạch."
    assert texts[start + 2] == (
        "Cơ quan chủ trì: Sở Công Thương; cơ quan phối hợp: Sở Kế hoạch và Đầu tư, UBND các "
        "huyện, thị xã và thành phố Huế; sản phẩm: Báo cáo; thời hạn hoàn thành: Quý II/2024."
    )


def test_the_budget_total_is_computed_at_the_finest_scale(texts: list[str]) -> None:
    start = texts.index("Tổng kinh phí thực hiện: 0,935 tỷ đồng, trong đó:")
    assert texts[start + 1 : start + 4] == [
        "- Kinh phí khuyến công quốc gia: 0,250 tỷ đồng;",
        "- Kinh phí khuyến công cấp tỉnh: 0,3 tỷ đồng;",
        "- Kinh phí khuyến công cấp huyện: 0,385 tỷ đồng.",
    ]


def test_organisation_lists_units_with_duties_first_then_the_tasks_units(texts: list[str]) -> None:
    start = texts.index("V. TỔ CHỨC THỰC HIỆN")
    assert texts[start + 1 : start + 4] == [
        "1. UBND các huyện, thị xã và thành phố Huế",
        "- Phối hợp thực hiện nhiệm vụ: “Đầu tư hạ tầng cụm công nghiệp” (khoản 1 Mục III).",
        "- Báo cáo định kỳ.",
    ]
    second = texts.index("2. Sở Công Thương")
    assert texts[second + 1 : second + 3] == [
        "- Chủ trì thực hiện nhiệm vụ: “Đầu tư hạ tầng cụm công nghiệp” (khoản 1 Mục III).",
        "- Phối hợp thực hiện nhiệm vụ: “Hỗ trợ khuyến công” (khoản 2 Mục III).",
    ]
    assert "3. Sở Kế hoạch và Đầu tư" in texts


def test_the_body_ends_with_the_end_mark(texts: list[str]) -> None:
    assert texts[-1] == "Trên đây là Kế hoạch phát triển công nghiệp nông thôn năm 2024./."


def test_sub_sections_after_organisation_continue_its_numbering(tmp_path: Path) -> None:
    sections = [
        *plan()["sections"],
        {
            "title": "Tổ chức thực hiện",
            "organization": {"from_tasks": True},
            "sections": [{"title": "Chế độ báo cáo", "text": "Trước ngày 15/12."}],
        },
    ]
    built = validate(write(tmp_path, plan(sections=sections))).plan
    texts = [b.text for b in context.body(built)]
    units = [t for t in texts if t[:3] in {"1. ", "2. ", "3. "}]
    assert units == [
        "1. Quy hoạch",
        "1. Phòng Kinh tế và Hạ tầng",
        "2. Phòng Tài chính - Kế hoạch",
        "3. Chế độ báo cáo",
    ]


def test_the_template_context_holds_finished_header_strings(minimal: Plan) -> None:
    ctx = context.build_context(minimal)
    assert ctx.issuer_parent == context.AgencyName("Ủy ban nhân dân tỉnh Thừa Thiên Huế")
    assert ctx.issuer == context.AgencyName("Sở Công Thương")
    assert ctx.number_line == "Số: 05/KH-SCT"
    assert ctx.place_date == "Thừa Thiên Huế, ngày 05 tháng 02 năm 2024"
    assert ctx.type_name == "KẾ HOẠCH"
    assert ctx.authority_lines == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
    assert ctx.recipient_lines[-1] == "- Lưu: VT, KHTC."
    assert not ctx.draft
    assert ctx.metadata.subject == "Kế hoạch 05/KH-SCT"
    assert ctx.metadata.keywords == "KH; 2024"


def test_a_kind_without_a_code_keeps_only_the_year_as_keyword(tmp_path: Path) -> None:
    letter = plan(kind="cong-van", to=["Sở Công Thương"], recipients=["Như trên"])
    assert context.build_context(validate(write(tmp_path, letter)).plan).metadata.keywords == "2022"


def test_the_appendix_is_a_task_table_referring_to_the_plan(minimal: Plan) -> None:
    (page,) = context.appendices(minimal)
    assert page.heading == "Phụ lục" and page.title == "DANH MỤC NHIỆM VỤ"
    assert page.reference == (
        "(Kèm theo Kế hoạch số 05/KH-SCT ngày 05 tháng 02 năm 2024 của Sở Công Thương)"
    )
    assert page.table.rows == [
        [
            "1",
            "Đầu tư hạ tầng cụm công nghiệp",
            "Sở Công Thương",
            "Sở Kế hoạch và Đầu tư, UBND các huyện, thị xã và thành phố Huế",
            "Báo cáo",
            "Quý II/2024",
        ],
        ["2", "Hỗ trợ khuyến công", "Sở Kế hoạch và Đầu tư", "Sở Công Thương", "Đề án", "Năm 2024"],
    ]


def test_several_appendices_are_numbered_in_roman(tmp_path: Path) -> None:
    data = plan(
        closing="Xem Phụ lục.",
        appendices=[
            {"title": "Danh mục", "table": "tasks"},
            {"title": "Bảng", "columns": ["A"], "rows": [["1"]]},
        ],
    )
    built = validate(write(tmp_path, data)).plan
    assert [p.heading for p in context.appendices(built)] == ["Phụ lục I", "Phụ lục II"]


def test_a_draft_leaves_number_and_date_blank_in_the_appendix_reference(tmp_path: Path) -> None:
    data = plan(
        number=None,
        date=None,
        closing="Xem Phụ lục.",
        appendices=[{"title": "Danh mục", "table": "tasks"}],
    )
    built = validate(write(tmp_path, data)).plan
    assert context.reference_line(built) == (
        "(Kèm theo Kế hoạch số      /KH-UBND ngày      tháng      năm 2022 "
        "của Ủy ban nhân dân huyện Vĩnh Linh)"
    )
    assert context.build_context(built).draft
