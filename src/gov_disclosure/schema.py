"""The JSON Schema of a report data file, generated from the model.

:func:`json_schema` walks the attrs classes of the model (their fields, type
hints, defaults, validators and the official labels in their metadata) and
describes a data file exactly as :func:`gov_disclosure.from_dict` reads it and
:func:`gov_disclosure.to_dict` writes it. Nothing here is written by hand per
field: change the model and the schema follows. Every property is titled with
its official Chinese label; joined with ``·`` along a data path, the titles
give the label of :data:`gov_disclosure.CELLS` (``（七）总计·自然人``).

Write the schema to a file and point your editor at it::

    from pathlib import Path
    from gov_disclosure.schema import schema_json

    Path("report-2021.schema.json").write_text(schema_json(), encoding="utf-8")

- **JSON in VS Code**: in ``settings.json``, ``"json.schemas": [{"fileMatch":
  ["*.report.json"], "url": "./report-2021.schema.json"}]``. Do not put a
  ``"$schema"`` key in the data file itself: a data file refuses unknown keys,
  and the schema says so too.
- **TOML** (Even Better TOML in VS Code, or any editor using taplo): make
  ``#:schema ./report-2021.schema.json`` the first line of the file (a comment,
  which the loader ignores), or map file names to the schema in the
  ``evenBetterToml.schema.associations`` setting. TOML has no null: a blank
  cell is a key left out, or ``{ note = "…" }`` when it carries a note.

The schema is draft 2020-12 and uses only keywords that mean the same in
draft 7, so older validators check a file the same way. ``format: date`` is an
annotation unless the validator asserts formats (``jsonschema``: pass
``format_checker=Draft202012Validator.FORMAT_CHECKER``).

What the schema cannot say exactly, and the loader can:

- JSON Schema counts ``3.0`` as an integer; the loader refuses it as a count.
- The loader reads a JSON or TOML number with a fraction as an exact decimal
  and accepts it as an amount; the schema asks for a decimal string
  (``"7730.28"``), which is how amounts are written.
- An amount has at most 15 digits on either side of its point, and text may
  hold no lone surrogate (it could not be written back as UTF-8); the schema
  states neither. A key given twice is refused by the JSON loader before any
  schema sees it.
"""

from __future__ import annotations

import datetime
import inspect
import json
import types
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, Final, Literal

import attrs

from ._cell import NOT_APPLICABLE, Cell
from ._convert import make_converter
from ._form import LABEL_JOINER, SECTION_BY_NAME
from ._model import (
    AGENCY_KINDS,
    COLUMN,
    ITEM,
    LABEL,
    OVERVIEW_TOPICS,
    PARENT,
    SECTION,
    Report,
)
from ._validators import (
    MAX_COUNT,
    MAX_DIGITS,
    CellValidator,
    InRange,
    InstanceOf,
    InstancesOf,
    NonEmptyStr,
    OneOf,
    OptionalStr,
    StrTuple,
)

__all__ = ["DECIMAL_PATTERN", "NON_SPACE_PATTERN", "SCHEMA_ID", "json_schema", "schema_json"]

#: The ``$id`` of the schema: a name for it, not a place it is served from.
SCHEMA_ID: Final = "https://gov-disclosure.example/schema/report-2021.json"

_DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
_NOT_APPLICABLE: Final = NOT_APPLICABLE

#: A decimal written as digits, with an optional point and more digits. ``[0-9]``,
#: not ``\d``, so that every validator reads it alike (``\d`` is Unicode in Python's
#: ``re``); ``(?!\n)`` because Python's ``$`` also matches before a final newline.
DECIMAL_PATTERN: Final = r"^[0-9]+(\.[0-9]+)?(?!\n)$"
#: At least one character that is not white space (what ``str.strip()`` removes).
NON_SPACE_PATTERN: Final = r"\S"

#: Names of the choices a ``one_of`` validator allows, by the tuple of its keys.
_CHOICE_NAMES: Final[dict[tuple[str, ...], Mapping[str, str]]] = {
    tuple(names): names for names in (AGENCY_KINDS, OVERVIEW_TOPICS)
}

#: Validators whose whole check is the field's type, already in the schema.
_TYPE_VALIDATORS: Final = (InstanceOf, InstancesOf, OptionalStr, StrTuple, CellValidator)

_NOTE_DESCRIPTION: Final = (
    'or {"value": …, "note": "…"} for a cell printed with a note, as in 22（其中修订16件）'
)


# --- cells ---------------------------------------------------------------------------------


@attrs.frozen
class _CellKind:
    """How one kind of cell is written in a data file."""

    name: str
    numbers: tuple[dict[str, Any], ...]
    description: str


