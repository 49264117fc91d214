"""Numbering schemes as data: a kind's default, a document's own, a section's own."""

from __future__ import annotations

from pathlib import Path

from planfiles import built_body, problems, where, with_yaml
from plangen.numbering import LEVELS

TWO_LEVELS = """
sections:
  - title: Kết quả thực hiện
    sections:
      - title: Về sản xuất
        sections:
          - title: Công nghiệp chế biến
          - title: Tiểu thủ công nghiệp
      - title: Về thương mại
  - title: Nhiệm vụ năm 2026
closing: Trên đây là kế hoạch.
"""


def test_a_kehoach_is_numbered_roman_arabic_letters_by_default(tmp_path: Path) -> None:
    body = built_body(tmp_path, TWO_LEVELS)
    assert ("Muc", "I. KẾT QUẢ THỰC HIỆN") in body
    assert ("Khoan", "1. Về sản xuất") in body
    assert ("Diem", "b) Tiểu thủ công nghiệp") in body
    assert ("Muc", "II. NHIỆM VỤ NĂM 2026") in body


def test_a_report_numbered_1_then_1_1_keeps_the_case_written(tmp_path: Path) -> None:
    body = built_body(tmp_path, 'numbering: ["1", "1.1", "1.1"]\n' + TWO_LEVELS)
    assert ("Khoan", "1. Kết quả thực hiện") in body
    assert ("Khoan", "1.1. Về sản xuất") in body
    assert ("Khoan", "1.1.2. Tiểu thủ công nghiệp") in body
    assert ("Khoan", "1.2. Về thương mại") in body
    assert ("Khoan", "2. Nhiệm vụ năm 2026") in body


def test_bare_yaml_numbers_name_levels_as_written(tmp_path: Path) -> None:
    body = built_body(tmp_path, "numbering: [1, 1.1, a]\n" + TWO_LEVELS)
    assert ("Khoan", "1.1. Về sản xuất") in body
    assert ("Diem", "a) Công nghiệp chế biến") in body


def test_a_part_above_the_roman_level_is_centred_on_its_own_line(tmp_path: Path) -> None:
    body = built_body(tmp_path, 'numbering: ["Phần thứ nhất", I, "1"]\n' + TWO_LEVELS)
    first = body.index(("Muc", "Phần thứ nhất"))
    assert body[first + 1] == ("Muc", "KẾT QUẢ THỰC HIỆN")
    assert ("Muc", "I. VỀ SẢN XUẤT") in body
    assert ("Khoan", "2. Tiểu thủ công nghiệp") in body
    assert ("Muc", "Phần thứ hai") in body


def test_a_section_numbers_what_is_under_it_its_own_way(tmp_path: Path) -> None:
    snippet = """
    sections:
      - title: Nội dung
        sections:
          - title: Giải pháp về chính sách
            numbering: ["-"]
            sections:
              - title: Xây dựng chính sách hỗ trợ.
              - title: Cải thiện thủ tục hành chính.
          - title: Giải pháp về quy hoạch
            numbering: ["(1)"]
            sections:
              - title: Rà soát quy hoạch.
    closing: Trên đây là kế hoạch.
    """
    body = built_body(tmp_path, snippet)
    assert ("Khoan", "1. Giải pháp về chính sách") in body
    assert ("GachDau", "- Xây dựng chính sách hỗ trợ.") in body
    assert ("NoiDung", "(1) Rà soát quy hoạch.") in body
    assert ("Khoan", "2. Giải pháp về quy hoạch") in body


def test_an_unlabelled_level_is_a_plain_paragraph(tmp_path: Path) -> None:
    snippet = """
    sections:
      - title: Nội dung
        sections:
          - title: Hoàn thành di dời cụm công nghiệp.
            numbering: [none]
            sections:
              - title: UBND phường chủ trì thực hiện, hoàn thành trong quý IV năm 2026.
    closing: Trên đây là kế hoạch.
    """
    body = built_body(tmp_path, snippet)
    assert ("NoiDung", "UBND phường chủ trì thực hiện, hoàn thành trong quý IV năm 2026.") in body


def test_nesting_deeper_than_the_scheme_is_a_located_error(tmp_path: Path) -> None:
    snippet = """
    numbering: [I, "1"]
    sections:
      - title: Nội dung
        sections:
          - title: Về sản xuất
            sections:
              - title: Quá sâu
    """
    line, column = where(with_yaml(snippet), "- |title: Quá sâu")
    assert problems(tmp_path, snippet) == [(line, column, "section-depth")]


def test_an_unknown_level_lists_the_levels_there_are(tmp_path: Path) -> None:
    snippet = """
    numbering: [I, "i)"]
    sections:
      - title: Nội dung
    """
    line, column = where(with_yaml(snippet), '"i)"')
    assert problems(tmp_path, snippet) == [(line, column, "literal_error")]


def test_labels_follow_the_decree() -> None:
    assert [LEVELS["Phần I"].label(i) for i in range(3)] == ["Phần I", "Phần II", "Phần III"]
    assert [LEVELS["A"].label(i) for i in range(3)] == ["A.", "B.", "C."]
    assert [LEVELS["a"].label(i) for i in (3, 4, 5)] == ["d)", "đ)", "e)"]
    assert LEVELS["1.1"].label(2, "4.") == "4.3."
    assert LEVELS["1.1"].label(0, "") == "1."
    assert LEVELS["a"].cited(1) == "điểm b"


def test_a_khoan_whose_title_is_its_first_sentence_is_not_a_heading(tmp_path: Path) -> None:
    snippet = """
    sections:
      - title: Chế độ báo cáo
        sections:
          - title: Các sở gửi báo cáo trước ngày 20 hằng tháng.
            plain: true
    closing: Trên đây là kế hoạch.
    """
    body = built_body(tmp_path, snippet)
    assert ("NoiDung", "1. Các sở gửi báo cáo trước ngày 20 hằng tháng.") in body
