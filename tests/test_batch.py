"""Batches for CI: `build DIR` with its sub-folders, `--jobs`, `--format json|github` for
`build` and `validate`, the closing summary, and `--pdf` not converting an unchanged document."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import PLANS, TEST_PLANS, run
from planfiles import plan, write
from plangen.cli import main
from plangen.console import annotation
from plangen.diagnostics import Diagnostic

CORPUS = Path(__file__).parent / "corpus"
SUMMARY = "plangen: đã ghi {}, không đổi {}, lỗi {} (built {}, unchanged {}, failed {})"


def summary(built: int, unchanged: int, failed: int) -> str:
    return SUMMARY.format(built, unchanged, failed, built, unchanged, failed)


def stdout(*args: str) -> tuple[int, str]:
    """Exit code and what went to stdout alone (what a tool reading the JSON gets)."""
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout


def tree(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def text_of(docx: Path) -> str:
    code, shown = run("text", str(docx))
    assert code == 0, shown
    return shown


@pytest.fixture
def nested(tmp_path: Path) -> Path:
    """plans/ with sub-folders, a shared registry, and files that are not plans."""
    plans = tmp_path / "plans"
    for folder in ("a/b", ".git", "output"):
        (plans / folder).mkdir(parents=True)
    write(plans, plan(subject="Kế hoạch ở gốc"), "top.yaml")
    write(plans / "a", plan(subject="Kế hoạch thư mục a", units="don-vi.yaml"), "x.yaml")
    write(plans / "a", dict(plan()["units"]), "don-vi.yaml")  # named by x.yaml's units:
    write(plans / "a" / "b", plan(subject="Kế hoạch thư mục b"), "y.yml")
    write(plans / "a" / "b", dict(plan()["units"]), "units.yaml")
    write(plans / ".git", plan(), "hidden.yaml")
    write(plans / "output", plan(), "old.yaml")
    return plans


def test_a_folder_builds_its_sub_folders_and_the_outputs_mirror_them(
    nested: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    code, printed = run("build", str(nested), "-o", str(out))
    assert code == 0, printed
    assert tree(out) == ["a/b/y.docx", "a/x.docx", "top.docx"]
    assert "Kế hoạch thư mục a" in text_of(out / "a" / "x.docx")
    assert "Kế hoạch thư mục b" in text_of(out / "a" / "b" / "y.docx")
    assert "Kế hoạch ở gốc" in text_of(out / "top.docx")


def test_without_o_the_mirror_is_under_output(
    nested: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("build", "plans")[0] == 0
    assert tree(tmp_path / "output") == ["a/b/y.docx", "a/x.docx", "top.docx"]
    # built again from the top: output/ itself is never read as plans
    code, printed = run("build", ".")
    assert code == 0, printed
    assert tree(tmp_path / "output") == [
        "a/b/y.docx",
        "a/x.docx",
        "plans/a/b/y.docx",
        "plans/a/x.docx",
        "plans/top.docx",
        "top.docx",
    ]


def test_validate_checks_the_sub_folders_too(nested: Path) -> None:
    code, printed = run("validate", str(nested))
    assert code == 0, printed
    valid = sorted(line for line in printed.splitlines() if line.endswith("hợp lệ (valid)"))
    assert valid == [
        f"{nested / 'a' / 'b' / 'y.yml'}: hợp lệ (valid)",
        f"{nested / 'a' / 'x.yaml'}: hợp lệ (valid)",
        f"{nested / 'top.yaml'}: hợp lệ (valid)",
    ]


def test_a_linked_folder_is_not_followed_unless_named_and_a_loop_cannot_hang(
    tmp_path: Path,
) -> None:
    plans, elsewhere = tmp_path / "plans", tmp_path / "elsewhere"
    plans.mkdir()
    elsewhere.mkdir()
    write(plans, plan(), "here.yaml")
    write(elsewhere, plan(), "there.yaml")
    (plans / "loop").symlink_to(plans)
    (plans / "link").symlink_to(elsewhere)
    assert run("build", str(plans), "-o", str(tmp_path / "out"))[0] == 0
    assert tree(tmp_path / "out") == ["here.docx"]
    assert run("build", str(plans / "link"), "-o", str(tmp_path / "named"))[0] == 0
    assert tree(tmp_path / "named") == ["there.docx"]


def test_a_base_is_a_document_when_it_says_its_kind_and_a_part_when_not(
    tmp_path: Path,
) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    for name in ("2024.yaml", "units.yaml", "bao-cao-2024.yaml"):  # reports_on: 2024.yaml
        shutil.copy(PLANS / name, plans)
    write(plans, plan(kind=None), "chung.yaml")  # a shared part, whole only when extended
    write(plans, {"extends": "chung.yaml", "kind": "ke-hoach", "number": 17}, "huyen.yaml")
    write(plans, {"extends": "2024.yaml", "number": 31}, "2024-sua.yaml")
    code, printed = run("build", str(plans), "-o", str(tmp_path / "out"))
    assert code == 0, printed
    assert tree(tmp_path / "out") == [
        "2024-sua.docx",
        "2024.docx",
        "bao-cao-2024.docx",
        "huyen.docx",
    ]
    assert "Số: 17/KH-UBND" in text_of(tmp_path / "out" / "huyen.docx")
    assert "Số: 31/KH-UBND" in text_of(tmp_path / "out" / "2024-sua.docx")


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """Two good plans around a bad one (an unknown unit at line 50, column 15)."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(TEST_PLANS / "minimal.yaml", folder / "a-good.yaml")
    shutil.copy(CORPUS / "unknown-unit.yaml", folder / "b-bad.yaml")
    shutil.copy(TEST_PLANS / "minimal.yaml", folder / "c-good.yaml")
    return folder


