"""Read a source document (.docx, .txt, .md) into neutral blocks: paragraphs and tables,
each with the line of the source it starts on.

Văn bản nguồn: the copies offices and legal websites hand out are hard-wrapped, carry
Markdown markers, '|' rows, cells one per line, two columns laid out with spaces and page
markers. This module undoes the copy's form, never the document's wording; recognising
the document's parts (header, căn cứ, sections, signature) is `importer.py`'s job.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from plangen.diagnostics import PlanError

if TYPE_CHECKING:
    from lxml import etree


@dataclass(frozen=True)
class Para:
    """One paragraph, its text on one line, and the source line it starts on."""

    text: str
    line: int
    italic: bool = False
    bold: bool = False
    style: str = ""
    """The Word paragraph style (a .docx); empty for text."""


@dataclass(frozen=True)
class Table:
    """A table of the source: rows of cells; a cell's own line breaks are kept as '\\n'."""

    rows: tuple[tuple[str, ...], ...]
    line: int
    row_lines: tuple[int, ...]


@dataclass(frozen=True)
class Cut:
    """Where a copy says text is missing ('[...]')."""

    line: int


Block = Para | Table | Cut


@dataclass
class Source:
    """A source document as blocks, and what reading it set aside (line, what, why)."""

    path: str
    blocks: list[Block]
    notes: list[tuple[int, str]] = field(default_factory=list)


def read(path: Path) -> Source:
    """The blocks of the document at `path`; PlanError (exit 2) for a file it cannot read."""
    from plangen.files import DISK

    name = str(path)
    data = DISK.read(name)
    if path.suffix.lower() == ".docx" or data[:2] == b"PK":
        return _docx(path, data)
    if path.suffix.lower() not in {".txt", ".md", ".markdown", ".text", ""}:
        raise PlanError.at(name, "import-format", suffix=path.suffix)
    return from_text(name, decode(name, data))


def decode(name: str, data: bytes) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with a BOM, as Word's 'Unicode text' saves."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise PlanError.at(name, "file-binary")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - data.rfind(b"\n", 0, exc.start)
        raise PlanError.at(
            name, "encoding-invalid", line=line, column=column, byte=f"{data[exc.start]:02X}"
        ) from None


# ---------------------------------------------------------------- text and Markdown copies

_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\u00ad]")
_RULE = re.compile(r"^[-_=*~. ]{3,}$|^\*\s*\*$|^[-=]{3,}$")
_SEPARATOR_ROW = re.compile(r"^\|?(\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$")
_PAGE = re.compile(
    r"^(?:-\s*\d{1,3}\s*-|trang\s+\d{1,3}(?:\s*/\s*\d{1,3})?|page\s+\d{1,3}(?:\s+of\s+\d+)?)$",
    re.IGNORECASE,
)
_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)([^*]+?)(?<!\s)\*(?![\w*])")
_GAP = re.compile(r"(?<=\S) {4,}(?=\S)")

LABEL = re.compile(
    r"^(?:(?:Phần|PHẦN|Chương|CHƯƠNG|Mục|MỤC)\s+[\wIVXLC]+[.:]?\s"
    r"|Điều\s+\d+[.:]?\s"
    r"|[IVXLC]+\.\s"
    r"|[A-Z]\.\s"
    r"|\d{1,3}(?:\.\d{1,3})*[.)]\s"
    r"|[a-zđ]\)\s"
    r"|\(\d{1,3}\)\s"
    r"|[-+•–]\s)"
)
"""A paragraph that opens with a number or bullet begins a new paragraph in any copy."""

_OPENERS = re.compile(
    r"^(?:Căn cứ|Nơi nhận|Noi nhận|Kính gửi|Số:|V/v|TM\.|KT\.|TL\.|TUQ\.|Q\.\s|Độc lập"
    r"|[^,]{2,40}, ngày\s.*năm\s+\d{4}$)"
)
_TERMINAL = (".", ";", ":", "!", "?", "…")


@dataclass
class _Line:
    number: int
    text: str
    indent: int
    italic: bool = False
    bold: bool = False
    blank_before: bool = False
    bar_before: bool = False


