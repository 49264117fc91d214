"""Next year's plan from this year's (`plangen new`), written as a draft with the YAML kept as is.

What moves with the year: the plan's own year wherever the text speaks of it — 'năm 2024',
'Quý IV/2024', 'trước ngày 15/12/2024', a deadline `due: 2024`; a báo cáo moves its
reporting year and the year it is issued in, each by one. What never moves: anything about
a cited document — the `bases`, a citation 'số 08/KH-UBND ngày 12/01/2024' (or 'ngày 12
tháng 01 năm 2024'), every date in a sentence that cites a document, a number like
'39/2024/QĐ-UBND' — periods such as '2021-2025', which name a programme, and identifiers
(ids, unit keys). Units, issuer and signer are not touched. Files the plan names (`units:`,
`extends:`, `reports_on:`, `template:`) are named from where the new file is written;
`extends:` and `reports_on:` take next year's file when it exists. What is carried over
unchanged but may not hold next year — targets, budgets, one-off tasks — is marked
`review: true`; an overlay that keeps last year's base does so with `change:` entries, and
the inherited wording that still names the old year is listed. The file is edited
round-trip (ruamel.yaml), so comments, key order and quoting stay and `git diff` shows only
the moved lines.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plangen import vn
from plangen.diagnostics import Loc, PlanError, field_name
from plangen.files import read_file
from plangen.model import Plan, Task, walk
from plangen.output import check, write

_FROZEN = {
    *("bases", "units", "issuer", "signature", "derived_from", "kind", "archive", "results"),
    *("number", "date"),  # cleared: next year's are not known yet
}
"""Top-level keys whose text is never moved to the new year."""

IDENTIFIERS = {"id", "lead", "support", "unit", "order"}
"""Keys whose values name things (ids, unit keys): they never change with the year."""

FILES = ("units", "extends", "reports_on", "template")
"""Keys that name another file, relative to the plan."""

SHARED = {"units", "template"}
"""Of those, the files every year's plan shares: never renamed for the new year."""

_DATE = r"\d{1,2}/\d{1,2}/\d{4}|ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}"
_CITATION = re.compile(rf"[Ss]ố\s*:?\s+[^\s,;]+(?:\s+(?:ngày\s+)?(?:{_DATE}))?")
_SENTENCE = re.compile(r"[^.;!?]*(?:[.;!?]+|$)")


@dataclass
class NextYear:
    """What `plangen new` wrote, moved and marked, for the command to print."""

    path: Path
    moved: list[tuple[str, str, str]] = field(default_factory=list)
    """(field, before, after) of each value the year moved in."""
    marked: list[tuple[str, str]] = field(default_factory=list)
    """(field, what) of each value marked `review: true`."""
    notes: list[str] = field(default_factory=list)
    """Files the new plan names, and how they were chosen."""
    old_wording: list[str] = field(default_factory=list)
    """Fields inherited from a kept base whose wording still names the old year."""


def _round_trip() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap the user's lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _protected(text: str) -> list[tuple[int, int]]:
    """Spans that name other documents or periods: citations, every date of a sentence
    that cites a document, legal numbers, year ranges."""
    spans = [m.span() for m in _CITATION.finditer(text)]
    spans += [m.span() for m in re.finditer(r"\d{4}\s*[-–]\s*\d{4}", text)]  # 2021-2025
    for sentence in _SENTENCE.finditer(text):
        if _CITATION.search(sentence.group()):
            start = sentence.start()
            spans += [(start + a, start + b) for a, b in _dates(sentence.group())]
    return spans


def _dates(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(_DATE, text)]


def move_years(text: str, years: Mapping[int, int]) -> str:
    """`text` with each year in `years` replaced by its new one, outside what never moves."""
    spans = _protected(text)
    alternatives = "|".join(str(year) for year in sorted(years, reverse=True))

    def replace(match: re.Match[str]) -> str:
        inside = any(start <= match.start() < end for start, end in spans)
        return match.group() if inside else str(years[int(match.group())])

    # not part of a longer number, nor of a legal number such as 39/2024/QĐ-UBND
    return re.sub(rf"(?<!\d)(?:{alternatives})(?![\d/])", replace, text)


def move_year(text: str, old: int, new: int) -> str:
    """`text` with the plan year `old` replaced by `new` outside citations and periods."""
    return move_years(text, {old: new})


