"""Đơn vị và nhiệm vụ (units and tasks) in an imported plan: structure found in its text.

A Tổ chức thực hiện whose parts are headed by agencies becomes duties per unit; a part
that ends in 'Cơ quan chủ trì: …; cơ quan phối hợp: …; thời hạn hoàn thành: ….' becomes
a task; a Phụ lục that lists exactly those tasks becomes `table: tasks`. Units get keys
(reusing a registry's), and each change is kept only when plangen prints the same words.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from typing import Any

from plangen import vn

UNIT_WORDS = re.compile(
    r"^(?:Sở|Phòng|Ban|Ủy ban|Uỷ ban|UBND|Cục|Vụ|Văn phòng|Trung tâm|Thanh tra|Báo|Đài|Viện"
    r"|Chi cục|Tổng cục|Bộ|Công an|Kho bạc|Ngân hàng|Liên minh|Hội|Hiệp hội|Tỉnh đoàn"
    r"|Liên đoàn|Cảnh sát|Bộ Chỉ huy|Trường|Các sở|Các cơ quan|Các đơn vị|Các chủ đầu tư"
    r"|Các doanh nghiệp|Các Sở|Doanh nghiệp|Chủ đầu tư)\b"
)
"""How the name of an agency (or a group of them) begins."""

_ASSIGNMENT = re.compile(
    r"^Cơ quan chủ trì: (?P<lead>.+?)(?:; cơ quan phối hợp: (?P<support>.+?))?"
    r"(?:; sản phẩm: (?P<output>.+?))?(?:; thời hạn hoàn thành: (?P<due>.+?))?\.$"
)
_FOLD = str.maketrans({"đ": "d", "Đ": "D"})


def unit_key(name: str, taken: set[str]) -> str:
    """'Sở Kế hoạch và Đầu tư' → 'SKHDT': the initials, ASCII, unique among `taken`."""
    words = [w for w in re.findall(r"[\wĐđ]+", name) if w.lower() not in {"và", "các", "của"}]
    letters = unicodedata.normalize("NFD", "".join(w[0] for w in words).translate(_FOLD))
    key = "".join(c for c in letters if c.isascii() and c.isalnum()).upper()[:12] or "DV"
    if not key[0].isalpha():
        key = f"DV{key}"
    candidate, count = key, 1
    while candidate in taken:
        count += 1
        candidate = f"{key}{count}"
    return candidate


class Registry:
    """The units the plan names: keys of a given registry reused, new ones derived."""

    def __init__(self, known: dict[str, str] | None = None) -> None:
        self.known = dict(known or {})
        self.by_name = {" ".join(name.split()): key for key, name in self.known.items()}
        self.used: dict[str, str] = {}
        self.new: list[str] = []

    def key(self, name: str) -> str:
        folded = " ".join(name.split())
        if folded in self.by_name:
            key = self.by_name[folded]
        else:
            key = unit_key(name, set(self.known) | set(self.used))
            self.by_name[folded] = key
            self.new.append(key)
        self.used.setdefault(key, self.known.get(key, name))
        return key


def split_units(text: str, separator: str) -> list[str]:
    """'Sở A, Sở B, UBND các huyện, thị xã' → the names: a comma starts a new unit only
    where an agency's name begins after it."""
    out: list[str] = []
    for piece in text.split(separator):
        if out and not UNIT_WORDS.match(piece.strip()):
            out[-1] = f"{out[-1]}{separator}{piece}"
        else:
            out.append(piece.strip())
    return out


def _due(text: str) -> int | str | None:
    """The deadline as the model takes it, or None when plangen would print it otherwise."""
    if match := re.fullmatch(r"Năm (\d{4})", text):
        return int(match.group(1))
    try:
        vn.parse_due(text)
    except ValueError:
        return None
    return text if vn.due_text(text) == text else None


def _ends_assigned(section: dict[str, Any]) -> bool:
    last = (section.get("closing") or section.get("text") or "").split("\n\n")[-1]
    return bool(_ASSIGNMENT.match(last))


