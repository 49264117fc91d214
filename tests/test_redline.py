"""The redline .docx: plan B with tracked changes that accept to B and reject back to A."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import PLANS, run
from docxprops import NS
from pdfpage import read_pdf, to_pdf
from planfiles import revised_2024

W = f"{{{NS['w']}}}"
DIFFS = Path(__file__).resolve().parent / "diffs"
"""Redlines of the bundled plans as `tracked` reads them, as main wrote them before align.py."""


def _diff(old: Path, new: Path, out: Path, *options: str) -> Path:
    code, printed = run("diff", str(old), str(new), "--docx", str(out), *options)
    assert code == 1, printed
    return out


@pytest.fixture(scope="module")
def redline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("redline") / "redline.docx"
    return _diff(PLANS / "2024.yaml", PLANS / "2025.yaml", out, "--author", "Phòng Kinh tế")


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The two plans built the ordinary way, which the redline must agree with."""
    out = tmp_path_factory.mktemp("builds")
    for name in ("2024", "2025"):
        assert run("build", str(PLANS / f"{name}.yaml"), "-o", str(out / f"{name}.docx"))[0] == 0
    return {name: out / f"{name}.docx" for name in ("2024", "2025")}


def paragraphs(path: Path, keep: str) -> list[str]:
    """Body paragraph texts with every change accepted (keep='ins') or rejected ('del')."""
    root = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    out = []
    for p in root.find("w:body", NS).findall("w:p", NS):
        mark = p.find("w:pPr/w:rPr/*", NS)
        if mark is not None and mark.tag != W + keep:
            continue  # a whole paragraph inserted (or deleted) and not kept
        text = ""
        for node in p.iter(W + "t", W + "delText"):
            parent = node.getparent().getparent()
            if parent.tag in (W + "ins", W + "del") and parent.tag != W + keep:
                continue
            text += node.text or ""
        if text:
            out.append(text)
    return out


def test_accepting_every_change_gives_the_new_plans_document(
    redline: Path, builds: dict[str, Path]
) -> None:
    assert paragraphs(redline, "ins") == paragraphs(builds["2025"], "ins")


def test_rejecting_every_change_gives_the_old_plans_document(
    redline: Path, builds: dict[str, Path]
) -> None:
    def main_part(texts: list[str]) -> list[str]:
        # Appendix tables are the new plan's, untracked (said in the README).
        return texts[: texts.index("Phụ lục")] if "Phụ lục" in texts else texts

    rejected, old = paragraphs(redline, "del"), paragraphs(builds["2024"], "del")
    assert main_part(rejected) == main_part(old)


def _runs(paragraph: etree._Element) -> list[tuple[str, bytes]]:
    """(text, run properties) of each run: what a reader sees and how it is formatted."""
    out = []
    for r in paragraph.iter(W + "r"):
        props = r.find("w:rPr", NS)
        text = "".join(t.text or "" for t in r.iter(W + "t", W + "delText"))
        out.append((text, b"" if props is None else etree.tostring(props)))
    return out


def _body(path: Path) -> list[etree._Element]:
    root = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    return root.find("w:body", NS).findall("w:p", NS)


def test_the_redline_of_a_decision_keeps_every_formatting(tmp_path: Path) -> None:
    """Điều n. stays bold; an unchanged paragraph is the built paragraph, run for run."""
    old = PLANS / "hai-phong-qd-191-2021.yaml"
    new = tmp_path / "hai-phong-qd-191-2021.yaml"
    text = old.read_text(encoding="utf-8")
    assert "Chánh Văn phòng" in text
    new.write_text(text.replace("Chánh Văn phòng", "Chánh Văn phòng Ủy ban"), encoding="utf-8")
    shutil.copy(PLANS / "units.yaml", tmp_path / "units.yaml")
    redline = _diff(old, new, tmp_path / "redline.docx")
    assert run("build", str(new), "-o", str(tmp_path / "new.docx"))[0] == 0
    built = {etree.tostring(p): p for p in _body(tmp_path / "new.docx")}
    unchanged = [p for p in _body(redline) if etree.tostring(p) in built]
    tracked = [p for p in _body(redline) if p.find(".//w:ins", NS) is not None]
    assert len(unchanged) > 50 and tracked
    for paragraph in tracked:
        style = paragraph.find("w:pPr/w:pStyle", NS).get(W + "val")
        if style == "Dieu":
            (label, *_) = _runs(paragraph)
            assert label[0].startswith("Điều ") and b"<w:b/>" in label[1]
    articles = [
        p for p in _body(redline) if p.find("w:pPr/w:pStyle[@w:val='Dieu']", NS) is not None
    ]
    assert articles and all(b"w:b" in _runs(p)[0][1] for p in articles)


def test_changes_carry_the_author_and_the_new_plans_date(redline: Path) -> None:
    root = etree.fromstring(zipfile.ZipFile(redline).read("word/document.xml"))
    marks = root.findall(".//w:ins", NS) + root.findall(".//w:del", NS)
    assert len(marks) > 20
    assert {m.get(W + "author") for m in marks} == {"Phòng Kinh tế"}
    assert {m.get(W + "date") for m in marks} == {"2025-01-01T00:00:00Z"}
    ids = [m.get(W + "id") for m in marks]
    assert len(ids) == len(set(ids))
    inserted = {t.text for m in root.findall(".//w:ins", NS) for t in m.iter(W + "t")}
    deleted = {t.text for m in root.findall(".//w:del", NS) for t in m.iter(W + "delText")}
    assert "2025" in inserted and "2024" in deleted


def test_the_redline_opens_in_libreoffice(redline: Path, tmp_path: Path) -> None:
    pages = read_pdf(to_pdf(redline, tmp_path))
    assert len(pages) >= 8
    assert pages[0].find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") is not None


