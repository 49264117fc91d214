"""Plan → TemplateContext: numbering, derived parts and Vietnamese wording, as finished strings.

Everything a reader sees is decided here: the I./1./a) labels, the per-agency
duties gathered from the tasks, the computed budget total, the appendix rows.
The renderer only places these strings; templates only show them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from plangen import numbering, report, rules, styles, tables, vn
from plangen.align import Opcode, align
from plangen.kinds import KINDS
from plangen.model import (
    Budget,
    BudgetLine,
    CellValue,
    Citation,
    CitedBy,
    Duty,
    GivenTable,
    Item,
    ItemNode,
    Money,
    Organization,
    Plan,
    Section,
    Signature,
    TableColumn,
    TableRow,
    Target,
    Task,
    TaskField,
    TaskTable,
    WrittenTable,
    tasks,
    total_of,
    walk,
)
from plangen.styles import AUTHORITY, BASIS, DASH, DECIDES, PLUS, TEXT, TO, TO_LINE


@dataclass(frozen=True)
class Block:
    """One body paragraph: its paragraph style (defined in the template) and its text."""

    style: str
    text: str
    label: str = ""
    """Bold words before the text in the same paragraph, e.g. `Điều 1.`."""
    align: str = ""
    """`center` or `right` where the paragraph leaves its style's alignment."""
    emphasis: str = ""
    """`bold`, `italic` or `bold italic` for the whole text."""
    table: Table | None = None
    """A table standing in the body here instead of a paragraph (`text` is its words)."""
    notes: tuple[tuple[int, str], ...] = ()
    """Footnotes: (offset in `text` where the reference mark stands, the note's text)."""
    key: str = field(default="", compare=False)
    """What the paragraph stands for (a section's or task's heading, a target, a unit's
    duties), so two plans' bodies align on it though its words changed; not content."""

    @property
    def words(self) -> str:
        """What a reader sees in the paragraph, label included."""
        return f"{self.label} {self.text}" if self.label else self.text


def aligned(old: Sequence[Block], new: Sequence[Block]) -> list[Opcode]:
    """Two bodies aligned paragraph to paragraph: a heading, target or unit's duties to its
    namesake by key, other paragraphs by their words (align.py)."""
    return align(
        [(b.key, b.words) for b in old],
        [(b.key, b.words) for b in new],
        key=lambda item: item[0] or item,
    )


@dataclass(frozen=True)
class Table:
    """An appendix table: column headings, relative widths and rows of cell text."""

    columns: list[str]
    widths: list[int | None]
    """Each column's width as the author wrote it (percent of the table), or None: the
    renderer sizes it from the text (`tables.fit`)."""
    rows: list[list[str]]
    centred: frozenset[int] = frozenset()
    """Columns whose cells are centred (numbers, dates)."""
    bold_rows: frozenset[int] = frozenset()
    """Rows printed in bold (a group of tasks), counted from the first row under the headings."""
    right: frozenset[int] = frozenset()
    """Columns whose cells are right-aligned."""
    spans: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    """Merged cells: (row, column) of the top left → (columns, rows) covered."""
    bold_cells: frozenset[tuple[int, int]] = frozenset()
    """Single cells in bold."""
    heading_rows: int = 0
    """The first rows that are headings too, repeated with the column headings."""
    content: int | None = None
    """The column of what is to be done (Nội dung), kept the widest; None: the fullest."""


