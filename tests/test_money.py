"""Money that is never wrong: exact decimals, Vietnamese notation, totals checked at every level."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from planfiles import built_body, diagnose, problems, where, with_yaml
from plangen import vn


def _budget(budget: str) -> str:
    return (
        "sections:\n  - title: Vốn đầu tư\n    budget:\n"
        + "\n".join("      " + line for line in budget.strip("\n").splitlines())
        + "\nclosing: Trên đây là kế hoạch.\n"
    )


@pytest.mark.parametrize(
    ("written", "value", "scale"),
    [
        ("1.280", Decimal("1280"), None),
        ("5.801,28", Decimal("5801.28"), None),
        ("0,25", Decimal("0.25"), None),
        ("250 triệu", Decimal("250"), "triệu"),
        ("7.080 tỷ đồng", Decimal("7080"), "tỷ"),
        ("0.250", Decimal("0.250"), None),  # no thousands group can follow a 0
    ],
)
def test_vietnamese_notation_is_read_exactly(
    written: str, value: Decimal, scale: str | None
) -> None:
    assert vn.read_amount(written) == (value, scale)


def test_a_quoted_amount_prints_as_the_officer_wrote_it(tmp_path: Path) -> None:
    body = built_body(
        tmp_path,
        _budget("""
unit: tỷ đồng
lines:
  - {source: Vốn ngân sách nhà nước, amount: "1.280"}
  - {source: Vốn doanh nghiệp, amount: "5.801,28"}
"""),
    )
    texts = [text for _, text in body]
    assert "Tổng kinh phí thực hiện: 7.081,28 tỷ đồng, trong đó:" in texts
    assert "- Vốn ngân sách nhà nước: 1.280 tỷ đồng;" in texts


def test_a_bare_thousands_number_is_a_located_error_with_both_readings(tmp_path: Path) -> None:
    snippet = _budget("""
unit: tỷ đồng
lines:
  - {source: Vốn ngân sách nhà nước, amount: 1.280}
""")
    line, column = where(with_yaml(snippet), "amount: |1.280")
    assert problems(tmp_path, snippet) == [(line, column, "invalid")]
    [found] = diagnose(tmp_path, with_yaml(snippet))
    assert "1.280 hay 1,28" in found.message and '"1.280"' in found.message


def test_another_scale_is_summed_exactly_in_the_budgets_unit(tmp_path: Path) -> None:
    body = built_body(
        tmp_path,
        _budget("""
unit: tỷ đồng
total: "1,25"
lines:
  - {source: Ngân sách tỉnh, amount: 1}
  - {source: Ngân sách huyện, amount: "250 triệu"}
"""),
    )
    assert ("GachDau", "- Ngân sách huyện: 250 triệu đồng.") in body
    assert ("NoiDung", "Tổng kinh phí thực hiện: 1,25 tỷ đồng, trong đó:") in body


NESTED = """
unit: tỷ đồng
intro: Khái toán tổng số vốn đầu tư thực hiện
total: "7.080"
numbering: ["1", "+"]
lines:
  - source: Vốn ngân sách nhà nước
    amount: "1.280"
    text: "Vốn ngân sách nhà nước: 1.280 tỷ đồng, bao gồm:"
    lines:
      - amount: 285
        text: >-
          Hoàn thiện hạ tầng KCN với tổng số vốn 285 tỷ đồng: Tằng Loỏng (70 tỷ đồng),
          Âu Lâu (215 tỷ đồng).
        lines:
          - {source: Tằng Loỏng, amount: 70, in_text: true}
          - {source: Âu Lâu, amount: 215, in_text: true}
      - {amount: 995, text: "Các dự án đường trục, tổng mức đầu tư 995 tỷ đồng."}
    items:
      - {text: "Trong đó, vốn ngân sách đầu tư các nội dung:", mark: none}
      - Đầu tư hạ tầng kỹ thuật đến chân hàng rào.
  - source: Vốn doanh nghiệp
    amount: "5.800"
    items: [Ứng kinh phí giải phóng mặt bằng.]
