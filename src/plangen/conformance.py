"""Decree 30 conformance (kiểm tra thể thức) of any .docx: the checkable rules of nd30.md §11.

Each rule looks at effective formatting (plangen.docxprops) of the parts it finds by their
text and place, not by plangen's style names, so a hand-made document or a colleague's
is judged the same way. A rule yields its problems as located values (the paragraph's
text), or says it does not apply; `--render` adds the rules of the printed page.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Literal

from docx.oxml.ns import qn
from lxml import etree

from plangen.diagnostics import PlanError
from plangen.docxprops import NS, Doc, Para, Run, words
from plangen.ooxml import APPENDICES_ELSEWHERE
from plangen.page import MM, Line, Page

Status = Literal["pass", "fail", "na"]
Size = tuple[float, float] | None

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
QUOC_HIEU_FORMS = {QUOC_HIEU, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"}
"""The rule text spells HÒA; the decree's own tables HOÀ (nd30.md §10.6)."""
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
TYPE_CODES = {
    "NGHỊ QUYẾT": "NQ",
    "QUYẾT ĐỊNH": "QĐ",
    "CHỈ THỊ": "CT",
    "QUY CHẾ": "QC",
    "QUY ĐỊNH": "QyĐ",
    "THÔNG CÁO": "TC",
    "THÔNG BÁO": "TB",
    "HƯỚNG DẪN": "HD",
    "CHƯƠNG TRÌNH": "CTr",
    "KẾ HOẠCH": "KH",
    "PHƯƠNG ÁN": "PA",
    "ĐỀ ÁN": "ĐA",
    "DỰ ÁN": "DA",
    "BÁO CÁO": "BC",
    "BIÊN BẢN": "BB",
    "TỜ TRÌNH": "TTr",
    "HỢP ĐỒNG": "HĐ",
    "CÔNG ĐIỆN": "CĐ",
    "BẢN GHI NHỚ": "BGN",
    "BẢN THỎA THUẬN": "BTT",
    "GIẤY ỦY QUYỀN": "GUQ",
    "GIẤY MỜI": "GM",
    "GIẤY GIỚI THIỆU": "GGT",
    "GIẤY NGHỈ PHÉP": "GNP",
    "PHIẾU GỬI": "PG",
    "PHIẾU CHUYỂN": "PC",
    "PHIẾU BÁO": "PB",
}
"""The 27 type names and codes of Phụ lục III Mục I (nd30.md §6)."""

NUMBER = re.compile(
    r"^Số: *(?P<n>0[1-9]|[1-9][0-9]+)? *\/(?P<s>[A-ZĐ][A-Za-zĐđ]*(-[A-ZĐ0-9][A-Za-zĐđ0-9&]*)+)$"
)
DATE = re.compile(
    r"^[^,]+, ngày (0[1-9]|[12][0-9]|3[01]|…+|\.+| +) tháng (01|02|[3-9]|1[0-2]|…+|\.+| +) "
    r"năm ([0-9]{4}|…+|\.+| +)$"
)
DRAFTER = re.compile(r"[A-ZĐ]{1,6}\.\(\d+\)")
"""Ô 12: the drafter's initials and the copies issued, 'PL.(300)'."""
AUTHORITY = re.compile(r"^(TM\.|KT\.|TL\.|TUQ\.|Q\.)? ?[A-ZĐ…]")
HONORIFICS = ("GS.", "PGS.", "TS.", "ThS.", "KS.", "BS.", "CN.")
URGENCY = ("HỎA TỐC", "HOẢ TỐC", "THƯỢNG KHẨN", "KHẨN")
RESTRICTION = ("XEM XONG TRẢ LẠI", "LƯU HÀNH NỘI BỘ")
LETTERS = "abcdđeghiklmnopqrstuvxy"
ROMAN = re.compile(r"^([IVXLC]+)\. ")
PART = r"^(Chương|Phần) ([IVXLC]+|thứ \w+)$"
"""A Phần or Chương label on its own line ('Phần I', 'Phần thứ nhất'): its mục restart at I."""
INDENTS = (range(547, 588), range(700, 741))  # 1 cm and 1.27 cm, ±20 twips
BORDER_TAGS = ("top", "bottom", "left", "right")
SIDES = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}
ALIGNMENTS = {"left": "trái", "start": "trái", "center": "giữa", "right": "phải", "end": "phải"}


@dataclass(frozen=True)
class Rule:
    """One checkable rule of nd30.md §11."""

    id: str
    tag: str
    """MUST (rule text), MODEL (the decree's models), PRACTICE (not binding)."""
    text: str
    source: str
    printed: bool = False
    """Checked on the printed page (`--render`)."""


@dataclass(frozen=True)
class Problem:
    """Where a rule fails and why."""

    where: str
    message: str


@dataclass(frozen=True)
class Result:
    rule: Rule
    status: Status
    problems: tuple[Problem, ...] = ()
    reason: str = ""
    """Why the rule does not apply."""

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.rule.id,
            "status": self.status,
            "tag": self.rule.tag,
            "rule": self.rule.text,
            "source": self.rule.source,
            "problems": [{"where": p.where, "message": p.message} for p in self.problems],
            **({"reason": self.reason} if self.reason else {}),
        }


class NotApplicable(Exception):
    """The document has nothing the rule is about (no công văn, no appendix …)."""


Check = Callable[["Layout"], Iterable[Problem]]
RULES: list[tuple[Rule, Check]] = []


def rule(
    id: str, tag: str, text: str, source: str, printed: bool = False
) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        RULES.append((Rule(id, tag, text, source, printed), check))
        return check

    return register


# -- Finding the parts ------------------------------------------------------------------


def shown(para: Para | str, width: int = 60) -> str:
    """A paragraph as a location: its text, shortened."""
    text = words(para if isinstance(para, str) else para.text)
    return f"«{text if len(text) <= width else text[: width - 1] + '…'}»" if text else "«»"


def nonempty(paragraphs: Iterable[Para]) -> list[Para]:
    return [p for p in paragraphs if p.text.strip()]


def upper(para: Para) -> bool:
    runs = para.runs()
    return bool(runs) and all(r.caps or r.text == r.text.upper() for r in runs)


def sizes(para: Para) -> list[float]:
    """The font sizes of a paragraph's text runs, smallest first."""
    return sorted({run.size for run in para.runs()})


def sizes_in(para: Para, low: float, high: float) -> bool:
    return all(low <= s <= high for s in sizes(para))


def bold(para: Para) -> bool:
    return para.all("bold") == {True}


def italic(para: Para) -> bool:
    return para.all("italic") == {True}


def not_bold(para: Para) -> bool:
    return True not in para.all("bold")


def not_italic(para: Para) -> bool:
    return True not in para.all("italic")


def size_text(para: Para) -> str:
    return ", ".join(f"{s:g}" for s in sizes(para)) + " pt"


def looks(para: Para, size: tuple[float, float] | None = None, **wanted: bool) -> Iterator[Problem]:
    """Problems for each property a paragraph lacks: its size range, and bold, not_bold,
    italic, upright, upper, not_upper, centred."""
    checks: dict[str, tuple[Callable[[Para], bool], str]] = {
        "bold": (bold, "cần chữ đậm (must be bold)"),
        "not_bold": (not_bold, "không được in đậm (must not be bold)"),
        "italic": (italic, "cần chữ nghiêng (must be italic)"),
        "upright": (not_italic, "không được in nghiêng (must be upright)"),
        "upper": (upper, "cần chữ in hoa (must be upper case)"),
        "not_upper": (lambda p: not upper(p), "không viết in hoa toàn bộ (not all capitals)"),
        "centred": (lambda p: p.alignment == "center", "cần căn giữa (must be centred)"),
    }
    for name, want in wanted.items():
        test, message = checks[name]
        if want and not test(para):
            yield Problem(shown(para), message)
    if size is not None and not sizes_in(para, *size):
        low, high = size
        shown_size = f"{low:g}" if low == high else f"{low:g}–{high:g}"
        yield Problem(shown(para), f"cỡ chữ {size_text(para)}, cần {shown_size} pt (font size)")


def has_field(element: etree._Element, name: str) -> bool:
    codes = [t.text or "" for t in element.iter(qn("w:instrText"))]
    codes += [f.get(qn("w:instr"), "") for f in element.iter(qn("w:fldSimple"))]
    return any(re.match(rf"\s*{name}\b", code) for code in codes)


def bordered(para: Para) -> bool:
    """A boxed paragraph: borders on all four sides, or alone in a bordered table cell."""
    sides = {
        s.tag.split("}")[1] for src in para._ppr_sources() for s in src.findall("w:pBdr/*", NS)
    }
    if set(BORDER_TAGS) <= sides:
        return True
    cell = next((a for a in para.element.iterancestors(qn("w:tc"))), None)
    table = next((a for a in para.element.iterancestors(qn("w:tbl"))), None)
    if cell is None or table is None:
        return False
    found = {
        s.tag.split("}")[1]
        for s in [
            *cell.findall("w:tcPr/w:tcBorders/*", NS),
            *table.findall("w:tblPr/w:tblBorders/*", NS),
        ]
        if s.get(qn("w:val")) not in (None, "nil", "none")
    }
    return set(BORDER_TAGS) <= found


