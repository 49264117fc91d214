"""The plan format: each field's type and form, and how a wrong one is reported."""

from __future__ import annotations

import copy
import datetime as dt
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

import pydantic
import pytest

from planfiles import BASE, diagnose, plan, where
from plangen.model import (
    GivenTable,
    ItemNode,
    Money,
    Plan,
    Task,
    TaskTable,
    _Model,
    docstrings,
    field_vocabulary,
)


def valid(**changes: Any) -> Plan:
    data = plan(**changes)
    data["date"] = data.get("date")
    return Plan.model_validate(data)


def one(tmp_path: Path, data: dict[str, Any]) -> tuple[str, int, int, str, str]:
    diagnostics = diagnose(tmp_path, data)
    assert len(diagnostics) == 1, [str(d) for d in diagnostics]
    d = diagnostics[0]
    return d.code, d.line, d.column, d.field, d.message


def test_a_plan_is_frozen_and_knows_it_is_final() -> None:
    built = valid()
    assert not built.is_draft
    with pytest.raises(Exception, match="frozen"):
        built.year = 2023  # type: ignore[misc]


@pytest.mark.parametrize("missing", ["number", "date"])
def test_a_plan_without_number_or_date_is_a_draft(missing: str) -> None:
    assert valid(**{missing: None}).is_draft


def test_period_defaults_to_the_plan_year() -> None:
    built = valid()
    assert (built.first_year, built.last_year) == (2022, 2022)
    built = valid(period={"start": 2021, "end": 2025})
    assert (built.first_year, built.last_year) == (2021, 2025)


def test_a_missing_required_field_is_reported_at_its_parent(tmp_path: Path) -> None:
    code, line, column, field, _ = one(tmp_path, plan(subject=None))
    assert (code, field) == ("missing", "subject")
    assert (line, column) == (1, 1)


def test_an_unknown_key_points_at_the_key_and_suggests_the_right_one(tmp_path: Path) -> None:
    data = plan()
    data["sections"][0]["titel"] = data["sections"][0].pop("title")
    diagnostics = diagnose(tmp_path, data)
    unknown = next(d for d in diagnostics if d.code == "extra_forbidden")
    assert (unknown.line, unknown.column) == where(tmp_path / "plan.yaml", "titel")
    assert "'title'" in unknown.message and unknown.field == "sections[0].titel"
    assert {d.code for d in diagnostics} == {"extra_forbidden", "missing"}


def test_text_where_a_number_is_expected_is_reported_in_vietnamese(tmp_path: Path) -> None:
    code, line, column, field, message = one(tmp_path, plan(year="hai nghìn"))
    assert (code, field) == ("number", "year")
    assert (line, column) == where(tmp_path / "plan.yaml", "hai nghìn")
    assert message.startswith("cần một số")


def test_a_list_where_text_is_expected_is_a_type_error(tmp_path: Path) -> None:
    code, line, column, field, message = one(tmp_path, plan(subject=["a", "b"]))
    assert (code, field) == ("type", "subject")
    assert (line, column) == where(tmp_path / "plan.yaml", "subject:\n|- a")
    assert "văn bản" in message and "danh sách" in message


def test_an_impossible_date_is_reported_at_its_line(tmp_path: Path) -> None:
    code, line, column, field, _ = one(tmp_path, plan(date="2022-02-30"))
    assert (code, field) == ("date", "date")
    assert (line, column) == where(tmp_path / "plan.yaml", "'2022-02-30'")


def test_a_value_outside_a_choice_lists_the_choices(tmp_path: Path) -> None:
    code, *_, message = one(tmp_path, plan(kind="ke-hoạch"))
    assert code == "literal_error" and "ke-hoach" in message


def test_the_agency_code_must_be_in_the_decree_form(tmp_path: Path) -> None:
    data = plan(issuer={**BASE["issuer"], "abbr": "ub nd"})
    code, *_, field, _ = one(tmp_path, data)
    assert (code, field) == ("string_pattern_mismatch", "issuer.abbr")


def test_negative_amounts_are_refused(tmp_path: Path) -> None:
    budget = {"lines": [{"source": "A", "amount": -5}]}
    data = plan(sections=[*BASE["sections"], {"title": "Kinh phí", "budget": budget}])
    code, *_, field, _ = one(tmp_path, data)
    assert (code, field) == ("greater_than_equal", "sections[2].budget.lines[0].amount")


def test_control_characters_are_refused_with_their_location(tmp_path: Path) -> None:
    code, line, column, field, message = one(tmp_path, plan(subject="Kế\x07 hoạch"))
    assert (code, field) == ("control-char", "subject") and "U+0007" in message
    assert (line, column) == where(tmp_path / "plan.yaml", "subject: |")


