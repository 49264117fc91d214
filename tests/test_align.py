"""align(): two sequences aligned as SequenceMatcher's opcodes, anchored on unique items."""

from __future__ import annotations

import random

import pytest

from plangen.align import SMALL, align


def test_equal_sides_are_one_equal_stretch() -> None:
    assert align("abc", "abc") == [("equal", 0, 3, 0, 3)]


def test_empty_sides() -> None:
    assert align("", "") == []
    assert align("", "ab") == [("insert", 0, 0, 0, 2)]
    assert align("ab", "") == [("delete", 0, 2, 0, 0)]


def test_a_line_inserted_deleted_or_changed() -> None:
    assert align("abd", "abcd") == [
        ("equal", 0, 2, 0, 2),
        ("insert", 2, 2, 2, 3),
        ("equal", 2, 3, 3, 4),
    ]
    assert align("abcd", "abd") == [
        ("equal", 0, 2, 0, 2),
        ("delete", 2, 3, 2, 2),
        ("equal", 3, 4, 2, 3),
    ]
    assert align("abcd", "abxd") == [
        ("equal", 0, 2, 0, 2),
        ("replace", 2, 3, 2, 3),
        ("equal", 3, 4, 3, 4),
    ]


def test_all_different_is_one_replacement() -> None:
    assert align("abc", "xyz") == [("replace", 0, 3, 0, 3)]


def test_a_moved_line_is_deleted_where_it_was_and_inserted_where_it_is() -> None:
    assert align("abcde", "adbce") == [
        ("equal", 0, 1, 0, 1),
        ("insert", 1, 1, 1, 2),
        ("equal", 1, 3, 2, 4),
        ("delete", 3, 4, 4, 4),
        ("equal", 4, 5, 4, 5),
    ]


def test_repeated_lines_are_aligned_between_unique_ones() -> None:
    """'x' repeats, so it anchors nothing; a, b, c do, and the x's fill the gaps."""
    old = ["a", "x", "b", "x", "c", "x"]
    new = ["a", "x", "x", "b", "x", "c", "x", "x"]
    assert align(old, new) == [
        ("equal", 0, 2, 0, 2),
        ("insert", 2, 2, 2, 3),
        ("equal", 2, 5, 3, 6),
        ("insert", 5, 5, 6, 7),
        ("equal", 5, 6, 7, 8),
    ]


def test_a_duplicated_line_is_an_insertion() -> None:
    assert align("abc", "abbc") == [
        ("equal", 0, 2, 0, 2),
        ("insert", 2, 2, 2, 3),
        ("equal", 2, 3, 3, 4),
    ]


def test_items_with_one_key_are_paired_though_changed() -> None:
    """Renumbered headings ('2. B' → '3. B') pair by their id, not by position."""
    old = [("a", "1. A"), ("b", "2. B"), ("c", "3. C")]
    new = [("a", "1. A"), ("n", "2. N"), ("b", "3. B"), ("c", "4. C")]
    assert align(old, new, key=lambda item: item[0]) == [
        ("equal", 0, 1, 0, 1),
        ("insert", 1, 1, 1, 2),
        ("replace", 1, 3, 2, 4),
    ]


def test_a_changed_pair_beside_an_insertion_stays_a_pair() -> None:
    old = [("a", "A"), ("b", "B")]
    new = [("a", "A"), ("b", "B2"), ("n", "N")]
    assert align(old, new, key=lambda item: item[0]) == [
        ("equal", 0, 1, 0, 1),
        ("replace", 1, 2, 1, 2),
        ("insert", 2, 2, 2, 3),
    ]


def test_a_large_gap_without_anchors_is_one_replacement() -> None:
    """Past SMALL, SequenceMatcher's quadratic search is not run: the gap is replaced."""
    old, new = ["x", "y"] * SMALL, ["y", "x"] * SMALL
    assert align(old, new) == [("replace", 0, 2 * SMALL, 0, 2 * SMALL)]


@pytest.mark.parametrize("seed", range(200))
def test_opcodes_cover_both_sides_and_equal_means_equal(seed: int) -> None:
    rng = random.Random(seed)
    old = [rng.choice("abcdefgh") for _ in range(rng.randint(0, 40))]
    new = [rng.choice("abcdefgh") for _ in range(rng.randint(0, 40))]
    i = j = 0
    for tag, i1, i2, j1, j2 in align(old, new):
        assert (i1, j1) == (i, j)
        shape = {"equal": i2 - i1 == j2 - j1 > 0, "insert": i1 == i2 and j1 < j2}
        shape |= {"delete": i1 < i2 and j1 == j2, "replace": i1 < i2 and j1 < j2}
        assert shape[tag]
        if tag == "equal":
            assert old[i1:i2] == new[j1:j2]
        i, j = i2, j2
    assert (i, j) == (len(old), len(new))