def rule_after(para: Para, following: Para | None) -> bool:
    """A solid rule under `para`: its bottom border, an empty bordered paragraph after it,
    a drawn line, or a run of underscores."""
    if para.border_bottom():
        return True
    for candidate in (para, following):
        if candidate is None:
            continue
        xml = etree.tostring(candidate.element)
        if b"<w:drawing" in xml or b":line" in xml or b"<w:pict" in xml:
            return True
    if following is None:
        return False
    if not following.text.strip() and following.border_bottom():
        return True
    return bool(re.fullmatch(r"_{5,}", following.text.strip())) or bool(
        following.p_attr("pBdr/w:top", "val")
    )


@dataclass
class Layout:
    """A document's parts, found by their text and position (ô 1–13 of Phụ lục I)."""

    doc: Doc
    pages: list[Page] | None = None
    sections: list[etree._Element] = field(init=False)

    def __post_init__(self) -> None:
        self.sections = self.doc.sections()

    # body children and their section
    @cached_property
    def children(self) -> list[tuple[int, etree._Element]]:
        out, section = [], 0
        for child in self.doc.body:
            if child.tag in (qn("w:p"), qn("w:tbl")):
                out.append((section, child))
            if child.tag == qn("w:p") and child.find("w:pPr/w:sectPr", NS) is not None:
                section += 1
        return out

    def table_of(self, para: Para) -> etree._Element | None:
        return next(iter(para.element.iterancestors(qn("w:tbl"))), None)

    def cell_of(self, para: Para) -> tuple[etree._Element, int, int] | None:
        """(table, row, column) of a paragraph in a table."""
        cell = next(iter(para.element.iterancestors(qn("w:tc"))), None)
        if cell is None:
            return None
        row = cell.getparent()
        table = row.getparent()
        return (
            table,
            table.findall("w:tr", NS).index(row),
            row.findall("w:tc", NS).index(cell),
        )

    def cell_paragraphs(self, para: Para) -> list[Para]:
        cell = next(iter(para.element.iterancestors(qn("w:tc"))), None)
        if cell is None:
            return [self.doc.para(p) for p in para.element.getparent().findall("w:p", NS)]
        return [self.doc.para(p) for p in cell.findall("w:p", NS)]

    def next_in_cell(self, para: Para) -> Para | None:
        siblings = self.cell_paragraphs(para)
        index = next(i for i, p in enumerate(siblings) if p.element is para.element)
        return next((p for p in siblings[index + 1 :] if p.text.strip()), None)

    @cached_property
    def first_section(self) -> list[Para]:
        """Every paragraph of the first section, tables included, in order."""
        return self._paragraphs_before(1)

    @cached_property
    def before_appendices(self) -> list[Para]:
        """Every paragraph before the first appendix's section: the body, and a document
        issued with it (Mẫu 1.3), which is a section of its own for its page numbers."""
        return self._paragraphs_before(self.appendices[0][0] if self.appendices else None)

    def _paragraphs_before(self, stop: int | None) -> list[Para]:
        out = []
        for section, child in self.children:
            if stop is not None and section >= stop:
                break
            items = [child] if child.tag == qn("w:p") else list(child.iter(qn("w:p")))
            out += [self.doc.para(p) for p in items]
        return out

    @cached_property
    def header_table(self) -> etree._Element | None:
        """The table holding ô 1–4: the first-section table with the Quốc hiệu or a Số line,
        before the body text starts."""
        for section, child in self.children:
            if section > 0:
                break
            if child.tag == qn("w:tbl"):
                texts = [words(self.doc.para(p).text) for p in child.iter(qn("w:p"))]
                if any(t in QUOC_HIEU_FORMS or re.match(r"^Số\s*:", t) for t in texts):
                    return child
                return None
            if words(self.doc.para(child).text).upper() in TYPE_CODES:
                return None
        return None

    def header_cells(self, column: int) -> list[Para]:
        if self.header_table is None:
            return []
        out = []
        for row in self.header_table.findall("w:tr", NS):
            cells = row.findall("w:tc", NS)
            if column < len(cells):
                out += [self.doc.para(p) for p in cells[column].findall("w:p", NS)]
        return out

    @cached_property
    def quoc_hieu(self) -> Para | None:
        return next((p for p in self.first_section if words(p.text) in QUOC_HIEU_FORMS), None)

    @cached_property
    def tieu_ngu(self) -> Para | None:
        return self.next_in_cell(self.quoc_hieu) if self.quoc_hieu is not None else None

    @cached_property
    def number(self) -> Para | None:
        candidates = self.header_cells(0) or self.first_section[:20]
        return next((p for p in candidates if re.match(r"^\s*Số\s*:", p.text)), None)

    @cached_property
    def agency(self) -> list[Para]:
        """The agency lines (ô 2): the left header cell's text above the Số line."""
        out = []
        for para in self.header_cells(0):
            if self.number is not None and para.element is self.number.element:
                break
            if para.text.strip():
                out.append(para)
        return out

    @cached_property
    def date(self) -> Para | None:
        candidates = self.header_cells(1) or self.first_section[:20]
        return next((p for p in candidates if re.search(r"ngày\b.*tháng", p.text)), None)

    @cached_property
    def subject_line(self) -> Para | None:
        """The V/v line of a công văn (ô 5b)."""
        candidates = self.header_cells(0) + self.header_cells(1) or self.first_section[:20]
        return next((p for p in candidates if p.text.strip().startswith("V/v")), None)

    @cached_property
    def after_header(self) -> list[tuple[int, etree._Element]]:
        children = self.children
        if self.header_table is not None:
            index = next(i for i, (_, c) in enumerate(children) if c is self.header_table)
            return children[index + 1 :]
        return children

    @cached_property
    def title(self) -> Para | None:
        """The type name (ô 5a): the first text after the header, if it is one."""
        for _, child in self.after_header:
            if child.tag == qn("w:tbl"):
                return None
            para = self.doc.para(child)
            if para.text.strip():
                return para if words(para.text).upper() in TYPE_CODES else None
        return None

    @property
    def type_name(self) -> str | None:
        return words(self.title.text).upper() if self.title is not None else None

    @property
    def cong_van(self) -> bool:
        return self.title is None and self.subject_line is not None

    @cached_property
    def subject(self) -> list[Para]:
        """The trích yếu (ô 5a): the centred paragraphs right after the type name."""
        if self.title is None:
            return []
        out = []
        paragraphs = [self.doc.para(c) for _, c in self.after_header if c.tag == qn("w:p")]
        start = next(i for i, p in enumerate(paragraphs) if p.element is self.title.element)
        for para in paragraphs[start + 1 :]:
            if not para.text.strip() or para.alignment != "center":
                break
            if words(para.text).startswith("(Kèm theo"):
                break
            out.append(para)
        return out

    @property
    def attachment(self) -> bool:
        """Issued with a quyết định in a file of its own (Mẫu 1.3): '(Kèm theo …)' under the
        trích yếu, and no signature block."""
        following = self.after(self.subject[-1], 1) if self.subject else []
        return bool(following) and words(following[0].text).startswith("(Kèm theo")

    @cached_property
    def signature_table(self) -> etree._Element | None:
        """The table of ô 7 and 9b: holds 'Nơi nhận:' or an authority line and a name."""
        for section, child in self.after_header:
            if section > 0 and child.tag == qn("w:tbl"):
                break
            if child.tag != qn("w:tbl"):
                continue
            texts = [words(self.doc.para(p).text) for p in child.iter(qn("w:p"))]
            if any(t.startswith("Nơi nhận") for t in texts) or any(
                re.match(r"^(TM|KT|TL|TUQ|Q)\. ", t) for t in texts
            ):
                return child
        return None

    @cached_property
    def body(self) -> list[Para]:
        """Body paragraphs (ô 6): after the title block, before the signature, not in tables."""
        start = self.subject[-1] if self.subject else self.title
        out, started = [], start is None
        for section, child in self.after_header:
            if child is self.signature_table or section > 0:
                break
            if child.tag != qn("w:p"):
                continue
            para = self.doc.para(child)
            if started and para.text.strip():
                out.append(para)
            if start is not None and child is start.element:
                started = True
        return out

    @cached_property
    def addressees(self) -> list[Para]:
        """The Kính gửi block (ô 9a): its first line and the '- ' lines under it."""
        out: list[Para] = []
        for para in self.body:
            if not out and words(para.text).startswith("Kính gửi"):
                out.append(para)
            elif out and para.text.strip().startswith("- ") and para.alignment != "both":
                out.append(para)
            elif out:
                break
        return out

    @cached_property
    def text_body(self) -> list[Para]:
        """Body paragraphs that are text: no Kính gửi block, no centred headings (R54 judges
        'QUYẾT ĐỊNH:')."""
        skip = {id(p.element) for p in self.addressees}
        return [
            p
            for p in self.body
            if id(p.element) not in skip
            and not (p.alignment == "center" and bold(p))
            and words(p.text) != "QUYẾT ĐỊNH:"
        ]

    def signature_cells(self) -> tuple[list[Para], list[Para]]:
        """(left cell: Nơi nhận, right cell: authority, title, name) of the signature row."""
        table = self.signature_table
        if table is None:
            return [], []
        for row in table.findall("w:tr", NS):
            cells = row.findall("w:tc", NS)
            paragraphs = [nonempty(self.doc.para(p) for p in c.findall("w:p", NS)) for c in cells]
            for index, found in enumerate(paragraphs):
                if found and AUTHORITY.match(found[0].text) and upper(found[0]):
                    left = paragraphs[index - 1] if index > 0 else []
                    return left, found
        return [], []

    @cached_property
    def recipients(self) -> list[Para]:
        """'Nơi nhận:' and its entries (ô 9b): the rest of its cell, or the '-' lines under it."""
        paragraphs = [self.doc.para(p) for p in self.doc.body.iter(qn("w:p"))]
        for index, para in enumerate(paragraphs):
            if not words(para.text).startswith("Nơi nhận"):
                continue
            if self.cell_of(para) is not None:
                cell = nonempty(self.cell_paragraphs(para))
                return [p for p in cell if not DRAFTER.fullmatch(words(p.text))]
            out = [para]
            for entry in nonempty(paragraphs[index + 1 :]):
                if not entry.text.strip().startswith("-"):
                    break
                out.append(entry)
            return out
        return []

    @cached_property
    def appendices(self) -> list[tuple[int, Para]]:
        """(section, heading) of each appendix: a 'Phụ lục …' line after the first section."""
        out = []
        for section, child in self.children:
            if section == 0 or child.tag != qn("w:p"):
                continue
            para = self.doc.para(child)
            if re.fullmatch(r"(Phụ lục|PHỤ LỤC)( [IVXLC]+| \d+)?", words(para.text)):
                out.append((section, para))
        return out

    def after(self, para: Para, count: int) -> list[Para]:
        """The next `count` non-empty body-level paragraphs after `para`."""
        paragraphs = [self.doc.para(c) for _, c in self.children if c.tag == qn("w:p")]
        index = next(i for i, p in enumerate(paragraphs) if p.element is para.element)
        return nonempty(paragraphs[index + 1 :])[:count]

    def runs(self) -> list[Run]:
        """Every text run: body, tables, headers and footers."""
        paragraphs = self.doc.all_paragraphs()
        for section in self.sections:
            for margin in ("header", "footer"):
                for part in self.doc.parts(section, margin).values():
                    paragraphs += [self.doc.para(p) for p in part.iter(qn("w:p"))]
        return [run for para in paragraphs for run in para.runs()]

    def orientation(self, section: etree._Element) -> str:
        size = section.find("w:pgSz", NS)
        if size is None:
            return "portrait"
        wide = int(size.get(qn("w:w"), "0")) > int(size.get(qn("w:h"), "0"))
        return "landscape" if size.get(qn("w:orient")) == "landscape" or wide else "portrait"


