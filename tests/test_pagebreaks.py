"""The signature block never splits, wherever the page break falls (keepNext, cantSplit).

A văn thư sends back a document whose "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH" sits at the foot
of one page and the signer's name on the next, or whose signature opens a page with no
line of the body above it. For each kind, one bundled document is rebuilt with 0–15
extra one-line paragraphs before its closing paragraph, so the page break falls at
every line of the block; LibreOffice prints them all in one run and each page is read.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import BUNDLED, PLANS
from pdfpage import MM, Page, read_pdf, to_pdfs
from plangen.build import template_of
from plangen.context import Block, TemplateContext, build_context
from plangen.render import render
from plangen.styles import TEXT
from plangen.template import Template
from plangen.validation import validate

SWEEP = {
    "ke-hoach": "2024.yaml",
    "quyet-dinh": "hai-phong-qd-191-2021.yaml",
    "cong-van": "ha-tinh-cv-8287-2019.yaml",
    "bao-cao": "bao-cao-2024.yaml",
}
"""The document each kind's sweep grows."""
EXTRA = 16
"""Variants per kind: 0–15 extra lines, once the block is near the foot of a page."""
STEP = 24.0
"""About the height of one extra one-line paragraph, in points (14 pt × 1.15 + 6 pt)."""
FILLER = "Nội dung bổ sung để dời chỗ ngắt trang."


@dataclass(frozen=True)
class Placement:
    """Where the signature block fell in one printed document."""

    authority: int
    name: int
    end_mark: int
    body_above: bool


def _context(name: str) -> tuple[TemplateContext, Template]:
    checked = validate(PLANS / name)
    template = template_of(checked)
    # What follows the signature (appendices, an issued plan) cannot move it: left out.
    context = dataclasses.replace(
        build_context(checked.plan, checked.reported), appendices=[], attached=None
    )
    return context, template


def _grown(context: TemplateContext, extra: int) -> TemplateContext:
    body = context.body
    filler = [Block(TEXT, FILLER)] * extra
    return dataclasses.replace(context, body=[*body[:-1], *filler, body[-1]])


def placement(pages: list[Page], context: TemplateContext) -> Placement:
    """Pages of the first authority line, the signer's name and the end mark './.'."""
    name = next(p.number for p in pages if any(ln.text == context.signer_name for ln in p.lines))
    first = context.authority_lines[0]
    authority = max(p.number for p in pages[:name] if any(ln.text == first for ln in p.lines))
    end_mark = max(p.number for p in pages[:name] if any("./." in ln.text for ln in p.lines))
    page = pages[authority - 1]
    top = min(ln.top for ln in page.lines if ln.text == first)
    above = [
        ln
        for ln in page.lines
        if ln.bottom < top and ln.bottom > 20 * MM and ln.text != "Nơi nhận:"  # no number
    ]
    return Placement(authority, name, end_mark, bool(above))


def _start(pages: list[Page], context: TemplateContext) -> int:
    """Extra lines that bring the block's foot a few lines above the page's bottom margin."""
    where = placement(pages, context)
    page = pages[where.name - 1]
    name = next(ln for ln in page.lines if ln.text == context.signer_name)
    free = page.height - 20 * MM - name.bottom
    return max(0, int(free // STEP) - 3)


@pytest.fixture(scope="module")
def sweep(
    printed: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, list[tuple[int, Placement]]]:
    """For each kind, (extra lines, where the block fell) of every variant."""
    out = tmp_path_factory.mktemp("sweep")
    variants: dict[str, list[tuple[int, Path, TemplateContext]]] = {}
    for kind, name in SWEEP.items():
        context, template = _context(name)
        # The bundled print already shows where the unchanged block falls (test_documents).
        start = _start(read_pdf(printed[name]), context)
        variants[kind] = []
        for extra in range(start, start + EXTRA):
            grown = _grown(context, extra)
            path = out / f"{kind}-{extra:03d}.docx"
            path.write_bytes(render(grown, template))
            variants[kind].append((extra, path, grown))
    everything = [path for runs in variants.values() for _, path, _ in runs]
    pdfs = dict(zip(everything, to_pdfs(everything, out), strict=True))
    return {
        kind: [(extra, placement(read_pdf(pdfs[path]), ctx)) for extra, path, ctx in runs]
        for kind, runs in variants.items()
    }


def test_every_kind_is_swept() -> None:
    assert {validate(PLANS / name).plan.kind for name in SWEEP.values()} == set(SWEEP)


@pytest.mark.parametrize("kind", sorted(SWEEP))
def test_the_block_holds_together_wherever_the_page_breaks(
    sweep: dict[str, list[tuple[int, Placement]]], kind: str
) -> None:
    broken = [
        (extra, where)
        for extra, where in sweep[kind]
        if not (where.authority == where.name == where.end_mark and where.body_above)
    ]
    assert broken == []


@pytest.mark.parametrize("kind", sorted(SWEEP))
def test_the_sweep_moves_the_block_to_the_next_page(
    sweep: dict[str, list[tuple[int, Placement]]], kind: str
) -> None:
    """The sweep has teeth: within it the block does cross a page break."""
    assert len({where.name for _, where in sweep[kind]}) >= 2


@pytest.mark.parametrize("name", BUNDLED)
def test_every_bundled_document_signs_on_one_page(printed: dict[str, Path], name: str) -> None:
    context, _ = _context(name)
    where = placement(read_pdf(printed[name]), context)
    assert where.authority == where.name == where.end_mark and where.body_above
