"""Vietnamese wording: numbers, dates, symbols, capitals, labels.

Pure functions from values to strings; each names the Decree 30 rule it follows
(nd30.md section or rule number), so a reviewer can check it against the source.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from decimal import Decimal

BLANK = " " * 6
"""What a draft leaves for the văn thư to fill in: 'Số:      /KH-UBND'."""

POINT_LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split()
"""Điểm letters: the Vietnamese alphabet without f, j, w, z (nd30.md §4.7)."""

SIGNATURE_PREFIXES = {"KT": "KT.", "Q": "Q.", "TL": "TL.", "TUQ": "TUQ."}


def symbol(type_code: str | None, issuer_abbr: str) -> str:
    """Ký hiệu: 'KH-UBND'; a công văn (no type code) uses the agency and unit codes as given."""
    return f"{type_code}-{issuer_abbr}" if type_code else issuer_abbr


def number_symbol(number: int | None, symbol: str) -> str:
    """'05/KH-UBND' (numbers below 10 take a leading zero, R30); a blank in a draft."""
    return f"{number:02d}/{symbol}" if number is not None else f"{BLANK}/{symbol}"


def number_line(number: int | None, symbol: str) -> str:
    """'Số: 05/KH-UBND'; 'Số:      /KH-UBND' in a draft."""
    space = " " if number is not None else ""  # a draft's blank starts right after the colon
    return f"Số:{space}{number_symbol(number, symbol)}"


def _month(month: int) -> str:
    return f"{month:02d}" if month < 3 else str(month)


def long_date(day: dt.date) -> str:
    """'ngày 05 tháng 01 năm 2024'.

    Decree 30 pads days below 10 and months below 3 with a zero, so January reads
    'tháng 01' but September 'tháng 9' (Phụ lục I II.4, R36-R37).
    """
    return f"ngày {day.day:02d} tháng {_month(day.month)} năm {day.year}"


def place_date(place: str, day: dt.date | None, year: int) -> str:
    """'Thừa Thiên Huế, ngày 22 tháng 01 năm 2024'; blanks for day and month in a draft."""
    when = long_date(day) if day else f"ngày{BLANK}tháng{BLANK}năm {year}"
    return f"{place}, {when}"


def short_date(day: dt.date) -> str:
    """'12/3/2019', '18/01/2022': citations, padded as the long date is."""
    return f"{day.day:02d}/{_month(day.month)}/{day.year}"


def _decimal(value: Decimal | int | float) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def format_number(value: Decimal | int | float | str) -> str:
    """'1.110', '13,5', '0,250': Babel's Vietnamese grouping, keeping the scale written."""
    if isinstance(value, str):
        return value
    from babel.numbers import format_decimal

    number = _decimal(value)
    places = max(0, -int(number.as_tuple().exponent))
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(number, format=pattern, locale="vi")


SCALES = {"nghìn": 3, "ngàn": 3, "triệu": 6, "tỷ": 9}
"""Scale words written after an amount, as powers of ten of a đồng."""
_UNIT_SCALES = {"đồng": 0, "nghìn đồng": 3, "triệu đồng": 6, "tỷ đồng": 9}
_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?")


def read_amount(text: str) -> tuple[Decimal, str | None]:
    """An amount written the Vietnamese way, exactly: '1.280' → 1280, '5.801,28' → 5801.28,
    '0,25' → 0.25, '250 triệu' → (250, 'triệu'); '0.250' or '12.5' (no thousands group
    can follow them) keep the dot as a decimal point. Raises ValueError otherwise."""
    match = re.fullmatch(r"\s*([\d.,]+)\s*(nghìn|ngàn|triệu|tỷ)?(?:\s*đồng)?\s*", text)
    if not match:
        raise ValueError(f"không đọc được số tiền '{text}'; viết ví dụ 1.280, 5.801,28, 250 triệu")
    number, scale = match[1], match[2]
    if _THOUSANDS.fullmatch(number):
        number = number.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d+,\d+", number):
        number = number.replace(",", ".")
    elif not re.fullmatch(r"\d+(?:\.\d+)?", number):
        raise ValueError(f"không đọc được số tiền '{text}'; viết ví dụ 1.280, 5.801,28, 250 triệu")
    return Decimal(number), scale


def ambiguous_number(value: Decimal) -> str | None:
    """Why a bare YAML number like 1.280 cannot be trusted, with both readings; else None."""
    written = str(value)
    if not re.fullmatch(r"[1-9]\d{0,2}\.\d{3}", written):
        return None
    thousands = format_number(Decimal(written.replace(".", "")))
    fraction = format_number(value.normalize())
    return (
        f"số {written} không có ngoặc kép có hai cách đọc: {thousands} hay {fraction}; viết "
        f'"{written}" (trong ngoặc kép) nếu là {thousands}, hoặc "{fraction}" nếu là {fraction} '
        f"(ambiguous number: {written} may mean {written.replace('.', '')} or "
        f"{written.rstrip('0')}; quote it)"
    )


