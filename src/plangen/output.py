"""Write stage: where a document goes, and writing it so that a failure loses nothing.

Every file plangen writes (documents, redlines, PDFs, next year's plan) goes through
`write`: the new bytes land in a temporary file beside the target and replace it in
one step, so the previous file stays whole when anything goes wrong. `write` also
refuses what would destroy something: a target that is one of the files the command
read (the plan, a file it names, the template), whatever name or link leads there;
a target of the wrong type (a FIFO, a device, a folder) or with the wrong extension.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path

from plangen.atomic import replace
from plangen.diagnostics import Diagnostic, PlanError, message

DEFAULT_FOLDER = Path("output")


def output_path(
    plan: Path,
    option: str | Path | None,
    many: bool,
    suffix: str = ".docx",
    within: Path = Path(),
) -> Path:
    """Where the document of `plan` goes: `-o` itself for one plan, inside `-o` when it is a
    folder (an existing one, one written with a trailing '/', or several plans), else
    `output/<plan name>.docx`. `within` is the plan's sub-folder in a folder named on the
    command line, so the outputs mirror the plans' folders (plans/a/x.yaml → output/a/x.docx)."""
    name = within / plan.with_suffix(suffix).name
    if option is None:
        return DEFAULT_FOLDER / name
    folder = str(option).endswith(("/", os.sep))
    option = Path(option)
    if many or folder or option.is_dir():
        return option / name
    return option


def _error(path: Path, code: str, **params: object) -> PlanError:
    return PlanError.at(str(path), code, 1, 1, "output", **params)


def collisions(jobs: Sequence[tuple[Path, Path]]) -> list[Diagnostic]:
    """Every (plan, output) pair whose output another plan of the batch also writes.

    Two names of one file (`out/p.docx`, `out/../out/p.docx`, a link) are one output;
    each collision is reported at the later plan, naming the earlier one.
    """
    first: dict[str, Path] = {}
    found = []
    for plan, target in jobs:
        key = os.path.normcase(os.path.realpath(target))
        if key in first:
            params = {"other": first[key], "output": target}
            found.append(
                Diagnostic(
                    str(plan),
                    1,
                    1,
                    "output",
                    message("output-collision", params),
                    "output-collision",
                )
            )
        else:
            first.setdefault(key, plan)
    return found


def _same_file(target: Path, read: Path) -> bool:
    if os.path.realpath(target) == os.path.realpath(read):
        return True
    try:
        return os.path.samefile(target, read)  # a hard link
    except OSError:
        return False


def check(path: Path, reads: Iterable[Path], suffix: str, force: bool = False) -> None:
    """Refuse `path` as an output: a file the command reads, not a regular file, or not
    named `*{suffix}` (`suffix` may list several: '.yaml .yml') unless `force`."""
    for read in reads:
        if _same_file(path, read):
            raise _error(path, "output-is-input", input=read)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        mode = stat.S_IFREG
    except OSError as exc:
        raise _error(path, "output-unwritable", reason=exc.strerror or exc) from None
    if stat.S_ISDIR(mode):
        raise _error(path, "output-is-dir")
    if not stat.S_ISREG(mode):
        raise _error(path, "output-special")
    if path.suffix.lower() not in suffix.split() and not force:
        raise _error(path, "output-suffix", suffix=suffix.replace(" ", ", "))


def write(
    path: Path, data: bytes, *, reads: Iterable[Path], suffix: str, force: bool = False
) -> None:
    """Replace `path` with `data` in one step, after `check`; an OSError is the user's
    (PlanError). `reads` are the files the command read, which are never replaced."""
    check(path, reads, suffix, force)
    try:
        replace(path, data)
    except OSError as exc:
        raise _error(path, "output-unwritable", reason=exc.strerror or str(exc)) from None
