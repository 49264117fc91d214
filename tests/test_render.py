"""Rendering: user text stays text, equal input gives equal bytes, writes are atomic."""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from planfiles import plan, write
from plangen import metrics, render
from plangen.build import build
from plangen.diagnostics import PlanError
from plangen.templates import make

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = Path(make.__file__).parent
HOSTILE = "A & B < C > \"q\" 'q' {{ x }} {% if y %} {_{ z }_} ${w} “cong” </w:t>"


def all_text(path: Path) -> str:
    """Every text of the document: body paragraphs and table cells (header, signature, appendix)."""
    document = Document(str(path))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts.extend(cell.text for cell in row.cells)
    return "\n".join(texts)


def hostile_plan() -> dict[str, Any]:
    data = plan(assignment="line")  # so the task's product is printed
    data["subject"] = f"Kế hoạch {HOSTILE}"
    data["issuer"]["place"] = f"Vĩnh Linh {HOSTILE}"
    data["bases"][0]["subject"] = f"về {HOSTILE}"
    data["preamble"] = f"Mở đầu {HOSTILE}"
    data["sections"][0]["text"] = f"Đoạn {HOSTILE}"
    data["sections"][0]["items"] = [f"Gạch {HOSTILE}", {"text": "Cha", "items": [f"Con {HOSTILE}"]}]
    data["sections"][1]["tasks"][0]["title"] = f"Nhiệm vụ {HOSTILE}"
    data["sections"][1]["tasks"][0]["output"] = f"Sản phẩm {HOSTILE}"
    data["units"]["KTHT"] = f"Phòng {HOSTILE}"
    data["signature"]["name"] = f"Người {HOSTILE}"
    data["recipients"] = [f"Nơi {HOSTILE}"]
    data["closing"] = f"Kết {HOSTILE} (Phụ lục)"
    data["appendices"] = [
        {"title": "Bảng", "columns": [f"Cột {HOSTILE}"], "rows": [[f"Ô {HOSTILE}"]]}
    ]
    return data


def test_xml_and_template_syntax_in_every_field_appear_literally(tmp_path: Path) -> None:
    output = tmp_path / "out.docx"
    build(write(tmp_path, hostile_plan()), output)
    text = all_text(output)
    for label in [
        "Kế hoạch",
        "Vĩnh Linh",
        "về",
        "Mở đầu",
        "Đoạn",
        "- Gạch",
        "+ Con",
        "1. Nhiệm vụ",
        "Sản phẩm",
        "Phòng",
        "Người",
        "- Nơi",
        "Kết",
        "Cột",
        "Ô",
    ]:
        assert f"{label} {HOSTILE}" in text, label


def test_the_same_plan_gives_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = ROOT / "plans" / "2024.yaml"
    first, second = tmp_path / "a.docx", tmp_path / "b" / "c.docx"
    build(source, first)
    monkeypatch.chdir(tmp_path)
    build(source, second)
    assert first.read_bytes() == second.read_bytes()


def test_zip_entries_have_fixed_dates_and_content_types_first(tmp_path: Path) -> None:
    output = tmp_path / "a.docx"
    build(ROOT / "plans" / "2024.yaml", output)
    infos = zipfile.ZipFile(output).infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
    core = zipfile.ZipFile(output).read("docProps/core.xml").decode()
    assert "2024-01-22T00:00:00Z" in core


def test_an_unchanged_output_is_not_rewritten(tmp_path: Path) -> None:
    output = tmp_path / "a.docx"
    assert build(ROOT / "plans" / "2024.yaml", output).changed
    os.utime(output, (1, 1))
    assert not build(ROOT / "plans" / "2024.yaml", output).changed
    assert output.stat().st_mtime == 1


def test_a_failed_build_keeps_the_previous_output(tmp_path: Path) -> None:
    output = tmp_path / "plan.docx"
    good = write(tmp_path, plan())
    build(good, output)
    before = output.read_bytes()
    broken = plan(date="2022-02-30")
    with pytest.raises(PlanError):
        build(write(tmp_path, broken), output)
    assert output.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.docx", "plan.yaml"]


