"""TemplateContext → .docx bytes, deterministic, through docxtpl and a Decree 30 template.

The template (plangen/templates/<kind>.docx, made by plangen/templates/make.py) owns the page
setup, the styles and the fixed texts; this module places the context's finished
strings into it. User text only ever enters as escaped XML character data: it is
never compiled as a template, and Jinja runs sandboxed, autoescaping and strict.
"""

from __future__ import annotations

import copy
import functools
import io
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from plangen import linebreak, metrics, ooxml, tables
from plangen.ooxml import A4_LONG, A4_SHORT, CELL_MARGIN, MARGINS, Op, Revisions, Run, W
from plangen.package import document_bytes
from plangen.template import Template, environment, patched
from plangen.template import document as template_document

if TYPE_CHECKING:
    from plangen.context import AgencyName, AppendixPage, Attached, Block, Table, TemplateContext

RULE_RATIO = 0.4
"""The rules under a name or a title are 1/3-1/2 of it (Decree 30 II.2, II.5)."""


def title_lines(title: str, area: int) -> list[str]:
    """A centred 14 pt bold title as a person sets it: balanced lines, no word alone."""
    return list(linebreak.balance(title, area, 14, True))


def title_rule(lines: list[str], area: int, space_after: int = 0) -> str:
    """The short rule under a 14 pt bold title: 1/3–1/2 of its widest line, measured with
    the font's own widths like the lines themselves (Decree 30 II.2, II.5)."""
    widest = max(metrics.width(line, 14, True) for line in lines)
    return ooxml.rule(round(min(widest, area) * RULE_RATIO), area, space_after)


def _title(style: str, lines: list[str]) -> str:
    return ooxml.paragraph(style, ooxml.lines(lines))


def block_runs(block: Block, notes: list[str] | None = None) -> list[Run]:
    """The runs of a body paragraph: its label (`Điều 1.`) in bold, then its text, with a
    footnote reference where each note stands when `notes` collects the document's notes."""
    label = [Run(block.label + " ", bold=True)] if block.label else []
    bold, italic = "bold" in block.emphasis, "italic" in block.emphasis
    pieces, start = [], 0
    if notes is not None:
        for offset, note in block.notes:
            notes.append(note)
            pieces += [Run(block.text[start:offset], bold, italic), Run("", note=len(notes))]
            start = offset
    return [*label, *pieces, Run(block.text[start:], bold, italic)]


def block_props(block: Block) -> str:
    """Paragraph properties beyond the style: a centred or right-aligned paragraph."""
    return ooxml.aligned(block.align) if block.align else ""


BODY_WIDTH = A4_SHORT - MARGINS["left"] - MARGINS["right"]
"""Width of the portrait body's text, where a body table stands."""


def block_xml(block: Block, notes: list[str] | None = None) -> str:
    """A body paragraph, or the table that stands in the body there."""
    if block.table:
        return table_xml(block.table, BODY_WIDTH)
    return ooxml.paragraph(block.style, ooxml.runs(block_runs(block, notes)), block_props(block))


def body_xml(blocks: list[Block], notes: list[str] | None = None) -> str:
    """The body's paragraphs; footnotes are numbered on from those already in `notes`."""
    return "".join(block_xml(b, notes) for b in blocks)


def add_footnotes(docx: Any, notes: list[str]) -> None:
    """The footnotes part, related from the document (python-docx has no footnote API)."""
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    part = Part(
        PackURI("/word/footnotes.xml"),
        CONTENT_TYPE.WML_FOOTNOTES,
        ooxml.footnotes(notes).encode(),
        docx.part.package,
    )
    docx.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)


def add_custom_properties(docx: Any, properties: dict[str, str]) -> None:
    """The custom properties part, related from the package (python-docx has no API)."""
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    package = docx.part.package
    part = Part(
        PackURI("/docProps/custom.xml"),
        CONTENT_TYPE.OFC_CUSTOM_PROPERTIES,
        ooxml.custom_properties(properties).encode(),
        package,
    )
    package.relate_to(part, RELATIONSHIP_TYPE.CUSTOM_PROPERTIES)


def _text(style: str, words: str = "") -> str:
    return ooxml.paragraph(style, ooxml.runs([Run(words)]))


_CELL_STYLES = {False: "BangNoiDung", True: "BangGiua"}
"""A table cell's paragraph style: left-aligned text, or centred (numbers, dates)."""


