"""Data in and out: ``to_dict``, ``from_dict`` and a cattrs converter.

The serialization rules live here, not in the model:

- a count cell is an integer, ``null`` (blank) or ``"/"`` (not applicable);
- an amount cell is a decimal **string** (``"7730.28"``) so no precision is lost;
- a cell with a note is an object ``{"value": 22, "note": "其中修订16件"}``;
- dates are ``YYYY-MM-DD`` strings (TOML may use its native dates);
- unknown keys are an error, and so is any value of the wrong type: nothing
  is coerced (``"3"`` is not a count, ``3.0`` is not a count, ``1`` is not a string).

Every problem in the input is collected, with its data path, into one
:class:`~gov_disclosure.DataError`; each problem says what is wrong in English
and in Chinese, with a hint for a figure written as a person would write it on
paper (``１２``, ``1,234``, ``12件``).

Each value is validated once, here, on its way in: a model object is then built
without running the attrs validators a second time (see :func:`_class_hook`).
Direct construction (``ApplicantRow(natural_person=3)``) still runs them.

The structure hooks are the library's own, made per type on first use, so that
loading a data file needs no cattrs (it costs start-up time); :func:`make_converter`
hands the same hooks to a cattrs converter for programs that embed the model.
"""

from __future__ import annotations

import datetime
import re
import types
import typing
import unicodedata
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final, Literal

import attrs

from ._cell import NOT_APPLICABLE, Cell
from ._errors import Complaint, DataError, Problem
from ._form import place_label
from ._model import Report
from ._validators import (
    BLANK,
    NA,
    SHARED_COUNTS,
    FieldError,
    InstanceOf,
    InstancesOf,
    amount_problem,
    count_cell,
    count_problem,
    shared_counts,
    shown,
    shown_zh,
    text_problem,
)

if TYPE_CHECKING:
    import cattrs

__all__ = ["from_dict", "make_converter", "problems", "structure_report", "to_dict"]

_DECIMAL: Final = re.compile(r"\d+(\.\d+)?", re.ASCII)
_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_GROUPED: Final = re.compile(r"\d{1,3}(,\d{3})+(\.\d+)?", re.ASCII)
_WITH_UNIT: Final = re.compile(r"([\d,]+(?:\.\d+)?)\s*([^\d\s.,]{1,4})", re.ASCII)


class _InvalidError(ValueError):
    """A value refused by a structure hook; its message is the problem itself."""

    def __init__(self, complaint: Complaint) -> None:
        super().__init__(complaint.en)
        self.complaint = complaint


def _invalid(en: str, zh: str, toml: tuple[str, str] | None = None) -> _InvalidError:
    return _InvalidError(Complaint(en, zh, toml))


def _describe(value: object) -> str:
    if value is None:
        return "null"
    return f"{_json_type(value)} {shown(value)}"


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
        raise _invalid(f"must be a string, got {_describe(obj)}", f"应为文字，现为{shown_zh(obj)}")
    return obj


def _structure_int(obj: object, _: Any) -> int:
    if type(obj) is not int:
        raise _invalid(
            f"must be an integer, got {_describe(obj)}", f"应为整数，现为{shown_zh(obj)}"
        )
    return obj


def _is_literal(tp: Any) -> bool:
    return typing.get_origin(tp) is Literal


def _structure_choice(obj: object, _: Any) -> str:
    """A Literal choice: any string here; the field's validator names the allowed ones."""
    return _structure_str(obj, _)


def _structure_date(obj: object, _: Any) -> datetime.date:
    """A TOML date, or a ``YYYY-MM-DD`` string: no other ISO form (``2024W011``, ``20240101``)."""
    if type(obj) is datetime.date:
        return obj
    if isinstance(obj, str) and _DATE.fullmatch(obj):
        try:
            return datetime.date.fromisoformat(obj)
        except ValueError:
            pass
    raise _invalid(
        f"must be a date (YYYY-MM-DD), got {_describe(obj)}",
        f"应为日期，写作 YYYY-MM-DD（如 2025-01-20），现为{shown_zh(obj)}",
    )