def need(found: object, reason: str) -> None:
    if not found:
        raise NotApplicable(reason)


def twips(element: etree._Element | None, attr: str) -> int | None:
    value = element.get(qn(f"w:{attr}")) if element is not None else None
    return int(float(value)) if value is not None else None


def where_section(number: int) -> str:
    return f"phần (section) {number}"


# -- Page and section -----------------------------------------------------------------


def margin_rule(side: str, low: int, high: int) -> Check:
    def check(layout: Layout) -> Iterator[Problem]:
        for number, section in enumerate(layout.sections, 1):
            if layout.orientation(section) != "portrait":
                continue
            value = twips(section.find("w:pgMar", NS), side)
            if value is None or not low <= value <= high:
                shown_mm = "chưa đặt (not set)" if value is None else f"{value / 56.69:.1f} mm"
                yield Problem(
                    where_section(number),
                    f"lề {SIDES[side]} {shown_mm}, cần {low / 56.69:.0f}–{high / 56.69:.0f} mm "
                    f"({side} margin)",
                )

    return check


@rule("R01", "MUST", "Portrait sections are A4 (210 × 297 mm)", "Phụ lục I, I.1–2")
def r01(layout: Layout) -> Iterator[Problem]:
    for number, section in enumerate(layout.sections, 1):
        if layout.orientation(section) != "portrait":
            continue
        size = section.find("w:pgSz", NS)
        w, h = twips(size, "w"), twips(size, "h")
        if w is None or h is None or abs(w - 11906) > 57 or abs(h - 16838) > 57:
            mm = "?" if w is None or h is None else f"{w / 56.69:.0f} × {h / 56.69:.0f} mm"
            yield Problem(where_section(number), f"khổ giấy {mm}, cần A4 210 × 297 mm (paper)")


@rule("R02", "MUST", "Landscape only for a section with a table; first portrait", "Phụ lục I, I.2")
def r02(layout: Layout) -> Iterator[Problem]:
    if layout.sections and layout.orientation(layout.sections[0]) != "portrait":
        yield Problem(where_section(1), "trang đầu phải khổ dọc (the first section is portrait)")
    for number, section in enumerate(layout.sections, 1):
        if number > 1 and layout.orientation(section) == "landscape":
            tables = [c for s, c in layout.children if s == number - 1 and c.tag == qn("w:tbl")]
            if not tables:
                yield Problem(
                    where_section(number),
                    "trang ngang không có bảng (landscape without a table)",
                )


rule("R03", "MUST", "Top margin 20–25 mm", "Phụ lục I, I.3")(margin_rule("top", 1134, 1417))
rule("R04", "MUST", "Bottom margin 20–25 mm", "Phụ lục I, I.3")(margin_rule("bottom", 1134, 1417))
rule("R05", "MUST", "Left margin 30–35 mm", "Phụ lục I, I.3")(margin_rule("left", 1701, 1984))
rule("R06", "MUST", "Right margin 15–20 mm", "Phụ lục I, I.3")(margin_rule("right", 850, 1134))


def run_problems(layout: Layout, bad: Callable[[Run], str | None]) -> Iterator[Problem]:
    """One problem per paragraph with a bad run (the first reason found)."""
    seen: set[int] = set()
    for run in layout.runs():
        reason = bad(run)
        if reason and id(run.para.element) not in seen:
            seen.add(id(run.para.element))
            yield Problem(shown(run.para), reason)


@rule("R07", "MUST", "Every run is Times New Roman", "Phụ lục I, I.4")
def r07(layout: Layout) -> Iterator[Problem]:
    return run_problems(
        layout,
        lambda r: (
            None
            if r.font == "Times New Roman"
            else f"phông '{r.font or 'mặc định'}', cần Times New Roman (font)"
        ),
    )


@rule("R08", "MUST", "Text is black, without highlight or shading", "Phụ lục I, I.4")
def r08(layout: Layout) -> Iterator[Problem]:
    def bad(run: Run) -> str | None:
        if run.color.upper() not in ("AUTO", "000000"):
            return f"chữ màu {run.color}, cần màu đen (colour)"
        if run.highlighted:
            return "chữ có tô nền (highlight or shading)"
        return None

    return run_problems(layout, bad)


@rule("R09", "MUST", "Unicode text: no TCVN3/VNI fonts", "Phụ lục I, I.4 (TCVN 6909:2001)")
def r09(layout: Layout) -> Iterator[Problem]:
    return run_problems(
        layout,
        lambda r: (
            f"phông cũ '{r.font}', không phải Unicode (legacy font)"
            if (r.font or "").startswith((".Vn", "VNI"))
            else None
        ),
    )


@rule("R09b", "PRACTICE", "Text is NFC (precomposed letters)", "TCVN 6909:2001")
def r09b(layout: Layout) -> Iterator[Problem]:
    for para in layout.doc.all_paragraphs():
        if para.text != unicodedata.normalize("NFC", para.text):
            yield Problem(shown(para), "chữ tổ hợp, chưa dựng sẵn (not NFC)")


# -- Page numbers -----------------------------------------------------------------------


def number_paragraph(layout: Layout) -> Para | None:
    """The header paragraph with the PAGE field of the first section's default header."""
    need(layout.sections, "không có phần nào (no sections)")
    parts = layout.doc.parts(layout.sections[0], "header")
    part = parts.get("default", parts.get("even"))
    if part is None:
        return None
    return next((layout.doc.para(p) for p in part.iter(qn("w:p")) if has_field(p, "PAGE")), None)


@rule("R10", "MUST", "Page numbers: a PAGE field in the header, none in a footer", "Phụ lục I, I.7")
def r10(layout: Layout) -> Iterator[Problem]:
    if number_paragraph(layout) is None:
        yield Problem("header", "đầu trang không có số trang (no PAGE field in the header)")
    for number, section in enumerate(layout.sections, 1):
        for part in layout.doc.parts(section, "footer").values():
            if has_field(part, "PAGE"):
                yield Problem(
                    where_section(number), "số trang ở chân trang (page number in footer)"
                )


@rule("R11", "MUST", "The page number is centred", "Phụ lục I, I.7")
def r11(layout: Layout) -> Iterator[Problem]:
    para = number_paragraph(layout)
    need(para, "không có số trang (no page numbers)")
    assert para is not None
    if para.alignment != "center":
        found = ALIGNMENTS.get(para.alignment, para.alignment)
        yield Problem("header", f"số trang căn {found}, cần căn giữa (not centred)")


@rule("R12", "MUST", "The page number is 13–14 pt, upright, not bold", "Phụ lục I, I.7")
def r12(layout: Layout) -> Iterator[Problem]:
    para = number_paragraph(layout)
    need(para, "không có số trang (no page numbers)")
    assert para is not None
    for node in para.element.iter(qn("w:r")):
        number = Run(node, para)
        if not 13 <= number.size <= 14:
            yield Problem("header", f"số trang cỡ {number.size:g} pt, cần 13–14 pt (size)")
            break
        if number.bold or number.italic:
            yield Problem("header", "số trang in đậm/nghiêng (bold or italic)")
            break


