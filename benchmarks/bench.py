"""Benchmarks against the targets of issue 14, with pandoc and bare docxtpl as baselines.

Run `python benchmarks/bench.py` from the repository root (after `pip install -e .`).
It prints one Markdown table: every measure, its result and its target. Times are medians;
a ratio to pandoc is the median of paired runs (pandoc, then plangen, on the same text, one
after the other), so a machine busy with something else slows both alike. Nothing here is
a test: a slow machine only reports slow numbers. pandoc is used when installed
(`apt-get install pandoc`); `--no-pdf` leaves out the LibreOffice rows, `--diffs` runs only
the big-plan diff, redline, text and import rows.

plangen's modules are byte-compiled first (an editable install is not, and under
PYTHONDONTWRITEBYTECODE every command would compile them again; a `pip install .` is),
and every child gets a cache folder of its own, so the no-change check starts empty.
"""

from __future__ import annotations

import argparse
import compileall
import copy
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "plans" / "2024.yaml"
TEMPLATE = ROOT / "src" / "plangen" / "templates" / "ke-hoach.docx"
PLANGEN = [sys.executable, "-c", "import plangen.cli as c; getattr(c, 'run', c.main)()"]
"""The installed `plangen` script's entry point (`main` in revisions before it had `run`)."""

Row = tuple[str, str, str]

STACK = "import click, pydantic, docxtpl, babel.numbers, yaml"
"""What a cold build cannot do without: the user's stack (click, pydantic, docxtpl with
python-docx, jinja2 and lxml), Babel's number formats and PyYAML, before plangen's own."""


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(args: list[str]) -> int:
    """Run a child to its end; its own peak memory (MB), not the largest child's so far."""
    child = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    assert child.stderr is not None
    if child.returncode:
        raise RuntimeError(f"{args}: exit {child.returncode}: {child.stderr.read().decode()}")
    child.stderr.close()
    return usage.ru_maxrss // 1024


def paired(first: Callable[[], object], second: Callable[[], object], repeat: int) -> list[float]:
    """Median seconds of `first`, of `second`, and of the ratio second ÷ first per pair."""
    pairs = []
    for _ in range(repeat):
        one = median_seconds(first, 1)
        two = median_seconds(second, 1)
        pairs.append((one, two, two / one))
    return [statistics.median(column) for column in zip(*pairs, strict=True)]


def markdown(work: Path, plan: Path, name: str) -> Path:
    """The text of `plan`'s document as Markdown, what pandoc is given."""
    from plangen.context import build_context
    from plangen.validation import validate

    context = build_context(validate(plan).plan)
    path = work / f"{name}.md"
    path.write_text("\n\n".join(block.text for block in context.body), encoding="utf-8")
    return path


def cold_build(work: Path) -> list[Row]:
    """Whole CLI, cold process, fresh output each time (so nothing is skipped), paired
    with pandoc turning the same text into a .docx; then a rebuild with nothing changed."""
    counter = iter(range(1000))

    def ours() -> None:
        run([*PLANGEN, "build", str(PLAN), "-o", str(work / f"cold{next(counter)}.docx")])

    rows: list[Row] = []
    if shutil.which("pandoc"):
        text = markdown(work, PLAN, "plan")

        def theirs() -> None:
            run(["pandoc", str(text), "-o", str(work / "p.docx")])

        pandoc, cli, ratio = paired(theirs, ours, 9)
        _, imports, floor = paired(theirs, lambda: run([sys.executable, "-c", STACK]), 9)
        rows += [
            (
                "cold CLI build, plans/2024.yaml ÷ pandoc on the same text, 9 pairs",
                f"{ratio:.2f} × ({cli:.3f} s ÷ {pandoc:.3f} s)",
                "≤ 2.0 ×",
            ),
            (
                "the stack's imports alone, no plangen, ÷ pandoc, 9 pairs",
                f"{floor:.2f} × ({imports:.3f} s)",
                "floor",
            ),
        ]
    else:
        rows.append(("cold CLI build, plans/2024.yaml", f"{median_seconds(ours, 9):.3f} s", "-"))
    target = work / "again.docx"
    args = [*PLANGEN, "build", str(PLAN), "-o", str(target)]
    run(args)
    rows.append(
        (
            "no-change rebuild of one plan, median of 9",
            f"{median_seconds(lambda: run(args), 9):.3f} s",
            "≤ 0.10 s",
        )
    )
    return rows


