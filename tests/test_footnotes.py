"""Footnotes: `[^…]` in the text becomes a real Word footnote, 10 pt, numbered by Word."""

from __future__ import annotations

import zipfile
from pathlib import Path

from conftest import run
from planfiles import with_yaml, write
from test_valid_ooxml import findings

NOTED = """
sections:
  - title: Nội dung
    text: >-
      Phát triển các khu công nghiệp theo quy định[^Nghị định số 35/2022/NĐ-CP ngày 28/5/2022.]
      và các cụm công nghiệp[^Nghị định số 32/2024/NĐ-CP.] trên địa bàn.
    items:
      - Ghi chú [ô vuông] và [^ ] không phải chú thích? Dấu [^Chú thích trong gạch đầu dòng.] có.
closing: Trên đây là kế hoạch.
"""


def _built(folder: Path) -> Path:
    out = folder / "plan.docx"
    code, output = run("build", str(write(folder, with_yaml(NOTED))), "-o", str(out))
    assert code == 0, output
    return out


def test_a_marked_note_is_a_word_footnote_at_its_place(tmp_path: Path) -> None:
    out = _built(tmp_path)
    with zipfile.ZipFile(out) as package:
        document = package.read("word/document.xml").decode()
        notes = package.read("word/footnotes.xml").decode()
        types = package.read("[Content_Types].xml").decode()
        rels = package.read("word/_rels/document.xml.rels").decode()
    assert "theo quy định</w:t></w:r><w:r><w:rPr><w:vertAlign" in document
    assert document.count("<w:footnoteReference") == 3
    assert "[^Nghị định" not in document
    assert (
        '<w:footnote w:id="1">' in notes and "Nghị định số 35/2022/NĐ-CP ngày 28/5/2022." in notes
    )
    assert '<w:sz w:val="20"/>' in notes  # 10 pt
    assert "<w:footnoteRef/>" in notes  # Word numbers it
    assert "wordprocessingml.footnotes+xml" in types and "relationships/footnotes" in rels


def test_the_footnotes_part_is_schema_valid(tmp_path: Path) -> None:
    assert findings(_built(tmp_path)) == []


def test_plangen_text_shows_the_notes(tmp_path: Path) -> None:
    code, shown = run("text", str(_built(tmp_path)))
    assert code == 0
    assert "[1] Nghị định số 35/2022/NĐ-CP ngày 28/5/2022." in shown.splitlines()
    assert "[3] Chú thích trong gạch đầu dòng." in shown.splitlines()
    assert "- Ghi chú [ô vuông] và [^ ] không phải chú thích? Dấu có." in shown.splitlines()
