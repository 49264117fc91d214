"""Benchmarks against the quality bars of design.md, with pandoc and bare docxtpl as baselines.

Run `python benchmarks/bench.py` from the repository root (after `pip install -e .`).
It prints medians in a Markdown table; nothing here is a test, so a slow machine only
reports slow numbers. pandoc is used when installed (`apt-get install pandoc`).
`python benchmarks/bench.py --diffs` runs only the big-plan diff, redline and text rows.
"""

from __future__ import annotations

import copy
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "plans" / "2024.yaml"
TEMPLATE = ROOT / "src" / "plangen" / "templates" / "ke-hoach.docx"
PLANGEN = [sys.executable, "-c", "from plangen.cli import main; main()"]


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(args: list[str]) -> None:
    subprocess.run(args, check=True, capture_output=True)


def cli_build(work: Path) -> float:
    """Whole CLI, cold process, fresh output each time (so nothing is skipped)."""
    counter = iter(range(1000))
    return median_seconds(
        lambda: run([*PLANGEN, "build", str(PLAN), "-o", str(work / f"cli{next(counter)}.docx")]), 5
    )


def pandoc_build(work: Path) -> float | None:
    """pandoc turning the same text (as Markdown) into a .docx."""
    if not shutil.which("pandoc"):
        return None
    from plangen.context import build_context
    from plangen.validation import validate

    context = build_context(validate(PLAN).plan)
    markdown = work / "plan.md"
    markdown.write_text("\n\n".join(block.text for block in context.body), encoding="utf-8")
    return median_seconds(lambda: run(["pandoc", str(markdown), "-o", str(work / "p.docx")]), 5)


def render_step() -> tuple[float, float]:
    """context + render in-process (imports warm), and docxtpl rendering the bare template."""
    from docxtpl import DocxTemplate

    from plangen.context import build_context
    from plangen.render import render
    from plangen.validation import validate

    plan = validate(PLAN).plan
    render(build_context(plan), TEMPLATE)
    ours = median_seconds(lambda: render(build_context(plan), TEMPLATE), 20)

    def bare() -> None:
        document = DocxTemplate(str(TEMPLATE))
        document.render(
            {
                "issuer_parent": "",
                "issuer_name": "X",
                "issuer_rule": "",
                "number_line": "",
                "place_date": "",
                "type_name": "",
                "subject": "",
                "subject_rule": "",
                "draft": False,
                "body": "",
                "recipient_lines": [],
                "authority_lines": [],
                "signer_name": "",
            }
        )
        document.save(tempfile.TemporaryFile())

    return ours, median_seconds(bare, 20)


def plan_folder(work: Path, count: int, name: str) -> Path:
    """`count` copies of the 2024 plan, numbered 1…count, beside the unit registry."""
    folder = work / name
    folder.mkdir()
    shutil.copy(ROOT / "plans" / "units.yaml", folder)
    text = PLAN.read_text(encoding="utf-8")
    for number in range(1, count + 1):
        (folder / f"plan{number:03d}.yaml").write_text(
            text.replace("number: 26", f"number: {number}"), encoding="utf-8"
        )
    return folder


def many_plans(work: Path, count: int) -> tuple[float, float]:
    """`count` plans in one folder: a full build, then a rebuild with nothing changed."""
    folder = plan_folder(work, count, "many")
    args = [*PLANGEN, "build", str(folder), "-o", str(work / "many-out"), "--jobs", "0"]
    return median_seconds(lambda: run(args), 1), median_seconds(lambda: run(args), 3)


def pdf_builds(work: Path, count: int) -> tuple[float, float, float]:
    """`build --pdf`: one plan (fresh output, median of 3), then `count` plans in one run
    (one LibreOffice process converts them all), then that run again with nothing changed
    (no LibreOffice)."""
    counter = iter(range(1000))
    one = median_seconds(
        lambda: run(
            [*PLANGEN, "build", str(PLAN), "-o", str(work / f"pdf{next(counter)}.docx"), "--pdf"]
        ),
        3,
    )
    folder = plan_folder(work, count, "pdf-many")
    args = [
        *PLANGEN,
        "build",
        str(folder),
        "-o",
        str(work / "pdf-many-out"),
        "--pdf",
        "--jobs",
        "0",
    ]
    return one, median_seconds(lambda: run(args), 1), median_seconds(lambda: run(args), 1)


def big_data(tasks: int) -> dict[str, Any]:
    """The 2024 plan with `tasks` tasks (and as many appendix rows), its units inside."""
    data: dict[str, Any] = yaml.safe_load(PLAN.read_text(encoding="utf-8"))
    data["units"] = yaml.safe_load((ROOT / "plans" / "units.yaml").read_text(encoding="utf-8"))
    template = data["sections"][1]["tasks"][2]
    template.pop("targets", None)  # their ids would repeat in every copy
    data["sections"][1]["tasks"] = [
        {**copy.deepcopy(template), "id": f"t{n}", "title": f"{template['title']} {n}"}
        for n in range(tasks)
    ]
    data["date"] = "2024-01-22"
    return data


