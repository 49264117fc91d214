"""The `plangen` command: turns arguments into calls and results into messages.

Commands only wire the stages together. A user's mistake anywhere is a PlanError; it is
reported in one place (`_Group.invoke`) as `file:line:col: field: message` lines and
exit code 2. Exit codes: 0 success, 1 `diff` found differences, 2 a user error,
3 an internal error (a bug: please report it).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from plangen.diagnostics import Diagnostic, PlanError, from_validation, message
from plangen.language import LANGUAGES, from_environment
from plangen.language import use as use_language

if TYPE_CHECKING:
    # Commands import what they use when they run (python -X importtime shows it): pydantic
    # (model), docxtpl and lxml only for the commands that validate or render.
    from plangen.build import Built
    from plangen.console import Console, Status, Style
    from plangen.model import Issue

INTERNAL_ERROR = 3
MAX_PDF = 200 * 1024 * 1024
"""Largest PDF `sign` reads."""
BROKEN_PIPE = 141
"""128 + SIGPIPE, what a shell reports for a program whose reader closed the pipe."""
CONSOLE = "plangen.console"
"""Where a command keeps its Console (click's context meta), for `_explain`."""


def _paths(_: click.Context, __: click.Parameter, values: tuple[str, ...]) -> tuple[Path, ...]:
    """Plan paths as typed; an empty one ('') is a mistake, not the current folder."""
    if any(not value.strip() for value in values):
        raise click.BadParameter("đường dẫn rỗng (an empty path)")
    return tuple(Path(value) for value in values)


def _text(_: click.Context, parameter: click.Parameter, value: str) -> str:
    """A one-line text option (an author's name): what a plan's one-line text may be."""
    from pydantic import TypeAdapter, ValidationError

    from plangen.model import Line

    try:
        return str(TypeAdapter(Line).validate_python(value))
    except ValidationError as exc:
        problem = from_validation(exc.errors(include_url=False), value, ())[0]
        raise click.BadParameter(message(problem.code, problem.params)) from None


def _report(diagnostics: tuple[Diagnostic, ...] | list[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        click.echo(str(diagnostic), err=True)


def _internal(where: object, error: str) -> str:
    return (
        f"{where}: lỗi nội bộ (internal error): {error}. "
        "Hãy báo lỗi kèm tệp kế hoạch; chạy lại với --debug để xem chi tiết."
    )


def _explain(error: PlanError) -> None:
    """The errors, in the `--format` of the command's console when it has one."""
    from plangen.console import Console

    context = click.get_current_context(silent=True)
    shown = context.meta.get(CONSOLE) if context is not None else None
    (shown or Console()).close(error.diagnostics)


class _Group(click.Group):
    """The one place problems become messages and exit codes.

    A PlanError prints its diagnostics and a count, exit 2; any other exception is a bug:
    one line and exit 3 (the traceback with --debug).
    """

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except PlanError as error:
            _explain(error)
            ctx.exit(PlanError.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except BrokenPipeError:
            # the reader went away (`plangen diff … | head`): stop quietly, as `git diff` does
            _drop_stdout()
            ctx.exit(BROKEN_PIPE)
        except Exception as exc:
            if isinstance(exc, OSError) and _writing_stdout(exc):
                # `plangen text x.docx > file` on a full disk: the user's, not a bug
                _drop_stdout()
                reason = exc.strerror or exc
                click.echo(f"plangen: {message('stdout-unwritable', {'reason': reason})}", err=True)
                ctx.exit(PlanError.exit_code)
            if ctx.params.get("debug"):
                raise
            click.echo(_internal("plangen", f"{type(exc).__name__}: {exc}"), err=True)
            ctx.exit(INTERNAL_ERROR)


def _writing_stdout(error: OSError) -> bool:
    """Whether `error` came from writing the standard output: the frame that raised it
    was writing to it (click.echo's `file`)."""
    trace = error.__traceback__
    while trace is not None and trace.tb_next is not None:
        trace = trace.tb_next
    return trace is not None and any(v is sys.stdout for v in trace.tb_frame.f_locals.values())


def _drop_stdout() -> None:
    """Send the rest of the standard output nowhere, so that exiting does not fail on it."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    help="vi: Vietnamese messages with the English gloss (default); en: English only. "
    "Default from PLANGEN_LANG, LANGUAGE, LC_ALL, LC_MESSAGES or LANG.",
)
@click.version_option(package_name="plangen")
def main(debug: bool, lang: str | None) -> None:
    """plangen: kế hoạch viết bằng YAML → văn bản .docx đúng Nghị định 30/2020/NĐ-CP.

    \b
    Example:
      plangen init ke-hoach && cd ke-hoach && plangen build plans/2026.yaml
    """
    use_language(lang or from_environment())


def _issue_options(command: Callable[..., None]) -> Callable[..., None]:
    """--electronic and --final, which override the plan's `issue:` mode."""
    command = click.option(
        "--final", is_flag=True, help="Refuse drafts: number and date must be set."
    )(command)
    return click.option(
        "--electronic",
        is_flag=True,
        help="Issue electronically: number and date left blank for the document system.",
    )(command)


def _issue(electronic: bool, final: bool) -> Issue | None:
    if electronic and final:
        raise click.UsageError("--electronic và --final loại trừ nhau (mutually exclusive)")
    return "electronic" if electronic else "final" if final else None


_formats = click.option(
    "--format",
    "style",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="Lines for people; one JSON document for tools; GitHub Actions annotations for CI.",
)


def _console(
    style: Style, statuses: tuple[Status, ...] = ("built", "unchanged", "failed")
) -> Console:
    """The command's Console, kept where `_explain` finds it."""
    from plangen.console import Console

    shown = Console(style, statuses)
    click.get_current_context().meta[CONSOLE] = shown
    return shown


def _finish(shown: Console, internal: bool) -> None:
    """Close the run; exit 3 after a bug, 2 after a problem in the input."""
    failed = shown.close()
    if internal:
        raise click.exceptions.Exit(INTERNAL_ERROR)
    if failed:
        raise click.exceptions.Exit(PlanError.exit_code)


@main.command()
@click.argument("paths", nargs=-1, required=True, callback=_paths)
@click.option(
    "-o",
    "--output",
    help="Output file (one plan) or folder (ending in '/'); default output/<plan>.docx, "
    "a folder's plans as output/<sub-folder>/<plan>.docx.",
)
@_issue_options
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option(
    "--template",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Use this .docx template instead of templates/<kind>.docx.",
)
@click.option(
    "--pdf",
    is_flag=True,
    help="Also write X.pdf beside X.docx (LibreOffice; not again for an unchanged document); "
    "electronic: PDF/A with signature fields, and the record X.json.",
)
@click.option("--force", is_flag=True, help="Write an output whose name does not end in .docx.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(0),
    default=1,
    show_default=True,
    help="Build in N worker processes; 0: one per core.",
)
@_formats
def build(
    paths: tuple[Path, ...],
    output: str | None,
    electronic: bool,
    final: bool,
    strict: bool,
    template: Path | None,
    pdf: bool,
    force: bool,
    jobs: int,
    style: Style,
) -> None:
    """Validate plans and write their .docx documents (and PDFs with --pdf). A folder is
    built with its sub-folders, the outputs mirroring them; a batch ends with a summary.

    --electronic and --final override the plan's `issue:` mode.

    \b
    Example:
      plangen build plans/2024.yaml --pdf
      plangen build plans/ --jobs 0 --format github
    """
    from plangen.build import Internal, Job, batch, build_many, plan_files
    from plangen.output import collisions, output_path

    issue = _issue(electronic, final)
    shown = _console(style)
    files = plan_files(list(paths))
    many = batch(files)
    shown.expect(len(files), many)
    targets = [(f.path, output_path(f.path, output, many, within=f.within)) for f in files]
    clashes = collisions(targets)
    if clashes:  # nothing is built: which of two plans should win is not plangen's guess
        for clash in clashes:
            shown.failed(Path(clash.path), [clash])
        _finish(shown, internal=False)
    todo = [Job(p, out, issue, strict, template, force) for p, out in targets]
    documents: list[Built] = []
    internal = False
    with shown:
        for job, result in zip(todo, build_many(todo, jobs), strict=True):
            if isinstance(result, PlanError):
                shown.failed(job.plan_path, result.diagnostics)
                continue
            if isinstance(result, Internal):
                internal = True
                shown.note(_internal(result.plan_path, result.error))
                if click.get_current_context().find_root().params.get("debug"):
                    shown.note(result.traceback)
                shown.done(job.plan_path, "failed")
                continue
            shown.report(result.warnings, job.plan_path)
            for line in _built_lines(result):
                shown.say(line)
            if result.template is not None and not result.template.bundled:
                shown.say(f"  mẫu (template): {result.template.path}")
            outputs = (result.output, *result.annexes)
            shown.done(job.plan_path, "built" if result.changed else "unchanged", outputs)
            documents.append(result)
        if pdf and documents:
            _pdfs(documents, shown)
    _finish(shown, internal)


def _built_lines(result: Built) -> list[str]:
    """`output/x.docx (đã ghi; written)` for the document and each appendix file."""
    state = message("written" if result.changed else "unchanged")
    return [f"{path} ({state})" for path in (result.output, *result.annexes)]


def _pdfs(documents: list[Built], shown: Console) -> None:
    """Write X.pdf beside each X.docx (and each separately issued appendix), one LibreOffice
    run for each kind of PDF; its problems go to `shown` as errors of the plan. An electronic
    document's PDFs are PDF/A with their signature fields, and its record X.json goes beside
    it. A document left unchanged whose PDFs (and record) were written after it is not
    converted again."""
    from plangen.electronic import PDFA, finish, finish_annex
    from plangen.pdf import convert, up_to_date

    electronic = [d for d in documents if d.plan is not None and d.plan.issue == "electronic"]
    batches = [([d for d in documents if d not in electronic], None), (electronic, PDFA)]
    for batch, options in batches:
        todo = []
        for document in batch:
            docxs = (document.output, *document.annexes)
            made = [docx.with_suffix(".pdf") for docx in docxs]
            if options is not None:
                made.append(document.output.with_suffix(".json"))
            if not document.changed and all(up_to_date(docx, *made) for docx in docxs):
                for path in made:
                    state = message("pdf-unchanged" if path.suffix == ".pdf" else "unchanged")
                    shown.wrote(document.plan_path, path, state)
            else:
                todo += [(document, docx) for docx in docxs]
        if not todo:
            continue
        converted = convert([(docx, docx.with_suffix(".pdf")) for _, docx in todo], options)
        for (document, docx), result in zip(todo, converted, strict=True):
            if isinstance(result, PlanError):
                shown.refused(result.diagnostics, document.plan_path)
                continue
            shown.report(result.warnings, document.plan_path)
            shown.wrote(document.plan_path, result.path, "đã ghi PDF; PDF written")
            if options is None or document.plan is None:
                continue
            if docx != document.output:
                finish_annex(result.path)
                continue
            try:
                written = finish(document.plan, result.path)
            except PlanError as error:
                shown.refused(error.diagnostics, document.plan_path)
                continue
            shown.wrote(document.plan_path, written, "đã ghi hồ sơ văn bản; record written")


@main.command()
@click.argument("paths", nargs=-1, required=True, callback=_paths)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Output file (one plan) or folder; default output/<plan>.docx.",
)
@_issue_options
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option(
    "--template",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Use this .docx template instead of templates/<kind>.docx.",
)
@click.option("--pdf", is_flag=True, help="Also rewrite X.pdf, so an open PDF viewer refreshes.")
@click.option("--rebuilds", type=click.IntRange(1), hidden=True, help="Stop after N rebuilds.")
def watch(
    paths: tuple[Path, ...],
    output: Path | None,
    electronic: bool,
    final: bool,
    strict: bool,
    template: Path | None,
    pdf: bool,
    rebuilds: int | None,
) -> None:
    """Build plans, then rebuild each one on every save of it or of a file it names
    (units, extends, reports_on, the template). A mistake is shown and the last good
    document kept; Ctrl-C stops.

    \b
    Example:
      plangen watch plans/2024.yaml --pdf
    """
    import time

    from plangen.build import Internal, Job, batch, batch_job, plan_files
    from plangen.output import output_path
    from plangen.watch import watch as watching

    issue = _issue(electronic, final)
    files = plan_files(list(paths))
    many = batch(files)
    jobs = [
        Job(f.path, output_path(f.path, output, many, within=f.within), issue, strict, template)
        for f in files
    ]

    def rebuild(job: Job, before: frozenset[Path]) -> set[Path]:
        started = time.perf_counter()
        result = batch_job(job)
        seconds = f"{time.perf_counter() - started:.2f} s"
        if isinstance(result, Internal):
            click.echo(_internal(job.plan_path, result.error), err=True)
            return {*before, job.plan_path}
        if isinstance(result, PlanError):
            _report(result.diagnostics)
            click.echo(f"plangen: {job.plan_path}: {message('watch-kept')} [{seconds}]", err=True)
            named = {Path(d.path) for d in result.diagnostics}
            return {*before, job.plan_path, *named} - {job.output}
        _report(result.warnings)
        for line in _built_lines(result):
            click.echo(f"{line} [{seconds}]")
        if pdf:
            from plangen.console import Console

            shown = Console()
            _pdfs([result], shown)
            shown.close()
        return set(result.read)

    def ready(count: int) -> None:
        click.echo(f"plangen: {message('watch-ready', {'count': count})}")

    try:
        watching(jobs, rebuild, ready=ready, rebuilds=rebuilds)
    except KeyboardInterrupt:
        pass


@main.command()
@click.argument("paths", nargs=-1, required=True, callback=_paths)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@_formats
def validate(paths: tuple[Path, ...], strict: bool, style: Style) -> None:
    """Check plans and list every problem, without writing anything. A folder is checked
    with its sub-folders.

    \b
    Example:
      plangen validate plans/
      plangen validate plans/ --format json
    """
    from plangen.build import batch, plan_files, template_of
    from plangen.context import build_context
    from plangen.render import render
    from plangen.validation import validate as check

    shown = _console(style, ("valid", "failed"))
    files = plan_files(list(paths))
    shown.expect(len(files), batch(files))
    with shown:
        for found in files:
            path = found.path
            try:
                checked = check(path, strict=strict)
                # Everything `build` does but the writing, so nothing it refuses passes here.
                render(build_context(checked.plan, checked.reported), template_of(checked))
            except PlanError as error:
                shown.failed(path, error.diagnostics)
                continue
            shown.report(checked.warnings, path)
            shown.say(f"{path}: {message('valid')}")
            shown.done(path, "valid")
    _finish(shown, internal=False)


@main.command()
@click.option(
    "--from",
    "source",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="This year's plan.",
)
@click.option("--year", required=True, type=click.IntRange(1945, 2200), help="The new year.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Default: <YEAR>.yaml beside the source.",
)
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def new(source: Path, year: int, output: Path | None, force: bool) -> None:
    """Write next year's plan (a draft) from this year's.

    \b
    Example:
      plangen new --from plans/2024.yaml --year 2025
    """
    from plangen.nextyear import next_year

    target = output or source.parent / f"{year}.yaml"
    result = next_year(source, year, target, force=force)
    for name, before, after in result.moved:
        click.echo(f"chuyển năm (moved): {name}: {before} → {after}")
    for name, what in result.marked:
        click.echo(f"cần xem lại (marked for review): {name}: {what}")
    for note in result.notes:
        click.echo(f"tệp (file): {note}")
    for name in result.old_wording:
        click.echo(f"còn năm cũ, kế thừa từ tệp gốc (inherited, still the old year): {name}")
    click.echo(
        f"{result.path} (đã tạo dự thảo: {len(result.moved)} chỗ chuyển năm, "
        f"{len(result.marked)} chỗ cần xem lại; draft written)"
    )


@main.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option(
    "--year",
    type=click.IntRange(1945, 2200),
    help="The example plan's year; default: this year.",
)
@click.option("--force", is_flag=True, help="Use a folder that is not empty (its files are kept).")
def init(folder: Path, year: int | None, force: bool) -> None:
    """Start a repository of plans for an office: an example plan, the unit registry,
    the templates to restyle, the editor schema, git settings and a README.

    \b
    Example:
      plangen init ke-hoach && cd ke-hoach && plangen build plans/2026.yaml
    """
    import datetime

    from plangen.scaffold import init as lay_out

    for made in lay_out(folder, year or datetime.date.today().year, force):
        click.echo(f"{made.path} ({message('created' if made.written else 'kept')})")


_text_or_json = click.option(
    "--format",
    "style",
    type=click.Choice(["text", "json"]),
    default="text",
    help="Lines for people, or JSON for tools.",
)


@main.command()
@click.argument("old")
@click.argument("new")
@_text_or_json
@click.option("--no-body", is_flag=True, help="Leave out changed body paragraphs.")
@click.option(
    "--docx",
    "redline_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write NEW as a Word document with tracked changes against OLD.",
)
@click.option(
    "--author",
    default="plangen",
    show_default=True,
    callback=_text,
    help="Author of the tracked changes.",
)
@click.option("--force", is_flag=True, help="Write a --docx whose name does not end in .docx.")
def diff(
    old: str,
    new: str,
    style: str,
    no_body: bool,
    redline_path: Path | None,
    author: str,
    force: bool,
) -> None:
    """What changed between two plans (files or REV:path in git), by meaning.

    Exit code 0 when they are the same, 1 when they differ, 2 on an error.

    \b
    Example:
      plangen diff HEAD~1:plans/2024.yaml plans/2024.yaml --docx output/redline.docx
    """
    from plangen.changes import compare, describe
    from plangen.context import body, build_context, resolved
    from plangen.files import locate
    from plangen.validation import validate as check

    checked, places = [], []
    for spec in (old, new):
        files, name = locate(spec)  # once: a REV:path asks git
        checked.append(check(name, files=files))
        places.append(files)
    before, after = checked
    old_plan = resolved(before.plan, before.reported)
    new_plan = resolved(after.plan, after.reported)
    worded = None  # each plan worded once, for both the diff and the redline
    if redline_path is not None:
        worded = (
            build_context(before.plan, before.reported),
            build_context(after.plan, after.reported),
        )
    if no_body:
        bodies = None
    elif worded:
        bodies = worded[0].body, worded[1].body
    else:
        bodies = body(old_plan), body(new_plan)
    changes = compare(old_plan, new_plan, bodies)
    if redline_path is not None and worded is not None:
        from plangen.build import template_of
        from plangen.output import write
        from plangen.redline import redline

        template = template_of(after, places[1])
        reads = [*before.paths, *after.paths, template.path]
        data = redline(*worded, new_plan, template, author)
        write(redline_path, data, reads=reads, suffix=".docx", force=force)
        click.echo(f"{redline_path} ({message('redline-written')})", err=True)
    if style == "json":
        click.echo(json.dumps([c.as_dict() for c in changes], ensure_ascii=False, indent=2))
    else:
        for change in changes:
            click.echo(describe(change))
    sys.exit(1 if changes else 0)


@main.command()
@click.argument("document", type=click.Path(path_type=Path))
def text(document: Path) -> None:
    """Print a .docx's text, for `git diff` (textconv) and review.

    \b
    Example:
      plangen text output/2024.docx
    """
    from plangen.textconv import document_text

    # UTF-8 bytes as they are: XML text holds no terminal escapes for click.echo to strip,
    # and that pass over a big document's text took a tenth of the command
    sys.stdout.flush()
    sys.stdout.buffer.write(document_text(document).encode("utf-8"))


@main.command("import")
@click.argument("source", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The plan to write; default <source name>.yaml in the current folder.",
)
@click.option(
    "--units",
    "units_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A units registry whose keys the plan reuses.",
)
@click.option("--force", is_flag=True, help="Overwrite an existing plan file.")
def import_(source: Path, output: Path | None, units_file: Path | None, force: bool) -> None:
    """Make a plan from a document (.docx, .txt, .md): what it guessed and kept as text is
    listed with its source line.

    \b
    Example:
      plangen import ke-hoach-26.docx -o plans/2024.yaml --units plans/units.yaml
    """
    from plangen.importer import run

    target = output or Path(source.with_suffix(".yaml").name)
    done = run(source, target, units_file, force=force)
    for finding in done.findings:
        click.echo(f"{source}:{finding.line}: {finding.verdict}: {finding.what}")
    _report(done.problems)
    click.echo(f"{target} (đã tạo kế hoạch; plan written)")


@main.command()
@click.argument("documents", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--render", is_flag=True, help="Also check the printed page (LibreOffice): rules, numbers."
)
@_text_or_json
def check(documents: tuple[Path, ...], render: bool, style: str) -> None:
    """Check any .docx against Decree 30 (nd30.md §11): each rule PASS, FAIL or N/A.

    Exit code 0 when nothing fails, 1 when a rule fails, 2 for a file that is not a .docx.

    \b
    Example:
      plangen check --render output/2024.docx ~/Downloads/cong-van.docx
    """
    from plangen.conformance import check_files

    unreadable: list[Diagnostic] = []
    failed = 0
    report = []
    for path, results in zip(documents, check_files(list(documents), render), strict=True):
        if isinstance(results, PlanError):
            unreadable.extend(results.diagnostics)
            continue
        counts = {s: sum(r.status == s for r in results) for s in ("pass", "fail", "na")}
        failed += counts["fail"] > 0
        if style == "json":
            report.append(
                {"file": str(path), "summary": counts, "rules": [r.as_dict() for r in results]}
            )
            continue
        for result in results:
            label = {"pass": "PASS", "fail": "FAIL", "na": "N/A"}[result.status]
            rule = result.rule
            tail = f" — {result.reason}" if result.reason else ""
            click.echo(f"{path}: {rule.id} {label} {rule.text} [{rule.source}]{tail}")
            for problem in result.problems:
                click.echo(f"    {problem.where}: {problem.message}")
        click.echo(
            f"{path}: {counts['pass']} PASS, {counts['fail']} FAIL, {counts['na']} N/A "
            f"({'đạt' if not counts['fail'] else 'chưa đạt'} Nghị định 30; "
            f"{'conforms' if not counts['fail'] else 'does not conform'})"
        )
    if style == "json":
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    if unreadable:
        raise PlanError(unreadable)
    sys.exit(1 if failed else 0)


@main.command()
@click.option(
    "--units",
    "units_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The unit registry (units.yaml): unit keys in lead/support are completed and checked.",
)
def schema(units_file: Path | None) -> None:
    """Print the JSON Schema of plan files (whole plans and `extends:` overlays), for the
    YAML language server's completion, hover help and checks.

    \b
    Example:
      plangen schema --units plans/units.yaml > plangen.schema.json
    """
    from plangen.loader import read
    from plangen.schema import plan_schema

    units = None
    if units_file is not None:
        source = read(units_file)
        if not isinstance(source.data, dict) or not all(
            isinstance(name, str) for name in source.data.values()
        ):
            raise PlanError.at(source.path, "units-file")
        units = {str(key): name for key, name in source.data.items()}
    click.echo(json.dumps(plan_schema(units), ensure_ascii=False, indent=2))


@main.command()
@click.argument("document", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--pkcs12",
    "key_file",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The signer's certificate and key (.p12/.pfx).",
)
@click.option(
    "--password",
    envvar="PLANGEN_PKCS12_PASSWORD",
    help="Its password (or the environment variable PLANGEN_PKCS12_PASSWORD).",
)
@click.option(
    "--field",
    default="signer",
    show_default=True,
    help="The empty field to sign: signer, or organisation (the seal).",
)
@click.option(
    "--number",
    required=True,
    help="Number and symbol the document system gave at issue, e.g. 26/KH-UBND.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Default: X-signed.pdf beside X.pdf.",
)
def sign(
    document: Path,
    key_file: Path,
    password: str | None,
    field: str,
    number: str,
    output: Path | None,
) -> None:
    """Sign a PDF's empty signature field (PAdES) with a PKCS#12 file, showing the number and
    the signing time in Vietnam time (Decree 30 Phụ lục I).

    \b
    Example:
      plangen sign output/2024.pdf --pkcs12 chu-ky.p12 --number 26/KH-UBND
    """
    from plangen import sign as signing
    from plangen.files import read_file
    from plangen.output import write

    target = output or document.with_name(f"{document.stem}-signed.pdf")
    if target.resolve() == document.resolve():
        raise PlanError.at(str(target), "sign-overwrite")
    secret = password.encode() if password is not None else None
    try:
        signed = signing.sign(
            read_file(str(document), MAX_PDF), read_file(str(key_file)), number, field, secret
        )
    except signing.KeyFileError as exc:
        raise PlanError.at(str(key_file), "sign-key", reason=exc) from None
    except ValueError as exc:
        raise PlanError.at(str(document), "sign-field", reason=exc) from None
    write(target, signed, reads=[document, key_file], suffix=".pdf")
    click.echo(f"{target} (đã ký số; signed)")


@main.command()
@click.argument("plan_path", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "style",
    type=click.Choice(["json", "edxml"]),
    default="json",
    show_default=True,
    help="Phụ lục VI fields as JSON, or an edXML MessageHeader (QCVN 102:2016).",
)
@_issue_options
def metadata(plan_path: Path, style: str, electronic: bool, final: bool) -> None:
    """Print the record of the outgoing document (Decree 30 Phụ lục VI) for the document
    system; its page count is that of the rendered document (LibreOffice).

    \b
    Example:
      plangen metadata plans/2024.yaml --electronic --format edxml
    """
    import tempfile

    from plangen import record
    from plangen.build import build as build_one
    from plangen.pdf import convert

    issue = _issue(electronic, final)
    with tempfile.TemporaryDirectory(prefix="plangen-metadata-") as temp:
        docx = Path(temp) / f"{plan_path.stem}.docx"
        built = build_one(plan_path, docx, issue=issue)
        [converted] = convert([(docx, docx.with_suffix(".pdf"))])
        if isinstance(converted, PlanError):
            raise converted
        pages = record.page_count(converted.path.read_bytes())
    assert built.plan is not None
    fields = record.fields(built.plan, pages)
    click.echo(record.as_json(fields) if style == "json" else record.as_edxml(fields), nl=False)


def run(prog_name: str | None = None) -> None:
    """The `plangen` command as installed: `main`, then out at once.

    Once everything is written and flushed there is nothing left to free, so the process
    leaves without the interpreter's teardown (several full garbage collections of a
    build's objects). Only a normal exit takes the shortcut: a traceback, or output that
    could not be flushed, goes the usual way. Tests call `main` (CliRunner) and are not
    affected.

    A build makes hundreds of thousands of objects that live to its end and are freed by
    reference counting; the collector's default thresholds scan them again and again (a
    quarter of a 5,000-task build), so collections are made rarer here, not stopped.
    Batch workers are forked from this process and inherit it; a process that builds many
    plans frees each build's cycles itself (`build.batch_job`).
    """
    import gc

    gc.set_threshold(100_000, 50, 100)
    try:
        main(prog_name=prog_name)
    except SystemExit as done:
        if not isinstance(done.code, (int, type(None))):
            raise
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):
            raise done from None
        os._exit(done.code or 0)
