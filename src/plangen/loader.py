"""Read a plan file: bytes → UTF-8 → NFC → YAML nodes → data, keeping where every value came from.

The loader knows nothing of what a plan means. It refuses what would make later stages
hang, crash or guess (wrong encodings, duplicate keys, deep nesting, alias bombs) and
reports each refusal at its line and column.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from plangen.diagnostics import Diagnostic, Loc, PlanError, field_name, message

MAX_BYTES = 5 * 1024 * 1024
"""Largest plan file read (5 MiB): a 2,000-task plan is well under 2 MiB."""
MAX_DEPTH = 64
"""Deepest nesting of mappings and lists."""
MAX_NODES = 500_000
"""Most values after aliases are expanded; stops 'billion laughs' documents early."""

_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _PlanLoader(_Base):
    """Safe YAML whose only implicit types are null, booleans true/false, int and float.

    Dates stay text so the model parses them and reports a bad one at its line
    (PyYAML's own timestamp parsing raises without a position); `yes`/`no`/`on`/`off`
    stay text so an abbreviation like `NO` is not silently a boolean.
    """


_PlanLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_PlanLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


@dataclass
class Source:
    """A loaded YAML file: its text, its node tree and the plain data built from it."""

    path: str
    text: str
    root: yaml.Node
    data: Any
    parts: list[Source] = field(default_factory=list)
    """The other files this plan is made of: `units: units.yaml`, the plan it `extends`."""
    problems: list[Diagnostic] = field(default_factory=list)
    """Mistakes in `extends:` operations; the plan is still checked, so all come out together."""

    def locate(self, loc: Loc, at_key: bool = False) -> tuple[str, int, int]:
        """File, line and column (1-based) of the value at `loc`, or of its nearest parent.

        Nodes carry their own file name, so a value inherited through `extends:` or
        `units:` is located in the file it was written in. With `at_key`, the last step
        points at the key itself, where a typo is.
        """
        node = self.root
        for index, key in enumerate(loc):
            last = index == len(loc) - 1
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    if key_node.value == key:
                        node = key_node if (at_key and last) else value_node
                        break
                else:
                    break
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
                if 0 <= key < len(node.value):
                    node = node.value[key]
                else:
                    break
            else:
                break
        mark = node.start_mark
        return mark.name, mark.line + 1, mark.column + 1

    def diagnostic(
        self,
        loc: Loc,
        code: str,
        params: dict[str, object] | None = None,
        severity: str = "error",
        at_key: bool = False,
    ) -> Diagnostic:
        path, line, column = self.locate(loc, at_key)
        return Diagnostic(
            path,
            line,
            column,
            field_name(loc),
            message(code, params or {}),
            code,
            "warning" if severity == "warning" else "error",
        )


def _fail(path: str, code: str, line: int = 1, column: int = 1, **params: object) -> PlanError:
    return PlanError([Diagnostic(path, line, column, "", message(code, params), code)])


def _position(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line = before.count(b"\n") + 1
    column = len(before) - (before.rfind(b"\n") + 1) + 1
    return line, column


def decode(data: bytes, path: str) -> str:
    """UTF-8 text of a plan file (a UTF-8 BOM is dropped), NFC-normalised."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (
        len(data) >= 4 and (data[1:4:2] == b"\0\0" or data[0:3:2] == b"\0\0")
    ):
        raise _fail(path, "encoding-utf16")
    if b"\0" in data:
        raise _fail(path, "file-binary", *_position(data, data.index(b"\0")))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _position(data, exc.start)
        raise _fail(path, "encoding-invalid", line, column, byte=f"{data[exc.start]:02X}") from None
    return unicodedata.normalize("NFC", text)


def _excerpt(text: str, line: int, column: int) -> str:
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return ""
    shown = lines[line - 1].replace("\t", "→")
    return f"\n    {shown}\n    {' ' * (column - 1)}^"


def _syntax_error(path: str, text: str, exc: yaml.YAMLError) -> PlanError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = str(getattr(exc, "problem", None) or exc)
    context, start = getattr(exc, "context", None), getattr(exc, "context_mark", None)
    if context and start and start.line + 1 != line:
        problem += f", {context} bắt đầu ở dòng {start.line + 1}, cột {start.column + 1}"
    lines = text.splitlines()
    if "\t" in problem or (
        "\t" in (lines[line - 1] if 0 < line <= len(lines) else "")
        and line <= len(lines)
        and lines[line - 1][:column].strip() == ""
    ):
        code, params = "yaml-tab", {}
    else:
        code, params = "yaml-syntax", {"problem": problem}
    excerpt = _excerpt(text, line, column)
    return PlanError(
        [Diagnostic(path, line, column, "", message(code, params), code, "error", excerpt)]
    )


