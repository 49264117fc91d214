"""Reading copies: the copy's form (wrapping, markers, columns, cells) undone, its words kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from plangen.diagnostics import PlanError
from plangen.sourcetext import Cut, Para, Table, from_text, read


def texts(source: str) -> list[str]:
    return [b.text for b in from_text("x.txt", source).blocks if isinstance(b, Para)]


def test_hard_wrapped_lines_join_into_their_paragraphs() -> None:
    copy = (
        "1. Sở Công\nThương:\n- Chủ trì, phối hợp với các\nđơn vị liên quan.\n"
        "III. KINH PHÍ THỰC\nHIỆN\n1. Mục tiêu tổng quát\nTập trung đầu tư.\n"
    )
    assert texts(copy) == [
        "1. Sở Công Thương:",
        "- Chủ trì, phối hợp với các đơn vị liên quan.",
        "III. KINH PHÍ THỰC HIỆN",
        "1. Mục tiêu tổng quát",
        "Tập trung đầu tư.",
    ]


def test_a_page_break_inside_a_sentence_does_not_end_the_paragraph() -> None:
    copy = (
        "- Thực hiện có hiệu quả Đề án Nâng cao chất lượng nguồn nhân lực của huyện\n\n"
        "Vĩnh Linh giai đoạn 2021-2025. Đôn đốc các dự án đầu\n\ntư sản xuất.\n\nTiếp theo.\n"
    )
    assert texts(copy) == [
        "- Thực hiện có hiệu quả Đề án Nâng cao chất lượng nguồn nhân lực của huyện Vĩnh Linh"
        " giai đoạn 2021-2025. Đôn đốc các dự án đầu tư sản xuất.",
        "Tiếp theo.",
    ]


def test_a_first_line_indent_opens_a_paragraph() -> None:
    copy = "      Cụ thể hóa Nghị quyết;\nđẩy nhanh tiến độ.\n       Tổ chức triển khai kịp thời.\n"
    assert texts(copy) == [
        "Cụ thể hóa Nghị quyết; đẩy nhanh tiến độ.",
        "Tổ chức triển khai kịp thời.",
    ]


def test_markdown_markers_and_page_markers_go_and_are_noted() -> None:
    source = from_text("x.md", "**ỦY BAN NHÂN DÂN**\n*Căn cứ Luật;*\n- 2 -\n* *\n[...]\n")
    first, second, cut = source.blocks
    assert isinstance(first, Para) and first.text == "ỦY BAN NHÂN DÂN" and first.bold
    assert isinstance(second, Para) and second.text == "Căn cứ Luật;" and second.italic
    assert isinstance(cut, Cut) and cut.line == 5
    assert source.notes == [(3, "bỏ dấu trang '- 2 -' (page marker left out)")]


def test_two_columns_laid_out_with_spaces_become_a_table() -> None:
    copy = (
        "  ỦY BAN NHÂN DÂN        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "    TỈNH LÀO CAI          Độc lập - Tự do - Hạnh phúc\n"
    )
    (table,) = from_text("x.txt", copy).blocks
    assert isinstance(table, Table)
    assert table.rows == (
        (
            "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
        ),
    )


def test_pipe_rows_and_cells_one_per_line_become_one_table() -> None:
    copy = (
        "| TT | Nội dung | Chủ trì |\n| --- | --- | --- |\nThời gian\n1\nNhóm một\n"
        "a)\nViệc thứ nhất\nSở A\nQuý III/2026\nb)\nViệc thứ hai, phần đầu\nCục\nQuý IV/2026\n"
        "phần sau\nLâm nghiệp\n"
    )
    (table,) = from_text("x.md", copy).blocks
    assert isinstance(table, Table)
    assert table.rows == (
        ("TT", "Nội dung", "Chủ trì", "Thời gian"),
        ("1", "Nhóm một"),
        ("a)", "Việc thứ nhất", "Sở A", "Quý III/2026"),
        ("b)", "Việc thứ hai, phần đầu phần sau", "Cục Lâm nghiệp", "Quý IV/2026"),
    )


def test_cells_between_bar_lines_are_rows_of_as_many_cells_as_the_header() -> None:
    copy = (
        "TT\n|\nNội\ndung\n|\nThời hạn\n|\n1\n|\nViệc một\n|\n2022\n|\n2\n|\nViệc hai\n|\nHằng\nnăm"
    )
    (table,) = from_text("x.txt", copy).blocks
    assert isinstance(table, Table)
    assert table.rows == (
        ("TT", "Nội dung", "Thời hạn"),
        ("1", "Việc một", "2022"),
        ("2", "Việc hai", "Hằng năm"),
    )


def test_an_invalid_byte_is_reported_at_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"KE HOACH\nSo \xff\n")
    with pytest.raises(PlanError) as error:
        read(bad)
    (diagnostic,) = error.value.diagnostics
    assert (diagnostic.line, diagnostic.column, diagnostic.code) == (2, 4, "encoding-invalid")


def test_a_word_file_is_read_paragraph_by_paragraph_with_its_list_numbers(tmp_path: Path) -> None:
    from docx import Document

    document = Document()
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Mục tiêu", style="List Number")
    document.add_paragraph("Nội dung", style="List Number")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].merge(table.rows[0].cells[1]).text = "Một ô gộp"
    path = tmp_path / "x.docx"
    document.save(str(path))
    blocks = read(path).blocks
    assert [b.text for b in blocks if isinstance(b, Para)] == [
        "KẾ HOẠCH",
        "1. Mục tiêu",
        "2. Nội dung",
    ]
    assert [b.rows for b in blocks if isinstance(b, Table)] == [(("Một ô gộp",),)]


def test_a_word_table_s_merged_cells_and_a_style_s_italics_read_as_python_docx_reads_them(
    tmp_path: Path,
) -> None:
    """A cell merged across columns once; one merged down in every row it spans; a
    paragraph whose style is italic is italic."""
    from docx import Document

    document = Document()
    table = document.add_table(rows=2, cols=3)
    top, below = table.rows[0].cells, table.rows[1].cells
    top[0].merge(below[0]).text = "Gộp dọc"
    top[1].merge(top[2]).text = "Gộp ngang"
    below[1].text, below[2].text = "b", "c"
    document.add_paragraph("Trích dẫn", style="Quote")
    path = tmp_path / "merged.docx"
    document.save(str(path))
    table_block, quote = read(path).blocks
    assert isinstance(table_block, Table)
    assert table_block.rows == (("Gộp dọc", "Gộp ngang"), ("Gộp dọc", "b", "c"))
    assert quote == Para("Trích dẫn", 2, italic=True, style="Quote")