def _task(
    section: dict[str, Any], registry: Registry, number: int, last: bool
) -> tuple[dict[str, Any], str, list[str]] | None:
    """The section as a task when it ends in a 'Cơ quan chủ trì: …' line, with the
    paragraphs after that line (the parent's, when `last`). A part's line may sit at the end
    of its last sub-part, where the import put the text after the sub-parts: it is the
    part's when its other sub-parts have no line of their own."""
    section = copy.deepcopy(section)  # changed only if it becomes a task
    children = section.get("sections", [])
    if len(children) >= 2 and not any(_ends_assigned(c) for c in children[:-1]):
        owner = children[-1]
        while owner.get("sections") and not owner.get("closing"):
            owner = owner["sections"][-1]
        key = "closing" if owner.get("closing") else "text"
        paragraphs = (owner.get(key) or "").split("\n\n")
        at = next((i for i, p in enumerate(paragraphs) if _ASSIGNMENT.match(p)), None)
        if at is None or (owner.get("items") and key == "text"):
            return None
        if paragraphs[:at]:
            owner[key] = "\n\n".join(paragraphs[:at])
        else:
            owner.pop(key)
        section["closing"] = "\n\n".join(paragraphs[at:])
    place = "closing" if section.get("closing") else "text"
    if place == "text" and (section.get("items") or section.get("sections")):
        return None
    paragraphs = (section.get(place) or "").split("\n\n")
    at = next((i for i, p in enumerate(paragraphs) if _ASSIGNMENT.match(p)), None)
    if at is None or (at < len(paragraphs) - 1 and not last):
        return None
    match = _ASSIGNMENT.match(paragraphs[at])
    assert match is not None
    for separator in (", ", "; "):
        leads = split_units(match["lead"], separator)
        supports = split_units(match["support"], separator) if match["support"] else []
        if len(leads) == 1 or separator == "; ":
            break
    due = _due(match["due"]) if match["due"] else None
    if match["due"] and due is None:
        return None
    task = {"id": f"nv{number}", **{k: v for k, v in section.items() if k != place}}
    if paragraphs[:at]:
        task[place] = "\n\n".join(paragraphs[:at])
    keys = [registry.key(name) for name in leads]
    task["lead"] = keys[0] if len(keys) == 1 else keys
    if supports:
        task["support"] = [registry.key(name) for name in supports]
    if match["output"]:
        task["output"] = match["output"]
    if due is not None:
        task["due"] = due
    return task, separator, paragraphs[at + 1 :]


def tasks(sections: list[dict[str, Any]], registry: Registry) -> tuple[int, set[str]]:
    """Parts that end in an assignment line become tasks, where the print order stays
    (a part's tasks are printed before its other parts); how many, and the separators."""
    count = 0
    separators: set[str] = set()

    def visit(parent: dict[str, Any], top: bool = False) -> None:
        nonlocal count
        children = [] if top else parent.get("sections", [])
        found: list[dict[str, Any]] = []
        tail: list[str] = []
        for index, child in enumerate(children):
            made = _task(child, registry, count + len(found) + 1, index == len(children) - 1)
            if made is None:
                break
            task, separator, tail = made
            found.append(task)
            separators.add(separator)
        if found:
            count += len(found)
            parent["tasks"] = found
            rest = children[len(found) :]
            if rest:
                parent["sections"] = rest
            else:
                parent.pop("sections")
            if tail:
                parent["closing"] = "\n\n".join([*tail, *filter(None, [parent.get("closing")])])
        for child in [*parent.get("tasks", []), *parent.get("sections", [])]:
            visit(child)

    visit({"sections": sections}, top=True)  # the body's own parts are never tasks
    return count, separators


def _duty(section: dict[str, Any], registry: Registry) -> dict[str, Any] | None:
    title = section["title"]
    if (
        not UNIT_WORDS.match(title)
        or title.endswith((":", ".", ";"))
        or section.get("sections")
        or section.get("closing")
        or section.get("numbering")
        or len(title) > 120
    ):
        return None
    duty: dict[str, Any] = {"unit": registry.key(title)}
    for key in ("text", "items"):
        if section.get(key):
            duty[key] = section[key]
    return duty if len(duty) > 1 else None