def warm_rebuild(work: Path) -> list[Row]:
    """What `plangen watch` does on each save: one build in a process that has built before,
    of a plan whose text changed (a comment), so the no-change check cannot skip it."""
    from plangen.build import Job, build_job

    folder = work / "warm"
    folder.mkdir()
    shutil.copy(ROOT / "plans" / "units.yaml", folder)
    plan = folder / "2024.yaml"
    text = PLAN.read_text(encoding="utf-8")
    job = Job(plan, folder / "2024.docx")
    saves = iter(range(1000))

    def save_and_build() -> None:
        plan.write_text(f"{text}\n# lưu lần {next(saves)}\n", encoding="utf-8")
        result = build_job(job)
        assert getattr(result, "changed", False), result

    save_and_build()
    return [
        (
            "warm rebuild (watch), plans/2024.yaml, median of 21",
            f"{median_seconds(save_and_build, 21) * 1000:.0f} ms",
            "≤ 50 ms",
        )
    ]


def render_step() -> list[Row]:
    """context + render in-process (imports warm), and docxtpl rendering the bare template."""
    from docxtpl import DocxTemplate

    from plangen.context import build_context
    from plangen.render import render
    from plangen.template import load
    from plangen.validation import validate

    plan = validate(PLAN).plan
    template = load(TEMPLATE)
    render(build_context(plan), template)
    ours = median_seconds(lambda: render(build_context(plan), template), 20)

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

    return [
        ("render step (context + docxtpl + zip), median of 20", f"{ours * 1000:.0f} ms", "-"),
        (
            "docxtpl rendering the bare template, median of 20",
            f"{median_seconds(bare, 20) * 1000:.0f} ms",
            "baseline",
        ),
    ]


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


def batch(work: Path, count: int) -> list[Row]:
    """`count` plans in one folder, one `plangen build --jobs 0` (a worker process for
    each core), against pandoc making the same `count` documents two at a time."""
    folder = plan_folder(work, count, "many")
    args = [*PLANGEN, "build", str(folder), "-o", str(work / "many-out"), "--jobs", "0"]
    ours = median_seconds(lambda: run(args), 1)
    unchanged = median_seconds(lambda: run(args), 3)
    rows: list[Row] = []
    if shutil.which("pandoc"):
        text = markdown(work, PLAN, "batch")
        texts = [text.with_name(f"batch{n}.md") for n in range(count)]
        for copy_ in texts:
            shutil.copy(text, copy_)

        def pandocs() -> None:
            with ThreadPoolExecutor(2) as pool:
                list(
                    pool.map(
                        lambda t: run(["pandoc", str(t), "-o", str(t.with_suffix(".docx"))]), texts
                    )
                )

        theirs = median_seconds(pandocs, 1)
        rows.append(
            (
                f"{count} plans in one batch ÷ pandoc for the same {count} documents, 2 at a time",
                f"{ours / theirs:.2f} × ({ours:.2f} s ÷ {theirs:.2f} s)",
                "≤ 0.35 ×",
            )
        )
    else:
        rows.append((f"{count} plans in one batch", f"{ours:.2f} s", "-"))
    rows.append(
        (f"{count} plans rebuilt with nothing changed, median of 3", f"{unchanged:.2f} s", "-")
    )
    return rows


def big_data(tasks: int, lean: bool = False) -> dict[str, Any]:
    """The 2024 plan with `tasks` tasks (and as many appendix rows), its units inside;
    `lean`: each task with one item and no output line, so 10,000 stay under the 5 MiB a
    plan file may have."""
    data: dict[str, Any] = yaml.safe_load(PLAN.read_text(encoding="utf-8"))
    data["units"] = yaml.safe_load((ROOT / "plans" / "units.yaml").read_text(encoding="utf-8"))
    template = data["sections"][1]["tasks"][2]
    template.pop("targets", None)  # their ids would repeat in every copy
    if lean:
        template["items"] = template["items"][:1]
        template.pop("output", None)
    data["sections"][1]["tasks"] = [
        {**copy.deepcopy(template), "id": f"t{n}", "title": f"{template['title']} {n}"}
        for n in range(tasks)
    ]
    data["date"] = "2024-01-22"
    return data


