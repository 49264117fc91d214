"""Next year's plan from this year's (`plangen new`), written as a draft with the YAML kept as is.

What moves with the year: the plan's own year wherever the text speaks of it — 'năm 2024',
'Quý IV/2024', 'trước ngày 15/12/2024', a deadline `due: 2024`. What never moves: anything
about a cited document — the `bases`, and in the text a citation 'số 08/KH-UBND ngày
12/01/2024' or a number like '39/2024/QĐ-UBND' — and periods such as '2021-2025', which
name a programme, not the plan year. Units, issuer and signer are not touched.
The file is edited round-trip (ruamel.yaml), so comments, key order and quoting stay and
`git diff` shows only the moved lines.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from plangen.diagnostics import PlanError
from plangen.output import write

_FROZEN = {"bases", "units", "issuer", "signature", "derived_from", "kind", "archive"}
"""Top-level keys whose text is never moved to the new year."""


def _round_trip() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap the user's lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _protected(text: str) -> list[tuple[int, int]]:
    """Spans that name other documents or periods: citations, legal numbers, year ranges."""
    patterns = (
        r"[Ss]ố\s+[^\s,;]+(?:\s+ngày\s+\d{1,2}/\d{1,2}/\d{4})?",  # số 08/KH-UBND ngày 12/01/2022
        r"\d{4}\s*[-–]\s*\d{4}",  # 2021-2025
    )
    return [m.span() for pattern in patterns for m in re.finditer(pattern, text)]


def move_year(text: str, old: int, new: int) -> str:
    """`text` with the plan year `old` replaced by `new` outside citations and periods."""
    spans = _protected(text)

    def replace(match: re.Match[str]) -> str:
        inside = any(start <= match.start() < end for start, end in spans)
        return match.group() if inside else str(new)

    # not part of a longer number, nor of a legal number such as 39/2024/QĐ-UBND
    return re.sub(rf"(?<!\d){old}(?![\d/])", replace, text)


def _move(node: Any, old: int, new: int) -> Any:
    """Move the year through a round-trip YAML node, keeping each scalar's style."""
    from ruamel.yaml.scalarstring import ScalarString

    if isinstance(node, dict):
        for key in list(node):
            if key == "due" and node[key] == old:
                node[key] = new
            elif key == "targets" and isinstance(node[key], list):
                for target in node[key]:
                    target["review"] = True
            else:
                node[key] = _move(node[key], old, new)
        return node
    if isinstance(node, list):
        for index, value in enumerate(node):
            node[index] = _move(value, old, new)
        return node
    if isinstance(node, str):
        moved = move_year(str(node), old, new)
        if moved == node:
            return node
        if isinstance(node, ScalarString):  # same length, so folds stay where they were
            copy = type(node)(moved)
            for slot in type(node).__slots__:
                if hasattr(node, slot):
                    setattr(copy, slot, getattr(node, slot))
            return copy
        return moved
    return node


def next_year(source: Path, year: int, output: Path, force: bool = False) -> Path:
    """Write next year's draft plan from `source` to `output` and return its path.

    Number and date are cleared (a draft), `year` moves on, each target is marked
    `review: true` (a warning until someone confirms or changes it), and the new file
    records `derived_from`. An existing `output` is only replaced with `force`.
    """
    from plangen.validation import validate

    old = validate(source).plan.year
    if output.exists() and not force:
        raise PlanError.at(str(output), "new-exists")
    yaml = _round_trip()
    data = yaml.load(source.read_text(encoding="utf-8"))
    for key in list(data):
        if key not in _FROZEN:
            data[key] = _move(data[key], old, year)
    data["year"] = year
    data["number"] = None
    data["date"] = None
    if "derived_from" not in data:
        data.insert(list(data).index("year") + 1, "derived_from", source.name)
    else:
        data["derived_from"] = source.name
    out = io.StringIO()
    yaml.dump(data, out)
    write(output, out.getvalue().encode("utf-8"))
    return output