TABLE_SIZE = 12
"""Size of the table styles' text (BangTieuDe, BangNoiDung, BangGiua), in points."""


def table_widths(table: Table, area: int) -> list[int]:
    """The columns' widths in twips across `area`, from the text in them (tables.fit)."""

    def bold(row: int, column: int) -> bool:
        return (
            row < table.heading_rows or row in table.bold_rows or (row, column) in table.bold_cells
        )

    return tables.fit(
        table.columns,
        table.rows,
        table.widths,
        area,
        padding=2 * ooxml.TABLE_CELL_MARGIN,
        size_pt=TABLE_SIZE,
        bold=bold,
        spans=table.spans,
        content=table.content,
    )


def table_xml(table: Table, area: int) -> str:
    """An appendix table whose header row repeats on every page (Word: tblHeader)."""
    widths = table_widths(table, area)
    head = [("BangTieuDe", Run(name)) for name in table.columns]
    rows = [
        [
            (
                "BangTieuDe"
                if row < table.heading_rows
                else "BangGiua"
                if i in table.centred
                else "BangNoiDung",
                Run(words, row in table.bold_rows or (row, i) in table.bold_cells),
            )
            for i, words in enumerate(cells)
        ]
        for row, cells in enumerate(table.rows)
    ]
    spans = {(row + 1, column): extent for (row, column), extent in table.spans.items()}
    return ooxml.table(
        ooxml.Table(widths, [head, *rows], 1 + table.heading_rows, spans, table.right)
    )


def attached_xml(
    attached: Attached, header: Any, area: int, decision: Any, notes: list[str]
) -> list[Any]:
    """Mẫu 1.3's issued document: a section of its own (the paragraph before it closes the
    decision's, `decision`), the header without Số and date, the title, `(Kèm theo Quyết
    định …)`, a rule and the content; no signature."""
    from docx.oxml.ns import qn
    from lxml import etree

    table = copy.deepcopy(header)
    for row in table.findall(qn("w:tr"))[1:]:
        table.remove(row)
    subject = title_lines(attached.subject, area)
    paragraphs = [
        _text("TenLoai", attached.type_name),
        _title("TrichYeu", subject),
        _text("PhuLucKemTheo", attached.reference),
        title_rule(subject, area),
        body_xml(attached.body, notes),
    ]
    xml = f'<w:body xmlns:w="{W}">{"".join(paragraphs)}</w:body>'
    closing = etree.fromstring(f'<w:p xmlns:w="{W}"><w:pPr/></w:p>')
    closing[0].append(copy.deepcopy(decision))
    return [closing, table, *etree.fromstring(xml)]


def _signature_table(body: Any) -> Any:
    """The template's Nơi nhận and signature table (body tables may stand before it)."""
    return next(
        table
        for table in body.iterchildren(f"{{{W}}}tbl")
        if table.xpath('.//w:pStyle[@w:val="NoiNhanTieuDe"]')
    )


def _appendix_xml(page: AppendixPage, area: int) -> str:
    title = title_lines(page.title, area)
    heading = [
        _text("PhuLucSo", page.heading),
        _title("PhuLucTieuDe", title),
        _text("PhuLucKemTheo", page.reference),
        title_rule(title, area, space_after=240),
    ]
    return "".join(heading) + table_xml(page.table, area) + _text("BangNoiDung")


def appendices_xml(
    pages: list[AppendixPage], portrait: Any, landscape: Any, declared: Mapping[str | None, str]
) -> str:
    """Each appendix as its own landscape section on a new page (Decree 30 III.1.đ, R78).

    A section's properties close it, so the paragraph before each appendix carries the
    properties of the section it ends; the body's final properties become `landscape`.
    `declared`: the namespaces of the document's root.
    """
    area = A4_LONG - MARGINS["left"] - MARGINS["right"]
    ends = [landscape if index else portrait for index in range(len(pages))]
    return "".join(
        ooxml.section_break(ooxml.element(end, declared)) + _appendix_xml(page, area)
        for page, end in zip(pages, ends, strict=True)
    )


def subject_lines(context: TemplateContext, header_cell: int, area: int) -> list[str]:
    """The trích yếu's lines: centred under the type name, or a công văn's `V/v …` in the
    header's left cell, 13 pt regular (ô 5b)."""
    if context.titled:
        return title_lines(context.subject, area)
    return list(linebreak.balance(context.subject, header_cell, 13, False, prefix="V/v "))


