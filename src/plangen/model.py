"""The plan format: pydantic models of a KẾ HOẠCH and its parts.

Types, required fields and single-field formats live here; facts that involve
several fields (dates in order, unit keys known, sums) are checked in `rules.py`.
Field docstrings become the JSON Schema descriptions editors show on hover (`docstrings`).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PlainSerializer,
    PlainValidator,
    Tag,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from plangen import kinds, vn

# C0/C1 control characters that XML 1.0 cannot hold or that Word would turn into
# breaks; tab, newline and carriage return are handled by the text types below.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"\s+")
_HIDDEN = {
    "bidi": re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"),
    "invisible": re.compile("[\u180e\u200b\u2060-\u2064\ufeff]"),
    "nonchar": re.compile(
        "[\ufdd0-\ufdef"
        + "".join(f"{chr(p + 0xFFFE)}{chr(p + 0xFFFF)}" for p in range(0, 0x110000, 0x10000))
        + "]"
    ),
}
"""Text that is not what it looks like: bidi controls that reorder what is shown (U+202E),
invisible characters (zero-width space, word joiner, a stray BOM) and noncharacters.
Joiners (U+200C, U+200D) stay: emoji and some scripts need them."""


_SUSPECT = re.compile("|".join([_CONTROL.pattern, *(p.pattern for p in _HIDDEN.values())]))
"""Any of them: one search finds whether a text has one (most have none)."""


def _clean(value: str) -> str:
    value = unicodedata.normalize("NFC", value)
    if not _SUSPECT.search(value):
        return value
    bad = _CONTROL.search(value)
    if bad:
        raise ValueError(f"control character U+{ord(bad.group()):04X}")
    for group, pattern in _HIDDEN.items():
        if found := pattern.search(value):
            raise ValueError(f"{group} character U+{ord(found.group()):04X} {found.start() + 1}")
    return value


def _line(value: str) -> str:
    """One line of text: whitespace (tabs, newlines) folds to single spaces."""
    value = _SPACES.sub(" ", _clean(value)).strip()
    if not value:
        raise ValueError("empty text")
    return value


def _paragraphs(value: str) -> str:
    """Text of one or more paragraphs: a blank line separates paragraphs."""
    value = _clean(value).replace("\r\n", "\n").replace("\r", "\n")
    parts = [_SPACES.sub(" ", p).strip() for p in re.split(r"\n[ \t]*\n", value)]
    parts = [p for p in parts if p]
    if not parts:
        raise ValueError("empty text")
    return "\n\n".join(parts)


def _not_bool(value: object) -> object:
    """`true` is not 1: YAML's booleans never become numbers."""
    if isinstance(value, bool):
        raise PydanticCustomError("int_type", "Input should be a valid integer")
    return value


def _not_number(value: object) -> object:
    """A date is written `2024-01-22`: a bare number (a Unix time) is not one."""
    if isinstance(value, (int, float, Decimal)):
        raise PydanticCustomError("date_type", "Input should be a valid date")
    return value


Whole = Annotated[int, BeforeValidator(_not_bool)]
"""A whole number as typed in decimal; `true` is refused, not read as 1."""

Year = Annotated[Whole, Field(ge=1945, le=2200)]
"""A year of a plan, a period or a deadline."""

Date = Annotated[dt.date, BeforeValidator(_not_number)]
"""A date written `YYYY-MM-DD`."""

Line = Annotated[str, AfterValidator(_line)]
"""Single-line text; newlines and tabs fold to spaces, control characters are refused."""

Cell = Annotated[str, AfterValidator(lambda value: _line(value) if value.strip() else "")]
"""A table cell: one line of text, or empty."""

Paragraphs = Annotated[str, AfterValidator(_paragraphs)]
"""Free text; paragraphs are separated by a blank line."""

Key = Annotated[str, Field(pattern=r"^[A-Za-z0-9_ĐđÀ-ỹ][A-Za-z0-9_.\-ĐđÀ-ỹ]*$", max_length=40)]
"""A short identifier used to refer to a unit, a task or a target."""


def _one_of(allowed: tuple[str, ...]) -> AfterValidator:
    """A value from `allowed` (read from the kinds registry), reported as a Literal would be."""

    def check(value: str) -> str:
        if value not in allowed:
            expected = ", ".join(f"'{key}'" for key in allowed)
            raise PydanticCustomError(
                "literal_error", "not one of {expected}", {"expected": expected}
            )
        return value

    return AfterValidator(check)


DocumentKind = Annotated[str, _one_of(kinds.ISSUED), WithJsonSchema({"enum": list(kinds.ISSUED)})]
"""A kind a plan file can be (kinds.ISSUED)."""

AttachableKind = Annotated[
    str, _one_of(kinds.ATTACHABLE), WithJsonSchema({"enum": list(kinds.ATTACHABLE)})
]
"""A kind a quyết định can issue (kinds.ATTACHABLE)."""