def is_figure(text: str) -> bool:
    """A cell that holds a figure: '1.280', '13,5', '12%', '7-8'."""
    return bool(re.fullmatch(r"[\d.,]+(?:\s*[-–]\s*[\d.,]+)?\s*%?", text.strip()))


def in_unit(value: Decimal, scale: str | None, unit: str) -> Decimal:
    """The amount `value` (in `scale`: triệu, tỷ …) counted in the budget's `unit`, exactly."""
    if scale is None:
        return value
    return value.scaleb(SCALES[scale] - _UNIT_SCALES[unit])


def format_money(value: Decimal, scale: str | None, unit: str) -> str:
    """'1.280 tỷ đồng', or with its own scale word '250 triệu đồng'."""
    return format_quantity(value, f"{scale} đồng" if scale else unit)


def format_quantity(value: Decimal | int | float | str, unit: str | None) -> str:
    """'1.110 tỷ đồng', '13,5%': no space before a percent sign, one before other units."""
    number = format_number(value)
    if not unit:
        return number
    return f"{number}{unit}" if unit in {"%", "‰"} else f"{number} {unit}"


def upper(text: str) -> str:
    """Vietnamese capitals, NFC (precomposed) as TCVN 6909 expects."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).upper())


def sentence_start(text: str) -> str:
    """The text with only its first letter capitalised."""
    return text[:1].upper() + text[1:]


@functools.cache
def roman(number: int) -> str:
    """'IV': Mục and Phụ lục numbers (nd30.md §4.7, R74)."""
    if not 1 <= number <= 3999:
        raise ValueError(f"no Roman numeral for {number}")
    out = ""
    for value, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        count, number = divmod(number, value)
        out += letters * count
    return out


def point_letter(index: int) -> str:
    """The điểm letter for a 0-based index: a … y, then a1 … y1, a2 …"""
    round_, position = divmod(index, len(POINT_LETTERS))
    return POINT_LETTERS[position] + (str(round_) if round_ else "")


_RECURRING = {
    "hằng năm",
    "hàng năm",
    "thường xuyên",
    "hằng quý",
    "hàng quý",
    "hằng tháng",
    "hàng tháng",
}
_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
DUE_FORMS = (
    "2026, Năm 2026, 30/6/2026, Trước ngày 15/12/2026, Tháng 6/2026, Quý II/2026, "
    "Quý III, IV/2026, Quý IV/2026, 2027, 6 tháng đầu năm 2026, 2021-2025, Hằng năm, Thường xuyên"
)
"""The deadline forms understood, as listed when one is not."""

Span = tuple[dt.date, dt.date]


def _month_span(year: int, first: int, last: int) -> Span:
    if not 1 <= year < dt.MAXYEAR:
        raise ValueError(f"năm {year} không có thật (impossible year)")
    end = dt.date(year + (last == 12), last % 12 + 1, 1) - dt.timedelta(days=1)
    return dt.date(year, first, 1), end


def _real_date(year: int, month: int, day: int, shown: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"ngày không có thật: {shown} (impossible date)") from None


def _unknown(text: str) -> ValueError:
    return ValueError(f"không hiểu thời hạn '{text}' (unknown deadline form); dùng: {DUE_FORMS}")


def _whole(low: str, text: str) -> Span | None:
    """Forms that are one piece: a date, a range of years, half a year."""
    if match := re.fullmatch(r"(?:trước\s+)?(?:ngày\s+)?(\d{1,2})/(\d{1,2})/(\d{4})", low):
        day = _real_date(int(match[3]), int(match[2]), int(match[1]), text)
        return day, day
    if match := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", low):
        day = _real_date(int(match[1]), int(match[2]), int(match[3]), text)
        return day, day
    if match := re.fullmatch(r"(?:giai đoạn\s+)?(\d{4})\s*[-–—]\s*(\d{4})", low):
        first, last = int(match[1]), int(match[2])
        if first > last:
            raise ValueError(f"năm bắt đầu sau năm kết thúc: {text} (years reversed)")
        return dt.date(first, 1, 1), dt.date(last, 12, 31)
    if match := re.fullmatch(r"6 tháng (đầu|cuối) năm (\d{4})", low):
        return _month_span(int(match[2]), *((1, 6) if match[1] == "đầu" else (7, 12)))
    return None


def _pieces(low: str, text: str) -> list[Span]:
    """'quý iii, iv/2026, 2027': quarters or months listed before their year, then years."""
    spans: list[Span] = []
    pending: list[int] = []
    unit = ""
    for piece in re.split(r"\s*,\s*", low):
        match = re.fullmatch(
            r"(?:(quý|tháng|năm)\s+)?([ivx\d]+)(?:\s*/\s*(\d{4})|\s+năm\s+(\d{4}))?", piece
        )
        if not match:
            raise _unknown(text)
        unit = match[1] or unit
        value, year = match[2], match[3] or match[4]
        if year is None and unit != "năm" and re.fullmatch(r"\d{4}", value):
            unit, year = "năm", value
        if unit == "năm":
            if pending or not re.fullmatch(r"\d{4}", value):
                raise _unknown(text)
            spans.append(_month_span(int(value), 1, 12))
            continue
        if unit == "quý" and value in _QUARTERS:
            months = (3 * _QUARTERS[value] - 2, 3 * _QUARTERS[value])
        elif unit in ("tháng", "") and value.isdigit() and 1 <= int(value) <= 12:
            months = (int(value), int(value))
        else:
            raise ValueError(f"quý hoặc tháng không có thật trong '{text}' (impossible period)")
        pending += months
        if year is not None:
            spans += [_month_span(int(year), m, m) for m in pending]
            pending = []
    if pending or not spans:
        raise _unknown(text)
    return spans


def parse_due(value: int | str) -> Span | None:
    """The span a deadline (thời hạn) names, or None for a recurring one ('Hằng năm').

    Raises ValueError with a Vietnamese message for impossible dates and unknown forms.
    """
    if isinstance(value, int):
        return _month_span(value, 1, 12)
    text = unicodedata.normalize("NFC", value).strip()
    low = re.sub(r"\s+", " ", text.lower())
    if low in _RECURRING:
        return None
    whole = _whole(low, text)
    if whole:
        return whole
    spans = _pieces(low, text)
    return min(s[0] for s in spans), max(s[1] for s in spans)


def due_text(value: int | str) -> str:
    """The deadline as printed: 2024 → 'Năm 2024', '2024-06-30' → '30/6/2024'."""
    if isinstance(value, int):
        return f"Năm {value}"
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", value.strip()):
        year, month, day = (int(x) for x in value.strip().split("-"))
        return short_date(dt.date(year, month, day))
    return value


DEPUTY_TITLES = ("phó ", "thứ trưởng")
"""How a deputy's title begins: Phó Chủ tịch, Phó Giám đốc, Phó Cục trưởng, Thứ trưởng …"""


