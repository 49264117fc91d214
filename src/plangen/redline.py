"""A redline: plan B rendered with Word tracked changes (w:ins / w:del) against plan A.

Reviewers open it in Word or LibreOffice and accept or reject each change. The changes
come from the plans themselves — body paragraphs aligned, then words within a changed
paragraph — so no document comparison engine is needed, and header fields (number,
date, subject, signer) are marked as well. It is a normal build of plan B (same
template, page setup and styles) whose runs are wrapped in w:ins / w:del: a run keeps
its formatting, `Điều 1.` its bold and a template field its run properties.
"""

from __future__ import annotations

import datetime as dt
import re

from plangen import ooxml
from plangen.align import align
from plangen.context import Block, TemplateContext, aligned
from plangen.model import Plan
from plangen.ooxml import Op, Revisions, Run
from plangen.render import block_props, block_runs, block_xml, render
from plangen.template import Template

_TOKENS = re.compile(r"\s+|[^\s]+")
_ITEMS = re.compile(r"[^;]*(?:;\s*|$)")
"""Pieces of a paragraph ending with '; ', so a list (a unit's tasks) is compared item by item."""

_OPS: tuple[Op, Op, Op] = ("equal", "delete", "insert")
"""What a stretch's (kept, deleted, inserted) words are."""

FIELDS = ("number_line", "place_date", "subject", "signer_name")
"""Template values tracked word by word inside the template's own runs."""


def word_changes(old: str, new: str) -> list[tuple[Op, str]]:
    """How `old` becomes `new`: the '; '-separated items aligned first, then the words of
    items that changed; pieces kept, deleted and inserted."""
    out: list[tuple[Op, str]] = []
    for kept, gone, came in _changes(_ITEMS.findall(old), _ITEMS.findall(new)):
        if kept:
            out.append(("equal", kept))
        else:
            for stretch in _changes(_TOKENS.findall(gone), _TOKENS.findall(came)):
                out += zip(_OPS, stretch, strict=True)
    joined: list[tuple[Op, str]] = []
    for op, words in out:
        if joined and joined[-1][0] == op:
            joined[-1] = (op, joined[-1][1] + words)
        elif words:
            joined.append((op, words))
    return joined


def _changes(before: list[str], after: list[str]) -> list[tuple[str, str, str]]:
    """(kept, deleted, inserted) text of each stretch of the alignment of two lists."""
    return [
        ("".join(before[i1:i2]), "", "")
        if tag == "equal"
        else ("", "".join(before[i1:i2]), "".join(after[j1:j2]))
        for tag, i1, i2, j1, j2 in align(before, after)
    ]


def _changed_runs(marks: Revisions, old: list[Run], new: list[Run]) -> str:
    """Runs that turn paragraph `old` into `new`; runs of one formatting are compared word
    by word, a change of formatting is a deletion and an insertion."""
    if [(r.bold, r.italic) for r in old] != [(r.bold, r.italic) for r in new]:
        gone = "".join(marks.run("delete", r) for r in old)
        return gone + "".join(marks.run("insert", r) for r in new)
    return "".join(
        marks.run(op, Run(words, a.bold, a.italic))
        for a, b in zip(old, new, strict=True)
        for op, words in word_changes(a.text, b.text)
    )


def _paragraph(block: Block, runs: str, mark: str = "") -> str:
    if block.table:  # a body table is shown as it now stands, its changes untracked
        return block_xml(block)
    return ooxml.paragraph(block.style, runs, block_props(block), mark)


def body(marks: Revisions, old: list[Block], new: list[Block]) -> str:
    """The new body, with the old body's paragraphs aligned to it and changes tracked."""
    out = []
    for tag, i1, i2, j1, j2 in aligned(old, new):
        if tag == "equal":
            out += [_paragraph(b, ooxml.runs(block_runs(b))) for b in new[j1:j2]]
            continue
        pairs = list(zip(old[i1:i2], new[j1:j2], strict=False))
        out += [_paragraph(b, _changed_runs(marks, block_runs(a), block_runs(b))) for a, b in pairs]
        for a in old[i1 + len(pairs) : i2]:
            runs = "".join(marks.run("delete", r) for r in block_runs(a))
            out.append(_paragraph(a, runs, marks.mark("delete")))
        for b in new[j1 + len(pairs) : j2]:
            runs = "".join(marks.run("insert", r) for r in block_runs(b))
            out.append(_paragraph(b, runs, marks.mark("insert")))
    return "".join(out)


def redline(
    before: TemplateContext,
    after: TemplateContext,
    new: Plan,
    template: Template,
    author: str = "plangen",
) -> bytes:
    """Plan `new`, worded as `after`, as a .docx whose tracked changes undo back to the plan
    worded as `before` (`build_context`); the changes are dated as `new` is."""
    day = new.date or dt.date(new.year, 1, 1)
    marks = Revisions(author, f"{day.isoformat()}T00:00:00Z")
    fields = {name: word_changes(getattr(before, name), getattr(after, name)) for name in FIELDS}
    changed = {
        name: pieces for name, pieces in fields.items() if any(op != "equal" for op, _ in pieces)
    }
    tracked = body(marks, before.body, after.body)
    return render(after, template, body=tracked, revisions=marks, fields=changed)