Units = Annotated[
    dict[Key, Line],
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "object", "additionalProperties": {"type": "string"}},
                {"type": "string", "description": "Path of a shared units file, e.g. units.yaml"},
            ]
        }
    ),
]
"""Unit registry: key → full name. A path in the file (`units: units.yaml`) is read by the
loader, so after loading it is always a mapping."""

ArchiveEntry = Annotated[
    str, Field(pattern=r"^[A-ZĐ][A-Za-zĐđ0-9&.\-]*( ?\([^()]+\))?$", max_length=60)
]
"""One entry of the Lưu line: a unit code, perhaps with a name or copies, `TH (Thắng)`."""


@dataclass(frozen=True)
class Money:
    """Số tiền: an amount exactly as written, its value and any scale word after it
    (`250 triệu`), so it prints as typed and sums exactly in the budget's unit."""

    value: Decimal
    scale: str | None = None

    def __str__(self) -> str:
        return f"{self.value} {self.scale}" if self.scale else str(self.value)


def _money(value: object) -> Money:
    if isinstance(value, Money):
        return value
    if isinstance(value, str):
        try:
            number, scale = vn.read_amount(value)
        except ValueError as exc:
            raise PydanticCustomError("decimal_parsing", str(exc)) from None
        return Money(number, scale)
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, float)):
        raise PydanticCustomError("decimal_type", "Decimal input should be a number")
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if not number.is_finite():
        raise PydanticCustomError("finite_number", "Input should be a finite number")
    reason = vn.ambiguous_number(number)
    if reason:
        raise ValueError(reason)
    if number < 0:
        raise PydanticCustomError(
            "greater_than_equal", "Input should be greater than or equal to {ge}", {"ge": 0}
        )
    return Money(number)


def _unambiguous(value: object) -> object:
    """A bare YAML number like 1.280 is refused: thousands or a fraction, nobody can tell."""
    reason = vn.ambiguous_number(value) if isinstance(value, Decimal) else None
    if reason:
        raise ValueError(reason)
    return value


Amount = Annotated[
    Money,
    PlainValidator(_money),
    PlainSerializer(str),
    WithJsonSchema(
        {"anyOf": [{"type": "number", "minimum": 0}, {"type": "string"}]},
    ),
]
"""An amount: a number, or Vietnamese notation in quotes (`"1.280"`, `"5.801,28"`,
`"250 triệu"`); a bare `1.280` is refused, as YAML would read it 1.28."""


Issue = Literal["draft", "electronic", "final"]
"""Issuance mode: a draft, an electronic document numbered by the system, a final paper."""


def _as_text(value: object) -> object:
    """A level written bare in YAML (`1`, `1.1`) is read as a number: take it as written."""
    return (
        str(value)
        if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)
        else value
    )


LevelName = Annotated[
    Literal["Phần thứ nhất", "Phần I", "A", "I", "1", "1.1", "a", "(1)", "-", "+", "none", "Điều"],
    BeforeValidator(_as_text),
]
"""A numbering level: `Phần thứ nhất`/`Phần I`, `A` (A.), `I` (I.), `1` (1.), `1.1` (the
parent's number continued: 2.1., 2.1.1.), `a` (a)), `(1)`, `-`, `+`, `none` (no label)."""

Numbering = Annotated[list[LevelName], Field(min_length=1)]


class _Model(BaseModel):
    # Not `use_attribute_docstrings`: only the schema needs the docstrings (`docstrings`).
    # `defer_build`: a validator is built when first used, so a build makes Plan's (every
    # model inside it included) once instead of one per class at import (15 ms cold).
    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=False, defer_build=True
    )


class Issuer(_Model):
    """Cơ quan ban hành: the body that issues the document."""

    name: Line
    """Full official name (tên cơ quan ban hành), e.g. `Ủy ban nhân dân tỉnh Thừa Thiên Huế`."""
    parent: Line | None = None
    """Direct parent agency (cơ quan chủ quản), e.g. `UBND tỉnh Thừa Thiên Huế` for a Sở."""
    header_lines: list[Line] | None = None
    """The name's header lines as the author breaks them; else broken at the administrative
    level to fit the header ('ỦY BAN NHÂN DÂN' / 'TỈNH LÀO CAI'). Upper-cased when rendered."""
    parent_lines: list[Line] | None = None
    """The parent's header lines as the author breaks them; else broken to fit."""
    abbr: Annotated[str, Field(pattern=r"^[A-ZĐ][A-Za-zĐđ0-9]*(-[A-ZĐ0-9][A-Za-zĐđ0-9&]*)*$")]
    """Abbreviation used in the symbol (ký hiệu), e.g. `UBND` in `26/KH-UBND`."""
    place: Line
    """Place name of the date line (địa danh), e.g. `Thừa Thiên Huế`."""


