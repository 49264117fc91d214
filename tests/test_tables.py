"""Tables written in the plan: widths, alignment, repeated headings, group rows, merged cells."""

from __future__ import annotations

from pathlib import Path

from docx.oxml.ns import qn
from hypothesis import given
from hypothesis import strategies as st

from docxprops import Doc
from planfiles import plan, problems, where, with_yaml, write
from plangen import metrics
from plangen.build import build
from plangen.tables import fit

PORTRAIT = 9355
"""The portrait text width (210 mm less margins of 30 and 15 mm), in twips."""
LANDSCAPE = 14287
"""An appendix's landscape text width (297 mm less the same margins), in twips."""
PADDING = 228
"""A table cell's left and right padding together (2 mm each side), in twips."""

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


def _grid(table: object) -> list[int]:
    return [int(c.get(qn("w:w"))) for c in table.find(qn("w:tblGrid"))]  # type: ignore[attr-defined]


def test_tt_is_narrow_the_content_widest_and_the_authors_widths_kept(tmp_path: Path) -> None:
    _, table = _table(tmp_path, FIGURES)
    widths = _grid(table)
    assert sum(widths) == PORTRAIT
    assert widths[0] == min(widths) and widths[1] == max(widths)
    assert widths[3] == widths[4] == PORTRAIT * 12 // 100  # `width: 12`: 12 % of the table


# -- Widths from the text (tables.fit) ----------------------------------------------------

TASKS = [
    ["TT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn"],
    [
        "1",
        "Rà soát, điều chỉnh quy hoạch phát triển cụm công nghiệp trên địa bàn tỉnh",
        "Sở Công Thương",
        "Sở Tài chính, Sở Xây dựng, Sở Nông nghiệp và Môi trường",
        "Quý II/2026",
    ],
    [
        "2",
        "Hỗ trợ các cơ sở công nghiệp nông thôn đầu tư máy móc, thiết bị tiên tiến, "
        "chuyển giao và ứng dụng công nghệ vào sản xuất",
        "Trung tâm Khuyến công",
        "Ủy ban nhân dân các huyện, thị xã, thành phố",
        "30/11/2026",
    ],
]


def test_tt_is_narrow_and_the_content_widest_across_the_whole_width() -> None:
    widths = fit(TASKS[0], TASKS[1:], [None] * 5, LANDSCAPE, padding=PADDING)
    assert sum(widths) == LANDSCAPE
    assert widths[0] == min(widths) and widths[1] == max(widths)


def test_a_column_of_short_dates_is_narrower_than_one_of_long_agency_names() -> None:
    tt, _, lead, support, due = fit(TASKS[0], TASKS[1:], [None] * 5, LANDSCAPE, padding=PADDING)
    assert due < lead < support
    assert tt < due


def test_every_column_holds_its_longest_word_and_its_headings_words_on_a_line() -> None:
    rows = [["1", "Mã", "QĐ-UBND/KHCN-TTKC"], ["2", "Rất nhiều chữ " * 40, "Có"]]
    widths = fit(["TT", "Nội dung", "Ký hiệu"], rows, [None] * 3, PORTRAIT, padding=PADDING)
    assert widths[2] >= PADDING + metrics.width("QĐ-UBND/KHCN-TTKC", 12)
    assert widths[0] >= PADDING + metrics.width("TT", 12, bold=True)
    assert sum(widths) == PORTRAIT


def test_a_cell_merged_across_the_columns_widens_none_of_them() -> None:
    group = ["Nhóm nhiệm vụ về phát triển hạ tầng kỹ thuật cụm công nghiệp", "", "", "", ""]
    merged = {(0, 0): (5, 1)}
    plain = fit(TASKS[0], TASKS[1:], [None] * 5, LANDSCAPE, padding=PADDING)
    grouped = [group, *TASKS[1:]]
    widths = fit(TASKS[0], grouped, [None] * 5, LANDSCAPE, padding=PADDING, spans=merged)
    assert widths == plain