def _one_off(due: object, years: Mapping[int, int]) -> bool:
    """A deadline of one day, month or quarter of the old year: a task done once."""
    if not isinstance(due, (int, str)) or isinstance(due, bool):
        return False
    try:
        span = vn.parse_due(due)
    except ValueError:
        return False
    return span is not None and span[0].year in years and span[1] - span[0] < dt.timedelta(300)


class _Mover:
    def __init__(self, years: Mapping[int, int], result: NextYear) -> None:
        self.years = years
        self.result = result

    def mark(self, node: Any, loc: Loc, what: str, after: str | None = None) -> None:
        if node.get("review") is True:
            return
        if after is not None and after in node:
            node.insert(list(node).index(after) + 1, "review", True)
        else:
            node["review"] = True
        self.result.marked.append((field_name(loc), what))

    def move(self, node: Any, loc: Loc) -> Any:
        """Move the year through a round-trip YAML node, keeping each scalar's style."""
        from ruamel.yaml.scalarstring import ScalarString

        if isinstance(node, dict):
            if "due" in node and _one_off(node["due"], self.years):
                self.mark(
                    node, loc, f"nhiệm vụ một lần (one-off task): {node.get('title', '')}", "due"
                )
            if "budget" in node and isinstance(node["budget"], dict):
                self.mark(node["budget"], (*loc, "budget"), "kinh phí (budget)")
            for key in list(node):
                here = (*loc, str(key))
                if key in IDENTIFIERS:
                    continue
                if key == "due" and isinstance(node[key], int) and node[key] in self.years:
                    self._moved(here, node[key], self.years[node[key]])
                    node[key] = self.years[node[key]]
                elif key == "targets" and isinstance(node[key], list):
                    for index, target in enumerate(node[key]):
                        self.mark(
                            target, (*here, index), f"chỉ tiêu (target): {target.get('name', '')}"
                        )
                    node[key] = self.move(node[key], here)
                else:
                    node[key] = self.move(node[key], here)
            return node
        if isinstance(node, list):
            for index, value in enumerate(node):
                node[index] = self.move(value, (*loc, index))
            return node
        if isinstance(node, str):
            moved = move_years(str(node), self.years)
            if moved == node:
                return node
            self._moved(loc, node, moved)
            if isinstance(node, ScalarString):  # same length, so folds stay where they were
                copy = type(node)(moved)
                for slot in type(node).__slots__:
                    if hasattr(node, slot):
                        setattr(copy, slot, getattr(node, slot))
                return copy
            return moved
        return node

    def _moved(self, loc: Loc, before: object, after: object) -> None:
        self.result.moved.append((field_name(loc), str(before), str(after)))


def _relative(target: Path, folder: Path) -> str:
    return Path(os.path.relpath(target.resolve(), folder.resolve())).as_posix()


def _files(
    data: Any, source: Path, output: Path, years: Mapping[int, int], result: NextYear
) -> bool:
    """Name the files the plan names from the new file's folder; `extends:` and
    `reports_on:` take next year's file when there is one (never the plan itself).
    True when `extends:` keeps last year's base."""
    kept = False
    for key in FILES:
        value = data.get(key)
        if not isinstance(value, str) or Path(value).is_absolute():
            continue
        chosen = source.parent / value
        if key not in SHARED:
            later = source.parent / move_years(value, years)
            own = {source.resolve(), output.resolve()}
            if later != chosen and later.is_file() and later.resolve() not in own:
                chosen = later
                why = "tệp của năm mới (next year's file)"
            else:
                why = "giữ tệp cũ: chưa có tệp của năm mới (kept: no next year's file)"
                kept = kept or key == "extends"
        else:
            why = "tệp dùng chung (shared file)"
        data[key] = _relative(chosen, output.parent)
        result.notes.append(f"{key}: {value} → {data[key]} ({why})")
    return kept