@rule("R13", "MUST", "No number on page 1 (titlePg, empty first header)", "Phụ lục I, I.7")
def r13(layout: Layout) -> Iterator[Problem]:
    need(number_paragraph(layout), "không có số trang (no page numbers)")
    first = layout.sections[0]
    if first.find("w:titlePg", NS) is None:
        yield Problem(where_section(1), "trang 1 hiện số trang (no titlePg)")
    part = layout.doc.parts(first, "header").get("first")
    if part is not None and has_field(part, "PAGE"):
        yield Problem(where_section(1), "đầu trang 1 có số trang (PAGE on page 1)")


@rule("R14", "MUST", "Page numbers are Arabic and start at 1", "Phụ lục I, I.7")
def r14(layout: Layout) -> Iterator[Problem]:
    need(layout.sections, "không có phần nào (no sections)")
    numbering = layout.sections[0].find("w:pgNumType", NS)
    if numbering is None:
        return
    if numbering.get(qn("w:fmt"), "decimal") != "decimal":
        yield Problem(where_section(1), f"số trang dạng {numbering.get(qn('w:fmt'))} (not Arabic)")
    if numbering.get(qn("w:start"), "1") != "1":
        yield Problem(where_section(1), "số trang không bắt đầu từ 1 (does not start at 1)")


# -- Quốc hiệu và Tiêu ngữ (ô 1) -------------------------------------------------------


def national(layout: Layout) -> Para:
    need(layout.quoc_hieu, "không có Quốc hiệu (no Quốc hiệu: see R15)")
    assert layout.quoc_hieu is not None
    return layout.quoc_hieu


def motto(layout: Layout) -> Para:
    national(layout)
    need(
        layout.tieu_ngu is not None and words(layout.tieu_ngu.text) == words(TIEU_NGU),
        "không có Tiêu ngữ (no Tiêu ngữ: see R19)",
    )
    assert layout.tieu_ngu is not None
    return layout.tieu_ngu


@rule("R15", "MUST", "Page 1 has the Quốc hiệu", "Phụ lục I, II.1")
def r15(layout: Layout) -> Iterator[Problem]:
    if layout.quoc_hieu is None:
        yield Problem("trang 1 (page 1)", f"không có dòng «{QUOC_HIEU}» (no Quốc hiệu)")


@rule("R17", "MUST", "Quốc hiệu on the right (right header cell)", "Phụ lục I, IV ô 1")
def r17(layout: Layout) -> Iterator[Problem]:
    para = national(layout)
    place = layout.cell_of(para)
    if place is not None and place[2] >= 1:
        return
    if para.alignment == "right" or para.p_attr("framePr", "x") or para.text.startswith("\t"):
        return
    yield Problem(shown(para), "Quốc hiệu không ở bên phải (not on the right)")


@rule("R18", "MUST", "Quốc hiệu above every other body paragraph", "Phụ lục I, IV ô 1")
def r18(layout: Layout) -> Iterator[Problem]:
    para = national(layout)
    place = layout.cell_of(para)
    for _, child in layout.children:
        if child is para.element or (place is not None and child is place[0]):
            break
        text = layout.doc.para(child).text.strip() if child.tag == qn("w:p") else "bảng"
        if text and text not in RESTRICTION:
            yield Problem(shown(text), "có nội dung đứng trên Quốc hiệu (text above the Quốc hiệu)")
            return
    if place is not None and place[1] != 0:
        yield Problem(shown(para), "Quốc hiệu không ở hàng đầu bảng (not in the first row)")


@rule("R19", "MUST", "Tiêu ngữ follows: 'Độc lập - Tự do - Hạnh phúc' (hyphens)", "Phụ lục I, II.1")
def r19(layout: Layout) -> Iterator[Problem]:
    national(layout)
    para = layout.tieu_ngu
    if para is None or para.text.strip() != TIEU_NGU:
        found = shown(para) if para is not None else "«»"
        yield Problem(found, f"cần đúng «{TIEU_NGU}», gạch nối có cách (Tiêu ngữ)")


def following(layout: Layout, para: Para) -> Para | None:
    siblings = layout.cell_paragraphs(para)
    index = next(i for i, p in enumerate(siblings) if p.element is para.element)
    if index + 1 < len(siblings):
        return siblings[index + 1]
    if layout.cell_of(para) is None:
        return None
    nxt = para.element.getparent().getnext()
    return layout.doc.para(nxt) if nxt is not None and nxt.tag == qn("w:p") else None


@rule("R21", "MUST", "A solid rule under the Tiêu ngữ", "Phụ lục I, II.1")
def r21(layout: Layout) -> Iterator[Problem]:
    para = motto(layout)
    if not rule_after(para, following(layout, para)):
        yield Problem(shown(para), "không có đường kẻ dưới Tiêu ngữ (no rule under it)")


@rule("R23", "MUST", "Quốc hiệu and Tiêu ngữ single-spaced, nothing between", "Phụ lục I, II.1")
def r23(layout: Layout) -> Iterator[Problem]:
    qh, tn = national(layout), motto(layout)
    between = following(layout, qh)
    if between is not None and between.element is not tn.element:
        yield Problem(shown(qh), "có dòng trống giữa Quốc hiệu và Tiêu ngữ (blank line between)")
    for para in (qh, tn):
        _, _, line, rule_ = para.spacing
        size = max(sizes(para), default=13.0)
        single = line <= 240 if rule_ == "auto" else line <= 1.2 * size * 20
        if not single:
            yield Problem(shown(para), "giãn dòng hơn dòng đơn (more than single spacing)")


# -- Agency (ô 2) ----------------------------------------------------------------------


def lines_of(para: Para) -> list[list[Run]]:
    """The runs of each line of a paragraph, split at line breaks (w:br)."""
    out: list[list[Run]] = [[]]
    for node in para.element.iter(qn("w:r")):
        run = Run(node, para)
        for child in node:
            if child.tag == qn("w:br"):
                out.append([])
            elif child.tag == qn("w:t") and (child.text or "").strip():
                if not out[-1] or out[-1][-1] is not run:
                    out[-1].append(run)
    return [line for line in out if line]


def agency(layout: Layout) -> list[Para]:
    need(layout.agency, "không có tên cơ quan ở ô trái (no agency name in the left cell)")
    return layout.agency


@rule("R25", "MUST", "The issuing agency is bold", "Phụ lục I, II.2")
def r25(layout: Layout) -> Iterator[Problem]:
    lines = [line for para in agency(layout) for line in lines_of(para)]
    weights = [all(r.bold for r in line) for line in lines]
    first = weights.index(True) if True in weights else len(weights)
    if not weights or not all(weights[first:]) or first == len(weights):
        yield Problem(shown(layout.agency[-1]), "tên cơ quan ban hành chưa in đậm (not bold)")


@rule("R26", "MUST", "A parent agency above it is not bold", "Phụ lục I, II.2")
def r26(layout: Layout) -> Iterator[Problem]:
    lines = [line for para in agency(layout) for line in lines_of(para)]
    parents = []
    for line in lines:
        if all(r.bold for r in line):
            break
        parents.append(line)
    need(parents, "không có cơ quan chủ quản (no parent agency line)")
    for line in parents:
        if any(r.bold for r in line):
            yield Problem(shown(line[0].para), "cơ quan chủ quản in đậm một phần (partly bold)")


# -- Số, ký hiệu (ô 3) -----------------------------------------------------------------


def number(layout: Layout) -> tuple[Para, re.Match[str] | None]:
    need(layout.number, "không có dòng Số (no Số line: see R29)")
    assert layout.number is not None
    return layout.number, NUMBER.match(layout.number.text.strip())


@rule("R29", "MUST", "'Số: 26/KH-UBND' in the left header cell", "Phụ lục I, II.3")
def r29(layout: Layout) -> Iterator[Problem]:
    if layout.number is None:
        yield Problem("ô trái (left cell)", "không có dòng «Số: …/…» (no Số line)")
        return
    if not NUMBER.match(layout.number.text.strip()):
        yield Problem(shown(layout.number), "sai dạng «Số: 26/KH-UBND» (number form)")


@rule("R30", "MUST", "A number below 10 has a leading zero", "Phụ lục I, II.3")
def r30(layout: Layout) -> Iterator[Problem]:
    para, _ = number(layout)
    found = re.match(r"^\s*Số\s*:\s*(\d+)", para.text)
    need(found, "chưa có số (no number yet)")
    assert found is not None
    if int(found.group(1)) < 10 and not re.fullmatch(r"0[1-9]", found.group(1)):
        yield Problem(shown(para), "số dưới 10 cần số 0 đứng trước, ví dụ 05 (leading zero)")


def symbol(layout: Layout) -> tuple[Para, str]:
    para, _ = number(layout)
    found = re.search(r"/\s*(\S.*)$", para.text)
    need(found, "không có ký hiệu (no symbol)")
    assert found is not None
    return para, found.group(1).strip()


@rule("R33", "MUST", "Ký hiệu without spaces or a year", "Phụ lục I, II.3")
def r33(layout: Layout) -> Iterator[Problem]:
    para, code = symbol(layout)
    if " " in code or re.search(r"(^|-)\d{4}(-|$)|/\d{4}/", code):
        yield Problem(shown(para), f"ký hiệu '{code}' có dấu cách hoặc năm (space or year)")


