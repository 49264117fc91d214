"""What changed between two plans, by meaning: header, subject, bases, targets, tasks,
budget, recipients and body paragraphs — not lines of YAML.

Tasks and targets are matched by `id` (targets without one by name), budget lines by
source, bases and recipients by their wording.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Literal

from plangen import context, vn
from plangen.context import Block
from plangen.model import Plan, Target, tasks, walk

Action = Literal["added", "removed", "changed"]


@dataclass(frozen=True)
class Change:
    """One difference: where (area and key), which field, the old and new wording."""

    area: str
    key: str
    field: str
    action: Action
    old: str = ""
    new: str = ""

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


AREAS = {
    "header": "Thể thức",
    "subject": "Trích yếu",
    "bases": "Căn cứ",
    "targets": "Chỉ tiêu",
    "tasks": "Nhiệm vụ",
    "budget": "Kinh phí",
    "recipients": "Nơi nhận",
    "body": "Nội dung",
}
FIELDS = {
    "number": "số",
    "date": "ngày ban hành",
    "year": "năm",
    "signer": "người ký",
    "position": "chức vụ",
    "issuer": "cơ quan ban hành",
    "title": "tên",
    "lead": "chủ trì",
    "support": "phối hợp",
    "due": "thời hạn",
    "output": "sản phẩm",
    "value": "giá trị",
    "amount": "số tiền",
    "total": "tổng",
    "": "",
}


def _pairs(old: dict[str, str], new: dict[str, str], area: str, key: str) -> list[Change]:
    return [
        Change(area, key, name, "changed", old[name], new[name])
        for name in old
        if old[name] != new[name]
    ]


def _keyed(
    area: str, old: dict[str, dict[str, str]], new: dict[str, dict[str, str]], shown: str = "title"
) -> list[Change]:
    out = [
        Change(area, key, "", "removed", old=fields.get(shown, ""))
        for key, fields in old.items()
        if key not in new
    ]
    for key, fields in new.items():
        if key not in old:
            out.append(Change(area, key, "", "added", new=fields.get(shown, "")))
        else:
            out.extend(_pairs(old[key], fields, area, key))
    return out


def _listed(area: str, old: list[str], new: list[str]) -> list[Change]:
    """Lines only one side has, each side in its order (a set lookup, not a list scan)."""
    before, after = set(old), set(new)
    return [Change(area, "", "", "removed", old=text) for text in old if text not in after] + [
        Change(area, "", "", "added", new=text) for text in new if text not in before
    ]


def _bases(plan: Plan) -> list[str]:
    """Citations without their end mark, which depends only on their position."""
    return [context.basis_text(plan, i).rstrip(";.") for i in range(len(plan.bases))]


def _header(plan: Plan) -> dict[str, str]:
    sig = plan.signature
    return {
        "number": "" if plan.number is None else context.number_symbol(plan),
        "date": vn.short_date(plan.date) if plan.date else "",
        "year": str(plan.year),
        "issuer": plan.issuer.name,
        "signer": sig.name,
        "position": " / ".join(context.authority_lines(sig)),
    }


def _task_fields(plan: Plan) -> dict[str, dict[str, str]]:
    return {
        task.id: {
            "title": task.title,
            "lead": ", ".join(plan.unit_name(k) for k in task.leads),
            "support": ", ".join(plan.unit_name(k) for k in task.support),
            "due": vn.due_text(task.due) if task.due is not None else "",
            "output": task.output or "",
        }
        for _, task in tasks(plan)
    }


def _targets(plan: Plan) -> dict[str, dict[str, str]]:
    found: list[Target] = [t for _, s, _ in walk(plan.sections) for t in s.targets]
    return {
        t.id or t.name: {"title": t.name, "value": vn.format_quantity(t.value, t.unit)}
        for t in found
    }


def _budget(plan: Plan) -> dict[str, dict[str, str]]:
    lines: dict[str, dict[str, str]] = {}
    for _, section, _ in walk(plan.sections):
        if section.budget:
            unit = section.budget.unit
            lines[f"{section.title}: tổng"] = {
                "title": "tổng",
                "total": vn.format_quantity(section.budget.sum or 0, unit),
            }
            for line in section.budget.lines:
                title = line.source or line.text or ""
                lines[title] = {
                    "title": title,
                    "amount": vn.format_money(line.amount.value, line.amount.scale, unit)
                    if line.amount
                    else "",
                }
    return lines


def _body(first: Sequence[Block], second: Sequence[Block]) -> list[Change]:
    before, after = [b.words for b in first], [b.words for b in second]
    out: list[Change] = []
    for tag, i1, i2, j1, j2 in context.aligned(first, second):
        if tag == "equal":
            continue
        pairs = list(zip(before[i1:i2], after[j1:j2], strict=False))
        out.extend(Change("body", "", "", "changed", a, b) for a, b in pairs)
        out.extend(Change("body", "", "", "removed", old=a) for a in before[i1 + len(pairs) : i2])
        out.extend(Change("body", "", "", "added", new=b) for b in after[j1 + len(pairs) : j2])
    return out


def compare(
    old: Plan, new: Plan, bodies: tuple[Sequence[Block], Sequence[Block]] | None = None
) -> list[Change]:
    """Every change from `old` to `new`, grouped by area in reading order; the body's
    paragraphs when given their `bodies` as worded (`context.body`), which a redline
    shares rather than words twice."""
    out = _pairs(_header(old), _header(new), "header", "")
    if old.subject != new.subject:
        out.append(Change("subject", "", "", "changed", old.subject, new.subject))
    out += _listed("bases", _bases(old), _bases(new))
    out += _keyed("targets", _targets(old), _targets(new))
    out += _keyed("tasks", _task_fields(old), _task_fields(new))
    out += _keyed("budget", _budget(old), _budget(new))
    out += _listed(
        "recipients",
        vn.recipient_lines(list(old.recipients), list(old.archive), old.drafter),
        vn.recipient_lines(list(new.recipients), list(new.archive), new.drafter),
    )
    if bodies is not None:
        out += _body(*bodies)
    return out


def describe(change: Change) -> str:
    """One line a reviewer reads in a terminal."""
    area = AREAS[change.area]
    where = f"{area} {change.key}".strip() if change.area in {"tasks", "targets"} else area
    if change.action == "added":
        return f"+ {where}: {change.new}"
    if change.action == "removed":
        return f"- {where}: {change.old}"
    field = FIELDS.get(change.field, change.field)
    label = f"{where}, {field}" if field else where
    return f"~ {label}: {change.old or '(trống)'} → {change.new or '(trống)'}"
