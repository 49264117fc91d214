"""What `build` and `validate` show, in the `--format` asked for.

text: a line per plan on stdout and `file:line:col: field: message [code]` lines on stderr,
as always; json: nothing but one JSON document on stdout at the end (every diagnostic, each
plan's status, the counts), for tools; github: the lines of text with every diagnostic as a
GitHub Actions annotation (`::error file=…,line=…::…`), so CI marks the line in the diff.
A batch shows a progress bar (rich) when stderr is a terminal, and closes with a summary.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Literal

import click

from plangen.diagnostics import Diagnostic, message

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

Style = Literal["text", "json", "github"]
STYLES: tuple[Style, ...] = ("text", "json", "github")
Status = Literal["built", "unchanged", "failed", "valid"]


@dataclass(frozen=True)
class Outcome:
    """What became of one plan of a batch."""

    plan: Path
    status: Status
    outputs: tuple[Path, ...] = ()


def as_dict(diagnostic: Diagnostic) -> dict[str, str | int]:
    return {
        "file": diagnostic.path,
        "line": diagnostic.line,
        "column": diagnostic.column,
        "field": diagnostic.field,
        "code": diagnostic.code,
        "message": diagnostic.message,
        "severity": diagnostic.severity,
    }


def _escape(value: str, *, property_: bool) -> str:
    """GitHub's workflow-command escaping: '%', CR and LF always; ':' and ',' in properties."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if property_ else value


def _from_here(path: str) -> str:
    """A path under the working folder, from it: GitHub finds an annotation's file by its
    path from the top of the checkout, where CI runs."""
    try:
        return str(Path(path).relative_to(Path.cwd())) if Path(path).is_absolute() else path
    except ValueError:
        return path


def annotation(diagnostic: Diagnostic) -> str:
    """`::error file=…,line=…,col=…,title=…::message` (a warning as `::warning`)."""
    title = f"{diagnostic.field or '-'} [{diagnostic.code}]"
    where = {
        "file": _from_here(diagnostic.path),
        "line": diagnostic.line,
        "col": diagnostic.column,
        "title": title,
    }
    properties = ",".join(f"{k}={_escape(str(v), property_=True)}" for k, v in where.items())
    return f"::{diagnostic.severity} {properties}::{_escape(diagnostic.message, property_=False)}"


class Console:
    """Where a command's results and problems go; `close` ends the run in its format.

    `batch`: several plans (or a folder), which get a line for each failed plan, the
    progress bar on a terminal and the closing counts.
    """

    def __init__(
        self,
        style: Style = "text",
        statuses: tuple[Status, ...] = ("built", "unchanged", "failed"),
    ) -> None:
        self.style = style
        self.statuses = statuses
        """The statuses a plan of this command can end in, counted in the summary."""
        self.total = 0
        self.batch = False
        self.outcomes: list[Outcome] = []
        self.found: list[tuple[Diagnostic, Path | None]] = []
        """Problems shown as they were found (warnings), with the plan being built."""
        self.errors: list[tuple[Diagnostic, Path | None]] = []
        """Errors kept for the close, with their plan."""
        self._closed = False
        self._bar: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> Console:
        if self.batch and sys.stderr.isatty():
            from rich.console import Console as Terminal
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            self._bar = Progress(
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("{task.description}", markup=False),
                console=Terminal(stderr=True),
                transient=True,
                auto_refresh=False,  # no thread of its own: build workers are forked
            )
            self._bar.start()
            self._task = self._bar.add_task("", total=self.total)
        return self

    def __exit__(
        self,
        error_type: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def _echo(self, text: str, err: bool) -> None:
        """A line, above the progress bar when the line goes to the terminal it is on."""
        stream = sys.stderr if err else sys.stdout
        if self._bar is not None and stream.isatty():
            self._bar.console.print(text, markup=False, highlight=False, soft_wrap=True)
        else:
            click.echo(text, err=err)

    def expect(self, total: int, batch: bool) -> None:
        """How many plans the run has, and whether it is a batch."""
        self.total, self.batch = total, batch

    def note(self, text: str) -> None:
        """A line for people on stderr, in every format (an internal error)."""
        self._echo(text, err=True)

    def say(self, text: str) -> None:
        """A line about what was written (stdout); none in JSON."""
        if self.style != "json":
            self._echo(text, err=False)

    def report(self, diagnostics: Iterable[Diagnostic], plan: Path | None = None) -> None:
        """Problems found: shown now (text, github) or kept for the document (json)."""
        for diagnostic in diagnostics:
            self.found.append((diagnostic, plan))
            if self.style != "json":
                self._show(diagnostic)

    def _show(self, diagnostic: Diagnostic) -> None:
        if self.style == "github":  # the runner reads workflow commands from stdout
            self._echo(annotation(diagnostic), err=False)
        else:
            self._echo(str(diagnostic), err=True)

    def done(self, plan: Path, status: Status, outputs: Iterable[Path] = ()) -> None:
        self.outcomes.append(Outcome(plan, status, tuple(outputs)))
        if status == "failed" and self.batch and self.style != "json":
            said = message("not-valid" if "valid" in self.statuses else "failed")
            self._echo(f"{plan} ({said})", err=True)
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, advance=1, description=str(plan), refresh=True)

    def wrote(self, plan: Path, path: Path, state: str) -> None:
        """`path (state)`: a file made from `plan`'s document (its PDF, its record), listed
        with the plan's outputs."""
        self.say(f"{path} ({state})")
        self.outcomes = [
            replace(o, outputs=(*o.outputs, path)) if o.plan == plan else o for o in self.outcomes
        ]

    def refused(self, errors: Iterable[Diagnostic], plan: Path | None = None) -> None:
        """Errors found on the way, shown at the close all together."""
        self.errors += [(error, plan) for error in errors]

    def failed(self, plan: Path, errors: Iterable[Diagnostic]) -> None:
        """A plan that was not built (or not valid), for its errors."""
        self.refused(errors, plan)
        self.done(plan, "failed")

    def counts(self) -> dict[str, int]:
        found = Counter(o.status for o in self.outcomes)
        return {status: found[status] for status in self.statuses}

    def close(self, errors: Iterable[Diagnostic] = ()) -> bool:
        """End the run (once): every error kept and `errors`, their count and the summary;
        in JSON the one document. Whether there were errors."""
        self.refused(errors)
        if self._closed:
            return bool(self.errors)
        self._closed = True
        self.__exit__(None, None, None)
        if self.style == "json":
            self.found += self.errors
            click.echo(json.dumps(self.document(), ensure_ascii=False, indent=2))
            return bool(self.errors)
        shown = [error for error, _ in self.errors]
        for error in shown:
            self._show(error)
        if shown:
            count = sum(d.severity == "error" for d in shown) or len(shown)
            click.echo(f"plangen: {message('errors', {'count': count})}", err=True)
        if self.batch and "built" in self.statuses:
            click.echo(f"plangen: {message('summary', self.counts())}", err=True)
        return bool(shown)

    def document(self) -> dict[str, object]:
        """Every diagnostic (with the plan it was found building), each plan's status and
        outputs, and the counts."""
        diagnostics = []
        for diagnostic, plan in self.found:
            entry = as_dict(diagnostic)
            if plan is not None:
                entry["plan"] = str(plan)
            diagnostics.append(entry)
        plans = [
            {"file": str(o.plan), "status": o.status, "outputs": [str(p) for p in o.outputs]}
            for o in self.outcomes
        ]
        return {"plans": plans, "diagnostics": diagnostics, "summary": self.counts()}
