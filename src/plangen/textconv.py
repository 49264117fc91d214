"""The text of a built .docx, in reading order, so `git diff` can show what changed.

Used as a git textconv (`plangen text FILE.docx`): paragraphs one per line, table rows
as cells joined by ' | ', the first-page header (where a draft says DỰ THẢO) first.
"""

from __future__ import annotations

from pathlib import Path


def document_text(path: Path) -> str:
    """The text of the .docx at `path`; a file that is not one is the user's mistake."""
    from docx.table import Table

    from plangen.docxprops import read

    document = read(path)
    lines = [p.text for p in document.sections[0].first_page_header.paragraphs if p.text]
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                lines.append(
                    " | ".join(
                        " / ".join(p.text.replace("\n", " / ") for p in cell.paragraphs if p.text)
                        for cell in row.cells
                    )
                )
        elif block.text:  # a title broken into lines (w:br) reads as one
            lines.append(block.text.replace("\n", " "))
    return "\n".join(lines) + "\n"
