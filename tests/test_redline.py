"""The redline .docx: plan B with tracked changes that accept to B and reject back to A."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import PLANS, run
from docxprops import NS
from pdfpage import read_pdf, to_pdf
from plangen import context
from plangen.validation import validate

W = f"{{{NS['w']}}}"


@pytest.fixture(scope="module")
def redline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("redline") / "redline.docx"
    code, _ = run(
        "diff",
        str(PLANS / "2024.yaml"),
        str(PLANS / "2025.yaml"),
        "--docx",
        str(path),
        "--author",
        "Phòng Kinh tế",
    )
    assert code == 1
    return path


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


def body_texts(name: str) -> list[str]:
    return [b.text for b in context.body(validate(PLANS / name).plan)]


def body_of(texts: list[str], plan: list[str]) -> list[str]:
    """The run of `texts` that starts with the plan's first body paragraph."""
    start = texts.index(plan[0])
    return texts[start : start + len(plan)]


def test_accepting_every_change_gives_the_new_plan(redline: Path) -> None:
    new = body_texts("2025.yaml")
    accepted = paragraphs(redline, "ins")
    assert body_of(accepted, new) == new
    assert accepted[accepted.index("KẾ HOẠCH") + 1].endswith("năm 2025")


def test_rejecting_every_change_gives_the_old_plan(redline: Path) -> None:
    old = body_texts("2024.yaml")
    rejected = paragraphs(redline, "del")
    assert body_of(rejected, old) == old
    assert rejected[rejected.index("KẾ HOẠCH") + 1].endswith("năm 2024")


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