def _year_table(money: Budget) -> WrittenTable:
    """A multi-year budget as a table: a row per source (its parts under it), a column per
    year, the totals of each year and of all in the last row."""
    years = money.years or []

    def figure(value: Decimal | None) -> str:
        return vn.format_number(value) if value is not None else ""

    def year(line: BudgetLine, when: int) -> str:
        amount = line.by_year.get(when)
        if amount is None:
            return ""
        return vn.format_number(amount.value) + (f" {amount.scale}" if amount.scale else "")

    rows: list[TableRow | list[CellValue]] = []
    for number, line in enumerate(money.lines, 1):
        parts = [(str(number), line), *(("", part) for part in line.lines)]
        for label, part in parts:
            name = part.source or part.text or ""
            rows.append(
                [label, name if label else f"- {name}", *(year(part, y) for y in years),
                 figure(part.in_unit(money.unit))]
            )  # fmt: skip
    per_year = [
        total_of(
            [BudgetLine(amount=line.by_year[y]) for line in money.lines if y in line.by_year],
            money.unit,
        )
        for y in years
    ]
    rows.append(
        TableRow(cells=["", "Tổng cộng", *map(figure, per_year), figure(money.sum)], bold=True)
    )
    headings = money.columns or ["TT", "Nguồn kinh phí", *(f"Năm {y}" for y in years), "Tổng cộng"]
    right = [TableColumn(title=h, align="right") for h in headings[2:]]
    return WrittenTable(columns=[*headings[:2], *right], rows=rows)


def _table_block(table: WrittenTable) -> Block:
    """A table standing in the body; its words are the cells', for diffs and redlines."""
    laid = written_table(table)
    words = " | ".join(" | ".join(cells) for cells in [laid.columns, *laid.rows])
    return Block(TEXT, words, table=laid)


def written_table(table: WrittenTable) -> Table:
    """A table written in the plan, laid on its grid (tables.py), widths and alignment decided."""
    laid = tables.grid(table)
    aligns = tables.alignments(table, laid.cells)
    return Table(
        [column.title for column in tables.columns(table)],
        [column.width for column in tables.columns(table)],
        laid.cells,
        frozenset(i for i, a in enumerate(aligns) if a == "center"),
        right=frozenset(i for i, a in enumerate(aligns) if a == "right"),
        spans=laid.spans,
        bold_cells=laid.bold,
        heading_rows=table.heading_rows,
    )


@dataclass(frozen=True)
class AppendixPage:
    """Phụ lục: heading, title, the '(Kèm theo …)' line and a table, on its own pages."""

    heading: str
    title: str
    reference: str
    table: Table
    separate: bool = False
    """Issued as a file of its own, not in the document's."""


@dataclass(frozen=True)
class Attached:
    """The document a quyết định issues (Mẫu 1.3): title block, reference line, content."""

    type_name: str
    subject: str
    reference: str
    body: list[Block]


@dataclass(frozen=True)
class AgencyName:
    """An agency name of ô 2 as written, and the author's own line breaks, if any.

    The renderer breaks it to the header cell's width (`linebreak.agency_lines`)."""

    name: str
    lines: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Metadata:
    """Document properties, taken from the plan so builds are reproducible."""

    title: str
    subject: str
    author: str
    created: dt.datetime
    keywords: str
    """The kind's code and the year, 'KH; 2024'; a kind without a code (công văn) the year."""
    appendices_elsewhere: tuple[str, ...] = ()
    """Appendices the body names that are in other files: issued as files of their own, or
    another document's (rules.appendices_elsewhere), and each `separate: true` appendix."""


@dataclass(frozen=True)
class TemplateContext:
    """Every string the template and renderer place, already worded and numbered."""

    issuer_parent: AgencyName | None
    issuer: AgencyName
    number_line: str
    place_date: str
    type_name: str
    subject: str
    body: list[Block]
    recipient_lines: list[str]
    authority_lines: list[str]
    signer_name: str
    appendices: list[AppendixPage]
    metadata: Metadata
    draft: bool = False
    attached: Attached | None = None
    titled: bool = True
    """False for a công văn: no type name, its trích yếu is the `V/v …` line under the Số."""
    extra: dict[str, str] = field(default_factory=dict)


_PROPOSALS = ("Theo đề nghị của", "Xét đề nghị của")