def test_the_redline_passes_check_on_its_printed_page(redline: Path) -> None:
    """Its struck and underlined words are text, not the rules the decree measures: the
    underlined '2025' in the trích yếu is not the rule under it."""
    code, printed = run("check", "--render", str(redline))
    assert code == 0, printed
    assert "R42 PASS" in printed and "0 FAIL" in printed


def _part(path: Path, name: str) -> bytes:
    return zipfile.ZipFile(path).read(name)


def test_the_redline_is_laid_out_as_the_document(redline: Path, builds: dict[str, Path]) -> None:
    """Same page setup, styles, header and signature block as a normal build of plan B."""
    built = builds["2025"]
    assert _part(redline, "word/styles.xml") == _part(built, "word/styles.xml")
    for part in ("word/header1.xml", "word/header2.xml"):
        assert _part(redline, part) == _part(built, part)
    trees = [etree.fromstring(_part(p, "word/document.xml")) for p in (redline, built)]
    sections = [[etree.tostring(s) for s in t.iter(W + "sectPr")] for t in trees]
    assert sections[0] == sections[1] and len(sections[0]) >= 2
    tables = [t.find("w:body", NS).findall("w:tbl", NS) for t in trees]
    assert len(tables[0]) == len(tables[1])
    # the signature table (recipients, authority, signer), unchanged between the plans
    assert etree.tostring(tables[0][1]) == etree.tostring(tables[1][1])
    # the closing paragraph keeps with it, as in the build
    closing = [t[1].getprevious() for t in tables]
    assert [c.find("w:pPr/w:keepNext", NS) is not None for c in closing] == [True, True]


def tracked(path: Path) -> list[str]:
    """Every paragraph of the document, one a line: '+ ' or '- ' where the whole paragraph
    is inserted or deleted, else its text with [-deleted-] and {+inserted+} words."""
    root = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    out = []
    for p in root.find("w:body", NS).iter(W + "p"):
        mark = p.find("w:pPr/w:rPr/*", NS)
        line = {W + "ins": "+ ", W + "del": "- "}.get(mark.tag if mark is not None else "", "  ")
        for node in p.iter(W + "t", W + "delText"):
            wrapper = node.getparent().getparent().tag
            text = node.text or ""
            if wrapper == W + "ins" and mark is None:
                text = "{+" + text + "+}"
            elif wrapper == W + "del" and mark is None:
                text = "[-" + text + "-]"
            line += text
        if line.strip():
            out.append(line)
    return out


@pytest.mark.parametrize("old, new", [("2024", "2025"), ("2025", "2024")])
def test_the_bundled_plans_redline_as_before(old: str, new: str, tmp_path: Path) -> None:
    out = _diff(PLANS / f"{old}.yaml", PLANS / f"{new}.yaml", tmp_path / "redline.docx")
    expected = (DIFFS / f"{old}-{new}.redline").read_text(encoding="utf-8").splitlines()
    assert tracked(out) == expected


def test_a_renumbered_task_is_tracked_in_its_number_and_a_list_item_by_item(
    tmp_path: Path,
) -> None:
    out = _diff(PLANS / "2024.yaml", revised_2024(tmp_path), tmp_path / "redline.docx")
    lines = tracked(out)
    kept = "Hỗ trợ đầu tư phát triển sản xuất, nâng cao năng lực cạnh tranh cơ sở CNNT"
    assert f"  [-2.-]{{+3.+}} {kept}" in lines
    assert "+ 6. Hỗ trợ cơ sở CNNT chuyển đổi số" in lines
    # a unit's list of tasks: the item that left is deleted whole, the others keep their words
    assert (
        "  - Phối hợp thực hiện các nhiệm vụ: [-“Phát triển ngành nghề nông thôn, làng nghề "
        "truyền thống” (khoản 3 Mục II); -]“Đào tạo nghề, phát triển nguồn nhân lực cho khu vực "
        "nông thôn” (khoản [-5-]{+2 Mục II); “Phát triển ngành nghề nông thôn, làng nghề truyền "
        "thống” (khoản 4+} Mục II); “Ứng dụng khoa học công nghệ, sản xuất sạch hơn và bảo vệ "
        "môi trường” (khoản [-6-]{+5+} Mục II)."
    ) in lines


def test_a_revision_with_moved_and_new_tasks_accepts_and_rejects_to_each_plan(
    tmp_path: Path, builds: dict[str, Path]
) -> None:
    revised = revised_2024(tmp_path)
    out = _diff(PLANS / "2024.yaml", revised, tmp_path / "redline.docx")
    assert run("build", str(revised), "-o", str(tmp_path / "revised.docx"))[0] == 0
    assert paragraphs(out, "ins") == paragraphs(tmp_path / "revised.docx", "ins")
    rejected, old = paragraphs(out, "del"), paragraphs(builds["2024"], "del")
    assert rejected[: rejected.index("Phụ lục")] == old[: old.index("Phụ lục")]


def test_a_report_s_redline_words_its_results_once_as_its_build_does(tmp_path: Path) -> None:
    """A báo cáo's `report:` sections are filled in from its plan once, not again from its
    results as if it stood alone."""
    report = PLANS / "bao-cao-2024.yaml"
    out = _diff(PLANS / "2024.yaml", report, tmp_path / "redline.docx")
    assert run("build", str(report), "-o", str(tmp_path / "report.docx"))[0] == 0
    accepted = paragraphs(out, "ins")
    assert accepted == paragraphs(tmp_path / "report.docx", "ins")
    assert not [text for text in accepted if "ha-tang-ccn" in text]  # a result's key, unworded
