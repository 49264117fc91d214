"""Tables written in the plan (bảng) laid out on a grid: merged cells, widths, alignment.

One place turns the rows an author writes — cells that span columns (`span`) or rows
(`rows`), empty cells, bold group rows — into a full grid, so the checks and the layout
agree on where every cell stands.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from plangen import metrics, vn
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


def fit(
    headings: Sequence[str],
    rows: Sequence[Sequence[str]],
    written: Sequence[int | None],
    area: int,
    *,
    padding: int,
    size_pt: float = 12,
    bold: Callable[[int, int], bool] = lambda row, column: False,
    spans: Mapping[tuple[int, int], tuple[int, int]] | None = None,
    content: int | None = None,
) -> list[int]:
    """Column widths in twips summing to `area`, as a văn thư sizes them from the text.

    A column the author gave a `width` takes that percent of the table (all of them given:
    shared in proportion). Every other column is at least as wide as its longest word
    and its heading's, measured with the font (`metrics`) plus the cell's `padding`; what
    is left goes in proportion to each column's total text, and the `content` column
    (Nội dung; by default the one with the most text) is kept the widest. So TT and dates
    stay narrow and Nội dung takes the room.
    `rows` are the grid's cells (headings rows included, in bold as `bold` says); a cell
    merged across columns counts for none of them.
    """
    if all(w is not None for w in written):
        return _shares([w or 0 for w in written], area)
    count = len(headings)
    texts: list[list[tuple[str, bool]]] = [[(heading, True)] for heading in headings]
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells[:count]):
            if (spans or {}).get((r, c), (1, 1))[0] == 1:
                texts[c].append((text, bold(r, c)))
    least = [
        padding
        + max(metrics.width(w, size_pt, b) for text, b in column for w in [*text.split(), ""])
        for column in texts
    ]
    length = [sum(metrics.width(text, size_pt, b) for text, b in column) for column in texts]
    free = [c for c in range(count) if written[c] is None]
    given = [(c, w) for c, w in enumerate(written) if w is not None]
    out = [area * w // 100 if w is not None else 0 for w in written]
    needed = sum(least[c] for c in free)
    if area - sum(out) < needed:  # the author's columns leave too little: they share the rest
        shares = _shares([w for _, w in given], max(area - needed, 0))
        for (c, _), share in zip(given, shares, strict=True):
            out[c] = share
    room = area - sum(out)
    if room < needed:  # narrower than the longest words: Word breaks inside them
        for c, share in zip(free, _shares([least[c] for c in free], room), strict=True):
            out[c] = share
        return out
    extra = _shares([length[c] for c in free], room - needed)
    for c, more in zip(free, extra, strict=True):
        out[c] = least[c] + more
    widest = content if content in free else max(free, key=lambda c: length[c])
    return _widest(out, least, widest, [c for c in free if c != widest])


def _shares(weights: Sequence[int], total: int) -> list[int]:
    """`total` split in proportion to `weights` (equally if all are 0), exactly: the units
    left by rounding down go to the largest weights."""
    if not any(weights):
        weights = [1] * len(weights)
    whole = sum(weights)
    out = [total * w // whole for w in weights]
    for c in sorted(range(len(weights)), key=lambda c: -weights[c])[: total - sum(out)]:
        out[c] += 1
    return out


def _widest(out: list[int], least: list[int], widest: int, others: list[int]) -> list[int]:
    """`out` with column `widest` made at least as wide as each of `others`, by capping
    them (never below their `least`) at the widest width that leaves it so."""
    if not others or out[widest] >= max(out[c] for c in others):
        return out

    def capped(cap: int) -> list[int]:
        widths = list(out)
        for c in others:
            widths[c] = max(least[c], min(out[c], cap))
        widths[widest] += sum(out) - sum(widths)
        return widths

    low, high = max(out[widest], *(least[c] for c in others)), max(out[c] for c in others)
    while low < high:  # the largest cap at which `widest` is still the widest
        cap = (low + high + 1) // 2
        if capped(cap)[widest] >= cap:
            low = cap
        else:
            high = cap - 1
    return capped(low)


def alignments(table: WrittenTable, cells: list[list[str]]) -> list[str]:
    """Each column's alignment: as written, else TT and columns of numbers centred."""
    out = []
    for index, column in enumerate(columns(table)):
        texts = [row[index] for row in cells if row[index]]
        numeric = bool(texts) and all(vn.is_figure(text) for text in texts)
        default = "center" if column.title.strip().upper() in {"TT", "STT"} or numeric else "left"
        out.append(column.align or default)
    return out