@rule("R34", "MUST", "Ký hiệu starts with the type's code", "Phụ lục III, Mục I")
def r34(layout: Layout) -> Iterator[Problem]:
    need(layout.type_name, "văn bản không có tên loại (no type name)")
    para, code = symbol(layout)
    wanted = TYPE_CODES[layout.type_name or ""]
    if code.split("-")[0] != wanted:
        yield Problem(shown(para), f"{layout.type_name} cần ký hiệu /{wanted}-… (type code)")


@rule("R35", "MUST", "A công văn's ký hiệu starts with an agency code", "Phụ lục I, II.3")
def r35(layout: Layout) -> Iterator[Problem]:
    need(layout.cong_van, "không phải công văn (not a công văn)")
    para, code = symbol(layout)
    if code.split("-")[0] in TYPE_CODES.values():
        yield Problem(shown(para), "công văn không dùng mã tên loại (type code in a công văn)")


# -- Địa danh, ngày (ô 4) ---------------------------------------------------------------


def date(layout: Layout) -> Para:
    need(layout.date, "không có dòng địa danh, ngày (no date line: see R36)")
    assert layout.date is not None
    return layout.date


@rule("R36", "MUST", "'Place, ngày DD tháng M năm YYYY' in the right cell", "Phụ lục I, II.4")
def r36(layout: Layout) -> Iterator[Problem]:
    if layout.date is None:
        yield Problem("ô phải (right cell)", "không có dòng «…, ngày … tháng … năm …» (no date)")
    elif not DATE.match(layout.date.text.strip()):
        yield Problem(shown(layout.date), "sai dạng «Hà Nội, ngày 05 tháng 3 năm 2020» (date)")


@rule("R37", "MUST", "Day with two digits; month 01, 02, 3…12", "Phụ lục I, II.4")
def r37(layout: Layout) -> Iterator[Problem]:
    para = date(layout)
    found = re.search(r"ngày (\d+) tháng (\d+)", para.text)
    need(found, "chưa ghi ngày (undated)")
    assert found is not None
    day, month = found.groups()
    if len(day) != 2:
        yield Problem(shown(para), f"ngày '{day}' cần hai chữ số (day)")
    if month not in ("01", "02") and (month.startswith("0") or int(month) in (1, 2)):
        yield Problem(shown(para), f"tháng '{month}': 01, 02, rồi 3…12 (month)")


@rule("R39", "MUST", "Date in the same row as the Số", "Phụ lục I, IV ô 4")
def r39(layout: Layout) -> Iterator[Problem]:
    para = date(layout)
    need(layout.number, "không có dòng Số (no Số line)")
    assert layout.number is not None
    here, there = layout.cell_of(para), layout.cell_of(layout.number)
    if here is None or there is None or here[:2] != there[:2]:
        yield Problem(shown(para), "ngày không cùng hàng với Số (not in the Số row)")


# -- Title block (ô 5a) -----------------------------------------------------------------


@rule("R40", "MUST", "Type name: centred, bold, upright, 13–14 pt, upper case", "Phụ lục I, II.5a")
def r40(layout: Layout) -> Iterator[Problem]:
    need(not layout.cong_van, "công văn: không có tên loại (a công văn has no type name)")
    if layout.title is None:
        yield Problem("sau phần đầu (after the header)", "không có tên loại văn bản (no type name)")
        return
    yield from looks(layout.title, (13, 14), centred=True, bold=True, upright=True, upper=True)


@rule(
    "R41", "MUST", "Trích yếu: centred, bold, upright, 13–14 pt, not capitals", "Phụ lục I, II.5a"
)
def r41(layout: Layout) -> Iterator[Problem]:
    need(layout.title, "không có tên loại (no type name)")
    if not layout.subject:
        yield Problem(shown(layout.title or ""), "không có trích yếu căn giữa dưới tên loại")
    for para in layout.subject:
        yield from looks(para, (13, 14), centred=True, bold=True, upright=True, not_upper=True)


# -- Công văn (ô 5b, 9a) ----------------------------------------------------------------


def cong_van(layout: Layout) -> None:
    need(layout.subject_line is not None, "không phải công văn (not a công văn)")


@rule("R43", "MUST", "A công văn has no type-name title", "Phụ lục I, II.5b")
def r43(layout: Layout) -> Iterator[Problem]:
    cong_van(layout)
    if layout.title is not None:
        yield Problem(shown(layout.title), "công văn không có tên loại (title in a công văn)")


@rule("R44", "MUST", "'V/v …' directly under the Số", "Phụ lục I, II.5b")
def r44(layout: Layout) -> Iterator[Problem]:
    cong_van(layout)
    assert layout.subject_line is not None
    if layout.number is None:
        return  # R29 fails
    below = layout.next_in_cell(layout.number)
    if below is None or below.element is not layout.subject_line.element:
        yield Problem(shown(layout.subject_line), "dòng V/v không ngay dưới Số (not under the Số)")


@rule("R45", "MUST", "V/v line: 12–13 pt, not bold, centred, 6 pt below the Số", "Phụ lục I, II.5b")
def r45(layout: Layout) -> Iterator[Problem]:
    cong_van(layout)
    para = layout.subject_line
    assert para is not None
    yield from looks(para, (12, 13), not_bold=True, centred=True)
    gap = para.spacing[0] + (layout.number.spacing[1] if layout.number is not None else 0)
    if gap < 100:
        yield Problem(shown(para), f"cách dòng Số {gap / 20:g} pt, cần 6 pt (space before)")


@rule("R46", "MUST", "A công văn has 'Kính gửi:', upright, 13–14 pt", "Phụ lục I, II.9a")
def r46(layout: Layout) -> Iterator[Problem]:
    cong_van(layout)
    if not layout.addressees:
        yield Problem("nội dung (body)", "công văn không có «Kính gửi:» (no addressee)")
        return
    yield from looks(layout.addressees[0], (13, 14), upright=True)


# -- Body (ô 6) ---------------------------------------------------------------------------


def body(layout: Layout) -> list[Para]:
    need(layout.text_body, "không có nội dung (no body text)")
    return layout.text_body


def _centred_note(para: Para) -> bool:
    """A note set apart in brackets, centred: '(chi tiết Phụ lục 01 đính kèm)' (seed 005)."""
    return para.alignment == "center" and bool(re.fullmatch(r"\(.+\)", words(para.text)))


@rule("R47", "MUST", "Body paragraphs justified", "Phụ lục I, II.6")
def r47(layout: Layout) -> Iterator[Problem]:
    for para in body(layout):
        if para.alignment != "both" and not _centred_note(para):
            found = ALIGNMENTS.get(para.alignment, para.alignment)
            yield Problem(shown(para), f"căn {found}, cần căn đều hai bên (not justified)")


@rule("R48", "MUST", "Body text 13–14 pt, one size throughout", "Phụ lục I, II.6")
def r48(layout: Layout) -> Iterator[Problem]:
    paragraphs = body(layout)
    for para in paragraphs:
        yield from looks(para, (13, 14))
    found = sorted({s for p in paragraphs for s in sizes(p)})
    if len(found) > 1:
        yield Problem(
            "nội dung (body)",
            f"nhiều cỡ chữ: {', '.join(f'{s:g}' for s in found)} pt (one size)",
        )


@rule("R49", "MUST", "First-line indent 1 cm or 1.27 cm", "Phụ lục I, II.6")
def r49(layout: Layout) -> Iterator[Problem]:
    for para in body(layout):
        left = int(para.p_attr("ind", "left") or para.p_attr("ind", "start") or 0)
        if not any(para.first_line in r or left in r for r in INDENTS) and not _centred_note(para):
            yield Problem(
                shown(para), f"thụt đầu dòng {para.first_line / 567:.2f} cm, cần 1 hoặc 1,27 cm"
            )


@rule("R50", "MUST", "At least 6 pt between paragraphs", "Phụ lục I, II.6")
def r50(layout: Layout) -> Iterator[Problem]:
    for para in body(layout):
        before, after, _, _ = para.spacing
        if before + after < 120:
            yield Problem(shown(para), f"cách đoạn {(before + after) / 20:g} pt, cần ≥ 6 pt")


@rule("R51", "MUST", "Line spacing from single to 1.5 lines", "Phụ lục I, II.6")
def r51(layout: Layout) -> Iterator[Problem]:
    for para in body(layout):
        _, _, line, line_rule = para.spacing
        size = max(sizes(para), default=14.0)
        ok = (
            240 <= line <= 360
            if line_rule == "auto"
            else size * 20 <= line <= 1.5 * 1.15 * size * 20
        )
        if not ok:
            yield Problem(shown(para), "giãn dòng ngoài khoảng dòng đơn – 1,5 dòng (line spacing)")


# -- Căn cứ, QĐ ------------------------------------------------------------------------


def bases(layout: Layout) -> list[Para]:
    """The căn cứ: the citations that open the body (after a QĐ's authority line), each
    ending with ';' or '.'; a sentence that starts 'Căn cứ' and goes on is not one."""
    found: list[Para] = []
    for para in layout.body:
        text = words(para.text)
        if para.alignment == "center" and not found:
            continue
        if not text.startswith(("Căn cứ", "Theo đề nghị")) or not text.endswith((";", ".")):
            break
        found.append(para)
    need(found, "không có căn cứ (no legal bases)")
    return found