class Citation(_Model):
    """One cited document, in the standard wording: type, number, date, issuer, trích yếu."""

    type: Line | None = None
    """Document type (loại văn bản), e.g. `Quyết định`, `Nghị quyết`, `Luật`."""
    number: Line | None = None
    """Number and symbol (số, ký hiệu), e.g. `597/QĐ-UBND`; absent for a law cited by name."""
    date: Date | None = None
    """Date the cited document was issued."""
    date_form: Literal["short", "long"] | None = None
    """`short` '28/5/2022' or `long` 'ngày 28 tháng 5 năm 2022', when this citation differs
    from the document's `citation_dates`; a law cited by name takes the long form."""
    issuer: Line | None = None
    """Issuing body as cited, e.g. `UBND tỉnh`, `Thủ tướng Chính phủ`; after `Theo đề nghị
    của`, the body that proposes."""
    subject: Line | None = None
    """The cited document's own trích yếu, e.g. `về việc phê duyệt …`."""
    text: Line | None = None
    """Free wording, when the structured form does not fit."""


class LegalBasis(Citation):
    """Căn cứ: one paragraph citing the documents the plan rests on."""

    verb: Literal["Căn cứ", "Thực hiện", "Theo đề nghị của", "Xét đề nghị của"] = "Căn cứ"
    """How the paragraph opens."""
    also: list[Citation] = []
    """Further documents cited in the same paragraph, each after '; '."""
    end: Literal[";", ".", ","] | None = None
    """Closing mark, when the document differs from the rule: ';' between căn cứ; the last
    '.', or ';' where 'Căn cứ …' clauses lead into the preamble, or ',' where they open it."""


class ItemNode(_Model):
    """A bullet with its own sub-bullets (`-` with `+` under it), or a paragraph set apart:
    plain between bullets, centred, italic or bold, with a bold lead-in."""

    text: Paragraphs
    """The bullet's text."""
    items: list[Item] = []
    """Sub-bullets."""
    mark: Literal["-", "+", "none"] | None = None
    """Its mark when not the usual one for where it stands (`none`: a plain paragraph)."""
    lead: Line | None = None
    """Bold words that open the paragraph, e.g. `Về khoa học công nghệ:`."""
    align: Literal["center", "right"] | None = None
    """`center` for a note such as `(Chi tiết tại Phụ lục 01 đính kèm)`."""
    emphasis: Literal["bold", "italic", "bold italic"] | None = None
    """The whole paragraph in bold or italic."""
    quiet: list[Literal["appendix-missing"]] = []
    """Warnings not to give for this paragraph, e.g. an appendix issued as a separate file."""


def _item_shape(value: object) -> str:
    return "node" if isinstance(value, (dict, ItemNode)) else "text"


Item = Annotated[
    Annotated[Paragraphs, Tag("text")] | Annotated[ItemNode, Tag("node")],
    Discriminator(_item_shape),
]
"""A bullet: plain text, or a node with sub-bullets."""


class Target(_Model):
    """Chỉ tiêu: a numeric target, e.g. growth of industrial output 7-8%."""

    id: Key | None = None
    """Stable key, so next year's plan and reports can refer to the target."""
    name: Line
    """What is measured, e.g. `Tốc độ tăng giá trị sản xuất ngành Công nghiệp`."""
    value: Annotated[Decimal | Whole | Line, BeforeValidator(_unambiguous)]
    """Planned value: a number (`1110`, `13.5`) or text for a range (`7-8`)."""
    unit: Line | None = None
    """Unit, e.g. `%`, `tỷ đồng`, `cơ sở`."""
    verb: Line = "đạt"
    """Word between name and value: `đạt`, `đạt trên`, `chiếm`, `tăng`."""
    note: Line | None = None
    """Text added after the value."""
    review: bool = False
    """Set by `plangen new`: carried over from last year, to be confirmed or changed."""
    text: Line | None = None
    """The bullet as written, instead of `name verb value unit; note`; it must state the value."""
    stated: Literal["bullet", "heading", "text", "row"] = "bullet"
    """Where the text states it: its own bullet, the section's heading (printed once, as the
    heading), the section's text (the value must appear there), or a row of the section's
    table of targets (TT | Chỉ tiêu | Đơn vị tính | Kế hoạch)."""


class BudgetLine(_Model):
    """Một nguồn kinh phí: a source of funds (or a project under one) and its amount."""

    source: Line | None = None
    """Source of funds (nguồn kinh phí), e.g. `Kinh phí khuyến công quốc gia`."""
    amount: Amount | None = None
    """Amount in the budget's unit (`285`, `"1.280"`, `"250 triệu"`); none when not stated."""
    note: Line | None = None
    """Text after the amount, in brackets."""
    text: Line | None = None
    """The line as written, instead of `source: amount`; it must state the amount."""
    in_text: bool = False
    """Stated inside the enclosing line's text (`Tằng Loỏng (70 tỷ đồng), …`), not printed."""
    lines: list[BudgetLine] = []
    """Its parts (the projects under a source); their amounts add up to this one's."""
    items: list[Item] = []
    """Bullets after the parts, e.g. what the source pays for."""
    by_year: dict[int, Amount] = {}
    """Amounts by year, in a budget with `years`; they add up to `amount`, if it is given."""

    def in_unit(self, unit: str) -> Decimal | None:
        """The amount in `unit`, or the sum of the years when only they are given."""
        if self.amount:
            return vn.in_unit(self.amount.value, self.amount.scale, unit)
        if self.by_year:
            return sum(
                (vn.in_unit(a.value, a.scale, unit) for a in self.by_year.values()), Decimal(0)
            )
        return None


