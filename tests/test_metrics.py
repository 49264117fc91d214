"""Printed widths: the font's own advances, read once and then kept in the cache folder."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from plangen import cache, metrics


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache folder and no advances remembered in this process."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    forget()
    yield tmp_path / "plangen" / "fonts"
    forget()


def forget() -> None:
    """This process's font tables and widths dropped, as in a new process."""
    metrics._advances.cache_clear()
    metrics.width.cache_clear()


def test_widths_are_the_fonts_advances(fresh: Path) -> None:
    # Liberation Serif / Times New Roman, 2048 units per em: 'H' 1479, 'i' 569, space 512
    assert metrics.width_em("Hi ") == pytest.approx((1479 + 569 + 512) / 2048)
    assert metrics.width("H", 10) == round(1479 / 2048 * 10 * 20)


def test_the_advances_are_kept_and_read_back_the_same(fresh: Path) -> None:
    first = metrics.width("ỦY BAN NHÂN DÂN TỈNH LÀO CAI", 13, bold=True)
    assert len(list(fresh.glob("*.json"))) == 1  # the bold face only: the regular one is unused
    forget()
    assert metrics.width("ỦY BAN NHÂN DÂN TỈNH LÀO CAI", 13, bold=True) == first


@pytest.mark.parametrize("damage", [b"", b"{", b"[1, 2]", b"[0, 0, []]", b'[2048, 0, [["a", 1]]]'])
def test_a_damaged_entry_is_read_from_the_font_again(fresh: Path, damage: bytes) -> None:
    expected = metrics.width("Kế hoạch", 14)
    [entry] = fresh.glob("*.json")
    entry.write_bytes(damage)
    forget()
    assert metrics.width("Kế hoạch", 14) == expected
    assert cache.load(entry) is not None  # and written again


def test_a_process_with_the_entry_kept_does_not_load_fonttools(fresh: Path) -> None:
    program = (
        "import sys; from plangen import metrics; metrics.width('Kế hoạch', 14);"
        "print('fontTools' in sys.modules)"
    )
    ran = [subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)]
    ran.append(subprocess.run([sys.executable, "-c", program], capture_output=True, text=True))
    assert [r.stdout.strip() for r in ran] == ["True", "False"]


def test_without_a_font_the_estimate_stands_in(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(metrics, "font_file", lambda bold: None)
    forget()
    try:
        assert metrics.width_em("Ab 1") == pytest.approx(0.67 + 0.46 + 0.25 + 0.5)
    finally:
        forget()
