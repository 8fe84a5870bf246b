"""Data files: a report as JSON or TOML, read and written.

The format is chosen by the file's suffix (``.json`` or ``.toml``). Numbers
with a fraction are read as :class:`~decimal.Decimal`, never as float, so an
amount written as a bare number keeps its digits. TOML has no null: a blank
cell is written by leaving its key out (or, with a note, as ``{note = "…"}``).

TOML is parsed by ``tomli`` when it is installed (a compiled parser, about twice
as fast as the standard library's here: ``benchmarks/bench_startup.py``), and by
the standard library's :mod:`tomllib` otherwise; both read the same files.
"""

from __future__ import annotations

import json
import os
import re
from decimal import Decimal
from typing import Any, Final, Literal

from ._convert import structure_report, to_dict
from ._errors import DataError, Problem
from ._model import Report
from ._toml import dumps_toml

try:
    import tomli as _toml_parser
except ImportError:  # pragma: no cover - tomli is a dependency; the stdlib reads the same files
    import tomllib as _toml_parser  # type: ignore[no-redef]

__all__ = ["DataFormat", "data_format", "dump", "dumps", "load", "loads", "parse_toml"]

DataFormat = Literal["json", "toml"]
_SUFFIXES: Final[dict[str, DataFormat]] = {".json": "json", ".toml": "toml"}
_LONGEST: Final = 200
_TOML_PLACE = re.compile(r"\(at line (\d+), column (\d+)\)$")


def data_format(path: str | os.PathLike[str]) -> DataFormat:
    """The data format of a file, from its suffix; ``DataError`` for any other suffix."""
    name = os.path.basename(os.path.normpath(os.fspath(path)))
    suffix = os.path.splitext(name)[1].lower()
    try:
        return _SUFFIXES[suffix]
    except KeyError:
        problem = Problem(
            "",
            f"unknown data file suffix {suffix!r} (expected .json or .toml)",
            message_zh=f"不是数据文件：后缀 {suffix!r} 应为 .json 或 .toml",
        )
        raise DataError([problem], source=os.fspath(path)) from None


def loads(text: str, fmt: DataFormat, *, source: str | None = None) -> Report:
    """A report from the text of a JSON or TOML data file."""
    return structure_report(_parse(text, fmt, source), source=source, toml=fmt == "toml")


def load(path: str | os.PathLike[str]) -> Report:
    """A report from a ``.json`` or ``.toml`` data file.

    Raises :class:`DataError` naming the file and every problem in it.
    """
    source = os.fspath(path)
    fmt = data_format(path)
    try:
        with open(path, "rb") as file:  # no pathlib: it costs start-up time
            text = file.read().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problem = Problem(
            "",
            f"not UTF-8 text (byte {exc.start}): {exc.reason}",
            message_zh=f"不是 UTF-8 编码的文本（第 {exc.start} 个字节）：请以 UTF-8 编码保存",
        )
        raise DataError([problem], source=source) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        problem = Problem("", reason, message_zh=f"无法读取文件：{reason}")
        raise DataError([problem], source=source) from None
    return loads(text, fmt, source=source)


def parse_toml(text: str) -> dict[str, Any]:
    """*text* parsed as TOML, fractions as Decimal; ``ValueError`` when it is not TOML."""
    return _toml_parser.loads(text, parse_float=Decimal)


def dumps(report: Report, fmt: DataFormat) -> str:
    """The text of a data file holding *report*."""
    if fmt == "json":
        return json.dumps(to_dict(report), ensure_ascii=False, indent=2) + "\n"
    return dumps_toml(report)


def dump(report: Report, path: str | os.PathLike[str]) -> None:
    """Write *report* to a ``.json`` or ``.toml`` data file (UTF-8)."""
    text = dumps(report, data_format(path))
    with open(path, "w", encoding="utf-8") as file:
        file.write(text)


class _DuplicateKeyError(ValueError):
    pass


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object, refusing a key given twice (json would silently keep the last)."""
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKeyError(key)
            seen.add(key)
    return obj


def _parse(text: str, fmt: DataFormat, source: str | None) -> Any:
    try:
        if fmt == "json":
            return json.loads(text, parse_float=Decimal, object_pairs_hook=_unique_keys)
        return parse_toml(text)
    except _DuplicateKeyError as exc:
        problem = Problem(
            "",
            f"invalid JSON: key {exc} given twice",
            message_zh=f"JSON 格式错误：键 {exc} 出现了两次",
        )
        raise DataError([problem], source) from None
    except json.JSONDecodeError as exc:
        problem = Problem(
            "",
            f"invalid JSON: {exc.msg}",
            exc.lineno,
            exc.colno,
            message_zh=f"JSON 格式错误：{exc.msg}",
        )
        raise DataError([problem], source=source) from None
    except _toml_parser.TOMLDecodeError as exc:
        message = str(exc)
        place = _TOML_PLACE.search(message)
        line, column = (int(place[1]), int(place[2])) if place else (None, None)
        message = _TOML_PLACE.sub("", message).strip()
        problem = Problem(
            "", f"invalid TOML: {message}", line, column, message_zh=f"TOML 格式错误：{message}"
        )
        raise DataError([problem], source) from None
    except RecursionError:
        problem = Problem(
            "",
            f"invalid {fmt.upper()}: nested too deeply",
            message_zh=f"{fmt.upper()} 格式错误：嵌套层数过多",
        )
        raise DataError([problem], source) from None
    except ValueError as exc:  # Python's limit on converting a very long integer
        problem = Problem(
            "",
            f"invalid {fmt.upper()}: a number too long to be a figure ({exc})"[:_LONGEST],
            message_zh=f"{fmt.upper()} 格式错误：数字过长，不可能是报告中的数字",
        )
        raise DataError([problem], source) from None
