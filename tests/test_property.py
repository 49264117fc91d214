"""Random valid plans — any nesting, length and Unicode — always build, and say what was written;
random hostile ones — hidden characters, YAML 1.1 numbers, outputs that are inputs or special
files — are always refused with exit 2 where the mistake is, every input left byte for byte.

Under CI (env CI set) hypothesis runs 1,000 examples per test; locally 100.
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
    "\u200d",
    "–",
    "./.",
]
_LETTERS = st.characters(
    blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp"),
    blacklist_characters="\ufeff\ufffe\uffff\u061c\u200b\u200e\u200f\u180e"
    "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069"
    + "".join(chr(c) for c in range(0xFDD0, 0xFDF0)),
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
    text = text.replace("[^", "[ ^")  # `[^…]` is a footnote (tests/test_footnotes.py), not text
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


HIDDEN = {
    "text-bidi": "\u202a\u202b\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c",
    "text-invisible": "\u200b\u2060\ufeff\u180e",
    "text-nonchar": "\ufdd0\ufdef\ufffe\U0001fffe\U0010ffff",
    "control-char": "\x01\x07\x1b\x7f\x9f",  # not U+0085: YAML reads NEL as a line break
}
TEXT_FIELDS = [("subject",), ("preamble",), ("issuer", "name"), ("signature", "name")]


def _run(*args: str) -> tuple[int, str]:
    from click.testing import CliRunner

    from plangen.cli import main

    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def _refused(source: Path, *args: str) -> list[str]:
    """`plangen ARGS` exits 2, names `source` in its first line, and leaves it as it was."""
    before = source.read_bytes()
    code, printed = _run(*args)
    assert code == 2, printed
    assert "Traceback" not in printed and "internal error" not in printed
    assert source.read_bytes() == before
    return printed.splitlines()


@given(plans(), st.sampled_from(sorted(HIDDEN)), st.data())
def test_a_hidden_character_in_any_text_is_refused_at_its_field(
    data: dict[str, Any], code: str, draw: st.DataObject
) -> None:
    field = draw.draw(st.sampled_from(TEXT_FIELDS))
    char = draw.draw(st.sampled_from(HIDDEN[code]))
    target = data
    for key in field[:-1]:
        target = target[key]
    text = target[field[-1]]
    at = draw.draw(st.integers(1, len(text) - 1))
    target[field[-1]] = text[:at] + char + text[at:]
    source = WORK / "hidden.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    first = _refused(source, "validate", str(source))[0]
    assert first.startswith(f"{source}:"), first
    assert first.endswith(f"[{code}]") and f"U+{ord(char):04X}" in first, first
    if code != "control-char":  # a raw control byte is found by the reader, before fields
        assert f": {'.'.join(field)}: " in first, first


YAML11 = ["010", "0o17", "0x1F", "0b101", "1:30", "-1:30", "190:20:30", "+0777", "1_0:00"]


@given(plans(), st.sampled_from([*YAML11, "true", "false", "TRUE", "1707091200", "-0.0"]))
def test_a_yaml_11_number_is_never_a_silent_wrong_value(data: dict[str, Any], typed: str) -> None:
    """`number:`, `date:` and `year:` typed as YAML 1.1 would misread them are refused."""
    field = "date" if typed == "1707091200" else "year" if typed == "-0.0" else "number"
    lines = [
        f"{field}: {typed}" if line.startswith(f"{field}:") else line
        for line in yaml.safe_dump(data, allow_unicode=True, sort_keys=False).splitlines()
    ]
    source = WORK / "numbers.yaml"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    first = _refused(source, "validate", str(source))[0]
    row = next(i for i, line in enumerate(lines, 1) if line.startswith(f"{field}:"))
    assert first.startswith(f"{source}:{row}:{len(field) + 3}: "), first


@st.composite
def hostile_outputs(draw: st.DrawFn) -> tuple[str, str]:
    """An output path that would destroy something, and the code that refuses it."""
    kind = draw(st.sampled_from(["plan", "dotdot", "link", "hardlink", "fifo", "suffix"]))
    name = draw(st.text("abcxyzđ_-", min_size=1, max_size=8))
    folder = Path(tempfile.mkdtemp(dir=WORK)) / name
    folder.mkdir()
    plan = WORK / "hostile.yaml"
    if kind == "plan":
        return str(plan), "output-is-input"
    if kind == "dotdot":
        return f"{folder}/../../{plan.name}", "output-is-input"
    target = folder / f"{name}.docx"
    if kind == "link":
        target.symlink_to(plan)
        return str(target), "output-is-input"
    if kind == "hardlink":
        os.link(plan, target)
        return str(target), "output-is-input"
    if kind == "fifo":
        os.mkfifo(target)
        return str(target), "output-special"
    suffix = draw(st.sampled_from([".yaml", ".yml", ".doc", ".pdf", "", ".docx.bak"]))
    return str(folder / f"{name}{suffix}"), "output-suffix"


@given(plans(), hostile_outputs())
def test_an_output_that_would_destroy_something_is_refused(
    data: dict[str, Any], output: tuple[str, str]
) -> None:
    target, code = output
    source = WORK / "hostile.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    first = _refused(source, "build", str(source), "-o", target)[0]
    assert first.startswith(f"{target}:1:1: output: ") and first.endswith(f"[{code}]"), first
