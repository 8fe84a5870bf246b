"""The report as plain text: aligned tables to read, or tab-separated tables to paste into Word.

Every block is separated from the next by one blank line, and the document
ends with a newline. Every text goes through
:func:`~gov_disclosure._escape.escape_text`, so it is one line, with no tab
and no whitespace at either end (a newline in it is written ``\\n``).

* Title: the first line. Headings (``一、总体情况``, ``（一）主动公开情况``): a
  line each, not indented. Paragraphs: a line each, indented with two
  ideographic spaces (U+3000 U+3000), as Chinese documents indent them — so a
  paragraph that starts like a heading (``（三）…``) is still told apart.
* Signature: the last block, one line per signature line, not indented.
* Tables, ``layout="aligned"``: flattened (:func:`~._common.flat_tables`) and
  drawn with tabulate's ``psql`` format (ASCII borders, column widths measured
  in terminal cells, so CJK text lines up): a border line, the header row, a
  rule, one line per data row, a border line; every row ``| cell | cell |``
  with every cell through :func:`~gov_disclosure._escape.escape_text_cell`
  (which also writes ``|`` as ``\\|``); labels left, figures right. The first
  column holds the row's labels joined by ``" · "``. Table 二 is one table per
  第二十条 item, each after a line with the item label (the label line and its
  table form one block); tables 三 and 四 are one table each, the label column
  headed ``项目``.
* Tables, ``layout="tsv"``: the form's grid, one line per grid row, as many
  tab-separated fields as the grid has columns (10 for table 三), a position
  covered by a merged cell an empty field — as an agency pastes the form into Word.

A cell prints blank when blank, ``/`` when not applicable, a note after its
number (``22（其中修订16件）``).
"""

from __future__ import annotations

from typing import Any, Final, Literal

import attrs
from tabulate import tabulate

from .. import _validators as v
from .._escape import escape_text, escape_text_cell, escape_text_line
from .._layout import TableLayout
from .._outline import Heading, Paragraph, Signature, TableBlock, Title, cell_text
from ._common import (
    BlockRenderer,
    FlatTable,
    Getter,
    cell_getter,
    flat_tables,
    grid_positions,
    per_table,
)

TextLayout = Literal["aligned", "tsv"]
TEXT_LAYOUTS: Final[tuple[TextLayout, ...]] = ("aligned", "tsv")
#: The indentation of a paragraph: two ideographic spaces.
PARAGRAPH_INDENT: Final = "\u3000\u3000"
#: The tabulate format of the aligned tables.
TABLE_FORMAT: Final = "psql"


@attrs.frozen
class _AlignedTable:
    """A flat table's escaped title, header and labels, ready for tabulate."""

    flat: FlatTable
    title: str | None
    header: tuple[str, ...]
    labels: tuple[str, ...]
    align: tuple[str, ...]

    def fill(self, table: Any) -> str:
        rows = [
            [label, *map(escape_text_cell, cells)]
            for label, cells in zip(self.labels, self.flat.figures(table), strict=True)
        ]
        text = tabulate(
            rows, self.header, tablefmt=TABLE_FORMAT, disable_numparse=True, colalign=self.align
        )
        return text if self.title is None else f"{self.title}\n{text}"


@per_table
def _aligned_tables(layout: TableLayout) -> tuple[_AlignedTable, ...]:
    return tuple(
        _AlignedTable(
            flat,
            None if flat.title is None else escape_text(flat.title),
            tuple(map(escape_text_cell, flat.header)),
            tuple(map(escape_text_cell, flat.labels)),
            ("left", *("right" for _ in flat.header[1:])),
        )
        for flat in flat_tables(layout)
    )


@attrs.frozen
class _TsvTable:
    """A table's TSV lines as fields, with the figures' positions and getters."""

    lines: tuple[tuple[str, ...], ...]
    figures: tuple[tuple[int, int, Getter], ...]

    def fill(self, table: Any) -> str:
        lines = [list(fields) for fields in self.lines]
        for row, column, getter in self.figures:
            lines[row][column] = escape_text(cell_text(getter(table)))
        return "\n".join("\t".join(fields) for fields in lines)


@per_table
def _tsv_table(layout: TableLayout) -> _TsvTable:
    lines = []
    found = []
    for r, row in enumerate(grid_positions(layout)):
        fields = [""] * layout.width
        for column, cell in row:
            if cell.path is None:
                fields[column] = escape_text(cell.text)
            else:
                found.append((r, column, cell_getter(cell.path)))
        lines.append(tuple(fields))
    return _TsvTable(tuple(lines), tuple(found))


@attrs.frozen
class TextRenderer(BlockRenderer):
    """Renders a report as plain text, tables aligned (``"aligned"``) or tab-separated (``"tsv"``).

    >>> import gov_disclosure as gd
    >>> from gov_disclosure.renderers import TextRenderer
    >>> report = gd.Report(gd.Agency("某局"), 2024, preamble=["根据条例。"])
    >>> TextRenderer().render(report).splitlines()[:3]
    ['某局2024年政府信息公开工作年度报告', '', '\u3000\u3000根据条例。']
    """

    layout: TextLayout = attrs.field(
        default="aligned", kw_only=True, validator=v.one_of(TEXT_LAYOUTS, optional=False)
    )

    def title(self, block: Title) -> str:
        """The title on a line of its own."""
        return escape_text_line(block.text)

    def heading(self, block: Heading) -> str:
        """The heading on a line of its own."""
        return escape_text_line(block.text)

    def paragraph(self, block: Paragraph) -> str:
        """The paragraph on one line, indented with two ideographic spaces."""
        return PARAGRAPH_INDENT + escape_text_line(block.text)

    def table(self, block: TableBlock) -> str:
        """The table, aligned and flattened or as the form's grid in TSV."""
        if self.layout == "tsv":
            return _tsv_table(block.layout).fill(block.table)
        return "\n\n".join(table.fill(block.table) for table in _aligned_tables(block.layout))

    def signature(self, block: Signature) -> str:
        """One line per signature line."""
        return "\n".join(map(escape_text_line, block.lines))
