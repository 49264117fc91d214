"""Next year's plan: the year moves in the plan's own wording, citations never move."""

from __future__ import annotations

import difflib
import re
import shutil
from pathlib import Path

import pytest

from conftest import PLANS, run
from planfiles import plan, write
from plangen.nextyear import move_year
from plangen.template import BUNDLED
from plangen.validation import validate


@pytest.mark.parametrize(
    ("text", "moved"),
    [
        ("Kế hoạch năm 2024", "Kế hoạch năm 2025"),
        ("trong Quý IV/2024 và Tháng 6/2024", "trong Quý IV/2025 và Tháng 6/2025"),
        ("báo cáo trước ngày 15/12/2024.", "báo cáo trước ngày 15/12/2025."),
        (
            "Kế hoạch số 08/KH-UBND ngày 12/01/2024 của UBND tỉnh",
            "Kế hoạch số 08/KH-UBND ngày 12/01/2024 của UBND tỉnh",
        ),
        ("Quyết định số 39/2024/QĐ-UBND", "Quyết định số 39/2024/QĐ-UBND"),
        ("giai đoạn 2021-2024, năm 2024", "giai đoạn 2021-2024, năm 2025"),
        ("giai đoạn 2024 – 2026", "giai đoạn 2024 – 2026"),
        ("mã 120245", "mã 120245"),
    ],
)
def test_the_year_moves_outside_citations_and_periods(text: str, moved: str) -> None:
    assert move_year(text, 2024, 2025) == moved


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    for name in ("2024.yaml", "units.yaml"):
        shutil.copy(PLANS / name, folder / name)
    return folder


def test_new_writes_a_valid_draft_for_the_next_year(plans: Path) -> None:
    code, printed = run("new", "--from", str(plans / "2024.yaml"), "--year", "2025")
    assert code == 0, printed
    new = validate(plans / "2025.yaml")
    old = validate(plans / "2024.yaml")
    assert new.plan.year == 2025 and new.plan.is_draft
    assert new.plan.number is None and new.plan.date is None
    assert new.plan.derived_from == "2024.yaml"
    assert new.plan.subject == old.plan.subject.replace("năm 2024", "năm 2025")
    assert new.plan.bases == old.plan.bases, "cited documents never change"
    codes = sorted(d.code for d in new.warnings)
    # every carried-over target, the budget and each task with a deadline in the year
    assert codes == ["budget-review", "draft"] + ["target-review"] * 5 + ["task-review"] * 4
    assert run("build", str(plans / "2025.yaml"), "-o", str(plans / "2025.docx"))[0] == 0


def test_new_says_nam_2025_wherever_the_plan_said_nam_2024_of_itself(plans: Path) -> None:
    run("new", "--from", str(plans / "2024.yaml"), "--year", "2025")
    old = (plans / "2024.yaml").read_text(encoding="utf-8")
    new = (plans / "2025.yaml").read_text(encoding="utf-8")
    body_old = old[old.index("\npreamble:") :]
    body_new = new[new.index("\npreamble:") :]
    # the 2024 plan already says 'đến năm 2025' once, of the scheme's horizon
    assert body_new.count("năm 2025") == body_old.count("năm 2024") + body_old.count("năm 2025")
    assert body_old.count("năm 2024") > 10
    assert "năm 2024" not in body_new
    for citation in re.findall(r"số \S+ ngày \d+/\d+/\d{4}", old):
        assert citation in new


def test_new_changes_only_the_lines_that_move(plans: Path) -> None:
    run("new", "--from", str(plans / "2024.yaml"), "--year", "2025")
    old = (plans / "2024.yaml").read_text(encoding="utf-8").splitlines()
    new = (plans / "2025.yaml").read_text(encoding="utf-8").splitlines()
    removed = [line for line in difflib.ndiff(old, new) if line.startswith("- ")]
    added = [line for line in difflib.ndiff(old, new) if line.startswith("+ ")]
    assert removed[:3] == ["- number: 26", "- date: 2024-01-22", "- year: 2024"]
    assert added[:4] == ["+ number:", "+ date:", "+ year: 2025", "+ derived_from: 2024.yaml"]
    marks = [line for line in added[4:] if line[2:].strip() == "review: true"]
    rest = [line for line in added[4:] if line not in marks]
    assert len(marks) == 5, "four tasks with a deadline in the year and the budget"
    for before, after in zip(removed[3:], rest, strict=True):
        moved = before[2:].replace("2024", "2025")
        if after.endswith(", review: true}"):  # a target, kept but marked for review
            moved = moved.removesuffix("}") + ", review: true}"
        assert after[2:] == moved
    assert old[:4] == new[:4], "the comments are kept"


def test_new_never_overwrites_without_force(plans: Path) -> None:
    target = plans / "2025.yaml"
    target.write_text("# mine\n", encoding="utf-8")
    code, printed = run("new", "--from", str(plans / "2024.yaml"), "--year", "2025")
    assert code == 2 and "[new-exists]" in printed
    assert target.read_text(encoding="utf-8") == "# mine\n"
    assert run("new", "--from", str(plans / "2024.yaml"), "--year", "2025", "--force")[0] == 0
    assert "derived_from" in target.read_text(encoding="utf-8")


