"""Word XML (WordprocessingML): runs, paragraphs, rules, tables, sections, tracked changes.

The one module that spells Word's elements. The renderer places its output in the
template, the redline wraps the same runs in w:ins / w:del, so a tracked-changes file
has exactly the formatting of a normal build. Elements are written in the order the
ECMA-376 schema gives them. Every value is escaped, in text and in attributes.
"""

from __future__ import annotations

import copy
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# Page geometry in twips (1 mm = 56.7 twips); Decree 30 Phụ lục I I.1-I.3, nd30.md R01-R06.
A4_SHORT, A4_LONG = 11906, 16838
MARGINS = {
    "top": 1134,
    "bottom": 1134,
    "left": 1701,
    "right": 850,
    "header": 567,
    "footer": 567,
    "gutter": 0,
}
CELL_MARGIN = 57
"""Left and right padding of the header and signature cells (1 mm)."""
TABLE_CELL_MARGIN = CELL_MARGIN * 2
"""Left and right padding of a bordered table's cells (2 mm), clear of the rules."""

_ESCAPES = (
    ("&", "&amp;"),  # first: the other references start with one
    ("<", "&lt;"),
    (">", "&gt;"),
    ('"', "&quot;"),
    ("{", "&#123;"),
    ("}", "&#125;"),
)


def text(value: str) -> str:
    """`value` safe as character data or as an attribute value, and inert for docxtpl.

    Braces become character references so that '{_{' in user text is not turned into
    '{{' by docxtpl, which rewrites those sequences after rendering.
    """
    for char, reference in _ESCAPES:  # str.replace scans in C; translate maps char by char
        if char in value:
            value = value.replace(char, reference)
    return value


@dataclass(frozen=True)
class Run:
    """Text with one formatting (w:r)."""

    text: str
    bold: bool = False
    italic: bool = False
    note: int | None = None
    """A footnote reference (w:footnoteReference) with this id, instead of text."""

    def properties(self) -> str:
        marks = ("<w:b/>" if self.bold else "") + ("<w:i/>" if self.italic else "")
        return f"<w:rPr>{marks}</w:rPr>" if marks else ""


DECLARATION = re.compile(r' xmlns:(\w+)="([^"]*)"')
"""A namespace declaration as lxml writes it: prefix and URI."""


def element(node: Any, declared: Mapping[str | None, str]) -> str:
    """An lxml element as XML to write inside a part whose root `declared` these
    namespaces: lxml writes every namespace in scope on the root of what it serialises,
    and those the part's root already declares are left out, as in a document Word saves."""
    from lxml import etree

    xml: str = etree.tostring(node, encoding="unicode")
    end = xml.index(">")
    tag = DECLARATION.sub(lambda m: "" if declared.get(m[1]) == m[2] else m[0], xml[:end])
    return tag + xml[end:]


def run(piece: Run, deleted: bool = False) -> str:
    if piece.note is not None:
        return (
            '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            f'<w:footnoteReference w:id="{piece.note}"/></w:r>'
        )
    tag = "w:delText" if deleted else "w:t"
    return f'<w:r>{piece.properties()}<{tag} xml:space="preserve">{text(piece.text)}</{tag}></w:r>'


def paragraph(style: str, runs: str = "", props: str = "", mark: str = "") -> str:
    """A paragraph in `style`; `props` are further w:pPr children in schema order (after
    w:pStyle), `mark` the paragraph mark's w:rPr content (a tracked insertion, say)."""
    mark = f"<w:rPr>{mark}</w:rPr>" if mark else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{text(style)}"/>{props}{mark}</w:pPr>{runs}</w:p>'


def aligned(align: str) -> str:
    """w:pPr children (after w:pStyle) of a centred or right-aligned body paragraph: no
    first-line indent, and the alignment."""
    return f'<w:ind w:firstLine="0"/><w:jc w:val="{text(align)}"/>'