def _clean(raw: str) -> tuple[str, bool, bool]:
    """A line without the copy's markers: **bold**, *italic*, '#' headings, escapes."""
    text = _INVISIBLE.sub("", raw.replace("\u00a0", " ").replace("\t", "    ").replace("\f", ""))
    text = text.rstrip()
    stripped = text.strip()
    bold = stripped.startswith("**") or stripped.endswith("**")
    text = text.replace("**", "")
    stripped = text.strip()
    italic = len(stripped) > 2 and stripped.startswith("*") and stripped.endswith("*")
    if italic:
        indent = len(text) - len(text.lstrip())
        text = " " * indent + stripped[1:-1].strip()
    elif stripped.startswith("*") and not stripped.startswith("* ") and stripped.count("*") == 1:
        italic = True  # an italic line whose closing '*' the copy lost
        indent = len(text) - len(text.lstrip())
        text = " " * indent + stripped[1:]
    text = _ITALIC.sub(r"\1", text)
    text = re.sub(r"^(\s*)#{1,6}\s+", r"\1", text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|])", r"\1", text)
    return unicodedata.normalize("NFC", text), italic, bold


def _row_cells(text: str) -> tuple[str, ...]:
    """'| a | b |' → cells; inside a flattened cell, a run of spaces was a line break."""
    inner = text.strip().strip("|")
    return tuple(_GAP_OR_DOUBLE.sub("\n", cell.strip()) for cell in inner.split("|"))


_GAP_OR_DOUBLE = re.compile(r"(?<=\S) {2,}(?=\S)")


def from_text(name: str, text: str) -> Source:
    """Blocks of a plain-text or Markdown copy."""
    source = Source(name, [])
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    pending: list[_Line] = []
    blank = bar = False
    index = 0
    while index < len(lines):
        number = index + 1
        raw = lines[index]
        index += 1
        cleaned, italic, bold = _clean(raw)
        stripped = cleaned.strip()
        if not stripped:
            blank = True
            continue
        if stripped == "|":
            bar = True
            continue
        if "[...]" in stripped or stripped == "[…]":
            before = stripped.replace("[...]", "").replace("[…]", "").strip()
            if before:
                pending.append(_Line(number, before, _indent(cleaned), italic, bold, blank, bar))
            _flush(source, pending)
            source.blocks.append(Cut(number))
            blank = bar = False
            continue
        if _SEPARATOR_ROW.match(stripped):
            continue
        if _RULE.match(stripped):
            _flush(source, pending)
            blank = bar = False
            continue
        if _PAGE.match(stripped):
            source.notes.append((number, f"bỏ dấu trang '{stripped}' (page marker left out)"))
            continue
        if stripped.startswith("|") and stripped.count("|") >= 2:
            _flush(source, pending)
            index = _pipe_table(source, lines, number - 1)
            blank = bar = False
            continue
        if _table_start(stripped):
            _flush(source, pending)
            after = next((t.strip() for t in lines[index:] if t.strip()), "")
            if after == "|":
                index = _bar_table(source, lines, number - 1)
            else:
                index = _loose_cells(source, lines, index, [stripped], number)
            blank = bar = False
            continue
        pending.append(_Line(number, cleaned, _indent(cleaned), italic, bold, blank, bar))
        blank = bar = False
    _flush(source, pending)
    return source


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _table_start(text: str) -> bool:
    return text.upper() in {"TT", "STT", "SỐ TT"}


_MARKER = re.compile(r"^(\d{1,3}|[a-zđ]\)|[IVX]{1,5}\.?|\d{1,2}\.\d{1,2})$")


def _is_marker(cell: str, last: list[str]) -> bool:
    """A row's TT cell ('1', 'a)', 'II'), when it follows the previous row's in order."""
    if not _MARKER.match(cell):
        return False
    if cell.isdigit():
        previous = [int(m) for m in last if m.isdigit()]
        return int(cell) == (previous[-1] + 1 if previous else 1)
    if cell.endswith(")"):
        return True
    return True


def _rows(header: list[str], cells: list[str]) -> list[list[str]]:
    """Cells in reading order → rows, split at each TT cell; a row spilled over a page
    break (more cells than columns) continues its own cells, content first."""
    rows: list[list[str]] = []
    markers: list[str] = []
    for cell in cells:
        if _is_marker(cell, markers) or not rows:
            rows.append([cell])
            markers.append(cell)
            continue
        rows[-1].append(cell)
    width = len(header)
    out: list[list[str]] = []
    for row in rows:
        if len(row) > width:
            extra = row[width:]
            row = row[:width]
            for offset, more in enumerate(extra):
                column = 1 + offset % (width - 1)
                row[column] = f"{row[column]} {more}"
        out.append(row)
    return out


def _table_end(text: str) -> bool:
    return bool(re.match(r"^(Nơi nhận|PHỤ LỤC|Phụ lục|DANH MỤC|KẾ HOẠCH|QUYẾT ĐỊNH)\b", text))