def citation_text(cite: Citation, dates: str, proposal: bool = False) -> str:
    """'Quyết định số 597/QĐ-UBND ngày 12/3/2019 của UBND tỉnh về việc …' (Decree 30 II.6.b).

    After 'Theo đề nghị của' the proposing body comes first: 'Sở Công Thương tại Tờ trình số …'.
    """
    if cite.text:
        return cite.text.rstrip(";.,")
    form = cite.date_form or ("long" if not cite.number else dates)
    when = ""
    if cite.date:
        when = vn.long_date(cite.date) if form == "long" else f"ngày {vn.short_date(cite.date)}"
    document = f"{cite.type} số {cite.number}" if cite.number else cite.type or ""
    if proposal:
        parts = [cite.issuer or "", f"tại {document}" if document else "", when]
    elif cite.number:
        parts = [document, when, f"của {cite.issuer}" if cite.issuer else ""]
    else:  # a law or code, cited by name (Decree 30 II.6.b)
        parts = [document, cite.subject or "", when]
    if cite.number or proposal:
        parts.append(cite.subject or "")
    return " ".join(p for p in parts if p).rstrip(";.,")


def basis_end(plan: Plan, index: int) -> str:
    """';' between căn cứ; the last '.' (R53), or ';' where 'Căn cứ …' clauses lead into the
    preamble's sentence (seed 000), or ',' where they open the preamble's paragraph."""
    basis = plan.bases[index]
    if basis.end:
        return basis.end
    if index < len(plan.bases) - 1:
        return ";"
    if plan.bases_in_preamble and plan.preamble:
        return ","
    return ";" if plan.preamble and basis.verb == "Căn cứ" else "."


def basis_text(plan: Plan, index: int) -> str:
    """'Căn cứ Quyết định số 597/QĐ-UBND ngày 12/3/2019 của UBND tỉnh về việc …;'."""
    basis = plan.bases[index]
    proposal = basis.verb in _PROPOSALS
    words = "; ".join(
        citation_text(cite, plan.citation_dates, proposal) for cite in (basis, *basis.also)
    )
    return f"{basis.verb} {words}{basis_end(plan, index)}"


def opening(plan: Plan) -> list[Block]:
    """The căn cứ, italic, one paragraph each, then the upright preamble; or, with
    `bases_in_preamble`, one upright paragraph that the căn cứ open."""
    bases = [basis_text(plan, i) for i in range(len(plan.bases))]
    if plan.bases_in_preamble and plan.preamble:
        first, *rest = plan.preamble.split("\n\n")
        return [Block(TEXT, " ".join([*bases, first])), *(Block(TEXT, p) for p in rest)]
    return [Block(BASIS, text) for text in bases] + _paragraphs(plan.preamble)


def _last(text: str) -> str:
    """The last addressee as written when the author closed it ('.', ';', ':'), else '.'."""
    return text if text.endswith((".", ";", ":")) else f"{text.rstrip(',')}."


def to_lines(to: Sequence[str]) -> list[Block]:
    """Kính gửi (Decree 30 ô 9a): one recipient on its line, several as '- …;' lines."""
    if not to:
        return []
    if len(to) == 1:
        return [Block(TO, f"Kính gửi: {_last(to[0])}")]
    *first, last = to
    return [
        Block(TO, "Kính gửi:"),
        *(Block(TO_LINE, f"- {name.rstrip('.;,')};") for name in first),
        Block(TO_LINE, f"- {_last(last)}"),
    ]


def _paragraphs(text: str | None, style: str = TEXT) -> list[Block]:
    return [Block(style, part) for part in text.split("\n\n")] if text else []


_MARKS = {"-": DASH, "+": PLUS, "none": TEXT}
_PLAIN = ItemNode.model_construct(text="")
"""What a bullet written as plain text has besides its text: every default."""