def decision(layout: Layout) -> None:
    need(layout.type_name == "QUYẾT ĐỊNH", "không phải quyết định (not a quyết định)")


@rule("R52", "MUST", "Căn cứ italic, 13–14 pt", "Phụ lục I, II.6")
def r52(layout: Layout) -> Iterator[Problem]:
    for para in bases(layout):
        yield from looks(para, (13, 14), italic=True)


@rule("R53", "MUST", "QĐ: each căn cứ ends with ';', the last with '.'", "Phụ lục I, II.6")
def r53(layout: Layout) -> Iterator[Problem]:
    decision(layout)
    found = bases(layout)
    for para in found[:-1]:
        if not para.text.rstrip().endswith(";"):
            yield Problem(shown(para), "căn cứ cần kết thúc bằng «;» (ends with ;)")
    if not found[-1].text.rstrip().endswith("."):
        yield Problem(shown(found[-1]), "căn cứ cuối cần kết thúc bằng «.» (ends with .)")


@rule("R54", "MUST", "QĐ: 'QUYẾT ĐỊNH:' bold and centred", "Phụ lục III, Mẫu 1.2")
def r54(layout: Layout) -> Iterator[Problem]:
    decision(layout)
    found = [p for p in layout.body if words(p.text) == "QUYẾT ĐỊNH:"]
    if not found:
        yield Problem("nội dung (body)", "không có dòng «QUYẾT ĐỊNH:» (missing)")
    for para in found:
        yield from looks(para, bold=True, centred=True)


@rule("R55", "MUST", "QĐ: 'Điều N.' label bold, indented 1 cm", "Phụ lục I, II.6.đ")
def r55(layout: Layout) -> Iterator[Problem]:
    decision(layout)
    articles = [p for p in layout.body if re.match(r"^Điều \d+\.", p.text)]
    need(articles, "không có điều (no articles)")
    for para in articles:
        label = para.runs()[0]
        if not label.bold:
            yield Problem(shown(para), "nhãn «Điều …» cần in đậm (label bold)")
        if not any(para.first_line in r for r in INDENTS):
            yield Problem(shown(para), "«Điều …» cần thụt đầu dòng 1 cm (indent)")


# -- Headings ---------------------------------------------------------------------------


def labelled(layout: Layout, pattern: str) -> list[Para]:
    found = [p for p in layout.body if re.match(pattern, words(p.text))]
    need(found, "không có đề mục loại này (no such headings)")
    return found


def heading_pair(layout: Layout, pattern: str) -> Iterator[Problem]:
    for para in labelled(layout, pattern):
        yield from looks(para, centred=True, bold=True)
        title = layout.after(para, 1)
        if title:
            yield from looks(title[0], centred=True, bold=True, upper=True)


@rule("R56", "MUST", "'Phần I' / 'Chương I' and their titles centred, bold", "Phụ lục I, II.6.đ")
def r56(layout: Layout) -> Iterator[Problem]:
    return heading_pair(layout, PART)


@rule("R57", "MUST", "'Mục 1' and its title centred, bold", "Phụ lục I, II.6.đ")
def r57(layout: Layout) -> Iterator[Problem]:
    return heading_pair(layout, r"^Mục \d+$")


@rule("R58", "MUST", "'I. …' headings bold and upper case", "Phụ lục I, Mục V (6b)")
def r58(layout: Layout) -> Iterator[Problem]:
    for para in labelled(layout, ROMAN.pattern):
        yield from looks(para, bold=True, upper=True)


@rule("R59", "MUST", "'1. …' bold when a short title, not when a sentence", "Phụ lục I, Mục V (6b)")
def r59(layout: Layout) -> Iterator[Problem]:
    """A long line without a final period could be either: it is left alone."""
    for para in labelled(layout, r"^[0-9]+\. "):
        sentence = para.text.rstrip().endswith((".", ";"))
        if not sentence and len(para.text.split()) <= 15 and not bold(para):
            yield Problem(shown(para), "khoản có tiêu đề cần in đậm (titled clause bold)")
        elif sentence and bold(para):
            yield Problem(shown(para), "khoản là câu văn, không in đậm (a sentence is not bold)")


@rule("R60", "MUST", "'a) …' not bold; numbering without gaps", "Phụ lục I, II.6.đ")
def r60(layout: Layout) -> Iterator[Problem]:
    romans = [p for p in layout.body if ROMAN.match(p.text)]
    letters = [p for p in layout.body if re.match(r"^[a-zđ]\) ", p.text)]
    need(romans or letters, "không có mục La Mã hay điểm a), b) (no numbered headings)")
    for para in letters:
        if bold(para):
            yield Problem(shown(para), "điểm a), b) không in đậm (points are not bold)")
    expected = 1
    for para in layout.body:
        if re.match(PART, words(para.text)):
            expected = 1
        elif ROMAN.match(para.text):
            if para.text.split(".")[0] != roman(expected):
                yield Problem(shown(para), f"cần mục {roman(expected)} (Roman numbering has a gap)")
                break
            expected += 1
    previous = ""
    for para in letters:
        letter = para.text[0]
        if letter != "a" and (not previous or LETTERS.find(letter) != LETTERS.find(previous) + 1):
            yield Problem(shown(para), "điểm không liền mạch a), b), c)… (letters have a gap)")
        previous = letter


def roman(number: int) -> str:
    out = ""
    for value, digits in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX")):
        while number >= value:
            out, number = out + digits, number - value
    return out + ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII")[number]


# -- Signature (ô 7) ----------------------------------------------------------------------


def signature(layout: Layout) -> tuple[list[Para], Para]:
    _, right = layout.signature_cells()
    need(len(right) >= 2, "không có khối chữ ký (no signature block: see R61)")
    return right[:-1], right[-1]


@rule("R61", "MUST", "The signature starts 'TM.'/'KT.'/… or a title, upper case", "Phụ lục I, II.7")
def r61(layout: Layout) -> Iterator[Problem]:
    need(
        not layout.attachment or layout.signature_table is not None,
        "văn bản kèm theo quyết định, không có chữ ký (issued with a decision: no signature)",
    )
    _, right = layout.signature_cells()
    if len(right) < 2:
        yield Problem("cuối văn bản (end)", "không tìm thấy quyền hạn, chức vụ người ký (no block)")


@rule("R63", "MUST", "Signer's name bold, upright, 13–14 pt, centred", "Phụ lục I, II.7")
def r63(layout: Layout) -> Iterator[Problem]:
    _, name = signature(layout)
    yield from looks(name, (13, 14), bold=True, upright=True, not_upper=True, centred=True)


@rule("R64", "MUST", "No academic title before the name", "Phụ lục I, II.7")
def r64(layout: Layout) -> Iterator[Problem]:
    _, name = signature(layout)
    if name.text.strip().startswith(HONORIFICS):
        yield Problem(shown(name), "không ghi học hàm, học vị trước tên (no academic titles)")


@rule("R65", "MUST", "'KT.' is followed by the deputy's title", "Phụ lục I, II.7; Điều 13")
def r65(layout: Layout) -> Iterator[Problem]:
    titles, _ = signature(layout)
    for index, para in enumerate(titles):
        if para.text.strip().startswith("KT.") and index + 1 >= len(titles):
            yield Problem(shown(para), "sau «KT.» cần chức vụ cấp phó (deputy's title missing)")


# -- Nơi nhận (ô 9b) ----------------------------------------------------------------------


def recipients(layout: Layout) -> tuple[Para, list[Para]]:
    need(layout.recipients, "không có nơi nhận (no Nơi nhận: see R66)")
    return layout.recipients[0], layout.recipients[1:]


@rule("R66", "MUST", "'Nơi nhận:' bold italic 12 pt, flush left", "Phụ lục I, II.9b")
def r66(layout: Layout) -> Iterator[Problem]:
    need(
        not layout.attachment or layout.recipients,
        "văn bản kèm theo quyết định, không có nơi nhận (issued with a decision: no recipients)",
    )
    if not layout.recipients:
        yield Problem("cuối văn bản (end)", "không có «Nơi nhận:» (no recipients)")
        return
    head = layout.recipients[0]
    yield from looks(head, (12, 12), bold=True, italic=True)
    if head.alignment not in ("left", "start", "both") or head.first_line:
        yield Problem(shown(head), "«Nơi nhận:» căn trái, không thụt đầu dòng (flush left)")


@rule("R67", "MUST", "'Nơi nhận:' in the signature row's left cell", "Phụ lục I, IV ô 9b")
def r67(layout: Layout) -> Iterator[Problem]:
    head, _ = recipients(layout)
    left, _ = layout.signature_cells()
    if not left or left[0].element is not head.element:
        yield Problem(shown(head), "không ở ô trái ngang hàng chữ ký (not level with the signer)")


@rule("R68", "MUST", "Recipients: '- ', 11 pt, upright, not bold", "Phụ lục I, II.9b")
def r68(layout: Layout) -> Iterator[Problem]:
    _, entries = recipients(layout)
    for para in entries:
        if not para.text.startswith("- "):
            yield Problem(shown(para), "nơi nhận bắt đầu bằng «- » (starts with a hyphen)")
        yield from looks(para, (11, 11), not_bold=True, upright=True)


