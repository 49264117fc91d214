"""The Jinja environment templates render in: compiled once per process, refused each time."""

from __future__ import annotations

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
