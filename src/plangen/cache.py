"""The user's cache folder: what plangen can always make again, kept to start faster.

Nothing in it is an input. Each entry is named by a digest of what it was made from
and checked when read, so a missing, stale, foreign or damaged entry costs time, never
a wrong document; a folder that cannot be written only costs the next command its head
start.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from plangen.atomic import replace


def folder() -> Path:
    """Where plangen keeps what it can rebuild: $XDG_CACHE_HOME/plangen, ~/.cache/plangen."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "plangen"


def entry(kind: str, key: object, suffix: str = ".json") -> Path:
    """The file of the `kind` entry made from `key` (anything JSON can write)."""
    digest = hashlib.sha256(json.dumps(key, ensure_ascii=False).encode()).hexdigest()[:32]
    return folder() / kind / f"{digest}{suffix}"


def load(path: Path) -> Any:
    """The JSON value stored at `path`, or None when there is none that can be read."""
    try:
        return json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None


def store(path: Path, data: bytes) -> None:
    """Write `data` at `path` in one step (atomic.replace); not waited for on the disk: a
    crash only costs the entry."""
    try:
        replace(path, data, durable=False)
    except OSError:
        return


def store_json(path: Path, value: object) -> None:
    """`store` the JSON of `value`."""
    store(path, json.dumps(value, ensure_ascii=False).encode())
