"""Data in and out: the cattrs converter, ``to_dict`` and ``from_dict``.

The serialization rules live here, not in the model:

- a count cell is an integer, ``null`` (blank) or ``"/"`` (not applicable);
- an amount cell is a decimal **string** (``"7730.28"``) so no precision is lost;
- a cell with a note is an object ``{"value": 22, "note": "其中修订16件"}``;
- dates are ISO strings (TOML may use its native dates);
- unknown keys are an error, and so is any value of the wrong type: nothing
  is coerced (``"3"`` is not a count, ``3.0`` is not a count, ``1`` is not a string).

Every problem in the input is collected, with its data path, into one
:class:`~gov_disclosure.DataError`.
"""

from __future__ import annotations

import datetime
import difflib
import re
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, Final, Literal

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, override

from ._cell import Cell
from ._errors import DataError, Problem
from ._model import Report
from ._validators import (
    BLANK,
    NOT_APPLICABLE,
    FieldError,
    amount_problem,
    count_cell,
    count_problem,
)

_NOT_APPLICABLE_TOKEN: Final = "/"
_DECIMAL = re.compile(r"\d+(\.\d+)?", re.ASCII)


class _InvalidError(ValueError):
    """A value refused by a structure hook; its message is the problem itself."""


def _describe(value: object) -> str:
    if value is None:
        return "null"
    return f"{_json_type(value)} {value!r}"


def _json_type(value: object) -> str:
    names = {bool: "boolean", int: "integer", float: "number", Decimal: "number", str: "string"}
    if isinstance(value, Mapping):
        return "object"
    if isinstance(value, (list, tuple)):
        return "list"
    return names.get(type(value), type(value).__name__)


# --- scalars: strict, never coerced --------------------------------------------


def _structure_str(obj: object, _: Any) -> str:
    if not isinstance(obj, str):
        raise _InvalidError(f"must be a string, got {_describe(obj)}")
    return obj


def _structure_int(obj: object, _: Any) -> int:
    if type(obj) is not int:
        raise _InvalidError(f"must be an integer, got {_describe(obj)}")
    return obj


def _is_literal(tp: Any) -> bool:
    return typing.get_origin(tp) is Literal


def _structure_choice(obj: object, _: Any) -> str:
    """A Literal choice: any string here; the field's validator names the allowed ones."""
    return _structure_str(obj, _)


def _structure_date(obj: object, _: Any) -> datetime.date:
    if type(obj) is datetime.date:
        return obj
    if isinstance(obj, str):
        try:
            return datetime.date.fromisoformat(obj)
        except ValueError:
            pass
    raise _InvalidError(f"must be a date (YYYY-MM-DD), got {_describe(obj)}")


# --- cells -----------------------------------------------------------------------


def _count_number(obj: object) -> int:
    if type(obj) is bool or not isinstance(obj, (int, float, Decimal)):
        raise _InvalidError(f'must be an integer >= 0, null or "/", got {_describe(obj)}')
    problem = count_problem(obj)
    if problem is not None:
        raise _InvalidError(problem)
    return obj  # type: ignore[return-value]  # count_problem() accepted it


def _amount_number(obj: object) -> Decimal:
    if isinstance(obj, str):
        if not _DECIMAL.fullmatch(obj):
            if obj.startswith("-") and _DECIMAL.fullmatch(obj[1:]):
                raise _InvalidError(f"must be >= 0, got {obj}")
            raise _InvalidError(f'must be a decimal number such as "7730.28", got {obj!r}')
        return Decimal(obj)
    if type(obj) is int:
        number = Decimal(obj)
    elif isinstance(obj, Decimal):  # a JSON or TOML number read with parse_float=Decimal
        number = obj
    elif isinstance(obj, float):
        raise _InvalidError(f'must be a decimal string such as "7730.28", not a float: {obj!r}')
    else:
        raise _InvalidError(f'must be a decimal string, null or "/", got {_describe(obj)}')
    problem = amount_problem(number)
    if problem is not None:
        raise _InvalidError(problem)
    return number


def _cell_hook(number: Callable[[object], Any]) -> Callable[[object, Any], Cell[Any]]:
    def structure(obj: object, _: Any) -> Cell[Any]:
        if obj is None:
            return BLANK
        if obj == _NOT_APPLICABLE_TOKEN:
            return NOT_APPLICABLE
        if type(obj) is dict:
            return _cell_with_note(obj, number)
        value = number(obj)
        return count_cell(value) if type(value) is int else Cell(value)

    return structure


def _cell_with_note(obj: Mapping[str, Any], number: Callable[[object], Any]) -> Cell[Any]:
    unknown = sorted(set(obj) - {"value", "note"})
    if unknown:
        raise _InvalidError(f"unknown key {unknown[0]!r} in a cell (allowed: 'value', 'note')")
    note = obj.get("note")
    if note is not None and not isinstance(note, str):
        raise _InvalidError(f"note must be a string, got {_describe(note)}")
    value = obj.get("value")
    if value is None:
        return Cell(note=note)
    if value == _NOT_APPLICABLE_TOKEN:
        return Cell(not_applicable=True, note=note)
    return Cell(number(value), note=note)


def _unstructure_cell(
    as_data: Callable[[Any], int | str],
) -> Callable[[Cell[Any]], Any]:
    def unstructure(cell: Cell[Any]) -> Any:
        if cell.not_applicable:
            value: Any = _NOT_APPLICABLE_TOKEN
        elif cell.value is None:
            value = None
        else:
            value = as_data(cell.value)
        if cell.note is None:
            return value
        return {"value": value, "note": cell.note}

    return unstructure


def _decimal_text(value: Decimal) -> str:
    """A Decimal as plain digits, never in exponent form (``1E+3`` → ``1000``)."""
    return f"{value:f}"


