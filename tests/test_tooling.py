"""The code base holds itself to its own standards: ruff (lint and format) and mypy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHECKED = ["src", "tests", "benchmarks"]


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", *CHECKED],
        ["ruff", "format", "--check", *CHECKED],
        ["mypy"],
    ],
    ids=["ruff-check", "ruff-format", "mypy"],
)
def test_the_code_passes(command: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr


SOURCE = ROOT / "src" / "plangen"
STAGES = {
    0: "__init__ locale.__init__ templates.__init__ language diagnostics vn styles metrics places "
    "align cache atomic",
    1: "numbering kinds",
    2: "overlay loader template files",
    3: "model",
    4: "rules validation tables",
    5: "report context",
    6: "ooxml linebreak package render redline",
    7: "output pdf docxprops page unchanged",
    8: "build changes nextyear textconv record electronic sign schema sourcetext importer "
    "importunits copyrepair scaffold conformance watch console locale.make templates.make",
    9: "cli __main__",
}
"""Data flows one way: values, numbering, loading, the model, checks, wording, Word XML,
files, the commands, the CLI. A module imports only from its own stage or lower ones."""
STAGE = {module: stage for stage, modules in STAGES.items() for module in modules.split()}


def _imports(path: Path) -> set[str]:
    """The plangen modules `path` imports at run time (not under `if TYPE_CHECKING:`)."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
        for node in ast.walk(block)
    }
    found = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module == "plangen":
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("plangen."):
            found.add(node.module.removeprefix("plangen."))  # type: ignore[union-attr]
        elif isinstance(node, ast.Import):
            found |= {a.name.removeprefix("plangen.") for a in node.names if "plangen." in a.name}
    return found


def _graph() -> dict[str, set[str]]:
    modules = {
        ".".join(path.relative_to(SOURCE).with_suffix("").parts): path
        for path in SOURCE.rglob("*.py")
    }
    return {name: _imports(path) & modules.keys() - {name} for name, path in modules.items()}


def test_every_module_has_a_stage() -> None:
    assert sorted(_graph().keys() - STAGE.keys()) == []


def test_no_module_imports_from_a_later_stage() -> None:
    upward = [
        (module, used)
        for module, imported in _graph().items()
        for used in sorted(imported)
        if STAGE.get(used, 99) > STAGE.get(module, -1)
    ]
    assert upward == []


def test_imports_have_no_cycles() -> None:
    graph = _graph()
    done: set[str] = set()

    def cycle(module: str, path: list[str]) -> list[str]:
        if module in path:
            return [*path[path.index(module) :], module]
        if module in done:
            return []
        for used in sorted(graph[module]):
            if found := cycle(used, [*path, module]):
                return found
        done.add(module)
        return []

    assert [found for module in sorted(graph) if (found := cycle(module, []))] == []