def test_every_template_tag_sits_in_one_run() -> None:
    """Word splits runs when a user edits; a tag split across runs would silently break."""
    with zipfile.ZipFile(TEMPLATES / "ke-hoach.docx") as package:
        xml = package.read("word/document.xml").decode()
    texts = re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)
    tags = [t for t in texts if "{" in t or "}" in t]
    assert len(tags) >= 10
    for text in tags:
        assert re.fullmatch(r"\{\{p? [a-z_]+ \}\}|\{%p [^%]+ %\}", text), text


def test_the_committed_template_is_what_the_script_makes(tmp_path: Path) -> None:
    for made in make.write_all(tmp_path):
        assert made.read_bytes() == (TEMPLATES / made.name).read_bytes(), made.name


def test_a_rule_is_two_fifths_of_the_widest_line_by_the_fonts_widths() -> None:
    area = 9355
    lines = ["Phát triển công nghiệp nông thôn", "năm 2024"]
    xml = render.title_rule(lines, area)
    left = int(re.search(r'w:left="(\d+)"', xml).group(1))
    widest = metrics.width(lines[0], 14, True)
    assert abs((area - 2 * left) - round(widest * render.RULE_RATIO)) <= 1


def test_tabs_and_newlines_in_fields_never_become_tabs_or_breaks(tmp_path: Path) -> None:
    data = plan(subject="Kế\thoạch\nnăm 2022", preamble="Dòng một\ndòng hai\tcột.")
    data["sections"][0]["items"] = ["a\tb", {"text": "c\nd", "items": ["e\tf"]}]
    output = tmp_path / "a.docx"
    build(write(tmp_path, data), output)
    xml = zipfile.ZipFile(output).read("word/document.xml").decode()
    body = xml[xml.index("KẾ HOẠCH") : xml.index("Nơi nhận:")]
    assert "<w:tab/>" not in body and "<w:br" not in body
    text = all_text(output)
    assert "Kế hoạch năm 2022" in text and "Dòng một dòng hai cột." in text
    assert "- a b" in text and "+ e f" in text


def test_a_very_long_text_builds(tmp_path: Path) -> None:
    long = "Rất dài. " * 20_000
    data = plan()
    data["sections"][0]["text"] = long
    output = tmp_path / "a.docx"
    build(write(tmp_path, data), output)
    assert long.strip() in all_text(output)


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
ROW = "<w:tr><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr>"


def _in_place(body: str) -> Any:
    from plangen.template import BUNDLED, document

    return render._body_in_place(document((BUNDLED / "ke-hoach.docx").read_bytes()), body)


def test_a_rendered_body_is_parsed_in_its_document() -> None:
    body = _in_place(
        f'<w:body {W_NS}><w:p><w:r><w:t xml:space="preserve"> x </w:t></w:r></w:p></w:body>'
    )
    assert body.getparent().tag.endswith("}document")
    assert body.xpath("string(.)") == " x "  # the text as written, blanks kept


@pytest.mark.parametrize(
    "inner",
    [
        "<w:p><w:r><w:t>unclosed</w:r></w:p>",  # not well-formed: docxtpl's parser recovers it
        '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>',
        '<w:p xmlns:x="urn:x"/>',  # declarations the move would drop or keep
        f'<w:tbl><w:tblGrid><w:gridCol w:w="10"/></w:tblGrid>{ROW}</w:tbl>',  # grid too narrow
        '<w:tbl><w:tblGrid><w:gridCol w:w="10"/><w:gridCol w:w="10"/><w:gridCol w:w="10"/>'
        f"</w:tblGrid>{ROW}</w:tbl>",  # grid too wide
    ],
)
def test_a_body_docxtpl_must_mend_is_left_to_docxtpl(inner: str) -> None:
    assert _in_place(f"<w:body {W_NS}>{inner}</w:body>") is None


def test_a_table_whose_grid_fits_its_rows_is_parsed_in_place() -> None:
    grid = '<w:tblGrid><w:gridCol w:w="10"/><w:gridCol w:w="10"/></w:tblGrid>'
    assert _in_place(f"<w:body {W_NS}><w:tbl>{grid}{ROW}</w:tbl></w:body>") is not None
