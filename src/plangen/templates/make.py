"""Write the bundled <kind>.docx templates: page setup, named styles, header and signature tables.

Run `python -m plangen.templates.make` after changing this file; CI checks that the
committed templates are what it produces. Users may open a template in Word and
restyle it (fonts, spacing, the styles listed below); every Jinja tag sits in a run
of its own, so Word cannot split it.
"""

from __future__ import annotations

import io
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as Doc
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.section import Section
from docx.shared import Pt, Twips
from docx.table import Table, _Cell

from plangen import metrics
from plangen.ooxml import A4_LONG, A4_SHORT, CELL_MARGIN, MARGINS, rule
from plangen.package import deterministic_zip

HERE = Path(__file__).resolve().parent
FONT = "Times New Roman"
AREA = A4_SHORT - MARGINS["left"] - MARGINS["right"]
HEADER_COLUMNS = (3628, AREA - 3628)
"""Ô 2/3 on the left (64 mm), ô 1/4 on the right (101 mm): the Quốc hiệu at 13 pt fits one line."""
SIGNATURE_COLUMNS = (4252, AREA - 4252)
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"

CENTER, LEFT, JUSTIFY = (
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.LEFT,
    WD_ALIGN_PARAGRAPH.JUSTIFY,
)

# id: (name, size pt, bold, italic, alignment, first-line indent, space before, keep with next)
# Keep with next (w:keepNext): headings, the title block, the header rows, every rule and a
# table's header row hold to what follows, so none of them ends a page on its own.
STYLES: dict[str, tuple[str, float, bool, bool, object, int, int, bool]] = {
    "NoiDung": ("Nội dung", 14, False, False, JUSTIFY, 567, 120, False),
    "CanCu": ("Căn cứ", 14, False, True, JUSTIFY, 567, 120, False),
    "Muc": ("Mục (I.)", 14, True, False, JUSTIFY, 567, 120, True),
    "Khoan": ("Khoản (1.)", 14, True, False, JUSTIFY, 567, 120, True),
    "Diem": ("Điểm (a))", 14, False, False, JUSTIFY, 567, 120, False),
    "GachDau": ("Gạch đầu dòng (-)", 14, False, False, JUSTIFY, 567, 120, False),
    "DauCong": ("Dấu cộng (+)", 14, False, False, JUSTIFY, 567, 120, False),
    "CoQuanChuQuan": ("Cơ quan chủ quản", 13, False, False, CENTER, 0, 0, True),
    "CoQuan": ("Cơ quan ban hành", 13, True, False, CENTER, 0, 0, True),
    "SoKyHieu": ("Số, ký hiệu", 13, False, False, CENTER, 0, 120, True),
    "QuocHieu": ("Quốc hiệu", 13, True, False, CENTER, 0, 0, True),
    "TieuNgu": ("Tiêu ngữ", 14, True, False, CENTER, 0, 0, True),
    "DiaDanhNgay": ("Địa danh và ngày", 14, False, True, CENTER, 0, 120, True),
    "DuongKe": ("Đường kẻ", 2, False, False, CENTER, 0, 60, True),
    "TenLoai": ("Tên loại văn bản", 14, True, False, CENTER, 0, 480, True),
    "TrichYeu": ("Trích yếu", 14, True, False, CENTER, 0, 0, True),
    "NoiNhanTieuDe": ("Nơi nhận", 12, True, True, LEFT, 0, 0, False),
    "NoiNhan": ("Nơi nhận - dòng", 11, False, False, LEFT, 0, 0, False),
    "QuyenHan": ("Quyền hạn, chức vụ", 14, True, False, CENTER, 0, 0, False),
    "KhoangKy": ("Khoảng chữ ký", 14, False, False, CENTER, 0, 1560, False),
    "TenNguoiKy": ("Họ tên người ký", 14, True, False, CENTER, 0, 0, False),
    "SoTrang": ("Số trang", 14, False, False, CENTER, 0, 0, False),
    "DuThao": ("Dự thảo", 14, True, False, LEFT, 0, 0, False),
    "VanVe": ("Trích yếu công văn (V/v)", 13, False, False, CENTER, 0, 120, True),
    "KinhGui": ("Kính gửi", 14, False, False, LEFT, 0, 240, True),
    "KinhGuiDong": ("Kính gửi - dòng", 14, False, False, LEFT, 0, 0, True),
    "ThamQuyen": ("Thẩm quyền ban hành", 14, True, False, CENTER, 0, 240, True),
    "QuyetDinh": ("Quyết định:", 14, True, False, CENTER, 0, 240, True),
    "Dieu": ("Điều", 14, False, False, JUSTIFY, 567, 120, False),
    "PhuLucSo": ("Phụ lục", 14, True, False, CENTER, 0, 0, True),
    "PhuLucTieuDe": ("Tên phụ lục", 14, True, False, CENTER, 0, 0, True),
    "PhuLucKemTheo": ("Kèm theo", 14, False, True, CENTER, 0, 0, True),
    "BangTieuDe": ("Bảng - tiêu đề", 12, True, False, CENTER, 0, 60, True),
    "BangNoiDung": ("Bảng - nội dung", 12, False, False, LEFT, 0, 60, False),
    "BangGiua": ("Bảng - căn giữa", 12, False, False, CENTER, 0, 60, False),
}
LINE_SPACING = {"NoiDung", "CanCu", "Muc", "Khoan", "Diem", "GachDau", "DauCong", "Dieu"}
"""Body styles take 1.15 lines (Decree 30: single to 1.5); the rest are single-spaced."""
LEFT_INDENT = {"KinhGui": 1985, "KinhGuiDong": 2552}
"""Mẫu 1.5: `Kính gửi:` about 35 mm from the margin, its `- ` lines about 45 mm."""


