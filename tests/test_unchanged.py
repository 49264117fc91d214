"""The no-change check: a rebuild with nothing changed is skipped before validating, and a
note in the cache folder is only a hint, never trusted over the files themselves."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import run
from planfiles import plan, write
from plangen import cache, validation
from plangen.template import BUNDLED
from test_annex import annexed
from test_batch import summary


@pytest.fixture
def validated(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The plans validated from now on (a build that was not skipped validates its plan)."""
    seen: list[str] = []
    real = validation.validate

    def spy(path: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(validation, "validate", spy)
    return seen


def _units_plan(folder: Path) -> Path:
    write(folder, {"KTHT": "Phòng Kinh tế và Hạ tầng", "TCKH": "Phòng Tài chính"}, "units.yaml")
    return write(folder, plan(units="units.yaml"))


def test_a_rebuild_with_nothing_changed_does_not_validate(
    tmp_path: Path, validated: list[str]
) -> None:
    source, out = _units_plan(tmp_path), tmp_path / "kh.docx"
    assert run("build", str(source), "-o", str(out)) == (0, f"{out} (đã ghi; written)\n")
    assert run("build", str(source), "-o", str(out)) == (0, f"{out} (không đổi; unchanged)\n")
    assert validated == [str(source)]


PIPELINE = ("pydantic", "docxtpl", "docx", "lxml", "babel")


def _heavy_imports(*args: str, heavy: tuple[str, ...] = PIPELINE) -> list[str]:
    """What `plangen ARGS` printed on stdout, then which of `heavy` it imported."""
    script = (
        "import sys\nfrom plangen.cli import main\ntry:\n"
        f"    main({list(args)!r}, standalone_mode=False)\n"
        "finally:\n"
        f"    print([m for m in {heavy!r} if m in sys.modules])"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=dict(os.environ)
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_a_rebuild_with_nothing_changed_imports_neither_pydantic_nor_docxtpl_nor_yaml(
    tmp_path: Path,
) -> None:
    source, out = _units_plan(tmp_path), tmp_path / "kh.docx"
    assert run("build", str(source), "-o", str(out))[0] == 0
    assert _heavy_imports("build", str(source), "-o", str(out), heavy=(*PIPELINE, "yaml")) == [
        f"{out} (không đổi; unchanged)",
        "[]",
    ]


def test_a_batch_in_workers_with_nothing_changed_starts_none_and_imports_no_pipeline(
    tmp_path: Path,
) -> None:
    plans, out = tmp_path / "plans", tmp_path / "out"
    plans.mkdir()
    write(plans, plan(subject="Kế hoạch một"), "a.yaml")
    write(plans, plan(subject="Kế hoạch hai"), "b.yaml")
    build = ("build", str(plans), "-o", f"{out}/", "--jobs", "2")
    assert run(*build)[0] == 0
    assert _heavy_imports(*build) == [
        f"{out / 'a.docx'} (không đổi; unchanged)",
        f"{out / 'b.docx'} (không đổi; unchanged)",
        "[]",
    ]


def test_an_edit_of_a_file_the_plan_names_is_rebuilt(tmp_path: Path, validated: list[str]) -> None:
    source, out = _units_plan(tmp_path), tmp_path / "kh.docx"
    assert run("build", str(source), "-o", str(out))[0] == 0
    write(tmp_path, {"KTHT": "Phòng Kinh tế, Hạ tầng", "TCKH": "Phòng Tài chính"}, "units.yaml")
    assert run("build", str(source), "-o", str(out)) == (0, f"{out} (đã ghi; written)\n")
    assert validated == [str(source), str(source)]


def test_a_damaged_note_means_a_full_build_and_is_written_again(
    tmp_path: Path, validated: list[str]
) -> None:
    source, out = _units_plan(tmp_path), tmp_path / "kh.docx"
    assert run("build", str(source), "-o", str(out))[0] == 0
    notes = sorted((cache.folder() / "builds").glob("*.json"), key=lambda p: p.stat().st_mtime)
    notes[-1].write_text('{"stamp": 1, "inputs": [', encoding="utf-8")
    assert run("build", str(source), "-o", str(out)) == (0, f"{out} (không đổi; unchanged)\n")
    assert run("build", str(source), "-o", str(out)) == (0, f"{out} (không đổi; unchanged)\n")
    assert validated == [str(source), str(source)]


def test_the_note_is_written_as_documents_are_and_a_killed_build_s_temporary_goes(
    tmp_path: Path,
) -> None:
    source, out = _units_plan(tmp_path), tmp_path / "kh.docx"
    assert run("build", str(source), "-o", str(out))[0] == 0
    notes = sorted((cache.folder() / "builds").glob("*.json"), key=lambda p: p.stat().st_mtime)
    left = notes[-1].with_name(f".{notes[-1].name}.k1ll3d00.tmp")  # mkstemp's naming
    left.write_text('{"stamp": ', encoding="utf-8")
    os.utime(left, (0, 0))
    source.write_text(source.read_text(encoding="utf-8") + "# sửa\n", encoding="utf-8")
    assert run("build", str(source), "-o", str(out)) == (0, f"{out} (đã ghi; written)\n")
    assert not left.exists()
    assert notes[-1].stat().st_mode & 0o777 == out.stat().st_mode & 0o777


def test_a_project_template_added_since_the_build_is_used(tmp_path: Path) -> None:
    source, out = _units_plan(tmp_path), tmp_path / "kh.docx"
    assert run("build", str(source), "-o", str(out))[0] == 0
    (tmp_path / "templates").mkdir()
    shutil.copy(BUNDLED / "ke-hoach.docx", tmp_path / "templates" / "ke-hoach.docx")
    code, printed = run("build", str(source), "-o", str(out))
    assert code == 0
    assert f"mẫu (template): {tmp_path / 'templates' / 'ke-hoach.docx'}" in printed


def test_a_deleted_appendix_file_is_built_again(tmp_path: Path, validated: list[str]) -> None:
    source, out = write(tmp_path, annexed(separate=True)), tmp_path / "kh.docx"
    annex = tmp_path / "kh-phu-luc-I.docx"
    assert run("build", str(source), "-o", str(out))[0] == 0
    assert run("build", str(source), "-o", str(out))[1].splitlines() == [
        f"{out} (không đổi; unchanged)",
        f"{annex} (không đổi; unchanged)",
    ]
    annex.unlink()
    assert run("build", str(source), "-o", str(out))[1].splitlines() == [
        f"{out} (đã ghi; written)",
        f"{annex} (đã ghi; written)",
    ]
    assert annex.is_file()
    assert validated == [str(source), str(source)]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_folder_rebuilt_with_nothing_changed_is_not_validated_and_counts_as_unchanged(
    tmp_path: Path, jobs: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    plans, out = tmp_path / "plans", tmp_path / "out"
    (plans / "a").mkdir(parents=True)
    write(plans, plan(subject="Kế hoạch ở gốc"), "top.yaml")
    write(plans / "a", plan(subject="Kế hoạch thư mục a"), "x.yaml")
    build = ("build", str(plans), "-o", f"{out}/", "--jobs", jobs)
    assert run(*build)[1].splitlines()[-1] == summary(2, 0, 0)

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("validated")

    monkeypatch.setattr(validation, "validate", refuse)  # forked workers inherit it
    assert run(*build) == (
        0,
        f"{out / 'top.docx'} (không đổi; unchanged)\n"
        f"{out / 'a' / 'x.docx'} (không đổi; unchanged)\n"
        f"{summary(0, 2, 0)}\n",
    )