def test_targets_are_kept_and_marked_for_review(tmp_path: Path) -> None:
    sections = [
        *plan()["sections"],
        {
            "title": "Chỉ tiêu",
            "targets": [{"id": "tang", "name": "Tốc độ tăng", "value": "7-8", "unit": "%"}],
        },
    ]
    source = write(tmp_path, plan(sections=sections), "2022.yaml")
    assert run("new", "--from", str(source), "--year", "2023")[0] == 0
    checked = validate(tmp_path / "2023.yaml")
    target = checked.plan.sections[2].targets[0]
    assert (target.value, target.review) == ("7-8", True)
    assert sorted(d.code for d in checked.warnings) == ["draft", "target-review", "task-review"]


def test_new_refuses_an_invalid_source(tmp_path: Path) -> None:
    source = write(tmp_path, plan(date="2022-02-30"), "2022.yaml")
    code, printed = run("new", "--from", str(source), "--year", "2023")
    assert code == 2 and "[date]" in printed
    assert not (tmp_path / "2023.yaml").exists()


def test_new_elsewhere_names_the_shared_files_from_there(plans: Path) -> None:
    target = plans.parent / "elsewhere" / "2025.yaml"
    code, printed = run(
        "new", "--from", str(plans / "2024.yaml"), "--year", "2025", "-o", str(target)
    )
    assert code == 0, printed
    assert "units: units.yaml → ../plans/units.yaml" in printed
    text = target.read_text(encoding="utf-8")
    assert "\nunits: ../plans/units.yaml\n" in text
    assert "\nderived_from: ../plans/2024.yaml\n" in text
    assert run("build", str(target), "-o", str(target.with_suffix(".docx")))[0] == 0


def test_a_template_the_plan_names_is_found_from_the_new_file_and_keeps_its_name(
    tmp_path: Path,
) -> None:
    (tmp_path / "mau").mkdir()
    shutil.copy(BUNDLED / "ke-hoach.docx", tmp_path / "mau" / "ke-hoach-2022.docx")
    source = write(tmp_path, plan(template="mau/ke-hoach-2022.docx"), "2022.yaml")
    target = tmp_path / "khac" / "2023.yaml"
    code, printed = run("new", "--from", str(source), "--year", "2023", "-o", str(target))
    assert code == 0, printed
    assert "template: mau/ke-hoach-2022.docx → ../mau/ke-hoach-2022.docx" in printed
    assert "\ntemplate: ../mau/ke-hoach-2022.docx\n" in target.read_text(encoding="utf-8")
    code, printed = run("build", str(target), "-o", str(tmp_path / "2023.docx"))
    assert code == 0 and "mau/ke-hoach-2022.docx" in printed, printed


def overlay(folder: Path) -> Path:
    """A district's 2022 plan written as changes to the province's."""
    write(folder, plan(sections=[*plan()["sections"]]), "tinh-2022.yaml")
    return write(
        folder,
        "extends: tinh-2022.yaml\nsubject: Phát triển công nghiệp huyện năm 2022\n",
        "huyen-2022.yaml",
    )


def test_an_overlay_keeps_its_base_when_next_years_base_is_missing(tmp_path: Path) -> None:
    code, printed = run(
        "new",
        "--from",
        str(overlay(tmp_path)),
        "--year",
        "2023",
        "-o",
        str(tmp_path / "huyen-2023.yaml"),
    )
    assert code == 0, printed
    assert "extends: tinh-2022.yaml → tinh-2022.yaml (giữ tệp cũ" in printed
    assert "change.t1.due: Quý II/2022 → Quý II/2023" in printed, "the inherited deadline moves"
    new = validate(tmp_path / "huyen-2023.yaml").plan
    assert (new.year, new.subject) == (2023, "Phát triển công nghiệp huyện năm 2023")
    assert new.sections[1].tasks[0].due == "Quý II/2023"


def test_an_overlay_on_a_kept_base_marks_what_it_inherits_and_names_the_old_wording(
    tmp_path: Path,
) -> None:
    sections = plan()["sections"]
    sections[0] |= {"text": "Triển khai có hiệu quả trong năm 2022.", "id": "muc-dich"}
    sections[1] |= {"id": "noi-dung", "targets": [{"id": "cum", "name": "Số cụm", "value": 3}]}
    sections.append({"id": "kinh-phi", "title": "Kinh phí", "budget": {
        "unit": "tỷ đồng", "lines": [{"source": "Ngân sách huyện", "amount": "0.5"}]}})  # fmt: skip
    write(tmp_path, plan(sections=sections), "tinh-2022.yaml")
    source = write(tmp_path, "extends: tinh-2022.yaml\n", "huyen-2022.yaml")
    target = tmp_path / "huyen-2023.yaml"
    code, printed = run("new", "--from", str(source), "--year", "2023", "-o", str(target))
    assert code == 0, printed
    assert [line for line in printed.splitlines() if "(marked for review)" in line] == [
        "cần xem lại (marked for review): change.cum: chỉ tiêu (target): Số cụm",
        "cần xem lại (marked for review): change.t1: nhiệm vụ một lần (one-off task): Quy hoạch",
        "cần xem lại (marked for review): change.kinh-phi.budget: kinh phí (budget)",
    ]
    old = "còn năm cũ, kế thừa từ tệp gốc (inherited, still the old year): "
    assert [line for line in printed.splitlines() if line.startswith(old)] == [
        old + "subject",
        old + "sections[0].text",
    ]
    warnings = validate(target).warnings
    assert sorted(d.code for d in warnings) == [
        "budget-review", "draft", "target-review", "task-review"]  # fmt: skip
    assert {d.path for d in warnings} == {str(target)}, "each at the new file's line"


