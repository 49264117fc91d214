"""Checks of meaning that span fields: dates in order, units known, ids unique, sums, authority.

Each rule is a generator of located `Problem`s; `check` runs them all, so a plan's
mistakes are reported together. Rules run only on a plan whose types are right.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Iterator
from decimal import Decimal

from plangen import numbering, tables, vn
from plangen.diagnostics import Loc, Problem, field_name, hint
from plangen.kinds import KIND_FIELDS, accepting
from plangen.model import (
    BudgetLine,
    Citation,
    GivenTable,
    Item,
    ItemNode,
    Plan,
    Task,
    TaskTable,
    WrittenTable,
    targets_by_id,
    tasks,
    total_of,
    walk,
)

Rule = Callable[[Plan], Iterator[Problem]]

_HONORIFICS = ("GS.", "PGS.", "TS.", "ThS.", "KS.", "BS.", "CN.", "GS.TS.", "PGS.TS.")
_APPENDIX = re.compile(r"(?<!\w)[Pp]hụ lục(?!\w)")
_POSITION_WORDS = re.compile(r"(chủ tịch|giám đốc|trưởng|chánh|thủ tướng|phó )", re.IGNORECASE)


def dates(plan: Plan) -> Iterator[Problem]:
    """The plan's date falls in its year (or the year before); no basis postdates the plan."""
    if plan.period and plan.period.start > plan.period.end:
        yield Problem(
            ("period",), "period-order", {"start": plan.period.start, "end": plan.period.end}
        )
    elif plan.period and not plan.period.start <= plan.year <= plan.period.end:
        yield Problem(
            ("year",),
            "period-year",
            {"year": plan.year, "start": plan.period.start, "end": plan.period.end},
        )
    after = 1 if plan.kind_info.dated_after else 0
    if plan.date and not plan.first_year - 1 <= plan.date.year <= plan.last_year + after:
        yield Problem(
            ("date",), "date-plan-year", {"date": vn.short_date(plan.date), "year": plan.year}
        )
    latest = plan.date or dt.date(plan.last_year, 12, 31)
    for loc, cite in citations(plan):
        if cite.date and cite.date > latest:
            yield Problem(
                (*loc, "date"),
                "date-basis-order",
                {"basis": vn.short_date(cite.date), "plan": vn.short_date(latest)},
            )


def deadlines(plan: Plan) -> Iterator[Problem]:
    """Every deadline is a real date or period inside the plan period."""
    first, last = dt.date(plan.first_year, 1, 1), dt.date(plan.last_year, 12, 31)
    for loc, task in tasks(plan):
        if task.due is None:
            continue
        try:
            span = vn.parse_due(task.due)
        except ValueError as exc:
            yield Problem((*loc, "due"), "due-invalid", {"detail": str(exc)})
            continue
        if span and (span[0] < first or span[1] > last):
            yield Problem(
                (*loc, "due"),
                "due-outside",
                {"due": task.due, "start": plan.first_year, "end": plan.last_year},
            )


def assignments(plan: Plan) -> Iterator[Problem]:
    """A task has a lead unless it groups tasks; a duty says something; a task table's
    headings match its columns."""
    for loc, task in tasks(plan):
        if not task.leads and not task.tasks:
            yield Problem((*loc, "id"), "task-lead", at_key=True)
    for loc, section, _ in walk(plan.sections, ("sections",)):
        for index, duty in enumerate(section.organization.duties if section.organization else []):
            if duty.text is None and not duty.items:
                yield Problem((*loc, "organization", "duties", index), "duty-empty")
    for index, appendix in enumerate(plan.appendices):
        if isinstance(appendix, TaskTable) and appendix.columns:
            if len(appendix.columns) != len(appendix.fields):
                yield Problem(
                    ("appendices", index, "columns"),
                    "appendix-columns",
                    {"found": len(appendix.columns), "expected": len(appendix.fields)},
                )


def units(plan: Plan) -> Iterator[Problem]:
    """Every unit named by key is in the registry."""
    known = list(plan.units)

    def unknown(loc: Loc, key: str) -> Iterator[Problem]:
        if key not in known:
            yield Problem(loc, "unknown-unit", {"key": key, "hint": hint(key, known, cutoff=0.5)})

    for loc, task in tasks(plan):
        if isinstance(task.lead, list):
            for index, key in enumerate(task.lead):
                yield from unknown((*loc, "lead", index), key)
        elif task.lead:
            yield from unknown((*loc, "lead"), task.lead)
        for index, key in enumerate(task.support):
            yield from unknown((*loc, "support", index), key)
    for loc, section, _ in walk(plan.sections, ("sections",)):
        if section.organization:
            for index, duty in enumerate(section.organization.duties):
                yield from unknown((*loc, "organization", "duties", index, "unit"), duty.unit)
            for index, key in enumerate(section.organization.order or []):
                yield from unknown((*loc, "organization", "order", index), key)