@rule("R69", "MUST", "Each recipient but the last ends with ';'", "Phụ lục I, II.9b")
def r69(layout: Layout) -> Iterator[Problem]:
    _, entries = recipients(layout)
    for para in entries[:-1]:
        if not para.text.rstrip().endswith(";"):
            yield Problem(shown(para), "cần kết thúc bằng «;» (ends with ;)")


@rule("R70", "MUST", "The last entry is '- Lưu: VT, ….'", "Phụ lục I, II.9b")
def r70(layout: Layout) -> Iterator[Problem]:
    head, entries = recipients(layout)
    if not entries or not re.match(r"^- Lưu: VT(, ?[^.]+)?\.", entries[-1].text):
        yield Problem(
            shown(entries[-1] if entries else head), "dòng cuối «- Lưu: VT, ….» (archive)"
        )


@rule("R71", "MUST", "With a Kính gửi, the first entry is '- Như trên;'", "Phụ lục I, II.9b")
def r71(layout: Layout) -> Iterator[Problem]:
    need(layout.addressees, "không có Kính gửi (no Kính gửi)")
    head, entries = recipients(layout)
    if not entries or entries[0].text.strip() != "- Như trên;":
        yield Problem(shown(entries[0] if entries else head), "cần «- Như trên;» đầu tiên")


@rule("R72", "MODEL", "QĐ: the first entry is '- Như Điều N;'", "Phụ lục III, Mẫu 1.2")
def r72(layout: Layout) -> Iterator[Problem]:
    decision(layout)
    head, entries = recipients(layout)
    if not entries or not re.fullmatch(r"- Như Điều \d+( và Điều \d+|, \d+)*;", entries[0].text):
        yield Problem(shown(entries[0] if entries else head), "cần «- Như Điều …;» đầu tiên")


# -- Appendices -----------------------------------------------------------------------


def appendices(layout: Layout) -> list[tuple[int, Para]]:
    need(layout.appendices, "không có phụ lục (no appendix)")
    return layout.appendices


@rule("R73", "MUST", "The body points to its appendices, and they exist", "Phụ lục I, III.1")
def r73(layout: Layout) -> Iterator[Problem]:
    # the text before the appendices: the body, and a document issued with it (Mẫu 1.3)
    mentions = [
        p for p in layout.before_appendices if re.search(r"\bPhụ lục\b", p.text, re.IGNORECASE)
    ]
    if layout.appendices and not mentions:
        yield Problem(
            shown(layout.appendices[0][1]), "nội dung không nhắc đến phụ lục (unmentioned)"
        )
    # appendices the document says are in other files (its own issued apart: Phụ lục I III.1.d)
    elsewhere = (layout.doc.custom_property(APPENDICES_ELSEWHERE) or "").casefold().split("; ")
    missing = [
        p for p in mentions if not any(name and name in p.text.casefold() for name in elsewhere)
    ]
    if missing and not layout.appendices:
        yield Problem(shown(missing[0]), "nhắc đến phụ lục nhưng không có phụ lục (missing)")


@rule("R74", "MUST", "Two or more appendices: Phụ lục I, II, …", "Phụ lục I, III.1")
def r74(layout: Layout) -> Iterator[Problem]:
    found = appendices(layout)
    need(len(found) >= 2, "chỉ một phụ lục (one appendix)")
    for expected, (_, para) in enumerate(found, 1):
        if words(para.text) != f"Phụ lục {roman(expected)}":
            yield Problem(shown(para), f"cần «Phụ lục {roman(expected)}» (Roman numbering)")


@rule("R76", "MUST", "Appendix title centred, bold, upper case, 13–14 pt", "Phụ lục I, III.1")
def r76(layout: Layout) -> Iterator[Problem]:
    for _, para in appendices(layout):
        title = layout.after(para, 1)
        if not title:
            yield Problem(shown(para), "phụ lục không có tên (no title)")
            continue
        yield from looks(title[0], (13, 14), centred=True, bold=True, upper=True)


@rule("R77", "MUST", "'(Kèm theo …)' italic, 13–14 pt, under the title", "Phụ lục I, III.1")
def r77(layout: Layout) -> Iterator[Problem]:
    for _, para in appendices(layout):
        following = layout.after(para, 2)
        reference = following[1] if len(following) == 2 else None
        if reference is None or not re.match(r"^\(Kèm theo .+\)$", words(reference.text)):
            yield Problem(shown(para), "thiếu dòng «(Kèm theo …)» dưới tên phụ lục (reference)")
            continue
        yield from looks(reference, (13, 14), italic=True)


@rule("R78", "MUST", "Each appendix is a new section numbered from 1", "Phụ lục I, III.1.đ")
def r78(layout: Layout) -> Iterator[Problem]:
    for section, para in appendices(layout):
        sect = layout.sections[section] if section < len(layout.sections) else None
        start = sect.find("w:pgNumType", NS) if sect is not None else None
        opens = sect.find("w:type", NS) if sect is not None else None
        if start is None or start.get(qn("w:start")) != "1":
            yield Problem(shown(para), "phụ lục cần đánh số trang lại từ 1 (numbering restarts)")
        if opens is not None and opens.get(qn("w:val")) not in ("nextPage", "oddPage", "evenPage"):
            yield Problem(shown(para), "phụ lục cần sang trang mới (new page)")


# -- Other components ------------------------------------------------------------------


def notice_rule(texts: tuple[str, ...], what: str) -> Check:
    def check(layout: Layout) -> Iterator[Problem]:
        found = [p for p in layout.first_section if words(p.text).upper() in texts]
        need(found, f"không có {what}")
        for para in found:
            yield from looks(para, (13, 14), bold=True, upper=True)
            if not bordered(para):
                yield Problem(shown(para), "cần khung viền đơn (single-line box)")

    return check


rule("R79", "MUST", "Urgency notice bold, upper case, 13–14 pt, boxed", "Phụ lục I, III.2.b")(
    notice_rule(URGENCY, "dấu mức độ khẩn (no urgency notice)")
)
rule("R80", "MUST", "Distribution notice bold, upper case, 13–14 pt, boxed", "Phụ lục I, III.2.c")(
    notice_rule(RESTRICTION, "dấu phạm vi lưu hành (no distribution notice)")
)


@rule("R81", "MUST", "Drafter and copies mark (PL.(300)) 11 pt, upright", "Phụ lục I, III.3")
def r81(layout: Layout) -> Iterator[Problem]:
    left, _ = layout.signature_cells()
    found = [r for p in [*layout.recipients, *left] for r in p.runs() if DRAFTER.search(r.text)]
    need(found, "không có ký hiệu người soạn thảo, số bản (no drafter mark)")
    for run in found:
        if run.size != 11 or run.italic:
            yield Problem(shown(run.para), "ký hiệu người soạn thảo cần 11 pt, chữ đứng (11 pt)")


@rule("R82", "MUST", "Address footer on page 1 only, 11–12 pt, rule above", "Phụ lục I, III.4")
def r82(layout: Layout) -> Iterator[Problem]:
    address = re.compile(r"(Địa chỉ|ĐT|Điện thoại|E-?mail|Website|Fax)\s*:", re.IGNORECASE)
    footers = layout.doc.parts(layout.sections[0], "footer") if layout.sections else {}
    found = {
        pages: [
            layout.doc.para(p)
            for p in part.iter(qn("w:p"))
            if address.search("".join(part.itertext()))
        ]
        for pages, part in footers.items()
    }
    need(any(found.values()), "không có địa chỉ cơ quan ở chân trang (no address footer)")
    for pages, paragraphs in found.items():
        if paragraphs and pages != "first":
            yield Problem(shown(paragraphs[0]), "địa chỉ chỉ ở trang 1 (address on every page)")
        texts = nonempty(paragraphs)
        for para in texts:
            yield from looks(para, (11, 12))
        if texts and not texts[0].p_attr("pBdr/w:top", "val"):
            yield Problem(shown(texts[0]), "cần đường kẻ phía trên địa chỉ (rule above)")


@rule("R83", "MODEL", "The body ends with './.'", "Phụ lục III, models")
def r83(layout: Layout) -> Iterator[Problem]:
    found = body(layout)
    if not found[-1].text.rstrip().endswith("./."):
        yield Problem(shown(found[-1]), "nội dung kết thúc bằng «./.» (end mark)")


@rule("R84", "PRACTICE", "Core title is the trích yếu; metadata matches the header", "Phụ lục VI")
def r84(layout: Layout) -> Iterator[Problem]:
    need(layout.subject, "không có trích yếu (no subject)")
    title = layout.doc.document.core_properties.title or ""
    subject = " ".join(words(p.text) for p in layout.subject)
    if words(title) != subject:
        yield Problem("docProps/core.xml", f"tiêu đề tệp «{title}» khác trích yếu (core title)")


