"""The TOML data file, written for people: in form order, every figure labelled.

Each table row is one line, an inline table, with its official label as a
comment, so an agency can fill in a report file without the docs open::

    [applications]
    received = { natural_person = 3, …, total = 4 }  # 一、本年新收政府信息公开申请数量

TOML has no null: a blank cell is left out (``{ natural_person = 3 }``).
"""

from __future__ import annotations

import datetime
import json
import re
import typing
from collections.abc import Mapping, Sequence
from typing import Any, Final

import attrs

from ._cell import NOT_APPLICABLE, Cell
from ._convert import to_dict
from ._form import SECTIONS, hints, label, row_label
from ._model import (
    AGENCY_KINDS,
    LABEL,
    OVERVIEW_TOPICS,
    Narrative,
    OtherMatters,
    ProcessingFees,
    Report,
)

__all__ = ["dumps_toml"]

_CONTROL: Final = re.compile(r"[\x00-\x1f\x7f]")
_HEADER: Final = "政府信息公开工作年度报告数据文件（国办公开办函〔2021〕30号格式）"


def _string(text: str) -> str:
    # JSON string escapes are a subset of TOML's basic-string escapes; TOML also
    # forbids a raw DEL, which JSON leaves alone.
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _one_line(text: str) -> str:
    """Comment text: TOML comments end at a newline and may hold no control characters."""
    return _CONTROL.sub(" ", text)


def _value(value: Any) -> str:
    if isinstance(value, datetime.date):
        return value.isoformat()  # a TOML local date
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Mapping):
        return _inline(value)
    msg = f"cannot write {value!r} to TOML"
    raise TypeError(msg)


def _inline(data: Mapping[str, Any]) -> str:
    items = [f"{key} = {_value(value)}" for key, value in data.items() if value is not None]
    return "{ " + ", ".join(items) + " }" if items else "{}"


class _Writer:
    def __init__(self, *, template: bool = False) -> None:
        self.lines: list[str] = []
        self.template = template

    def comment(self, text: str) -> None:
        self.lines.append(f"# {_one_line(text)}")

    def blank(self) -> None:
        if self.lines and self.lines[-1]:
            self.lines.append("")

    def header(self, name: str, comment: str | None = None, *, array: bool = False) -> None:
        self.blank()
        text = f"[[{name}]]" if array else f"[{name}]"
        self.lines.append(f"{text}  # {_one_line(comment)}" if comment else text)

    def key(
        self, key: str, value: Any, comment: str | None = None, placeholder: str = '""'
    ) -> None:
        """``key = value  # comment``; in a template, an absent value as a commented-out line."""
        if value is None:
            if self.template:
                note = f"  # {_one_line(comment)}" if comment else ""
                self.lines.append(f"# {key} = {placeholder}{note}")
            return
        if isinstance(value, Sequence) and not isinstance(value, str):
            self._array(key, value, comment)
            return
        line = f"{key} = {_value(value)}"
        self.lines.append(f"{line}  # {_one_line(comment)}" if comment else line)

    def _array(self, key: str, items: Sequence[str], comment: str | None) -> None:
        if comment:
            self.comment(comment)
        if not items:
            self.lines.append(f"{key} = []")
            return
        self.lines.append(f"{key} = [")
        self.lines += [f"    {_string(item)}," for item in items]
        self.lines.append("]")


def dumps_toml(report: Report, *, template: bool = False) -> str:
    """The report as an annotated TOML data file.

    With *template*, absent optional values are written as commented-out lines
    to fill in (``# address = ""  # 地址``).
    """
    data = to_dict(report)
    out = _Writer(template=template)
    out.comment(report.title or report.default_title)
    out.comment(_HEADER)
    out.comment(
        f'空白的单元格不写出（TOML 没有 null）；不适用写作 "{NOT_APPLICABLE}"；'
        '金额写作字符串，如 "7730.28"。'
    )
    out.blank()
    data["published"] = report.published  # TOML has dates of its own
    placeholders = {"published": f"{report.year + 1}-01-20"}
    for key in ("year", "title", "published", "preamble", "closing"):
        out.key(key, data[key], label(key), placeholders.get(key, '""'))
    out.header("agency", label("agency"))
    for key, value in data["agency"].items():
        comment = label(f"agency.{key}")
        if key == "kind":
            comment += "：" + "，".join(f"{k} {v}" for k, v in AGENCY_KINDS.items())
        out.key(key, value, comment)
    for section in SECTIONS:
        section_data = data[section.name]
        if section_data is None:
            continue
        out.header(section.name, section.heading)
        cls = hints(Report)[section.name]
        cls = next(c for c in (cls, *typing.get_args(cls)) if attrs.has(c))
        if issubclass(cls, Narrative):
            _narrative(out, section.name, section_data, cls)
        else:
            _table(out, cls, section_data, section.name)
    return "\n".join(out.lines) + "\n"


def _narrative(out: _Writer, path: str, data: Mapping[str, Any], cls: type[Any]) -> None:
    out.key("paragraphs", data["paragraphs"], "段落（在第一个小节之前）")
    for sub in data["subsections"]:
        out.header(f"{path}.subsections", "小节（标题不含序号）", array=True)
        out.key("heading", sub["heading"])
        topic = "主题：" + "，".join(f"{k} {v}" for k, v in OVERVIEW_TOPICS.items())
        out.key("topic", sub["topic"], topic)
        out.key("paragraphs", sub["paragraphs"])
    if cls is OtherMatters and data["processing_fees"] is not None:
        fees = data["processing_fees"]
        out.header(f"{path}.processing_fees", label(f"{path}.processing_fees"))
        for field in attrs.fields(ProcessingFees):
            out.key(field.name, fees[field.name], field.metadata["label"])


def _table(out: _Writer, cls: type[Any], data: Mapping[str, Any], path: str) -> None:
    """A table's rows, one line each; before the first row of each kind, its columns' labels."""
    explained: set[type[Any]] = set()

    def columns(row_cls: type[Any]) -> None:
        if row_cls not in explained:
            explained.add(row_cls)
            names = "，".join(f"{f.name} {f.metadata[LABEL]}" for f in attrs.fields(row_cls))
            out.comment(f"每行各列：{names}")

    for name, tp in _fields(cls):
        value = data[name]
        sub = f"{path}.{name}"
        if _is_cell(tp):
            out.key(name, value, label(sub))
        elif _is_row(tp):
            columns(tp)
            out.key(name, value, row_label(sub))
        else:  # a group of rows: dotted keys keep the rows in form order
            for row, row_tp in _fields(tp):
                columns(row_tp)
                out.key(f"{name}.{row}", value[row], row_label(f"{sub}.{row}"))


def _fields(cls: type[Any]) -> list[tuple[str, Any]]:
    """(name, type) of each field of an attrs class, types resolved."""
    types = hints(cls)
    return [(field.name, types[field.name]) for field in attrs.fields(cls)]


def _is_cell(tp: Any) -> bool:
    return typing.get_origin(tp) is Cell


def _is_row(tp: Any) -> bool:
    return attrs.has(tp) and not _is_cell(tp) and all(_is_cell(t) for _, t in _fields(tp))
