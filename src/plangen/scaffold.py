"""`plangen init`: a new repository of plans for an office, ready to build at once.

It holds a commented example plan for the year, the unit registry, copies of the
templates to restyle (found by the build as the project's own `templates/`), the editor
schema the plans' modeline points to, the git settings for built files and a short
README in Vietnamese. The files come from `plangen/starter/` (package data).
"""

from __future__ import annotations

import json
import string
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from plangen import kinds
from plangen.diagnostics import PlanError
from plangen.loader import parse
from plangen.output import write
from plangen.schema import plan_schema
from plangen.template import BUNDLED

STARTER = resources.files("plangen") / "starter"
"""The starter files; `${year}` and the like are filled in for the new repository."""


@dataclass(frozen=True)
class Made:
    """One file of the new repository, and whether it was written or already there."""

    path: Path
    written: bool


def _starter(name: str, year: int) -> str:
    text = (STARTER / name).read_text(encoding="utf-8")
    return string.Template(text).substitute(year=year, last_year=year - 1, next_year=year + 1)


def files(year: int) -> dict[str, bytes]:
    """Every file of a new repository, by its path in it."""
    units = _starter("units.yaml", year)
    registry = parse(units, "plans/units.yaml").data
    schema = json.dumps(plan_schema(registry), ensure_ascii=False, indent=2) + "\n"
    made = {
        f"plans/{year}.yaml": _starter("plan.yaml", year),
        "plans/units.yaml": units,
        "plangen.schema.json": schema,
        ".gitignore": _starter("gitignore", year),
        ".gitattributes": _starter("gitattributes", year),
        "README.md": _starter("README.md", year),
    }
    out = {name: text.encode() for name, text in made.items()}
    for kind in kinds.ISSUED:
        template = kinds.KINDS[kind].template
        out[f"templates/{template}"] = (BUNDLED / template).read_bytes()
    return out


def init(folder: Path, year: int, force: bool = False) -> list[Made]:
    """Lay out a new repository in `folder`, which must be empty unless `force`; with
    `force`, a file already there is kept, never overwritten."""
    if folder.exists() and not folder.is_dir():
        raise PlanError.at(str(folder), "init-not-folder")
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise PlanError.at(str(folder), "init-not-empty")
    made = []
    for name, data in files(year).items():
        path = folder / name
        if path.exists():
            made.append(Made(path, False))
            continue
        write(path, data, reads=[], suffix=path.suffix, force=True)  # names plangen chose
        made.append(Made(path, True))
    return made
