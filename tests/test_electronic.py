"""`build --electronic --pdf`: an archival PDF/A-2b with the document's metadata, its
signature fields (test_places.py) and the record X.json beside it."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pdfplumber
from pyhanko.pdf_utils.reader import PdfFileReader

from conftest import PLANS, TEST_PLANS, run


def xmp(pdf: Path) -> str:
    data = pdf.read_bytes()
    return data[data.index(b"<x:xmpmeta") : data.index(b"</x:xmpmeta>")].decode()


def test_the_pdf_is_pdf_a_2b_with_the_documents_metadata(electronic_pdfs: dict[str, Path]) -> None:
    meta = xmp(electronic_pdfs["2024"])
    assert "<pdfaid:part>2</pdfaid:part>" in meta
    assert "<pdfaid:conformance>B</pdfaid:conformance>" in meta
    title = re.search(r"<dc:title>.*?<rdf:li[^>]*>(.*?)</rdf:li>", meta, re.S)
    creator = re.search(r"<dc:creator>.*?<rdf:li>(.*?)</rdf:li>", meta, re.S)
    assert title and title.group(1) == (
        "Triển khai thực hiện đề án phát triển công nghiệp nông thôn tỉnh Thừa Thiên Huế năm 2024"
    )
    assert creator and creator.group(1) == "Ủy ban nhân dân tỉnh Thừa Thiên Huế"
    assert "<dc:description>" in meta and "Kế hoạch" in meta
    assert "<pdf:Keywords>KH, 2024</pdf:Keywords>" in meta


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
