"""The three tables as the official form lays them out: one grid each, computed once.

A :class:`TableLayout` is the table as printed in the form — merged header
cells with their spans, row-group labels over their sub-rows, and the data
cells named by their data paths. The HTML renderer prints the grid as it is;
the Markdown and text renderers flatten it through :attr:`TableLayout.data_rows`;
readers recognise rows and columns through the same structure. So no output
format can drift from another.

Everything here is derived from the labels in the model (through :mod:`._form`).
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from types import MappingProxyType
from typing import Any, Final, Literal

import attrs

from ._cell import Cell
from ._form import (
    APPLICANTS_HEADER,
    BALANCE_NOTE,
    ITEM_HEADER,
    LEGAL_PERSONS_HEADER,
    OUTCOMES_HEADER,
    SECTION_BY_NAME,
    TABLE_CELLS,
    CellInfo,
    hints,
)
from ._model import (
    COLUMN,
    ITEM,
    LABEL,
    PARENT,
    ActiveDisclosure,
    ApplicantRow,
    Applications,
    ReviewLitigation,
    ReviewOutcomes,
)

__all__ = [
    "LAYOUTS",
    "DataRow",
    "GridCell",
    "TableLayout",
]

CellRole = Literal["header", "label", "data"]
Scope = Literal["col", "colgroup", "row", "rowgroup"]


@attrs.frozen
class GridCell:
    """One cell of the printed grid (cells covered by another's span are not listed).

    ``role`` is ``header`` for a column header, ``label`` for a row label and
    ``data`` for a figure, whose ``path`` names it; ``scope`` is the HTML scope
    of a header or label cell.
    """

    role: CellRole
    text: str = ""
    path: str | None = None
    rowspan: int = 1
    colspan: int = 1
    scope: Scope | None = None


@attrs.frozen
class DataRow:
    """One row of figures, with the labels that name it (group label first)."""

    path: str
    """Data path of the row object, e.g. ``applications.withheld.state_secret``."""
    labels: tuple[str, ...]
    """Official labels, e.g. ``("（三）不予公开", "1.属于国家秘密")``."""
    cells: tuple[CellInfo, ...]
    """The row's cells in column order."""
    columns: tuple[str, ...]
    """The column header of each cell, e.g. ``("自然人", …, "总计")``."""
    item: str | None = None
    """Table 二 only: the 第二十条 item the row belongs to (``第二十条第（一）项``)."""


@attrs.frozen
class TableLayout:
    """A table of the form: its grid and its rows of figures."""

    name: str
    """Attribute of :class:`~gov_disclosure.Report`, e.g. ``applications``."""
    caption: str
    """The section heading the table belongs to."""
    width: int
    """Number of grid columns."""
    header_rows: int
    """How many leading grid rows form the table head (0: headers run through the body)."""
    grid: tuple[tuple[GridCell, ...], ...]
    data_rows: tuple[DataRow, ...]

    def cells(self) -> Iterator[GridCell]:
        """Every grid cell, row by row."""
        for row in self.grid:
            yield from row


def _meta(cls: type[Any], name: str) -> Any:
    return attrs.fields_dict(cls)[name].metadata


def _header(text: str, rowspan: int = 1, colspan: int = 1, scope: Scope = "col") -> GridCell:
    return GridCell("header", text, None, rowspan, colspan, scope)


def _label(text: str, rowspan: int = 1, colspan: int = 1) -> GridCell:
    return GridCell("label", text, None, rowspan, colspan, "rowgroup" if rowspan > 1 else "row")


def _data(path: str, colspan: int = 1) -> GridCell:
    return GridCell("data", "", path, 1, colspan)


_CELLS: Final = {info.path: info for cells in TABLE_CELLS.values() for info in cells}


def _columns_of(cls: type[Any]) -> tuple[tuple[str, str], ...]:
    """(name, official label) of each field of a row class."""
    return tuple((f.name, f.metadata[LABEL]) for f in attrs.fields(cls))


# --- table 二 ------------------------------------------------------------------------------


def _active_disclosure() -> TableLayout:
    width = 4
    grid: list[tuple[GridCell, ...]] = []
    data_rows: list[DataRow] = []
    previous_item = None
    types = hints(ActiveDisclosure)
    for field in attrs.fields(ActiveDisclosure):
        meta = field.metadata
        path = f"active_disclosure.{field.name}"
        item = meta[ITEM]
        tp = types[field.name]
        columns: tuple[tuple[str, str], ...]
        if typing.get_origin(tp) is Cell:
            columns = ((field.name, meta[COLUMN]),)
        else:
            columns = _columns_of(tp)
        if item != previous_item:
            grid.append((_header(item, colspan=width, scope="colgroup"),))
            span = width - 1 if len(columns) == 1 else 1
            grid.append(
                (_header(ITEM_HEADER), *(_header(label, colspan=span) for _, label in columns))
            )
            previous_item = item
        cells: tuple[CellInfo, ...]
        if len(columns) == 1:
            cells = (_CELLS[path],)
            grid.append((_label(meta[LABEL]), _data(path, colspan=width - 1)))
        else:
            cells = tuple(_CELLS[f"{path}.{name}"] for name, _ in columns)
            grid.append((_label(meta[LABEL]), *(_data(info.path) for info in cells)))
        data_rows.append(
            DataRow(path, (meta[LABEL],), cells, tuple(label for _, label in columns), item)
        )
    return TableLayout(
        "active_disclosure",
        SECTION_BY_NAME["active_disclosure"].heading,
        width,
        0,
        tuple(grid),
        tuple(data_rows),
    )


# --- table 三 -------------------------------------------------------------------------------


def _applications() -> TableLayout:
    columns = _columns_of(ApplicantRow)
    labels = tuple(label for _, label in columns)
    legal_persons = columns[1:-1]
    head = (
        (
            _header(BALANCE_NOTE, rowspan=3, colspan=3, scope="col"),
            _header(APPLICANTS_HEADER, colspan=len(columns), scope="colgroup"),
        ),
        (
            _header(columns[0][1], rowspan=2),
            _header(LEGAL_PERSONS_HEADER, colspan=len(legal_persons), scope="colgroup"),
            _header(columns[-1][1], rowspan=2),
        ),
        tuple(_header(label) for _, label in legal_persons),
    )
    types = hints(Applications)
    fields = attrs.fields(Applications)
    # 三、本年度办理结果 runs down the left of （一） … （七）总计: every field but the
    # first two (一、二) and the last (四、结转下年度继续办理).
    outcome_block = fields[2:-1]
    vertical_span = len(list(Applications().outcome_rows())) + 1
    body: list[tuple[GridCell, ...]] = []
    data_rows: list[DataRow] = []

    def add(path: str, row_labels: tuple[str, ...], leading: tuple[GridCell, ...]) -> None:
        cells = tuple(_CELLS[f"{path}.{name}"] for name, _ in columns)
        body.append((*leading, *(_data(info.path) for info in cells)))
        data_rows.append(DataRow(path, row_labels, cells, labels))

    for field in fields:
        path = f"applications.{field.name}"
        label = field.metadata[LABEL]
        tp = types[field.name]
        vertical = (_label(OUTCOMES_HEADER, rowspan=vertical_span),)
        if field not in outcome_block:
            add(path, (label,), (_label(label, colspan=3),))
        elif tp is ApplicantRow:
            leading = vertical if field is outcome_block[0] else ()
            add(path, (label,), (*leading, _label(label, colspan=2)))
        else:
            rows = attrs.fields(tp)
            for index, row in enumerate(rows):
                group = (_label(label, rowspan=len(rows)),) if index == 0 else ()
                row_path = f"{path}.{row.name}"
                add(row_path, (label, row.metadata[LABEL]), (*group, _label(row.metadata[LABEL])))
    return TableLayout(
        "applications",
        SECTION_BY_NAME["applications"].heading,
        3 + len(columns),
        len(head),
        (*head, *body),
        tuple(data_rows),
    )


# --- table 四 --------------------------------------------------------------------------------


def _review_litigation() -> TableLayout:
    columns = _columns_of(ReviewOutcomes)
    groups = attrs.fields(ReviewLitigation)
    top: list[GridCell] = []
    second: list[GridCell] = []
    third: list[GridCell] = []
    parents: list[tuple[str, int]] = []
    for group in groups:
        parent = group.metadata.get(PARENT)
        if parent is None:
            top.append(_header(group.metadata[LABEL], colspan=len(columns), scope="colgroup"))
            second += [_header(label, rowspan=2) for _, label in columns]
        else:
            if parents and parents[-1][0] == parent:
                parents[-1] = (parent, parents[-1][1] + len(columns))
            else:
                parents.append((parent, len(columns)))
            second.append(_header(group.metadata[LABEL], colspan=len(columns), scope="colgroup"))
            third += [_header(label) for _, label in columns]
    top += [_header(parent, colspan=span, scope="colgroup") for parent, span in parents]
    cells: list[CellInfo] = []
    data_rows: list[DataRow] = []
    for group in groups:
        path = f"review_litigation.{group.name}"
        row = tuple(_CELLS[f"{path}.{name}"] for name, _ in columns)
        cells += row
        parent = group.metadata.get(PARENT)
        labels = (*((parent,) if parent else ()), group.metadata[LABEL])
        data_rows.append(DataRow(path, labels, row, tuple(label for _, label in columns)))
    width = len(cells)
    return TableLayout(
        "review_litigation",
        SECTION_BY_NAME["review_litigation"].heading,
        width,
        3,
        (tuple(top), tuple(second), tuple(third), tuple(_data(info.path) for info in cells)),
        tuple(data_rows),
    )


#: The layout of each table, by the name of its attribute of :class:`~gov_disclosure.Report`.
LAYOUTS: Final[MappingProxyType[str, TableLayout]] = MappingProxyType(
    {
        layout.name: layout
        for layout in (_active_disclosure(), _applications(), _review_litigation())
    }
)
