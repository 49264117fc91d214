"""Targets that read as written, paragraphs as documents have them, validate = build's checks."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from conftest import PLANS, TEST_PLANS, run
from docxprops import Doc
from planfiles import built_body, plan, problems, where, with_yaml, write
from plangen.build import build

TARGET_HEADING = """
sections:
  - title: Nội dung
    sections:
      - title: Hoàn thiện ít nhất 500ha mặt bằng sạch để thu hút các nhà đầu tư thứ cấp.
        targets:
          - id: mat-bang-sach
            name: Diện tích mặt bằng sạch
            verb: ít nhất
            value: 500
            unit: ha
            stated: heading
        items: [UBND cấp xã chủ trì thực hiện công tác GPMB.]
      - title: Ít nhất 30% doanh nghiệp được hỗ trợ chuyển đổi số.
        targets:
          - {id: chuyen-doi-so, name: Doanh nghiệp hỗ trợ, value: 30, unit: "%", stated: heading}
        text: Sở Khoa học và Công nghệ chủ trì thực hiện.
      - title: Chỉ tiêu khác
        targets:
          - {id: nuoc-thai, name: KCN có xử lý nước thải, value: 100, unit: "%",
             text: "Tỷ lệ các KCN có công trình xử lý nước thải đạt chuẩn 100%."}
closing: Trên đây là kế hoạch.
"""


def test_a_target_can_be_the_heading_printed_once(tmp_path: Path) -> None:
    texts = [t for _, t in built_body(tmp_path, TARGET_HEADING)]
    assert "1. Hoàn thiện ít nhất 500ha mặt bằng sạch để thu hút các nhà đầu tư thứ cấp." in texts
    assert not any("Diện tích mặt bằng sạch" in t for t in texts)
    assert "- Tỷ lệ các KCN có công trình xử lý nước thải đạt chuẩn 100%." in texts


def test_a_target_stays_data_for_reports(tmp_path: Path) -> None:
    from plangen.model import targets_by_id
    from plangen.validation import validate

    checked = validate(write(tmp_path, with_yaml(TARGET_HEADING)))
    found = targets_by_id(checked.plan)
    assert (found["mat-bang-sach"].value, found["mat-bang-sach"].unit) == (500, "ha")


def test_a_heading_target_must_state_its_value(tmp_path: Path) -> None:
    snippet = TARGET_HEADING.replace("value: 500", "value: 600")
    line, column = where(with_yaml(snippet), "value: |600")
    assert problems(tmp_path, snippet) == [(line, column, "target-not-stated")]


def test_a_bare_thousands_target_value_is_refused(tmp_path: Path) -> None:
    snippet = TARGET_HEADING.replace("value: 500", "value: 1.500")
    line, column = where(with_yaml(snippet), "value: |1.500")
    assert problems(tmp_path, snippet) == [(line, column, "invalid")]


PARAGRAPHS = """
sections:
  - title: Nội dung
    items:
      - Ban Quản lý Khu kinh tế đầu tư hạ tầng kỹ thuật.
      - {text: Cụ thể như sau, mark: none}
      - Ủy ban nhân dân cấp xã hoàn thiện hạ tầng.
    closing:
      - {text: (chi tiết Phụ lục 01 đính kèm), align: center, quiet: [appendix-missing]}
      - {text: Các đơn vị chủ động triển khai., emphasis: italic}
      - {lead: "Về nguồn nhân lực:", text: "Đào tạo, bồi dưỡng nguồn nhân lực chất lượng cao."}
      - {lead: "Về thị trường:", text: Mở rộng thị trường xuất khẩu., mark: "-"}
closing: Trên đây là kế hoạch.
"""


def test_paragraphs_set_apart_as_documents_have_them(tmp_path: Path) -> None:
    out = tmp_path / "plan.docx"
    build(write(tmp_path, with_yaml(PARAGRAPHS)), out)
    paras = {p.text: p for p in Doc(out).body_paragraphs()}
    assert paras["Cụ thể như sau"].style_id == "NoiDung"
    assert paras["- Ủy ban nhân dân cấp xã hoàn thiện hạ tầng."].style_id == "GachDau"
    assert paras["(chi tiết Phụ lục 01 đính kèm)"].alignment == "center"
    assert all(r.italic for r in paras["Các đơn vị chủ động triển khai."].runs())
    lead_in = paras["Về nguồn nhân lực: Đào tạo, bồi dưỡng nguồn nhân lực chất lượng cao."]
    assert [(r.text, r.bold) for r in lead_in.runs()] == [
        ("Về nguồn nhân lực: ", True),
        ("Đào tạo, bồi dưỡng nguồn nhân lực chất lượng cao.", False),
    ]
    assert "- Về thị trường: Mở rộng thị trường xuất khẩu." in paras


def test_a_warning_sits_at_its_paragraph_and_can_be_silenced(tmp_path: Path) -> None:
    loud = PARAGRAPHS.replace(", quiet: [appendix-missing]", "")
    line, column = where(with_yaml(loud), "- |{text: (chi tiết Phụ lục 01")
    assert problems(tmp_path, loud) == [(line, column, "appendix-missing")]
    assert problems(tmp_path, PARAGRAPHS) == []


def test_an_appendix_issued_as_a_separate_file_does_not_warn(tmp_path: Path) -> None:
    loud = PARAGRAPHS.replace(", quiet: [appendix-missing]", "")
    assert problems(tmp_path, "separate_appendices: [Phụ lục 01]\n" + loud) == []


def test_a_long_subject_is_whole_in_the_text_and_cut_only_in_the_title_property(
    tmp_path: Path,
) -> None:
    subject = "Thực hiện Nghị quyết số 34-NQ/TU " + "về phát triển các khu, cụm công nghiệp " * 8
    path = write(tmp_path, plan(subject=subject.strip()))
    assert run("validate", str(path))[0] == 0
    out = tmp_path / "plan.docx"
    assert run("build", str(path), "-o", str(out))[0] == 0
    title = Document(str(out)).core_properties.title
    assert len(title) <= 255 and title.endswith("…")
    assert subject.strip() in [p.text for p in Doc(out).body_paragraphs()]


@pytest.mark.parametrize(
    "path",
    [p for p in sorted(PLANS.glob("*.yaml")) if p.stem != "units"]
    + sorted(TEST_PLANS.glob("*.yaml")),
    ids=lambda p: p.name,
)
def test_what_validate_passes_build_builds(path: Path, tmp_path: Path) -> None:
    code, output = run("validate", str(path))
    built, _ = run("build", str(path), "-o", str(tmp_path / "out.docx"))
    assert (code == 0) == (built == 0), output


def test_targets_can_be_the_rows_of_a_table(tmp_path: Path) -> None:
    snippet = """
    sections:
      - title: Chỉ tiêu năm 2022
        targets:
          - {id: gtsx, name: Giá trị sản xuất, value: "1.280", unit: tỷ đồng, stated: row}
          - {id: lao-dong, name: Lao động qua đào tạo, value: 90, unit: "%", stated: row}
    closing: Trên đây là kế hoạch.
    """
    out = tmp_path / "plan.docx"
    build(write(tmp_path, with_yaml(snippet)), out)
    doc = Doc(out)
    table = doc.tables()[1]
    assert [
        ["".join(p.text for p in doc.cell_paragraphs(table, r, c)) for c in range(4)]
        for r in range(3)
    ] == [
        ["TT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch"],
        ["1", "Giá trị sản xuất", "tỷ đồng", "1.280"],
        ["2", "Lao động qua đào tạo", "%", "90"],
    ]
