"""plangen.pdf and `build --pdf`: one LibreOffice run for a batch, the page as printed, fonts."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from conftest import PLANS, TEST_PLANS, run
from pdfpage import read_pdf, soffice
from plangen.diagnostics import PlanError
from plangen.pdf import Pdf, convert, needed_fonts

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


@pytest.fixture(autouse=True)
def _libreoffice() -> None:
    soffice()  # skipped without LibreOffice, failed under CI


def test_build_pdf_writes_the_pdf_beside_each_docx(tmp_path: Path) -> None:
    code, output = run(
        "build", str(PLANS / "2024.yaml"), str(TEST_PLANS / "minimal.yaml"), "-o", str(tmp_path)
    )
    assert code == 0, output
    code, output = run(
        "build",
        str(PLANS / "2024.yaml"),
        str(TEST_PLANS / "minimal.yaml"),
        "-o",
        str(tmp_path),
        "--pdf",
    )
    assert code == 0, output
    assert f"{tmp_path / '2024.pdf'} (đã ghi PDF; PDF written)" in output
    pages = read_pdf(tmp_path / "2024.pdf")
    first = [line.text for line in pages[0].lines]
    assert QUOC_HIEU in first and "KẾ HOẠCH" in first
    assert any(t.startswith("Triển khai thực hiện đề án phát triển công nghiệp") for t in first)
    # every page is there: the signature closes the last portrait page, which is numbered
    # as the count of portrait pages, and the appendix follows on its own pages
    portrait = [page for page in pages if not page.landscape]
    assert len(portrait) >= 3 and len(pages) > len(portrait)
    assert portrait[-1].find("Phan Quý Phương") is not None
    assert portrait[-1].lines[0].text == str(len(portrait))
    assert pages[len(portrait)].find("Phụ lục") is not None
    assert read_pdf(tmp_path / "minimal.pdf")[0].find(QUOC_HIEU) is not None


def test_a_batch_is_one_run_where_names_stay_apart_and_a_failure_stays_alone(
    tmp_path: Path,
) -> None:
    for folder, plan in (("a", "2024.yaml"), ("b", "ha-tinh-cv-8287-2019.yaml")):
        code, output = run("build", str(PLANS / plan), "-o", str(tmp_path / folder / "X.docx"))
        assert code == 0, output
    gone = tmp_path / "gone.docx"
    jobs = [(tmp_path / f / "X.docx", tmp_path / f / "X.pdf") for f in ("a", "b")]
    first, failed, second = convert([jobs[0], (gone, tmp_path / "gone.pdf"), jobs[1]])
    assert isinstance(first, Pdf) and isinstance(second, Pdf)
    assert [(first.source, first.path), (second.source, second.path)] == jobs
    assert read_pdf(tmp_path / "a" / "X.pdf")[0].find("KẾ HOẠCH") is not None
    assert read_pdf(tmp_path / "b" / "X.pdf")[0].find("Kính gửi:") is not None
    assert first.warnings == second.warnings == ()
    assert {"LiberationSerif", "LiberationSerif-Bold"} <= set(first.fonts)
    assert isinstance(failed, PlanError) and not (tmp_path / "gone.pdf").exists()
    (problem,) = failed.diagnostics
    assert (problem.path, problem.code) == (str(gone), "pdf-failed")
    assert "(conversion failed)" in problem.message


def test_filter_options_reach_libreoffice(built: dict[str, Path], tmp_path: Path) -> None:
    (result,) = convert([(built["2024"], tmp_path / "p1.pdf")], options={"PageRange": "1"})
    assert isinstance(result, Pdf)
    assert len(read_pdf(result.path)) == 1


def test_a_font_that_is_not_installed_is_reported(tmp_path: Path) -> None:
    document = Document()
    run_ = document.add_paragraph().add_run("Kế hoạch phát triển")
    run_.font.name = "Plangen Nonexistent Serif"
    docx = tmp_path / "odd.docx"
    document.save(str(docx))
    assert "Plangen Nonexistent Serif" in needed_fonts(docx)
    (result,) = convert([(docx, tmp_path / "odd.pdf")])
    assert isinstance(result, Pdf)
    codes = {(w.code, w.severity) for w in result.warnings}
    assert ("font-missing", "warning") in codes and ("font-fallback", "warning") in codes
    assert all(w.path == str(docx) for w in result.warnings)


def test_a_timeout_ends_libreoffice_with_exit_2(built: dict[str, Path], tmp_path: Path) -> None:
    with pytest.raises(PlanError) as caught:
        convert([(built["2024"], tmp_path / "late.pdf")], timeout=0.01)
    assert caught.value.diagnostics[0].code == "pdf-timeout"
    assert not (tmp_path / "late.pdf").exists()


def test_without_libreoffice_build_pdf_says_so_and_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    code, output = run("build", str(TEST_PLANS / "minimal.yaml"), "-o", str(tmp_path), "--pdf")
    assert code == 2
    assert "không tìm thấy LibreOffice (soffice)" in output
    assert "(LibreOffice is not installed)" in output and "Traceback" not in output
    assert (tmp_path / "minimal.docx").is_file() and not (tmp_path / "minimal.pdf").exists()