_CELL_KINDS: Final[dict[type[Any], _CellKind]] = {
    int: _CellKind(
        "Count",
        ({"description": "the number", "type": "integer", "minimum": 0, "maximum": MAX_COUNT},),
        f"A count: an integer >= 0 of at most {MAX_DIGITS} digits, null for a blank cell, "
        f'"{_NOT_APPLICABLE}" for not applicable, {_NOTE_DESCRIPTION}. '
        "Blank is not 0, and neither is not applicable.",
    ),
    Decimal: _CellKind(
        "Amount",
        (
            {
                "description": 'the amount as a decimal string, such as "7730.28"',
                "type": "string",
                "pattern": DECIMAL_PATTERN,
            },
            {
                "description": "a whole amount",
                "type": "integer",
                "minimum": 0,
                "maximum": MAX_COUNT,
            },
        ),
        'An amount >= 0: a decimal string such as "7730.28" (digits, optionally a point '
        "and more digits; the unit is in the title), a whole number, null for a blank cell, "
        f'"{_NOT_APPLICABLE}" for not applicable, {_NOTE_DESCRIPTION}. Amounts are written '
        "as strings so that no digit is lost; the loader also reads a JSON or TOML number "
        "with a fraction exactly, but this schema asks for the string.",
    ),
}


def _cell_schema(kind: _CellKind) -> dict[str, Any]:
    blank = {"description": "a blank cell (printed empty; not 0)", "type": "null"}
    not_applicable = {"description": "not applicable (printed /)", "const": _NOT_APPLICABLE}
    value = {
        "description": f"the cell's number, null when blank, or {_NOT_APPLICABLE!r}",
        "anyOf": [*kind.numbers, blank, not_applicable],
        "default": None,
    }
    with_note = {
        "description": "a cell with a note printed after its number",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "value": value,
            "note": {
                "description": "the note, without its brackets",
                "type": ["string", "null"],
                "default": None,
            },
        },
    }
    return {
        "title": kind.name,
        "description": kind.description,
        "anyOf": [*kind.numbers, blank, not_applicable, with_note],
    }


# --- the walker ----------------------------------------------------------------------------


def _summary(cls: type[Any]) -> str:
    """The first paragraph of a class's docstring, on one line."""
    doc = inspect.getdoc(cls) or ""
    first = doc.split("\n\n", 1)[0]
    return " ".join(first.replace("``", '"').split())


def _title(field: attrs.Attribute[Any]) -> str:
    """The field's own labels, as :mod:`._form` composes them for a cell."""
    meta = field.metadata
    labels = [meta[PARENT]] if PARENT in meta else []
    labels.append(meta[LABEL])
    if COLUMN in meta:
        labels.append(meta[COLUMN])
    return LABEL_JOINER.join(labels)


def _is_union(tp: Any) -> bool:
    return typing.get_origin(tp) in (typing.Union, types.UnionType)


def _plain(value: Any) -> Any:
    """*value* as JSON data (tuples become lists); ``TypeError`` if it holds anything else."""
    return json.loads(json.dumps(value, allow_nan=False))


