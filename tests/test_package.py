"""The .docx package: written once, in a fixed order with fixed dates, and sealed."""

from __future__ import annotations

import io
import zipfile

from docx import Document

from plangen.package import CORE, deterministic_zip, document_bytes
from plangen.template import BUNDLED


def _entries(data: bytes) -> list[tuple[str, tuple[int, ...], bytes]]:
    package = zipfile.ZipFile(io.BytesIO(data))
    return [(i.filename, i.date_time, package.read(i.filename)) for i in package.infolist()]


def test_the_deterministic_zip_keeps_every_part() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("b.xml", "2")
        package.writestr("[Content_Types].xml", "1")
    again = zipfile.ZipFile(io.BytesIO(deterministic_zip(buffer.getvalue())))
    assert again.namelist() == ["[Content_Types].xml", "b.xml"]
    assert again.read("b.xml") == b"2"


def test_a_document_is_zipped_once_with_what_python_docx_would_save() -> None:
    """document_bytes drives python-docx's PackageWriter internals (pyproject keeps
    python-docx below 2): a python-docx that changes them fails here."""
    document = Document(str(BUNDLED / "ke-hoach.docx"))
    document.add_paragraph("Nội dung")
    saved = io.BytesIO()
    document.save(saved)
    written = document_bytes(document)
    assert written == deterministic_zip(saved.getvalue())
    entries = _entries(written)
    assert entries[0][0] == "[Content_Types].xml"
    assert [name for name, _, _ in entries[1:]] == sorted(name for name, _, _ in entries[1:])
    assert {date for _, date, _ in entries} == {(1980, 1, 1, 0, 0, 0)}


def test_a_sealed_document_carries_the_digest_of_its_other_parts() -> None:
    document = Document(str(BUNDLED / "ke-hoach.docx"))
    document.core_properties.identifier = "plangen:abc"
    sealed = zipfile.ZipFile(io.BytesIO(document_bytes(document, sealed=True)))
    plain = zipfile.ZipFile(io.BytesIO(document_bytes(document)))
    core = sealed.read(CORE).decode()
    assert "<dc:identifier>plangen:abc:" in core
    assert plain.read(CORE).decode().count("plangen:abc</dc:identifier>") == 1
    assert [sealed.read(n) for n in sealed.namelist() if n != CORE] == [
        plain.read(n) for n in plain.namelist() if n != CORE
    ]
