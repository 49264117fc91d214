"""Effective formatting of a .docx paragraph or run, resolving styles and document defaults.

Decree 30 rules are about what the reader sees, so `plangen check` and the tests ask for
the value that applies (run → paragraph style chain → docDefaults, theme fonts named),
never only the direct formatting.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentType
from docx.oxml.ns import qn
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def _on(element: etree._Element | None) -> bool | None:
    if element is None:
        return None
    return element.get(qn("w:val"), "true") not in {"false", "0", "off"}


class Styles:
    """Looks up paragraph style chains of one document, and its theme's fonts."""

    def __init__(self, document: DocumentType) -> None:
        root = document.styles.element
        self.theme_fonts = _theme_fonts(document)
        self.by_id = {s.get(qn("w:styleId")): s for s in root.findall("w:style", NS)}
        self.defaults_r = root.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
        self.defaults_p = root.find("w:docDefaults/w:pPrDefault/w:pPr", NS)
        self.default_para = next(
            (
                s.get(qn("w:styleId"))
                for s in self.by_id.values()
                if s.get(qn("w:type")) == "paragraph" and s.get(qn("w:default")) == "1"
            ),
            None,
        )

    def chain(self, style_id: str | None) -> list[etree._Element]:
        out: list[etree._Element] = []
        current = style_id or self.default_para
        while current and current in self.by_id and len(out) < 20:
            style = self.by_id[current]
            out.append(style)
            based = style.find("w:basedOn", NS)
            current = based.get(qn("w:val")) if based is not None else None
        return out


def _theme_fonts(document: DocumentType) -> dict[str, str]:
    """{"minor": "Calibri", "major": "Calibri Light"}: the fonts `w:asciiTheme` refers to."""
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/theme"):
            theme = etree.fromstring(rel.target_part.blob)
            return {
                scheme: node.get("typeface", "")
                for scheme in ("minor", "major")
                if (node := theme.find(f".//{a}{scheme}Font/{a}latin")) is not None
            }
    return {}


@dataclass
class Para:
    """A paragraph with its effective properties."""

    element: etree._Element
    styles: Styles

    @property
    def text(self) -> str:
        """The paragraph's text; a line break (w:br) reads as a newline."""
        return "".join(
            (node.text or "") if node.tag == qn("w:t") else "\n"
            for node in self.element.iter(qn("w:t"), qn("w:br"))
        )

    @property
    def style_id(self) -> str | None:
        node = self.element.find("w:pPr/w:pStyle", NS)
        return node.get(qn("w:val")) if node is not None else None

    def _ppr_sources(self) -> list[etree._Element]:
        sources = [self.element.find("w:pPr", NS)]
        sources += [s.find("w:pPr", NS) for s in self.styles.chain(self.style_id)]
        sources.append(self.styles.defaults_p)
        return [s for s in sources if s is not None]

    def p_attr(self, tag: str, attr: str) -> str | None:
        for source in self._ppr_sources():
            node = source.find(f"w:{tag}", NS)
            if node is not None and node.get(qn(f"w:{attr}")) is not None:
                return node.get(qn(f"w:{attr}"))
        return None

    @property
    def alignment(self) -> str:
        return self.p_attr("jc", "val") or "left"

    @property
    def first_line(self) -> int:
        return int(self.p_attr("ind", "firstLine") or 0)

    @property
    def spacing(self) -> tuple[int, int, int, str]:
        return (
            int(self.p_attr("spacing", "before") or 0),
            int(self.p_attr("spacing", "after") or 0),
            int(self.p_attr("spacing", "line") or 240),
            self.p_attr("spacing", "lineRule") or "auto",
        )

    def border_bottom(self) -> bool:
        return any(s.find("w:pBdr/w:bottom", NS) is not None for s in self._ppr_sources())

    def runs(self) -> list[Run]:
        return [
            Run(r, self)
            for r in self.element.iter(qn("w:r"))
            if any((t.text or "").strip() for t in r.iter(qn("w:t")))
        ]

    def all(self, prop: str) -> set[object]:
        return {getattr(run, prop) for run in self.runs()}


