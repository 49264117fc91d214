"""Signature places (Phụ lục I ô 7c, ô 8), checked on every bundled document's rendered PDF.

The fields are read back from the PDF's annotations; the signature block is found
again with pdfpage's own line reading, so the test measures independently of places.py.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from conftest import PLANS
from pdfpage import Line, read_pdf
from plangen import places
from plangen.context import authority_lines
from plangen.validation import validate

BUNDLED = sorted(p.stem for p in PLANS.glob("*.yaml") if p.stem != "units")


def fields(pdf: Path) -> dict[str, tuple[int, tuple[float, ...]]]:
    """Signature field name → (page from 1, rectangle in points, top-left origin)."""
    found = {}
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages, 1):
            for annot in page.annots:
                data = annot["data"]
                if data.get("FT") and data["FT"].name == "Sig":
                    name = data["T"].decode() if isinstance(data["T"], bytes) else data["T"]
                    found[name] = (
                        number,
                        (annot["x0"], annot["top"], annot["x1"], annot["bottom"]),
                    )
    return found


def block(pdf: Path, stem: str) -> tuple[int, list[Line], Line]:
    """The page (from 1), title lines and name line of the signature block, as printed."""
    signature = validate(PLANS / f"{stem}.yaml").plan.signature
    titles, name = authority_lines(signature), signature.name
    pages = read_pdf(pdf)
    for page in reversed(pages):
        signer = page.find(name)
        if signer:
            lines = [page.find(t) for t in titles]
            return page.number, [line for line in lines if line is not None], signer
    raise AssertionError(f"{name} not printed")


@pytest.mark.parametrize("stem", BUNDLED)
def test_the_signer_is_between_titles_and_name_and_the_seal_over_its_left_third(
    electronic_pdfs: dict[str, Path], stem: str
) -> None:
    pdf = electronic_pdfs[stem]
    found = fields(pdf)
    assert set(found) == {"signer", "organisation"}
    (page, signer), (seal_page, seal) = found["signer"], found["organisation"]
    number, titles, name = block(pdf, stem)
    assert page == seal_page
    x0, top, x1, bottom = signer
    assert bottom == pytest.approx(name.top, abs=1) or page == number - 1  # split block
    if page == number:
        assert top == pytest.approx(max(t.bottom for t in titles), abs=1)
        assert (x0 + x1) / 2 == pytest.approx((name.x0 + name.x1) / 2, abs=1.5)
        assert x1 - x0 == pytest.approx(max(t.width for t in [*titles, name]), abs=2)
        assert bottom - top > 40, "room for the signature image"
    s0, s_top, s1, s_bottom = seal
    assert (s_top, s_bottom) == pytest.approx((top, bottom))
    assert s1 - s0 == pytest.approx(s_bottom - s_top), "square, the shape of a seal"
    assert s0 < x0 < s1 and s1 - x0 == pytest.approx((x1 - x0) / 3, abs=0.5)


def test_a_name_that_is_not_printed_has_no_place(electronic_pdfs: dict[str, Path]) -> None:
    with pytest.raises(places.NotFound, match="Không Có Ai"):
        places.signature_places(electronic_pdfs["2024"].read_bytes(), ["CHỦ TỊCH"], "Không Có Ai")


def test_a_signature_without_titles_has_no_place(electronic_pdfs: dict[str, Path]) -> None:
    with pytest.raises(places.NotFound, match="under a title"):
        places.signature_places(electronic_pdfs["2024"].read_bytes(), [], "Phan Quý Phương")


def test_fields_are_added_after_the_pdf_a_file_byte_for_byte(
    electronic_pdfs: dict[str, Path],
) -> None:
    data = electronic_pdfs["2024"].read_bytes()
    first_end = data.index(b"%%EOF") + len(b"%%EOF")
    original = data[:first_end]
    added = places.add_fields(original, [places.Place("x", 0, (10, 10, 60, 40))])
    assert added.startswith(original) and b"/T (x)" in added