def _defaults(document: Doc) -> None:
    """Times New Roman 14 pt, black, Vietnamese, for everything not styled otherwise."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    defaults.getparent().remove(defaults)
    styles.insert(
        0,
        parse_xml(
            f"<w:docDefaults {nsdecls('w')}><w:rPrDefault><w:rPr>"
            f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:eastAsia="{FONT}"/>'
            '<w:color w:val="000000"/><w:sz w:val="28"/><w:szCs w:val="28"/>'
            '<w:lang w:val="vi-VN" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
            '<w:pPrDefault><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" '
            'w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>'
        ),
    )
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    # Theme fonts in the built-in styles would override the default on some runs.
    for element in styles.iter(qn("w:rFonts")):
        for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            element.attrib.pop(qn(f"w:{attr}"), None)
        for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
            element.set(qn(f"w:{attr}"), FONT)
    for element in list(styles.iter(qn("w:color"))):
        element.set(qn("w:val"), "000000")
        for attr in ("themeColor", "themeShade", "themeTint"):
            element.attrib.pop(qn(f"w:{attr}"), None)


_AFTER_BORDER = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def _border(style: Any, sides: tuple[str, ...], size: int, space: int) -> None:
    """A paragraph border on `style`, placed where the schema wants it (before spacing)."""
    lines = "".join(
        f'<w:{side} w:val="single" w:sz="{size}" w:space="{space}" w:color="000000"/>'
        for side in sides
    )
    border = parse_xml(f"<w:pBdr {nsdecls('w')}>{lines}</w:pBdr>")
    style.element.get_or_add_pPr().insert_element_before(border, *_AFTER_BORDER)


def _styles(document: Doc) -> None:
    for style_id, (name, size, bold, italic, align, indent, before, keep) in STYLES.items():
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.element.set(qn("w:styleId"), style_id)
        style.base_style = document.styles["Normal"]
        style.quick_style = True
        font = style.font
        font.name, font.size, font.bold, font.italic = FONT, Pt(size), bold, italic
        fmt = style.paragraph_format
        fmt.alignment = align
        fmt.first_line_indent = Twips(indent)
        fmt.left_indent, fmt.right_indent = Twips(LEFT_INDENT.get(style_id, 0)), Twips(0)
        fmt.space_before, fmt.space_after = Twips(before), Twips(0)
        fmt.line_spacing = 1.15 if style_id in LINE_SPACING else 1.0
        fmt.keep_with_next = keep
        fmt.widow_control = True
    _border(document.styles["Đường kẻ"], ("bottom",), 6, 1)
    draft = document.styles["Dự thảo"]
    _border(draft, ("top", "left", "bottom", "right"), 8, 2)
    draft.paragraph_format.right_indent = Twips(AREA - 1800)


_AFTER_PAGE_NUMBERING = (
    "w:cols",
    "w:formProt",
    "w:vAlign",
    "w:noEndnote",
    "w:titlePg",
    "w:textDirection",
    "w:bidi",
    "w:rtlGutter",
    "w:docGrid",
    "w:printerSettings",
    "w:sectPrChange",
)
_AFTER_CELL_MARGIN = ("w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")


def _page(section: Section) -> None:
    section.page_width, section.page_height = Twips(A4_SHORT), Twips(A4_LONG)
    section.orientation = WD_ORIENT.PORTRAIT
    for side, value in MARGINS.items():
        attr = {"header": "header_distance", "footer": "footer_distance"}.get(
            side, f"{side}_margin"
        )
        setattr(section, attr, Twips(value))
    section.different_first_page_header_footer = True
    sect = section._sectPr
    numbering = parse_xml(f'<w:pgNumType {nsdecls("w")} w:fmt="decimal" w:start="1"/>')
    sect.insert_element_before(numbering, *_AFTER_PAGE_NUMBERING)
    number = section.header.paragraphs[0]
    number.style = "Số trang"
    for xml in (
        '<w:fldChar w:fldCharType="begin"/>',
        '<w:instrText xml:space="preserve"> PAGE </w:instrText>',
        '<w:fldChar w:fldCharType="separate"/>',
        "<w:t>2</w:t>",
        '<w:fldChar w:fldCharType="end"/>',
    ):
        number._p.append(parse_xml(f"<w:r {nsdecls('w')}>{xml}</w:r>"))
    # Page 1 carries no number (R13); a draft shows DỰ THẢO there, outside the body (R18).
    first = section.first_page_header
    first.is_linked_to_previous = False
    first.paragraphs[0].style = STYLES["DuThao"][0]
    first.paragraphs[0].add_run("{%p if draft %}")
    mark = first.add_paragraph(style=STYLES["DuThao"][0])
    mark.add_run("DỰ THẢO")
    first.add_paragraph(style=STYLES["DuThao"][0]).add_run("{%p endif %}")


def _para(container: Any, style: str, text: str = "") -> Any:
    paragraph = container.add_paragraph(style=STYLES[style][0])
    if text:
        paragraph.add_run(text)
    return paragraph


def _table(document: Doc, widths: tuple[int, int], rows: int, top: int = 0) -> Table:
    table = document.add_table(rows=rows, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    # `autofit = False` wrote tblLayout; ECMA-376 order is tblLayout, tblCellMar, tblLook
    # (Word repairs a file whose elements are out of order).
    margins = parse_xml(
        f'<w:tblCellMar {nsdecls("w")}><w:top w:w="{top}" w:type="dxa"/>'
        f'<w:left w:w="{CELL_MARGIN}" w:type="dxa"/>'
        f'<w:right w:w="{CELL_MARGIN}" w:type="dxa"/></w:tblCellMar>'
    )
    table._tbl.tblPr.insert_element_before(margins, *_AFTER_CELL_MARGIN)
    for row in table.rows:  # a row is never cut by a page break (w:cantSplit)
        row._tr.get_or_add_trPr().append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Twips(width)
        for cell in column.cells:
            cell.width = Twips(width)
    return table


def _cell_rule(cell: _Cell, width: int, area: int) -> None:
    cell._tc.append(parse_xml(rule(width, area).replace("<w:p>", f"<w:p {nsdecls('w')}>", 1)))


def _lines(cell: _Cell, style: str, name: str, first: bool = False) -> None:
    """One paragraph in `style` per string of the list `name`, the loop tags in their own."""
    (_first if first else _para)(cell, style, f"{{%p for line in {name} %}}")
    _para(cell, style, "{{ line }}")
    _para(cell, style, "{%p endfor %}")


def _first(cell: _Cell, style: str, text: str = "") -> Any:
    paragraph = cell.paragraphs[0]
    paragraph.style = STYLES[style][0]
    if text:
        paragraph.add_run(text)
    return paragraph


def _document() -> Doc:
    document = Document()
    # python-docx's default package carries Word 2010's stylesWithEffects.xml, a copy of
    # its own styles: it would disagree with the styles made here, and Word repairs that.
    part = document.part
    for rel_id, rel in list(part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            part.drop_rel(rel_id)
    _defaults(document)
    _styles(document)
    _page(document.sections[0])
    return document


def _header(document: Doc, letter: bool = False) -> None:
    """Ô 1–4: issuer and Số on the left, Quốc hiệu, Tiêu ngữ and place/date on the right.

    A công văn (`letter`) puts its `V/v …` trích yếu under the Số (Decree 30 ô 5b).
    """
    header = _table(document, HEADER_COLUMNS, 2)
    left, right = header.rows[0].cells
    _first(left, "CoQuanChuQuan", "{%p if issuer_parent %}")
    _para(left, "CoQuanChuQuan", "{{ issuer_parent }}")
    _para(left, "CoQuanChuQuan", "{%p endif %}")
    _para(left, "CoQuan", "{{ issuer_name }}")
    _para(left, "DuongKe", "{{p issuer_rule }}")
    _first(right, "QuocHieu", QUOC_HIEU)
    _para(right, "TieuNgu", TIEU_NGU)
    # Decree 30 II.1: the line under the Tiêu ngữ is as long as the Tiêu ngữ.
    _cell_rule(right, metrics.width(TIEU_NGU, 14, True), HEADER_COLUMNS[1] - 2 * CELL_MARGIN)
    number = header.rows[1].cells[0]
    _first(number, "SoKyHieu", "{{ number_line }}")
    if letter:
        _para(number, "VanVe", "V/v {{ subject }}")
    _first(header.rows[1].cells[1], "DiaDanhNgay", "{{ place_date }}")


def _title(document: Doc) -> None:
    """Ô 5a: the type name, the trích yếu and a short rule under it."""
    _para(document, "TenLoai", "{{ type_name }}")
    _para(document, "TrichYeu", "{{ subject }}")
    _para(document, "DuongKe", "{{p subject_rule }}")


def _signature(document: Doc) -> None:
    """Ô 7 and 9b: Nơi nhận on the left, authority, room to sign and the name on the right."""
    signature = _table(document, SIGNATURE_COLUMNS, 1, top=240)
    left, right = signature.rows[0].cells
    _first(left, "NoiNhanTieuDe", "Nơi nhận:")
    _lines(left, "NoiNhan", "recipient_lines")
    _lines(right, "QuyenHan", "authority_lines", first=True)
    _para(right, "KhoangKy")
    _para(right, "TenNguoiKy", "{{ signer_name }}")


def _finish(document: Doc) -> Doc:
    _para(document, "NoiDung", "{{p appendices }}")
    props = document.core_properties
    props.title = props.subject = props.author = props.comments = props.keywords = ""
    props.last_modified_by = "plangen"
    props.revision = 1
    return document


def make_titled() -> Doc:
    """Mẫu 1.2–1.4: a document with a type name — kế hoạch, quyết định, báo cáo.

    A quyết định's authority line, `QUYẾT ĐỊNH:` and `Điều` paragraphs come in the body,
    in styles of their own (Thẩm quyền ban hành, Quyết định:, Điều).
    """
    document = _document()
    _header(document)
    _title(document)
    _para(document, "NoiDung", "{{p body }}")
    _signature(document)
    return _finish(document)


def make_cong_van() -> Doc:
    """Mẫu 1.5: a công văn — V/v under the Số, no type name, Kính gửi in the body."""
    document = _document()
    _header(document, letter=True)
    _para(document, "NoiDung", "{{p body }}")
    _signature(document)
    return _finish(document)


TEMPLATES = {
    "ke-hoach": make_titled,
    "quyet-dinh": make_titled,
    "bao-cao": make_titled,
    "cong-van": make_cong_van,
}
"""One template per kind, so each can be restyled on its own in Word."""


def write_all(folder: Path) -> list[Path]:
    """Write every template into `folder`; the bytes depend only on this script."""
    written = []
    for kind, make in TEMPLATES.items():
        document = make()
        document.core_properties.created = datetime(2020, 3, 5)
        document.core_properties.modified = datetime(2020, 3, 5)
        buffer = io.BytesIO()
        document.save(buffer)
        target = folder / f"{kind}.docx"
        target.write_bytes(deterministic_zip(buffer.getvalue()))
        written.append(target)
    return written


def main() -> int:
    for target in write_all(HERE):
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