def deleted(runs: str) -> str:
    """`runs` (a template's own run, say) with their text as deleted text, for a w:del."""
    runs = runs.replace("<w:t>", '<w:delText xml:space="preserve">')
    return runs.replace("<w:t ", "<w:delText ").replace("</w:t>", "</w:delText>")


def section_break(section: str) -> str:
    """The empty paragraph that ends a section: its w:pPr carries the section's w:sectPr."""
    return f"<w:p><w:pPr>{section}</w:pPr></w:p>"


def restarted(section: Any) -> Any:
    """A copy of a section's w:sectPr whose page numbers restart at 1."""
    copied = copy.deepcopy(section)
    copied.find(f"{{{W}}}pgNumType").set(f"{{{W}}}start", "1")
    return copied


def landscape(section: Any) -> Any:
    """A landscape A4 copy of a section's w:sectPr, its page numbers restarting at 1."""
    copied = restarted(section)
    size = copied.find(f"{{{W}}}pgSz")
    size.set(f"{{{W}}}w", str(A4_LONG))
    size.set(f"{{{W}}}h", str(A4_SHORT))
    size.set(f"{{{W}}}orient", "landscape")
    return copied


def runs(pieces: Iterable[Run]) -> str:
    return "".join(run(piece) for piece in pieces if piece.text or piece.note is not None)


FOOTNOTE_SIZE = 20
"""Footnote text in half-points: 10 pt."""


def footnotes(notes: list[str]) -> str:
    """The footnotes part (word/footnotes.xml): the separators Word expects (ids -1 and 0),
    then each note, numbered by Word from its reference mark, 10 pt."""
    size = f'<w:sz w:val="{FOOTNOTE_SIZE}"/><w:szCs w:val="{FOOTNOTE_SIZE}"/>'
    tight = '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    parts = [
        f'<w:footnote w:type="separator" w:id="-1"><w:p>{tight}<w:r><w:separator/></w:r>'
        "</w:p></w:footnote>",
        f'<w:footnote w:type="continuationSeparator" w:id="0"><w:p>{tight}<w:r>'
        "<w:continuationSeparator/></w:r></w:p></w:footnote>",
    ]
    for number, note in enumerate(notes, 1):
        parts.append(
            f'<w:footnote w:id="{number}"><w:p><w:pPr><w:spacing w:after="0"/>'
            '<w:jc w:val="both"/></w:pPr>'
            f'<w:r><w:rPr>{size}<w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
            f'<w:r><w:rPr>{size}</w:rPr><w:t xml:space="preserve"> {text(note)}</w:t></w:r>'
            "</w:p></w:footnote>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:footnotes xmlns:w="{W}">{"".join(parts)}</w:footnotes>'
    )


APPENDICES_ELSEWHERE = "Phụ lục ở tệp khác"
"""Custom property naming the appendices the body mentions that are in other files, issued
as files of their own (Phụ lục I III.1.d) or another document's ('Phụ lục 01; Phụ lục 02'),
so `plangen check` finds them accounted for."""


def custom_properties(properties: dict[str, str]) -> str:
    """The custom properties part (docProps/custom.xml): text properties, in order."""
    fmtid = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the one id OOXML gives user properties
    items = "".join(
        f'<property fmtid="{fmtid}" pid="{pid}" name="{text(name)}">'
        f"<vt:lpwstr>{text(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(properties.items(), 2)  # pid 0 and 1 are reserved
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'docPropsVTypes">{items}</Properties>'
    )


def lines(texts: list[str], bold: bool = False) -> str:
    """One run whose `texts` are separate lines (w:br): a title broken where chosen."""
    props = Run("", bold).properties()
    inner = "<w:br/>".join(f'<w:t xml:space="preserve">{text(line)}</w:t>' for line in texts)
    return f"<w:r>{props}{inner}</w:r>"