def _line_ends(pieces: list[tuple[Op, str]], lines: list[str]) -> list[tuple[Op, str]]:
    """A tracked value's pieces with the new text's line ends (spaces) turned into '\n'."""
    ends, at = set(), 0
    for line in lines[:-1]:
        at += len(line)
        ends.add(at)
        at += 1
    out: list[tuple[Op, str]] = []
    at = 0
    for op, words in pieces:
        if op != "delete":
            shown = "".join(
                "\n" if at + i in ends and char == " " else char for i, char in enumerate(words)
            )
            out.append((op, shown))
            at += len(words)
        else:
            out.append((op, words))
    return out


def _strings(
    context: TemplateContext, header_cell: int, area: int, appendices: str, notes: list[str]
) -> dict[str, object]:
    from markupsafe import Markup

    def text(value: str) -> Markup:
        return Markup(ooxml.text(value))

    def lines(name: AgencyName | None, bold: bool) -> list[str]:
        if name is None:
            return []
        return linebreak.agency_lines(name.name, name.lines, header_cell, bold)

    issuer = lines(context.issuer, True)
    widest = max(metrics.width(line, 13, True) for line in issuer)
    subject = subject_lines(context, header_cell, area)
    return {
        "issuer_parent": Markup(ooxml.inline_lines(lines(context.issuer_parent, False))),
        "issuer_name": Markup(ooxml.inline_lines(issuer)),
        "issuer_rule": Markup(ooxml.rule(round(widest * RULE_RATIO), header_cell)),
        "number_line": text(context.number_line),
        "place_date": text(context.place_date),
        "type_name": text(context.type_name),
        "subject": Markup(ooxml.inline_lines(subject)),
        "subject_rule": Markup(title_rule(subject, area)),
        "draft": context.draft,
        "body": Markup(body_xml(context.body, notes)),
        "recipient_lines": [text(x) for x in context.recipient_lines],
        "authority_lines": [text(x) for x in context.authority_lines],
        "signer_name": text(context.signer_name),
        "appendices": Markup(appendices),
    }


_FIELD = "\ue000{}\ue001"
"""Stands for a tracked template value until the value's runs replace it (private use)."""


def _track_fields(
    root: Any, revisions: Revisions, fields: Mapping[str, list[tuple[Op, str]]]
) -> None:
    """Each template run holding a tracked value becomes copies of itself, one per piece,
    in w:ins / w:del: the template's run properties stay on every piece."""
    from lxml import etree

    for name, pieces in fields.items():
        mark = _FIELD.format(name)
        for t in [t for t in root.iter(f"{{{W}}}t") if t.text and mark in t.text]:
            run = t.getparent()
            before, after = t.text.split(mark, 1)
            t.text = "\ue002"
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            shape = etree.tostring(run, encoding="unicode")
            xml = "".join(
                _piece(shape, op, words, revisions)
                for op, words in [("equal", before), *pieces, ("equal", after)]
                if words
            )
            for element in etree.fromstring(f'<w:root xmlns:w="{W}">{xml}</w:root>'):
                run.addprevious(element)
            run.getparent().remove(run)


def _piece(shape: str, op: Op, words: str, revisions: Revisions) -> str:
    """The template run `shape` holding `words`, as kept, inserted or deleted."""
    xml = shape.replace("\ue002", ooxml.inline_lines(words.split("\n")))
    return revisions.wrap(op, ooxml.deleted(xml) if op == "delete" else xml)


def keep_with_signature(signature: Any, area: int) -> None:
    """The closing paragraph with its './.' keeps with the signature table (w:keepNext;
    the table's row never splits, w:cantSplit): the block never breaks across pages and
    never opens one without the body's last lines above it. Widow control carries two
    lines of a longer paragraph along; a one-line closing takes the paragraph before it."""
    previous = signature.getprevious()
    for _ in range(2):
        if previous is None or previous.tag != f"{{{W}}}p":
            return
        previous.get_or_add_pPr().keepNext_val = True
        words = "".join(t.text or "" for t in previous.iter(f"{{{W}}}t"))
        if metrics.width(words, 14) > area - 567:  # two lines or more
            return
        previous = previous.getprevious()


def _header_cell_width(document: object) -> int:
    from docx.oxml.ns import qn

    grid = document.tables[0]._tbl.tblGrid  # type: ignore[attr-defined]
    return int(grid.findall(qn("w:gridCol"))[0].get(qn("w:w"))) - 2 * CELL_MARGIN


