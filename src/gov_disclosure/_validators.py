"""Validators (small named factories, as in attrs) and converters for the model.

Each factory returns an instance of a small frozen validator class whose public
attributes say what it checks (``in_range(2008, 2100).low``), as attrs' own
validators do: the JSON Schema generator reads them there.

Every validator raises :class:`FieldError`, a :class:`~gov_disclosure.DataError`
whose message follows the attrs style (``'natural_person' must be >= 0: -1``) and
whose ``complaint`` is the same fact without the attribute name, in English
(``must be >= 0, got -1``) and Chinese (``应为不小于 0 的整数，现为 -1``), so the
data-file layer can put it behind a data path instead.

Nothing is accepted that cannot be written back to a data file: text must be
encodable as UTF-8 (no lone surrogates), a count has at most :data:`MAX_DIGITS`
digits, an amount at most :data:`MAX_DIGITS` digits on either side of its point,
and an amount of ``-0`` is read as ``0``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, Final, Literal, TypeAlias, TypeVar

import attrs

from ._cell import NOT_APPLICABLE, Cell, NotApplicable
from ._errors import Complaint, DataError, Problem

__all__ = [
    "BLANK",
    "MAX_COUNT",
    "MAX_DIGITS",
    "MAX_YEAR",
    "MIN_YEAR",
    "NA",
    "SHARED_COUNTS",
    "AmountInput",
    "CellValidator",
    "CountInput",
    "FieldError",
    "InRange",
    "InstanceOf",
    "InstancesOf",
    "NonEmptyStr",
    "OneOf",
    "OptionalStr",
    "StrTuple",
    "amount",
    "amount_problem",
    "count",
    "count_cell",
    "count_problem",
    "in_range",
    "instance_of",
    "instances_of",
    "non_empty_str",
    "one_of",
    "optional_str",
    "shared_counts",
    "shown",
    "shown_zh",
    "str_tuple",
    "text_problem",
    "to_amount",
    "to_count",
    "to_str_tuple",
    "to_tuple",
]

#: The 条例 took effect on 2008-05-01; the first annual reports cover 2008.
MIN_YEAR: Final = 2008
#: A generous upper bound that still catches typed-in nonsense such as 20244.
MAX_YEAR: Final = 2100
#: The most digits a count may have (and an amount on either side of its point):
#: no report counts a trillion applications, and a longer figure is a typing slip.
MAX_DIGITS: Final = 15
#: The largest count: fifteen nines.
MAX_COUNT: Final = 10**MAX_DIGITS - 1

_T = TypeVar("_T")

#: What a count field takes: a number, ``None`` (blank), ``"/"`` (not applicable) or a cell.
CountInput: TypeAlias = int | NotApplicable | Cell[int] | None
#: What an amount field takes: a Decimal or an int, ``None``, ``"/"`` or a cell.
AmountInput: TypeAlias = Decimal | int | NotApplicable | Cell[Decimal] | None

_SHOWN_CHARS: Final = 60


class FieldError(DataError):
    """A field holds a value the model refuses: a :class:`~gov_disclosure.DataError`.

    ``str(err)`` is the attrs-style message; ``err.problems`` holds one
    :class:`~gov_disclosure.Problem` whose path is the field's name, and
    ``err.complaint`` the problem without the name (English and Chinese).
    """

    def __init__(self, name: str, complaint: Complaint, attrs_message: str) -> None:
        super().__init__([Problem(name, complaint.en, message_zh=complaint.zh)])
        self.args = (attrs_message,)
        self.name = name
        self.complaint = complaint

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.name, self.complaint, self.args[0]))

    @property
    def problem(self) -> str:
        """The English message without the field's name."""
        return self.complaint.en

    def __str__(self) -> str:
        return str(self.args[0])


def _fail(attribute: attrs.Attribute[Any], complaint: Complaint, short: str) -> FieldError:
    return FieldError(attribute.name, complaint, f"'{attribute.name}' {short}")


# --- the validator classes ---------------------------------------------------------


