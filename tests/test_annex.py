"""An appendix issued as a file of its own (`separate: true`, Phụ lục I III.1.d): built beside
the document, without its header or signature, and electronically with the organisation's
signature field at the top right of its first page."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from conftest import run
from docxprops import Doc
from pdfpage import read_pdf, soffice
from planfiles import plan, write
from test_places import fields

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
GIVEN = {"title": "Bảng số liệu", "columns": ["A", "B"], "rows": [["1", "2"]]}


def annexed(**appendix: Any) -> dict[str, Any]:
    """The base plan with its task appendix, and a table, the first issued as one file."""
    tasks = {"title": "Danh mục nhiệm vụ", "table": "tasks", **appendix}
    return plan(closing="Chi tiết tại Phụ lục I và Phụ lục II.", appendices=[tasks, GIVEN])


def texts(path: Path) -> list[str]:
    return run("text", str(path))[1].splitlines()


def test_the_separate_appendix_is_its_own_file_and_leaves_the_document(tmp_path: Path) -> None:
    out = tmp_path / "kh.docx"
    code, printed = run("build", str(write(tmp_path, annexed(separate=True))), "-o", str(out))
    assert code == 0, printed
    annex = tmp_path / "kh-phu-luc-I.docx"
    assert f"{annex} (đã ghi; written)" in printed
    document, alone = texts(out), texts(annex)
    assert "Phụ lục I" not in document and "Phụ lục II" in document
    assert alone[:3] == [
        "Phụ lục I",
        "DANH MỤC NHIỆM VỤ",
        "(Kèm theo Kế hoạch số 24/KH-UBND ngày 14 tháng 02 năm 2022 "
        "của Ủy ban nhân dân huyện Vĩnh Linh)",
    ]
    assert not any("Nơi nhận" in line or "CỘNG HÒA" in line for line in alone)
    section = Doc(annex).sections()
    assert len(section) == 1 and section[0].find("w:pgSz", {"w": _W}).get(f"{{{_W}}}orient") == (
        "landscape"
    )


def test_an_appendix_in_the_same_file_is_unchanged(tmp_path: Path) -> None:
    one, two = tmp_path / "a.docx", tmp_path / "b.docx"
    for target, data in ((one, annexed()), (two, annexed(separate=False))):
        assert (
            run("build", str(write(tmp_path, data, f"{target.stem}.yaml")), "-o", str(target))[0]
            == 0
        )
    with zipfile.ZipFile(one) as first, zipfile.ZipFile(two) as second:
        assert first.read("word/document.xml") == second.read("word/document.xml")
    assert not list(tmp_path.glob("*-phu-luc*"))


def test_a_missing_appendix_file_is_built_again(tmp_path: Path) -> None:
    source, out = write(tmp_path, annexed(separate=True)), tmp_path / "kh.docx"
    assert run("build", str(source), "-o", str(out))[0] == 0
    assert "(không đổi; unchanged)" in run("build", str(source), "-o", str(out))[1]
    (tmp_path / "kh-phu-luc-I.docx").unlink()
    assert run("build", str(source), "-o", str(out))[0] == 0
    assert (tmp_path / "kh-phu-luc-I.docx").is_file()


@pytest.fixture(scope="module")
def electronic_annex(tmp_path_factory: pytest.TempPathFactory) -> Path:
    soffice()
    folder = tmp_path_factory.mktemp("annex")
    source = write(folder, annexed(separate=True))
    out = folder / "kh.docx"
    code, printed = run("build", "--electronic", "--pdf", str(source), "-o", str(out))
    assert code == 0, printed
    return folder


def test_the_appendix_file_has_the_organisations_field_top_right_of_page_one(
    electronic_annex: Path,
) -> None:
    pdf = electronic_annex / "kh-phu-luc-I.pdf"
    found = fields(pdf)
    assert list(found) == ["organisation"]
    page, (x0, top, x1, bottom) = found["organisation"]
    first = read_pdf(pdf)[0]
    heading = first.find("Phụ lục I")
    assert page == 1 and first.landscape and heading is not None
    assert bottom == pytest.approx(heading.top, abs=0.5), "just above the first line"
    assert x1 == pytest.approx(max(rule.x1 for rule in first.rules), abs=0.5), "table's right"
    assert x0 > first.width / 2 and top > 0
    assert bottom - top >= 20, "two lines of 10 pt"


def test_the_document_keeps_its_own_two_fields(electronic_annex: Path) -> None:
    assert set(fields(electronic_annex / "kh.pdf")) == {"signer", "organisation"}
    with pdfplumber.open(electronic_annex / "kh.pdf") as pdf:
        assert not any("DANH MỤC NHIỆM VỤ" in (p.extract_text() or "") for p in pdf.pages)