def annex(
    context: TemplateContext, page: AppendixPage, template: Template, identifier: str = ""
) -> bytes:
    """An appendix issued as a file of its own (Phụ lục I III.1.d): the document rendered
    with this appendix alone, cut down to the appendix's own section."""
    from dataclasses import replace

    alone = replace(context, appendices=[replace(page, separate=False)], attached=None)
    return render(alone, template, identifier, annexed=True)


_LISTING = re.compile("[\t\n\a\f]")
"""What docxtpl's resolve_listing turns into tabs, breaks and paragraphs."""
_CHUNK = 1 << 20
"""Characters fed to the XML parser at a time."""
_BODY_START = re.compile(r"<w:body((?: xmlns:\w+=\"[^\"]*\")*)>")
"""The rendered body's start tag, declaring its namespaces."""
_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)
"""A paragraph, as docxtpl's resolve_listing finds them."""


@functools.cache
def _filler() -> type:
    """docxtpl's DocxTemplate, with the template's parts patched once per process
    (template.patched) and its listing pass (tabs and breaks written as characters)
    made only over the paragraphs that have one: plangen writes the body's paragraphs as
    XML itself, so a pass over all of them costs time, more with every task."""
    from docxtpl import DocxTemplate

    class Filler(DocxTemplate):
        docx: Any

        def patch_xml(self, src_xml: str) -> str:
            return patched(src_xml)

        def resolve_listing(self, xml: str) -> str:
            if not _LISTING.search(xml):
                return xml
            resolve = super().resolve_listing  # paragraph by paragraph, as docxtpl does
            return _PARAGRAPH.sub(
                lambda m: str(resolve(m[0])) if _LISTING.search(m[0]) else m[0], xml
            )

        def fix_tables(self, xml: str) -> Any:
            body = _body_in_place(self.docx, xml)
            return super().fix_tables(xml) if body is None else body

        def fix_docpr_ids(self, tree: Any) -> None:
            if tree.getparent() is None:
                super().fix_docpr_ids(tree)
                return
            from docx.oxml.ns import nsmap
            from lxml import etree

            # docxtpl's renumbering, with lxml's xpath (python-docx's takes no namespaces)
            for shape in etree._Element.xpath(tree, "//wp:docPr", namespaces=nsmap):
                self.docx_ids_index += 1
                shape.attrib["id"] = str(self.docx_ids_index)

        def map_tree(self, tree: Any) -> None:
            if tree.getparent() is None:  # docxtpl's own tree, to move in as it does
                super().map_tree(tree)
                return
            self.docx.part._element = tree.getparent()
            self.docx = self.docx.part.document

    return Filler


def _parser() -> Any:
    """An XML parser making python-docx's elements that keeps the text as written (not
    python-docx's own, which drops whitespace between elements); one per document, so a
    failed parse leaves nothing behind."""
    from docx.oxml.parser import element_class_lookup
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False)
    parser.set_element_class_lookup(element_class_lookup)
    return parser


def _body_in_place(document: Any, xml: str) -> Any:
    """The rendered body `xml` parsed where it goes: the document part's text with it as
    the body, parsed as one document, its w:body returned; None where docxtpl must parse
    it apart and move it in itself: the body declares a namespace the document does not
    (or again, which moving would drop), it is not well-formed, or a table's grid does not
    match its rows (docxtpl's fix_tables mends that).

    docxtpl parses the body on its own and moves it into the document with lxml, which
    re-points each node to the document's names: most of a big plan's time, and its
    memory twice over."""
    from lxml import etree

    root = document.part.element
    head = _BODY_START.match(xml)
    text = etree.tostring(root, encoding="unicode")
    start, end = text.find("<w:body>"), text.rfind("</w:body>")
    if head is None or start < 0 or end < 0 or not xml.endswith("</w:body>"):
        return None
    declared = ooxml.DECLARATION.findall(head[1])
    if any(root.nsmap.get(p) != uri for p, uri in declared) or xml.find(" xmlns", head.end()) >= 0:
        return None
    parser = _parser()
    try:
        parser.feed(text[:start] + "<w:body>")
        for at in range(head.end(), len(xml), _CHUNK):  # at most 10 MB at once, never copied whole
            parser.feed(xml[at : at + _CHUNK])
        parser.feed(text[end + len("</w:body>") :])
        body = parser.close().body
    except etree.XMLSyntaxError:
        return None
    return body if all(_fits(table) for table in body.iter(f"{{{W}}}tbl")) else None


