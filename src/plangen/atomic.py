"""A file replaced in one step: a reader sees the old file or the new one, never a part.

Every file plangen writes goes through `replace`: documents (output.write, which first
refuses what would destroy an input) and the cache folder's entries alike. The new bytes
land in a temporary file beside the target, renamed over it; a temporary a killed run
left behind is removed on the next write there.
"""

from __future__ import annotations

import os
import re
import signal
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

STALE_SECONDS = 60
"""A temporary file of plangen's own naming this old was left by a killed run."""


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
