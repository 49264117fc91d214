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
    codes = [d.code for d in new.warnings]
    assert codes == ["draft"] + ["target-review"] * 5, "every carried-over target is to confirm"
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
    for before, after in zip(removed[3:], added[4:], strict=True):
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
    assert sorted(d.code for d in checked.warnings) == ["draft", "target-review"]


def test_new_refuses_an_invalid_source(tmp_path: Path) -> None:
    source = write(tmp_path, plan(date="2022-02-30"), "2022.yaml")
    code, printed = run("new", "--from", str(source), "--year", "2023")
    assert code == 2 and "[date]" in printed
    assert not (tmp_path / "2023.yaml").exists()
