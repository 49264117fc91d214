"""The printed page (trang in): a PDF read back as lines of text and horizontal rules.

`plangen check --render` and the tests check Decree 30 on what a reader sees: the Quốc
hiệu on one line, rule lengths, page numbers. Needs pdfplumber.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MM = 72 / 25.4
GUTTER = 4 * MM
"""A gap wider than this between words separates two columns."""


@dataclass(frozen=True)
class Line:
    """A line of text as laid out: its text and its box in points (top-left origin)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0


@dataclass(frozen=True)
class Rule:
    """A horizontal stroke on the page."""

    x0: float
    x1: float
    y: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line]
    rules: list[Rule]

    def find(self, text: str) -> Line | None:
        return next((line for line in self.lines if text in line.text), None)

    def rule_below(self, line: Line, within: float = 12.0) -> Rule | None:
        """The nearest horizontal rule under `line` overlapping it horizontally."""
        below = [
            r
            for r in self.rules
            if line.bottom - 1 <= r.y <= line.bottom + within
            and r.x1 > line.x0 - 40
            and r.x0 < line.x1 + 40
        ]
        return min(below, key=lambda r: r.y, default=None)

    @property
    def landscape(self) -> bool:
        return self.width > self.height


def _lines(words: list[dict]) -> list[Line]:
    """Words grouped into lines: same baseline, and no gap wider than a column gutter."""
    rows: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["bottom"]), w["x0"])):
        if rows and abs(rows[-1][0]["bottom"] - word["bottom"]) < 2:
            rows[-1].append(word)
        else:
            rows.append([word])
    groups: list[list[dict]] = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        groups.append([row[0]])
        for word in row[1:]:
            if word["x0"] - groups[-1][-1]["x1"] > GUTTER:
                groups.append([word])
            else:
                groups[-1].append(word)
    return [
        Line(
            " ".join(w["text"] for w in group),
            group[0]["x0"],
            group[-1]["x1"],
            min(w["top"] for w in group),
            max(w["bottom"] for w in group),
            max(w.get("size", 0) for w in group),
        )
        for group in groups
    ]


def read_pdf(path: Path) -> list[Page]:
    import pdfplumber

    pages = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            words = page.extract_words(extra_attrs=["size"], keep_blank_chars=False)
            lines = _lines(words)
            strokes = [
                Rule(e["x0"], e["x1"], e["top"])
                for e in page.edges
                if e["orientation"] == "h" and e["x1"] - e["x0"] > 3 * MM
            ]
            rules = [r for r in strokes if not any(_decorates(r, line) for line in lines)]
            pages.append(Page(number, float(page.width), float(page.height), lines, rules))
    return pages


def _decorates(rule: Rule, line: Line) -> bool:
    """Whether `rule` is a stroke of `line`'s own text: through its letters or just under
    them (struck and underlined words, as a redline prints what it deletes and inserts),
    and no wider than the text. A rule drawn under a line lies lower (about 9 pt under
    the Decree's header lines), and rules of blank underlined spaces reach past the text."""
    return (
        line.top + 1 < rule.y <= line.bottom + 2
        and rule.x0 >= line.x0 - 1
        and rule.x1 <= line.x1 + 1
    )
