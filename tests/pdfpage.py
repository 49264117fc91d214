"""What a reader sees: a .docx converted to PDF (plangen.pdf), read back as lines and rules.

Used by the tests that check Decree 30 on the rendered page (one-line Quốc hiệu, rule
lengths, page numbers). LibreOffice is required; under CI its absence is a failure.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from plangen.diagnostics import PlanError
from plangen.pdf import convert

MM = 72 / 25.4
GUTTER = 4 * MM
"""A gap wider than this between words separates two columns."""


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is required in CI: .ci/run installs it")
        pytest.skip("LibreOffice not installed: rendered-page checks not run")
    return found


def to_pdfs(documents: list[Path], out_dir: Path) -> list[Path]:
    """Convert the documents in one LibreOffice run (plangen.pdf), as out_dir/<stem>.pdf."""
    soffice()
    targets = [out_dir / f"{docx.stem}.pdf" for docx in documents]
    for result in convert(list(zip(documents, targets, strict=True))):
        assert not isinstance(result, PlanError), result
    return targets


def to_pdf(docx: Path, out_dir: Path) -> Path:
    return to_pdfs([docx], out_dir)[0]


def font_families(pdf: Path) -> set[str]:
    """The typeface families whose glyphs the PDF shows: 'LiberationSerif' for the four
    styles of Liberation Serif (the subset prefix `ABCDEF+` and the style are dropped)."""
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        names = {char["fontname"] for page in document.pages for char in page.chars}
    return {name.split("+", 1)[-1].split("-", 1)[0].split(",", 1)[0] for name in names}


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
    lines: list[Line] = []
    rows: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["bottom"]), w["x0"])):
        if rows and abs(rows[-1][0]["bottom"] - word["bottom"]) < 2:
            rows[-1].append(word)
        else:
            rows.append([word])
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        group = [row[0]]
        for word in [*row[1:], None]:
            if word is None or word["x0"] - group[-1]["x1"] > GUTTER:
                lines.append(
                    Line(
                        " ".join(w["text"] for w in group),
                        group[0]["x0"],
                        group[-1]["x1"],
                        min(w["top"] for w in group),
                        max(w["bottom"] for w in group),
                        max(w.get("size", 0) for w in group),
                    )
                )
                group = [word] if word else []
            else:
                group.append(word)
    return lines


def read_pdf(path: Path) -> list[Page]:
    import pdfplumber

    pages = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            words = page.extract_words(extra_attrs=["size"], keep_blank_chars=False)
            rules = [
                Rule(e["x0"], e["x1"], e["top"])
                for e in page.edges
                if e["orientation"] == "h" and e["x1"] - e["x0"] > 3 * MM
            ]
            pages.append(Page(number, float(page.width), float(page.height), _lines(words), rules))
    return pages
