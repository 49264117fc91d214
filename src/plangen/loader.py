"""Read a plan file: bytes → UTF-8 → YAML nodes → NFC data, keeping where every value came from.

The loader knows nothing of what a plan means, and reads the bytes through `files`. It
refuses what would make later stages hang, crash or guess (wrong encodings, duplicate
keys, deep nesting, alias bombs) and reports each refusal at its line and column.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from plangen.diagnostics import Diagnostic, Loc, PlanError, field_name, message
from plangen.files import DISK, Files, decode, read_file

MAX_DEPTH = 64
"""Deepest nesting of mappings and lists."""
MAX_FILES = 32
"""Longest chain of files a plan names (`extends:` and `reports_on:` in turn)."""
MAX_NODES = 500_000
"""Most values after aliases are expanded; stops 'billion laughs' documents early."""

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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


class _Refused(Exception):
    """A scalar that YAML 1.1 would read as something the author did not mean."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code, self.params = code, params


MAX_DIGITS = 30
"""Longest whole number read (a plan's numbers are years, counts and money)."""
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9_]*)")


def _integer(loader: Any, node: yaml.ScalarNode) -> int:
    """A whole number as written in decimal; YAML 1.1's octal `010`, sexagesimal `1:30`,
    hexadecimal and binary forms are refused (they print other numbers than typed)."""
    if not _DECIMAL.fullmatch(node.value):
        raise _Refused("yaml-number-form", value=node.value)
    digits = node.value.lstrip("+-").replace("_", "")
    if len(digits) > MAX_DIGITS:
        raise _Refused("yaml-number-long", limit=MAX_DIGITS)
    return int(node.value.replace("_", ""))


def _exact(loader: Any, node: yaml.ScalarNode) -> Any:
    """A YAML float read exactly as written (`0.250` keeps its places, `1.280` stays
    recognisable as thousands notation): money and targets are never binary floats.
    Sexagesimal `1:30.5` and a negative zero are refused."""
    if ":" in node.value:
        raise _Refused("yaml-number-form", value=node.value)
    try:
        number = Decimal(node.value.replace("_", ""))
    except InvalidOperation:  # .inf, .nan: refused later as not finite
        return loader.construct_yaml_float(node)
    if number.is_zero() and number.is_signed():
        raise _Refused("yaml-negative-zero", value=node.value)
    if len(number.as_tuple().digits) > MAX_DIGITS:
        raise _Refused("yaml-number-long", limit=MAX_DIGITS)
    return number


_SCALARS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null")}
_COLLECTIONS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_PlanLoader.add_constructor("tag:yaml.org,2002:int", _integer)
_PlanLoader.add_constructor("tag:yaml.org,2002:float", _exact)


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
                    if key_node.value == str(key):  # a year key (`by_year: {2026: …}`) is an int
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


def _excerpt(text: str, line: int, column: int) -> str:
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return ""
    shown = lines[line - 1].replace("\t", "→")
    return f"\n    {shown}\n    {' ' * (column - 1)}^"


def _syntax_error(path: str, text: str, exc: yaml.YAMLError) -> PlanError:
    if isinstance(exc, yaml.reader.ReaderError):  # a raw control character: it has no mark
        before = text.encode()[: exc.position].decode(errors="ignore")  # a byte offset
        line, column = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        char = exc.character if isinstance(exc.character, int) else ord(str(exc.character))
        return PlanError.at(path, "control-char", line, column, char=f"U+{char:04X}")
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


