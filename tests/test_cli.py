"""The command line: exit codes, messages, batches and where documents are written."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from conftest import PLANS, TEST_PLANS, run
from planfiles import plan, write
from plangen import context
from plangen.cli import main

CORPUS = Path(__file__).parent / "corpus"


def test_build_writes_the_document_and_says_so(tmp_path: Path) -> None:
    code, printed = run("build", str(TEST_PLANS / "minimal.yaml"), "-o", str(tmp_path / "a.docx"))
    assert code == 0
    assert printed.strip() == f"{tmp_path / 'a.docx'} (đã ghi; written)"


def test_the_default_output_is_output_slash_the_plan_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("build", str(TEST_PLANS / "minimal.yaml"))[0] == 0
    assert (tmp_path / "output" / "minimal.docx").is_file()


def test_output_to_an_existing_folder_writes_inside_it(tmp_path: Path) -> None:
    assert run("build", str(TEST_PLANS / "minimal.yaml"), "-o", str(tmp_path))[0] == 0
    assert (tmp_path / "minimal.docx").is_file()


def test_a_read_only_output_folder_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    if os.access(folder, os.W_OK):  # root ignores permissions: refuse as the OS would
        import tempfile

        def refuse(*_: object, **__: object) -> None:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(tempfile, "mkstemp", refuse)
    code, printed = run("build", str(TEST_PLANS / "minimal.yaml"), "-o", str(folder / "a.docx"))
    assert code == 2 and "[output-unwritable]" in printed and "Permission denied" in printed
    assert list(folder.iterdir()) == []


def test_an_output_path_under_a_file_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    code, printed = run("build", str(TEST_PLANS / "minimal.yaml"), "-o", str(blocker / "a.docx"))
    assert code == 2 and "[output-unwritable]" in printed and "Traceback" not in printed


def test_a_batch_reports_every_failure_and_still_builds_the_good_plans(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(TEST_PLANS / "minimal.yaml", folder / "a-good.yaml")
    shutil.copy(CORPUS / "impossible-date.yaml", folder / "b-bad.yaml")
    shutil.copy(CORPUS / "unknown-unit.yaml", folder / "c-bad.yaml")
    shutil.copy(TEST_PLANS / "minimal.yaml", folder / "d-good.yaml")
    code, printed = run("build", str(folder), "-o", str(tmp_path / "out"))
    assert code == 2
    assert "b-bad.yaml:9:7" in printed and "c-bad.yaml:50:15" in printed
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a-good.docx", "d-good.docx"]


def test_validate_says_valid_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, printed = run("validate", str(PLANS / "2024.yaml"))
    assert code == 0 and "hợp lệ (valid)" in printed
    assert list(tmp_path.iterdir()) == []


def test_warnings_are_shown_but_do_not_fail_unless_strict(tmp_path: Path) -> None:
    draft = write(tmp_path, plan(number=None))
    code, printed = run("validate", str(draft))
    assert code == 0 and "cảnh báo (warning)" in printed and "[draft]" in printed
    assert run("validate", "--strict", str(draft))[0] == 2


def test_final_refuses_a_draft(tmp_path: Path) -> None:
    draft = write(tmp_path, plan(date=None))
    code, printed = run("build", "--final", str(draft), "-o", str(tmp_path / "a.docx"))
    assert code == 2 and "[final-draft]" in printed
    assert not (tmp_path / "a.docx").exists()


def test_an_electronic_build_leaves_number_and_date_blank_and_no_draft_mark(
    tmp_path: Path,
) -> None:
    out = tmp_path / "e.docx"
    code, printed = run("build", "--electronic", str(PLANS / "2024.yaml"), "-o", str(out))
    assert code == 0 and "cảnh báo" not in printed, printed
    lines = run("text", str(out))[1].splitlines()
    assert lines[0].startswith("ỦY BAN NHÂN DÂN") and "DỰ THẢO" not in "".join(lines)
    assert lines[1] == "Số:      /KH-UBND | Thừa Thiên Huế, ngày      tháng      năm 2024"


def test_the_command_line_mode_overrides_the_plans_and_rebuilds(tmp_path: Path) -> None:
    source, out = write(tmp_path, plan(issue="electronic")), tmp_path / "a.docx"
    assert run("build", str(source), "-o", str(out))[0] == 0
    assert run("text", str(out))[1].splitlines()[1].startswith("Số:      /KH-UBND")
    code, printed = run("build", "--final", str(source), "-o", str(out))
    assert code == 0 and "(đã ghi; written)" in printed
    assert run("text", str(out))[1].splitlines()[1].startswith("Số: 24/KH-UBND")


def test_electronic_and_final_cannot_both_be_asked_for(tmp_path: Path) -> None:
    code, printed = run("build", "--electronic", "--final", str(write(tmp_path, plan())))
    assert code == 2 and "mutually exclusive" in printed


@pytest.fixture
def broken_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """`plangen [options] build minimal.yaml` with a bug planted in the pipeline."""

    def broken(*_: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(context, "build_context", broken)
    out = str(tmp_path / "a.docx")
    return lambda *options: CliRunner().invoke(
        main, [*options, "build", str(TEST_PLANS / "minimal.yaml"), "-o", out]
    )


def test_an_internal_error_is_one_line_with_its_own_exit_code(
    broken_build: Callable[..., Result],
) -> None:
    result = broken_build()
    assert result.exit_code == 3
    assert result.output.count("\n") == 1
    assert "lỗi nội bộ (internal error): RuntimeError: boom" in result.output
    assert "--debug" in result.output and "Traceback" not in result.output


def test_debug_shows_the_traceback_of_an_internal_error(
    broken_build: Callable[..., Result],
) -> None:
    result = broken_build("--debug")
    assert result.exit_code == 3
    assert "Traceback" in result.output and "RuntimeError: boom" in result.output


def _installed(*args: str) -> subprocess.CompletedProcess[str]:
    """The `plangen` script's entry point (cli.run, which leaves without teardown)."""
    script = "from plangen.cli import run; run()"
    return subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, timeout=60
    )


def test_the_installed_command_runs_as_a_program(tmp_path: Path) -> None:
    result = _installed("validate", str(CORPUS / "impossible-date.yaml"))
    assert result.returncode == 2
    assert result.stderr.startswith(f"{CORPUS / 'impossible-date.yaml'}:9:7: date:")
    assert result.stderr.endswith("plangen: 1 lỗi (1 error(s))\n")


def test_the_installed_command_flushes_what_it_printed_before_it_exits(tmp_path: Path) -> None:
    out = tmp_path / "kh.docx"
    result = _installed("build", str(PLANS / "2024.yaml"), "-o", str(out))
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        f"{out} (đã ghi; written)\n",
        "",
    )


def test_a_full_disk_under_the_standard_output_is_the_users_not_a_bug() -> None:
    """`plangen validate x.yaml > file` on a full disk (/dev/full): exit 2 and a message
    naming the standard output, not 'lỗi nội bộ' and exit 3."""
    plan = PLANS / "2024.yaml"
    before = plan.read_bytes()
    script = "from plangen.cli import run; run()"
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-c", script, "validate", str(plan)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert (done.returncode, done.stderr) == (
        2,
        "plangen: không ghi được ra đầu ra chuẩn: No space left on device "
        "(cannot write the standard output)\n",
    )
    assert plan.read_bytes() == before