class _Validator:
    """A validator: a small immutable object whose public attributes say what it checks.

    Plain slotted classes, not attrs classes: the model builds a few hundred of
    them at import time, and a class attrs generates costs more to create.
    """

    __slots__: tuple[str, ...] = ()

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __repr__(self) -> str:
        shown_values = ", ".join(f"{n}={getattr(self, n)!r}" for n in self.__slots__)
        return f"{type(self).__name__}({shown_values})"

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, _Validator)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((type(self), self._values()))

    def __setattr__(self, name: str, value: object) -> None:
        msg = f"{type(self).__name__} is immutable"
        raise AttributeError(msg)

    def _init(self, **values: Any) -> None:
        for name, value in values.items():
            object.__setattr__(self, name, value)


# --- showing a value in a message ------------------------------------------------


def _digits(number: int) -> int:
    """How many decimal digits ``abs(number)`` has, without converting it to a string."""
    number = abs(number)
    if number < 10:
        return 1
    estimate = int(number.bit_length() * 0.30102999566398120)
    while 10**estimate <= number:
        estimate += 1
    while estimate > 1 and 10 ** (estimate - 1) > number:
        estimate -= 1
    return estimate


def _long(text: str) -> str:
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 1] + "…"


def shown(value: object) -> str:
    """*value* for an English message: ``repr``, shortened; a huge int by its digit count."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_COUNT:
        sign = "-" if value < 0 else ""
        return f"{sign}<a number of {_digits(value):,} digits>"
    if isinstance(value, str):
        return repr(_long(value))
    return _long(repr(value))


def shown_zh(value: object) -> str:
    """*value* after ``现为`` in a Chinese message: text in “”, numbers as written (after a space).

    >>> "现为" + shown_zh(-1), "现为" + shown_zh("１２"), "现为" + shown_zh(10**20)
    ('现为 -1', '现为“１２”', '现为一个 21 位的数')
    """
    if isinstance(value, bool):
        return " true" if value else " false"
    if isinstance(value, int) and abs(value) > MAX_COUNT:
        return f"{'负' if value < 0 else ''}一个 {_digits(value):,} 位的数"
    if isinstance(value, (int, Decimal, float)):
        return f" {value}"
    if isinstance(value, str):
        return f"“{_long(value)}”"
    if isinstance(value, Mapping):
        return "一个表"
    if isinstance(value, (list, tuple)):
        return "一个列表"
    if value is None:
        return "空值"
    return _long(repr(value))


def _describe(value: object) -> str:
    return f"{type(value).__name__} {shown(value)}"


# --- text --------------------------------------------------------------------------


def text_problem(text: str) -> Complaint | None:
    """Why *text* cannot be written to a data file (a lone surrogate), or ``None``."""
    if text.isascii():
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        code = f"U+{ord(text[exc.start]):04X}"
        return Complaint(
            f"must be text that can be written as UTF-8, got a lone surrogate {code} "
            f"at index {exc.start}",
            f"含有无法写出的字符：第 {exc.start + 1} 个字符是孤立的代理码位 {code}",
        )
    return None


# --- cells -----------------------------------------------------------------------------


def _int_shown(value: int) -> str:
    return shown(value) if abs(value) > MAX_COUNT else str(value)


def count_problem(value: object) -> Complaint | None:
    """Why *value* cannot be the number of a count cell, or ``None`` if it can."""
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, (float, Decimal)):
            return Complaint(
                f"must be a whole number, got {value}", f"应为不小于 0 的整数，现为 {value}"
            )
        return Complaint(
            f"must be an integer, got {_describe(value)}",
            f"应为不小于 0 的整数，现为{shown_zh(value)}",
        )
    if value < 0:
        return Complaint(
            f"must be >= 0, got {_int_shown(value)}", f"应为不小于 0 的整数，现为{shown_zh(value)}"
        )
    if value > MAX_COUNT:
        digits = _digits(value)
        return Complaint(
            f"must have at most {MAX_DIGITS} digits, got a number of {digits:,} digits",
            f"应为不超过 {MAX_DIGITS} 位的整数，现为 {digits:,} 位",
        )
    return None


def amount_problem(value: object) -> Complaint | None:
    """Why *value* cannot be the number of an amount cell, or ``None`` if it can."""
    if not isinstance(value, Decimal):
        return Complaint(
            f"must be a Decimal, got {_describe(value)}",
            f"应为不小于 0 的金额，现为{shown_zh(value)}",
        )
    if not value.is_finite():
        return Complaint(f"must be a finite decimal, got {value}", f"应为有限的金额，现为 {value}")
    if value < 0:
        return Complaint(f"must be >= 0, got {value}", f"应为不小于 0 的金额，现为 {value}")
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)  # a finite Decimal
    if value.adjusted() >= MAX_DIGITS or -exponent > MAX_DIGITS:
        return Complaint(
            f"must have at most {MAX_DIGITS} digits before and {MAX_DIGITS} after the "
            f"decimal point, got {value}",
            f"整数部分和小数部分应各不超过 {MAX_DIGITS} 位，现为 {value}",
        )
    return None


class CellValidator(_Validator):
    """Validate a cell: blank, ``"/"``, or a number of its ``kind``, with an optional note."""

    __slots__ = ("kind",)
    kind: Literal["count", "amount"]

    def __init__(self, kind: Literal["count", "amount"]) -> None:
        self._init(kind=kind)

    def __call__(self, _inst: Any, attribute: attrs.Attribute[Any], cell: Any) -> None:
        if type(cell) is not Cell and not isinstance(cell, Cell):
            self._not_a_cell(attribute, cell)
        value = cell.value
        if value is not None:
            if self.kind == "count":
                if type(value) is not int or value < 0 or value > MAX_COUNT:
                    self._refuse(attribute, count_problem(value))
            else:
                self._refuse(attribute, amount_problem(value))
        if cell.note is not None:
            self._check_note(attribute, cell.note)

    def _not_a_cell(self, attribute: attrs.Attribute[Any], cell: object) -> None:
        what = "an int >= 0" if self.kind == "count" else "a Decimal >= 0"
        what_zh = "不小于 0 的整数" if self.kind == "count" else "不小于 0 的金额"
        complaint = Complaint(
            f'must be {what}, None, "/" or a Cell, got {_describe(cell)}',
            f"应为{what_zh}、空白（None）、“/”或 Cell，现为{shown_zh(cell)}",
        )
        raise _fail(attribute, complaint, f'must be {what}, None, "/" or a Cell: {shown(cell)}')

    @staticmethod
    def _refuse(attribute: attrs.Attribute[Any], number: Complaint | None) -> None:
        if number is not None:
            raise _fail(attribute, number, number.en.replace(", got ", ": ", 1))

    @staticmethod
    def _check_note(attribute: attrs.Attribute[Any], note: object) -> None:
        if not isinstance(note, str):
            complaint = Complaint(
                f"note must be a string, got {_describe(note)}",
                f"备注应为文字，现为{shown_zh(note)}",
            )
            raise _fail(attribute, complaint, f"note must be a string: {shown(note)}")
        text = text_problem(note)
        if text is not None:
            complaint = Complaint(f"note {text.en}", f"备注{text.zh}")
            raise _fail(attribute, complaint, f"note {text.en}")


def count() -> CellValidator:
    """Validate a count cell: blank, "/", or an integer from 0 to :data:`MAX_COUNT`."""
    return CellValidator("count")


def amount() -> CellValidator:
    """Validate an amount cell: blank, "/", or a finite Decimal >= 0 (:data:`MAX_DIGITS`)."""
    return CellValidator("amount")


#: How many small counts share their cells (cells are frozen): most figures are small.
SHARED_COUNTS: Final = 1024
_shared: list[Cell[int] | None] = [None] * SHARED_COUNTS
BLANK: Final[Cell[Any]] = Cell()
NA: Final[Cell[Any]] = Cell(not_applicable=True)


def shared_counts() -> list[Cell[int] | None]:
    """The shared cells of small counts by value (``None`` until :func:`count_cell` makes one)."""
    return _shared


def count_cell(value: int) -> Cell[int]:
    """A count cell for *value*, sharing the instances of small numbers (made on first use)."""
    if 0 <= value < SHARED_COUNTS:
        cell = _shared[value]
        if cell is None:
            cell = _shared[value] = Cell(value)
        return cell
    return Cell(value)


def to_count(value: CountInput) -> Cell[int]:
    """Converter: ``3`` → ``Cell(3)``, ``None`` → blank, ``"/"`` → not applicable.

    Anything else is passed through unchanged for the validator to refuse with
    a message that names the field.
    """
    if value is None:
        return BLANK
    if type(value) is int:
        return count_cell(value) if value >= 0 else Cell(value)
    if value == NOT_APPLICABLE:
        return NA
    return value  # type: ignore[return-value]  # a Cell, or garbage for the validator


def _unsigned(value: Decimal) -> Decimal:
    """``-0`` (and ``-0.00``) as ``0``: the sign of nothing is not written back."""
    return value.copy_abs() if value.is_zero() and value.is_signed() else value


def to_amount(value: AmountInput) -> Cell[Decimal]:
    """Converter: ``Decimal("1.5")`` → ``Cell(Decimal("1.5"))``; an int becomes an exact Decimal.

    An amount of ``-0`` becomes ``0``, as it does when a data file is read.
    """
    if value is None:
        return BLANK
    if isinstance(value, Decimal):
        return Cell(_unsigned(value))
    if type(value) is int:
        return Cell(Decimal(value))
    if value == NOT_APPLICABLE:
        return NA
    if isinstance(value, Cell) and isinstance(value.value, Decimal):
        unsigned = _unsigned(value.value)
        if unsigned is not value.value:
            return attrs.evolve(value, value=unsigned)
    return value  # type: ignore[return-value]


# --- plain fields ----------------------------------------------------------


class InRange(_Validator):
    """Validate an integer (not a bool) within ``low..high`` inclusive."""

    __slots__ = ("high", "low")
    low: int
    high: int

    def __init__(self, low: int, high: int) -> None:
        self._init(low=low, high=high)

    def __call__(self, _inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        low, high = self.low, self.high
        between = f"应为 {low} 至 {high} 之间的整数，现为{shown_zh(value)}"
        if isinstance(value, bool) or not isinstance(value, int):
            complaint = Complaint(f"must be an integer, got {_describe(value)}", between)
            raise _fail(attribute, complaint, f"must be an int: {shown(value)}")
        if value < low:
            complaint = Complaint(f"must be >= {low}, got {_int_shown(value)}", between)
            raise _fail(attribute, complaint, f"must be >= {low}: {_int_shown(value)}")
        if value > high:
            complaint = Complaint(f"must be <= {high}, got {_int_shown(value)}", between)
            raise _fail(attribute, complaint, f"must be <= {high}: {_int_shown(value)}")


def in_range(low: int, high: int) -> InRange:
    """Validate an integer (not a bool) within ``low..high`` inclusive."""
    return InRange(low, high)


def _not_a_string(attribute: attrs.Attribute[Any], value: Any, expected: str) -> FieldError:
    complaint = Complaint(
        f"must be a string, got {_describe(value)}", f"应为文字，现为{shown_zh(value)}"
    )
    return _fail(attribute, complaint, f"must be {expected}: {shown(value)}")


def _check_text(attribute: attrs.Attribute[Any], value: str, item: str = "") -> None:
    complaint = text_problem(value)
    if complaint is not None:
        zh = f"第 {item} 项{complaint.zh}" if item else complaint.zh
        en = f"item {item} {complaint.en}" if item else complaint.en
        raise _fail(attribute, Complaint(en, zh), en)


class NonEmptyStr(_Validator):
    """Validate a string with at least one non-space character."""

    __slots__ = ()

    def __call__(self, _inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, str):
            raise _not_a_string(attribute, value, "a str")
        if not value.strip():
            complaint = Complaint("must not be empty", "不能为空")
            raise _fail(attribute, complaint, f"must not be empty: {shown(value)}")
        _check_text(attribute, value)


def non_empty_str() -> NonEmptyStr:
    """Validate a string with at least one non-space character."""
    return NonEmptyStr()


class OptionalStr(_Validator):
    """Validate ``None`` or a string."""

    __slots__ = ()

    def __call__(self, _inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None:
            return
        if not isinstance(value, str):
            raise _not_a_string(attribute, value, "a str or None")
        _check_text(attribute, value)


def optional_str() -> OptionalStr:
    """Validate ``None`` or a string."""
    return OptionalStr()


class OneOf(_Validator):
    """Validate one of ``choices`` (or ``None`` when ``optional``)."""

    __slots__ = ("choices", "optional")
    choices: tuple[str, ...]
    optional: bool

    def __init__(self, choices: tuple[str, ...], optional: bool = True) -> None:
        self._init(choices=choices, optional=optional)

    def __call__(self, _inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None and self.optional:
            return
        if value not in self.choices:
            shown_choices = ", ".join(repr(c) for c in self.choices)
            complaint = Complaint(
                f"must be one of {shown_choices}, got {shown(value)}",
                f"应为 {'、'.join(self.choices)} 之一，现为{shown_zh(value)}",
            )
            raise _fail(attribute, complaint, f"must be one of {shown_choices}: {shown(value)}")


def one_of(choices: Iterable[str], *, optional: bool = True) -> OneOf:
    """Validate one of *choices* (or ``None`` when *optional*)."""
    return OneOf(tuple(choices), optional)


class StrTuple(_Validator):
    """Validate a tuple of paragraphs: strings with some text (an empty paragraph is none)."""

    __slots__ = ()

    def __call__(self, _inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, tuple):
            complaint = Complaint(
                f"must be a list of strings, got {_describe(value)}",
                f"应为文字的列表，现为{shown_zh(value)}",
            )
            raise _fail(attribute, complaint, f"must be a tuple of str: {shown(value)}")
        for i, item in enumerate(value):
            if not isinstance(item, str):
                complaint = Complaint(
                    f"item {i} must be a string, got {_describe(item)}",
                    f"第 {i} 项应为文字，现为{shown_zh(item)}",
                )
                raise _fail(attribute, complaint, f"item {i} must be a str: {shown(item)}")
            if not item.strip():
                complaint = Complaint(f"item {i} must not be empty", f"第 {i} 项不能为空")
                raise _fail(attribute, complaint, f"item {i} must not be empty: {shown(item)}")
            _check_text(attribute, item, str(i))


def str_tuple() -> StrTuple:
    """Validate a tuple of paragraphs: strings with some text (an empty paragraph is none)."""
    return StrTuple()


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


class InstancesOf(_Validator):
    """Validate a tuple whose items are all instances of ``cls``."""

    __slots__ = ("cls",)
    cls: type[Any]

    def __init__(self, cls: type[Any]) -> None:
        self._init(cls=cls)

    def __call__(self, _inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        name = self.cls.__name__
        if not isinstance(value, tuple):
            complaint = Complaint(
                f"must be a list, got {_describe(value)}", f"应为列表，现为{shown_zh(value)}"
            )
            raise _fail(attribute, complaint, f"must be a tuple: {shown(value)}")
        for i, item in enumerate(value):
            if not isinstance(item, self.cls):
                complaint = Complaint(
                    f"item {i} must be a {name}, got {_describe(item)}",
                    f"第 {i} 项应为 {name}，现为{shown_zh(item)}",
                )
                raise _fail(attribute, complaint, f"item {i} must be a {name}: {shown(item)}")


def instances_of(cls: type[Any]) -> InstancesOf:
    """Validate a tuple whose items are all instances of *cls*."""
    return InstancesOf(cls)


class InstanceOf(_Validator):
    """Validate an instance of ``cls`` (or ``None`` when ``optional``)."""

    __slots__ = ("cls", "optional")
    cls: type[Any]
    optional: bool

    def __init__(self, cls: type[Any], optional: bool = False) -> None:
        self._init(cls=cls, optional=optional)

    def __call__(self, _inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None and self.optional:
            return
        cls = self.cls
        if not isinstance(value, cls) or (cls is int and isinstance(value, bool)):
            name = cls.__name__
            complaint = Complaint(
                f"must be a {name}, got {_describe(value)}", f"应为 {name}，现为{shown_zh(value)}"
            )
            raise _fail(attribute, complaint, f"must be a {name}: {shown(value)}")


def instance_of(cls: type[Any], *, optional: bool = False) -> InstanceOf:
    """Validate an instance of *cls* (or ``None`` when *optional*)."""
    return InstanceOf(cls, optional)
