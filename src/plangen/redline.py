"""A redline: plan B rendered with Word tracked changes (w:ins / w:del) against plan A.

Reviewers open it in Word or LibreOffice and accept or reject each change. The changes
come from the plans themselves — body paragraphs aligned, then words within a changed
paragraph — so no document comparison engine is needed, and header fields (number,
date, subject, signer) are marked as well.
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import re
from dataclasses import dataclass
from pathlib import Path

from plangen.context import Block, TemplateContext, build_context
from plangen.model import Plan
from plangen.render import render, xml_text

_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass
class _Marks:
    """Writes tracked-change elements with one author and date and running ids."""

    author: str
    when: str
    ids: itertools.count[int]

    def _attrs(self) -> str:
        return f'w:id="{next(self.ids)}" w:author="{xml_text(self.author)}" w:date="{self.when}"'

    def run(self, kind: str, text: str) -> str:
        if not text:
            return ""
        if kind == "equal":
            return f'<w:r><w:t xml:space="preserve">{xml_text(text)}</w:t></w:r>'
        if kind == "insert":
            return (
                f'<w:ins {self._attrs()}><w:r><w:t xml:space="preserve">{xml_text(text)}'
                "</w:t></w:r></w:ins>"
            )
        return (
            f'<w:del {self._attrs()}><w:r><w:delText xml:space="preserve">'
            f"{xml_text(text)}</w:delText></w:r></w:del>"
        )

    def words(self, old: str, new: str) -> str:
        """Runs turning `old` into `new`, word by word."""
        before, after = _TOKENS.findall(old), _TOKENS.findall(new)
        out = []
        matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                out.append(self.run("equal", "".join(before[i1:i2])))
            else:
                out.append(self.run("delete", "".join(before[i1:i2])))
                out.append(self.run("insert", "".join(after[j1:j2])))
        return "".join(out)

    def paragraph(self, style: str, runs: str, mark: str = "") -> str:
        """A paragraph; `mark` ('ins'/'del') tracks the paragraph itself."""
        tracked = f"<w:rPr><w:{mark} {self._attrs()}/></w:rPr>" if mark else ""
        return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{tracked}</w:pPr>{runs}</w:p>'

    def inline(self, old: str, new: str) -> str:
        """Runs for a template value that sits inside `<w:r><w:t>…</w:t></w:r>`."""
        if old == new:
            return xml_text(new)
        return f'</w:t></w:r>{self.words(old, new)}<w:r><w:t xml:space="preserve">'


def _body(marks: _Marks, old: list[Block], new: list[Block]) -> str:
    out = []
    matcher = difflib.SequenceMatcher(
        a=[b.words for b in old], b=[b.words for b in new], autojunk=False
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out += [marks.paragraph(b.style, marks.run("equal", b.words)) for b in new[j1:j2]]
            continue
        pairs = list(zip(old[i1:i2], new[j1:j2], strict=False))
        out += [marks.paragraph(b.style, marks.words(a.words, b.words)) for a, b in pairs]
        out += [
            marks.paragraph(a.style, marks.run("delete", a.words), "del")
            for a in old[i1 + len(pairs) : i2]
        ]
        out += [
            marks.paragraph(b.style, marks.run("insert", b.words), "ins")
            for b in new[j1 + len(pairs) : j2]
        ]
    return "".join(out)


def redline(old: Plan, new: Plan, template: Path, author: str = "plangen") -> bytes:
    """Plan `new` as a .docx whose tracked changes undo back to plan `old`."""
    before: TemplateContext = build_context(old)
    after: TemplateContext = build_context(new)
    day = new.date or dt.date(new.year, 1, 1)
    marks = _Marks(author, f"{day.isoformat()}T00:00:00Z", itertools.count(1))
    marked = {
        name: marks.inline(getattr(before, name), getattr(after, name))
        for name in ("number_line", "place_date", "subject", "signer_name")
    }
    marked["body"] = _body(marks, before.body, after.body)
    return render(after, template, marked=marked)
