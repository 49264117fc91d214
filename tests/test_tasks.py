"""Tasks as offices assign them: several leads, groups, the assignment line as a choice,
deadlines as written, the Tổ chức thực hiện in the document's order."""

from __future__ import annotations

from pathlib import Path

import pytest

from docxprops import Doc
from planfiles import built_body, problems, where, with_yaml, write
from plangen import vn
from plangen.build import build

UNITS = """
units:
  SCT: Sở Công Thương
  STC: Sở Tài chính
  SXD: Sở Xây dựng
  UBX: Ủy ban nhân dân cấp xã
"""


def _tasks(task_fields: str, top: str = "") -> str:
    return (
        top
        + UNITS
        + """
sections:
  - title: Nội dung
    tasks:
      - id: t1
        title: Thành lập mới các cụm công nghiệp.
"""
        + task_fields
        + "closing: Trên đây là kế hoạch.\n"
    )


def texts(folder: Path, snippet: str) -> list[str]:
    return [text for _, text in built_body(folder, snippet)]


def test_by_default_a_task_prints_only_what_the_author_wrote(tmp_path: Path) -> None:
    body = texts(tmp_path, _tasks("        lead: SCT\n        due: Quý II/2022\n"))
    assert "1. Thành lập mới các cụm công nghiệp." in body
    assert not any("chủ trì" in t for t in body)


def test_the_assignment_can_be_one_inline_sentence(tmp_path: Path) -> None:
    fields = "        lead: [SCT, SXD]\n        support: [STC, UBX]\n        due: Quý II/2022\n"
    body = texts(tmp_path, _tasks(fields, "assignment: sentence\n"))
    assert (
        "Sở Công Thương và Sở Xây dựng chủ trì, phối hợp với Sở Tài chính và Ủy ban nhân dân "
        "cấp xã thực hiện; hoàn thành trong Quý II/2022."
    ) in body


def test_a_recurring_deadline_reads_in_the_sentence(tmp_path: Path) -> None:
    fields = "        lead: SCT\n        due: Thường xuyên\n        assignment: sentence\n"
    assert "Sở Công Thương chủ trì thực hiện thường xuyên." in texts(tmp_path, _tasks(fields))


def test_todays_line_is_a_choice_with_the_documents_separator(tmp_path: Path) -> None:
    fields = "        lead: [SCT, SXD]\n        support: [STC, UBX]\n        due: 2022\n"
    body = texts(tmp_path, _tasks(fields, 'assignment: line\nseparator: "; "\n'))
    assert (
        "Cơ quan chủ trì: Sở Công Thương; Sở Xây dựng; cơ quan phối hợp: Sở Tài chính; "
        "Ủy ban nhân dân cấp xã; thời hạn hoàn thành: Năm 2022."
    ) in body


def test_a_task_may_choose_otherwise_than_the_document(tmp_path: Path) -> None:
    fields = "        lead: SCT\n        assignment: none\n"
    body = texts(tmp_path, _tasks(fields, "assignment: line\n"))
    assert not any(t.startswith("Cơ quan chủ trì") for t in body)


GROUP = """
        tasks:
          - id: t11
            title: Tổ chức hội nghị phổ biến.
            lead: SCT
            due: Quý III, IV/2022
          - id: t12
            title: Tổ chức các chương trình truyền thông.
            lead: [SCT, UBX]
            support: [STC]
            due: Thường xuyên
appendices:
  - title: Danh mục nhiệm vụ
    table: tasks
    fields: [number, title, lead, support, due]
    columns: [TT, Nội dung hoạt động, Cơ quan chủ trì, Cơ quan phối hợp, Thời gian thực hiện]
"""


def test_a_group_task_has_no_lone_assignment_after_its_tasks(tmp_path: Path) -> None:
    snippet = _tasks(GROUP, "assignment: line\n").replace("closing: ", "closing: Phụ lục. ")
    body = texts(tmp_path, snippet)
    start = body.index("1. Thành lập mới các cụm công nghiệp.")
    assert body[start + 1 : start + 5] == [
        "a) Tổ chức hội nghị phổ biến.",
        "Cơ quan chủ trì: Sở Công Thương; thời hạn hoàn thành: Quý III, IV/2022.",
        "b) Tổ chức các chương trình truyền thông.",
        "Cơ quan chủ trì: Sở Công Thương, Ủy ban nhân dân cấp xã; cơ quan phối hợp: Sở Tài "
        "chính; thời hạn hoàn thành: Thường xuyên.",
    ]


def test_the_task_appendix_keeps_the_groups_with_the_documents_columns(tmp_path: Path) -> None:
    out = tmp_path / "plan.docx"
    build(write(tmp_path, with_yaml(_tasks(GROUP).replace("closing: ", "closing: Phụ lục. "))), out)
    doc = Doc(out)
    table = doc.tables()[-1]

    def row(number: int) -> list[str]:
        return ["".join(p.text for p in doc.cell_paragraphs(table, number, c)) for c in range(5)]

    assert row(0) == ["TT", "Nội dung hoạt động", "Cơ quan chủ trì", "Cơ quan phối hợp",
                      "Thời gian thực hiện"]  # fmt: skip
    assert row(1) == ["1", "Thành lập mới các cụm công nghiệp.", "", "", ""]
    assert row(2) == ["a)", "Tổ chức hội nghị phổ biến.", "Sở Công Thương", "", "Quý III, IV/2022"]
    assert row(3)[0] == "b)"
    group, task = doc.cell_paragraphs(table, 1, 1)[0], doc.cell_paragraphs(table, 2, 1)[0]
    assert all(run.bold for run in group.runs()) and not any(run.bold for run in task.runs())