def organization(sections: list[dict[str, Any]], registry: Registry, from_tasks: bool) -> int:
    """A Tổ chức thực hiện whose first parts are headed by agencies: duties per unit,
    printed with the same numbers; the parts after them stay. How many parts became one."""
    made = 0
    for section in sections:
        children = section.get("sections", [])
        if "tổ chức thực hiện" in section["title"].casefold() and children:
            snapshot = dict(registry.used), list(registry.new)
            duties = []
            for child in children:
                duty = _duty(child, registry)
                if duty is None:
                    break
                duties.append(duty)
            units = [duty["unit"] for duty in duties]
            if duties and len(set(units)) == len(units):
                section["organization"] = {"duties": duties}
                if not from_tasks:
                    section["organization"] = {"from_tasks": False, "duties": duties}
                rest = children[len(duties) :]
                if rest:
                    section["sections"] = rest
                else:
                    section.pop("sections")
                made += 1
                continue
            registry.used, registry.new = snapshot
        made += organization(children, registry, from_tasks)
    return made


_FIELDS = (
    ("number", re.compile(r"^(S?TT|Số TT)$", re.IGNORECASE)),
    ("lead", re.compile(r"chủ trì", re.IGNORECASE)),
    ("support", re.compile(r"phối hợp", re.IGNORECASE)),
    ("output", re.compile(r"sản phẩm", re.IGNORECASE)),
    ("due", re.compile(r"thời (hạn|gian)|tiến độ", re.IGNORECASE)),
    ("title", re.compile(r"nội dung|nhiệm vụ|tên", re.IGNORECASE)),
)


def task_fields(columns: list[str]) -> list[str] | None:
    """The task field each column heading names, or None when one names none."""
    out = []
    for heading in columns:
        field = next((name for name, pattern in _FIELDS if pattern.search(heading)), None)
        if field is None or field in out:
            return None
        out.append(field)
    return out


_TARGET = re.compile(
    r"^(?P<name>.+?) (?P<verb>đạt trên|đạt khoảng|đạt|chiếm trên|chiếm khoảng|chiếm|tăng)"
    r" (?P<value>\d[\d.,]*(?:\s?-\s?\d[\d.,]*)?)\s?(?P<unit>%|[^\d;.,:]{1,30}?)?"
    r"(?:; (?P<note>[^;]+))?\.$"
)


def _target(item: object) -> dict[str, Any] | None:
    """A bullet as a chỉ tiêu (name, verb, value, unit), when plangen prints it the same."""
    from plangen import context
    from plangen.model import Target

    if not isinstance(item, str) or "\n" in item:
        return None
    match = _TARGET.match(item)
    if not match:
        return None
    value = match["value"]
    target: dict[str, Any] = {"name": match["name"], "verb": match["verb"]}
    target["value"] = int(value) if value.isdigit() and not value.startswith("0") else value
    if match["unit"] and match["unit"].strip():
        target["unit"] = match["unit"].strip()
    if match["note"]:
        target["note"] = match["note"]
    try:
        worded = context._target(Target.model_validate(target)).text
    except ValueError:
        return None
    return target if worded == f"- {item}" else None


def targets(sections: list[dict[str, Any]]) -> int:
    """The last bullets of a part that are chỉ tiêu become its targets (printed after the
    other bullets, as they stood); how many."""
    made = 0
    for section in sections:
        items = section.get("items", [])
        run = 0
        while run < len(items) and _target(items[len(items) - 1 - run]) is not None:
            run += 1
        if run:
            found = [_target(item) for item in items[len(items) - run :]]
            section["targets"] = [t for t in found if t is not None]
            if run == len(items):
                section.pop("items")
            else:
                section["items"] = items[: len(items) - run]
            made += run
        made += targets(section.get("tasks", [])) + targets(section.get("sections", []))
    return made


_TARGET_RESULT = re.compile(
    r"^(?P<name>.+?): kế hoạch (?P<planned>\d[\d.,]*(?:\s?-\s?\d[\d.,]*)?)\s?(?P<unit>[^,]*?),"
    r" thực hiện (?P<achieved>\d[\d.,]*)\s?(?P=unit)"
    r"(?: \((?:vượt|đạt|chưa đạt) kế hoạch\))?(?:; (?P<note>.+))?\.$"
)
_TASK_RESULT = re.compile(
    r"^(?P<title>.+): (?P<status>hoàn thành|đang thực hiện|chậm tiến độ|chưa thực hiện)"
    r"(?:; (?P<note>.+))?\.$"
)


def _figure(text: str) -> int | str:
    return int(text) if text.isdigit() and not text.startswith("0") else text


