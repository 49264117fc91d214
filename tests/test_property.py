"""Random valid plans — any nesting, length and Unicode — always build, and say what was written.

Under CI (env CI set) hypothesis runs 1,000 plans; locally 100.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

import yaml
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plangen import vn
from plangen.build import build

settings.register_profile(
    "ci", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "dev", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

AWKWARD = [
    "&",
    "<",
    ">",
    '"',
    "'",
    "“",
    "”",
    "{{ x }}",
    "{% if %}",
    "${y}",
    "{_{",
    "}_}",
    "\t",
    "\n",
    "  ",
    "😀",
    "👩‍👩‍👧",
    "漢字",
    "Ủy ban",
    "Đắk Lắk",
    "\u200b",
    "–",
    "./.",
]
_LETTERS = st.characters(
    blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp"),
    blacklist_characters="\ufeff\ufffe\uffff",
)


@st.composite
def texts(draw: st.DrawFn, max_size: int = 40) -> str:
    """Text with a visible character at each end, awkward pieces and NFD forms inside."""
    parts = draw(
        st.lists(
            st.one_of(st.text(_LETTERS, min_size=1, max_size=12), st.sampled_from(AWKWARD)),
            min_size=1,
            max_size=5,
        )
    )
    text = "".join(parts)[:max_size]
    if draw(st.booleans()):
        text = unicodedata.normalize("NFD", text)
    text = re.sub(r"\n\s*\n", "\n", text)  # a blank line would start a new paragraph
    return f"X{text}Y"


UNITS = {"A": "Đơn vị A", "B": "Đơn vị B"}


@st.composite
def items(draw: st.DrawFn, depth: int = 0) -> list[Any]:
    values: list[Any] = []
    for _ in range(draw(st.integers(0, 3))):
        if depth == 0 and draw(st.booleans()):
            values.append({"text": draw(texts()), "items": draw(items(depth + 1))})
        else:
            values.append(draw(texts()))
    return values


@st.composite
def sections(draw: st.DrawFn, depth: int = 0) -> list[dict[str, Any]]:
    out = []
    for _ in range(draw(st.integers(1 if depth == 0 else 0, 3 if depth == 0 else 2))):
        section: dict[str, Any] = {"title": draw(texts())}
        if draw(st.booleans()):
            section["text"] = draw(texts(80))
        section["items"] = draw(items())
        if depth < 2 and draw(st.booleans()):
            section["tasks"] = [
                {
                    "id": "?",
                    "title": draw(texts()),
                    "lead": draw(st.sampled_from(sorted(UNITS))),
                    "support": ["B"],
                    "due": 2024,
                }
                for _ in range(draw(st.integers(1, 2)))
            ]
        if depth < 2:
            section["sections"] = draw(sections(depth + 1))
        out.append(section)
    return out


def _number_tasks(values: list[dict[str, Any]], counter: list[int]) -> None:
    """Task ids must be unique in a valid plan: give them in order."""
    for section in values:
        for task in section.get("tasks", []):
            counter[0] += 1
            task["id"] = f"t{counter[0]}"
        _number_tasks(section.get("tasks", []) + section.get("sections", []), counter)


@st.composite
def plans(draw: st.DrawFn) -> dict[str, Any]:
    drawn = draw(sections())
    _number_tasks(drawn, [0])
    return {
        "kind": "ke-hoach",
        "issuer": {"name": draw(texts()), "abbr": "UBND", "place": draw(texts(20))},
        "number": draw(st.integers(1, 9999)),
        "date": "2024-01-22",
        "year": 2024,
        "subject": draw(texts(120)),
        "preamble": draw(texts(80)),
        "sections": drawn,
        "closing": "Kết thúc.",
        "units": UNITS,
        "signature": {"position": "Giám đốc", "name": draw(texts(30))},
        "recipients": [draw(texts()) for _ in range(draw(st.integers(1, 3)))],
        "archive": ["VT"],
    }


def normal(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def written(data: dict[str, Any]) -> list[str]:
    """Every text the user wrote that must be seen in the document."""
    out = [
        data["subject"],
        data["preamble"],
        data["issuer"]["place"],
        data["signature"]["name"],
        *data["recipients"],
    ]

    def walk(values: list[dict[str, Any]]) -> None:
        for section in values:
            out.append(section["title"])
            out.extend([section["text"]] if "text" in section else [])
            for item in section.get("items", []):
                out.extend([item["text"], *item["items"]] if isinstance(item, dict) else [item])
            walk(section.get("tasks", []))
            walk(section.get("sections", []))

    walk(data["sections"])
    return [normal(text) for text in out]


def document_text(path: Path) -> str:
    document = Document(str(path))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts.extend(cell.text for row in table.rows for cell in row.cells)
    return normal(" \n ".join(texts))


WORK = Path(tempfile.mkdtemp(prefix="plangen-property-"))


@given(plans())
def test_every_valid_plan_builds_and_shows_its_text(data: dict[str, Any]) -> None:
    source = WORK / "plan.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    output = WORK / "plan.docx"
    output.unlink(missing_ok=True)
    build(source, output)
    shown = document_text(output)
    for text in written(data):
        # level-I headings are printed in capitals
        assert text in shown or normal(vn.upper(text)) in shown, text