def total_of(lines: Sequence[BudgetLine], unit: str) -> Decimal | None:
    """The sum of the lines in `unit`, or None when one of them states no amount."""
    amounts = [line.in_unit(unit) for line in lines]
    if not amounts or any(a is None for a in amounts):
        return None
    return sum((a for a in amounts if a is not None), Decimal(0))


class Budget(_Model):
    """Kinh phí thực hiện: sources of funds, with parts; every stated total is checked."""

    unit: Literal["đồng", "nghìn đồng", "triệu đồng", "tỷ đồng"] = "đồng"
    """Unit of every amount."""
    lines: list[BudgetLine] = Field(min_length=1)
    """The sources, in the order they are printed."""
    total: Amount | None = None
    """Total as stated; checked against the sum of the lines, and printed as written."""
    intro: Line = "Tổng kinh phí thực hiện"
    """Words before the total; with `inline`, a leading `- ` makes it a bullet."""
    inline: bool = False
    """One sentence (`… 0,935 tỷ đồng, trong đó: A 0,25 tỷ đồng, B … và C …`) instead of a list."""
    inline_form: Literal["và", "colon"] = "và"
    """The sentence's list: `A 0,25 tỷ đồng, B … và C …`, or `colon`: `A: 0,25 tỷ đồng; B: …`."""
    years: list[int] | None = None
    """A multi-year budget: a table with these years as columns (each line's `by_year`)."""
    columns: list[Line] | None = None
    """The table's headings, when not `TT | Nguồn kinh phí | Năm … | Tổng cộng`."""
    numbering: Numbering = ["-", "+"]
    """Labels of the lines, then of their parts: e.g. `["1", "+"]` for 1., 2. with + under."""
    review: bool = False
    """Set by `plangen new`: last year's amounts, to be confirmed or changed."""

    @property
    def sum(self) -> Decimal | None:
        """The total of the lines, at the finest scale any line is written in."""
        return total_of(self.lines, self.unit)


class Duty(_Model):
    """Duties of one unit in Tổ chức thực hiện, beyond those gathered from tasks."""

    unit: Key
    """Unit key from `units`."""
    text: Paragraphs | None = None
    """Duties written as paragraphs (no `- ` in front)."""
    items: list[Item] = []
    """The duties, one bullet each (after `text`)."""


class Organization(_Model):
    """Tổ chức thực hiện: duties per agency, gathered from the tasks plus extra duties."""

    from_tasks: bool = True
    """Derive each lead and supporting unit's duties from the tasks."""
    duties: list[Duty] = []
    """Duties per unit, in the order the units are printed."""
    order: list[Key] | None = None
    """The order of the units' headings, when not that of `duties` (then of the tasks)."""


class Section(_Model):
    """A numbered part of the body (mục I., khoản 1., điểm a)) and what it holds.

    Parts are printed in this order: text, items, targets, budget, tasks,
    organization, sections, (a task's assignment line), closing.
    """

    id: Key | None = None
    """Stable key for overlays and diffs."""
    title: Line
    """Heading (tiêu đề); the number in front of it is computed."""
    plain: bool = False
    """The title is the part's first sentence, not a heading: printed upright and regular after
    its number, as a khoản without a title (Decree 30 §4.7 b)."""
    numbering: Numbering | None = None
    """Numbering of the levels under this section when it differs from the document's,
    e.g. `["-"]` for tasks printed as bullets, `["1.1", a]` for 2.1., 2.2. under khoản 2."""
    text: Paragraphs | list[Item] | None = None
    """Paragraphs under the heading; as a list, each a paragraph (`{text, align, …}` to set
    one apart, `mark: "-"` for a bullet among them)."""
    items: list[Item] = []
    """Bullets (`-`, with `+` sub-bullets)."""
    targets: list[Target] = []
    """Numeric targets (chỉ tiêu)."""
    table: WrittenTable | None = None
    """A table (bảng) after the targets, e.g. figures by year."""
    target_columns: Annotated[list[Line], Field(min_length=4, max_length=4)] | None = None
    """Headings of the table of targets (`stated: row`), when not TT | Chỉ tiêu | Đơn vị tính
    | Kế hoạch."""
    budget: Budget | None = None
    """Funds (kinh phí)."""
    tasks: list[Task] = []
    """Tasks (nhiệm vụ), numbered as sub-sections and listed in a task appendix."""
    organization: Organization | None = None
    """Tổ chức thực hiện, derived per unit."""
    sections: list[Section] = []
    """Sub-sections."""
    closing: Paragraphs | list[Item] | None = None
    """Paragraphs after everything else in the section (a list as in `text`)."""
    report: Literal["targets", "tasks"] | None = None
    """In a báo cáo: list each target (planned → achieved) or each task (status) of the
    plan reported on, worded from that plan and `results`."""