def _items(values: list[Item], depth: int = 0, usual: str | None = None) -> list[Block]:
    """Bullets '-' (then '+' under them), or paragraphs when `usual` is `none`; an item may
    take another mark, a bold lead-in, an alignment or emphasis."""
    out: list[Block] = []
    for item in values:
        # a plain item is its text with the defaults: no node is built for it, validated or not
        text, node = (item, _PLAIN) if isinstance(item, str) else (item.text, item)
        mark = node.mark or usual or ("-" if depth == 0 else "+")
        style = _MARKS[mark]
        first, *rest = text.split("\n\n")
        align, emphasis = node.align or "", node.emphasis or ""
        if node.lead:
            label = node.lead if mark == "none" else f"{mark} {node.lead}"
            out.append(Block(style, first, label, align, emphasis))
        else:
            shown = first if mark == "none" else f"{mark} {first}"
            out.append(Block(style, shown, "", align, emphasis))
        out.extend(Block(style, part, "", align, emphasis) for part in rest)
        out.extend(_items(node.items, depth + 1))
    return out


def _text(value: str | list[Item] | None) -> list[Block]:
    """A section's `text` or `closing`: paragraphs, or a list of paragraphs set apart."""
    if isinstance(value, list):
        return _items(value, usual="none")
    return _paragraphs(value)


def _target(target: Target) -> Block:
    key = f"target {target.id}" if target.id else ""
    if target.text:
        return Block(DASH, f"- {target.text}", key=key)
    words = f"- {target.name} {target.verb} {vn.format_quantity(target.value, target.unit)}"
    if target.note:
        words += f"; {target.note}"
    return Block(DASH, words.rstrip(".;") + ".", key=key)


class _Outline:
    """Numbers every part before any text is written, so references can point forward."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.leads: dict[str, list[Task]] = {}
        self.supports: dict[str, list[Task]] = {}
        for _, task in tasks(plan):
            for key in task.leads:
                self.leads.setdefault(key, []).append(task)
            for key in task.support:
                self.supports.setdefault(key, []).append(task)
        self.places, self.frames = numbering.number(
            plan, lambda s: len(self.org_units(s.organization)) if s.organization else 0
        )

    def org_units(self, org: Organization) -> list[str]:
        """Units that get a heading in Tổ chức thực hiện: in `order` when given, else those
        with duties in the order written, then the tasks' other units in registry order."""
        if org.order is not None:
            return list(org.order)
        used = list(dict.fromkeys(duty.unit for duty in org.duties))
        if org.from_tasks:
            named = self.leads.keys() | self.supports.keys()
            used += [key for key in self.plan.units if key in named and key not in used]
        return used


def budget_blocks(money: Budget) -> list[Block]:
    """Kinh phí: the total's sentence, then the lines (or a table by year), or all in one
    sentence (`inline`); the import words a budget it found with this to check it."""
    blocks: list[Block] = []
    total = money.total or (Money(money.sum) if money.sum is not None else None)
    amount = vn.format_money(total.value, total.scale, money.unit) if total else ""
    if money.inline:
        joint = ": " if money.inline_form == "colon" else " "
        parts = [
            f"{line.source}{joint}{_amount(line, money.unit)}"
            + (f" ({line.note})" if line.note else "")
            for line in money.lines
        ]
        listed = "; ".join(parts) if money.inline_form == "colon" else vn.enumeration(parts)
        style = DASH if money.intro.startswith("- ") else TEXT
        blocks.append(Block(style, f"{money.intro} {amount}, trong đó: {listed}."))
        return blocks
    if amount:
        blocks.append(Block(TEXT, f"{money.intro}: {amount}, trong đó:"))
    else:
        blocks.append(Block(TEXT, f"{money.intro}:"))
    if money.years:
        blocks.append(_table_block(_year_table(money)))
        return blocks
    _budget_lines(blocks, money.lines, numbering.scheme(money.numbering), 0, money.unit)
    return blocks


