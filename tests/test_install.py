"""Installing plangen: the README's two set-up commands, CI's use of them, and a wheel
installed in a fresh virtual environment that builds a plan from an unrelated folder."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import PLANS, ROOT, run

README = (ROOT / "README.md").read_text(encoding="utf-8")
SETUP = README[README.index("## Set-up") : README.index("## Commands")]


def _commands() -> list[str]:
    return re.findall(r"```sh\n(.*?)\n```", SETUP, re.DOTALL)


def test_the_readme_sets_up_in_exactly_two_commands_each_in_a_fresh_venv() -> None:
    build, tests = _commands()
    for command in (build, tests):
        assert "\n" not in command
        assert command.startswith("python3 -m venv .venv && . .venv/bin/activate && ")
    assert build.endswith("python -m pip install -e . && plangen build plans/2024.yaml")
    assert tests.endswith("python -m pip install -e '.[test]' && python -m pytest")


def test_ci_runs_the_readmes_test_command_verbatim() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert ci[-1] == _commands()[1]


def test_python_dash_m_plangen_is_the_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "plangen", "validate", str(PLANS / "2024.yaml")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and "hợp lệ (valid)" in done.stdout


def test_a_wheel_in_a_fresh_venv_builds_a_plan_from_another_folder(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = wheels.glob("plangen-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for template in ("ke-hoach", "quyet-dinh", "cong-van", "bao-cao"):
        assert f"plangen/templates/{template}.docx" in names
    assert "plangen/templates/make.py" in names and "plangen/__main__.py" in names
    assert "plangen/starter/plan.yaml" in names  # what `plangen init` lays out

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    subprocess.run(
        [venv / "bin" / "python", "-m", "pip", "install", "-q", str(wheel)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = subprocess.run(
        [venv / "bin" / "python", "-c", "import plangen.template as t; print(t.BUNDLED)"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert Path(where.stdout.strip()).is_relative_to(venv)
    done = subprocess.run(
        [venv / "bin" / "plangen", "build", str(PLANS / "2024.yaml")],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "output/2024.docx (đã ghi; written)\n"
    here = tmp_path / "here.docx"
    assert run("build", str(PLANS / "2024.yaml"), "-o", str(here))[0] == 0
    assert (elsewhere / "output" / "2024.docx").read_bytes() == here.read_bytes()