AssignmentMode = Literal["none", "sentence", "line"]
"""How a task's assignment is printed under it: `none` (only the appendix and the Tổ chức
thực hiện use it), `sentence` (`Sở Công Thương chủ trì, phối hợp với … thực hiện; hoàn thành
trong Quý II/2026.`) or `line` (`Cơ quan chủ trì: …; cơ quan phối hợp: …; thời hạn hoàn
thành: ….`)."""

Separator = Literal[", ", "; ", "và"]
"""Between the names of several units: `, `, `; `, or `và` ('A, B và C')."""


class Separators(_Model):
    """Separators for the lead and the supporting units when they differ (seed 006:
    'Cục A, Sở B' leading, 'Vụ C; các cơ quan, đơn vị có liên quan' supporting)."""

    lead: Separator | None = None
    """Between the lead units."""
    support: Separator | None = None
    """Between the supporting units."""


class Task(Section):
    """Nhiệm vụ: work assigned to lead units (cơ quan chủ trì) with a deadline; a group
    task has tasks under it, with or without a lead of its own."""

    id: Key
    """Stable key, unique in the plan."""
    lead: Key | list[Key] | None = None
    """Key of the lead unit (cơ quan chủ trì), or a list of keys for several; a group task
    may leave it out."""
    support: list[Key] = []
    """Keys of the supporting units (cơ quan phối hợp)."""
    due: Year | Line | None = None
    """Deadline (thời hạn) as the office writes it: `2026`, `30/6/2026`, `Tháng 6/2026`,
    `Quý II/2026`, `Quý III, IV/2026`, `Quý IV/2026, 2027`, `6 tháng đầu năm 2026`,
    `Trước ngày 15/12/2026`, `2021-2025`, `Hằng năm`, `Thường xuyên`."""
    output: Line | None = None
    """Product (sản phẩm), e.g. `Đề án`, `Báo cáo`."""
    assignment: AssignmentMode | None = None
    """How this task's assignment is printed, when not as the document's `assignment`."""
    separator: Separator | Separators | None = None
    """Between the names of several units, when not the document's `separator`; a mapping
    `{lead: ", ", support: "; "}` when the lead and the supporting units differ."""
    table_title: Line | None = None
    """The task as the task appendix words it, when that differs from its heading in the
    body (seed 006 words each task twice)."""
    review: bool = False
    """Set by `plangen new` on a task done once (a deadline of one day, month or quarter):
    carried over to the new year, to be confirmed, changed or removed."""

    @property
    def leads(self) -> list[str]:
        """The lead units' keys, however many are given."""
        if self.lead is None:
            return []
        return [self.lead] if isinstance(self.lead, str) else list(self.lead)

    def separator_for(self, role: Literal["lead", "support"], default: str) -> str:
        """The separator between this task's lead (or supporting) units."""
        chosen = self.separator
        if isinstance(chosen, Separators):
            chosen = getattr(chosen, role)
        return chosen or default


TaskField = Literal["number", "title", "lead", "support", "output", "due"]


CitedBy = Literal["authority", "issuer"]
"""Whom a `(Kèm theo … của …)` line names: `authority`, the head that holds the power
('của Bộ trưởng Bộ …'), or `issuer`, the agency ('của Bộ …')."""


class _Annex(_Model):
    """What every appendix may say about how it is issued."""

    separate: bool = False
    """Issued as a file of its own (tệp tin riêng), beside the document: electronically the
    organisation signs it at the top right of its first page (Phụ lục I III.1.d)."""


class TaskTable(_Annex):
    """An appendix table derived from every task in the plan."""

    title: Line
    """Appendix title, printed in capitals."""
    by: CitedBy | None = None
    """Whom its `(Kèm theo …)` line names (default: the document's authority, else issuer)."""
    quiet: list[Literal["appendix-unmentioned"]] = []
    """Checks not to make for this appendix: `appendix-unmentioned` where the issued text,
    reproduced as it is, never points to its appendix (seed 006)."""
    table: Literal["tasks"]
    """`tasks`: TT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Sản phẩm | Thời hạn."""
    fields: Annotated[list[TaskField], Field(min_length=1)] = [
        "number",
        "title",
        "lead",
        "support",
        "output",
        "due",
    ]
    """The columns, in order: `number` (TT), `title`, `lead`, `support`, `output`, `due`."""
    columns: Annotated[list[Line], Field(min_length=1)] | None = None
    """Other wording for the column headings, one per field, e.g. `Thời gian thực hiện`."""
    numbering: Numbering = ["1", "a"]
    """TT of the top tasks, then of the tasks in a group (`a` → a), b); `1.1` → 1.1, 1.2)."""


