"""Ban hành văn bản điện tử: the files an electronic issue hands to the signers and the system.

After LibreOffice has written X.pdf as PDF/A-2b (fonts embedded; title, author,
subject and keywords from the document's properties in its XMP), the PDF gets its
empty signature fields where Phụ lục I puts them (places.py), and X.json beside it
holds the Phụ lục VI record with the page count of that PDF (record.py). An appendix
issued as a file of its own gets the organisation's field at the top right of its
first page.
"""

from __future__ import annotations

from pathlib import Path

from plangen import places, record
from plangen.context import authority_lines
from plangen.diagnostics import PlanError
from plangen.model import Plan
from plangen.output import write
from plangen.pdf import FilterOptions

PDFA: FilterOptions = {"SelectPdfVersion": 2}
"""LibreOffice's PDF/A-2b export (writer_pdf_Export), which embeds every font."""


def finish(plan: Plan, pdf: Path) -> Path:
    """Add the signer's and the organisation's fields to `pdf`, write its record; the record's path.

    PlanError when the signature block cannot be found on the rendered pages.
    """
    data = pdf.read_bytes()
    titles, name = authority_lines(plan.signature), plan.signature.name
    try:
        found = places.signature_places(data, titles, name)
    except places.NotFound as exc:
        raise PlanError.at(str(pdf), "pdf-signature-place", field="pdf", place=exc) from None
    docx = pdf.with_suffix(".docx")
    write(pdf, places.add_fields(data, found), reads=[docx], suffix=".pdf")
    target = pdf.with_suffix(".json")
    fields = record.as_json(record.fields(plan, record.page_count(data))).encode()
    write(target, fields, reads=[docx, pdf], suffix=".json")
    return target


def finish_annex(pdf: Path) -> None:
    """Add the organisation's field to an appendix issued as a file of its own."""
    data = pdf.read_bytes()
    write(
        pdf,
        places.add_fields(data, [places.appendix_place(data)]),
        reads=[pdf.with_suffix(".docx")],
        suffix=".pdf",
    )