# --- cells -----------------------------------------------------------------------

_COUNT_EXPECTED: Final = Complaint(
    'must be an integer >= 0, null or "/"',
    "应为不小于 0 的整数、null（空白）或“/”",
    (
        'must be an integer >= 0 or "/" (leave the key out for a blank cell)',
        "应为不小于 0 的整数或“/”（空白的单元格不写这一项）",
    ),
)
_AMOUNT_EXPECTED: Final = Complaint(
    'must be a decimal string, null or "/"',
    '应为写作字符串的金额（如 "7730.28"）、null（空白）或“/”',
    (
        'must be a decimal string or "/" (leave the key out for a blank cell)',
        '应为写作字符串的金额（如 "7730.28"）或“/”（空白的单元格不写这一项）',
    ),
)


def _expected(expected: Complaint, obj: object, hint: Complaint | None = None) -> _InvalidError:
    """*expected*, then what was found, then the hint if any (in each wording)."""
    got_en = f", got {_describe(obj)}"
    got_zh = f"，现为{shown_zh(obj)}"
    if hint is not None:
        got_en += f": {hint.en}"
        got_zh += f"：{hint.zh}"
    toml = expected.for_toml()
    return _invalid(
        expected.en + got_en, expected.zh + got_zh, (toml.en + got_en, toml.zh + got_zh)
    )


def _hint(text: str, *, amount: bool) -> Complaint | None:
    """What to write instead of a figure written as on paper: ``１２``, ``1,234``, ``12件``."""
    reasons: list[tuple[str, str]] = []
    plain = unicodedata.normalize("NFKC", text).strip()
    if plain != text.strip():
        reasons.append(("full-width characters", "不要用全角字符"))
    unit = _WITH_UNIT.fullmatch(plain)
    if unit:
        plain = unit[1]
    if _GROUPED.fullmatch(plain):
        plain = plain.replace(",", "")
        reasons.append(("no thousands separators", "不要用千位分隔符"))
    if unit:
        reasons.append((f"no unit ({unit[2]})", f"不要写单位“{unit[2]}”"))
    if not _DECIMAL.fullmatch(plain) or (not amount and "." in plain):
        return None
    if amount:
        if plain == text:
            return None
        if not reasons:
            reasons.append(("no spaces around the figure", "数字前后不要有空格"))
        written = f'"{plain}"'
    else:
        written = plain
        if not reasons:
            reasons.append(("a count is written without quotes", "件数不加引号"))
    en = "; ".join(reason for reason, _ in reasons)
    zh = "，".join(reason for _, reason in reasons)
    return Complaint(f"{en}: write {written}", f"{zh}，请写作 {written}")


def _count_number(obj: object) -> int:
    if type(obj) is bool or not isinstance(obj, (int, float, Decimal)):
        hint = _hint(obj, amount=False) if isinstance(obj, str) else None
        raise _expected(_COUNT_EXPECTED, obj, hint)
    problem = count_problem(obj)
    if problem is not None:
        raise _InvalidError(problem)
    return obj  # type: ignore[return-value]  # count_problem() accepted it


def _unsigned(number: Decimal) -> Decimal:
    """``-0`` as ``0``, as the model's converter does."""
    return number.copy_abs() if number.is_zero() and number.is_signed() else number