def unique_ids(plan: Plan) -> Iterator[Problem]:
    """Task, section and target ids are unique, so overlays and diffs can name them."""
    seen: dict[str, Loc] = {}

    def claim(loc: Loc, key: str | None) -> Iterator[Problem]:
        if key is None:
            return
        if key in seen:
            yield Problem(loc, "duplicate-id", {"id": key, "first": field_name(seen[key])})
        else:
            seen[key] = loc

    for loc, section, _ in walk(plan.sections, ("sections",)):
        yield from claim((*loc, "id"), section.id)
        for index, target in enumerate(section.targets):
            yield from claim((*loc, "targets", index, "id"), target.id)


def structure(plan: Plan) -> Iterator[Problem]:
    """Sections nest no deeper than their numbering scheme has levels; bullets at most -/+."""

    def items(loc: Loc, values: list[Item], depth: int) -> Iterator[Problem]:
        for index, item in enumerate(values):
            if isinstance(item, ItemNode) and item.items:
                if depth >= 1:
                    yield Problem((*loc, index, "items"), "item-depth")
                else:
                    yield from items((*loc, index, "items"), item.items, depth + 1)

    for loc, scheme in numbering.too_deep(plan):
        levels = ", ".join(level.label(0) or level.name for level in scheme)
        yield Problem(loc, "section-depth", {"count": len(scheme), "levels": levels})
    for loc, section, _ in walk(plan.sections, ("sections",)):
        yield from items((*loc, "items"), section.items, 0)
        if section.organization:
            for index, duty in enumerate(section.organization.duties):
                yield from items((*loc, "organization", "duties", index, "items"), duty.items, 0)


def budget(plan: Plan) -> Iterator[Problem]:
    """Every stated total equals the sum of its parts, at every level; a line written out
    (`text`) states its own amount, and a part `in_text` is stated in its line's text."""

    def differs(loc: Loc, stated: Decimal, parts: list[BudgetLine], unit: str) -> Iterator[Problem]:
        computed = total_of(parts, unit)
        if computed is not None and computed != stated:
            yield Problem(
                loc,
                "budget-total",
                {
                    "stated": vn.format_quantity(stated, unit),
                    "computed": vn.format_quantity(computed, unit),
                },
            )

    def lines(
        loc: Loc, values: list[BudgetLine], unit: str, text: str, years: list[int]
    ) -> Iterator[Problem]:
        for index, line in enumerate(values):
            here = (*loc, index)
            for when in line.by_year:
                if when not in years:
                    params: dict[str, object] = {"year": when, "years": years}
                    yield Problem((*here, "by_year", when), "budget-year", params, at_key=True)
            if line.amount and line.by_year:
                stated = vn.in_unit(line.amount.value, line.amount.scale, unit)
                parts = [BudgetLine(amount=a) for a in line.by_year.values()]
                yield from differs((*here, "amount"), stated, parts, unit)
            if line.amount and (line.text or line.in_text):
                shown = vn.format_number(line.amount.value)
                if not re.search(
                    rf"(?<![\d.,]){re.escape(shown)}(?![\d]|[.,]\d)", line.text or text
                ):
                    yield Problem((*here, "amount"), "budget-amount-text", {"amount": shown})
            if not (line.source or line.text or line.in_text):
                yield Problem(here, "budget-line-words")
            amount = line.in_unit(unit)
            if amount is not None and line.lines:
                yield from differs((*here, "amount"), amount, line.lines, unit)
            yield from lines((*here, "lines"), line.lines, unit, line.text or "", years)

    for loc, section, _ in walk(plan.sections, ("sections",)):
        money = section.budget
        if money is None:
            continue
        if money.total is not None:
            stated = vn.in_unit(money.total.value, money.total.scale, money.unit)
            yield from differs((*loc, "budget", "total"), stated, money.lines, money.unit)
        years = money.years or []
        yield from lines((*loc, "budget", "lines"), money.lines, money.unit, "", years)


def citations(plan: Plan) -> Iterator[tuple[Loc, Citation]]:
    """Every cited document of the căn cứ, with its `loc`."""
    for index, basis in enumerate(plan.bases):
        yield ("bases", index), basis
        for other, cite in enumerate(basis.also):
            yield ("bases", index, "also", other), cite


