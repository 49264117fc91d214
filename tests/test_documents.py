"""Every bundled document, whatever its kind, passes the Decree 30 rules that apply to it.

test_nd30.py checks the KẾ HOẠCH rule by rule; here the rules every kind shares are run on
each bundled document, then what is particular to a quyết định (Mẫu 1.2) and a công văn
(Mẫu 1.5), on the XML and on the page LibreOffice prints.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx.oxml.ns import qn

from conftest import BUNDLED, PLANS, TEST_PLANS, run
from docxprops import NS, Doc, Para
from pdfpage import Page, font_families, read_pdf
from plangen import metrics
from plangen.validation import validate


def _kind(name: str) -> str:
    return validate(PLANS / name).plan.kind


def _texts(paragraphs: list[Para]) -> list[Para]:
    return [p for p in paragraphs if p.text.strip()]


def _cells(doc: Doc, table: int, row: int, col: int) -> list[Para]:
    return _texts(doc.cell_paragraphs(doc.tables()[table], row, col))


def test_every_kind_has_a_bundled_document() -> None:
    assert {_kind(name) for name in BUNDLED} == {"ke-hoach", "quyet-dinh", "cong-van", "bao-cao"}


@pytest.mark.parametrize("name", BUNDLED)
def test_page_setup_fonts_and_header(documents: dict[str, Path], name: str) -> None:
    doc = Doc(documents[name])
    first = doc.sections()[0]
    size, margin = first.find("w:pgSz", NS), first.find("w:pgMar", NS)
    assert (size.get(qn("w:w")), size.get(qn("w:h"))) == ("11906", "16838")
    assert 1701 <= int(margin.get(qn("w:left"))) <= 1984
    runs = [r for p in doc.all_paragraphs() for r in p.runs()]
    assert {r.font for r in runs} == {"Times New Roman"}
    issuer, national = _cells(doc, 0, 0, 0), _cells(doc, 0, 0, 1)
    assert [p.text for p in national] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert all(p.text == p.text.upper() for p in issuer)
    number = _cells(doc, 0, 1, 0)[0]
    assert re.fullmatch(r"Số: ?(\d{2,}|\s+)/[A-ZĐ0-9-]+", number.text.strip())
    assert number.all("size") == {13.0}


@pytest.mark.parametrize("name", BUNDLED)
def test_signature_recipients_and_end_mark(documents: dict[str, Path], name: str) -> None:
    doc = Doc(documents[name])
    recipients, authority = _cells(doc, 1, 0, 0), _cells(doc, 1, 0, 1)
    assert recipients[0].text == "Nơi nhận:"
    assert recipients[0].all("size") == {12.0}
    assert recipients[0].all("bold") == recipients[0].all("italic") == {True}
    entries = recipients[1:]
    assert all(e.text.startswith("- ") and e.all("size") == {11.0} for e in entries)
    assert all(e.text.endswith(";") for e in entries[:-1])
    assert re.fullmatch(r"- Lưu: VT, [^.]+\.", entries[-1].text)
    for line in authority[:-1]:
        assert line.all("bold") == {True} and line.text == line.text.upper()
    assert authority[-1].all("bold") == {True} and authority[-1].text != authority[-1].text.upper()
    body = [p for p in doc.body_paragraphs() if p.text.strip()]
    last_body = [p for p in body if p.text.endswith("./.")]
    issued = validate(PLANS / name).plan.attached is not None
    assert len(last_body) == 1 + issued, "the decision, and the plan it issues, end with ./."


def _styled(doc: Doc, style: str) -> list[Para]:
    return [p for p in doc.body_paragraphs() if p.style_id == style and p.text.strip()]


@pytest.mark.parametrize("name", [n for n in BUNDLED if _kind(n) != "cong-van"])
def test_a_titled_document_has_its_type_name_and_subject(
    documents: dict[str, Path], name: str
) -> None:
    doc = Doc(documents[name])
    title, *issued = _styled(doc, "TenLoai")  # a decision may be followed by what it issues
    assert len(issued) == (validate(PLANS / name).plan.attached is not None)
    for paragraph in (title, *issued):
        assert paragraph.text in {"KẾ HOẠCH", "QUYẾT ĐỊNH", "BÁO CÁO", "CHƯƠNG TRÌNH", "ĐỀ ÁN"}
        assert paragraph.all("bold") == {True} and paragraph.alignment == "center"


@pytest.mark.parametrize("name", [n for n in BUNDLED if _kind(n) == "quyet-dinh"])
def test_a_quyet_dinh_is_laid_out_as_model_1_2(documents: dict[str, Path], name: str) -> None:
    doc = Doc(documents[name])
    plan = validate(PLANS / name).plan
    (authority,) = _styled(doc, "ThamQuyen")
    assert authority.text == authority.text.upper()
    assert authority.all("bold") == {True} and authority.alignment == "center"
    (decides,) = _styled(doc, "QuyetDinh")
    assert decides.text == "QUYẾT ĐỊNH:"
    assert decides.all("bold") == {True} and decides.alignment == "center"
    bases = _styled(doc, "CanCu")
    assert bases and all(p.all("italic") == {True} for p in bases)
    assert all(p.text.endswith(";") for p in bases[:-1]) and bases[-1].text.endswith(".")
    articles = _styled(doc, "Dieu")
    assert [p.runs()[0].text for p in articles] == [
        f"Điều {n}. " for n in range(1, len(plan.sections) + 1)
    ]
    assert all(p.runs()[0].bold and not p.runs()[1].bold for p in articles)
    assert all(p.first_line in (567, 720) for p in articles)
    order = [p.style_id for p in doc.body_paragraphs() if p.style_id in {"ThamQuyen", "CanCu"}]
    assert order[0] == "ThamQuyen"
    first = _cells(doc, 1, 0, 0)[1].text
    assert re.fullmatch(r"- Như Điều \d+;", first)


@pytest.mark.parametrize("name", [n for n in BUNDLED if _kind(n) == "cong-van"])
def test_a_cong_van_is_laid_out_as_model_1_5(documents: dict[str, Path], name: str) -> None:
    doc = Doc(documents[name])
    assert _styled(doc, "TenLoai") == [] and _styled(doc, "TrichYeu") == []
    _, subject = _cells(doc, 0, 1, 0)
    assert subject.text.startswith("V/v ")
    assert {12 <= s <= 13 for s in subject.all("size")} == {True}
    assert subject.all("bold") == {False} and subject.alignment == "center"
    assert subject.spacing[0] >= 120  # 6 pt below the Số line
    to = _styled(doc, "KinhGui") + _styled(doc, "KinhGuiDong")
    assert to[0].text.startswith("Kính gửi:")
    lines = to[1:]
    assert all(line.text.startswith("- ") for line in lines)
    assert all(line.text.endswith(";") for line in lines[:-1]) and to[-1].text.endswith(".")
    assert _cells(doc, 1, 0, 0)[1].text == "- Như trên;"


def _fewest_lines(text: str, width: int, size: float) -> int:
    """The fewest lines `text` can take in `width` twips: as many words on each as fit."""
    count, line = 1, ""
    for word in text.split():
        if line and metrics.width(f"{line} {word}", size) > width:
            count, line = count + 1, word
        else:
            line = f"{line} {word}".strip()
    return count


@pytest.mark.parametrize("name", [n for n in BUNDLED if _kind(n) == "cong-van"])
def test_page_v_v_takes_the_fewest_lines_its_cell_allows_and_no_word_alone(
    documents: dict[str, Path], printed: dict[str, Path], name: str
) -> None:
    doc = Doc(documents[name])
    header = doc.tables()[0]
    column = int(header.find("w:tblGrid/w:gridCol", NS).get(qn("w:w")))
    margins = header.find("w:tblPr/w:tblCellMar", NS)
    cell = column - sum(
        int(margins.find(f"w:{side}", NS).get(qn("w:w"))) for side in ("left", "right")
    )
    _, subject = _cells(doc, 0, 1, 0)
    (size,) = subject.all("size")
    lines = subject.text.split("\n")
    assert len(lines) == _fewest_lines(subject.text, cell, size), lines
    assert len(lines[-1].split()) >= 2, lines
    page = read_pdf(printed[name])[0]
    assert [line.text for line in page.lines if line.text in lines] == lines  # as printed


def test_a_decision_carries_the_plan_it_issues_as_model_1_3(tmp_path: Path) -> None:
    out = tmp_path / "qd.docx"
    code, output = run("build", str(TEST_PLANS / "qd-attached.yaml"), "-o", str(out))
    assert code == 0, output
    doc = Doc(out)
    attached = doc.tables()[2]  # after the header and the signature
    assert len(attached.findall(qn("w:tr"))) == 1, "no Số and date row"
    assert (
        _texts(doc.cell_paragraphs(attached, 0, 1))[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    )
    after = [doc.para(p) for p in attached.itersiblings(qn("w:p"))]
    title, subject, reference = _texts(after)[:3]
    assert (title.text, title.style_id) == ("KẾ HOẠCH", "TenLoai")
    assert subject.text == "Phát triển ngành Công nghiệp huyện Vĩnh Linh năm 2022"
    assert reference.text == (
        "(Kèm theo Quyết định số 120/QĐ-UBND ngày 10 tháng 02 năm 2022 "
        "của Chủ tịch Ủy ban nhân dân huyện Vĩnh Linh)"
    )
    assert reference.all("italic") == {True}
    ends = [p.text for p in doc.body_paragraphs() if p.text.endswith("./.")]
    assert len(ends) == 2, "the decision and the plan it issues each end with ./."
    assert "II. NHIỆM VỤ" in [p.text for p in after]
    assert len(doc.tables()) == 3, "the issued plan has no signature block"


@pytest.fixture(scope="module")
def first_pages(printed: dict[str, Path]) -> dict[str, Page]:
    return {name: read_pdf(pdf)[0] for name, pdf in printed.items()}


@pytest.mark.parametrize("name", BUNDLED)
def test_page_prints_in_one_serif_family_with_every_vietnamese_letter(
    printed: dict[str, Path], name: str
) -> None:
    # Liberation Serif 1.x lacks ể, ế, ầ…: LibreOffice would mix in DejaVu Serif for them.
    (family,) = font_families(printed[name])
    assert family in {"LiberationSerif", "TimesNewRomanPSMT"}


@pytest.mark.parametrize("name", [n for n in BUNDLED if _kind(n) != "ke-hoach"])
def test_page_one_as_printed(first_pages: dict[str, Page], name: str) -> None:
    page = first_pages[name]
    lines = [line.text for line in page.lines]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in lines
    assert "Độc lập - Tự do - Hạnh phúc" in lines
    kind = _kind(name)
    if kind == "cong-van":
        assert any(t.startswith("V/v ") for t in lines)
        assert any(t.startswith("Kính gửi:") for t in lines)
        assert "CÔNG VĂN" not in lines
    if kind == "quyet-dinh":
        assert "QUYẾT ĐỊNH" in lines and "QUYẾT ĐỊNH:" in lines


def _titles(doc: Doc) -> list[list[str]]:
    """The lines of every trích yếu, V/v line and appendix title, as the XML breaks them."""
    titles = [p for p in doc.all_paragraphs() if p.style_id in ("TrichYeu", "PhuLucTieuDe")]
    letter = [p for p in doc.all_paragraphs() if p.style_id == "VanVe"]
    return [p.text.split("\n") for p in [*titles, *letter] if p.text.strip()]


@pytest.mark.parametrize("name", BUNDLED)
def test_page_titles_break_as_set_and_never_leave_a_word_alone(
    documents: dict[str, Path], printed: dict[str, Path], name: str
) -> None:
    printed_lines = {line.text for page in read_pdf(printed[name]) for line in page.lines}
    titles = _titles(Doc(documents[name]))
    assert titles
    for lines in titles:
        assert len(lines) == 1 or len(lines[-1].split()) >= 2, lines
        # LibreOffice keeps each chosen line whole: it had room for every one of them.
        assert set(lines) <= printed_lines, (lines, sorted(printed_lines)[:40])