def _amount_number(obj: object) -> Decimal:
    if isinstance(obj, str):
        if not _DECIMAL.fullmatch(obj):
            if obj.startswith("-") and _DECIMAL.fullmatch(obj[1:]):
                number = Decimal(obj)
                if number.is_zero():
                    return _check_amount(number.copy_abs())
                raise _invalid(f"must be >= 0, got {obj}", f"应为不小于 0 的金额，现为 {obj}")
            hint = _hint(obj, amount=True)
            en = f'must be a decimal number such as "7730.28", got {shown(obj)}'
            zh = f'应为金额，写作如 "7730.28"，现为{shown_zh(obj)}'
            if hint is not None:
                en, zh = f"{en}: {hint.en}", f"{zh}：{hint.zh}"
            raise _invalid(en, zh)
        return _check_amount(Decimal(obj))
    if type(obj) is int:
        number = Decimal(obj)
    elif isinstance(obj, Decimal):  # a JSON or TOML number read with parse_float=Decimal
        number = _unsigned(obj)
    elif isinstance(obj, float):
        raise _invalid(
            f'must be a decimal string such as "7730.28", not a float: {obj!r}',
            f'应为写作字符串的金额（如 "7730.28"），现为浮点数 {obj!r}',
        )
    else:
        raise _expected(_AMOUNT_EXPECTED, obj)
    return _check_amount(number)


def _check_amount(number: Decimal) -> Decimal:
    problem = amount_problem(number)
    if problem is not None:
        raise _InvalidError(problem)
    return number


def _cell_hook(number: Callable[[object], Any]) -> Callable[[object, Any], Cell[Any]]:
    def structure(obj: object, _: Any) -> Cell[Any]:
        if type(obj) is int and 0 <= obj < SHARED_COUNTS and number is _count_number:
            return count_cell(obj)  # the common case, at once
        if obj is None:
            return BLANK
        if obj == NOT_APPLICABLE:
            return NA
        if type(obj) is dict:
            return _cell_with_note(obj, number)
        value = number(obj)
        return count_cell(value) if type(value) is int else Cell(value)

    return structure


def _cell_with_note(obj: Mapping[str, Any], number: Callable[[object], Any]) -> Cell[Any]:
    unknown = sorted(set(obj) - {"value", "note"})
    if unknown:
        raise _invalid(
            f"unknown key {shown(unknown[0])} in a cell (allowed: 'value', 'note')",
            f"单元格中有未知的键 {shown(unknown[0])}（只能是 value 和 note）",
        )
    note = obj.get("note")
    if note is not None:
        if not isinstance(note, str):
            raise _invalid(
                f"note must be a string, got {_describe(note)}",
                f"备注应为文字，现为{shown_zh(note)}",
            )
        text = text_problem(note)
        if text is not None:
            raise _invalid(f"note {text.en}", f"备注{text.zh}")
    value = obj.get("value")
    if value is None:
        return Cell(note=note)
    if value == NOT_APPLICABLE:
        return Cell(not_applicable=True, note=note)
    return Cell(number(value), note=note)


def _unstructure_cell(
    as_data: Callable[[Any], int | str],
) -> Callable[[Cell[Any]], Any]:
    def unstructure(cell: Cell[Any]) -> Any:
        if cell.not_applicable:
            value: Any = NOT_APPLICABLE
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


# --- places, and groups of errors ------------------------------------------------------


class _At(str):
    """A note on an exception: the field (a name) or the list item (an index) it happened in."""

    step: str | int

    def __new__(cls, step: str | int) -> _At:
        note = super().__new__(cls, f"@ {step}")
        note.step = step
        return note


class _Errors(ExceptionGroup[Exception]):
    """Every error found in one mapping or list; each leaf carries an :class:`_At` note."""


class _UnknownKeysError(ValueError):
    """Keys a model class does not have."""

    def __init__(self, cls: type[Any], keys: set[str]) -> None:
        super().__init__(f"unknown keys for {cls.__name__}: {sorted(keys)}")
        self.cls = cls
        self.keys = keys


# --- the structure hooks, by type ---------------------------------------------------------

Hook = Callable[[Any, Any], Any]