def _amount(line: BudgetLine, unit: str) -> str:
    return vn.format_money(line.amount.value, line.amount.scale, unit) if line.amount else ""


def _budget_lines(
    blocks: list[Block],
    lines: Sequence[BudgetLine],
    levels: numbering.Scheme,
    depth: int,
    unit: str,
) -> None:
    """Each line as written (`text`) or as `source: amount (note)`, with its parts and
    bullets under it; a bullet ends with ';', the last one with '.'."""
    level = levels[min(depth, len(levels) - 1)]
    shown = [line for line in lines if not line.in_text]
    for index, line in enumerate(shown):
        if line.text:
            words = line.text
        else:
            words = ": ".join(w for w in (line.source, _amount(line, unit)) if w)
            words += f" ({line.note})" if line.note else ""
            if level.style in (DASH, PLUS):
                words += "." if index == len(shown) - 1 else ";"
        label = level.label(index)
        blocks.append(Block(level.style, f"{label} {words}" if label else words))
        _budget_lines(blocks, line.lines, levels, depth + 1, unit)
        blocks.extend(_items(line.items))


class _Writer:
    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.outline = _Outline(plan)
        self.blocks: list[Block] = []

    def heading(
        self, place: numbering.Place, title: str, plain: bool = False, key: str = ""
    ) -> None:
        level = place.level or numbering.LEVELS["none"]  # too deep: refused by the rules
        if plain or (level.style == styles.CLAUSE and title.rstrip().endswith((".", ";"))):
            level = level.plain()  # a khoản that is a sentence has no title (Phụ lục I, Mục V)
        text = vn.upper(title) if level.upper else title
        if level.own_line:
            self.blocks.append(Block(level.style, place.label, align="center"))
            self.blocks.append(Block(level.style, text, align="center", key=key))
        elif level.run_in:
            self.blocks.append(Block(level.style, text, label=place.label, key=key))
        else:
            self.blocks.append(Block(level.style, f"{place.label} {text}".lstrip(), key=key))

    def units(self, task: Task, role: Literal["lead", "support"]) -> str:
        return unit_names(self.plan, task, role)

    def section(self, section: Section) -> None:
        key = f"section {section.id}" if section.id else ""
        self.heading(self.outline.places[id(section)], section.title, section.plain, key)
        out = self.blocks
        out.extend(_text(section.text))
        out.extend(_items(section.items))
        out.extend(_target(t) for t in section.targets if t.stated == "bullet")
        rows = [t for t in section.targets if t.stated == "row"]
        if rows:
            headings = section.target_columns or ["TT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch"]
            cells: list[TableRow | list[CellValue]] = [
                [str(n), t.text or t.name or "", t.unit or "", vn.format_number(t.value)]
                for n, t in enumerate(rows, 1)
            ]
            out.append(_table_block(WrittenTable(columns=list(headings), rows=cells)))
        if section.table:
            out.append(_table_block(section.table))
        if section.budget:
            self.blocks.extend(budget_blocks(section.budget))
        group = isinstance(section, Task) and bool(section.tasks)
        if isinstance(section, Task) and group:
            self.assignment(section)  # a group's own lead, before its tasks
        for task in section.tasks:
            self.section(task)
        if section.organization:
            frame = self.outline.frames[id(section)]
            self.organization(section.organization, frame, len(section.tasks))
        for child in section.sections:
            self.section(child)
        if isinstance(section, Task) and not group:
            self.assignment(section)
        out.extend(_text(section.closing))

    def assignment(self, task: Task) -> None:
        """The task's assignment in the form the document (or the task) chose, if any."""
        mode = task.assignment or self.plan.assignment
        if mode == "none" or not task.leads:
            return
        if mode == "sentence":
            words = f"{vn.enumeration([self.plan.unit_name(k) for k in task.leads])} chủ trì"
            if task.support:
                words += ", phối hợp với " + vn.enumeration(
                    [self.plan.unit_name(k) for k in task.support]
                )
            words += " thực hiện"
            if task.due is not None:
                words += vn.due_clause(task.due)
            self.blocks.append(Block(TEXT, words + "."))
            return
        parts = [f"Cơ quan chủ trì: {self.units(task, 'lead')}"]
        if task.support:
            parts.append(f"cơ quan phối hợp: {self.units(task, 'support')}")
        if task.output:
            parts.append(f"sản phẩm: {task.output}")
        if task.due is not None:
            parts.append(f"thời hạn hoàn thành: {vn.due_text(task.due)}")
        self.blocks.append(Block(TEXT, "; ".join(parts) + "."))

    def organization(self, org: Organization, frame: numbering.Frame, start: int) -> None:
        duties: dict[str, list[Duty]] = {}
        for duty in org.duties:
            duties.setdefault(duty.unit, []).append(duty)
        for offset, key in enumerate(self.outline.org_units(org)):
            self.heading(frame.place(start + offset), self.plan.unit_name(key), key=f"unit {key}")
            if org.from_tasks:
                for role, by_unit in (
                    ("Chủ trì", self.outline.leads),
                    ("Phối hợp", self.outline.supports),
                ):  # the unit's tasks in reading order, each once
                    chosen = list({id(t): t for t in by_unit.get(key, [])}.values())
                    if chosen:
                        listed = "; ".join(
                            f"“{t.title}” ({self.outline.places[id(t)].reference()})"
                            for t in chosen
                        )
                        noun = "các nhiệm vụ" if len(chosen) > 1 else "nhiệm vụ"
                        words = f"- {role} thực hiện {noun}: {listed}."
                        self.blocks.append(Block(DASH, words, key=f"unit {key} {role}"))
            for duty in duties.get(key, []):
                self.blocks.extend(_paragraphs(duty.text))
                self.blocks.extend(_items(duty.items))


