"""Tables written in the plan (bảng) laid out on a grid: merged cells, widths, alignment.

One place turns the rows an author writes — cells that span columns (`span`) or rows
(`rows`), empty cells, bold group rows — into a full grid, so the checks and the layout
agree on where every cell stands.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from plangen import vn
from plangen.model import TableCell, TableColumn, TableRow, WrittenTable


@dataclass(frozen=True)
class Grid:
    """Every grid position's text; merged cells' origins with their extent."""

    cells: list[list[str]]
    spans: dict[tuple[int, int], tuple[int, int]]
    """(row, column) of a merged cell's top left → (columns, rows) it covers."""
    bold: frozenset[tuple[int, int]]
    problems: list[tuple[int, int, int]]
    """(row, cells found, columns expected) for each row that does not fill the grid."""


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, TableCell):
        return value.text
    if isinstance(value, (int, Decimal)):
        return vn.format_number(value)
    return str(value)


def columns(table: WrittenTable) -> list[TableColumn]:
    return [c if isinstance(c, TableColumn) else TableColumn(title=c) for c in table.columns]


def grid(table: WrittenTable) -> Grid:
    """The rows on the grid of `table.columns`; positions covered by a merge stay ''."""
    width = len(table.columns)
    covered: set[tuple[int, int]] = set()
    cells: list[list[str]] = []
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    bold: set[tuple[int, int]] = set()
    problems = []
    for r, written in enumerate(table.rows):
        row = written if isinstance(written, TableRow) else TableRow(cells=written)
        out, c = [""] * width, 0
        for value in row.cells:
            while (r, c) in covered:
                c += 1
            cell = value if isinstance(value, TableCell) else None
            across, down = (cell.span, cell.rows) if cell else (1, 1)
            if c < width:
                out[c] = _text(value)
                if across > 1 or down > 1:
                    spans[(r, c)] = (across, down)
                if row.bold or (cell and cell.bold):
                    bold.add((r, c))
            covered |= {(r + i, c + j) for i in range(down) for j in range(across)}
            c += across
        while (r, c) in covered:
            c += 1
        if c != width:
            problems.append((r, c, width))
        cells.append(out)
    return Grid(cells, spans, frozenset(bold), problems)


def widths(table: WrittenTable, cells: list[list[str]]) -> list[int]:
    """Relative widths: as written, else TT narrow and the others by their longest text."""
    out = []
    for index, column in enumerate(columns(table)):
        if column.width:
            out.append(column.width)
        elif column.title.strip().upper() in {"TT", "STT"}:
            out.append(6)
        else:
            longest = max([len(column.title), *(len(row[index]) for row in cells)])
            out.append(min(max(longest, 8), 60))
    return out


def alignments(table: WrittenTable, cells: list[list[str]]) -> list[str]:
    """Each column's alignment: as written, else TT and columns of numbers centred."""
    out = []
    for index, column in enumerate(columns(table)):
        texts = [row[index] for row in cells if row[index]]
        numeric = bool(texts) and all(vn.is_figure(text) for text in texts)
        default = "center" if column.title.strip().upper() in {"TT", "STT"} or numeric else "left"
        out.append(column.align or default)
    return out