def _pipe_table(source: Source, lines: list[str], start: int) -> int:
    """'| a | b |' rows; a table whose grid the copy lost goes on with cells one per line."""
    rows: list[tuple[str, ...]] = []
    numbers: list[int] = []
    index = start
    while index < len(lines):
        cleaned = _clean(lines[index])[0].strip()
        if _SEPARATOR_ROW.match(cleaned):
            index += 1
            continue
        if not (cleaned.startswith("|") and cleaned.count("|") >= 2):
            break
        rows.append(_row_cells(cleaned))
        numbers.append(index + 1)
        index += 1
    if rows and _table_start(rows[0][0].strip()) and len(rows) == 1:
        return _loose_cells(source, lines, index, list(rows[0]), numbers[0])
    source.blocks.append(Table(tuple(rows), numbers[0], tuple(numbers)))
    return index


def _loose_cells(source: Source, lines: list[str], index: int, header: list[str], line: int) -> int:
    """A table whose header row survived and whose cells follow one per line."""
    cells: list[tuple[int, str]] = []
    while index < len(lines):
        cleaned = _clean(lines[index])[0].strip()
        if cleaned and (_table_end(cleaned) or cleaned.startswith("|")):
            break
        if cleaned:
            cells.append((index + 1, cleaned))
        index += 1
    texts = [text for _, text in cells]
    first = next((i for i, text in enumerate(texts) if _is_marker(text, [])), len(texts))
    header = header + texts[:first]
    _emit_table(source, header, cells[first:], line)
    return index


def _bar_table(source: Source, lines: list[str], start: int) -> int:
    """Cells separated by lone '|' lines, rows not marked: the header runs to the first TT."""
    cells: list[tuple[int, str]] = []
    current: list[str] = []
    first_line = start + 1
    index = start
    while index < len(lines):
        cleaned = _clean(lines[index])[0].strip()
        if cleaned == "|":
            if current:
                cells.append((first_line, " ".join(current)))
            current = []
            index += 1
            first_line = index + 1
            continue
        if cleaned and _table_end(cleaned):
            break
        if cleaned:
            current.append(cleaned)
        index += 1
    if current:
        cells.append((first_line, " ".join(current)))
    texts = [text for _, text in cells]
    first = next((i for i, t in enumerate(texts) if i and _is_marker(t, [])), len(texts))
    _emit_table(source, texts[:first], cells[first:], start + 1)
    return index


def _emit_table(source: Source, header: list[str], cells: list[tuple[int, str]], line: int) -> None:
    rows = _rows(header, [text for _, text in cells])
    lines_of: list[int] = []
    position = 0
    for row in rows:
        lines_of.append(cells[position][0] if position < len(cells) else line)
        position += len(row)
    source.blocks.append(
        Table(
            (tuple(header), *(tuple(r) for r in rows)),
            line,
            (line, *lines_of),
        )
    )


def _columns(run: list[_Line]) -> list[tuple[int, str, str]] | None:
    """A run of lines laid out in two columns with spaces (a PDF's text): each line's left
    and right part, or None when the run is ordinary text."""
    splits = [_GAP.search(line.text.strip()) for line in run]
    if sum(1 for s in splits if s) < 1:
        return None
    starts = [line.indent + s.end() for line, s in zip(run, splits, strict=True) if s is not None]
    right = min(starts)
    out = []
    for line, gap in zip(run, splits, strict=True):
        body = line.text.strip()
        if gap is not None:
            out.append((line.number, body[: gap.start()].strip(), body[gap.end() :].strip()))
        elif line.indent >= right - 4:
            out.append((line.number, "", body))
        else:
            out.append((line.number, body, ""))
    return out


def _flush(source: Source, pending: list[_Line]) -> None:
    """Lines → paragraphs (joining hard-wrapped lines), or two-column rows → a table."""
    if not pending:
        return
    runs: list[list[_Line]] = [[]]
    for line in pending:
        if line.blank_before or line.bar_before:
            runs.append([])
        runs[-1].append(line)
    plain: list[_Line] = []
    for run in runs:
        if not run:
            continue
        columns = _columns(run) if len(run) <= 16 else None
        if columns is None:
            plain.extend(run)
            continue
        _paragraphs(source, plain)
        plain = []
        left = "\n".join(text for _, text, _ in columns if text)
        right = "\n".join(text for _, _, text in columns if text)
        rows = ((left, right),)
        source.blocks.append(Table(rows, run[0].number, (run[0].number,)))
    _paragraphs(source, plain)
    pending.clear()


def _upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _starts_lower(text: str) -> bool:
    first = text.lstrip('"“(*')[:1]
    return first.islower() or (first.isdigit() and not LABEL.match(text))


