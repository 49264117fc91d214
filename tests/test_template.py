"""The Jinja environment templates render in: compiled once, kept for the next process,
refused each time."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from jinja2 import TemplateSyntaxError

from plangen.template import environment


def test_a_template_part_is_compiled_once_and_renders_each_build_its_values() -> None:
    part = "<w:t>{{ subject }}</w:t>"
    first, again = environment().from_string(part), environment().from_string(part)
    assert first is again
    assert first.render(subject="Kế hoạch <1>") == "<w:t>Kế hoạch &lt;1&gt;</w:t>"
    assert again.render(subject="Khác") == "<w:t>Khác</w:t>"


def test_a_construct_not_allowed_is_refused_every_time() -> None:
    for _ in range(2):
        with pytest.raises(TemplateSyntaxError):
            environment().from_string("{{ subject | upper }}")


def _fresh_process(program: str, cache: Path) -> str:
    """What `program` prints, run by a new interpreter with `cache` as its cache folder."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, env=env, check=True
    )
    return done.stdout.strip()


COMPILES = (
    "import jinja2\n"
    "calls = []\n"
    "compile = jinja2.Environment.compile\n"
    "jinja2.Environment.compile = lambda *a, **k: calls.append(1) or compile(*a, **k)\n"
    "from plangen.template import environment\n"
    "part = environment().from_string('<w:t>{{ subject }}</w:t>')\n"
    "print(len(calls), part.render(subject='Kế hoạch <1>'))"
)


def test_a_part_compiled_once_is_read_back_by_the_next_process(tmp_path: Path) -> None:
    assert _fresh_process(COMPILES, tmp_path) == "1 <w:t>Kế hoạch &lt;1&gt;</w:t>"
    assert _fresh_process(COMPILES, tmp_path) == "0 <w:t>Kế hoạch &lt;1&gt;</w:t>"


def test_damaged_compiled_code_is_compiled_again(tmp_path: Path) -> None:
    _fresh_process(COMPILES, tmp_path)
    [kept] = (tmp_path / "plangen" / "jinja").iterdir()
    kept.write_bytes(b"j2\x00damaged")
    assert _fresh_process(COMPILES, tmp_path) == "1 <w:t>Kế hoạch &lt;1&gt;</w:t>"


CHECKS = (
    "import sys\n"
    "from plangen import template\n"
    "used = template.load(template.BUNDLED / 'ke-hoach.docx')\n"
    "print(used.bundled, 'jinja2.meta' in sys.modules)"
)


def test_a_template_checked_once_is_not_parsed_again_by_the_next_process(
    tmp_path: Path,
) -> None:
    assert _fresh_process(CHECKS, tmp_path) == "True True"
    assert _fresh_process(CHECKS, tmp_path) == "True False"
    [kept] = (tmp_path / "plangen" / "templates").iterdir()
    kept.write_text("[1]")  # damaged: checked again
    assert _fresh_process(CHECKS, tmp_path) == "True True"
