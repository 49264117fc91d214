"""A document's frame as the .docx shows it: header (ô 1-4), căn cứ, signature (ô 7), Nơi nhận.

Each test writes a small plan, builds it through the CLI and reads the finished document.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

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


def test_a_steering_committee_stands_alone_or_under_its_parent(tmp_path: Path) -> None:
    for folder in ("alone", "under"):
        (tmp_path / folder).mkdir()
    name = "Ban Chỉ đạo Trung ương về phòng, chống tham nhũng, tiêu cực"
    alone = {"name": name, "abbr": "BCĐTW", "place": "Hà Nội"}
    (header,) = header_left(build(tmp_path / "alone", plan(issuer=alone)))
    assert header.text == "BAN CHỈ ĐẠO\nTRUNG ƯƠNG VỀ PHÒNG,\nCHỐNG THAM NHŨNG,\nTIÊU CỰC"
    under = {
        "name": "Ban Chỉ đạo phòng thủ dân sự",
        "parent": "Ủy ban nhân dân tỉnh Nghệ An",
        "abbr": "BCĐ",
        "place": "Nghệ An",
    }
    parent, header = header_left(build(tmp_path / "under", plan(issuer=under)))
    assert (parent.text, header.text) == (
        "ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN",
        "BAN CHỈ ĐẠO\nPHÒNG THỦ DÂN SỰ",
    )
    assert (parent.all("bold"), header.all("bold")) == ({False}, {True})


# Căn cứ (ô 6, Decree 30 II.6.b): each citation as the document writes it.

NGHI_DINH = {
    "type": "Nghị định",
    "number": "35/2021/NĐ-CP",
    "date": "2021-02-25",
    "issuer": "Chính phủ",
    "subject": "quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ",
}


def body_texts(doc: Doc) -> list[Para]:
    return [p for p in doc.body_paragraphs() if p.text]


def opening(folder: Path, **changes: Any) -> list[tuple[str, bool]]:
    """The paragraphs between the title and the first heading: (text, italic)."""
    doc = build(folder, plan(**changes))
    paragraphs = body_texts(doc)
    start = next(i for i, p in enumerate(paragraphs) if p.style_id == "TrichYeu") + 1
    stop = next(i for i, p in enumerate(paragraphs) if p.style_id == "Muc")
    return [(p.text, p.all("italic") == {True}) for p in paragraphs[start:stop]]


def test_a_document_may_cite_every_date_in_the_long_form(tmp_path: Path) -> None:
    assert opening(tmp_path, citation_dates="long", bases=[NGHI_DINH]) == [
        (
            "Căn cứ Nghị định số 35/2021/NĐ-CP ngày 25 tháng 02 năm 2021 của Chính phủ quy định"
            " chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ.",
            True,
        )
    ]


def test_one_citation_may_differ_from_the_documents_date_form(tmp_path: Path) -> None:
    short = {**NGHI_DINH, "date_form": "short"}
    ((text, _),) = opening(tmp_path, citation_dates="long", bases=[short])
    assert "35/2021/NĐ-CP ngày 25/02/2021 của Chính phủ" in text


def test_a_law_cited_by_name_takes_the_long_date(tmp_path: Path) -> None:
    law = {"type": "Luật", "subject": "Tổ chức chính quyền địa phương", "date": "2015-06-19"}
    assert opening(tmp_path, bases=[law]) == [
        ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015.", True)
    ]


def test_several_documents_are_cited_in_one_paragraph(tmp_path: Path) -> None:
    law = {"type": "Luật", "subject": "Lâm nghiệp", "date": "2017-11-15"}
    basis = {**NGHI_DINH, "also": [law, {"text": "các quy định pháp luật có liên quan"}]}
    ((text, italic),) = opening(tmp_path, bases=[basis])
    assert text == (
        "Căn cứ Nghị định số 35/2021/NĐ-CP ngày 25/02/2021 của Chính phủ quy định chức năng,"
        " nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ; Luật Lâm nghiệp ngày 15 tháng 11 năm"
        " 2017; các quy định pháp luật có liên quan."
    )
    assert italic


def test_each_basis_ends_as_the_form_requires(tmp_path: Path) -> None:
    bases = [
        NGHI_DINH,
        {"verb": "Thực hiện", "text": "Kế hoạch số 18/KH-UBND ngày 21/01/2022 của UBND huyện"},
        {"verb": "Theo đề nghị của", "issuer": "Cục trưởng Cục Lâm nghiệp và Kiểm lâm"},
    ]
    assert [text[-1] for text, _ in opening(tmp_path, bases=bases)] == [";", ";", "."]


def test_a_proposal_names_the_body_then_its_submission(tmp_path: Path) -> None:
    proposal = {
        "verb": "Theo đề nghị của",
        "issuer": "Sở Công Thương",
        "type": "Tờ trình",
        "number": "2928/TTr-SCT",
        "date": "2020-12-17",
        "subject": "về việc phê duyệt Chương trình khuyến công",
    }
    assert opening(tmp_path, bases=[proposal]) == [
        (
            "Theo đề nghị của Sở Công Thương tại Tờ trình số 2928/TTr-SCT ngày 17/12/2020 về"
            " việc phê duyệt Chương trình khuyến công.",
            True,
        )
    ]


def test_before_the_preamble_a_can_cu_leads_in_and_a_thuc_hien_stands_alone(
    tmp_path: Path,
) -> None:
    preamble = "UBND huyện ban hành Kế hoạch như sau:"
    can_cu = opening(tmp_path, bases=[NGHI_DINH], preamble=preamble)
    assert [(text[-1], italic) for text, italic in can_cu] == [(";", True), (":", False)]
    thuc_hien = {"verb": "Thực hiện", "text": "Kế hoạch số 18/KH-UBND ngày 21/01/2022"}
    alone = opening(tmp_path, bases=[thuc_hien], preamble=preamble)
    assert alone[0][0] == "Thực hiện Kế hoạch số 18/KH-UBND ngày 21/01/2022."


def test_the_bases_may_open_an_upright_preamble_paragraph(tmp_path: Path) -> None:
    assert opening(
        tmp_path,
        bases=[NGHI_DINH],
        bases_in_preamble=True,
        preamble="Bộ ban hành Kế hoạch như sau:\n\nKế hoạch gồm ba phần.",
    ) == [
        (
            "Căn cứ Nghị định số 35/2021/NĐ-CP ngày 25/02/2021 của Chính phủ quy định chức năng,"
            " nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ, Bộ ban hành Kế hoạch như sau:",
            False,
        ),
        ("Kế hoạch gồm ba phần.", False),
    ]


def test_an_opening_paragraph_without_bases_is_upright(tmp_path: Path) -> None:
    text = "Ngày 21 tháng 5 năm 2026, Chính phủ ban hành Nghị định số 180/2026/NĐ-CP."
    assert opening(tmp_path, bases=None, preamble=text) == [(text, False)]


# Signature (ô 7a, 7b; Decree 30 II.7.b, Điều 13): each authority and title on its own line.


def signature_block(folder: Path, signature: dict[str, str]) -> list[tuple[str, bool]]:
    doc = build(folder, plan(signature=signature))
    cell = doc.cell_paragraphs(doc.tables()[1], 0, 1)
    return [(p.text, p.all("bold") == {True}) for p in cell if p.text]


@pytest.mark.parametrize(
    ("signature", "lines"),
    [
        (
            {"authority": "KT", "head": "Bộ trưởng", "position": "Thứ trưởng"},
            ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"],
        ),
        (
            {"authority": "KT", "head": "Cục trưởng", "position": "Phó Cục trưởng"},
            ["KT. CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG"],
        ),
        (
            {"authority": "KT", "head": "Giám đốc", "position": "Phó Giám đốc"},
            ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
        ),
        (
            {"collective": "Ủy ban nhân dân", "authority": "KT", "head": "Chủ tịch"}
            | {"position": "Phó Chủ tịch"},
            ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        ),
        (
            {"collective": "Ban Chỉ đạo", "authority": "KT", "head": "Trưởng ban"}
            | {"position": "Phó Trưởng ban"},
            ["TM. BAN CHỈ ĐẠO", "KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"],
        ),
        ({"authority": "Q", "head": "Giám đốc"}, ["Q. GIÁM ĐỐC"]),
        (
            {"authority": "TL", "head": "Bộ trưởng", "position": "Vụ trưởng Vụ Pháp chế"},
            ["TL. BỘ TRƯỞNG", "VỤ TRƯỞNG VỤ PHÁP CHẾ"],
        ),
        (
            {"authority": "TUQ", "head": "Giám đốc", "position": "Chánh Văn phòng"},
            ["TUQ. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"],
        ),
        (
            {"authority": "TL", "head": "Bộ trưởng", "deputy_for": "Vụ trưởng Vụ Pháp chế"}
            | {"position": "Phó Vụ trưởng"},
            ["TL. BỘ TRƯỞNG", "KT. VỤ TRƯỞNG VỤ PHÁP CHẾ", "PHÓ VỤ TRƯỞNG"],
        ),
        ({"position": "Bộ trưởng"}, ["BỘ TRƯỞNG"]),
        (
            {"collective": "Ủy ban nhân dân", "position": "Chủ tịch"},
            ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
        ),
    ],
)
def test_every_authority_and_title_stands_on_its_own_bold_line(
    tmp_path: Path, signature: dict[str, str], lines: list[str]
) -> None:
    block = signature_block(tmp_path, {**signature, "name": "Nguyễn Quốc Trị"})
    assert block == [(line, True) for line in lines] + [("Nguyễn Quốc Trị", True)]


# Nơi nhận (ô 9b), ô 12 and Kính gửi (ô 9a).


def recipients_block(doc: Doc) -> list[Para]:
    return [p for p in doc.cell_paragraphs(doc.tables()[1], 0, 0) if p.text]


def test_the_archive_line_keeps_the_drafters_names(tmp_path: Path) -> None:
    doc = build(tmp_path, plan(archive=["VT", "TH (Thắng)", "KT (Long)"]))
    assert recipients_block(doc)[-1].text == "- Lưu: VT, TH (Thắng), KT (Long)."


def test_the_drafter_and_copies_mark_follows_the_archive_line(tmp_path: Path) -> None:
    doc = build(tmp_path, plan(archive=["VT", "VP(02)"], drafter="PL.(300)"))
    last = recipients_block(doc)[-1]
    assert last.text == "- Lưu: VT, VP(02). PL.(300)"
    assert last.all("size") == {11.0}
    assert last.all("italic") == {False}


def kinh_gui(folder: Path, to: list[str]) -> list[str]:
    data = plan(
        kind="cong-van",
        to=to,
        recipients=["Như trên"],
        issuer={"name": "Ủy ban nhân dân tỉnh Hà Tĩnh", "abbr": "UBND-KT1", "place": "Hà Tĩnh"},
    )
    doc = build(folder, data)
    return [p.text for p in doc.body_paragraphs() if p.style_id in {"KinhGui", "KinhGuiDong"}]


def test_one_addressee_stands_on_the_kinh_gui_line(tmp_path: Path) -> None:
    assert kinh_gui(tmp_path, ["Sở Công Thương"]) == ["Kính gửi: Sở Công Thương."]


def test_several_addressees_are_dash_lines_ending_as_written(tmp_path: Path) -> None:
    assert kinh_gui(tmp_path, ["Sở Công Thương", "Sở Tài chính;", "UBND các huyện;"]) == [
        "Kính gửi:",
        "- Sở Công Thương;",
        "- Sở Tài chính;",
        "- UBND các huyện;",
    ]
    assert kinh_gui(tmp_path, ["Sở Công Thương", "Sở Tài chính"])[-1] == "- Sở Tài chính."
