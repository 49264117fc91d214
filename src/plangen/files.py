"""Reading the user's files: regular files only, bounded, as UTF-8 text or a checked zip.

A plan, the files it names and a template are read from the disk or from a git revision
(`plangen diff REV:path`), in memory. What is not a regular file (a FIFO would block for
ever, `/dev/zero` never ends), too large, not UTF-8, or a zip that would not unpack is
refused at the file, with the line and column where there is one. Nothing here knows
YAML: the no-change check reads its files through this module alone.
"""

from __future__ import annotations

import io
import os
import posixpath
import stat
import subprocess
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from plangen.diagnostics import PlanError

MAX_BYTES = 5 * 1024 * 1024
"""Largest plan file read (5 MiB): a 2,000-task plan is well under 2 MiB."""


def _position(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line = before.count(b"\n") + 1
    column = len(before) - (before.rfind(b"\n") + 1) + 1
    return line, column


def decode(data: bytes, path: str) -> str:
    """UTF-8 text of a plan file (a UTF-8 BOM is dropped), as written.

    Values are NFC-normalised once parsed, not the text: composing the text first
    would turn an escape `\\a` before a combining grave into `\\à`, and shift columns."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (
        len(data) >= 4 and (data[1:4:2] == b"\0\0" or data[0:3:2] == b"\0\0")
    ):
        raise PlanError.at(path, "encoding-utf16")
    if b"\0" in data:
        raise PlanError.at(path, "file-binary", *_position(data, data.index(b"\0")))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _position(data, exc.start)
        raise PlanError.at(
            path, "encoding-invalid", line, column, byte=f"{data[exc.start]:02X}"
        ) from None
    return text


class Files(Protocol):
    """Where plan files come from: the disk, or a git revision (`plangen diff REV:path`).

    Names are what diagnostics show; a file a plan names (`units:`, `extends:`,
    `reports_on:`) is found `beside` the plan in the same place.
    """

    def read(self, name: str) -> bytes:
        """The file's bytes, or PlanError (missing, unreadable, too large)."""
        ...

    def beside(self, name: str, other: str) -> str:
        """The name of `other`, written in the file `name`, relative to it."""
        ...

    def identity(self, name: str) -> str:
        """The same string for two names of one file, to find cycles."""
        ...

    def on_disk(self, name: str) -> Path:
        """Where the file stands in the working folders (to find its project's templates)."""
        ...


def read_file(name: str, limit: int = MAX_BYTES) -> bytes:
    """The bytes of the regular file `name`, at most `limit` of them, or PlanError.

    The type is checked with `os.stat` before opening, and again on the open file: a
    FIFO would block forever and a device (`/dev/zero`) never ends.
    """
    try:
        mode = os.stat(name).st_mode
        if stat.S_ISDIR(mode):
            raise PlanError.at(name, "file-is-dir")
        if not stat.S_ISREG(mode):
            raise PlanError.at(name, "file-special")
        descriptor = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as stream:
            info = os.fstat(stream.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise PlanError.at(name, "file-special")
            if info.st_size > limit:
                raise PlanError.at(name, "file-too-large", size=info.st_size, limit=limit)
            data = stream.read(limit + 1)
    except FileNotFoundError:
        raise PlanError.at(name, "file-missing") from None
    except OSError as exc:
        raise PlanError.at(name, "file-unreadable", reason=exc.strerror or exc) from None
    if len(data) > limit:  # it grew while being read
        raise PlanError.at(name, "file-too-large", size=len(data), limit=limit)
    return data


MAX_UNPACKED = 200 * 1024 * 1024
"""Most bytes a .docx's parts may hold unpacked: a zip bomb stops here."""
MAX_PARTS = 2000
UNREADABLE_ZIP = (
    zipfile.BadZipFile,
    zlib.error,
    ValueError,
    EOFError,
    NotImplementedError,
    RuntimeError,
)
"""What reading a damaged zip raises: bad headers or CRC, broken deflate data, an unknown
compression method, a password (encrypted parts: RuntimeError)."""


def unpacks(package: zipfile.ZipFile) -> bool:
    """Whether the zip has few enough entries declaring at most MAX_UNPACKED bytes in all:
    each entry's declared size bounds what reading it can produce (a zip bomb stops here)."""
    parts = package.infolist()
    return len(parts) <= MAX_PARTS and sum(part.file_size for part in parts) <= MAX_UNPACKED


def read_package(name: str, limit: int, *, unpack: bool = True) -> tuple[bytes, zipfile.ZipFile]:
    """A .docx (or any zip package) read with `read_file`: its bytes and the open zip.

    Not a zip, a zip bomb (`unpacks`), or a part that does not unpack whole (damaged,
    encrypted) is a PlanError (`docx-invalid`): every part is unpacked once here, so no
    later reader (python-docx, docxtpl, lxml) meets the damage as a crash. A reader that
    catches UNREADABLE_ZIP itself passes `unpack=False` and reads each part once.
    """
    data = read_file(name, limit)
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        whole = unpacks(package)
        for part in package.infolist() if whole and unpack else ():
            with package.open(part) as stream:
                while stream.read(1 << 20):
                    pass
    except UNREADABLE_ZIP as exc:
        raise PlanError.at(name, "docx-invalid", reason=exc) from None
    if not whole:
        raise PlanError.at(name, "docx-invalid", reason=f"giải nén quá {MAX_UNPACKED} byte")
    return data, package


class Disk:
    """Plan files in the file system."""

    def read(self, name: str) -> bytes:
        return read_file(name)

    def beside(self, name: str, other: str) -> str:
        return str(Path(name).parent / other)

    def identity(self, name: str) -> str:
        return os.path.realpath(name)  # a link loop is reported when read, not here

    def on_disk(self, name: str) -> Path:
        return Path(name)


DISK = Disk()


@dataclass(frozen=True)
class GitRevision:
    """Plan files as they were at a revision of the git repository at `root`, read into
    memory with `git cat-file`: nothing is written in the user's folders."""

    revision: str
    root: Path

    def _path(self, name: str) -> str:
        prefix = f"{self.revision}:"
        if not name.startswith(prefix):
            raise PlanError.at(name, "git-path")
        return name[len(prefix) :]

    def read(self, name: str) -> bytes:
        spec = f"{self.revision}:{self._path(name)}"
        size = _git(["cat-file", "-s", spec], self.root, name)
        if int(size or 0) > MAX_BYTES:
            raise PlanError.at(name, "file-too-large", size=int(size), limit=MAX_BYTES)
        object_type = _git(["cat-file", "-t", spec], self.root, name).strip()
        if object_type == b"tree":
            raise PlanError.at(name, "file-is-dir")
        return _git(["cat-file", "blob", spec], self.root, name)

    def beside(self, name: str, other: str) -> str:
        folder = posixpath.dirname(self._path(name))
        return f"{self.revision}:{posixpath.normpath(posixpath.join(folder, other))}"

    def identity(self, name: str) -> str:
        return name

    def on_disk(self, name: str) -> Path:
        return self.root / self._path(name)


def _git(args: list[str], cwd: Path, name: str) -> bytes:
    """Output of a git command; a failure is the user's (no such revision or path)."""
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PlanError.at(name, "git-failed", reason=str(exc)) from None
    if done.returncode:
        said = done.stderr.decode(errors="replace").strip().splitlines()[-1:] or [""]
        if "does not exist" in said[0] or "exists on disk, but not in" in said[0]:
            raise PlanError.at(name, "file-missing")
        raise PlanError.at(name, "git-failed", reason=said[0])
    return done.stdout


def locate(spec: str) -> tuple[Files, str]:
    """Where `spec` is: a file on disk, or `REV:path` in the git repository around the
    working folder (`path` from the top of the repository, or `./path` from here)."""
    if Path(spec).exists() or ":" not in spec or len(spec.split(":", 1)[0]) < 2:
        return DISK, spec  # `C:…` is a Windows drive, not a revision
    revision, path = spec.split(":", 1)
    if revision.startswith("-") or not revision.strip():
        raise PlanError.at(spec, "git-revision", revision=revision)
    here = Path.cwd()
    root = Path(_git(["rev-parse", "--show-toplevel"], here, spec).decode().strip())
    if path.startswith(("./", "../")):
        prefix = _git(["rev-parse", "--show-prefix"], here, spec).decode().strip()
        path = posixpath.normpath(posixpath.join(prefix, path))
    try:
        _git(
            ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"],
            root,
            spec,
        )
    except PlanError:  # --quiet: git says nothing of a revision it does not know
        raise PlanError.at(spec, "git-revision", revision=revision) from None
    return GitRevision(revision, root), f"{revision}:{path}"
