"""Vị trí chữ ký số: where Phụ lục I puts the digital signatures, found on the rendered PDF.

The places are measured on the page LibreOffice laid out (pdfplumber), never assumed
from the template, so they follow the signature block wherever the text pushes it:
- the signer's (ô 7c): centred between the last title line and the name, as wide as
  the authority block (Phần I, II.7.d);
- the organisation's (ô 8): the seal, as tall as the signer's place and square,
  covering the left third of it (II.8.a);
- in an appendix issued as its own file: the organisation's, top right of page 1,
  above the text, sized for its 10 pt text line (II.8.b, III.1.d).
The fields are added empty and named, so a signing tool can find them by name.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

SIGNER, ORGANISATION = "signer", "organisation"
"""Field names: the competent person's signature and the organisation's (the seal)."""

STAMP_HEIGHT = 24.0
"""Points for the appendix signature's text: two 10 pt lines ('Số: 26/KH-UBND;' and
'22/01/2024; 09:15:02 +07:00'), with a little room."""

STAMP_WIDTH = 150.0
"""Points for the longer line, about 125 pt in Times New Roman 10 pt, with room for a
longer symbol."""


LINE = 16.0
"""Points of one line of the signature block (13-14 pt type)."""


@dataclass(frozen=True)
class Place:
    """One signature field: its name, page (from 0) and box in PDF points (lower-left origin)."""

    name: str
    page: int
    box: tuple[float, float, float, float]

    @property
    def width(self) -> float:
        return self.box[2] - self.box[0]

    @property
    def height(self) -> float:
        return self.box[3] - self.box[1]


class NotFound(ValueError):
    """The signature block is not on any page of the PDF."""


def _found(page: object, text: str) -> list[dict[str, float]]:
    return page.search(unicodedata.normalize("NFC", text), regex=False)  # type: ignore[attr-defined]


def _titles_above(
    page: object, titles: Sequence[str], centre: float, below: float
) -> list[dict[str, float]]:
    """The title lines of the block on `page` above `below`, in the column through `centre`."""
    above = [
        line
        for title in titles
        for line in _found(page, title)
        if line["bottom"] <= below and line["x0"] < centre < line["x1"]
    ]
    last = max((line["bottom"] for line in above), default=0.0)
    return [line for line in above if line["top"] >= last - LINE * len(titles)]


def _places(
    index: int, height: float, block: list[dict[str, float]], top: float, bottom: float
) -> list[Place]:
    """The signer's place between `top` and `bottom` (from the page's top), as wide as the
    block and centred on it; the seal's, square, over its left third."""
    centre = (min(b["x0"] for b in block) + max(b["x1"] for b in block)) / 2
    half = max(b["x1"] - b["x0"] for b in block) / 2
    sign = Place(SIGNER, index, (centre - half, height - bottom, centre + half, height - top))
    right = sign.box[0] + sign.width / 3
    seal = Place(ORGANISATION, index, (right - sign.height, sign.box[1], right, sign.box[3]))
    return [sign, seal]


def signature_places(pdf: bytes, titles: Sequence[str], name: str) -> list[Place]:
    """The signer's and the organisation's places, under the signature block's titles.

    The block is the last place in the document where the signer's name stands below the
    last title line, in the same column. When a page break falls between them (a layout
    fault of its own), the places go under the titles, down to the page's last line.
    """
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        pages = document.pages
        for index in reversed(range(len(pages))):
            for signer in reversed(_found(pages[index], name)):
                centre = (signer["x0"] + signer["x1"]) / 2
                block = _titles_above(pages[index], titles, centre, signer["top"])
                if block:
                    top = max(line["bottom"] for line in block)
                    return _places(index, pages[index].height, [*block, signer], top, signer["top"])
                before = pages[index - 1] if index else None
                block = _titles_above(before, titles, centre, before.height) if before else []
                if block:
                    top = max(line["bottom"] for line in block)
                    bottom = max(word["bottom"] for word in before.extract_words())  # type: ignore[union-attr]
                    if bottom - top >= 2 * LINE:
                        return _places(index - 1, before.height, [*block, signer], top, bottom)  # type: ignore[union-attr]
    raise NotFound(f"'{name}' under '{titles[-1]}'" if titles else f"'{name}' under a title")


def appendix_place(pdf: bytes) -> Place:
    """The organisation's place on an appendix file: top right of its first page, right-aligned
    with the widest text or table on it, just above the first line."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        words = page.extract_words()
        if not words:
            raise NotFound("text on the appendix's first page")
        edges = [e["x1"] for e in page.edges] + [w["x1"] for w in words]
        right = max(edges)
        top = page.height - min(w["top"] for w in words)
        return Place(ORGANISATION, 0, (right - STAMP_WIDTH, top, right, top + STAMP_HEIGHT))


def add_fields(pdf: bytes, places: Sequence[Place]) -> bytes:
    """The PDF with an empty signature field at each place, added as an incremental update
    so LibreOffice's PDF/A file is kept byte for byte before it."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.fields import SigFieldSpec, append_signature_field

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    for place in places:
        box = tuple(round(v, 2) for v in place.box)
        spec = SigFieldSpec(place.name, on_page=place.page, box=box)  # type: ignore[arg-type]
        append_signature_field(writer, spec)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
