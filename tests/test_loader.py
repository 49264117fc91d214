"""Load stage: YAML text → located data, refusing what would make later stages guess.

Each case reads as `problems(text) == [(line, column, code)]`.
"""

from __future__ import annotations

from pathlib import Path

from plangen import loader
from plangen.diagnostics import PlanError


def problems(text: str) -> list[tuple[int, int, str]]:
    """Where `loader.parse` refuses `text`, as (line, column, code)."""
    try:
        loader.parse(text, "p.yaml")
    except PlanError as error:
        return [(d.line, d.column, d.code) for d in error.diagnostics]
    return []


def test_a_plain_mapping_loads() -> None:
    assert problems("kind: ke-hoach\nyear: 2024\n") == []


def test_a_duplicate_key_points_at_the_second_one() -> None:
    assert problems("year: 2024\nsubject: a\nyear: 2025\n") == [(3, 1, "yaml-duplicate-key")]


def test_a_tab_used_for_indentation_is_named() -> None:
    assert problems("issuer:\n\tname: a\n") == [(2, 1, "yaml-tab")]


def test_a_syntax_error_is_located() -> None:
    assert problems("a: [1, 2\nb: 3\n") == [(2, 2, "yaml-syntax")]


def test_a_key_that_is_a_list_is_refused() -> None:
    assert problems("[a, b]: 1\n") == [(1, 1, "yaml-key-type")]


def test_nesting_deeper_than_the_limit_is_refused_before_composing() -> None:
    assert loader.MAX_DEPTH == 64
    deep = "a: " + "[" * 65 + "]" * 65 + "\n"
    # The mapping is level 1, so the 64th bracket, in column 3 + 64, is level 65.
    assert problems(deep) == [(1, 67, "yaml-too-deep")]


def test_nesting_deeper_than_libyaml_allows_is_refused_where_the_limit_is_passed() -> None:
    deep = "".join(" " * level + "k:\n" for level in range(2000)) + "x\n"
    assert problems(deep) == [(65, 65, "yaml-too-deep")]


def test_an_alias_bomb_is_stopped() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 7)]
    (found,) = problems("\n".join(lines) + "\n")
    assert found[2] == "yaml-too-many-nodes"


def test_dates_and_yes_no_stay_text_for_the_model_to_read() -> None:
    data = loader.parse("date: 2024-01-22\nabbr: NO\nflag: true\n", "p.yaml").data
    assert data == {"date": "2024-01-22", "abbr": "NO", "flag": True}


def test_every_value_knows_its_line_and_column() -> None:
    source = loader.parse("issuer:\n  name: Sở Y tế\nsections:\n  - title: Mục đích\n", "p.yaml")
    assert source.locate(("issuer", "name")) == ("p.yaml", 2, 9)
    assert source.locate(("sections", 0, "title")) == ("p.yaml", 4, 12)
    assert source.locate(("sections", 0, "title"), at_key=True) == ("p.yaml", 4, 5)
    assert source.locate(("sections", 5)) == ("p.yaml", 4, 3)  # the nearest parent


def test_values_are_composed_to_nfc_after_parsing_not_before() -> None:
    # NFC on the text would join the escape `\a` with the combining grave into `\à`.
    data = loader.parse('subject: "X0A\\a\u0300Y"\nA\u0300: 1\n', "p.yaml").data
    assert data == {"subject": "X0A\x07\u0300Y", "\u00c0": 1}
    assert loader.parse("t: Ho\u0300a\n", "p.yaml").data == {"t": "Hòa"}


def test_a_file_named_in_a_plan_is_found_beside_it(tmp_path: Path) -> None:
    (tmp_path / "units.yaml").write_text("SCT: Sở Công Thương\n", encoding="utf-8")
    plan = tmp_path / "p.yaml"
    plan.write_text("units: units.yaml\n", encoding="utf-8")
    source = loader.load(plan)
    assert source.data == {"units": {"SCT": "Sở Công Thương"}}
    assert [part.path for part in source.parts] == [str(tmp_path / "units.yaml")]


def test_a_folder_scan_reads_only_the_top_level_texts(tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text("kind: ke-hoach\nunits: units.yaml\nyear: 2024\nsections: [{title: x}]\n")
    assert loader.top_level(str(plan)) == {
        "kind": "ke-hoach",
        "units": "units.yaml",
        "year": None,
        "sections": None,
    }
    plan.write_text("- a\n")
    assert loader.top_level(str(plan)) == {}
    plan.write_text("a: [\n")
    assert loader.top_level(str(plan)) == {}
    assert loader.top_level(str(tmp_path / "missing.yaml")) == {}
