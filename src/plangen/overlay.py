"""`extends:` — a plan written as changes to another plan (kế hoạch kế thừa).

A revised draft or a district variant of a provincial plan names its base file and
says only what differs. The merge works on YAML nodes, not on plain data, so every
value keeps the file and line it came from: a mistake in the overlay is reported at the
overlay's line, one inherited from the base at the base's.

    extends: 2024.yaml          # the base, relative to this file
    number: 31                  # any field: mappings merge key by key, the rest replace
    change:                     # by id: set these fields of a section, task or target
      T3: {due: 6, lead: SYT}
    replace:                    # by id: a whole new section, task or target
      T4: {title: …, lead: SNV}
    remove: [T5]                # by id
    add:                        # a new section, task or target, after a sibling or into a section
      - after: T2
        task: {id: T2b, title: …, lead: SXD}
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import yaml

from plangen.diagnostics import Diagnostic, hint, message

OPERATIONS = ("change", "replace", "remove", "add")
"""Overlay keys that act on the base by id; they never reach the plan model."""
ADDABLE = {"section": "sections", "task": "tasks", "target": "targets"}
"""What `add` can add, and the list of its parent that holds it."""
_STR = "tag:yaml.org,2002:str"


def _at(node: yaml.Node, code: str, field: str = "", **params: object) -> Diagnostic:
    mark = node.start_mark
    return Diagnostic(mark.name, mark.line + 1, mark.column + 1, field, message(code, params), code)


def _get(mapping: yaml.MappingNode, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    for pair in mapping.value:
        if isinstance(pair[0], yaml.ScalarNode) and pair[0].value == key:
            return pair
    return None


def merge(base: yaml.Node, over: yaml.Node) -> yaml.Node:
    """`over` on top of `base`: mappings merge key by key, anything else is replaced."""
    if not (isinstance(base, yaml.MappingNode) and isinstance(over, yaml.MappingNode)):
        return over
    pairs = list(base.value)
    for key_node, value_node in over.value:
        for index, (old_key, old_value) in enumerate(pairs):
            if old_key.value == key_node.value:
                pairs[index] = (key_node, merge(old_value, value_node))
                break
        else:
            pairs.append((key_node, value_node))
    return yaml.MappingNode(base.tag, pairs, over.start_mark, over.end_mark)


@dataclass
class _Place:
    """Where a node with an id sits: the list that holds it and under which key."""

    holder: yaml.SequenceNode
    node: yaml.MappingNode
    key: str


def _places(node: yaml.Node) -> Iterator[tuple[str, _Place]]:
    """Every section, task and target with an id, in document order."""
    if not isinstance(node, yaml.MappingNode):
        return
    for key_node, value_node in node.value:
        if key_node.value in ADDABLE.values() and isinstance(value_node, yaml.SequenceNode):
            for item in value_node.value:
                if isinstance(item, yaml.MappingNode):
                    found = _get(item, "id")
                    if found and isinstance(found[1], yaml.ScalarNode):
                        yield str(found[1].value), _Place(value_node, item, key_node.value)
                    yield from _places(item)


class _Overlay:
    """Applies the id operations of one overlay to a merged tree, collecting problems."""

    def __init__(self, root: yaml.MappingNode) -> None:
        self.root = root
        self.problems: list[Diagnostic] = []
        self.index: dict[str, _Place] = {}
        self.reindex()

    def reindex(self) -> None:
        self.index = {}
        for key, place in _places(self.root):
            self.index.setdefault(key, place)

    def find(self, id_node: yaml.Node, field: str) -> _Place | None:
        key = str(id_node.value) if isinstance(id_node, yaml.ScalarNode) else ""
        place = self.index.get(key)
        if place is None:
            suggestion = hint(key, self.index)
            self.problems.append(_at(id_node, "extends-unknown-id", field, id=key, hint=suggestion))
        return place

    def swap(self, place: _Place, new: yaml.Node) -> None:
        place.holder.value[place.holder.value.index(place.node)] = new

    def mapping(self, node: yaml.Node, field: str) -> yaml.MappingNode | None:
        if isinstance(node, yaml.MappingNode):
            return node
        self.problems.append(_at(node, "extends-shape", field, expected="các cặp khóa: giá trị"))
        return None

    def change(self, ops: yaml.Node, replace: bool) -> None:
        name = "replace" if replace else "change"
        if (table := self.mapping(ops, name)) is None:
            return
        for id_node, body in table.value:
            field = f"{name}.{id_node.value}"
            place = self.find(id_node, field)
            new = self.mapping(body, field)
            if place is None or new is None:
                continue
            if replace:
                if _get(new, "id") is None:
                    id_value = yaml.ScalarNode(_STR, id_node.value, id_node.start_mark)
                    new = yaml.MappingNode(
                        new.tag,
                        [(yaml.ScalarNode(_STR, "id", id_node.start_mark), id_value), *new.value],
                        new.start_mark,
                        new.end_mark,
                    )
                self.swap(place, new)
            else:
                self.swap(place, merge(place.node, new))
            self.reindex()

    def remove(self, ops: yaml.Node) -> None:
        if not isinstance(ops, yaml.SequenceNode):
            self.problems.append(_at(ops, "extends-shape", "remove", expected="danh sách mã"))
            return
        for id_node in ops.value:
            place = self.find(id_node, "remove")
            if place is not None:
                place.holder.value.remove(place.node)
                self.reindex()

    def add(self, ops: yaml.Node) -> None:
        if not isinstance(ops, yaml.SequenceNode):
            self.problems.append(_at(ops, "extends-shape", "add", expected="danh sách"))
            return
        for position, entry in enumerate(ops.value):
            field = f"add[{position}]"
            if (spec := self.mapping(entry, field)) is not None:
                self.add_one(spec, field)
                self.reindex()

    def add_one(self, spec: yaml.MappingNode, field: str) -> None:
        keys = {str(k.value): v for k, v in spec.value}
        added = [what for what in ADDABLE if what in keys]
        where = [key for key in ("after", "into") if key in keys]
        extra = sorted(set(keys) - set(ADDABLE) - {"after", "into"})
        if len(added) != 1 or len(where) > 1 or extra:
            self.problems.append(_at(spec, "extends-add", field))
            return
        what, new = added[0], keys[added[0]]
        if not where:
            if what != "section":
                self.problems.append(_at(spec, "extends-add", field))
                return
            pair = _get(self.root, "sections")
            if pair and isinstance(pair[1], yaml.SequenceNode):
                pair[1].value.append(new)
            return
        anchor = self.find(keys[where[0]], f"{field}.{where[0]}")
        if anchor is None:
            return
        if where[0] == "after":
            if anchor.key != ADDABLE[what]:
                self.problems.append(
                    _at(keys["after"], "extends-add-kind", f"{field}.after", kind=what)
                )
                return
            anchor.holder.value.insert(anchor.holder.value.index(anchor.node) + 1, new)
            return
        pair = _get(anchor.node, ADDABLE[what])
        if pair and isinstance(pair[1], yaml.SequenceNode):
            pair[1].value.append(new)
        else:
            key = yaml.ScalarNode(_STR, ADDABLE[what], new.start_mark)
            holder = yaml.SequenceNode("tag:yaml.org,2002:seq", [new], new.start_mark)
            pairs = [*anchor.node.value, (key, holder)]
            self.swap(anchor, yaml.MappingNode(anchor.node.tag, pairs, anchor.node.start_mark))


def apply(base: yaml.MappingNode, over: yaml.MappingNode) -> tuple[yaml.Node, list[Diagnostic]]:
    """The plan `over` describes on top of `base`, and the problems in its operations."""
    fields = yaml.MappingNode(
        over.tag,
        [(k, v) for k, v in over.value if k.value not in (*OPERATIONS, "extends")],
        over.start_mark,
        over.end_mark,
    )
    root = merge(base, fields)
    assert isinstance(root, yaml.MappingNode)
    overlay = _Overlay(root)
    for key_node, value_node in over.value:
        if key_node.value in ("change", "replace"):
            overlay.change(value_node, replace=key_node.value == "replace")
        elif key_node.value == "remove":
            overlay.remove(value_node)
        elif key_node.value == "add":
            overlay.add(value_node)
    return overlay.root, overlay.problems
