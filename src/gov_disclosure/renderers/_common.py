"""What the renderers share: their base, the walk over the outline, and the table views.

:class:`Renderer` is what every renderer is: ``render(report)`` gives the report
in one output format (``str`` for the text formats, ``bytes`` for ``.docx``).
:class:`BlockRenderer` turns a report into :func:`~gov_disclosure._outline.outline`
blocks and hands each to the method of its kind; a text renderer only says how a
title, a heading, a paragraph, a table and the signature look. The tables come
in two views of the one layout of :mod:`gov_disclosure._layout`: the grid with
each cell's column (:func:`grid_positions`, for HTML and TSV) and the flattened
tables of :func:`flat_tables` (for Markdown and aligned text).

What does not depend on the report — the markup around the figures, the
escaped labels, the spans — is worked out once per table (:func:`per_table`);
rendering a report only fills in its figures.
"""

from __future__ import annotations

import abc
import functools
import operator
from collections.abc import Callable
from typing import Any, Final, Generic, TypeAlias, TypeVar, assert_never

import attrs

from .._cell import Cell
from .._form import ITEM_HEADER, ROW_JOINER
from .._layout import DataRow, GridCell, TableLayout
from .._model import Report
from .._outline import Block, Heading, Paragraph, Signature, TableBlock, Title, cell_text, outline

__all__ = [
    "ROW_HEADER",
    "BlockRenderer",
    "FlatTable",
    "Getter",
    "Renderer",
    "cell_getter",
    "flat_tables",
    "grid_positions",
    "per_table",
    "row_label",
]

#: Header of the label column of a flattened table 三 or 四 (the form prints none there).
ROW_HEADER: Final = "项目"

T = TypeVar("T")
Output = TypeVar("Output", str, bytes)
Getter: TypeAlias = Callable[[Any], Cell[Any]]


class Renderer(abc.ABC, Generic[Output]):
    """A renderer: ``render(report)`` is the report in one output format.

    ``Renderer[str]`` for the text formats (Markdown, HTML, plain text),
    ``Renderer[bytes]`` for a Word document. A renderer's options are its
    constructor's arguments; an instance renders any number of reports.
    """

    __slots__ = ()

    @abc.abstractmethod
    def render(self, report: Report) -> Output:
        """The whole report in this renderer's format."""


class BlockRenderer(Renderer[str]):
    """A report printed as text in one output format, block by block.

    :meth:`render` walks the outline of the report and calls :meth:`title`,
    :meth:`heading`, :meth:`paragraph`, :meth:`table` or :meth:`signature` for
    each block, then :meth:`document` to put the pieces together.
    """

    __slots__ = ()

    def render(self, report: Report) -> str:
        """The whole report in this renderer's format."""
        blocks = outline(report)
        return self.document(blocks, [self.block(block) for block in blocks])

    def block(self, block: Block) -> str:
        """One block in this renderer's format."""
        if isinstance(block, Paragraph):
            return self.paragraph(block)
        if isinstance(block, Heading):
            return self.heading(block)
        if isinstance(block, TableBlock):
            return self.table(block)
        if isinstance(block, Title):
            return self.title(block)
        if isinstance(block, Signature):
            return self.signature(block)
        assert_never(block)

    def document(self, blocks: list[Block], rendered: list[str]) -> str:
        """The rendered blocks as one document: separated by a blank line, ending in a newline."""
        return "\n\n".join(rendered) + "\n"

    @abc.abstractmethod
    def title(self, block: Title) -> str:
        """The report's title."""

    @abc.abstractmethod
    def heading(self, block: Heading) -> str:
        """A section (level 1) or subsection (level 2) heading."""

    @abc.abstractmethod
    def paragraph(self, block: Paragraph) -> str:
        """A paragraph of text."""

    @abc.abstractmethod
    def table(self, block: TableBlock) -> str:
        """One of the three tables."""

    @abc.abstractmethod
    def signature(self, block: Signature) -> str:
        """The 落款: the agency's name and the date, one line each."""


def per_table(build: Callable[[TableLayout], T]) -> Callable[[TableLayout], T]:
    """Decorator: *build* runs once per table (by its name); later calls reuse the result."""
    found: dict[str, T] = {}

    @functools.wraps(build)
    def cached(layout: TableLayout) -> T:
        try:
            return found[layout.name]
        except KeyError:
            result = found[layout.name] = build(layout)
            return result

    return cached


# --- cells --------------------------------------------------------------------------------


def cell_getter(path: str) -> Getter:
    """A function from a table object to its cell at *path* (``applications.received.total``)."""
    return operator.attrgetter(path.partition(".")[2])


def row_label(row: DataRow) -> str:
    """A data row's labels on one line, group label first: ``（三）不予公开 · 1.属于国家秘密``."""
    return ROW_JOINER.join(row.labels)


# --- the grid -----------------------------------------------------------------------------


@per_table
def grid_positions(layout: TableLayout) -> tuple[tuple[tuple[int, GridCell], ...], ...]:
    """Each grid row as ``(column, cell)`` pairs: where each cell starts, spans allowed for.

    The HTML table model: a cell takes the first column of its row not covered
    by a cell above it that spans rows.
    """
    covered: set[tuple[int, int]] = set()
    rows = []
    for r, grid_row in enumerate(layout.grid):
        column = 0
        placed = []
        for cell in grid_row:
            while (r, column) in covered:
                column += 1
            placed.append((column, cell))
            covered.update(
                (r + dr, column + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan)
            )
            column += cell.colspan
        rows.append(tuple(placed))
    return tuple(rows)


# --- flattened tables ---------------------------------------------------------------------


@attrs.frozen
class FlatTable:
    """A table as rows of one label and its figures, for formats without merged cells.

    Table 二 flattens into one such table per 第二十条 item, titled with the
    item; tables 三 and 四 into one untitled table each.
    """

    title: str | None
    """The item label over the table (``第二十条第（一）项``), or ``None``."""
    header: tuple[str, ...]
    """The label column's header, then each figure column's label."""
    rows: tuple[DataRow, ...]
    labels: tuple[str, ...] = attrs.field(init=False)
    """Each row's labels on one line (:func:`row_label`)."""
    getters: tuple[tuple[Getter, ...], ...] = attrs.field(init=False, eq=False, repr=False)

    @labels.default
    def _labels(self) -> tuple[str, ...]:
        return tuple(map(row_label, self.rows))

    @getters.default
    def _getters(self) -> tuple[tuple[Getter, ...], ...]:
        return tuple(tuple(cell_getter(info.path) for info in row.cells) for row in self.rows)

    def figures(self, table: Any) -> list[list[str]]:
        """The printed figures of each row, read from the table object *table*."""
        return [[cell_text(get(table)) for get in getters] for getters in self.getters]


@per_table
def flat_tables(layout: TableLayout) -> tuple[FlatTable, ...]:
    """The layout flattened into tables of labelled rows.

    Table 二 gives one table per 第二十条 item (its rows' ``item``), headed
    信息内容 and the item's column labels; tables 三 and 四 one table each,
    whose label column is headed :data:`ROW_HEADER`.
    """
    items: dict[str | None, list[DataRow]] = {}
    for row in layout.data_rows:
        items.setdefault(row.item, []).append(row)
    return tuple(
        FlatTable(
            item,
            (ROW_HEADER if item is None else ITEM_HEADER, *rows[0].columns),
            tuple(rows),
        )
        for item, rows in items.items()
    )