def test_an_overlay_takes_next_years_base_when_it_exists(tmp_path: Path) -> None:
    source = overlay(tmp_path)
    sections = plan()["sections"]
    sections[1]["tasks"][0]["due"] = "Quý II/2023"
    write(
        tmp_path,
        plan(year=2023, date="2023-02-14", bases=None, sections=sections),
        "tinh-2023.yaml",
    )
    code, printed = run(
        "new",
        "--from",
        str(source),
        "--year",
        "2023",
        "-o",
        str(tmp_path / "out" / "huyen-2023.yaml"),
    )
    assert code == 0, printed
    assert "extends: tinh-2022.yaml → ../tinh-2023.yaml (tệp của năm mới" in printed
    assert validate(tmp_path / "out" / "huyen-2023.yaml").plan.year == 2023


def test_ids_and_unit_keys_never_change(tmp_path: Path) -> None:
    task = {"id": "ha-tang-2022", "title": "Hạ tầng năm 2022", "lead": "KTHT", "due": 2022}
    sections = [{"title": "Nội dung", "tasks": [task]}]
    source = write(tmp_path, plan(sections=sections), "2022.yaml")
    assert run("new", "--from", str(source), "--year", "2023")[0] == 0
    (moved,) = validate(tmp_path / "2023.yaml").plan.sections[0].tasks
    assert (moved.id, moved.title, moved.due) == ("ha-tang-2022", "Hạ tầng năm 2023", 2023)


@pytest.mark.parametrize(
    "sentence",
    [
        "Đến ngày 25/02/2024, đã có 12 cụm công nghiệp theo Quyết định số 525/QĐ-UBND"
        " ngày 25/02/2024.",
        "Nghị định số 180/2024/NĐ-CP ngày 21 tháng 5 năm 2024 của Chính phủ có hiệu lực"
        " từ ngày 15 tháng 7 năm 2024.",
    ],
)
def test_every_date_of_a_sentence_that_cites_a_document_stays(sentence: str) -> None:
    assert move_year(sentence, 2024, 2025) == sentence


def test_a_sentence_without_a_citation_moves_with_the_year() -> None:
    assert move_year("Đến ngày 25/02/2024, hoàn thành. Số 5 năm 2024.", 2024, 2025) == (
        "Đến ngày 25/02/2025, hoàn thành. Số 5 năm 2025."
    )


def test_a_report_moves_its_reporting_year_and_its_issue_year_each_by_one(tmp_path: Path) -> None:
    write(tmp_path, plan(), "kh-2022.yaml")
    report = write(
        tmp_path,
        plan(
            kind="bao-cao",
            date="2023-01-10",
            subject="Kết quả thực hiện năm 2022 và phương hướng năm 2023",
            to=["Ủy ban nhân dân tỉnh"],
            recipients=["Như trên"],
            reports_on="kh-2022.yaml",
        ),
        "bc-2022.yaml",
    )
    code, printed = run(
        "new", "--from", str(report), "--year", "2023", "-o", str(tmp_path / "bc-2023.yaml")
    )
    assert code == 0, printed
    new = validate(tmp_path / "bc-2023.yaml").plan
    assert new.subject == "Kết quả thực hiện năm 2023 và phương hướng năm 2024"


def test_budgets_and_one_off_tasks_are_marked_and_the_command_says_so(tmp_path: Path) -> None:
    task = {"id": "t1", "title": "Hội nghị tổng kết", "lead": "KTHT", "due": "Quý IV/2022"}
    money = {"unit": "tỷ đồng", "lines": [{"source": "Ngân sách huyện", "amount": "0.5"}]}
    sections = [{"title": "Nội dung", "tasks": [task]}, {"title": "Kinh phí", "budget": money}]
    source = write(tmp_path, plan(sections=sections), "2022.yaml")
    code, printed = run("new", "--from", str(source), "--year", "2023")
    assert code == 0, printed
    assert "chuyển năm (moved): sections[0].tasks[0].due: Quý IV/2022 → Quý IV/2023" in printed
    assert "cần xem lại (marked for review): sections[0].tasks[0]: nhiệm vụ" in printed
    assert "cần xem lại (marked for review): sections[1].budget: kinh phí (budget)" in printed
    assert "(moved): date:" not in printed, "the date is cleared, not moved"
    codes = sorted(d.code for d in validate(tmp_path / "2023.yaml").warnings)
    assert codes == ["budget-review", "draft", "task-review"]