def test_empty_text_is_refused(tmp_path: Path) -> None:
    code, *_, field, _ = one(tmp_path, plan(subject="   "))
    assert (code, field) == ("empty-text", "subject")


def test_single_line_fields_fold_tabs_and_newlines_into_spaces() -> None:
    assert valid(subject="Kế\thoạch\nnăm  2022").subject == "Kế hoạch năm 2022"


def test_paragraph_fields_split_on_blank_lines_only() -> None:
    text = "Đoạn một\ntiếp tục.\n\n\nĐoạn hai."
    sections = copy.deepcopy(BASE["sections"])
    sections[0]["text"] = text
    assert valid(sections=sections).sections[0].text == "Đoạn một tiếp tục.\n\nĐoạn hai."


def test_text_is_stored_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Phát triển năm 2022")
    assert valid(subject=decomposed).subject == unicodedata.normalize("NFC", decomposed)


def test_bullets_are_text_or_nodes_with_sub_bullets() -> None:
    sections = copy.deepcopy(BASE["sections"])
    sections[0]["items"] = ["một", {"text": "hai", "items": ["a", "b"]}]
    items = valid(sections=sections).sections[0].items
    assert items[0] == "một" and isinstance(items[1], ItemNode) and items[1].items == ["a", "b"]


def test_tasks_are_sections_with_an_assignment() -> None:
    task = valid().sections[1].tasks[0]
    assert isinstance(task, Task)
    assert (task.lead, task.support, task.due, task.output) == (
        "KTHT",
        ["TCKH"],
        "Quý II/2022",
        "Báo cáo",
    )


def test_appendices_are_task_tables_or_given_tables() -> None:
    built = valid(
        appendices=[
            {"title": "A", "table": "tasks"},
            {"title": "B", "columns": ["x"], "rows": [["1"]]},
        ]
    )
    assert isinstance(built.appendices[0], TaskTable)
    assert isinstance(built.appendices[1], GivenTable)


def test_amounts_keep_the_scale_written_in_quotes() -> None:
    budget = {"unit": "tỷ đồng", "lines": [{"source": "A", "amount": "0.250"}]}
    built = valid(sections=[{"title": "K", "budget": budget}])
    amount = built.sections[0].budget.lines[0].amount  # type: ignore[union-attr]
    assert amount == Money(Decimal("0.250"))
    assert str(amount) == "0.250"


def test_every_field_is_described_for_editors() -> None:
    """Field docstrings are the schema's descriptions (`plangen schema`)."""
    from plangen.schema import plan_schema

    defs = plan_schema()["$defs"]
    assert "Trích yếu" in defs["Plan"]["properties"]["subject"]["description"]
    task = defs["Task"]["properties"]
    assert "cơ quan chủ trì" in task["lead"]["description"]
    undocumented = [
        (name, key)
        for name, definition in defs.items()
        if name != "Overlay"
        for key, prop in definition.get("properties", {}).items()
        if "description" not in prop and prop != {"$ref": "#/$defs/UnitKey"}  # described there
    ]
    assert undocumented == []
    assert "description" in defs["UnitKey"]


class _Read(pydantic.BaseModel, use_attribute_docstrings=True):
    first: int
    """Thứ nhất (the first)."""
    second: int = 0
    """Thứ hai (the second)."""


class _Base(_Model):
    first: int
    """Thứ nhất (the first)."""


class _Derived(_Base):
    second: int = 0
    """Thứ hai (the second)."""


def test_field_docstrings_are_read_as_pydantic_reads_them() -> None:
    """`docstrings` calls pydantic's private reader (pyproject keeps pydantic below 3):
    a pydantic that moves or changes it fails here, not in an editor's hover text."""
    expected = {"first": "Thứ nhất (the first).", "second": "Thứ hai (the second)."}
    assert {name: f.description for name, f in _Read.model_fields.items()} == expected
    assert docstrings(_Derived) == expected


def test_the_vocabulary_for_suggestions_holds_every_key() -> None:
    assert {"subject", "title", "lead", "support", "archive", "appendices"} <= field_vocabulary()


def test_an_electronic_plan_is_printed_without_number_and_date() -> None:
    written = valid(issue="electronic")
    assert (written.number, written.date) == (24, dt.date(2022, 2, 14))
    assert (written.as_issued().number, written.as_issued().date) == (None, None)
    assert valid().as_issued() == valid() and valid(issue="final").as_issued().number == 24


def test_the_issuance_mode_is_one_of_three() -> None:
    with pytest.raises(pydantic.ValidationError, match="issue"):
        valid(issue="paper")
