"""Reading the user's files: UTF-8 text only, and a revision is never an option for git."""

from __future__ import annotations

from pathlib import Path

import pytest

from plangen import files
from plangen.diagnostics import PlanError


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"\xff\xfek\x00", "encoding-utf16"),
        (b"kind: a\x00\n", "file-binary"),
        (b"kind: \xc3(\n", "encoding-invalid"),
    ],
)
def test_what_is_not_utf8_text_is_refused(data: bytes, code: str) -> None:
    with pytest.raises(PlanError) as caught:
        files.decode(data, "p.yaml")
    assert [d.code for d in caught.value.diagnostics] == [code]


def test_a_disk_path_is_not_a_revision(tmp_path: Path) -> None:
    where, name = files.locate(str(tmp_path / "p.yaml"))
    assert (where, name) == (files.DISK, str(tmp_path / "p.yaml"))


def test_a_revision_that_looks_like_an_option_is_refused() -> None:
    with pytest.raises(PlanError) as caught:
        files.locate("--output=x:plans/p.yaml")
    assert [d.code for d in caught.value.diagnostics] == ["git-revision"]


def test_names_inside_a_revision_resolve_in_that_revision(tmp_path: Path) -> None:
    tree = files.GitRevision("HEAD~1", tmp_path)
    assert tree.beside("HEAD~1:plans/2024.yaml", "units.yaml") == "HEAD~1:plans/units.yaml"
    assert tree.beside("HEAD~1:plans/2024.yaml", "../base.yaml") == "HEAD~1:base.yaml"
    assert tree.on_disk("HEAD~1:plans/2024.yaml") == tmp_path / "plans/2024.yaml"
