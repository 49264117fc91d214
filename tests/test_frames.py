"""A document's frame as the .docx shows it: header (ô 1-4), căn cứ, signature (ô 7), Nơi nhận.

Each test writes a small plan, builds it through the CLI and reads the finished document.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import run
from docxprops import Doc, Para
from planfiles import plan, write


def build(folder: Path, data: dict[str, Any] | str) -> Doc:
    source = write(folder, data)
    out = folder / "built.docx"
    code, output = run("build", str(source), "-o", str(out))
    assert code == 0, output
    return Doc(out)


def header_left(doc: Doc) -> list[Para]:
    return [p for p in doc.cell_paragraphs(doc.tables()[0], 0, 0) if p.text]


def test_a_ministry_prints_its_name_alone_broken_before_va(tmp_path: Path) -> None:
    issuer = {"name": "Bộ Nông nghiệp và Môi trường", "abbr": "BNNMT", "place": "Hà Nội"}
    (name,) = header_left(build(tmp_path, plan(issuer=issuer)))
    assert name.text == "BỘ NÔNG NGHIỆP\nVÀ MÔI TRƯỜNG"
    assert name.all("bold") == {True}


def test_a_department_stands_under_its_parent_each_broken_to_fit(tmp_path: Path) -> None:
    issuer = {
        "name": "Sở Nông nghiệp và Môi trường",
        "parent": "Ủy ban nhân dân tỉnh Lào Cai",
        "abbr": "SNNMT",
        "place": "Lào Cai",
    }
    parent, name = header_left(build(tmp_path, plan(issuer=issuer)))
    assert parent.text == "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI"
    assert parent.all("bold") == {False}
    assert name.text == "SỞ NÔNG NGHIỆP\nVÀ MÔI TRƯỜNG"
    assert name.all("bold") == {True}


def test_the_author_may_break_the_parent_and_the_issuer_themselves(tmp_path: Path) -> None:
    issuer = {
        "name": "Cục Lâm nghiệp và Kiểm lâm",
        "header_lines": ["Cục Lâm nghiệp", "và Kiểm lâm"],
        "parent": "Bộ Nông nghiệp và Môi trường",
        "parent_lines": ["Bộ Nông nghiệp và Môi trường"],
        "abbr": "LNKL",
        "place": "Hà Nội",
    }
    parent, name = header_left(build(tmp_path, plan(issuer=issuer)))
    assert parent.text == "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"
    assert name.text == "CỤC LÂM NGHIỆP\nVÀ KIỂM LÂM"


def test_a_national_committee_breaks_before_ve(tmp_path: Path) -> None:
    issuer = {"name": "Ủy ban Quốc gia về chuyển đổi số", "abbr": "UBQGCĐS", "place": "Hà Nội"}
    (name,) = header_left(build(tmp_path, plan(issuer=issuer)))
    assert name.text == "ỦY BAN QUỐC GIA\nVỀ CHUYỂN ĐỔI SỐ"
