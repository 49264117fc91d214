"""Báo cáo: a report's results worded from the plan it reports on, so it cannot misquote it.

A report names its plan (`reports_on`) and gives only figures and statuses by id; the
targets, tasks, units and deadlines it prints come from the plan itself, resolved here
into ordinary bullets before the report is laid out like any other document.
"""

from __future__ import annotations

from decimal import Decimal

from plangen import vn
from plangen.model import (
    Plan,
    Section,
    Target,
    TargetResult,
    Task,
    TaskResult,
    targets_by_id,
    tasks,
)


def _number(value: object) -> Decimal | int | None:
    """A figure as a number: `13.5`, or '13,5' as the report writes it; None for '7-8'."""
    if isinstance(value, (int, Decimal)):
        return value
    try:
        number, scale = vn.read_amount(str(value))
    except ValueError:
        return None
    return number if scale is None else None


def _assessment(planned: object, achieved: object) -> str:
    planned, achieved = _number(planned), _number(achieved)
    if planned is None or achieved is None:
        return ""
    if achieved > planned:
        return " (vượt kế hoạch)"
    return " (đạt kế hoạch)" if achieved == planned else " (chưa đạt kế hoạch)"


def target_line(target: Target, result: TargetResult | None) -> str:
    """'Giá trị sản xuất …: kế hoạch 12%, thực hiện 13,5% (vượt kế hoạch).'"""
    planned = vn.format_quantity(target.value, target.unit)
    if result is None:
        return f"{target.name}: kế hoạch {planned}, chưa có số liệu thực hiện."
    achieved = vn.format_quantity(result.achieved, target.unit)
    words = f"{target.name}: kế hoạch {planned}, thực hiện {achieved}"
    words += _assessment(target.value, result.achieved)
    return words + (f"; {result.note.rstrip('.')}." if result.note else ".")


def task_line(task: Task, result: TaskResult | None, plan: Plan) -> str:
    """'Nhiệm vụ … (chủ trì: Sở Công Thương; thời hạn: Quý III/2024): hoàn thành; ….'"""
    where = [f"chủ trì: {', '.join(plan.unit_name(k) for k in task.leads)}"]
    if task.due is not None:
        due = vn.due_text(task.due)  # 'Năm 2024' starts a cell; in running text 'năm 2024'
        where.append(f"thời hạn: {'n' + due[1:] if due.startswith('Năm ') else due}")
    status = result.status if result else "chưa báo cáo"
    words = f"{task.title} ({'; '.join(where)}): {status}"
    return words + (f"; {result.note.rstrip('.')}." if result and result.note else ".")


def standing_alone(report: Plan) -> Plan:
    """A report on no plan file (a Chỉ thị, a programme, a budget): its `report:` sections
    worded from the targets and tasks its results name themselves, in the order given."""
    results = report.results
    by_target = results.targets if results else {}
    by_task = results.tasks if results else {}
    targets = [
        (Target(name=r.name or key, value=r.planned, unit=r.unit), r)
        for key, r in by_target.items()
        if r.planned is not None
    ]

    def fill(section: Section) -> Section:
        items = list(section.items)
        if section.report == "targets":
            items += [target_line(target, result) for target, result in targets]
        if section.report == "tasks":
            items += [
                f"{r.title or key}: {r.status}" + (f"; {r.note.rstrip('.')}." if r.note else ".")
                for key, r in by_task.items()
            ]
        children = [fill(child) for child in section.sections]
        return section.model_copy(update={"items": items, "sections": children})

    return report.model_copy(update={"sections": [fill(s) for s in report.sections]})


def resolve(report: Plan, plan: Plan) -> Plan:
    """The report with its `report:` sections filled in from the plan and the results."""
    results = report.results
    by_target = results.targets if results else {}
    by_task = results.tasks if results else {}

    def fill(section: Section) -> Section:
        items = list(section.items)
        if section.report == "targets":
            items += [target_line(t, by_target.get(k)) for k, t in targets_by_id(plan).items()]
        if section.report == "tasks":
            items += [task_line(t, by_task.get(t.id), plan) for _, t in tasks(plan)]
        children = [fill(child) for child in section.sections]
        return section.model_copy(update={"items": items, "sections": children})

    preamble = report.preamble or (
        f"Thực hiện {vn.sentence_start(plan.kind_info.type_name.lower())} "
        f"số {vn.number_symbol(plan.number, vn.symbol(plan.kind_info.code, plan.issuer.abbr))} "
        f"ngày {vn.short_date(plan.date)} của {plan.issuer.name} về "
        f"{plan.subject[:1].lower()}{plan.subject[1:]}, {report.issuer.name} báo cáo "
        "kết quả thực hiện như sau:"
        if plan.number and plan.date
        else None
    )
    return report.model_copy(
        update={"sections": [fill(s) for s in report.sections], "preamble": preamble}
    )
