"""TemplateContext → .docx bytes, deterministic, through docxtpl and a Decree 30 template.

The template (plangen/templates/<kind>.docx, made by plangen/templates/make.py) owns the page
setup, the styles and the fixed texts; this module places the context's finished
strings into it. User text only ever enters as escaped XML character data: it is
never compiled as a template, and Jinja runs sandboxed, autoescaping and strict.
"""

from __future__ import annotations

import copy
import io
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from plangen import linebreak, metrics

if TYPE_CHECKING:
    from plangen.context import AgencyName, AppendixPage, Attached, Block, Table, TemplateContext

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# Page geometry in twips (1 mm = 56.7 twips); Decree 30 Phụ lục I I.1-I.3, nd30.md R01-R06.
A4_SHORT, A4_LONG = 11906, 16838
MARGINS = {
    "top": 1134,
    "bottom": 1134,
    "left": 1701,
    "right": 850,
    "header": 567,
    "footer": 567,
    "gutter": 0,
}
CELL_MARGIN = 57
"""Left and right padding of the header and signature cells (1 mm)."""

RULE_RATIO = 0.4
"""The rules under a name or a title are 1/3-1/2 of it (Decree 30 II.2, II.5)."""


def text_width(text: str, size_pt: float, bold: bool) -> int:
    """Estimated printed width of one line of text, in twips: sizes the rules under titles."""
    return round(metrics.estimate_em(text, bold) * size_pt * 20)


def xml_text(value: str) -> str:
    """Character data safe in WordprocessingML and inert for docxtpl's post-processing.

    Braces become character references so that '{_{' in user text is not turned into
    '{{' by docxtpl, which rewrites those sequences after rendering.
    """
    return escape(value).replace("{", "&#123;").replace("}", "&#125;")


def _run(text: str, bold: bool = False, italic: bool = False) -> str:
    marks = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    props = f"<w:rPr>{marks}</w:rPr>" if marks else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{xml_text(text)}</w:t></w:r>'


def paragraph(
    style: str,
    text: str = "",
    extra_props: str = "",
    label: str = "",
    bold: bool = False,
    italic: bool = False,
) -> str:
    runs = (_run(label + " ", bold=True) if label else "") + (
        _run(text, bold, italic) if text else ""
    )
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{extra_props}</w:pPr>{runs}</w:p>'


