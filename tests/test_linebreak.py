"""Agency names break where a văn thư breaks them, at the administrative level (ô 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from plangen import metrics
from plangen.linebreak import agency_lines, balance, break_name

CELL = 3514
"""The header's left cell (64 mm less its padding), in twips: the bundled templates' width."""


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        # A local body always stands over its locality, even where one line would do.
        ("Ủy ban nhân dân tỉnh Lào Cai", ["ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI"]),
        ("Ủy ban nhân dân xã Tân Phú", ["ỦY BAN NHÂN DÂN", "XÃ TÂN PHÚ"]),
        ("Ủy ban nhân dân Quận 1", ["ỦY BAN NHÂN DÂN", "QUẬN 1"]),
        ("Hội đồng nhân dân thành phố Hồ Chí Minh", ["HỘI ĐỒNG NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH"]),
        # Too wide for the cell: the break goes before the joining word, never after it.
        ("Sở Nông nghiệp và Môi trường", ["SỞ NÔNG NGHIỆP", "VÀ MÔI TRƯỜNG"]),
        ("Bộ Nông nghiệp và Môi trường", ["BỘ NÔNG NGHIỆP", "VÀ MÔI TRƯỜNG"]),
        ("Ủy ban Quốc gia về chuyển đổi số", ["ỦY BAN QUỐC GIA", "VỀ CHUYỂN ĐỔI SỐ"]),
        # A body named inside another name stays whole, and so does its locality.
        (
            "Văn phòng Ủy ban nhân dân tỉnh Quảng Ninh",
            ["VĂN PHÒNG", "ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NINH"],
        ),
        (
            "Ban Quản lý các khu công nghiệp tỉnh Lào Cai",
            ["BAN QUẢN LÝ CÁC", "KHU CÔNG NGHIỆP", "TỈNH LÀO CAI"],
        ),
        # A capital begins a part of the name, and the syllables after it finish its word:
        # a line never ends inside 'Truyền hình', 'Quản lý', 'Trung ương', 'Quốc gia'.
        ("Đài Truyền hình Việt Nam", ["ĐÀI TRUYỀN HÌNH", "VIỆT NAM"]),
        ("Tổng cục Quản lý thị trường", ["TỔNG CỤC", "QUẢN LÝ THỊ TRƯỜNG"]),
        ("Đại học Quốc gia Hà Nội", ["ĐẠI HỌC", "QUỐC GIA HÀ NỘI"]),
        ("Bảo hiểm xã hội Việt Nam", ["BẢO HIỂM XÃ HỘI", "VIỆT NAM"]),
        ("Viện Khoa học lâm nghiệp Việt Nam", ["VIỆN KHOA HỌC", "LÂM NGHIỆP VIỆT NAM"]),
        (
            "Ủy ban Quốc gia về người cao tuổi Việt Nam",
            ["ỦY BAN QUỐC GIA", "VỀ NGƯỜI CAO TUỔI", "VIỆT NAM"],
        ),
        (
            "Ban Chỉ đạo Trung ương về phòng, chống tham nhũng, tiêu cực",
            ["BAN CHỈ ĐẠO", "TRUNG ƯƠNG VỀ PHÒNG,", "CHỐNG THAM NHŨNG,", "TIÊU CỰC"],
        ),
        # What fits stays on one line.
        ("Bộ Nội vụ", ["BỘ NỘI VỤ"]),
        ("Sở Kế hoạch và Đầu tư", ["SỞ KẾ HOẠCH VÀ ĐẦU TƯ"]),
        ("Bộ Công Thương", ["BỘ CÔNG THƯƠNG"]),
    ],
)
def test_an_issuer_breaks_at_the_administrative_level(name: str, lines: list[str]) -> None:
    assert break_name(name, CELL) == lines


def test_a_steering_committee_never_ends_a_line_with_its_joining_word() -> None:
    lines = break_name("Ban Chỉ đạo quốc gia về phòng, chống thiên tai", CELL, bold=False)
    assert lines[0] == "BAN CHỈ ĐẠO QUỐC GIA"
    assert not any(line.endswith((" VỀ", " VÀ")) for line in lines)


def test_no_line_is_one_word_alone_when_it_can_be_avoided() -> None:
    for name in (
        "Sở Giao thông vận tải",
        "Cục Lâm nghiệp và Kiểm lâm",
        "Trường Đại học Kinh tế Quốc dân",
    ):
        lines = break_name(name, CELL)
        assert all(" " in line for line in lines) or len(lines) == 1, lines


def test_every_line_fits_the_cell_by_the_fonts_widths() -> None:
    for name in (
        "Ban Chỉ đạo Trung ương về phòng, chống tham nhũng, tiêu cực",
        "Bộ Nông nghiệp và Môi trường",
    ):
        for line in break_name(name, CELL):
            assert metrics.width(line, 13, bold=True) <= CELL


def test_a_wider_cell_takes_more_on_a_line() -> None:
    assert break_name("Sở Nông nghiệp và Môi trường", 6000) == ["SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"]


def test_the_authors_own_lines_are_kept_as_written() -> None:
    assert agency_lines("x", ["Sở Nông nghiệp", "và Môi trường tỉnh Lào Cai"], CELL, True) == [
        "SỞ NÔNG NGHIỆP",
        "VÀ MÔI TRƯỜNG TỈNH LÀO CAI",
    ]


def test_widths_come_from_times_new_roman_metrics() -> None:
    # Times New Roman / Liberation Serif: 'M' is 0.889 em regular, 0.944 em bold; space 0.25 em.
    assert metrics.font_file(True) is not None
    assert metrics.width_em("M") == pytest.approx(0.889, abs=0.001)
    assert metrics.width_em("M", bold=True) == pytest.approx(0.944, abs=0.001)
    assert metrics.width(" ", 14) == 70  # 0.25 em x 14 pt x 20
    assert metrics.width("Ệ", 13, True) == metrics.width("E", 13, True)


def test_a_font_folder_that_cannot_be_looked_in_is_passed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under `sudo` the home folder may be another user's (~/.fonts: permission denied):
    that folder is passed over, not a failed build. A name too long for the system fails
    the same way, for root too."""
    refused = tmp_path / ("x" * 300)
    with pytest.raises(OSError):
        refused.is_dir()
    monkeypatch.setattr(metrics, "FONT_DIRS", (refused, *metrics.FONT_DIRS))
    metrics.font_file.cache_clear()
    try:
        found = metrics.font_file(False)
        assert found is not None and found.name in metrics.FONT_FILES[False]
    finally:
        metrics.font_file.cache_clear()


