"""`plangen watch`: rebuild a plan's document on every save of any file it is made of.

One long-lived process, so every module is imported once and a rebuild costs only the
build itself. The files watched are those the last build read (the plan, `units:`,
`extends:`, `reports_on:`, the template); their folders are watched, not the files,
because editors save by writing a new file and renaming it over the old one. A failed
build changes nothing on disk (the last good document stays) and the watch goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from threading import Event

import watchfiles

from plangen.build import Job

Rebuild = Callable[[Job, frozenset[Path]], Iterable[Path]]
"""Build one job, report it, and return the files to watch for it (given the last ones)."""


def _resolved(paths: Iterable[Path]) -> frozenset[Path]:
    return frozenset(Path(path).resolve() for path in paths)


def watch(
    jobs: list[Job],
    rebuild: Rebuild,
    *,
    ready: Callable[[int], None] = lambda count: None,
    rebuilds: int | None = None,
    stop: Event | None = None,
) -> int:
    """Build every job, then each job again whenever a file it read changes, until `stop`
    is set or, with `rebuilds`, that many rebuilds were made; the number made.

    `ready(n)` is called once the n files are watched (and again whenever the folders
    watched change): a save before that could go unseen.
    """
    reads = {index: _resolved(rebuild(job, frozenset())) for index, job in enumerate(jobs)}
    made = 0
    while rebuilds is None or made < rebuilds:
        folders = _folders(reads)
        waiting = True
        for changes in watchfiles.watch(
            *folders,
            stop_event=stop,
            recursive=False,
            debounce=400,
            step=30,
            rust_timeout=200,
            yield_on_timeout=True,
        ):
            if waiting:  # the first answer, even an empty one, means the watch has begun
                ready(sum(len(files) for files in reads.values()))
                waiting = False
            changed = _resolved(Path(name) for _, name in changes)
            for index, job in enumerate(jobs):
                if reads[index] & changed:
                    reads[index] = _resolved(rebuild(job, reads[index]))
                    made += 1
            if (rebuilds is not None and made >= rebuilds) or _folders(reads) != folders:
                break  # done, or a plan now names a file in another folder: watch it too
        else:
            break  # stopped
    return made


def _folders(reads: dict[int, frozenset[Path]]) -> list[Path]:
    return sorted({path.parent for files in reads.values() for path in files})