def test_the_authors_widths_win_and_the_other_columns_share_the_rest() -> None:
    widths = fit(TASKS[0], TASKS[1:], [None, None, 30, None, None], LANDSCAPE, padding=PADDING)
    assert widths[2] == LANDSCAPE * 30 // 100 and sum(widths) == LANDSCAPE
    assert widths[1] == max(w for i, w in enumerate(widths) if i != 2)
    assert fit(["A", "B", "C"], [["x", "y", "z"]], [10, 60, 30], 10000, padding=0) == [
        1000,
        6000,
        3000,
    ]


def test_an_author_leaving_too_little_room_gives_way_to_the_longest_words() -> None:
    widths = fit(TASKS[0], TASKS[1:], [None, 95, None, None, None], LANDSCAPE, padding=PADDING)
    assert sum(widths) == LANDSCAPE
    for column in (0, 2, 3, 4):
        words = [w for row in TASKS[1:] for w in row[column].split()]
        heading = TASKS[0][column].split()
        longest = max(
            *(metrics.width(w, 12) for w in words), *(metrics.width(w, 12, True) for w in heading)
        )
        assert widths[column] >= PADDING + longest, column


def test_the_content_column_is_kept_widest_even_with_less_text_than_another() -> None:
    rows = [["1", "Quy hoạch", "Sở Tài chính, Sở Xây dựng, Sở Nông nghiệp và Môi trường " * 3]]
    headings = ["TT", "Nội dung", "Cơ quan phối hợp"]
    fullest = fit(headings, rows, [None] * 3, PORTRAIT, padding=PADDING)
    assert fullest[2] > fullest[1]
    kept = fit(headings, rows, [None] * 3, PORTRAIT, padding=PADDING, content=1)
    assert kept[1] >= kept[2] and sum(kept) == PORTRAIT


def test_a_task_appendix_is_sized_from_its_tasks(tmp_path: Path) -> None:
    appendix = {"title": "Danh mục nhiệm vụ", "table": "tasks"}
    out = tmp_path / "plan.docx"
    data = plan(closing="Chi tiết tại Phụ lục kèm theo.", appendices=[appendix])
    build(write(tmp_path, data), out)
    tables = [t for t in Doc(out).tables() if t.find(qn("w:tblGrid")) is not None]
    widths = _grid(tables[-1])  # TT, Nội dung, chủ trì, phối hợp, Sản phẩm, Thời hạn
    assert sum(widths) == LANDSCAPE
    assert widths[0] == min(widths) and widths[1] == max(widths)


def test_a_row_that_does_not_fill_the_columns_is_a_located_error(tmp_path: Path) -> None:
    snippet = FIGURES.replace('["3", nghìn người, "0,6", "0,7"]', '["3", nghìn người, "0,6"]')
    line, column = where(with_yaml(snippet), '- |["3", nghìn người')
    assert problems(tmp_path, snippet) == [(line, column, "appendix-columns")]


WORDS = st.sampled_from(
    ["1", "a)", "Sở", "Công Thương", "Quý IV/2026", "nông thôn", "bền vững", ""]
)


@given(
    table=st.integers(1, 7).flatmap(
        lambda n: st.tuples(
            st.lists(st.lists(WORDS, min_size=1, max_size=6).map(" ".join), min_size=n, max_size=n),
            st.lists(
                st.lists(st.lists(WORDS, max_size=12).map(" ".join), min_size=n, max_size=n),
                max_size=5,
            ),
            st.lists(st.none() | st.integers(1, 100), min_size=n, max_size=n),
        )
    ),
    area=st.integers(2000, LANDSCAPE),
)
def test_the_widths_always_fill_the_table_exactly_and_never_go_negative(
    table: tuple[list[str], list[list[str]], list[int | None]], area: int
) -> None:
    headings, rows, written = table
    widths = fit(headings, rows, written, area, padding=PADDING)
    assert sum(widths) == area and min(widths) >= 0
    assert widths == fit(headings, rows, written, area, padding=PADDING)  # deterministic
