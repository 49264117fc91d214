"""Tables written in the plan: widths, alignment, repeated headings, group rows, merged cells."""

from __future__ import annotations

from pathlib import Path

from docx.oxml.ns import qn

from docxprops import Doc
from planfiles import problems, where, with_yaml, write
from plangen.build import build

FIGURES = """
sections:
  - title: Chỉ tiêu giai đoạn 2026-2030
    table:
      columns:
        - TT
        - Chỉ tiêu
        - {title: Đơn vị, align: center}
        - {title: Năm 2026, width: 12, align: right}
        - {title: Năm 2027, width: 12, align: right}
      rows:
        - {cells: [I, {text: Chỉ tiêu kinh tế, span: 4}], bold: true}
        - ["1", Giá trị sản xuất công nghiệp, tỷ đồng, "1.280", "1.400"]
        - ["2", {text: Lao động được đào tạo, rows: 2}, người, 500, ~]
        - ["3", nghìn người, "0,6", "0,7"]
closing: Trên đây là kế hoạch.
"""


def _table(folder: Path, snippet: str) -> tuple[Doc, object]:
    out = folder / "plan.docx"
    build(write(folder, with_yaml(snippet)), out)
    doc = Doc(out)
    body_tables = [t for t in doc.tables() if t.find(qn("w:tblGrid")) is not None]
    return doc, body_tables[1]  # after the national header


def test_a_table_in_the_body_with_merged_cells_and_group_rows(tmp_path: Path) -> None:
    doc, table = _table(tmp_path, FIGURES)
    rows = table.findall(qn("w:tr"))
    assert rows[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None  # repeats on pages
    group = rows[1].findall(qn("w:tc"))
    assert len(group) == 2
    assert group[1].find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}").get(qn("w:val")) == "4"
    assert all(r.bold for p in doc.cell_paragraphs(table, 1, 1) for r in p.runs())
    starts = rows[3].findall(qn("w:tc"))[1].find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
    continues = rows[4].findall(qn("w:tc"))[1].find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
    assert starts.get(qn("w:val")) == "restart" and continues.get(qn("w:val")) is None
    assert ["".join(p.text for p in doc.cell_paragraphs(table, 2, c)) for c in range(5)] == [
        "1",
        "Giá trị sản xuất công nghiệp",
        "tỷ đồng",
        "1.280",
        "1.400",
    ]
    assert doc.cell_paragraphs(table, 2, 3)[0].alignment == "right"
    assert doc.cell_paragraphs(table, 2, 0)[0].alignment == "center"  # TT centred by default


def test_tt_is_narrow_and_the_content_column_widest_by_default(tmp_path: Path) -> None:
    _, table = _table(tmp_path, FIGURES)
    widths = [int(c.get(qn("w:w"))) for c in table.find(qn("w:tblGrid"))]
    assert widths[0] == min(widths) and widths[1] == max(widths)


def test_a_row_that_does_not_fill_the_columns_is_a_located_error(tmp_path: Path) -> None:
    snippet = FIGURES.replace('["3", nghìn người, "0,6", "0,7"]', '["3", nghìn người, "0,6"]')
    line, column = where(with_yaml(snippet), '- |["3", nghìn người')
    assert problems(tmp_path, snippet) == [(line, column, "appendix-columns")]
