"""A báo cáo that stands alone: its own figures, worded from data, with no plan file."""

from __future__ import annotations

from pathlib import Path

from planfiles import built_body, problems, where, with_yaml

ALONE = """
kind: bao-cao
subject: Kết quả thực hiện Chỉ thị số 05/CT-UBND năm 2022
recipients: [Sở Công Thương Quảng Trị]
results:
  targets:
    gtsx: {name: Giá trị sản xuất công nghiệp, planned: 12, unit: "%", achieved: "13,5"}
    lao-dong: {name: Lao động được đào tạo, planned: 500, unit: người, achieved: 450,
               note: do dịch bệnh}
    ocop: {name: Sản phẩm OCOP, planned: 3, unit: sản phẩm, achieved: 3}
  tasks:
    quy-hoach: {title: Rà soát quy hoạch cụm công nghiệp, status: hoàn thành}
sections:
  - title: Kết quả thực hiện các chỉ tiêu
    report: targets
  - title: Tình hình thực hiện nhiệm vụ
    report: tasks
closing: Trên đây là báo cáo.
"""


def test_a_report_on_no_plan_words_its_own_figures(tmp_path: Path) -> None:
    texts = [text for _, text in built_body(tmp_path, ALONE)]
    assert "- Giá trị sản xuất công nghiệp: kế hoạch 12%, thực hiện 13,5% (vượt kế hoạch)." in texts
    assert (
        "- Lao động được đào tạo: kế hoạch 500 người, thực hiện 450 người (chưa đạt kế hoạch); "
        "do dịch bệnh."
    ) in texts
    assert "- Sản phẩm OCOP: kế hoạch 3 sản phẩm, thực hiện 3 sản phẩm (đạt kế hoạch)." in texts
    assert "- Rà soát quy hoạch cụm công nghiệp: hoàn thành." in texts


def test_a_result_without_its_target_is_a_located_error(tmp_path: Path) -> None:
    snippet = ALONE.replace("name: Sản phẩm OCOP, planned: 3, ", "")
    line, column = where(with_yaml(snippet), "|ocop:")
    assert problems(tmp_path, snippet) == [(line, column, "report-result-alone")]


def test_a_report_section_with_neither_a_plan_nor_results_is_a_located_error(
    tmp_path: Path,
) -> None:
    snippet = ALONE[: ALONE.index("results:")] + ALONE[ALONE.index("sections:") :]
    text = with_yaml(snippet)
    assert problems(tmp_path, snippet) == [
        (*where(text, "report: |targets"), "report-plan-missing"),
        (*where(text, "report: |tasks"), "report-plan-missing"),
    ]