# Rules that are only how a part looks: id, rule, source, the part, size range, looks.
# fmt: off
APPEARANCE: list[tuple[str, str, str, Callable[[Layout], list[Para]], Size, str]] = [
    ("R16", "Quốc hiệu: bold, upright, 12–13 pt, upper case", "Phụ lục I, II.1",
     lambda layout: [national(layout)], (12, 13), "bold upright upper"),
    ("R20", "Tiêu ngữ: bold, upright, 13–14 pt, centred under it", "Phụ lục I, II.1",
     lambda layout: [motto(layout)], (13, 14), "bold upright centred"),
    ("R24", "Agency lines: upper case, 12–13 pt", "Phụ lục I, II.2",
     agency, (12, 13), "upper"),
    ("R27", "Agency lines centred in the left cell", "Phụ lục I, II.2",
     agency, None, "centred"),
    ("R31", "Số line: exactly 13 pt, upright, not bold", "Phụ lục I, II.3",
     lambda layout: [number(layout)[0]], (13, 13), "not_bold upright"),
    ("R32", "Số line centred", "Phụ lục I, II.3",
     lambda layout: [number(layout)[0]], None, "centred"),
    ("R38", "Date line: italic, not bold, 13–14 pt, centred", "Phụ lục I, II.4",
     lambda layout: [date(layout)], (13, 14), "italic not_bold centred"),
    ("R62", "Authority and title lines bold, upper case, 13–14 pt", "Phụ lục I, II.7",
     lambda layout: signature(layout)[0], (13, 14), "bold upper"),
    ("R75", "Appendix heading centred, bold, upright, 14 pt", "Phụ lục I, III.1",
     lambda layout: [p for _, p in appendices(layout)], (14, 14), "centred bold upright"),
]
# fmt: on


def appearance(parts: Callable[[Layout], list[Para]], size: Size, wanted: str) -> Check:
    def check(layout: Layout) -> Iterator[Problem]:
        for para in parts(layout):
            yield from looks(para, size, **dict.fromkeys(wanted.split(), True))

    return check


for _id, _text, _source, _parts, _size, _wanted in APPEARANCE:
    rule(_id, "MUST", _text, _source)(appearance(_parts, _size, _wanted))


# -- On the printed page (--render) -----------------------------------------------------


def pages(layout: Layout) -> list[Page]:
    need(layout.pages is not None, "cần --render (needs --render)")
    assert layout.pages is not None
    return layout.pages


def printed(page: Page, para: Para | None) -> Line | None:
    """The printed line of a paragraph's first line."""
    if para is None or not para.text.strip():
        return None
    first = words(para.text.split("\n")[0])
    return page.find(first) or page.find(first[:30])


def rule_ratio(layout: Layout, para: Para | None, low: float, high: float) -> Iterator[Problem]:
    first = pages(layout)[0]
    need(para is not None, "không có dòng này (no such line)")
    assert para is not None
    texts = [words(t) for t in para.text.split("\n") if t.strip()]
    lines = [line for t in texts if (line := first.find(t)) is not None]
    if not lines:
        yield Problem(shown(para), "không tìm thấy trên trang in (not found on the page)")
        return
    widest = max(lines, key=lambda line: line.width)
    below = first.rule_below(lines[-1], within=24)
    if below is None:
        yield Problem(shown(para), "trang in không có đường kẻ dưới (no rule printed)")
        return
    ratio = below.width / widest.width
    if not low <= ratio <= high:
        yield Problem(
            shown(para),
            f"đường kẻ dài {below.width / MM:.0f} mm = {ratio:.0%} dòng chữ, cần "
            f"{low:.0%}–{high:.0%} (rule length)",
        )
    centre = (widest.x0 + widest.x1) / 2
    if abs((below.x0 + below.x1) / 2 - centre) > 2 * MM:
        yield Problem(shown(para), "đường kẻ không cân giữa (rule not centred)")


@rule("R22", "MUST", "The rule under the Tiêu ngữ is as long as it", "Phụ lục I, II.1", True)
def r22(layout: Layout) -> Iterator[Problem]:
    return rule_ratio(layout, motto(layout), 0.75, 1.25)


@rule("R28", "MUST", "The rule under the agency is 1/3–1/2 of it, centred", "Phụ lục I, II.2", True)
def r28(layout: Layout) -> Iterator[Problem]:
    return rule_ratio(layout, agency(layout)[-1], 0.25, 0.6)


@rule(
    "R42",
    "MUST",
    "The rule under the trích yếu is 1/3–1/2 of it, centred",
    "Phụ lục I, II.5a",
    True,
)
def r42(layout: Layout) -> Iterator[Problem]:
    need(layout.subject, "không có trích yếu (no subject)")
    first = pages(layout)[0]
    title = printed(first, layout.title)
    if title is None:
        yield Problem(shown(layout.title or ""), "không tìm thấy trên trang in (not on the page)")
        return
    below = min((r for r in first.rules if r.y > title.bottom), key=lambda r: r.y, default=None)
    lines = [
        line
        for line in first.lines
        if title.bottom < line.top and (below is None or line.bottom < below.y)
    ]
    if below is None or not lines or below.y - max(line.bottom for line in lines) > 24:
        yield Problem(shown(layout.subject[0]), "trang in không có đường kẻ dưới (no rule printed)")
        return
    widest = max(lines, key=lambda line: line.width)
    ratio = below.width / widest.width
    if not 0.25 <= ratio <= 0.6:
        yield Problem(
            shown(layout.subject[0]),
            f"đường kẻ = {ratio:.0%} dòng trích yếu, cần 33–50 % (rule length)",
        )
    if abs((below.x0 + below.x1) / 2 - (widest.x0 + widest.x1) / 2) > 2 * MM:
        yield Problem(shown(layout.subject[0]), "đường kẻ không cân giữa (rule not centred)")


@rule("P01", "MUST", "Printed: Quốc hiệu and Tiêu ngữ each on one line", "Phụ lục I, II.1", True)
def p01(layout: Layout) -> Iterator[Problem]:
    first = pages(layout)[0]
    for para in (national(layout), motto(layout)):
        if first.find(words(para.text)) is None:
            yield Problem(shown(para), "trên trang in bị xuống dòng (breaks over two lines)")


def top_number(page: Page) -> str | None:
    """The page number printed in the top margin (a DỰ THẢO mark there is not one)."""
    top = [line.text for line in page.lines if line.bottom < 20 * MM and line.text.isdigit()]
    return top[0] if top else None


@rule(
    "P02",
    "MUST",
    "Printed: no number on page 1, then 2, 3…; appendices from 1",
    "Phụ lục I, I.7",
    True,
)
def p02(layout: Layout) -> Iterator[Problem]:
    """Numbering starts again where an appendix or a document issued with this one (its own
    Quốc hiệu, Mẫu 1.3) begins."""
    starts = {words(p.text) for _, p in layout.appendices} | QUOC_HIEU_FORMS
    expected = 0
    for page in pages(layout):
        heads = {line.text for line in page.lines[:4]}
        expected = 1 if page.number == 1 or heads & starts else expected + 1
        shown_number = top_number(page)
        wanted = None if expected == 1 else str(expected)
        if shown_number != wanted:
            yield Problem(
                f"trang (page) {page.number}",
                f"số trang in «{shown_number or ''}», cần «{wanted or ''}» (page number)",
            )


@rule("P03", "MUST", "Printed: the signature block on one page", "Phụ lục I, II.7", True)
def p03(layout: Layout) -> Iterator[Problem]:
    titles, name = signature(layout)
    where = {
        words(para.text): [page.number for page in pages(layout) if printed(page, para)]
        for para in [titles[0], name]
    }
    found = [numbers for numbers in where.values() if numbers]
    if len(found) < 2 or not set(found[0]) & set(found[1]):
        yield Problem(shown(titles[0]), "chức vụ và họ tên người ký ở hai trang (split over pages)")


# -- Running ---------------------------------------------------------------------------


def check(doc: Doc, rendered: list[Page] | None = None) -> list[Result]:
    """Every rule's result on one document, in rule order (R01 … R84, then P01 …)."""
    layout = Layout(doc, rendered)
    out = []
    for rule_, test in sorted(RULES, key=lambda item: order(item[0].id)):
        try:
            problems = tuple(test(layout))
        except NotApplicable as skipped:
            out.append(Result(rule_, "na", reason=str(skipped)))
            continue
        out.append(Result(rule_, "fail" if problems else "pass", problems))
    return out


def order(rule_id: str) -> tuple[int, int, str]:
    found = re.match(r"([RP])(\d+)(\w*)", rule_id)
    assert found is not None
    return (found.group(1) == "P", int(found.group(2)), found.group(3))


def check_files(paths: list[Path], render: bool = False) -> list[list[Result] | PlanError]:
    """The results for each document, or PlanError for one that is not a .docx.

    With `render`, the readable documents are printed to PDF in one LibreOffice run first.
    """
    docs: list[Doc | PlanError] = []
    for path in paths:
        try:
            docs.append(Doc(path))
        except PlanError as error:
            docs.append(error)
    printed: dict[int, list[Page]] = {}
    if render:
        import tempfile

        from plangen.page import read_pdf
        from plangen.pdf import Pdf, convert

        readable = [i for i, d in enumerate(docs) if isinstance(d, Doc)]
        with tempfile.TemporaryDirectory(prefix="plangen-check-") as temp:
            jobs = [(paths[i], Path(temp) / f"{i}.pdf") for i in readable]
            for i, converted in zip(readable, convert(jobs), strict=True):
                if isinstance(converted, Pdf):
                    printed[i] = read_pdf(converted.path)
                else:
                    docs[i] = converted
    return [
        d if isinstance(d, PlanError) else check(d, printed.get(i) if render else None)
        for i, d in enumerate(docs)
    ]