def _written_ids(node: Any) -> set[str]:
    """Every id the overlay file itself writes (its own tasks and its `change:` keys)."""
    if isinstance(node, dict):
        own = {str(node["id"])} if "id" in node else set()
        if isinstance(node.get("change"), dict):
            own |= {str(key) for key in node["change"]}
        return own.union(*(_written_ids(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(_written_ids(value) for value in node))
    return set()


def _inherited(data: Any, plan: Plan, years: Mapping[int, int], result: NextYear) -> None:
    """An overlay on last year's base moves the deadlines it inherits and marks the
    targets, budgets and one-off tasks it inherits for review, with `change:` entries, so
    the new plan is checked as a plan written out would be; inherited wording that still
    names the old year is listed for the author, who may change it there."""
    from ruamel.yaml.comments import CommentedMap

    written = _written_ids(data)

    def change(item_id: str) -> Any:
        return data.setdefault("change", CommentedMap()).setdefault(item_id, CommentedMap())

    for _loc, section, _depth in walk(plan.sections):
        if section.id is None or section.id in written:
            continue
        here = f"change.{section.id}"
        if isinstance(section, Task) and section.due is not None:
            due = (
                years.get(section.due, section.due)
                if isinstance(section.due, int)
                else move_years(section.due, years)
            )
            if due != section.due:
                change(section.id)["due"] = due
                result.moved.append((f"{here}.due", str(section.due), str(due)))
            if _one_off(section.due, years) and not section.review:
                change(section.id)["review"] = True
                result.marked.append((here, f"nhiệm vụ một lần (one-off task): {section.title}"))
        if section.budget is not None and not section.budget.review:
            change(section.id)["budget"] = CommentedMap(review=True)
            result.marked.append((f"{here}.budget", "kinh phí (budget)"))
        for target in section.targets:
            if target.id is not None and target.id not in written and not target.review:
                change(target.id)["review"] = True
                result.marked.append((f"change.{target.id}", f"chỉ tiêu (target): {target.name}"))
    result.old_wording = _old_wording(plan, data, written, years)


def _old_wording(plan: Plan, data: Any, written: set[str], years: Mapping[int, int]) -> list[str]:
    """Fields of the base, not written in the overlay, whose wording names the old year."""
    found: list[str] = []

    def visit(value: object, loc: Loc) -> None:
        if isinstance(value, dict):
            if value.get("id") in written:
                return
            for key, inner in value.items():
                if key not in IDENTIFIERS and key != "due":
                    visit(inner, (*loc, key))
        elif isinstance(value, list):
            for index, inner in enumerate(value):
                visit(inner, (*loc, index))
        elif isinstance(value, str) and move_years(value, years) != value:
            found.append(field_name(loc))

    for key, value in plan.model_dump(exclude_defaults=True).items():
        if key not in _FROZEN and key not in FILES and key not in data:
            visit(value, (key,))
    return found


def _templates(name: str, source: Path, output: Path, result: NextYear) -> None:
    """A project's own template is found beside the plan: say so when the new file's
    folder finds another one."""
    from plangen.template import find as find_template

    before, after = find_template(name, source), find_template(name, output)
    if before != after:
        result.notes.append(
            f"mẫu (template): {after} thay cho {before}; chép thư mục templates/ nếu cần"
            " (the new folder finds another template: copy templates/ if needed)"
        )


def next_year(source: Path, year: int, output: Path, force: bool = False) -> NextYear:
    """Write next year's draft plan from `source` to `output` and say what changed.

    Number and date are cleared (a draft), `year` moves on, what may not hold next year is
    marked `review: true` (a warning until someone confirms or changes it), and the new
    file records `derived_from`. An existing `output` is only replaced with `force`.
    """
    from plangen.validation import validate

    checked = validate(source)
    plan = checked.plan
    old = plan.year
    check(output, checked.paths, ".yaml .yml", force)
    if output.exists() and not force:
        raise PlanError.at(str(output), "new-exists")
    years = {old: year}
    if plan.kind_info.dated_after and plan.date and plan.date.year != old:
        years[plan.date.year] = plan.date.year + year - old  # reported 2024, issued in 2025
    result = NextYear(output)
    yaml = _round_trip()
    data = yaml.load(read_file(str(source)).decode("utf-8-sig"))
    mover = _Mover(years, result)
    for key in list(data):
        if key not in _FROZEN and key not in FILES:
            data[key] = mover.move(data[key], (str(key),))
    kept = _files(data, source, output, years, result)
    if kept:
        _inherited(data, plan, years, result)
    if plan.template is None:  # a template the plan names is named from the new file above
        _templates(plan.kind_info.template, source, output, result)
    _set(data, "year", year, after="extends")
    data["number"] = None
    data["date"] = None
    _set(data, "derived_from", _relative(source, output.parent), after="year")
    out = io.StringIO()
    yaml.dump(data, out)
    write(
        output,
        out.getvalue().encode("utf-8"),
        reads=checked.paths,
        suffix=".yaml .yml",
        force=force,
    )
    return result


def _set(data: Any, key: str, value: object, after: str) -> None:
    """Set `key`, placing a new key after `after` (or first) so the file reads in order."""
    if key in data:
        data[key] = value
    else:
        data.insert(list(data).index(after) + 1 if after in data else 0, key, value)
