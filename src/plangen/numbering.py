"""Numbering levels: how a label looks (I., 1., a), Điều 1.) and how a part is cited.

A kind's default scheme is a tuple of levels, outermost first (kinds.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from plangen import styles, vn


@dataclass(frozen=True)
class Level:
    """One level of a document's numbering."""

    style: str
    label: Callable[[int], str]
    word: str
    """The name used when pointing at it: `Mục II`, `khoản 1`, `điểm a`, `Điều 2`."""
    upper: bool = False
    run_in: bool = False
    """Label in bold before regular text in the same paragraph (an Điều), not a heading."""

    def cite(self, index: int) -> str:
        """'Mục II', 'khoản 1', 'điểm a', 'Điều 2'."""
        return f"{self.word} {self.label(index).removeprefix('Điều ').rstrip('.)')}"


PART = Level(styles.PART, lambda i: f"{vn.roman(i + 1)}.", "Mục", upper=True)
"""Mục: I., II., … in capitals."""
CLAUSE = Level(styles.CLAUSE, lambda i: f"{i + 1}.", "khoản")
"""Khoản: 1., 2., …"""
POINT = Level(styles.POINT, lambda i: f"{vn.point_letter(i)})", "điểm")
"""Điểm: a), b), … (no f, j, w, z)."""
ARTICLE = Level(styles.ARTICLE, lambda i: f"Điều {i + 1}.", "Điều", run_in=True)
"""Điều 1., Điều 2. of a quyết định (Mẫu 1.2)."""
NUMBERED_PARAGRAPH = Level(styles.TEXT, lambda i: f"{i + 1}.", "khoản")
"""1., 2. as plain paragraphs: a letter's points are not headings (Mẫu 1.5)."""
LETTERED_PARAGRAPH = Level(styles.TEXT, lambda i: f"{vn.point_letter(i)})", "điểm")
"""a), b) as plain paragraphs."""


def cite(scheme: tuple[Level, ...], labels: list[tuple[int, int]]) -> str:
    """Where a part stands, in the Decree 30 citation order: 'điểm a khoản 2 Mục II'."""
    return " ".join(scheme[depth].cite(index) for depth, index in reversed(labels))
