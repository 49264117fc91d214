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
from pathlib import Path

from plangen.diagnostics import Diagnostic, PlanError, Problem, from_validation, message
from plangen.loader import Source, load, named_at
from plangen.model import Issue, Plan

BUNDLED = Path(__file__).resolve().parent / "templates"
"""The templates shipped with plangen (package data)."""


@dataclass(frozen=True)
class Checked:
    """A plan that passed validation, with its source and any warnings."""

    plan: Plan
    source: Source
    warnings: tuple[Diagnostic, ...] = ()


@dataclass(frozen=True)
class Built:
    """What one build did."""

    plan_path: Path
    output: Path
    changed: bool
    warnings: tuple[Diagnostic, ...] = field(default=())


def _located(source: Source, problems: list[Problem]) -> list[Diagnostic]:
    return [source.diagnostic(p.loc, p.code, p.params, p.severity, p.at_key) for p in problems]


def _reported(
    path: Path, source: Source, plan: Plan, chain: tuple[Path, ...]
) -> tuple[Plan, list[Diagnostic]]:
    """A báo cáo resolved against the plan it reports on (report.py), and its problems."""
    from plangen import report

    assert plan.reports_on is not None
    target = path.parent / plan.reports_on
    if target.resolve() in chain:
        return plan, [source.diagnostic(("reports_on",), "extends-cycle")]
    with named_at(source, "reports_on", target):
        reported = validate(target, _chain=chain)
    source.parts.extend([reported.source, *reported.source.parts])
    problems = _located(source, report.check(plan, reported.plan))
    return report.resolve(plan, reported.plan), problems


def validate(
    path: Path, strict: bool = False, issue: Issue | None = None, _chain: tuple[Path, ...] = ()
) -> Checked:
    """A valid plan, or PlanError with every problem in it (warnings too, under `strict`).

    `issue` is the issuance mode given on the command line; it overrides the plan's.
    """
    import pydantic

    from plangen import rules
    from plangen.model import field_vocabulary

    source = load(path)
    try:
        plan = Plan.model_validate(source.data)
    except pydantic.ValidationError as exc:
        problems = from_validation(exc.errors(include_url=False), source.data, field_vocabulary())
        raise PlanError([*source.problems, *_located(source, problems)]) from None
    if issue is not None:
        plan = plan.model_copy(update={"issue": issue})
    diagnostics = [*source.problems, *_located(source, rules.check(plan))]
    if plan.reports_on:
        plan, more = _reported(path, source, plan, (*_chain, path.resolve()))
        diagnostics += more
    errors = [d for d in diagnostics if d.severity == "error" or strict]
    if errors:
        raise PlanError(diagnostics)
    return Checked(plan, source, tuple(d for d in diagnostics if d.severity == "warning"))


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
    raise PlanError(
        [
            Diagnostic(
                shown,
                1,
                1,
                "template",
                "không tìm thấy mẫu văn bản (template not found)",
                "template-missing",
            )
        ]
    )


def default_output(plan_path: Path, out_dir: Path = Path("output")) -> Path:
    return out_dir / f"{plan_path.stem}.docx"


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


def render_plan(checked: Checked, template: Path, identifier: str = "") -> bytes:
    from plangen.context import build_context
    from plangen.render import render

    return render(build_context(checked.plan), template, identifier)


def build(
    plan_path: Path,
    output: Path,
    *,
    issue: Issue | None = None,
    strict: bool = False,
    template: Path | None = None,
) -> Built:
    """Build one plan into `output`; the file is rewritten only when its bytes change."""
    from plangen.render import write_atomic

    checked = validate(plan_path, strict=strict, issue=issue)
    if output.is_dir():
        output = output / f"{plan_path.stem}.docx"
    template = find_template(checked.plan.kind_info.template, plan_path, template)
    inputs = stamp(checked, template, issue)
    if output.is_file() and stamp_of(output) == inputs:
        return Built(plan_path, output, False, checked.warnings)
    data = render_plan(checked, template, inputs)
    changed = not (output.is_file() and output.read_bytes() == data)
    if changed:
        try:
            write_atomic(output, data)
        except OSError as exc:
            raise PlanError(
                [
                    Diagnostic(
                        str(output),
                        1,
                        1,
                        "output",
                        f"không ghi được tệp kết quả: {exc.strerror or exc} (cannot write output)",
                        "output-unwritable",
                    )
                ]
            ) from None
    return Built(plan_path, output, changed, checked.warnings)


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
                raise PlanError(
                    [Diagnostic(str(path), 1, 1, "", message("folder-empty", {}), "folder-empty")]
                )
            files.extend(found)
        else:
            files.append(path)
    return files
