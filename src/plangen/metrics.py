"""Printed widths of text in Times New Roman, from the font's own advance widths (fontTools).

Decree 30 sets every line in Times New Roman; Liberation Serif (fonts-liberation2) has
the same advance widths by design, so either font gives the width Word will lay out.
Where neither is installed, a per-character estimate stands in, so a build never fails
for want of a font (the breaks may then differ from Word's by a word).
"""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path

from plangen import cache

FONT_DIRS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".fonts",
    Path.home() / ".local/share/fonts",
)
"""Where installed fonts are looked for (Debian, and the user's own)."""

FONT_FILES = {
    False: (
        "times.ttf",
        "Times New Roman.ttf",
        "Times_New_Roman.ttf",
        "LiberationSerif-Regular.ttf",
    ),
    True: (
        "timesbd.ttf",
        "Times New Roman Bold.ttf",
        "Times_New_Roman_Bold.ttf",
        "LiberationSerif-Bold.ttf",
    ),
}
"""File names of Times New Roman and its metric twin Liberation Serif, regular and bold."""

# Average advance widths in em by class of character: the stand-in without a font file.
_ESTIMATE_EM = {
    "upper": (0.67, 0.72),
    "lower": (0.46, 0.5),
    "digit": (0.5, 0.5),
    "space": (0.25, 0.25),
    "other": (0.33, 0.36),
}


@functools.cache
def font_file(bold: bool) -> Path | None:
    """The installed Times New Roman (or Liberation Serif) file, or None."""
    for name in FONT_FILES[bold]:
        for folder in FONT_DIRS:
            found = _find(folder, name)
            if found:
                return found[0]
    return None


def _find(folder: Path, name: str) -> list[Path]:
    """The files called `name` under `folder`; none where the folder cannot be looked in
    (another user's home under `sudo`, a name the system refuses): a font, not a failure."""
    try:
        return sorted(folder.rglob(name)) if folder.is_dir() else []
    except OSError:
        return []


@functools.cache
def _advances(bold: bool) -> tuple[dict[int, float], float] | None:
    """Code point → advance width in em, and the em width of a missing glyph.

    Reading them from the font (fontTools) takes longer than the rest of a small build;
    they are kept in the cache folder, by the font file's path, size and time."""
    path = font_file(bold)
    if path is None:
        return None
    info = path.stat()
    kept = cache.entry("fonts", [1, str(path), info.st_size, info.st_mtime_ns])
    table = _table(cache.load(kept))
    if table is None:
        table = _read_font(path)
        cache.store_json(kept, table)
    per_em, missing, advances = table
    return {code: width / per_em for code, width in advances}, missing / per_em


def _table(stored: object) -> tuple[int, int, list[tuple[int, int]]] | None:
    """A font table as `_read_font` makes it, from what the cache held (None: unusable)."""
    if not isinstance(stored, list) or len(stored) != 3:
        return None
    per_em, missing, advances = stored
    if not (isinstance(per_em, int) and per_em > 0 and isinstance(missing, int)):
        return None
    if not isinstance(advances, list) or not all(
        isinstance(pair, list) and len(pair) == 2 and all(type(n) is int for n in pair)
        for pair in advances
    ):
        return None
    return per_em, missing, [(code, width) for code, width in advances]


def _read_font(path: Path) -> tuple[int, int, list[tuple[int, int]]]:
    """Units per em, the missing glyph's advance and each code point's, in font units."""
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True) as font:
        metrics = font["hmtx"].metrics
        advances = sorted((code, metrics[glyph][0]) for code, glyph in font.getBestCmap().items())
        return font["head"].unitsPerEm, metrics[font.getGlyphOrder()[0]][0], advances


def _estimate(char: str, bold: bool) -> float:
    group = (
        "space"
        if char.isspace()
        else "digit"
        if char.isdigit()
        else "upper"
        if char.isupper()
        else "lower"
        if char.isalpha()
        else "other"
    )
    return _ESTIMATE_EM[group][bold]


def estimate_em(text: str, bold: bool = False) -> float:
    """The stand-in width of `text` in em, by class of character, without a font file."""
    return sum(_estimate(char, bold) for char in text)


def width_em(text: str, bold: bool = False) -> float:
    """The width of `text` set in one line, in em (multiply by the size for points)."""
    text = unicodedata.normalize("NFC", text)
    table = _advances(bold)
    if table is None:
        return estimate_em(text, bold)
    widths, missing = table
    return sum(widths.get(ord(char), missing) for char in text)


@functools.lru_cache(maxsize=1 << 16)
def width(text: str, size_pt: float, bold: bool = False) -> int:
    """The printed width of one line of `text`, in twips (1/20 pt). Remembered: a table's
    columns are sized from every word of every cell, and the same agency names and words
    come back in row after row."""
    return round(width_em(text, bold) * size_pt * 20)