def bases(plan: Plan) -> Iterator[Problem]:
    """Each citation is free text or a structured citation, not both and not neither; after
    'Theo đề nghị của' the structured form names at least the proposing body."""
    for loc, cite in citations(plan):
        proposal = plan.bases[int(loc[1])].verb.endswith(" của")
        structured = [cite.type, cite.number, cite.date, cite.issuer, cite.subject]
        if cite.text and any(v is not None for v in structured):
            yield Problem(loc, "basis-both")
        elif cite.text:
            continue
        elif proposal and not cite.issuer:
            yield Problem(loc, "basis-proposal")
        elif not proposal and not (cite.type and (cite.number or cite.subject)):
            yield Problem(loc, "basis-incomplete")


def signature(plan: Plan) -> Iterator[Problem]:
    """TM. names a collective body; KT./TL./TUQ. name the head and the signer's position."""
    sig = plan.signature
    loc: Loc = ("signature",)
    if sig.collective and _POSITION_WORDS.search(sig.collective):
        yield Problem((*loc, "collective"), "signature-tm", {"collective": sig.collective})
    if sig.authority and not sig.head:
        yield Problem(loc, "signature-head", {"authority": sig.authority})
    if sig.authority in {"KT", "TL", "TUQ"} and not sig.position:
        yield Problem(loc, "signature-position", {"authority": sig.authority})
    deputy = sig.authority == "KT" or sig.deputy_for is not None
    if deputy and sig.position and not vn.is_deputy(sig.position):
        yield Problem(
            (*loc, "position"),
            "signature-deputy",
            {"head": sig.deputy_for or sig.head or "", "position": sig.position},
        )
    if sig.deputy_for and sig.authority not in {"TL", "TUQ"}:
        yield Problem((*loc, "deputy_for"), "signature-deputy-for", at_key=True)
    if sig.authority == "Q" and sig.position:
        yield Problem((*loc, "position"), "signature-acting")
    if not sig.authority and not sig.position:
        yield Problem(loc, "signature-no-position")
    for prefix in _HONORIFICS:
        if sig.name.startswith(prefix):
            yield Problem((*loc, "name"), "signature-honorific", {"prefix": prefix})
            break


def recipients(plan: Plan) -> Iterator[Problem]:
    """The Nơi nhận ends with '- Lưu: VT, …': VT first, and only in `archive`.

    A document with a Kính gửi begins it with `Như trên`, a quyết định with `Như Điều n`
    naming one of its articles (Decree 30 ô 9b).
    """
    if plan.archive[0] != "VT":
        yield Problem(("archive", 0), "archive-vt")
    for index, line in enumerate(plan.recipients):
        if re.match(r"^[-\s]*Lưu\s*:", line):
            yield Problem(("recipients", index), "recipient-archive")
    first = plan.recipients[0]
    if plan.to and not first.startswith("Như trên"):
        yield Problem(("recipients", 0), "recipient-first", {"first": "Như trên"})
    if plan.kind_info.decides:
        article = re.match(r"Như Điều (\d+)", first)
        if not article or not 1 <= int(article.group(1)) <= len(plan.sections):
            yield Problem(("recipients", 0), "recipient-first", {"first": "Như Điều n"})


def kinds(plan: Plan) -> Iterator[Problem]:
    """Fields that belong to some kinds only (Kính gửi, the authority line, …) and fields a
    kind cannot do without, as the registry (kinds.py) says."""
    kind = plan.kind_info
    for name in KIND_FIELDS:
        if name in kind.fields:
            continue
        given: list[Loc] = []
        if name == "report":
            sections = walk(plan.sections, ("sections",))
            given = [(*loc, "report") for loc, section, _ in sections if section.report]
        elif getattr(plan, name) not in (None, []):
            given = [(name,)]
        for loc in given:
            yield Problem(loc, "kind-field", {"field": name, "kinds": accepting(name)}, at_key=True)
    for name, code in kind.requires.items():
        if getattr(plan, name) in (None, []):
            yield Problem(("kind",), code)