class _PlanComposer(yaml.composer.Composer, _PlanLoader):
    """_PlanLoader's parser and resolver, composing nodes in Python so as to refuse nesting
    deeper than MAX_DEPTH where it starts, before composing recurses into it (once per
    level). Used without libyaml only: libyaml composes in C and refuses nesting deeper
    than 1,000 levels itself, and the builder refuses what is deeper than MAX_DEPTH."""

    def __init__(self, stream: io.StringIO) -> None:
        _Base.__init__(self, stream)  # CSafeLoader (or SafeLoader): parser, resolver
        yaml.composer.Composer.__init__(self)
        self.depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        event = self.peek_event()
        if not isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            return super().compose_node(parent, index)
        self.depth += 1
        if self.depth > MAX_DEPTH:
            mark: Any = event.start_mark
            raise PlanError.at(
                mark.name, "yaml-too-deep", mark.line + 1, mark.column + 1, limit=MAX_DEPTH
            )
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _Builder:
    """Turns a node tree into plain data, counting nodes and finding duplicate keys."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.constructor = _PlanLoader("")
        self.count = 0
        self.open: set[int] = set()
        """The collections being built, to find an alias inside itself."""
        self.problems: list[Diagnostic] = []

    def build(self, node: yaml.Node) -> Any:
        self.count += 1
        mark = node.start_mark
        if self.count > MAX_NODES:
            raise PlanError.at(
                mark.name, "yaml-too-many-nodes", mark.line + 1, mark.column + 1, limit=MAX_NODES
            )
        if id(node) in self.open:  # `&a [*a]`: an alias inside the value it names
            return self._refuse(node, "yaml-alias-cycle")
        if len(self.open) >= MAX_DEPTH:  # aliases can nest deeper than the text does
            return self._refuse(node, "yaml-too-deep", limit=MAX_DEPTH)
        if isinstance(node, yaml.ScalarNode) and node.tag not in _SCALARS:
            return self._refuse(node, "yaml-tag", tag=node.tag)
        if isinstance(node, yaml.ScalarNode):
            node.value = unicodedata.normalize("NFC", node.value)  # later stages read nodes too
            try:
                return self.constructor.construct_object(node)
            except _Refused as refused:
                return self._refuse(node, refused.code, **refused.params)
        if node.tag not in _COLLECTIONS:
            return self._refuse(node, "yaml-tag", tag=node.tag)
        self.open.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node)
            return [self.build(item) for item in node.value]
        finally:
            self.open.discard(id(node))

    def _refuse(self, node: yaml.Node, code: str, **params: object) -> None:
        mark = node.start_mark
        self.problems.append(
            Diagnostic(mark.name, mark.line + 1, mark.column + 1, "", message(code, params), code)
        )

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
            key = key_node.value = unicodedata.normalize("NFC", key_node.value)
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


_COMPOSER: type = _PlanLoader if _Base is not yaml.SafeLoader else _PlanComposer
"""libyaml's composer where there is libyaml; without it, the one that refuses deep
nesting before recursing into it."""


def parse(text: str, path: str) -> Source:
    """A Source from YAML text; syntax, duplicate-key and size problems raise PlanError."""
    root = _compose(text, path, _COMPOSER)
    if root is None:
        raise PlanError.at(path, "file-empty")
    builder = _Builder(path)
    data = builder.build(root)
    if builder.problems:
        raise PlanError(builder.problems)
    return Source(path, text, root, data)


def _compose(text: str, path: str, composer: type) -> yaml.Node | None:
    """The node tree of `text`, composed by libyaml in C (or `_PlanComposer` without it)."""
    stream = io.StringIO(text)
    stream.name = path  # the parser copies it into every node's mark
    loader = composer(stream)
    try:
        root: yaml.Node | None = loader.get_single_node()
    except yaml.YAMLError as exc:
        if composer is not _PlanComposer and "nesting depth" in str(getattr(exc, "problem", "")):
            return _compose(text, path, _PlanComposer)  # says where MAX_DEPTH is passed
        raise _syntax_error(path, text, exc) from None
    finally:
        loader.dispose()
    return root


def top_level(name: str) -> dict[str, str | None]:
    """The top-level keys of the YAML file `name`, each with its text when it is one ({}
    when the file cannot be read or holds no mapping): what a folder scan needs to know
    of a plan (`kind:`, `units:`, `extends:`), composed in C without building the rest."""
    try:
        root = _compose(decode(read_file(name), name), name, _COMPOSER)
    except PlanError:
        return {}
    if not isinstance(root, yaml.MappingNode):
        return {}
    return {
        unicodedata.normalize("NFC", key.value): (
            unicodedata.normalize("NFC", value.value)
            if isinstance(value, yaml.ScalarNode) and value.tag == "tag:yaml.org,2002:str"
            else None
        )
        for key, value in root.value
        if isinstance(key, yaml.ScalarNode)
    }


def read(name: str | Path, files: Files = DISK) -> Source:
    """Load one YAML file, refusing what is not a readable UTF-8 YAML document."""
    shown = str(name)
    data = files.read(shown)
    if not data.strip():
        raise PlanError.at(shown, "file-empty")
    return parse(decode(data, shown), shown)


@contextmanager
def named_at(source: Source, key: str, target: str) -> Iterator[None]:
    """A missing `target` is reported where `source` names it (`units:`, `extends:`,
    `reports_on:`), not as a file of its own; its other problems stay in their file."""
    try:
        yield
    except PlanError as exc:
        if [(d.code, d.path) for d in exc.diagnostics] == [("file-missing", target)]:
            raise PlanError([source.diagnostic((key,), "file-missing")]) from None
        raise


def _with(root: yaml.MappingNode, key: str, value: yaml.Node) -> yaml.MappingNode:
    pairs = [(k, value if k.value == key else v) for k, v in root.value]
    return yaml.MappingNode(root.tag, pairs, root.start_mark, root.end_mark)


def load(name: str | Path, files: Files = DISK, _chain: tuple[str, ...] = ()) -> Source:
    """Load a plan file and the files it names (`units: units.yaml`, `extends: 2024.yaml`)."""
    # Here, not at the top: the no-change check (unchanged.py) reads files through this
    # module but merges nothing, and overlay takes some 3.6 ms to import (-X importtime).
    from plangen import overlay

    name = str(name)
    source = read(name, files)
    if not isinstance(source.data, dict):
        found = "danh sách (list)" if isinstance(source.data, list) else "một giá trị đơn"
        raise PlanError.at(source.path, "yaml-root", found=found)
    root = source.root
    assert isinstance(root, yaml.MappingNode)
    if isinstance(source.data.get("units"), str):
        units_name = files.beside(name, source.data["units"])
        with named_at(source, "units", units_name):
            units = read(units_name, files)
        if not isinstance(units.data, dict):
            raise PlanError.at(units.path, "units-file")
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
    chain, base_path = (*_chain, files.identity(name)), files.beside(name, base_name)
    if files.identity(base_path) in chain:
        raise PlanError([source.diagnostic(("extends",), "extends-cycle")])
    if len(chain) >= MAX_FILES:
        raise PlanError([source.diagnostic(("extends",), "extends-too-long", {"limit": MAX_FILES})])
    with named_at(source, "extends", base_path):
        base = load(base_path, files, chain)
    assert isinstance(base.root, yaml.MappingNode)
    merged, problems = overlay.apply(base.root, root)
    parts = [*source.parts, base, *base.parts]
    data = _Builder(source.path).build(merged)
    return Source(source.path, source.text, merged, data, parts, [*base.problems, *problems])