def rule(width: int, area: int, space_after: int = 0) -> str:
    """A centred horizontal line `width` twips long inside `area` twips (style DuongKe)."""
    side = max((area - width) // 2, 0)
    spacing = f'<w:spacing w:after="{space_after}"/>' if space_after else ""
    return paragraph("DuongKe", extra_props=f'{spacing}<w:ind w:left="{side}" w:right="{side}"/>')


def subject_rule(subject: str, area: int) -> str:
    """The short rule under a trích yếu: 1/3–1/2 of its printed width (Decree 30 II.5)."""
    return rule(round(min(text_width(subject, 14, True), area) * RULE_RATIO), area)


def _block_props(block: Block) -> str:
    if not block.align:
        return ""
    return f'<w:ind w:firstLine="0"/><w:jc w:val="{block.align}"/>'


def body_xml(blocks: list[Block]) -> str:
    return "".join(
        paragraph(
            block.style,
            block.text,
            _block_props(block),
            label=block.label,
            bold="bold" in block.emphasis,
            italic="italic" in block.emphasis,
        )
        for block in blocks
    )


def _cell(text: str, width: int, style: str, bold: bool = False) -> str:
    content = paragraph(style, text, bold=bold)
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{content}</w:tc>'


def table_xml(table: Table, area: int) -> str:
    """An appendix table whose header row repeats on every page (Word: tblHeader)."""
    total = sum(table.widths)
    widths = [area * w // total for w in table.widths]
    widths[-1] += area - sum(widths)
    border = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    head = "".join(
        _cell(name, w, "BangTieuDe") for name, w in zip(table.columns, widths, strict=True)
    )
    rows = [f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{head}</w:tr>"]
    for row, cells in enumerate(table.rows):
        tcs = "".join(
            _cell(
                text, w, "BangGiua" if i in table.centred else "BangNoiDung", row in table.bold_rows
            )
            for i, (text, w) in enumerate(zip(cells, widths, strict=True))
        )
        rows.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{tcs}</w:tr>")
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{area}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{border}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="{CELL_MARGIN * 2}" w:type="dxa"/>'
        f'<w:right w:w="{CELL_MARGIN * 2}" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


def attached_xml(attached: Attached, header: Any, area: int, decision: Any) -> list[Any]:
    """Mẫu 1.3's issued document: a section of its own (the paragraph before it closes the
    decision's, `decision`), the header without Số and date, the title, `(Kèm theo Quyết
    định …)`, a rule and the content; no signature."""
    from docx.oxml.ns import qn
    from lxml import etree

    table = copy.deepcopy(header)
    for row in table.findall(qn("w:tr"))[1:]:
        table.remove(row)
    paragraphs = [
        paragraph("TenLoai", attached.type_name),
        paragraph("TrichYeu", attached.subject),
        paragraph("PhuLucKemTheo", attached.reference),
        subject_rule(attached.subject, area),
        body_xml(attached.body),
    ]
    xml = f'<w:body xmlns:w="{W}">{"".join(paragraphs)}</w:body>'
    closing = etree.fromstring(f'<w:p xmlns:w="{W}"><w:pPr/></w:p>')
    closing[0].append(copy.deepcopy(decision))
    return [closing, table, *etree.fromstring(xml)]


def _restarted(portrait_sect: Any) -> Any:
    """A copy of a section whose page numbers restart at 1, none on its first page (R78)."""
    from docx.oxml.ns import qn

    sect = copy.deepcopy(portrait_sect)
    sect.find(qn("w:pgNumType")).set(qn("w:start"), "1")
    return sect


def _landscape(portrait_sect: Any) -> Any:
    """A landscape copy of a section: page numbers restart at 1, none on its first page."""
    from docx.oxml.ns import qn

    sect = _restarted(portrait_sect)
    size = sect.find(qn("w:pgSz"))
    size.set(qn("w:w"), str(A4_LONG))
    size.set(qn("w:h"), str(A4_SHORT))
    size.set(qn("w:orient"), "landscape")
    return sect


def _appendix_xml(page: AppendixPage, area: int) -> str:
    heading = [
        paragraph("PhuLucSo", page.heading),
        paragraph("PhuLucTieuDe", page.title),
        paragraph("PhuLucKemTheo", page.reference),
        rule(text_width(page.title, 14, True) * 2 // 5, area, space_after=240),
    ]
    return "".join(heading) + table_xml(page.table, area) + paragraph("BangNoiDung")


def appendices_xml(pages: list[AppendixPage], portrait: Any, landscape: Any) -> str:
    """Each appendix as its own landscape section on a new page (Decree 30 III.1.đ, R78).

    A section's properties close it, so the paragraph before each appendix carries the
    properties of the section it ends; the body's final properties become `landscape`.
    """
    from lxml import etree

    area = A4_LONG - MARGINS["left"] - MARGINS["right"]
    ends = [landscape if index else portrait for index in range(len(pages))]
    return "".join(
        f"<w:p><w:pPr>{etree.tostring(end, encoding='unicode')}</w:pPr></w:p>"
        + _appendix_xml(page, area)
        for page, end in zip(pages, ends, strict=True)
    )


def deterministic_zip(data: bytes) -> bytes:
    """The same package with fixed entry dates and order, so equal input gives equal bytes.

    python-docx stamps every entry with the wall clock (python-docx#1042); Word itself
    writes 1980-01-01, which is what every entry gets here.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    names = sorted(source.namelist(), key=lambda n: (n != "[Content_Types].xml", n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, source.read(name), compresslevel=6)
    return out.getvalue()


def _environment() -> object:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)


def _strings(
    context: TemplateContext, header_cell: int, area: int, appendices: str
) -> dict[str, object]:
    from markupsafe import Markup

    def text(value: str) -> Markup:
        return Markup(xml_text(value))

    def lines(name: AgencyName | None, bold: bool) -> list[str]:
        if name is None:
            return []
        return linebreak.agency_lines(name.name, name.lines, header_cell, bold)

    issuer = lines(context.issuer, True)
    widest = max(text_width(line, 13, True) for line in issuer)
    return {
        "issuer_parent": Markup(
            "\n".join(xml_text(x) for x in lines(context.issuer_parent, False))
        ),
        "issuer_name": Markup("\n".join(xml_text(x) for x in issuer)),
        "issuer_rule": Markup(rule(round(widest * RULE_RATIO), header_cell)),
        "number_line": text(context.number_line),
        "place_date": text(context.place_date),
        "type_name": text(context.type_name),
        "subject": text(context.subject),
        "subject_rule": Markup(subject_rule(context.subject, area)),
        "draft": context.draft,
        "body": Markup(body_xml(context.body)),
        "recipient_lines": [text(x) for x in context.recipient_lines],
        "authority_lines": [text(x) for x in context.authority_lines],
        "signer_name": text(context.signer_name),
        "appendices": Markup(appendices),
    }


def _header_cell_width(document: object) -> int:
    from docx.oxml.ns import qn

    grid = document.tables[0]._tbl.tblGrid  # type: ignore[attr-defined]
    return int(grid.findall(qn("w:gridCol"))[0].get(qn("w:w"))) - 2 * CELL_MARGIN


def render(
    context: TemplateContext,
    template: Path,
    identifier: str = "",
    marked: Mapping[str, str] | None = None,
) -> bytes:
    """The finished document as bytes: the same context and template give the same bytes.

    `identifier` goes into the core properties (dc:identifier), where a later build finds it.
    `marked` replaces template values by ready WordprocessingML (the redline's tracked
    changes); it is never user text.
    """
    from docxtpl import DocxTemplate

    document = DocxTemplate(str(template))
    body = document.get_docx().element.body
    portrait = body.sectPr
    landscape = _landscape(portrait)
    # What a decision issues is numbered on its own (seed 006): its section restarts at 1.
    last_portrait = _restarted(portrait) if context.attached else portrait
    area = A4_SHORT - MARGINS["left"] - MARGINS["right"]
    strings = _strings(
        context,
        _header_cell_width(document.get_docx()),
        area,
        appendices_xml(context.appendices, last_portrait, landscape),
    )
    if marked:
        from markupsafe import Markup

        strings.update({key: Markup(xml) for key, xml in marked.items()})
    document.render(strings, jinja_env=_environment(), autoescape=True)
    docx = document.docx  # get_docx() would reload the unrendered template
    if context.attached:
        header, anchor = docx.element.body.findall(f"{{{W}}}tbl")[:2]  # after the signature
        for element in attached_xml(context.attached, header, area, portrait):
            anchor.addnext(element)
            anchor = element
    if context.appendices or context.attached:
        final = docx.element.body.sectPr
        final.getparent().replace(final, landscape if context.appendices else last_portrait)
    meta = context.metadata
    props = docx.core_properties
    props.title, props.subject, props.author = meta.title, meta.subject, meta.author
    props.keywords, props.language = meta.keywords, "vi-VN"
    props.last_modified_by, props.revision = meta.author, 1
    props.created = props.modified = meta.created.replace(tzinfo=None)
    props.comments = "plangen"
    props.identifier = identifier
    buffer = io.BytesIO()
    docx.save(buffer)
    return deterministic_zip(buffer.getvalue())