def _check_depth(path: str, text: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH before composing, which recurses per level."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_PlanLoader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
                    raise _fail(path, "yaml-too-deep", line, column, limit=MAX_DEPTH)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError as exc:
        raise _syntax_error(path, text, exc) from None


class _Builder:
    """Turns a node tree into plain data, counting nodes and finding duplicate keys."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.constructor = _PlanLoader("")
        self.count = 0
        self.problems: list[Diagnostic] = []

    def build(self, node: yaml.Node) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _fail(
                self.path,
                "yaml-too-many-nodes",
                node.start_mark.line + 1,
                node.start_mark.column + 1,
                limit=MAX_NODES,
            )
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item) for item in node.value]
        return self.constructor.construct_object(node)

    def _mapping(self, node: yaml.MappingNode) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            mark = key_node.start_mark
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(
                    Diagnostic(
                        self.path,
                        mark.line + 1,
                        mark.column + 1,
                        "",
                        message("yaml-key-type", {"found": "danh sách/bảng"}),
                        "yaml-key-type",
                    )
                )
                continue
            key = key_node.value
            if key in first_line:
                self.problems.append(
                    Diagnostic(
                        self.path,
                        mark.line + 1,
                        mark.column + 1,
                        key,
                        message("yaml-duplicate-key", {"key": key, "first": first_line[key]}),
                        "yaml-duplicate-key",
                    )
                )
                continue
            first_line[key] = mark.line + 1
            out[key] = self.build(value_node)
        return out


def parse(text: str, path: str) -> Source:
    """A Source from YAML text; syntax, duplicate-key and size problems raise PlanError."""
    _check_depth(path, text)
    stream = io.StringIO(text)
    stream.name = path  # the parser copies it into every node's mark
    try:
        root = yaml.compose(stream, Loader=_PlanLoader)
    except yaml.YAMLError as exc:
        raise _syntax_error(path, text, exc) from None
    if root is None:
        raise _fail(path, "file-empty")
    builder = _Builder(path)
    data = builder.build(root)
    if builder.problems:
        raise PlanError(builder.problems)
    return Source(path, text, root, data)


def read(path: Path) -> Source:
    """Load one YAML file from disk, refusing what is not a readable UTF-8 YAML document."""
    shown = str(path)
    if path.is_dir():
        raise _fail(shown, "file-is-dir")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _fail(shown, "file-too-large", size=size, limit=MAX_BYTES)
        data = path.read_bytes()
    except FileNotFoundError:
        raise _fail(shown, "file-missing") from None
    except OSError as exc:
        raise _fail(shown, "file-unreadable", reason=exc.strerror or exc) from None
    if not data.strip():
        raise _fail(shown, "file-empty")
    return parse(decode(data, shown), shown)


@contextmanager
def named_at(source: Source, key: str, target: Path) -> Iterator[None]:
    """A missing `target` is reported where `source` names it (`units:`, `extends:`,
    `reports_on:`), not as a file of its own; its other problems stay in their file."""
    try:
        yield
    except PlanError as exc:
        if [(d.code, d.path) for d in exc.diagnostics] == [("file-missing", str(target))]:
            raise PlanError([source.diagnostic((key,), "file-missing")]) from None
        raise


def _with(root: yaml.MappingNode, key: str, value: yaml.Node) -> yaml.MappingNode:
    pairs = [(k, value if k.value == key else v) for k, v in root.value]
    return yaml.MappingNode(root.tag, pairs, root.start_mark, root.end_mark)


def load(path: Path, _chain: tuple[Path, ...] = ()) -> Source:
    """Load a plan file and the files it names (`units: units.yaml`, `extends: 2024.yaml`)."""
    from plangen import overlay

    source = read(path)
    if not isinstance(source.data, dict):
        found = "danh sách (list)" if isinstance(source.data, list) else "một giá trị đơn"
        raise _fail(source.path, "yaml-root", found=found)
    root = source.root
    assert isinstance(root, yaml.MappingNode)
    if isinstance(source.data.get("units"), str):
        with named_at(source, "units", path.parent / source.data["units"]):
            units = read(path.parent / source.data["units"])
        if not isinstance(units.data, dict):
            raise _fail(units.path, "units-file")
        source.data["units"] = units.data
        source.parts.append(units)
        root = source.root = _with(root, "units", units.root)
    base_name = source.data.get("extends")
    if base_name is None:
        stray = [key for key in overlay.OPERATIONS if key in source.data]
        if stray:
            raise PlanError([source.diagnostic((stray[0],), "extends-alone", at_key=True)])
        return source
    if not isinstance(base_name, str) or not base_name.strip():
        raise PlanError([source.diagnostic(("extends",), "extends-shape", {"expected": "tên tệp"})])
    chain, base_path = (*_chain, path.resolve()), path.parent / base_name
    if base_path.resolve() in chain:
        raise PlanError([source.diagnostic(("extends",), "extends-cycle")])
    with named_at(source, "extends", base_path):
        base = load(base_path, chain)
    assert isinstance(base.root, yaml.MappingNode)
    merged, problems = overlay.apply(base.root, root)
    parts = [*source.parts, base, *base.parts]
    data = _Builder(source.path).build(merged)
    return Source(source.path, source.text, merged, data, parts, [*base.problems, *problems])