UNIT = "sections[2].tasks[1].lead"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_failing_plan_exits_2_the_good_ones_are_built_and_the_summary_counts_them(
    mixed: Path, tmp_path: Path, jobs: str
) -> None:
    out = tmp_path / "out"
    code, printed = run("build", str(mixed), "-o", str(out), "--jobs", jobs)
    assert code == 2
    assert tree(out) == ["a-good.docx", "c-good.docx"]
    lines = printed.splitlines()
    assert f"{mixed / 'b-bad.yaml'} (không ghi được, lỗi ở dưới; failed, see below)" in lines
    assert any(line.startswith(f"{mixed / 'b-bad.yaml'}:50:15: {UNIT}:") for line in lines)
    assert lines[-1] == summary(2, 0, 1)


def test_an_unchanged_rebuild_is_counted_unchanged_and_leaves_the_files(
    mixed: Path, tmp_path: Path
) -> None:
    (mixed / "b-bad.yaml").unlink()
    out = tmp_path / "out"
    assert run("build", str(mixed), "-o", str(out))[1].splitlines()[-1] == summary(2, 0, 0)
    before = {name: (out / name).stat().st_mtime_ns for name in tree(out)}
    source = mixed / "c-good.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace("number: 5", "number: 16"))
    code, printed = run("build", str(mixed), "-o", str(out))
    assert code == 0 and printed.splitlines()[-1] == summary(1, 1, 0)
    assert f"{out / 'a-good.docx'} (không đổi; unchanged)" in printed
    assert (out / "a-good.docx").stat().st_mtime_ns == before["a-good.docx"]
    assert "Số: 16/KH-SCT" in text_of(out / "c-good.docx")


def test_one_plan_has_no_summary(tmp_path: Path) -> None:
    code, printed = run("build", str(TEST_PLANS / "minimal.yaml"), "-o", str(tmp_path / "a.docx"))
    assert code == 0 and "plangen:" not in printed