class _Structurer:
    """The structure hook of each type of the model, made on first use and kept.

    The library's own: ``import gov_disclosure``, ``load`` and ``from_dict`` need
    no cattrs. :func:`make_converter` hands the same hooks to a cattrs converter.
    """

    def __init__(self) -> None:
        self._hooks: dict[Any, Hook] = {}

    def hook(self, tp: Any) -> Hook:
        try:
            return self._hooks[tp]
        except KeyError:
            hook = self._hooks[tp] = self._make(tp)
            return hook

    def structure(self, obj: Any, tp: Any) -> Any:
        return self.hook(tp)(obj, tp)

    def _make(self, tp: Any) -> Hook:
        simple: dict[Any, Hook] = {
            str: _structure_str,
            int: _structure_int,
            datetime.date: _structure_date,
            Cell[int]: _COUNT_HOOK,
            Cell[Decimal]: _AMOUNT_HOOK,
        }
        if tp in simple:
            return simple[tp]
        origin = typing.get_origin(tp)
        if origin is Literal:
            return _structure_choice
        if origin is tuple:
            return self._tuple(tp)
        if origin in (typing.Union, types.UnionType):
            args = typing.get_args(tp)
            values = [a for a in args if a is not type(None)]
            if len(values) == 1 and len(args) == 2:
                return _optional(self.hook(values[0]), values[0])
        if _is_model_class(tp):
            return _class_hook(tp, self)
        msg = f"no structure hook for the model type {tp!r}"
        raise TypeError(msg)

    def _tuple(self, tp: Any) -> Hook:
        item_type = typing.get_args(tp)[0]
        item_hook = self.hook(item_type)
        message = f"While structuring {tp!r}"

        def structure(obj: object, _: Any) -> tuple[Any, ...]:
            if not isinstance(obj, (list, tuple)):
                raise _invalid(
                    f"must be a list, got {_describe(obj)}", f"应为列表，现为{shown_zh(obj)}"
                )
            items: list[Any] = []
            errors: list[Exception] = []
            for index, item in enumerate(obj):
                try:
                    items.append(item_hook(item, item_type))
                except Exception as exc:  # collected, reported with its index
                    exc.add_note(_At(index))
                    errors.append(exc)
            if errors:
                raise _Errors(message, errors)
            return tuple(items)

        return structure


def _optional(hook: Hook, tp: Any) -> Hook:
    def structure(obj: Any, _: Any) -> Any:
        return None if obj is None else hook(obj, tp)

    return structure


def _is_model_class(tp: Any) -> bool:
    return isinstance(tp, type) and attrs.has(tp) and typing.get_origin(tp) is not Cell


#: Validators whose whole check is the type, which the structure hook already ensures.
_TYPE_ONLY: Final = (InstanceOf, InstancesOf)


#: How a field absent from the data is filled in: refused, or by its default or factory.
_REQUIRED, _DEFAULT, _FACTORY = range(3)
_ABSENT: Final = object()


