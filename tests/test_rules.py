"""Meaning rules: one failing example each, reported at the line and column of the mistake."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from planfiles import BASE, diagnose, plan, where, write


def task(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE["sections"][1]["tasks"][0])
    data.update(changes)
    return data


def with_task(**changes: Any) -> dict[str, Any]:
    sections = copy.deepcopy(BASE["sections"])
    sections[1]["tasks"] = [task(**changes)]
    return plan(sections=sections)


def located(tmp_path: Path, data: dict[str, Any], code: str, needle: str) -> None:
    """Exactly one diagnostic with `code`, at the place where `needle` is written."""
    diagnostics = diagnose(tmp_path, data)
    found = [d for d in diagnostics if d.code == code]
    assert len(found) == 1, [str(d) for d in diagnostics]
    assert (found[0].line, found[0].column) == where(tmp_path / "plan.yaml", needle)
    assert found[0].path.endswith("plan.yaml")


def test_the_base_plan_is_valid(tmp_path: Path) -> None:
    assert diagnose(tmp_path, plan()) == []


def test_plan_date_outside_its_year_is_reported_at_the_date(tmp_path: Path) -> None:
    located(tmp_path, plan(date="2019-05-01"), "date-plan-year", "'2019-05-01'")


def test_a_plan_dated_the_year_before_is_fine(tmp_path: Path) -> None:
    assert diagnose(tmp_path, plan(date="2021-12-20", bases=[])) == []


def test_a_basis_issued_after_the_plan_is_reported_at_its_date(tmp_path: Path) -> None:
    bases = [dict(BASE["bases"][0], date="2022-03-01")]
    located(tmp_path, plan(bases=bases), "date-basis-order", "'2022-03-01'")


def test_a_reversed_period_is_reported(tmp_path: Path) -> None:
    located(tmp_path, plan(period={"start": 2025, "end": 2021}), "period-order", "start")


def test_a_year_outside_the_period_is_reported(tmp_path: Path) -> None:
    located(tmp_path, plan(period={"start": 2023, "end": 2025}), "period-year", "2022\n")


def test_an_impossible_deadline_is_reported_at_the_deadline(tmp_path: Path) -> None:
    located(tmp_path, with_task(due="30/02/2022"), "due-invalid", "30/02/2022")


def test_a_deadline_outside_the_plan_period_is_reported(tmp_path: Path) -> None:
    located(tmp_path, with_task(due="Quý I/2023"), "due-outside", "Quý I/2023")


def test_an_unknown_lead_unit_is_reported_where_it_is_used(tmp_path: Path) -> None:
    located(tmp_path, with_task(lead="KTTH"), "unknown-unit", "KTTH")


def test_an_unknown_supporting_unit_is_reported_with_a_suggestion(tmp_path: Path) -> None:
    data = with_task(support=["TCKHH"])
    located(tmp_path, data, "unknown-unit", "TCKHH")
    assert "TCKH" in diagnose(tmp_path, data)[0].message


def test_an_unknown_unit_in_extra_duties_is_reported(tmp_path: Path) -> None:
    sections = copy.deepcopy(BASE["sections"])
    sections.append(
        {
            "title": "Tổ chức thực hiện",
            "organization": {"duties": [{"unit": "XYZ", "items": ["Báo cáo."]}]},
        }
    )
    located(tmp_path, plan(sections=sections), "unknown-unit", "XYZ")


def test_units_may_come_from_a_shared_file(tmp_path: Path) -> None:
    write(
        tmp_path, "KTHT: Phòng Kinh tế và Hạ tầng\nTCKH: Phòng Tài chính - Kế hoạch\n", "units.yaml"
    )
    assert diagnose(tmp_path, plan(units="units.yaml")) == []


def test_a_duplicate_task_id_is_reported_at_the_second(tmp_path: Path) -> None:
    sections = copy.deepcopy(BASE["sections"])
    sections[1]["tasks"].append(task(title="Lần hai"))
    diagnostics = diagnose(tmp_path, plan(sections=sections))
    assert [d.code for d in diagnostics] == ["duplicate-id"]
    assert diagnostics[0].line == where(tmp_path / "plan.yaml", "id: t1", 2)[0]


def test_sections_deeper_than_three_levels_are_refused(tmp_path: Path) -> None:
    deep = {
        "title": "A",
        "sections": [
            {"title": "B", "sections": [{"title": "C", "sections": [{"title": "D", "text": "x"}]}]}
        ],
    }
    located(tmp_path, plan(sections=[*BASE["sections"], deep]), "section-depth", "title: D")


def test_bullets_deeper_than_two_levels_are_refused(tmp_path: Path) -> None:
    items = [{"text": "-", "items": [{"text": "+", "items": ["quá sâu"]}]}]
    data = plan(sections=[*BASE["sections"], {"title": "X", "items": items}])
    diagnostics = diagnose(tmp_path, data)
    assert [d.code for d in diagnostics] == ["item-depth"]
    assert diagnostics[0].line == where(tmp_path / "plan.yaml", "quá sâu")[0]


def test_a_stated_total_that_is_not_the_sum_is_reported_at_the_total(tmp_path: Path) -> None:
    budget = {
        "unit": "tỷ đồng",
        "total": "0.9",
        "lines": [
            {"source": "A", "amount": "0.250"},
            {"source": "B", "amount": "0.3"},
            {"source": "C", "amount": "0.385"},
        ],
    }
    data = plan(sections=[*BASE["sections"], {"title": "Kinh phí", "budget": budget}])
    located(tmp_path, data, "budget-total", "'0.9'")
    assert "0,935 tỷ đồng" in diagnose(tmp_path, data)[0].message


def test_a_basis_needs_text_or_a_citation(tmp_path: Path) -> None:
    located(tmp_path, plan(bases=[{"type": "Quyết định"}]), "basis-incomplete", "type")


def test_a_basis_cannot_be_both_text_and_citation(tmp_path: Path) -> None:
    located(tmp_path, plan(bases=[{"text": "Luật X", "number": "1/QĐ-UBND"}]), "basis-both", "text")


def test_a_document_cited_in_the_same_paragraph_is_checked_too(tmp_path: Path) -> None:
    basis = {"type": "Luật", "subject": "Lâm nghiệp", "also": [{"type": "Nghị định"}]}
    located(tmp_path, plan(bases=[basis]), "basis-incomplete", "- |type: Nghị định")


def test_a_proposal_names_the_proposing_body(tmp_path: Path) -> None:
    basis = {"verb": "Theo đề nghị của", "type": "Tờ trình", "number": "12/TTr-SCT"}
    located(tmp_path, plan(bases=[basis]), "basis-proposal", "- |verb")


def test_a_cited_document_in_the_same_paragraph_may_not_postdate_the_plan(tmp_path: Path) -> None:
    later = {"type": "Luật", "subject": "Lâm nghiệp", "date": "2023-01-01"}
    basis = {"type": "Luật", "subject": "Đầu tư", "also": [later]}
    located(tmp_path, plan(bases=[basis]), "date-basis-order", "'2023-01-01'")


@pytest.mark.parametrize(
    ("signature", "code", "needle"),
    [
        ({"collective": "Chủ tịch", "position": "Chủ tịch"}, "signature-tm", "collective: |Chủ"),
        ({"authority": "KT", "position": "Phó Chủ tịch"}, "signature-head", "signature:\n  |"),
        ({"authority": "TL", "head": "Bộ trưởng"}, "signature-position", "signature:\n  |"),
        (
            {"authority": "KT", "head": "Chủ tịch", "position": "Chủ tịch"},
            "signature-deputy",
            "position: |Chủ",
        ),
        (
            {"authority": "KT", "head": "Bộ trưởng", "position": "Vụ trưởng"},
            "signature-deputy",
            "position: |Vụ",
        ),
        (
            {"authority": "TL", "head": "Bộ trưởng", "deputy_for": "Vụ trưởng"}
            | {"position": "Chuyên viên"},
            "signature-deputy",
            "position: |Chuyên",
        ),
        (
            {"authority": "KT", "head": "Bộ trưởng", "deputy_for": "Vụ trưởng"}
            | {"position": "Phó Vụ trưởng"},
            "signature-deputy-for",
            "|deputy_for",
        ),
        (
            {"authority": "Q", "head": "Giám đốc", "position": "Giám đốc"},
            "signature-acting",
            "position: |G",
        ),
        ({}, "signature-no-position", "signature:\n  |"),
        ({"position": "Giám đốc", "name": "TS. Nguyễn Văn A"}, "signature-honorific", "name: |TS."),
    ],
)
def test_signature_authority_is_consistent(
    tmp_path: Path, signature: dict[str, str], code: str, needle: str
) -> None:
    located(tmp_path, plan(signature={"name": "Nguyễn Văn A", **signature}), code, needle)


def test_the_archive_line_starts_with_vt(tmp_path: Path) -> None:
    located(tmp_path, plan(archive=["KTHT"]), "archive-vt", "archive:\n- |KTHT")


def test_an_archive_entry_is_a_unit_code_with_perhaps_a_name(tmp_path: Path) -> None:
    diagnostics = diagnose(tmp_path, plan(archive=["VT", "thắng"]))
    assert [(d.line, d.column) for d in diagnostics] == [where(tmp_path / "plan.yaml", "|thắng")]


def test_the_drafter_mark_is_initials_and_copies(tmp_path: Path) -> None:
    diagnostics = diagnose(tmp_path, plan(drafter="Phan Long 300"))
    assert [(d.line, d.column) for d in diagnostics] == [where(tmp_path / "plan.yaml", "|Phan")]


def test_the_archive_line_is_not_written_among_recipients(tmp_path: Path) -> None:
    located(
        tmp_path,
        plan(recipients=["Sở Công Thương", "Lưu: VT, KTHT"]),
        "recipient-archive",
        "'Lưu: VT, KTHT'",
    )


def test_an_appendix_the_body_never_mentions_is_reported(tmp_path: Path) -> None:
    data = plan(appendices=[{"title": "Danh mục", "table": "tasks"}])
    located(tmp_path, data, "appendix-unmentioned", "appendices")


def test_a_mentioned_appendix_that_does_not_exist_is_a_warning(tmp_path: Path) -> None:
    data = plan(closing="(Chi tiết tại Phụ lục kèm theo)")
    located(tmp_path, data, "appendix-missing", "closing: |(Chi")
    assert [d.severity for d in diagnose(tmp_path, data)] == ["warning"]


def test_a_word_containing_phu_luc_is_not_a_mention(tmp_path: Path) -> None:
    assert diagnose(tmp_path, plan(closing="XPhụ lụcY")) == []


def test_a_task_table_needs_tasks(tmp_path: Path) -> None:
    data = plan(
        sections=[{"title": "A", "text": "Xem Phụ lục."}],
        appendices=[{"title": "Danh mục", "table": "tasks"}],
    )
    located(tmp_path, data, "appendix-no-tasks", "tasks\n")


def test_a_given_table_row_has_as_many_cells_as_columns(tmp_path: Path) -> None:
    data = plan(
        closing="Xem Phụ lục.",
        appendices=[{"title": "Bảng", "columns": ["A", "B"], "rows": [["1", "2"], ["3"]]}],
    )
    located(tmp_path, data, "appendix-columns", "- |- '3'")


def test_a_draft_is_a_warning_not_an_error(tmp_path: Path) -> None:
    diagnostics = diagnose(tmp_path, plan(number=None, date=None))
    assert [(d.code, d.severity) for d in diagnostics] == [("draft", "warning")]


def test_a_final_document_without_its_date_is_an_error_at_the_mode(tmp_path: Path) -> None:
    located(tmp_path, plan(issue="final", date=None), "final-draft", "issue: |final")


def test_an_electronic_document_leaves_number_and_date_to_the_system(tmp_path: Path) -> None:
    assert diagnose(tmp_path, plan(issue="electronic", number=None, date=None)) == []


def test_warnings_fail_under_strict(tmp_path: Path) -> None:
    from plangen.diagnostics import PlanError
    from plangen.validation import validate

    with pytest.raises(PlanError):
        validate(write(tmp_path, plan(number=None)), strict=True)


def test_an_unused_abbreviation_is_a_warning_at_its_key(tmp_path: Path) -> None:
    diagnostics = diagnose(tmp_path, plan(abbreviations={"CCN": "cụm công nghiệp"}))
    assert [(d.code, d.severity) for d in diagnostics] == [("abbreviation-unused", "warning")]
    assert (diagnostics[0].line, diagnostics[0].column) == where(tmp_path / "plan.yaml", "CCN")


def test_all_problems_are_reported_together_in_file_order(tmp_path: Path) -> None:
    data = with_task(lead="XX", due="Quý I/2030")
    data["archive"] = ["KTHT"]
    diagnostics = diagnose(tmp_path, data)
    assert sorted(d.code for d in diagnostics) == ["archive-vt", "due-outside", "unknown-unit"]
    assert [d.line for d in diagnostics] == sorted(d.line for d in diagnostics)


def test_a_report_may_be_dated_early_in_the_next_year_a_plan_may_not(tmp_path: Path) -> None:
    to = {"to": ["Ủy ban nhân dân tỉnh"], "recipients": ["Như trên"]}
    report = plan(kind="bao-cao", date="2023-01-10", **to)
    assert diagnose(tmp_path, report) == []
    located(tmp_path, plan(date="2023-01-10"), "date-plan-year", "'2023-01-10'")
    located(tmp_path, dict(report, date="2024-01-10"), "date-plan-year", "'2024-01-10'")
