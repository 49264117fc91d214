"""Two sequences aligned in near-linear time (căn khớp hai dãy), for diffs and redlines.

One `difflib.SequenceMatcher` over a whole plan is quadratic: thousands of paragraphs
repeat ('Cơ quan chủ trì: …'), and it tries every repeat against every other. Patience
diff does not: items whose key is unique on both sides (a task's id, a sentence written
once) anchor the alignment, the longest run of anchors in the same order is kept, and
the gaps between anchors are aligned the same way. Only a gap with no anchors left is
handed to `SequenceMatcher`, and only when it is small; a larger one is one replacement.
"""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Callable, Hashable, Sequence
from typing import Literal, TypeVar

Tag = Literal["equal", "replace", "insert", "delete"]
Opcode = tuple[Tag, int, int, int, int]
"""As `SequenceMatcher.get_opcodes()`: `a[i1:i2]` becomes `b[j1:j2]`."""

Item = TypeVar("Item", bound=Hashable)

SMALL = 4096
"""The largest gap (old items × new items) left to SequenceMatcher, whose cost is their product."""


def _itself(item: Hashable) -> Hashable:
    return item


def align(
    a: Sequence[Item], b: Sequence[Item], key: Callable[[Item], Hashable] = _itself
) -> list[Opcode]:
    """How `a` becomes `b`. Items are compared with ==; `key` names an item (by default the
    item itself), and an item whose name is unique on both sides is matched to its namesake,
    as `equal` or, changed, as a `replace` of one by one. Unlike SequenceMatcher, a `replace`
    may stand next to an `insert` or `delete`, so that such a pair stays a pair."""
    out: list[Opcode] = []
    _gap(a, b, key, (0, len(a), 0, len(b)), out)
    return _merged(out)


def _gap(
    a: Sequence[Item],
    b: Sequence[Item],
    key: Callable[[Item], Hashable],
    bounds: tuple[int, int, int, int],
    out: list[Opcode],
) -> None:
    i1, i2, j1, j2 = bounds
    start_i, start_j = i1, j1
    while i1 < i2 and j1 < j2 and a[i1] == b[j1]:
        i1, j1 = i1 + 1, j1 + 1
    if i1 > start_i:
        out.append(("equal", start_i, i1, start_j, j1))
    end_i, end_j = i2, j2
    while i2 > i1 and j2 > j1 and a[i2 - 1] == b[j2 - 1]:
        i2, j2 = i2 - 1, j2 - 1
    if i1 == i2 or j1 == j2:
        if i1 < i2 or j1 < j2:
            out.append(("delete" if i1 < i2 else "insert", i1, i2, j1, j2))
    elif anchors := _anchors(a, b, key, (i1, i2, j1, j2)):
        for i, j in anchors:
            _gap(a, b, key, (i1, i, j1, j), out)
            out.append(("equal" if a[i] == b[j] else "replace", i, i + 1, j, j + 1))
            i1, j1 = i + 1, j + 1
        _gap(a, b, key, (i1, i2, j1, j2), out)
    elif (i2 - i1) * (j2 - j1) <= SMALL:
        matcher = difflib.SequenceMatcher(a=a[i1:i2], b=b[j1:j2], autojunk=False)
        out.extend(
            (tag, i1 + k1, i1 + k2, j1 + l1, j1 + l2)
            for tag, k1, k2, l1, l2 in matcher.get_opcodes()
        )
    else:
        out.append(("replace", i1, i2, j1, j2))
    if i2 < end_i:
        out.append(("equal", i2, end_i, j2, end_j))


def _anchors(
    a: Sequence[Item],
    b: Sequence[Item],
    key: Callable[[Item], Hashable],
    bounds: tuple[int, int, int, int],
) -> list[tuple[int, int]]:
    """(i, j) of the items named once on each side of the gap, the longest chain of them
    that keeps its order on both sides."""
    i1, i2, j1, j2 = bounds
    seen: dict[Hashable, list[int]] = {}
    for i in range(i1, i2):
        seen.setdefault(key(a[i]), [0, i, 0, 0])[0] += 1
    for j in range(j1, j2):
        counts = seen.get(key(b[j]))
        if counts is not None:
            counts[2] += 1
            counts[3] = j
    pairs = sorted((i, j) for n, i, m, j in seen.values() if n == m == 1)
    return _increasing(pairs)


def _increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of `pairs` (sorted by i) whose j increase too (patience sort)."""
    tops: list[int] = []  # the smallest j ending a chain of each length
    ends: list[int] = []  # the index in `pairs` of that chain's last pair
    before: list[int] = []
    for index, (_, j) in enumerate(pairs):
        length = bisect.bisect_left(tops, j)
        if length == len(tops):
            tops.append(j)
            ends.append(index)
        else:
            tops[length], ends[length] = j, index
        before.append(ends[length - 1] if length else -1)
    chain: list[tuple[int, int]] = []
    index = ends[-1] if ends else -1
    while index >= 0:
        chain.append(pairs[index])
        index = before[index]
    return chain[::-1]


def _merged(ops: list[Opcode]) -> list[Opcode]:
    """Neighbouring opcodes of one tag joined where that pairs the same items."""
    out: list[Opcode] = []
    for op in ops:
        if out and out[-1][0] == op[0]:
            tag, i1, i2, j1, j2 = out[-1]
            if tag != "replace" or i2 - i1 == j2 - j1:
                out[-1] = (tag, i1, op[2], j1, op[4])
                continue
        out.append(op)
    return out
