"""The text of a built .docx, in reading order, so `git diff` can show what changed.

Used as a git textconv (`plangen text FILE.docx`): paragraphs one per line, table rows
as cells joined by ' | ', the first-page header (where a draft says DỰ THẢO) first.

The parts are read with lxml, not python-docx: its `iter_inner_content` and `.text` run an
XPath union per body and per paragraph, which libxml2 merges in quadratic time (a
5,000-task document took 20 s), and it parses every part with its own element classes.
The text is python-docx's: a paragraph's own runs and hyperlinks (tracked insertions left
out), a line break a newline, a cell spanning columns once for each. The import
(sourcetext.py) reads a source's paragraphs and tables with the same two functions.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_RUN, _LINK, _TEXT, _BREAK = W + "r", W + "hyperlink", W + "t", W + "br"
_PIECES = {_TEXT: "", _BREAK: "", W + "tab": "\t", W + "ptab": "\t", W + "cr": "\n"}
_PIECES |= {W + "noBreakHyphen": "-"}
"""A run's elements that are text, and the text of those that stand for a character."""
_TYPE, _VAL = W + "type", W + "val"
_ROW, _CELL, _PARAGRAPH, _CELL_PROPERTIES = W + "tr", W + "tc", W + "p", W + "tcPr"
_SPAN, _MERGE, _TABLE = W + "gridSpan", W + "vMerge", W + "tbl"


def document_text(path: Path) -> str:
    """The text of the .docx at `path`; a file that is not one is the user's mistake."""
    from plangen.diagnostics import PlanError
    from plangen.docxprops import MAX_BYTES
    from plangen.files import UNREADABLE_ZIP, read_package

    # a regular file, no zip bomb; a damaged part is found where it is read (once)
    _, package = read_package(str(path), MAX_BYTES, unpack=False)
    try:
        main = _related(package, "", "officeDocument")[0]
        body = _part(package, main).find(W + "body")
        header = _first_page_header(package, main, body)
        notes = _related(package, main, "footnotes")
        paragraphs = header.iterchildren(W + "p") if header is not None else ()
        lines = [text for p in paragraphs if (text := paragraph_text(p))]
        lines += _body(body)
        lines += _footnotes(_part(package, notes[0])) if notes else []
    except (KeyError, IndexError, AttributeError, etree.XMLSyntaxError, *UNREADABLE_ZIP) as exc:
        raise PlanError.at(str(path), "docx-invalid", reason=exc) from None
    return "\n".join(lines) + "\n"


def _part(package: zipfile.ZipFile, name: str) -> etree._Element:
    return etree.fromstring(package.read(name))


def _related(package: zipfile.ZipFile, source: str, relation: str, ident: str = "") -> list[str]:
    """The parts `source` (the package: "") relates to by type `relation` (or by id `ident`)."""
    folder, _, file = source.rpartition("/")
    rels = _part(package, f"{folder}/_rels/{file}.rels".lstrip("/"))
    return [
        posixpath.normpath(posixpath.join(folder, rel.get("Target", "")))
        for rel in rels.iter(_RELS + "Relationship")
        if (rel.get("Id") == ident if ident else rel.get("Type", "").endswith("/" + relation))
    ]


def _first_page_header(
    package: zipfile.ZipFile, main: str, body: etree._Element
) -> etree._Element | None:
    """The first section's first-page header, the DỰ THẢO of a draft (none: no lines)."""
    section = next(body.iter(W + "sectPr"))
    for reference in section.iterchildren(W + "headerReference"):
        if reference.get(W + "type") == "first":
            return _part(package, _related(package, main, "", reference.get(_R + "id", ""))[0])
    return None


def _body(body: etree._Element) -> list[str]:
    lines: list[str] = []
    for block in body:
        if block.tag == _TABLE:
            lines.extend(
                " | ".join(
                    " / ".join(text.replace("\n", " / ") for text in cell if text) for cell in row
                )
                for row in table_rows(block)
            )
        elif block.tag == _PARAGRAPH and (text := paragraph_text(block)):  # w:br: one line
            lines.append(text.replace("\n", " "))
    return lines


def paragraph_text(paragraph: etree._Element) -> str:
    """A w:p's text as python-docx's `Paragraph.text` gives it, in one pass over its runs.

    Children are compared by tag in plain loops: lxml's tag-filtered iterators cost twice
    as much, which a document of thousands of paragraphs feels."""
    pieces = []
    for child in paragraph:
        if child.tag == _RUN:
            runs: Iterable[etree._Element] = (child,)
        elif child.tag == _LINK:
            runs = child.iterchildren(_RUN)
        else:
            continue
        for run in runs:
            for element in run:
                tag = element.tag
                if tag == _TEXT:
                    pieces.append(element.text or "")
                elif tag not in _PIECES:
                    continue
                elif tag != _BREAK:
                    pieces.append(_PIECES[tag])
                elif element.get(_TYPE, "textWrapping") == "textWrapping":
                    pieces.append("\n")  # a page or column break is no text
    return "".join(pieces)


def table_rows(table: etree._Element) -> Iterator[list[list[str]]]:
    """Each row's cells, each cell its paragraphs' texts: a cell spanning columns once for
    each, a cell merged with the one above it (vMerge) that cell's text, as python-docx."""
    above: dict[int, list[str]] = {}
    for tr in table:
        if tr.tag != _ROW:
            continue
        before = tr.find(f"{W}trPr/{W}gridBefore")
        column = int(before.get(_VAL, "0")) if before is not None else 0
        row, here = [], {}
        for tc in tr:
            if tc.tag != _CELL:
                continue
            width, merged, cell = 1, False, []
            for child in tc:
                if child.tag == _PARAGRAPH:
                    cell.append(paragraph_text(child))
                elif child.tag == _CELL_PROPERTIES:
                    span, merge = child.find(_SPAN), child.find(_MERGE)
                    width = int(span.get(_VAL, "1")) if span is not None else 1
                    merged = merge is not None and merge.get(_VAL, "continue") == "continue"
            if merged:
                cell = above.get(column, [])
            row += [cell] * width
            here[column] = cell
            column += width
        above = here
        yield row


def _footnotes(root: etree._Element) -> list[str]:
    """'[1] …' for each footnote (word/footnotes.xml), after the text that cites them."""
    return [
        f"[{note.get(W + 'id')}]{''.join(t.text or '' for t in note.iter(W + 't'))}"
        for note in root.iter(W + "footnote")
        if int(note.get(W + "id", "0")) > 0
    ]