def _continues(para: list[_Line], line: _Line) -> bool:
    """Whether `line` goes on with the paragraph `para` (a hard-wrapped copy)."""
    first, last = para[0], para[-1]
    text = line.text.strip()
    head = " ".join(part.text.strip() for part in para)
    if line.bar_before or line.italic != first.italic or LABEL.match(text):
        return False
    if _OPENERS.match(head) and not head.startswith("Căn cứ"):
        return False
    if _OPENERS.match(text) or _table_start(text):
        return False
    if _upper(head) or _upper(text):
        # Capitals: a heading wrapped mid-phrase ('III. KINH PHÍ THỰC' / 'HIỆN').
        return _upper(head) and _upper(text) and bool(LABEL.match(head))
    heading = (
        bool(LABEL.match(head))
        and not head.startswith(("- ", "+ "))
        and len(para) == 1
        and len(head) < 60
    )
    if line.blank_before:
        return _starts_lower(text) or (
            head.startswith(("- ", "+ ")) and not head.endswith(_TERMINAL) and len(head) > 60
        )
    if line.indent > last.indent and line.indent >= 3:
        return False  # a first-line indent opens a paragraph
    if _starts_lower(text):
        return True
    if heading:
        return text.endswith(":") and len(text) < 60 and not head.endswith(_TERMINAL)
    return not last.text.rstrip().endswith(_TERMINAL)


def _paragraphs(source: Source, lines: list[_Line]) -> None:
    para: list[_Line] = []

    def close() -> None:
        if para:
            text = " ".join(part.text.strip() for part in para)
            text = re.sub(r"\s+", " ", text).strip()
            first = para[0]
            source.blocks.append(Para(text, first.number, first.italic, first.bold))
        para.clear()

    for line in lines:
        if para and not _continues(para, line):
            close()
        para.append(line)
    close()


# ---------------------------------------------------------------- Word files

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx(path: Path, data: bytes) -> Source:
    """Blocks of a Word file: paragraphs with their style, italics and list numbers, tables
    cell by cell (a merged cell once), footnotes after the paragraph that cites them.

    The body's paragraphs and tables are its children, read as `plangen text` reads them
    (textconv.py: python-docx's text in linear time), each paragraph's style looked up
    once per style: python-docx searches styles.xml with XPath on every `.style`."""
    import io

    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError
    from docx.text.paragraph import Paragraph

    from plangen.textconv import paragraph_text, table_rows

    name = str(path)
    try:
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise PlanError.at(name, "docx-invalid", reason=exc) from None
    source = Source(name, [])
    numbers = _Numbering(document)
    notes = _footnotes(document)
    styles: dict[str | None, tuple[object, etree._Element | None]] = {}
    position = 0
    for element in document.element.body.iterchildren(f"{_W}p", f"{_W}tbl"):
        position += 1
        if element.tag == f"{_W}tbl":
            rows = []
            for row in table_rows(element):
                cells = {id(cell): cell for cell in row}.values()  # a merged cell once
                rows.append(tuple("\n".join(t.strip() for t in cell).strip() for cell in cells))
            if rows:
                source.blocks.append(Table(tuple(rows), position, (position,) * len(rows)))
            continue
        block = Paragraph(element, document._body)
        key = element.style
        if key not in styles:
            styles[key] = block.style, _style_numbering(block.style)
        style, numbered = styles[key]
        text, apart = paragraph_text(element).replace("\n", " ").strip(), list[str]()
        if element.find(f".//{_W}footnoteReference") is not None:
            text, apart = _noted_text(element, notes)
        label = numbers.label(element, numbered)
        if label:
            text = f"{label} {text}"
        if not text:
            continue
        runs = [run for run in block.runs if run.text.strip()]
        italic = bool(runs) and all(_italic(run, style) for run in runs)
        bold = bool(runs) and all(run.bold or False for run in runs)
        style_name = getattr(style, "name", "") or ""
        text = unicodedata.normalize("NFC", re.sub(r"\s+", " ", text))
        source.blocks.append(Para(text, position, italic, bold, style_name))
        for note in apart:
            source.blocks.append(Para(note, position, style="footnote"))
    return source