class TableColumn(_Model):
    """A column of a table written in the plan."""

    title: Line
    """Its heading."""
    width: int | None = Field(default=None, ge=1, le=100)
    """Its share of the table's width in percent (when every column has one, they share it
    in proportion); by default each column is as wide as its longest word and takes the
    rest by how much text it holds, so TT is narrow and the content widest."""
    align: Literal["left", "center", "right"] | None = None
    """Alignment of its cells; by default TT and columns of figures are centred."""


class TableCell(_Model):
    """A cell that spans columns (`span`) or rows (`rows`), or stands out in bold."""

    text: Cell = ""
    """Its text; empty for an empty merged cell."""
    span: int = Field(default=1, ge=1, le=50)
    """Columns it covers (gộp cột)."""
    rows: int = Field(default=1, ge=1, le=500)
    """Rows it covers (gộp hàng)."""
    bold: bool = False
    """In bold."""


CellValue = TableCell | int | Annotated[Decimal, BeforeValidator(_unambiguous)] | Cell | None
"""A cell: text, a figure (`1.280` in quotes, or a number), a merged cell, or empty (`~`)."""


class TableRow(_Model):
    """A row that is printed in bold, as a group row."""

    cells: list[CellValue]
    """Its cells, left to right; a cell covered by a merge above or to the left is skipped."""
    bold: bool = False
    """Every cell in bold."""


class WrittenTable(_Model):
    """Bảng: a table written out in the plan; the headings repeat on every page."""

    columns: list[TableColumn | Line] = Field(min_length=1)
    """Column headings (with width and alignment when not the default)."""
    heading_rows: int = Field(default=0, ge=0)
    """Rows of `rows` that are headings too (a second heading line), repeated on each page."""
    rows: list[TableRow | list[CellValue]] = Field(min_length=1)
    """Rows of cells; together with merged cells, as many as there are columns."""


class GivenTable(_Annex, WrittenTable):
    """An appendix table written out in the plan."""

    title: Line
    """Appendix title, printed in capitals."""
    by: CitedBy | None = None
    """Whom its `(Kèm theo …)` line names (default: the document's authority, else issuer)."""
    quiet: list[Literal["appendix-unmentioned"]] = []
    """Checks not to make for this appendix: `appendix-unmentioned` where the issued text,
    reproduced as it is, never points to its appendix (seed 006)."""


def _appendix_shape(value: object) -> str:
    if isinstance(value, TaskTable) or (isinstance(value, dict) and "table" in value):
        return "tasks"
    return "given"


Appendix = Annotated[
    Annotated[TaskTable, Tag("tasks")] | Annotated[GivenTable, Tag("given")],
    Discriminator(_appendix_shape),
]
"""Phụ lục: a table derived from the tasks, or a table written out."""


class TargetResult(_Model):
    """What a target reached (kết quả thực hiện chỉ tiêu); a report that stands alone (no
    `reports_on`) gives the target here too: `name`, `planned`, `unit`."""

    name: Line | None = None
    """What is measured, when no plan is reported on."""
    planned: Annotated[Decimal | Whole | Line, BeforeValidator(_unambiguous)] | None = None
    """The value planned, when no plan is reported on."""
    unit: Line | None = None
    """Unit of both values, when no plan is reported on."""

    achieved: Annotated[Decimal | Whole | Line, BeforeValidator(_unambiguous)]
    """Value reached, in the target's unit."""
    note: Line | None = None
    """Words after the figures."""


class TaskResult(_Model):
    """Where a task stands (tình hình thực hiện nhiệm vụ)."""

    title: Line | None = None
    """The task, when no plan is reported on."""

    status: Literal["hoàn thành", "đang thực hiện", "chậm tiến độ", "chưa thực hiện"]
    """Trạng thái."""
    note: Line | None = None
    """What was done, or why not."""


class Results(_Model):
    """A báo cáo's figures, by the ids of the reported plan's targets and tasks."""

    targets: dict[Key, TargetResult] = {}
    """Target id → value reached."""
    tasks: dict[Key, TaskResult] = {}
    """Task id → status."""


class Attachment(_Model):
    """The document a quyết định issues or approves, printed after it (Mẫu 1.3):
    its own header and title, `(Kèm theo Quyết định số …)`, content, no signature."""

    kind: AttachableKind
    """Its type: CHƯƠNG TRÌNH, KẾ HOẠCH or ĐỀ ÁN."""
    subject: Line
    """Its trích yếu."""
    by: CitedBy | None = None
    """Whom its `(Kèm theo Quyết định …)` line names (default: the decision's authority)."""
    preamble: Paragraphs | None = None
    """Its own upright opening paragraph, e.g. `Ngày 21 tháng 5 năm 2026, Chính phủ ban hành …`."""
    sections: list[Section] = Field(min_length=1)
    """Its content, numbered I., 1., a)."""
    closing: Paragraphs | None = None
    """Final paragraphs; the end mark follows."""
    appendices: list[Appendix] = []
    """Its own Phụ lục (a task table lists its own tasks), each citing the decision."""


