"""`plangen text`: a built document's text in reading order, for git diffs; drafts say so."""

from __future__ import annotations

from pathlib import Path

from conftest import run
from planfiles import plan, write
from plangen.build import build


def test_text_lists_header_body_and_signature_in_reading_order(built: dict[str, Path]) -> None:
    code, printed = run("text", str(built["2024"]))
    lines = printed.splitlines()
    assert code == 0
    assert lines[0] == (
        "ỦY BAN NHÂN DÂN / TỈNH THỪA THIÊN HUẾ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT "
        "NAM / Độc lập - Tự do - Hạnh phúc"
    )
    assert lines[1] == "Số: 26/KH-UBND | Thừa Thiên Huế, ngày 22 tháng 01 năm 2024"
    assert lines[2:4] == [
        "KẾ HOẠCH",
        "Triển khai thực hiện đề án phát triển công nghiệp nông thôn tỉnh Thừa Thiên Huế năm 2024",
    ]
    assert lines.index("I. MỤC ĐÍCH, YÊU CẦU") < lines.index("II. NỘI DUNG THỰC HIỆN")
    assert any(line.startswith("Nơi nhận:") and "TM. ỦY BAN NHÂN DÂN" in line for line in lines)
    assert (
        "TT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Sản phẩm | Thời hạn hoàn thành"
        in lines
    )


def test_text_of_something_that_is_not_a_docx_is_a_user_error(tmp_path: Path) -> None:
    bad = tmp_path / "a.docx"
    bad.write_text("not a zip", encoding="utf-8")
    code, printed = run("text", str(bad))
    assert code == 2 and "không phải tệp .docx" in printed


def test_a_draft_shows_du_thao_on_page_one_and_a_final_does_not(tmp_path: Path) -> None:
    draft, final = tmp_path / "draft.docx", tmp_path / "final.docx"
    build(write(tmp_path, plan(number=None, date=None), "draft.yaml"), draft)
    build(write(tmp_path, plan(), "final.yaml"), final)
    assert run("text", str(draft))[1].splitlines()[0] == "DỰ THẢO"
    assert "DỰ THẢO" not in run("text", str(final))[1]
    assert (
        "Số:      /KH-UBND | Vĩnh Linh, ngày      tháng      năm 2022" in run("text", str(draft))[1]
    )
