"""The report as GitHub-flavoured Markdown.

Every block is separated from the next by one blank line, and the document
ends with a newline. No line of a block is blank, so a reader can split the
document on blank lines.

* Title: ``# `` and the title; section headings ``## 一、总体情况``; subsection
  headings ``### （一）主动公开情况``. Their text goes through
  :func:`~gov_disclosure._escape.escape_markdown_cell` (one line; a newline as ``<br>``).
* Paragraph: its text through :func:`~gov_disclosure._escape.escape_markdown`
  (a newline inside it as a hard line break: a backslash ending the line).
* Table: flattened (:func:`~._common.flat_tables`). Each flat table is a pipe
  table — a header row, a delimiter row (``| --- | ---: | …``: labels left,
  figures right), then one row per data row — every row written
  ``| cell | cell |`` with every cell through ``escape_markdown_cell``, so every
  row has the same number of cells. The first column holds the row's labels
  joined by ``" · "`` (``（三）不予公开 · 1.属于国家秘密``). Table 二 is one such
  table per 第二十条 item, each after its item label written bold as a
  paragraph of its own (``**第二十条第（一）项**``), its columns ``信息内容`` and
  the item's figure columns. Tables 三 and 四 are one table each, the label
  column headed ``项目``.
* Signature: one line per signature line, ``<p align="right">…</p>`` (an HTML
  block, right-aligned where the Markdown is shown, e.g. on GitHub), the text
  through :func:`~gov_disclosure._escape.escape_markdown_html`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

import attrs

from .._escape import escape_markdown, escape_markdown_cell, escape_markdown_html
from .._layout import TableLayout
from .._outline import Heading, Paragraph, Signature, TableBlock, Title
from ._common import BlockRenderer, FlatTable, flat_tables, per_table

#: Opening and close of a signature line.
SIGNATURE_OPEN: Final = '<p align="right">'
SIGNATURE_CLOSE: Final = "</p>"
_LABEL_ALIGN: Final = "---"
_FIGURE_ALIGN: Final = "---:"


def _row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(map(escape_markdown_cell, cells)) + " |"


@attrs.frozen
class _PipeTable:
    """A flat table's head (bold title, header row, delimiter row) and its rows' openings."""

    flat: FlatTable
    head: str
    openings: tuple[str, ...]

    def fill(self, table: Any) -> str:
        rows = (
            opening + " | ".join(map(escape_markdown_cell, cells)) + " |"
            for opening, cells in zip(self.openings, self.flat.figures(table), strict=True)
        )
        return self.head + "\n".join(rows)


@per_table
def _pipe_tables(layout: TableLayout) -> tuple[_PipeTable, ...]:
    tables = []
    for flat in flat_tables(layout):
        title = "" if flat.title is None else f"**{escape_markdown_cell(flat.title)}**\n\n"
        aligns = (_LABEL_ALIGN, *(_FIGURE_ALIGN for _ in flat.header[1:]))
        head = f"{title}{_row(flat.header)}\n| {' | '.join(aligns)} |\n"
        openings = tuple(f"| {escape_markdown_cell(label)} | " for label in flat.labels)
        tables.append(_PipeTable(flat, head, openings))
    return tuple(tables)


@attrs.frozen
class MarkdownRenderer(BlockRenderer):
    """Renders a report as GitHub-flavoured Markdown, the tables flattened into pipe tables.

    >>> import gov_disclosure as gd
    >>> from gov_disclosure.renderers import MarkdownRenderer
    >>> text = MarkdownRenderer().render(gd.Report(gd.Agency("某局"), 2024))
    >>> text.splitlines()[0]
    '# 某局2024年政府信息公开工作年度报告'
    """

    def title(self, block: Title) -> str:
        """``# `` and the title."""
        return "# " + escape_markdown_cell(block.text)

    def heading(self, block: Heading) -> str:
        """``## `` and a section heading, ``### `` and a subsection heading."""
        return "#" * (block.level + 1) + " " + escape_markdown_cell(block.text)

    def paragraph(self, block: Paragraph) -> str:
        """The paragraph's text, escaped to read literally."""
        return escape_markdown(block.text)

    def table(self, block: TableBlock) -> str:
        """Pipe tables: one per 第二十条 item for table 二 (after its bold label), else one."""
        return "\n\n".join(pipe.fill(block.table) for pipe in _pipe_tables(block.layout))

    def signature(self, block: Signature) -> str:
        """Each line as a right-aligned HTML paragraph."""
        return "\n".join(
            f"{SIGNATURE_OPEN}{escape_markdown_html(line)}{SIGNATURE_CLOSE}" for line in block.lines
        )
