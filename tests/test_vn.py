"""Vietnamese wording: each Decree 30 number, date and symbol form, as a table of cases."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal

import pytest

from plangen import vn

R29 = re.compile(r"^Số: *(0[1-9]|[1-9][0-9]+)? *\/[A-ZĐ][A-Za-zĐđ]*(-[A-ZĐ0-9][A-Za-zĐđ0-9&]*)+$")
R36 = re.compile(r"^[^,]+, ngày (0[1-9]|[12][0-9]|3[01]) tháng (01|02|[3-9]|1[0-2]) năm [0-9]{4}$")


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (1, "Số: 01/KH-UBND"),
        (9, "Số: 09/KH-UBND"),
        (10, "Số: 10/KH-UBND"),
        (26, "Số: 26/KH-UBND"),
        (3000, "Số: 3000/KH-UBND"),
        (None, "Số:      /KH-UBND"),
    ],
)
def test_numbers_below_ten_are_padded_and_drafts_left_blank(
    number: int | None, expected: str
) -> None:
    line = vn.number_line(number, vn.symbol("KH", "UBND"))
    assert line == expected
    assert R29.match(line)


def test_symbol_joins_type_code_and_agency_but_a_cong_van_keeps_its_own() -> None:
    assert vn.symbol("QĐ", "UBND") == "QĐ-UBND"
    assert vn.symbol(None, "UBND-KT1") == "UBND-KT1"


def test_a_cong_van_symbol_is_the_agency_and_drafting_unit() -> None:
    assert vn.symbol("", "UBND-KT1") == "UBND-KT1"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2024, 1, 22), "ngày 22 tháng 01 năm 2024"),
        (dt.date(2025, 2, 5), "ngày 05 tháng 02 năm 2025"),
        (dt.date(2021, 3, 1), "ngày 01 tháng 3 năm 2021"),
        (dt.date(2021, 9, 27), "ngày 27 tháng 9 năm 2021"),
        (dt.date(2020, 12, 31), "ngày 31 tháng 12 năm 2020"),
    ],
)
def test_days_are_padded_and_only_months_one_and_two(day: dt.date, expected: str) -> None:
    assert vn.long_date(day) == expected
    assert R36.match(vn.place_date("Hưng Yên", day, day.year))


def test_a_draft_date_leaves_day_and_month_blank() -> None:
    assert vn.place_date("Huế", None, 2025) == "Huế, ngày      tháng      năm 2025"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2019, 3, 12), "12/3/2019"),
        (dt.date(2022, 1, 18), "18/01/2022"),
        (dt.date(2021, 11, 4), "04/11/2021"),
        (dt.date(2012, 5, 21), "21/5/2012"),
    ],
)
def test_citation_dates_are_short_and_padded_like_long_dates(day: dt.date, expected: str) -> None:
    assert vn.short_date(day) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1110, "1.110"),
        (Decimal("13.5"), "13,5"),
        (1385000000, "1.385.000.000"),
        (Decimal("0.250"), "0,250"),
        (Decimal("0.935"), "0,935"),
        (13.5, "13,5"),
        (-1200, "-1.200"),
        ("7-8", "7-8"),
        (0, "0"),
    ],
)
def test_numbers_use_vietnamese_grouping_and_keep_their_scale(value: object, expected: str) -> None:
    assert vn.format_number(value) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (1110, "tỷ đồng", "1.110 tỷ đồng"),
        (Decimal("13.5"), "%", "13,5%"),
        ("7-8", "%", "7-8%"),
        (500, None, "500"),
        (3, "‰", "3‰"),
    ],
)
def test_percent_signs_touch_the_number_other_units_are_spaced(
    value: object, unit: str | None, expected: str
) -> None:
    assert vn.format_quantity(value, unit) == expected  # type: ignore[arg-type]


def test_upper_case_handles_vietnamese_letters_and_decomposed_input() -> None:
    assert vn.upper("Ủy ban nhân dân tỉnh Thừa Thiên Huế") == "ỦY BAN NHÂN DÂN TỈNH THỪA THIÊN HUẾ"
    assert vn.upper("đồng") == "ĐỒNG"
    decomposed = unicodedata.normalize("NFD", "Hưng Yên")
    assert vn.upper(decomposed) == "HƯNG YÊN"
    assert unicodedata.is_normalized("NFC", vn.upper(decomposed))


@pytest.mark.parametrize(
    ("n", "expected"), [(1, "I"), (4, "IV"), (9, "IX"), (14, "XIV"), (40, "XL"), (1999, "MCMXCIX")]
)
def test_roman_numerals(n: int, expected: str) -> None:
    assert vn.roman(n) == expected


@pytest.mark.parametrize("n", [0, -1, 4000])
def test_roman_numerals_refuse_what_has_none(n: int) -> None:
    with pytest.raises(ValueError):
        vn.roman(n)


@pytest.mark.parametrize(
    ("index", "expected"),
    [(0, "a"), (3, "d"), (4, "đ"), (5, "e"), (6, "g"), (22, "y"), (23, "a1"), (27, "đ1")],
)
def test_point_letters_follow_the_vietnamese_alphabet(index: int, expected: str) -> None:
    assert vn.point_letter(index) == expected


@pytest.mark.parametrize(
    ("due", "start", "end"),
    [
        (2024, dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        ("2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        ("Năm 2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        ("2024-06-30", dt.date(2024, 6, 30), dt.date(2024, 6, 30)),
        ("30/6/2024", dt.date(2024, 6, 30), dt.date(2024, 6, 30)),
        ("29/02/2024", dt.date(2024, 2, 29), dt.date(2024, 2, 29)),
        ("Tháng 6/2024", dt.date(2024, 6, 1), dt.date(2024, 6, 30)),
        ("tháng 02/2024", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("Quý I/2024", dt.date(2024, 1, 1), dt.date(2024, 3, 31)),
        ("Quý II/2024", dt.date(2024, 4, 1), dt.date(2024, 6, 30)),
        ("Quý III/2024", dt.date(2024, 7, 1), dt.date(2024, 9, 30)),
        ("quý IV/2024", dt.date(2024, 10, 1), dt.date(2024, 12, 31)),
        ("Quý 2/2024", dt.date(2024, 4, 1), dt.date(2024, 6, 30)),
        ("6 tháng đầu năm 2024", dt.date(2024, 1, 1), dt.date(2024, 6, 30)),
        ("6 tháng cuối năm 2024", dt.date(2024, 7, 1), dt.date(2024, 12, 31)),
        ("2021-2025", dt.date(2021, 1, 1), dt.date(2025, 12, 31)),
        ("2021 – 2025", dt.date(2021, 1, 1), dt.date(2025, 12, 31)),
    ],
)
def test_deadlines_name_a_span(due: int | str, start: dt.date, end: dt.date) -> None:
    assert vn.parse_due(due) == (start, end)


@pytest.mark.parametrize("due", ["Hằng năm", "hàng năm", "Thường xuyên", "Hằng quý", "Hằng tháng"])
def test_recurring_deadlines_have_no_span(due: str) -> None:
    assert vn.parse_due(due) is None


@pytest.mark.parametrize(
    ("due", "says"),
    [
        ("30/02/2024", "ngày không có thật"),
        ("29/02/2023", "ngày không có thật"),
        ("2024-13-01", "ngày không có thật"),
        ("Tháng 13/2024", "tháng không có thật"),
        ("2025-2021", "năm bắt đầu sau năm kết thúc"),
        ("sớm nhất có thể", "không hiểu thời hạn"),
    ],
)
def test_impossible_or_unknown_deadlines_are_explained(due: str, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        vn.parse_due(due)


@pytest.mark.parametrize(
    ("due", "shown"),
    [(2024, "Năm 2024"), ("2024-06-30", "30/6/2024"), ("Quý II/2024", "Quý II/2024")],
)
def test_deadlines_print_as_people_write_them(due: int | str, shown: str) -> None:
    assert vn.due_text(due) == shown


@pytest.mark.parametrize(
    ("args", "lines"),
    [
        (
            ("Ủy ban nhân dân", "KT", "Chủ tịch", "Phó Chủ tịch"),
            ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        ),
        (("Ủy ban nhân dân", None, None, "Chủ tịch"), ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
        ((None, "Q", "Giám đốc", None), ["Q. GIÁM ĐỐC"]),
        (
            (None, "TL", "Bộ trưởng", "Vụ trưởng Vụ Pháp chế"),
            ["TL. BỘ TRƯỞNG", "VỤ TRƯỞNG VỤ PHÁP CHẾ"],
        ),
        ((None, "TUQ", "Giám đốc", "Chánh Văn phòng"), ["TUQ. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"]),
        ((None, None, None, "Giám đốc"), ["GIÁM ĐỐC"]),
    ],
)
def test_signature_authority_lines(args: tuple[str | None, ...], lines: list[str]) -> None:
    assert vn.signature_lines(*args) == lines


def test_recipients_end_with_semicolons_and_the_archive_line_last() -> None:
    lines = vn.recipient_lines(
        ["Bộ Công Thương;", "- Thường trực Tỉnh ủy", "UBND huyện."], ["VT", "KTTH"]
    )
    assert lines == [
        "- Bộ Công Thương;",
        "- Thường trực Tỉnh ủy;",
        "- UBND huyện;",
        "- Lưu: VT, KTTH.",
    ]


def test_sentence_start_capitalises_only_the_first_letter() -> None:
    assert vn.sentence_start("kế hoạch UBND") == "Kế hoạch UBND"


@pytest.mark.parametrize("due", ["Năm 0000", "Quý IV/9999", "Tháng 12/0000"])
def test_a_deadline_in_a_year_that_never_was_is_refused_not_a_crash(due: str) -> None:
    with pytest.raises(ValueError, match="không có thật"):
        vn.parse_due(due)
