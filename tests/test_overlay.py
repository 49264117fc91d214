"""`extends:` — a plan written as changes to another; mistakes point at the file that has them."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import PLANS, run
from planfiles import codes, plan, where, write
from plangen.diagnostics import PlanError
from plangen.model import Target, Task, tasks
from plangen.validation import validate


def _base(folder: Path) -> Path:
    data = plan()
    data["sections"][0]["id"] = "muc-dich"
    data["sections"][0]["targets"] = [
        {"id": "ct1", "name": "Giá trị sản xuất công nghiệp", "value": 12, "unit": "%"}
    ]
    data["sections"][1]["id"] = "noi-dung"
    data["sections"][1]["tasks"].append(
        {"id": "t2", "title": "Xúc tiến thương mại", "lead": "TCKH", "due": 2022}
    )
    return write(folder, data, "base.yaml")


def _overlay(folder: Path, text: str, name: str = "overlay.yaml") -> Path:
    _base(folder)
    return write(folder, "extends: base.yaml\n" + text, name)


def _task(path: Path, key: str) -> Task:
    return next(task for _, task in tasks(validate(path).plan) if task.id == key)


def _errors(path: Path) -> list[Any]:
    with pytest.raises(PlanError) as caught:
        validate(path)
    return list(caught.value.diagnostics)


def test_fields_override_by_key_and_mappings_merge(tmp_path: Path) -> None:
    path = _overlay(tmp_path, "number: 31\nissuer:\n  place: Hồ Xá\n")
    plan = validate(path).plan
    assert plan.number == 31
    assert plan.issuer.place == "Hồ Xá"
    assert plan.issuer.name == "Ủy ban nhân dân huyện Vĩnh Linh"  # kept from the base
    assert plan.year == 2022


def test_change_sets_only_the_given_fields_of_the_task_with_that_id(tmp_path: Path) -> None:
    path = _overlay(tmp_path, "change:\n  t1:\n    due: Quý IV/2022\n    support: []\n")
    changed = _task(path, "t1")
    assert (changed.due, changed.support, changed.title) == ("Quý IV/2022", [], "Quy hoạch")
    assert _task(path, "t2").due == 2022


def test_replace_puts_a_whole_new_task_in_the_same_place(tmp_path: Path) -> None:
    path = _overlay(tmp_path, "replace:\n  t1:\n    title: Quy hoạch mới\n    lead: TCKH\n")
    plan = validate(path).plan
    assert [task.id for _, task in tasks(plan)] == ["t1", "t2"]
    new = _task(path, "t1")
    assert (new.title, new.lead, new.support, new.output) == ("Quy hoạch mới", "TCKH", [], None)


def test_remove_drops_the_task_from_the_plan(tmp_path: Path) -> None:
    path = _overlay(tmp_path, "remove: [t1]\n")
    assert [task.id for _, task in tasks(validate(path).plan)] == ["t2"]


def test_add_after_a_sibling_into_a_section_and_at_the_end(tmp_path: Path) -> None:
    path = _overlay(
        tmp_path,
        "add:\n"
        "  - after: t1\n"
        "    task: {id: t1b, title: Đào tạo nghề, lead: KTHT}\n"
        "  - into: noi-dung\n"
        "    target: {id: ct2, name: Số cơ sở được hỗ trợ, value: 20, unit: cơ sở}\n"
        "  - section: {id: bao-cao, title: Chế độ báo cáo, text: Báo cáo trước ngày 15/12.}\n",
    )
    plan = validate(path).plan
    assert [task.id for _, task in tasks(plan)] == ["t1", "t1b", "t2"]
    assert plan.sections[1].targets == [
        Target(id="ct2", name="Số cơ sở được hỗ trợ", value=20, unit="cơ sở")
    ]
    assert [section.id for section in plan.sections] == ["muc-dich", "noi-dung", "bao-cao"]


def test_operations_apply_in_the_order_written(tmp_path: Path) -> None:
    path = _overlay(
        tmp_path,
        "add:\n  - after: t2\n    task: {id: t3, title: Mới, lead: KTHT}\n"
        "change:\n  t3:\n    due: 2022\n",
    )
    assert _task(path, "t3").due == 2022


def test_overlay_mistakes_are_reported_together_at_the_overlays_lines(tmp_path: Path) -> None:
    text = (
        "change:\n"
        "  t9:\n"
        "    due: 2022\n"
        "  t1:\n"
        "    titel: Sai khóa\n"
        "remove: [ct9]\n"
        "add:\n"
        "  - task: {id: t4, title: Không biết đặt đâu, lead: KTHT}\n"
    )
    path = _overlay(tmp_path, text)
    found = {(d.path, d.line, d.column, d.code) for d in _errors(path)}
    assert found == {
        (str(path), *where(path, "|t9:"), "extends-unknown-id"),
        (str(path), *where(path, "|titel"), "extra_forbidden"),
        (str(path), *where(path, "[|ct9]"), "extends-unknown-id"),
        (str(path), *where(path, "- |task"), "extends-add"),
    }


def test_unknown_id_suggests_the_closest_one(tmp_path: Path) -> None:
    path = _overlay(tmp_path, "remove: [noi-dungg]\n")
    (error,) = _errors(path)
    assert "có phải 'noi-dung'?" in error.message


def test_a_mistake_left_in_the_base_is_reported_at_the_bases_line(tmp_path: Path) -> None:
    path = _overlay(tmp_path, "number: 31\n")
    base = tmp_path / "base.yaml"
    base.write_text(base.read_text(encoding="utf-8").replace("lead: TCKH", "lead: XYZ"), "utf-8")
    (error,) = _errors(path)
    assert (error.path, error.line, error.code) == (
        str(base),
        where(base, "XYZ")[0],
        "unknown-unit",
    )


@pytest.mark.parametrize(
    ("text", "code", "needle"),
    [
        ("extends: khong-co.yaml\n", "file-missing", "|khong-co.yaml"),
        ("extends: overlay.yaml\n", "extends-cycle", "|overlay.yaml"),
        ("extends: [a, b]\n", "extends-shape", "|[a, b]"),
    ],
)
def test_a_bad_extends_is_located_at_its_line(
    tmp_path: Path, text: str, code: str, needle: str
) -> None:
    path = write(tmp_path, text, "overlay.yaml")
    (error,) = _errors(path)
    assert (error.path, (error.line, error.column), error.code) == (
        str(path),
        where(path, needle),
        code,
    )


def test_operations_without_extends_are_refused(tmp_path: Path) -> None:
    data = plan()
    data["remove"] = ["t1"]
    path = write(tmp_path, data)
    (error,) = _errors(path)
    assert (error.code, error.line) == ("extends-alone", where(path, "remove:")[0])


def test_overlays_chain(tmp_path: Path) -> None:
    _overlay(tmp_path, "number: 31\n", "draft2.yaml")
    path = write(
        tmp_path, "extends: draft2.yaml\nchange:\n  t2: {due: 2022}\nnumber: 32\n", "v3.yaml"
    )
    plan = validate(path).plan
    assert plan.number == 32


def test_a_district_variant_of_the_bundled_plan_builds_and_tracks_its_base(tmp_path: Path) -> None:
    for name in ("2024.yaml", "units.yaml"):
        shutil.copy(PLANS / name, tmp_path / name)
    variant = write(
        tmp_path,
        "extends: 2024.yaml\n"
        "number: 31\n"
        "remove: [nguon-nhan-luc]\n"
        "change:\n  lang-nghe: {due: Quý IV/2024}\n",
        "variant.yaml",
    )
    out = tmp_path / "variant.docx"
    code, output = run("build", str(variant), "-o", str(out))
    assert (code, output.splitlines()[-1]) == (0, f"{out} (đã ghi; written)"), output
    text = run("text", str(out))[1]
    assert "Số: 31/KH-UBND" in text
    assert "Quý IV/2024" in text
    assert "nguồn nhân lực" not in text
    assert run("build", str(variant), "-o", str(out))[1].endswith("(không đổi; unchanged)\n")
    base = tmp_path / "2024.yaml"
    base.write_text(base.read_text(encoding="utf-8").replace("Phan Quý Phương", "Hoàng Hải Minh"))
    assert run("build", str(variant), "-o", str(out))[1].endswith("(đã ghi; written)\n")
    assert "Hoàng Hải Minh" in run("text", str(out))[1]


def test_removing_an_id_twice_reports_the_second(tmp_path: Path) -> None:
    path = _overlay(tmp_path, "remove: [t1, t1]\n")
    assert codes(_errors(path)) == ["extends-unknown-id"]
