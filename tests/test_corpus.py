"""A corpus of broken plans (tests/corpus/): each is refused with exit 2, at its place, fast,
and without touching the output — neither a partial file nor the previous good one."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from conftest import TEST_PLANS, run

CORPUS = Path(__file__).parent / "corpus"

# file: (code, line, column) of the first diagnostic
CASES = {
    "empty.yaml": ("file-empty", 1, 1),
    "comment-only.yaml": ("file-empty", 1, 1),
    "root-list.yaml": ("yaml-root", 1, 1),
    "root-scalar.yaml": ("yaml-root", 1, 1),
    "binary.yaml": ("file-binary", 1, 6),  # the first NUL byte
    "invalid-utf8.yaml": ("encoding-invalid", 75, 13),  # the bad byte inside the signer's name
    "utf16.yaml": ("encoding-utf16", 1, 1),
    "tabs.yaml": ("yaml-tab", 4, 1),
    "syntax.yaml": ("yaml-syntax", 12, 14),  # the unclosed '[' opened on line 11
    "duplicate-key.yaml": ("yaml-duplicate-key", 11, 1),
    "alias-bomb.yaml": ("yaml-too-many-nodes", 1, 32),
    "deep-nesting.yaml": ("yaml-too-deep", 1, 74),
    "unknown-key.yaml": ("extra_forbidden", 34, 5),
    "list-for-text.yaml": ("type", 12, 3),
    "text-for-number.yaml": ("number", 10, 7),
    "impossible-date.yaml": ("date", 9, 7),
    "dates-out-of-order.yaml": ("date-basis-order", 17, 11),
    "negative-amount.yaml": ("greater_than_equal", 59, 59),
    "non-numeric-amount.yaml": ("number", 59, 59),
    "unknown-unit.yaml": ("unknown-unit", 50, 15),
    "duplicate-id.yaml": ("duplicate-id", 48, 13),
    "control-char.yaml": ("control-char", 75, 9),
    "impossible-deadline.yaml": ("due-invalid", 45, 14),
    "many-errors.yaml": ("unknown-unit", 50, 15),
}


def first_diagnostic(output: str) -> tuple[str, int, int]:
    line = output.splitlines()[0]
    _, row, column, _ = line.split(":", 3)
    return line.rsplit("[", 1)[1].rstrip("]"), int(row), int(column)


def test_every_corpus_file_has_an_expectation() -> None:
    assert sorted(p.name for p in CORPUS.glob("*.yaml")) == sorted([*CASES, "utf8-bom.yaml"])


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_broken_plan_is_refused_where_it_is_broken(name: str, tmp_path: Path) -> None:
    output = tmp_path / "plan.docx"
    start = time.perf_counter()
    code, printed = run("build", str(CORPUS / name), "-o", str(output))
    elapsed = time.perf_counter() - start
    assert code == 2, printed
    assert "Traceback" not in printed
    assert first_diagnostic(printed) == CASES[name], printed
    assert printed.splitlines()[0].startswith(str(CORPUS / name) + ":")
    assert elapsed < 2.0
    assert list(tmp_path.iterdir()) == []


def test_all_problems_of_a_plan_are_listed_together() -> None:
    code, printed = run("validate", str(CORPUS / "many-errors.yaml"))
    *lines, summary = printed.splitlines()
    assert code == 2
    assert [first_diagnostic(line)[0] for line in lines] == [
        "unknown-unit",
        "due-outside",
        "archive-vt",
    ]
    assert summary == "plangen: 3 lỗi (3 error(s))"


def test_a_refused_build_leaves_the_previous_document_byte_for_byte(tmp_path: Path) -> None:
    output = tmp_path / "plan.docx"
    assert run("build", str(TEST_PLANS / "minimal.yaml"), "-o", str(output))[0] == 0
    good = output.read_bytes()
    for name in ("impossible-date.yaml", "syntax.yaml", "control-char.yaml"):
        assert run("build", str(CORPUS / name), "-o", str(output))[0] == 2
        assert output.read_bytes() == good
    assert [p.name for p in tmp_path.iterdir()] == ["plan.docx"]


def test_a_utf8_bom_is_accepted() -> None:
    assert run("validate", str(CORPUS / "utf8-bom.yaml"))[0] == 0


def test_a_missing_file_is_reported(tmp_path: Path) -> None:
    code, printed = run("build", str(tmp_path / "khong-co.yaml"))
    assert code == 2 and "[file-missing]" in printed


def test_a_folder_where_a_file_is_expected_is_reported(tmp_path: Path) -> None:
    (tmp_path / "2025.yaml").mkdir()
    code, printed = run("validate", str(tmp_path / "2025.yaml"))
    assert code == 2 and "[file-is-dir]" in printed


def test_a_file_over_the_size_limit_is_refused_quickly(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("subject: " + "x" * (6 * 1024 * 1024), encoding="utf-8")
    start = time.perf_counter()
    code, printed = run("validate", str(big))
    assert code == 2 and "[file-too-large]" in printed
    assert time.perf_counter() - start < 2.0


def test_a_units_file_that_is_missing_is_reported_at_the_units_key(tmp_path: Path) -> None:
    shutil.copy(CORPUS.parent / "plans" / "minimal.yaml", tmp_path / "plan.yaml")
    text = (tmp_path / "plan.yaml").read_text(encoding="utf-8")
    start = text.index("units:\n")
    end = text.index("signature:")
    (tmp_path / "plan.yaml").write_text(
        text[:start] + "units: units.yaml\n" + text[end:], encoding="utf-8"
    )
    code, printed = run("validate", str(tmp_path / "plan.yaml"))
    assert code == 2 and "[file-missing]" in printed and ": units:" in printed
