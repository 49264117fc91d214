"""A báo cáo quotes its plan: results by id, every mistake located in the file that has it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from planfiles import codes, plan, where, write
from plangen.context import resolved
from plangen.diagnostics import PlanError
from plangen.model import Plan
from plangen.validation import validate


def _plan(folder: Path) -> Path:
    data = plan()
    data["sections"][1]["targets"] = [
        {"id": "gtsx", "name": "Giá trị sản xuất công nghiệp", "value": 12, "unit": "%"},
        {"id": "lao-dong", "name": "Lao động được đào tạo", "value": 500, "unit": "người"},
    ]
    return write(folder, data, "plan.yaml")


def _report(folder: Path, results: dict[str, Any], **changes: Any) -> Path:
    _plan(folder)
    data = plan(
        kind="bao-cao",
        number=3,
        date="2022-12-15",
        subject="Kết quả thực hiện Kế hoạch phát triển ngành Công nghiệp năm 2022",
        bases=None,
        reports_on="plan.yaml",
        to=["Ủy ban nhân dân huyện Vĩnh Linh"],
        recipients=["Như trên"],
        results=results,
        sections=[
            {"title": "Kết quả thực hiện các chỉ tiêu", "report": "targets"},
            {"title": "Tình hình thực hiện nhiệm vụ", "report": "tasks"},
        ],
    )
    data.update(changes)
    return write(folder, data, "report.yaml")


def worded(path: Path) -> Plan:
    """The report as the wording stage fills it in from the plan it reports on."""
    checked = validate(path)
    return resolved(checked.plan, checked.reported)


FULL = {
    "targets": {"gtsx": {"achieved": 13.5}, "lao-dong": {"achieved": 420, "note": "còn chậm"}},
    "tasks": {"t1": {"status": "hoàn thành"}},
}


def test_results_are_worded_from_the_plan(tmp_path: Path) -> None:
    report = worded(_report(tmp_path, FULL))
    targets, tasks = (section.items for section in report.sections)
    assert targets == [
        "Giá trị sản xuất công nghiệp: kế hoạch 12%, thực hiện 13,5% (vượt kế hoạch).",
        "Lao động được đào tạo: kế hoạch 500 người, thực hiện 420 người (chưa đạt kế hoạch); "
        "còn chậm.",
    ]
    assert tasks == [
        "Quy hoạch (chủ trì: Phòng Kinh tế và Hạ tầng; thời hạn: Quý II/2022): hoàn thành."
    ]
    assert report.preamble == (
        "Thực hiện Kế hoạch số 24/KH-UBND ngày 14/02/2022 của Ủy ban nhân dân huyện Vĩnh Linh "
        "về phát triển ngành Công nghiệp năm 2022, Ủy ban nhân dân huyện Vĩnh Linh báo cáo kết "
        "quả thực hiện như sau:"
    )


def test_a_change_in_the_plan_shows_in_the_report(tmp_path: Path) -> None:
    path = _report(tmp_path, FULL)
    source = tmp_path / "plan.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace("value: 12", "value: 14"))
    (line, _) = worded(path).sections[0].items
    assert (
        line == "Giá trị sản xuất công nghiệp: kế hoạch 14%, thực hiện 13,5% (chưa đạt kế hoạch)."
    )


def test_a_result_for_an_unknown_id_is_an_error_at_its_key(tmp_path: Path) -> None:
    path = _report(tmp_path, {**FULL, "tasks": {"t9": {"status": "hoàn thành"}}})
    with pytest.raises(PlanError) as caught:
        validate(path)
    found = [(d.code, d.path, d.line) for d in caught.value.diagnostics if d.severity == "error"]
    assert found == [("report-unknown-id", str(path), where(path, "t9:")[0])]


def test_a_missing_result_is_a_warning(tmp_path: Path) -> None:
    path = _report(tmp_path, {"targets": FULL["targets"]})
    assert codes(list(validate(path).warnings)) == ["report-no-result"]
    assert "chưa báo cáo" in worded(path).sections[1].items[0]


def test_checking_a_report_writes_none_of_its_sentences(tmp_path: Path) -> None:
    checked = validate(_report(tmp_path, FULL))
    assert [section.items for section in checked.plan.sections] == [[], []]
    assert checked.plan.preamble is None and checked.reported is not None


def test_mistakes_in_the_plan_are_located_in_the_plan(tmp_path: Path) -> None:
    path = _report(tmp_path, FULL)
    source = tmp_path / "plan.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace("lead: KTHT", "lead: XYZ"))
    with pytest.raises(PlanError) as caught:
        validate(path)
    (error,) = caught.value.diagnostics
    assert (error.code, error.path, error.line) == (
        "unknown-unit",
        str(source),
        where(source, "XYZ")[0],
    )


def test_a_missing_plan_is_located_at_reports_on(tmp_path: Path) -> None:
    path = _report(tmp_path, FULL, reports_on="khong-co.yaml")
    with pytest.raises(PlanError) as caught:
        validate(path)
    (error,) = caught.value.diagnostics
    assert (error.code, error.line) == ("file-missing", where(path, "khong-co.yaml")[0])


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"reports_on": "report.yaml"}, "extends-cycle"),
    ],
)
def test_a_report_must_name_another_plan(tmp_path: Path, changes: dict, code: str) -> None:
    path = _report(tmp_path, FULL, **changes)
    with pytest.raises(PlanError) as caught:
        validate(path)
    assert code in codes(list(caught.value.diagnostics))


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"to": ["Sở Công Thương"], "recipients": ["Như trên"]}, "kind-field"),
        ({"authority": "Chủ tịch UBND huyện"}, "kind-field"),
        ({"reports_on": "plan.yaml"}, "kind-field"),
        ({"kind": "cong-van", "recipients": ["Như trên"]}, "cong-van-to"),
        ({"kind": "cong-van", "to": ["Sở Công Thương"]}, "recipient-first"),
        ({"kind": "quyet-dinh"}, "recipient-first"),
    ],
)
def test_fields_and_recipients_follow_the_kind(tmp_path: Path, changes: dict, code: str) -> None:
    path = write(tmp_path, plan(**changes))
    with pytest.raises(PlanError) as caught:
        validate(path)
    assert code in codes(list(caught.value.diagnostics))