def _noted_text(paragraph: object, notes: dict[str, str]) -> tuple[str, list[str]]:
    """The paragraph's text with each footnote written where its mark stands, `[^…]` as a
    plan writes it; a note that markup cannot hold (it has brackets) is given apart."""
    from plangen.context import FOOTNOTE

    parts: list[str] = []
    apart: list[str] = []
    marks = (f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}footnoteReference")
    for node in paragraph.iter(*marks):  # type: ignore[attr-defined]
        tag = node.tag.removeprefix(_W)
        if tag == "t":
            parts.append(node.text or "")
        elif tag != "footnoteReference":
            parts.append("\t" if tag == "tab" else " ")
        elif note := notes.get(node.get(f"{_W}id") or ""):
            marked = f"[^{note}]"
            if FOOTNOTE.fullmatch(marked):
                parts.append(marked)
            else:
                apart.append(note)
    return "".join(parts).strip(), apart


def _italic(run: object, style: object) -> bool:
    """The run's italic, else its paragraph style's."""
    value = getattr(run, "italic", None)
    if value is not None:
        return bool(value)
    font = getattr(style, "font", None)
    return bool(getattr(font, "italic", False))


def _footnotes(document: object) -> dict[str, str]:
    """Footnote id → its text, from word/footnotes.xml (python-docx has no API for them)."""
    from lxml import etree

    part = getattr(document, "part", None)
    out: dict[str, str] = {}
    for rel in getattr(part, "rels", {}).values():
        if rel.reltype.endswith("/footnotes"):
            root = etree.fromstring(rel.target_part.blob)
            for note in root.iter(f"{_W}footnote"):
                text = "".join(t.text or "" for t in note.iter(f"{_W}t")).strip()
                if text:
                    out[note.get(f"{_W}id") or ""] = text
    return out


class _Numbering:
    """The labels Word's automatic numbering shows ('I.', '1.', 'a)'), which are not text."""

    def __init__(self, document: object) -> None:
        self.formats: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[str, list[int]] = {}
        part = getattr(document, "part", None)
        numbering = None
        for rel in getattr(part, "rels", {}).values():
            if rel.reltype.endswith("/numbering"):
                numbering = rel.target_part.element
        if numbering is None:
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in numbering.iter(f"{_W}abstractNum"):
            levels = {}
            for lvl in node.iter(f"{_W}lvl"):
                fmt = lvl.find(f"{_W}numFmt")
                text = lvl.find(f"{_W}lvlText")
                start = lvl.find(f"{_W}start")
                levels[int(lvl.get(f"{_W}ilvl") or 0)] = (
                    fmt.get(f"{_W}val") if fmt is not None else "decimal",
                    text.get(f"{_W}val") if text is not None else "",
                    int(start.get(f"{_W}val")) if start is not None else 1,
                )
            abstract[node.get(f"{_W}abstractNumId") or ""] = levels
        for num in numbering.iter(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            levels = abstract.get(ref.get(f"{_W}val") if ref is not None else "", {})
            for ilvl, spec in levels.items():
                self.formats[(num.get(f"{_W}numId") or "", ilvl)] = spec

    def label(self, paragraph: etree._Element, numbered: etree._Element | None) -> str:
        """The paragraph's label; `numbered`: the numbering its style gives (`_style_numbering`)."""
        props = paragraph.find(f"{_W}pPr/{_W}numPr")
        if props is None:
            props = numbered
        if props is None:
            return ""
        num = props.find(f"{_W}numId")
        lvl = props.find(f"{_W}ilvl")
        num_id = num.get(f"{_W}val") if num is not None else ""
        ilvl = int(lvl.get(f"{_W}val")) if lvl is not None else 0
        spec = self.formats.get((num_id, ilvl))
        if spec is None:
            return ""
        fmt, pattern, start = spec
        counts = self.counters.setdefault(num_id, [0] * 9)
        counts[ilvl] = counts[ilvl] + 1 if counts[ilvl] else start
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = 0
        if fmt == "bullet":
            return "-" if pattern in {"-", "–", "", "\uf02d"} else "+"
        label = pattern
        for level in range(ilvl + 1):
            label = label.replace(f"%{level + 1}", _format(fmt, counts[level] or 1))
        return label


def _style_numbering(style: object) -> etree._Element | None:
    """The w:numPr a paragraph style gives, itself or through the styles it is based on."""
    while style is not None:
        element = getattr(style, "element", None)
        props = element.find(f"{_W}pPr/{_W}numPr") if element is not None else None
        if props is not None:
            return props
        style = getattr(style, "base_style", None)
    return None


def _format(fmt: str, value: int) -> str:
    from plangen import vn

    if fmt == "upperRoman":
        return vn.roman(value)
    if fmt == "lowerRoman":
        return vn.roman(value).lower()
    if fmt == "lowerLetter":
        return vn.point_letter(value - 1)
    if fmt == "upperLetter":
        return vn.point_letter(value - 1).upper()
    return str(value)