def _class_hook(cls: type[Any], structurer: _Structurer) -> Hook:
    """Structure an attrs class strictly: a mapping, every value validated once, with its path.

    Each field's value goes through its structure hook and then, unless the hook
    already validates it completely (cells) or its validator only checks the
    type, through the field's validator, so that every refused value is reported
    with its path. Every error is collected (each with an :class:`_At` note naming
    its field), then the unknown keys, into one exception group.

    The object is then built without ``__init__``: the values are already
    converted and validated, and running the attrs converters and validators
    again would only repeat that work. Defaults are filled in as ``__init__``
    fills them, and the object is the same frozen instance ``__init__`` would
    make (attrs itself sets frozen attributes through ``object.__setattr__``).

    One loop over the fields serves every class: generating a function per class,
    as cattrs does, reads a report about 6% faster but costs about 8 ms of
    compiling at the first load, more than a command checking one file spends
    on everything else it does.
    """
    hints = typing.get_type_hints(cls)
    # Per field: its name, hook, type and note; how an absent value is filled in (with its
    # default or factory); whether it is a count cell (small counts share their cells).
    fields = []
    for field in attrs.fields(cls):
        tp, default = hints[field.name], field.default
        hook = structurer.hook(tp)
        validator = field.validator
        if (
            validator is not None
            and typing.get_origin(tp) is not Cell
            and not isinstance(validator, _TYPE_ONLY)
        ):
            hook = _validated(hook, validator, field)
        if default is attrs.NOTHING:
            absent: tuple[int, Any] = (_REQUIRED, None)
        elif isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            if default.takes_self:  # not used by the model; refuse rather than guess
                msg = f"{cls.__name__}.{field.name}: a default that takes self"
                raise TypeError(msg)
            absent = (_FACTORY, default.factory)
        else:
            absent = (_DEFAULT, default)
        fields.append((field.name, hook, tp, _At(field.name), *absent, tp == Cell[int]))
    known = frozenset(field.name for field in attrs.fields(cls))
    message = f"While structuring {cls.__name__}"
    new, set_, shared = object.__new__, object.__setattr__, shared_counts()
    post_init = hasattr(cls, "__attrs_post_init__")

    def structure(obj: Any, _: Any) -> Any:
        if type(obj) is not dict and not isinstance(obj, Mapping):
            raise _not_a_mapping(obj)
        inst = new(cls)
        errors: list[Exception] = []
        for name, hook, tp, at, absent, default, count in fields:
            value = obj.get(name, _ABSENT)
            if count and type(value) is int and 0 <= value < SHARED_COUNTS:
                set_(inst, name, shared[value] or count_cell(value))  # the common case, at once
            elif value is not _ABSENT:
                try:
                    set_(inst, name, hook(value, tp))
                except Exception as exc:
                    exc.add_note(at)
                    errors.append(exc)
            elif absent == _DEFAULT:
                set_(inst, name, default)
            elif absent == _FACTORY:
                set_(inst, name, default())
            else:
                error = KeyError(name)
                error.add_note(at)
                errors.append(error)
        if not known.issuperset(obj):
            errors.append(_UnknownKeysError(cls, set(obj.keys()) - known))
        if errors:
            raise _Errors(message, errors)
        if post_init:
            inst.__attrs_post_init__()
        return inst

    return structure


def _not_a_mapping(obj: object) -> _InvalidError:
    return _invalid(
        f"must be a mapping (a JSON object or TOML table), got {_describe(obj)}",
        f"应为表（TOML 的表或 JSON 的对象），现为{shown_zh(obj)}",
    )


def _validated(
    hook: Callable[[Any, Any], Any], validator: Any, field: attrs.Attribute[Any]
) -> Callable[[Any, Any], Any]:
    def structure(obj: Any, tp: Any) -> Any:
        value = hook(obj, tp)
        validator(None, field, value)
        return value

    return structure


_COUNT_HOOK: Final = _cell_hook(_count_number)
_AMOUNT_HOOK: Final = _cell_hook(_amount_number)
_STRUCTURER: Final = _Structurer()


# --- plain data out -----------------------------------------------------------------------

_FIELD_NAMES: dict[type[Any], tuple[str, ...]] = {}
_UNSTRUCTURE_COUNT: Final = _unstructure_cell(int)
_UNSTRUCTURE_AMOUNT: Final = _unstructure_cell(_decimal_text)


