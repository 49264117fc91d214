"""Agency names (ô 2) and centred titles broken into lines where a văn thư breaks them.

A name is broken only where it must be, at the seam between administrative levels:
before the locality ('ỦY BAN NHÂN DÂN' / 'TỈNH LÀO CAI'), before a joining word
('SỞ NÔNG NGHIỆP' / 'VÀ MÔI TRƯỜNG', 'ỦY BAN QUỐC GIA' / 'VỀ CHUYỂN ĐỔI SỐ'), after a
comma, else where a capital begins a part of the name ('ĐÀI TRUYỀN HÌNH' / 'VIỆT NAM');
never inside a word ('TRUNG' / 'ƯƠNG'), never leaving one word alone on a line when that
can be avoided, and with lines as even as the seams allow. Widths come from the font
(`metrics`), so a line breaks exactly when Word would have to break it.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence

from plangen import metrics, vn

LOCALITIES = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn", "đặc khu")
"""Administrative units a local body's name ends with (Decree 30 II.2, Phụ lục II)."""

JOINS = ("và", "về", "thuộc", "tại", "trực thuộc")
"""Words that may begin a line of a name, never end one."""

LOCAL_BODIES = ("ủy ban nhân dân", "uỷ ban nhân dân", "hội đồng nhân dân")
"""Bodies whose name is always printed over their locality, even when it would fit."""

_MAX_WORDS = 24  # beyond this the name is left to Word's own wrapping
_MAX_LINES = 6


def _phrase_at(low: Sequence[str], index: int, phrase: str) -> bool:
    return list(low[index : index + len(phrase.split())]) == phrase.split()


def _locality_at(words: Sequence[str], index: int) -> int:
    """The length of a locality word at `index` that a place name follows ('tỉnh Lào Cai')."""
    low = [w.lower() for w in words]
    for locality in LOCALITIES:
        end = index + len(locality.split())
        place = words[end][:1] if end < len(words) else ""
        if _phrase_at(low, index, locality) and (place.isupper() or place.isdigit()):
            return len(locality.split())
    return 0


def _capitalised(word: str) -> bool:
    """'Nông', 'Việt': a syllable written with a capital, not an abbreviation ('UBND')."""
    return word[:1].isupper() and not word.isupper()


def _seams(words: Sequence[str]) -> tuple[set[int], set[int], set[int]]:
    """Break positions (before word i) at a seam, those where a new part of the name
    begins, and those that would split a unit.

    A name capitalises the first syllable of each of its parts (Decree 30 Phụ lục II): a
    capital after a lower-case syllable begins a part ('… HỌC' / 'KINH TẾ QUỐC DÂN'), and the
    lower-case syllable after a capital continues its word ('NHÀ' / 'NƯỚC', 'TRUNG' / 'ƯƠNG')."""
    low = [w.lower() for w in words]
    good, bad = set(), set()
    parts = {
        i for i in range(1, len(words)) if _capitalised(words[i]) and words[i - 1][:1].islower()
    }
    for i, word in enumerate(low):
        if i and (word in JOINS or words[i - 1].endswith((",", ";"))):
            good.add(i)
        if i and _capitalised(words[i - 1]) and words[i][:1].islower():
            bad.add(i)
        for phrase in (*PHRASES, *WORDS):
            if _phrase_at(low, i, phrase):
                bad.update(range(i + 1, i + len(phrase.split())))
        if word in JOINS:
            bad.add(i + 1)  # 'SỞ NÔNG NGHIỆP VÀ' / 'MÔI TRƯỜNG'
        if size := _locality_at(words, i):
            good.add(i)
            bad.update(range(i + 1, i + size + 1))  # 'TỈNH' / 'LÀO CAI', 'THÀNH' / 'PHỐ'
        for body in LOCAL_BODIES:
            if _phrase_at(low, i, body):
                good.add(i)
                bad.update(range(i + 1, i + len(body.split())))  # 'ỦY BAN' / 'NHÂN DÂN'
    good.discard(0)
    return good, parts - good, bad


def _must_break(words: Sequence[str]) -> int | None:
    """Where a local body's name meets its locality: always a new line."""
    low = " ".join(words).lower()
    for body in LOCAL_BODIES:
        size = len(body.split())
        if low.startswith(body + " ") and _locality_at(words, size):
            return size
    return None


def _candidates(count: int, lines: int, forced: int | None) -> list[tuple[int, ...]]:
    cuts = itertools.combinations(range(1, count), lines - 1)
    return [c for c in cuts if forced is None or forced in c]


def break_name(name: str, width: int, size_pt: float = 13, bold: bool = True) -> list[str]:
    """`name` in capitals, as the lines of the header cell `width` twips wide."""
    words = name.split()
    if len(words) > _MAX_WORDS:
        return [vn.upper(name)]
    upper = [vn.upper(w) for w in words]
    forced = _must_break(words)
    good, parts, bad = _seams(words)

    def line(start: int, stop: int) -> str:
        return " ".join(upper[start:stop])

    best: tuple[tuple[int, ...], tuple[int, ...]] | None = None
    for count in range(1 if forced is None else 2, min(len(words), _MAX_LINES) + 1):
        for cuts in _candidates(len(words), count, forced):
            bounds = [0, *cuts, len(words)]
            spans = list(itertools.pairwise(bounds))
            widths = [metrics.width(line(a, b), size_pt, bold) for a, b in spans]
            if max(widths) > width:
                continue
            score = (
                sum(c in bad for c in cuts),  # one more line rather than a unit split
                count,
                sum(b - a == 1 for a, b in spans),  # a word alone on its line
                sum(c not in good and c not in parts for c in cuts),
                sum(c in parts for c in cuts),  # a join or comma first, then a part's capital
                max(widths) - min(widths),
            )
            if best is None or score < best[0]:
                best = (score, cuts)
        if best is not None and best[0][0] == 0:
            break
    if best is not None:
        bounds = [0, *best[1], len(words)]
        return [line(a, b) for a, b in itertools.pairwise(bounds)]
    return [vn.upper(name)]  # one word wider than the cell: Word wraps it as it can


