"""`plangen schema`: what an editor checks as one types agrees with `plangen validate`,
for whole plans and `extends:` overlays, and with the unit registry for unit keys."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import PLANS, TEST_PLANS, run
from planfiles import plan, write
from plangen.loader import read
from plangen.schema import UNIT_FIELDS, walk

BUNDLED = sorted(
    p for p in [*PLANS.glob("*.yaml"), *TEST_PLANS.glob("*.yaml")] if p.stem != "units"
)
OVERLAY = """\
extends: base.yaml
number: 31
issuer: {place: Hồ Xá}
signature: {name: Trần Văn Bình}
change:
  t1: {due: Quý IV/2022, support: []}
replace:
  t1: {title: Quy hoạch mới, lead: KTHT}
remove: [t2]
add:
  - after: t1
    task: {id: t1b, title: Đào tạo nghề, lead: KTHT}
  - into: noi-dung
    target: {id: ct2, name: Số cơ sở được hỗ trợ, value: 20, unit: cơ sở}
  - section: {id: bao-cao, title: Chế độ báo cáo, text: Báo cáo trước ngày 15/12.}
"""


@functools.cache
def _schema(*options: str) -> dict[str, Any]:
    code, printed = run("schema", *options)
    assert code == 0, printed
    return json.loads(printed)


def _errors(schema: dict[str, Any], path: Path) -> list[tuple[str, ...]]:
    """Where the schema finds fault with the file, as an editor reads it (YAML 1.2 core:
    dates stay text), one path per error."""
    validator = jsonschema.Draft202012Validator(schema)
    return sorted(tuple(map(str, e.absolute_path)) for e in validator.iter_errors(read(path).data))


def _base(folder: Path) -> Path:
    data = plan()
    data["sections"][1]["id"] = "noi-dung"
    data["sections"][1]["tasks"].append(
        {"id": "t2", "title": "Xúc tiến thương mại", "lead": "TCKH", "due": 2022}
    )
    return write(folder, data, "base.yaml")


def test_the_schema_is_a_valid_2020_12_schema_with_its_own_id() -> None:
    schema = _schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].startswith("urn:plangen:schema:plan:")
    assert "Trích yếu" in schema["$defs"]["Plan"]["properties"]["subject"]["description"]


def test_only_the_root_has_a_title_so_no_hover_shows_two_headings() -> None:
    schema = _schema()
    titled = [node for node in walk(schema) if "title" in node]
    assert titled == [schema]


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_every_bundled_plan_passes_the_schema(path: Path) -> None:
    assert _errors(_schema(), path) == []


@pytest.mark.parametrize(
    "path",
    [p for p in BUNDLED if read(p).data.get("units") == "units.yaml"],
    ids=lambda p: p.name,
)
def test_plans_using_the_registry_pass_the_schema_made_from_it(path: Path) -> None:
    assert _errors(_schema("--units", str(PLANS / "units.yaml")), path) == []


def test_an_overlay_passes_the_schema_as_it_passes_validate(tmp_path: Path) -> None:
    _base(tmp_path)
    overlay = write(tmp_path, OVERLAY, "overlay.yaml")
    assert run("validate", str(overlay))[0] == 0
    assert _errors(_schema(), overlay) == []


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("remove: t1\n", ("remove",)),
        ("change:\n  t1: {titel: Sai khóa}\n", ("change", "t1")),
        ("add:\n  - task: {id: t4, title: Không biết đặt đâu, lead: KTHT}\n", ("add", "0")),
        ("add:\n  - after: t1\n    into: noi-dung\n    task: {id: t4, title: X}\n", ("add", "0")),
        ("add:\n  - section: {id: s}\n    task: {id: t4, title: X}\n", ("add", "0")),
        ("issuer: {abbr: 12}\n", ("issuer", "abbr")),
    ],
)
def test_a_broken_overlay_fails_the_schema_as_it_fails_validate(
    tmp_path: Path, text: str, where: tuple[str, ...]
) -> None:
    _base(tmp_path)
    overlay = write(tmp_path, "extends: base.yaml\n" + text, "overlay.yaml")
    assert run("validate", str(overlay))[0] == 2
    assert where in _errors(_schema(), overlay)


@pytest.mark.parametrize(
    ("changes", "where"),
    [
        ({"subject": None}, ()),
        ({"subjcet": "Phát triển"}, ()),
        ({"kind": "thong-bao"}, ("kind",)),
        ({"number": "hai mươi"}, ("number",)),
        ({"recipients": []}, ("recipients",)),
        ({"change": {"t1": {"due": 2023}}}, ()),
    ],
)
def test_a_broken_plan_fails_the_schema_as_it_fails_validate(
    tmp_path: Path, changes: dict[str, Any], where: tuple[str, ...]
) -> None:
    path = write(tmp_path, plan(**changes))
    assert run("validate", str(path))[0] == 2
    assert where in _errors(_schema(), path)


def test_with_the_registry_an_unknown_unit_key_is_an_error_at_that_key(tmp_path: Path) -> None:
    data = plan(units="units.yaml")
    data["sections"][1]["tasks"][0]["support"] = ["TCKH", "SXD"]
    registry = "KTHT: Phòng Kinh tế và Hạ tầng\nTCKH: Phòng Tài chính - Kế hoạch\n"
    write(tmp_path, registry, "units.yaml")
    path = write(tmp_path, data)
    assert run("validate", str(path))[0] == 2
    with_units = _schema("--units", str(tmp_path / "units.yaml"))
    assert _errors(with_units, path) == [("sections", "1", "tasks", "0", "support", "1")]
    assert with_units["$defs"]["UnitKey"]["enum"] == ["KTHT", "TCKH"]
    assert _errors(_schema(), path) == []  # without the registry any key is a key


def test_every_unit_key_field_points_at_the_one_unit_key_definition() -> None:
    defs = _schema()["$defs"]
    for model, names in UNIT_FIELDS.items():
        for name in names:
            assert name in defs[model]["properties"]
            refs = [n["$ref"] for n in walk(defs[model]["properties"][name]) if "$ref" in n]
            assert set(refs) == {"#/$defs/UnitKey"}, (model, name)


def test_a_units_file_that_is_not_a_registry_is_exit_2(tmp_path: Path) -> None:
    bad = write(tmp_path, "- SCT\n- SKHDT\n", "units.yaml")
    code, printed = run("schema", "--units", str(bad))
    assert code == 2 and f"{bad}:1:1" in printed and "[units-file]" in printed
    code, printed = run("schema", "--units", str(PLANS / "2024.yaml"))
    assert code == 2 and "[units-file]" in printed
