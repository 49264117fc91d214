"""Write stage: where documents go, and writes that never leave a broken file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from plangen import output
from plangen.diagnostics import PlanError


def test_one_plan_goes_to_output_slash_its_name_or_where_o_says(tmp_path: Path) -> None:
    plan = Path("plans/2024.yaml")
    assert output.output_path(plan, None, many=False) == Path("output/2024.docx")
    assert output.output_path(plan, tmp_path / "a.docx", many=False) == tmp_path / "a.docx"
    assert output.output_path(plan, tmp_path, many=False) == tmp_path / "2024.docx"
    assert output.output_path(plan, tmp_path / "new", many=True) == tmp_path / "new/2024.docx"


def test_an_interrupted_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.docx"
    target.write_bytes(b"old")

    def fail(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "replace", fail)
    with pytest.raises(PlanError) as caught:
        output.write(target, b"new")
    (problem,) = caught.value.diagnostics
    assert (problem.path, problem.field, problem.code) == (
        str(target),
        "output",
        "output-unwritable",
    )
    assert "No space left on device" in problem.message
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.docx"]


def test_written_files_get_an_ordinary_mode(tmp_path: Path) -> None:
    target = tmp_path / "a.docx"
    output.write(target, b"x")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