class _Walker:
    """Builds the schema of one class and collects the ``$defs`` it refers to."""

    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}
        self._unstructure: Callable[[Any, Any], Any] = make_converter().unstructure

    def ref(self, name: str, build: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        if name not in self.defs:
            self.defs[name] = {}  # reserved first: a class may refer to itself
            self.defs[name] = build()
        return {"$ref": f"#/$defs/{name}"}

    def class_ref(self, cls: type[Any]) -> dict[str, Any]:
        def build() -> dict[str, Any]:
            return {"title": cls.__name__, "description": _summary(cls), **self.object_schema(cls)}

        return self.ref(cls.__name__, build)

    def object_schema(self, cls: type[Any]) -> dict[str, Any]:
        """``type``, ``additionalProperties``, ``properties`` and ``required`` of *cls*."""
        hints = typing.get_type_hints(cls)
        fields = attrs.fields(cls)
        schema: dict[str, Any] = {
            "type": "object",
            "additionalProperties": False,
            "properties": {f.name: self.field_schema(f, hints[f.name]) for f in fields},
        }
        required = [f.name for f in fields if f.default is attrs.NOTHING]
        if required:
            schema["required"] = required
        return schema

    def field_schema(self, field: attrs.Attribute[Any], tp: Any) -> dict[str, Any]:
        body, what = self.type_schema(tp, _refinements(field.validator))
        description = what
        if SECTION in field.metadata:
            description = f"Section {SECTION_BY_NAME[field.name].heading}. {what}"
        if ITEM in field.metadata and field.metadata[ITEM] not in description:
            description = f"Under {field.metadata[ITEM]}. {description}"
        schema = {"title": _title(field), "description": description, **body}
        default = field.default
        if default is not attrs.NOTHING and not isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            schema["default"] = _plain(self._unstructure(default, tp))
        return schema

    def type_schema(self, tp: Any, refine: dict[str, Any]) -> tuple[dict[str, Any], str]:
        """The schema of a type as a data file writes it, and what it holds in words."""
        if "enum" in refine:
            return {"enum": refine["enum"]}, refine["description"]
        if _is_union(tp):
            return self.union_schema(tp, refine)
        origin = typing.get_origin(tp)
        if origin is Cell:
            (number,) = typing.get_args(tp)
            kind = _CELL_KINDS[number]
            return self.ref(kind.name, lambda: _cell_schema(kind)), kind.description
        if origin is Literal:
            choices = list(typing.get_args(tp))
            return {"enum": choices}, f"One of {_choices_text(choices)}."
        if origin is tuple:
            item, _ = typing.get_args(tp)
            items, what = self.type_schema(item, {})
            if item is str:
                return {"type": "array", "items": items}, "Paragraphs, in order: a list of strings."
            noun = item.__name__ if isinstance(item, type) else "item"
            return {"type": "array", "items": items}, f"A list of {noun} objects, in order. {what}"
        if tp is str:
            constraints = {k: v for k, v in refine.items() if k != "description"}
            return {"type": "string", **constraints}, refine.get("description", "Text.")
        if tp is int:
            constraints = {k: v for k, v in refine.items() if k != "description"}
            return {"type": "integer", **constraints}, refine.get("description", "An integer.")
        if tp is datetime.date:
            what = "A date, YYYY-MM-DD (a TOML file may use its native local date)."
            return {"type": "string", "format": "date"}, what
        if isinstance(tp, type) and attrs.has(tp):
            return self.class_ref(tp), _summary(tp)
        msg = f"no JSON Schema for the model type {tp!r}: teach gov_disclosure.schema"
        raise TypeError(msg)

    def union_schema(self, tp: Any, refine: dict[str, Any]) -> tuple[dict[str, Any], str]:
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        nullable = len(args) < len(typing.get_args(tp))
        parts = [self.type_schema(a, refine) for a in args]
        what = " Or ".join(w for _, w in parts)
        if not nullable:
            return {"anyOf": [s for s, _ in parts]}, what
        what = f"{what.removesuffix('.')}, or null when not stated."
        if len(parts) == 1:
            (schema, _) = parts[0]
            if "enum" in schema:
                return {"enum": [*schema["enum"], None]}, what
            if isinstance(schema.get("type"), str):
                return {**schema, "type": [schema["type"], "null"]}, what
        return {"anyOf": [*(s for s, _ in parts), {"type": "null"}]}, what


def _choices_text(choices: list[Any]) -> str:
    return ", ".join(json.dumps(c, ensure_ascii=False) for c in choices)


def _refinements(validator: Any) -> dict[str, Any]:
    """What a field's validator adds to its type: bounds, an enum, a non-empty string.

    The validators of :mod:`._validators` are small frozen classes whose public
    attributes say what they check (``InRange.low``, ``OneOf.choices``), as attrs'
    own validators do. An unknown validator is an error, so that the schema never
    silently checks less than the model.
    """
    if validator is None or isinstance(validator, _TYPE_VALIDATORS):
        return {}
    if isinstance(validator, InRange):
        low, high = validator.low, validator.high
        return {
            "minimum": low,
            "maximum": high,
            "description": f"An integer from {low} to {high}.",
        }
    if isinstance(validator, NonEmptyStr):
        return {
            "minLength": 1,
            "pattern": NON_SPACE_PATTERN,
            "description": "Text with at least one character that is not white space.",
        }
    if isinstance(validator, OneOf):
        allowed = list(validator.choices)
        names = _CHOICE_NAMES.get(tuple(allowed), {})
        shown = ", ".join(
            json.dumps(c, ensure_ascii=False) + (f" ({names[c]})" if c in names else "")
            for c in allowed
        )
        if validator.optional:
            return {"enum": [*allowed, None], "description": f"One of {shown}; or null."}
        return {"enum": allowed, "description": f"One of {shown}."}
    msg = f"no JSON Schema for the validator {validator!r}: teach gov_disclosure.schema"
    raise TypeError(msg)


# --- the schema ------------------------------------------------------------------------


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a report data file, as plain JSON data.

    Generated from the model on every call (a new dict each time, in a stable
    order): properties in the order of the form, ``$defs`` by name.
    """
    walker = _Walker()
    root = walker.object_schema(Report)
    description = (
        f"{_summary(Report)} This is its data file (JSON, or TOML with blank cells left out) "
        "as gov_disclosure reads and writes it: the annual report on government information "
        "disclosure in the format of 国办公开办函〔2021〕30号. Generated from the gov_disclosure "
        "model: do not edit by hand."
    )
    schema = {
        "$schema": _DIALECT,
        "$id": SCHEMA_ID,
        "title": "政府信息公开工作年度报告（国办公开办函〔2021〕30号格式）",
        "description": description,
        **root,
        "$defs": dict(sorted(walker.defs.items())),
    }
    return _plain(schema)  # type: ignore[no-any-return]  # a copy sharing nothing, JSON only


def schema_json() -> str:
    """:func:`json_schema` as the text of a ``.json`` file: indented, UTF-8 characters kept."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