class Signature(_Model):
    """Người ký: the authority block and the signer."""

    collective: Line | None = None
    """Collective body signed for with TM. (thay mặt), e.g. `Ủy ban nhân dân`."""
    authority: Literal["KT", "Q", "TL", "TUQ"] | None = None
    """KT. (ký thay), Q. (quyền), TL. (thừa lệnh), TUQ. (thừa ủy quyền); none if the head signs."""
    head: Line | None = None
    """Title of the head the authority refers to, e.g. `Chủ tịch` in `KT. CHỦ TỊCH`."""
    position: Line | None = None
    """Signer's position (chức vụ), e.g. `Phó Chủ tịch`, `Thứ trưởng`."""
    deputy_for: Line | None = None
    """With TL. or TUQ.: the head of the unit whose deputy signs for them (Điều 13.4),
    e.g. `Vụ trưởng Vụ Pháp chế`, printed 'KT. VỤ TRƯỞNG VỤ PHÁP CHẾ' over the position."""
    name: Line
    """Signer's full name, without academic titles."""


class Period(_Model):
    """The years a multi-year plan covers."""

    start: Year
    """First year."""
    end: Year
    """Last year."""


class Plan(_Model):
    """Văn bản: one document of any kind (kế hoạch, quyết định, công văn, báo cáo …), as
    written in a plan file; the name stays from the first kind plangen made."""

    kind: DocumentKind
    """Document type (kinds.py); decides the template, the type code, the title and the
    numbering."""
    issuer: Issuer
    """Cơ quan ban hành."""
    number: Whole | None = Field(default=None, ge=1, le=999999)
    """Running number (số) given by the văn thư; empty while a draft."""
    date: Date | None = None
    """Date of issue; empty while a draft."""
    issue: Issue = "draft"
    """Issuance mode (hình thức ban hành): `draft` prints DỰ THẢO while number or date is
    empty; `electronic` leaves both blank for the document-management system, which
    stamps them at issue (Decree 30 Art. 15.3); `final` requires both."""
    year: Year
    """The plan year (kế hoạch năm …)."""
    derived_from: Line | None = None
    """The plan this one was made from by `plangen new` (kế hoạch năm trước)."""
    period: Period | None = None
    """Years covered, for a multi-year plan; defaults to `year`."""
    subject: Line
    """Trích yếu: what the document is about, under its type name (a công văn: after `V/v`)."""
    to: list[Line] = []
    """Kính gửi: the addressees of a công văn, or the superior a báo cáo goes to."""
    authority: Line | None = None
    """Thẩm quyền ban hành of a quyết định, e.g. `Chủ tịch Ủy ban nhân dân tỉnh …`;
    the issuer's name when empty."""
    abbreviations: dict[Key, Line] = {}
    """Abbreviations used in the text (chữ viết tắt), e.g. `CNNT: công nghiệp nông thôn`."""
    bases: list[LegalBasis] = []
    """Căn cứ, one paragraph each."""
    citation_dates: Literal["short", "long"] = "short"
    """How citations write dates: `short` '12/3/2019' or `long` 'ngày 12 tháng 3 năm 2019'."""
    preamble: Paragraphs | None = None
    """The upright opening paragraph after the căn cứ, e.g. `UBND tỉnh ban hành Kế hoạch …
    như sau:`."""
    bases_in_preamble: bool = False
    """The căn cứ open the preamble's paragraph, upright, in one sentence with it:
    'Căn cứ Nghị quyết số 07-NQ/TU …, UBND tỉnh ban hành Kế hoạch thực hiện như sau:'."""
    sections: list[Section] = Field(min_length=1)
    """Body: mục I., II., … with their khoản and điểm."""
    numbering: Numbering | None = None
    """Numbering of the body's levels, outermost first, when not the kind's own: e.g.
    `["1", "1.1", a]` (1., 1.1., a)) or `["Phần thứ nhất", I, "1", a]`."""
    closing: Paragraphs | None = None
    """Final paragraphs; the end mark `./.` follows the last one."""
    assignment: AssignmentMode = "none"
    """How each task's assignment is printed under it (a task may say otherwise)."""
    separator: Separator = ", "
    """Between the names of several lead or supporting units: `, `, `; ` or `và`."""
    units: Units = {}
    """Unit registry (đơn vị): key → full name, or the path of a shared units file."""
    signature: Signature
    """Authority block and signer."""
    recipients: list[Line] = Field(min_length=1)
    """Nơi nhận, one per line, without the archive line."""
    archive: list[ArchiveEntry] = Field(min_length=1)
    """Lưu: `VT` then the drafting unit, with the drafters' names or the number of copies
    kept where the document gives them, e.g. `[VT, TH (Thắng), KT (Long)]`, `[VT, VP(02)]`."""
    drafter: Annotated[str, Field(pattern=r"^[A-ZĐ]{1,8}\.?(\(\d+\))?$")] | None = None
    """Ô 12: the drafter's initials and the number of copies issued, e.g. `PL.(300)`; printed
    after the archive line."""
    separate_appendices: list[Line] = []
    """Appendices issued as files of their own, as the text names them (`Phụ lục 01`):
    mentioning them is not a warning."""
    appendices: list[Appendix] = []
    """Phụ lục, each on its own landscape pages."""
    attached: Attachment | None = None
    """Quyết định: the programme or plan it issues, printed after the decision."""
    template: Line | None = None
    """The .docx template to lay this document out in, relative to this file; by default
    templates/<kind>.docx of the project (this folder or the one above), else plangen's own."""
    reports_on: Line | None = None
    """Báo cáo: the plan file reported on, relative to this file."""
    results: Results | None = None
    """Báo cáo: results by target and task id of the plan reported on."""

    def attachment_plan(self) -> Plan | None:
        """The attached document as a plan of its own, so it is checked and laid out as one."""
        if self.attached is None:
            return None
        update = {
            "kind": "ke-hoach",
            "subject": self.attached.subject,
            "sections": self.attached.sections,
            "closing": self.attached.closing,
            "bases": [],
            "preamble": self.attached.preamble,
            "to": [],
            "authority": None,
            "attached": None,
            "appendices": self.attached.appendices,
        }
        return self.model_copy(update=update)

    def unit_name(self, key: str) -> str:
        """The full name of the unit `key` (an unknown key is reported by the checks)."""
        return self.units.get(key, key)

    @property
    def kind_info(self) -> kinds.Kind:
        return kinds.KINDS[self.kind]

    @property
    def is_draft(self) -> bool:
        """Dự thảo: no number or no date yet."""
        return self.number is None or self.date is None

    @property
    def copies(self) -> int | None:
        """Số lượng bản phát hành: the copies issued that ô 12 gives, 300 in `PL.(300)`."""
        if self.drafter is None or not self.drafter.endswith(")"):
            return None
        return int(self.drafter[self.drafter.index("(") + 1 : -1])

    def as_issued(self) -> Plan:
        """The plan as printed: an electronic document leaves number and date to the system."""
        if self.issue != "electronic":
            return self
        return self.model_copy(update={"number": None, "date": None})

    @property
    def first_year(self) -> int:
        return self.period.start if self.period else self.year

    @property
    def last_year(self) -> int:
        return self.period.end if self.period else self.year


