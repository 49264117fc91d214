"""Write stage: where documents go, and writes that never leave a broken file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from plangen import atomic, output
from plangen.diagnostics import PlanError


def test_one_plan_goes_to_output_slash_its_name_or_where_o_says(tmp_path: Path) -> None:
    plan = Path("plans/2024.yaml")
    assert output.output_path(plan, None, many=False) == Path("output/2024.docx")
    assert output.output_path(plan, tmp_path / "a.docx", many=False) == tmp_path / "a.docx"
    assert output.output_path(plan, tmp_path, many=False) == tmp_path / "2024.docx"
    assert output.output_path(plan, tmp_path / "new", many=True) == tmp_path / "new/2024.docx"
    assert output.output_path(plan, f"{tmp_path}/new/", many=False) == tmp_path / "new/2024.docx"


def test_a_plan_found_in_a_sub_folder_keeps_it_under_the_output(tmp_path: Path) -> None:
    plan, within = Path("plans/a/b/x.yaml"), Path("a/b")
    assert output.output_path(plan, None, True, within=within) == Path("output/a/b/x.docx")
    assert output.output_path(plan, tmp_path, True, within=within) == tmp_path / "a/b/x.docx"
    pdf = output.output_path(plan, tmp_path, True, ".pdf", within)
    assert pdf == tmp_path / "a/b/x.pdf"


def refused(target: Path, reads: list[Path], suffix: str = ".docx") -> str:
    """The code `write` refuses `target` with; the target is left as it was."""
    before = target.read_bytes() if target.is_file() else None
    with pytest.raises(PlanError) as caught:
        output.write(target, b"new", reads=reads, suffix=suffix)
    (problem,) = caught.value.diagnostics
    assert (problem.path, problem.field) == (str(target), "output")
    assert (target.read_bytes() if target.is_file() else None) == before
    return problem.code


def test_an_input_is_never_an_output_whatever_the_name(tmp_path: Path) -> None:
    plan = tmp_path / "plans" / "p.yaml"
    plan.parent.mkdir()
    plan.write_bytes(b"kind: ke-hoach\n")
    (tmp_path / "link.docx").symlink_to(plan)
    os.link(plan, tmp_path / "hard.docx")
    for name in (plan, tmp_path / "plans/../plans/p.yaml", tmp_path / "link.docx"):
        assert refused(name, [plan], ".yaml") == "output-is-input"
    assert refused(tmp_path / "hard.docx", [plan]) == "output-is-input"
    assert plan.read_bytes() == b"kind: ke-hoach\n"


def test_a_fifo_a_device_or_a_folder_is_never_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.docx"
    os.mkfifo(fifo)
    (tmp_path / "null.docx").symlink_to(os.devnull)
    (tmp_path / "dir.docx").mkdir()
    assert refused(fifo, []) == "output-special"
    assert refused(tmp_path / "null.docx", []) == "output-special"
    assert refused(tmp_path / "dir.docx", []) == "output-is-dir"
    assert fifo.is_fifo() and (tmp_path / "null.docx").resolve() == Path(os.devnull)


def test_the_extension_must_fit_unless_forced(tmp_path: Path) -> None:
    assert refused(tmp_path / "a.yaml", []) == "output-suffix"
    assert refused(tmp_path / "a", []) == "output-suffix"
    output.write(tmp_path / "a.DOCX", b"x", reads=[], suffix=".docx")
    output.write(tmp_path / "b.yml", b"x", reads=[], suffix=".yaml .yml")
    output.write(tmp_path / "a", b"x", reads=[], suffix=".docx", force=True)
    assert (tmp_path / "a").read_bytes() == b"x"


def test_two_plans_writing_one_file_are_a_collision_naming_both(tmp_path: Path) -> None:
    jobs = [
        (Path("a/p.yaml"), tmp_path / "out/p.docx"),
        (Path("b/q.yaml"), tmp_path / "out/q.docx"),
        (Path("b/p.yaml"), tmp_path / "out/../out/p.docx"),
    ]
    (problem,) = output.collisions(jobs)
    assert (problem.path, problem.code) == ("b/p.yaml", "output-collision")
    assert "a/p.yaml" in problem.message
    assert output.collisions(jobs[:2]) == []


def test_stale_temporaries_of_plangens_naming_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "a.docx"
    stale, fresh, other = (
        tmp_path / n for n in (".a.docx.k3j_9x0q.tmp", ".a.docx.zzzzzzzz.tmp", "x.tmp")
    )
    for path in (stale, fresh, other):
        path.write_bytes(b"")
    old = time.time() - atomic.STALE_SECONDS - 10
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    output.write(target, b"x", reads=[], suffix=".docx")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([fresh.name, other.name, "a.docx"])


def test_sigterm_during_a_write_leaves_no_temporary(tmp_path: Path) -> None:
    """A write stalled in fsync is killed: the temporary goes, the old file stays."""
    target = tmp_path / "a.docx"
    target.write_bytes(b"old")
    script = f"""
import os, sys, time
from pathlib import Path
from plangen import output
def stall(fd):
    print("writing", flush=True)
    time.sleep(30)
output.os.fsync = stall
output.write(Path({str(target)!r}), b"new", reads=[], suffix=".docx")
"""
    with subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True
    ) as child:
        assert child.stdout is not None and child.stdout.readline() == "writing\n"
        child.send_signal(signal.SIGTERM)
        assert child.wait(timeout=20) == 128 + signal.SIGTERM
    assert [p.name for p in tmp_path.iterdir()] == ["a.docx"]
    assert target.read_bytes() == b"old"


def test_an_interrupted_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.docx"
    target.write_bytes(b"old")

    def fail(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "replace", fail)
    with pytest.raises(PlanError) as caught:
        output.write(target, b"new", reads=[], suffix=".docx")
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
    output.write(target, b"x", reads=[], suffix=".docx")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