# --- containers ------------------------------------------------------------------


def _is_tuple(tp: Any) -> bool:
    return typing.get_origin(tp) is tuple


def _tuple_hook(tp: Any, converter: cattrs.Converter) -> Callable[[object, Any], tuple[Any, ...]]:
    item_type = typing.get_args(tp)[0]
    item_hook = converter.get_structure_hook(item_type)

    def structure(obj: object, _: Any) -> tuple[Any, ...]:
        if not isinstance(obj, (list, tuple)):
            raise _InvalidError(f"must be a list, got {_describe(obj)}")
        items: list[Any] = []
        errors: list[Exception] = []
        for index, item in enumerate(obj):
            try:
                items.append(item_hook(item, item_type))
            except Exception as exc:  # collected, reported with its index
                exc.add_note(IterableValidationNote(f"@ index {index}", index, item_type))
                errors.append(exc)
        if errors:
            raise IterableValidationError(f"while structuring {tp!r}", errors, tp)
        return tuple(items)

    return structure


def _is_model_class(tp: Any) -> bool:
    return attrs.has(tp) and typing.get_origin(tp) is not Cell


def _class_hook(cls: type[Any], converter: cattrs.Converter) -> Callable[[Any, Any], Any]:
    """Structure an attrs class strictly: mapping only, and each field's validator applied.

    Running the field's validator inside its own structure hook lets every
    refused value be reported with its path, instead of the first one only.
    """
    hints = typing.get_type_hints(cls)
    overrides: dict[str, Any] = {}
    for field in attrs.fields(cls):
        # Cell hooks validate a cell completely; other fields get their validator run here.
        if field.validator is not None and typing.get_origin(hints[field.name]) is not Cell:
            hook = converter.get_structure_hook(hints[field.name])
            overrides[field.name] = override(struct_hook=_validated(hook, field.validator, field))
    structure_fields = make_dict_structure_fn(cls, converter, **overrides)

    def structure(obj: Any, tp: Any) -> Any:
        if type(obj) is not dict and not isinstance(obj, Mapping):
            problem = f"must be a mapping (a JSON object or TOML table), got {_describe(obj)}"
            raise _InvalidError(problem)
        return structure_fields(obj, tp)

    return structure


def _validated(
    hook: Callable[[Any, Any], Any], validator: Any, field: attrs.Attribute[Any]
) -> Callable[[Any, Any], Any]:
    def structure(obj: Any, tp: Any) -> Any:
        value = hook(obj, tp)
        validator(None, field, value)
        return value

    return structure


def _is(expected: Any) -> Callable[[Any], bool]:
    return lambda tp: bool(tp == expected)


def make_converter() -> cattrs.Converter:
    """A new converter between the model and plain data (dicts, lists, str, int, None).

    Use it to embed the model in your own data: ``conv.structure(data, Report)``
    and ``conv.unstructure(report)``. Errors from ``structure`` are cattrs
    exception groups; :func:`from_dict` turns them into a :class:`DataError`.
    """
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(datetime.date, _structure_date)
    converter.register_structure_hook_func(_is_literal, _structure_choice)
    converter.register_unstructure_hook(datetime.date, datetime.date.isoformat)
    # Cell[int] is a generic alias, not a class: register by predicate.
    converter.register_structure_hook_func(_is(Cell[int]), _cell_hook(_count_number))
    converter.register_structure_hook_func(_is(Cell[Decimal]), _cell_hook(_amount_number))
    converter.register_unstructure_hook_func(_is(Cell[int]), _unstructure_cell(int))
    converter.register_unstructure_hook_func(_is(Cell[Decimal]), _unstructure_cell(_decimal_text))
    converter.register_structure_hook_factory(_is_tuple, _tuple_hook)
    converter.register_structure_hook_factory(_is_model_class, _class_hook)
    return converter


_CONVERTER: Final = make_converter()


def to_dict(report: Report) -> dict[str, Any]:
    """The report as plain data, ready for ``json.dumps`` (amounts as decimal strings)."""
    return _CONVERTER.unstructure(report, Report)  # type: ignore[no-any-return]


def from_dict(data: Any, *, source: str | None = None) -> Report:
    """A report from plain data, as read from a JSON or TOML data file.

    Raises :class:`DataError` listing every problem, each with its data path.
    """
    try:
        return _CONVERTER.structure(data, Report)
    except Exception as exc:
        raise DataError(problems(exc), source=source) from None


# --- errors: from cattrs exception groups to (path, message) -----------------------


def problems(exc: BaseException, path: str = "") -> list[Problem]:
    """Every leaf problem of a (cattrs) structuring exception, with its data path."""
    if isinstance(exc, ForbiddenExtraKeysError):
        return [
            Problem(_join(path, key), _unknown_key(key, exc.cl)) for key in sorted(exc.extra_fields)
        ]
    if isinstance(exc, (ClassValidationError, IterableValidationError)):
        found: list[Problem] = []
        for sub in exc.exceptions:
            found += problems(sub, _note_path(sub, path))
        return found
    if isinstance(exc, KeyError):
        return [Problem(path, "required field is missing")]
    if isinstance(exc, FieldError):
        return [Problem(path, exc.problem)]
    return [Problem(path, str(exc))]


def _note_path(exc: BaseException, path: str) -> str:
    for note in getattr(exc, "__notes__", ()):
        if isinstance(note, AttributeValidationNote):
            return _join(path, note.name)
        if isinstance(note, IterableValidationNote):
            return f"{path}[{note.index}]"
    return path


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _unknown_key(key: str, cls: type[Any]) -> str:
    names = [field.name for field in attrs.fields(cls)]
    close = difflib.get_close_matches(key, names, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"unknown key{hint}"
