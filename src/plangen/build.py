"""The pipeline for one or many plans: load → validate → check → context → render → write.

Nothing here prints; results and problems are returned or raised for `cli.py` to report.
Gather first, write last: a plan is rendered completely in memory before its output
file is replaced, atomically, so a failed build never leaves a broken or missing file.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from plangen.atomic import remove_stale
from plangen.diagnostics import Diagnostic, PlanError
from plangen.files import DISK, Files
from plangen.output import check as check_output
from plangen.output import write
from plangen.package import stamp_of
from plangen.template import Template
from plangen.template import find as find_template
from plangen.template import load as load_template
from plangen.unchanged import remember, stamp, unchanged

if TYPE_CHECKING:
    # pydantic (model, validation) is imported by the first build that validates, not by a
    # build that unchanged.py finds has nothing to do.
    from plangen.context import AppendixPage, TemplateContext
    from plangen.model import Issue, Plan
    from plangen.validation import Checked


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
    template: Template | None = None
    """The template used (template.find decides which)."""
    read: tuple[Path, ...] = ()
    """Every file the build read: the plan, the files it names, the template (to watch)."""


def template_of(checked: Checked, files: Files = DISK, explicit: Path | None = None) -> Template:
    """The checked template a plan is laid out in (template.find says which one)."""
    plan = checked.source.path
    named = checked.plan.template
    near = files.on_disk(plan)
    return load_template(
        find_template(
            checked.plan.kind_info.template,
            near,
            explicit,
            near.parent / named if named is not None else None,
        )
    )


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
    force: bool = False,
) -> Built:
    """Build one plan into `output` (and its separately issued appendices beside it); a file
    is rewritten only when its bytes change, and is never one of the files read."""
    skipped = skip(plan_path, output, issue, template, force)
    if skipped is not None:
        return skipped
    built, checked, inputs = _build(plan_path, output, issue, strict, template, force)
    remember(built, checked, issue, template, inputs)
    return built


def _tidy(output: Path, annexes: Iterable[Path]) -> None:
    """Remove the temporary files a killed build left beside the outputs: a write does it
    too, but an output that need not be written would keep them forever."""
    for path in (output, *annexes):
        remove_stale(path)


def skip(
    plan_path: Path, output: Path, issue: Issue | None, template: Path | None, force: bool
) -> Built | None:
    """The result of a build the no-change check (unchanged.py) finds has nothing to do;
    None when it must be made."""
    found = unchanged(plan_path, output, issue, template, force)
    if found is None:
        return None
    _tidy(output, found.annexes)
    return Built(plan_path, output, False, (), None, found.annexes, found.template, found.read)


def _build(
    plan_path: Path,
    output: Path,
    issue: Issue | None,
    strict: bool,
    template: Path | None,
    force: bool,
) -> tuple[Built, Checked, str]:
    """`build` once the no-change check found something to do: the result, the plan as
    checked and its stamp."""
    from plangen.context import build_context
    from plangen.render import annex, render
    from plangen.validation import validate

    checked = validate(plan_path, strict=strict, issue=issue)
    used = template_of(checked, DISK, template)
    reads = [*checked.paths, used.path]
    texts = [source.text for source in [checked.source, *checked.source.parts]]
    inputs = stamp(texts, used.data, issue)
    context = build_context(checked.plan, checked.reported)
    annexes = annex_paths(context, output)
    done = (checked.warnings, checked.plan, tuple(annexes), used, tuple(reads))
    for path in [output, *annexes]:
        check_output(path, reads, ".docx", force)
    if all(stamp_of(path) == inputs for path in [output, *annexes]):
        _tidy(output, annexes)
        return Built(plan_path, output, False, *done), checked, inputs
    files = {output: render(context, used, inputs)}
    files.update({path: annex(context, page, used, inputs) for path, page in annexes.items()})
    changed = False
    for path, data in files.items():
        if not (path.is_file() and path.read_bytes() == data):
            write(path, data, reads=reads, suffix=".docx", force=force)
            changed = True
    return Built(plan_path, output, changed, *done), checked, inputs


@dataclass(frozen=True)
class Job:
    """One plan to build and where its document goes."""

    plan_path: Path
    output: Path
    issue: Issue | None = None
    strict: bool = False
    template: Path | None = None
    force: bool = False


@dataclass(frozen=True)
class Internal:
    """A bug met while building one plan: the batch goes on, and names the plan."""

    plan_path: Path
    error: str
    traceback: str


def build_job(job: Job) -> Built | PlanError | Internal:
    """Build one job; a failure is the result, not raised."""
    try:
        return build(
            job.plan_path,
            job.output,
            issue=job.issue,
            strict=job.strict,
            template=job.template,
            force=job.force,
        )
    except PlanError as error:
        return error
    except Exception as exc:  # a bug: reported for this plan, the others still built
        import traceback

        return Internal(job.plan_path, f"{type(exc).__name__}: {exc}", traceback.format_exc())


def batch_job(job: Job) -> Built | PlanError | Internal:
    """`build_job` as one of many in a process (a batch, its workers, watch), with the
    build's garbage freed after it: python-docx's package is a reference cycle holding the
    template's XML trees (some 4.7 MB a build), which the rare collections `cli.run` asks
    for would keep until the process ends (200 plans in one process: 928 MB). A collection
    of the young generations frees it for about 1 ms, less than the memory cost."""
    result = build_job(job)
    gc.collect(1)
    return result


def build_many(jobs: list[Job], workers: int = 1) -> Iterator[Built | PlanError | Internal]:
    """Build every job, in `workers` processes (0: one per core), yielding the results in
    the order of `jobs`; a failure is a result, so the good plans are still built and
    every problem is reported. With workers, the no-change check is made here first, for
    every job: a batch with nothing to do starts no worker and imports no pipeline."""
    workers = min(len(jobs), workers or os.cpu_count() or 1)
    if workers <= 1:
        yield from _in_turn(jobs)
        return
    done = [_skip(job) for job in jobs]
    built = _in_workers(
        [job for job, result in zip(jobs, done, strict=True) if result is None], workers
    )
    for result in done:
        yield result if result is not None else next(built)
    yield from built  # nothing is left: this lets the workers end


def _in_turn(jobs: list[Job]) -> Iterator[Built | PlanError | Internal]:
    """Each job in this process, one after another; a lone build frees nothing after it
    (the command ends), several are each a `batch_job`."""
    return map(build_job if len(jobs) == 1 else batch_job, jobs)


def _skip(job: Job) -> Built | None:
    """`skip` for `job`; None too when the check fails, as the worker's build then
    meets the same failure and reports it."""
    try:
        return skip(job.plan_path, job.output, job.issue, job.template, job.force)
    except Exception:  # a bug: the build that follows meets it and reports it
        return None


def _in_workers(jobs: list[Job], workers: int) -> Iterator[Built | PlanError | Internal]:
    """`batch_job` of each job, in order, in at most `workers` processes. On Linux they
    are forked from this process with the pipeline imported, so none imports it again (nor
    re-runs the caller's main module); the caller must have no threads of its own running
    (a progress bar refreshes itself only when told)."""
    import multiprocessing
    import sys

    workers = min(len(jobs), workers)
    if workers <= 1:
        yield from _in_turn(jobs)
        return
    from concurrent.futures import ProcessPoolExecutor

    import plangen.context
    import plangen.render  # noqa: F401  (imported once, here, for every worker)

    context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        yield from pool.map(batch_job, jobs, chunksize=max(1, len(jobs) // (4 * workers)))


YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class PlanFile:
    """A plan to build, and its sub-folder in the folder named on the command line (where
    its output goes under the output folder)."""

    path: Path
    folder: Path | None = None
    """The folder named on the command line that it was found in, if any."""

    @property
    def within(self) -> Path:
        return self.path.parent.relative_to(self.folder) if self.folder else Path()


def batch(files: list[PlanFile]) -> bool:
    """Several plans, or a folder's: `-o` is then a folder, and the run ends with a summary."""
    return len(files) > 1 or any(f.folder is not None for f in files)


def plan_files(paths: list[Path]) -> list[PlanFile]:
    """The plan files named, with folders expanded to the plans in them and their
    sub-folders (`_plans_under`). A folder named like a YAML file is passed on as a file,
    so reading it reports it."""
    files: list[PlanFile] = []
    for path in paths:
        if path.is_dir() and path.suffix not in YAML_SUFFIXES:
            found = _plans_under(path)
            if not found:
                raise PlanError.at(str(path), "folder-empty")
            files.extend(found)
        else:
            files.append(PlanFile(path))
    return files


def _unreadable(error: OSError) -> None:
    raise PlanError.at(str(error.filename), "file-unreadable", reason=error.strerror or error)


def _plans_under(folder: Path) -> list[PlanFile]:
    """The plans in `folder` and below: a folder's files, then its sub-folders, each by
    name. Not plans: hidden files and
    folders, `output/` folders, unit registries (`units.yaml`, or any file a plan names in
    `units:`), and a base named in `extends:` that has no `kind:` of its own (a part that
    only the plans extending it make whole). Links to folders are not followed, so a link
    loop cannot hang the walk; a folder link named on the command line is read."""
    from plangen.output import DEFAULT_FOLDER

    candidates: list[Path] = []
    for top, folders, names in os.walk(folder, onerror=_unreadable):
        folders[:] = sorted(
            f for f in folders if not f.startswith(".") and f != DEFAULT_FOLDER.name
        )
        here = Path(top)
        candidates += [
            here / name
            for name in sorted(names)
            if name.endswith(YAML_SUFFIXES)
            and not name.startswith(".")
            and Path(name).stem != "units"
            and (here / name).is_file()
        ]
    read: dict[str, dict[str, str | None]] = {}  # each file read once, by real path
    parts = {part for candidate in candidates for part in _parts_named(candidate, read)}
    return [PlanFile(path, folder) for path in candidates if os.path.realpath(path) not in parts]


def _mapping(path: Path, read: dict[str, dict[str, str | None]]) -> dict[str, str | None]:
    """The top-level keys of the YAML file `path` (loader.top_level), kept in `read`: a
    base many plans extend is read once."""
    from plangen.loader import top_level

    real = os.path.realpath(path)
    if real not in read:
        read[real] = top_level(str(path))
    return read[real]


def _parts_named(plan: Path, read: dict[str, dict[str, str | None]]) -> set[str]:
    """The files `plan` names that are not plans themselves (real paths): its `units:`
    registry, and its `extends:` base when that base has no `kind:`. A file that cannot
    be read names nothing, and a base that cannot be read is no plan: their builds say why."""
    data = _mapping(plan, read)
    named = set()
    units, base = data.get("units"), data.get("extends")
    if isinstance(units, str):
        named.add(os.path.realpath(plan.parent / units))
    if isinstance(base, str) and "kind" not in _mapping(plan.parent / base, read):
        named.add(os.path.realpath(plan.parent / base))
    return named