def write_plan(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def next_version(data: dict[str, Any]) -> dict[str, Any]:
    """The plan as its next year's revision: year moved (2024 → 2025 everywhere), one task in
    a hundred retitled, a few removed and a few new ones inserted among the others."""
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).replace("2024", "2025")
    new: dict[str, Any] = yaml.safe_load(text)
    tasks = new["sections"][1]["tasks"]
    for task in tasks[5::100]:
        task["title"] += " (sửa đổi)"
    for index in (len(tasks) // 2, len(tasks) // 3, 7):
        gone = tasks.pop(index)
        tasks.insert(index // 2, {**gone, "id": f"new-{gone['id']}", "title": "Nhiệm vụ mới"})
    del tasks[len(tasks) // 4 : len(tasks) // 4 + 3]
    return new


def big_diff(work: Path, tasks: int) -> tuple[float, float]:
    """`plangen diff` and `diff --docx` of a `tasks`-task plan and its next version."""
    data = big_data(tasks)
    old = write_plan(work / f"diff{tasks}-old.yaml", data)
    new = write_plan(work / f"diff{tasks}-new.yaml", next_version(data))

    def diff(*options: str) -> None:
        done = subprocess.run([*PLANGEN, "diff", str(old), str(new), *options], capture_output=True)
        assert done.returncode == 1, done.stderr  # 1: the plans differ

    redline = str(work / f"diff{tasks}.docx")
    return median_seconds(diff, 1), median_seconds(lambda: diff("--docx", redline), 1)


def big_text(work: Path, tasks: int) -> float:
    """`plangen text` of the document a `tasks`-task plan builds to."""
    path = write_plan(work / f"text{tasks}.yaml", big_data(tasks))
    document = work / f"text{tasks}.docx"
    run([*PLANGEN, "build", str(path), "-o", str(document)])
    return median_seconds(lambda: run([*PLANGEN, "text", str(document)]), 3)


def big_plan(work: Path, tasks: int) -> tuple[float, int]:
    """A plan with `tasks` tasks (and as many appendix rows): seconds and peak memory (MB)."""
    path = write_plan(work / f"big{tasks}.yaml", big_data(tasks))
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    seconds = median_seconds(
        lambda: run([*PLANGEN, "build", str(path), "-o", str(work / f"big{tasks}.docx")]), 1
    )
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) // 1024


def diff_rows(work: Path) -> list[tuple[str, str, str]]:
    """Big plans where people wait: diff and redline of two versions, text of a document."""
    rows = []
    for tasks, bars in ((300, ("≤ 1 s", "≤ 5 s")), (2000, ("≤ 3 s", "≤ 15 s"))):
        plain, redline = big_diff(work, tasks)
        rows += [
            (f"diff, two {tasks}-task plans (next year's revision)", f"{plain:.2f} s", bars[0]),
            (f"diff --docx, two {tasks}-task plans", f"{redline:.2f} s", bars[1]),
        ]
    text = big_text(work, 5000)
    rows.append(("plangen text, 5,000-task document, median of 3", f"{text:.2f} s", "≤ 1 s"))
    return rows


def main() -> int:
    """Every row; `--diffs` for only the diff, redline and text rows."""
    os.chdir(ROOT)
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        if sys.argv[1:] == ["--diffs"]:
            return report(diff_rows(work))
        cli = cli_build(work)
        pandoc = pandoc_build(work)
        ours, bare = render_step()
        full, unchanged = many_plans(work, 200)
        rows += [
            (
                "whole CLI, plans/2024.yaml (10 pages), median of 5",
                f"{cli:.3f} s",
                f"≤ 1.2 × pandoc = {1.2 * pandoc:.3f} s" if pandoc else "pandoc not installed",
            ),
            (
                "pandoc, same text to .docx, median of 5",
                f"{pandoc:.3f} s" if pandoc else "-",
                "baseline",
            ),
            (
                "render step (context + docxtpl + zip), median of 20",
                f"{ours * 1000:.0f} ms",
                "≤ 50 ms",
            ),
            (
                "docxtpl rendering the bare template, median of 20",
                f"{bare * 1000:.0f} ms",
                "baseline",
            ),
            ("200 plans, one folder, 2 cores", f"{full:.2f} s", "≤ 10 s"),
            (
                "200 plans rebuilt with nothing changed, median of 3",
                f"{unchanged:.2f} s",
                "≤ 1 s (one plan)",
            ),
        ]
        for tasks in (500, 1000, 2000):
            seconds, megabytes = big_plan(work, tasks)
            rows.append(
                (
                    f"{tasks}-task plan, whole CLI (peak RSS {megabytes} MB)",
                    f"{seconds:.2f} s",
                    "≤ 5 s, ≤ 300 MB at 2,000",
                )
            )
        rows += diff_rows(work)
        if shutil.which("soffice"):
            one, batch, again = pdf_builds(work, 50)
            rows += [
                (
                    "build --pdf, plans/2024.yaml, median of 3",
                    f"{one:.2f} s",
                    "one LibreOffice run",
                ),
                (
                    "build --pdf, 50 plans in one folder (one LibreOffice run)",
                    f"{batch:.1f} s",
                    f"50 × one plan = {50 * one:.0f} s",
                ),
                (
                    "build --pdf, the same 50 plans again, nothing changed",
                    f"{again:.1f} s",
                    "no LibreOffice run",
                ),
            ]
        single = median_seconds(
            lambda: run([*PLANGEN, "build", str(PLAN), "-o", str(work / "cli0.docx")]), 5
        )
        rows.append(
            ("one plan rebuilt with nothing changed, median of 5", f"{single:.3f} s", "≤ 1 s")
        )
    return report(rows)


def report(rows: list[tuple[str, str, str]]) -> int:
    print("| measure | result | bar |\n|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