def _end_mark(blocks: list[Block]) -> None:
    """Decree 30 models end the body with './.' after the last sentence."""
    last = blocks[-1]
    blocks[-1] = dataclasses.replace(last, text=last.text.rstrip(" .;:,") + "./.")


def body(plan: Plan) -> list[Block]:
    """Every body paragraph, from the căn cứ to the end mark."""
    writer = _Writer(plan)
    writer.blocks.extend(to_lines(plan.to))
    if plan.kind_info.decides:
        writer.blocks.append(Block(AUTHORITY, vn.upper(plan.authority or plan.issuer.name)))
    writer.blocks.extend(opening(plan))
    if plan.kind_info.decides:
        writer.blocks.append(Block(DECIDES, "QUYẾT ĐỊNH:"))
    for section in plan.sections:
        writer.section(section)
    writer.blocks.extend(_paragraphs(plan.closing))
    _end_mark(writer.blocks)
    return [_footnoted(block) for block in writer.blocks]


FOOTNOTE = re.compile(r"\[\^([^\[\]\s][^\[\]]*)\]")
"""A footnote written in the text: `…quy định[^Theo Điều 5 Nghị định số 35/2022/NĐ-CP.]`."""


def _footnoted(block: Block) -> Block:
    """The block with its `[^…]` notes taken out of the text and kept where they stood."""
    if "[^" not in block.text:
        return block
    text, notes, start = "", [], 0
    for match in FOOTNOTE.finditer(block.text):
        before = block.text[start : match.start()]
        if block.text[match.end() : match.end() + 1] in {" ", ".", ",", ";", ":"}:
            before = before.rstrip(" ")  # 'Dấu [^…] có' marks 'Dấu', with one space after
        text += before
        notes.append((len(text), match[1].strip()))
        start = match.end()
    text += block.text[start:]
    return dataclasses.replace(block, text=text, notes=tuple(notes))


def symbol(plan: Plan) -> str:
    return vn.symbol(plan.kind_info.code, plan.issuer.abbr)