def _paragraphs(plan: Plan) -> Iterator[tuple[Loc, str, list[str]]]:
    """Every text the author wrote in the body, where it is, and the warnings it silences."""

    def items(loc: Loc, values: list[Item]) -> Iterator[tuple[Loc, str, list[str]]]:
        for index, item in enumerate(values):
            if isinstance(item, ItemNode):
                yield (*loc, index), f"{item.lead or ''} {item.text}", list(item.quiet)
                yield from items((*loc, index, "items"), item.items)
            else:
                yield (*loc, index), item, []

    def text(loc: Loc, value: str | list[Item] | None) -> Iterator[tuple[Loc, str, list[str]]]:
        if isinstance(value, list):
            yield from items(loc, value)
        elif value:
            yield loc, value, []

    def lines(loc: Loc, values: list[BudgetLine]) -> Iterator[tuple[Loc, str, list[str]]]:
        for index, line in enumerate(values):
            yield from text((*loc, index, "text"), line.text)
            yield from lines((*loc, index, "lines"), line.lines)
            yield from items((*loc, index, "items"), line.items)

    yield ("preamble",), plan.preamble or "", []
    yield ("closing",), plan.closing or "", []
    for loc, section, _ in walk(plan.sections, ("sections",)):
        yield (*loc, "title"), section.title, []
        yield from text((*loc, "text"), section.text)
        yield from text((*loc, "closing"), section.closing)
        yield from items((*loc, "items"), section.items)
        if section.budget:
            yield from lines((*loc, "budget", "lines"), section.budget.lines)
        for index, duty in enumerate(section.organization.duties if section.organization else []):
            yield from text((*loc, "organization", "duties", index, "text"), duty.text)
            yield from items((*loc, "organization", "duties", index, "items"), duty.items)


def _texts(plan: Plan) -> Iterator[str]:
    return (words for _, words, _ in _paragraphs(plan))


_NAMED_APPENDIX = re.compile(r"(?<!\w)[Pp]hụ lục(?: (?:số )?[0-9IVXLC]+\b)?")
"""A mention of an appendix with its number if it has one: 'Phụ lục 01', 'Phụ lục II'."""


def appendices_elsewhere(plan: Plan) -> list[str]:
    """The appendices the body names that are not in this file: `separate_appendices`, and
    those a paragraph silenced with `quiet: [appendix-missing]` names."""
    named = list(plan.separate_appendices)
    for _, words, quiet in _paragraphs(plan):
        if "appendix-missing" in quiet:
            named += [match.group(0) for match in _NAMED_APPENDIX.finditer(words)]
    return list(dict.fromkeys(named))


def appendices(plan: Plan) -> Iterator[Problem]:
    """The body points to its appendices and the appendices exist (Decree 30 III.1); a
    mention of one issued as a separate file (`separate_appendices`) or silenced at its
    paragraph (`quiet`) is not a warning."""
    mentions = [
        (loc, words, quiet) for loc, words, quiet in _paragraphs(plan) if _APPENDIX.search(words)
    ]
    pointed = [a for a in plan.appendices if "appendix-unmentioned" not in a.quiet]
    if pointed and not mentions:
        # A warning: real documents (seed 002's DANH MỤC) attach what the body never names.
        yield Problem(("appendices",), "appendix-unmentioned", severity="warning", at_key=True)
    if not plan.appendices:
        for loc, words, quiet in mentions:
            separate = any(name in words for name in plan.separate_appendices)
            if "appendix-missing" not in quiet and not separate:
                # Only a warning: the text may cite another document's appendix.
                yield Problem(loc, "appendix-missing", severity="warning")
    for index, appendix in enumerate(plan.appendices):
        if isinstance(appendix, TaskTable) and not tasks(plan):
            yield Problem(("appendices", index, "table"), "appendix-no-tasks")
        if isinstance(appendix, GivenTable):
            yield from _table(("appendices", index), appendix)
    for loc, section, _ in walk(plan.sections, ("sections",)):
        if section.table:
            yield from _table((*loc, "table"), section.table)


def _table(loc: Loc, table: WrittenTable) -> Iterator[Problem]:
    """Each row, with the cells merged into it, fills the columns exactly."""
    for row, found, expected in tables.grid(table).problems:
        params: dict[str, object] = {"found": found, "expected": expected}
        yield Problem((*loc, "rows", row), "appendix-columns", params)


def issuance(plan: Plan) -> Iterator[Problem]:
    """A final document carries its number and date (ban hành chính thức)."""
    if plan.issue == "final" and plan.is_draft:
        yield Problem(("issue",), "final-draft")