def write_plan(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8"
    )
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


def big_import(work: Path, tasks: int) -> float:
    """`plangen import` of the document a `tasks`-task plan builds to."""
    path = write_plan(work / f"import{tasks}.yaml", big_data(tasks))
    document = work / f"import{tasks}.docx"
    run([*PLANGEN, "build", str(path), "-o", str(document)])
    back = [*PLANGEN, "import", str(document), "-o", str(work / f"back{tasks}.yaml"), "--force"]
    return median_seconds(lambda: run(back), 1)


def diff_rows(work: Path) -> list[Row]:
    """Big plans where people wait: diff and redline of two versions, text of a document,
    its import back into a plan."""
    rows: list[Row] = []
    for tasks, targets in ((300, ("≤ 1 s", "≤ 5 s")), (2000, ("≤ 3 s", "≤ 15 s"))):
        plain, redline = big_diff(work, tasks)
        rows += [
            (f"diff, two {tasks}-task plans (next year's revision)", f"{plain:.2f} s", targets[0]),
            (f"diff --docx, two {tasks}-task plans", f"{redline:.2f} s", targets[1]),
        ]
    text = big_text(work, 5000)
    rows.append(("plangen text, 5,000-task document, median of 3", f"{text:.2f} s", "≤ 1 s"))
    imported = big_import(work, 2000)
    rows.append(("plangen import, 2,000-task document", f"{imported:.2f} s", "linear"))
    return rows


def big_plan(work: Path, tasks: int) -> tuple[float, int]:
    """A lean plan with `tasks` tasks (`big_data`): whole CLI seconds and the child's peak
    memory (MB)."""
    path = write_plan(work / f"big{tasks}.yaml", big_data(tasks, lean=True))
    peaks: list[int] = []
    seconds = median_seconds(
        lambda: peaks.append(
            run([*PLANGEN, "build", str(path), "-o", str(work / f"big{tasks}.docx")])
        ),
        1,
    )
    return seconds, max(peaks)


def big_plans(work: Path) -> list[Row]:
    five, five_mb = big_plan(work, 5000)
    ten, ten_mb = big_plan(work, 10000)
    return [
        (
            "5,000-task plan, whole CLI (peak memory of that run)",
            f"{five:.2f} s, {five_mb} MB",
            "≤ 3 s, ≤ 300 MB",
        ),
        (
            "10,000-task plan, whole CLI ÷ the 5,000-task one",
            f"{ten / five:.2f} × ({ten:.2f} s, {ten_mb} MB)",
            "≤ 2.1 ×",
        ),
    ]


def pdf_builds(work: Path, count: int) -> list[Row]:
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
    many = median_seconds(lambda: run(args), 1)
    again = median_seconds(lambda: run(args), 1)
    return [
        ("build --pdf, plans/2024.yaml, median of 3", f"{one:.2f} s", "one LibreOffice run"),
        (
            f"build --pdf, {count} plans in one folder (one LibreOffice run)",
            f"{many:.1f} s",
            f"{count} × one plan = {count * one:.0f} s",
        ),
        (
            f"build --pdf, the same {count} plans again, nothing changed",
            f"{again:.1f} s",
            "no LibreOffice run",
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--diffs", action="store_true", help="only the big-plan diff, redline, text and import rows"
    )
    parser.add_argument("--no-pdf", action="store_true", help="leave out the LibreOffice rows")
    options = parser.parse_args(argv)
    os.chdir(ROOT)
    compileall.compile_dir(str(ROOT / "src" / "plangen"), quiet=1)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        os.environ["XDG_CACHE_HOME"] = str(work / "cache")  # the children's, and ours
        if not options.diffs:
            rows += cold_build(work)
            rows += warm_rebuild(work)
            rows += render_step()
            rows += batch(work, 200)
            rows += big_plans(work)
        rows += diff_rows(work)
        if shutil.which("soffice") and not (options.no_pdf or options.diffs):
            rows += pdf_builds(work, 50)
    print("| measure | result | target |\n|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