"""


def test_sources_with_their_projects_under_them(tmp_path: Path) -> None:
    body = built_body(tmp_path, _budget(NESTED))
    start = body.index(
        ("NoiDung", "Khái toán tổng số vốn đầu tư thực hiện: 7.080 tỷ đồng, trong đó:")
    )
    assert body[start + 1 : start + 8] == [
        ("Khoan", "1. Vốn ngân sách nhà nước: 1.280 tỷ đồng, bao gồm:"),
        (
            "DauCong",
            "+ Hoàn thiện hạ tầng KCN với tổng số vốn 285 tỷ đồng: Tằng Loỏng (70 tỷ đồng), "
            "Âu Lâu (215 tỷ đồng).",
        ),
        ("DauCong", "+ Các dự án đường trục, tổng mức đầu tư 995 tỷ đồng."),
        ("NoiDung", "Trong đó, vốn ngân sách đầu tư các nội dung:"),
        ("GachDau", "- Đầu tư hạ tầng kỹ thuật đến chân hàng rào."),
        ("Khoan", "2. Vốn doanh nghiệp: 5.800 tỷ đồng"),
        ("GachDau", "- Ứng kinh phí giải phóng mặt bằng."),
    ]


def test_a_wrong_total_is_found_at_every_level(tmp_path: Path) -> None:
    snippet = _budget(
        NESTED.replace('total: "7.080"', 'total: "7.081"').replace(
            "Âu Lâu, amount: 215", "Âu Lâu, amount: 216"
        )
    )
    text = with_yaml(snippet)
    assert problems(tmp_path, snippet) == [
        (*where(text, 'total: |"7.081"'), "budget-total"),
        (*where(text, "- amount: |285"), "budget-total"),
        (*where(text, "{source: Âu Lâu, amount: |216"), "budget-amount-text"),
    ]


def test_a_line_must_state_the_amount_it_counts(tmp_path: Path) -> None:
    snippet = _budget("""
unit: tỷ đồng
lines:
  - {amount: 208, text: "Dự án đường trục chính, tổng mức đầu tư 173 tỷ."}
""")
    line, column = where(with_yaml(snippet), "amount: |208")
    assert problems(tmp_path, snippet) == [(line, column, "budget-amount-text")]


def test_a_line_with_neither_source_nor_text_is_a_located_error(tmp_path: Path) -> None:
    snippet = _budget("""
unit: tỷ đồng
lines:
  - {source: Ngân sách tỉnh, amount: "0,5"}
  - {amount: "0,25"}
""")
    line, column = where(with_yaml(snippet), '- |{amount: "0,25"}')
    assert problems(tmp_path, snippet) == [(line, column, "budget-line-words")]


def test_lines_without_amounts_need_no_total(tmp_path: Path) -> None:
    body = built_body(
        tmp_path,
        _budget("""
intro: Kinh phí thực hiện từ các nguồn
lines:
  - source: Ngân sách nhà nước
  - source: Nguồn vốn hợp pháp khác
"""),
    )
    assert ("NoiDung", "Kinh phí thực hiện từ các nguồn:") in body
    assert ("GachDau", "- Nguồn vốn hợp pháp khác.") in body


def test_the_bundled_lao_cai_budget_is_data_that_adds_up() -> None:
    from conftest import PLANS
    from plangen.model import targets_by_id
    from plangen.validation import validate

    plan = validate(PLANS / "lao-cai-134-2026.yaml").plan
    [budget] = [s.budget for s in plan.sections if s.budget]
    assert budget.sum == Decimal(7080)  # 1.280 (NSNN) + 5.800 (doanh nghiệp), as issued
    assert [line.in_unit(budget.unit) for line in budget.lines] == [Decimal(1280), Decimal(5800)]
    assert {t.value for t in targets_by_id(plan).values()} == {500, 100, 30}


BY_YEAR = """
unit: triệu đồng
years: [2026, 2027]
intro: Tổng kinh phí thực hiện (triệu đồng)
lines:
  - source: Ngân sách tỉnh
    amount: "1.500"
    by_year: {2026: 700, 2027: 800}
  - source: Vốn doanh nghiệp
    by_year: {2026: "1.000", 2027: "1.200,5"}
