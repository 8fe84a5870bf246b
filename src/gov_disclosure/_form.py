"""The official form as data: every data path with its official label.

The labels themselves are written once, in the field metadata of
:mod:`._model`; this module walks the model and offers them by data path
(``applications.withheld.state_secret.natural_person``), together with the
few header labels that belong to no figure (``申请人情况``, ``信息内容`` …).
Renderers, readers, checks and docs all take their labels from here.
"""

from __future__ import annotations

import operator
import re
import typing
from collections.abc import Iterator, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any, Final, Literal

import attrs

from ._cell import Cell
from ._model import (
    COLUMN,
    LABEL,
    PARENT,
    SECTION,
    ActiveDisclosure,
    ApplicantRow,
    Applications,
    OtherMatters,
    ProcessingFees,
    Report,
    ReviewLitigation,
    ReviewOutcomes,
)

__all__ = [
    "APPLICANTS_HEADER",
    "APPLICANT_COLUMNS",
    "APPLICATION_ROWS",
    "BALANCE_NOTE",
    "CELLS",
    "FEES_CELLS",
    "ITEM_HEADER",
    "LABEL_JOINER",
    "LEGAL_PERSONS_HEADER",
    "OUTCOMES_HEADER",
    "OUTCOME_ROWS",
    "PART_CELLS",
    "REVIEW_GROUPS",
    "REVIEW_PARTS",
    "ROW_JOINER",
    "SECTIONS",
    "SECTION_BY_NAME",
    "TABLE_CELLS",
    "CellInfo",
    "CellKind",
    "SectionInfo",
    "build",
    "get",
    "hints",
    "label",
    "place_label",
    "replace",
    "row_label",
    "row_labels",
    "table_cells",
    "table_values",
]

CellKind = Literal["count", "amount"]

#: Joins the labels of a cell's ancestors in messages: ``（七）总计·自然人``.
LABEL_JOINER: Final = "·"

# Header labels that belong to no single figure (spec §3–5).
ITEM_HEADER: Final = "信息内容"
BALANCE_NOTE: Final = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APPLICANTS_HEADER: Final = "申请人情况"
LEGAL_PERSONS_HEADER: Final = "法人或其他组织"
OUTCOMES_HEADER: Final = "三、本年度办理结果"

_CHINESE_ORDINALS: Final = "一二三四五六"


@attrs.frozen
class CellInfo:
    """Where a cell sits in the form and what it is called."""

    path: str
    """Data path, e.g. ``applications.outcome_total.natural_person``."""
    table: str
    """Top-level part the cell belongs to, e.g. ``applications``."""
    labels: tuple[str, ...]
    """Official labels from the table down to the cell, e.g. ``("（七）总计", "自然人")``."""
    kind: CellKind

    @property
    def label(self) -> str:
        """The labels joined for a message: ``（七）总计·自然人``."""
        return LABEL_JOINER.join(self.labels)


@attrs.frozen
class SectionInfo:
    """One of the six sections of a report."""

    name: str
    """Attribute of :class:`Report` holding it, e.g. ``applications``."""
    number: int
    label: str
    """Official heading without its ordinal, e.g. ``收到和处理政府信息公开申请情况``."""

    @property
    def heading(self) -> str:
        """Official heading with its ordinal, e.g. ``三、收到和处理政府信息公开申请情况``."""
        return f"{_CHINESE_ORDINALS[self.number - 1]}、{self.label}"


_HINTS: dict[type[Any], dict[str, Any]] = {}


def hints(cls: type[Any]) -> dict[str, Any]:
    """The resolved type of each field of a model class (computed once per class)."""
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def _cell_kind(tp: Any) -> CellKind | None:
    if typing.get_origin(tp) is Cell:
        (arg,) = typing.get_args(tp)
        return "count" if arg is int else "amount"
    return None


def _walk(cls: type[Any], prefix: str, table: str, labels: tuple[str, ...]) -> Iterator[CellInfo]:
    for field in attrs.fields(cls):
        tp = hints(cls)[field.name]
        meta = field.metadata
        if LABEL not in meta:
            continue
        own = (meta[PARENT],) if PARENT in meta else ()
        own += (meta[LABEL],)
        if COLUMN in meta:
            own += (meta[COLUMN],)
        path = f"{prefix}{field.name}"
        kind = _cell_kind(tp)
        if kind is not None:
            yield CellInfo(path, table, labels + own, kind)
        elif attrs.has(tp):
            yield from _walk(tp, f"{path}.", table, labels + own)