@dataclass
class Run:
    element: etree._Element
    para: Para

    @property
    def text(self) -> str:
        return "".join(t.text or "" for t in self.element.iter(f"{{{W}}}t"))

    def _rpr_sources(self) -> list[etree._Element]:
        sources = [self.element.find("w:rPr", NS)]
        sources += [s.find("w:rPr", NS) for s in self.para.styles.chain(self.para.style_id)]
        sources.append(self.para.styles.defaults_r)
        return [s for s in sources if s is not None]

    def _first(self, tag: str) -> etree._Element | None:
        for source in self._rpr_sources():
            node = source.find(f"w:{tag}", NS)
            if node is not None:
                return node
        return None

    @property
    def size(self) -> float:
        node = self._first("sz")
        return int(node.get(qn("w:val"))) / 2 if node is not None else 10.0

    @property
    def bold(self) -> bool:
        return bool(_on(self._first("b")))

    @property
    def italic(self) -> bool:
        return bool(_on(self._first("i")))

    @property
    def caps(self) -> bool:
        return bool(_on(self._first("caps")))

    @property
    def font(self) -> str | None:
        """The ascii font that applies: named, or the theme's (asciiTheme="minorHAnsi")."""
        for source in self._rpr_sources():
            node = source.find("w:rFonts", NS)
            if node is None:
                continue
            if node.get(qn("w:ascii")):
                return node.get(qn("w:ascii"))
            if node.get(qn("w:asciiTheme")):
                return self.para.styles.theme_fonts.get(node.get(qn("w:asciiTheme"))[:5])
        return None

    @property
    def color(self) -> str:
        node = self._first("color")
        return node.get(qn("w:val")) if node is not None else "auto"

    @property
    def highlighted(self) -> bool:
        return self._first("highlight") is not None or self._first("shd") is not None


MAX_BYTES = 100 * 1024 * 1024
"""Largest .docx read (100 MiB)."""


def read(path: Path) -> DocumentType:
    """The Word document at `path`; a file that is not one is the user's mistake."""
    from docx.opc.exceptions import PackageNotFoundError

    from plangen.diagnostics import PlanError
    from plangen.files import read_package

    data, _ = read_package(str(path), MAX_BYTES)  # a regular file, no zip bomb
    try:
        return Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, EOFError) as exc:
        raise PlanError.at(str(path), "docx-invalid", reason=exc) from None


class Doc:
    """A document, opened for rule checks (PlanError if it is not a .docx)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.document = read(path)
        self.styles = Styles(self.document)
        self.body = self.document.element.body

    def para(self, element: etree._Element) -> Para:
        return Para(element, self.styles)

    def body_paragraphs(self) -> list[Para]:
        """Paragraphs directly in the body (not in tables), in order."""
        return [self.para(p) for p in self.body.findall("w:p", NS)]

    def all_paragraphs(self) -> list[Para]:
        return [self.para(p) for p in self.body.iter(qn("w:p"))]

    def tables(self) -> list[etree._Element]:
        return self.body.findall("w:tbl", NS)

    def cell_paragraphs(self, table: etree._Element, row: int, col: int) -> list[Para]:
        tr = table.findall("w:tr", NS)[row]
        tc = tr.findall("w:tc", NS)[col]
        return [self.para(p) for p in tc.findall("w:p", NS)]

    def custom_property(self, name: str) -> str | None:
        """The text of custom property `name` (docProps/custom.xml), if the document has it."""
        from docx.opc.constants import RELATIONSHIP_TYPE

        package = self.document.part.package
        for rel in package.rels.values():
            if rel.reltype == RELATIONSHIP_TYPE.CUSTOM_PROPERTIES and not rel.is_external:
                root = etree.fromstring(rel.target_part.blob)
                for prop in root:
                    if prop.get("name") == name:
                        return "".join(prop.itertext())
        return None

    def sections(self) -> list[etree._Element]:
        return list(self.body.iter(qn("w:sectPr")))

    def header_parts(self) -> dict[str, etree._Element]:
        """Header XML by reference type ('default', 'first') of the first section."""
        return self.parts(self.sections()[0], "header")

    def parts(self, section: etree._Element, margin: str) -> dict[str, etree._Element]:
        """The section's header or footer XML (`margin`) by the pages it is on ('default',
        'first')."""
        part = self.document.part
        out = {}
        for ref in section.findall(f"w:{margin}Reference", NS):
            rel = part.rels[ref.get(qn("r:id"))]
            out[ref.get(qn("w:type"))] = etree.fromstring(rel.target_part.blob)
        return out


def words(text: str) -> str:
    """Whitespace-normalised NFC text, for comparing sentences."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()
