"""The no-change check, done before a plan is validated: nothing heavy is imported for it.

A build leaves, in the user's cache folder, a note of what it read: the files (the plan
and those it names, in order), how its template was chosen and the files it wrote. The
next build of the same plan to the same place reads those files again and, when their
stamp (build.stamp) is the one sealed in every document written, has nothing to do,
without loading pydantic, docxtpl or the templates. The note is only a hint: the stamp
decides, so a stale, foreign or damaged note means a full build, never a wrong skip.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plangen import cache
from plangen.diagnostics import PlanError
from plangen.files import decode, read_file
from plangen.output import check as check_output
from plangen.package import stamp_of
from plangen.template import BUNDLED, MAX_BYTES, Template
from plangen.template import find as find_template

if TYPE_CHECKING:
    from plangen.build import Built
    from plangen.model import Issue
    from plangen.validation import Checked

VERSION = 1
"""Of the note's layout: a note of another layout is not read."""


@dataclass(frozen=True)
class Unchanged:
    """What a build with nothing to do would have used: its outputs stay as they are."""

    annexes: tuple[Path, ...]
    template: Template
    read: tuple[Path, ...]


def stamp(texts: Iterable[str], template: bytes, issue: Issue | None = None) -> str:
    """A digest of everything a build reads (the texts of the files, the template, and the
    issuance mode when the command line gives it), stored in the output to skip unchanged
    rebuilds."""
    from plangen import __version__

    digest = hashlib.sha256(__version__.encode())
    for text in texts:
        digest.update(text.encode())
    if issue is not None:
        digest.update(f"issue={issue}".encode())
    digest.update(template)
    return f"plangen:{digest.hexdigest()[:32]}"


def _note_path(plan: Path, output: Path, issue: Issue | None, explicit: Path | None) -> Path:
    """One note per build command: the folder it ran in, the plan, output, mode, template."""
    return cache.entry(
        "builds", [VERSION, os.getcwd(), str(plan), str(output), issue, str(explicit)]
    )


def remember(
    built: Built, checked: Checked, issue: Issue | None, explicit: Path | None, inputs: str
) -> None:
    """Note what this build read and wrote; a plan with warnings is not noted (they are
    shown on every build), nor is one issued electronically (its PDFs need the plan)."""
    if built.warnings or checked.plan.issue == "electronic" or built.template is None:
        return
    named = checked.plan.template
    note = {
        "stamp": inputs,
        "inputs": [source.path for source in [checked.source, *checked.source.parts]],
        "kind_template": checked.plan.kind_info.template,
        "named": str(Path(checked.source.path).parent / named) if named is not None else None,
        "template": str(built.template.path),
        "annexes": [str(path) for path in built.annexes],
    }
    cache.store_json(_note_path(built.plan_path, built.output, issue, explicit), note)


def _read_note(path: Path) -> dict[str, Any] | None:
    note = cache.load(path)
    shape = {"stamp": str, "inputs": list, "kind_template": str, "template": str, "annexes": list}
    if not isinstance(note, dict) or any(
        not isinstance(note.get(key), expected) for key, expected in shape.items()
    ):
        return None
    if not isinstance(note.get("named"), (str, type(None))):
        return None
    return note


def unchanged(
    plan: Path, output: Path, issue: Issue | None, explicit: Path | None, force: bool
) -> Unchanged | None:
    """What a build that has nothing to do would have used, or None when one must be made."""
    note = _read_note(_note_path(plan, output, issue, explicit))
    if note is None:
        return None
    named = note["named"]
    try:
        used = find_template(
            note["kind_template"], Path(plan), explicit, Path(named) if named else None
        )
        if str(used) != note["template"]:  # a project template added or removed since
            return None
        texts = [decode(read_file(str(name)), str(name)) for name in note["inputs"]]
        data = read_file(str(used), MAX_BYTES)
        reads = [*(Path(name) for name in note["inputs"]), used]
        annexes = [Path(name) for name in note["annexes"]]
        for path in [output, *annexes]:
            check_output(path, reads, ".docx", force)
    except PlanError:  # the full build reports it where it is
        return None
    inputs = stamp(texts, data, issue)
    if inputs != note["stamp"] or any(stamp_of(path) != inputs for path in [output, *annexes]):
        return None
    template = Template(used, data, used.resolve().parent == BUNDLED)
    return Unchanged(tuple(annexes), template, tuple(reads))
