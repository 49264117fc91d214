"""Every bundled document reproduces its seed: each sentence of the seed is in the built text."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import PLANS, run
from seedtext import SEED_PARTS, added, missing

BUNDLED = {
    "000": "2024.yaml",
    "001": "ha-tinh-cv-8287-2019.yaml",
    "002": "hung-yen-2021.yaml",
    "003": "vinh-linh-2022.yaml",
    "004": "hai-phong-qd-191-2021.yaml",
    "005": "lao-cai-134-2026.yaml",
    "006": "bnnmt-qd-2200-2026.yaml",
}


@pytest.mark.parametrize("key", sorted(BUNDLED))
def test_the_bundled_document_has_every_sentence_of_its_seed(key: str, tmp_path: Path) -> None:
    out = tmp_path / "built.docx"
    code, output = run("build", str(PLANS / BUNDLED[key]), "-o", str(out))
    assert code == 0, output
    total, lacking = missing(SEED_PARTS[key], out)
    assert total > 30
    assert lacking == []


def test_every_seed_with_a_document_part_has_a_bundled_document() -> None:
    assert set(SEED_PARTS) <= set(BUNDLED)


# The documents bundled from a whole issued text (the others were completed after the cut).
WHOLE = ["003", "005"]


@pytest.mark.parametrize("key", WHOLE)
def test_the_bundled_document_has_no_sentence_its_seed_lacks(key: str, tmp_path: Path) -> None:
    """Nothing printed that the office did not write, the decree's fixed forms included:
    every sentence of the built document, header and signature too, is in the seed."""
    out = tmp_path / "built.docx"
    code, output = run("build", str(PLANS / BUNDLED[key]), "-o", str(out))
    assert code == 0, output
    total, extra = added(SEED_PARTS[key], out)
    assert total > 150
    assert extra == []
