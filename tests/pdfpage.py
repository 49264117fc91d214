"""What a reader sees: a .docx converted by LibreOffice to PDF, read back as lines and rules.

Used by the tests that check Decree 30 on the rendered page (one-line Quốc hiệu, rule
lengths, page numbers). LibreOffice is required; under CI its absence is a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

MM = 72 / 25.4


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is required in CI: .ci/run installs it")
        pytest.skip("LibreOffice not installed: rendered-page checks not run")
    return found


def to_pdf(docx: Path, out_dir: Path) -> Path:
    """Convert with a private LibreOffice profile, so parallel runs do not collide."""
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
    try:
        subprocess.run(
            [soffice(), f"-env:UserInstallation=file://{profile}", "--headless",
             "--convert-to", "pdf", "--outdir", str(out_dir), str(docx)],
            check=True, capture_output=True, timeout=180)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return out_dir / (docx.stem + ".pdf")


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
        below = [r for r in self.rules
                 if line.bottom - 1 <= r.y <= line.bottom + within
                 and r.x1 > line.x0 - 40 and r.x0 < line.x1 + 40]
        return min(below, key=lambda r: r.y, default=None)

    @property
    def landscape(self) -> bool:
        return self.width > self.height


def read_pdf(path: Path) -> list[Page]:
    import pdfplumber

    pages = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            lines = []
            for raw in page.extract_text_lines(return_chars=True, strip=True):
                sizes = [c["size"] for c in raw["chars"]] or [0]
                lines.append(Line(raw["text"], raw["x0"], raw["x1"], raw["top"],
                                  raw["bottom"], max(sizes)))
            rules = [Rule(e["x0"], e["x1"], e["top"]) for e in page.edges
                     if e["orientation"] == "h" and e["x1"] - e["x0"] > 3 * MM]
            pages.append(Page(number, float(page.width), float(page.height), lines, rules))
    return pages
