"""Check stage: a loaded plan is turned into a typed model and checked for meaning.

load (loader.py) → model (model.py) → rules (rules.py) → a `Checked` plan, or PlanError
with every problem at once. Nothing here words the document: a báo cáo keeps its
`report:` sections as written and carries the plan it reports on for the wording stage.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pydantic

from plangen import rules
from plangen.diagnostics import Diagnostic, PlanError, Problem, from_validation
from plangen.files import DISK, Files
from plangen.loader import MAX_FILES, Source, load, named_at
from plangen.model import Issue, Plan, field_vocabulary


@dataclass(frozen=True)
class Checked:
    """A plan that passed the checks, with its source and any warnings."""

    plan: Plan
    source: Source
    warnings: tuple[Diagnostic, ...] = ()
    reported: Plan | None = None
    """Báo cáo: the plan it reports on (`reports_on`), checked too."""

    @property
    def paths(self) -> list[Path]:
        """Every file the plan was read from: it, the files it names, theirs in turn."""
        return [Path(part.path) for part in [self.source, *self.source.parts]]


def _located(source: Source, problems: list[Problem]) -> list[Diagnostic]:
    return [source.diagnostic(p.loc, p.code, p.params, p.severity, p.at_key) for p in problems]


def _reported(
    files: Files, source: Source, plan: Plan, chain: tuple[str, ...]
) -> tuple[Plan | None, list[Diagnostic]]:
    """The plan a báo cáo reports on, and the report's problems against it."""
    assert plan.reports_on is not None
    target = files.beside(source.path, plan.reports_on)
    if files.identity(target) in chain:
        return None, [source.diagnostic(("reports_on",), "extends-cycle")]
    if len(chain) >= MAX_FILES:
        return None, [source.diagnostic(("reports_on",), "extends-too-long", {"limit": MAX_FILES})]
    with named_at(source, "reports_on", target):
        reported = validate(target, files=files, _chain=chain)
    source.parts.extend([reported.source, *reported.source.parts])
    return reported.plan, _located(source, rules.check_report(plan, reported.plan))


def validate(
    path: str | Path,
    strict: bool = False,
    issue: Issue | None = None,
    files: Files = DISK,
    _chain: tuple[str, ...] = (),
) -> Checked:
    """A valid plan, or PlanError with every problem in it (warnings too, under `strict`).

    `issue` is the issuance mode given on the command line; it overrides the plan's.
    `files` is where the plan and the files it names are read (the disk, or git).
    """
    source = load(path, files)
    try:
        plan = Plan.model_validate(source.data)
    except pydantic.ValidationError as exc:
        problems = from_validation(exc.errors(include_url=False), source.data, field_vocabulary())
        raise PlanError([*source.problems, *_located(source, problems)]) from None
    if issue is not None:
        plan = plan.model_copy(update={"issue": issue})
    diagnostics = [*source.problems, *_located(source, rules.check(plan))]
    reported = None
    if plan.reports_on:
        chain = (*_chain, files.identity(source.path))
        reported, more = _reported(files, source, plan, chain)
        diagnostics += more
    errors = [d for d in diagnostics if d.severity == "error" or strict]
    if errors:
        raise PlanError(diagnostics)
    warnings = tuple(d for d in diagnostics if d.severity == "warning")
    return Checked(plan, source, warnings, reported)
