"""The outgoing-document record (Phụ lục VI) and its edXML MessageHeader, against the plans."""

from __future__ import annotations

import json
from pathlib import Path

from lxml import etree

from conftest import PLANS, run
from planfiles import plan, write
from plangen import record
from plangen.validation import validate

NS = {"e": record.EDXML}


def test_the_2024_plan_as_issued_on_paper() -> None:
    fields = record.fields(validate(PLANS / "2024.yaml").plan, pages=10)
    assert {k: fields[k] for k in ("TypeName", "CodeNumber", "CodeNotation", "IssuedDate")} == {
        "TypeName": "Kế hoạch",
        "CodeNumber": "26",
        "CodeNotation": "KH-UBND",
        "IssuedDate": "2024-01-22",
    }
    assert fields["OrganName"] == "Ủy ban nhân dân tỉnh Thừa Thiên Huế"
    assert fields["Subject"] == (
        "Triển khai thực hiện đề án phát triển công nghiệp nông thôn tỉnh Thừa Thiên Huế năm 2024"
    )
    assert fields["SignerInfo"] == {
        "Competence": "TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH",
        "Position": "Phó Chủ tịch",
        "FullName": "Phan Quý Phương",
    }
    assert fields["PageAmount"] == 10 and fields["Priority"] == 0
    assert fields["IssuedAmount"] is None, "no copies in its ô 12"
    assert fields["To"][0] == {"OrganId": None, "OrganName": "Bộ Công Thương"}
    assert len(fields["To"]) == 8


def test_an_electronic_document_leaves_number_and_date_to_the_system() -> None:
    fields = record.fields(validate(PLANS / "2024.yaml", issue="electronic").plan, pages=10)
    assert (fields["CodeNumber"], fields["CodeNotation"], fields["IssuedDate"]) == (
        None,
        "KH-UBND",
        None,
    )


def test_a_cong_van_goes_to_its_addressees_not_to_nhu_tren() -> None:
    fields = record.fields(validate(PLANS / "ha-tinh-cv-8287-2019.yaml").plan, pages=3)
    names = [to["OrganName"] for to in fields["To"]]
    assert fields["TypeName"] == "Công văn" and fields["CodeNotation"] == "UBND-KT1"
    assert names[:2] == [
        "Các sở, ngành: Công Thương, Tài chính, Kế hoạch và Đầu tư, Thông tin và Truyền thông",
        "Ủy ban nhân dân các huyện, thành phố, thị xã",
    ]
    assert "Như trên" not in names and "Bộ Công Thương" in names


def test_a_number_below_ten_keeps_its_zero_as_printed(tmp_path: Path) -> None:
    fields = record.fields(validate(write(tmp_path, plan(number=5))).plan, pages=1)
    assert fields["CodeNumber"] == "05"


def test_the_copies_issued_are_those_of_the_drafters_mark(tmp_path: Path) -> None:
    counted = record.fields(validate(write(tmp_path, plan(drafter="PL.(300)"))).plan, pages=1)
    header = etree.fromstring(record.as_edxml(counted).encode())
    assert counted["IssuedAmount"] == 300
    assert header.findtext("e:OtherInfo/e:PromulgationAmount", namespaces=NS) == "300"
    marked = record.fields(validate(write(tmp_path, plan(drafter="PL."))).plan, pages=1)
    assert marked["IssuedAmount"] is None


def test_edxml_message_header_carries_the_same_facts() -> None:
    fields = record.fields(validate(PLANS / "2024.yaml").plan, pages=10)
    header = etree.fromstring(record.as_edxml(fields).encode())
    assert header.tag == f"{{{record.EDXML}}}MessageHeader"

    def text(path: str) -> list[str]:
        return [e.text or "" for e in header.findall(path, NS)]

    assert text("e:From/e:OrganName") == ["Ủy ban nhân dân tỉnh Thừa Thiên Huế"]
    assert text("e:Code/e:CodeNumber") == ["26"] and text("e:Code/e:CodeNotation") == ["KH-UBND"]
    assert text("e:PromulgationInfo/e:Place") == ["Thừa Thiên Huế"]
    assert text("e:PromulgationInfo/e:PromulgationDate") == ["2024/01/22"]
    assert text("e:DocumentType/e:TypeName") == ["Kế hoạch"]
    assert text("e:SignerInfo/e:FullName") == ["Phan Quý Phương"]
    assert text("e:OtherInfo/e:PageAmount") == ["10"]
    assert len(text("e:To/e:OrganName")) == 8


def test_metadata_counts_the_pages_of_the_rendered_document(tmp_path: Path) -> None:
    code, printed = run("metadata", "--electronic", str(write(tmp_path, plan())))
    assert code == 0, printed
    fields = json.loads(printed)
    assert fields["PageAmount"] == 1 and fields["CodeNumber"] is None
    assert fields["SignerInfo"]["FullName"] == "Nguyễn Anh Tuấn"


def test_metadata_of_a_broken_plan_is_a_located_error(tmp_path: Path) -> None:
    code, printed = run("metadata", "--format", "edxml", str(write(tmp_path, plan(year=None))))
    assert code == 2 and "plan.yaml:" in printed and "year" in printed
