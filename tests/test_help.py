"""Every command explains itself: `-h` as `--help`, and an example in each."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import PLANS, TEST_PLANS, run
from plangen.cli import main


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_commands_help_has_an_example(name: str) -> None:
    code, printed = run(name, "--help")
    assert code == 0
    example = printed[printed.index("Example:") :].splitlines()[1]
    assert example.strip().startswith(f"plangen {name}")


@pytest.mark.parametrize("name", ["", *sorted(main.commands)])
def test_dash_h_is_help(name: str) -> None:
    args = [name] if name else []
    assert run(*args, "-h") == run(*args, "--help")


def test_the_groups_help_has_an_example_and_names_the_language_option() -> None:
    printed = run("--help")[1]
    assert "Example:" in printed and "--lang [vi|en]" in printed


def test_diff_docx_says_where_it_wrote(tmp_path: Path) -> None:
    redline = tmp_path / "redline.docx"
    code, printed = run(
        "diff", str(TEST_PLANS / "minimal.yaml"), str(PLANS / "2024.yaml"), "--docx", str(redline)
    )
    assert code == 1 and redline.is_file()
    assert f"{redline} (đã ghi bản so sánh có đánh dấu thay đổi; redline written)" in printed
