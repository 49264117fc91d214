"""The `plangen` command: turns arguments into calls and results into messages.

Exit codes: 0 success, 1 internal error (a bug: please report it), 2 user error
(every problem listed as `file:line:col: field: message`).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from plangen.diagnostics import Diagnostic, PlanError
from plangen.model import Issue


def _report(diagnostics: tuple[Diagnostic, ...] | list[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        click.echo(str(diagnostic), err=True)


def _fail(error: PlanError) -> None:
    _report(error.diagnostics)
    count = len(error.errors) or len(error.diagnostics)
    click.echo(
        f"plangen: {count} lỗi, không tạo văn bản ({count} error(s), nothing written)", err=True
    )


class _Group(click.Group):
    """Turns an unexpected exception into one line and exit code 1 (traceback with --debug)."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except Exception as exc:
            if ctx.params.get("debug"):
                raise
            click.echo(
                f"plangen: lỗi nội bộ (internal error): {type(exc).__name__}: {exc}. "
                "Hãy báo lỗi kèm tệp kế hoạch; chạy lại với --debug để xem chi tiết.",
                err=True,
            )
            ctx.exit(1)


@click.group(cls=_Group)
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
@click.version_option(package_name="plangen")
def main(debug: bool) -> None:
    """plangen: kế hoạch viết bằng YAML → văn bản .docx đúng Nghị định 30/2020/NĐ-CP."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Output file (one plan) or folder; default output/<plan>.docx.",
)
@click.option(
    "--electronic",
    is_flag=True,
    help="Issue electronically: number and date left blank for the document system.",
)
@click.option("--final", is_flag=True, help="Refuse drafts: number and date must be set.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option(
    "--template",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Use this .docx template instead of templates/<kind>.docx.",
)
@click.option("--pdf", is_flag=True, help="Also write X.pdf beside X.docx (LibreOffice).")
def build(
    paths: tuple[Path, ...],
    output: Path | None,
    electronic: bool,
    final: bool,
    strict: bool,
    template: Path | None,
    pdf: bool,
) -> None:
    """Validate plans and write their .docx documents (and PDFs with --pdf).

    --electronic and --final override the plan's `issue:` mode.
    """
    from plangen.build import Job, build_many, default_output, plan_files

    if electronic and final:
        raise click.UsageError("--electronic và --final loại trừ nhau (mutually exclusive)")
    issue: Issue | None = "electronic" if electronic else "final" if final else None

    try:
        files = plan_files(list(paths))
    except PlanError as error:
        _fail(error)
        sys.exit(PlanError.exit_code)
    jobs = [
        Job(
            path,
            (output / f"{path.stem}.docx" if len(files) > 1 else output)
            if output is not None
            else default_output(path),
            issue,
            strict,
            template,
        )
        for path in files
    ]
    failed = 0
    documents = []
    for result in build_many(jobs):
        if isinstance(result, PlanError):
            failed += 1
            _fail(result)
            continue
        _report(result.warnings)
        state = "đã ghi" if result.changed else "không đổi"
        click.echo(f"{result.output} ({state}; {'written' if result.changed else 'unchanged'})")
        documents.append(result.output)
    if pdf and documents:
        failed += _pdfs(documents)
    if failed:
        sys.exit(PlanError.exit_code)


def _pdfs(documents: list[Path]) -> int:
    """Write X.pdf beside each X.docx, all in one LibreOffice run; the number that failed."""
    from plangen.pdf import convert

    try:
        converted = convert([(docx, docx.with_suffix(".pdf")) for docx in documents])
    except PlanError as error:
        _fail(error)
        return len(documents)
    failed = 0
    for result in converted:
        if isinstance(result, PlanError):
            failed += 1
            _fail(result)
            continue
        _report(result.warnings)
        click.echo(f"{result.path} (đã ghi PDF; PDF written)")
    return failed


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def validate(paths: tuple[Path, ...], strict: bool) -> None:
    """Check plans and list every problem, without writing anything."""
    from plangen.build import plan_files
    from plangen.build import validate as check

    try:
        files = plan_files(list(paths))
    except PlanError as error:
        _report(error.diagnostics)
        sys.exit(PlanError.exit_code)
    failed = 0
    for path in files:
        try:
            checked = check(path, strict=strict)
        except PlanError as error:
            failed += 1
            _report(error.diagnostics)
            continue
        _report(checked.warnings)
        click.echo(f"{path}: hợp lệ (valid)")
    if failed:
        sys.exit(PlanError.exit_code)


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
    """Write next year's plan (a draft) from this year's."""
    from plangen.variants import next_year

    target = output or source.parent / f"{year}.yaml"
    try:
        written = next_year(source, year, target, force=force)
    except PlanError as error:
        _fail(error)
        sys.exit(PlanError.exit_code)
    click.echo(f"{written} (đã tạo dự thảo; draft written)")


def _checked(spec: str) -> object:
    """A validated plan from a file, or from `REV:path` in git (read with `git show`)."""
    from plangen.build import validate

    path = Path(spec)
    if path.exists() or ":" not in spec:
        return validate(path)
    import subprocess
    import tempfile

    revision, name = spec.split(":", 1)
    shown = subprocess.run(["git", "show", f"{revision}:{name}"], capture_output=True)
    if shown.returncode:
        message = shown.stderr.decode(errors="replace").strip().splitlines()[-1:] or [""]
        raise PlanError(
            [
                Diagnostic(
                    spec,
                    1,
                    1,
                    "",
                    f"không đọc được từ git: {message[0]} (cannot read from git)",
                    "git-show",
                )
            ]
        )
    folder = Path(name).parent  # so `units: units.yaml` resolves beside it
    with tempfile.NamedTemporaryFile(
        "wb", suffix=".yaml", dir=folder, prefix=".plangen-", delete=False
    ) as temp:
        temp.write(shown.stdout)
    try:
        return validate(Path(temp.name))
    except PlanError as error:
        raise PlanError(
            [
                Diagnostic(
                    spec, d.line, d.column, d.field, d.message, d.code, d.severity, d.excerpt
                )
                if d.path == temp.name
                else d
                for d in error.diagnostics
            ]
        ) from None
    finally:
        Path(temp.name).unlink()


@main.command()
@click.argument("old")
@click.argument("new")
@click.option(
    "--format",
    "style",
    type=click.Choice(["text", "json"]),
    default="text",
    help="Lines for people, or JSON for tools.",
)
@click.option("--no-body", is_flag=True, help="Leave out changed body paragraphs.")
@click.option(
    "--docx",
    "redline_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write NEW as a Word document with tracked changes against OLD.",
)
@click.option(
    "--author", default="plangen", show_default=True, help="Author of the tracked changes."
)
def diff(
    old: str, new: str, style: str, no_body: bool, redline_path: Path | None, author: str
) -> None:
    """What changed between two plans (files or REV:path), by meaning.

    Exit code 0 when they are the same, 1 when they differ, 2 on an error.
    """
    from plangen.changes import compare, describe

    try:
        before, after = _checked(old), _checked(new)
    except PlanError as error:
        _fail(error)
        sys.exit(PlanError.exit_code)
    changes = compare(before.plan, after.plan, body=not no_body)  # type: ignore[attr-defined]
    if redline_path is not None:
        from plangen.build import find_template
        from plangen.redline import redline
        from plangen.render import write_atomic

        plan = after.plan  # type: ignore[attr-defined]
        template = find_template(plan.kind_info.template, Path(after.source.path))  # type: ignore[attr-defined]
        write_atomic(redline_path, redline(before.plan, plan, template, author))  # type: ignore[attr-defined]
    if style == "json":
        click.echo(json.dumps([c.as_dict() for c in changes], ensure_ascii=False, indent=2))
    else:
        for change in changes:
            click.echo(describe(change))
    sys.exit(1 if changes else 0)


@main.command()
@click.argument("document", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def text(document: Path) -> None:
    """Print a .docx's text, for `git diff` (textconv) and review."""
    import zipfile

    from docx.opc.exceptions import PackageNotFoundError

    from plangen.textconv import document_text

    try:
        click.echo(document_text(document), nl=False)
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        click.echo(f"{document}:1:1: -: không phải tệp .docx hợp lệ (not a .docx): {exc}", err=True)
        sys.exit(PlanError.exit_code)


@main.command()
def schema() -> None:
    """Print the JSON Schema of the plan format (for the YAML language server)."""
    from plangen.model import Plan

    click.echo(json.dumps(Plan.model_json_schema(), ensure_ascii=False, indent=2))