def _section_infos() -> tuple[SectionInfo, ...]:
    found = [
        SectionInfo(f.name, f.metadata[SECTION], f.metadata[LABEL])
        for f in attrs.fields(Report)
        if SECTION in f.metadata
    ]
    return tuple(sorted(found, key=lambda s: s.number))


#: The six sections, in order.
SECTIONS: Final[tuple[SectionInfo, ...]] = _section_infos()
SECTION_BY_NAME: Final[Mapping[str, SectionInfo]] = MappingProxyType({s.name: s for s in SECTIONS})

#: The three tables and their cells, in form order (10 + 175 + 15).
TABLE_CELLS: Final[Mapping[str, tuple[CellInfo, ...]]] = MappingProxyType(
    {
        name: tuple(_walk(cls, f"{name}.", name, ()))
        for name, cls in (
            ("active_disclosure", ActiveDisclosure),
            ("applications", Applications),
            ("review_litigation", ReviewLitigation),
        )
    }
)
FEES_CELLS: Final[tuple[CellInfo, ...]] = tuple(
    _walk(
        ProcessingFees,
        "other_matters.processing_fees.",
        "other_matters",
        (attrs.fields_dict(OtherMatters)["processing_fees"].metadata[LABEL],),
    )
)

#: Every cell of the report (the three tables and 信息处理费), by data path.
CELLS: Final[Mapping[str, CellInfo]] = MappingProxyType(
    {info.path: info for cells in (*TABLE_CELLS.values(), FEES_CELLS) for info in cells}
)

# The shape of tables 三 and 四, for the rules that add up their cells.
#: The columns of a row of table 三: the six applicant kinds, then 总计.
APPLICANT_COLUMNS: Final = tuple(field.name for field in attrs.fields(ApplicantRow))
#: Table 三's 25 rows, and the 21 outcome rows that （七）总计 adds up, by path in the table.
APPLICATION_ROWS: Final = tuple(path for path, _ in Applications().rows())
OUTCOME_ROWS: Final = tuple(path for path, _ in Applications().outcome_rows())
#: Table 四's three groups, and the four outcomes each group's 总计 adds up.
REVIEW_GROUPS: Final = tuple(field.name for field in attrs.fields(ReviewLitigation))
REVIEW_PARTS: Final = tuple(
    field.name for field in attrs.fields(ReviewOutcomes) if field.name != "total"
)
#: The cells of tables 三 and 四 that a total adds up and that are no total themselves.
PART_CELLS: Final = tuple(
    info.path
    for name in ("applications", "review_litigation")
    for info in TABLE_CELLS[name]
    if not info.path.endswith(".total") and not info.path.startswith("applications.outcome_total.")
)


def _labelled_fields(cls: type[Any] = Report, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """Every attribute of the model that has a label, depth first: its data path and its
    field metadata (label, parent header, column)."""
    for field in attrs.fields(cls):
        if LABEL not in field.metadata:
            continue
        path = f"{prefix}{field.name}"
        yield path, field.metadata
        tp = hints(cls)[field.name]
        for candidate in (tp, *typing.get_args(tp)):
            if attrs.has(candidate) and typing.get_origin(candidate) is not Cell:
                yield from _labelled_fields(candidate, f"{path}.")


_LABELLED: Final = tuple(_labelled_fields())
_LABELS: Final[dict[str, str]] = {path: meta[LABEL] for path, meta in _LABELLED}


def label(path: str) -> str:
    """The official label of a data path: a cell, row, group, table or section.

    >>> label("applications.outcome_total.natural_person")
    '（七）总计·自然人'
    >>> label("applications.withheld")
    '（三）不予公开'
    """
    if path in CELLS:
        return CELLS[path].label
    try:
        return _LABELS[path]
    except KeyError:
        msg = f"no such data path: {path!r}"
        raise KeyError(msg) from None


#: The labels each attribute adds to a place (its parent header, label, column), by path.
_OWN_LABELS: Final[dict[str, tuple[str, ...]]] = {
    path: (
        *((meta[PARENT],) if PARENT in meta else ()),
        meta[LABEL],
        *((meta[COLUMN],) if COLUMN in meta else ()),
    )
    for path, meta in _LABELLED
}
_STEP: Final = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)((?:\[\d+\])*)", re.ASCII)


