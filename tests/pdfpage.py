"""What a reader sees, for the tests: a .docx converted (plangen.pdf) and read back
(plangen.page). LibreOffice is required; under CI its absence is a failure.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from plangen.diagnostics import PlanError
from plangen.page import MM, Line, Page, Rule, read_pdf
from plangen.pdf import convert

__all__ = ["MM", "Line", "Page", "Rule", "read_pdf", "soffice", "to_pdf", "to_pdfs"]


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
