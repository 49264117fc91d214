"""`build --electronic --pdf`: an archival PDF/A-2b with the document's metadata, its
signature fields (test_places.py) and the record X.json beside it."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pdfplumber
import pytest
from lxml import etree
from pyhanko.pdf_utils.reader import PdfFileReader

from conftest import PLANS, TEST_PLANS, run

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
PREFIXES = {
    "http://www.aiim.org/pdfa/ns/id/": "pdfaid",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://ns.adobe.com/pdf/1.3/": "pdf",
    "http://ns.adobe.com/xap/1.0/": "xmp",
}


def xmp(pdf: Path) -> dict[str, str]:
    """The XMP properties a reader sees, 'dc:title' → its (first) value: the catalog's
    metadata stream in the last revision, written as elements or as attributes."""
    reader = PdfFileReader(io.BytesIO(pdf.read_bytes()))
    root = etree.fromstring(reader.root["/Metadata"].data)

    def name(tag: str) -> str:
        space, local = tag[1:].split("}")
        return f"{PREFIXES.get(space, space)}:{local}"

    found = {}
    for description in root.iter(f"{{{RDF}}}Description"):
        found |= {name(k): v for k, v in description.attrib.items() if k.startswith("{")}
        for child in description:
            item = child.find(f".//{{{RDF}}}li")
            found[name(child.tag)] = (item if item is not None else child).text or ""
    found.pop("rdf:about", None)
    return found


METADATA = {
    "2024": (
        "Triển khai thực hiện đề án phát triển công nghiệp nông thôn tỉnh Thừa Thiên Huế năm 2024",
        "Ủy ban nhân dân tỉnh Thừa Thiên Huế",
        "Kế hoạch /KH-UBND",
        "KH, 2024",
    ),
    "ha-tinh-cv-8287-2019": (
        "Tăng cường hoạt động khuyến công, phát triển công nghiệp nông thôn trên địa bàn tỉnh",
        "Ủy ban nhân dân tỉnh Hà Tĩnh",
        "Công văn /UBND-KT1",
        "2019",  # a công văn has no kind code
    ),
}
"""Plan → XMP title (trích yếu), author (issuer), subject (kind and number, the number left
blank for the system) and keywords."""


@pytest.mark.parametrize("stem", sorted(METADATA))
def test_the_pdf_is_pdf_a_2b_with_the_documents_metadata(
    electronic_pdfs: dict[str, Path], stem: str
) -> None:
    meta = xmp(electronic_pdfs[stem])
    assert (meta["pdfaid:part"], meta["pdfaid:conformance"]) == ("2", "B")
    fields = ("dc:title", "dc:creator", "dc:description", "pdf:Keywords")
    assert tuple(meta[field] for field in fields) == METADATA[stem]


def test_every_font_is_embedded(electronic_pdfs: dict[str, Path]) -> None:
    reader = PdfFileReader(io.BytesIO(electronic_pdfs["2024"].read_bytes()))
    fonts = {}
    for index in range(int(reader.root["/Pages"]["/Count"])):
        page, _ = reader.find_page_for_modification(index)
        resources = page.get_object()["/Resources"]
        for name in resources["/Font"] if "/Font" in resources else []:
            font = resources["/Font"][name]
            described = font["/DescendantFonts"][0] if "/DescendantFonts" in font else font
            descriptor = described["/FontDescriptor"]
            fonts[str(font["/BaseFont"])] = any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
    assert fonts and all(fonts.values()), fonts


def test_number_and_date_are_left_for_the_system_and_no_draft_mark(
    electronic_pdfs: dict[str, Path],
) -> None:
    with pdfplumber.open(electronic_pdfs["2024"]) as pdf:
        first = pdf.pages[0].extract_text()
    assert "DỰ THẢO" not in first
    assert re.search(r"Số: */KH-UBND", first) and "ngày tháng năm 2024" in first


def test_the_record_beside_the_pdf_counts_its_pages(electronic_pdfs: dict[str, Path]) -> None:
    for stem, pdf in electronic_pdfs.items():
        fields = json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8"))
        with pdfplumber.open(pdf) as document:
            assert fields["PageAmount"] == len(document.pages), stem
        assert fields["CodeNumber"] is None and fields["IssuedDate"] is None
    assert set(electronic_pdfs) == {p.stem for p in PLANS.glob("*.yaml") if p.stem != "units"}


def test_a_pdf_that_is_not_electronic_has_no_fields_and_no_record(tmp_path: Path) -> None:
    target = tmp_path / "minimal.docx"
    code, printed = run("build", "--pdf", str(TEST_PLANS / "minimal.yaml"), "-o", str(target))
    assert code == 0, printed
    with pdfplumber.open(target.with_suffix(".pdf")) as pdf:
        assert [a for page in pdf.pages for a in page.annots] == []
    assert not target.with_suffix(".json").exists()