def number_symbol(plan: Plan) -> str:
    """'26/KH-UBND', as cited; a blank for the number in a draft."""
    return vn.number_symbol(plan.number, symbol(plan))


def reference_line(plan: Plan, by: CitedBy | None = None) -> str:
    """'(Kèm theo Kế hoạch số 26/KH-UBND ngày 22 tháng 01 năm 2024 của Ủy ban nhân dân …)',
    naming the authority or the agency as the document does (`by`)."""
    type_name = plan.kind_info.type_name
    number = vn.number_line(plan.number, symbol(plan)).removeprefix("Số:")  # ' 26/…' or blank
    when = vn.place_date("", plan.date, plan.year).removeprefix(", ")
    issuer = plan.issuer.name if by == "issuer" else plan.authority or plan.issuer.name
    return f"(Kèm theo {vn.sentence_start(type_name.lower())} số{number} {when} của {issuer})"


TASK_COLUMNS = {
    "number": "TT",
    "title": "Nội dung",
    "lead": "Cơ quan chủ trì",
    "support": "Cơ quan phối hợp",
    "output": "Sản phẩm",
    "due": "Thời hạn hoàn thành",
}
"""Each column a task table can have, by its default heading; widths follow the text."""


def _task_rows(plan: Plan, levels: numbering.Scheme) -> list[tuple[str, Task]]:
    """Every task with its TT: the top tasks numbered in a run, the tasks of a group under
    it with the next levels (1 → a), b) or 1.1, 1.2), so the table keeps the hierarchy."""
    rows: list[tuple[str, Task]] = []

    def visit(group: Sequence[Task], depth: int, parent: str) -> None:
        level = levels[min(depth, len(levels) - 1)]
        for index, task in enumerate(group):
            label = level.label(index, parent)
            rows.append((label.rstrip(".") if label.endswith(".") else label, task))
            visit(task.tasks, depth + 1, label)

    tops = [t for _, s, _ in walk(plan.sections) if not isinstance(s, Task) for t in s.tasks]
    visit(tops, 0, "")
    return rows


def unit_names(plan: Plan, task: Task, role: Literal["lead", "support"]) -> str:
    """The task's lead (or supporting) units by name, joined as the document joins them."""
    names = [plan.unit_name(key) for key in (task.leads if role == "lead" else task.support)]
    separator = task.separator_for(role, plan.separator)
    return vn.enumeration(names) if separator == "và" else separator.join(names)


def task_table(plan: Plan, appendix: TaskTable) -> Table:
    """TT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Sản phẩm | Thời hạn, from the tasks,
    or the columns the appendix names; a group's row is bold."""

    def cell(field: TaskField, number: str, task: Task) -> str:
        """One cell's text, only that cell's worded (a table has thousands of them)."""
        match field:
            case "number":
                return number
            case "title":
                return task.table_title or task.title
            case "lead" | "support":  # a cell begins with a capital: 'Các cơ quan, …'
                return vn.sentence_start(unit_names(plan, task, field))
            case "output":
                return task.output or ""
            case "due":
                return vn.due_text(task.due) if task.due is not None else ""

    fields = list(appendix.fields)
    found = _task_rows(plan, numbering.scheme(appendix.numbering))
    return Table(
        list(appendix.columns or [TASK_COLUMNS[f] for f in fields]),
        [None] * len(fields),
        [[cell(f, number, task) for f in fields] for number, task in found],
        frozenset(i for i, f in enumerate(fields) if f in ("number", "due")),
        frozenset(row for row, (_, task) in enumerate(found) if task.tasks),
        content=fields.index("title") if "title" in fields else None,
    )


