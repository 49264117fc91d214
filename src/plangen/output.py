"""Write stage: where a document goes, and writing it so that a failure loses nothing.

Every file plangen writes (documents, redlines, next year's plan) goes through
`write`: the new bytes land in a temporary file beside the target and replace it in
one step, so the previous file stays whole when anything goes wrong.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from plangen.diagnostics import PlanError

DEFAULT_FOLDER = Path("output")


def output_path(plan: Path, option: Path | None, many: bool, suffix: str = ".docx") -> Path:
    """Where the document of `plan` goes: `-o` itself for one plan, inside `-o` when it is a
    folder (or several plans are built), else `output/<plan name>.docx`."""
    name = plan.with_suffix(suffix).name
    if option is None:
        return DEFAULT_FOLDER / name
    if many or option.is_dir():
        return option / name
    return option


def write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one step; an OSError is the user's (PlanError)."""
    try:
        _replace(path, data)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise PlanError.at(str(path), "output-unwritable", field="output", reason=reason) from None


def _replace(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); give it the mode a plain write would.
        umask = os.umask(0)
        os.umask(umask)
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~umask
        os.chmod(temp, mode)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
