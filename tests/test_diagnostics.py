"""Problems as located values: how they read, sort and name their field."""

from __future__ import annotations

from plangen.diagnostics import Diagnostic, PlanError, Problem, field_name, from_validation


def test_a_diagnostic_reads_file_line_column_field_message_and_code() -> None:
    error = Diagnostic("p.yaml", 3, 7, "date", "ngày không hợp lệ", "date")
    warning = Diagnostic("p.yaml", 1, 1, "", "dự thảo", "draft", "warning")
    assert str(error) == "p.yaml:3:7: date: ngày không hợp lệ [date]"
    assert str(warning) == "p.yaml:1:1: -: cảnh báo (warning): dự thảo [draft]"


def test_a_field_is_named_as_the_user_wrote_it() -> None:
    assert field_name(("sections", 2, "tasks", 0, "due")) == "sections[2].tasks[0].due"
    assert field_name(()) == ""


def test_an_error_lists_its_problems_in_file_order() -> None:
    late = Diagnostic("p.yaml", 9, 1, "", "b", "b")
    early = Diagnostic("p.yaml", 2, 5, "", "a", "a")
    assert PlanError([late, early]).diagnostics == (early, late)


def test_a_one_place_error_names_the_file_and_fills_the_message() -> None:
    (found,) = PlanError.at("out.docx", "output-unwritable", field="output", reason="đầy").errors
    assert (found.path, found.line, found.column, found.field) == ("out.docx", 1, 1, "output")
    assert found.message == "không ghi được tệp kết quả: đầy (cannot write output)"


def test_a_union_that_tried_several_shapes_reports_the_deepest_mistake() -> None:
    data = {"sections": [{"items": [{"txt": "a"}]}]}
    errors = [
        {"type": "string_type", "loc": ("sections", 0, "items", 0, "str"), "input": {}},
        {"type": "missing", "loc": ("sections", 0, "items", 0, "ItemNode", "text"), "input": {}},
    ]
    assert [(p.loc, p.code) for p in from_validation(errors, data, [])] == [
        (("sections", 0, "items", 0, "text"), "missing")
    ]


def test_an_unknown_key_suggests_the_closest_known_one() -> None:
    errors = [{"type": "extra_forbidden", "loc": ("subjcet",), "input": "x"}]
    (problem,) = from_validation(errors, {"subjcet": "x"}, ["subject", "sections"])
    assert problem == Problem(
        ("subjcet",),
        "extra_forbidden",
        {"key": "subjcet", "hint": "; có phải 'subject'? (did you mean)"},
        at_key=True,
    )
