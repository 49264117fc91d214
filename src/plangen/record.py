"""Dữ liệu thông tin đầu vào của văn bản đi: the record the document-management system keeps.

The outgoing-document fields of Decree 30 Phụ lục VI (Phần II, I), taken from the plan
(IssuedAmount: the copies ô 12 gives, when it gives them) and from the rendered document
(PageAmount), as JSON; or the `MessageHeader` of an edXML envelope (QCVN 102:2016/BTTTT)
carrying the same facts. What the system fills in itself is left empty: the organisation
ids it assigns, and, for an electronic document, the number and date it stamps at issue
(Art. 15.3).
"""

from __future__ import annotations

import io
import json
from typing import Any

from plangen import vn
from plangen.context import authority_lines, symbol
from plangen.kinds import KINDS
from plangen.model import Plan

EDXML = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
"""The namespace public edXML clients write for QCVN 102:2016."""

NORMAL = 0
"""Priority (mức độ khẩn): 0 for a document sent without an urgency mark."""


def page_count(pdf: bytes) -> int:
    """PageAmount: the pages of the rendered document."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return len(document.pages)


def fields(plan: Plan, pages: int) -> dict[str, Any]:
    """Phụ lục VI's outgoing-document fields, by their names there, for the plan as issued."""
    issued = plan.as_issued()
    type_name = KINDS[plan.kind].type_name
    titles = authority_lines(plan.signature)
    signature = plan.signature
    to = [*plan.to, *(r for r in plan.recipients if not r.startswith("Như "))]
    return {
        "TypeName": vn.sentence_start(type_name.lower()),
        "CodeNumber": f"{issued.number:02d}" if issued.number is not None else None,
        "CodeNotation": symbol(plan),
        "IssuedDate": issued.date.isoformat() if issued.date else None,
        "OrganName": plan.issuer.name,
        "Place": plan.issuer.place,
        "Subject": plan.subject,
        "Language": "Tiếng Việt",
        "PageAmount": pages,
        "Description": None,
        "SignerInfo": {
            "Competence": ", ".join(titles[:-1]),
            "Position": signature.position or signature.head or "",
            "FullName": signature.name,
        },
        "To": [{"OrganId": None, "OrganName": name} for name in to],
        "Priority": NORMAL,
        "IssuedAmount": plan.copies,
    }


def as_json(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"


def as_edxml(record: dict[str, Any]) -> str:
    """The record as an edXML `MessageHeader` (QCVN 102:2016), dates as YYYY/MM/DD.

    DocumentType carries the TypeName only: the public clients disagree on the numeric Type.
    """
    from lxml import etree

    def add(parent: Any, tag: str, text: object = None) -> Any:
        element = etree.SubElement(parent, f"{{{EDXML}}}{tag}")
        if text is not None:
            element.text = str(text)
        return element

    def organ(tag: str, name: str) -> None:
        node = add(header, tag)
        add(node, "OrganId")
        add(node, "OrganName", name)

    header = etree.Element(f"{{{EDXML}}}MessageHeader", nsmap={"edXML": EDXML})
    organ("From", record["OrganName"])
    for recipient in record["To"]:
        organ("To", recipient["OrganName"])
    code = add(header, "Code")
    add(code, "CodeNumber", record["CodeNumber"])
    add(code, "CodeNotation", record["CodeNotation"])
    promulgation = add(header, "PromulgationInfo")
    add(promulgation, "Place", record["Place"])
    date = record["IssuedDate"]
    add(promulgation, "PromulgationDate", date.replace("-", "/") if date else None)
    add(add(header, "DocumentType"), "TypeName", record["TypeName"])
    add(header, "Subject", record["Subject"])
    signer = add(header, "SignerInfo")
    for key in ("Competence", "Position", "FullName"):
        add(signer, key, record["SignerInfo"][key])
    other = add(header, "OtherInfo")
    add(other, "Priority", record["Priority"])
    add(other, "PromulgationAmount", record["IssuedAmount"])
    add(other, "PageAmount", record["PageAmount"])
    return etree.tostring(header, encoding="unicode", pretty_print=True)