def test_a_units_cell_begins_with_a_capital_and_the_sentence_keeps_the_name(
    tmp_path: Path,
) -> None:
    snippet = _tasks(
        "        lead: SCT\n        support: [LQ]\n        due: Thường xuyên\n",
        "assignment: line\n",
    )
    snippet = snippet.replace("units:\n", "units:\n  LQ: các cơ quan, đơn vị có liên quan\n")
    snippet += "appendices:\n  - {title: Danh mục nhiệm vụ, table: tasks}\n"
    out = tmp_path / "plan.docx"
    build(write(tmp_path, with_yaml(snippet.replace("closing: ", "closing: Phụ lục. "))), out)
    doc = Doc(out)
    table = doc.tables()[-1]
    assert "".join(p.text for p in doc.cell_paragraphs(table, 1, 3)) == (
        "Các cơ quan, đơn vị có liên quan"
    )
    assert "cơ quan phối hợp: các cơ quan, đơn vị có liên quan" in "".join(
        p.text for p in doc.body_paragraphs()
    )


def test_a_task_without_a_lead_or_tasks_is_a_located_error(tmp_path: Path) -> None:
    snippet = _tasks("        due: 2022\n")
    line, column = where(with_yaml(snippet), "- |id: t1")
    assert problems(tmp_path, snippet) == [(line, column, "task-lead")]


@pytest.mark.parametrize(
    ("due", "span"),
    [
        ("Quý III, IV/2026", ("2026-07-01", "2026-12-31")),
        ("Quý IV/2026, 2027", ("2026-10-01", "2027-12-31")),
        ("6 tháng đầu năm 2026", ("2026-01-01", "2026-06-30")),
        ("Trước ngày 15/12/2026", ("2026-12-15", "2026-12-15")),
        ("quý IV năm 2026", ("2026-10-01", "2026-12-31")),
        ("Tháng 6, 7/2026", ("2026-06-01", "2026-07-31")),
        ("Năm 2026", ("2026-01-01", "2026-12-31")),
    ],
)
def test_deadlines_are_read_as_offices_write_them(due: str, span: tuple[str, str]) -> None:
    found = vn.parse_due(due)
    assert found is not None
    assert (found[0].isoformat(), found[1].isoformat()) == span


@pytest.mark.parametrize("due", ["Hằng năm", "Thường xuyên"])
def test_recurring_deadlines_have_no_span(due: str) -> None:
    assert vn.parse_due(due) is None


def test_a_deadline_outside_the_period_is_a_located_error(tmp_path: Path) -> None:
    snippet = _tasks("        lead: SCT\n        due: Quý IV/2022, 2023\n")
    line, column = where(with_yaml(snippet), "due: |Quý IV/2022, 2023")
    assert problems(tmp_path, snippet) == [(line, column, "due-outside")]


def test_a_deadline_not_understood_lists_the_forms(tmp_path: Path) -> None:
    snippet = _tasks("        lead: SCT\n        due: Cuối năm\n")
    line, column = where(with_yaml(snippet), "due: |Cuối năm")
    assert problems(tmp_path, snippet) == [(line, column, "due-invalid")]
    with pytest.raises(ValueError, match="Quý III, IV/2026"):
        vn.parse_due("Cuối năm")


ORGANISATION = """
  - title: Tổ chức thực hiện
    organization:
      from_tasks: false
      duties:
        - unit: SXD
          items: [Hướng dẫn quy hoạch xây dựng.]
        - unit: SCT
          text: Chủ trì tổng hợp, báo cáo kết quả thực hiện.
"""


def test_the_organisation_follows_the_duties_and_a_plain_duty_has_no_dash(tmp_path: Path) -> None:
    snippet = _tasks("        lead: SCT\n").replace("closing:", ORGANISATION + "closing:")
    body = texts(tmp_path, snippet)
    start = body.index("II. TỔ CHỨC THỰC HIỆN")
    assert body[start + 1 : start + 5] == [
        "1. Sở Xây dựng",
        "- Hướng dẫn quy hoạch xây dựng.",
        "2. Sở Công Thương",
        "Chủ trì tổng hợp, báo cáo kết quả thực hiện.",
    ]


def test_an_explicit_order_wins(tmp_path: Path) -> None:
    snippet = _tasks("        lead: SCT\n").replace(
        "closing:", ORGANISATION + "      order: [SCT, SXD]\nclosing:"
    )
    body = texts(tmp_path, snippet)
    assert body.index("1. Sở Công Thương") < body.index("2. Sở Xây dựng")


def test_a_duty_with_neither_text_nor_items_is_a_located_error(tmp_path: Path) -> None:
    duties = """
  - title: Tổ chức thực hiện
    organization:
      duties:
        - {unit: SXD, text: Hướng dẫn quy hoạch xây dựng.}
        - unit: SCT
"""
    snippet = _tasks("        lead: SCT\n").replace("closing:", duties + "closing:")
    line, column = where(with_yaml(snippet), "- |unit: SCT")
    assert problems(tmp_path, snippet) == [(line, column, "duty-empty")]
