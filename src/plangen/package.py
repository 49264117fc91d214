"""The .docx package (zip) as plangen writes it: once, in a fixed order with fixed dates.

python-docx stamps every zip entry with the wall clock (python-docx#1042); Word itself
writes 1980-01-01, which is what every entry gets here, so the same document is the same
bytes. The package is sealed with the digest of its content, where a later build finds
that the file is still the one plangen wrote. Nothing heavy is imported here: the
no-change check (unchanged.py) reads seals without loading python-docx.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import struct
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any, BinaryIO

from plangen.files import UNREADABLE_ZIP, unpacks

CORE = "docProps/core.xml"
"""The core properties, whose dc:identifier holds the stamp and the seal."""
_END = struct.Struct("<4s8xIIH")
"""A zip's end of central directory record: signature, its size and offset, comment length."""


def content_digest(parts: Mapping[str, bytes] | zipfile.ZipFile) -> str:
    """A digest of every part but the core properties, which hold it: an edit in Word,
    or damage, changes it."""
    read = parts.read if isinstance(parts, zipfile.ZipFile) else parts.__getitem__
    names = parts.namelist() if isinstance(parts, zipfile.ZipFile) else list(parts)
    digest = hashlib.sha256()
    for name in sorted(names):
        if name != CORE:  # fed piece by piece: a big body is not copied to be hashed
            for piece in (name.encode(), b"\0", read(name), b"\0"):
                digest.update(piece)
    return digest.hexdigest()[:32]


def stamp_of(output: Path) -> str | None:
    """The stamp a previous build left in `output` (core property dc:identifier), when
    the file is still what that build wrote: nothing before or after the zip, and its
    content matches the digest sealed in it. Damage of any kind (a zip bomb put in its
    place too) is None: the document is built again."""
    try:
        with open(output, "rb") as stream, zipfile.ZipFile(stream) as package:
            if not _exactly_a_zip(stream) or not unpacks(package):
                return None
            core = package.read(CORE).decode()
            match = re.search(
                r"<dc:identifier>(plangen:[0-9a-f]+):([0-9a-f]+)</dc:identifier>", core
            )
            if match is None or content_digest(package) != match.group(2):
                return None
    except (OSError, KeyError, *UNREADABLE_ZIP):
        return None
    return match.group(1)


def _exactly_a_zip(stream: BinaryIO) -> bool:
    """The file is one zip as `zipped` writes it, end to end: its central directory ends
    the file (no comment, nothing appended) and starts where the entries end (nothing put
    before them), which zip readers would otherwise pass over."""
    size = stream.seek(0, os.SEEK_END)
    stream.seek(size - _END.size)
    signature, directory_size, directory_offset, comment = _END.unpack(stream.read(_END.size))
    return (
        signature == b"PK\x05\x06"
        and comment == 0
        and (directory_offset + directory_size + _END.size == size)
    )


def zipped(parts: Mapping[str, bytes], sealed: bool = False) -> bytes:
    """The package of `parts` (name → bytes), `[Content_Types].xml` first, then by name.

    `sealed` appends the package's `content_digest` to its dc:identifier."""
    names = sorted(parts, key=lambda n: (n != "[Content_Types].xml", n))
    seal = content_digest(parts) if sealed else ""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            part = parts[name]
            if seal and name == CORE:
                part = part.replace(b"</dc:identifier>", f":{seal}</dc:identifier>".encode(), 1)
            target.writestr(info, part, compresslevel=6)
    return out.getvalue()


def deterministic_zip(data: bytes, sealed: bool = False) -> bytes:
    """The same package as the zip `data`, written as `zipped` writes it."""
    source = zipfile.ZipFile(io.BytesIO(data))
    return zipped({name: source.read(name) for name in source.namelist()}, sealed)


class _Parts:
    """Collects what python-docx's package writer would put in its zip, by name."""

    def __init__(self) -> None:
        self.parts: dict[str, bytes] = {}

    def write(self, uri: Any, blob: bytes) -> None:
        self.parts[uri.membername] = blob


def document_bytes(document: Any, sealed: bool = False) -> bytes:
    """A python-docx Document as a `zipped` package, without first zipping it the way
    python-docx saves (entries dated now) only to unzip it again.

    The parts are serialised by python-docx's own package writer, as `Document.save`
    does; only the zip around them is plangen's."""
    from docx.opc.pkgwriter import PackageWriter

    package = document.part.package
    parts = package.parts
    for part in parts:
        part.before_marshal()
    collected: Any = _Parts()  # what the writer needs of a PhysPkgWriter: write(uri, blob)
    PackageWriter._write_content_types_stream(collected, parts)
    PackageWriter._write_pkg_rels(collected, package.rels)
    PackageWriter._write_parts(collected, parts)
    return zipped(collected.parts, sealed)
