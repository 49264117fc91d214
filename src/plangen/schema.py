"""The JSON Schema editors use for completion, hover help and checking as one types.

It describes both forms a plan file takes: a whole document (model.Plan), and a plan
made from another (`extends:`, overlay.py), where every field may be left out, mappings
merge key by key and `change`/`replace`/`remove`/`add` act by id. With the office's unit
registry (`units.yaml`) the unit keys in `lead`, `support`, `duties[].unit` and `order`
are completed and checked too.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from typing import Any

from pydantic.json_schema import GenerateJsonSchema

from plangen import __version__, overlay
from plangen.model import Plan, docstrings

DIALECT = "https://json-schema.org/draft/2020-12/schema"
ID = f"urn:plangen:schema:plan:{__version__}"
UNIT_FIELDS = {"Task": ("lead", "support"), "Duty": ("unit",), "Organization": ("order",)}
"""The fields that hold unit keys (model name → field names)."""

Schema = dict[str, Any]

_SUBSCHEMA = ("items", "additionalProperties", "not", "if", "then", "else")
_SUBSCHEMA_LISTS = ("anyOf", "oneOf", "allOf", "prefixItems")
_SUBSCHEMA_MAPS = ("properties", "$defs", "patternProperties")


class _Untitled(GenerateJsonSchema):
    """Pydantic's schema without the titles it makes up from field names ('Subject'):
    an editor shows each title as a heading, so a field would get two ('Subject', 'Issuer')."""

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False

    def model_schema(self, schema: Any) -> Schema:
        """A model's schema, each field described by its docstring (when it has no
        description of its own), as editors show it on hover."""
        generated = super().model_schema(schema)
        properties = generated.get("properties", {})
        for name, text in docstrings(schema["cls"]).items():
            if name in properties and "description" not in properties[name]:
                properties[name]["description"] = text
        return generated


def _subschemas(node: Schema) -> Iterator[Schema]:
    """The schemas directly inside `node`, whatever keyword holds them."""
    for keyword in _SUBSCHEMA:
        if isinstance(node.get(keyword), dict):
            yield node[keyword]
    for keyword in _SUBSCHEMA_LISTS:
        yield from node.get(keyword, [])
    for keyword in _SUBSCHEMA_MAPS:
        yield from node.get(keyword, {}).values()


def walk(node: Schema) -> Iterator[Schema]:
    """`node` and every schema inside it."""
    yield node
    for inner in _subschemas(node):
        yield from walk(inner)


def _ref(name: str) -> Schema:
    return {"$ref": f"#/$defs/{name}"}


def _referenced(node: Schema) -> str | None:
    ref = node.get("$ref", "")
    return ref.removeprefix("#/$defs/") if ref.startswith("#/$defs/") else None


class _Patches:
    """`<Model>Patch` definitions: a model written as changes, as `extends:` merges it —
    nothing required, and a mapping inside is a patch too (lists replace whole)."""

    def __init__(self, defs: dict[str, Schema]) -> None:
        self.defs = defs

    def of(self, name: str) -> str:
        patch = f"{name}Patch"
        if patch not in self.defs:
            self.defs[patch] = {}  # placed first: a model may contain itself
            self.defs[patch] = self.model(self.defs[name])
        return patch

    def model(self, schema: Schema) -> Schema:
        patched = {key: value for key, value in schema.items() if key != "required"}
        patched["properties"] = {
            name: self.field(value) for name, value in schema.get("properties", {}).items()
        }
        return patched

    def field(self, schema: Schema) -> Schema:
        name = _referenced(schema)
        if name is not None and self.defs[name].get("type") == "object":
            return {**schema, "$ref": f"#/$defs/{self.of(name)}"}
        if "anyOf" in schema:
            return {**schema, "anyOf": [self.field(member) for member in schema["anyOf"]]}
        return schema


def _overlay(defs: dict[str, Schema], plan: Schema) -> Schema:
    """The schema of a plan file that `extends:` another."""
    patches = _Patches(defs)
    task = defs["Task"]
    # A replacement takes its id from its key; a task's other fields hold a section's.
    defs["TaskReplacement"] = {**task, "required": [n for n in task["required"] if n != "id"]}
    items = [_ref("TaskReplacement"), _ref("Target")]
    changes = [_ref(patches.of(name)) for name in ("Task", "Target")]
    key = {"type": "string", "description": "The id of a section, task or target of the base."}
    where = "The id of a sibling to add after (`after`) or of the section to add into (`into`)."
    adding = {
        what: {**_ref(name), "description": f"The new {what}."}
        for what, name in zip(overlay.ADDABLE, ("Section", "Task", "Target"), strict=True)
    }
    one_place = [
        {"not": {"required": ["after", "into"]}},
        {
            "if": {"anyOf": [{"required": ["task"]}, {"required": ["target"]}]},
            "then": {"anyOf": [{"required": ["after"]}, {"required": ["into"]}]},
        },
    ]
    add = {
        "type": "object",
        "properties": {
            "after": {**key, "description": where},
            "into": {**key, "description": where},
            **adding,
        },
        "additionalProperties": False,
        "oneOf": [{"required": [what]} for what in overlay.ADDABLE],
        "allOf": one_place,
    }
    schema = patches.model(plan)
    schema["description"] = (
        "A plan made from another: the base's fields, with these replacing them "
        "(mappings merge key by key) and sections, tasks and targets changed by id."
    )
    schema["required"] = ["extends"]
    schema["properties"] = {
        "extends": {
            "type": "string",
            "minLength": 1,
            "description": "The base plan file, relative to this one, e.g. `2024.yaml`.",
        },
        **schema["properties"],
        "change": {
            "type": "object",
            "description": "Set some fields of the section, task or target with this id.",
            "additionalProperties": {"anyOf": changes},
        },
        "replace": {
            "type": "object",
            "description": "A whole new section, task or target in the place of this id.",
            "additionalProperties": {"anyOf": items},
        },
        "remove": {
            "type": "array",
            "description": "The ids of the sections, tasks and targets to leave out.",
            "items": key,
        },
        "add": {
            "type": "array",
            "description": "New sections, tasks and targets: `after: <id>` or `into: <section "
            "id>`; a section alone goes at the end.",
            "items": add,
        },
    }
    return schema


def _unit_keys(defs: dict[str, Schema], units: Mapping[str, str] | None) -> None:
    """Point every unit-key field at one `UnitKey` definition: any key, or the registry's."""
    key = defs["Duty"]["properties"]["unit"]
    pattern = key["pattern"]
    defs["UnitKey"] = (
        {**key, "description": "A unit key from `units`."}
        if units is None
        else {
            "enum": list(units),
            "enumDescriptions": list(units.values()),
            "markdownEnumDescriptions": list(units.values()),
            "description": "A unit key from the unit registry.",
        }
    )
    for model, names in UNIT_FIELDS.items():
        for name in names:
            for node in walk(defs[model]["properties"][name]):
                if node.get("pattern") == pattern and node.get("type") == "string":
                    node.clear()
                    node.update(_ref("UnitKey"))


def plan_schema(units: Mapping[str, str] | None = None) -> Schema:
    """The schema of a plan file, of either form; with `units`, unit keys are one of them."""
    generated = Plan.model_json_schema(schema_generator=_Untitled)
    defs: dict[str, Schema] = generated.pop("$defs")
    for definition in defs.values():
        definition.pop("title", None)
    title, description = generated.pop("title"), generated["description"]
    _unit_keys(defs, units)
    defs["Plan"] = generated
    defs["Overlay"] = _overlay(defs, copy.deepcopy(generated))
    return {
        "$schema": DIALECT,
        "$id": ID,
        "title": title,
        "description": description,
        "type": "object",
        "if": {"required": ["extends"]},
        "then": _ref("Overlay"),
        "else": _ref("Plan"),
        "$defs": defs,
    }