"""


def test_a_budget_by_year_is_a_table_with_years_as_columns(tmp_path: Path) -> None:
    from docx.oxml.ns import qn

    from docxprops import Doc
    from planfiles import write
    from plangen.build import build

    out = tmp_path / "plan.docx"
    build(write(tmp_path, with_yaml(_budget(BY_YEAR))), out)
    doc = Doc(out)
    table = doc.tables()[1]
    rows = [
        ["".join(p.text for p in doc.cell_paragraphs(table, r, c)) for c in range(5)]
        for r in range(len(table.findall(qn("w:tr"))))
    ]
    assert rows == [
        ["TT", "Nguồn kinh phí", "Năm 2026", "Năm 2027", "Tổng cộng"],
        ["1", "Ngân sách tỉnh", "700", "800", "1.500"],
        ["2", "Vốn doanh nghiệp", "1.000", "1.200,5", "2.200,5"],
        ["", "Tổng cộng", "1.700", "2.000,5", "3.700,5"],
    ]
    texts = [p.text for p in doc.body_paragraphs()]
    assert "Tổng kinh phí thực hiện (triệu đồng): 3.700,5 triệu đồng, trong đó:" in texts


def test_a_years_sum_must_equal_the_lines_amount(tmp_path: Path) -> None:
    snippet = _budget(BY_YEAR.replace('amount: "1.500"', 'amount: "1.600"'))
    line, column = where(with_yaml(snippet), 'amount: |"1.600"')
    assert problems(tmp_path, snippet) == [(line, column, "budget-total")]


def test_a_year_not_among_the_budgets_years_is_a_located_error(tmp_path: Path) -> None:
    snippet = _budget(
        BY_YEAR.replace("by_year: {2026: 700, 2027: 800}", "by_year: {2026: 700, 2028: 800}")
    )
    line, column = where(with_yaml(snippet), "2026: 700, |2028: 800")
    assert problems(tmp_path, snippet) == [(line, column, "budget-year")]


def test_the_inline_form_with_colons(tmp_path: Path) -> None:
    body = built_body(
        tmp_path,
        _budget("""
unit: tỷ đồng
inline: true
inline_form: colon
lines:
  - {source: Ngân sách tỉnh, amount: "0,5"}
  - {source: Ngân sách huyện, amount: "0,25"}
"""),
    )
    assert (
        "NoiDung",
        "Tổng kinh phí thực hiện 0,75 tỷ đồng, trong đó: Ngân sách tỉnh: 0,5 tỷ đồng; "
        "Ngân sách huyện: 0,25 tỷ đồng.",
    ) in body


SEVERAL = """
sections:
  - title: Kinh phí hạ tầng
    budget:
      unit: tỷ đồng
      total: "1.280"
      lines:
        - {source: Ngân sách tỉnh, amount: "1.000"}
        - {source: Ngân sách huyện, amount: 280}
  - title: Kinh phí xúc tiến
    budget:
      unit: triệu đồng
      total: 500
      lines:
        - {source: Ngân sách tỉnh, amount: 300}
        - {source: Xã hội hóa, amount: 200}
closing: Trên đây là kế hoạch.
"""


def test_several_budgets_in_one_document_each_checked_in_its_own_unit(tmp_path: Path) -> None:
    texts = [text for _, text in built_body(tmp_path, SEVERAL)]
    assert "Tổng kinh phí thực hiện: 1.280 tỷ đồng, trong đó:" in texts
    assert "Tổng kinh phí thực hiện: 500 triệu đồng, trong đó:" in texts
    snippet = SEVERAL.replace("total: 500", "total: 600")
    line, column = where(with_yaml(snippet), "total: |600")
    assert problems(tmp_path, snippet) == [(line, column, "budget-total")]
