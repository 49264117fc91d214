"""`plangen init`: a new repository of plans that builds at once, and never loses a file."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from conftest import run
from docxprops import Doc
from plangen.loader import read
from plangen.template import BUNDLED

YEAR = 2026


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    folder = tmp_path / "ke-hoach"
    code, printed = run("init", str(folder), "--year", str(YEAR))
    assert code == 0, printed
    return folder


def test_init_lays_out_plans_templates_schema_git_settings_and_a_readme(repo: Path) -> None:
    made = sorted(str(p.relative_to(repo)) for p in repo.rglob("*") if p.is_file())
    assert made == [
        ".gitattributes",
        ".gitignore",
        "README.md",
        "plangen.schema.json",
        f"plans/{YEAR}.yaml",
        "plans/units.yaml",
        "templates/bao-cao.docx",
        "templates/cong-van.docx",
        "templates/ke-hoach.docx",
        "templates/quyet-dinh.docx",
    ]
    for template in repo.glob("templates/*.docx"):
        assert template.read_bytes() == (BUNDLED / template.name).read_bytes()
    assert (repo / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "output/"
    attributes = (repo / ".gitattributes").read_text(encoding="utf-8")
    assert "*.docx diff=plangen" in attributes.splitlines()
    assert 'git config diff.plangen.textconv "plangen text"' in attributes
    readme = (repo / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# Kế hoạch của cơ quan") and f"plans/{YEAR}.yaml" in readme


def test_the_example_is_a_complete_commented_ke_hoach_with_the_editor_modeline(
    repo: Path,
) -> None:
    text = (repo / "plans" / f"{YEAR}.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../plangen.schema.json"
    data = read(repo / "plans" / f"{YEAR}.yaml").data
    assert data["kind"] == "ke-hoach" and data["year"] == YEAR and data["units"] == "units.yaml"
    parts = {key for section in data["sections"] for key in section}
    assert {"targets", "tasks", "budget", "organization", "sections", "text"} <= parts
    title = f"Danh mục nhiệm vụ phát triển công nghiệp nông thôn năm {YEAR}"
    assert data["appendices"] == [{"title": title, "table": "tasks"}]
    top_level = [line for line in text.splitlines() if line[:1].isalpha()]
    commented = [line for line in top_level if "#" in line]
    assert len(commented) >= 12, "most top-level fields say what they are"


def test_the_editor_schema_knows_the_units_and_passes_the_example(repo: Path) -> None:
    schema = json.loads((repo / "plangen.schema.json").read_text(encoding="utf-8"))
    assert schema["$defs"]["UnitKey"]["enum"] == ["PKTHT", "PTCKH", "UBNDX"]
    validator = jsonschema.Draft202012Validator(schema)
    assert list(validator.iter_errors(read(repo / "plans" / f"{YEAR}.yaml").data)) == []


def test_cd_into_it_and_build_works_at_once_with_its_own_templates(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    code, printed = run("build", f"plans/{YEAR}.yaml")
    assert code == 0, printed
    assert f"output/{YEAR}.docx (đã ghi; written)\n" in printed
    assert printed.endswith(f"  mẫu (template): {repo.resolve()}/templates/ke-hoach.docx\n")
    assert "[draft]" in printed  # the example is a draft until the văn thư numbers it
    doc = Doc(repo / "output" / f"{YEAR}.docx")
    texts = [p.text for p in doc.body_paragraphs()]
    assert f"Phát triển công nghiệp nông thôn năm {YEAR}" in texts
    # Restyling the repository's own template changes the next build.
    shutil.copy(BUNDLED / "cong-van.docx", repo / "templates" / "ke-hoach.docx")
    assert "(đã ghi; written)\n" in run("build", f"plans/{YEAR}.yaml")[1]


def test_git_diff_of_a_built_document_shows_its_text(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    git = ["git", "-c", "user.name=T", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True, timeout=60)
    textconv = f"{sys.executable} -m plangen text"
    subprocess.run([*git, "config", "diff.plangen.textconv", textconv], check=True, timeout=60)
    assert run("build", f"plans/{YEAR}.yaml", "-o", "built.docx")[0] == 0
    subprocess.run([*git, "add", "-A"], check=True, timeout=60)
    subprocess.run([*git, "commit", "-qm", "x"], check=True, timeout=60)
    plan = repo / "plans" / f"{YEAR}.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("Nguyễn Văn A", "Trần Thị B"))
    assert run("build", f"plans/{YEAR}.yaml", "-o", "built.docx")[0] == 0
    diff = subprocess.run(
        [*git, "diff", "built.docx"], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    removed = [line for line in diff.splitlines() if line.startswith("-") and "Nguyễn" in line]
    added = [line for line in diff.splitlines() if line.startswith("+") and "Trần Thị B" in line]
    assert removed and added and "Binary files" not in diff


def test_a_folder_that_is_not_empty_is_refused_and_left_alone(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    code, printed = run("init", str(tmp_path))
    assert code == 2 and f"{tmp_path}:1:1" in printed and "[init-not-empty]" in printed
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_force_adds_what_is_missing_and_keeps_every_file_already_there(repo: Path) -> None:
    plan = repo / "plans" / f"{YEAR}.yaml"
    plan.write_text("# my own plan\n", encoding="utf-8")
    (repo / "README.md").unlink()
    code, printed = run("init", str(repo), "--year", str(YEAR), "--force")
    assert code == 0
    assert f"{plan} (đã có, giữ nguyên; kept)" in printed.splitlines()
    assert f"{repo / 'README.md'} (đã tạo; created)" in printed.splitlines()
    assert plan.read_text(encoding="utf-8") == "# my own plan\n"


def test_a_file_in_the_way_is_exit_2(tmp_path: Path) -> None:
    blocker = tmp_path / "ke-hoach"
    blocker.write_text("x", encoding="utf-8")
    code, printed = run("init", str(blocker))
    assert code == 2 and "[init-not-folder]" in printed