# -- Centred titles: trích yếu, appendix title, V/v line -----------------------------------

AREA = 9355
"""The portrait text width (210 mm less margins of 30 and 15 mm), in twips."""


@pytest.mark.parametrize(
    ("title", "lines"),
    [
        # One line when it fits.
        ("Phát triển ngành Công nghiệp năm 2022", ["Phát triển ngành Công nghiệp năm 2022"]),
        # A locality begins the second line, with its whole name ('huyện Vĩnh Linh').
        (
            "Triển khai, thực hiện Đề án Phát triển ngành Công nghiệp huyện Vĩnh Linh năm 2022",
            [
                "Triển khai, thực hiện Đề án Phát triển ngành Công nghiệp",
                "huyện Vĩnh Linh năm 2022",
            ],
        ),
        # 'giai đoạn 2021-2025' and 'thành phố Hải Phòng' stay whole.
        (
            "Về việc phê duyệt Chương trình khuyến công thành phố Hải Phòng giai đoạn 2021-2025",
            [
                "Về việc phê duyệt Chương trình khuyến công",
                "thành phố Hải Phòng giai đoạn 2021-2025",
            ],
        ),
        # No 'NĂM 2024' left nearly alone: the line begins at a verb's phrase instead.
        (
            "DANH MỤC NHIỆM VỤ TRIỂN KHAI THỰC HIỆN ĐỀ ÁN "
            "PHÁT TRIỂN CÔNG NGHIỆP NÔNG THÔN NĂM 2024",
            [
                "DANH MỤC NHIỆM VỤ TRIỂN KHAI THỰC HIỆN ĐỀ ÁN",
                "PHÁT TRIỂN CÔNG NGHIỆP NÔNG THÔN NĂM 2024",
            ],
        ),
    ],
)
def test_a_title_breaks_where_a_person_breaks_it(title: str, lines: list[str]) -> None:
    assert list(balance(title, AREA)) == lines


def test_a_title_never_leaves_one_word_alone_nor_a_number_without_its_word() -> None:
    title = "Kế hoạch phát triển công nghiệp hỗ trợ trên địa bàn tỉnh trong năm 2024 và"
    for width in range(4000, AREA, 250):
        lines = balance(title + " năm 2025", width)
        assert len(lines[-1].split()) >= 2, (width, lines)
        assert all(not line.endswith(("năm", "và")) for line in lines), (width, lines)
        assert all(metrics.width(line, 14, True) <= width for line in lines), (width, lines)
        assert " ".join(lines) == title + " năm 2025"


def test_a_v_v_line_counts_its_prefix_on_the_first_line() -> None:
    subject = "tăng cường hoạt động khuyến công, phát triển công nghiệp nông thôn"
    lines = balance(subject, CELL, 13, False, prefix="V/v ")
    assert " ".join(lines) == subject
    assert metrics.width("V/v " + lines[0], 13) <= CELL
    assert all(metrics.width(line, 13) <= CELL for line in lines)
    assert len(lines[-1].split()) >= 2
