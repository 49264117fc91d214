"""Small plans written out for tests, and where a given text stands in them."""

from __future__ import annotations

import copy
import shutil
import textwrap
from pathlib import Path
from typing import Any

import yaml

from plangen.build import build
from plangen.diagnostics import Diagnostic, PlanError
from plangen.validation import validate

BASE: dict[str, Any] = {
    "kind": "ke-hoach",
    "issuer": {"name": "Ủy ban nhân dân huyện Vĩnh Linh", "abbr": "UBND", "place": "Vĩnh Linh"},
    "number": 24,
    "date": "2022-02-14",
    "year": 2022,
    "subject": "Phát triển ngành Công nghiệp năm 2022",
    "bases": [
        {
            "verb": "Thực hiện",
            "type": "Kế hoạch",
            "number": "18/KH-UBND",
            "date": "2022-01-21",
            "issuer": "UBND huyện",
            "subject": "về công nghiệp",
        }
    ],
    "sections": [
        {"title": "Mục đích", "text": "Triển khai có hiệu quả."},
        {
            "title": "Nội dung",
            "tasks": [
                {
                    "id": "t1",
                    "title": "Quy hoạch",
                    "lead": "KTHT",
                    "support": ["TCKH"],
                    "due": "Quý II/2022",
                    "output": "Báo cáo",
                }
            ],
        },
    ],
    "units": {"KTHT": "Phòng Kinh tế và Hạ tầng", "TCKH": "Phòng Tài chính - Kế hoạch"},
    "signature": {
        "collective": "Ủy ban nhân dân",
        "authority": "KT",
        "head": "Chủ tịch",
        "position": "Phó Chủ tịch",
        "name": "Nguyễn Anh Tuấn",
    },
    "recipients": ["Sở Công Thương Quảng Trị"],
    "archive": ["VT", "KTHT"],
}


def plan(**changes: Any) -> dict[str, Any]:
    """The base plan with top-level keys replaced (None removes a key)."""
    data = copy.deepcopy(BASE)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def write(folder: Path, data: dict[str, Any] | str, name: str = "plan.yaml") -> Path:
    text = (
        data
        if isinstance(data, str)
        else yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    )
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def diagnose(folder: Path, data: dict[str, Any] | str, strict: bool = False) -> list[Diagnostic]:
    """Every diagnostic for the plan (errors, or warnings when it is valid)."""
    try:
        return list(validate(write(folder, data), strict=strict).warnings)
    except PlanError as error:
        return list(error.diagnostics)


def where(path_or_text: Path | str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """Line and column (1-based) of the n-th occurrence of `needle` in the file.

    A `|` in the needle marks the spot within it: `"archive:\n- |KTHT"` is the KTHT
    under `archive:`.
    """
    text = (
        path_or_text.read_text(encoding="utf-8") if isinstance(path_or_text, Path) else path_or_text
    )
    offset = max(needle.find("|"), 0)
    needle = needle.replace("|", "", 1)
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    index += offset
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def codes(diagnostics: list[Diagnostic]) -> list[str]:
    return [d.code for d in diagnostics]


def with_yaml(snippet: str) -> str:
    """The base plan as YAML text with its top-level keys replaced by `snippet`, written as is
    (so a test can point at a line and column of the snippet)."""
    snippet = textwrap.dedent(snippet).strip("\n") + "\n"
    replaced = yaml.safe_load(snippet).keys()
    rest = {key: value for key, value in BASE.items() if key not in replaced}
    return yaml.safe_dump(rest, allow_unicode=True, sort_keys=False, width=1000) + snippet


def built_body(folder: Path, snippet: str) -> list[tuple[str, str]]:
    """(style id, text) of each body paragraph of the .docx built from the base plan + snippet."""
    from docxprops import Doc

    out = folder / "plan.docx"
    build(write(folder, with_yaml(snippet)), out)
    return [(p.style_id or "", p.text) for p in Doc(out).body_paragraphs()]


def problems(folder: Path, snippet: str) -> list[tuple[int, int, str]]:
    """(line, column, code) of every diagnostic of the base plan + snippet."""
    return [(d.line, d.column, d.code) for d in diagnose(folder, with_yaml(snippet))]


def revised_2024(folder: Path) -> Path:
    """plans/2024.yaml as a reviser leaves it, beside its units: a task retitled, one moved
    up, one removed, one added, a target's value and a căn cứ changed."""
    root = Path(__file__).resolve().parent.parent / "plans"
    shutil.copy(root / "units.yaml", folder / "units.yaml")
    data = yaml.safe_load((root / "2024.yaml").read_text(encoding="utf-8"))
    tasks = data["sections"][1]["tasks"]
    by_id = {task["id"]: task for task in tasks}
    by_id["ha-tang-ccn"]["title"] += " trọng điểm"
    by_id["lang-nghe"]["targets"][0]["value"] = 5
    tasks.remove(by_id["nguon-nhan-luc"])
    tasks.insert(1, by_id["nguon-nhan-luc"])
    tasks.remove(by_id["xuc-tien-thuong-mai"])
    added = copy.deepcopy(by_id["xuc-tien-thuong-mai"])
    added.pop("targets", None)
    added.update(id="chuyen-doi-so", title="Hỗ trợ cơ sở CNNT chuyển đổi số")
    tasks.append(added)
    data["bases"][0]["text"] = data["bases"][0]["text"].replace("12/03/2019", "15/03/2019")
    return write(folder, data, "2024-revised.yaml")
