"""Every file plangen writes is schema-valid Office Open XML, as an independent validator sees it.

Word is strict about element order in many places (tblPr, sectPr children…) and repairs
a file that breaks it, or refuses it; openxml-audit checks the ECMA-376 schemas and the
parts Word cross-checks (styles.xml against stylesWithEffects.xml, for instance).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openxml_audit import OpenXmlValidator

from conftest import BUNDLED, PLANS, TEST_PLANS, run
from plangen.templates import make

TEMPLATES = sorted(make.TEMPLATES)


def findings(path: Path) -> list[str]:
    result = OpenXmlValidator(max_errors=0).validate(str(path))
    return [str(error) for error in result.errors]


@pytest.mark.parametrize("name", BUNDLED)
def test_every_bundled_document_of_every_kind_is_valid(
    documents: dict[str, Path], name: str
) -> None:
    assert findings(documents[name]) == []


@pytest.mark.parametrize("kind", TEMPLATES)
def test_every_template_is_valid(kind: str) -> None:
    assert findings(Path(make.__file__).parent / f"{kind}.docx") == []


@pytest.mark.parametrize("plan", sorted(TEST_PLANS.glob("*.yaml")), ids=lambda p: p.stem)
def test_test_plans_are_valid(plan: Path, tmp_path: Path) -> None:
    # qd-attached: a decision carrying the plan it issues (a second header, Mẫu 1.3).
    out = tmp_path / f"{plan.stem}.docx"
    code, output = run("build", str(plan), "-o", str(out))
    assert code == 0, output
    assert findings(out) == []


def test_the_redline_is_valid(tmp_path: Path) -> None:
    out = tmp_path / "redline.docx"
    code, _ = run("diff", str(PLANS / "2024.yaml"), str(PLANS / "2025.yaml"), "--docx", str(out))
    assert code == 1
    assert findings(out) == []


def test_the_validator_sees_an_element_out_of_order(tmp_path: Path) -> None:
    """The check has teeth: the order python-docx used to leave in sectPr is reported."""
    import zipfile

    source = Path(make.__file__).parent / "ke-hoach.docx"
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(broken, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                start = data.index(b"<w:pgNumType")
                end = data.index(b"/>", start) + 2
                numbering, data = data[start:end], data[:start] + data[end:]
                data = data.replace(b"</w:sectPr>", numbering + b"</w:sectPr>")
            zout.writestr(item, data)
    assert any("pgNumType" in finding for finding in findings(broken))