def appendices(plan: Plan, cited: Plan | None = None) -> list[AppendixPage]:
    """The plan's Phụ lục, each '(Kèm theo …)' the document `cited` (the plan itself, or the
    decision that issues it); a decision's are followed by those of what it issues."""
    pages = []
    many = len(plan.appendices) > 1
    for number, appendix in enumerate(plan.appendices, 1):
        if isinstance(appendix, TaskTable):
            table = task_table(plan, appendix)
        else:
            assert isinstance(appendix, GivenTable)
            table = written_table(appendix)
        heading = f"Phụ lục {vn.roman(number)}" if many else "Phụ lục"
        reference = reference_line(cited or plan, appendix.by)
        title = vn.upper(appendix.title)
        pages.append(AppendixPage(heading, title, reference, table, appendix.separate))
    document = plan.attachment_plan()
    return pages + (appendices(document, plan) if document else [])


def authority_lines(signature: Signature) -> list[str]:
    return vn.signature_lines(
        signature.collective,
        signature.authority,
        signature.head,
        signature.position,
        signature.deputy_for,
    )


def _lines(explicit: list[str] | None) -> tuple[str, ...] | None:
    return tuple(explicit) if explicit else None


def resolved(plan: Plan, reported: Plan | None) -> Plan:
    """The plan as it is worded: a báo cáo's `report:` sections filled in from the plan
    it reports on (report.py)."""
    if reported is not None:
        return report.resolve(plan, reported)
    return report.standing_alone(plan) if plan.results else plan


PROPERTY_LIMIT = 255
"""Most characters a core property (title, subject …) holds (OPC; python-docx refuses more)."""


def _property(text: str) -> str:
    """A core property from document text: the whole text when it fits, else cut at a word
    with '…'; the document itself always keeps the whole text."""
    if len(text) <= PROPERTY_LIMIT:
        return text
    return text[: PROPERTY_LIMIT - 1].rsplit(" ", 1)[0] + "…"


def build_context(plan: Plan, reported: Plan | None = None) -> TemplateContext:
    """Everything the template shows, worded, numbered and derived from the plan."""
    plan = resolved(plan, reported)
    draft = plan.issue == "draft" and plan.is_draft
    plan = plan.as_issued()
    code, type_name = plan.kind_info.code, plan.kind_info.type_name
    created = dt.datetime.combine(
        plan.date or dt.date(plan.year, 1, 1), dt.time(), tzinfo=dt.timezone.utc
    )
    number = number_symbol(plan).strip()
    pages = appendices(plan)
    return TemplateContext(
        issuer_parent=(
            AgencyName(plan.issuer.parent, _lines(plan.issuer.parent_lines))
            if plan.issuer.parent
            else None
        ),
        issuer=AgencyName(plan.issuer.name, _lines(plan.issuer.header_lines)),
        number_line=vn.number_line(plan.number, symbol(plan)),
        place_date=vn.place_date(plan.issuer.place, plan.date, plan.year),
        type_name=type_name,
        subject=plan.subject,
        body=body(plan),
        recipient_lines=vn.recipient_lines(list(plan.recipients), list(plan.archive), plan.drafter),
        authority_lines=authority_lines(plan.signature),
        signer_name=plan.signature.name,
        appendices=pages,
        metadata=Metadata(
            title=_property(plan.subject),
            subject=_property(f"{vn.sentence_start(type_name.lower())} {number}"),
            author=_property(plan.issuer.name),
            created=created,
            keywords="; ".join(part for part in (code, str(plan.year)) if part),
            appendices_elsewhere=(
                *rules.appendices_elsewhere(plan),
                *(page.heading for page in pages if page.separate),
            ),
        ),
        draft=draft,
        attached=attached(plan),
        titled=plan.kind_info.titled,
    )


def attached(plan: Plan) -> Attached | None:
    """What a quyết định issues, laid out as a plan of its own after the decision."""
    document = plan.attachment_plan()
    if document is None or plan.attached is None:
        return None
    type_name = KINDS[plan.attached.kind].type_name
    reference = reference_line(plan, plan.attached.by)
    return Attached(type_name, plan.attached.subject, reference, body(document))