def targets(plan: Plan) -> Iterator[Problem]:
    """A target whose wording is the author's states its value there: in its own `text`,
    in the heading or in the text of its section."""
    for loc, section, _ in walk(plan.sections, ("sections",)):
        body = section.text if isinstance(section.text, str) else ""
        if isinstance(section.text, list):
            body = " ".join(i.text if isinstance(i, ItemNode) else i for i in section.text)
        for index, target in enumerate(section.targets):
            places = {"bullet": target.text, "heading": section.title, "text": body}
            place = places.get(target.stated)  # a row states the value itself
            shown = vn.format_number(target.value)
            if place is not None and shown not in place:
                yield Problem(
                    (*loc, "targets", index, "value"),
                    "target-not-stated",
                    {"value": shown, "where": target.stated},
                )


def results(plan: Plan) -> Iterator[Problem]:
    """A report on no plan file names each target (`name`, `planned`) and task (`title`) itself."""
    if plan.reports_on:
        return
    if plan.results is None:
        for loc, section, _ in walk(plan.sections, ("sections",)):
            if section.report:
                yield Problem((*loc, "report"), "report-plan-missing")
        return
    for key, target in plan.results.targets.items():
        lacking = [name for name in ("name", "planned") if getattr(target, name) is None]
        if lacking:
            params: dict[str, object] = {"field": ", ".join(lacking)}
            yield Problem(("results", "targets", key), "report-result-alone", params, at_key=True)
    for key, task in plan.results.tasks.items():
        if task.title is None:
            params = {"field": "title"}
            yield Problem(("results", "tasks", key), "report-result-alone", params, at_key=True)


def warnings(plan: Plan) -> Iterator[Problem]:
    """Things that do not stop a build: a draft, an abbreviation declared but never used."""
    if plan.is_draft and plan.issue == "draft":
        yield Problem(
            ("number",) if plan.number is None else ("date",), "draft", severity="warning"
        )
    for loc, section, _ in walk(plan.sections, ("sections",)):
        for index, target in enumerate(section.targets):
            if target.review:
                yield Problem(
                    (*loc, "targets", index, "review"),
                    "target-review",
                    {"name": target.name},
                    severity="warning",
                )
        if section.budget and section.budget.review:
            yield Problem((*loc, "budget", "review"), "budget-review", severity="warning")
        if isinstance(section, Task) and section.review:
            yield Problem(
                (*loc, "review"), "task-review", {"title": section.title}, severity="warning"
            )
    attached = plan.attachment_plan()
    words = [*_texts(plan), *(_texts(attached) if attached else ()), plan.subject]
    text = " ".join(words)
    for key in plan.abbreviations:
        if not re.search(rf"(?<!\w){re.escape(key)}(?!\w)", text):
            yield Problem(
                ("abbreviations", key),
                "abbreviation-unused",
                {"key": key},
                severity="warning",
                at_key=True,
            )


def check_report(report: Plan, plan: Plan) -> list[Problem]:
    """Results name real targets and tasks of the plan; missing results are warnings."""
    results = report.results
    known_targets, known_tasks = targets_by_id(plan), {t.id: t for _, t in tasks(plan)}
    problems = []
    wanted = {s.report for _, s, _ in walk(report.sections)}
    for area, given, known in (
        ("targets", results.targets if results else {}, known_targets),
        ("tasks", results.tasks if results else {}, known_tasks),
    ):
        for key in given:
            if key not in known:
                problems.append(
                    Problem(("results", area, key), "report-unknown-id", {"id": key}, at_key=True)
                )
        for key in known:
            if area in wanted and key not in given:
                problems.append(
                    Problem(("results",), "report-no-result", {"id": key}, "warning", at_key=True)
                )
    return problems


RULES: tuple[Rule, ...] = (
    dates,
    deadlines,
    assignments,
    units,
    unique_ids,
    structure,
    budget,
    targets,
    results,
    bases,
    signature,
    recipients,
    kinds,
    appendices,
    issuance,
    warnings,
)


ATTACHED_RULES: tuple[Rule, ...] = (
    deadlines,
    units,
    unique_ids,
    structure,
    budget,
    targets,
    assignments,
    appendices,
)
"""The rules that hold for the content a quyết định issues, as for any plan's."""


def check(plan: Plan) -> list[Problem]:
    """Every problem of meaning in the plan, and in the document a quyết định issues."""
    problems = [problem for rule in RULES for problem in rule(plan)]
    attached = plan.attachment_plan()
    if attached is not None:
        # What a decision issues is checked as a plan of its own, at its place in the file.
        own = {"sections", "appendices", "preamble", "closing"}
        problems += [
            dataclasses.replace(p, loc=("attached", *p.loc))
            for rule in ATTACHED_RULES
            for p in rule(attached)
            if p.loc[0] in own
        ]
    return problems
