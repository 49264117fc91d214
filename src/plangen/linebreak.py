"""Agency names (ô 2) broken into header lines where a văn thư breaks them.

A name is broken only where it must be, at the seam between administrative levels:
before the locality ('ỦY BAN NHÂN DÂN' / 'TỈNH LÀO CAI'), before a joining word
('SỞ NÔNG NGHIỆP' / 'VÀ MÔI TRƯỜNG', 'ỦY BAN QUỐC GIA' / 'VỀ CHUYỂN ĐỔI SỐ') or after a
comma; never leaving one word alone on a line when that can be avoided, and with lines
as even as the seams allow. Widths come from the font (`metrics`), so a line breaks
exactly when Word would have to break it.
"""

from __future__ import annotations

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


def _seams(words: Sequence[str]) -> tuple[set[int], set[int]]:
    """Break positions (before word i) at a seam, and those that would split a unit."""
    low = [w.lower() for w in words]
    good, bad = set(), set()
    for i, word in enumerate(low):
        if i and (word in JOINS or words[i - 1].endswith((",", ";"))):
            good.add(i)
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
    return good, bad


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
    good, bad = _seams(words)

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
                sum(c not in good for c in cuts),
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
