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
import difflib
import re

from plangen import ooxml
from plangen.context import Block, build_context
from plangen.model import Plan
from plangen.ooxml import Op, Revisions, Run
from plangen.render import block_props, block_runs, block_xml, render
from plangen.template import Template

_TOKENS = re.compile(r"\s+|[^\s]+")

FIELDS = ("number_line", "place_date", "subject", "signer_name")
"""Template values tracked word by word inside the template's own runs."""


def word_changes(old: str, new: str) -> list[tuple[Op, str]]:
    """How `old` becomes `new`, word by word: pieces kept, deleted and inserted."""
    before, after = _TOKENS.findall(old), _TOKENS.findall(new)
    out: list[tuple[Op, str]] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.append(("equal", "".join(before[i1:i2])))
        else:
            out.append(("delete", "".join(before[i1:i2])))
            out.append(("insert", "".join(after[j1:j2])))
    return [(op, words) for op, words in out if words]


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
    matcher = difflib.SequenceMatcher(
        a=[b.words for b in old], b=[b.words for b in new], autojunk=False
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
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


def redline(old: Plan, new: Plan, template: Template, author: str = "plangen") -> bytes:
    """Plan `new` as a .docx whose tracked changes undo back to plan `old`."""
    before, after = build_context(old), build_context(new)
    day = new.date or dt.date(new.year, 1, 1)
    marks = Revisions(author, f"{day.isoformat()}T00:00:00Z")
    fields = {name: word_changes(getattr(before, name), getattr(after, name)) for name in FIELDS}
    changed = {
        name: pieces for name, pieces in fields.items() if any(op != "equal" for op, _ in pieces)
    }
    tracked = body(marks, before.body, after.body)
    return render(after, template, body=tracked, revisions=marks, fields=changed)
