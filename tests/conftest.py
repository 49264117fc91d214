"""Shared fixtures: plans built once per test session, through the real CLI."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from docxprops import Doc
from pdfpage import Page, read_pdf, soffice, to_pdf, to_pdfs
from plangen.cli import main

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "plans"
TEST_PLANS = Path(__file__).resolve().parent / "plans"
os.environ["PLANGEN_LANG"] = "vi"  # the tests read the default messages, whatever LANG says
# builds note what they read in the cache folder (unchanged.py): the tests' own, not the user's
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="plangen-test-cache-")
atexit.register(shutil.rmtree, os.environ["XDG_CACHE_HOME"], True)


def run(*args: str) -> tuple[int, str]:
    """Run `plangen` in-process; exit code and everything it printed."""
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The bundled plans and the test plans, each built once into a temporary folder."""
    out = tmp_path_factory.mktemp("built")
    paths = {}
    for plan in [PLANS / "2024.yaml", TEST_PLANS / "minimal.yaml"]:
        target = out / f"{plan.stem}.docx"
        code, output = run("build", str(plan), "-o", str(target))
        assert code == 0, output
        paths[plan.stem] = target
    return paths


BUNDLED = sorted(p.name for p in PLANS.glob("*.yaml") if p.name != "units.yaml")
"""The bundled documents' plans (units.yaml is the shared unit list, not a document)."""


@pytest.fixture(scope="session")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every bundled plan built once by the CLI, by plan file name."""
    out = tmp_path_factory.mktemp("bundled")
    built = {}
    for name in BUNDLED:
        target = out / name.replace(".yaml", ".docx")
        code, output = run("build", str(PLANS / name), "-o", str(target))
        assert code == 0, output
        built[name] = target
    return built


@pytest.fixture(scope="session")
def printed(
    documents: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """Every bundled document as LibreOffice prints it, converted in one batch."""
    pdfs = to_pdfs(list(documents.values()), tmp_path_factory.mktemp("bundled-pdf"))
    return dict(zip(documents, pdfs, strict=True))


@pytest.fixture(scope="session")
def doc2024(built: dict[str, Path]) -> Doc:
    return Doc(built["2024"])


@pytest.fixture(scope="session")
def electronic2024(tmp_path_factory: pytest.TempPathFactory) -> Doc:
    """The 2024 plan issued electronically: number and date left to the document system."""
    target = tmp_path_factory.mktemp("electronic") / "2024.docx"
    code, output = run("build", "--electronic", str(PLANS / "2024.yaml"), "-o", str(target))
    assert code == 0, output
    return Doc(target)


@pytest.fixture(scope="session")
def pages2024(built: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> list[Page]:
    return read_pdf(to_pdf(built["2024"], tmp_path_factory.mktemp("pdf")))


@pytest.fixture(scope="session")
def electronic_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every bundled plan built `--electronic --pdf` (PDF/A, signature fields, X.json), by the
    CLI in one LibreOffice run."""
    soffice()
    out = tmp_path_factory.mktemp("electronic-pdf")
    code, printed = run("build", "--electronic", "--pdf", str(PLANS), "-o", str(out))
    assert code == 0, printed
    return {path.stem: path for path in sorted(out.glob("*.pdf"))}
