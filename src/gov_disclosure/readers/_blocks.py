"""What every reader front-end produces: the source as a flat list of lines and table rows.

Front-ends (text, Markdown, HTML, PDF) only turn their input into blocks;
finding the title, the sections, the tables and their figures is shared
(:mod:`._document`, :mod:`._tables`), so every format is read the same way.
"""

from __future__ import annotations

import attrs

__all__ = [
    "Block",
    "Line",
    "Row",
]


@attrs.frozen
class Line:
    """A line (or paragraph) of text.

    ``heading`` is the level when the source itself marks the line as a heading
    (``<h2>``, ``##``); ``None`` otherwise. ``blank_before`` tells that a blank
    line (a paragraph break) precedes it in the source. ``paragraph`` tells that the
    source marks the line as the first of a paragraph beyond doubt (a Markdown paragraph;
    a text line indented as Chinese paragraphs are, after a blank line), so text before it
    that stops mid-sentence is no paragraph cut by a page break. ``signature`` tells that
    the source marks the line as one of the 落款 (a right-aligned ``<p>`` in Markdown; in
    text whose paragraphs are indented, the unindented lines that end it).
    """

    text: str
    line: int | None = None
    heading: int | None = None
    blank_before: bool = False
    paragraph: bool = False
    signature: bool = False


@attrs.frozen
class Row:
    """A row of a table as printed: its cells in order.

    A cell is ``None`` where a merged cell of an earlier row or column covers
    the position (HTML ``rowspan``/``colspan``), so positions stay aligned.
    ``table`` numbers the source tables, so rows of different tables stay apart.
    """

    cells: tuple[str | None, ...]
    line: int | None = None
    table: int = 0


Block = Line | Row