def _unstructure(value: Any) -> Any:
    """A part of the model as plain data: dicts in field order, lists, str, int, None."""
    if value is None or type(value) in (str, int, bool):
        return value
    if isinstance(value, Cell):
        if isinstance(value.value, Decimal):
            return _UNSTRUCTURE_AMOUNT(value)
        return _UNSTRUCTURE_COUNT(value)
    if isinstance(value, tuple):
        return [_unstructure(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    cls = type(value)
    names = _FIELD_NAMES.get(cls)
    if names is None:
        if not attrs.has(cls):
            msg = f"cannot write {value!r} as data"
            raise TypeError(msg)
        names = _FIELD_NAMES[cls] = tuple(field.name for field in attrs.fields(cls))
    return {name: _unstructure(getattr(value, name)) for name in names}


def _is_model_type(tp: Any) -> bool:
    return _is_model_class(tp) or tp == Cell[int] or tp == Cell[Decimal]


def make_converter() -> cattrs.Converter:
    """A new cattrs converter between the model and plain data (dicts, lists, str, int, None).

    Use it to embed the model in your own data: ``conv.structure(data, Report)``
    and ``conv.unstructure(report)``. It structures the model's classes and
    cells with the library's own hooks: a refused value raises an
    :class:`ExceptionGroup` of every problem found; :func:`from_dict` turns
    that into a :class:`DataError`. cattrs is imported here, on first use.
    """
    import cattrs  # only for programs that ask for a converter

    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    structurer = _Structurer()
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(datetime.date, _structure_date)
    converter.register_structure_hook_func(_is_literal, _structure_choice)
    converter.register_structure_hook_func(_is_model_type, structurer.structure)
    converter.register_unstructure_hook(datetime.date, datetime.date.isoformat)
    converter.register_unstructure_hook_func(_is(Cell[int]), _UNSTRUCTURE_COUNT)
    converter.register_unstructure_hook_func(_is(Cell[Decimal]), _UNSTRUCTURE_AMOUNT)
    converter.register_unstructure_hook_func(_is_model_class, _unstructure)
    return converter


def _is(expected: Any) -> Callable[[Any], bool]:
    return lambda tp: bool(tp == expected)


def to_dict(report: Report) -> dict[str, Any]:
    """The report as plain data, ready for ``json.dumps`` (amounts as decimal strings)."""
    return _unstructure(report)  # type: ignore[no-any-return]


def from_dict(data: Any, *, source: str | None = None) -> Report:
    """A report from plain data, as read from a JSON or TOML data file.

    Raises :class:`DataError` listing every problem, each with its data path,
    in English (``str(error)``) and in Chinese (``error.lines("zh")``).
    """
    return structure_report(data, source=source)


def structure_report(data: Any, *, source: str | None = None, toml: bool = False) -> Report:
    """:func:`from_dict`, with the wording of a TOML file when *toml* (no ``null``)."""
    try:
        return _STRUCTURER.structure(data, Report)  # type: ignore[no-any-return]
    except Exception as exc:
        raise DataError(problems(exc, toml=toml), source=source) from None


# --- errors: from exception groups to (path, message) ------------------------------------


def _problem(path: str, complaint: Complaint, *, toml: bool) -> Problem:
    if toml:
        complaint = complaint.for_toml()
    return Problem(path, complaint.en, message_zh=complaint.zh, label=place_label(path))


def problems(exc: BaseException, path: str = "", *, toml: bool = False) -> list[Problem]:
    """Every leaf problem of a structuring exception (group), with its data path."""
    if isinstance(exc, _UnknownKeysError):
        return [
            _problem(_join(path, key), _unknown_key(key, exc.cls), toml=toml)
            for key in sorted(exc.keys)
        ]
    if isinstance(exc, BaseExceptionGroup):
        found: list[Problem] = []
        for sub in exc.exceptions:
            found += problems(sub, _note_path(sub, path), toml=toml)
        return found
    if isinstance(exc, KeyError):
        return [_problem(path, Complaint("required field is missing", "缺少必填项"), toml=toml)]
    if isinstance(exc, FieldError):
        return [_problem(path, exc.complaint, toml=toml)]
    if isinstance(exc, _InvalidError):
        return [_problem(path, exc.complaint, toml=toml)]
    return [_problem(path, Complaint(str(exc), str(exc)), toml=toml)]


def _note_path(exc: BaseException, path: str) -> str:
    for note in getattr(exc, "__notes__", ()):
        if isinstance(note, _At):
            step = note.step
            return f"{path}[{step}]" if isinstance(step, int) else _join(path, step)
    return path


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _unknown_key(key: str, cls: type[Any]) -> Complaint:
    import difflib  # here, for a file with a mistake: it costs start-up time

    names = [field.name for field in attrs.fields(cls)]
    close = difflib.get_close_matches(key, names, n=1)
    if close:
        return Complaint(
            f"unknown key (did you mean {close[0]!r}?)", f"未知的键（是否应为 {close[0]}？）"
        )
    return Complaint("unknown key", "未知的键")