def test_jobs_build_the_same_bytes_and_report_in_the_order_of_the_plans(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "plans"
    shutil.copytree(PLANS, folder)
    outputs, reported = {}, {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        code, printed = run("build", str(folder), "-o", str(out), "--jobs", jobs)
        assert code == 0, printed
        outputs[jobs] = {name: (out / name).read_bytes() for name in tree(out)}
        lines = [line.replace(f"{out}/", "") for line in printed.splitlines()]
        reported[jobs] = [line for line in lines if line.endswith(" (đã ghi; written)")]
        assert lines[-1] == summary(len(list(folder.glob("*.yaml"))) - 1, 0, 0)
    plans = [name.replace(".yaml", ".docx") for name in tree(folder) if name != "units.yaml"]
    assert set(plans) <= set(outputs["1"])
    assert [line.split()[0] for line in reported["1"] if "phu-luc" not in line] == plans
    assert reported["2"] == reported["1"]
    assert outputs["2"] == outputs["1"]


LIVE_PACKAGES = """
import gc, sys
from pathlib import Path
from plangen.build import Built, Job, build_many

gc.set_threshold(100_000, 50, 100)  # as the installed command runs (cli.run)
plan, out = Path(sys.argv[1]), Path(sys.argv[2])
for count in (2, 6):
    jobs = [Job(plan, out / f"{count}-{n}.docx") for n in range(count)]
    assert all(isinstance(result, Built) for result in build_many(jobs))
    print(sum(type(o).__name__ == "Package" for o in gc.get_objects()))
"""


def test_a_batch_in_one_process_frees_each_build_s_package(tmp_path: Path) -> None:
    """python-docx's package is a reference cycle: a batch, its workers and watch keep one
    process for many builds, which must not each leave theirs behind."""
    found = subprocess.run(
        [sys.executable, "-c", LIVE_PACKAGES, str(PLANS / "2024.yaml"), str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    after_two, after_six = found.stdout.split()
    assert after_six == after_two == "1"  # the template, parsed once per process


def test_json_is_one_document_of_every_diagnostic_and_each_plans_status(
    mixed: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    code, shown = stdout("build", str(mixed), "-o", str(out), "--format", "json")
    assert code == 2
    document = json.loads(shown)
    assert document["plans"] == [
        {
            "file": str(mixed / "a-good.yaml"),
            "status": "built",
            "outputs": [str(out / "a-good.docx")],
        },
        {"file": str(mixed / "b-bad.yaml"), "status": "failed", "outputs": []},
        {
            "file": str(mixed / "c-good.yaml"),
            "status": "built",
            "outputs": [str(out / "c-good.docx")],
        },
    ]
    (error,) = document["diagnostics"]
    assert {k: v for k, v in error.items() if k != "message"} == {
        "file": str(mixed / "b-bad.yaml"),
        "line": 50,
        "column": 15,
        "field": UNIT,
        "code": "unknown-unit",
        "severity": "error",
        "plan": str(mixed / "b-bad.yaml"),
    }
    assert "'SKHĐT'" in error["message"]
    assert document["summary"] == {"built": 2, "unchanged": 0, "failed": 1}


def test_validate_names_each_plan_that_is_not_valid(mixed: Path) -> None:
    code, printed = run("validate", str(mixed))
    assert code == 2
    lines = printed.splitlines()
    assert f"{mixed / 'b-bad.yaml'} (không hợp lệ, lỗi ở dưới; not valid, see below)" in lines
    assert f"{mixed / 'a-good.yaml'}: hợp lệ (valid)" in lines
    assert lines[-1] == "plangen: 1 lỗi (1 error(s))"


def test_validate_json_counts_valid_and_failed(mixed: Path) -> None:
    code, shown = stdout("validate", str(mixed), "--format", "json")
    assert code == 2
    document = json.loads(shown)
    assert [p["status"] for p in document["plans"]] == ["valid", "failed", "valid"]
    assert [(d["line"], d["code"]) for d in document["diagnostics"]] == [(50, "unknown-unit")]
    assert document["summary"] == {"valid": 2, "failed": 1}


def test_json_keeps_warnings_and_a_problem_before_any_plan(tmp_path: Path) -> None:
    draft = write(tmp_path, plan(number=None))
    code, shown = stdout("validate", str(draft), "--format", "json")
    assert code == 0
    document = json.loads(shown)
    assert [(d["code"], d["severity"]) for d in document["diagnostics"]] == [("draft", "warning")]
    empty = tmp_path / "empty"
    empty.mkdir()
    code, shown = stdout("build", str(empty), "--format", "json")
    assert code == 2
    assert [d["code"] for d in json.loads(shown)["diagnostics"]] == ["folder-empty"]


def test_github_format_annotates_each_problem_for_the_ci_log(mixed: Path, tmp_path: Path) -> None:
    code, shown = stdout("build", str(mixed), "-o", str(tmp_path / "out"), "--format", "github")
    assert code == 2
    (line,) = [line for line in shown.splitlines() if line.startswith("::")]
    assert line.startswith(
        f"::error file={mixed / 'b-bad.yaml'},line=50,col=15,title={UNIT} [unknown-unit]::"
        "không có đơn vị 'SKHĐT'"
    )
    assert f"{tmp_path / 'out' / 'a-good.docx'} (đã ghi; written)" in shown.splitlines()
    code, shown = stdout("validate", str(mixed / "b-bad.yaml"), "--format", "github")
    assert code == 2 and shown.startswith("::error file=")


def test_an_annotation_escapes_what_would_end_its_fields() -> None:
    problem = Diagnostic("a,b:c.yaml", 3, 4, "x", "100% sai\ndòng hai", "code", "warning")
    assert annotation(problem) == (
        "::warning file=a%2Cb%3Ac.yaml,line=3,col=4,title=x [code]::100%25 sai%0Adòng hai"
    )


def test_an_annotation_names_a_file_under_the_working_folder_from_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    inside = Diagnostic(str(tmp_path / "plans" / "a.yaml"), 1, 1, "", "sai", "code")
    assert annotation(inside).startswith("::error file=plans/a.yaml,line=1,col=1,title=- [code]::")
    outside = Diagnostic("/elsewhere/a.yaml", 1, 1, "", "sai", "code")
    assert annotation(outside).startswith("::error file=/elsewhere/a.yaml,")


def test_a_terminal_gets_a_progress_bar_and_the_summary(mixed: Path, tmp_path: Path) -> None:
    import pty

    (mixed / "b-bad.yaml").unlink()
    leader, follower = pty.openpty()
    with os.fdopen(leader, "rb", buffering=0) as terminal:
        done = subprocess.run(
            [sys.executable, "-m", "plangen", "build", str(mixed), "-o", str(tmp_path / "out")],
            stdout=subprocess.PIPE,
            stderr=follower,
            timeout=120,
            env={**os.environ, "COLUMNS": "100", "TERM": "xterm"},
        )
        os.close(follower)
        shown = b""
        try:
            while chunk := terminal.read(4096):
                shown += chunk
        except OSError:  # the follower closed: all was read
            pass
    assert done.returncode == 0
    assert done.stdout.decode().splitlines() == [
        f"{tmp_path / 'out' / 'a-good.docx'} (đã ghi; written)",
        f"{tmp_path / 'out' / 'c-good.docx'} (đã ghi; written)",
    ]
    screen = shown.decode()
    assert "2/2" in screen and "━" in screen
    assert summary(2, 0, 0) in screen


def test_pdf_again_for_an_unchanged_document_runs_no_libreoffice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pdfpage import read_pdf, soffice

    soffice()
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(TEST_PLANS / "minimal.yaml", plans / "a.yaml")
    shutil.copy(TEST_PLANS / "minimal.yaml", plans / "b.yaml")
    out = tmp_path / "out"
    code, printed = run("build", str(plans), "-o", str(out), "--pdf")
    assert code == 0, printed
    pdf = out / "a.pdf"
    assert read_pdf(pdf)[0].find("KẾ HOẠCH") is not None
    before = (pdf.read_bytes(), pdf.stat().st_mtime_ns)
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))  # no soffice to be found
    code, printed = run("build", str(plans), "-o", str(out), "--pdf")
    assert code == 0, printed
    assert f"{pdf} (PDF không đổi; PDF unchanged)" in printed.splitlines()
    assert (pdf.read_bytes(), pdf.stat().st_mtime_ns) == before
    code, shown = stdout("build", str(plans), "-o", str(out), "--pdf", "--format", "json")
    assert code == 0
    outputs = [p["outputs"] for p in json.loads(shown)["plans"]]
    assert outputs[0] == [str(out / "a.docx"), str(pdf)]
    # a changed document does need LibreOffice again
    source = plans / "b.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace("number: 5", "number: 16"))
    code, printed = run("build", str(plans), "-o", str(out), "--pdf")
    assert code == 2 and "[pdf-no-libreoffice]" in printed
    assert f"{pdf} (PDF không đổi; PDF unchanged)" in printed.splitlines()
