"""Numbering schemes (cách đánh số): how the parts of a document are labelled, as data.

A scheme names the levels outermost first, e.g. `[I, "1", a]` for I./1./a) or
`["1", "1.1", a]` for a báo cáo numbered 1./1.1./a). Each kind has a default (kinds.py); a
document (`numbering:`) or a section (for the levels under it) may give its own.
Every label, and where a part stands ('điểm a khoản 2 Mục II'), is decided here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from plangen import styles, vn

if TYPE_CHECKING:
    from plangen.model import Plan, Section

_ORDINALS = "nhất hai ba tư năm sáu bảy tám chín mười".split()


@dataclass(frozen=True)
class Level:
    """One level of a scheme: its label, its paragraph style and how it is cited."""

    name: str
    style: str
    word: str | None
    """The name used when pointing at it (`Mục`, `khoản`, `điểm`, `Điều`); None: not cited."""
    upper: bool = False
    """Title printed in capitals (Decree 30 §4.7: Phần and Mục titles)."""
    run_in: bool = False
    """Label in bold before regular text in the same paragraph (an Điều), not a heading."""
    own_line: bool = False
    """Label on its own centred line with the title under it (a Phần)."""

    def label(self, index: int, parent: str = "") -> str:
        """The label of the part at 0-based `index`; `parent` is the enclosing part's label."""
        n = index + 1
        match self.name:
            case "Phần thứ nhất":
                return f"Phần thứ {_ORDINALS[index]}" if index < 10 else f"Phần {vn.roman(n)}"
            case "Phần I":
                return f"Phần {vn.roman(n)}"
            case "A":
                return f"{chr(ord('A') + index % 26)}{index // 26 or ''}."
            case "I":
                return f"{vn.roman(n)}."
            case "1.1":
                stem = parent.removeprefix("Điều ").rstrip(".)")
                return f"{stem}.{n}." if stem and stem[-1].isalnum() else f"{n}."
            case "a":
                return f"{vn.point_letter(index)})"
            case "(1)":
                return f"({n})"
            case "Điều":
                return f"Điều {n}."
            case "-" | "+":
                return self.name
            case "none":
                return ""
        return f"{n}."

    def cited(self, index: int, parent: str = "") -> str:
        """'khoản 2', 'Mục II', 'điểm a'; '' for a level that is not cited."""
        if not self.word:
            return ""
        number = self.label(index, parent).removeprefix("Điều ").removeprefix("Phần ")
        return f"{self.word} {number.strip('.()')}"

    def plain(self) -> Level:
        """The same label on an ordinary paragraph: a point of a letter, not a heading."""
        return Level(self.name, styles.TEXT, self.word)


LEVELS: dict[str, Level] = {
    level.name: level
    for level in (
        Level("Phần thứ nhất", styles.PART, "Phần", upper=True, own_line=True),
        Level("Phần I", styles.PART, "Phần", upper=True, own_line=True),
        Level("A", styles.PART, "Mục", upper=True),
        Level("I", styles.PART, "Mục", upper=True),
        Level("1", styles.CLAUSE, "khoản"),
        Level("1.1", styles.CLAUSE, "khoản"),
        Level("a", styles.POINT, "điểm"),
        Level("(1)", styles.TEXT, None),
        Level("-", styles.DASH, None),
        Level("+", styles.PLUS, None),
        Level("none", styles.TEXT, None),
        Level("Điều", styles.ARTICLE, "Điều", run_in=True),
    )
}
"""Every level a scheme may name; `1.1` continues its parent's number (2. → 2.1. → 2.1.1.)."""

Scheme = tuple[Level, ...]

PART = LEVELS["I"]
"""Mục: I., II., … in capitals."""
CLAUSE = LEVELS["1"]
"""Khoản: 1., 2., …"""
POINT = LEVELS["a"]
"""Điểm: a), b), … (no f, j, w, z)."""
ARTICLE = LEVELS["Điều"]
"""Điều 1., Điều 2. of a quyết định (Mẫu 1.2)."""
NUMBERED_PARAGRAPH = CLAUSE.plain()
"""1., 2. as plain paragraphs: a letter's points are not headings (Mẫu 1.5)."""
LETTERED_PARAGRAPH = POINT.plain()
"""a), b) as plain paragraphs."""


def scheme(names: Sequence[str]) -> Scheme:
    return tuple(LEVELS[name] for name in names)


def document_scheme(plan: Plan) -> Scheme:
    """The scheme of the body's top level: the document's own, else its kind's."""
    return scheme(plan.numbering) if plan.numbering else plan.kind_info.numbering


@dataclass(frozen=True)
class Place:
    """Where one part stands: its level, its 0-based index and the labels above it."""

    level: Level | None
    """None when the part is nested deeper than its scheme has levels."""
    index: int
    label: str
    path: tuple[tuple[Level | None, int, str], ...]
    """(level, index, parent label) of each part from the top down to this one, for citing."""

    def reference(self) -> str:
        """Where the part stands in the Decree 30 citation order: 'điểm a khoản 2 Mục II'."""
        parts = [lvl.cited(i, parent) for lvl, i, parent in self.path if lvl]
        return " ".join(reversed([p for p in parts if p]))


@dataclass(frozen=True)
class Frame:
    """The numbering in force for the children of one part."""

    scheme: Scheme
    depth: int
    parent: Place | None

    def place(self, index: int) -> Place:
        level = self.scheme[self.depth] if self.depth < len(self.scheme) else None
        above = self.parent.label if self.parent else ""
        label = level.label(index, above) if level else ""
        path = (*(self.parent.path if self.parent else ()), (level, index, above))
        return Place(level, index, label, path)


def _inner(section: Section, frame: Frame, here: Place) -> Frame:
    if section.numbering:
        return Frame(scheme(section.numbering), 0, here)
    return Frame(frame.scheme, frame.depth + 1, here)


def number(
    plan: Plan, extra: Callable[[Section], int] = lambda _: 0
) -> tuple[dict[int, Place], dict[int, Frame]]:
    """Every section's and task's place, and the frame of its children, keyed by `id()`.

    Within a part, tasks come first, then `extra(section)` derived headings (the units
    of a Tổ chức thực hiện), then the sub-sections, as they are printed.
    """
    places: dict[int, Place] = {}
    frames: dict[int, Frame] = {}

    def visit(sections: Sequence[Section], frame: Frame, start: int = 0) -> None:
        for offset, section in enumerate(sections):
            here = frame.place(start + offset)
            places[id(section)] = here
            inner = frames[id(section)] = _inner(section, frame, here)
            visit(section.tasks, inner)
            visit(section.sections, inner, len(section.tasks) + extra(section))

    visit(plan.sections, Frame(document_scheme(plan), 0, None))
    return places, frames


def too_deep(
    plan: Plan, loc: tuple[str | int, ...] = ("sections",)
) -> Iterator[tuple[tuple[str | int, ...], Scheme]]:
    """Each part nested deeper than the scheme in force has levels, with that scheme."""
    places, _ = number(plan)

    def visit(
        sections: Sequence[Section], at: tuple[str | int, ...], frame: Frame
    ) -> Iterator[tuple[tuple[str | int, ...], Scheme]]:
        for index, section in enumerate(sections):
            here = (*at, index)
            if places[id(section)].level is None:
                yield here, frame.scheme
                continue
            inner = _inner(section, frame, places[id(section)])
            yield from visit(section.tasks, (*here, "tasks"), inner)
            yield from visit(section.sections, (*here, "sections"), inner)

    yield from visit(plan.sections, loc, Frame(document_scheme(plan), 0, None))