def agency_lines(name: str, explicit: Sequence[str] | None, width: int, bold: bool) -> list[str]:
    """The header lines of an agency name: the author's own lines as given, else broken."""
    if explicit:
        return [vn.upper(line) for line in explicit]
    return break_name(name, width, 13, bold)


NUMBERED = ("năm", "tháng", "ngày", "số", "đoạn", "quý", "đợt", "lần", "khóa", "khoá", "kỳ")
"""Words a number follows ('năm 2024', 'giai đoạn 2021 - 2025'): never split from it."""

SEAMS = tuple(
    "và về của trên tại cho đến giai năm theo trong thuộc nhằm để với từ đối giữa sau trước".split()
)
"""Words a line of a title may well begin with: where a phrase starts."""

PHRASES = tuple(
    "triển khai|thực hiện|phát triển|xây dựng|nâng cao|tăng cường|đẩy mạnh|hỗ trợ|"
    "định hướng|quản lý|phê duyệt|ban hành|tổ chức|khuyến khích|chuyển đổi".split("|")
)
"""Verbs that open a phrase of a title: a line may begin with one, never split one."""
WORDS = tuple(
    "đề án|kế hoạch|chương trình|công nghiệp|nông thôn|nông nghiệp|nhiệm vụ|khuyến công|"
    "địa bàn|kinh tế|xã hội|môi trường|thương mại|dịch vụ|đầu tư|chỉ tiêu|cụ thể|trọng tâm|"
    "nghị quyết|quyết định|ban chấp hành|đảng bộ|tiểu thủ công nghiệp|cơ sở|doanh nghiệp|"
    "lâm nghiệp|thị trường".split("|")
)
"""Words of two or more syllables common in titles and names, which a line never splits."""

_MAX_TITLE_WORDS = 60
_MAX_TITLE_LINES = 4


def _title_breaks(words: Sequence[str]) -> tuple[set[int], set[int]]:
    """Breaks (before word i) at a phrase's seam — a joining word, a locality ('tỉnh Thừa
    Thiên Huế'), after a comma — and those that split a number from its word, a locality
    from its name, or leave a joining word at a line's end."""
    low = [w.lower() for w in words]
    good: set[int] = set()
    bad: set[int] = set()
    for i in range(len(words)):
        for phrase in (*PHRASES, *WORDS):
            if _phrase_at(low, i, phrase):
                bad.update(range(i + 1, i + len(phrase.split())))
    for i in range(1, len(words)):
        if low[i] in SEAMS or words[i - 1].endswith((",", ";")):
            good.add(i)
        if size := _locality_at(words, i):
            good.add(i)
            bad.update(range(i + 1, i + size + 1))
        if words[i][:1].isdigit() and low[i - 1] in NUMBERED:
            bad.add(i)
        if low[i - 1] in SEAMS or "-" in (words[i], words[i - 1]):
            bad.add(i)  # '… phát triển và' / 'bền vững', '2021 -' / '2025'
    return good - bad, bad


def _phrase_starts(words: Sequence[str]) -> set[int]:
    low = [w.lower() for w in words]
    return {i for i in range(1, len(words)) if any(_phrase_at(low, i, p) for p in PHRASES)}


@functools.lru_cache(maxsize=512)  # watch and batch workers set the same titles again
def balance(
    text: str, width: int, size_pt: float = 14, bold: bool = True, prefix: str = ""
) -> tuple[str, ...]:
    """A centred title (trích yếu, appendix title, V/v line) as the lines a person would
    set: as few as fit `width` twips, never one word alone on the last line, a number kept
    with its word, each line begun at a phrase's seam where the words allow it, then lines
    as even as possible; a line under a third of another is a last resort. `prefix`
    ('V/v ') is printed before the first line and is not returned."""
    words = text.split()
    if len(words) < 2 or len(words) > _MAX_TITLE_WORDS:
        return (text,)
    good, bad = _title_breaks(words)
    weak = _phrase_starts(words) - bad - good
    cache: dict[tuple[int, int], int] = {}

    def measure(a: int, b: int) -> int:
        if (a, b) not in cache:
            shown = (prefix if a == 0 else "") + " ".join(words[a:b])
            cache[a, b] = metrics.width(shown, size_pt, bold)
        return cache[a, b]

    best: tuple[tuple[int, ...], tuple[int, ...]] | None = None
    for count in range(1, min(len(words), _MAX_TITLE_LINES) + 1):
        for cuts in itertools.combinations(range(1, len(words)), count - 1):
            spans = list(itertools.pairwise([0, *cuts, len(words)]))
            widths = [measure(a, b) for a, b in spans]
            if max(widths) > width:
                continue
            score = (
                int(count > 1 and spans[-1][1] - spans[-1][0] == 1),  # a word alone
                sum(c in bad for c in cuts),
                count,
                int(min(widths) * 3 < max(widths)),  # a line under a third of another
                sum(c not in good | weak for c in cuts),
                sum(c in weak for c in cuts),  # a verb's phrase rather than a seam
                max(widths) - min(widths),
            )
            if best is None or score < best[0]:
                best = (score, cuts)
        if best is not None and best[0][:2] == (0, 0):
            break
    if best is None:
        return (text,)  # a word wider than the block: Word wraps it as it can
    return tuple(" ".join(words[a:b]) for a, b in itertools.pairwise([0, *best[1], len(words)]))