def inline_lines(texts: list[str]) -> str:
    """`texts` as lines inside a template's own run (`<w:r><w:t>{{ value }}</w:t></w:r>`),
    which keeps that run's formatting on every line."""
    return '</w:t><w:br/><w:t xml:space="preserve">'.join(text(line) for line in texts)


def rule(width: int, area: int, space_after: int = 0) -> str:
    """A centred horizontal line `width` twips long inside `area` twips (style DuongKe)."""
    side = max((area - width) // 2, 0)
    spacing = f'<w:spacing w:after="{space_after}"/>' if space_after else ""
    return paragraph("DuongKe", props=f'{spacing}<w:ind w:left="{side}" w:right="{side}"/>')


@dataclass(frozen=True)
class Table:
    """Cells of text in paragraph styles, by row; widths in twips."""

    widths: list[int]
    rows: list[list[tuple[str, Run]]]
    """Each cell: its paragraph style and its text."""
    header_rows: int = 1
    """Rows repeated at the top of every page (w:tblHeader)."""
    spans: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    """Merged cells: (row, column) of the top left → (columns, rows) covered; the rows give
    every grid position, and those a merge covers are not written (w:gridSpan, w:vMerge)."""
    right: frozenset[int] = frozenset()
    """Columns whose paragraphs are right-aligned."""


def table(content: Table, cell_margin: int = TABLE_CELL_MARGIN) -> str:
    """A bordered, fixed-layout table; no row splits across pages (w:cantSplit)."""
    area = sum(content.widths)
    border = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in content.widths)
    below: dict[tuple[int, int], int] = {}  # covered by a merge from above → its width
    for (r, c), (across, down) in content.spans.items():
        below.update({(r + i, c): across for i in range(1, down)})
    rows = []
    for number, cells in enumerate(content.rows):
        header = "<w:tblHeader/>" if number < content.header_rows else ""
        tcs, c = [], 0
        while c < len(cells):
            style, words = cells[c]
            across, down = content.spans.get((number, c), (below.get((number, c), 1), 1))
            width = sum(content.widths[c : c + across])
            merge = f'<w:gridSpan w:val="{across}"/>' if across > 1 else ""
            if (number, c) in below:
                merge += "<w:vMerge/>"
                words = Run("")
            elif down > 1:
                merge += '<w:vMerge w:val="restart"/>'
            align = '<w:jc w:val="right"/>' if c in content.right else ""
            tcs.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{merge}</w:tcPr>'
                f"{paragraph(style, runs([words]), align)}</w:tc>"
            )
            c += across
        rows.append(f"<w:tr><w:trPr><w:cantSplit/>{header}</w:trPr>{''.join(tcs)}</w:tr>")
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{area}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{border}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="{cell_margin}" w:type="dxa"/>'
        f'<w:right w:w="{cell_margin}" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


Op = Literal["equal", "insert", "delete"]


@dataclass
class Revisions:
    """Tracked changes (w:ins, w:del) by one author at one time, with running ids."""

    author: str
    date: str
    """ISO 8601, e.g. `2025-01-01T00:00:00Z`."""
    ids: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def attributes(self) -> str:
        return f'w:id="{next(self.ids)}" w:author="{text(self.author)}" w:date="{text(self.date)}"'

    def run(self, op: Op, piece: Run) -> str:
        """`piece` as it stays, as inserted or as deleted."""
        if not piece.text:
            return ""
        return self.wrap(op, run(piece, deleted=op == "delete"))

    def wrap(self, op: Op, runs: str) -> str:
        """`runs` (written with w:delText when deleted) tracked as `op`."""
        if op == "equal":
            return runs
        tag = "w:ins" if op == "insert" else "w:del"
        return f"<{tag} {self.attributes()}>{runs}</{tag}>"

    def mark(self, op: Literal["insert", "delete"]) -> str:
        """The w:rPr content that tracks a whole paragraph's mark as inserted or deleted."""
        return f"<w:{'ins' if op == 'insert' else 'del'} {self.attributes()}/>"
