"""The text of a built .docx, in reading order, so `git diff` can show what changed.

Used as a git textconv (`plangen text FILE.docx`): paragraphs one per line, table rows
as cells joined by ' | ', the first-page header (where a draft says DỰ THẢO) first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


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
    return "\n".join(lines + _footnotes(document)) + "\n"


def _footnotes(document: Any) -> list[str]:
    """'[1] …' for each footnote (word/footnotes.xml), after the text that cites them."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from lxml import etree

    parts = [
        rel.target_part
        for rel in document.part.rels.values()
        if rel.reltype == RELATIONSHIP_TYPE.FOOTNOTES
    ]
    if not parts:
        return []
    root = etree.fromstring(parts[0].blob)
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    return [
        f"[{note.get(w + 'id')}]{''.join(t.text or '' for t in note.iter(w + 't'))}"
        for note in root.iter(w + "footnote")
        if int(note.get(w + "id", "0")) > 0
    ]