def _target_result(item: object) -> dict[str, Any] | None:
    """'Số lao động …: kế hoạch 500 người, thực hiện 420 người (chưa đạt kế hoạch).' as a
    stand-alone report's result, when plangen words it back the same."""
    from plangen import report
    from plangen.model import Target, TargetResult

    match = _TARGET_RESULT.match(item) if isinstance(item, str) else None
    if match is None:
        return None
    result: dict[str, Any] = {"name": match["name"], "planned": _figure(match["planned"])}
    if match["unit"]:
        result["unit"] = match["unit"]
    result["achieved"] = _figure(match["achieved"])
    if match["note"]:
        result["note"] = match["note"]
    try:
        model = TargetResult.model_validate(result)
        planned = model.planned if model.planned is not None else match["planned"]
        target = Target(name=match["name"], value=planned, unit=model.unit)
        worded = report.target_line(target, model)
    except ValueError:
        return None
    return result if worded == item else None


def _task_result(item: object) -> dict[str, Any] | None:
    match = _TASK_RESULT.match(item) if isinstance(item, str) else None
    if match is None:
        return None
    result = {"title": match["title"], "status": match["status"]}
    if match["note"]:
        result["note"] = match["note"]
    worded = f"{result['title']}: {result['status']}" + (
        f"; {result['note'].rstrip('.')}." if "note" in result else "."
    )
    return result if worded == item else None