def is_deputy(position: str) -> bool:
    """A deputy's title, the one that may sign after KT. (Decree 30 Điều 13)."""
    return position.lower().startswith(DEPUTY_TITLES)


def due_clause(value: int | str) -> str:
    """The deadline inside an assignment sentence: '; hoàn thành trong Quý II/2026',
    '; hoàn thành trước ngày 15/12/2026', ' thường xuyên'."""
    shown = due_text(value)
    low = shown.lower()
    if low in _RECURRING:
        return f" {low}"
    if low.startswith("trước"):
        return f"; hoàn thành {low}"
    if re.fullmatch(r"(?:ngày\s+)?\d{1,2}/\d{1,2}/\d{4}", low):
        return f"; hoàn thành trước ngày {shown.split()[-1]}"
    if low.startswith("năm ") or re.fullmatch(r"\d{4}", low):
        return f"; hoàn thành trong năm {low.removeprefix('năm ')}"
    if re.fullmatch(r"\d{4}\s*[-–—]\s*\d{4}", low):
        return f"; hoàn thành trong giai đoạn {shown}"
    return f"; hoàn thành trong {shown}"


def enumeration(names: list[str]) -> str:
    """'A', 'A và B', 'A, B và C': names listed in running text."""
    return ", ".join(names[:-1]) + " và " + names[-1] if len(names) > 1 else "".join(names)


def signature_lines(
    collective: str | None,
    authority: str | None,
    head: str | None,
    position: str | None,
    deputy_for: str | None = None,
) -> list[str]:
    """Ô 7a, one line each: 'TM. ỦY BAN NHÂN DÂN' / 'KT. CHỦ TỊCH' / 'PHÓ CHỦ TỊCH';
    'TL. BỘ TRƯỞNG' / 'KT. VỤ TRƯỞNG VỤ PHÁP CHẾ' / 'PHÓ VỤ TRƯỞNG' (Phụ lục I II.7.b)."""
    lines = []
    if collective:
        lines.append(f"TM. {upper(collective)}")
    if authority:
        lines.append(f"{SIGNATURE_PREFIXES[authority]} {upper(head or '')}".rstrip())
    if deputy_for:
        lines.append(f"KT. {upper(deputy_for)}")
    if position and authority != "Q":
        lines.append(upper(position))
    return lines


def archive_line(archive: list[str], drafter: str | None = None) -> str:
    """'- Lưu: VT, KTTH.' (R70); the ô 12 mark after it: '- Lưu: VT, VP(02). PL.(300)'."""
    line = f"- Lưu: {', '.join(archive)}."
    return f"{line} {drafter}" if drafter else line


_BULLET = re.compile(r"^[-–\s]+")


def recipient_lines(
    recipients: list[str], archive: list[str], drafter: str | None = None
) -> list[str]:
    """Nơi nhận entries, each '- …;', ending with the archive line (R68-R70)."""
    lines = [f"- {_BULLET.sub('', r).rstrip(' ;.,')};" for r in recipients]
    return [*lines, archive_line(archive, drafter)]