def _fits(table: Any) -> bool:
    """Whether docxtpl's fix_tables leaves `table` as it is: no row has more cells than
    the grid has columns, and some row spans them all."""
    columns = len(table.findall(f"{{{W}}}tblGrid/{{{W}}}gridCol"))
    rows = table.findall(f"{{{W}}}tr")
    cells = {row: len(row.findall(f"{{{W}}}tc")) for row in rows}
    spans = dict(cells)
    for span in table.iterfind(f"{{{W}}}tr/{{{W}}}tc/{{{W}}}tcPr/{{{W}}}gridSpan"):
        spans[span.getparent().getparent().getparent()] += int(span.get(f"{{{W}}}val")) - 1
    return bool(rows) and max(cells.values()) <= columns <= max(spans.values())


def render(
    context: TemplateContext,
    template: Template,
    identifier: str = "",
    *,
    body: str | None = None,
    revisions: Revisions | None = None,
    fields: Mapping[str, list[tuple[Op, str]]] | None = None,
    annexed: bool = False,
) -> bytes:
    """The finished document as bytes: the same context and template give the same bytes.

    `identifier` goes into the core properties (dc:identifier), sealed with the digest of
    the content, where a later build finds it.
    A redline passes the body as ready WordprocessingML with tracked changes (never user
    text), and `fields`: template values as pieces kept, deleted and inserted, which are
    written inside the template's own run, keeping its formatting. Appendices issued
    separately are left out (`annex`); `annexed` keeps only what follows the last section
    break: the appendix of `annex`.
    """
    from dataclasses import replace

    context = replace(context, appendices=[p for p in context.appendices if not p.separate])

    document = _filler()(io.BytesIO(template.data))
    document.docx = template_document(template.data)
    root = document.get_docx().element.body
    portrait = root.sectPr
    # Each appendix is a landscape section numbered from 1 (none on its first page, R78).
    landscape = ooxml.landscape(portrait)
    # What a decision issues is numbered on its own (seed 006): its section restarts at 1.
    last_portrait = ooxml.restarted(portrait) if context.attached else portrait
    area = A4_SHORT - MARGINS["left"] - MARGINS["right"]
    notes: list[str] = []  # footnotes, numbered in the order the text cites them
    strings = _strings(
        context,
        _header_cell_width(document.get_docx()),
        area,
        appendices_xml(context.appendices, last_portrait, landscape, root.getparent().nsmap),
        notes,
    )
    if body is not None:
        from markupsafe import Markup

        strings["body"] = Markup(body)
    for name in fields or {}:
        strings[name] = _FIELD.format(name)
    document.render(strings, jinja_env=environment(), autoescape=True)
    docx = document.docx  # get_docx() would reload the unrendered template
    if fields and revisions is not None:
        if "subject" in fields:
            lines = subject_lines(context, _header_cell_width(docx), area)
            fields = {**fields, "subject": _line_ends(fields["subject"], lines)}
        _track_fields(docx.element.body, revisions, fields)
    signature = _signature_table(docx.element.body)
    keep_with_signature(signature, area)
    if context.attached:
        header, anchor = docx.element.body.find(f"{{{W}}}tbl"), signature
        for element in attached_xml(context.attached, header, area, portrait, notes):
            anchor.addnext(element)
            anchor = element
    if notes:
        add_footnotes(docx, notes)
    if context.appendices or context.attached:
        final = docx.element.body.sectPr
        final.getparent().replace(final, landscape if context.appendices else last_portrait)
    if annexed:
        breaks = docx.element.body.findall(f"{{{W}}}p/{{{W}}}pPr/{{{W}}}sectPr")
        cut = breaks[-1].getparent().getparent()
        for element in [*cut.itersiblings(preceding=True), cut]:
            docx.element.body.remove(element)
    meta = context.metadata
    props = docx.core_properties
    props.title, props.subject, props.author = meta.title, meta.subject, meta.author
    props.keywords, props.language = meta.keywords, "vi-VN"
    props.last_modified_by, props.revision = meta.author, 1
    props.created = props.modified = meta.created.replace(tzinfo=None)
    props.comments = "plangen"
    props.identifier = identifier
    if meta.appendices_elsewhere:
        names = "; ".join(meta.appendices_elsewhere)
        add_custom_properties(docx, {ooxml.APPENDICES_ELSEWHERE: names})
    return document_bytes(docx, sealed=bool(identifier))
