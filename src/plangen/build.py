"""The pipeline for one or many plans: load → validate → check → context → render → write.

Nothing here prints; results and problems are returned or raised for `cli.py` to report.
Gather first, write last: a plan is rendered completely in memory before its output
file is replaced, atomically, so a failed build never leaves a broken or missing file.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from plangen.diagnostics import Diagnostic, PlanError
from plangen.model import Issue, Plan
from plangen.output import write
from plangen.validation import Checked, validate

if TYPE_CHECKING:
    from plangen.context import AppendixPage, TemplateContext


def _bundled() -> Path:
    """The folder of the templates shipped with plangen (package data), wherever pip put it.

    pip and wheels install packages as plain files, so the resource is a real folder
    that docxtpl can open by path.
    """
    folder = resources.files("plangen.templates")
    assert isinstance(folder, Path), folder
    return folder


BUNDLED = _bundled()
"""The templates shipped with plangen (package data)."""


@dataclass(frozen=True)
class Built:
    """What one build did."""

    plan_path: Path
    output: Path
    changed: bool
    warnings: tuple[Diagnostic, ...] = field(default=())
    plan: Plan | None = None
    """The plan as built (its issuance mode decided), for what is made from the document."""
    annexes: tuple[Path, ...] = ()
    """Its appendices issued as files of their own, beside it."""


def find_template(name: str, near: Path, explicit: Path | None = None) -> Path:
    """The template file `name`: given explicitly, else the project's own
    `templates/<name>` (in the plan's folder or the one above it), else the bundled one.

    No other folder is searched: a `templates/` folder someone left in a shared parent
    (the system's temporary folder, say) must not decide what a document looks like.
    """
    if explicit is not None:
        candidates = [explicit]
    else:
        folder = near.resolve().parent
        candidates = [
            *(place / "templates" / name for place in (folder, folder.parent)),
            BUNDLED / name,
        ]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    shown = str(candidates[0])
    raise PlanError.at(shown, "template-missing", field="template")


def stamp(checked: Checked, template: Path, issue: Issue | None = None) -> str:
    """A digest of everything a build reads (the files, and the issuance mode when the
    command line gives it), stored in the output to skip unchanged rebuilds."""
    from plangen import __version__

    digest = hashlib.sha256(__version__.encode())
    for source in [checked.source, *checked.source.parts]:
        digest.update(source.text.encode())
    if issue is not None:
        digest.update(f"issue={issue}".encode())
    digest.update(template.read_bytes())
    return f"plangen:{digest.hexdigest()[:32]}"


def stamp_of(output: Path) -> str | None:
    """The stamp a previous build left in `output` (core property dc:identifier)."""
    try:
        with zipfile.ZipFile(output) as package:
            core = package.read("docProps/core.xml").decode()
    except (OSError, KeyError, zipfile.BadZipFile):
        return None
    match = re.search(r"<dc:identifier>(plangen:[0-9a-f]+)</dc:identifier>", core)
    return match.group(1) if match else None


def annex_paths(context: TemplateContext, output: Path) -> dict[Path, AppendixPage]:
    """Where each appendix issued as a file of its own goes: beside `output`, as
    `X-phu-luc.docx`, or `X-phu-luc-II.docx` when there are several (Phụ lục I III.1.d)."""
    from plangen import vn

    many = len(context.appendices) > 1
    return {
        output.with_name(
            f"{output.stem}-phu-luc{f'-{vn.roman(number)}' if many else ''}{output.suffix}"
        ): page
        for number, page in enumerate(context.appendices, 1)
        if page.separate
    }


def build(
    plan_path: Path,
    output: Path,
    *,
    issue: Issue | None = None,
    strict: bool = False,
    template: Path | None = None,
) -> Built:
    """Build one plan into `output` (and its separately issued appendices beside it); a file
    is rewritten only when its bytes change."""
    from plangen.context import build_context
    from plangen.render import annex, render

    checked = validate(plan_path, strict=strict, issue=issue)
    template = find_template(checked.plan.kind_info.template, plan_path, template)
    inputs = stamp(checked, template, issue)
    context = build_context(checked.plan, checked.reported)
    annexes = annex_paths(context, output)
    if all(stamp_of(path) == inputs for path in [output, *annexes]):
        return Built(plan_path, output, False, checked.warnings, checked.plan, tuple(annexes))
    files = {output: render(context, template, inputs)}
    files.update({path: annex(context, page, template, inputs) for path, page in annexes.items()})
    changed = False
    for path, data in files.items():
        if not (path.is_file() and path.read_bytes() == data):
            write(path, data)
            changed = True
    return Built(plan_path, output, changed, checked.warnings, checked.plan, tuple(annexes))


@dataclass(frozen=True)
class Job:
    """One plan to build and where its document goes."""

    plan_path: Path
    output: Path
    issue: Issue | None = None
    strict: bool = False
    template: Path | None = None


def _run(job: Job) -> Built | PlanError:
    try:
        return build(
            job.plan_path, job.output, issue=job.issue, strict=job.strict, template=job.template
        )
    except PlanError as error:
        return error


def build_many(jobs: list[Job], workers: int | None = None) -> list[Built | PlanError]:
    """Build every job, in parallel processes when there are several; a failure is a result,
    so the good plans are still built and every problem is reported."""
    import os

    workers = min(len(jobs), workers or os.cpu_count() or 1)
    if workers <= 1:
        return [_run(job) for job in jobs]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_run, jobs, chunksize=max(1, len(jobs) // (4 * workers))))


def plan_files(paths: list[Path]) -> list[Path]:
    """The plan files named, with folders expanded to the YAML files in them.

    A folder holds plans and their shared unit registry, `units.yaml`, which is not a plan.
    A folder named like a YAML file is passed on as a file, so reading it reports it.
    """
    files: list[Path] = []
    for path in paths:
        if path.is_dir() and path.suffix not in {".yaml", ".yml"}:
            found = sorted(
                p
                for p in path.iterdir()
                if p.suffix in {".yaml", ".yml"} and p.stem != "units" and p.is_file()
            )
            if not found:
                raise PlanError.at(str(path), "folder-empty")
            files.extend(found)
        else:
            files.append(path)
    return files
