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
import re
import signal
import stat
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from plangen.diagnostics import Diagnostic, PlanError, message

DEFAULT_FOLDER = Path("output")
STALE_SECONDS = 60
"""A temporary file of plangen's own naming this old was left by a killed run."""


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


def _temporaries(path: Path) -> re.Pattern[str]:
    """Names `tempfile.mkstemp(prefix=f'.{name}.', suffix='.tmp')` gives for `path`."""
    return re.compile(rf"\.{re.escape(path.name)}\.[a-z0-9_]{{8}}\.tmp")


def remove_stale(path: Path) -> None:
    """Remove temporary files a killed run (SIGKILL, a power cut) left beside `path`, of
    plangen's naming only; a folder that cannot be listed is left as it is."""
    pattern, now = _temporaries(path), time.time()
    try:
        for entry in os.scandir(path.parent):
            if pattern.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                if now - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS:
                    Path(entry.path).unlink(missing_ok=True)
    except OSError:
        return


def _terminate(signum: int, _: FrameType | None) -> None:
    raise SystemExit(128 + signum)


@contextmanager
def _cleanup_on_terminate() -> Iterator[None]:
    """SIGTERM (a CI timeout, `kill`) unwinds like an exception, so the temporary goes."""
    try:
        previous = signal.signal(signal.SIGTERM, _terminate)
    except ValueError:  # not the main thread: signals go to the main thread anyway
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def replace(path: Path, data: bytes, durable: bool = True) -> None:
    """Put `data` in a temporary file beside `path` and rename it over `path`, so a reader
    sees the old file or the new one, never a part; the temporary goes whatever fails.
    `durable` waits for the disk first (fsync); the no-change note in the cache, which a
    crash only costs one skipped rebuild, does without it (some 4 ms on every build)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(path)
    with _cleanup_on_terminate():
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            # mkstemp makes the file private (0600); give it the mode a plain write would.
            umask = os.umask(0)
            os.umask(umask)
            mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~umask
            os.chmod(temp, mode)
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                if durable:
                    stream.flush()
                    os.fsync(stream.fileno())
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
