"""Validators (small named factories, as in attrs) and converters for the model.

Every validator raises :class:`FieldError`, whose message follows the attrs style
(``'natural_person' must be >= 0: -1``) and whose ``problem`` is the same fact
without the attribute name (``must be >= 0, got -1``), so the data-file layer
can put it behind a data path instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any, Final, TypeVar

import attrs

from ._cell import Cell

#: The 条例 took effect on 2008-05-01; the first annual reports cover 2008.
MIN_YEAR: Final = 2008
#: A generous upper bound that still catches typed-in nonsense such as 20244.
MAX_YEAR: Final = 2100

_T = TypeVar("_T")
Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


class FieldError(ValueError):
    """A field holds a value the model refuses.

    ``str(err)`` is the attrs-style message; ``err.problem`` is the message
    without the field name, for callers that name the place themselves.
    """

    def __init__(self, name: str, problem: str, attrs_message: str) -> None:
        super().__init__(attrs_message)
        self.name = name
        self.problem = problem


def _fail(attribute: attrs.Attribute[Any], problem: str, short: str) -> FieldError:
    return FieldError(attribute.name, problem, f"'{attribute.name}' {short}")


def _describe(value: object) -> str:
    return f"{type(value).__name__} {value!r}"


# --- cells -----------------------------------------------------------------


def count_problem(value: object) -> str | None:
    """Why *value* cannot be the number of a count cell, or ``None`` if it can."""
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, (float, Decimal)):
            return f"must be a whole number, got {value}"
        return f"must be an integer, got {_describe(value)}"
    if value < 0:
        return f"must be >= 0, got {value}"
    return None


def amount_problem(value: object) -> str | None:
    """Why *value* cannot be the number of an amount cell, or ``None`` if it can."""
    if not isinstance(value, Decimal):
        return f"must be a Decimal, got {_describe(value)}"
    if not value.is_finite():
        return f"must be a finite decimal, got {value}"
    if value < 0:
        return f"must be >= 0, got {value}"
    return None


def _cell_validator(number_problem: Callable[[object], str | None], what: str) -> Validator:
    def validate(_inst: Any, attribute: attrs.Attribute[Any], cell: Any) -> None:
        if not isinstance(cell, Cell):
            problem = f'must be {what}, None, "/" or a Cell, got {_describe(cell)}'
            raise _fail(attribute, problem, f'must be {what}, None, "/" or a Cell: {cell!r}')
        if cell.value is not None:
            number = number_problem(cell.value)
            if number is not None:
                raise _fail(attribute, number, number.replace(", got ", ": ", 1))
        if cell.note is not None and not isinstance(cell.note, str):
            raise _fail(attribute, "note must be a string", f"note must be a string: {cell.note!r}")

    return validate


def count() -> Validator:
    """Validate a count cell: blank, "/", or an integer >= 0, with an optional note."""
    return _cell_validator(count_problem, "an int >= 0")


def amount() -> Validator:
    """Validate an amount cell: blank, "/", or a finite Decimal >= 0, with an optional note."""
    return _cell_validator(amount_problem, "a Decimal >= 0")


_SMALL_COUNTS: Final[tuple[Cell[int], ...]] = tuple(Cell(i) for i in range(1024))
BLANK: Final[Cell[Any]] = Cell()
NOT_APPLICABLE: Final[Cell[Any]] = Cell(not_applicable=True)


def count_cell(value: int) -> Cell[int]:
    """A count cell for *value*, sharing the instances of small numbers (cells are frozen)."""
    if 0 <= value < 1024:
        return _SMALL_COUNTS[value]
    return Cell(value)


def to_count(value: int | str | Cell[int] | None) -> Cell[int]:
    """Converter: ``3`` → ``Cell(3)``, ``None`` → blank, ``"/"`` → not applicable.

    Anything else is passed through unchanged for the validator to refuse with
    a message that names the field.
    """
    if value is None:
        return BLANK
    if type(value) is int:
        return count_cell(value) if value >= 0 else Cell(value)
    if value == "/":
        return NOT_APPLICABLE
    return value  # type: ignore[return-value]  # a Cell, or garbage for the validator


def to_amount(value: Decimal | int | str | Cell[Decimal] | None) -> Cell[Decimal]:
    """Converter: ``Decimal("1.5")`` → ``Cell(Decimal("1.5"))``; an int becomes an exact Decimal."""
    if value is None:
        return BLANK
    if isinstance(value, Decimal):
        return Cell(value)
    if type(value) is int:
        return Cell(Decimal(value))
    if value == "/":
        return NOT_APPLICABLE
    return value  # type: ignore[return-value]


# --- plain fields ----------------------------------------------------------


def in_range(low: int, high: int) -> Validator:
    """Validate an integer (not a bool) within ``low..high`` inclusive."""

    def validate(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            problem = f"must be an integer, got {_describe(value)}"
            raise _fail(attribute, problem, f"must be an int: {value!r}")
        if value < low:
            raise _fail(attribute, f"must be >= {low}, got {value}", f"must be >= {low}: {value}")
        if value > high:
            raise _fail(attribute, f"must be <= {high}, got {value}", f"must be <= {high}: {value}")

    return validate


def non_empty_str() -> Validator:
    """Validate a string with at least one non-space character."""

    def validate(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, str):
            problem = f"must be a string, got {_describe(value)}"
            raise _fail(attribute, problem, f"must be a str: {value!r}")
        if not value.strip():
            raise _fail(attribute, "must not be empty", f"must not be empty: {value!r}")

    return validate


def optional_str() -> Validator:
    """Validate ``None`` or a string."""

    def validate(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is not None and not isinstance(value, str):
            problem = f"must be a string, got {_describe(value)}"
            raise _fail(attribute, problem, f"must be a str or None: {value!r}")

    return validate


def one_of(choices: Iterable[str], *, optional: bool = True) -> Validator:
    """Validate one of *choices* (or ``None`` when *optional*)."""
    allowed = tuple(choices)
    shown = ", ".join(repr(c) for c in allowed)

    def validate(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None and optional:
            return
        if value not in allowed:
            problem = f"must be one of {shown}, got {value!r}"
            raise _fail(attribute, problem, f"must be one of {shown}: {value!r}")

    return validate


def str_tuple() -> Validator:
    """Validate a tuple of paragraphs: strings with some text (an empty paragraph is none)."""

    def validate(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, tuple):
            problem = f"must be a list of strings, got {_describe(value)}"
            raise _fail(attribute, problem, f"must be a tuple of str: {value!r}")
        for i, item in enumerate(value):
            if not isinstance(item, str):
                problem = f"item {i} must be a string, got {_describe(item)}"
                raise _fail(attribute, problem, f"item {i} must be a str: {item!r}")
            if not item.strip():
                problem = f"item {i} must not be empty"
                raise _fail(attribute, problem, f"item {i} must not be empty: {item!r}")

    return validate


def to_str_tuple(value: Iterable[str]) -> tuple[str, ...]:
    """Converter: an iterable of strings becomes a tuple; a lone string is left to the validator."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        return value  # type: ignore[return-value]  # refused by str_tuple() with a clear message
    return tuple(value)


def to_tuple(value: Iterable[_T]) -> tuple[_T, ...]:
    """Converter: any iterable becomes a tuple (for sequences of model objects)."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        return value  # type: ignore[return-value]
    return tuple(value)


def instances_of(cls: type[Any]) -> Validator:
    """Validate a tuple whose items are all instances of *cls*."""

    def validate(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, tuple):
            problem = f"must be a list, got {_describe(value)}"
            raise _fail(attribute, problem, f"must be a tuple: {value!r}")
        for i, item in enumerate(value):
            if not isinstance(item, cls):
                problem = f"item {i} must be a {cls.__name__}, got {_describe(item)}"
                raise _fail(attribute, problem, f"item {i} must be a {cls.__name__}: {item!r}")

    return validate


def instance_of(cls: type[Any], *, optional: bool = False) -> Validator:
    """Validate an instance of *cls* (or ``None`` when *optional*)."""

    def validate(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None and optional:
            return
        if not isinstance(value, cls) or (cls is int and isinstance(value, bool)):
            problem = f"must be a {cls.__name__}, got {_describe(value)}"
            raise _fail(attribute, problem, f"must be a {cls.__name__}: {value!r}")

    return validate