def report_results(sections: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """A báo cáo's lists of results (targets planned → achieved, tasks and their status)
    as `results` and `report:` sections; the first list of targets and of tasks, since a
    stand-alone report prints all its results of one sort in each `report:` section."""
    found: dict[str, dict[str, Any]] = {}
    readers = (("targets", _target_result, "ct"), ("tasks", _task_result, "nv"))

    def visit(section: dict[str, Any]) -> None:
        items = section.get("items", [])
        for what, read, prefix in readers:
            if what in found or "report" in section:
                continue
            run = 0
            while run < len(items) and read(items[len(items) - 1 - run]) is not None:
                run += 1
            if run:
                results = [read(item) for item in items[len(items) - run :]]
                found[what] = {f"{prefix}{n}": r for n, r in enumerate(results, 1)}
                section["report"] = what
                if run == len(items):
                    section.pop("items")
                else:
                    section["items"] = items[: len(items) - run]
        for child in section.get("sections", []):
            visit(child)

    for section in sections:
        visit(section)
    return found


_MONEY = r"\d[\d.,]*(?: (?:nghìn|triệu|tỷ))? đồng"
_LIST_TOTAL = re.compile(rf"^(?P<intro>[^:]+?)(?:: (?P<total>{_MONEY}), trong đó|):$")
_LIST_LINE = re.compile(
    rf"^(?P<source>[^:]+?): (?P<amount>{_MONEY})(?: \((?P<note>[^()]+)\))?[;.]$"
)
_INLINE = re.compile(rf"^(?P<intro>.+?) (?P<total>{_MONEY}), trong đó: (?P<listed>.+)\.$")
_INLINE_PART = re.compile(
    rf"(?P<source>[^:;,]+?)(?P<joint>: | )(?P<amount>{_MONEY})(?: \((?P<note>[^()]+)\))?"
)


def _money(text: str, unit: str | None) -> tuple[str, str]:
    """'1.500 triệu đồng' → ('1.500', 'triệu đồng'); in a budget of `unit`, an amount in
    another unit keeps its scale word ('250 triệu')."""
    number, _, words = text.partition(" ")
    if unit is None or words == unit:
        return number, words
    return f"{number} {words.removesuffix(' đồng')}".strip(), unit


def _budget_lines(parts: list[re.Match[str]], unit: str) -> list[dict[str, Any]]:
    lines = []
    for part in parts:
        line: dict[str, Any] = {"source": part["source"].strip()}
        line["amount"] = _money(part["amount"], unit)[0]
        if part["note"]:
            line["note"] = part["note"]
        lines.append(line)
    return lines


def _worded(budget: dict[str, Any]) -> list[str] | None:
    """The budget's paragraphs as plangen prints them; None if it is not a sound budget."""
    from plangen import context
    from plangen.model import Budget

    try:
        model = Budget.model_validate(budget)
    except ValueError:
        return None
    total = model.total
    if total and vn.in_unit(total.value, total.scale, model.unit) != model.sum:
        return None  # a total its lines do not add up to stays the text it was
    return [block.text for block in context.budget_blocks(model)]


def _list_budget(intro: str, items: list[object]) -> dict[str, Any] | None:
    """'Tổng kinh phí …: 11.200 triệu đồng, trong đó:' and a bullet per source."""
    head = _LIST_TOTAL.match(intro)
    lines = [_LIST_LINE.match(i) if isinstance(i, str) else None for i in items]
    if head is None or not lines or any(m is None for m in lines):
        return None
    found = [m for m in lines if m is not None]
    unit = _money(head["total"], None)[1] if head["total"] else _money(found[0]["amount"], None)[1]
    budget: dict[str, Any] = {"unit": unit, "intro": head["intro"]}
    budget["lines"] = _budget_lines(found, unit)
    if head["total"]:
        budget["total"] = _money(head["total"], unit)[0]
    if head["intro"] == "Tổng kinh phí thực hiện":
        del budget["intro"]
    shown = [intro, *(f"- {item}" for item in items)]
    return budget if _worded(budget) == shown else None


def _inline_budget(text: str, bullet: bool) -> dict[str, Any] | None:
    """'… tổng kinh phí 0,935 tỷ đồng, trong đó: A 0,250 tỷ đồng, B … và C ….'"""
    match = _INLINE.match(text)
    if match is None:
        return None
    unit = _money(match["total"], None)[1]
    listed = match["listed"]
    colon = ": " in listed
    pieces = listed.split("; ") if colon else re.split(r", | và ", listed)
    parts = [_INLINE_PART.fullmatch(piece) for piece in pieces]
    if any(p is None for p in parts):
        return None
    intro = f"- {match['intro']}" if bullet else match["intro"]
    budget: dict[str, Any] = {"unit": unit, "inline": True, "intro": intro}
    if colon:
        budget["inline_form"] = "colon"
    budget["lines"] = _budget_lines([p for p in parts if p is not None], unit)
    budget["total"] = _money(match["total"], unit)[0]
    shown = f"- {text}" if bullet else text
    return budget if _worded(budget) == [shown] else None


_AMOUNTS = re.compile(rf"{_MONEY},? (?:trong đó|bao gồm)")
"""Words that give a total and its parts: a budget, structured or not."""


def budgets(sections: list[dict[str, Any]], source: list[str]) -> list[tuple[bool, str]]:
    """Kinh phí written as plangen prints a budget (its total, then a bullet per source, or
    one sentence, or numbered sources with '+' parts) become `budget:`, its sums checked as
    any budget's; what followed it in the part follows it in `closing`, so the order stays.
    `source`: the document's paragraphs, which numbered sources must give word for word.
    Each budget found (True) or left as text (False), by its first words."""
    out: list[tuple[bool, str]] = []
    for section in sections:
        text = section["text"].split("\n\n") if section.get("text") else []
        items = section.get("items", [])
        found = None
        if not any(section.get(k) for k in ("budget", "targets", "tasks", "sections", "table")):
            found = _find_budget(text, items)
        elif numbered := _numbered_budget(section, source):
            section["budget"] = numbered
            del section["sections"]
            if text[:-1]:
                section["text"] = "\n\n".join(text[:-1])
            else:
                del section["text"]
            out.append((True, numbered["intro"]))
            continue
        if found is None:
            words = [section["title"], *text, *(i for i in items if isinstance(i, str))]
            words += (section.get("closing") or "").split("\n\n")
            out += [(False, w) for w in words if _AMOUNTS.search(w)]
            out += budgets(section.get("sections", []), source)
            continue
        budget, kept_text, kept_items, after = found
        section["budget"] = budget
        for key, kept in (("text", "\n\n".join(kept_text)), ("items", kept_items)):
            if kept:
                section[key] = kept
            else:
                section.pop(key, None)
        closing = section.pop("closing", None)
        if after or closing:
            paragraphs = closing.split("\n\n") if closing else []
            if all(isinstance(a, str) and not m for a, m in after):
                section["closing"] = "\n\n".join([*(str(a) for a, _ in after), *paragraphs])
            else:
                section["closing"] = [*(_bullet(a) if m else a for a, m in after), *paragraphs]
        out.append((True, budget["intro"] if "intro" in budget else "Tổng kinh phí thực hiện"))
    return out


def _bullet(item: object) -> dict[str, Any]:
    """An item moved after a budget, still printed as a bullet among closing paragraphs."""
    node = dict(item) if isinstance(item, dict) else {"text": item}
    return {**node, "mark": "-"}


def _find_budget(
    text: list[str], items: list[object]
) -> tuple[dict[str, Any], list[str], list[object], list[tuple[object, bool]]] | None:
    """The budget among a part's paragraphs and bullets: it, the paragraphs and bullets
    before it, and what comes after it ((text, is a bullet))."""
    if text and items:
        run = 0
        while run < len(items) and isinstance(line := items[run], str) and _LIST_LINE.match(line):
            run += 1
        if run and (budget := _list_budget(text[-1], items[:run])) is not None:
            return budget, text[:-1], [], [(i, True) for i in items[run:]]
    for index, paragraph in enumerate(text):
        if (budget := _inline_budget(paragraph, bullet=False)) is not None:
            after = [(t, False) for t in text[index + 1 :]] + [(i, True) for i in items]
            return budget, text[:index], [], after
    for index, item in enumerate(items):
        if isinstance(item, str) and (budget := _inline_budget(item, bullet=True)) is not None:
            return budget, text, items[:index], [(i, True) for i in items[index + 1 :]]
    return None


_FIRST_MONEY = re.compile(rf"(?<![\d.,]){_MONEY}")


def _stated(text: str, unit: str) -> dict[str, Any]:
    """A budget line written out, with the first amount it states."""
    line: dict[str, Any] = {"text": text}
    if match := _FIRST_MONEY.search(text):
        line["amount"] = _money(match.group(), unit)[0]
    return line


def _numbered_budget(section: dict[str, Any], source: list[str]) -> dict[str, Any] | None:
    """'Khái toán tổng số vốn …: 7.080 tỷ đồng, trong đó:' then sources as numbered parts
    ('1. Vốn ngân sách nhà nước: 1.280 tỷ đồng, bao gồm:'), each with '+' parts and then
    its other paragraphs and bullets (seed 005): the budget's lines, their text as written."""
    text = section["text"].split("\n\n") if section.get("text") else []
    head = _LIST_TOTAL.match(text[-1]) if text else None
    children = section.get("sections", [])
    plain = ("items", "targets", "tasks", "organization", "table", "budget", "closing")
    if head is None or not head["total"] or any(section.get(k) for k in plain):
        return None
    unit = _money(head["total"], None)[1]
    lines = []
    for child in children:
        extra = {"numbering", "sections", "tasks", "targets", "table", "organization"}
        if not _FIRST_MONEY.search(child["title"]) or extra & child.keys():
            return None
        paragraphs = child["text"].split("\n\n") if child.get("text") else []
        parts = 0
        while parts < len(paragraphs) and paragraphs[parts].startswith("+ "):
            parts += 1
        line = _stated(child["title"], unit)
        line["lines"] = [_stated(p[2:], unit) for p in paragraphs[:parts]]
        after = [{"text": p, "mark": "none"} for p in paragraphs[parts:]]
        after += child.get("items", [])
        after += [
            {"text": p, "mark": "none"} for p in (child.get("closing") or "").split("\n\n") if p
        ]
        if after:
            line["items"] = after
        if not line["lines"]:
            del line["lines"]
        lines.append(line)
    budget: dict[str, Any] = {"unit": unit, "intro": head["intro"]}
    budget["total"] = _money(head["total"], unit)[0]
    budget["numbering"] = ["1", "+"]
    budget["lines"] = lines
    _sound_parts(budget["lines"], unit)
    worded = _worded(budget)
    if not worded or not children:
        return None
    start = next((i for i, t in enumerate(source) if t == text[-1]), None)
    return budget if start is not None and source[start : start + len(worded)] == worded else None


def _sound_parts(lines: list[dict[str, Any]], unit: str) -> None:
    """Parts whose first amounts do not add up to their line's keep their words only."""
    from plangen.model import BudgetLine, total_of

    for line in lines:
        parts = line.get("lines", [])
        if not parts or "amount" not in line:
            continue
        model = BudgetLine.model_validate(line)
        if model.in_unit(unit) != total_of(model.lines, unit):
            for part in parts:
                part.pop("amount", None)