def place_label(path: str) -> str | None:
    """The official labels of a data path, from its section down, for a message to a clerk.

    ``None`` when the path names nothing in the model (an unknown key at the top);
    an unknown key further down gets the labels of the place that holds it.

    >>> place_label("applications.outcome_total.natural_person")
    '三、收到和处理政府信息公开申请情况·（七）总计·自然人'
    >>> place_label("overview.subsections[2].heading")
    '一、总体情况·小节（第 3 项）·小标题'
    >>> place_label("agency.name")
    '机关·机关名称'
    """
    labels: list[str] = []
    bare = ""
    for step in path.split("."):
        match = _STEP.fullmatch(step)
        if match is None:
            break
        bare = f"{bare}.{match[1]}" if bare else match[1]
        if bare in SECTION_BY_NAME:
            labels.append(SECTION_BY_NAME[bare].heading)
        elif bare in _OWN_LABELS:
            labels += _OWN_LABELS[bare]
        else:
            break
        for index in re.findall(r"\d+", match[2]):
            labels[-1] += f"（第 {int(index) + 1} 项）"
    return LABEL_JOINER.join(labels) if labels else None


def get(obj: Any, path: str) -> Any:
    """The value at a data path, e.g. ``get(report, "applications.received.total")``."""
    for name in path.split("."):
        obj = getattr(obj, name)
    return obj


def replace(obj: Any, path: str, value: Any) -> Any:
    """A copy of *obj* with the value at *path* replaced (frozen objects are rebuilt)."""
    head, _, rest = path.partition(".")
    if not rest:
        return attrs.evolve(obj, **{head: value})
    return attrs.evolve(obj, **{head: replace(getattr(obj, head), rest, value)})


#: Each table's cells in form order, and their values, each fetched by one getter (a tuple).
_TABLE_GETTERS: Final = {
    name: operator.attrgetter(*(info.path.partition(".")[2] for info in cells))
    for name, cells in TABLE_CELLS.items()
}
_VALUE_GETTERS: Final = {
    name: operator.attrgetter(*(f"{info.path.partition('.')[2]}.value" for info in cells))
    for name, cells in TABLE_CELLS.items()
}


def table_cells(table: Any, name: str) -> Iterator[tuple[CellInfo, Cell[Any]]]:
    """The cells of a table object (``report.applications`` …) with their info, in form order."""
    return zip(TABLE_CELLS[name], _TABLE_GETTERS[name](table), strict=True)


def table_values(table: Any, name: str) -> tuple[int | Decimal | None, ...]:
    """The values of a table's cells (``None`` for a blank or ``/`` cell), in form order."""
    values: tuple[int | Decimal | None, ...] = _VALUE_GETTERS[name](table)
    return values


#: Joins a group label and a row label on a line of their own:
#: ``（三）不予公开 · 1.属于国家秘密``.
ROW_JOINER: Final = " · "


def row_labels(path: str) -> tuple[str, ...]:
    """The official labels of a table row or group, from the table down.

    >>> row_labels("applications.withheld.state_secret")
    ('（三）不予公开', '1.属于国家秘密')
    >>> row_labels("review_litigation.litigation_direct")
    ('行政诉讼', '未经复议直接起诉')
    """
    prefix = path + "."
    for info in CELLS.values():
        if info.path.startswith(prefix):
            depth = info.path.count(".") - path.count(".")
            return info.labels[:-depth]
    msg = f"no such table row: {path!r}"
    raise KeyError(msg)


def row_label(path: str) -> str:
    """A row's labels joined for a line of its own: ``（三）不予公开 · 1.属于国家秘密``."""
    return ROW_JOINER.join(row_labels(path))


def build(cls: type[Any], values: Mapping[str, Any]) -> Any:
    """An instance of a model class from values at data paths relative to it.

    >>> build(ReviewLitigation, {"review.upheld": Cell(1)}).review.upheld
    Cell(1)
    """
    direct: dict[str, Any] = {}
    nested: dict[str, dict[str, Any]] = {}
    for path, value in values.items():
        head, _, rest = path.partition(".")
        if rest:
            nested.setdefault(head, {})[rest] = value
        else:
            direct[head] = value
    for head, inner in nested.items():
        direct[head] = build(hints(cls)[head], inner)
    return cls(**direct)