def field_vocabulary() -> set[str]:
    """Every key the plan format knows, for 'did you mean' hints."""
    names: set[str] = set()
    for model in (
        Plan,
        Issuer,
        Citation,
        LegalBasis,
        ItemNode,
        Target,
        BudgetLine,
        Budget,
        Duty,
        Organization,
        Section,
        Task,
        TaskTable,
        GivenTable,
        Signature,
        Separators,
        Period,
        TargetResult,
        TaskResult,
        Results,
        Attachment,
    ):
        names.update(model.model_fields)
    return names | {"extends"}  # read by the loader (overlay.py), never by the model


def walk(
    sections: Sequence[Section], loc: tuple[str | int, ...] = (), depth: int = 0
) -> Iterator[tuple[tuple[str | int, ...], Section, int]]:
    """Every section and task in print order, with its `loc` in the file and its depth.

    Tasks come before sub-sections, as they are printed.
    """
    # A stack, not nested generators: every item passed up through each level above it.
    stack = [((*loc, index), section, depth) for index, section in enumerate(sections)][::-1]
    while stack:
        here, section, level = stack.pop()
        yield here, section, level
        below: list[tuple[tuple[str | int, ...], Section, int]]
        below = [((*here, "tasks", i), task, level + 1) for i, task in enumerate(section.tasks)]
        below += [((*here, "sections", i), s, level + 1) for i, s in enumerate(section.sections)]
        stack += below[::-1]


def tasks(plan: Plan) -> list[tuple[tuple[str | int, ...], Task]]:
    """Every task in the plan, in print order, with its `loc`."""
    return [(loc, s) for loc, s, _ in walk(plan.sections, ("sections",)) if isinstance(s, Task)]


def targets_by_id(plan: Plan) -> dict[str, Target]:
    """The plan's targets that have an id, in print order."""
    return {t.id: t for _, section, _ in walk(plan.sections) for t in section.targets if t.id}


def docstrings(model: type[BaseModel]) -> dict[str, str]:
    """The docstrings of a model's fields, the inherited ones too, by field name: what
    pydantic's `use_attribute_docstrings` reads, for the schema only (schema.py).

    Not read when the models are defined: that parses this module's source once for every
    model, a third of the time importing it takes, which no other command needs."""
    from pydantic._internal._docs_extraction import extract_docstrings_from_cls

    found: dict[str, str] = {}
    for base in reversed(model.__mro__):
        if isinstance(base, type) and issubclass(base, _Model) and base is not _Model:
            found.update(extract_docstrings_from_cls(base, use_inspect=True))
    return found
